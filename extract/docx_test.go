package extract

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// makeZip builds an archive from name → content, in name order.
func makeZip(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	for _, n := range sortStrings(names) {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[n]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sortStrings(s []string) []string {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s
}

const docHead = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><w:body>`
const docTail = `</w:body></w:document>`

func docx(t testing.TB, body string, extra map[string]string) []byte {
	files := map[string]string{"word/document.xml": docHead + body + docTail}
	for k, v := range extra {
		files[k] = v
	}
	return makeZip(t, files)
}

func readDocx(t *testing.T, data []byte) *Document {
	t.Helper()
	doc, err := Docx(bytes.NewReader(data), int64(len(data)), DefaultLimits)
	if err != nil {
		t.Fatalf("Docx: %v", err)
	}
	return doc
}

func p(text string) string { return `<w:p><w:r><w:t>` + text + `</w:t></w:r></w:p>` }

func texts(doc *Document) []string {
	var out []string
	for _, b := range doc.Blocks {
		out = append(out, b.Kind.String()+":"+b.Text)
	}
	return out
}

func TestDocxSkipsDeletedFallbackAndFieldCodes(t *testing.T) {
	body := `<w:p><w:r><w:t>支出</w:t></w:r><w:del><w:r><w:delText>9999.99</w:delText></w:r></w:del>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>` +
		`<w:ins><w:r><w:t>1273.96</w:t></w:r></w:ins><w:r><w:tab/><w:t>万元</w:t></w:r></w:p>` +
		`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>选择</w:t></mc:Choice><mc:Fallback><w:t>重复</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>`
	got := texts(readDocx(t, docx(t, body, nil)))
	want := []string{"paragraph:支出1273.96\t万元", "paragraph:选择"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("blocks = %q; want %q", got, want)
	}
}

func TestDocxHeadingsAndNumbering(t *testing.T) {
	styles := `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:style w:styleId="1"><w:name w:val="heading 1"/></w:style>` +
		`<w:style w:styleId="Custom"><w:name w:val="我的标题"/><w:basedOn w:val="1"/></w:style>` +
		`<w:style w:styleId="Outline"><w:name w:val="Body"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>` +
		`<w:style w:styleId="List"><w:name w:val="List"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr></w:pPr></w:style>` +
		`</w:styles>`
	numbering := `<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>` +
		`<w:num w:numId="5"><w:abstractNumId w:val="7"/></w:num>` +
		`<w:num w:numId="6"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride></w:num>` +
		`</w:numbering>`
	num := func(id, lvl, text string) string {
		return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + lvl + `"/><w:numId w:val="` + id + `"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	body := `<w:p><w:pPr><w:pStyle w:val="Custom"/></w:pPr><w:r><w:t>第一部分</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="Outline"/></w:pPr><w:r><w:t>概况</w:t></w:r></w:p>` +
		num("5", "0", "收入") + num("5", "1", "财政拨款") + num("5", "1", "其他") + num("5", "0", "支出") + num("5", "1", "基本") +
		`<w:p><w:pPr><w:pStyle w:val="List"/></w:pPr><w:r><w:t>样式编号</w:t></w:r></w:p>` +
		num("6", "0", "其他事项") + num("0", "0", "无编号")
	doc := readDocx(t, docx(t, body, map[string]string{"word/styles.xml": styles, "word/numbering.xml": numbering}))
	want := []struct {
		kind  Kind
		level int
		text  string
	}{
		{Heading, 1, "第一部分"}, {Heading, 3, "概况"},
		{Paragraph, 0, "一、收入"}, {Paragraph, 0, "（一）财政拨款"}, {Paragraph, 0, "（二）其他"},
		{Paragraph, 0, "二、支出"}, {Paragraph, 0, "（一）基本"}, {Paragraph, 0, "（二）样式编号"},
		{Paragraph, 0, "十、其他事项"}, {Paragraph, 0, "无编号"},
	}
	if len(doc.Blocks) != len(want) {
		t.Fatalf("got %d blocks %q; want %d", len(doc.Blocks), texts(doc), len(want))
	}
	for i, w := range want {
		b := doc.Blocks[i]
		if b.Kind != w.kind || b.Level != w.level || b.Text != w.text {
			t.Errorf("block %d = %s L%d %q; want %s L%d %q", i+1, b.Kind, b.Level, b.Text, w.kind, w.level, w.text)
		}
		if b.Pos.Block != i+1 {
			t.Errorf("block %d has Pos.Block %d", i+1, b.Pos.Block)
		}
	}
}

func tc(text string, props string) string {
	return `<w:tc><w:tcPr>` + props + `</w:tcPr>` + p(text) + `</w:tc>`
}

func TestDocxTableMergesAndNesting(t *testing.T) {
	const span2 = `<w:gridSpan w:val="2"/>`
	const restart = `<w:vMerge w:val="restart"/>`
	const cont = `<w:vMerge/>`
	nested := `<w:tbl><w:tr>` + tc("内", "") + tc("表", "") + `</w:tr></w:tbl>`
	body := `<w:tbl>` +
		`<w:tr>` + tc("科目编码", span2) + tc("金额", restart) + `</w:tr>` +
		`<w:tr>` + tc("类", "") + tc("款", "") + tc("", cont) + `</w:tr>` +
		`<w:tr>` + tc("201", restart) + tc("01", "") + tc("1,273.96", "") + `</w:tr>` +
		`<w:tr>` + tc("", cont) + `<w:tc>` + p("02") + nested + `</w:tc>` + tc("170.51", "") + `</w:tr>` +
		`<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>` + tc("合计", "") + `</w:tr>` +
		`</w:tbl>` + p("后")
	doc := readDocx(t, docx(t, body, nil))
	if got := texts(doc); len(got) != 3 || got[0] != "table:内\t表" || got[2] != "paragraph:后" {
		t.Fatalf("blocks = %q; want nested table, table, paragraph", got)
	}
	if d := doc.Blocks[0].Table.Depth; d != 1 {
		t.Errorf("nested table depth = %d; want 1", d)
	}
	tb := doc.Blocks[1].Table
	var grid []string
	for _, row := range tb.Rows {
		var cells []string
		for _, c := range row {
			cells = append(cells, c.Text)
		}
		grid = append(grid, strings.Join(cells, "|"))
	}
	want := []string{"科目编码||金额", "类|款|", "201|01|1,273.96", "|02|170.51", "|合计|"}
	if !reflect.DeepEqual(grid, want) {
		t.Errorf("grid = %q; want %q", grid, want)
	}
	checks := []struct {
		r, c                   int
		covered                bool
		oRow, oCol, rSpan, cSp int
	}{
		{0, 0, false, 0, 0, 1, 2}, {0, 1, true, 0, 0, 1, 2},
		{0, 2, false, 0, 2, 2, 1}, {1, 2, true, 0, 2, 2, 1},
		{2, 0, false, 2, 0, 2, 1}, {3, 0, true, 2, 0, 2, 1},
		{4, 0, false, 4, 0, 1, 1},
	}
	for _, ck := range checks {
		c := tb.Rows[ck.r][ck.c]
		if c.Covered(ck.r, ck.c) != ck.covered || c.OriginRow != ck.oRow || c.OriginCol != ck.oCol || c.RowSpan != ck.rSpan || c.ColSpan != ck.cSp {
			t.Errorf("cell (%d,%d) = %+v covered=%v; want origin (%d,%d) span %d×%d covered=%v",
				ck.r, ck.c, c, c.Covered(ck.r, ck.c), ck.oRow, ck.oCol, ck.rSpan, ck.cSp, ck.covered)
		}
	}
}

const chartXML = `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart>` +
	`<c:title><c:tx><c:rich><a:p><a:r><a:t>收支</a:t></a:r><a:r><a:t>总计</a:t></a:r></a:p></c:rich></c:tx></c:title><c:plotArea><c:barChart>` +
	`<c:ser><c:tx><c:strRef><c:strCache><c:pt idx="0"><c:v>收入</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
	`<c:dLbls><c:txPr><a:p><a:r><a:t>标签</a:t></a:r></a:p></c:txPr></c:dLbls>` +
	`<c:cat><c:multiLvlStrRef><c:multiLvlStrCache><c:lvl><c:pt idx="0"><c:v>2021</c:v></c:pt><c:pt idx="1"><c:v>2020</c:v></c:pt></c:lvl><c:lvl><c:pt idx="0"><c:v>外层</c:v></c:pt></c:lvl></c:multiLvlStrCache></c:multiLvlStrRef></c:cat>` +
	`<c:val><c:numRef><c:numCache><c:ptCount val="2"/><c:pt idx="1"><c:v>2145.8700000000013</c:v></c:pt><c:pt idx="0"><c:v>2149.94</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser>` +
	`</c:barChart><c:valAx><c:title><c:tx><c:rich><a:p><a:r><a:t>万元</a:t></a:r></a:p></c:rich></c:tx></c:title></c:valAx></c:plotArea></c:chart></c:chartSpace>`

func TestDocxChart(t *testing.T) {
	body := p("图前") + `<w:p><w:r><w:drawing><c:chart r:id="rIdChart9"/></w:drawing></w:r></w:p>` + p("图后")
	rels := `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdChart9" Type="chart" Target="charts/chart1.xml"/></Relationships>`
	doc := readDocx(t, docx(t, body, map[string]string{"word/_rels/document.xml.rels": rels, "word/charts/chart1.xml": chartXML}))
	if got := texts(doc); !reflect.DeepEqual(got, []string{"paragraph:图前", "chart:收支总计", "paragraph:图后"}) {
		t.Fatalf("blocks = %q", got)
	}
	c := doc.Blocks[1].Chart
	want := &Chart{Title: "收支总计", Type: "barChart", Series: []Series{{Name: "收入", Categories: []string{"2021", "2020"}, Values: []string{"2149.94", "2145.8700000000013"}}}}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("chart = %+v; want %+v", c, want)
	}
}

func TestDocxErrors(t *testing.T) {
	ole := append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 600)...)
	encrypted := append(append([]byte{}, ole...), []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")...)
	bomb := makeZip(t, map[string]string{"word/document.xml": docHead + strings.Repeat("<w:p/>", 200000) + docTail})
	many := map[string]string{"word/document.xml": docHead + p("x") + docTail}
	for i := range 20 {
		many[filepath.Join("media", string(rune('a'+i)))] = "x"
	}
	tests := []struct {
		name string
		data []byte
		lim  Limits
		want error
		says string
	}{
		{"not a zip", []byte("<html>error</html>"), DefaultLimits, ErrNotZip, "not a zip"},
		{"ole", ole, DefaultLimits, ErrOLE, "OLE"},
		{"encrypted", encrypted, DefaultLimits, ErrEncrypted, "encrypted"},
		{"no document.xml", makeZip(t, map[string]string{"xl/workbook.xml": "<x/>"}), DefaultLimits, ErrMissingPart, "word/document.xml"},
		{"bomb part", bomb, Limits{MaxPart: 64 << 10, MaxTotal: 1 << 20, MaxEntries: 10}, ErrTooLarge, "word/document.xml"},
		{"bomb total", bomb, Limits{MaxPart: 64 << 20, MaxTotal: 100 << 10, MaxEntries: 10}, ErrTooLarge, "decompressed"},
		{"entries", makeZip(t, many), Limits{MaxPart: 1 << 20, MaxTotal: 1 << 20, MaxEntries: 10}, ErrTooMany, "21 entries"},
		{"bad xml", makeZip(t, map[string]string{"word/document.xml": docHead + "\n\n<w:p><w:r></w:p>" + docTail}), DefaultLimits, ErrMalformedXML, "line 3"},
		{"empty", docx(t, "<w:p/>", nil), DefaultLimits, ErrEmpty, "empty"},
	}
	for _, tt := range tests {
		_, err := Docx(bytes.NewReader(tt.data), int64(len(tt.data)), tt.lim)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v; want %v", tt.name, err, tt.want)
			continue
		}
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(err.Error(), tt.says) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: err %q is not a one-line *Error saying %q", tt.name, err, tt.says)
		}
	}
}

// TestSeedDocx reads the project's docx version of the seed report
// (testdata/seed, made by testdata/mkseed) and checks the structure the
// generator put in.
func TestSeedDocx(t *testing.T) {
	data, err := os.ReadFile("../testdata/seed/panzhihua-npc-office-2021.docx")
	if err != nil {
		t.Fatal(err)
	}
	doc := readDocx(t, data)
	var headings, tables, charts int
	var items *Table
	for _, b := range doc.Blocks {
		switch b.Kind {
		case Heading:
			headings++
		case TableBlock:
			tables++
			if strings.HasPrefix(b.Text, "科目编码") {
				items = b.Table
			}
		case ChartBlock:
			charts++
		}
	}
	if headings < 30 || tables != 3 || charts != 7 {
		t.Errorf("headings, tables, charts = %d, %d, %d; want ≥30, 3, 7", headings, tables, charts)
	}
	if items == nil || len(items.Rows) != 14 || len(items.Rows[0]) != 6 {
		t.Fatalf("line-item table missing or not 14×6")
	}
	if r := items.Rows[3]; r[0].OriginRow != 2 || r[1].OriginRow != 2 || r[2].Text != "02" || r[4].Text != "170.51" {
		t.Errorf("row 4 of the item table = %+v; want 类 and 款 merged from row 3, 02, 170.51", r)
	}
}
