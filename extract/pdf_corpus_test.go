package extract

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var numberToken = regexp.MustCompile(`\d[\d,]*(?:\.\d+)?`)

func numberTokens(s string) map[string]int {
	m := map[string]int{}
	for _, t := range numberToken.FindAllString(s, -1) {
		m[strings.ReplaceAll(t, ",", "")]++
	}
	return m
}

// TestPDFCorpusKeepsEveryNumber reads every PDF of the shared corpus and
// checks that the document holds every number token pdftotext -layout
// prints (as a multiset, separators ignored), without error or panic.
func TestPDFCorpusKeepsEveryNumber(t *testing.T) {
	files, _ := filepath.Glob("../../shared/corpus/pdf/*.pdf")
	if len(files) == 0 {
		t.Skip("../../shared/corpus/pdf absent (the shared corpus sits beside the project)")
	}
	needPdftotext(t)
	for _, name := range files {
		ref, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", name, "-").Output()
		if err != nil {
			t.Errorf("%s: pdftotext: %v", name, err)
			continue
		}
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := f.Stat()
		doc, err := PDF(context.Background(), f, st.Size(), PDFOptions{})
		f.Close()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var text strings.Builder
		for _, b := range doc.Blocks {
			text.WriteString(b.Text + "\n")
		}
		got := numberTokens(text.String())
		missing := 0
		for tok, n := range numberTokens(string(ref)) {
			missing += max(0, n-got[tok])
		}
		if missing > 0 {
			t.Errorf("%s: %d number tokens of pdftotext -layout missing", filepath.Base(name), missing)
		}
	}
}
