package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/extract"
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
