package main

import (
	"context"
	"fmt"
	"hash/fnv"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// The converters: headless Chromium prints each HTML to PDF, pdftotext
// makes the text copy, LibreOffice converts HTML to docx in batches (one
// soffice at a time: it shares its profile).

// chromiumPDF prints one HTML file to PDF.
func chromiumPDF(ctx context.Context, html, pdf string) error {
	prof, err := os.MkdirTemp("", "mkreports-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(prof)
	abs, err := filepath.Abs(html)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir="+prof,
		"--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+abs)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("chromium %s: %w: %s", filepath.Base(html), err, tail(out))
	}
	if _, err := os.Stat(pdf); err != nil {
		return fmt.Errorf("chromium %s: no pdf written", filepath.Base(html))
	}
	return nil
}

// textCopy is the pdftotext mode a document's text copy is made in: most
// are -raw (rows as lines, cells a space apart, the content stream's
// order), one in three -layout (columns kept by blanks, blank lines where
// the page has room). The choice hangs on the name alone, so it draws
// nothing from the document's random source.
func textCopy(name string) string {
	h := fnv.New32a()
	h.Write([]byte(name))
	if h.Sum32()%3 == 1 {
		return "-layout"
	}
	return "-raw"
}

// streamOrder reports whether a -raw copy keeps a producer's content
// stream order that draws each table's title after its body, as the
// copies of some real table books do (one document in six).
func streamOrder(name string) bool {
	h := fnv.New32a()
	h.Write([]byte(name))
	return h.Sum32()%6 == 5
}

// pdfText makes the text copy of a PDF in the mode textCopy gives, pages
// separated by form feeds; a copy in stream order (streamOrder) has each
// table's title moved after its body.
func pdfText(ctx context.Context, pdf, txt, mode string, d *Doc) error {
	if out, err := exec.CommandContext(ctx, "pdftotext", mode, "-enc", "UTF-8", pdf, txt).CombinedOutput(); err != nil {
		return fmt.Errorf("pdftotext %s: %w: %s", filepath.Base(pdf), err, tail(out))
	}
	if mode != "-raw" || !streamOrder(d.Name) {
		return nil
	}
	text, err := os.ReadFile(txt)
	if err != nil {
		return err
	}
	return os.WriteFile(txt, []byte(titlesAfter(string(text), d)), 0o644)
}

// titlesAfter moves each table's title line in a -raw copy to the end of
// the table's part on the title's page: before the line that opens the
// block after the table, or before the page's end.
func titlesAfter(text string, d *Doc) string {
	lines := strings.Split(text, "\n")
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	opens := func(l, block string) bool {
		l, block = squash(l), squash(block)
		n := min(len([]rune(block)), 8)
		return n > 0 && strings.HasPrefix(l, string([]rune(block)[:n]))
	}
	at := 0
	for bi, bl := range d.Blocks {
		if bl.Kind != bTable {
			continue
		}
		title, n := -1, 1 // the title's first line and its lines (a long one wraps)
		for i := at; i < len(lines) && title < 0; i++ {
			switch want := squash(bl.Table.Title); {
			case squash(lines[i]) == want:
				title = i
			case i+1 < len(lines) && squash(lines[i]+lines[i+1]) == want:
				title, n = i, 2
			}
		}
		if title < 0 {
			continue // not where it was looked for: left as printed
		}
		var next string // the first text of the block after the table
		for _, nb := range d.Blocks[bi+1:] {
			switch nb.Kind {
			case bHeading, bPara:
				next = nb.Text
			case bTable:
				next = nb.Table.Title
				if nb.Table.Mark != "" {
					next = nb.Table.Mark
				}
			}
			if next != "" {
				break
			}
		}
		end := title + n
		for end < len(lines) && !strings.Contains(lines[end], "\f") && (next == "" || !opens(lines[end], next)) {
			end++
		}
		t := append([]string(nil), lines[title:title+n]...)
		rest := append([]string(nil), lines[title+n:end]...)
		t = append(t, totalLabelAfter(rest)...)
		if len(rest) > 0 && strings.HasPrefix(t[0], "\f") {
			// A title that opens its page: the page still opens there.
			t[0], rest[0] = strings.TrimPrefix(t[0], "\f"), "\f"+rest[0]
		}
		moved := append(append(append([]string(nil), lines[:title]...), rest...), t...)
		lines = append(moved, lines[end:]...)
		at = end
	}
	return strings.Join(lines, "\n")
}

// totalLineRe is a table's 合计 line in a -raw copy: the label and its
// figures.
var totalLineRe = regexp.MustCompile(`^合计((?:\s+[-\d,.]+)+)$`)

// totalLabelAfter draws a table's 合计 as the same producers do: where the
// first line of figures in the table's part is its 合计, the label goes
// with the title after the table and the figures stay, alone on their
// line (江苏 table books, 2019). It edits rest and returns the lines that
// follow the title.
func totalLabelAfter(rest []string) []string {
	for i, l := range rest {
		m := totalLineRe.FindStringSubmatch(strings.TrimSpace(l))
		if m != nil {
			rest[i] = strings.TrimSpace(m[1])
			return []string{"合计"}
		}
		if strings.ContainsAny(l, "0123456789") && strings.ContainsAny(l, ".,") {
			return nil // the first figures are a row's, not the 合计's
		}
	}
	return nil
}

// sofficeDocx converts HTML files to docx in outDir, batch at a time.
func sofficeDocx(ctx context.Context, htmls []string, outDir string, batch int) error {
	prof, err := os.MkdirTemp("", "mkreports-lo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(prof)
	for i := 0; i < len(htmls); i += batch {
		j := min(i+batch, len(htmls))
		args := []string{"--headless", "--norestore", "-env:UserInstallation=file://" + prof,
			"--convert-to", "docx:MS Word 2007 XML", "--outdir", outDir}
		args = append(args, htmls[i:j]...)
		if out, err := exec.CommandContext(ctx, "soffice", args...).CombinedOutput(); err != nil {
			return fmt.Errorf("soffice (%d files from %s): %w: %s", j-i, filepath.Base(htmls[i]), err, tail(out))
		}
	}
	return nil
}

// parallel runs f on each of n items with a bounded number of workers,
// returning the first error (the rest still run).
func parallel(n, workers int, f func(i int) error) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	next := make(chan int)
	for w := 0; w < max(workers, 1); w++ {
		wg.Add(1)
		go func() { // exits when next is closed and drained
			defer wg.Done()
			for i := range next {
				if err := f(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}

func tail(b []byte) string {
	if len(b) > 400 {
		b = b[len(b)-400:]
	}
	return string(b)
}
