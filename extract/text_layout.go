package extract

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Plain text laid out as word boxes.
//
// A text copy of a report (pdftotext -raw or -layout, a viewer's copy,
// pdfplumber's extract_text, a dump of a docx) has lost its geometry but
// kept its lines: a hard-wrapped sentence, a table row of cells apart by
// blanks, a header spread over several lines. Each line becomes a row of
// word boxes, the model that pdftotext -tsv and OCR give, with character
// columns as x and lines as y, so that the PDF reader's paragraph joining,
// table building and furniture detection serve text too.
//
// Sizes are in columns: a line is textH tall and textPitch apart from the
// next, so lines in sequence sit as tight as a wrapped cell's lines; a blank
// line adds textBlank, which is more than a paragraph break and less than
// what ends a table (pdftotext -layout puts blank lines between table rows).
const (
	textH     = 1.2 // a word's height: one blank between words is less, two are more
	textPitch = 1.3 * textH
	textBlank = 2.05 * textH
)

// textWidth measures a string in columns.
type textWidth func(r rune) float64

// runeColumns counts every character as one column, as pdftotext -layout
// places words: a word starts at its x over the page's mean character
// width, whatever the width of the characters before it.
func runeColumns(rune) float64 { return 1 }

// displayColumns counts full-width characters (Han, full-width forms) as
// two columns, as a monospaced terminal or editor shows them.
func displayColumns(r rune) float64 {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// tabStop is the column width given to each tab-separated field, so that
// the fields of a tab-separated table line up as columns.
const tabMin = 8

// textPage lays out one page of text lines. In a copy that is double
// spaced (doubled), one blank line is the line spacing, and only more make
// a gap.
func textPage(num int, lines []string, cols textWidth, tab float64, doubled bool) page {
	pg := page{num: num, text: true}
	y := 0.0
	blanks := 0
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			if blanks++; !doubled || blanks > 1 {
				y += textBlank
			}
			continue
		}
		blanks = 0
		pg.plines++
		words := textWords(l, cols, tab)
		for _, w := range words {
			w.y0, w.y1, w.pline = y, y+textH, pg.plines
			pg.words = append(pg.words, w)
		}
		for _, w := range words {
			pg.width = max(pg.width, w.x1)
		}
		y += textPitch
	}
	pg.height = y
	return pg
}

// textWords cuts a line into words at blanks (and tab-separated fields into
// words at their tab stops), each placed at its column.
func textWords(l string, cols textWidth, tab float64) []word {
	var out []word
	if strings.Contains(l, "\t") {
		for k, field := range strings.Split(l, "\t") {
			for _, w := range textWords(field, cols, 0) {
				w.x0 += float64(k) * tab
				w.x1 += float64(k) * tab
				w.tabbed = true
				out = append(out, w)
			}
		}
		return out
	}
	x, dx := 0.0, 0.0 // in cols, and in display columns
	var cur strings.Builder
	start := 0.0
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, word{x0: start, x1: x, text: cur.String(), dx1: dx})
			cur.Reset()
		}
	}
	for _, r := range l {
		if r == ' ' || r == '\u3000' || r == '\u00a0' {
			flush()
			x, dx = x+cols(r), dx+displayColumns(r)
			continue
		}
		if !unicode.IsGraphic(r) {
			continue // a stray control character takes no room
		}
		if cur.Len() == 0 {
			start = x
		}
		cur.WriteRune(r)
		x, dx = x+cols(r), dx+displayColumns(r)
	}
	flush()
	return out
}

// textColumns chooses how to count columns for a document: the way under
// which the figures of table rows line up better, ending at fewer distinct
// columns. A pdftotext -layout copy aligns by characters; a copy made for
// a monospaced display aligns by display width; with nothing to align,
// display width measures a line as print does.
func textColumns(lines []string) textWidth {
	spread := func(cols textWidth) int {
		ends := map[int]bool{}
		for _, l := range lines {
			if !strings.ContainsFunc(l, func(r rune) bool { return displayColumns(r) == 2 }) {
				continue // figures alone: where they end, both counts agree
			}
			var figs []int
			for _, w := range textWords(l, cols, 0) {
				if numericRe.MatchString(w.text) {
					figs = append(figs, int(math.Round(w.x1)))
				}
			}
			if len(figs) >= 2 {
				for _, e := range figs {
					ends[e] = true
				}
			}
		}
		return len(ends)
	}
	r, d := spread(runeColumns), spread(displayColumns)
	if r > 0 && float64(r) < 0.8*float64(d) {
		return runeColumns
	}
	return displayColumns
}

// tabWidth is the column given to each tab-separated field: the widest
// field and two blanks, within bounds.
func tabWidth(lines []string, cols textWidth) float64 {
	w := float64(tabMin)
	for _, l := range lines {
		if !strings.Contains(l, "\t") {
			continue
		}
		for _, f := range strings.Split(l, "\t") {
			fw := 0.0
			for _, r := range f {
				fw += cols(r)
			}
			w = max(w, fw+2)
		}
	}
	return min(w, 80)
}

// hardWrapped reports whether prose lines were broken at a fixed width (a
// copy of a printed page) rather than one paragraph to a line (a dump of a
// word processor's text): a good part of the longer lines end near the
// width nine lines in ten stay within. It returns that width, the right
// margin of the copy's prose.
func hardWrapped(lines []string, cols textWidth) (bool, float64) {
	var widths []float64
	for _, l := range lines {
		if t := strings.TrimSpace(l); strings.Contains(t, "\t") || strings.Contains(t, "  ") || leaderRe.MatchString(t) || figureWords(t) >= 2 {
			continue // a table's row (packed with single blanks too), a contents line with its dot leaders: not prose
		}
		w := 0.0
		for _, r := range strings.TrimSpace(l) {
			w += cols(r)
		}
		if w >= 20 {
			widths = append(widths, w)
		}
	}
	if len(widths) < 5 {
		return false, 0
	}
	// The printed width: most prose lines, all but a paragraph's last,
	// end near it; a tenth of lines may run past it (justified print,
	// counted in characters, scatters).
	sort.Float64s(widths)
	w := widths[len(widths)*9/10]
	near, long := 0, 0
	for _, v := range widths {
		if v >= 0.85*w {
			near++
		}
		if v >= 0.5*w {
			long++
		}
	}
	// And hardly a line runs far past it, as whole paragraphs on lines of
	// their own do.
	past := 0
	for _, v := range widths {
		if v > 1.35*w {
			past++
		}
	}
	if near >= 5 && float64(near) >= 0.3*float64(long) && float64(past) <= 0.03*float64(len(widths)) {
		return true, w
	}
	return false, 0
}

// figureWords counts the words of a line that are figures or dashes: two
// or more make a table's row, whose width says nothing of the prose's.
func figureWords(l string) int {
	n := 0
	for _, w := range strings.Fields(l) {
		if numericRe.MatchString(w) || isDash(w) {
			n++
		}
	}
	return n
}

// leaderRe finds a run of dot leaders, as a table of contents prints.
var leaderRe = regexp.MustCompile(`[…·.．]{3,}|…{2,}`)

// textTableLines marks the lines of a text page that belong to tables. Text
// has one size of type and, in copies that joined cells with single blanks,
// no gaps; what tells a table row is content: a figure standing as a word
// of its own on a line without the punctuation of prose. A run of such
// rows is a table with two of them or three figures in all; it takes the
// lines without figures between its rows (label-only rows, wrapped names)
// and, above its first row, the lines of several cells (headers) with the
// one-cell lines between them (类 款 under 科目编码 … 公用经费). A line of
// one cell above or below a table (its title, its unit, the next table's
// title) stays out; one row alone is a table where it opens the
// page and a table the page before left open goes on (open), as is a line
// of labels alone right above the page's first row (labelsLike). Rows that
// are mostly lone figures are a table copied column by column, not rows,
// and no table.
func textTableLines(lines []line, open bool) []bool {
	prose := func(l line) bool {
		for _, c := range l.cells {
			if strings.ContainsAny(c.text, "，。；！？：") {
				return true
			}
		}
		// A line with a figure that stops at an enumeration comma breaks
		// a sentence (…2019 年度收入、 / 支出预算总计 13,377.11 / 万元，…):
		// no row ends so. A label may (纺织原料、 / 毛皮、被服 / 装具, an
		// ordinal's 一、 / 货物 962.86), on a line without figures.
		n := len(l.cells)
		return n > 0 && l.numericCells() > 0 && strings.HasSuffix(l.cells[n-1].text, "、")
	}
	row := make([]bool, len(lines))
	for i, l := range lines {
		row[i] = l.numericCells() > 0 && !prose(l)
	}
	tab := make([]bool, len(lines))
	for i := 0; i < len(lines); {
		if !row[i] {
			i++
			continue
		}
		// The run: rows, and the lines without prose between them.
		j, last := i, i
		for k := i; k < len(lines) && !prose(lines[k]); k++ {
			if lines[k].page != lines[i].page {
				break
			}
			if row[k] {
				last = k
			}
			j = k + 1
		}
		rows, nums, wide := 0, 0, 0
		for k := i; k <= last; k++ {
			if row[k] {
				rows++
				nums += lines[k].numericCells()
				if len(lines[k].cells) > 1 {
					wide++
				}
			}
		}
		// A run of lone figures is a table copied column by column (plain
		// pdftotext): its figures have lost their rows.
		// One row alone opening the page goes on with a table the page
		// before left open (its last row, turned over).
		turned := open && i == 0 && rows == 1 && nums >= 2
		headed := rows == 1 && nums >= 2 && i > 0 && underHeader(lines[i-1], lines[i])
		stacked := -1
		if rows == 1 && !turned && !headed {
			stacked = headerStack(lines, tab, i, prose)
		}
		if (rows >= 2 || nums >= 3 || turned || headed) && 2*wide >= rows {
			first := i
			if stacked >= 0 {
				first = stacked
			}
			for k := i - 1; stacked < 0 && k >= 0 && !tab[k] && !prose(lines[k]) && lines[k].page == lines[i].page && lines[k+1].y0-lines[k].y1 < textBlank+textPitch; k-- {
				if len(lines[k].cells) > 1 {
					first = k // a header's line of several cells, and the one-cell lines under it
				}
			}
			if open && first == 1 && i == 1 && !prose(lines[0]) && lines[0].numericCells() == 0 && labelsLike(lines[0], lines[1]) {
				first = 0 // a row of labels alone opens the page the table goes on to
			}
			for k := first; k <= last; k++ {
				tab[k] = true
			}
			for last+1 < len(lines) && nameTail(lines[last], lines[last+1]) {
				last++
				tab[last] = true
			}
		}
		i = max(j, last+1)
	}
	return tab
}

// headerStack finds the header of a table of one row printed under a
// header of several levels (a “三公” table: 合计, 因公出国(境)费 … over
// 小计 购置费 运行费, with a tall name cell beside them): a run of lines
// without figures or prose, set tight one under the next, that ends a few
// blank lines above the row (a tall header row centres its names, and a
// copy that kept the columns prints the height as blank lines), holds
// words enough to name each of the row's figures, two levels or more of
// them, and spans the row's figures. It returns the run's first line, or
// -1.
func headerStack(lines []line, tab []bool, i int, prose func(line) bool) int {
	row := lines[i]
	if i == 0 || row.numericCells() != len(row.cells) || len(row.cells) < 3 || row.maxGap() < 2*textH {
		return -1
	}
	const gap = 4*textBlank + textPitch // up to four blank lines between the header and its row
	first, words, multi := -1, 0, 0
	x0, x1 := math.MaxFloat64, -math.MaxFloat64
	for k := i - 1; k >= 0; k-- {
		l := lines[k]
		limit := textPitch + 0.1 // tight: no blank line between the header's lines
		if k == i-1 {
			limit = gap
		}
		if tab[k] || l.page != row.page || l.numericCells() > 0 || prose(l) || lines[k+1].y0-l.y1 >= limit {
			break
		}
		first, words = k, words+len(l.cells)
		if len(l.cells) > 1 {
			multi++
		}
		for _, c := range l.cells {
			x0, x1 = min(x0, c.x0), max(x1, c.x1)
		}
	}
	if first < 0 || i-first < 2 || multi < 2 || words < len(row.cells) {
		return -1
	}
	for _, c := range row.cells {
		if c.x1 <= x0 || c.x0 >= x1 {
			return -1
		}
	}
	return first
}

// underHeader reports whether row, a line of figures alone, stands right
// under a header's line h in a copy that kept the columns: h has no
// figures and as many words as the row has figures or more, and each
// figure stands under one of them. A table of one row (a “三公” table
// whose parts are blank) is a table all the same.
func underHeader(h, row line) bool {
	if h.page != row.page || row.y0-h.y1 >= textBlank+textPitch || h.numericCells() > 0 ||
		len(h.cells) < len(row.cells) || row.numericCells() != len(row.cells) || row.maxGap() < 2*textH {
		return false
	}
	for _, c := range row.cells {
		if !slices.ContainsFunc(h.cells, func(d cell) bool { return min(c.x1, d.x1)-max(c.x0, d.x0) > 0 }) {
			return false
		}
	}
	return true
}

// labelsLike reports whether line l, without figures, holds as many words
// as row holds labels, two or more: a two-sided table's row whose sides
// are both blank (…结余 结余分配 over 年初结转和结余 49.14 年末结转和结余
// 55.34), not a title or a header of other words; or whether it leaves a
// bracket open, a label the copy cut (使用非财政拨款结余（含专用 / 结余）
// 10 0.00 …).
func labelsLike(l, row line) bool {
	words, labels := strings.Fields(l.text()), 0
	for _, c := range row.cells {
		if !c.numeric {
			labels++
		}
	}
	if labels >= 2 && len(words) == labels {
		return true
	}
	// Or a label cut inside its brackets, the rest on the row's line.
	t := l.text()
	if strings.Count(t, "（")+strings.Count(t, "(") > strings.Count(t, "）")+strings.Count(t, ")") {
		return true
	}
	// Or a name's first line over the row's name, in a copy that kept
	// the columns: every cell over a name of the row, none over a figure
	// or a code.
	if row.maxGap() < 2*textH {
		return false
	}
	for _, d := range l.cells {
		over := false
		for _, c := range row.cells {
			if min(c.x1, d.x1)-max(c.x0, d.x0) > 0 {
				if c.numeric {
					return false
				}
				over = true
			}
		}
		if !over {
			return false
		}
	}
	return len(l.cells) > 0
}

// nameTail reports whether line l, right under a table's last row prev,
// is the tail of a name in that row wrapped onto the next line: tight
// below it, without figures, each of its cells under a name of prev and
// set as that name is (wrapsUnder), in a copy that kept the columns (a
// copy that joined cells with single blanks starts every line at the
// left, under every row's first name). A table that ends a page with
// such a row ends there, not at the name's first line, and may go on in
// the next page.
func nameTail(prev, l line) bool {
	if l.page != prev.page || l.y0-prev.y1 > 0.45*l.h() || l.numericCells() > 0 || len(l.cells) == 0 || prev.maxGap() < 2*textH {
		return false
	}
	for _, d := range l.cells {
		if strings.ContainsAny(d.text, "，。；！？：、") {
			return false
		}
		under := false
		for _, c := range prev.cells {
			if min(c.x1, d.x1)-max(c.x0, d.x0) <= 0 {
				continue
			}
			if c.numeric {
				break // under a row's first cell, a copy's every line starts: no sign of a name's column
			}
			p, w := word{x0: c.x0, x1: c.x1, y0: c.y0, y1: c.y1}, word{x0: d.x0, x1: d.x1, y0: d.y0, y1: d.y1}
			under = wrapsUnder(p, w)
			break
		}
		if !under {
			return false
		}
	}
	return true
}

// doubleSpaced reports whether a copy puts a blank line between most lines
// of its prose (pdftotext -layout does, for widely spaced print): then one
// blank line is no gap. Prose lines are those without a run of blanks
// inside, which table rows of such a copy have.
func doubleSpaced(lines []string) bool {
	prose := func(l string) bool {
		t := strings.TrimSpace(l)
		return t != "" && !strings.Contains(t, "  ") && !strings.Contains(t, "\t")
	}
	single, none := 0, 0
	for i := 0; i+1 < len(lines); i++ {
		if !prose(lines[i]) {
			continue
		}
		switch {
		case prose(lines[i+1]):
			none++
		case strings.TrimSpace(lines[i+1]) == "" && i+2 < len(lines) && prose(lines[i+2]):
			single++
		}
	}
	return single > none
}

// liftedLines puts back in order a line of prose that a copy printed one
// line too high: pdftotext -layout may set a sentence's line that opens
// with a figure and its unit ("603.14万元，占20.51%；"), whose digits sit a
// little higher, above the line it follows. Such a line stands after a
// blank line, as no line within a paragraph does, and the line under it
// breaks off mid-word before a blank line, as no paragraph's last line
// does: the two change places. Lines with gaps between words are a
// table's rows, never moved.
func liftedLines(lines []string) []string {
	blank := func(i int) bool { return i < 0 || i >= len(lines) || strings.TrimSpace(lines[i]) == "" }
	drop := map[int]bool{} // the blank lines the copy set around a pair it swapped
	for i := 0; i+1 < len(lines); i++ {
		f, g := strings.TrimSpace(lines[i]), strings.TrimSpace(lines[i+1])
		if !blank(i-1) || blank(i+1) || !blank(i+2) || !figureOpens(f) || spaced(f) || spaced(g) {
			continue
		}
		if last, _ := utf8.DecodeLastRuneInString(g); !unicode.IsLetter(last) {
			continue // the line under it ends a sentence, or a clause
		}
		lines[i], lines[i+1] = lines[i+1], lines[i]
		// The blank lines around the pair are the copy's, not the page's:
		// the sentence runs on from the line above and into the line
		// below, which the paragraph joining tells as on any page.
		drop[i-1], drop[i+2] = i > 0, i+2 < len(lines)
		i++
	}
	if len(drop) == 0 {
		return lines
	}
	out := lines[:0]
	for i, l := range lines {
		if !drop[i] {
			out = append(out, l)
		}
	}
	return out
}

// figureOpensRe matches a line that opens with a figure and its unit or
// sign, no blank between: a sentence's words after a figure.
var figureOpensRe = regexp.MustCompile(`^[0-9][0-9,]*(?:\.[0-9]+)?[^0-9.,\s]`)

func figureOpens(l string) bool { return figureOpensRe.MatchString(l) }

// spaced reports whether a line has two blanks or more between words, as
// a table's row or a layout's columns do and prose does not.
func spaced(l string) bool {
	return strings.Contains(l, "  ") || strings.Contains(l, "\t") || strings.Contains(l, "\u3000\u3000")
}
