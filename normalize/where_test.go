package normalize

import (
	"testing"

	"github.com/fiscaldocs/fiscaldocs/extract"
)

func TestWhere(t *testing.T) {
	text := "本年支出合计 2,149.94万元，比上年增加１２．５万元。"
	// One span a printed word: the sentence, then its second line.
	cut := len("本年支出合计 2,149.94万元，")
	para := extract.Block{Kind: extract.Paragraph, Text: text, Pos: extract.Pos{Page: 3, Block: 1}, Spans: []extract.Span{
		{Off: 0, End: cut, Page: 3, Box: extract.Box{X0: 100, Y0: 200, X1: 300, Y1: 212}},
		{Off: cut, End: len(text), Page: 4, Box: extract.Box{X0: 50, Y0: 60, X1: 250, Y1: 72}},
	}}
	table := extract.Block{Kind: extract.TableBlock, Pos: extract.Pos{Page: 5, Block: 2}, Table: &extract.Table{Rows: [][]extract.Cell{
		{{Text: "合计"}, {Text: "7,654.32", OriginCol: 1, Box: extract.Box{X0: 400, Y0: 500, X1: 440, Y1: 510}}},
	}}}
	doc := &extract.Document{Blocks: []extract.Block{para, table}}
	for _, tc := range []struct {
		name     string
		f        Fact
		page     int
		x0, x1   float64 // want, to 1 pt
		wantNone bool
	}{
		{"figure on the first line", Fact{Raw: "2,149.94万元", Text: "本年支出合计2,149.94万元", Pos: extract.Pos{Page: 3, Block: 1}}, 3, 100 + 200*6.55/13.95, 0, false}, // 6 Han and a blank before, 8 ASCII and 2 Han in it, a full-width comma after,
		{"full-width figure on the page after", Fact{Raw: "12.5万元", Text: "比上年增加12.5万元", Pos: extract.Pos{Page: 3, Block: 1}}, 4, 0, 0, false},
		{"table cell", Fact{Raw: "7,654.32万元", Method: FromTable, Pos: extract.Pos{Page: 5, Block: 2, Row: 1, Col: 2}}, 5, 400, 440, false},
		{"not printed there", Fact{Raw: "99.99", Pos: extract.Pos{Page: 3, Block: 1}}, 3, 0, 0, true},
		{"chart", Fact{Raw: "2,149.94万元", Method: FromChart, Pos: extract.Pos{Page: 3, Block: 1}}, 3, 0, 0, true},
	} {
		page, box := Where(doc, &tc.f)
		if page != tc.page || box.Empty() != tc.wantNone {
			t.Errorf("%s: Where = page %d %+v; want page %d, box known %v", tc.name, page, box, tc.page, !tc.wantNone)
			continue
		}
		if tc.x0 != 0 && (box.X0 < tc.x0-1 || box.X0 > tc.x0+1) {
			t.Errorf("%s: box %+v; want x0 %.1f", tc.name, box, tc.x0)
		}
		if tc.x1 != 0 && (box.X1 < tc.x1-1 || box.X1 > tc.x1+1) {
			t.Errorf("%s: box %+v; want x1 %.1f", tc.name, box, tc.x1)
		}
	}
}
