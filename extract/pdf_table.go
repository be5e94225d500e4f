package extract

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// span is a horizontal extent, in points.
type span struct{ x0, x1 float64 }

func overlap(a, b span) float64 { return min(a.x1, b.x1) - max(a.x0, b.x0) }

// columns finds a table's column extents from its rows with numbers (their
// cells are one per column); cells that overlap horizontally share a
// column. Header cells, which may span columns, do not shape them.
func columns(rows []line) []span {
	cols, _ := columnsNamed(rows)
	return cols
}

// columnsNamed is columns, with the extent of each column's name where
// the header's names made the columns (headerLeaves), else nil: a name
// stands centred in its column, its figures may not.
func columnsNamed(rows []line) ([]span, []span) {
	var ivs, labels []span
	figures := 0 // rows with figures other than the columns' numbers
	for _, r := range rows {
		if r.numericCells() > 0 && !counting(r) {
			figures++
		}
	}
	for _, r := range rows {
		if r.numericCells() > 0 && !(figures > 0 && counting(r)) {
			for _, c := range r.cells {
				if c.numeric {
					ivs = append(ivs, span{c.x0, c.x1})
				} else {
					labels = append(labels, span{c.x0, c.x1})
				}
			}
		}
	}
	ivs = append(ivs, withoutSpanning(labels, ivs)...)
	if len(ivs) == 0 {
		for _, r := range rows {
			for _, c := range r.cells {
				ivs = append(ivs, span{c.x0, c.x1})
			}
		}
	}
	sort.Slice(ivs, func(i, j int) bool { return ivs[i].x0 < ivs[j].x0 })
	var cols []span
	for _, iv := range ivs {
		// Cells that overlap by half a character share a column, as do a
		// narrow cell mostly within a column (a continuation page's cells
		// moved onto the first page's narrower columns, moveColumns).
		if n := len(cols); n > 0 && (overlap(cols[n-1], iv) > 0.5 || overlap(cols[n-1], iv) >= 0.5*(iv.x1-iv.x0) && iv.x1 > iv.x0) {
			cols[n-1].x1 = max(cols[n-1].x1, iv.x1)
			continue
		}
		cols = append(cols, iv)
	}
	return headerLeaves(rows, cols)
}

// headerLeaves gives a table's columns by its header's lowest names, the
// leaves (a header word with no header word below it), where its figures
// alone cannot: a table that prints a blank for zero may have a column no
// figure stands in, and figures right-aligned under centred names may
// stand apart from them. Only a table of figures alone (no row labels, as
// the “三公” table) is read so; else, or where the leaves do not fit the
// figures (leafColumns), known stands.
func headerLeaves(rows []line, known []span) ([]span, []span) {
	if len(known) < 2 {
		return known, nil
	}
	var ws []word
	for _, r := range rows {
		if r.numericCells() > 0 {
			break
		}
		for _, c := range r.cells {
			if len(c.words) > 0 {
				ws = append(ws, c.words...)
			} else {
				ws = append(ws, word{x0: c.x0, x1: c.x1, y0: c.y0, y1: c.y1, text: c.text})
			}
		}
	}
	var leaves []word
	for _, w := range ws {
		if w.y1 <= w.y0 {
			return known, nil // heights not known: no levels to tell
		}
		leaf := !strings.ContainsAny(w.text, ":：") // "单位：万元" is a caption, no column's name
		left, right := false, false                // names below its two edges: a narrow name over a pair
		for _, v := range ws {
			if v.cy() <= w.cy()+0.3*w.h() {
				continue
			}
			if min(v.x1, w.x1)-max(v.x0, w.x0) > 0 {
				leaf = false // a name below it
				break
			}
			pad := 0.5 * w.h()
			left = left || v.x0 < w.x0 && v.x1 > w.x0-pad
			right = right || v.x1 > w.x1 && v.x0 < w.x1+pad
		}
		leaf = leaf && !(left && right)
		if leaf {
			leaves = append(leaves, w)
		}
	}
	if len(leaves) < 2 {
		return known, nil
	}
	sort.Slice(leaves, func(i, j int) bool { return leaves[i].x0 < leaves[j].x0 })
	for i := 1; i < len(leaves); i++ {
		if leaves[i].x0 < leaves[i-1].x1 {
			return known, nil // leaves that overlap are no row of names
		}
	}
	// A figure belongs to the name whose centre is nearest its own (names
	// stand centred over their cells, figures centred in them too), or
	// else, right-aligned in a wide cell, to the name its right end does
	// not pass halfway to the next name.
	nearest := func(c cell) int {
		mid, best := (c.x0+c.x1)/2, 0
		for k, w := range leaves {
			if abs((w.x0+w.x1)/2-mid) < abs((leaves[best].x0+leaves[best].x1)/2-mid) {
				best = k
			}
		}
		return best
	}
	rightEnd := func(c cell) int {
		for k := 0; k+1 < len(leaves); k++ {
			if c.x1 <= (leaves[k].x1+leaves[k+1].x0)/2 {
				return k
			}
		}
		return len(leaves) - 1
	}
	// Or, where every row has a figure for each name and no more, the
	// k-th figure is the k-th name's: a text copy sets names and figures
	// some characters off where print centres the one and right-aligns the
	// other.
	var inOrder func(cell) int
	at := map[[2]float64]int{}
	for _, r := range rows {
		if r.numericCells() == 0 {
			continue
		}
		if len(r.cells) != len(leaves) {
			at = nil
			break
		}
		for k, c := range r.cells {
			at[[2]float64{c.y0, c.x0}] = k
		}
	}
	if at != nil {
		inOrder = func(c cell) int { return at[[2]float64{c.y0, c.x0}] }
	}
	for _, region := range []func(cell) int{nearest, rightEnd, inOrder} {
		if region == nil {
			continue
		}
		if cols := leafColumns(rows, leaves, len(known), region); cols != nil {
			names := make([]span, len(leaves))
			for k, w := range leaves {
				names[k] = span{w.x0, w.x1}
			}
			return cols, names
		}
	}
	return known, nil
}

// leafColumns places each figure under a leaf by region: the leaves are
// the columns, each as wide as its name and figures, when no two figures
// of a row fall under one name, no name's figures reach under the next,
// and they show what the figures' own columns (nKnown) do not: a name no
// figure stands under, or two of those columns under one name. Else nil.
func leafColumns(rows []line, leaves []word, nKnown int, region func(cell) int) []span {
	cols := make([]span, len(leaves))
	for k, w := range leaves {
		cols[k] = span{w.x0, w.x1}
	}
	owned := make([]bool, len(leaves))
	for _, r := range rows {
		if r.numericCells() == 0 {
			continue
		}
		seen := map[int]bool{}
		for _, c := range r.cells {
			if !c.numeric {
				return nil // a table with row labels has its columns by its figures
			}
			k := region(c)
			if seen[k] {
				return nil
			}
			seen[k], owned[k] = true, true
			cols[k] = span{min(cols[k].x0, c.x0), max(cols[k].x1, c.x1)}
		}
	}
	n := 0
	for k := range cols {
		if k > 0 && cols[k].x0 < cols[k-1].x1 {
			return nil // a name's figures reach under the next name
		}
		if owned[k] {
			n++
		}
	}
	return cols
}

// counting reports whether a row numbers the columns (1, 2, 3 … left to
// right, words aside): its numbers stand centred under the names, where
// the figures below stand right-aligned, so they would make columns of
// their own beside the figures'.
func counting(r line) bool {
	n := 0
	for _, c := range r.cells {
		if !c.numeric {
			continue
		}
		n++
		if c.text != strconv.Itoa(n) {
			return false
		}
	}
	return n >= 3
}

// withoutSpanning drops the labels that reach over two columns of others
// (a 合计 centred over the code and name columns): they would join the
// columns into one. A label reaches over two when it overlaps two narrower
// cells that do not overlap each other. Figures never span.
func withoutSpanning(labels, figures []span) []span {
	all := append(append([]span(nil), labels...), figures...)
	if len(all) > 4000 {
		return labels // bounded work: a table this large is left as it is
	}
	var out []span
	for _, a := range labels {
		var under []span
		spans := false
		for _, b := range all {
			if b == a || overlap(a, b) <= 0.5 || b.x1-b.x0 >= a.x1-a.x0 {
				continue
			}
			for _, u := range under {
				if overlap(u, b) <= 0.5 {
					spans = true
					break
				}
			}
			if spans {
				break
			}
			under = append(under, b)
		}
		if !spans {
			out = append(out, a)
		}
	}
	return out
}

// place returns the columns a cell covers: those it overlaps by a good part
// of the narrower of the two, or else the nearest one.
func place(c cell, cols []span) (first, last int) {
	first, last = -1, -1
	cs := span{c.x0, c.x1}
	for i, col := range cols {
		if o := overlap(cs, col); o > 0.3*min(cs.x1-cs.x0, col.x1-col.x0) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first >= 0 {
		return first, last
	}
	best, dist := 0, -1.0
	mid := (c.x0 + c.x1) / 2
	for i, col := range cols {
		d := min(abs(mid-col.x0), abs(mid-col.x1))
		if mid >= col.x0 && mid <= col.x1 {
			d = 0
		}
		if dist < 0 || d < dist {
			best, dist = i, d
		}
	}
	return best, best
}

// overOne reports whether a cell overlaps one of the columns at least.
func overOne(c cell, cols []span) bool {
	for _, col := range cols {
		if overlap(span{c.x0, c.x1}, col) > 0 {
			return true
		}
	}
	return false
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// gridRow is a row being built: per column, the text and the span's start.
type gridRow struct {
	text    []string
	lines   [][]int // Cell.Lines of each column's text
	origin  []int   // the column where the cell covering this column starts
	numeric []bool
	box     []Box // per column, where the words of the cell starting there were printed
	src     line
}

// buildTable lays rows out on the columns, merges lines that wrap inside a
// cell into the row above, and expands spanning header cells. text says
// the rows come from a text copy, whose words stand at character columns.
func buildTable(rows []line, text bool) *Table {
	cols, names := columnsNamed(rows)
	rows = mergeHeaderLines(rows)
	header := true
	var grid []*gridRow
	for _, r := range rows {
		header = header && r.numericCells() == 0
		g := &gridRow{text: make([]string, len(cols)), lines: make([][]int, len(cols)), origin: make([]int, len(cols)), numeric: make([]bool, len(cols)), box: make([]Box, len(cols)), src: r}
		for i := range g.origin {
			g.origin[i] = i
		}
		cells := r.cells
		if header {
			cells = splitHeaderCells(cells, cols)
			r.cells = cells
		}
		prev := -1 // the last column a name of this header line took
		for k, c := range cells {
			first, last := place(c, cols)
			if text && header && first <= prev && prev+1 < len(cols) && !overOne(c, cols) {
				// Over no column, the nearest is one a name to its left
				// took: names of one line stand over columns of their
				// own, and a text copy may set them characters off to
				// one side of their figures.
				first, last = prev+1, prev+1
			} else if header && len(r.cells) > 1 {
				first, last = placeHeader(r, k, cols, names, first, last)
				if first <= prev && last > prev {
					first = prev + 1 // widened over a column a name to its left took
				}
			}
			prev = max(prev, last)
			if o := g.origin[first]; o != first {
				// A column a cell to the left spans already: the word
				// joins that cell, never lost.
				first, last = o, max(last, first)
			}
			if g.text[first] != "" {
				g.text[first] += " "
			}
			g.text[first] += c.text
			g.box[first] = g.box[first].Union(c.box())
			g.numeric[first] = g.numeric[first] || c.numeric
			for k := first + 1; k <= last; k++ {
				if g.origin[k] == k && g.text[k] == "" {
					g.origin[k] = first
				}
			}
		}
		if n := len(grid); n > 0 && wraps(grid[n-1], g) {
			mergeInto(grid[n-1], g)
			continue
		}
		if n := len(grid); n > 0 {
			wrapsPart(grid[n-1], g)
		}
		grid = append(grid, g)
	}
	grid = mergeCentred(grid)
	alignGroups(grid)
	t := &Table{Rows: make([][]Cell, len(grid)), Pages: make([]int, len(grid))}
	for i, g := range grid {
		t.Pages[i] = g.src.page
		row := make([]Cell, len(cols))
		for j := range row {
			o := g.origin[j]
			row[j] = Cell{OriginRow: i, OriginCol: o, RowSpan: 1, ColSpan: 1}
			if o == j {
				row[j].Text, row[j].Lines = g.text[j], g.lines[j]
				if !text { // a text copy's words stand at character columns, not on a page
					row[j].Box = g.box[j]
				}
			}
		}
		for j := range row {
			if o := row[j].OriginCol; o != j {
				row[o].ColSpan++
			}
		}
		for j := range row {
			row[j].ColSpan = row[row[j].OriginCol].ColSpan
		}
		t.Rows[i] = row
	}
	return t
}

// splitHeaderCells cuts a header cell whose words a blank apart stand over
// different columns into a cell a word: column names set close together.
func splitHeaderCells(cells []cell, cols []span) []cell {
	var out []cell
	for _, c := range cells {
		split := false
		if len(c.words) > 1 {
			f, _ := place(cell{x0: c.words[0].x0, x1: c.words[0].x1}, cols)
			for _, w := range c.words[1:] {
				if g, _ := place(cell{x0: w.x0, x1: w.x1}, cols); g != f {
					split = true
				}
			}
		}
		if !split {
			out = append(out, c)
			continue
		}
		for _, w := range c.words {
			out = append(out, cell{x0: w.x0, x1: w.x1, y0: w.y0, y1: w.y1, text: w.text})
		}
	}
	return out
}

// mergeHeaderLines joins header lines (those above the first row with a
// number) whose bands overlap: in a two-level header the cells that span
// both levels sit between the two lines.
func mergeHeaderLines(rows []line) []line {
	var out []line
	for i, r := range rows {
		if n := len(out); n > 0 && i > 0 && !stacks(out[n-1], r) && r.numericCells() == 0 && out[n-1].numericCells() == 0 && r.page == out[n-1].page && r.y0 < out[n-1].y1-0.2*r.h() {
			prev := &out[n-1]
			prev.cells = append(prev.cells, r.cells...)
			sort.SliceStable(prev.cells, func(a, b int) bool { return prev.cells[a].x0 < prev.cells[b].x0 })
			prev.x0, prev.x1 = min(prev.x0, r.x0), max(prev.x1, r.x1)
			prev.y0, prev.y1 = min(prev.y0, r.y0), max(prev.y1, r.y1)
			continue
		}
		out = append(out, r)
	}
	return out
}

// stacks reports whether a cell of one line stands over two cells or
// more of another, or over a wider one: a group's name over its columns'
// names, two levels of a header that only touch, not one row (a name
// wrapped onto the next line stands over one, no wider).
func stacks(a, b line) bool {
	for _, c := range a.cells {
		n := 0
		for _, d := range b.cells {
			ws := d.words // a cell of names a blank apart counts a name each
			if len(ws) == 0 {
				ws = []word{{x0: d.x0, x1: d.x1}}
			}
			for _, w := range ws {
				if min(c.x1, w.x1)-max(c.x0, w.x0) > 0 {
					n++
				}
			}
		}
		if n >= 2 {
			return true
		}
	}
	return widerUnder(a, b)
}

// placeHeader widens a header cell to the columns whose centres lie in its
// region: from halfway to its left neighbour to halfway to its right one
// (the table's edges at the ends). A centred 收入 over 项目 and 金额 covers
// both. Cells with neighbours on every column stay as placed. Where the
// header's names made the columns, their extents (names) stand for them.
func placeHeader(r line, k int, cols, names []span, first, last int) (int, int) {
	if names != nil {
		cols = names // a name stands centred over its columns' names
	}
	lo, hi := cols[0].x0, cols[len(cols)-1].x1
	if k > 0 {
		lo = (r.cells[k-1].x1 + r.cells[k].x0) / 2
	}
	if k+1 < len(r.cells) {
		hi = (r.cells[k].x1 + r.cells[k+1].x0) / 2
	}
	f, l := -1, -1
	for i, c := range cols {
		if mid := (c.x0 + c.x1) / 2; mid >= lo && mid <= hi {
			if f < 0 {
				f = i
			}
			l = i
		}
	}
	if f < 0 || f > first || l < last {
		return first, last
	}
	// Only a cell centred over the columns spans them; one at the edge of
	// a wide region (the last header cell of a row, say) does not. A cell
	// over two columns or more spans the narrowest run of columns it
	// stands within, exactly centred (a group's name over its three
	// columns, in a region that runs to the table's edge); else the whole
	// region, if it is centred there.
	c := r.cells[k]
	mid := (c.x0 + c.x1) / 2
	from := last - first
	if names != nil && from == 0 && overlap(span{c.x0, c.x1}, cols[first]) < 0.3*(c.x1-c.x0) {
		from = 1 // over no name, a narrow name may be centred over a pair (合计 over 预算数 and 决算数)
	}
	for w := from; w > 0 && w <= l-f; w++ {
		for a := max(f, last-w); a <= first && a+w <= l; a++ {
			b := a + w
			if cols[a].x0 <= c.x0+2 && cols[b].x1 >= c.x1-2 && abs(mid-(cols[a].x0+cols[b].x1)/2) <= 0.03*(cols[b].x1-cols[a].x0)+1 {
				return a, b
			}
		}
	}
	span := cols[l].x1 - cols[f].x0
	if abs(mid-(cols[f].x0+cols[l].x1)/2) > 0.2*span {
		return first, last
	}
	return f, l
}

// wraps reports whether row g is the continuation of a cell's text in row
// prev: no numbers, tight below it, and only in columns where prev holds
// text.
func wraps(prev, g *gridRow) bool {
	if g.src.page != prev.src.page || g.src.numericCells() > 0 {
		return false
	}
	if g.src.y0-prev.src.y1 > 0.45*g.src.h() {
		return false
	}
	if widerUnder(prev.src, g.src) {
		return false
	}
	used := map[int]bool{}
	for j, t := range g.text {
		if t == "" {
			continue
		}
		o := prev.origin[j]
		// Two cells under one spanning cell are a sub-header (类 款 项
		// under 科目编码), not its text wrapping.
		if prev.text[o] == "" || prev.numeric[j] || used[o] {
			return false
		}
		// A name centred under part of a spanning cell is a group of its
		// columns (预算数 over 公务用车购置及运行费), not its text wrapping.
		if g.origin[j] == j {
			pe, ge := spanEnd(prev, o), spanEnd(g, j)
			if pe > o && ge-j < pe-o && j+ge != o+pe {
				return false
			}
		}
		used[o] = true
	}
	return true
}

// alignGroups widens a header cell over several columns that cuts through
// a cell of the header row below to cover it whole: a group's name spans
// whole names under it (公务用车购置及运行维护费 over 小计 … 公务用车运行维护费,
// each of those over its 预算数 and 决算数), though centred over fewer of
// the columns. It takes only columns that stand empty in its row.
func alignGroups(grid []*gridRow) {
	n := 0 // header rows
	for n < len(grid) && grid[n].src.numericCells() == 0 {
		n++
	}
	for i := n - 2; i >= 0; i-- { // from the bottom up: a group over groups spans them as widened
		g, below := grid[i], grid[i+1]
		for j := range g.text {
			if g.origin[j] != j || g.text[j] == "" {
				continue
			}
			a, b := j, spanEnd(g, j)
			if a == b {
				continue
			}
			for k := a; k <= b; k++ {
				o := below.origin[k]
				if below.text[o] == "" {
					continue
				}
				a, b = min(a, o), max(b, spanEnd(below, o))
			}
			free := true
			for k := a; k <= b; k++ {
				free = free && (k >= j && k <= spanEnd(g, j) || g.origin[k] == k && g.text[k] == "")
			}
			if !free {
				continue
			}
			if a < j {
				g.text[a], g.text[j] = g.text[j], ""
				g.box[a], g.box[j] = g.box[j], Box{}
			}
			for k := a; k <= b; k++ {
				g.origin[k] = a
			}
		}
	}
}

// wrapsPart folds into the row above the cells of a header line that
// continue a one-column name of it ("因公出国" / "（境）费"), where the
// line's other cells stand under a spanning cell as its sub-header (小计,
// 购置费, 运行费 under 公务用车购置及运行费): wraps takes a line whole or
// not at all. The sub-header stays in the line.
func wrapsPart(prev, g *gridRow) {
	if g.src.page != prev.src.page || g.src.numericCells() > 0 || g.src.y0-prev.src.y1 > 0.45*g.src.h() {
		return
	}
	var cont []int
	sub := false
	for j, t := range g.text {
		if t == "" || g.origin[j] != j {
			continue
		}
		o := prev.origin[j]
		switch {
		case o == j && prev.text[j] != "" && !prev.numeric[j] && spanEnd(prev, j) == j && spanEnd(g, j) == j:
			cont = append(cont, j)
		case prev.text[o] != "" && spanEnd(prev, o) > o:
			sub = true
		default:
			return
		}
	}
	if len(cont) == 0 || !sub {
		return
	}
	for _, j := range cont {
		if asciiWord(lastRune(prev.text[j])) && asciiWord(firstRune(g.text[j])) {
			prev.text[j] += " "
		}
		prev.text[j] = strings.TrimSpace(prev.text[j] + g.text[j])
		prev.box[j] = prev.box[j].Union(g.box[j])
		g.text[j], g.box[j] = "", Box{}
	}
}

// widerUnder reports whether a cell of line b stands under a cell of line
// a that it does not continue (wrapsUnder): b is a level of names of its
// own (公务用车购置及运行维护费 under 财政拨款“三公”经费).
func widerUnder(a, b line) bool {
	for _, c := range a.cells {
		for _, d := range b.cells {
			if !wrapsUnder(word{x0: c.x0, x1: c.x1, y0: c.y0, y1: c.y1}, word{x0: d.x0, x1: d.x1, y0: d.y0, y1: d.y1}) {
				return true
			}
		}
	}
	return false
}

// spanEnd is the last column of the cell that starts at column j.
func spanEnd(g *gridRow, j int) int {
	e := j
	for e+1 < len(g.origin) && g.origin[e+1] == j {
		e++
	}
	return e
}

func mergeInto(prev, g *gridRow) {
	for j, t := range g.text {
		if t == "" {
			continue
		}
		o := prev.origin[j]
		if asciiWord(lastRune(prev.text[o])) && asciiWord(firstRune(t)) {
			prev.text[o] += " "
		}
		if strings.TrimSpace(prev.text[o]) != "" {
			prev.lines[o] = append(prev.lines[o], len(prev.text[o]))
		}
		prev.text[o] = strings.TrimSpace(prev.text[o] + t)
		prev.box[o] = prev.box[o].Union(g.box[j])
	}
	prev.src.y1 = g.src.y1
}

// mergeCentred folds a cell's text that wrapped around a vertically
// centred row: a row with figures but an empty column, between two tight
// text-only rows holding text in that column only, gets their text there
// ("机关事业单位基本养老保" / 2080505 … 6.18 / "险缴费支出").
func mergeCentred(grid []*gridRow) []*gridRow {
	onlyIn := func(g *gridRow) int {
		col := -1
		for j, t := range g.text {
			if t == "" {
				continue
			}
			if col >= 0 || g.numeric[j] {
				return -1
			}
			col = j
		}
		return col
	}
	var out []*gridRow
	for i := 0; i < len(grid); i++ {
		g := grid[i]
		if i+2 < len(grid) {
			above, mid, below := g, grid[i+1], grid[i+2]
			c := onlyIn(above)
			tight := mid.src.page == above.src.page && below.src.page == mid.src.page &&
				mid.src.y0-above.src.y1 < 0.45*mid.src.h() && below.src.y0-mid.src.y1 < 0.45*mid.src.h()
			if c >= 0 && c == onlyIn(below) && mid.text[c] == "" && mid.src.numericCells() > 0 && tight {
				mid.text[c] = above.text[c] + below.text[c]
				mid.box[c] = above.box[c].Union(below.box[c])
				out = append(out, mid)
				i += 2
				continue
			}
		}
		out = append(out, g)
	}
	return out
}

// aligned reports whether a text table's figures stand in columns: its
// cells stand apart by more than a blank somewhere, and nearly all figures
// start or end where a figure of another row does. A text copy that joined
// each row's cells with single blanks (pdftotext -raw, pdfplumber) has
// lost its columns.
func aligned(rows []line) bool {
	gap := 0.0
	for _, r := range rows {
		gap = max(gap, r.maxGap())
	}
	if gap < 2*textH {
		return false // single blanks between all cells: nothing was lined up
	}
	// Figures with a point or a separator, not codes, which stand at the
	// start of every row whatever the copy did to the columns.
	figure := func(c cell) bool { return c.numeric && strings.ContainsAny(c.text, ".,") }
	starts, ends := map[int]int{}, map[int]int{}
	for _, r := range rows {
		for _, c := range r.cells {
			if figure(c) {
				starts[int(math.Round(c.x0))]++
				ends[int(math.Round(c.x1))]++
			}
		}
	}
	total, lined := 0, 0
	for _, r := range rows {
		for _, c := range r.cells {
			if !figure(c) {
				continue
			}
			total++
			if starts[int(math.Round(c.x0))] > 1 || ends[int(math.Round(c.x1))] > 1 {
				lined++
			}
		}
	}
	if total >= 3 && lined == 0 && (oneRowUnderNames(rows) || oneRowSpaced(rows)) {
		return true
	}
	return (total < 3 || float64(lined) >= 0.8*float64(total)) && !figuresMerged(rows)
}

// oneRowUnderNames reports whether a text table of one row of figures
// under a line of names (a 支出总表 of its totals alone) keeps its columns:
// no other row can show where figures line up, but each figure stands
// nearer one name of the line above than any other figure does, in order,
// as no copy that joined cells with single blanks sets them.
func oneRowUnderNames(rows []line) bool {
	row, names := loneRow(rows)
	if row == nil || names == nil || row.numericCells() != len(row.cells) || len(names.cells) < len(row.cells) {
		return false
	}
	centre := func(c cell) float64 { return (c.x0 + c.x1) / 2 }
	last := -1
	for _, f := range row.cells {
		best := -1
		for k, n := range names.cells {
			if best < 0 || math.Abs(centre(n)-centre(f)) < math.Abs(centre(names.cells[best])-centre(f)) {
				best = k
			}
		}
		if best <= last {
			return false
		}
		last = best
	}
	return true
}

// loneRow gives a table's one row of figures and its last line of names
// above or below it, or a nil row where the table has more rows of
// figures (rows enough to measure) or none.
func loneRow(rows []line) (row, names *line) {
	for i := range rows {
		switch {
		case rows[i].numericCells() == 0:
			names = &rows[i]
		case row != nil:
			return nil, nil
		default:
			row = &rows[i]
		}
	}
	return row, names
}

// oneRowSpaced reports whether a text table of one row of figures under
// a header of several levels keeps its columns: every figure stands two
// blanks or more from the next, as no copy that joined cells with single
// blanks sets them, and the header's lowest names (headerLeaves) are one
// for each figure. Such a row (a “三公” table's, under 合计, 因公出国(境)费
// and 公务接待费 beside 公务用车购置及运行费 over 小计 购置费 运行费) has no
// one line of names to match its figures to (oneRowUnderNames). Where a
// column is blank, the names are more than the figures, and the copy does
// not show which is blank.
func oneRowSpaced(rows []line) bool {
	row, _ := loneRow(rows)
	if row == nil || len(row.cells) < 3 || row.numericCells() != len(row.cells) {
		return false
	}
	for i := 1; i < len(row.cells); i++ {
		if row.cells[i].x0-row.cells[i-1].x1 < 2*textH {
			return false
		}
	}
	_, names := columnsNamed(rows)
	return len(names) == len(row.cells)
}

// figuresMerged reports whether the columns a text table's figures make
// put two figures of one row in one column: figures a blank apart whose
// rows stand a few characters askew overlap from row to row into one wide
// column, and the copy has lost which column each figure stood in.
// Figures are those with a point or a separator, as in aligned.
func figuresMerged(rows []line) bool {
	cols := columns(rows)
	for _, r := range rows {
		seen := map[int]bool{}
		for _, c := range r.cells {
			if !c.numeric || !strings.ContainsAny(c.text, ".,") {
				continue // a code, a column's number: not a figure
			}
			f, l := place(c, cols)
			for k := f; k <= l; k++ {
				if seen[k] {
					return true
				}
				seen[k] = true
			}
		}
	}
	return false
}

// packedTable keeps a table whose columns were lost as its rows' cells in
// reading order, one line to a row: column j is the row's j-th cell, not a
// column of the printed table (Table.Packed).
func packedTable(rows []line) *Table {
	n := 0
	for _, r := range rows {
		n = max(n, len(r.cells))
	}
	t := &Table{Rows: make([][]Cell, len(rows)), Pages: make([]int, len(rows)), Packed: true}
	for i, r := range rows {
		t.Pages[i] = r.page
		row := make([]Cell, n)
		for j := range row {
			row[j] = Cell{OriginRow: i, OriginCol: j, RowSpan: 1, ColSpan: 1}
			if j < len(r.cells) {
				row[j].Text = r.cells[j].text
			}
		}
		t.Rows[i] = row
	}
	return t
}
