package main

import (
	"cmp"
	"regexp"
	"strings"
)

// A -raw copy in content-stream order (streamOrder) is rewritten from the
// copy in reading order that pdftotext makes: some producers draw each
// table's title after the table's body, and the raw copies of their table
// books print it there. Only lines move; every line of figures keeps its
// text and its place among the others, so the facts stay the PDF's.

// titlesAfter moves each table's title line in a -raw copy to the end of
// the table's part on the title's page: before the line that opens the
// block after the table, or before the page's end.
func titlesAfter(text string, d *Doc) string {
	lines := strings.Split(text, "\n")
	at := 0
	for bi, bl := range d.Blocks {
		if bl.Kind != bTable {
			continue
		}
		title, n := findTitle(lines, at, bl.Table.Title)
		if title < 0 {
			continue // not where it was looked for: left as printed
		}
		end := partEnd(lines, title+n, nextText(d.Blocks[bi+1:]))
		p := cutPart(lines[title:end], n)
		moved := append(append([]string(nil), lines[:title]...), p.stream()...)
		lines = append(moved, lines[end:]...)
		at = end
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

// part is a table's part on its title's page in a -raw copy: the title's
// lines, then the lines under it, as pdftotext printed them.
type part struct {
	title []string
	rest  []string
}

// cutPart splits the lines of a table's part, title first, into a part;
// n is the number of the title's lines. It copies what it keeps.
func cutPart(lines []string, n int) part {
	return part{title: append([]string(nil), lines[:n]...), rest: append([]string(nil), lines[n:]...)}
}

// stream is the part's lines as a stream-order producer draws them: the
// rest first, then the title and, where the first line of figures is the
// 合计, that line's label. A page that opened with the title still opens
// on the part's first line.
func (p part) stream() []string {
	t := append(append([]string(nil), p.title...), totalLabelAfter(p.rest)...)
	if len(p.rest) > 0 && strings.HasPrefix(t[0], "\f") {
		t[0], p.rest[0] = strings.TrimPrefix(t[0], "\f"), "\f"+p.rest[0]
	}
	return append(p.rest, t...)
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

// hasFigure reports whether a -raw line holds a figure: digits with a
// decimal point or a thousands separator (a code or a 栏次 number has
// neither).
func hasFigure(l string) bool {
	return strings.ContainsAny(l, "0123456789") && strings.ContainsAny(l, ".,")
}
