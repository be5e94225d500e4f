package normalize

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/shopspring/decimal"
)

// tableKind is what a standard table (公开表) reports.
type tableKind int

const (
	tableUnknown      tableKind = iota
	tableSummary                // 收入支出决算总表 / 收支预算总表
	tableFiscal                 // 财政拨款收入支出决算总表 / 财政拨款收支预算总表
	tableIncome                 // 收入决算表 / 收入预算总表
	tableExpenditure            // 支出决算表 / 支出预算总表
	tableGPB                    // 一般公共预算（财政拨款）支出表, by function
	tableGPBBasic               // 一般公共预算（财政拨款）基本支出表
	tableThreePublic            // “三公”经费支出表
	tableOperating              // 机关运行经费支出表
	tableProcurement            // 政府采购支出表
	tableGovFund                // 政府性基金预算财政拨款支出表
	tableStateCapital           // 国有资本经营预算财政拨款支出表
)

// classifyTable tells a table's kind from its title (and the text above
// its first figures). Order matters: the 三公 table's title also says
// 一般公共预算, the 财政拨款 summary also says 收支.
func classifyTable(title string) tableKind {
	has := func(words ...string) bool {
		for _, w := range words {
			if !strings.Contains(title, w) {
				return false
			}
		}
		return true
	}
	switch {
	case has("三公"):
		return tableThreePublic
	case has("机关运行经费"):
		return tableOperating
	case has("政府采购"):
		return tableProcurement
	case has("政府性基金"):
		return tableGovFund
	case has("国有资本经营"):
		return tableStateCapital
	case has("基本支出") && (has("一般公共预算") || has("财政拨款")):
		return tableGPBBasic
	case has("财政拨款") && (has("收支") || has("收入支出")) && has("总表"):
		return tableFiscal
	case (has("收支") || has("收入支出")) && has("总表"):
		return tableSummary
	case has("一般公共预算") && has("支出") && !has("基本支出"):
		return tableGPB
	case has("收入") && !has("支出") && has("表"):
		return tableIncome
	case has("支出") && has("表") && !has("财政拨款") && !has("基本支出"):
		return tableExpenditure
	}
	return tableUnknown
}

// fitsContent reports whether a table's codes agree with the kind its title
// gave it: function codes (2xx) in the function tables, economic codes
// (3xx) in the 基本支出 and 机关运行经费 tables, hardly any code in the
// others. A title read from the wrong place (a text copy that printed
// titles after their tables) names a table its rows deny.
func fitsContent(kind tableKind, t *extract.Table) bool {
	if k := summaryContent(t); k != tableUnknown {
		return kind == tableSummary || kind == tableFiscal
	}
	fn, econ := rowCodes(t)
	switch kind {
	case tableGPB, tableGovFund, tableStateCapital, tableIncome, tableExpenditure:
		return econ <= fn
	case tableGPBBasic, tableOperating:
		return fn <= econ
	case tableThreePublic, tableProcurement:
		return fn+econ < 3
	}
	return true
}

// summaryContent tells a 收支总表 by its rows, whatever the title above
// it says: rows of figures labelled 本年收入合计 (or 收入总计) and
// 本年支出合计 (or 支出总计), the two sides' totals; a header's cells
// of those names have no figures in their row. A table with 事业收入,
// 经营收入 or 上级补助收入 among its rows is the 收入支出总表; else the
// 财政拨款 one. It is tableUnknown for any other table.
func summaryContent(t *extract.Table) tableKind {
	var in, out, other bool
	for _, row := range t.Rows {
		figures := slices.ContainsFunc(row, func(c extract.Cell) bool { return figureCell(strings.TrimSpace(squeeze(Clean(c.Text)))) })
		for _, c := range row {
			l := ordinalRe.ReplaceAllString(strings.ReplaceAll(squeeze(Clean(c.Text)), " ", ""), "")
			switch l {
			case "本年收入合计", "收入总计":
				in = in || figures
			case "本年支出合计", "支出总计":
				out = out || figures
			}
			// A label without figures may share its cell with the next
			// (a copy's "五、事业收入 五、教育支出").
			for _, w := range []string{"事业收入", "经营收入", "上级补助收入", "附属单位上缴收入"} {
				other = other || strings.Contains(l, w)
			}
		}
	}
	switch {
	case !in || !out:
		return tableUnknown
	case other:
		return tableSummary
	}
	return tableFiscal
}

// rowCodes counts the rows whose first cell is a function code (2xx) and
// those whose first cell is an economic one (3xx).
func rowCodes(t *extract.Table) (fn, econ int) {
	for _, row := range t.Rows {
		for _, c := range row {
			text := strings.TrimSpace(Clean(c.Text))
			if text == "" {
				continue
			}
			if len(text) >= 3 && codeRe.MatchString(text) {
				switch text[0] {
				case '2':
					fn++
				case '3':
					econ++
				}
			}
			break // a row's code is its first cell
		}
	}
	return fn, econ
}

// codedContent reports whether a table's rows carry the codes its kind
// lists: function codes (2xx) or economic ones (3xx).
func codedContent(kind tableKind, t *extract.Table) bool {
	fn, econ := rowCodes(t)
	switch kind {
	case tableGPB, tableGovFund, tableStateCapital, tableIncome, tableExpenditure:
		return fn > econ
	case tableGPBBasic, tableOperating:
		return econ > fn
	}
	return false
}

var (
	codeRe    = regexp.MustCompile(`^\d{3}(?:\d{2}){0,2}$`)
	subCodeRe = regexp.MustCompile(`^\d{2}$`)
	ordinalRe = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|\d+[.、．]|\(\s*[一二三四五六七八九十\d]+\s*\)|[（(][一二三四五六七八九十\d]+[）)])\s*`)
	// A figure cell: a number, or a dash that stands for zero.
	amountRe2 = regexp.MustCompile(`^(?:` + numberPattern + `|[-–—]{1,2})$`)
)

// parseCell reads a figure cell: a number, or a dash for zero.
func parseCell(s string) (decimal.Decimal, error) {
	if strings.Trim(s, "-–—") == "" && s != "" {
		return decimal.Zero, nil
	}
	return ParseNumber(s)
}

// tcell is a cleaned table cell.
type tcell struct {
	text     string
	numeric  bool
	covered  bool
	fromLeft bool // covered by a merged cell that starts in a column to the left
	unknown  bool // blank here, but perhaps not in print: a packed row's figure went to another column
	doubtful bool // a figure OCR could not settle: it stands in its column, but gives no value
}

// tableView is a table as normalize reads it: header text per column and
// the data rows (those from the first row holding a figure).
type tableView struct {
	block  *extract.Block
	header []string  // per column: the header rows' text above it
	levels [][]tcell // the header rows (a merged cell's text on every column it covers, marked covered)
	rows   [][]tcell // data rows
	index  []int     // each data row's index in the table
	// blanks says a blank cell is surely blank, a zero where a row's parts
	// are summed: the table's cells stand in their columns (not a packed
	// text copy's, whose blanks are lost, or a scan's reading).
	blanks bool
	// continued says the table's rows go on in the next table: a sum that
	// reaches its last row may have parts there.
	continued bool
	// follows says the table goes on from the table before (its page
	// before's part, cut apart): a 合计 at its foot has parts there.
	follows bool
	// lost says figures of the table were set aside unread (a stack of
	// figures no rows take): the lines read are not all its lines.
	lost bool
}

func viewTable(b *extract.Block) *tableView {
	t := b.Table
	v := &tableView{block: b}
	if len(t.Rows) == 0 {
		return v
	}
	width := 0
	for _, row := range t.Rows {
		width = max(width, len(row))
	}
	v.header = make([]string, width)
	inHeader := true
	for i, row := range t.Rows {
		cells := make([]tcell, width) // rows shorter than the widest are padded

		split := splitCodeNames(row, i, v.header)
		nums, codes, words := 0, 0, false
		for j, c := range row {
			if t, ok := split[j]; ok {
				cells[j] = t
				if t.numeric {
					codes++
				} else {
					words = true
				}
				continue
			}
			text := strings.TrimSpace(squeeze(Clean(ownLines(c))))
			if c.Covered(i, j) && c.OriginRow < len(t.Rows) && c.OriginCol < len(t.Rows[c.OriginRow]) {
				text = strings.TrimSpace(squeeze(Clean(ownLines(t.Rows[c.OriginRow][c.OriginCol]))))
			}
			doubt := strings.HasSuffix(text, extract.Doubtful)
			num := (amountRe2.MatchString(text) || doubt) && !c.Covered(i, j)
			cells[j] = tcell{text: text, numeric: num, covered: c.Covered(i, j), fromLeft: c.OriginCol < j, doubtful: doubt}
			switch {
			case num && codeRe.MatchString(text) && !words:
				codes++ // a code, or a figure of a row with no words (10400元)
			case num:
				nums++ // past a row's words, digits like a code's are a figure (1573651元)
			case text != "" && !c.Covered(i, j):
				words = true
			}
		}
		if !words {
			nums += codes
		}
		if inHeader && nums == 0 && caption(cells) {
			continue // "部门：… | 单位：万元" above the headers names no column
		}
		if inHeader && nums == 0 && !codeFirst(cells) { // a row's code ends the header, figures or not
			v.levels = append(v.levels, cells)
			for j, c := range cells {
				if c.text != "" && !strings.Contains(v.header[j], c.text) {
					v.header[j] += c.text
				}
			}
			continue
		}
		if !inHeader && nums == 0 && repeatsHeader(v.levels, cells) {
			continue // the header again, on the table's next page
		}
		inHeader = false
		if n := len(v.rows); n > 0 && (completes(v.rows[n-1], cells) || endsRow(v.rows, cells)) {
			for j, c := range cells {
				if c.text != "" {
					v.rows[n-1][j] = c
				}
			}
			continue
		}
		v.rows = append(v.rows, cells)
		v.index = append(v.index, i)
	}
	joinOpenBrackets(v)
	dropLineNumbers(v)
	itemCodeColumn(v)
	centredCodes(v)
	assembleRows(v)
	centredCodes(v) // the rows a name's lines and figures make, where their codes were not read before
	return v
}

// codeNameRe is a cell holding a function or economic code and the name
// after it, parted by a space: "2010501 行政运行".
var codeNameRe = regexp.MustCompile(`^(\d{3}(?:\d{2}){0,2})[ \x{3000}\x{a0}]+([^\d\s].*)$`)

// splitCodeNames parts a cell that holds a code and its name, where the
// name column beside it is the same merged cell or blank under a header
// that names it (科目名称, 项目): a text copy's columns put code and name
// under one header when the name starts before the code column ends.
func splitCodeNames(row []extract.Cell, i int, header []string) map[int]tcell {
	var split map[int]tcell
	for j := 0; j+1 < len(row) && j+1 < len(header); j++ {
		c := row[j]
		if c.Covered(i, j) {
			continue
		}
		m := codeNameRe.FindStringSubmatch(strings.TrimSpace(Clean(c.Text)))
		if m == nil {
			continue
		}
		next := row[j+1]
		spans := next.Covered(i, j+1) && next.OriginCol == j && next.OriginRow == i
		blank := !next.Covered(i, j+1) && strings.TrimSpace(next.Text) == "" && nameHeader(header[j+1])
		if !spans && !blank {
			continue
		}
		if split == nil {
			split = map[int]tcell{}
		}
		split[j] = tcell{text: m[1], numeric: true}
		split[j+1] = tcell{text: strings.TrimSpace(squeeze(m[2]))}
		j++
	}
	return split
}

// nameHeader reports whether a column's header names the rows' subjects.
func nameHeader(h string) bool {
	return strings.Contains(h, "名称") || strings.HasSuffix(h, "科目") || h == "项目"
}

// joinOpenBrackets puts a label that a narrow cell broke inside its
// brackets back together: a cell that opens a bracket it does not close
// ("使用非财政拨款结余（含专用结") and the cell under it that closes one it
// did not open ("余）") are one label, the lower row's.
func joinOpenBrackets(v *tableView) {
	open := func(s string) int {
		return strings.Count(s, "（") + strings.Count(s, "(") - strings.Count(s, "）") - strings.Count(s, ")")
	}
	for i := 0; i+1 < len(v.rows); i++ {
		for j, c := range v.rows[i] {
			d := v.rows[i+1][j]
			if c.text == "" || c.numeric || c.covered || d.text == "" || d.numeric || d.covered || open(c.text) <= 0 || open(d.text) >= 0 {
				continue
			}
			v.rows[i+1][j].text = c.text + d.text
			v.rows[i][j] = tcell{}
		}
	}
}

// dropLineNumbers blanks the 行次 (line number) columns of the national
// template's tables and drops its 栏次 row (the columns' numbers): they are
// numbers, not figures.
func dropLineNumbers(v *tableView) {
	var cols []int
	for j := range v.header {
		leaf, _ := v.leaf(j)
		if l := strings.ReplaceAll(leaf, " ", ""); l == "行次" || l == "栏次" || counts(v.rows, j) {
			cols = append(cols, j)
		}
	}
	var rows [][]tcell
	var index []int
	for i, row := range v.rows {
		if l, _ := rowLabel(row); strings.ReplaceAll(l, " ", "") == "栏次" || strings.ReplaceAll(l, " ", "") == "行次" || columnNumbers(row) {
			continue
		}
		for _, j := range cols {
			row[j] = tcell{}
		}
		rows, index = append(rows, row), append(index, v.index[i])
	}
	v.rows, v.index = rows, index
}

// counts reports whether column j numbers the rows: five or more small
// whole numbers, each one more than the one before (1, 2, 3 … or 32, 33
// …), however the header over it came out (a copy that split 行次 over two
// lines and set 次 under another column).
func counts(rows [][]tcell, j int) bool {
	n, last := 0, 0
	for _, row := range rows {
		c := row[j]
		if c.text == "" || c.covered {
			continue
		}
		if !lineNumberRe.MatchString(c.text) {
			return false
		}
		k, _ := strconv.Atoi(c.text)
		if n > 0 && k != last+1 {
			return false
		}
		n, last = n+1, k
	}
	return n >= 5
}

// assembleRows joins the lines of one row of a coded table that the
// layout left apart: in narrow columns a name wraps onto lines above or
// below its code, and the figures stand on the first, middle or last line
// of the row, so one printed row comes as a line with its code and lines
// of a name's part or of figures alone. Every row of such a table opens
// at a code (or 合计), its anchor; a line without one joins an anchor next
// to it: a line of figures the one that lacks figures (where both do, the
// way the table's sure cases go, else the one above), a line of words the
// one whose name it continues as the catalogue spells the code (else the
// one above). A table in two halves is left alone.
func assembleRows(v *tableView) { assembleRowsOf(v, 3, len(v.rows)) }

// assembleRowsOf is assembleRows for a table with from to to coded lines:
// three or more for a table on its own; one or two for a part that goes
// on from a coded table before (a page's last rows, cut apart from it),
// which assembleRows left as it was.
func assembleRowsOf(v *tableView, from, to int) {
	if len(v.rows) < 2 || len(sides(v)) > 1 {
		return
	}
	kinds := make([]rowKind, len(v.rows))
	codes := 0
	nameAt := nameColumn(v)
	for i, row := range v.rows {
		code, name, _ := rowCode(row)
		figs := figureCells(row, nameAt)
		if j := slices.IndexFunc(row, func(c tcell) bool { return c.text == code }); code != "" && j >= 0 && figs[j] {
			code = "" // an amount of 元 with a code's digits, in a figure column
		}
		label := strings.ReplaceAll(name, " ", "")
		k := rowKind{anchor: code != "" || label == "合计" || label == "总计" || subCodeFirst(row) || mustLexicon().cat.named(label)}
		if code != "" || subCodeFirst(row) {
			codes++ // a code of its own, or a 款's or 项's under a 类 in a merged cell
		}
		for j, c := range row {
			switch {
			case c.text == "" || c.covered:
			case figs[j]:
				k.figs = true
			case !c.numeric:
				k.words = true
			}
		}
		kinds[i] = k
	}
	if codes < from || codes > to {
		return
	}
	// A name the catalogue knows, wrapped over a line of its words alone
	// and a line of its rest and figures ("社会保障和就" / "业支出 1,354,642"),
	// is the lower line's: that line is a row its first line joins.
	joinsBelow := map[int]bool{}
	cat := mustLexicon().cat
	for i := 0; i+1 < len(v.rows); i++ {
		a, b := kinds[i], kinds[i+1]
		if a.figs || !a.words || !b.figs || !b.words || len(cellTexts(v.rows[i])) != 1 {
			continue
		}
		ac, an, _ := rowCode(v.rows[i])
		_, bn, _ := rowCode(v.rows[i+1])
		// The upper line may be a name itself (一般公共服务, give or take
		// 支出), the lower line's words never are.
		if ac == "" && !cat.named(bn) && cat.named(strings.ReplaceAll(an+bn, " ", "")) {
			joinsBelow[i], kinds[i].anchor, kinds[i+1].anchor = true, false, true
		}
	}
	// A tall row that prints its figures on its first line and its codes
	// on a middle one (a 类 code centred in its merged cell may fall on
	// the first): the first line's words open the name the code line
	// goes on with (机关事业单 / 位基本养老保险缴费支出), and the first
	// line's code names none of them. The code line is the first line's.
	joinsAbove := map[int]bool{}
	for i := 0; i+1 < len(v.rows); i++ {
		a, b := kinds[i], kinds[i+1]
		if !a.figs || !a.words || b.figs || !b.words || !b.anchor || joinsBelow[i] || joinsBelow[i+1] {
			continue
		}
		ac, an, _ := rowCode(v.rows[i])
		if len(ac) == 3 && !cat.named(strings.ReplaceAll(an, " ", "")) && !wholeName(v.rows[i]) && !wholeName(v.rows[i+1]) &&
			subCodeFirst(v.rows[i+1]) && continuesName(v.rows[i], v.rows[i+1], true) {
			joinsAbove[i+1], kinds[i+1].anchor = true, false
		}
	}
	// The way figures go where it is sure: one neighbour lacks them.
	nearest := func(i, step int) int {
		for j := i + step; j >= 0 && j < len(v.rows) && j >= i-3 && j <= i+3; j += step {
			if kinds[j].anchor {
				return j
			}
		}
		return -1
	}
	up, down := 0, 0
	for i, k := range kinds {
		if k.anchor || !k.figs {
			continue
		}
		a, b := nearest(i, -1), nearest(i, 1)
		switch {
		case a >= 0 && !kinds[a].figs && (b < 0 || kinds[b].figs):
			up++
		case b >= 0 && !kinds[b].figs && (a < 0 || kinds[a].figs):
			down++
		}
	}
	into := make([]int, len(v.rows)) // the anchor each line joins; -1 none, dropped for a stack's lines
	for i := range into {
		into[i] = -1
	}
	spreadStacks(v, kinds, into, nameAt)
	for i, k := range kinds {
		if k.anchor || into[i] == dropped {
			continue
		}
		if joinsBelow[i] {
			into[i] = i + 1
			continue
		}
		if joinsAbove[i] {
			into[i] = i - 1
			continue
		}
		a, b := nearest(i, -1), nearest(i, 1)
		switch {
		case k.figs:
			lacksA, lacksB := a >= 0 && !kinds[a].figs, b >= 0 && !kinds[b].figs
			// Where both lack figures, a name's part on the line tells:
			// it continues the name below (机关事业单 47.35 over 06
			// 位职业年金缴费支出), or the name above runs on into it.
			below := lacksA && lacksB && k.words && continuesName(v.rows[i], v.rows[b], true) && !continuesName(v.rows[a], v.rows[i], false)
			above := lacksA && lacksB && k.words && continuesName(v.rows[a], v.rows[i], false) && !continuesName(v.rows[i], v.rows[b], true)
			switch {
			case below:
				into[i] = b
			case above:
				into[i] = a
			case lacksA && lacksB && down > up, lacksB && !lacksA:
				into[i] = b
			case lacksA:
				into[i] = a
			}
			if into[i] >= 0 {
				kinds[into[i]].figs = true
			}
		case k.words && len(cellTexts(v.rows[i])) == 1: // a name's part: one cell
			into[i] = a
			if b >= 0 && (a < 0 || continuesName(v.rows[i], v.rows[b], true) && !continuesName(v.rows[a], v.rows[i], false) ||
				wholeName(v.rows[a]) && !wholeName(v.rows[b]) || opensName(v.rows[i], v.rows[b])) {
				into[i] = b // the name above is whole, the one below is not
			}
		}
	}
	var rows [][]tcell
	var index []int
	at := map[int]int{} // anchor → its place in rows
	for i, row := range v.rows {
		if into[i] == -1 {
			at[i] = len(rows)
			rows, index = append(rows, append([]tcell(nil), row...)), append(index, v.index[i])
		}
	}
	for i, row := range v.rows {
		if into[i] < 0 {
			continue
		}
		dst := rows[at[into[i]]]
		for j, c := range row {
			switch {
			case c.text == "" || c.covered:
			case dst[j].text == "":
				dst[j] = c
			case !c.numeric && !dst[j].numeric && i < into[i]:
				dst[j].text = c.text + dst[j].text // a name's part above its code
			case !c.numeric && !dst[j].numeric:
				dst[j].text += c.text
			}
		}
	}
	v.rows, v.index = rows, index
}

// figureCells tells which cells of a line are figures, not a code's
// digits: numbers that are no code, and any number right of a word (the
// name) or of the table's name column (nameAt, -1 if not known), or after
// another number that is no 类 code (a code comes first
// on its line, 类 款 项 in order): a whole amount of 元 may have a code's
// seven digits, and two such amounts on one line are figures.
func figureCells(row []tcell, nameAt int) []bool {
	out := make([]bool, len(row))
	words, seen, first := false, "", -1
	for j, c := range row {
		switch {
		case c.text == "" || c.covered:
		case !c.numeric:
			words = true
		default:
			code := codeRe.MatchString(c.text) || subCodeRe.MatchString(c.text)
			out[j] = !code || words || nameAt >= 0 && j > nameAt || seen != "" && !((len(seen) == 2 || len(seen) == 3) && subCodeRe.MatchString(c.text))
			if out[j] && !words && first >= 0 && !out[first] && len(row[first].text) >= 5 {
				out[first] = true // a code needs a name: numbers alone after one are amounts, it too
			}
			if seen == "" {
				first = j
			}
			seen = c.text
		}
	}
	return out
}

// nameColumn is the column most of a table's lines print their name in
// (their first words), or -1 where none do.
func nameColumn(v *tableView) int {
	n := map[int]int{}
	best := -1
	for _, row := range v.rows {
		if j := slices.IndexFunc(row, func(c tcell) bool { return c.text != "" && !c.numeric && !c.covered }); j >= 0 {
			if n[j]++; best < 0 || n[j] > n[best] {
				best = j
			}
		}
	}
	return best
}

// rowKind is what a line of a table holds, for assembleRows: an anchor
// (a code, 合计, a name the catalogue knows), figures, words.
type rowKind struct{ anchor, figs, words bool }

// dropped marks, in assembleRows, a line whose figures went to rows above.
const dropped = -2

// spreadStacks gives out the figures of a stack: lines of figures alone,
// one after another, that hold two figures or more in one column. A copy
// of a table whose cells are centred on tall rows prints the figures of
// rows whose names wrapped under one another, each column's in turn; they
// belong, in order, to as many rows above lacking figures (the lines of
// names between aside). A column with fewer figures than rows (a blank
// for zero) cannot say whose they are: its cells are unknown. Where there
// are not as many rows, no row takes the stack. Its lines are dropped.
func spreadStacks(v *tableView, kinds []rowKind, into []int, nameAt int) {
	for i := 0; i < len(v.rows); {
		j := i
		for j < len(v.rows) && !kinds[j].anchor && kinds[j].figs && !kinds[j].words {
			j++
		}
		if j == i {
			i++
			continue
		}
		cols := map[int][]tcell{}
		k := 0
		for r := i; r < j; r++ {
			figs := figureCells(v.rows[r], nameAt)
			for c, cell := range v.rows[r] {
				if figs[c] {
					cols[c] = append(cols[c], cell)
					k = max(k, len(cols[c]))
				}
			}
		}
		if k >= 2 {
			var rows []int // the rows above lacking figures, nearest last
			for r := i - 1; r >= 0 && len(rows) < k; r-- {
				if kinds[r].figs {
					break
				}
				if kinds[r].anchor {
					rows = append([]int{r}, rows...)
				}
			}
			if len(rows) == k {
				for c, cells := range cols {
					for n, r := range rows {
						if len(cells) == k {
							v.rows[r][c] = cells[n]
						} else {
							v.rows[r][c] = tcell{unknown: true}
							v.lost = true
						}
					}
				}
				for _, r := range rows {
					kinds[r].figs = true
				}
			} else {
				v.lost = true
			}
			for r := i; r < j; r++ {
				into[r] = dropped
			}
		}
		i = j
	}
}

// subCodeFirst reports whether a row opens with a 款 or 项 code, its 类
// left to a merged cell above (splitCodes).
func subCodeFirst(row []tcell) bool {
	for _, c := range row {
		if c.text == "" || c.covered {
			continue
		}
		return subCodeRe.MatchString(c.text)
	}
	return false
}

// opensName reports whether a line of words opens the name of row b: 其他
// begins a name (其他…支出) and never ends one, and b's own name does not
// begin so.
func opensName(line, b []tcell) bool {
	_, ln, _ := rowCode(line)
	_, bn, _ := rowCode(b)
	if ln == "" {
		for _, c := range line {
			if c.text != "" && !c.numeric && !c.covered {
				ln = c.text
				break
			}
		}
	}
	return strings.HasPrefix(ln, "其他") && bn != "" && !strings.HasPrefix(bn, "其他")
}

// wholeName reports whether a row's name is one the catalogue gives its
// code (or, with no code, any name it has): nothing of it wrapped away.
func wholeName(row []tcell) bool {
	code, name, _ := rowCode(row)
	cat := mustLexicon().cat
	if e := cat.byCode[code]; e != nil {
		return e.fits(name)
	}
	return code == "" && cat.named(name)
}

// continuesName reports whether the words of row a, then those of row b,
// make a name the catalogue knows (or its start) for b's code, or, with
// bCode false, for a's code.
func continuesName(a, b []tcell, bCode bool) bool {
	codeRow := a
	if bCode {
		codeRow = b
	}
	code, _, _ := rowCode(codeRow)
	e := mustLexicon().cat.byCode[code]
	words := func(row []tcell) string {
		var s strings.Builder
		for _, c := range row {
			if c.text != "" && !c.numeric && !c.covered {
				s.WriteString(strings.ReplaceAll(c.text, " ", ""))
			}
		}
		return s.String()
	}
	// The words run into the name, or are it (give or take 支出); words
	// past a whole name are another row's ("死亡抚恤" + "医疗卫生与计划生").
	joined := words(a) + words(b)
	if e != nil {
		for _, n := range e.names {
			if strings.HasPrefix(n, joined) || joined == n+"支出" {
				return true
			}
		}
	}
	// A code the catalogue does not know, or a merged cell's centred on
	// this row (a 类 code on its 款's line): the words alone tell.
	return mustLexicon().cat.startsName(joined)
}

// columnNumbers reports whether a row is the columns' numbers without a
// label: 1, 2, 3, … in its figure cells, three at least.
func columnNumbers(row []tcell) bool {
	n := 0
	for _, c := range row {
		switch {
		case c.text == "" || c.covered:
		case c.text == strconv.Itoa(n+1):
			n++
		default:
			return false
		}
	}
	return n >= 3
}

// codeFirst reports whether a row opens with a function or economic code
// and a name after it.
func codeFirst(cells []tcell) bool {
	for j, c := range cells {
		if c.text == "" || c.covered {
			continue
		}
		return len(c.text) >= 3 && codeRe.MatchString(c.text) && named(cells, j)
	}
	return false
}

// repeatsHeader reports whether a row holds only words of the header: the
// header printed again where the table goes on to a new page.
func repeatsHeader(levels [][]tcell, cells []tcell) bool {
	words := map[string]bool{}
	for _, l := range levels {
		for _, c := range l {
			for _, w := range strings.Fields(c.text) {
				words[w] = true
			}
		}
	}
	n := 0
	for _, c := range cells {
		for _, w := range strings.Fields(c.text) {
			if !words[w] {
				return false
			}
			n++
		}
	}
	return n > 0
}

// captionRe matches a table's caption cells: who made it and its unit.
var captionRe = regexp.MustCompile(`^(?:编制)?(?:部门|单位|编制单位|预算单位|金额单位)(?:名称)?:`)

// caption reports whether a header row holds only caption cells.
func caption(cells []tcell) bool {
	n := 0
	for _, c := range cells {
		if c.text == "" || c.covered {
			continue
		}
		if !captionRe.MatchString(c.text) {
			return false
		}
		n++
	}
	return n > 0
}

// completes reports whether row b holds the names row a lacks: a is codes
// and figures with no name ("302 | | 7.61"), b names and lower codes with
// no figure ("| 02 | 印刷费 |"), in cells a leaves blank. A PDF table whose
// names sit lower in their cells than the codes and figures reads so.
func completes(a, b []tcell) bool {
	code, named := false, false
	for j, c := range a {
		switch {
		case c.text == "":
		case b[j].text != "":
			return false // not disjoint
		case codeRe.MatchString(c.text) || subCodeRe.MatchString(c.text):
			code = true
		case !c.numeric:
			return false // a has a name of its own
		}
	}
	for _, c := range b {
		switch {
		case c.text == "":
		case len(c.text) >= 3 && codeRe.MatchString(c.text), c.numeric && !subCodeRe.MatchString(c.text):
			return false // b starts a line of its own, or has figures
		case !subCodeRe.MatchString(c.text):
			named = true
		}
	}
	return code && named
}

// endsRow reports whether a line of figures alone is the end of the row
// above, set lower in a tall row: the row has figures of its own, the line
// fills figure columns right of them that the row leaves blank, and
// together they fill as many as the table's fullest row ("小学教育 3,564.49
// 2,579.27 852.13" over "- 133.09 -").
func endsRow(rows [][]tcell, b []tcell) bool {
	a := rows[len(rows)-1]
	if !hasName(a) || hasName(b) {
		return false
	}
	// A figure, not a code: codes are bare digits of 2, 3, 5 or 7.
	figure := func(c tcell) bool {
		return c.numeric && !c.covered && !(subCodeRe.MatchString(c.text) || codeRe.MatchString(c.text))
	}
	filled, most := 0, 0
	for j, c := range b {
		switch {
		case c.text == "" || c.covered:
		case !figure(c) || a[j].text != "":
			return false // a code or a word, or a column the row above has
		default:
			filled++
		}
	}
	if filled == 0 {
		return false
	}
	own := 0 // the row's own figures, all left of the line's
	for j, c := range a {
		if figure(c) {
			own++
			for k := 0; k <= j; k++ {
				if b[k].text != "" && !b[k].covered {
					return false
				}
			}
		}
	}
	if own == 0 {
		return false // a row of words alone: the figures may be the next row's
	}
	filled += own
	for _, r := range rows {
		n := 0
		for _, c := range r {
			if figure(c) {
				n++
			}
		}
		most = max(most, n)
	}
	return filled == most
}

// ownLines is a cell's text without the lines extract took for its text
// wrapping that open rows of their own (extract.Cell.Lines): a line that
// starts with an ordinal (十、节能环保支出 under 九、…), or one that names a
// row where the lines before it name one too (当年收入小计 / 上年结转资金,
// 社会保障和就业支出 / 行政事业单位养老支出). Those rows had no figures; the
// cell's row keeps its figures, which stood on its first line.
func ownLines(c extract.Cell) string {
	for _, at := range c.Lines {
		if at > 0 && at < len(c.Text) && opensRow(c.Text[:at], c.Text[at:]) {
			return c.Text[:at]
		}
	}
	return c.Text
}

func opensRow(head, rest string) bool {
	bare := func(s string) string { return strings.ReplaceAll(Clean(s), " ", "") }
	if ordinalRe.MatchString(bare(rest)) {
		return true
	}
	lx := mustLexicon()
	names := func(s string) bool {
		s = ordinalRe.ReplaceAllString(bare(s), "")
		return grandTotals[s] || labelMetric(lx, s) != "" || lx.cat.named(s)
	}
	return names(head) && names(rest)
}

// label is a row's label: its first text cell that is not a code, without
// an ordinal prefix ("一、", "1.", "(一)").
func rowLabel(row []tcell) (string, int) {
	for j, c := range row {
		if c.text == "" || c.numeric || c.covered {
			continue
		}
		return ordinalRe.ReplaceAllString(c.text, ""), j
	}
	return "", -1
}

// tableReader reads one table's facts.
type tableReader struct {
	r       *reader
	kind    tableKind
	scale   int32 // from the table's unit to yuan
	unit    string
	docKind string
	title   string // the title above the table, as printed
	v       *tableView
	sums    *sumCheck // for a table read by OCR; nil otherwise
	check   *sumCheck // the table's sums, which confirm its figures or not
	// secondhand are figures another table states first hand (reader.table).
	secondhand []Fact
}

func (tr *tableReader) value(row []tcell, j int) (decimal.Decimal, string, bool) {
	c := row[j]
	if !c.numeric || c.doubtful {
		return decimal.Decimal{}, "", false
	}
	v, err := parseCell(c.text)
	if err != nil {
		return decimal.Decimal{}, "", false
	}
	return v.Shift(tr.scale), c.text + tr.unit, true
}

func (tr *tableReader) add(row int, col int, metric, measure, subject, code string, v decimal.Decimal, raw string) {
	tr.addUnit(row, col, metric, measure, subject, code, v, raw, Yuan)
}

func (tr *tableReader) addPercent(row int, col int, metric, measure, subject, code string, v decimal.Decimal, raw string) {
	tr.addUnit(row, col, metric, measure, subject, code, v, raw, Percent)
}

func (tr *tableReader) addUnit(row int, col int, metric, measure, subject, code string, v decimal.Decimal, raw, unit string) {
	if !hasMeasure(tr.r.seg.lx.metrics[metric], measure) {
		return
	}
	f := tr.fact(row, col, metric, measure, subject, code, v, raw, unit)
	if tr.sums != nil {
		keep, verified := tr.sums.verdict(row, col)
		f.OCR, f.Unverified = true, !verified
		if !keep {
			tr.r.facts.withheld = append(tr.r.facts.withheld, f)
			return
		}
	}
	tr.r.facts.add(f)
}

// fact makes the fact of a table cell, with its place and basis.
func (tr *tableReader) fact(row int, col int, metric, measure, subject, code string, v decimal.Decimal, raw, unit string) Fact {
	b := tr.v.block
	pos := b.Pos
	pos.Row, pos.Col = tr.v.index[row]+1, col+1
	if b.Table.Pages != nil && tr.v.index[row] < len(b.Table.Pages) {
		pos.Page = b.Table.Pages[tr.v.index[row]]
	}
	f := Fact{Metric: metric, Measure: measure, Subject: subject, Code: code, Value: v, Unit: unit,
		Raw: raw, Pos: pos, Text: strings.Join(cellTexts(tr.v.rows[row]), " | "), Method: FromTable, Basis: BasisTable}
	if c := (cellAt{row, col}); tr.check != nil && tr.check.ok[c] && !tr.check.bad[c] {
		f.Basis = BasisTableChecked
	}
	return f
}

func cellTexts(row []tcell) []string {
	var out []string
	for _, c := range row {
		if c.text != "" && !c.covered {
			out = append(out, c.text)
		}
	}
	return out
}

// numbers lists a row's figures with their columns, codes excluded.
func (tr *tableReader) numbers(row []tcell, from int) []int {
	// Codes lead a row, before its name; past the name, or on a row of
	// figures alone that prints none with a separator (a “三公” table's one
	// row in 元), a figure of five or seven digits without a separator
	// (10400元) is a figure, however like a code it looks. A row without
	// its name but with 1,642.08 keeps its 302 a code.
	named, bare := false, true
	for j, c := range row {
		has := c.text != "" && !c.numeric && !c.covered
		named = named || has && j < from
		bare = bare && !has && !(c.numeric && strings.ContainsAny(c.text, ",."))
	}
	var out []int
	for j := from; j < len(row); j++ {
		c := row[j]
		if c.text != "" && !c.numeric && !c.covered {
			named = true
		}
		if c.numeric && (named || bare || !(j < 4 && codeRe.MatchString(c.text) && !strings.ContainsAny(c.text, ",."))) {
			out = append(out, j)
		}
	}
	return out
}

// amountColumn picks the column that holds a row's amount: the first whose
// header says 合计/小计/金额/决算数 (or 预算数 in a budget), else the first
// figure that is not a carry-over's or, in a spending table, an income's.
func (tr *tableReader) amountColumn(cols []int) int {
	if len(cols) == 0 || tr.spendingByFunction() && tr.headerless() && strings.Contains(tr.title, "收入支出") {
		// A table of 年初结转和结余, 本年收入, 本年支出 and 年末结转和结余
		// whose header was not read with it: which figure is the
		// spending, its columns do not say.
		return -1
	}
	for _, j := range cols {
		h, _ := tr.v.leaf(j)
		if h == "" {
			h = tr.v.header[j]
		}
		switch {
		case tr.unsure(j):
			continue
		case strings.Contains(h, "基本支出") || strings.Contains(h, "项目支出") || strings.Contains(h, "人员经费") || strings.Contains(h, "公用经费"):
			continue
		case tr.docKind == "决算" && (strings.Contains(h, "年初预算") || strings.Contains(h, "调整预算") || strings.Contains(h, "全年预算")):
			continue
		case strings.Contains(h, "上年"):
			continue
		}
		return j
	}
	if tr.unsure(cols[0]) {
		return -1
	}
	return cols[0]
}

// headerless reports whether no column of the table has a header.
func (tr *tableReader) headerless() bool {
	for _, h := range tr.v.header {
		if h != "" {
			return false
		}
	}
	return true
}

// unsure reports whether a column may not hold a row's amount: it holds
// none (notAmount), or it is unnamed in a table that names such columns
// (a PDF copy that ran 科目名称 and 年初结转和结余 into one header cell left
// the carry-over's figures under none).
func (tr *tableReader) unsure(j int) bool {
	if tr.notAmount(j) {
		return true
	}
	if h, _ := tr.v.leaf(j); h != "" || tr.v.header[j] != "" {
		return false
	}
	for k := range tr.v.header {
		if tr.notAmount(k) {
			return true
		}
	}
	return false
}

// notAmount reports whether a column cannot hold a row's amount: the
// carry-over at the year's start or end (年初结转和结余, 年末结转和结余), or
// in a table of spending by function that also gives the income of the
// year (政府性基金预算财政拨款收入支出决算表: 年初结转和结余, 本年收入, 本年支出
// 小计, …), the income.
func (tr *tableReader) notAmount(j int) bool {
	leaf, above := tr.v.leaf(j)
	if leaf == "" {
		leaf = tr.v.header[j]
	}
	for _, h := range append([]string{leaf}, above...) {
		h = strings.ReplaceAll(h, " ", "")
		switch {
		case strings.Contains(h, "结转") || strings.Contains(h, "结余"):
			return true
		case tr.spendingByFunction() && strings.Contains(h, "收入") && !strings.Contains(h, "支出"):
			return true
		}
	}
	return false
}

// spendingByFunction reports whether the table gives spending by function
// class.
func (tr *tableReader) spendingByFunction() bool {
	switch tr.kind {
	case tableGPB, tableGovFund, tableStateCapital:
		return true
	}
	return false
}

// leaf returns a column's most specific header — the lowest header cell
// that starts in this column; a merged cell reaching over from the left is
// a group, not a leaf — and the headers above it, nearest first.
// wrappedLeaf is a column's own name joined from its two lowest header
// cells where both are its own, neither spanning a neighbour: a name that
// wrapped in a narrow column ("因公出国" over "（境）费") when the layout
// kept its lines apart. "" where the cells are not so.
func (v *tableView) wrappedLeaf(j int) string {
	for k := len(v.levels) - 1; k >= 1; k-- {
		if v.levels[k][j].text == "" {
			continue
		}
		own := func(l int) bool {
			c := v.levels[l][j]
			return c.text != "" && !c.fromLeft && (j+1 >= len(v.levels[l]) || !v.levels[l][j+1].fromLeft)
		}
		if own(k) && own(k-1) {
			return v.levels[k-1][j].text + v.levels[k][j].text
		}
		return ""
	}
	return ""
}

func (v *tableView) leaf(j int) (string, []string) {
	var above []string
	leaf := ""
	for k := len(v.levels) - 1; k >= 0; k-- {
		c := v.levels[k][j]
		if c.text == "" || c.text == leaf || len(above) > 0 && above[len(above)-1] == c.text {
			continue
		}
		if leaf == "" {
			if c.fromLeft {
				return "", nil // a group over several columns, not this one's own
			}
			leaf = c.text // its own, perhaps merged down from a level above
		} else {
			above = append(above, c.text)
		}
	}
	return leaf, above
}
