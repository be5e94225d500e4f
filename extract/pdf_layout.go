package extract

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Layout rebuilding from word boxes. All distances are in points and
// compared with the line's height h, so the rules hold at any font size.

// cell is a run of words on one line that belongs to one table cell.
type cell struct {
	x0, x1  float64
	y0, y1  float64 // its words' vertical extent
	text    string
	numeric bool
	// words are the words a blank apart that make the cell, when more
	// than one: a header's column names may stand that close.
	words []word
	// spans place the cell's words: offsets in text, on the line's page.
	spans []Span
}

// box is where the cell's words were printed.
func (c cell) box() Box {
	var b Box
	for _, s := range c.spans {
		b = b.Union(s.Box)
	}
	if b.Empty() {
		return Box{c.x0, c.y0, c.x1, c.y1}
	}
	return b
}

// line is one visual row of a page.
type line struct {
	page           int
	cells          []cell
	x0, x1, y0, y1 float64
	tabbed         bool    // a text line of tab-separated fields: its text keeps the tabs
	dx1            float64 // a text line's end in display columns, its printed width
	size           float64 // its tallest word's height: the type size, however many lines wrapped cells make it
}

func (l line) h() float64 { return l.y1 - l.y0 }

// typeSize is the line's type size: its tallest word, or its height where
// words are not known.
func (l line) typeSize() float64 {
	if l.size > 0 {
		return l.size
	}
	return l.h()
}

func (l line) text() string {
	parts := make([]string, len(l.cells))
	for i, c := range l.cells {
		parts[i] = c.text
	}
	if l.tabbed {
		return strings.Join(parts, "\t")
	}
	return strings.Join(parts, " ")
}

// spans appends to out the spans of the line's words as text() writes
// them, at offset at.
func (l line) spans(at int, out []Span) []Span {
	for i, c := range l.cells {
		if i > 0 {
			at++ // the blank or tab between cells
		}
		for _, s := range c.spans {
			out = append(out, Span{Off: at + s.Off, End: at + s.End, Page: l.page, Box: s.Box})
		}
		at += len(c.text)
	}
	return out
}

// maxGap is the widest horizontal gap between the line's cells.
func (l line) maxGap() float64 {
	g := 0.0
	for i := 1; i < len(l.cells); i++ {
		g = max(g, l.cells[i].x0-l.cells[i-1].x1)
	}
	return g
}

// adjacentNumbers reports whether two numbers stand in neighbouring cells,
// as in table rows whose number columns are one space apart.
func (l line) adjacentNumbers() bool {
	for i := 1; i < len(l.cells); i++ {
		if l.cells[i].numeric && l.cells[i-1].numeric {
			return true
		}
	}
	return false
}

func (l line) numericCells() int {
	n := 0
	for _, c := range l.cells {
		if c.numeric {
			n++
		}
	}
	return n
}

// isDash reports whether s is a lone dash, which tables print for zero.
func isDash(s string) bool {
	switch s {
	case "-", "–", "—", "－", "--", "——":
		return true
	}
	return false
}

// pageMarkRe matches a page number set off by dashes or rules ("─ 13 ─",
// "- 5 -"), which a text copy may leave anywhere on its page: where the
// page's content stream drew it.
var pageMarkRe = regexp.MustCompile(`^[-─—–]+ ?\d{1,4} ?[-─—–]+$`)

var numericRe = regexp.MustCompile(`^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$`)

// layoutLines groups a page's words into visual rows, top to bottom, and
// splits each row into cells. Words poppler put on one line stay on one
// row, whatever their boxes say, unless they stand a line apart: poppler
// may join words whose boxes overlap because a font's boxes are taller
// than its lines (a code centred in a merged cell, the next row's name).
// Poppler lines at the same height (table cells are separate flows) are
// joined into one row.
func layoutLines(pg page) []line {
	var segs [][]word
	for i, w := range pg.words {
		if i > 0 && w.pline == pg.words[i-1].pline {
			segs[len(segs)-1] = append(segs[len(segs)-1], w)
			continue
		}
		segs = append(segs, []word{w})
	}
	segs = splitStacked(segs)
	sort.SliceStable(segs, func(i, j int) bool { return band(segs[i]).cy() < band(segs[j]).cy() })
	var rows [][]word
	var bands []word
	var sizes []float64 // the tallest run's height in each row: its type size, however many lines a wrapped cell adds to the band
	for _, sg := range segs {
		b := band(sg)
		if n := len(rows); n > 0 && sameRow(bands[n-1], sizes[n-1], b) {
			rows[n-1] = append(rows[n-1], sg...)
			bands[n-1].y0, bands[n-1].y1 = min(bands[n-1].y0, b.y0), max(bands[n-1].y1, b.y1)
			sizes[n-1] = max(sizes[n-1], b.h())
			continue
		}
		rows = append(rows, sg)
		bands = append(bands, b)
		sizes = append(sizes, b.h())
	}
	lines := make([]line, 0, len(rows))
	for i, r := range rows {
		sort.SliceStable(r, func(i, j int) bool { return r[i].x0 < r[j].x0 })
		l := line{page: pg.num, x0: r[0].x0, y0: bands[i].y0, y1: bands[i].y1}
		for _, w := range r {
			l.size = max(l.size, w.h())
			l.x1 = max(l.x1, w.x1)
			l.dx1 = max(l.dx1, w.dx1)
			l.tabbed = l.tabbed || w.tabbed
		}
		l.cells = splitCells(r)
		lines = append(lines, l)
	}
	return lines
}

// splitStacked parts a poppler line whose words stand on printed lines a
// line apart or more: those on its top line, those on its bottom line,
// and each word between (a code centred in a merged cell) on its own.
// Words of one printed line share their baseline; poppler joins words
// whose boxes overlap, and a font's boxes may be taller than its lines.
func splitStacked(segs [][]word) [][]word {
	var out [][]word
	for _, sg := range segs {
		lo, hi, h := math.MaxFloat64, -math.MaxFloat64, math.MaxFloat64
		for _, w := range sg {
			lo, hi, h = min(lo, w.cy()), max(hi, w.cy()), min(h, w.y1-w.y0)
		}
		if len(sg) < 2 || hi-lo < 0.9*h {
			out = append(out, sg)
			continue
		}
		var top, bottom []word
		for _, w := range sg {
			switch {
			case w.cy()-lo < 0.25*h:
				top = append(top, w)
			case hi-w.cy() < 0.25*h:
				bottom = append(bottom, w)
			default:
				out = append(out, []word{w})
			}
		}
		out = append(out, top, bottom)
	}
	return out
}

// band is the vertical extent of a run of words, as a word.
func band(ws []word) word {
	b := ws[0]
	for _, w := range ws[1:] {
		b.y0, b.y1 = min(b.y0, w.y0), max(b.y1, w.y1)
	}
	return b
}

// sameRow reports whether box w sits on the row band r, whose runs are at
// most size high: its vertical centre lies within the band and its type is
// of a size comparable with the row's (a band that a wrapped cell made two
// lines high still takes a one-line figure centred on it).
func sameRow(r word, size float64, w word) bool {
	c := w.cy()
	return c > r.y0 && c < r.y1 && w.h() < 2*size && size < 2*w.h()
}

// splitCells cuts a row at wide gaps and around numbers: a number is a
// cell of its own, since adjacent number columns may be one space apart.
func splitCells(r []word) []cell {
	var cells []cell
	figures := false // a line with figures: a row of the table, not its header
	for _, w := range r {
		figures = figures || numericRe.MatchString(w.text)
	}
	for i, w := range r {
		// A figure OCR could not settle is still one; so is a dash that
		// stands for zero in a column of figures.
		num := numericRe.MatchString(w.text) || strings.HasSuffix(w.text, Doubtful) || isDash(w.text)
		if i > 0 {
			c := &cells[len(cells)-1]
			gap := w.x0 - c.x1
			// A word under the one before and wider than it is a name of
			// its own, however close (a group's name over a column's, in
			// a line a name centred across both levels joins): no line of
			// a name that wrapped is wider than the first.
			p := r[i-1]
			under := min(p.y1, w.y1)-max(p.y0, w.y0) < 0.3*min(p.h(), w.h()) && !wrapsUnder(p, w)
			if !num && !c.numeric && gap < w.h() && !under {
				if gap > 0.1*w.h() {
					if len(c.words) == 0 {
						first := r[i-1] // the cell so far, as one word
						first.x0, first.x1, first.text = c.x0, c.x1, c.text
						c.words = append(c.words, first)
					}
					c.words = append(c.words, w)
					c.text += " "
				} else if n := len(c.words); n > 0 {
					// Joined with no blank: one word.
					c.words[n-1].text += w.text
					c.words[n-1].x1 = max(c.words[n-1].x1, w.x1)
				}
				c.spans = append(c.spans, Span{Off: len(c.text), End: len(c.text) + len(w.text), Box: w.box()})
				c.text += w.text
				if figures {
					c.x1 = w.x1 // a row's label stands where its last line does
				} else {
					c.x1 = max(c.x1, w.x1) // a header's name wrapped under a longer line ends inside it
				}
				c.y0, c.y1 = min(c.y0, w.y0), max(c.y1, w.y1)
				continue
			}
		}
		cells = append(cells, cell{x0: w.x0, x1: w.x1, y0: w.y0, y1: w.y1, text: w.text, numeric: num,
			spans: []Span{{End: len(w.text), Box: w.box()}}})
	}
	return cells
}

// wrapsUnder reports whether word w, on the line under word p and reaching
// under it, is p's name wrapped onto that line: no wider than p, and set
// as p is, flush left, flush right or centred under it. A name under
// another, set otherwise (公务用车购置费 under 公务用车购置及运行维护费,
// centred over three columns), is a name of its own.
func wrapsUnder(p, w word) bool {
	if min(p.x1, w.x1)-max(p.x0, w.x0) <= 0 {
		return true // not under it: beside it, as words of one line are
	}
	tol := 0.3 * w.h()
	if w.x1-w.x0 > p.x1-p.x0+tol {
		return false
	}
	return abs(w.x0-p.x0) <= tol || abs(w.x1-p.x1) <= tol || abs((w.x0+w.x1)/2-(p.x0+p.x1)/2) <= tol
}

// edgeLine reports whether a text page's line is its first or its last: a
// copy keeps no margins, and a short page's first line (a cover's page
// number) stands well inside the proportion a printed page's margin is.
func edgeLine(l line, pg page) bool {
	if len(pg.words) == 0 {
		return false
	}
	top, bottom := pg.words[0].y0, pg.words[0].y1
	for _, w := range pg.words {
		top, bottom = min(top, w.y0), max(bottom, w.y1)
	}
	return l.y0 <= top || l.y1 >= bottom
}

// isFurniture reports whether a line is a page number or similar running
// furniture: in the top or bottom margin, short, and made of digits,
// punctuation and symbols, and at most four other characters ("─ 5 ─",
// "- 12 -", "3/25", "第 5 页").
func isFurniture(l line, pg page) bool {
	t := l.text()
	if l.y1 > pg.height*0.08 && l.y0 < pg.height*0.9 && !(pg.text && edgeLine(l, pg)) {
		return pg.text && pageMarkRe.MatchString(t)
	}
	// Digits, punctuation and a few words around them ("第 5 页", "第5页
	// 共23页", "Page 5"): no figure with a point or a separator.
	digit, letters := false, 0
	for _, r := range t {
		switch {
		case unicode.IsDigit(r):
			digit = true
		case r == '.' || r == ',':
			return false
		case unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r):
		default:
			letters++
		}
	}
	return digit && letters <= 4 && len([]rune(t)) <= 16
}

// pdfBuilder turns lines into blocks across pages.
type pdfBuilder struct {
	doc       *Document
	para      *pdfPara
	table     []line       // rows of the open table, possibly from several pages
	furniture []Block      // page furniture waiting for the open paragraph or table to close
	ocr       map[int]bool // the pages read by OCR
	// text is set when the words come from plain text (text_layout.go):
	// their x is a character column, and a table's columns line up only if
	// the copy kept them. lineParas makes each prose line a paragraph of
	// its own, for text whose lines are whole paragraphs.
	text, lineParas bool
	// margin is the right margin of a text copy's prose in display
	// columns, the same on every page: a page of short lines (a table of
	// contents) has none of its own.
	margin float64
	// prose holds the last lines of prose added; head, those above the
	// open table when it opened: its header, where a text copy prints the
	// header as lines of words apart from the figures.
	prose, head []string
	top         string          // the last page's first line, when in its top margin
	tops        map[string]bool // every page's first line so far, when in its top margin
}

type pdfPara struct {
	text        strings.Builder
	spans       []Span // where its words were printed, offsets in text
	lines       []int  // where each line after the first starts in text
	page        int
	ocr         bool // a line came from a page read by OCR
	last        line
	left, right float64 // the page's text margins when the last line was added
	// run is, in a text copy, where the printed line that the last line
	// ends stops, in display columns, when that line came as several (a
	// copy breaks a line where its type changes: a bold item name, then
	// the sentence); 0 when the last line was a whole printed line.
	run float64
}

func (b *pdfBuilder) page(pg page) {
	var lines, furniture []line
	top, running := "", false
	all := layoutLines(pg)
	for i, l := range all {
		// A text copy keeps no margins: on a short page, a first line
		// over the page's number is in its head all the same.
		head := pg.text && len(all) > 1 && isFurniture(all[1], pg)
		t := strings.Join(strings.Fields(l.text()), " ")
		// A line of words long enough to be a header, not a wrapped
		// name's tail (出, 支出) that may open any page of a table.
		header := len([]rune(t)) >= 6 && l.numericCells() == 0
		if i == 0 && (l.y1 <= pg.height*0.08 || head || pg.text && header && b.tops[t]) {
			top = t
			// A running header: the page's first line, in the top
			// margin, the same as the page before's, or, a header's
			// length, as a page's before it (a copy in the content
			// stream's order may print a page's header at its foot).
			running = top == b.top || header && b.tops[top]
		}
		if i == 0 && running || isFurniture(l, pg) {
			furniture = append(furniture, l)
		} else {
			lines = append(lines, l)
		}
	}
	b.top = top
	if top != "" {
		if b.tops == nil {
			b.tops = map[string]bool{}
		}
		b.tops[top] = true
	}
	defer func() { // after the page's content, so it does not split a paragraph running on
		for _, l := range furniture {
			b.furniture = append(b.furniture, Block{Kind: Furniture, Text: l.text(), Pos: Pos{Page: l.page}, OCR: b.ocr[l.page]})
		}
	}()
	var above []float64 // where the cells of a table left open on the page before start
	for _, l := range b.table {
		for _, c := range l.cells {
			above = append(above, c.x0)
		}
	}
	var tab []bool
	if pg.text {
		tab = textTableLines(lines, len(b.table) > 0)
	} else {
		tab = tableLines(lines, above, pg.width)
	}
	left, right := margins(lines, tab)
	repeated := b.repeatedHead(lines, tab)
	for i, l := range lines {
		if repeated[i] {
			// The open table's header printed again atop the page: the
			// table goes on below it.
			furniture = append(furniture, l)
			continue
		}
		if tab[i] {
			if len(b.table) == 0 {
				b.head = append(b.head[:0], b.prose...)
			}
			b.closePara()
			// A header with no figures yet is not a table of its own: the
			// figures under tall, vertically centred header cells may
			// stand further down than a row gap.
			if len(b.table) > 0 && !continues(b.table[len(b.table)-1], l) && !headerOnly(b.table) {
				b.closeTable()
			}
			b.table = append(b.table, l)
			continue
		}
		b.closeTable()
		b.addLine(l, left, right)
	}
	// A table that runs to the foot of the page stays open: the next page
	// may continue it.
	if len(b.table) == 0 || (len(lines) > 0 && !tab[len(lines)-1]) {
		b.closeTable()
	}
}

func (b *pdfBuilder) flush() {
	b.closePara()
	b.closeTable()
	b.flushFurniture()
}

// headerOnly reports whether a table's rows hold no figure.
func headerOnly(rows []line) bool {
	for _, l := range rows {
		if l.numericCells() > 0 {
			return false
		}
	}
	return true
}

// continues reports whether line l extends the table whose last row is
// prev: on the same page and close below it, or at the top of the next page.
func continues(prev, l line) bool {
	if l.page != prev.page {
		return l.page == prev.page+1
	}
	return l.y0-prev.y1 < 2.5*max(l.h(), prev.h())
}

// tableLines marks the lines that belong to tables. A row is tabular when
// its cells stand apart (a gap of 1.5 line heights) or two numbers sit side
// by side; prose with a number in it is neither. Close neighbours at the
// same font size join the table (multi-line headers above, wrapped names
// below) if they too have a gap or are narrow. A run of marked lines is a
// table only with two rows and a number somewhere.
func tableLines(lines []line, above []float64, pageWidth float64) []bool {
	// A line's gaps are measured against the page's type size: a header
	// whose cells span two levels is a line twice as tall as its type.
	hs := make([]float64, len(lines))
	for i, l := range lines {
		hs[i] = l.h()
	}
	sort.Float64s(hs)
	typical := math.MaxFloat64
	if len(hs) > 0 {
		typical = hs[len(hs)/2]
	}
	tab := make([]bool, len(lines))
	for i, l := range lines {
		tab[i] = l.maxGap() >= 1.5*min(l.h(), typical) || l.adjacentNumbers()
	}
	width := rowsWidth(lines, tab)
	for changed := true; changed; {
		changed = false
		for i := range lines {
			if tab[i] {
				continue
			}
			if i > 0 && i+1 < len(lines) && tab[i-1] && tab[i+1] && lines[i].typeSize() < 1.15*lines[i+1].typeSize() &&
				lines[i].y0-lines[i-1].y1 < 0.6*lines[i].typeSize() && lines[i+1].y0-lines[i].y1 < 0.6*lines[i].typeSize() {
				// Tight between two lines of a table, in its type: a header
				// line whose names stand too close to tell by their gaps.
				tab[i], changed = true, true
				continue
			}
			for _, j := range []int{i - 1, i + 1} {
				if j < 0 || j >= len(lines) || !tab[j] {
					continue
				}
				a, c := lines[i], lines[j]
				gap := max(c.y0-a.y1, a.y0-c.y1)
				// A lone line above a table (its title, its unit) stands a
				// little apart; header lines sit tight or have cells.
				limit := 1.2 * c.h()
				if j == i+1 && a.maxGap() < c.h() {
					limit = 0.6 * c.h()
				}
				// Compared by type size: a header of two levels is a line
				// as tall as two, in the table's type.
				if gap < limit && a.typeSize() < 1.15*c.typeSize() && (a.maxGap() >= c.h() || a.x1-a.x0 < 0.5*width) {
					tab[i], changed = true, true
					break
				}
			}
		}
	}
	bridgeLabels(lines, tab, width, above, pageWidth)
	for i := 0; i < len(lines); {
		if !tab[i] {
			i++
			continue
		}
		j, nums := i, 0
		for ; j < len(lines) && tab[j]; j++ {
			nums += lines[j].numericCells()
		}
		// One row alone is a table's only where it goes on with the table
		// the page before left open (its 合计, turned over).
		if j-i < 2 && !(i == 0 && len(above) > 0 && nums > 1) || nums == 0 {
			for k := i; k < j; k++ {
				tab[k] = false
			}
		}
		i = j
	}
	return tab
}

// bridgeLabels marks as table rows the lines between two tables on a page
// (or between the top of the page and a table, when a table is open from
// the page before, its cells starting at above) when each is narrow,
// starts where a cell of the tables starts, and stands close to the next:
// the label-only rows of a two-sided table (二、外交支出 with no figure, a
// wrapped label's tail) that would otherwise cut it in pieces, the pieces
// after the first without their title. A line centred on the tables is a
// title and stops the bridge. At least one of the lines must
// stand in a column right of the table's first, where no title or
// 编制单位 line of a next table starts, and none be set larger than the
// rows (a title).
func bridgeLabels(lines []line, tab []bool, width float64, above []float64, pageWidth float64) {
	starts := append([]float64(nil), above...)
	for i, l := range lines {
		if tab[i] {
			for _, c := range l.cells {
				starts = append(starts, c.x0)
			}
		}
	}
	left := math.MaxFloat64
	for _, x := range starts {
		left = min(left, x)
	}
	// The middle of the page's tables: a title is centred on it.
	x0, x1 := math.MaxFloat64, 0.0
	for i, l := range lines {
		if tab[i] {
			x0, x1 = min(x0, l.x0), max(x1, l.x1)
		}
	}
	mid := (x0 + x1) / 2
	// The rows' type size: a title set larger is no label row.
	var hs []float64
	for i, l := range lines {
		if tab[i] {
			hs = append(hs, l.h())
		}
	}
	sort.Float64s(hs)
	rowH := math.MaxFloat64
	if len(hs) > 0 {
		rowH = hs[len(hs)/2]
	}
	aligned := func(x float64) bool {
		for _, s := range starts {
			if abs(x-s) < 3 {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(lines); {
		if tab[i] {
			i++
			continue
		}
		j := i
		for j < len(lines) && !tab[j] {
			j++
		}
		// From the top of a page, every line must stand in an inner
		// column; between two tables, one at least, and none centred.
		top := i == 0
		ok := (!top || len(above) > 0) && j < len(lines) && j-i <= 40
		inner := false // a line in a column right of the table's first: no title, no 编制单位 line
		for k := i; ok && k < j; k++ {
			l := lines[k]
			in := l.x0 > left+3
			// A title is centred on the tables, or, opening a page, on the
			// page.
			centred := !top && abs((l.x0+l.x1)/2-mid) < 3 || top && pageWidth > 0 && abs((l.x0+l.x1)/2-pageWidth/2) < 0.015*pageWidth
			ok = l.x1-l.x0 < 0.5*width && l.h() < 1.15*rowH && aligned(l.x0) && !centred && (in || !top) && (k == 0 || l.page == lines[k-1].page && l.y0-lines[k-1].y1 < 2.5*l.h())
			inner = inner || in
		}
		ok = ok && inner
		if ok && lines[j].y0-lines[j-1].y1 < 2.5*lines[j].h() {
			for k := i; k < j; k++ {
				tab[k] = true
			}
		}
		i = j
	}
}

// rowsWidth is the widest table row's width.
func rowsWidth(lines []line, tab []bool) float64 {
	w := 0.0
	for i, l := range lines {
		if tab[i] {
			w = max(w, l.x1-l.x0)
		}
	}
	return w
}

// margins are the left and right text edges of the page's prose lines.
func margins(lines []line, tab []bool) (left, right float64) {
	left = -1
	for i, l := range lines {
		if tab[i] {
			continue
		}
		if left < 0 || l.x0 < left {
			left = l.x0
		}
		right = max(right, l.x1)
	}
	return left, right
}

// addLine appends a prose line to the open paragraph or starts a new one.
// A paragraph ends where a line stops short of the right margin, before an
// indented line, and at a wide vertical gap; it may run on to the next page.
// repeatedHead marks the lines atop a page that print again the header
// of the table the page before left open: the lines right above its first
// row, after any line with no letter (a page number), one of them of
// several words (the columns' names) or followed by the table's first row
// again (a title over the header rows repeated, not a title alone over a
// new form).
func (b *pdfBuilder) repeatedHead(lines []line, tab []bool) map[int]bool {
	if len(b.table) == 0 {
		return nil
	}
	k := 0
	for k < len(lines) && !tab[k] && !strings.ContainsFunc(lines[k].text(), unicode.IsLetter) {
		k++
	}
	n := 0
	for k+n < len(lines) && !tab[k+n] {
		n++
	}
	for m := min(n, len(b.head)); m > 0; m-- {
		words, same := false, true
		for i := range m {
			t := strings.Join(strings.Fields(lines[k+i].text()), " ")
			h := b.head[len(b.head)-m+i]
			same = same && t == h
			words = words || len(strings.Fields(h)) > 1
		}
		if same && (words || b.repeatsRow(lines, k+m)) {
			out := map[int]bool{}
			for i := range m {
				out[k+i] = true
			}
			return out
		}
	}
	return nil
}

// repeatsRow reports whether lines[i] prints again one of the open
// table's first rows.
func (b *pdfBuilder) repeatsRow(lines []line, i int) bool {
	if i >= len(lines) {
		return false
	}
	t := strings.Join(strings.Fields(lines[i].text()), " ")
	for _, r := range b.table[:min(3, len(b.table))] {
		if t == strings.Join(strings.Fields(r.text()), " ") {
			return true
		}
	}
	return false
}

func (b *pdfBuilder) addLine(l line, left, right float64) {
	if b.prose = append(b.prose, strings.Join(strings.Fields(l.text()), " ")); len(b.prose) > 8 {
		b.prose = b.prose[1:]
	}
	if b.lineParas {
		b.closePara()
	}
	p := b.para
	if p != nil {
		h := max(l.h(), p.last.h())
		// A line that stops short ends its paragraph, unless what starts
		// the next line (a long figure, say) would not have fitted.
		room := p.right - p.last.x1
		short := room > 1.5*h && room > leadWidth(l)+0.5*h
		if b.text {
			// A text copy's line widths, counted in display columns,
			// scatter around the printed width; and a copy that broke its
			// lines at each run of text leaves clauses ending in a comma
			// on lines of their own.
			//
			// A line that stops inside a sentence is short only if what
			// opens the next would have fitted twice: a copy counts a
			// figure's characters at half a Han's width, where the print
			// set them wider, with space where they meet Han text ("…增幅为"
			// + "18.00%。").
			room = b.margin - max(p.last.dx1, p.run)
			last := lastRune(p.text.String())
			short = room > max(1.5*h, 0.15*b.margin) && !continuing(last) && (stops(last) || room > 2*textLead(l))
		}
		indented := l.x0 > left+0.8*h
		if r := lastRune(p.text.String()); b.text && continuing(r) && r != ':' && r != '：' {
			indented = false // a justified copy may push a clause's next line right
		}
		gap := l.page == p.last.page && l.y0-p.last.y1 > 2.2*h
		run := 0.0
		if (short || indented || gap || l.page > p.last.page+1) && !closing(firstRune(l.text())) {
			b.closePara()
			p = nil
		} else if b.text && short && !indented && !gap && l.page == p.last.page {
			// A short line, and this one goes on from it: one printed
			// line the copy broke in two.
			run = max(p.last.dx1, p.run) + l.dx1 - l.x0
		}
		if p != nil {
			p.run = run
		}
	}
	if p == nil {
		p = &pdfPara{page: l.page}
		b.para = p
	} else if asciiWord(lastRune(p.text.String())) && asciiWord(firstRune(l.text())) {
		p.text.WriteByte(' ')
	}
	if p.text.Len() > 0 {
		p.lines = append(p.lines, p.text.Len())
	}
	if !b.text { // a text copy's words stand at character columns, not on a page
		p.spans = l.spans(p.text.Len(), p.spans)
	}
	p.text.WriteString(l.text())
	p.last, p.left, p.right = l, left, right
	p.ocr = p.ocr || b.ocr[l.page]
}

// leadWidth estimates the width of what opens a line and cannot be broken:
// a run of ASCII (a figure, a word), or else one character.
func leadWidth(l line) float64 {
	if len(l.cells) == 0 {
		return 0
	}
	c := l.cells[0]
	total, lead := 0.0, 0.0
	inLead := true
	for _, r := range c.text {
		w := 0.55
		if r >= 0x2E80 {
			w = 1
		}
		total += w
		if inLead {
			lead += w
			if r >= 0x80 || r == ' ' {
				inLead = false
			}
		}
	}
	if total == 0 {
		return 0
	}
	return (c.x1 - c.x0) * lead / total
}

// textLead is the width, in display columns, of what opens a text line
// and cannot be broken: a run of ASCII (a figure, a word) and the
// character after it, or else one character.
func textLead(l line) float64 {
	if len(l.cells) == 0 {
		return 0
	}
	w := 0.0
	for _, r := range l.cells[0].text {
		w += displayColumns(r)
		if r >= 0x80 || r == ' ' {
			break
		}
	}
	return w
}

// stops reports whether a line ending in r ends a sentence.
func stops(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '；', ';':
		return true
	}
	return false
}

func asciiWord(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == utf8.RuneError {
		return 0
	}
	return r
}

// closing reports whether a line opening with r continues the line before
// it: no paragraph starts with a full stop, a comma or a closing bracket.
func closing(r rune) bool {
	switch r {
	case '。', '，', '、', '；', '：', '！', '？', '）', '】', '」', '』', '》', ',', ';', ')':
		return true
	}
	return false
}

// continuing reports whether a line ending in r stops inside a sentence:
// at a comma, an enumeration comma, a semicolon or a colon.
func continuing(r rune) bool {
	switch r {
	case ',', '，', '、', ';', '；', ':', '：':
		return true
	}
	return false
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func (b *pdfBuilder) closePara() {
	if b.para == nil {
		return
	}
	if t := b.para.text.String(); strings.TrimSpace(t) != "" {
		lead := len(t) - len(strings.TrimLeftFunc(t, unicode.IsSpace))
		t = strings.TrimSpace(t)
		var lines []int
		for _, at := range b.para.lines {
			if at-lead > 0 && at-lead < len(t) {
				lines = append(lines, at-lead)
			}
		}
		var spans []Span
		for _, s := range b.para.spans {
			s.Off, s.End = s.Off-lead, min(s.End-lead, len(t))
			if s.Off >= 0 && s.End > s.Off {
				spans = append(spans, s)
			}
		}
		b.doc.add(Block{Kind: Paragraph, Text: t, Lines: lines, Pos: Pos{Page: b.para.page}, OCR: b.para.ocr, Spans: spans})
	}
	b.para = nil
	b.flushFurniture()
}

func (b *pdfBuilder) flushFurniture() {
	for _, f := range b.furniture {
		b.doc.add(f)
	}
	b.furniture = b.furniture[:0]
}

func (b *pdfBuilder) closeTable() {
	if len(b.table) == 0 {
		return
	}
	parts, packed := [][]line{b.table}, false
	if b.text {
		// Packed if any page of it is: a copy packs all its tables or none.
		for from := 0; from < len(b.table); {
			to := from
			for to < len(b.table) && b.table[to].page == b.table[from].page {
				to++
			}
			packed = packed || !aligned(b.table[from:to])
			from = to
		}
		if !packed {
			parts = alignPages(b.table)
		}
	}
	for _, rows := range parts {
		var t *Table
		if packed {
			t = packedTable(rows)
		} else {
			t = buildTable(rows, b.text)
		}
		ocr := false
		for _, l := range rows {
			ocr = ocr || b.ocr[l.page]
		}
		b.doc.add(Block{Kind: TableBlock, Text: t.text(), Table: t, Pos: Pos{Page: rows[0].page}, OCR: ocr})
	}
	b.table = nil
	b.flushFurniture()
}

// alignPages lines up a text table that runs over pages: a copy lays each
// page out on its own, so a page's columns may stand a few characters off
// the first page's. Where a page's columns are the first page's moved
// alike, its cells are moved back; where not, the table is cut there, and
// the pages after stand as a table of their own.
// shifted reports whether columns are the first page's moved alike: their
// right edges differ by one amount, give or take two characters.
func shifted(cols, first []span) bool {
	lo, hi := math.MaxFloat64, -math.MaxFloat64
	for k := range cols {
		d := cols[k].x1 - first[k].x1
		lo, hi = min(lo, d), max(hi, d)
	}
	return hi-lo <= 2
}

func alignPages(rows []line) [][]line {
	var parts [][]line
	var first []span // the columns of the part's first page
	for from := 0; from < len(rows); {
		to := from
		for to < len(rows) && rows[to].page == rows[from].page {
			to++
		}
		page := rows[from:to]
		cols := columns(page)
		switch {
		case len(parts) == 0:
			parts, first = [][]line{page}, cols
		case len(cols) == len(first) && !headerOnly(page) && shifted(cols, first):
			n := len(parts) - 1
			d := cols[len(cols)-1].x1 - first[len(first)-1].x1
			for _, l := range page {
				l.cells = append([]cell(nil), l.cells...)
				for k := range l.cells {
					l.cells[k].x0 -= d
					l.cells[k].x1 -= d
				}
				l.x0, l.x1 = l.x0-d, l.x1-d
				parts[n] = append(parts[n], l)
			}
		case !headerOnly(page) && sameKinds(page, cols, parts[len(parts)-1], first) != nil:
			n, to := len(parts)-1, sameKinds(page, cols, parts[len(parts)-1], first)
			for _, l := range page {
				parts[n] = append(parts[n], moveColumns(l, cols, to))
			}
		default:
			parts, first = append(parts, page), cols
		}
		from = to
	}
	return parts
}

// sameKinds reports whether a page's columns hold what the first page's
// do, in the same order: figures (and codes), or words. A copy that lays
// each page out on its own spaces a page's columns by its own widest
// cells, so they may stand moved by different amounts (shifted fails),
// and yet be the same columns in the same order. A run of word columns
// may be more or fewer on one page (a 合计 set in from the names stands
// in a column of its own); a run of figure columns may not. It returns
// the first page's column each of the page's columns is, or nil if the
// columns are not the same.
func sameKinds(page []line, cols []span, first []line, firstCols []span) []span {
	a, b := columnKinds(page, cols), columnKinds(first, firstCols)
	runs := func(kinds []int) (starts []int) {
		for k := range kinds {
			if k == 0 || kinds[k] == 1 || kinds[k-1] == 1 {
				starts = append(starts, k)
			}
		}
		return starts
	}
	ra, rb := runs(a), runs(b)
	if len(ra) != len(rb) {
		return nil
	}
	to := make([]span, len(cols))
	for r := range ra {
		ea, eb := len(a), len(b)
		if r+1 < len(ra) {
			ea, eb = ra[r+1], rb[r+1]
		}
		na, nb := ea-ra[r], eb-rb[r]
		if a[ra[r]] == 1 != (b[rb[r]] == 1) || na != nb && nb != 1 {
			return nil
		}
		for k := ra[r]; k < ea; k++ {
			to[k] = firstCols[rb[r]+min(k-ra[r], nb-1)]
		}
	}
	return to
}

// columnKinds tells, for each column, whether the rows with figures hold
// figures in it (1), only words (2), or nothing (0).
func columnKinds(rows []line, cols []span) []int {
	kinds := make([]int, len(cols))
	for _, r := range rows {
		if r.numericCells() == 0 {
			continue
		}
		for _, c := range r.cells {
			f, l := place(c, cols)
			if f != l {
				continue // a label over two columns (a 合计 over the codes and names) tells neither
			}
			switch {
			case c.numeric:
				kinds[f] = 1
			case kinds[f] == 0:
				kinds[f] = 2
			}
		}
	}
	return kinds
}

// moveColumns places a line's cells in the columns to, stretching each
// column of from onto the matching one of to.
func moveColumns(l line, from, to []span) line {
	at := func(x float64, k int) float64 {
		f, t := from[k], to[k]
		if f.x1-f.x0 <= 0 {
			return x - f.x0 + t.x0
		}
		return t.x0 + (x-f.x0)*(t.x1-t.x0)/(f.x1-f.x0)
	}
	l.cells = append([]cell(nil), l.cells...)
	for k := range l.cells {
		c := &l.cells[k]
		a, b := place(*c, from)
		// A name the page's own narrower columns let run into the next
		// stays in its column: over a figure column, it would cover the
		// figures its wrapped line's row brings.
		end := math.MaxFloat64
		if !c.numeric {
			b, end = a, to[a].x1
		}
		move := func(x0, x1 float64) (float64, float64) {
			x1 = min(at(x1, b), end)
			return min(at(x0, a), x1), x1
		}
		c.x0, c.x1 = move(c.x0, c.x1)
		if len(c.words) > 0 {
			c.words = append([]word(nil), c.words...)
			for i := range c.words {
				w := &c.words[i]
				w.x0, w.x1 = move(w.x0, w.x1)
			}
		}
	}
	if n := len(l.cells); n > 0 {
		l.x0, l.x1 = l.cells[0].x0, l.cells[n-1].x1
	}
	return l
}
