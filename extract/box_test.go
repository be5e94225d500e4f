package extract

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"
)

// TestPDFBoxes checks that a table cell and a word of a paragraph are
// placed where minimalPDF printed them: Helvetica at (x, y) from the top
// left, size points high.
func TestPDFBoxes(t *testing.T) {
	needPdftotext(t)
	items := []textItem{
		{72, 100, 12, "Spending this year was 1234.56 in total and more words follow here"},
		{72, 160, 10, "Item"}, {300, 160, 10, "Amount"}, {420, 160, 10, "Share"},
		{72, 180, 10, "Office"}, {300, 180, 10, "7,654.32"}, {420, 180, 10, "12.5"},
		{72, 200, 10, "Travel"}, {300, 200, 10, "88.10"}, {420, 200, 10, "3.0"},
	}
	data := minimalPDF([][]textItem{items}, "")
	doc, err := PDF(context.Background(), bytes.NewReader(data), int64(len(data)), PDFOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var para, table *Block
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		switch {
		case b.Kind == Paragraph && strings.Contains(b.Text, "1234.56"):
			para = b
		case b.Kind == TableBlock:
			table = b
		}
	}
	if para == nil || table == nil {
		t.Fatalf("blocks %+v; want a paragraph with 1234.56 and a table", doc.Blocks)
	}
	at := strings.Index(para.Text, "1234.56")
	page, box := para.Where(at, at+len("1234.56"))
	// Helvetica digits are 0.556 em: "Spending this year was " is about
	// 126 pt wide at 12 pt, the figure about 37.
	if page != 1 || math.Abs(box.X0-198) > 12 || math.Abs(box.X1-235) > 12 || box.Y0 < 96 || box.Y1 > 116 {
		t.Errorf("paragraph figure at page %d %+v; want page 1 near x 198–235, y 100–112", page, box)
	}
	var cell *Cell
	for _, row := range table.Table.Rows {
		for j := range row {
			if row[j].Text == "7,654.32" {
				cell = &row[j]
			}
		}
	}
	if cell == nil {
		t.Fatalf("no cell 7,654.32 in %q", table.Text)
	}
	if b := cell.Box; math.Abs(b.X0-300) > 1 || b.X1 < 330 || b.X1 > 350 || b.Y0 < 176 || b.Y1 > 194 {
		t.Errorf("cell 7,654.32 at %+v; want x from 300, about 40 wide, y 180–190", b)
	}
}

func TestBoxUnion(t *testing.T) {
	a, b := Box{1, 2, 3, 4}, Box{0, 3, 2, 5}
	if got, want := a.Union(b), (Box{0, 2, 3, 5}); got != want {
		t.Errorf("Union = %+v; want %+v", got, want)
	}
	if got := a.Union(Box{}); got != a {
		t.Errorf("Union with the zero box = %+v; want %+v", got, a)
	}
	if !(Box{}).Empty() || a.Empty() {
		t.Error("Empty wrong")
	}
}
