package normalize

import (
	"slices"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
)

// The sums a standard table states by its layout, checked on its figures
// as printed: for the sum.table rule on every table, and to confirm or
// withhold the figures of a table read by OCR (ocr.go).

// cellAt is a table cell by data row and column.
type cellAt struct{ row, col int }

// sumCheck is what a table's arithmetic says of its figures.
type sumCheck struct {
	ok, bad map[cellAt]bool // in a sum that holds; in a sum that fails
	sums    []tableSum      // every sum checked, held or not
	places  int32           // the most decimals the table prints
}

// tableSum is one sum a table states by its layout.
type tableSum struct {
	total    cellAt
	label    string // the total's row label or code and name
	t, sum   decimal.Decimal
	parts    int
	rounding decimal.Decimal // what rounding each figure as printed may account for
	down     bool            // a total row over rows by code, not a 合计 column over columns
	cols     []int           // across a row: the part columns
}

// checkSums checks the sums of a table view: by code hierarchy down each
// figure column, and across each row from a 合计 or 小计 column, within
// what rounding the figures as printed accounts for. Validation reports
// the sums down the columns (sum.table); the OCR check keeps or withholds
// figures by all of them. The sides of a two-sided table (301 … on the
// left, 302 … on the right) are checked each on its own.
func checkSums(v *tableView) *sumCheck {
	starts := sides(v)
	if len(starts) == 1 {
		return checkSide(v)
	}
	sc := &sumCheck{ok: map[cellAt]bool{}, bad: map[cellAt]bool{}}
	for k, from := range starts {
		to := len(v.header)
		if k+1 < len(starts) {
			to = starts[k+1]
		}
		side := &tableView{block: v.block, header: v.header[from:to], index: v.index, blanks: v.blanks, continued: v.continued, follows: v.follows}
		for _, l := range v.levels {
			side.levels = append(side.levels, l[from:to])
		}
		for _, r := range v.rows {
			side.rows = append(side.rows, r[from:to])
		}
		got := checkSide(side)
		shift := func(c cellAt) cellAt { return cellAt{c.row, c.col + from} }
		for c := range got.ok {
			sc.ok[shift(c)] = true
		}
		for c := range got.bad {
			sc.bad[shift(c)] = true
		}
		for _, t := range got.sums {
			t.total = shift(t.total)
			for k := range t.cols {
				t.cols[k] += from
			}
			sc.sums = append(sc.sums, t)
		}
		sc.places = max(sc.places, got.places)
	}
	return sc
}

// sides returns the first column of each side of a table: 0, and every
// later column where two rows or more start a line (a 类 code of three
// digits with a name close after it), one at least past figures of an
// earlier line.
func sides(v *tableView) []int {
	starts := []int{0}
	first := -1 // the first column with codes
	for j := range v.header {
		n, past := 0, false
		for _, row := range v.rows {
			if c := row[j]; len(c.text) == 3 && codeRe.MatchString(c.text) && !c.covered && named(row, j) {
				n++
				past = past || first >= 0 && figureBetween(row, first, j)
			}
		}
		switch {
		case n < 2 || first >= 0 && !past:
		case first < 0:
			first = j
		default:
			starts = append(starts, j)
		}
	}
	return starts
}

// named reports whether a name follows the code in column j within the
// next three cells (past a 款 and a 项 code).
func named(row []tcell, j int) bool {
	for k := j + 1; k < min(j+4, len(row)); k++ {
		if c := row[k]; c.text != "" && !c.numeric && !subCodeRe.MatchString(c.text) {
			return true
		}
	}
	return false
}

// figureBetween reports whether row has a figure between columns from and
// to, both excluded.
func figureBetween(row []tcell, from, to int) bool {
	for j := from + 1; j < to; j++ {
		if c := row[j]; c.numeric && !codeRe.MatchString(c.text) && !subCodeRe.MatchString(c.text) {
			return true
		}
	}
	return false
}

// checkSide checks the sums of one side of a table (checkSums).
func checkSide(v *tableView) *sumCheck {
	sc := &sumCheck{ok: map[cellAt]bool{}, bad: map[cellAt]bool{}}
	vals := map[cellAt]decimal.Decimal{}
	halves := map[cellAt]decimal.Decimal{} // half the unit each figure is printed to
	codes := make([]string, len(v.rows))
	names := make([]string, len(v.rows))
	total := -1 // the 合计 row
	split := splitCodes{at: -1}
	bogus := amountCodes(v)
	for i, row := range v.rows {
		row, _ = split.fill(row)
		code, name, nameCol := rowCode(row)
		if bogus[i] {
			// A whole amount of a 元 table that reads as a code, on a
			// line of figures alone: its figures from that cell on.
			code, name = "", ""
			nameCol = slices.IndexFunc(row, func(c tcell) bool { return c.text != "" && !c.covered }) - 1
		}
		if nameCol < 0 {
			name, nameCol = rowLabel(row)
		}
		codes[i], names[i] = code, name
		if l := strings.ReplaceAll(name, " ", ""); code == "" && (l == "合计" || l == "总计") && total < 0 {
			total = i
		}
		// The row's figures: after its code and name, up to the next
		// code or label (the other half of a two-sided table).
		for j := nameCol + 1; j < len(row); j++ {
			c := row[j]
			if c.text != "" && !c.numeric && !c.covered || codeRe.MatchString(c.text) && named(row, j) {
				break // the other half's line: a name, or a code with its name
			}
			if !c.numeric || c.covered || c.doubtful {
				continue
			}
			if d, err := parseCell(c.text); err == nil {
				vals[cellAt{i, j}] = d
				halves[cellAt{i, j}] = decimal.New(5, d.Exponent()-1)
				if !numberRe.MatchString(c.text) {
					halves[cellAt{i, j}] = decimal.Zero // a dash: nothing, exactly
				}
				sc.places = max(sc.places, -d.Exponent())
			}
		}
	}
	// check checks total = Σ parts; a failure marks the figures bad only
	// where the table's structure is sure (codes), not across a row.
	check := func(total cellAt, parts []cellAt, name string, canFail bool) {
		t, ok := vals[total]
		if !ok || len(parts) == 0 || v.rows[total.row][total.col].unknown {
			return
		}
		for _, p := range parts {
			if v.rows[p.row][p.col].unknown {
				return // a part whose figure is not known: no sum to check
			}
		}
		sum, present := decimal.Zero, 0
		for _, p := range parts {
			if v, ok := vals[p]; ok {
				sum, present = sum.Add(v), present+1 // a blank part is zero
			}
		}
		if present == 0 {
			return // the parts' figures stand in another column
		}
		// Within what rounding each figure as printed accounts for, the
		// policy validate reports by: half the unit of each, total and
		// parts.
		rounding := halves[total]
		for _, p := range parts {
			rounding = rounding.Add(halves[p])
		}
		if present == 1 && sum.Sub(t).Abs().GreaterThan(rounding) && (canFail || !v.blanks) {
			// One part that differs: more likely rows not read than a sum
			// that fails; across a row whose cells stand where printed, the
			// blank parts are zeros and the sum is whole.
			return
		}
		mark := sc.ok
		ts := tableSum{total: total, label: name, t: t, sum: sum, parts: present, rounding: rounding, down: canFail}
		if !canFail {
			for _, p := range parts {
				ts.cols = append(ts.cols, p.col)
			}
		}
		sc.sums = append(sc.sums, ts)
		if sum.Sub(t).Abs().GreaterThan(rounding) {
			if !canFail {
				return
			}
			mark = sc.bad
		}
		mark[total] = true
		for _, p := range parts {
			if _, ok := vals[p]; ok {
				mark[p] = true
			}
		}
	}

	// Down the columns, by code. A code printed on two rows with figures
	// ("301 2" read for 301 02) makes the rows unsure; a repeat without
	// figures (a line whose 款 code wrapped below it) is harmless.
	figured := map[int]bool{}
	for c := range vals {
		figured[c.row] = true
	}
	seen := map[string]int{}
	for i, c := range codes {
		if figured[i] {
			seen[c]++
		}
	}
	cols := map[int]bool{}
	for c := range vals {
		if !isRateHeader(v.header[c.col]) {
			cols[c.col] = true
		}
	}
	for i, row := range v.rows { // a column holding codes (a two-sided table's other half) is no figure column
		for j := range cols {
			if _, ok := vals[cellAt{i, j}]; ok && (codeRe.MatchString(row[j].text) || subCodeRe.MatchString(row[j].text)) && named(row, j) {
				delete(cols, j)
			}
		}
	}
	order := make([]int, 0, len(cols)) // column order: the sums come out alike every run
	for j := range cols {
		order = append(order, j)
	}
	sort.Ints(order)
	// A row with figures and no code, under a code or a 合计, is a line the
	// reading could not place: a sum over it is not known whole, so it is
	// not checked (a row lost in reading is no sum that fails).
	unplaced := make([]bool, len(codes))
	for i := range codes {
		l := strings.ReplaceAll(names[i], " ", "")
		unplaced[i] = figured[i] && codes[i] == "" && i != total && !isSumHeader(l) // 人员经费合计 closes a half, placed
	}
	placed := func(from, to int) bool {
		for k := from; k < to; k++ {
			if unplaced[k] {
				return false
			}
		}
		return true
	}
	for _, j := range order {
		var top []cellAt
		for i, code := range codes {
			if len(code) == 3 {
				top = append(top, cellAt{i, j})
			}
		}
		if total >= 0 && placed(0, total) && placed(total+1, len(codes)) && (!v.continued || total > 0) && (!v.follows || total == 0) {
			// A 合计 at the head of a table that goes on in the next has
			// parts there; one at its foot closes it, and has parts in
			// the table before where it goes on from that. A line not
			// placed above or below it may be one of its 类.
			check(cellAt{total, j}, top, "合计", true)
		}
		for i, code := range codes {
			if code == "" || len(code) == 7 || seen[code] > 1 {
				continue
			}
			end := len(codes) // the rows under the code: to the next of its level or above
			for k := i + 1; k < len(codes); k++ {
				if codes[k] != "" && len(codes[k]) <= len(code) {
					end = k
					break
				}
			}
			if !placed(i+1, end) || end == len(codes) && v.continued {
				continue // its rows may go on in the next table
			}
			var parts []cellAt
			for k := i + 1; k < len(codes); k++ {
				if len(codes[k]) == len(code)+2 && strings.HasPrefix(codes[k], code) {
					parts = append(parts, cellAt{k, j})
				}
			}
			check(cellAt{i, j}, parts, code+" "+names[i], true)
		}
	}

	// Across the rows, from each 合计 or 小计 column to the next.
	for j := range v.header {
		h, _ := v.leaf(j)
		if h == "" {
			h = v.header[j]
		}
		if !isSumHeader(h) {
			continue
		}
		end := len(v.header)
		for k := j + 1; k < len(v.header); k++ {
			if hk, _ := v.leaf(k); isSumHeader(hk) {
				end = k
				break
			}
		}
		for i := range v.rows {
			var parts []cellAt
			for k := j + 1; k < end; k++ {
				parts = append(parts, cellAt{i, k})
			}
			if len(parts) > 1 {
				check(cellAt{i, j}, parts, strings.TrimSpace(codes[i]+" "+names[i]), false)
			}
		}
	}
	return sc
}

// isRateHeader tells a column of percentages or rates, which do not add up.
func isRateHeader(h string) bool {
	for _, w := range []string{"%", "％", "率", "比例", "占", "完成"} {
		if strings.Contains(h, w) {
			return true
		}
	}
	return false
}

// amountCodes marks the rows whose code is a whole amount of a 元 table
// (5439923 on a line of figures a tall row set under its name): no line
// of the catalogue, on a line with no name, and no row of the table has its
// first three digits for a code.
func amountCodes(v *tableView) map[int]bool {
	split := splitCodes{at: -1}
	codes := make([]string, len(v.rows))
	names := make([]string, len(v.rows))
	present := map[string]bool{}
	for i, row := range v.rows {
		row, _ = split.fill(row)
		codes[i], names[i], _ = rowCode(row)
		present[codes[i]] = true
	}
	cat := mustLexicon().cat
	out := map[int]bool{}
	for i, c := range codes {
		if c != "" && names[i] == "" && cat.byCode[c] == nil && !present[c[:3]] {
			out[i] = true
		}
	}
	return out
}

func isSumHeader(h string) bool {
	return strings.Contains(h, "合计") || strings.Contains(h, "小计") || strings.Contains(h, "总计")
}
