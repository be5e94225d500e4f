package validate

import (
	"fmt"

	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/shopspring/decimal"
)

// Figures stated twice with different values (normalize's Conflicts): a
// table and the narrative (narrative.vs_table), or two statements of one
// kind (dup.conflict). Two printings of one figure at different
// precisions (91,016,775.35元 and 9,101.68万元) agree if either rounds to
// the other; the coarser being the finer truncated is Info.

func narrativeVsTable(p *Pass) { p.restatements(true) }
func dupConflict(p *Pass)      { p.restatements(false) }

// restatements checks the later statements of a kind of method against
// the first: another method's (the narrative against the table) when
// across, else the same method's.
func (p *Pass) restatements(across bool) {
	if len(p.facts) > 0 {
		p.ran()
	}
	for k := range p.res.Conflicts {
		c := &p.res.Conflicts[k]
		first, i := p.get(c.Metric, c.Measure, c.Subject)
		if first == nil || (first.Method != c.Method) != across {
			continue
		}
		switch agree(first, c) {
		case same:
			p.pass()
			continue
		case truncated:
			p.fail(Finding{Severity: Info, Expected: known(first.Value), Actual: c.Value, Facts: []int{i},
				Message: p.restated(first, c, across) + "（截尾而非四舍五入）"}, c)
			continue
		}
		p.fail(Finding{Severity: Error, Expected: known(first.Value), Actual: c.Value, Facts: []int{i}, Message: p.restated(first, c, across)}, c)
	}
}

func (p *Pass) restated(first, c *normalize.Fact, across bool) string {
	name := label(c.Metric, c.Subject, c.Measure)
	if across {
		table, text := first, c
		if first.Method != normalize.FromTable && c.Method == normalize.FromTable {
			table, text = c, first
		}
		return fmt.Sprintf("%s 表中为 %s（%s），文字说明为 %s（%s）", name, table.Raw, table.Pos, text.Raw, text.Pos)
	}
	return fmt.Sprintf("%s 前文为 %s，%s 处又为 %s", name, first.Raw, c.Pos, c.Raw)
}

// agreement is how two printings of one figure compare.
type agreement int

const (
	differ    agreement = iota
	same                // equal, or one rounds to the other
	truncated           // the coarser is the finer cut short, not rounded
)

func agree(a, b *normalize.Fact) agreement {
	tol := decimal.Max(halfOf(a), halfOf(b))
	if a.Value.Sub(b.Value).Abs().LessThanOrEqual(tol) {
		return same
	}
	fine, coarse := a, b
	if printUnit(a).GreaterThan(printUnit(b)) {
		fine, coarse = b, a
	}
	unit := printUnit(coarse)
	if !coarse.Value.IsZero() && unit.GreaterThan(printUnit(fine)) && fine.Value.Div(unit).Truncate(0).Mul(unit).Equal(coarse.Value) {
		return truncated
	}
	return differ
}
