package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/load"
	"github.com/fiscaldocs/fiscaldocs/normalize"
)

// fiscaldocs schema names every table and view, with its columns, and
// every metric key with its Chinese name and unit.
func TestSchemaCommand(t *testing.T) {
	code, out, errs := runCmd("schema")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, tb := range load.Tables() {
		if !regexp.MustCompile(`(?m)^` + tb.Name + `:`).MatchString(out) {
			t.Errorf("table %s not listed", tb.Name)
		}
	}
	if !strings.Contains(out, "facts:\n  doc_id String, seq UInt32, metric String,") || !strings.Contains(out, "department_id String, department String, department_name String, region String, year UInt16, kind String, scope String, file String\n") ||
		!strings.Contains(out, "v_facts: the current rows of facts\n") {
		t.Errorf("facts and v_facts are not described:\n%s", out)
	}
	for key, m := range normalize.Metrics() {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + ` +` + regexp.QuoteMeta(m.Zh) + ` +\S+ +(yuan|percent|count)$`).MatchString(out) {
			t.Errorf("metric %s (%s) not listed with its name and unit", key, m.Zh)
		}
	}
	code, out, _ = runCmd("schema", "fiscaldocs.v_facts")
	if code != 0 || !strings.HasPrefix(out, "v_facts: the current rows of facts\n  doc_id String\n  seq UInt32\n") || strings.Contains(out, "Metric keys") {
		t.Errorf("schema v_facts: exit %d\n%s", code, out)
	}
	if code, out, _ = runCmd("schema", "metrics"); code != 0 || !strings.Contains(out, "  measures Array(String)\n") || !strings.Contains(out, "three_public.total") {
		t.Errorf("schema metrics: exit %d\n%s", code, out)
	}
	if code, _, errs := runCmd("schema", "nosuch"); code != 2 || !strings.Contains(errs, `no table or view "nosuch"; there are documents, facts,`) {
		t.Errorf("schema nosuch: exit %d, %q; want 2 and the tables there are", code, errs)
	}
}
