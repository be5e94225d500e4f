package normalize

import "strings"

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
	type line struct {
		i     int
		codes [3]string
		item  bool
	}
	var lines []line
	uncoded := false
	for i, row := range v.rows {
		name := ""
		for _, c := range row[at+3:] {
			if c.text != "" && !c.numeric && !c.covered {
				name = strings.ReplaceAll(c.text, " ", "")
				break
			}
		}
		var l line
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
	level := make(map[int]int, len(named)) // by index into lines
	for n, k := range named {
		switch {
		case lines[k].item:
			level[k] = 2
		case n+1 < len(named) && lines[named[n+1]].item:
			level[k] = 1
		case n+1 < len(named):
			level[k] = 0
		default:
			return // a last row without a 项 code: its level is not sure
		}
	}
	// Each level's codes in order, and the rows each code's cell may cover:
	// from its row to the row before the next of its level or above.
	for lv := 0; lv < 2; lv++ {
		var heads []int // named rows of the level
		for _, k := range named {
			if level[k] == lv {
				heads = append(heads, k)
			}
		}
		var codes []int // lines with a code of the level
		for k, l := range lines {
			if l.codes[lv] != "" {
				codes = append(codes, k)
			}
		}
		if len(codes) != len(heads) {
			return
		}
		for m, h := range heads {
			end := len(lines) // the line after the cell's last row
			for _, k := range named {
				if k > h && level[k] <= lv {
					end = k
					break
				}
			}
			if codes[m] < h || codes[m] >= end {
				return // a code outside the rows its cell would cover
			}
		}
	}
	// Put each code on its row and give the rows below it theirs.
	var cur [2]string
	var next [2]int
	var code [2][]string
	for lv := range 2 {
		for _, l := range lines {
			if l.codes[lv] != "" {
				code[lv] = append(code[lv], l.codes[lv])
			}
		}
	}
	out := make(map[int][3]string, len(named))
	for _, k := range named {
		lv := level[k]
		if lv < 2 {
			cur[lv] = code[lv][next[lv]]
			next[lv]++
			if lv == 0 {
				cur[1] = ""
			}
		}
		c := [3]string{cur[0], "", ""}
		if lv >= 1 {
			c[1] = cur[1]
		}
		if lv == 2 {
			c[2] = lines[k].codes[2]
		}
		out[lines[k].i] = c
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
// side under those names, by the first's index; -1 where there are none.
func codeColumns(v *tableView) int {
	for j := 0; j+3 < len(v.header); j++ {
		ok := true
		for k, want := range []string{"类", "款", "项"} {
			leaf, _ := v.leaf(j + k)
			ok = ok && strings.ReplaceAll(leaf, " ", "") == want
		}
		if ok {
			return j
		}
	}
	return -1
}
