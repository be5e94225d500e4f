package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// The fixed sample read back: what the reader reaches today, so that no
// change loses ground (make score-synth reports the larger run). The goal
// (issues #15 and #16) is recall 0.99, precision 0.999 and no error on a
// report whose figures reconcile. Two of the sample's ten text copies keep
// the content-stream order (titles under their tables) since b34d016, and
// read a little worse than the copies in reading order (the sample reads
// at 0.994 / 1.000 with no error finding on 2026-12-05, third session).
const (
	sampleRecall    = 0.992
	samplePrecision = 0.999
	sampleErrors    = 0
)

// TestSampleReadBack writes the fixed sample (every style, kind, unit and
// format), reads each file with the fiscaldocs command as a user would, and
// scores its facts against the truth and its error findings against none.
func TestSampleReadBack(t *testing.T) {
	if testing.Short() {
		t.Skip("renders ten reports in four formats")
	}
	for _, tool := range []string{"chromium", "soffice", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("FISCALDOCS_REQUIRE_TOOLS") != "" {
				t.Fatalf("%s is not installed (make deps)", tool)
			}
			t.Skipf("%s is not installed (make deps)", tool)
		}
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "fiscaldocs")
	if out, err := exec.Command("go", "build", "-tags", "ne", "-o", bin, "github.com/fiscaldocs/fiscaldocs/cmd/fiscaldocs").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cfg := genConfig{N: len(sampleSpec), Seed: 1, Out: filepath.Join(dir, "sample"), Formats: []string{"html", "pdf", "docx", "txt"},
		Styles: styleKeys(), Sample: true, Workers: runtime.GOMAXPROCS(0)}
	if err := generate(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	truths, _ := filepath.Glob(filepath.Join(cfg.Out, "truth", "*.json"))
	if len(truths) != 4*len(sampleSpec) {
		t.Fatalf("%d truth files, want %d", len(truths), 4*len(sampleSpec))
	}
	tfs := make([]truthFile, len(truths))
	for i, path := range truths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &tfs[i]); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	results := make([]docResult, len(tfs))
	errs := make([][]string, len(tfs)) // each file's error findings
	err := parallel(len(tfs), runtime.GOMAXPROCS(0), func(i int) error {
		var stdout bytes.Buffer
		cmd := exec.Command(bin, "extract", "--json", filepath.Join(cfg.Out, tfs[i].File))
		cmd.Stdout = &stdout
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%s: fiscaldocs extract: %w", tfs[i].File, err)
		}
		var p predDoc
		if err := json.Unmarshal(bytes.TrimSpace(stdout.Bytes()), &p); err != nil {
			return fmt.Errorf("%s: %w", tfs[i].File, err)
		}
		results[i] = compare(tfs[i], &p)
		for _, f := range p.Findings {
			if f.Severity == "error" {
				errs[i] = append(errs[i], fmt.Sprintf("%s: %s: %s", tfs[i].File, f.Rule, f.Message))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range errs {
		for _, l := range e {
			t.Log(l)
			n++
		}
	}
	tot := sumResults(results)
	t.Logf("sample: %s, %d error findings", tot, n)
	recall, precision := float64(tot.hit)/float64(tot.gold), float64(tot.ok)/float64(tot.pred)
	if recall < sampleRecall || precision < samplePrecision {
		t.Errorf("sample: recall %.3f (floor %.3f), precision %.3f (floor %.3f)", recall, sampleRecall, precision, samplePrecision)
	}
	if n > sampleErrors {
		t.Errorf("sample: %d error findings on reports that reconcile, at most %d", n, sampleErrors)
	}
	var worst strings.Builder
	reportWorst(&worst, tfs, results, 10)
	t.Log(worst.String())
}
