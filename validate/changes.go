package validate

import (
	"fmt"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/normalize"
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
func lineChanges(p *Pass) {
	cs := p.res.Changes
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
	for i := range cs {
		if f := &cs[i]; f.Measure == "yoy_pct" {
			if r, ok, _ := p.lineRatio(f); ok {
				p.checkRatio(r)
			}
		}
	}
	var classes []*normalize.Fact
	var classIdx []int
	complete := true // every class has its change
	for i := range p.facts {
		cl := &p.facts[i]
		if cl.Metric != "gpb.class" || cl.Measure != "amount" {
			continue
		}
		cc := changeOf(cl)
		classes, classIdx = append(classes, cc), append(classIdx, i)
		complete = complete && cc != nil
		var items []*normalize.Fact
		idx := []int{i}
		for j := range p.facts {
			it := &p.facts[j]
			if it.Metric == "gpb.item" && it.Measure == "amount" && under(it, cl) {
				items, idx = append(items, changeOf(it)), append(idx, j)
			}
		}
		if cc == nil || len(items) == 0 {
			continue
		}
		p.compareChanges(cc, items, idx, label(cl.Metric, cl.Subject, "yoy_change"), "其各项增减额之和")
	}
	g, gi := p.get("gpb.expenditure", "yoy_change", "")
	if g == nil || len(classes) == 0 || !complete {
		if g != nil && len(classes) > 0 {
			p.missing()
		}
		return
	}
	var note string
	if t, _ := p.get("total", "yoy_change", ""); t != nil && !t.Value.Equal(g.Value) && sumOf(classes).Equal(t.Value) {
		note = "，与收支总计的增减额相同，或为全部资金而非财政拨款的口径"
	}
	p.compareChanges(g, classes, append(classIdx, gi), label(g.Metric, "", "yoy_change"), "各类增减额之和", note)
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

// compareChanges checks a stated change against the sum of its parts'
// changes, within the rounding of each as printed. A nil part is a line
// whose change is not stated: the check cannot run.
func (p *Pass) compareChanges(total *normalize.Fact, parts []*normalize.Fact, idx []int, what, sumName string, note ...string) {
	var terms strings.Builder
	for i, q := range parts {
		if q == nil {
			p.missing()
			return
		}
		switch {
		case q.Value.IsNegative():
			terms.WriteString(" − ")
		case i > 0:
			terms.WriteString(" + ")
		}
		terms.WriteString(strings.TrimSuffix(money(q.Value.Abs(), total), " 万元"))
	}
	sum := sumOf(parts)
	if sum.Equal(total.Value) {
		p.pass()
		return
	}
	f := Finding{Severity: Warning, Expected: known(sum), Actual: total.Value, Facts: idx,
		Message: fmt.Sprintf("%s为 %s（%s），%s %s = %s%s", what, money(total.Value, total), total.Pos,
			sumName, strings.TrimSpace(terms.String()), money(sum, total), strings.Join(note, ""))}
	if sum.Sub(total.Value).Abs().LessThanOrEqual(rounding(total, parts...)) {
		f.Severity = Info
		f.Message += "（差额在舍入误差之内）"
	}
	p.fail(f, append(parts, total)...)
}
