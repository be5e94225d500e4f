// Package extract is the second stage of the pipeline: it turns the bytes of
// one document (found and identified by package corpus) into a Document of
// blocks — headings, paragraphs, tables with merged cells and chart series —
// each with its position, for package normalize to read.
//
// extract holds no Chinese-language or budget knowledge: it knows file
// formats only (docx, xlsx, PDF through poppler's pdftotext, scanned PDF
// pages through pdftoppm and tesseract's OCR, web pages, plain text, and
// .doc/.xls through LibreOffice's conversion to docx/xlsx).
// Readers take an io.ReaderAt and a size, like archive/zip, and never a
// path. They are synchronous and safe to call from many goroutines at
// once, each on its own document; LibreOffice runs one batch of
// conversions at a time, tesseract one page per CPU.
package extract

import (
	"fmt"
	"strings"
)

// Kind says what a Block holds.
type Kind uint8

// The kinds of block.
const (
	Paragraph Kind = iota + 1
	Heading
	TableBlock
	ChartBlock
	// Furniture is running page furniture: page numbers and the like, kept
	// so that no printed text is lost, but not part of the reading flow.
	Furniture
)

var kindNames = [...]string{Paragraph: "paragraph", Heading: "heading", TableBlock: "table", ChartBlock: "chart", Furniture: "furniture"}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// MarshalText writes the kind's name, so JSON shows "table", not 3.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Pos locates a block, or a cell within a table block. All fields are
// 1-based; zero means "not applicable": Page is 0 for formats without pages
// (docx, plain text without form feeds), Row and Col are 0 outside tables.
type Pos struct {
	Page  int `json:"page,omitempty"`
	Block int `json:"block,omitempty"` // index of the block in Document.Blocks, 1-based
	Row   int `json:"row,omitempty"`
	Col   int `json:"col,omitempty"`
}

// String renders the position as people read it: "page 3 block 12 row 4 col 2",
// leaving out the parts that are zero.
func (p Pos) String() string {
	var parts []string
	add := func(name string, v int) {
		if v > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", name, v))
		}
	}
	add("page", p.Page)
	add("block", p.Block)
	add("row", p.Row)
	add("col", p.Col)
	return strings.Join(parts, " ")
}

// Document is one file's content in reading order.
type Document struct {
	Format   string   // the reader that produced it: "docx", "txt", …
	Pages    int      // number of pages, when the format has them; 0 otherwise
	Blocks   []Block  // in reading order; Blocks[i].Pos.Block == i+1
	Problems []*Error // what went wrong without stopping the read
}

// Block is one unit of content.
type Block struct {
	Kind  Kind
	Pos   Pos
	Level int    // heading level, 1 = top; 0 for other kinds
	Style string // the paragraph style's name, when the format has styles
	// Text is the block's text as a reader sees it, numbering labels
	// included. For a table it is the cells row by row, tab-separated; for a
	// chart, its title.
	Text string
	// Lines, for a paragraph joined from several printed lines (a PDF
	// page, a hard-wrapped text), holds the byte offset in Text where each
	// line after the first starts: where the source broke the lines, which
	// a reader may take for a break the joining missed.
	Lines []int
	Table *Table // set for TableBlock
	Chart *Chart // set for ChartBlock
	// OCR is set when the block was read by optical character recognition
	// from a page image: its characters and figures may be misread.
	OCR bool
	// Spans, for a paragraph laid out from a PDF page's word boxes (its
	// text layer or OCR), say where each word of Text was printed, in
	// order; nil for other formats and for text copies, whose words have
	// no boxes. A table's cells carry their own Box.
	Spans []Span
}

// Box is a rectangle on a page, in points (1/72 inch) from the page's
// top-left corner, x rightwards and y downwards, as poppler's word boxes
// and pdftoppm's renderings at 72 dpi have it. The zero Box is "not known".
type Box struct {
	X0, Y0, X1, Y1 float64 // in points
}

// Empty reports whether the box is not known (or has no area).
func (b Box) Empty() bool { return b.X1 <= b.X0 || b.Y1 <= b.Y0 }

// Union is the smallest box holding both; an empty box adds nothing.
func (b Box) Union(o Box) Box {
	switch {
	case o.Empty():
		return b
	case b.Empty():
		return o
	}
	return Box{min(b.X0, o.X0), min(b.Y0, o.Y0), max(b.X1, o.X1), max(b.Y1, o.Y1)}
}

// Span places a stretch of a block's text on its page: Text[Off:End] was
// printed within Box on page Page.
type Span struct {
	Off, End int // byte offsets in Block.Text
	Page     int
	Box      Box
}

// Where is the page and box where Text[from:to] was printed: the boxes
// of the spans it touches on the page of the first, a span it covers in
// part narrowed to that part (a word's characters taken as a Han a full
// em wide and anything else about half). It returns page 0 and the zero
// Box when the block has no spans there.
func (b *Block) Where(from, to int) (page int, box Box) {
	for _, s := range b.Spans {
		if s.End <= from || s.Off >= to || (page != 0 && s.Page != page) {
			continue
		}
		page = s.Page
		box = box.Union(s.part(b.Text, max(from, s.Off), min(to, s.End)))
	}
	return page, box
}

// part narrows the span's box to the characters of text[from:to], by
// their estimated widths across it.
func (s Span) part(text string, from, to int) Box {
	if s.End > len(text) || from < s.Off || to > s.End {
		return s.Box
	}
	before, inside, after := ems(text[s.Off:from]), ems(text[from:to]), ems(text[to:s.End])
	total := before + inside + after
	if total == 0 {
		return s.Box
	}
	w := s.Box.X1 - s.Box.X0
	out := s.Box
	out.X0 = s.Box.X0 + w*before/total
	out.X1 = s.Box.X1 - w*after/total
	return out
}

// ems is text's estimated width in ems: a Han or full-width form one, any
// other character about half.
func ems(text string) float64 {
	n := 0.0
	for _, r := range text {
		if r >= 0x2E80 {
			n++
		} else {
			n += 0.55
		}
	}
	return n
}

// Table is a rectangular grid of cells: merged ranges are expanded so that
// every row has the same number of cells.
type Table struct {
	Rows  [][]Cell
	Depth int   // 0 for a top-level table, 1 for a table inside a cell, …
	Pages []int // the page of each row, for formats with pages; nil otherwise
	// Packed is set when the source kept each row's cells in order but not
	// their columns (a text copy whose cells are apart by single blanks):
	// a row's j-th cell is then not in the table's j-th column, and a blank
	// cell was not printed at all.
	Packed bool
}

// Cell is one grid position of a table.
type Cell struct {
	Text string // "" for cells covered by another cell's merged range
	// OriginRow and OriginCol are the 0-based grid position of the top-left
	// cell of the merged range this cell belongs to; a cell that is not
	// merged is its own origin.
	OriginRow, OriginCol int
	RowSpan, ColSpan     int // size of that merged range in grid cells; 1, 1 when not merged
	// Lines are the byte offsets in Text where a line starts that stood on
	// a line of its own below the cell's first, without figures, and was
	// taken for the cell's text wrapping (a PDF or a text copy, where rows
	// have no borders). Such a line may be the next row's label instead;
	// the reader that knows the labels decides.
	Lines []int `json:",omitempty"`
	// Box is where the cell's words were printed, on the page of its row
	// (Table.Pages), for a table laid out from a PDF page's word boxes;
	// the zero Box otherwise, and for a cell another's range covers.
	Box Box
}

// Covered reports whether the cell at grid position (row, col) lies inside
// another cell's merged range.
func (c Cell) Covered(row, col int) bool { return c.OriginRow != row || c.OriginCol != col }

// Chart is a chart's cached data, as the producing program stored it for
// display.
type Chart struct {
	Title  string
	Type   string // the plot's element name: "barChart", "pieChart", …
	Series []Series
}

// Series is one data series of a chart.
type Series struct {
	Name       string
	Categories []string
	// Values holds each point's cached value exactly as stored, for
	// example "2111.4700000000012"; "" marks a missing point. Rounding to
	// the printed precision is the reader's business.
	Values []string
}

// add appends a block, numbering its position.
func (d *Document) add(b Block) {
	b.Pos.Block = len(d.Blocks) + 1
	d.Blocks = append(d.Blocks, b)
}

// Text renders a table's cells row by row, tab-separated.
func (t *Table) text() string {
	var b strings.Builder
	for i, row := range t.Rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		for j, c := range row {
			if j > 0 {
				b.WriteByte('\t')
			}
			b.WriteString(strings.ReplaceAll(c.Text, "\n", " "))
		}
	}
	return b.String()
}
