package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// textItem places ASCII text at (x, y) points from the page's top left.
type textItem struct {
	x, y, size float64
	text       string
}

// minimalPDF writes a PDF with Helvetica text, one page per element; extra
// goes into the trailer dictionary (an /Encrypt entry, say).
func minimalPDF(pages [][]textItem, extra string) []byte {
	var buf bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, buf.Len())
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	buf.WriteString("%PDF-1.4\n")
	var kids []string
	for i := range pages {
		kids = append(kids, fmt.Sprintf("%d 0 R", 4+2*i))
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	for i, items := range pages {
		var content strings.Builder
		for _, it := range items {
			t := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(it.text)
			fmt.Fprintf(&content, "BT /F1 %g Tf %g %g Td (%s) Tj ET\n", it.size, it.x, 842-it.y-it.size, t)
		}
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i))
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()))
	}
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&buf, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, extra, xref)
	return buf.Bytes()
}

func needPdftotext(t testing.TB) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is needed: apt-get install poppler-utils poppler-data (make deps does it)")
	}
}

func readPDF(t *testing.T, data []byte, opt PDFOptions) (*Document, error) {
	t.Helper()
	needPdftotext(t)
	return PDF(context.Background(), bytes.NewReader(data), int64(len(data)), opt)
}

func TestPDFParagraphsPagesAndFurniture(t *testing.T) {
	body := func(y float64, s string) textItem { return textItem{72, y, 12, s} }
	pages := [][]textItem{
		{
			body(100, "Total income and expenditure came to 2,149.94 and rose by"),
			body(118, "4.07 over the year before."),
			{90, 150, 12, "A new paragraph starts indented."},
			{290, 800, 10, "- 1 -"},
		},
		{},
		{body(100, "Third page.")},
	}
	// Make the first line as wide as the page's prose, so it runs on.
	pages[0] = append(pages[0], body(136, strings.Repeat("x", 1)))
	doc, err := readPDF(t, minimalPDF(pages, ""), PDFOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range doc.Blocks {
		got = append(got, fmt.Sprintf("%s p%d: %s", b.Kind, b.Pos.Page, b.Text))
	}
	want := []string{
		"paragraph p1: Total income and expenditure came to 2,149.94 and rose by 4.07 over the year before.",
		"paragraph p1: x",
		"paragraph p1: A new paragraph starts indented.",
		"furniture p1: - 1 -",
		"paragraph p3: Third page.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if doc.Pages != 3 || len(doc.Problems) != 1 || !errors.Is(doc.Problems[0], ErrNoText) || doc.Problems[0].Pos.Page != 2 {
		t.Errorf("pages %d, problems %v; want 3 pages and page 2 without text", doc.Pages, doc.Problems)
	}
}

func TestPDFErrors(t *testing.T) {
	good := minimalPDF([][]textItem{{{72, 100, 12, "Hello 1.5"}}}, "")
	encrypted := minimalPDF([][]textItem{{{72, 100, 12, "secret"}}},
		"/Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <"+strings.Repeat("11", 32)+"> /U <"+strings.Repeat("22", 32)+"> >> /ID [<"+strings.Repeat("33", 16)+"> <"+strings.Repeat("33", 16)+">]")
	dir := t.TempDir()
	slow := filepath.Join(dir, "slow-pdftotext")
	if err := os.WriteFile(slow, []byte("#!/bin/sh\nexec sleep 10\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		opt  PDFOptions
		want error
	}{
		{"html saved as pdf", []byte("<html><body>404 Not Found</body></html>"), PDFOptions{}, ErrDamaged},
		{"truncated", good[:len(good)/3], PDFOptions{}, ErrDamaged},
		{"encrypted", encrypted, PDFOptions{}, ErrEncrypted},
		{"timeout", good, PDFOptions{Pdftotext: slow, Timeout: 200 * time.Millisecond}, ErrTimeout},
		{"no pdftotext", good, PDFOptions{Pdftotext: filepath.Join(dir, "none")}, ErrNoPdftotext},
	}
	for _, tt := range tests {
		start := time.Now()
		_, err := readPDF(t, tt.data, tt.opt)
		if !errors.Is(err, tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: err = %v; want one line wrapping %v", tt.name, err, tt.want)
		}
		if time.Since(start) > 5*time.Second {
			t.Errorf("%s: took %s", tt.name, time.Since(start))
		}
	}
}
