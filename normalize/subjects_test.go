package normalize

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestOneSubjectPerCode: in every corpus document, a 类 or 项 with a
// function code the catalogue knows carries the catalogue's name for it
// (current or former, as printed), and no two facts of one metric and
// measure stand for one line.
func TestOneSubjectPerCode(t *testing.T) {
	files, _ := filepath.Glob("../../shared/corpus/pdf/*.pdf")
	if len(files) == 0 {
		t.Skip("../shared/corpus is absent: no corpus documents to check")
	}
	files = append(files, seedText)
	cat := mustLexicon().cat
	for _, path := range files {
		res := readFile(t, path)
		lines := map[string]string{} // metric measure code → subject
		for _, f := range res.Facts {
			if f.Metric != "gpb.class" && f.Metric != "gpb.item" || f.Code == "" {
				continue
			}
			parts := strings.Split(f.Subject, "/")
			codes := []string{f.Code[:3], f.Code[:min(5, len(f.Code))], f.Code}[:len(parts)]
			for k, p := range parts {
				if e := cat.byCode[codes[k]]; e != nil && e.printedAs(p) != p {
					t.Errorf("%s: %s %s: %q is not the catalogue's name for %s (%q)", filepath.Base(path), f.Metric, f.Code, p, codes[k], e.names)
				}
			}
			key := f.Metric + " " + f.Measure + " " + f.Code
			if s, dup := lines[key]; dup && s != f.Subject {
				t.Errorf("%s: %s has two subjects: %q and %q", filepath.Base(path), key, s, f.Subject)
			}
			lines[key] = f.Subject
		}
	}
}
