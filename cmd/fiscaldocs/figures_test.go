package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/fiscaldocs/fiscaldocs/validate"
)

// A figure the store cannot hold leaves the facts for a finding of its
// own; the others stay, and a finding's own unstorable numbers go.
func TestUnfitFigures(t *testing.T) {
	huge := decimal.RequireFromString("1" + strings.Repeat("0", 40))
	fine := decimal.RequireFromString("21499400")
	long := decimal.RequireFromString("1." + strings.Repeat("1", 5000))
	res := &normalize.Result{
		Facts:     []normalize.Fact{{Metric: "income.total", Measure: "amount", Value: huge, Raw: strings.Repeat("9", 41) + "万元"}, {Metric: "expenditure.total", Measure: "amount", Value: fine}, {Metric: "expenditure.basic", Measure: "amount", Value: long, Raw: "1." + strings.Repeat("1", 5000) + "元"}},
		Conflicts: []normalize.Fact{{Metric: "expenditure.total", Measure: "amount", Value: huge.Neg()}},
	}
	unfit := takeUnfit(res)
	if len(res.Facts) != 1 || !res.Facts[0].Value.Equal(fine) || len(res.Conflicts) != 0 || len(unfit) != 3 {
		t.Fatalf("kept %v and %d conflicts; unfit %d", res.Facts, len(res.Conflicts), len(unfit))
	}
	rep := &validate.Report{Findings: []validate.Finding{{Rule: "sum.table", Message: "合计不符", Actual: huge, Expected: decimal.NewNullDecimal(fine)}}}
	flagUnfit(rep, unfit)
	if len(rep.Findings) != 4 {
		t.Fatalf("findings %v", rep.Findings)
	}
	if f := rep.Findings[0]; !f.Actual.IsZero() || f.Expected.Valid || !strings.Contains(f.Message, "超出存储范围") {
		t.Errorf("finding over an unstorable sum: %+v", f)
	}
	for _, f := range rep.Findings[1:] {
		if f.Rule != unfitRule || len(f.Message) > 400 || !f.Actual.IsZero() {
			t.Errorf("unfit finding: %+v", f)
		}
	}
}

// An error's text is one line of at most maxErrorText bytes, cut at a rune.
func TestOneLineClipped(t *testing.T) {
	got := oneLine(errors.New("load: 数字\n" + strings.Repeat("数", 1000)))
	if len(got) > maxErrorText+len("…") || strings.Contains(got, "\n") || !strings.HasSuffix(got, "…") || !strings.HasPrefix(got, "load: 数字 数") {
		t.Errorf("oneLine = %d bytes: %.60q", len(got), got)
	}
}
