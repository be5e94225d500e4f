package validate

import (
	"fmt"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/shopspring/decimal"
)

// The sums of named parts: each part is one metric, so a part is read
// once at most; an unstated part leaves only the check that the stated
// ones do not exceed their total.

func sumIncome(p *Pass) {
	// 财政拨款 is the sum of its three kinds: count one or the other.
	fiscal := []string{"income.fiscal"}
	if kinds := []string{"income.fiscal.gpb", "income.fiscal.gov_fund", "income.fiscal.state_capital"}; len(p.amounts(kinds)) > 0 {
		fiscal = kinds
	}
	p.sumEither("income.total", append(fiscal, "income.superior_subsidy", "income.business", "income.operating", "income.subordinate", "income.other"),
		[]string{"income.carryover", "income.non_fiscal_balance"})
}

func sumExpenditure(p *Pass) {
	p.sumEither("expenditure.total", []string{"expenditure.basic", "expenditure.project", "expenditure.operating",
		"expenditure.subordinate_subsidy", "expenditure.to_superior"}, []string{"expenditure.carryover"})
}

func sumBasic(p *Pass) { p.sum("gpb.basic", []string{"gpb.basic.personnel", "gpb.basic.public"}) }

func sumThreePublic(p *Pass) { p.sum("three_public.total", threePublicParts) }

func sumVehicle(p *Pass) {
	p.sum("three_public.vehicle", []string{"three_public.vehicle.purchase", "three_public.vehicle.operation"})
}

func sumProcurement(p *Pass) {
	p.sum("procurement.total", []string{"procurement.goods", "procurement.works", "procurement.services"})
}

// threePublicParts are the three parts of the “三公” total.
var threePublicParts = []string{"three_public.overseas", "three_public.vehicle", "three_public.reception"}

// part is a fact taking part in a check.
type part struct {
	f *normalize.Fact
	i int
}

func (d *document) amounts(metrics []string) []part {
	var out []part
	for _, m := range metrics {
		if f, i := d.get(m, "amount", ""); f != nil {
			out = append(out, part{f, i})
		}
	}
	return out
}

// sum checks total = Σ parts when the total and every part are stated; with
// some parts unstated, only that the stated ones do not exceed the total.
func (p *Pass) sum(total string, parts []string) {
	t, ti := p.get(total, "amount", "")
	ps := p.amounts(parts)
	if !p.ready(t, len(ps)) {
		return
	}
	if len(ps) < len(parts) {
		p.notOver(part{t, ti}, ps)
		return
	}
	p.compareSum(part{t, ti}, ps)
}

// ready reports whether a total and some parts are there to compare,
// recording the rule as lacking facts when only one side is.
func (p *Pass) ready(total *normalize.Fact, parts int) bool {
	switch {
	case total == nil && parts == 0:
		return false
	case total == nil || parts == 0:
		p.missing()
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

// notOver checks that stated parts do not exceed their total: all a set
// not known complete allows.
func (p *Pass) notOver(t part, ps []part) {
	fs := facts(ps)
	if sumOf(fs).Sub(t.f.Value).LessThanOrEqual(rounding(t.f, fs...)) {
		p.pass()
		return
	}
	p.compareSum(t, ps)
}

// sumEither checks total = Σ parts, or Σ parts + carry, since reports
// differ on whether 本年收入/支出合计 includes the carry-over; only when
// neither holds is it a finding, against the reading with the carry-over.
func (p *Pass) sumEither(total string, parts, carry []string) {
	t, ti := p.get(total, "amount", "")
	ps, cs := p.amounts(parts), p.amounts(carry)
	switch {
	case t == nil && len(ps) == 0:
		return
	case t == nil || len(ps) < 2 && len(ps)+len(cs) < 2:
		p.missing()
		return
	}
	if len(cs) > 0 && within(part{t, ti}, ps) {
		p.pass()
		return
	}
	if len(ps) < len(parts) || p.kind == "预算" {
		// Unstated categories, or a budget's unallocated reserve, may make
		// up the rest.
		p.notOver(part{t, ti}, append(ps, cs...))
		return
	}
	p.compareSum(part{t, ti}, append(ps, cs...))
}

// within reports whether parts miss their total by no more than rounding.
func within(t part, ps []part) bool {
	fs := facts(ps)
	return t.f.Value.Sub(sumOf(fs)).Abs().LessThanOrEqual(rounding(t.f, fs...))
}

// compareSum checks total = Σ parts; why, if given and not "", says what
// keeps a miss from being an error.
func (p *Pass) compareSum(t part, ps []part, why ...string) {
	want := decimal.Zero
	var terms []string
	idx := []int{}
	for _, q := range ps {
		want = want.Add(q.f.Value)
		terms = append(terms, label(q.f.Metric, q.f.Subject, "amount")+" "+strings.TrimSuffix(money(q.f.Value, t.f), " 万元"))
		idx = append(idx, q.i)
	}
	idx = append(idx, t.i)
	f := Finding{Severity: Error, Expected: known(want), Actual: t.f.Value, Facts: idx,
		Message: fmt.Sprintf("%s = %s ≠ %s %s", strings.Join(terms, " + "), money(want, t.f), label(t.f.Metric, t.f.Subject, t.f.Measure), money(t.f.Value, t.f))}
	switch {
	case want.Equal(t.f.Value):
		p.pass()
		return
	case within(t, ps):
		// Within the rounding tolerance: not an error, but worth knowing.
		f.Severity = Info
		f.Message += "（差额在舍入误差之内）"
	}
	if len(why) > 0 && why[0] != "" {
		p.doubt(f, why[0])
		return
	}
	p.fail(f)
}

func sumOf(fs []*normalize.Fact) decimal.Decimal {
	sum := decimal.Zero
	for _, f := range fs {
		sum = sum.Add(f.Value)
	}
	return sum
}
