package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/fiscaldocs/fiscaldocs/internal/hostile"
	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/fiscaldocs/fiscaldocs/validate"
)

// BenchmarkPipelineCorpus runs extract, normalize and validate over the
// shared corpus's PDFs (pdftotext included), as extract --json does.
func BenchmarkPipelineCorpus(b *testing.B) {
	files, seg := corpusPDFs(b)
	pages := 0
	for b.Loop() {
		pages = 0
		processAll(context.Background(), files, seg, runOptions{}, func(p processed) {
			if p.Err == nil {
				pages += p.Blocks.Pages
			}
		})
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkFactsCorpus times normalize and validate alone over the shared
// corpus's PDFs, read once beforehand: the pipeline's own work on top of
// pdftotext.
func BenchmarkFactsCorpus(b *testing.B) {
	files, seg := corpusPDFs(b)
	var docs []*extract.Document
	processAll(context.Background(), files, seg, runOptions{}, func(p processed) {
		if p.Err == nil {
			docs = append(docs, p.Blocks)
		}
	})
	for b.Loop() {
		for _, d := range docs {
			validate.Document(d, normalize.Document(d, seg))
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
}

// corpusPDFs lists the shared corpus's PDFs, skipping without them.
func corpusPDFs(b *testing.B) ([]string, *normalize.Segmenter) {
	files, _ := filepath.Glob("../../../shared/corpus/pdf/*.pdf")
	if len(files) == 0 {
		b.Skip("../shared/corpus absent")
	}
	seg, err := normalize.NewSegmenter()
	if err != nil {
		b.Fatal(err)
	}
	return files, seg
}

// BenchmarkPipelineParagraph runs extract, normalize and validate over a
// text of one sentence without a full stop (hostile.LongSentence), from
// 1 KB to 10 MB: the cost per KB is flat.
func BenchmarkPipelineParagraph(b *testing.B) {
	seg, err := normalize.NewSegmenter()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1 << 10, 10 << 10, 100 << 10, 1 << 20, 10 << 20} {
		path := filepath.Join(b.TempDir(), "long.txt")
		if err := os.WriteFile(path, append([]byte("2021年度部门决算\n"), hostile.LongSentence(n)...), 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("%dKB", n>>10), func(b *testing.B) {
			for b.Loop() {
				if p := processOne(context.Background(), path, seg, runOptions{timeout: time.Hour}); p.Err != nil {
					b.Fatal(p.Err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(n>>10), "µs/KB")
		})
	}
}

// BenchmarkPipelinePages runs extract (pdftotext included), normalize and
// validate over 10 to 2,000 pages of text that never ends its paragraph
// (hostile.PlainPages): the cost per page is flat.
func BenchmarkPipelinePages(b *testing.B) {
	seg, err := normalize.NewSegmenter()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{10, 100, 1000, 2000} {
		path := filepath.Join(b.TempDir(), "plain.pdf")
		if err := os.WriteFile(path, hostile.PlainPages(n), 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("%dpages", n), func(b *testing.B) {
			for b.Loop() {
				if p := processOne(context.Background(), path, seg, runOptions{timeout: time.Hour}); p.Err != nil {
					b.Fatal(p.Err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(n), "µs/page")
		})
	}
}
