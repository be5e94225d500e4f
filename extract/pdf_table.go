package extract

import (
	"math"
	"sort"
	"strings"
)

// span is a horizontal extent, in points.
type span struct{ x0, x1 float64 }

func overlap(a, b span) float64 { return min(a.x1, b.x1) - max(a.x0, b.x0) }

// columns finds a table's column extents from its rows with numbers (their
// cells are one per column); cells that overlap horizontally share a
// column. Header cells, which may span columns, do not shape them.
func columns(rows []line) []span {
	var ivs, labels []span
	for _, r := range rows {
		if r.numericCells() > 0 {
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
		if n := len(cols); n > 0 && overlap(cols[n-1], iv) > 0.5 {
			cols[n-1].x1 = max(cols[n-1].x1, iv.x1)
			continue
		}
		cols = append(cols, iv)
	}
	return cols
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

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// gridRow is a row being built: per column, the text and the span's start.
type gridRow struct {
	text    []string
	origin  []int // the column where the cell covering this column starts
	numeric []bool
	src     line
}

// buildTable lays rows out on the columns, merges lines that wrap inside a
// cell into the row above, and expands spanning header cells.
func buildTable(rows []line) *Table {
	cols := columns(rows)
	rows = mergeHeaderLines(rows)
	header := true
	var grid []*gridRow
	for _, r := range rows {
		header = header && r.numericCells() == 0
		g := &gridRow{text: make([]string, len(cols)), origin: make([]int, len(cols)), numeric: make([]bool, len(cols)), src: r}
		for i := range g.origin {
			g.origin[i] = i
		}
		for k, c := range r.cells {
			first, last := place(c, cols)
			if header && len(r.cells) > 1 {
				first, last = placeHeader(r, k, cols, first, last)
			}
			if o := g.origin[first]; o != first {
				// A column a cell to the left spans already: the word
				// joins that cell, never lost.
				first, last = o, max(last, first)
			}
			if g.text[first] != "" {
				g.text[first] += " "
			}
			g.text[first] += c.text
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
		grid = append(grid, g)
	}
	grid = mergeCentred(grid)
	t := &Table{Rows: make([][]Cell, len(grid)), Pages: make([]int, len(grid))}
	for i, g := range grid {
		t.Pages[i] = g.src.page
		row := make([]Cell, len(cols))
		for j := range row {
			o := g.origin[j]
			row[j] = Cell{OriginRow: i, OriginCol: o, RowSpan: 1, ColSpan: 1}
			if o == j {
				row[j].Text = g.text[j]
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

// mergeHeaderLines joins header lines (those above the first row with a
// number) whose bands overlap: in a two-level header the cells that span
// both levels sit between the two lines.
func mergeHeaderLines(rows []line) []line {
	var out []line
	for i, r := range rows {
		if n := len(out); n > 0 && i > 0 && r.numericCells() == 0 && out[n-1].numericCells() == 0 && r.page == out[n-1].page && r.y0 < out[n-1].y1-0.2*r.h() {
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

// placeHeader widens a header cell to the columns whose centres lie in its
// region: from halfway to its left neighbour to halfway to its right one
// (the table's edges at the ends). A centred 收入 over 项目 and 金额 covers
// both. Cells with neighbours on every column stay as placed.
func placeHeader(r line, k int, cols []span, first, last int) (int, int) {
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
	// a wide region (the last header cell of a row, say) does not.
	c := r.cells[k]
	mid, span := (c.x0+c.x1)/2, cols[l].x1-cols[f].x0
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
		used[o] = true
	}
	return true
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
		prev.text[o] = strings.TrimSpace(prev.text[o] + t)
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
	return total < 3 || float64(lined) >= 0.8*float64(total)
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
