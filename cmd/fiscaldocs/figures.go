package main

import (
	"fmt"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/fiscaldocs/fiscaldocs/load"
	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/fiscaldocs/fiscaldocs/validate"
)

// The store's figures are Decimal(38, load.Scale): a figure that does not
// fit would fail the whole document's load, so it is taken out of the
// facts before validation and reported as a finding of its own.
var maxStored = decimal.New(1, 38-load.Scale)

// unfitRule is the finding for a figure the store cannot hold.
const unfitRule = "figure.unfit"

// storable reports whether the store holds v exactly.
func storable(v decimal.Decimal) bool {
	return v.Abs().LessThan(maxStored) && v.Round(load.Scale).Equal(v)
}

// takeUnfit removes from res the facts (and conflicting statements)
// whose value the store cannot hold, and returns them.
func takeUnfit(res *normalize.Result) (unfit []normalize.Fact) {
	keep := func(facts []normalize.Fact) []normalize.Fact {
		out := facts[:0]
		for _, f := range facts {
			if storable(f.Value) {
				out = append(out, f)
			} else {
				unfit = append(unfit, f)
			}
		}
		return out
	}
	res.Facts = keep(res.Facts)
	res.Conflicts = keep(res.Conflicts)
	res.Withheld = keep(res.Withheld)
	res.Changes = keep(res.Changes)
	return unfit
}

// flagUnfit adds a finding for each unfit figure to rep, and makes every
// finding's own figures storable: a sum over figures too large for the
// store keeps its message and loses its numbers.
func flagUnfit(rep *validate.Report, unfit []normalize.Fact) {
	for i := range rep.Findings {
		f := &rep.Findings[i]
		if !storable(f.Actual.Round(load.Scale)) || f.Expected.Valid && !storable(f.Expected.Decimal.Round(load.Scale)) {
			f.Message += fmt.Sprintf("（数值 %s 超出存储范围，未存）", clip(f.Actual.String(), 60))
			f.Actual, f.Expected = decimal.Zero, decimal.NullDecimal{}
		}
	}
	for _, f := range unfit {
		rep.Findings = append(rep.Findings, validate.Finding{Rule: unfitRule, Severity: validate.Warning,
			Message: fmt.Sprintf("数字超出可存储的范围（整数不超过 %d 位、小数不超过 %d 位），未作为事实采用：%s %s（%s）",
				38-load.Scale, load.Scale, f.Metric, clip(f.Raw, 80), f.Pos)})
	}
}

// clip cuts s to at most n bytes at a rune boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
