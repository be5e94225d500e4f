package normalize

import (
	"strings"
	"unicode/utf8"

	"github.com/fiscaldocs/fiscaldocs/extract"

	"github.com/shopspring/decimal"
)

// The “三公” table of the national template has one layout: under each
// measure (预算数, 决算数) its 合计, 因公出国（境）费, 公务用车购置及运行费 (小计,
// 公务用车购置费, 公务用车运行费) and 公务接待费; or each part over a pair of
// measures. A text copy that packs the table prints its header as words
// run together above a row of figures, their columns lost; the template
// puts them back, where the header's names and the row's count agree.

// threePublicNames are the header names of the template's “三公” table, longest
// spellings first, with what it names: a part's metric, "" for a group.
var threePublicNames = []struct{ name, metric string }{
	{"公务用车购置及运行维护费", "three_public.vehicle"},
	{"公务用车购置及运行费", "three_public.vehicle"},
	{"公务用车购置和运行费", "three_public.vehicle"},
	{"因公出国（境）费用", "three_public.overseas"},
	{"因公出国（境）费", "three_public.overseas"},
	{"因公出国(境)费", "three_public.overseas"},
	{"公务用车运行维护费", "three_public.vehicle.operation"},
	{"公务用车运行费", "three_public.vehicle.operation"},
	{"公务用车购置费", "three_public.vehicle.purchase"},
	{"公务接待费", "three_public.reception"},
	{"预算数", "budget"},
	{"决算数", "amount"},
	{"预算", "budget"},
	{"决算", "amount"},
	{"合计", "three_public.total"},
	{"小计", "subtotal"},
	{"会议费", "meeting"},
	{"培训费", "training"},
	{"财政拨款“三公”经费", "group"},
	{"“三公”经费", "group"},
	{"数", "group"}, // 预算 over 数: a measure's name wrapped in a narrow column
}

// threePublicWords finds the template's names in a packed header's text, in
// order. ok is false where the text holds other words (a column the
// template lacks, 会议费, 其中：外事接待): its columns are not the template's.
func threePublicWords(text string) (words []string, ok bool) {
	s := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u3000' || r == '\t' {
			return -1
		}
		return r
	}, text)
	for s != "" {
		found := false
		for _, n := range threePublicNames {
			if strings.HasPrefix(s, n.name) {
				words, s, found = append(words, n.metric), s[len(n.name):], true
				break
			}
		}
		if !found {
			return nil, false
		}
	}
	return words, true
}

// threePublicTokens finds the template's names in a header whose lines a
// copy interleaved: the lines of a name wrapped in its cell ("因公出国" /
// "（境）费", "公务用车" / "运行维护" / "费") stand apart, with other cells'
// words between, as a -layout copy prints a header over several lines.
// Each word apart is a name, or the start of one whose end is one or two
// later words ("公务用车" and "购置费" are 公务用车购置费; the end decides
// between names that start alike). Every word must be used, once. The
// order of the names is the order of their first words.
func threePublicTokens(lines []string) (words []string, ok bool) {
	var toks []string
	for _, l := range lines {
		toks = append(toks, strings.Fields(l)...)
	}
	if len(toks) > 64 {
		return nil, false // no header of the template's
	}
	used := make([]bool, len(toks))
	steps := 0 // a bound on the search: a hostile header ends it
	var walk func(i int) bool
	walk = func(i int) bool {
		if steps++; steps > 10000 {
			return false
		}
		for i < len(toks) && used[i] {
			i++
		}
		if i == len(toks) {
			return true
		}
		tok := toks[i]
		if ws, ok := threePublicWords(tok); ok {
			n := len(words)
			if words = append(words, ws...); walk(i + 1) {
				return true
			}
			words = words[:n]
		}
		if utf8.RuneCountInString(tok) < 2 {
			return false
		}
		for _, n := range threePublicNames {
			rest, found := strings.CutPrefix(n.name, tok)
			if !found || rest == "" || n.metric == "group" {
				continue
			}
			// The end: one later word, or two in order.
			for a := i + 1; a < len(toks); a++ {
				if used[a] || !strings.HasPrefix(rest, toks[a]) {
					continue
				}
				ends := [][]int{}
				if toks[a] == rest {
					ends = append(ends, []int{a})
				}
				for b := a + 1; b < len(toks); b++ {
					if !used[b] && toks[a]+toks[b] == rest {
						ends = append(ends, []int{a, b})
					}
				}
				for _, e := range ends {
					for _, k := range e {
						used[k] = true
					}
					words = append(words, n.metric)
					if walk(i + 1) {
						return true
					}
					words = words[:len(words)-1]
					for _, k := range e {
						used[k] = false
					}
				}
			}
		}
		return false
	}
	if !walk(0) || len(words) == 0 {
		return nil, false
	}
	return words, true
}

// withoutCaption is a table's header lines, cleaned, without its caption
// (编制单位, 单位：万元, 表十一).
func withoutCaption(lines []string) []string {
	var out []string
	for _, a := range lines {
		if TableUnit(a) != "" || strings.ContainsAny(a, "：:") || tableNumberRe.MatchString(squeeze(a)) {
			continue
		}
		out = append(out, Clean(a))
	}
	return out
}

// nameLines keeps the lines whose every word is the template's names, or
// a part of one name wrapped in its cell (公务用车运行 / 维护费).
func nameLines(lines []string) []string {
	var out []string
	for _, l := range lines {
		keep := len(strings.Fields(l)) > 0
		for _, w := range strings.Fields(l) {
			if _, ok := threePublicWords(w); ok {
				continue
			}
			if !namePart(w) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, l)
		}
	}
	return out
}

// namePart reports whether w is the start or the end of one of the
// template's names for a part (not a group's or a measure's), two
// characters or more, or a name's last character (费) alone.
func namePart(w string) bool {
	for _, n := range threePublicNames {
		if n.metric == "group" || n.metric == "budget" || n.metric == "amount" || w == n.name {
			continue
		}
		if w == "费" && strings.HasSuffix(n.name, w) {
			return true
		}
		if utf8.RuneCountInString(w) >= 2 && (strings.HasPrefix(n.name, w) || strings.HasSuffix(n.name, w)) {
			return true
		}
	}
	return false
}

// threePublicLeaves lays out the template's columns from a packed header's
// names: a measure's columns are 合计, 因公出国（境）费, 公务用车购置及运行费
// (its 小计, 购置费 and 运行费 where the header names them) and 公务接待费;
// where the table adds 会议费 and 培训费, a 合计 of all leads and the
// “三公” total is the 小计 after it. Each part stands once per measure (or
// each measure once under each part), and the header must name each as
// often as that: else nil. Each column is a metric ("" for one no fact is
// of: the 合计 with meetings, 会议费, 培训费) and a measure.
func threePublicLeaves(words []string, docKind string) [][2]string {
	var measures []string
	count := map[string]int{}
	for _, w := range words {
		count[w]++
		if w == "budget" || w == "amount" {
			measures = append(measures, w)
		}
	}
	var one []string // one measure's columns, in the template's order
	meetings := count["meeting"] > 0 || count["training"] > 0
	if meetings {
		one = append(one, "grand")
	}
	one = append(one, "three_public.total", "three_public.overseas", "three_public.vehicle")
	withParts := count["three_public.vehicle.purchase"] > 0
	if withParts {
		one = append(one, "three_public.vehicle.purchase", "three_public.vehicle.operation")
	}
	one = append(one, "three_public.reception")
	for _, m := range []string{"meeting", "training"} {
		if count[m] > 0 {
			one = append(one, m)
		}
	}
	if len(measures) == 0 {
		if docKind == "决算" {
			return nil // a 决算 names its measures, or its columns are not sure
		}
		measures = []string{"amount"}
	}
	var out [][2]string
	n := 1 // times each part's name stands: once per measure, or once over its pair
	switch {
	case len(measures) == 1 || len(measures) == 2 && measures[0] != measures[1]:
		n = len(measures)
		for _, m := range measures {
			for _, p := range one {
				out = append(out, [2]string{p, m})
			}
		}
	case len(measures) == 2*len(one) && repeats(measures, 2) && measures[0] != measures[1]:
		for _, p := range one {
			for _, m := range measures[:2] {
				out = append(out, [2]string{p, m})
			}
		}
	default:
		return nil
	}
	// The names each stand as often as the layout has them: 合计 and 小计
	// are the total's, the vehicle's 小计 and, with meetings, the total of
	// all's.
	need := map[string]int{
		"three_public.overseas": n, "three_public.reception": n, "three_public.vehicle": n,
		"three_public.vehicle.purchase": 0, "three_public.vehicle.operation": 0,
	}
	totals := n // 合计 or 小计 of the “三公” total
	if withParts {
		need["three_public.vehicle.purchase"], need["three_public.vehicle.operation"] = n, n
		totals += n // the vehicle's 小计
	}
	if meetings {
		totals += n
		need["meeting"], need["training"] = count["meeting"], count["training"]
		if count["meeting"] != n && count["meeting"] != 0 || count["training"] != n && count["training"] != 0 {
			return nil
		}
	}
	for m, k := range need {
		if count[m] != k {
			return nil
		}
	}
	if count["three_public.total"]+count["subtotal"] != totals {
		return nil
	}
	return out
}

// bothMeasures reports whether columns hold budgets and actuals.
func bothMeasures(cols [][2]string) bool {
	var b, a bool
	for _, c := range cols {
		b, a = b || c[1] == "budget", a || c[1] == "amount"
	}
	return b && a
}

// repeats reports whether s is one run of n names repeated.
func repeats(s []string, n int) bool {
	if n == 0 {
		return false
	}
	for i := n; i < len(s); i++ {
		if s[i] != s[i-n] {
			return false
		}
	}
	return true
}

// threePublicPacked reads a packed “三公” table by the template, from the
// header text above it: the first row of figures as many as the layout's
// columns is the row. It reports whether it read the table; it reads
// nothing where a measure's parts do not add up to its total.
func (tr *tableReader) threePublicPacked(orig *extract.Block, above []string) bool {
	// The table as printed, line by line: the view joins lines of
	// figures, and the columns' numbers (栏次) with them.
	t := tr.v.block.Table
	if orig != nil {
		t = orig.Table
	}
	// The header's lines run together: a name wraps onto the next
	// ("因公出国（境）" / "费"). Its lines are above the table, or, those
	// a copy that kept some blanks set as cells, the table's first rows.
	// Lines before the header (a cover's, a note's) are not the
	// template's words: the header is the longest run of lines up to the
	// figures that is.
	lines := withoutCaption(append(append([]string(nil), above...), headerLines(t)...))
	var words []string
	ok := false
	for i := 0; i < len(lines) && !ok; i++ {
		words, ok = threePublicWords(strings.Join(lines[i:], ""))
	}
	for i := 0; i < len(lines) && !ok; i++ {
		words, ok = threePublicTokens(lines[i:])
	}
	var cols [][2]string
	if ok {
		cols = threePublicLeaves(words, tr.docKind)
	}
	if cols == nil {
		// A copy that kept the content stream's order may scatter the
		// header around the figures and the title, among lines of
		// another kind (the department's name, 公开表九): the template's
		// words are those of the lines made of names and their parts
		// alone. The columns still need every name as often as the
		// layout has it, and the row's sums.
		if words, ok = threePublicTokens(nameLines(lines)); ok {
			cols = threePublicLeaves(words, tr.docKind)
		}
	}
	if cols == nil || tr.sums != nil {
		return false // not the template's header, or an OCR reading, which its own sums weigh
	}
	if tr.r.scattered && bothMeasures(cols) {
		return false // which of a pair is the budget, a header in pieces cannot say
	}
	for i, trow := range t.Rows {
		var js []int
		row := make([]tcell, len(trow))
		for j, c := range trow {
			text := strings.TrimSpace(squeeze(Clean(c.Text)))
			if text == "" || c.Covered(i, j) {
				continue
			}
			if !figureCell(text) {
				js = nil
				break
			}
			row[j] = tcell{text: text, numeric: true}
			js = append(js, j)
		}
		// A row may leave parts blank for zero (a 决算's row of budgets
		// and actuals may have only its totals and one part): its
		// figures then stand in the columns where their sums hold, and a
		// figure is read where every such placement puts it. The more
		// blanks, the more placements, and the fewer columns they agree
		// on.
		if len(js) > len(cols) || len(js) < 3 || columnNumbers(row) {
			continue // another line, or the columns' numbers
		}
		vals := make([]decimal.Decimal, len(js))
		raws := make([]string, len(js))
		for k, j := range js {
			v, raw, ok := tr.value(row, j)
			if !ok {
				return false
			}
			vals[k], raws[k] = v, raw
		}
		agreed, valid := make([]int, len(cols)), 0 // the figure each column takes; -2 where placements differ
		options := make([]map[int]bool, len(cols)) // the figures (or -1, blank) each column takes in some placement
		for c := range options {
			options[c] = map[int]bool{}
		}
		for _, at := range placements(len(cols), len(js)) {
			got := map[string]decimal.Decimal{}
			for c, k := range at {
				got[cols[c][0]+" "+cols[c][1]] = decimal.Zero
				if k >= 0 {
					got[cols[c][0]+" "+cols[c][1]] = vals[k]
				}
			}
			if !threePublicHolds(got) {
				continue
			}
			for c, k := range at {
				options[c][k] = true
				if valid > 0 && agreed[c] != k {
					k = -2
				}
				agreed[c] = k
			}
			valid++
		}
		if valid == 0 {
			return false
		}
		tr.vehicleEither(t, i, cols, options, js, vals, raws)
		for c, k := range agreed {
			if k < 0 || !strings.HasPrefix(cols[c][0], "three_public.") {
				continue
			}
			tr.addAt(t, i, js[k], cols[c][0], cols[c][1], vals[k], raws[k])
		}
		return true
	}
	return false
}

// threePublicGrid reads a “三公” table whose rows keep their columns but
// whose header, as the table holds it, is only its lowest line of
// measures (预算数 决算数 …): a layout copy that set the header's upper
// lines apart, further above than rows stand. The template's names in the
// lines above give the columns' parts, in the template's order, where they
// are as many as the lowest line's cells and its measures fall in the same
// order; each figure is then its column's, where the row's sums hold.
func (tr *tableReader) threePublicGrid(t *extract.Table, above []string) bool {
	var measures []string
	at := -1 // the row of measures
	for i, trow := range t.Rows {
		var ms []string
		for j, c := range trow {
			text := strings.TrimSpace(squeeze(Clean(c.Text)))
			if text == "" || c.Covered(i, j) {
				continue
			}
			ws, ok := threePublicWords(text)
			if !ok || len(ws) != 1 || ws[0] != "budget" && ws[0] != "amount" {
				ms = nil
				break
			}
			ms = append(ms, ws[0])
		}
		if len(ms) > 0 && len(ms) == len(trow) {
			measures, at = ms, i
			break
		}
	}
	if at < 0 || tr.sums != nil {
		return false
	}
	lines := append(nameLines(withoutCaption(above)), strings.Join(headerLines(t), " "))
	words, ok := threePublicTokens(lines)
	if !ok {
		return false
	}
	cols := threePublicLeaves(words, tr.docKind)
	if len(cols) != len(measures) {
		return false
	}
	for j, c := range cols {
		if c[1] != measures[j] {
			return false
		}
	}
	read := false
	for i := at + 1; i < len(t.Rows); i++ {
		trow := t.Rows[i]
		if len(trow) != len(cols) {
			return read
		}
		got := map[string]decimal.Decimal{}
		row := make([]tcell, len(trow))
		var js []int
		for j, c := range trow {
			key := cols[j][0] + " " + cols[j][1]
			got[key] = decimal.Zero
			text := strings.TrimSpace(squeeze(Clean(c.Text)))
			if text == "" || c.Covered(i, j) {
				continue
			}
			if !figureCell(text) {
				return read // a row with a label: not the one-line table this reads
			}
			row[j] = tcell{text: text, numeric: true}
			v, _, ok := tr.value(row, j)
			if !ok {
				return read
			}
			got[key] = v
			js = append(js, j)
		}
		if len(js) == 0 || !threePublicHolds(got) {
			return read
		}
		for _, j := range js {
			if strings.HasPrefix(cols[j][0], "three_public.") {
				v, raw, _ := tr.value(row, j)
				tr.addAt(t, i, j, cols[j][0], cols[j][1], v, raw)
			}
		}
		read = true
	}
	return read
}

// threePublicHolds reports whether a “三公” row placed on the template's
// columns (got: metric and measure → figure) adds up under each measure.
func threePublicHolds(got map[string]decimal.Decimal) bool {
	slack := decimal.New(1, 3) // 0.1 万元, as threePublicAddsUp allows
	for _, m := range []string{"budget", "amount"} {
		get := func(metric string) (decimal.Decimal, bool) { v, ok := got[metric+" "+m]; return v, ok }
		if threePublicGrandConfirms(get) {
			continue // the “三公” total alone disagrees: the table's misprint
		}
		if !threePublicAddsUp(get) {
			return false
		}
		if g, ok := get("grand"); ok {
			t, _ := get("three_public.total")
			meet, _ := get("meeting")
			train, _ := get("training")
			if g.Sub(t.Add(meet).Add(train)).Abs().GreaterThan(slack) {
				return false // the 合计 of all is not the “三公” total and the meetings
			}
		}
	}
	return true
}

// placements lists the ways n figures stand in order in cols columns, the
// others blank: for each column, the figure it takes, or -1.
func placements(cols, n int) [][]int {
	var out [][]int
	var walk func(at []int, c, k int)
	walk = func(at []int, c, k int) {
		if c == cols {
			if k == n {
				out = append(out, append([]int(nil), at...))
			}
			return
		}
		if k < n {
			walk(append(at, k), c+1, k+1)
		}
		if cols-c > n-k {
			walk(append(at, -1), c+1, k)
		}
	}
	walk(nil, 0, 0)
	return out
}

// headerLines are the text of a table's rows above its first figure, a
// row's cells in order.
func headerLines(t *extract.Table) []string {
	var out []string
	for i, row := range t.Rows {
		var texts []string
		for j, c := range row {
			text := strings.TrimSpace(Clean(c.Text))
			if text == "" || c.Covered(i, j) {
				continue
			}
			if figureCell(squeeze(text)) {
				return out
			}
			texts = append(texts, text)
		}
		out = append(out, strings.Join(texts, " "))
	}
	return out
}

// addAt adds the fact of a cell of the table as printed (not its view).
func (tr *tableReader) addAt(t *extract.Table, i, j int, metric, measure string, v decimal.Decimal, raw string) {
	tr.addAtAs(BasisTable, t, i, j, metric, measure, v, raw)
}

// addAtAs is addAt with a basis.
func (tr *tableReader) addAtAs(basis string, t *extract.Table, i, j int, metric, measure string, v decimal.Decimal, raw string) {
	if !hasMeasure(tr.r.seg.lx.metrics[metric], measure) {
		return
	}
	pos := tr.v.block.Pos
	pos.Row, pos.Col = i+1, j+1
	if t.Pages != nil && i < len(t.Pages) {
		pos.Page = t.Pages[i]
	}
	var texts []string
	for _, c := range t.Rows[i] {
		if c.Text != "" {
			texts = append(texts, c.Text)
		}
	}
	tr.r.facts.add(Fact{Metric: metric, Measure: measure, Value: v, Unit: Yuan, Raw: raw, Pos: pos,
		Text: strings.Join(texts, " | "), Method: FromTable, Basis: basis})
}

// vehicleSplit is a “三公” row's one figure for the car's two parts, whose
// sums hold with it in either column: the other is blank, for zero.
type vehicleSplit struct {
	tr      *tableReader
	t       *extract.Table
	row, at int // the figure's cell in the table as printed
	measure string
	v       decimal.Decimal
	raw     string
}

// vehicleEither records a row's figure that may be 公务用车购置费 or
// 运行费, the other blank: every placement of the row's figures that adds
// up puts it in one of the two and leaves the other blank.
func (tr *tableReader) vehicleEither(t *extract.Table, i int, cols [][2]string, options []map[int]bool, js []int, vals []decimal.Decimal, raws []string) {
	for c := range cols {
		if cols[c][0] != "three_public.vehicle.purchase" {
			continue
		}
		for o := range cols {
			if cols[o][0] != "three_public.vehicle.operation" || cols[o][1] != cols[c][1] {
				continue
			}
			a, b := options[c], options[o]
			if len(a) != 2 || len(b) != 2 || !a[-1] || !b[-1] {
				continue
			}
			for k := range a {
				if k >= 0 && b[k] {
					tr.r.vehicle = append(tr.r.vehicle, vehicleSplit{tr: tr, t: t, row: i, at: js[k], measure: cols[c][1], v: vals[k], raw: raws[k]})
				}
			}
		}
	}
}

// settleVehicle places a car's figure that may be either part (reader.vehicle)
// where the document's 基本支出 table by economic class says which part was
// spent: a line 30231 公务用车运行维护费 above zero means the 运行费 is not
// blank, so the figure is it; a line 31013 公务用车购置 above zero, the
// 购置费. That table is the document's own measure (a 预算's budget, a
// 决算's actuals), so it settles that measure only. Where both or neither
// are spent, the figure stays unread.
func (r *reader) settleVehicle() {
	spent := map[string]bool{}
	for _, e := range r.economic {
		if e.Code == "30231" || e.Code == "31013" {
			spent[e.Code] = spent[e.Code] || e.Value.IsPositive()
		}
	}
	metric := ""
	switch {
	case spent["30231"] && !spent["31013"]:
		metric = "three_public.vehicle.operation"
	case spent["31013"] && !spent["30231"]:
		metric = "three_public.vehicle.purchase"
	default:
		return
	}
	for _, s := range r.vehicle {
		if s.measure == "amount" {
			s.tr.addAtAs(BasisInferred, s.t, s.row, s.at, metric, s.measure, s.v, s.raw)
		}
	}
}
