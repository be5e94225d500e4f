package validate

import (
	"fmt"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/shopspring/decimal"
)

// The percentages a document states — shares, changes, completion rates
// — against the amounts they are computed from. One ratio is checked by
// one rule: its own (share.recompute, yoy.pct, completion.recompute,
// yoy.lines), or pct.decimal_slip when the stated figure is the computed
// one with its decimal point moved, or yoy.zero_base when last year's
// figure, the base of a change, is 0.

var hundred = decimal.NewFromInt(100)

// ratio is a stated percentage and what it is computed from: num/den·100.
type ratio struct {
	stated     *normalize.Fact
	num, den   decimal.Decimal
	hNum, hDen decimal.Decimal   // half the unit of num and den as printed
	facts      []int             // the facts it rests on, the stated one among them if it is a fact
	also       []*normalize.Fact // the readings it rests on that are not facts (a line's change)
	what       string            // what it is computed from, for the message
	// change and amount are a change in percent's change in money and
	// the amount it led to; nil for other ratios.
	change, amount *normalize.Fact
}

func (r ratio) computed() decimal.Decimal { return r.num.Mul(hundred).DivRound(r.den, 6) }

// tolerance is one unit of the stated figure's last digit, but never
// more than half a point, plus what the rounding of its amounts
// propagates: 100·(hNum/den + |num|·hDen/den²). A report computes its
// shares from figures more exact than the ones it prints, and the last
// digit of 97.65% may be off by one where its author rounded on the way;
// but a whole percent printed half a point or more away from the ratio
// (11% for 10.1%) is no rounding. A figure that is the ratio truncated
// is told apart (checkRatio).
func (r ratio) tolerance() decimal.Decimal {
	prop := r.hNum.Div(r.den).Add(r.num.Abs().Mul(r.hDen).Div(r.den.Mul(r.den))).Mul(hundred)
	return decimal.Min(halfPct(r.stated), decimal.New(5, -1)).Add(prop)
}

// slip reports the power of ten by which the stated figure must be
// moved to agree with the computed one, when it does not agree as it
// stands: 1 for 0.06% printed where 0.60% is computed.
func (r ratio) slip() (int32, bool) {
	c, s, tol := r.computed(), r.stated.Value, r.tolerance()
	if s.IsZero() || c.IsZero() || s.Sub(c).Abs().LessThanOrEqual(tol) {
		return 0, false
	}
	for _, k := range []int32{1, -1, 2, -2} {
		if s.Shift(k).Sub(c).Abs().LessThanOrEqual(tol) {
			return k, true
		}
	}
	return 0, false
}

// checkRatio compares a stated percentage with the computed one, leaving
// a slipped decimal point to pct.decimal_slip.
func (p *Pass) checkRatio(r ratio) {
	if _, slipped := r.slip(); slipped {
		return
	}
	computed, stated := r.computed(), r.stated
	d := decimalsOf(stated.Raw)
	within := stated.Value.Sub(computed).Abs().LessThanOrEqual(r.tolerance())
	truncated := computed.Truncate(d).Equal(stated.Value) && !computed.Round(d).Equal(stated.Value)
	if within && !truncated && computed.Round(d).Equal(stated.Value) {
		p.pass()
		return
	}
	f := Finding{Severity: Error, Expected: known(computed.Round(d)), Actual: stated.Value, Facts: r.facts,
		Message: fmt.Sprintf("%s：按%s算得 %s%%，文中为 %s%%", label(stated.Metric, stated.Subject, stated.Measure), r.what, computed.Round(max(d, 2)).String(), stated.Value.String())}
	switch {
	case truncated:
		f.Message += "（截尾而非四舍五入）"
	case within:
		f.Message += "（差额在允许误差之内）"
	}
	if within || truncated {
		f.Severity = Info
	}
	p.failRatio(f, r)
}

// failRatio records a ratio's finding under the evidence policy, save
// that a change in percent stated in the paragraph that prints its change
// in money right after its amount rests on that paragraph alone
// (ownParagraph): what its figures are inferred to be of does not decide
// whether they agree, so that inference leaves them sure. The message
// says so.
func (p *Pass) failRatio(f Finding, r ratio) {
	if f.Severity != Error || !p.ownParagraph(r) {
		p.fail(f, r.also...)
		return
	}
	var rest []*normalize.Fact
	lifted := false
	for _, u := range p.used(f, r.also) {
		if (u == r.stated || u == r.change || u == r.amount) && u.Method == normalize.Narrative && (u.Basis == normalize.BasisInferred || ofLine(u)) {
			lifted = true
			continue
		}
		rest = append(rest, u)
	}
	if lifted {
		f.Message += fmt.Sprintf("（科目系推断；增减额、增减率与其金额同见于 %s 一段）", r.stated.Pos)
	}
	p.record(f, unsure(rest))
}

// ownParagraph reports whether a change in percent is stated in a
// paragraph that prints its change in money right after the amount it led
// to ("社会保障和就业（类）支出788.89万元，主要用于…。与上年相比减少86.95万元，下降
// 9.93%"): the three figures are then that paragraph's own, whatever its
// subject. A paragraph that prints another figure between the amount and
// the change ("收入A万元，其中财政拨款B万元，比上年增加C万元") leaves open which
// of the two changed.
func (d *document) ownParagraph(r ratio) bool {
	if r.change == nil || r.amount == nil {
		return false
	}
	change := *r.change
	change.Value = change.Value.Abs()
	for _, pa := range d.printedAmounts() {
		if pa.block != r.stated.Pos.Block {
			continue
		}
		for k := 1; k < len(pa.amounts); k++ {
			if pa.one(k).states(&change) && pa.one(k-1).states(r.amount) {
				return true
			}
		}
	}
	return false
}

// shareBase is the total each metric's share is stated against.
func shareBase(metric string) string {
	switch {
	case metric == "gpb.expenditure":
		return "expenditure.total"
	case metric == "gpb.class":
		return "gpb.expenditure"
	case strings.HasPrefix(metric, "income."):
		return "income.total"
	case strings.HasPrefix(metric, "expenditure."):
		return "expenditure.total"
	case strings.HasPrefix(metric, "three_public."):
		return "three_public.total"
	case strings.HasPrefix(metric, "procurement."):
		return "procurement.total"
	}
	return ""
}

// shareRatio is a stated share and its amount over its base.
func (d *document) shareRatio(s *normalize.Fact, si int) (ratio, bool) {
	a, ai := d.get(s.Metric, "amount", s.Subject)
	base := shareBase(s.Metric)
	if a == nil {
		return ratio{}, false
	}
	r := ratio{stated: s, num: a.Value, hNum: halfOf(a), facts: []int{ai}, what: label(base, "", "amount")}
	if b, bi := d.get(base, "amount", ""); b != nil {
		r.den, r.hDen, r.facts = b.Value, halfOf(b), append(r.facts, bi)
	} else if parts := d.amounts(threePublicParts); base == "three_public.total" && len(parts) == len(threePublicParts) {
		// A narrative may give the three parts and their shares but leave
		// the total to its tables: the total is the three parts' sum.
		for _, q := range parts {
			r.den, r.hDen = r.den.Add(q.f.Value), r.hDen.Add(halfOf(q.f))
			if q.i != ai {
				r.facts = append(r.facts, q.i)
			}
		}
		r.what = "三项之和 " + money(r.den, parts[0].f)
	} else {
		return ratio{}, false
	}
	r.facts = append(r.facts, si)
	return r, r.den.Sign() > 0
}

// yoyRatio is a stated change in percent against the change in money:
// pct = change / (amount − change) · 100. zero reports a base of 0.
func (d *document) yoyRatio(c *normalize.Fact, ci int) (r ratio, ok, zero bool) {
	pct, pi := d.get(c.Metric, "yoy_pct", c.Subject)
	if pct == nil {
		return ratio{}, false, false
	}
	return d.changeRatio(pct, c, ci, pi, nil)
}

// changeRatio is a change in percent against its change in money and the
// amount of its key. ci and pi index the two changes among the facts, or
// are -1 for a reading that is not a fact, which also then holds.
func (d *document) changeRatio(pct, c *normalize.Fact, ci, pi int, also []*normalize.Fact) (r ratio, ok, zero bool) {
	a, ai := d.get(c.Metric, "amount", c.Subject)
	if a == nil {
		return ratio{}, false, false
	}
	var facts []int
	for _, i := range []int{ci, ai, pi} {
		if i >= 0 {
			facts = append(facts, i)
		}
	}
	prior := a.Value.Sub(c.Value)
	hc := halfOf(c)
	r = ratio{stated: pct, num: c.Value, den: prior, hNum: hc, hDen: halfOf(a).Add(hc), facts: facts, also: also, what: "增减额与上年数", change: c, amount: a}
	return r, prior.Sign() > 0, prior.IsZero()
}

// restatedYoY is a change in percent stated again, differently
// (normalize's Conflicts), against the change in money its own paragraph
// restates, else the change of its key.
func (d *document) restatedYoY(pct *normalize.Fact) (r ratio, ok, zero bool) {
	for k := range d.res.Conflicts {
		if c := &d.res.Conflicts[k]; c.Measure == "yoy_change" && c.Metric == pct.Metric && c.Subject == pct.Subject && c.Pos.Block == pct.Pos.Block {
			return d.changeRatio(pct, c, -1, -1, []*normalize.Fact{c, pct})
		}
	}
	c, ci := d.get(pct.Metric, "yoy_change", pct.Subject)
	if c == nil {
		return ratio{}, false, false
	}
	return d.changeRatio(pct, c, ci, -1, []*normalize.Fact{pct})
}

// completionRatio is a stated completion rate against amount / budget.
// zero reports a budget of 0.
func (d *document) completionRatio(c *normalize.Fact, ci int) (r ratio, ok, zero bool) {
	a, ai := d.get(c.Metric, "amount", c.Subject)
	b, bi := d.get(c.Metric, "budget", c.Subject)
	if a == nil || b == nil {
		return ratio{}, false, false
	}
	r = ratio{stated: c, num: a.Value, den: b.Value, hNum: halfOf(a), hDen: halfOf(b), facts: []int{ai, bi, ci}, what: "决算数与预算数"}
	return r, b.Value.Sign() > 0, b.Value.IsZero()
}

// lineRatio is a 类's or 项's stated change in percent (normalize's
// Changes) against its change in money and its amount.
func (d *document) lineRatio(p *normalize.Fact) (r ratio, ok, zero bool) {
	cs := d.res.Changes
	var change *normalize.Fact
	for j := range cs {
		if c := &cs[j]; c.Measure == "yoy_change" && sameLine(c, p) {
			change = c
		}
	}
	ai := -1
	for j := range d.facts {
		if a := &d.facts[j]; a.Measure == "amount" && sameLine(a, p) {
			ai = j
		}
	}
	if change == nil || ai < 0 {
		return ratio{}, false, false
	}
	a := &d.facts[ai]
	prior := a.Value.Sub(change.Value)
	hc := halfOf(change)
	r = ratio{stated: p, num: change.Value, den: prior, hNum: hc, hDen: halfOf(a).Add(hc), facts: []int{ai}, also: []*normalize.Fact{change, p}, what: "增减额与上年数",
		change: change, amount: a}
	return r, prior.Sign() > 0, prior.IsZero()
}

// ratios are every ratio the document states whose amounts it gives.
func (d *document) ratios() []ratio {
	var out []ratio
	for i := range d.facts {
		f := &d.facts[i]
		var r ratio
		ok := false
		switch f.Measure {
		case "share_pct":
			r, ok = d.shareRatio(f, i)
		case "yoy_change":
			r, ok, _ = d.yoyRatio(f, i)
		case "completion_pct":
			r, ok, _ = d.completionRatio(f, i)
		}
		if ok {
			out = append(out, r)
		}
	}
	for i := range d.res.Conflicts {
		if f := &d.res.Conflicts[i]; f.Measure == "yoy_pct" {
			if r, ok, _ := d.restatedYoY(f); ok {
				out = append(out, r)
			}
		}
	}
	for i := range d.res.Changes {
		if f := &d.res.Changes[i]; f.Measure == "yoy_pct" {
			if r, ok, _ := d.lineRatio(f); ok {
				out = append(out, r)
			}
		}
	}
	return out
}

func shareRecompute(p *Pass) {
	for i := range p.facts {
		if f := &p.facts[i]; f.Measure == "share_pct" {
			if r, ok := p.shareRatio(f, i); ok {
				p.checkRatio(r)
			} else {
				p.missing()
			}
		}
	}
}

func yoyPctRule(p *Pass) {
	for i := range p.facts {
		if f := &p.facts[i]; f.Measure == "yoy_change" {
			switch r, ok, zero := p.yoyRatio(f, i); {
			case ok:
				p.checkRatio(r)
			case !zero: // a zero base is yoy.zero_base's
				p.missing()
			}
		}
	}
	// A percentage stated twice, differently, is checked each time.
	for i := range p.res.Conflicts {
		if f := &p.res.Conflicts[i]; f.Measure == "yoy_pct" {
			if r, ok, _ := p.restatedYoY(f); ok {
				p.checkRatio(r)
			}
		}
	}
}

func completionRule(p *Pass) {
	for i := range p.facts {
		f := &p.facts[i]
		if f.Measure != "completion_pct" {
			continue
		}
		switch r, ok, zero := p.completionRatio(f, i); {
		case ok:
			p.checkRatio(r)
		case zero && f.Value.IsZero():
			p.pass()
		case zero:
			p.fail(Finding{Severity: Error, Actual: f.Value, Facts: r.facts,
				Message: fmt.Sprintf("%s：预算数为 0，文中却称完成预算 %s%%", label(f.Metric, f.Subject, "amount"), f.Value)})
		default:
			p.missing()
		}
	}
}

// decimalSlip finds stated percentages that are the computed ones with
// the decimal point moved: a typing slip, which the message names.
func decimalSlip(p *Pass) {
	for _, r := range p.ratios() {
		k, slipped := r.slip()
		if !slipped {
			p.pass()
			continue
		}
		computed, d := r.computed(), decimalsOf(r.stated.Raw)
		p.failRatio(Finding{Severity: Error, Expected: known(computed.Round(max(d-k, 0))), Actual: r.stated.Value, Facts: r.facts,
			Message: fmt.Sprintf("%s：按%s算得 %s%%，文中为 %s%%（小数点错位，差 %s 倍）", label(r.stated.Metric, r.stated.Subject, r.stated.Measure),
				r.what, computed.Round(max(d-k, 2)).String(), r.stated.Value.String(), decimal.New(1, abs32(k)).String())}, r)
	}
}

func abs32(k int32) int32 {
	if k < 0 {
		return -k
	}
	return k
}

// zeroBase finds growth rates stated for a change from nothing: last
// year's figure (amount − change) is 0, so no rate exists, yet one is
// printed (增长100%).
func zeroBase(p *Pass) {
	check := func(stated *normalize.Fact, a *normalize.Fact, change decimal.Decimal, facts []int, also ...*normalize.Fact) {
		if !a.Value.Sub(change).IsZero() {
			p.pass()
			return
		}
		if stated.Value.IsZero() {
			p.pass()
			return
		}
		p.fail(Finding{Severity: Warning, Actual: stated.Value, Facts: facts,
			Message: fmt.Sprintf("%s：上年数为 0（%s − %s），增长 %s%% 无从计算", label(stated.Metric, stated.Subject, "yoy_pct"),
				money(a.Value, a), money(change, a), stated.Value)}, also...)
	}
	for i := range p.facts {
		c := &p.facts[i]
		if c.Measure != "yoy_change" {
			continue
		}
		pct, pi := p.get(c.Metric, "yoy_pct", c.Subject)
		a, ai := p.get(c.Metric, "amount", c.Subject)
		if pct != nil && a != nil {
			check(pct, a, c.Value, []int{i, ai, pi})
		}
	}
	for i := range p.res.Changes {
		pct := &p.res.Changes[i]
		if pct.Measure != "yoy_pct" {
			continue
		}
		if r, _, _ := p.lineRatio(pct); r.stated != nil {
			check(pct, &p.facts[r.facts[0]], r.num, r.facts, r.also...)
		}
	}
}

// yoyPriorRule checks amount − prior = change where a chart gives the
// prior.
func yoyPriorRule(p *Pass) {
	for i := range p.facts {
		pr := &p.facts[i]
		if pr.Measure != normalize.PriorAmount {
			continue
		}
		a, ai := p.get(pr.Metric, "amount", pr.Subject)
		c, ci := p.get(pr.Metric, "yoy_change", pr.Subject)
		if a == nil || c == nil {
			p.missing()
			continue
		}
		want := a.Value.Sub(pr.Value)
		// The prior comes from a chart, rounded to the amount's precision.
		tol := halfOf(a).Mul(decimal.NewFromInt(2)).Add(halfOf(c))
		if want.Sub(c.Value).Abs().LessThanOrEqual(tol) {
			p.pass()
			continue
		}
		p.fail(Finding{Severity: Error, Expected: known(want), Actual: c.Value, Facts: []int{ai, i, ci},
			Message: fmt.Sprintf("%s %s − 上年 %s = %s，文中增减额为 %s", label(a.Metric, a.Subject, "amount"), money(a.Value, a), money(pr.Value, a), money(want, a), money(c.Value, a))})
	}
}

// strayMark finds figures printed with a stray mark ("16.19*%").
func strayMark(p *Pass) {
	for i := range p.facts {
		f := &p.facts[i]
		p.ran()
		if strings.ContainsAny(f.Raw, "*＊") {
			p.fail(Finding{Severity: Warning, Actual: f.Value, Facts: []int{i},
				Message: fmt.Sprintf("%s 印为“%s”，含多余符号", label(f.Metric, f.Subject, f.Measure), f.Raw)})
		}
	}
}
