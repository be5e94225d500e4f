package main

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// A -raw copy in content-stream order (streamOrder) is rewritten from the
// copy in reading order that pdftotext makes: some producers draw each
// table's title after the table's body, and the raw copies of their table
// books print it there. Only lines move; every line of figures keeps its
// text and its place among the others, so the facts stay the PDF's.

// titlesAfter moves each table's title line in a -raw copy to the end of
// the table's part on the title's page: before the line that opens the
// block after the table, or before the page's end. About half of the
// headers of three lines or more are scattered about the figures and the
// title on the way (scatterOf).
func titlesAfter(text string, d *Doc) string {
	lines := strings.Split(text, "\n")
	at := 0
	for bi, bl := range d.Blocks {
		if bl.Kind != bTable {
			continue
		}
		tb := bl.Table
		title, n := findTitle(lines, at, tb.Title)
		if title < 0 {
			continue // not where it was looked for: left as printed
		}
		from := title
		if title > at && tb.Mark != "" && squash(lines[title-1]) == squash(tb.Mark) {
			from = title - 1
		}
		end := partEnd(lines, title+n, nextText(d.Blocks[bi+1:]))
		p := cutPart(lines[from:end], title-from, n, tb)
		drawn := p.stream(scatterOf(d.Name, tb.Title, len(p.head)))
		lines = slices.Concat(lines[:from], drawn, lines[end:])
		at = from + len(drawn)
	}
	return strings.Join(lines, "\n")
}

// squash drops a line's blanks, which pdftotext sets where the PDF has
// gaps and the HTML has none.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// findTitle finds a table's title in lines from at on: its first line and
// its number of lines (a long title wraps over two), or -1.
func findTitle(lines []string, at int, title string) (int, int) {
	want := squash(title)
	for i := at; i < len(lines); i++ {
		switch {
		case squash(lines[i]) == want:
			return i, 1
		case i+1 < len(lines) && squash(lines[i]+lines[i+1]) == want:
			return i, 2
		}
	}
	return -1, 0
}

// nextText is the first text of the first block in blocks that prints
// any: a heading's or paragraph's text, a table's mark or title.
func nextText(blocks []Block) string {
	for _, nb := range blocks {
		var text string
		switch nb.Kind {
		case bHeading, bPara:
			text = nb.Text
		case bTable:
			text = cmp.Or(nb.Table.Mark, nb.Table.Title)
		}
		if text != "" {
			return text
		}
	}
	return ""
}

// partEnd is the end of a table's part on its title's page, searched from
// line i: the line that opens the next block (next, "" for none) or the
// page's last line, whichever comes first.
func partEnd(lines []string, i int, next string) int {
	for i < len(lines) && !strings.Contains(lines[i], "\f") && !opens(lines[i], next) {
		i++
	}
	return i
}

// opens reports whether a line starts with a block's text (its first
// eight characters, blanks ignored).
func opens(l, block string) bool {
	l, r := squash(l), []rune(squash(block))
	n := min(len(r), 8)
	return n > 0 && strings.HasPrefix(l, string(r[:n]))
}

// part is a table's part on its title's page in a -raw copy, as
// pdftotext printed it: the table's mark, title, caption and header, then
// its body from the first line of figures on.
type part struct {
	page    bool     // the part's first line opened its page (a form feed, dropped from the lines)
	mark    []string // the mark's line when it was the line above the title
	title   []string // the title's lines
	total   []string // the 合计 label taken off the first line of figures (totalLabelAfter)
	caption string   // the caption line (部门 and 单位) under the title, "" when there is none
	org     string   // the caption's 部门 part, as the table prints it
	unit    string   // the caption's 单位 part
	head    []string // the header: the lines under the caption before the first line of figures
	body    []string // the first line of figures and all after it, to the part's end
}

// cutPart cuts a table's part from its lines: title is the index of the
// title's first line (1 when the mark's line comes first) and n the
// number of its lines. It copies lines, and every slice it keeps is
// clipped, so that no append to one overwrites another.
func cutPart(lines []string, title, n int, t *Table) part {
	lines = slices.Clone(lines)
	var p part
	if strings.HasPrefix(lines[0], "\f") {
		p.page, lines[0] = true, strings.TrimPrefix(lines[0], "\f")
	}
	p.mark, p.title = slices.Clip(lines[:title]), slices.Clip(lines[title:title+n])
	rest := lines[title+n:]
	p.total = totalLabelAfter(rest)
	if len(rest) > 0 && t.Org+t.Unit != "" && squash(rest[0]) == squash(t.Org+t.Unit) {
		p.caption, p.org, p.unit, rest = rest[0], t.Org, t.Unit, rest[1:]
	}
	if i := slices.IndexFunc(rest, opensBody); i >= 0 {
		p.head, rest = slices.Clip(rest[:i]), rest[i:]
	}
	p.body = rest
	return p
}

// stream is the part's lines as a stream-order producer draws them: the
// caption, header and body first, then the title and, where the first
// line of figures was the 合计, that line's label; sc scatters the
// header and caption about the figures and the title. A page that opened
// on the part still opens on its first line.
func (p part) stream(sc scatter) []string {
	top, before, after := p.captionLines(sc.caption)
	above, middle, under := sc.cutHead(p.head)
	title := slices.Clone(p.title)
	if sc.glue {
		var word string
		under, word = glueWord(under)
		title[len(title)-1] += word
	}
	mark := p.mark
	if sc.moveMark {
		under, mark = slices.Insert(under, sc.markAt%(len(under)+1), mark...), nil
	}
	out := slices.Concat(mark, top, above, p.body, middle, before, title, p.total, after, under)
	if p.page {
		out[0] = "\f" + out[0]
	}
	return out
}

// captionLines are the caption's pieces as the caption mode (scatter)
// places them: above the figures, just before the title, or just after
// it. Mode 1 sets the 部门 part before the title, mode 2 sets the
// department's name after it and leaves its label; modes a caption
// cannot take leave it whole above the figures.
func (p part) captionLines(mode int) (top, before, after []string) {
	label, name, named := strings.Cut(p.org, "：")
	switch {
	case p.caption == "":
		return nil, nil, nil
	case mode == 1 && p.org != "" && p.unit != "":
		return []string{p.unit}, []string{p.org}, nil
	case mode == 1:
		return nil, []string{p.caption}, nil
	case mode == 2 && named && name != "":
		return []string{strings.TrimSpace(label + "： " + p.unit)}, nil, []string{name}
	}
	return []string{p.caption}, nil, nil
}

// glueWord takes the first line of one short word (合计, 小计, 项目: six
// characters at most) out of lines and returns it, to be set on the
// title's line; lines are returned unchanged when none is.
func glueWord(lines []string) ([]string, string) {
	for i, l := range lines {
		if f := strings.Fields(l); len(f) == 1 && utf8.RuneCountInString(f[0]) <= 6 {
			return slices.Delete(slices.Clone(lines), i, i+1), strings.TrimSpace(l)
		}
	}
	return lines, ""
}

// scatter is how a stream-order producer scatters a table's header of
// three lines or more, as the raw copies of Jiangsu's 2019 table books
// print their “三公” tables: the lower header lines stay above the
// figures, one may sit between the figures and the title, the rest come
// after the title; the caption may move and a header word may join the
// title's line. The zero value scatters nothing.
type scatter struct {
	split    int  // header lines from split on stay above the figures; those before it go after the title
	middle   bool // the header line just before split sits between the figures and the title
	caption  int  // where the caption goes: 0 stays above, 1 its 部门 part before the title, 2 the name after the title
	glue     bool // the first one-word header line after the title is set on the title's line
	moveMark bool // the mark's line goes among the header lines after the title
	markAt   int  // where among them, modulo their number plus one
}

// scatterOf draws the scatter of a table's header of n lines in a
// stream-order copy: none below three lines, and for about half of the
// others a scatter drawn from the hash of the document's name and the
// table's title, never from the document's random source, so that no
// other output changes.
func scatterOf(name, title string, n int) scatter {
	x := drawFrom(name, title)
	if n < 3 || x%2 == 1 {
		return scatter{}
	}
	x /= 2
	sc := scatter{split: 1 + int(x%uint32(n-1))}
	x /= uint32(n - 1)
	sc.middle = sc.split >= 2 && x%2 == 0
	sc.caption = int(x / 2 % 3)
	sc.glue = x/6%3 == 0
	sc.moveMark = x/18%2 == 0
	sc.markAt = int(x / 36 % 64)
	return sc
}

// cutHead cuts a header's lines into those that stay above the figures,
// the one between the figures and the title, and those after the title.
func (sc scatter) cutHead(head []string) (above, middle, under []string) {
	above, under = head[sc.split:], slices.Clip(head[:sc.split])
	if sc.middle {
		under, middle = slices.Clip(under[:len(under)-1]), under[len(under)-1:]
	}
	return above, middle, under
}

// totalLineRe is a table's 合计 line in a -raw copy: the label and its
// figures.
var totalLineRe = regexp.MustCompile(`^合计((?:\s+[-\d,.]+)+)$`)

// totalLabelAfter draws a table's 合计 as the same producers do: where the
// first line of figures in the table's part is its 合计, the label goes
// with the title after the table and the figures stay, alone on their
// line (江苏 table books, 2019). It edits rest and returns the lines that
// follow the title.
func totalLabelAfter(rest []string) []string {
	for i, l := range rest {
		m := totalLineRe.FindStringSubmatch(strings.TrimSpace(l))
		if m != nil {
			rest[i] = strings.TrimSpace(m[1])
			return []string{"合计"}
		}
		if hasFigure(l) {
			return nil // the first figures are a row's, not the 合计's
		}
	}
	return nil
}

// rowStartRe matches a line that opens a table's row with its function
// or economic code.
var rowStartRe = regexp.MustCompile(`^\d{3}`)

// opensBody reports whether a -raw line is the table's body, not its
// header: a line of figures, or a row's first line, whose figures a name
// wrapped in a narrow column puts lines lower.
func opensBody(l string) bool {
	return hasFigure(l) || rowStartRe.MatchString(strings.TrimSpace(l))
}

// hasFigure reports whether a -raw line holds a figure: digits with a
// decimal point or a thousands separator (a code or a 栏次 number has
// neither).
func hasFigure(l string) bool {
	return strings.ContainsAny(l, "0123456789") && strings.ContainsAny(l, ".,")
}
