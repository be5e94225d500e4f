package validate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/shopspring/decimal"
)

// rules run in this order; their ids are stable (reports and the store key
// on them).
var rules = []rule{
	{"sum.income", func(v *checker) {
		// 财政拨款 is the sum of its three kinds: count one or the other.
		fiscal := []string{"income.fiscal"}
		if len(v.amounts([]string{"income.fiscal.gpb", "income.fiscal.gov_fund", "income.fiscal.state_capital"})) > 0 {
			fiscal = []string{"income.fiscal.gpb", "income.fiscal.gov_fund", "income.fiscal.state_capital"}
		}
		v.sumEither("income.total", append(fiscal, "income.superior_subsidy", "income.business", "income.operating", "income.subordinate", "income.other"),
			[]string{"income.carryover", "income.non_fiscal_balance"})
	}},
	{"sum.expenditure", func(v *checker) {
		v.sumEither("expenditure.total", []string{"expenditure.basic", "expenditure.project", "expenditure.operating",
			"expenditure.subordinate_subsidy", "expenditure.to_superior"}, []string{"expenditure.carryover"})
	}},
	{"sum.basic_expenditure", func(v *checker) {
		v.sum("gpb.basic", []string{"gpb.basic.personnel", "gpb.basic.public"})
	}},
	{"sum.three_public", func(v *checker) {
		v.sum("three_public.total", threePublicParts)
	}},
	{"sum.vehicle", func(v *checker) {
		v.sum("three_public.vehicle", []string{"three_public.vehicle.purchase", "three_public.vehicle.operation"})
	}},
	{"sum.procurement", func(v *checker) {
		v.sum("procurement.total", []string{"procurement.goods", "procurement.works", "procurement.services"})
	}},
	{"sum.classes", func(v *checker) { v.sumPerLine("gpb.expenditure", "", "gpb.class", "") }},
	{"sum.items", func(v *checker) {
		for _, class := range v.subjects("gpb.class") {
			v.sumPerLine("gpb.class", class, "gpb.item", class+"/")
		}
	}},
	{"sum.items_total", func(v *checker) { v.itemsTotal("amount") }},
	{"sum.items_budget", func(v *checker) { v.itemsTotal("budget") }},
	{"share.recompute", func(v *checker) {
		for i := range v.facts {
			if f := &v.facts[i]; f.Measure == "share_pct" {
				v.share(f, i)
			}
		}
	}},
	{"yoy.pct", func(v *checker) {
		for i := range v.facts {
			if f := &v.facts[i]; f.Measure == "yoy_change" {
				v.yoyPct(f, i)
			}
		}
	}},
	{"yoy.prior", func(v *checker) {
		for i := range v.facts {
			if f := &v.facts[i]; f.Measure == normalize.PriorAmount {
				v.yoyPrior(f, i)
			}
		}
	}},
	{"format.stray_mark", func(v *checker) {
		for i := range v.facts {
			f := &v.facts[i]
			if v.cur.Status == NotApplicable {
				v.cur.Status = Passed
			}
			if strings.ContainsAny(f.Raw, "*＊") {
				v.fail(Finding{Severity: Warning, Actual: f.Value, Facts: []int{i},
					Message: fmt.Sprintf("%s 印为“%s”，含多余符号", label(f.Metric, f.Subject, f.Measure), f.Raw)})
			}
		}
	}},
	{"completion.recompute", func(v *checker) {
		for i := range v.facts {
			if f := &v.facts[i]; f.Measure == "completion_pct" {
				v.completion(f, i)
			}
		}
	}},
}

// threePublicParts are the three parts of the “三公” total.
var threePublicParts = []string{"three_public.overseas", "three_public.vehicle", "three_public.reception"}

// part is a fact taking part in a check.
type part struct {
	f *normalize.Fact
	i int
}

func (v *checker) amounts(metrics []string) []part {
	var out []part
	for _, m := range metrics {
		if f, i := v.get(m, "amount", ""); f != nil {
			out = append(out, part{f, i})
		}
	}
	return out
}

// sum checks total = Σ parts when the total and every part are stated; with
// some parts unstated, only that the stated ones do not exceed the total.
func (v *checker) sum(total string, parts []string) {
	t, ti := v.get(total, "amount", "")
	ps := v.amounts(parts)
	if !v.ready(t, len(ps)) {
		return
	}
	if len(ps) < len(parts) {
		v.notOver(part{t, ti}, ps)
		return
	}
	v.compareSum(part{t, ti}, ps)
}

// ready reports whether a total and some parts are there to compare,
// recording the rule as lacking facts when only one side is.
func (v *checker) ready(total *normalize.Fact, parts int) bool {
	switch {
	case total == nil && parts == 0:
		return false
	case total == nil || parts == 0:
		v.missing()
		return false
	}
	return true
}

// facts are the parts' facts.
func facts(ps []part) []*normalize.Fact {
	out := make([]*normalize.Fact, len(ps))
	for i, p := range ps {
		out[i] = p.f
	}
	return out
}

// notOver checks that stated parts do not exceed their total.
func (v *checker) notOver(t part, ps []part) {
	fs := facts(ps)
	if sumOf(fs).Sub(t.f.Value).LessThanOrEqual(rounding(t.f, fs...)) {
		v.pass()
		return
	}
	v.compareSum(t, ps)
}

// sumEither checks total = Σ parts, or Σ parts + carry, since reports
// differ on whether 本年收入/支出合计 includes the carry-over; only when
// neither holds is it a finding, against the reading with the carry-over.
func (v *checker) sumEither(total string, parts, carry []string) {
	t, ti := v.get(total, "amount", "")
	ps, cs := v.amounts(parts), v.amounts(carry)
	switch {
	case t == nil && len(ps) == 0:
		return
	case t == nil || len(ps) < 2 && len(ps)+len(cs) < 2:
		v.missing()
		return
	}
	if len(cs) > 0 && v.within(part{t, ti}, ps) {
		v.pass()
		return
	}
	if len(ps) < len(parts) || v.kind == "预算" {
		// Unstated categories, or a budget's unallocated reserve, may make
		// up the rest.
		v.notOver(part{t, ti}, append(ps, cs...))
		return
	}
	v.compareSum(part{t, ti}, append(ps, cs...))
}

// within reports whether parts miss their total by no more than rounding.
func (v *checker) within(t part, ps []part) bool {
	fs := facts(ps)
	return t.f.Value.Sub(sumOf(fs)).Abs().LessThanOrEqual(rounding(t.f, fs...))
}

func (v *checker) compareSum(t part, ps []part) {
	want := decimal.Zero
	var terms []string
	idx := []int{}
	for _, p := range ps {
		want = want.Add(p.f.Value)
		terms = append(terms, label(p.f.Metric, p.f.Subject, "amount")+" "+strings.TrimSuffix(money(p.f.Value, t.f), " 万元"))
		idx = append(idx, p.i)
	}
	idx = append(idx, t.i)
	f := Finding{Severity: Error, Expected: known(want), Actual: t.f.Value, Facts: idx,
		Message: fmt.Sprintf("%s = %s ≠ %s %s", strings.Join(terms, " + "), money(want, t.f), label(t.f.Metric, t.f.Subject, t.f.Measure), money(t.f.Value, t.f))}
	switch {
	case want.Equal(t.f.Value):
		v.pass()
		return
	case v.within(t, ps):
		// Within the rounding tolerance: not an error, but worth knowing.
		f.Severity = Info
		f.Message += "（差额在舍入误差之内）"
	}
	v.fail(f)
}

// itemsTotal checks that the line items add up to 一般公共预算财政拨款支出,
// when they cover every class the document lists.
func (v *checker) itemsTotal(measure string) {
	t, ti := v.get("gpb.expenditure", measure, "")
	var ps []part
	covered := map[string]bool{}
	for i := range v.facts {
		f := &v.facts[i]
		if f.Metric == "gpb.item" && f.Measure == measure {
			ps = append(ps, part{f, i})
			covered[strings.SplitN(f.Subject, "/", 2)[0]] = true
		}
	}
	if !v.ready(t, len(ps)) {
		return
	}
	for _, class := range v.subjects("gpb.class") {
		if !covered[class] {
			v.missing() // a class without its items: the list is partial
			return
		}
	}
	v.compareSum(part{t, ti}, ps)
}

// subjects lists the subjects of a per-line metric's amounts, sorted.
func (v *checker) subjects(metric string) []string {
	var out []string
	for _, f := range v.facts {
		if f.Metric == metric && f.Measure == "amount" {
			out = append(out, f.Subject)
		}
	}
	sort.Strings(out)
	return out
}

// sumPerLine checks a total against the per-line amounts of lineMetric
// whose subject starts with prefix.
func (v *checker) sumPerLine(totalMetric, totalSubject, lineMetric, prefix string) {
	t, ti := v.get(totalMetric, "amount", totalSubject)
	var ps []part
	for i := range v.facts {
		f := &v.facts[i]
		if f.Metric == lineMetric && f.Measure == "amount" && strings.HasPrefix(f.Subject, prefix) {
			ps = append(ps, part{f, i})
		}
	}
	if !v.ready(t, len(ps)) {
		return
	}
	v.compareSum(part{t, ti}, ps)
}
