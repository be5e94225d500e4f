package normalize

import (
	"regexp"
	"strings"

	"github.com/shopspring/decimal"
)

// centredCodes puts back the codes of a function table that prints its 类
// and 款 codes in cells merged down their rows, each code centred in its
// cell: a 类 code stands on a row in the middle of its class (its 款 and
// 项 rows), a 款 code in the middle of its 款, so a class's row has no code
// and another row has one that is not its own. The rows' levels follow
// from the table's order (a row without a 项 code followed by one without
// is a 类, by one with is a 款); the codes go back to their rows, in order,
// where there are as many of each as rows of its level and each stands
// within the rows its cell covers. Tables whose every row has a code of its
// own, or where the codes do not fit so, are left as they are.
func centredCodes(v *tableView) {
	at := codeColumns(v)
	if at < 0 {
		return
	}
	var lines []codeLine
	uncoded := false
	for i, row := range v.rows {
		name := ""
		for _, c := range row[at+3:] {
			if c.text != "" && !c.numeric && !c.covered {
				name = strings.ReplaceAll(c.text, " ", "")
				break
			}
		}
		var l codeLine
		l.i = i
		for k := range 3 {
			c := row[at+k]
			if c.text == "" {
				continue
			}
			if c.covered || k == 0 && (len(c.text) != 3 || !codeRe.MatchString(c.text)) || k > 0 && !subCodeRe.MatchString(c.text) {
				return // not a bare code in its column: another layout
			}
			l.codes[k] = c.text
		}
		switch {
		case name == "合计" || name == "总计":
			if l.codes != [3]string{} {
				return
			}
			continue
		case name == "":
			if l.codes != [3]string{} {
				lines = append(lines, l) // a code on a row of its own: kept for its position
			}
			continue
		}
		l.item = l.codes[2] != ""
		uncoded = uncoded || l.codes == [3]string{} && hasFigure(row[at+3:])
		lines = append(lines, l)
	}
	if !uncoded {
		return // every row has a code of its own
	}
	// The rows of the table: a name and figures (a line of a name's
	// words alone is part of a row, not one).
	var named []int // indexes into lines
	for k, l := range lines {
		if row := v.rows[l.i][at+3:]; hasName(row) && hasFigure(row) {
			named = append(named, k)
		}
	}
	// The rows' levels: by where the 项 codes stand, or else by the
	// amounts (a 类 the sum of its 款, a 款 of its 项).
	var out map[int][3]string
	if lv := levelsByItems(lines, named); lv != nil {
		out = placeCodes(lines, named, lv)
	}
	if out == nil {
		amounts := make([]decimal.Decimal, len(named))
		for n, k := range named {
			a, ok := firstFigure(v.rows[lines[k].i][at+3:])
			if !ok {
				return
			}
			amounts[n] = a
		}
		if lv := levelsByAmounts(amounts); lv != nil {
			byLine := make(map[int]int, len(named))
			for n, k := range named {
				byLine[k] = lv[n]
			}
			out = placeCodes(lines, named, byLine)
		}
	}
	if out == nil {
		return
	}
	for _, l := range lines {
		row := v.rows[l.i]
		c, ok := out[l.i]
		for k := range 3 {
			switch {
			case ok && c[k] != "":
				row[at+k] = tcell{text: c[k], numeric: true, covered: c[k] != l.codes[k]}
			default:
				row[at+k] = tcell{}
			}
		}
	}
}

// codeLine is a row of a function table as its code cells read: its index
// among the view's rows, its 类, 款 and 项 codes as printed, and whether it
// has a 项 code.
type codeLine struct {
	i     int
	codes [3]string
	item  bool
}

// levelsByItems gives the named rows' levels (by index into lines) where
// each row's 项 code stands on it: a row without one before a row with one
// is a 款, before another without a 类. nil where the last row has none.
func levelsByItems(lines []codeLine, named []int) map[int]int {
	level := make(map[int]int, len(named))
	for n, k := range named {
		switch {
		case lines[k].item:
			level[k] = 2
		case n+1 < len(named) && lines[named[n+1]].item:
			level[k] = 1
		case n+1 < len(named):
			level[k] = 0
		default:
			return nil // a last row without a 项 code: its level is not sure
		}
	}
	return level
}

// levelsByAmounts gives the rows' levels by their amounts, in order: each
// 类 is followed by 款 that add up to it, each 款 by 项 that add up to it,
// to a cent a row. nil where the amounts do not parse so.
func levelsByAmounts(amounts []decimal.Decimal) []int {
	level := make([]int, len(amounts))
	var node func(n, lv int) int // the row after the node at n, or -1
	node = func(n, lv int) int {
		level[n] = lv
		if lv == 2 {
			return n + 1
		}
		sum, m, kids := decimal.Zero, n+1, 0
		cent := decimal.New(1, -2)
		for m < len(amounts) && sum.Add(cent.Mul(decimal.NewFromInt(int64(kids)))).LessThan(amounts[n]) {
			if m = node(m, lv+1); m < 0 {
				return -1
			}
			sum, kids = decimal.Zero, kids+1
			for k := n + 1; k < m; k++ {
				if level[k] == lv+1 {
					sum = sum.Add(amounts[k])
				}
			}
		}
		if kids == 0 || sum.Sub(amounts[n]).Abs().GreaterThan(cent.Mul(decimal.NewFromInt(int64(kids)))) {
			return -1
		}
		return m
	}
	for n := 0; n < len(amounts); {
		if n = node(n, 0); n < 0 {
			return nil
		}
	}
	return level
}

// placeCodes puts the printed codes back on the rows of the levels given:
// each level's codes in order, one per row of the level, each standing
// within the rows its merged cell covers (a 类's or 款's from its row to
// its last descendant, a 项's from the row before it to its own). It
// returns each named row's 类, 款 and 项, by index into the view's rows,
// or nil where the codes do not fit.
func placeCodes(lines []codeLine, named []int, level map[int]int) map[int][3]string {
	var code [3][]string
	for lv := range 3 {
		var heads []int // named rows of the level
		for _, k := range named {
			if level[k] == lv {
				heads = append(heads, k)
			}
		}
		var at []int // lines with a code of the level
		for k, l := range lines {
			if l.codes[lv] != "" {
				at = append(at, k)
				code[lv] = append(code[lv], l.codes[lv])
			}
		}
		if len(at) != len(heads) {
			return nil
		}
		for m, h := range heads {
			from, end := h, len(lines) // the lines the code's cell may cover
			if lv == 2 {
				end = h + 1
				for n, k := range named {
					if k == h && n > 0 {
						from = named[n-1]
					}
				}
			} else {
				for _, k := range named {
					if k > h && level[k] <= lv {
						end = k
						break
					}
				}
			}
			if at[m] < from || at[m] >= end {
				return nil // a code outside the rows its cell would cover
			}
		}
	}
	out := make(map[int][3]string, len(named))
	var cur [3]string
	var next [3]int
	for _, k := range named {
		lv := level[k]
		cur[lv] = code[lv][next[lv]]
		next[lv]++
		for below := lv + 1; below < 3; below++ {
			cur[below] = ""
		}
		out[lines[k].i] = cur
	}
	return out
}

// firstFigure reads the first figure of cells.
func firstFigure(cells []tcell) (decimal.Decimal, bool) {
	for _, c := range cells {
		if c.text != "" && c.numeric && !c.covered {
			v, err := parseCell(c.text)
			return v, err == nil
		}
	}
	return decimal.Decimal{}, false
}

// hasName reports whether cells hold a name: words, not a figure.
func hasName(cells []tcell) bool {
	for _, c := range cells {
		if c.text != "" && !c.numeric && !c.covered {
			return true
		}
	}
	return false
}

// hasFigure reports whether cells hold a figure.
func hasFigure(cells []tcell) bool {
	for _, c := range cells {
		if c.text != "" && c.numeric && !c.covered {
			return true
		}
	}
	return false
}

// codeColumns finds a function table's 类, 款 and 项 columns, three side by
// side, by the first's index; -1 where there are none. They are the three
// under those names, or, where the header's names stand off their columns
// (a 项 over the name column), three columns of codes alone (3 digits, 2,
// 2) in a table whose header names 类.
func codeColumns(v *tableView) int {
	named := false
	for j := 0; j+3 < len(v.header); j++ {
		ok := true
		for k, want := range []string{"类", "款", "项"} {
			leaf, _ := v.leaf(j + k)
			ok = ok && strings.ReplaceAll(leaf, " ", "") == want
		}
		if ok {
			return j
		}
		leaf, _ := v.leaf(j)
		named = named || strings.ReplaceAll(leaf, " ", "") == "类"
	}
	if !named {
		return -1
	}
	// Each column's cells: all codes of one length, or none.
	kind := func(j int) int {
		n := 0
		for _, row := range v.rows {
			switch c := row[j]; {
			case c.text == "":
			case c.covered || !codeRe.MatchString(c.text) && !subCodeRe.MatchString(c.text):
				return -1
			case n == 0 || n == len(c.text):
				n = len(c.text)
			default:
				return -1
			}
		}
		return n
	}
	for j := 0; j+3 < len(v.header); j++ {
		if kind(j) == 3 && kind(j+1) == 2 && kind(j+2) == 2 {
			return j
		}
	}
	return -1
}

// leadingItemRe is a name cell that opens with a 项 code: "02 科普活动".
var leadingItemRe = regexp.MustCompile(`^(\d{2}) *([^\d\s.,，。、%].*)$`)

// itemCodeColumn gives back the 项 column of a table that prints its 类 and
// 款 codes in cells of their own and its 项 code at the head of the name
// cell, the layout having run the narrow 项 column into the name column
// ("206 | 07 | 02 科普活动"): a column of codes goes in before the names.
// Only a table with 类 and 款 columns of codes alone and no 项 column, whose
// rows with both open their name with a 项 code, is so read.
func itemCodeColumn(v *tableView) {
	at := -1 // the 类 column
	for j := 0; j+2 < len(v.header) && at < 0; j++ {
		lei, kuan, n := true, true, 0
		for _, row := range v.rows {
			if c := row[j]; c.text != "" {
				lei = lei && len(c.text) == 3 && codeRe.MatchString(c.text)
				n++
			}
			if c := row[j+1]; c.text != "" {
				kuan = kuan && subCodeRe.MatchString(c.text)
			}
		}
		if lei && kuan && n > 0 {
			at = j
		}
	}
	if at < 0 {
		return
	}
	name := at + 2
	found := false
	for _, row := range v.rows {
		c := row[name]
		switch {
		case c.text == "" || c.covered:
		case subCodeRe.MatchString(c.text) || codeRe.MatchString(c.text):
			return // a column of codes already: the 项 column is there
		case leadingItemRe.MatchString(c.text):
			if row[at].text == "" || row[at+1].text == "" {
				return // a 项 code needs its 类 and 款 on the row
			}
			found = true
		}
	}
	if !found {
		return
	}
	insert := func(cells []tcell, c tcell) []tcell {
		out := make([]tcell, 0, len(cells)+1)
		out = append(out, cells[:name]...)
		out = append(out, c)
		return append(out, cells[name:]...)
	}
	for i := range v.levels {
		v.levels[i] = insert(v.levels[i], tcell{text: "项"})
	}
	v.header = append(v.header[:name:name], append([]string{"项"}, v.header[name:]...)...)
	for i, row := range v.rows {
		code := tcell{}
		if m := leadingItemRe.FindStringSubmatch(row[name].text); m != nil && !row[name].covered {
			code = tcell{text: m[1], numeric: true}
			row[name].text = m[2]
		}
		v.rows[i] = insert(row, code)
	}
}
