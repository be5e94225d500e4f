package normalize

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/fiscaldocs/fiscaldocs/extract"
	"golang.org/x/text/width"
)

// Where is where the fact was printed, for a reader to see it on the page:
// the page and the box of the figure's words, in points (extract.Box). A
// table's figure is its cell's box; a sentence's is the box of the words
// that print Raw, within the stretch of text Text holds. It gives the
// fact's own page and the zero Box when the document does not say (a
// format without pages, a text copy, a chart), or when Raw is not found
// where the fact says it was read.
func Where(doc *extract.Document, f *Fact) (page int, box extract.Box) {
	page = f.Pos.Page
	if f.Pos.Block < 1 || f.Pos.Block > len(doc.Blocks) || f.Method == FromChart {
		return page, box
	}
	b := &doc.Blocks[f.Pos.Block-1]
	if b.Table != nil {
		return page, cellBox(b.Table, f)
	}
	if len(b.Spans) == 0 {
		return page, box
	}
	text := folded(b.Text)
	from := 0
	if w := folded(f.Text).s; w != "" {
		if i := strings.Index(text.s, w); i >= 0 {
			from = i
		}
	}
	raw := folded(f.Raw).s
	i := strings.Index(text.s[from:], raw)
	if raw == "" || i < 0 {
		return page, box
	}
	// The figure itself, not the words Raw may carry with it (减少63.14万元,
	// whose 减少 may end the line above).
	if m := figure.FindStringIndex(raw); m != nil {
		i, raw = i+m[0], raw[m[0]:m[1]]
	}
	at, end := text.off[from+i], text.end[from+i+len(raw)-1]
	if p, bx := b.Where(at, end); p != 0 && !bx.Empty() {
		return p, bx
	}
	return page, box
}

// figure is a number as printed, once folded.
var figure = regexp.MustCompile(`[0-9][0-9,.]*%?`)

// cellBox is the box of the fact's cell: the one its position names, or,
// where the table was read through a view that moved its columns, the
// cell of its row that prints Raw.
func cellBox(t *extract.Table, f *Fact) extract.Box {
	r := f.Pos.Row - 1
	if r < 0 || r >= len(t.Rows) {
		return extract.Box{}
	}
	raw := folded(f.Raw).s
	row := t.Rows[r]
	origin := func(c extract.Cell) extract.Cell { return t.Rows[c.OriginRow][c.OriginCol] }
	if c := f.Pos.Col - 1; c >= 0 && c < len(row) {
		if cell := origin(row[c]); prints(cell, raw) {
			return cell.Box
		}
	}
	for _, c := range row {
		if cell := origin(c); prints(cell, raw) {
			return cell.Box
		}
	}
	return extract.Box{}
}

// prints reports whether a cell prints the figure raw: the cell's text is
// raw, or raw without the unit a table states once (7,654.32 for
// 7,654.32万元).
func prints(c extract.Cell, raw string) bool {
	t := folded(c.Text).s
	return t != "" && raw != "" && strings.IndexFunc(t, unicode.IsDigit) >= 0 && strings.HasPrefix(raw, t)
}

// foldedText is a text width-folded without its white space, with each
// of its bytes' offsets in the text it came from: where the rune that
// byte belongs to starts (off) and ends (end).
type foldedText struct {
	s        string
	off, end []int
}

func folded(s string) foldedText {
	var f foldedText
	var b strings.Builder
	for i, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		fr := width.Fold.String(string(r))
		n := len(string(r))
		b.WriteString(fr)
		for range len(fr) {
			f.off = append(f.off, i)
			f.end = append(f.end, i+n)
		}
	}
	f.s = b.String()
	return f
}
