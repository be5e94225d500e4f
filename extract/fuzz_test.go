package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/internal/hostile"
)

// FuzzDocx feeds the docx reader mutations of the project's fixtures. It
// must return blocks or an error, never panic or exceed its limits.
func FuzzDocx(f *testing.F) {
	files, _ := filepath.Glob("../testdata/seed/*.docx")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(docx(f, p("一、收入")+`<w:tbl><w:tr>`+tc("1", `<w:gridSpan w:val="3"/>`)+`</w:tr><w:tr>`+tc("", `<w:vMerge/>`)+`</w:tr></w:tbl>`, nil))
	f.Add(makeZip(f, map[string]string{"word/document.xml": docHead + `<w:p><w:r><w:drawing><c:chart r:id="x"/></w:drawing></w:r></w:p>` + docTail,
		"word/_rels/document.xml.rels": `<Relationships><Relationship Id="x" Target="charts/c.xml"/></Relationships>`,
		"word/charts/c.xml":            chartXML}))
	lim := Limits{MaxPart: 1 << 20, MaxTotal: 4 << 20, MaxEntries: 100}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Docx(bytes.NewReader(data), int64(len(data)), lim)
		if err == nil && len(doc.Blocks) == 0 {
			t.Fatal("no error and no blocks")
		}
		if err != nil && doc != nil {
			t.Fatal("both a document and an error")
		}
	})
}

// FuzzXlsx feeds the xlsx reader the seed workbook and issue #20's hostile
// ones, mutated: it must return blocks or an error, never panic, and keep
// within its grid and formula budgets.
func FuzzXlsx(f *testing.F) {
	if data, err := os.ReadFile("../testdata/seed/panzhihua-npc-office-2021.xlsx"); err == nil {
		f.Add(data)
	}
	f.Add(hostile.FormulaChain(100))
	f.Add(hostile.Rept())
	f.Add(hostile.FarCells())
	f.Add(hostile.SharedStringsDTD())
	f.Add(hostile.Xlsx(`<row r="1"><c r="A1" t="s"><v>7</v></c><c r="B1"><f>SUM(A1:XFD1048576)+(((((1)))))</f></c></row>`+
		`<row r="2"><c r="A2"><f>B2</f></c><c r="B2"><f>A2</f></c></row><mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>`, ""))
	lim := Limits{MaxPart: 8 << 20, MaxTotal: 16 << 20, MaxEntries: 100}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Xlsx(bytes.NewReader(data), int64(len(data)), lim)
		if err != nil && doc != nil {
			t.Fatal("both a document and an error")
		}
		if err != nil {
			return
		}
		for _, b := range doc.Blocks {
			if b.Table != nil && len(b.Table.Rows)*len(b.Table.Rows[0]) > maxSheetArea {
				t.Fatalf("a table of %d × %d cells", len(b.Table.Rows), len(b.Table.Rows[0]))
			}
		}
	})
}

// FuzzText checks that any bytes decode to blocks or a clear error.
func FuzzText(f *testing.F) {
	f.Add([]byte("[bookmark: _Toc1]一、收入\n2021年本年收入合计2149.94万元\f第二页"))
	f.Add([]byte("\xFF\xFE\x00\xd8"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Text(bytes.NewReader(data), int64(len(data)))
		if err == nil && len(doc.Blocks) == 0 {
			t.Fatal("no error and no blocks")
		}
	})
}

func FuzzHTML(f *testing.F) {
	if page, err := os.ReadFile("../testdata/seed/panzhihua-npc-office-2021.html"); err == nil {
		f.Add(page)
	}
	f.Add([]byte(`<table><tr><td rowspan="99999" colspan="-3">a<table><tr><td rowspan=2>b</td></tr></table></td></tr><tr></tr></table><h7>x</h7><br>`))
	f.Add([]byte("<meta charset=gbk>\xff\xfe\x81"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := HTML(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		for _, b := range doc.Blocks {
			if b.Table == nil {
				continue
			}
			for i, row := range b.Table.Rows {
				if len(row) != len(b.Table.Rows[0]) {
					t.Fatalf("row %d has %d cells, row 0 %d", i, len(row), len(b.Table.Rows[0]))
				}
				for j, c := range row {
					if c.RowSpan < 1 || c.ColSpan < 1 || c.OriginRow > i || c.OriginCol > j || c.OriginRow+c.RowSpan <= i || c.OriginCol+c.ColSpan <= j {
						t.Fatalf("cell %d,%d = %+v", i, j, c)
					}
				}
			}
		}
	})
}

// FuzzPDFLayout feeds the PDF reader's own part — pdftotext -tsv parsing
// and the rebuilding of lines, paragraphs and tables — arbitrary TSV.
func FuzzPDFLayout(f *testing.F) {
	f.Add([]byte("level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
		"1\t1\t0\t0\t0\t0\t0\t0\t595\t842\t-1\t###PAGE###\n" +
		"5\t1\t0\t0\t0\t0\t72\t100\t40\t10\t100\t科目编码\n" +
		"5\t1\t0\t1\t0\t0\t200\t100\t40\t10\t100\t2,106.66\n" +
		"5\t1\t0\t2\t0\t0\t300\t100\t40\t10\t100\t1,503.52\n" +
		"5\t1\t0\t3\t0\t0\t72\t118\t400\t10\t100\t一般公共预算财政拨款支出2940.05万元，占本年支出合计的\n"))
	f.Add([]byte("5\t1\t0\t0\t0\t0\tNaN\t-1e308\t+Inf\t0\t100\tx\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pages, err := parseTSV(data)
		if err != nil {
			return
		}
		b := &pdfBuilder{doc: &Document{}}
		for _, pg := range pages {
			if len(pg.words) > 0 {
				b.page(pg)
			}
		}
		b.flush()
		for i, blk := range b.doc.Blocks {
			if blk.Pos.Block != i+1 {
				t.Fatalf("block %d has position %v", i+1, blk.Pos)
			}
			if blk.Table != nil && len(blk.Table.Rows) != len(blk.Table.Pages) {
				t.Fatalf("table rows %d, pages %d", len(blk.Table.Rows), len(blk.Table.Pages))
			}
		}
	})
}
