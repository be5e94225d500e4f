package normalize

import (
	"strings"
	"testing"
)

// Functions gives every code of catalogue.tsv once, in its order, with
// its former names.
func TestFunctions(t *testing.T) {
	fs := Functions()
	rows := 0
	tsvRows(catalogueTSV, func([]string) error { rows++; return nil })
	if len(fs) != rows || fs[0].Code != "201" || fs[0].Name != "一般公共服务支出" {
		t.Fatalf("%d functions, first %+v; want %d, 201 一般公共服务支出", len(fs), fs[0], rows)
	}
	seen := map[string]bool{}
	former := 0
	for _, f := range fs {
		if seen[f.Code] || f.Name == "" {
			t.Errorf("function %+v repeated or unnamed", f)
		}
		seen[f.Code] = true
		former += len(f.Former)
	}
	if want := formerNames(); former != want {
		t.Errorf("%d former names; catalogue.tsv has %d", former, want)
	}
}

// formerNames counts the names in the third fields of catalogue.tsv.
func formerNames() int {
	n := 0
	tsvRows(catalogueTSV, func(f []string) error {
		if len(f) > 2 && f[2] != "" {
			n += strings.Count(f[2], "|") + 1
		}
		return nil
	})
	return n
}
