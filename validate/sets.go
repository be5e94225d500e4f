package validate

import (
	"regexp"
	"slices"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/shopspring/decimal"
)

// The sums of sets of lines: the 类 of 一般公共预算财政拨款支出, the 项 of a
// 类 or of the whole. Unlike named parts, a set can be read twice over (a
// narrative 项 and its table line under two names) or in part (a line lost
// to wrapping, a narrative that lists the main lines only), and neither is
// the document's error. So a set is summed
//   - with one reading per line: by code, where two readings of one code
//     must agree, and never a table's lines with narrative lines that have
//     no code (either may be the other under another name);
//   - as whole only when it is known to be: its lines and its total are
//     one table's, a table whose every row of figures was read
//     (normalize.Result.Partial), or the narrative states the total and then lists the
//     lines ("一般公共预算财政拨款支出2111.47万元，主要用于以下方面：…"),
//     and no line of its kind was set aside as a rounding of a table row
//     not read (normalize.Result.Rounded). Any other set may only not
//     exceed its total;
//   - and a table's lines that miss the total their own table's layout
//     confirms were read in part: no finding.

func sumClasses(p *Pass) {
	t, ti := p.get("gpb.expenditure", "amount", "")
	ps, ok := p.lines("gpb.class", "amount", nil)
	if !p.ready(t, len(ps)) {
		return
	}
	if !ok {
		p.missing()
		return
	}
	p.sumLines(part{t, ti}, ps, p.completeness(part{t, ti}, ps))
}

func sumItems(p *Pass) {
	list := partial // what is known of the list of all 项 is known of each 类's
	if t, ti := p.get("gpb.expenditure", "amount", ""); t != nil {
		if all, ok := p.lines("gpb.item", "amount", nil); ok && len(all) > 0 {
			list = p.completeness(part{t, ti}, all)
		}
	}
	for _, class := range p.subjects("gpb.class") {
		c, ci := p.get("gpb.class", "amount", class)
		items, ok := p.lines("gpb.item", "amount", func(f *normalize.Fact) bool { return under(f, c) })
		if !p.ready(c, len(items)) {
			continue
		}
		if !ok {
			p.missing()
			continue
		}
		p.sumLines(part{c, ci}, items, max(list, p.completeness(part{c, ci}, items)))
	}
}

func sumItemsTotal(p *Pass)  { p.itemsTotal("amount") }
func sumItemsBudget(p *Pass) { p.itemsTotal("budget") }

// itemsTotal checks that the line items add up to 一般公共预算财政拨款支出
// (its amount, or its budget), when they cover every class the document
// lists.
func (p *Pass) itemsTotal(measure string) {
	t, ti := p.get("gpb.expenditure", measure, "")
	ps, ok := p.lines("gpb.item", measure, nil)
	if !p.ready(t, len(ps)) {
		return
	}
	covered := map[string]bool{}
	for _, q := range ps {
		covered[strings.SplitN(q.f.Subject, "/", 2)[0]] = true
	}
	for _, class := range p.subjects("gpb.class") {
		if !covered[class] {
			p.missing() // a class without its items: the list is partial
			return
		}
	}
	if !ok {
		p.missing()
		return
	}
	p.sumLines(part{t, ti}, ps, p.completeness(part{t, ti}, ps))
}

// completeness is what is known of a set of lines against its total.
type completeness int

const (
	partial completeness = iota // it may be some of the lines only
	whole                       // they are all the total's lines
)

// sumLines checks a total against a set of lines: as a whole when the set
// is known to be whole, else only that the lines do not exceed it.
func (p *Pass) sumLines(t part, ps []part, c completeness) {
	switch {
	case c == partial:
		p.notOver(t, ps)
	case !within(t, ps) && p.layoutHolds(t.f):
		p.missing() // the table adds up by its layout: lines were lost in reading
	default:
		p.compareSum(t, ps)
	}
}

// subjects lists the subjects of a per-line metric's amounts, in the
// order of the facts.
func (d *document) subjects(metric string) []string {
	var out []string
	for _, f := range d.facts {
		if f.Metric == metric && f.Measure == "amount" {
			out = append(out, f.Subject)
		}
	}
	return out
}

// lines chooses the lines of metric and measure that keep accepts, one
// reading per line. ok is false when the set cannot be summed: two
// readings of one code that differ, or a table's lines mixed with
// narrative lines that have no code.
func (d *document) lines(metric, measure string, keep func(*normalize.Fact) bool) (ps []part, ok bool) {
	byCode := map[string]int{} // code → index in ps
	table, uncoded := false, false
	for i := range d.facts {
		f := &d.facts[i]
		if f.Metric != metric || f.Measure != measure || keep != nil && !keep(f) {
			continue
		}
		if k, seen := byCode[f.Code]; seen && f.Code != "" {
			if !ps[k].f.Value.Equal(f.Value) {
				return nil, false // one line, two figures: dup.conflict's, not a sum's
			}
			if f.Method == normalize.FromTable {
				ps[k] = part{f, i}
			}
			continue
		}
		if f.Code != "" {
			byCode[f.Code] = len(ps)
		}
		table = table || f.Method == normalize.FromTable
		uncoded = uncoded || f.Method != normalize.FromTable && f.Code == ""
		ps = append(ps, part{f, i})
	}
	return ps, !(table && uncoded)
}

// completeness says what is known of a set of lines against its total:
// whole when the lines and the total are read from one table, or the
// narrative states the total and every line after it; else partial.
func (d *document) completeness(t part, ps []part) completeness {
	if len(ps) > 0 && d.roundedLines(ps[0].f.Metric, ps[0].f.Measure) {
		return partial
	}
	// Lines of a table the reader knows it read in part are not all the
	// lines, whatever else says so.
	for _, q := range append([]part{t}, ps...) {
		if q.f.Method == normalize.FromTable && slices.Contains(d.res.Partial, q.f.Pos.Block) {
			return partial
		}
	}
	oneTable := t.f.Method == normalize.FromTable
	for _, q := range ps {
		oneTable = oneTable && q.f.Method == normalize.FromTable && q.f.Pos.Block == t.f.Pos.Block
	}
	if oneTable || d.narrativeLists(t.f, ps) {
		return whole
	}
	return partial
}

// roundedLines reports whether normalize set aside narrative lines of a
// metric and measure as roundings of table rows it did not read
// (normalize.Result.Rounded): the lines read are not all the lines.
func (d *document) roundedLines(metric, measure string) bool {
	for _, f := range d.res.Rounded {
		if f.Metric == metric && f.Measure == measure {
			return true
		}
	}
	return false
}

// layoutHolds reports whether a table fact is the total of a sum its own
// table states by its layout, and that sum holds within rounding.
func (d *document) layoutHolds(t *normalize.Fact) bool {
	if t.Method != normalize.FromTable {
		return false
	}
	for _, s := range d.sums {
		if !s.Across && s.Pos.Block == t.Pos.Block && s.Pos.Row == t.Pos.Row && s.Pos.Col == t.Pos.Col {
			return s.Sum.Sub(s.Total).Abs().LessThanOrEqual(s.Rounding)
		}
	}
	return false
}

// listWindow bounds how far after the statement of a total the narrative
// may list its parts, in blocks: a section's length.
const listWindow = 80

// narrativeLists reports whether a paragraph states the total and every
// part is stated in it or in a paragraph after it, within listWindow
// blocks: a list whose total the narrative gives.
func (d *document) narrativeLists(t *normalize.Fact, ps []part) bool {
	paras := d.printedAmounts()
	start := -1
	for k, pa := range paras {
		if pa.states(t) {
			start = k
			break
		}
	}
	if start < 0 {
		return false
	}
	for _, q := range ps {
		if q.f.Value.IsZero() {
			continue // a line of nothing need not be stated
		}
		found := false
		for _, pa := range paras[start:] {
			if pa.block > paras[start].block+listWindow {
				break
			}
			if pa.states(q.f) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// printed is the money one paragraph states.
type printed struct {
	block   int // Pos.Block
	amounts []normalize.Fact
}

var printedAmountRe = regexp.MustCompile(`\d[\d,]*(?:\.\d+)?(?:亿元|万元|元)`)

// printedAmounts reads the money each paragraph and heading states, in
// the order of the document, once per document.
func (d *document) printedAmounts() []printed {
	if d.printed != nil {
		return *d.printed
	}
	var out []printed
	for _, b := range d.doc.Blocks {
		if b.Kind != extract.Paragraph && b.Kind != extract.Heading || !strings.Contains(b.Text, "元") {
			continue
		}
		pa := printed{block: b.Pos.Block}
		for _, raw := range printedAmountRe.FindAllString(strings.ReplaceAll(normalize.Clean(b.Text), " ", ""), -1) {
			if v, err := normalize.ParseAmount(raw); err == nil {
				pa.amounts = append(pa.amounts, normalize.Fact{Value: v, Raw: raw, Unit: normalize.Yuan})
			}
		}
		if len(pa.amounts) > 0 {
			out = append(out, pa)
		}
	}
	d.printed = &out
	return out
}

// one is the paragraph's k-th figure alone.
func (pa printed) one(k int) printed {
	return printed{block: pa.block, amounts: pa.amounts[k : k+1]}
}

// states reports whether the paragraph prints f's figure, as either
// printing rounds it.
func (pa printed) states(f *normalize.Fact) bool {
	for k := range pa.amounts {
		a := &pa.amounts[k]
		if a.Value.Sub(f.Value).Abs().LessThanOrEqual(decimal.Max(halfOf(a), halfOf(f))) && (a.Value.IsZero() == f.Value.IsZero()) {
			return true
		}
	}
	return false
}
