package validate

import (
	"sort"
	"strings"
)

// The sums of sets of lines: the 类 of 一般公共预算财政拨款支出, the 项 of a
// 类 or of the whole.

func sumClasses(p *Pass) { p.sumPerLine("gpb.expenditure", "", "gpb.class", "") }

func sumItems(p *Pass) {
	for _, class := range p.subjects("gpb.class") {
		p.sumPerLine("gpb.class", class, "gpb.item", class+"/")
	}
}

func sumItemsTotal(p *Pass)  { p.itemsTotal("amount") }
func sumItemsBudget(p *Pass) { p.itemsTotal("budget") }

// itemsTotal checks that the line items add up to 一般公共预算财政拨款支出,
// when they cover every class the document lists.
func (p *Pass) itemsTotal(measure string) {
	t, ti := p.get("gpb.expenditure", measure, "")
	var ps []part
	covered := map[string]bool{}
	for i := range p.facts {
		f := &p.facts[i]
		if f.Metric == "gpb.item" && f.Measure == measure {
			ps = append(ps, part{f, i})
			covered[strings.SplitN(f.Subject, "/", 2)[0]] = true
		}
	}
	if !p.ready(t, len(ps)) {
		return
	}
	for _, class := range p.subjects("gpb.class") {
		if !covered[class] {
			p.missing() // a class without its items: the list is partial
			return
		}
	}
	p.compareSum(part{t, ti}, ps)
}

// subjects lists the subjects of a per-line metric's amounts, sorted.
func (d *document) subjects(metric string) []string {
	var out []string
	for _, f := range d.facts {
		if f.Metric == metric && f.Measure == "amount" {
			out = append(out, f.Subject)
		}
	}
	sort.Strings(out)
	return out
}

// sumPerLine checks a total against the per-line amounts of lineMetric
// whose subject starts with prefix.
func (p *Pass) sumPerLine(totalMetric, totalSubject, lineMetric, prefix string) {
	t, ti := p.get(totalMetric, "amount", totalSubject)
	var ps []part
	for i := range p.facts {
		f := &p.facts[i]
		if f.Metric == lineMetric && f.Measure == "amount" && strings.HasPrefix(f.Subject, prefix) {
			ps = append(ps, part{f, i})
		}
	}
	if !p.ready(t, len(ps)) {
		return
	}
	p.compareSum(part{t, ti}, ps)
}
