package extract

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/internal/hostile"
)

// The hostile inputs of issue #20 that the readers meet on their own:
// each reads to blocks with a problem naming what was wrong, or to a
// one-line error naming the part, never a crash or a grid of the sheet's
// claimed size.

func plain(doc *Document) []string {
	var out []string
	for _, b := range doc.Blocks {
		out = append(out, b.Text)
	}
	return out
}

func xlsxTable(t *testing.T, doc *Document) *Table {
	t.Helper()
	for _, b := range doc.Blocks {
		if b.Table != nil {
			return b.Table
		}
	}
	t.Fatalf("no table in %q", blockLines(doc))
	return nil
}

// A chain of formulas without stored values, each needing the one below
// it, is computed from the bottom up, each formula after those it refers
// to: the whole chain, without deep recursion.
func TestXlsxFormulaChain(t *testing.T) {
	const n = 100000
	doc, err := readXlsx(t, hostile.FormulaChain(n))
	if err != nil {
		t.Fatal(err)
	}
	tb := xlsxTable(t, doc)
	if got, want := len(tb.Rows), n+3; got != want {
		t.Fatalf("table rows = %d; want %d", got, want)
	}
	last := len(tb.Rows) - 1 // the number under the chain
	for _, c := range []struct {
		row  int
		want string
	}{{2, "100001"}, {last - 1, "2"}, {last, "1"}} {
		if got := tb.Rows[c.row][1].Text; got != c.want {
			t.Errorf("B%d = %q; want %q", c.row+2, got, c.want)
		}
	}
	if len(doc.Problems) != 0 {
		t.Errorf("problems: %v", doc.Problems)
	}
	// Each needing the one above, in document order: computed too.
	doc, err = readXlsx(t, hostile.Xlsx(formulaRows(n, -1, "0.5"), ""))
	if err != nil {
		t.Fatal(err)
	}
	tb = xlsxTable(t, doc)
	if got, want := tb.Rows[len(tb.Rows)-1][1].Text, fmt.Sprintf("%d.5", n-3); got != want || len(doc.Problems) != 0 {
		t.Errorf("last of the chain = %q; want %q; problems %v", got, want, doc.Problems)
	}
	// A cycle of a thousand formulas: each is a problem, counted after
	// the first maxSheetIssues.
	const m = 1000
	doc, err = readXlsx(t, hostile.Xlsx(formulaRows(m, 1, "B2+1"), ""))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(doc.Problems), maxSheetIssues+1; got != want || !strings.Contains(doc.Problems[0].Error(), "nest deeper than 32 (a circular reference?)") ||
		!strings.Contains(doc.Problems[maxSheetIssues].Error(), fmt.Sprintf("%d more problems like these", m-1-maxSheetIssues)) {
		t.Errorf("problems: %d, first %v, last %v", got, doc.Problems[0], doc.Problems[len(doc.Problems)-1])
	}
}

// formulaRows is a table whose rows 3 to n-1 each hold a number and a
// formula adding 1 to the formula step rows away; row 2 holds the formula
// or value first, row n the formula last.
func formulaRows(n, step int, first string) string {
	var b strings.Builder
	b.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>项目</t></is></c><c r="B1" t="inlineStr"><is><t>金额</t></is></c></row>`)
	cell := func(i int, f string) {
		if strings.ContainsAny(f, "+B") {
			fmt.Fprintf(&b, `<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d"><f>%s</f></c></row>`, i, i, i, i, f)
		} else {
			fmt.Fprintf(&b, `<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d"><v>%s</v></c></row>`, i, i, i, i, f)
		}
	}
	if step < 0 {
		cell(2, first)
	}
	for i := 3 - max(step, 0); i < n; i++ {
		cell(i, fmt.Sprintf("B%d+1", i+step))
	}
	if step > 0 {
		cell(n, first)
	}
	return b.String()
}

// A formula whose result would be gigabytes is not computed: REPT is no
// function the evaluator knows.
func TestXlsxRept(t *testing.T) {
	doc, err := readXlsx(t, hostile.Rept())
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Problems) != 1 || !strings.Contains(doc.Problems[0].Error(), "B4") || !strings.Contains(doc.Problems[0].Error(), "function REPT") {
		t.Errorf("problems: %v", doc.Problems)
	}
	if got := xlsxTable(t, doc).Rows[1][1].Text; got != "1792.45" {
		t.Errorf("B3 = %q", got)
	}
}

// Cells at XFD200 and XFD1048576 keep their values, in a grid of the
// rows and columns that hold any: blank ones are left out, and a problem
// says so.
func TestXlsxFarCells(t *testing.T) {
	doc, err := readXlsx(t, hostile.FarCells())
	if err != nil {
		t.Fatal(err)
	}
	tb := xlsxTable(t, doc)
	var got []string
	for _, row := range tb.Rows {
		var cells []string
		for _, c := range row {
			cells = append(cells, c.Text)
		}
		got = append(got, strings.Join(cells, "|"))
	}
	want := []string{"项目|金额||", "基本支出|1792.45||", "||1|2", "||3|4"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("grid\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(doc.Problems) != 1 || !strings.Contains(doc.Problems[0].Error(), "1048576 rows × 16384 columns") {
		t.Errorf("problems: %v", doc.Problems)
	}
}

// More cells than maxSheetCells is an error naming the sheet's part.
func TestXlsxTooManyCells(t *testing.T) {
	var b strings.Builder
	for i := range maxSheetCells/16384 + 1 {
		b.WriteString(`<row>`)
		for range 16384 {
			b.WriteString(`<c><v>1</v></c>`)
		}
		b.WriteString(`</row>`)
		_ = i
	}
	_, err := readXlsx(t, hostile.Xlsx(b.String(), ""))
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "xl/worksheets/sheet1.xml") || !strings.Contains(err.Error(), "1048576") {
		t.Errorf("err = %v; want ErrTooLarge naming the part and the limit", err)
	}
}

// A DTD in the string table is an error naming the part, not blank text.
func TestXlsxSharedStringsDTD(t *testing.T) {
	_, err := readXlsx(t, hostile.SharedStringsDTD())
	var e *Error
	if !errors.As(err, &e) || e.Part != "xl/sharedStrings.xml" || !errors.Is(err, ErrMalformedXML) || !strings.Contains(err.Error(), "DTD") {
		t.Errorf("err = %v; want a malformed-XML error naming xl/sharedStrings.xml", err)
	}
}

// The evaluator's arithmetic, references, ranges and SUM, and what it
// refuses.
func TestXlsxFormulas(t *testing.T) {
	rows := `<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>甲</t></is></c><c r="B2"><v>10</v></c><c r="C2"><v>2.5</v></c></row>` +
		`<row r="3"><c r="A3" t="inlineStr"><is><t>乙</t></is></c><c r="B3"><f>SUM(B2:C2)*2</f></c><c r="C3"><f>-(B2-C2)/3+$B$2</f></c><c r="D3"><v>0</v></c></row>` +
		`<row r="4"><c r="A4" t="inlineStr"><is><t>丙</t></is></c><c r="B4"><f>sum(A2:C3, 1)</f></c><c r="C4"><f>B2/0</f></c><c r="D4"><v>0</v></c></row>` +
		`<row r="5"><c r="A5" t="inlineStr"><is><t>丁</t></is></c><c r="B5"><f>Sheet2!A1</f></c><c r="C5"><f>A2+1</f></c><c r="D5"><v>0</v></c></row>`
	doc, err := readXlsx(t, hostile.Xlsx(rows, ""))
	if err != nil {
		t.Fatal(err)
	}
	tb := xlsxTable(t, doc)
	got := []string{tb.Rows[1][1].Text, tb.Rows[1][2].Text, tb.Rows[2][1].Text, tb.Rows[2][2].Text, tb.Rows[3][1].Text, tb.Rows[3][2].Text}
	want := []string{"25", "7.5", "46", "", "", ""} // SUM over a range leaves its text out
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("values %q; want %q", got, want)
	}
	var msgs []string
	for _, p := range doc.Problems {
		msgs = append(msgs, p.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, w := range []string{"C4: formula =B2/0 has no stored value and cannot be computed: not computed: division by zero",
		"B5: formula =Sheet2!A1", "C5: formula =A2+1 has no stored value and cannot be computed: not computed: A2 holds \"甲\", not a number"} {
		if !strings.Contains(all, w) {
			t.Errorf("problems lack %q:\n%s", w, all)
		}
	}
}

// A zip with two entries of one name is refused, whichever reader opens it.
func TestZipDuplicateEntry(t *testing.T) {
	data := hostile.DocxTwice()
	_, err := Docx(bytes.NewReader(data), int64(len(data)), DefaultLimits)
	var e *Error
	if !errors.As(err, &e) || e.Part != "word/document.xml" || !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "two archive entries") {
		t.Errorf("err = %v; want ErrDamaged naming word/document.xml", err)
	}
}

// A size limit's error says the limit and the size.
func TestTooLargeSays(t *testing.T) {
	_, err := Text(bytes.NewReader(nil), MaxText+1)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "67108865 bytes, limit 67108864") {
		t.Errorf("err = %v", err)
	}
	lim := Limits{MaxPart: 1 << 10, MaxTotal: 1 << 20, MaxEntries: 10}
	data := hostile.Zip([]hostile.Part{{Name: "word/document.xml", Body: strings.Repeat("x", 5000)}})
	_, err = Docx(bytes.NewReader(data), int64(len(data)), lim)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "5000 bytes, limit 1024") {
		t.Errorf("err = %v", err)
	}
}

// A GBK page that declares utf-8 is read as GB18030, with a problem.
func TestHTMLMisdeclared(t *testing.T) {
	data := hostile.MisdeclaredHTML()
	doc, err := HTML(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(plain(doc), "\n"), "基本支出1792.45万元") {
		t.Errorf("blocks %q", plain(doc))
	}
	if len(doc.Problems) != 1 || !errors.Is(doc.Problems[0], ErrBadBytes) || !strings.Contains(doc.Problems[0].Error(), "GB18030") {
		t.Errorf("problems: %v", doc.Problems)
	}
	// Bytes valid in no encoding become U+FFFD, counted.
	data = []byte("<meta charset=utf-8><p>基本支出\xff\xfe1792.45万元</p>")
	doc, err = HTML(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(plain(doc), "\n"); got != "基本支出\uFFFD1792.45万元" || len(doc.Problems) != 1 || !strings.Contains(doc.Problems[0].Error(), "1 unreadable") {
		t.Errorf("blocks %q, problems %v", got, doc.Problems)
	}
}

// One invalid byte in UTF-8 text becomes U+FFFD with a problem; GBK text
// is still read as GB18030.
func TestTextInvalidByte(t *testing.T) {
	good := strings.Repeat("2021年本年支出合计2149.94万元，其中基本支出1792.45万元。\n", 20)
	data := []byte(good[:len(good)/2] + "\xff" + good[len(good)/2:])
	doc, err := Text(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(strings.Join(plain(doc), ""), "\uFFFD"); got != 1 {
		t.Errorf("U+FFFD %d times; want 1", got)
	}
	if len(doc.Problems) != 1 || !errors.Is(doc.Problems[0], ErrBadBytes) {
		t.Errorf("problems: %v", doc.Problems)
	}
	gbk := hostile.MisdeclaredHTML()
	doc, err = Text(bytes.NewReader(gbk), int64(len(gbk)))
	if err != nil || len(doc.Problems) != 0 || !strings.Contains(strings.Join(plain(doc), ""), "基本支出1792.45万元") {
		t.Errorf("GBK text: %v, problems %v", err, doc)
	}
}
