package extract

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/fiscaldocs/fiscaldocs/corpus"
)

// MaxHTML is the largest web page HTML reads, in bytes.
const MaxHTML = 64 << 20

// HTML reads a report published as a web page: h1–h6 become headings;
// p, li, div and the other block elements paragraphs; tables a grid with
// rowspan and colspan expanded (a table inside a cell becomes its own
// block, one level deeper). Scripts, styles and forms are left out. The
// charset is found as the crawler finds it (corpus.DecodeHTML).
func HTML(r io.ReaderAt, size int64) (*Document, error) {
	if size > MaxHTML {
		return nil, &Error{Err: fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, size, MaxHTML)}
	}
	raw := make([]byte, size)
	if _, err := r.ReadAt(raw, 0); err != nil && err != io.EOF {
		return nil, &Error{Err: err}
	}
	text, problem := decodeHTML(raw)
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, &Error{Err: err}
	}
	h := &htmlReader{doc: &Document{Format: "html"}}
	if problem != nil {
		h.doc.Problems = append(h.doc.Problems, problem)
	}
	h.walk(root, 0)
	h.flush()
	if h.err != nil {
		return nil, h.err
	}
	return h.doc, nil
}

// decodeHTML is the page as UTF-8 text, its charset found as the crawler
// finds it (corpus.DecodeHTML). A page that is not valid in the charset it
// names (GBK bytes under a utf-8 meta) is read as GB18030 when it is valid
// GB18030, as an undeclared page is; otherwise its invalid bytes become
// U+FFFD. Either way a problem says so.
func decodeHTML(raw []byte) (string, *Error) {
	out, _ := io.ReadAll(corpus.DecodeHTML(raw, ""))
	if utf8.Valid(out) && bytes.Count(out, []byte("\uFFFD")) == bytes.Count(raw, []byte("\uFFFD")) {
		return string(out), nil
	}
	if g, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw); err == nil && !bytes.ContainsRune(g, utf8.RuneError) {
		return string(g), &Error{Err: fmt.Errorf("%w: the page is not in the charset it declares; read as GB18030", ErrBadBytes)}
	}
	text := strings.ToValidUTF8(string(out), "\uFFFD")
	bad := strings.Count(text, "\uFFFD") - bytes.Count(raw, []byte("\uFFFD"))
	return text, &Error{Err: fmt.Errorf("%w: %d unreadable characters read as U+FFFD", ErrBadBytes, bad)}
}

// maxTableCells bounds the grid of one table, merged cells expanded.
const maxTableCells = 1 << 20

type htmlReader struct {
	err   error // a table past maxTableCells
	doc   *Document
	para  strings.Builder // the paragraph being gathered
	level int             // its heading level, 0 for a paragraph
}

// htmlSkipped elements hold no report text.
var htmlSkipped = map[string]bool{"head": true, "script": true, "style": true, "noscript": true, "template": true,
	"select": true, "option": true, "textarea": true, "button": true, "iframe": true, "object": true, "svg": true}

// blockElems end the paragraph before them and after them.
var blockElems = map[string]bool{"p": true, "div": true, "li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true,
	"section": true, "article": true, "header": true, "footer": true, "nav": true, "aside": true, "main": true, "blockquote": true,
	"pre": true, "address": true, "figure": true, "figcaption": true, "hr": true, "form": true, "fieldset": true, "center": true,
	"caption": true, "body": true}

func (h *htmlReader) walk(n *html.Node, depth int) {
	switch n.Type {
	case html.TextNode:
		h.para.WriteString(n.Data)
		return
	case html.ElementNode:
		switch tag := n.Data; {
		case htmlSkipped[tag]:
			return
		case tag == "br":
			h.flush()
			return
		case tag == "table":
			h.flush()
			h.table(n, depth)
			return
		case len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6':
			h.flush()
			h.level = int(tag[1] - '0')
			h.children(n, depth)
			h.flush()
			return
		case blockElems[tag]:
			h.flush()
			h.children(n, depth)
			h.flush()
			return
		}
	}
	h.children(n, depth)
}

func (h *htmlReader) children(n *html.Node, depth int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		h.walk(c, depth)
	}
}

// flush ends the paragraph or heading being gathered.
func (h *htmlReader) flush() {
	text := cleanHTMLText(h.para.String())
	h.para.Reset()
	level := h.level
	h.level = 0
	if text == "" {
		return
	}
	if level > 0 {
		h.doc.add(Block{Kind: Heading, Level: level, Text: text})
		return
	}
	h.doc.add(Block{Kind: Paragraph, Text: text})
}

// table adds a table block, then the tables nested in its cells.
func (h *htmlReader) table(n *html.Node, depth int) {
	if h.err != nil {
		return
	}
	var rows []*html.Node
	var findRows func(*html.Node)
	findRows = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "tr":
				rows = append(rows, c)
			case "thead", "tbody", "tfoot":
				findRows(c)
			}
		}
	}
	findRows(n)
	t := &Table{Depth: depth}
	var nested []*html.Node
	// taken[r][c] marks grid cells filled by a span from above.
	var taken []map[int]bool
	ensure := func(r int) {
		for len(taken) <= r {
			taken = append(taken, map[int]bool{})
			t.Rows = append(t.Rows, nil)
		}
	}
	cells := 0
	for r, tr := range rows {
		ensure(r)
		c := 0
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if td.Type != html.ElementNode || (td.Data != "td" && td.Data != "th") {
				continue
			}
			for taken[r][c] {
				c++
			}
			rs, cs := htmlSpan(td, "rowspan", len(rows)-r), htmlSpan(td, "colspan", 1000)
			if cells += rs * cs; cells > maxTableCells {
				h.err = &Error{Err: fmt.Errorf("%w: a table of more than %d cells", ErrTooLarge, maxTableCells)}
				return
			}
			text := cleanHTMLText(cellText(td, &nested))
			for dr := 0; dr < rs; dr++ {
				ensure(r + dr)
				for dc := 0; dc < cs; dc++ {
					taken[r+dr][c+dc] = true
					cell := Cell{OriginRow: r, OriginCol: c, RowSpan: rs, ColSpan: cs}
					if dr == 0 && dc == 0 {
						cell.Text = text
					}
					row := t.Rows[r+dr]
					for len(row) <= c+dc {
						row = append(row, Cell{})
					}
					row[c+dc] = cell
					t.Rows[r+dr] = row
				}
			}
			c += cs
		}
	}
	// Short rows are padded, so that the grid is rectangular.
	width := 0
	for _, row := range t.Rows {
		width = max(width, len(row))
	}
	for i, row := range t.Rows {
		for j := range row {
			if c := &row[j]; c.RowSpan == 0 {
				*c = Cell{OriginRow: i, OriginCol: j, RowSpan: 1, ColSpan: 1}
			}
		}
		for len(row) < width {
			row = append(row, Cell{OriginRow: i, OriginCol: len(row), RowSpan: 1, ColSpan: 1})
		}
		if cells += width - len(t.Rows[i]); cells > maxTableCells {
			h.err = &Error{Err: fmt.Errorf("%w: a table of more than %d cells", ErrTooLarge, maxTableCells)}
			return
		}
		t.Rows[i] = row
	}
	if width > 0 {
		h.doc.add(Block{Kind: TableBlock, Text: t.text(), Table: t})
	}
	for _, n := range nested {
		h.table(n, depth+1)
	}
}

// htmlSpan reads a rowspan or colspan attribute: 1 when absent or invalid,
// at most limit (a rowspan past the table's last row is cut there).
func htmlSpan(n *html.Node, key string, limit int) int {
	for _, a := range n.Attr {
		if a.Key == key {
			if v, err := strconv.Atoi(strings.TrimSpace(a.Val)); err == nil && v > 1 {
				return min(v, limit)
			}
		}
	}
	return 1
}

// cellText is a cell's text, its block elements on lines of their own;
// tables inside it are set aside in nested.
func cellText(n *html.Node, nested *[]*html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			return
		case n.Type != html.ElementNode:
		case n.Data == "table":
			*nested = append(*nested, n)
			return
		case htmlSkipped[n.Data]:
			return
		case n.Data == "br" || blockElems[n.Data]:
			b.WriteByte(lineBreak)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c)
	}
	return b.String()
}

// lineBreak marks a break the markup made (br, a block inside a cell), as
// against a newline in the source, which is only a space.
const lineBreak = '\x00'

// cleanHTMLText collapses each run of whitespace in HTML source (newlines,
// no-break spaces, the full-width spaces used for indentation) to one
// space within each marked line, drops a run that holds a source line
// break between two Chinese characters (a browser shows none there), and
// joins the lines with "\n".
func cleanHTMLText(s string) string {
	var lines []string
	for _, line := range strings.Split(s, string(lineBreak)) {
		if line = collapseSpace(line); line != "" {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}

func collapseSpace(s string) string {
	var b strings.Builder
	var prev rune // the last rune written
	inSpace, newline := false, false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' {
			inSpace = true
			newline = newline || r == '\n' || r == '\r'
			continue
		}
		if inSpace && b.Len() > 0 && !(newline && isCJK(prev) && isCJK(r)) {
			b.WriteByte(' ')
		}
		inSpace, newline = false, false
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// isCJK reports a Chinese character or full-width punctuation mark.
func isCJK(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFFEF
}
