// Command mkreports generates realistic synthetic 部门决算 / 部门预算
// reports with exact truth, to measure the fiscaldocs reader on
// documents it was never tuned on.
//
//	go run ./testdata/mkreports -n 200 -seed 1 -out out/synth [-inject] [-formats html,pdf,docx,txt] [-styles shjs,shys,jsys,scjs,xj]
//	go run ./testdata/mkreports -sample -out DIR      # the fixed 10-document sample
//	go run ./testdata/mkreports score -bin bin/fiscaldocs -dir out/synth [-shared ../shared]
//
// Each report is drawn from a model whose figures reconcile exactly,
// printed as HTML in one of several house styles modelled on real
// disclosures, and converted to PDF (headless Chromium), docx
// (LibreOffice) and text (pdftotext -raw). DIR/truth/<file>.json holds
// the facts a careful reader labels, in the gold format. See docs/synth.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "score" {
		os.Exit(scoreMain(os.Args[2:]))
	}
	var cfg genConfig
	fs := flag.NewFlagSet("mkreports", flag.ExitOnError)
	fs.IntVar(&cfg.N, "n", 20, "number of documents (each in every format)")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed: the same seed and n give the same HTML and truth")
	fs.StringVar(&cfg.Out, "out", "out/synth", "output directory (truth files go to OUT/truth)")
	fs.BoolVar(&cfg.Inject, "inject", false, "plant 1–3 inconsistencies per document, listed under \"injected\"")
	formats := fs.String("formats", "html,pdf,docx,txt", "formats to write")
	styleList := fs.String("styles", "", "styles to use, comma-separated (default all: shjs,shys,jsys,scjs,xj)")
	fs.BoolVar(&cfg.Sample, "sample", false, "write the fixed sample: 10 documents covering every style, kind, unit and format")
	fs.IntVar(&cfg.Workers, "j", runtime.GOMAXPROCS(0), "parallel Chromium conversions")
	fs.Parse(os.Args[1:])
	cfg.Formats = splitList(*formats)
	for _, f := range cfg.Formats {
		if !slices.Contains([]string{"html", "pdf", "docx", "txt"}, f) {
			fmt.Fprintf(os.Stderr, "mkreports: unknown format %q\n", f)
			os.Exit(2)
		}
	}
	cfg.Styles = splitList(*styleList)
	if len(cfg.Styles) == 0 {
		cfg.Styles = styleKeys()
	}
	if err := knownStyles(cfg.Styles); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if cfg.Sample {
		cfg.N = len(sampleSpec)
	}
	if err := generate(context.Background(), cfg); err != nil {
		fmt.Fprintln(os.Stderr, "mkreports:", err)
		os.Exit(1)
	}
}
