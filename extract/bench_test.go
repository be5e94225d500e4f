package extract

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/internal/hostile"
)

// BenchmarkDocxSeed reads the seed fixture: a 28 KB docx with 3 tables and
// 7 charts.
func BenchmarkDocxSeed(b *testing.B) {
	data, err := os.ReadFile("../testdata/seed/panzhihua-npc-office-2021.docx")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Docx(bytes.NewReader(data), int64(len(data)), DefaultLimits); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPDFLayout rebuilds lines and paragraphs from pdftotext's word
// boxes for 10 to 2,000 pages of justified text that never ends its
// paragraph (hostile.PlainPages): the cost per page is flat.
func BenchmarkPDFLayout(b *testing.B) {
	for _, n := range []int{10, 100, 1000, 2000} {
		path := filepath.Join(b.TempDir(), "plain.pdf")
		if err := os.WriteFile(path, hostile.PlainPages(n), 0o644); err != nil {
			b.Fatal(err)
		}
		tsv, err := runPdftotext(context.Background(), path, PDFOptions{}.withDefaults())
		if err != nil {
			b.Skip(err)
		}
		b.Run(fmt.Sprintf("%dpages", n), func(b *testing.B) {
			for b.Loop() {
				pages, err := parseTSV(tsv)
				if err != nil {
					b.Fatal(err)
				}
				pb := &pdfBuilder{doc: &Document{}, ocr: map[int]bool{}}
				for _, pg := range pages {
					pb.page(pg)
				}
				pb.flush()
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(n), "µs/page")
		})
	}
}

// BenchmarkXlsxFormulaChain reads a sheet of 100,000 formulas without
// stored values, each computed within the evaluator's budget or reported.
func BenchmarkXlsxFormulaChain(b *testing.B) {
	data := hostile.FormulaChain(100000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Xlsx(bytes.NewReader(data), int64(len(data)), DefaultLimits); err != nil {
			b.Fatal(err)
		}
	}
}
