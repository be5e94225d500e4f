package validate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/shopspring/decimal"
)

// The rounding-tolerance policy.
//
// A figure printed to the nearest unit u (0.01 万元 = 100 元 for
// "1273.96万元", 1 元 for "22118861元") may be off by u/2 from the true
// value. A sum of n printed parts may therefore miss its printed total by
// up to (n+1)·u/2 without anyone having erred; only beyond that is it an
// error, and a miss within it is reported as Info.
//
// A percentage printed with d decimals is allowed one unit of its last
// digit (0.01 pp for "97.65%"), plus what the rounding of its amounts
// propagates into the ratio. A stated percentage that equals the truncated
// ratio but not the rounded one is reported as Info, since some reports
// truncate.
//
// Totals that may hold parts the document does not name (a budget's
// 单位预留机动经费, a 决算's unstated 经营支出) are checked one way only: the
// named parts must not exceed the total.

var numRe = regexp.MustCompile(`\d+(?:\.(\d+))?`)

// decimalsOf is the number of decimals of the last number in raw.
func decimalsOf(raw string) int32 {
	ms := numRe.FindAllStringSubmatch(raw, -1)
	if len(ms) == 0 {
		return 0
	}
	return int32(len(ms[len(ms)-1][1]))
}

func unitOf(raw string) (string, int32) {
	for _, u := range []struct {
		name  string
		shift int32
	}{{"亿元", 8}, {"万元", 4}, {"千元", 3}, {"元", 0}} {
		if strings.HasSuffix(raw, u.name) {
			return u.name, u.shift
		}
	}
	return "", 0
}

// halfOf is half the unit of a fact's own printing: 50 元 for "9,101.68万元"
// (it may stand for anything from 9,101.675 to 9,101.685万元), 0.005 for
// "97.65%".
func halfOf(f *normalize.Fact) decimal.Decimal {
	if f.Value.IsZero() {
		return decimal.Zero // "0万元" is nothing, at any precision
	}
	if f.Unit == normalize.Percent {
		return halfPct(f)
	}
	_, shift := unitOf(f.Raw)
	return decimal.New(5, shift-decimalsOf(f.Raw)-1)
}

// halfPct is the tolerance of a printed percentage: one unit of its last
// digit (0.01 pp for 97.65%), since reports compute shares from figures
// more exact than the ones they print.
func halfPct(f *normalize.Fact) decimal.Decimal {
	return decimal.New(1, -decimalsOf(f.Raw))
}

// rounding is what the rounding of a total and its parts, each as
// printed, may account for in their sum: half the unit of each.
func rounding(total *normalize.Fact, parts ...*normalize.Fact) decimal.Decimal {
	tol := halfOf(total)
	for _, f := range parts {
		tol = tol.Add(halfOf(f))
	}
	return tol
}

var hundred = decimal.NewFromInt(100)

// checkRatio compares a stated percentage with num/den·100, given the half
// units of num and den. It reports whether the check ran.
// idx are the facts involved, the stated one among them if it is a fact.
func (v *checker) checkRatio(stated *normalize.Fact, num, den decimal.Decimal, hNum, hDen decimal.Decimal, idx []int, what string) bool {
	if den.Sign() <= 0 {
		return false
	}
	computed := num.Mul(hundred).DivRound(den, 6)
	// 100·(hNum/den + |num|·hDen/den²), the effect of rounded amounts.
	prop := hNum.Div(den).Add(num.Abs().Mul(hDen).Div(den.Mul(den))).Mul(hundred)
	tol := halfPct(stated).Add(prop)
	d := decimalsOf(stated.Raw)
	truncated := computed.Truncate(d).Equal(stated.Value) && !computed.Round(d).Equal(stated.Value)
	within := stated.Value.Sub(computed).Abs().LessThanOrEqual(tol)
	if within && !truncated && computed.Round(d).Equal(stated.Value) {
		v.pass()
		return true
	}
	f := Finding{Severity: Error, Expected: known(computed.Round(d)), Actual: stated.Value, Facts: idx,
		Message: fmt.Sprintf("%s：按%s算得 %s%%，文中为 %s%%", label(stated.Metric, stated.Subject, stated.Measure), what, computed.Round(max(d, 2)).String(), stated.Value.String())}
	switch {
	case truncated:
		f.Message += "（截尾而非四舍五入）"
	case within:
		f.Message += "（差额在允许误差之内）"
	}
	if within {
		f.Severity = Info
	}
	v.fail(f)
	return true
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

func (v *checker) share(s *normalize.Fact, si int) {
	a, ai := v.get(s.Metric, "amount", s.Subject)
	base := shareBase(s.Metric)
	if a == nil {
		v.missing()
		return
	}
	den, hDen, idx, what := decimal.Zero, decimal.Zero, []int{ai}, label(base, "", "amount")
	if d, di := v.get(base, "amount", ""); d != nil {
		den, hDen, idx = d.Value, halfOf(d), append(idx, di)
	} else if parts := v.amounts(threePublicParts); base == "three_public.total" && len(parts) == len(threePublicParts) {
		// A narrative may give the three parts and their shares but leave
		// the total to its tables: the total is the three parts' sum.
		for _, p := range parts {
			den, hDen = den.Add(p.f.Value), hDen.Add(halfOf(p.f))
			if p.i != ai {
				idx = append(idx, p.i)
			}
		}
		what = "三项之和 " + money(den, parts[0].f)
	} else {
		v.missing()
		return
	}
	if !v.checkRatio(s, a.Value, den, halfOf(a), hDen, append(idx, si), what) {
		v.missing()
	}
}

// yoyPct checks a stated change in percent against the change in money:
// pct = change / (amount − change) · 100.
func (v *checker) yoyPct(c *normalize.Fact, ci int) {
	p, pi := v.get(c.Metric, "yoy_pct", c.Subject)
	a, ai := v.get(c.Metric, "amount", c.Subject)
	if p == nil || a == nil {
		v.missing()
		return
	}
	prior := a.Value.Sub(c.Value)
	if prior.IsZero() && !p.Value.IsZero() {
		v.fail(Finding{Severity: Warning, Actual: p.Value, Facts: []int{ci, ai, pi},
			Message: fmt.Sprintf("%s：上年数为 0（%s − %s），增长 %s%% 无从计算", label(p.Metric, p.Subject, "yoy_pct"), money(a.Value, a), money(c.Value, a), p.Value)})
		return
	}
	hc, ha := halfOf(c), halfOf(a)
	if !v.checkRatio(p, c.Value, prior, hc, ha.Add(hc), []int{ci, ai, pi}, "增减额与上年数") {
		v.missing()
	}
}

// yoyPrior checks amount − prior = change where a chart gives the prior.
func (v *checker) yoyPrior(pr *normalize.Fact, pri int) {
	a, ai := v.get(pr.Metric, "amount", pr.Subject)
	c, ci := v.get(pr.Metric, "yoy_change", pr.Subject)
	if a == nil || c == nil {
		v.missing()
		return
	}
	want := a.Value.Sub(pr.Value)
	// The prior comes from a chart, rounded to the amount's precision.
	tol := halfOf(a).Mul(decimal.NewFromInt(2)).Add(halfOf(c))
	if want.Sub(c.Value).Abs().LessThanOrEqual(tol) {
		v.pass()
		return
	}
	v.fail(Finding{Severity: Error, Expected: known(want), Actual: c.Value, Facts: []int{ai, pri, ci},
		Message: fmt.Sprintf("%s %s − 上年 %s = %s，文中增减额为 %s", label(a.Metric, a.Subject, "amount"), money(a.Value, a), money(pr.Value, a), money(want, a), money(c.Value, a))})
}

// completion checks completion = amount / budget · 100, and flags a rate
// stated against a zero budget.
func (v *checker) completion(c *normalize.Fact, ci int) {
	a, ai := v.get(c.Metric, "amount", c.Subject)
	b, bi := v.get(c.Metric, "budget", c.Subject)
	if a == nil || b == nil {
		v.missing()
		return
	}
	if b.Value.IsZero() {
		if c.Value.IsZero() {
			v.pass()
			return
		}
		v.fail(Finding{Severity: Error, Actual: c.Value, Facts: []int{ai, bi, ci},
			Message: fmt.Sprintf("%s：预算数为 0，文中却称完成预算 %s%%", label(c.Metric, c.Subject, "amount"), c.Value)})
		return
	}
	v.checkRatio(c, a.Value, b.Value, halfOf(a), halfOf(b), []int{ai, bi, ci}, "决算数与预算数")
}
