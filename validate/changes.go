package validate

import (
	"fmt"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/shopspring/decimal"
)

// lineChanges checks the year-on-year changes a narrative states for 类
// and 项 (normalize.Result.Changes): each line's percentage against its
// change and amount, each 类's change against the sum of its 项's
// changes, and the 类's changes against the change of
// 一般公共预算财政拨款支出. The sums run only where every line has its
// change. A percentage that does not recompute is an error, as in
// yoy.pct; a sum that misses is a warning, for a narrative may state a
// 类's change over all its money and its 项's over 财政拨款 alone, and the
// template does not say which.
func (v *checker) lineChanges(cs []normalize.Fact) {
	changeOf := func(f *normalize.Fact) *normalize.Fact {
		for i := range cs {
			if c := &cs[i]; c.Measure == "yoy_change" && sameLine(c, f) {
				return c
			}
		}
		return nil
	}
	if len(cs) == 0 {
		return
	}
	v.linePercents(cs)
	var classes []*normalize.Fact
	var classIdx []int
	complete := true // every class has its change
	for i := range v.facts {
		cl := &v.facts[i]
		if cl.Metric != "gpb.class" || cl.Measure != "amount" {
			continue
		}
		cc := changeOf(cl)
		classes, classIdx = append(classes, cc), append(classIdx, i)
		complete = complete && cc != nil
		var items []*normalize.Fact
		idx := []int{i}
		for j := range v.facts {
			it := &v.facts[j]
			if it.Metric == "gpb.item" && it.Measure == "amount" && under(it, cl) {
				items, idx = append(items, changeOf(it)), append(idx, j)
			}
		}
		if cc == nil || len(items) == 0 {
			continue
		}
		v.compareChanges(cc, items, idx, label(cl.Metric, cl.Subject, "yoy_change"), "其各项增减额之和")
	}
	g, gi := v.get("gpb.expenditure", "yoy_change", "")
	if g == nil || len(classes) == 0 || !complete {
		if g != nil && len(classes) > 0 {
			v.missing()
		}
		return
	}
	var note string
	if t, _ := v.get("total", "yoy_change", ""); t != nil && !t.Value.Equal(g.Value) && sumOf(classes).Equal(t.Value) {
		note = "，与收支总计的增减额相同，或为全部资金而非财政拨款的口径"
	}
	v.compareChanges(g, classes, append(classIdx, gi), label(g.Metric, "", "yoy_change"), "各类增减额之和", note)
}

// linePercents checks each line's stated change in percent against its
// change in money and its amount: pct = change / (amount − change) · 100.
func (v *checker) linePercents(cs []normalize.Fact) {
	for i := range cs {
		p := &cs[i]
		if p.Measure != "yoy_pct" {
			continue
		}
		var change *normalize.Fact
		for j := range cs {
			if c := &cs[j]; c.Measure == "yoy_change" && sameLine(c, p) {
				change = c
			}
		}
		ai := -1
		for j := range v.facts {
			if a := &v.facts[j]; a.Measure == "amount" && sameLine(a, p) {
				ai = j
			}
		}
		if change == nil || ai < 0 {
			continue
		}
		a := &v.facts[ai]
		prior := a.Value.Sub(change.Value)
		hc := halfOf(change)
		v.checkRatio(p, change.Value, prior, hc, halfOf(a).Add(hc), []int{ai}, "增减额与上年数")
	}
}

// sameLine reports whether two facts are about one 类 or 项: by code where
// both have one, else by subject.
func sameLine(a, b *normalize.Fact) bool {
	return a.Metric == b.Metric && (a.Code != "" && a.Code == b.Code || a.Subject == b.Subject)
}

// under reports whether item is one of class's line items.
func under(item, class *normalize.Fact) bool {
	if class.Code != "" && item.Code != "" {
		return strings.HasPrefix(item.Code, class.Code)
	}
	return strings.HasPrefix(item.Subject, class.Subject+"/")
}

func sumOf(fs []*normalize.Fact) decimal.Decimal {
	sum := decimal.Zero
	for _, f := range fs {
		sum = sum.Add(f.Value)
	}
	return sum
}

// compareChanges checks a stated change against the sum of its parts'
// changes, within the rounding of each as printed. A nil part is a line
// whose change is not stated: the check cannot run.
func (v *checker) compareChanges(total *normalize.Fact, parts []*normalize.Fact, idx []int, what, sumName string, note ...string) {
	var terms strings.Builder
	for i, p := range parts {
		if p == nil {
			v.missing()
			return
		}
		switch {
		case p.Value.IsNegative():
			terms.WriteString(" − ")
		case i > 0:
			terms.WriteString(" + ")
		}
		terms.WriteString(strings.TrimSuffix(money(p.Value.Abs(), total), " 万元"))
	}
	sum := sumOf(parts)
	if sum.Equal(total.Value) {
		v.pass()
		return
	}
	f := Finding{Severity: Warning, Expected: known(sum), Actual: total.Value, Facts: idx,
		Message: fmt.Sprintf("%s为 %s（%s），%s %s = %s%s", what, money(total.Value, total), total.Pos,
			sumName, strings.TrimSpace(terms.String()), money(sum, total), strings.Join(note, ""))}
	if sum.Sub(total.Value).Abs().LessThanOrEqual(rounding(total, parts...)) {
		f.Severity = Info
		f.Message += "（差额在舍入误差之内）"
	}
	v.fail(f)
}
