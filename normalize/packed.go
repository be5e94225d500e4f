package normalize

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/shopspring/decimal"
)

// Packed tables: a text copy that joined each row's cells with single
// blanks (pdftotext -raw, pdfplumber) keeps a row's cells in order but not
// their columns, and leaves out blank cells (extract.Table.Packed). Its
// header, one cell to a line, often stands above the table as paragraphs.
// viewPacked rebuilds what it can: a function table's rows from their codes
// (a row opens at a code, and the lines without one continue it: a wrapped
// name, figures on a line of their own), the figure columns from the words
// of the header that name columns, and the figures' places, where they are
// sure: all of a row's columns printed (zeros as 0.00 or a dash), or else
// the first, a total, which no row with money leaves blank. A figure whose
// column is not sure is left out; a wrong column would be a wrong number.

// figureColumns are the headings of figure columns, as the header prints
// them with its blanks dropped. A header word that starts one of these (a
// heading broken over lines: "本年收入合" / "计") names that column.
var figureColumns = []string{
	"合计", "小计", "总计", "金额", "决算数", "预算数", "年初预算数", "调整预算数", "全年预算数", "预算调整数",
	"本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入",
	"本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出",
	"人员经费", "公用经费", "日常公用经费", "年初结转和结余", "年末结转和结余", "本年收入", "本年支出",
	"一般公共预算", "一般公共预算财政拨款", "政府性基金预算", "政府性基金预算财政拨款",
	"国有资本经营预算", "国有资本经营预算财政拨款", "财政拨款", "财政专户管理资金", "单位资金", "其他资金",
	"上年结转", "事业单位经营收入", "用事业基金弥补收支差额", "完成预算%", "决算数为预算数的%",
	"单位预留机动经费", "结转下年资金", "上年结转资金",
}

// totalColumns are the headings of columns that add up the others: a row
// with money never leaves them blank.
var totalColumns = map[string]bool{"合计": true, "小计": true, "总计": true, "金额": true, "本年收入合计": true, "本年支出合计": true}

// headerColumns names the figure columns a header lists, in order. A word
// may hold several headings run together ("科目名称合计财政拨款收入"); a
// heading counts where the word ends with it or another heading follows,
// not where it starts a longer name ("一般公共预算支出", a group), and a
// word's last part may be a heading cut short by a line break ("本年收入合").
func headerColumns(words []string) []string {
	var cols []string
	for _, w := range joinLetterSpaced(words) {
		w = strings.ReplaceAll(squeeze(Clean(w)), " ", "")
		rs := []rune(w)
		if len(rs) > 200 {
			continue // prose, not a header's cell
		}
		failed := make([]bool, len(rs)+1) // chain(i) found nothing
		// chain finds headings that cover rs[i:] to its end: each a whole
		// heading, the last perhaps cut short; longest first.
		var chain func(i int) ([]string, bool)
		chain = func(i int) ([]string, bool) {
			if i == len(rs) {
				return nil, true
			}
			if failed[i] {
				return nil, false
			}
			rest := string(rs[i:])
			if slices.Contains(figureColumns, rest) {
				return []string{rest}, true // a whole heading, not one cut short
			}
			if len(rs)-i >= 3 {
				for _, c := range figureColumns {
					if strings.HasPrefix(c, rest) {
						return []string{c}, true
					}
				}
			}
			var whole []string
			for _, c := range figureColumns {
				if strings.HasPrefix(rest, c) {
					whole = append(whole, c)
				}
			}
			sort.Slice(whole, func(a, b int) bool { return len(whole[a]) > len(whole[b]) })
			for _, c := range whole {
				if tail, ok := chain(i + utf8.RuneCountInString(c)); ok {
					return append([]string{c}, tail...), true
				}
			}
			failed[i] = true
			return nil, false
		}
		var found []string
		for i := range rs {
			if c, ok := chain(i); ok && len(c) > 0 {
				found = c
				break
			}
		}
		cols = append(cols, found...)
	}
	return cols
}

// leafColumns names the figure columns of a header given line by line,
// top first. The lines nearest the figures name the leaf columns; a line
// above them that the rows' width leaves no room for names groups
// (“一般公共预算基本支出” over 合计, 人员经费 and 公用经费), so it is
// dropped once the lines below it name as many columns as the widest row
// has figures. A line of a group's parts first takes the group heading's
// place (nestParts).
func leafColumns(lines [][]string, width int) []string {
	per := make([][]string, len(lines))
	for i, l := range lines {
		per[i] = headerColumns(l)
	}
	nestParts(per)
	n, first := 0, 0
	if !slices.ContainsFunc(per, func(c []string) bool { return len(c) > 1 }) {
		// No line names two columns: the header's cells stand a line
		// each, as a copy prints a header whose cells wrap in narrow
		// columns, not in levels. Rows that leave columns blank are
		// narrower than it; no line is a group's.
		width = 0
	}
	for i := len(per) - 1; i >= 0; i-- {
		if width > 0 && n >= width {
			first = i + 1
			break
		}
		n += len(per[i])
	}
	var cols []string
	for _, c := range per[first:] {
		cols = append(cols, c...)
	}
	return cols
}

// nestParts puts the parts of a group heading in its place, as a header
// two lines deep prints them under it: the lowest line that names columns
// opening with 小计 or 合计 names the parts of the one heading above whose
// name they are kinds of (本年支出 over 小计, 基本支出, 项目支出, beside
// 年初结转和结余, 本年收入 and 年末结转和结余). Where no heading above, or
// more than one, ends as the parts do, per is left as it is.
func nestParts(per [][]string) {
	low := len(per) - 1
	for low >= 0 && len(per[low]) == 0 {
		low--
	}
	if low < 1 || len(per[low]) < 3 || per[low][0] != "小计" && per[low][0] != "合计" {
		return
	}
	parts := per[low]
	kind := commonSuffix(parts[1:])
	if utf8.RuneCountInString(kind) < 2 {
		return
	}
	line, at := -1, -1
	for i := range low {
		for k, c := range per[i] {
			if strings.HasSuffix(c, kind) {
				if line >= 0 {
					return // two headings the parts may be of
				}
				line, at = i, k
			}
		}
	}
	if line < 0 {
		return
	}
	nested := append(append(append([]string(nil), per[line][:at]...), parts...), per[line][at+1:]...)
	per[line], per[low] = nested, nil
}

// commonSuffix returns the longest ending the names share.
func commonSuffix(names []string) string {
	if len(names) == 0 {
		return ""
	}
	suffix := []rune(names[0])
	for _, n := range names[1:] {
		rs := []rune(n)
		k := 0
		for k < len(suffix) && k < len(rs) && suffix[len(suffix)-1-k] == rs[len(rs)-1-k] {
			k++
		}
		suffix = suffix[len(suffix)-k:]
	}
	return string(suffix)
}

// joinLetterSpaced joins runs of one-character words: a heading set with
// a blank between its characters ("合 计").
func joinLetterSpaced(words []string) []string {
	var out []string
	run := ""
	for _, w := range words {
		if utf8.RuneCountInString(w) == 1 && !amountRe2.MatchString(w) {
			run += w
			continue
		}
		if run != "" {
			out, run = append(out, run), ""
		}
		out = append(out, w)
	}
	if run != "" {
		out = append(out, run)
	}
	return out
}

// packedRow is one logical row of a packed table.
type packedRow struct {
	codes []string // leading function or economic codes, as printed
	name  string
	figs  []tcell
	first int  // the table row it starts on
	bare  bool // figures alone before the first row, taken for the 合计
}

// packedLine is a line of a packed table and whether it opens a row (a
// code, 合计).
type packedLine struct {
	row   packedRow
	opens bool
}

// leadsNext reports whether line k, a name's part and figures with no
// code, opens the next row's cell rather than going on with the row above:
// a cell centred on a tall row prints its name's first line and the
// figures above the line with the code. It does where the next line opens
// a row without figures, and that row has none of its own below (lines of
// figures before the row after it, other than one that leads that row).
func leadsNext(lines []packedLine, k int) bool {
	l := lines[k]
	if l.opens || l.row.name == "" || len(l.row.figs) == 0 || k+1 >= len(lines) {
		return false
	}
	next := lines[k+1]
	if !next.opens || len(next.row.figs) > 0 {
		return false
	}
	for j := k + 2; j < len(lines) && !lines[j].opens; j++ {
		if len(lines[j].row.figs) > 0 && !leadsNext(lines, j) {
			return false
		}
	}
	return true
}

// twoHalves reports whether a packed table's rows hold a second line after
// the first's figures (301 … 2,082.85 302 商品和服务支出 171.07): a table in
// two halves, which is not read by its codes.
func twoHalves(t *extract.Table) bool {
	for _, r := range t.Rows {
		var cells []string
		for _, c := range r {
			if x := strings.TrimSpace(Clean(c.Text)); x != "" {
				cells = append(cells, x)
			}
		}
		fig := false
		for k, c := range cells {
			if figureCell(c) && !codeRe.MatchString(c) {
				fig = true
				continue
			}
			if fig && codeRe.MatchString(c) && k+1 < len(cells) && !figureCell(cells[k+1]) {
				return true
			}
		}
	}
	return false
}

// halfLine is one half of a packed row of a table in two halves: its
// economic codes, its name and its figures.
type halfLine struct {
	code, sub string
	name      string
	figs      []string
}

// splitHalves cuts a packed row's cells into its halves' lines, in order:
// a line opens at a code, or at a name past figures.
func splitHalves(cells []string) []halfLine {
	var out []halfLine
	open := func() *halfLine { out = append(out, halfLine{}); return &out[len(out)-1] }
	var cur *halfLine
	for k, c := range cells {
		next := ""
		if k+1 < len(cells) {
			next = cells[k+1]
		}
		isCode := codeRe.MatchString(c) && (len(c) == 3 || len(c) == 5) && next != "" && !figureCell(next) || len(c) == 3 && codeRe.MatchString(c) && subCodeRe.MatchString(next)
		switch {
		case isCode:
			cur = open()
			cur.code = c
		case cur != nil && cur.code != "" && cur.sub == "" && cur.name == "" && len(cur.figs) == 0 && subCodeRe.MatchString(c):
			cur.sub = c
		case figureCell(c):
			if cur == nil {
				cur = open()
			}
			cur.figs = append(cur.figs, c)
		default:
			if cur == nil || len(cur.figs) > 0 {
				cur = open()
			}
			cur.name += c
		}
	}
	return out
}

// totalLabel reports whether a row's label names a total: 合计, 总计, or
// a sum of one kind (人员经费合计).
func totalLabel(name string) bool {
	return strings.HasSuffix(name, "合计") || strings.HasSuffix(name, "总计")
}

func hasCode(ls []halfLine) bool {
	for _, l := range ls {
		if l.code != "" {
			return true
		}
	}
	return false
}

// viewTwoHalves lays a packed table in two halves (301 and 303 on the
// left, 302 and 310 on the right, each line with its codes, name and
// figure) out in columns, so that its sums run down each half. A row with
// one line alone goes to the half whose class its code is of, as seen on
// the rows with both.
func viewTwoHalves(b *extract.Block, header []string) *tableView {
	v := &tableView{block: b}
	type row struct {
		halves [2]*halfLine
		first  int
	}
	var rows []row
	side := map[string]int{} // a class's half, by the rows with two
	width := [2]int{}
	var lone []int // rows with one line, placed once the halves are known
	for i, trow := range b.Table.Rows {
		var cells []string
		for _, c := range trow {
			if t := strings.TrimSpace(squeeze(Clean(c.Text))); t != "" {
				cells = append(cells, t)
			}
		}
		ls := splitHalves(cells)
		if len(rows) == 0 && !hasCode(ls) {
			header = append(header, cells...) // the header's lines, above the first code
			continue
		}
		if n := len(rows); n > 0 && len(ls) > 0 && len(ls) <= 2 && ls[0].code == "" && !totalLabel(ls[0].name) {
			// A left line cut short: its name wrapped onto this line, or
			// its figures stand here before the right half's line. A
			// total's line (人员经费合计) opens its own row: the line above
			// without figures printed a blank for zero.
			if prev := &rows[n-1]; prev.halves[0] != nil && prev.halves[1] == nil && len(prev.halves[0].figs) == 0 {
				prev.halves[0].name += ls[0].name
				prev.halves[0].figs = ls[0].figs
				if len(ls) == 2 {
					prev.halves[1] = &ls[1]
				}
				continue
			}
		}
		if len(ls) == 0 || len(ls) > 2 {
			continue
		}
		r := row{first: i}
		r.halves[0] = &ls[0]
		if len(ls) == 2 {
			r.halves[1] = &ls[1]
		}
		rows = append(rows, r)
	}
	for k, r := range rows {
		if r.halves[1] == nil {
			lone = append(lone, k)
			continue
		}
		for h, l := range r.halves {
			if len(l.code) >= 3 {
				side[l.code[:3]] = h
			}
			width[h] = max(width[h], len(l.figs))
		}
	}
	for _, k := range lone {
		l := rows[k].halves[0]
		h := 0
		if len(l.code) >= 3 {
			h = side[l.code[:3]]
		} else if strings.HasPrefix(l.name, "公用经费") {
			h = 1
		}
		if h == 1 {
			rows[k].halves = [2]*halfLine{nil, l}
		}
		width[h] = max(width[h], len(l.figs))
	}
	name := "" // the figures' heading: 决算数, 预算数, 金额
	if cols := headerColumns(header); len(cols) > 0 {
		name = cols[0]
	}
	const labels = 3 // code, sub code, name
	start := [2]int{0, labels + width[0]}
	n := start[1] + labels + width[1]
	v.header = make([]string, n)
	level := make([]tcell, n)
	for h := range 2 {
		for j := range width[h] {
			v.header[start[h]+labels+j] = name
			level[start[h]+labels+j] = tcell{text: name}
		}
	}
	v.levels = [][]tcell{level}
	for _, r := range rows {
		cells := make([]tcell, n)
		for h, l := range r.halves {
			if l == nil {
				continue
			}
			at := start[h]
			if l.code != "" {
				cells[at] = tcell{text: l.code, numeric: true}
			}
			if l.sub != "" {
				cells[at+1] = tcell{text: l.sub, numeric: true}
			}
			cells[at+2] = tcell{text: l.name}
			for j, f := range l.figs {
				cells[at+labels+j] = tcell{text: f, numeric: true}
			}
			if len(l.figs) > 0 && len(l.figs) < width[h] {
				for j := len(l.figs); j < width[h]; j++ {
					cells[at+labels+j].unknown = true
				}
			}
		}
		v.rows = append(v.rows, cells)
		v.index = append(v.index, r.first)
	}
	return v
}

// functionKinds are the tables whose rows open with a function code.
func functionKind(k tableKind) bool {
	switch k {
	case tableGPB, tableGovFund, tableStateCapital, tableIncome, tableExpenditure:
		return true
	}
	return false
}

// headTotal keeps a packed table's first row of figures alone, taken for
// its 合计, only where its first figure is the sum of the 类 rows' first
// figures: else that row is dropped, a figure whose place is not sure (a
// class row whose code and name a copy set elsewhere). A row of several
// figures over no 类 rows is the table's totals (a 支出总表 of one row),
// and stays.
func headTotal(rows []packedRow) []packedRow {
	if len(rows) == 0 || !rows[0].bare || len(rows[0].figs) == 0 {
		return rows
	}
	total, err := parseCell(rows[0].figs[0].text)
	sum, classes := decimal.Zero, 0
	for _, r := range rows[1:] {
		if len(strings.Join(r.codes, "")) != 3 {
			continue
		}
		if len(r.figs) == 0 {
			return rows[1:]
		}
		v, err := parseCell(r.figs[0].text)
		if err != nil {
			return rows[1:]
		}
		sum, classes = sum.Add(v), classes+1
	}
	if classes == 0 && len(rows[0].figs) > 1 {
		return rows
	}
	if err != nil || classes == 0 || !sum.Equal(total) {
		return rows[1:]
	}
	return rows
}

// viewPacked reads a packed function table (functionKind) into the view
// the table readers take. above holds the paragraphs between the table's title and the table: a
// header the copy put one cell to a line.
func viewPacked(b *extract.Block, docKind string, above []string) *tableView {
	v := &tableView{block: b}
	var rows []packedRow
	var body []packedLine // the table's lines after its header
	var header []string
	started := false
	for i, trow := range b.Table.Rows {
		var cells []string
		for _, c := range trow {
			if t := strings.TrimSpace(squeeze(Clean(c.Text))); t != "" {
				cells = append(cells, t)
			}
		}
		if len(cells) == 0 {
			continue
		}
		pr := packedRow{first: i}
		k := 0
		// Codes open a row: a 类, 款 or 项 code followed by lower codes, a
		// name or nothing; not a figure followed by figures.
		for ; k < len(cells) && len(pr.codes) < 3; k++ {
			c := cells[k]
			next := ""
			if k+1 < len(cells) {
				next = cells[k+1]
			}
			code := len(pr.codes) == 0 && (codeRe.MatchString(c) || subCodeRe.MatchString(c)) ||
				len(pr.codes) > 0 && subCodeRe.MatchString(c)
			if !code || len(pr.codes) == 0 && figureCell(next) && !subCodeRe.MatchString(next) {
				break
			}
			pr.codes = append(pr.codes, c)
		}
		var names []string
		for ; k < len(cells); k++ {
			c := cells[k]
			if figureCell(c) {
				pr.figs = append(pr.figs, tcell{text: c, numeric: true})
				continue
			}
			if len(names) == 0 && len(pr.codes) == 0 && len(pr.figs) > 0 && misprintedCodes(pr.figs) {
				// Whole numbers before the row's name, the last a 款 or 项
				// code ("7 11 02 事业单位医疗 …", the 类 code misprinted):
				// codes, not figures, though no code reads from them.
				for _, f := range pr.figs {
					pr.codes = append(pr.codes, f.text)
				}
				pr.figs = nil
			}
			names = append(names, c)
		}
		pr.name = strings.Join(names, "")
		label := strings.ReplaceAll(ordinalRe.ReplaceAllString(pr.name, ""), " ", "")
		opens := len(pr.codes) > 0 || label == "合计" || label == "总计"
		if !started && len(pr.codes) == 0 && pr.name == "" && len(pr.figs) > 0 {
			// A row of figures alone before any line: the table's totals
			// (a 支出总表 of one row), or its 合计 set apart from its
			// label (a copy in the PDF's stream order prints the label
			// under the table), which headTotal checks.
			opens, pr.name, pr.bare = true, "合计", true
		}
		if !started {
			if !opens {
				header = append(header, cells...)
				continue
			}
			started = true
		}
		body = append(body, packedLine{pr, opens})
	}
	var held *packedRow // a line that opens the next row's cell, above its code
	for k, l := range body {
		pr := l.row
		if held != nil && l.opens {
			pr.name, pr.figs, pr.first = held.name+pr.name, append(held.figs, pr.figs...), held.first
			held = nil
		}
		switch n := len(rows); {
		case !l.opens && leadsNext(body, k):
			held = &pr
		case n > 0 && !l.opens:
			prev := &rows[n-1] // a wrapped name, figures on a line of their own
			prev.name += pr.name
			prev.figs = append(prev.figs, pr.figs...)
		default:
			rows = append(rows, pr)
		}
	}
	rows = headTotal(rows)
	lines := make([][]string, 0, len(above)+1)
	for _, a := range above {
		lines = append(lines, []string{a})
	}
	var words []string
	for _, h := range header {
		words = append(words, strings.Fields(h)...)
	}
	lines = append(lines, words)
	width := 0
	for _, r := range rows {
		width = max(width, len(r.figs))
	}
	cols := leafColumns(lines, width)
	sure := len(cols) >= width && width > 0 // the header names every figure column
	if !sure && docKind == "预算" {
		// A budget's function tables open with their total; without a
		// header, that column alone is known.
		cols, sure = []string{"合计"}, true
	}
	slots := max(width, len(cols))
	const labels = 4 // three code cells and the name
	v.header = make([]string, labels+slots)
	level := make([]tcell, labels+slots)
	for j, c := range cols {
		v.header[labels+j] = c
		level[labels+j] = tcell{text: c}
	}
	v.levels = [][]tcell{level}
	for _, r := range rows {
		row := make([]tcell, labels+slots)
		at := 0
		if len(r.codes) > 0 && subCodeRe.MatchString(r.codes[0]) {
			at = 3 - len(r.codes) // 款 and 项 under a 类 given above: right-aligned
		}
		for k, c := range r.codes {
			row[at+k] = tcell{text: c, numeric: true}
		}
		row[3] = tcell{text: r.name}
		if r.name == "" {
			row[3] = tcell{}
		}
		switch {
		case !sure:
		case len(r.figs) == len(cols):
			for j, f := range r.figs {
				row[labels+j] = f
			}
		case len(r.figs) > 0 && totalColumns[cols[0]]:
			row[labels] = r.figs[0]
		}
		if len(r.figs) > 0 && len(r.figs) != len(cols) {
			// The row's other figures stand in columns not known: those
			// cells are unknown, not blank, and no sum counts them.
			for j := labels; j < len(row); j++ {
				if row[j].text == "" {
					row[j].unknown = true
				}
			}
		}
		v.rows = append(v.rows, row)
		v.index = append(v.index, r.first)
	}
	return v
}

// misprintedCodes reports whether figures that stand before a row's name
// are its codes misprinted: whole numbers, the last two digits (a 款 or
// 项 code), the others no longer than a code.
func misprintedCodes(figs []tcell) bool {
	for i, f := range figs {
		if strings.ContainsAny(f.text, ".,-") || len(f.text) > 7 {
			return false
		}
		if i == len(figs)-1 && !subCodeRe.MatchString(f.text) {
			return false
		}
	}
	return len(figs) >= 2
}

// mergeFigureLines returns a packed table whose lines of figures alone are
// moved to the end of the row above, as a text copy breaks a row whose
// figures stand lower than its label. The emptied lines stay, blank, so
// that rows keep their numbers. With labels, a table read by its rows'
// labels (not in two halves by codes) also joins a label wrapped inside
// its brackets, and moves the figures that open a line before a label to
// the label-only row above, whose figures they are.
func mergeFigureLines(b *extract.Block, labels bool) *extract.Block {
	t := b.Table
	rows := make([][]extract.Cell, len(t.Rows))
	last := -1
	numbers := lineNumbers(t)
	for i, r := range t.Rows {
		var cells []extract.Cell
		figs, texts, lead := 0, 0, 0 // lead: the figures before any label
		for j, c := range r {
			text := strings.TrimSpace(squeeze(Clean(c.Text)))
			switch {
			case text == "" || numbers[[2]int{i, j}]:
				continue
			case figureCell(text):
				figs++
				if texts == 0 {
					lead++
				}
			default:
				texts++
			}
			cells = append(cells, c)
		}
		if figs > 0 && texts == 0 && last >= 0 {
			rows[last] = append(rows[last], cells...)
			continue
		}
		if labels && last >= 0 && lead == 0 && texts > 0 && openBracket(rows[last]) && closesBracket(cells[0].Text) {
			// A label wrapped inside its brackets ("使用非财政拨款结余（含专用"
			// + "结余） 10 0.00 结余分配 59 0.00"): the line goes on the row.
			k := len(rows[last]) - 1
			rows[last][k].Text += strings.TrimSpace(cells[0].Text)
			rows[last] = append(rows[last], cells[1:]...)
			continue
		}
		if labels && lead > 0 && texts > 0 && last >= 0 && labelOnly(rows[last]) {
			// The figures of the label above, before the other half's
			// label: "0.00 结余分配 0.00" under "使用非财政拨款结余（含专用结余）".
			rows[last] = append(rows[last], cells[:lead]...)
			cells = cells[lead:]
		}
		rows[i] = cells
		if len(cells) > 0 {
			last = i
		}
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	out := *t
	out.Rows = make([][]extract.Cell, len(rows))
	for i, r := range rows {
		row := make([]extract.Cell, width)
		for j := range row {
			row[j] = extract.Cell{OriginRow: i, OriginCol: j, RowSpan: 1, ColSpan: 1}
			if j < len(r) {
				row[j].Text = r[j].Text
			}
		}
		out.Rows[i] = row
	}
	c := *b
	c.Table = &out
	return &c
}

// openBracket reports whether a packed row is a label alone that opens a
// bracket it does not close: a name the copy wrapped inside its brackets.
func openBracket(cells []extract.Cell) bool {
	if !labelOnly(cells) {
		return false
	}
	t := Clean(cells[len(cells)-1].Text)
	return strings.Count(t, "(") > strings.Count(t, ")")
}

// closesBracket reports whether a label closes a bracket before it opens
// one: the rest of a label wrapped inside its brackets.
func closesBracket(label string) bool {
	t := Clean(label)
	c := strings.Index(t, ")")
	return c >= 0 && !strings.Contains(t[:c], "(")
}

// labelOnly reports whether a packed row holds labels and no figure.
func labelOnly(cells []extract.Cell) bool {
	for _, c := range cells {
		if figureCell(strings.TrimSpace(squeeze(Clean(c.Text)))) {
			return false
		}
	}
	return len(cells) > 0
}

// lineNumbers finds the 行次 of a packed table: the national template
// numbers each line of its two-sided tables (收入 1…, 支出 32…), and a
// copy packs that number right after the line's label, where a figure
// would stand. The bare integers after labels are line numbers when they
// are many, all distinct, each row's climbing from left to right, and
// nearly every one has a neighbour (n-1 or n+1) among them; figures do
// not run in steps of one.
func lineNumbers(t *extract.Table) map[[2]int]bool {
	var cells [][2]int
	seen := map[int]bool{}
	for i, r := range t.Rows {
		label, prev := false, -1
		for j, c := range r {
			text := strings.TrimSpace(squeeze(Clean(c.Text)))
			switch {
			case text == "":
			case text == "栏次" || text == "行次":
				label = false // the columns' numbers, not lines'
			case lineNumberRe.MatchString(text) && label:
				n, _ := strconv.Atoi(text)
				if seen[n] || n <= prev {
					return nil
				}
				seen[n], prev = true, n
				cells = append(cells, [2]int{i, j})
				label = false
			case figureCell(text):
				label = false
			default:
				label = true
			}
		}
	}
	if len(cells) < 6 {
		return nil
	}
	near := 0
	for n := range seen {
		if seen[n-1] || seen[n+1] {
			near++
		}
	}
	if 5*near < 4*len(seen) {
		return nil
	}
	out := make(map[[2]int]bool, len(cells))
	for _, c := range cells {
		out[c] = true
	}
	return out
}

var lineNumberRe = regexp.MustCompile(`^\d{1,3}$`)

// figureCell reports whether a packed cell is a figure: a number, a dash
// for zero, or a percentage.
func figureCell(text string) bool {
	return amountRe2.MatchString(text) || amountRe2.MatchString(strings.TrimSuffix(text, "%"))
}

// splitTitles returns a table block cut where a row is a table's title and
// the rows after it its caption (unit, department): a text copy's table
// runs on into the next table when nothing but a line of one cell stands
// between them. The title and caption rows become paragraphs; the parts
// keep the block's position.
func splitTitles(b extract.Block) []extract.Block {
	t := b.Table
	if t == nil || !t.Packed {
		return []extract.Block{b}
	}
	var out []extract.Block
	from := 0
	emit := func(to int, title bool) {
		if to <= from {
			return
		}
		c := b
		part := *t
		part.Rows = t.Rows[from:to]
		if t.Pages != nil {
			part.Pages = t.Pages[from:to]
		}
		c.Table = &part
		var lines []string
		for _, r := range part.Rows {
			var cells []string
			for _, cell := range r {
				cells = append(cells, cell.Text)
			}
			lines = append(lines, strings.Join(cells, "\t"))
		}
		c.Text = strings.Join(lines, "\n")
		if figures(part.Rows) && !title {
			out = append(out, c)
			return
		}
		for _, l := range lines { // a title, or no figure: no table, only text
			p := b
			p.Kind, p.Table, p.Text = extract.Paragraph, nil, strings.TrimSpace(strings.ReplaceAll(l, "\t", " "))
			if p.Text != "" {
				out = append(out, p)
			}
		}
	}
	for i, r := range t.Rows {
		if !titleRow(r) {
			continue
		}
		emit(i, false)
		from = i
		// The title and the caption lines under it.
		end := i + 1
		for end < len(t.Rows) && captionRow(t.Rows[end]) {
			end++
		}
		emit(end, true)
		from = end
	}
	if from == 0 {
		return []extract.Block{b}
	}
	emit(len(t.Rows), false)
	return out
}

// titleRow reports whether a packed row is a table's title: one cell that
// names a kind of standard table, or two where a copy set its year apart
// ("2017 年政府采购预算表"), the year a cell of figures.
func titleRow(r []extract.Cell) bool {
	var cells []string
	for _, c := range r {
		if t := strings.TrimSpace(squeeze(Clean(c.Text))); t != "" {
			cells = append(cells, t)
		}
	}
	switch {
	case len(cells) == 2 && yearRe.MatchString(cells[0]) && strings.HasPrefix(cells[1], "年"):
		cells = []string{cells[0] + cells[1]}
	case len(cells) != 1:
		return false
	}
	text := cells[0]
	return strings.Contains(text, "表") && classifyTable(text) != tableUnknown && !amountRe2.MatchString(text)
}

// captionRow reports whether a row is a table's caption: its unit, who made
// it.
func captionRow(r []extract.Cell) bool {
	text := ""
	for _, c := range r {
		text += " " + c.Text
	}
	text = strings.TrimSpace(squeeze(Clean(text)))
	return text != "" && (TableUnit(text) != "" || captionRe.MatchString(text)) && !strings.ContainsAny(text, "0123456789")
}

func figures(rows [][]extract.Cell) bool {
	for _, r := range rows {
		for _, c := range r {
			if t := strings.TrimSpace(Clean(c.Text)); t != "" && amountRe2.MatchString(t) && !codeRe.MatchString(t) {
				return true
			}
		}
	}
	return false
}
