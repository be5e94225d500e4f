package normalize

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/shopspring/decimal"
)

// tableAliases name income and expenditure rows the way summary tables
// print them, beyond the metric lexicon.
var tableAliases = map[string]string{
	"财政拨款":         "income.fiscal",
	"财政拨款收入":       "income.fiscal",
	"一般公共预算":       "income.fiscal.gpb",
	"一般公共预算资金":     "income.fiscal.gpb",
	"政府性基金预算":      "income.fiscal.gov_fund",
	"政府性基金预算财政拨款":  "income.fiscal.gov_fund",
	"国有资本经营预算":     "income.fiscal.state_capital",
	"国有资本经营预算财政拨款": "income.fiscal.state_capital",
	"当年收入小计":       "income.total",
	"本年收入小计":       "income.total",
	"收入小计":         "income.total",
	"当年支出小计":       "expenditure.total",
	"本年支出小计":       "expenditure.total",
	"支出小计":         "expenditure.total",
}

// grandTotals are the bottom lines of a summary table.
var grandTotals = map[string]bool{"收入总计": true, "支出总计": true, "收支总计": true, "收入支出总计": true, "总计": true}

// table reads the facts of one table block, given the text between its
// title and it (above), its title and the unit it declares. It returns the
// table's secondhand facts: figures another table states first hand (the
// 一般公共预算 table's 基本支出, which is the 基本支出 table's), to hold
// only where no table does.
func (r *reader) table(b *extract.Block, kind tableKind, unit string, docKind string, above []string, title string) []Fact {
	scale, ok := unitScale[unit]
	if !ok || kind == tableUnknown {
		return nil
	}
	var v *tableView
	switch {
	case b.Table.Packed && (functionKind(kind) || kind == tableGPBBasic && !twoHalves(b.Table)):
		v = viewPacked(b, docKind, above)
	case b.Table.Packed && kind == tableGPBBasic:
		v = viewTwoHalves(mergeFigureLines(b, false), append([]string(nil), above...))
	case b.Table.Packed:
		v = viewTable(mergeFigureLines(b, true))
	default:
		v = viewTable(b)
	}
	tr := &tableReader{r: r, kind: kind, scale: scale, unit: unit, docKind: docKind, v: v, title: title}
	v.blanks = !b.Table.Packed && !b.OCR
	v.continued = r.goesOn
	v.follows = r.follows
	if v.follows && functionKind(kind) && !b.Table.Packed && namedOrFigures(v) {
		// A few rows that go on from the function table before: its
		// lines of a code and a name and of figures alone, as a whole
		// table's are.
		assembleRowsOf(v, 1, 2)
	}
	sc := checkSums(tr.v)
	tr.check = sc
	if b.OCR {
		tr.sums = sc
	}
	for _, s := range sc.sums {
		var parts []string
		if !s.down {
			// A 合计 column's sum may hold columns counted twice (三公 and
			// its 小计), or rates: only a function table's sum of its
			// known parts is reported.
			if parts = tr.componentColumns(s.cols); parts == nil {
				continue
			}
		}
		pos := b.Pos
		pos.Row, pos.Col = tr.v.index[s.total.row]+1, s.total.col+1
		if b.Table.Pages != nil && tr.v.index[s.total.row] < len(b.Table.Pages) {
			pos.Page = b.Table.Pages[tr.v.index[s.total.row]]
		}
		col, _ := tr.v.leaf(s.total.col)
		if col == "" {
			col = tr.v.header[s.total.col]
		}
		r.sums = append(r.sums, TableSum{Pos: pos, Column: col, Label: s.label, Total: s.t, Raw: tr.v.rows[s.total.row][s.total.col].text,
			Sum: s.sum, Parts: s.parts, Rounding: s.rounding, Places: sc.places, Unit: unit, Across: !s.down, Columns: parts})
	}
	if kind == tableGPBBasic {
		tr.economic()
	}
	switch kind {
	case tableSummary, tableFiscal:
		tr.summary()
	case tableThreePublic:
		switch {
		case b.Table.Packed && tr.threePublicPacked(b, above):
		case !b.Table.Packed && tr.threePublicGrid(b.Table, above):
		default:
			tr.byColumns()
		}
	case tableExpenditure, tableIncome, tableGPBBasic:
		tr.byColumns()
	case tableGPB, tableGovFund, tableStateCapital:
		tr.functions()
	case tableOperating, tableProcurement:
		tr.labelled()
	}
	return tr.secondhand
}

// summary reads 收支总表 rows, label by label: each figure belongs to the
// nearest label on its left, so two-sided tables read right.
// opensWithColumnNumbers reports whether a row's figures open with 1, 2,
// 3 …: the columns' numbers run into the row.
func opensWithColumnNumbers(row []tcell) bool {
	n := 0
	for _, c := range row {
		if c.text == "" || c.covered || !c.numeric {
			continue
		}
		if c.text != strconv.Itoa(n+1) {
			break
		}
		n++
	}
	return n >= 3
}

// nextFigure gives the figure that follows column j in the row before any
// words, or "". A whole number before a figure printed with decimals is no
// amount of the same table: a line number (行次) set off its column, where
// the header that names it is lost (a table's part on the next page).
func nextFigure(row []tcell, j int) string {
	for _, c := range row[j+1:] {
		switch {
		case c.text == "" || c.covered:
		case c.numeric:
			return c.text
		default:
			return ""
		}
	}
	return ""
}

// lineNumbered reports whether a summary's labels are followed by line
// numbers (行次) where its header, and the word 次, is lost (a table's next
// page): the whole numbers of three digits or fewer that stand right after
// a label and before another figure run in steps of one, most of them next
// to another (9 10 11 12 … 58 59 60 61), as no amounts do.
func lineNumbered(rows [][]tcell) bool {
	seen := map[int]bool{}
	var nums []int
	for _, row := range rows {
		label := false
		for j, c := range row {
			switch {
			case c.covered || c.text == "":
			case !c.numeric:
				label = true
			default:
				if n, err := strconv.Atoi(c.text); err == nil && label && lineNumberRe.MatchString(c.text) && nextFigure(row, j) != "" {
					nums = append(nums, n)
					seen[n] = true
				}
				label = false
			}
		}
	}
	next := 0
	for _, n := range nums {
		if seen[n-1] || seen[n+1] {
			next++
		}
	}
	return len(nums) >= 3 && 5*next >= 4*len(nums)
}

func (tr *tableReader) summary() {
	subtotals := false
	for _, row := range tr.v.rows {
		for _, c := range row {
			if strings.Contains(c.text, "小计") {
				subtotals = true // 当年收入小计, or run into the line under it (…小计上年结转资金)
			}
		}
	}
	numbered := false // the national form's 行次: a line number after each label
	for _, h := range tr.v.header {
		numbered = numbered || strings.Contains(h, "次")
	}
	numbered = numbered || lineNumbered(tr.v.rows)
	decimals := false // the table prints its amounts with decimals
	for _, row := range tr.v.rows {
		for _, c := range row {
			decimals = decimals || c.numeric && strings.Contains(c.text, ".")
		}
	}
	// Past this year's income the rows are carry-over: from the start of a
	// table's next page where its page before ended there.
	carried := tr.r.follows && tr.r.carried
	defer func() { tr.r.carried = carried }()
	for i, row := range tr.v.rows {
		label, first := "", true
		for j, c := range row {
			switch {
			case c.covered:
			case c.numeric:
				if label == "" {
					continue
				}
				if next := nextFigure(row, j); lineNumberRe.MatchString(c.text) && (next != "" && (numbered || decimals || strings.Contains(next, ".")) || numbered && decimals) {
					// A line number that a copy set off its column, before
					// the label's figure or its blank (a dash): a whole
					// number where the table prints amounts with decimals.
					continue
				}
				v, raw, ok := tr.value(row, j)
				if !ok {
					continue
				}
				m := tr.summaryMetric(label, subtotals)
				if carried && strings.HasPrefix(m, "income.fiscal.") {
					m = "" // last year's money by budget, carried over
				}
				if m == "" && tr.kind == tableFiscal && !carried {
					// This year's 财政拨款 income by budget, above the carry-over.
					if m = rowMetric(tr.r.seg.lx, strings.ReplaceAll(label, " ", "")); !strings.HasPrefix(m, "income.fiscal.") {
						m = ""
					}
				}
				if m != "" {
					tr.add(i, j, m, "amount", "", "", v, raw)
				} else {
					tr.classFigure(i, j, label, v, raw)
				}
				label = ""
			case c.text != "":
				label = c.text
				if tr.v.block.Table.Packed {
					label = lastItem(label) // one line's labels, in reading order
				}
				label = ordinalRe.ReplaceAllString(label, "")
				if first && (strings.Contains(label, "结转") || strings.Contains(label, "结余") || strings.Contains(label, "收入合计")) {
					carried = true
				}
				first = false
			}
		}
	}
}

// innerOrdinalRe finds an ordinal that opens a row's label after another
// label in one cell: a packed copy joins the labels of a row's sides that
// have no figure between them ("二、外交支出 二、项目支出 10,688.66").
var innerOrdinalRe = regexp.MustCompile(`[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]`)

// lastItem is the last of the labels a packed row's cell runs together:
// the one the figure after it is for. The others had no figure. (A cell of
// a table with columns may hold lines merged from under its row, whose
// figure is its first line's: not for lastItem.)
func lastItem(text string) string {
	last := 0
	for _, m := range innerOrdinalRe.FindAllStringIndex(text, -1) {
		if m[0] > 0 {
			last = m[0]
		}
	}
	return text[last:]
}

// classFigure records a function class's expenditure in a summary table
// (八、社会保障和就业支出 326.71) where it is 一般公共预算 money: in the
// 收支总表 when all the money is, in the 财政拨款 总表 when all 财政拨款 is.
// Validation compares it with the class's figure elsewhere.
func (tr *tableReader) classFigure(row, col int, label string, v decimal.Decimal, raw string) {
	if tr.kind == tableSummary && !tr.r.all.money || tr.kind == tableFiscal && !tr.r.all.fiscal {
		return
	}
	e := tr.r.seg.lx.cat.child("", strings.ReplaceAll(label, " ", ""))
	if e == nil {
		return
	}
	pos := tr.v.block.Pos
	pos.Row, pos.Col = tr.v.index[row]+1, col+1
	if t := tr.v.block.Table; t.Pages != nil && tr.v.index[row] < len(t.Pages) {
		pos.Page = t.Pages[tr.v.index[row]]
	}
	title := "收入支出决算总表"
	if tr.kind == tableFiscal {
		title = "财政拨款收入支出决算总表"
	}
	if tr.docKind == "预算" {
		title = strings.ReplaceAll(title, "决算", "预算")
	}
	tr.r.classes = append(tr.r.classes, ClassFigure{Code: e.code, Name: e.names[0], Value: v, Raw: raw, Pos: pos, Table: title})
}

func (tr *tableReader) summaryMetric(label string, subtotals bool) string {
	label = strings.ReplaceAll(label, " ", "")
	if tr.kind == tableFiscal {
		if grandTotals[label] || label == "收入合计" || label == "支出合计" {
			return "fiscal.total"
		}
		return ""
	}
	if grandTotals[label] || subtotals && (label == "收入合计" || label == "支出合计") {
		return "total"
	}
	return rowMetric(tr.r.seg.lx, label)
}

// rowMetric names a summary table's income or expenditure row by its
// label (without spaces): by tableAliases, by the metric lexicon, else by
// the family of income labels (incomeRow); a label with an aside on what
// it includes, by the label without it.
func rowMetric(lx *lexicon, label string) string {
	if m := labelMetric(lx, label); m != "" {
		return m
	}
	if l := withoutAside(label); l != "" {
		return labelMetric(lx, l)
	}
	return ""
}

func labelMetric(lx *lexicon, label string) string {
	if m, ok := tableAliases[label]; ok {
		return m
	}
	if t := lx.byText[label]; t != nil {
		for _, m := range t.metrics {
			if m == "total" || strings.HasPrefix(m, "income.") || strings.HasPrefix(m, "expenditure.") {
				return m
			}
		}
	}
	return incomeRow(label)
}

// totalRow finds the row that holds a table's totals: one labelled 合计 or
// 总计, or else the first data row if it has no label.
func (tr *tableReader) totalRow() int {
	for i, row := range tr.v.rows {
		l, _ := rowLabel(row)
		l = strings.ReplaceAll(l, " ", "")
		if partTotalRe.MatchString(l) {
			continue // 人员经费合计 adds up a part, not the table
		}
		if l == "合计" || l == "总计" || strings.HasSuffix(l, "合计") && len([]rune(l)) <= 6 {
			return i
		}
	}
	if len(tr.v.rows) > 0 {
		if l, _ := rowLabel(tr.v.rows[0]); l == "" {
			return 0
		}
	}
	return -1
}

// byColumns reads a total row whose columns are the metrics: 支出表
// (合计, 基本支出, 项目支出), 基本支出表 (合计, 人员经费, 公用经费), “三公”
// 表 (小计, 因公出国（境）费, 公务用车…, 公务接待费).
// partTotalRe matches the rows that add up one part of a 基本支出 table
// laid out in two halves: 人员经费合计 under 301 and 303, 公用经费合计 under
// 302 and 310.
var partTotalRe = regexp.MustCompile(`^(人员经费|公用经费|日常公用经费)(?:合计|小计)?$`)

// partTotals reads a two-half 基本支出 table's 人员经费合计 and 公用经费合计,
// each the figure after its label.
func (tr *tableReader) partTotals() {
	for i, row := range tr.v.rows {
		label := ""
		for j, c := range row {
			switch {
			case c.covered:
			case c.numeric && label != "":
				m := "gpb.basic.personnel"
				if !strings.HasPrefix(label, "人员") {
					m = "gpb.basic.public"
				}
				if v, raw, ok := tr.value(row, j); ok {
					tr.add(i, j, m, "amount", "", "", v, raw)
				}
				label = ""
			case c.text != "":
				label = ""
				if l := strings.ReplaceAll(c.text, " ", ""); partTotalRe.MatchString(l) && strings.Contains(l, "计") {
					label = l
				}
			}
		}
	}
}

func (tr *tableReader) byColumns() {
	if tr.kind == tableGPBBasic {
		tr.partTotals()
	}
	i := tr.totalRow()
	if tr.kind == tableThreePublic {
		i = tr.threePublicRow()
	}
	if i < 0 {
		return
	}
	row := tr.v.rows[i]
	cols := tr.numbers(row, 0)
	amount := tr.amountColumn(cols)
	type found struct {
		j   int
		v   decimal.Decimal
		raw string
	}
	got := map[string]found{} // by metric and measure
	var order []string
	for _, j := range cols {
		m, measure := tr.columnMetric(j, j == amount), "amount"
		if tr.kind == tableThreePublic {
			measure = tr.threePublicMeasure(j)
		}
		key := m + " " + measure
		if _, dup := got[key]; m == "" || measure == "" || dup {
			continue
		}
		if v, raw, ok := tr.value(row, j); ok {
			got[key] = found{j, v, raw}
			order = append(order, key)
		}
	}
	misread := map[string]bool{} // by measure
	if tr.kind == tableThreePublic && opensWithColumnNumbers(row) {
		return // the columns' numbers (栏次) read as the row: a copy ran them into it
	}
	if tr.kind == tableThreePublic && len(cols) > 0 {
		// The template's “三公” row opens with a total (合计, of the “三公”
		// or of all with 会议费 and 培训费), never a part: a part read
		// there is a header read askew.
		if m := tr.columnMetric(cols[0], false); m != "" && m != "three_public.total" {
			return
		}
	}
	if tr.kind == tableThreePublic {
		blank := tr.threePublicBlanks(row)
		for _, measure := range []string{"amount", "budget"} {
			others := tr.threePublicOthers(row, measure)
			get := func(m string) (decimal.Decimal, bool) {
				if f, ok := got[m+" "+measure]; ok {
					return f.v, true
				}
				if v, ok := others[m]; ok {
					return v, true
				}
				return decimal.Zero, blank[m+" "+measure]
			}
			if !threePublicAddsUp(get) && !threePublicGrandConfirms(get) {
				misread[measure] = true // better no figures than wrong ones
			}
		}
	}
	for _, key := range order {
		f := got[key]
		m, measure, _ := strings.Cut(key, " ")
		if !misread[measure] {
			tr.add(i, f.j, m, measure, "", "", f.v, f.raw)
		}
	}
}

// threePublicOthers reads a measure's columns beside the “三公” parts in
// a table that adds 会议费 and 培训费: "grand", the 合计 of all, and
// "meeting" and "training", a blank cell of theirs as nothing. A column
// named twice is not read.
func (tr *tableReader) threePublicOthers(row []tcell, measure string) map[string]decimal.Decimal {
	if !tr.hasMeetingColumns() {
		return nil
	}
	out, seen := map[string]decimal.Decimal{}, map[string]int{}
	for j, c := range row {
		if c.covered || tr.threePublicMeasure(j) != measure || tr.columnMetric(j, false) != "" {
			continue
		}
		leaf, above := tr.v.leaf(j)
		for measureWord(leaf) && len(above) > 0 {
			leaf, above = above[0], above[1:]
		}
		name := ""
		switch {
		case strings.Contains(leaf, "会议") && !strings.Contains(leaf, "培训"):
			name = "meeting"
		case strings.Contains(leaf, "培训") && !strings.Contains(leaf, "会议"):
			name = "training"
		case strings.Contains(leaf, "合计") && !strings.Contains(leaf, "小计"):
			name = "grand"
		default:
			continue
		}
		seen[name]++
		if c.text == "" && name != "grand" {
			out[name] = decimal.Zero
		} else if v, _, ok := tr.value(row, j); ok {
			out[name] = v
		}
	}
	for name, n := range seen {
		if n > 1 {
			delete(out, name)
		}
	}
	return out
}

// threePublicGrandConfirms reports whether a table's 合计 of all (the
// “三公” with 会议费 and 培训费) bears out a reading whose “三公” total alone
// disagrees with its parts: the parts with the meetings and the training
// add up to that 合计, and the vehicle's parts to the vehicle. Every
// column but the total's is then read right, and the total is the table's
// own misprint, for validation to report, not a misreading to drop.
func threePublicGrandConfirms(get func(string) (decimal.Decimal, bool)) bool {
	grand, ok := get("grand")
	meeting, okm := get("meeting")
	training, okt := get("training")
	if !ok || !okm && !okt {
		return false
	}
	withoutTotal := func(m string) (decimal.Decimal, bool) {
		if m == "three_public.total" {
			return decimal.Zero, false
		}
		return get(m)
	}
	if !threePublicAddsUp(withoutTotal) {
		return false
	}
	sum := meeting.Add(training)
	vehicle, ok := get("three_public.vehicle")
	if !ok {
		purchase, ok1 := get("three_public.vehicle.purchase")
		operation, ok2 := get("three_public.vehicle.operation")
		if !ok1 || !ok2 {
			return false
		}
		vehicle = purchase.Add(operation)
	}
	for _, m := range []string{"three_public.overseas", "three_public.reception"} {
		v, ok := get(m)
		if !ok {
			return false
		}
		sum = sum.Add(v)
	}
	slack := decimal.New(1, 3) // 0.1 万元, as threePublicAddsUp allows
	return grand.Sub(sum.Add(vehicle)).Abs().LessThanOrEqual(slack)
}

// threePublicBlanks lists the “三公” parts, by metric and measure, whose
// column the header names but whose cell in the row is blank: a table that
// prints nothing for zero. A blank is no figure to report, but it lets the
// parts that are printed be checked against their total.
func (tr *tableReader) threePublicBlanks(row []tcell) map[string]bool {
	out := map[string]bool{}
	for j, c := range row {
		if c.text != "" || c.covered {
			continue
		}
		if m, measure := tr.columnMetric(j, false), tr.threePublicMeasure(j); m != "" && measure != "" {
			out[m+" "+measure] = true
		}
	}
	return out
}

// measureWord reports whether a header names a measure, not a part: 预算数,
// 决算数, 实际数.
func measureWord(h string) bool {
	switch strings.ReplaceAll(h, " ", "") {
	case "预算数", "决算数", "预算", "决算", "实际数", "执行数", "年初预算数", "全年预算数", "本年决算数":
		return true
	}
	return false
}

// threePublicMeasure tells what a “三公” table column holds by the headers
// over it: in a 决算, 预算数 columns the budget and 决算数 ones the amount
// (a table may group its parts under 预算数 and 决算数, or put the two
// under each part); in a 预算 every column is the budgeted amount. A
// column under both, or a 决算's column under neither where the table has
// 预算数 columns elsewhere, is not sure: "".
func (tr *tableReader) threePublicMeasure(j int) string {
	if tr.docKind != "决算" {
		return "amount"
	}
	if tr.opensHalf(j) {
		// A 合计 that opens a half of the table (预算数 | 决算数, each with
		// its 合计 and parts) holds its parts' measure, if they agree on
		// one, whatever a measure's cell placed askew over it says.
		budget, actual := false, false
		for k := j + 1; k < len(tr.v.header) && tr.ownLeaf(k) != "合计"; k++ {
			b, a := tr.measuresOver(k)
			budget, actual = budget || b, actual || a
		}
		switch {
		case budget && !actual:
			return "budget"
		case actual && !budget:
			return "amount"
		}
	}
	budget, actual := tr.measuresOver(j)
	switch {
	case budget && actual:
		return ""
	case budget:
		return "budget"
	case actual:
		return "amount"
	}
	for k := range tr.v.header {
		if h := tr.v.header[k]; strings.Contains(h, "预算") && !strings.Contains(h, "决算") {
			return "" // the table has budget columns: this one is unsure
		}
	}
	return "amount"
}

// measuresOver tells whether a “三公” column's headers name a budget or
// an actual (or both, when misread).
func (tr *tableReader) measuresOver(j int) (budget, actual bool) {
	leaf, above := tr.v.leaf(j)
	for _, h := range append([]string{leaf}, above...) {
		h = strings.ReplaceAll(h, " ", "")
		budget = budget || strings.Contains(h, "预算") && !strings.Contains(h, "决算")
		actual = actual || strings.Contains(h, "决算") || strings.Contains(h, "实际")
	}
	return budget, actual
}

// ownLeaf is a column's own lowest header, "" for a measure word under a
// part (预算数 under 因公出国（境）费: the part's pair of columns).
func (tr *tableReader) ownLeaf(j int) string {
	leaf, _ := tr.v.leaf(j)
	if measureWord(leaf) {
		return ""
	}
	return strings.ReplaceAll(leaf, " ", "")
}

// opensHalf reports whether a “三公” column is a 合计 that the parts of
// the “三公” follow in the lowest header row: 因公出国（境）费, the vehicle's
// columns and 公务接待费, up to the next 合计. Such a column is the total of
// the parts that follow, whatever a group's cell placed askew over it says.
func (tr *tableReader) opensHalf(j int) bool {
	if tr.ownLeaf(j) != "合计" || tr.hasMeetingColumns() {
		return false
	}
	parts := map[string]bool{}
	for k := j + 1; k < len(tr.v.header); k++ {
		l := tr.ownLeaf(k)
		if l == "合计" {
			break
		}
		for _, m := range threePublicKinds(l) {
			parts[strings.TrimSuffix(strings.TrimSuffix(m, ".purchase"), ".operation")] = true
		}
		if l == "小计" {
			parts["three_public.vehicle"] = true
		}
	}
	return parts["three_public.overseas"] && parts["three_public.reception"] && parts["three_public.vehicle"] && !parts[""]
}

// vehicleSubtotal reports whether a “三公” column is a 小计 that the
// vehicle's two parts follow in the lowest header row.
func (tr *tableReader) vehicleSubtotal(j int) bool {
	if tr.ownLeaf(j) != "小计" || j+2 >= len(tr.v.header) {
		return false
	}
	a, b := threePublicKinds(tr.ownLeaf(j+1)), threePublicKinds(tr.ownLeaf(j+2))
	return len(a) == 1 && len(b) == 1 && a[0] == "three_public.vehicle.purchase" && b[0] == "three_public.vehicle.operation"
}

// threePublicAddsUp checks a reading of a “三公” row against the table's
// own arithmetic: the parts add up to the total and the vehicle's parts to
// the vehicle figure, where stated. A column mapping that breaks it was
// misread. Printed figures may be off by rounding, a unit in the last place
// per part.
func threePublicAddsUp(get func(string) (decimal.Decimal, bool)) bool {
	slack := decimal.New(1, 3) // 0.1 万元 in yuan, well above rounding
	sum := func(total string, parts ...string) bool {
		t, ok := get(total)
		if !ok {
			return true
		}
		s, n := decimal.Zero, 0
		for _, p := range parts {
			if v, ok := get(p); ok {
				s, n = s.Add(v), n+1
			}
		}
		if n < len(parts) {
			return s.LessThanOrEqual(t.Add(slack))
		}
		return s.Sub(t).Abs().LessThanOrEqual(slack)
	}
	if _, ok := get("three_public.vehicle"); !ok {
		// Without the vehicle subtotal, its parts stand in for it: what
		// is read must still fit in the total.
		t, ok := get("three_public.total")
		s := decimal.Zero
		for _, m := range []string{"three_public.overseas", "three_public.reception", "three_public.vehicle.purchase", "three_public.vehicle.operation"} {
			if v, ok := get(m); ok {
				s = s.Add(v)
			}
		}
		if ok && s.GreaterThan(t.Add(slack)) {
			return false
		}
	}
	return sum("three_public.total", "three_public.overseas", "three_public.vehicle", "three_public.reception") &&
		sum("three_public.vehicle", "three_public.vehicle.purchase", "three_public.vehicle.operation")
}

func (tr *tableReader) threePublicRow() int {
	for i, row := range tr.v.rows {
		if l, _ := rowLabel(row); strings.Contains(l, tr.docKind) && tr.docKind != "" {
			return i
		}
	}
	if len(tr.v.rows) > 0 {
		return 0
	}
	return -1
}

// columnMetric maps a column header to a metric for the table's kind.
func (tr *tableReader) columnMetric(j int, amount bool) string {
	// A column is named by its own header cell; a group heading over
	// several columns (or one misplaced across the table) names none.
	h, _ := tr.v.leaf(j)
	has := func(w string) bool { return strings.Contains(h, w) }
	switch tr.kind {
	case tableExpenditure:
		switch {
		case has("基本支出"):
			return "expenditure.basic"
		case has("项目支出"):
			return "expenditure.project"
		case has("经营支出"):
			return "expenditure.operating"
		case has("上缴上级"):
			return "expenditure.to_superior"
		case has("附属单位"):
			return "expenditure.subordinate_subsidy"
		case amount:
			return "expenditure.total"
		}
	case tableIncome:
		if amount {
			return "income.total"
		}
	case tableGPBBasic:
		switch {
		case has("人员经费"):
			return "gpb.basic.personnel"
		case has("公用经费"):
			return "gpb.basic.public"
		case amount:
			return "gpb.basic"
		}
	case tableThreePublic:
		return tr.threePublicColumn(j)
	}
	return ""
}

// threePublicKinds lists the “三公” parts a header names, in the table's
// order; "" stands for 会议费 or 培训费, printed beside them.
func threePublicKinds(h string) []string {
	has := func(w string) bool { return strings.Contains(h, w) }
	var kinds []string
	for _, k := range []struct {
		metric string
		is     bool
	}{
		{"", has("会议") || has("培训")},
		{"three_public.overseas", has("出国")},
		{"three_public.reception", has("接待")},
		{"three_public.vehicle", has("购置及运行") || has("购置和运行")},
		{"three_public.vehicle.purchase", has("购置") && !has("运行")},
		{"three_public.vehicle.operation", has("运行") && !has("购置")},
	} {
		if k.is {
			kinds = append(kinds, k.metric)
		}
	}
	return kinds
}

// threePublicColumn names a “三公” table column by its own header, and a
// 小计 by the group above it: 小计 under 公务用车… is the vehicle subtotal,
// under “三公”经费 the 三公 total. A 合计 that also holds 会议费 and 培训费
// is not the “三公” total (FACTS.md).
func (tr *tableReader) threePublicColumn(j int) string {
	switch {
	case tr.opensHalf(j):
		return "three_public.total"
	case tr.vehicleSubtotal(j):
		return "three_public.vehicle"
	}
	leaf, above := tr.v.leaf(j)
	// Under each part a pair of 预算数 and 决算数 columns: the part is the
	// header above the pair (the measure is threePublicMeasure's).
	for measureWord(leaf) && len(above) > 0 {
		leaf, above = above[0], above[1:]
	}
	has := func(w string) bool { return strings.Contains(leaf, w) }
	kinds := threePublicKinds(leaf)
	subtotal := has("小计") || has("合计")
	if w := tr.v.wrappedLeaf(j); len(kinds) == 0 && !subtotal && w != "" && w != leaf {
		// A name that wrapped onto two header rows: "（境）费" is
		// 因公出国（境）费's end.
		if ks := threePublicKinds(w); len(ks) == 1 && ks[0] != "" && !isSumHeader(w) && !strings.Contains(w, "机关运行") {
			return ks[0]
		}
	}
	switch {
	case has("机关运行"):
		return "" // 机关运行经费, printed beside the “三公” columns in one table
	case len(kinds) > 1 || has("购置") && has("运行") && len(kinds) == 0:
		// A header that names two things ("公务用车购置 公务用车运行": two
		// cells read as one) names no column.
		return ""
	case len(kinds) == 1 && subtotal && kinds[0] != "three_public.vehicle":
		return "" // "小计 购置费": a subtotal and a part read as one
	case len(kinds) == 1:
		return kinds[0] // "小计 公务用车购置及运行维护费" is the vehicle subtotal
	case subtotal && has("合计") && !has("小计") && tr.hasMeetingColumns():
		return ""
	case subtotal:
		for _, a := range above {
			switch {
			case has("小计") && strings.Contains(a, "合计"):
				return "" // a 小计 under a 合计: the headers were misread
			case strings.Contains(a, "公务用车") && has("合计") && !has("小计") && (strings.Contains(a, "预算") || strings.Contains(a, "决算")):
				// "预算数公务用车购置及运行费": the measure over the whole
				// table and the vehicle's group read as one; the 合计 under
				// them may be either's.
				return ""
			case strings.Contains(a, "公务用车"):
				return "three_public.vehicle"
			case strings.Contains(a, "三公"):
				return "three_public.total"
			}
		}
		if has("合计") || len(above) == 0 {
			return "three_public.total"
		}
	}
	return ""
}

func (tr *tableReader) hasMeetingColumns() bool {
	if strings.Contains(tr.title, "会议") || strings.Contains(tr.title, "培训") {
		return true // the title says so, though the header be misread
	}
	for _, h := range tr.v.header {
		if strings.Contains(h, "会议") || strings.Contains(h, "培训") {
			return true
		}
	}
	return false
}

// functions reads tables by function classification: rows with 类/款/项
// codes (in one cell or three) and a 合计 row.
func (tr *tableReader) functions() {
	var class, kuan struct{ code, name string }
	// A row of figures left unplaced makes the table's lines read a part
	// of its lines (Result.Partial).
	marked := false
	partial := func() {
		if tr.kind == tableGPB && !marked {
			marked = true
			tr.r.partial = append(tr.r.partial, tr.v.block.Pos.Block)
		}
	}
	unread := func(row []tcell) {
		if slices.Contains(figureCells(row, -1), true) {
			partial()
		}
	}
	if tr.v.lost {
		partial()
	}
	// A 款's last line is its 其他…支出 (99): a name whose 其他 line
	// follows is a 款's, where the catalogue does not know it.
	hasOther := map[string]bool{}
	for _, row := range tr.v.rows {
		name := ""
		if k := slices.IndexFunc(row, func(c tcell) bool { return c.text != "" && !c.numeric && !c.covered }); k >= 0 {
			name = strings.ReplaceAll(ordinalRe.ReplaceAllString(row[k].text, ""), " ", "")
		}
		if rest, ok := strings.CutPrefix(name, "其他"); ok && strings.HasSuffix(rest, "支出") {
			hasOther[rest] = true                           // 其他行政事业单位养老支出: 行政事业单位养老支出
			hasOther[strings.TrimSuffix(rest, "支出")] = true // 其他商贸事务支出: 商贸事务
		}
	}
	split := splitCodes{at: -1}
	lastItem := "" // the last 项 read
	// What the 款 read last has left for its 项 to add up to, in its
	// figure column: where nothing is left, a line with a figure is no
	// 项 of it.
	kuanLeft, kuanCol := decimal.Zero, -1
	figure := func(row []tcell) (decimal.Decimal, bool) { // a line's figure in that column
		if kuanCol < 0 || kuanCol >= len(row) {
			return decimal.Zero, false
		}
		v, _, ok := tr.value(row, kuanCol)
		return v, ok
	}
	spent := func(row []tcell) bool {
		v, ok := figure(row)
		return ok && kuanLeft.IsZero() && !v.IsZero()
	}
	// So for the 类 read last and its 款: a line whose figure is more than
	// the 类 has left is no new 款 of it (the 类's own line may have been
	// missed, its code centred elsewhere).
	classLeft := decimal.Zero
	fits := func(row []tcell) bool {
		v, ok := figure(row)
		return ok && v.LessThanOrEqual(classLeft)
	}
	for i, row := range tr.v.rows {
		row, filled := split.fill(row)
		code, name, nameCol := rowCode(row)
		if filled {
			// The blank cells above may belong to a merged range whose
			// text stands further down (centred). The 款 the rows above
			// name is the 项's, where the catalogue agrees or does not
			// know the 项 (its printed name is kept); else the catalogue
			// says which 类 the row's 款 and 项 with its name belong to.
			cat := tr.r.seg.lx.cat
			switch e := cat.byCode[code]; {
			case e != nil && e.fits(name) && (class.code == "" || code[:3] == class.code):
				// The catalogue confirms it, under the 类 the rows name.
			case len(code) == 7 && kuanItem(kuan.code, code[5:], name) != "":
				code = kuan.code + code[5:]
			case class.code != "":
				// The 类 the rows name, whose 款 and 项 the catalogue
				// does not confirm: no other 类's line.
				unread(row)
				continue
			default:
				if code = cat.fitSuffix(code, name); code == "" {
					unread(row)
					continue
				}
			}
		}
		if code != "" && code[0] != '2' {
			continue // an economic classification code (301 工资福利支出…), not a function
		}
		cat := tr.r.seg.lx.cat
		if e := cat.byCode[code]; e != nil && len(code) < 7 && !e.named(name) {
			if ch := cat.match(code, len(code)+2, name, func(a, b string) bool { return a == b }); ch != nil {
				// "206 科学技术普及": a 类 code centred on its rows stands on
				// a 款's line, whose name is one of its 款's: that 款's line.
				code = ch.code
			}
		}
		if code == "" && name == "" {
			// Digits that are no code before the name ("7 11 02 事业单位
			// 医疗", a class code the printing cut): the name is the first
			// words on the row.
			for j, c := range row {
				if c.text != "" && !c.numeric && !c.covered {
					name, nameCol = ordinalRe.ReplaceAllString(c.text, ""), j
					break
				}
			}
		}
		if e := cat.byCode[code]; name != "合计" && name != "总计" && (code == "" || e != nil && !e.fits(name)) {
			// No code on the row, or one its name denies: the codes of a
			// merged cell centred on other rows. The name, under the
			// lines above, says which line it is.
			if c := cat.byName(name, class.code, kuan.code); c != "" && agreesWithPrinted(c, row, nameCol) {
				code = c
			} else if code != "" {
				unread(row)
				continue
			} else if sub := printedSub(row, nameCol); sub != "" && class.code != "" && fits(row) && hasOther[strings.ReplaceAll(name, " ", "")] {
				code = class.code + sub // a 款 the catalogue lacks, known by its 其他…支出 line
			} else if sub != "" && len(kuan.code) == 5 && othersOf(kuan.name, name) {
				code = kuan.code + sub // that 款's 其他…支出
			} else if sub != "" && len(kuan.code) == 5 && cat.byCode[kuan.code] == nil && !itemName(kuan.name) && standardItem(sub, name) {
				code = kuan.code + sub // a 款 the catalogue lacks has the standard 项 all the same
			} else if sub != "" && fits(row) && oneSub(row, nameCol) && class.code != "" && !itemName(name) && (kuan.code == "" ||
				len(kuan.code) == 5 && sub > kuan.code[3:] && (strings.HasPrefix(lastItem, kuan.code) && sub <= lastItem[5:] || spent(row))) {
				// A 项 follows its 款; 项 codes rise within their 款 (99,
				// 其他…支出, last), and its 项 add up to it: two digits right
				// under a 类, digits no higher than the last 项's, or a
				// figure past the 款's whole open the class's next 款.
				code = class.code + sub
			} else if c := itemUnder(row, nameCol, name, kuan.code); c != "" {
				code = c
			}
		}
		if name == "" || nameCol < 0 {
			continue // a line of codes alone: its figures, if any, are its digits
		}
		if code != "" && swallowsParent(cat, code, name) {
			// "住房改革支出住房公积金": the 款's name and the 项's on one row,
			// as a copy that set a merged cell's codes and the names of a
			// tall row apart prints them, their figures on lines below:
			// which figure is whose, the row cannot say.
			partial()
			continue
		}
		if code != "" {
			name = tr.checkedName(code, name)
		}
		cols := tr.numbers(row, nameCol+1)
		amount := tr.amountColumn(cols)
		if amount < 0 {
			if code != "" {
				partial() // a line with no figure: its figures stand elsewhere, unread
			}
			continue
		}
		v, raw, ok := tr.value(row, amount)
		if !ok {
			continue
		}
		switch {
		case code == "" && (name == "合计" || name == "总计"):
			switch tr.kind {
			case tableGPB:
				tr.add(i, amount, "gpb.expenditure", "amount", "", "", v, raw)
				tr.budget(i, row, cols, amount, "gpb.expenditure", "", "")
				tr.basic(i, row, cols)
			case tableGovFund:
				tr.add(i, amount, "gov_fund.expenditure", "amount", "", "", v, raw)
			case tableStateCapital:
				tr.add(i, amount, "state_capital.expenditure", "amount", "", "", v, raw)
			}
		case tr.kind != tableGPB:
		case code == "":
			partial() // a line of figures no code could be given
		case len(code) == 3:
			class.code, class.name, kuan.code = code, name, ""
			classLeft, kuanCol = v, amount
			tr.r.named(code, name)
			tr.add(i, amount, "gpb.class", "amount", name, code, v, raw)
			tr.budget(i, row, cols, amount, "gpb.class", name, code)
		case len(code) == 5:
			kuan.code, kuan.name = code, name
			if code[:3] == class.code && amount == kuanCol {
				classLeft = classLeft.Sub(v)
			}
			kuanLeft, kuanCol = v, amount
			tr.r.named(code, name)
		case len(code) == 7:
			cn, kn := class.name, kuan.name
			if class.code != code[:3] {
				cn = tr.parentName(code[:3])
			}
			if kuan.code != code[:5] {
				kn = tr.parentName(code[:5])
			}
			if cn == "" || kn == "" {
				unread(row)
				continue
			}
			subject := cn + "/" + kn + "/" + name
			lastItem = code
			if code[:5] == kuan.code && amount == kuanCol {
				kuanLeft = kuanLeft.Sub(v)
			}
			tr.add(i, amount, "gpb.item", "amount", subject, code, v, raw)
			tr.budget(i, row, cols, amount, "gpb.item", subject, code)
		}
	}
}

// swallowsParent reports whether a row's printed name is its parent's
// name (the 款's for a 项, the 类's for a 款) followed by its own: two
// rows' names run together.
func swallowsParent(cat *catalogue, code, name string) bool {
	var parent string
	switch len(code) {
	case 5:
		parent = code[:3]
	case 7:
		parent = code[:5]
	default:
		return false
	}
	pe, e := cat.byCode[parent], cat.byCode[code]
	if pe == nil || e == nil {
		return false
	}
	for _, pn := range pe.names {
		for _, p := range []string{pn, strings.TrimSuffix(pn, "支出")} {
			rest, ok := strings.CutPrefix(name, p)
			if !ok || rest == "" {
				continue
			}
			for _, n := range e.names {
				if rest == n || rest == strings.TrimSuffix(n, "支出") {
					return true
				}
			}
		}
	}
	return false
}

// othersOf reports whether a name is the 其他…支出 line of the 款 named
// kuan: 其他商贸事务支出 of 商贸事务, 其他行政事业单位养老支出 of
// 行政事业单位养老支出.
func othersOf(kuan, name string) bool {
	k, n := strings.ReplaceAll(kuan, " ", ""), strings.ReplaceAll(name, " ", "")
	return k != "" && (n == "其他"+k+"支出" || strings.HasSuffix(k, "支出") && n == "其他"+k)
}

// oneSub reports whether a row prints one two-digit code before its name,
// no more: a 款's or a 项's, not both.
func oneSub(row []tcell, nameCol int) bool {
	n := 0
	for j := 0; j < nameCol && j < len(row); j++ {
		if c := row[j]; !c.covered && c.text != "" {
			if !subCodeRe.MatchString(c.text) {
				return false
			}
			n++
		}
	}
	return n == 1
}

// namedOrFigures reports whether every line of a view opens with a code
// or holds figures alone: a part of a function table's rows, not one
// with a header or words between.
func namedOrFigures(v *tableView) bool {
	for _, row := range v.rows {
		code, _, _ := rowCode(row)
		words := slices.ContainsFunc(row, func(c tcell) bool { return c.text != "" && !c.numeric && !c.covered })
		if words && code == "" && !subCodeFirst(row) {
			return false
		}
	}
	return true
}

// printedSub is the two-digit code a row prints before its name (a 款's
// or a 项's, in a column of its own or in the code column), or "".
func printedSub(row []tcell, nameCol int) string {
	sub := ""
	for j := 0; j < nameCol && j < len(row); j++ {
		if c := row[j]; !c.covered && subCodeRe.MatchString(c.text) {
			sub = c.text
		}
	}
	return sub
}

// agreesWithPrinted reports whether a code the catalogue gives a row's
// name ends in the two digits the row prints, if it prints any: a 项
// named alike under two 款 (公安's 19 信息化建设, 司法's 13) is the one the
// row's digits say, and a row whose digits name a line the catalogue
// lacks is none of its namesakes.
func agreesWithPrinted(code string, row []tcell, nameCol int) bool {
	sub := printedSub(row, nameCol)
	return sub == "" || len(code) < 5 || code[len(code)-2:] == sub
}

// itemUnder codes a 项 row the catalogue does not find under the 款 the
// rows above name by the 项 digits printed last before its name ("01 |
// 行政运行"). A 款's or 类's own row is none.
func itemUnder(row []tcell, nameCol int, name, kuan string) string {
	sub := printedSub(row, nameCol)
	if sub == "" || mustLexicon().cat.classOrKuan(name) {
		return ""
	}
	return kuanItem(kuan, sub, name)
}

// kuanItem is the code of 项 sub of 款 kuan for a row printed name: where
// the catalogue has that code by that name, or does not know the code and
// has the name nowhere (a 项 it does not list, its printed name kept). A
// name the catalogue lists under another 款 (事业单位医疗 read under 其他社会
// 保障和就业支出, whose 款 row the reading lost) is not this 款's.
func kuanItem(kuan, sub, name string) string {
	if len(kuan) != 5 || len(sub) != 2 {
		return ""
	}
	cat := mustLexicon().cat
	switch e := cat.byCode[kuan+sub]; {
	case e != nil && e.fits(name):
		return kuan + sub
	case e == nil && !cat.named(name):
		return kuan + sub
	}
	return ""
}

// itemName reports whether a name is a 项's and no 类's or 款's: one of
// the standard 项 (行政运行 …) or a 项 the catalogue lists.
func itemName(name string) bool {
	for _, s := range append(slices.Clone(standardItems), publicServices) {
		if standardItem(s[0], name) {
			return true
		}
	}
	cat := mustLexicon().cat
	return cat.named(name) && !cat.classOrKuan(name)
}

// standardItem reports whether a 项's code and name are one of the 项
// every 款 of 事务 has (01 行政运行, 02 一般行政管理事务, 03 机关服务, 50
// 事业运行).
func standardItem(sub, name string) bool {
	name = strings.ReplaceAll(name, " ", "")
	for _, s := range append(slices.Clone(standardItems), publicServices) {
		if s[0] == sub && s[1] == name {
			return true
		}
	}
	return false
}

// budget reads the other measures a 决算 function table gives for a row: a
// budget column (年初预算数) and a completion rate column (完成预算%).
func (tr *tableReader) budget(i int, row []tcell, cols []int, amount int, metric, subject, code string) {
	budgetDone := false
	for _, j := range cols {
		h := tr.v.header[j]
		switch {
		case j == amount:
		case strings.Contains(h, "完成") || strings.Contains(h, "%") || strings.Contains(h, "率"):
			if v, err := parseCell(row[j].text); err == nil && strings.Contains(h, "完成") {
				tr.addPercent(i, j, metric, "completion_pct", subject, code, v, row[j].text)
			}
		case tr.docKind == "决算" && !budgetDone && strings.Contains(h, "预算") && !strings.Contains(h, "决算"):
			budgetDone = true
			if v, raw, ok := tr.value(row, j); ok {
				tr.add(i, j, metric, "budget", subject, code, v, raw)
			}
		}
	}
}

// basic reads a 一般公共预算 function table's 基本支出 from its 合计 row:
// the one column headed 基本支出 that holds the row's amount measure (in a
// 决算, not one under 年初预算数), if there is exactly one, and the
// table's sums confirm the figure. The 基本支出 table states it first
// hand; this one only where its own arithmetic holds.
func (tr *tableReader) basic(i int, row []tcell, cols []int) {
	at := -1
	for _, j := range cols {
		leaf, above := tr.v.leaf(j)
		if strings.ReplaceAll(leaf, " ", "") != "基本支出" || tr.notAmount(j) {
			continue
		}
		for _, h := range above {
			if strings.Contains(h, "上年") || tr.docKind == "决算" && strings.Contains(h, "预算") && !strings.Contains(h, "决算") {
				j = -1
				break
			}
		}
		switch {
		case j < 0:
		case at >= 0:
			return // two: which is the year's is not sure
		default:
			at = j
		}
	}
	if c := (cellAt{i, at}); at < 0 || !tr.check.ok[c] || tr.check.bad[c] {
		return
	}
	if v, raw, ok := tr.value(row, at); ok {
		tr.secondhand = append(tr.secondhand, tr.fact(i, at, "gpb.basic", "amount", "", "", v, raw, Yuan))
	}
}

// checkedName names a row with a function code by the catalogue: the name
// the catalogue knows the code by that the printing is (current or former,
// give or take 支出), or holds with words run in from a neighbouring cell
// ("社会保障和就业支出行政事业单位"), or is cut short of; else, a printed
// name unlike all of them (wrapped into its neighbours, interleaved), the
// current one. A code the catalogue does not know keeps its printed name.
func (tr *tableReader) checkedName(code, printed string) string {
	e := tr.r.seg.lx.cat.byCode[code]
	if e == nil {
		return printed
	}
	return e.printedAs(printed)
}

// parentName names a 类 or 款 that a 项 row's table does not print above
// it (the table's part on the page before holds it): as a table of the
// document printed it, else by the catalogue. One code, one subject.
func (tr *tableReader) parentName(code string) string {
	if n := tr.r.names[code]; n != "" {
		return n
	}
	return tr.catalogueName(code)
}

// named records the name a function table gives a 类 or 款 code, the
// first the document prints.
func (r *reader) named(code, name string) {
	if r.names == nil {
		r.names = map[string]string{}
	}
	if _, ok := r.names[code]; !ok && name != "" {
		r.names[code] = name
	}
}

func (tr *tableReader) catalogueName(code string) string {
	if e := tr.r.seg.lx.cat.byCode[code]; e != nil {
		return e.names[0]
	}
	return ""
}

// splitCodes restores the 类 and 款 codes of tables that print a code in
// three cells (类, 款, 项) and leave the upper cells blank under a code
// already given, as merged cells do once a PDF or a scan has lost the
// merge: "201 01 01 行政运行" then "02 一般行政管理事务" in the 项 cell.
type splitCodes struct {
	at   int       // the 类 cell's column, once a row has shown all three; -1 before
	last [3]string // the last 类, 款 and 项 codes
}

// fill returns row with its blank 类 and 款 cells given the codes above
// them, and true, when the row has a lower code and the cells to its left
// are blank; other rows come back unchanged.
func (s *splitCodes) fill(row []tcell) ([]tcell, bool) {
	for j := 0; j+2 < len(row); j++ {
		if len(row[j].text) == 3 && codeRe.MatchString(row[j].text) && subCodeRe.MatchString(row[j+1].text) && subCodeRe.MatchString(row[j+2].text) {
			s.at = j
			break
		}
	}
	if s.at < 0 || s.at+2 >= len(row) {
		return row, false
	}
	var got [3]string
	for k := range got {
		got[k] = row[s.at+k].text
	}
	lowest := -1
	for k := 2; k >= 0 && lowest < 0; k-- {
		if got[k] != "" {
			lowest = k
		}
	}
	switch {
	case lowest <= 0:
		if lowest == 0 {
			s.last = [3]string{got[0]}
		}
		return row, false
	case !subCodeRe.MatchString(got[lowest]):
		return row, false // words in a code column (a 合计 label), not a code
	case got[0] != "" && (lowest == 1 || got[1] != ""):
		s.last = got
		return row, false
	}
	for k := 0; k < lowest; k++ {
		if got[k] == "" && s.last[k] == "" || got[k] != "" && !subCodeRe.MatchString(got[k]) && k > 0 {
			return row, false
		}
	}
	out := append([]tcell(nil), row...)
	for k := 0; k < lowest; k++ {
		if got[k] == "" {
			out[s.at+k] = tcell{text: s.last[k], covered: true}
			got[k] = s.last[k]
		}
	}
	s.last = got
	return out, true
}

// rowCode reads a row's function code — one cell of 3, 5 or 7 digits, or
// 类, 款 and 项 cells of 3, 2 and 2 — and the name after it.
func rowCode(row []tcell) (code, name string, nameCol int) {
	nameCol = -1
	last := -1 // the column of the code's last part
	gap := false
	for j, c := range row {
		switch {
		case c.text == "":
		case code == "" && codeRe.MatchString(c.text):
			code, last = c.text, j // a merged 类 or 款 cell counts for every row it covers
		case (len(code) == 3 || len(code) == 5) && subCodeRe.MatchString(c.text):
			// A part a blank cell parts from the code's (类 | | 项, the
			// 款 in a merged cell centred on another row) is not the next
			// level's: the code is not known from this row.
			gap = gap || j > last+1
			code, last = code+c.text, j
		case c.covered:
		case c.numeric:
			return known(code, gap), "", j - 1
		default:
			if m := leadCodeRe.FindStringSubmatch(c.text); m != nil && len(code) == 5 {
				// "201 | 02 | 01 行政运行": the 项 code set one blank
				// before the name, in the name's cell. (Under a 类 code
				// alone, digits that open a name are the name's: 10万人
				// 以上项目.)
				return known(code+m[1], gap), ordinalRe.ReplaceAllString(m[2], ""), j
			}
			return known(code, gap), ordinalRe.ReplaceAllString(c.text, ""), j
		}
	}
	return known(code, gap), name, nameCol
}

// leadCodeRe matches a name cell that opens with a 项 code.
var leadCodeRe = regexp.MustCompile(`^(\d{2})\s*(\p{Han}.*)$`)

// known is a row's code, or "" where its parts are not one code.
func known(code string, gap bool) string {
	if gap {
		return ""
	}
	return code
}

// labelled reads tables whose rows name the metric: 机关运行经费 (合计),
// 政府采购 (合计, 货物, 工程, 服务).
func (tr *tableReader) labelled() {
	for i, row := range tr.v.rows {
		label, lc := rowLabel(row)
		cols := tr.numbers(row, lc+1)
		amount := tr.amountColumn(cols)
		if amount < 0 {
			continue
		}
		m := ""
		l := strings.ReplaceAll(label, " ", "")
		isTotal := l == "合计" || l == "总计" || l == "" && i == 0
		switch tr.kind {
		case tableOperating:
			if isTotal {
				m = "operating_expense"
			}
		case tableProcurement:
			switch {
			case isTotal:
				m = "procurement.total"
			case strings.HasPrefix(l, "货物"):
				m = "procurement.goods"
			case strings.HasPrefix(l, "工程"):
				m = "procurement.works"
			case strings.HasPrefix(l, "服务"):
				m = "procurement.services"
			}
		}
		if m == "" {
			continue
		}
		if v, raw, ok := tr.value(row, amount); ok {
			tr.add(i, amount, m, "amount", "", "", v, raw)
		}
	}
}

// componentColumns names the columns a function table's 合计 column adds
// up across a row, if every one of them is a known component (基本支出,
// 项目支出, …; 财政拨款收入, 事业收入, …); nil otherwise.
func (tr *tableReader) componentColumns(cols []int) []string {
	switch tr.kind {
	case tableGPB, tableExpenditure, tableIncome, tableGovFund, tableStateCapital:
	default:
		return nil
	}
	var out []string
	for _, j := range cols {
		h, _ := tr.v.leaf(j)
		if h == "" {
			h = tr.v.header[j]
		}
		h = strings.ReplaceAll(h, " ", "")
		if !componentHeader(h) {
			return nil
		}
		out = append(out, h)
	}
	return out
}

// componentHeader tells the columns that make up a row's 合计.
func componentHeader(h string) bool {
	for _, c := range []string{"基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出",
		"财政拨款收入", "财政拨款", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"} {
		if h == c {
			return true
		}
	}
	return false
}

// economicEntry reports whether the cell at k opens a line of the table's
// other half, an economic code (3xx, 3xxxx, or 3xx and a 款 cell) and the
// name after it, not a figure: "303 | 对个人和家庭的补助 | | 302 | 15 | 会议费 |
// 17.52" has no figure for 303.
func economicEntry(row []tcell, k int) bool {
	c := row[k]
	if c.covered || len(c.text) != 3 && len(c.text) != 5 || !codeRe.MatchString(c.text) || c.text[0] != '3' {
		return false
	}
	k++
	if len(c.text) == 3 && k < len(row) && subCodeRe.MatchString(row[k].text) {
		k++
	}
	for ; k < len(row); k++ {
		switch {
		case row[k].text == "" || row[k].covered:
		case row[k].numeric:
			return false
		default:
			return true
		}
	}
	return false
}

// economic records a 基本支出 table's lines by economic class: each code
// (3xx, or 3xxxx, printed in one cell or as 类 and 款 cells) with the name
// after it and the first figure after that, on either half of the table.
func (tr *tableReader) economic() {
	for i, row := range tr.v.rows {
		for j := 0; j < len(row); j++ {
			c := row[j]
			if c.covered || len(c.text) != 3 && len(c.text) != 5 || !codeRe.MatchString(c.text) || c.text[0] != '3' {
				continue
			}
			code, k := c.text, j+1
			if len(code) == 3 && k < len(row) && subCodeRe.MatchString(row[k].text) {
				code, k = code+row[k].text, k+1
			}
			name := ""
			for ; k < len(row) && !row[k].numeric; k++ {
				if row[k].text != "" && !row[k].covered {
					name = row[k].text
				}
			}
			if k >= len(row) || name == "" {
				continue
			}
			if economicEntry(row, k) {
				j = k - 1 // the line's figure is blank: this is the next line's code
				continue
			}
			v, raw, ok := tr.value(row, k)
			if !ok {
				continue
			}
			pos := tr.v.block.Pos
			pos.Row, pos.Col = tr.v.index[i]+1, k+1
			if t := tr.v.block.Table; t.Pages != nil && tr.v.index[i] < len(t.Pages) {
				pos.Page = t.Pages[tr.v.index[i]]
			}
			tr.r.economic = append(tr.r.economic, EconomicFigure{Code: code, Name: name, Value: v, Raw: raw, Pos: pos})
			j = k
		}
	}
}
