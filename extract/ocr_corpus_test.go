package extract

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// needTesseract skips a test when tesseract or its Chinese model is
// missing, or fails it when FISCALDOCS_REQUIRE_TOOLS says every tool must
// be here (make test installs them).
func needTesseract(t testing.TB) {
	t.Helper()
	needPdftotext(t)
	if err := tesseractOnce(); err != nil {
		if os.Getenv("FISCALDOCS_REQUIRE_TOOLS") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
}

var amountToken = regexp.MustCompile(`^\d{1,3}(?:,\d{3})*\.\d{2}$|^\d+\.\d{2}$`)

// TestOCRCorpusFigures reads the table pages of the shared corpus's PDFs
// by OCR — their rendered images, not their text — and compares the
// amounts (figures with two decimals) with those of the text layer, page
// by page, as multisets of values (a thousands separator lost is no
// error). Each document's most figure-dense page counts
// (22 of the 30 have one with 8 amounts or more); FISCALDOCS_OCR_PAGES
// limits how many.
func TestOCRCorpusFigures(t *testing.T) {
	files, _ := filepath.Glob("../../shared/corpus/pdf/*.pdf")
	if len(files) == 0 {
		t.Skip("../../shared/corpus/pdf absent (the shared corpus sits beside the project)")
	}
	needTesseract(t)
	want := 1000
	if n, err := strconv.Atoi(os.Getenv("FISCALDOCS_OCR_PAGES")); err == nil {
		want = n
	}
	type job struct {
		file  string
		page  int
		truth map[string]int
	}
	var jobs []job
	for _, name := range files {
		if len(jobs) >= want {
			break
		}
		out, err := exec.Command("pdftotext", "-tsv", "-enc", "UTF-8", name, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		pages, err := parseTSV(out)
		if err != nil {
			t.Fatal(err)
		}
		best, bestN := 0, 0
		for _, pg := range pages {
			n := 0
			for _, w := range pg.words {
				if amountToken.MatchString(w.text) {
					n++
				}
			}
			if n > bestN {
				best, bestN = pg.num, n
			}
		}
		if bestN < 8 {
			continue
		}
		truth := map[string]int{}
		for _, w := range pages[best-1].words {
			if amountToken.MatchString(w.text) {
				truth[strings.ReplaceAll(w.text, ",", "")]++
			}
		}
		jobs = append(jobs, job{name, best, truth})
	}
	total, exact, wrong, doubtful := 0, 0, 0, 0
	for _, j := range jobs {
		read, errs := readScans(context.Background(), j.file, []int{j.page}, PDFOptions{}.withDefaults())
		if errs[0] != nil {
			t.Errorf("%s page %d: %v", j.file, j.page, errs[0])
			continue
		}
		got := map[string]int{}
		for _, w := range read[0].words {
			if strings.HasSuffix(w.text, Doubtful) {
				doubtful++
			}
			if amountToken.MatchString(w.text) {
				got[strings.ReplaceAll(w.text, ",", "")]++
			}
		}
		pe, pw, pt := 0, 0, 0
		var misses []string
		for k, n := range j.truth {
			pt += n
			pe += min(n, got[k])
			if got[k] < n {
				misses = append(misses, k)
			}
		}
		for k, n := range got {
			if n > j.truth[k] {
				pw += n - j.truth[k]
				misses = append(misses, "+"+k)
			}
		}
		sort.Strings(misses)
		t.Logf("%s page %d: %d/%d amounts exact, %d read wrong %v", filepath.Base(j.file), j.page, pe, pt, pw, misses)
		total, exact, wrong = total+pt, exact+pe, wrong+pw
	}
	if total == 0 {
		t.Fatal("no table pages found")
	}
	t.Logf("OCR of %d table pages: %d/%d amounts exact (%.1f%%), %d misread, %d figures marked doubtful", len(jobs), exact, total, 100*float64(exact)/float64(total), wrong, doubtful)
	if float64(exact) < 0.95*float64(total) {
		t.Errorf("%d/%d amounts exact, want ≥ 95%%", exact, total)
	}
}
