package extract

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

// The fixtures below reproduce the geometry of corpus table pages (an
// ONLYOFFICE 决算 of a Shanghai district bureau and a Distiller 预算 of a
// Jiangsu department): 11 pt text, rows 17 pt apart, 类/款/项 code columns
// 20 pt wide, right-aligned amounts; the words are the fixtures' own.

const em = 11.0

// w places a word with its left edge at x on the row whose top is y.
func w(x, y float64, text string) word {
	width := 0.0
	for _, r := range text {
		if r >= 0x2E80 {
			width += em
		} else {
			width += 0.55 * em
		}
	}
	return word{x0: x, y0: y, x1: x + width, y1: y + em, text: text}
}

// right places a word right-aligned at x.
func right(x, y float64, text string) word {
	v := w(0, y, text)
	v.x0, v.x1 = x-v.x1, x
	return v
}

// layout runs the page builder over pages of words, giving each word a
// poppler line of its own (as pdftotext does for table cells).
func layout(pages ...[]word) *Document {
	b := &pdfBuilder{doc: &Document{}}
	n := 0
	for i, ws := range pages {
		for j := range ws {
			n++
			ws[j].pline = n
		}
		b.page(page{num: i + 1, width: 595, height: 842, words: ws})
	}
	b.flush()
	return b.doc
}

func grid(t *Table) []string {
	var out []string
	for _, r := range t.Rows {
		var cells []string
		for _, c := range r {
			cells = append(cells, c.Text)
		}
		out = append(out, strings.Join(cells, "|"))
	}
	return out
}

func tables(doc *Document) []*Table {
	var out []*Table
	for _, b := range doc.Blocks {
		if b.Kind == TableBlock {
			out = append(out, b.Table)
		}
	}
	return out
}

// gpbRow is a 一般公共预算财政拨款支出决算表 row: codes, name, three amounts.
func gpbRow(y float64, lei, kuan, xiang, name, total, basic, project string) []word {
	var ws []word
	for i, c := range []string{lei, kuan, xiang} {
		if c != "" {
			ws = append(ws, w(45+float64(i)*30, y, c))
		}
	}
	ws = append(ws, w(140, y, name))
	for i, a := range []string{total, basic, project} {
		if a != "" {
			ws = append(ws, right(380+float64(i)*80, y, a))
		}
	}
	return ws
}

func TestPDFTableCodesWrappedNamesTwoLevelHeader(t *testing.T) {
	var ws []word
	ws = append(ws, w(200, 60, "一般公共预算财政拨款支出决算表"), w(480, 80, "单位：万元"))
	// Two-level header: 科目编码 over 类/款/项, the rest spanning both rows.
	ws = append(ws, w(60, 100, "科目编码"), w(140, 108, "科目名称"), right(380, 108, "合计"), right(460, 108, "基本支出"), right(540, 108, "项目支出"))
	ws = append(ws, w(45, 117, "类"), w(75, 117, "款"), w(105, 117, "项"))
	y := 134.0
	ws = append(ws, gpbRow(y, "201", "", "", "一般公共服务支出", "2,106.66", "1,503.52", "603.14")...)
	y += 17
	ws = append(ws, gpbRow(y, "201", "06", "01", "行政运行", "1,511.89", "1,503.52", "8.37")...)
	y += 17
	// A 科目 name that wraps onto a second, tightly spaced line.
	ws = append(ws, gpbRow(y, "208", "05", "05", "机关事业单位基本养老保险", "160.75", "160.75", "")...)
	ws = append(ws, w(140, y+em+1, "缴费支出"))
	y += 28
	ws = append(ws, gpbRow(y, "221", "02", "01", "住房公积金", "187.19", "187.19", "")...)
	doc := layout(ws)
	ts := tables(doc)
	if len(ts) != 1 {
		t.Fatalf("%d tables; want 1; blocks %+v", len(ts), doc.Blocks)
	}
	want := []string{
		"科目编码|||科目名称|合计|基本支出|项目支出",
		"类|款|项||||",
		"201|||一般公共服务支出|2,106.66|1,503.52|603.14",
		"201|06|01|行政运行|1,511.89|1,503.52|8.37",
		"208|05|05|机关事业单位基本养老保险缴费支出|160.75|160.75|",
		"221|02|01|住房公积金|187.19|187.19|",
	}
	if got := grid(ts[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("grid:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c := ts[0].Rows[0][0]; c.ColSpan != 3 || !ts[0].Rows[0][1].Covered(0, 1) {
		t.Errorf("科目编码 = %+v; want it to span the three code columns", c)
	}
	if p := doc.Blocks[0]; p.Kind != Paragraph || !strings.Contains(p.Text, "一般公共预算财政拨款支出决算表") {
		t.Errorf("first block = %+v; want the title as a paragraph", p)
	}
}

func TestPDFTableContinuedOnNextPage(t *testing.T) {
	page1 := []word{w(200, 60, "支出决算表")}
	page1 = append(page1, gpbRow(700, "201", "06", "01", "行政运行", "1,511.89", "1,503.52", "8.37")...)
	page1 = append(page1, gpbRow(717, "201", "06", "02", "一般行政管理事务", "10.00", "", "10.00")...)
	page1 = append(page1, w(290, 800, "6"))
	page2 := gpbRow(60, "208", "05", "01", "行政单位离退休", "84.65", "84.65", "")
	page2 = append(page2, gpbRow(77, "208", "05", "99", "其他行政事业单位养老支出", "0.94", "0.94", "")...)
	page2 = append(page2, w(72, 200, "注：本表无政府性基金。"))
	doc := layout(page1, page2)
	ts := tables(doc)
	if len(ts) != 1 {
		t.Fatalf("%d tables; want the two pages' rows in one", len(ts))
	}
	if got := ts[0].Pages; !reflect.DeepEqual(got, []int{1, 1, 2, 2}) {
		t.Errorf("row pages = %v; want [1 1 2 2]", got)
	}
	if got := grid(ts[0]); got[2] != "208|05|01|行政单位离退休|84.65|84.65|" {
		t.Errorf("grid = %q", got)
	}
	var kinds []string
	for _, b := range doc.Blocks {
		kinds = append(kinds, b.Kind.String()+":"+b.Text[:min(len(b.Text), 9)])
	}
	if len(kinds) != 4 || kinds[2] != "furniture:6" || !strings.HasPrefix(kinds[3], "paragraph:注") {
		t.Errorf("blocks = %q; want title, table, the page number, the note", kinds)
	}
}

func TestPDFAdjacentNumberColumnsAndSpanningHeader(t *testing.T) {
	var ws []word
	// 收入 spans 项目 and 金额; 支出 spans the next two columns.
	ws = append(ws, w(100, 100, "收入"), w(330, 100, "支出"))
	ws = append(ws, w(45, 117, "项目"), right(250, 117, "金额"), w(300, 117, "项目"), right(520, 117, "金额"))
	ws = append(ws, w(45, 134, "财政拨款收入"), right(250, 134, "18,330.37"), w(300, 134, "一般公共服务支出"), right(520, 134, "13,907.78"))
	ws = append(ws, w(45, 151, "其他收入"), right(250, 151, "0.00"), w(300, 151, "住房保障支出"), right(520, 151, "3,301.20"))
	// Two amounts one space apart, as pdftotext -layout shows on 48 lines
	// of the corpus.
	a := right(250, 168, "82,096,797.42")
	b := w(a.x1+3, 168, "82,096,797.42")
	ws = append(ws, w(45, 168, "合计"), a, b)
	doc := layout(ws)
	ts := tables(doc)
	if len(ts) != 1 {
		t.Fatalf("%d tables", len(ts))
	}
	got := grid(ts[0])
	if got[0] != "收入||支出|" || ts[0].Rows[0][0].ColSpan != 2 || ts[0].Rows[0][2].ColSpan != 2 {
		t.Errorf("header row = %q spans %d, %d; want 收入 and 支出 over two columns each", got[0], ts[0].Rows[0][0].ColSpan, ts[0].Rows[0][2].ColSpan)
	}
	if got[4] != "合计|82,096,797.42|82,096,797.42|" && got[4] != "合计|82,096,797.42||82,096,797.42" {
		t.Errorf("last row = %q; want the two amounts in two cells", got[4])
	}
}

// A two-sided summary table whose right side lists every class, most
// without a figure (czj's 财政拨款收入支出决算总表): the label-only rows,
// on the page and at the top of the next, stay in the one table; a next
// table's title at the top of a page does not join it.
func TestPDFTableLabelOnlyRows(t *testing.T) {
	row := func(y float64, left, right2, a, b string) []word {
		var ws []word
		if left != "" {
			ws = append(ws, w(72, y, left))
		}
		ws = append(ws, w(294, y, right2))
		if a != "" {
			ws = append(ws, right(500, y, a), right(588, y, b))
		}
		return ws
	}
	// Rows 25 pt apart, as a two-line label makes them: farther than a
	// lone line joins a table by, closer than a table's rows may stand.
	page1 := []word{w(200, 40, "财政拨款收入支出决算总表")}
	page1 = append(page1, row(650, "一、一般公共预算财政拨款", "一、一般公共服务支出", "2,106.66", "2,106.66")...)
	page1 = append(page1, row(675, "", "二、外交支出", "", "")...)
	page1 = append(page1, row(700, "", "三、国防支出", "", "")...)
	page1 = append(page1, row(725, "", "八、社会保障和就业支出", "326.71", "326.71")...)
	page1 = append(page1, row(750, "", "九、卫生健康支出", "60.99", "60.99")...)
	page2 := row(60, "", "十、节能环保支出", "", "")
	page2 = append(page2, row(85, "", "十一、城乡社区支出", "", "")...)
	page2 = append(page2, row(110, "", "十九、住房保障支出", "445.69", "445.69")...)
	page2 = append(page2, row(135, "总计", "总计", "2,961.68", "2,961.68")...)
	ts := tables(layout(page1, page2))
	if len(ts) != 1 || len(ts[0].Rows) != 9 {
		t.Fatalf("%d tables; want one of 9 rows: %q", len(ts), grid(ts[0]))
	}
	// A table left open at the foot of a page, then the next table's
	// number and title at the top of the next: no bridge.
	page2 = []word{w(72, 60, "公开02表"), w(250, 80, "收入预算总表")}
	page2 = append(page2, row(120, "收入总计", "合计", "10,150.48", "10,150.48")...)
	page2 = append(page2, row(137, "小计", "一般公共预算", "10,070.48", "10,070.48")...)
	if ts := tables(layout(page1, page2)); len(ts) != 2 {
		t.Errorf("%d tables; want the second page's its own", len(ts))
	}
}

// TestPDFTableHeaderAboveFigures: a header whose tall cells centre their
// names leaves the figures further below than a row gap; a header with no
// figure is no table of its own, so the two make one table. Two tables
// with figures that far apart stay two.
func TestPDFTableHeaderAboveFigures(t *testing.T) {
	header := []word{w(72, 100, "合计"), w(150, 100, "因公出国(境)费"), w(300, 100, "公务接待费"), w(450, 100, "公务用车运行费"),
		w(72, 114, "小计"), w(450, 114, "维护费")}
	figures := []word{right(110, 180, "867.50"), right(260, 180, "839.00"), right(400, 180, "28.50"), right(540, 180, "0.00")}
	ts := tables(layout(append(append([]word{w(200, 40, "“三公”经费预算表")}, header...), figures...)))
	if len(ts) != 1 || len(ts[0].Rows) != 2 || ts[0].Rows[1][0].Text != "867.50" {
		t.Fatalf("%d tables; want one, its header over the figures: %q", len(ts), grid(ts[0]))
	}
	more := []word{right(110, 120, "1.00"), right(260, 120, "2.00"), right(400, 120, "3.00"), right(540, 120, "4.00")}
	if ts := tables(layout(append(append(append([]word{}, header...), more...), figures...))); len(ts) != 2 {
		t.Errorf("%d tables; want two: figures far below a table with figures start another", len(ts))
	}
}

// TestPDFRowOfWrappedCell: in a table of two halves a name that wraps makes
// its row two lines high; a figure of the other half, set one line high
// and lower in the row, is still the row's.
func TestPDFRowOfWrappedCell(t *testing.T) {
	at := func(ws []word, y float64) []word {
		for i := range ws {
			ws[i].y0, ws[i].y1 = ws[i].y0+y, ws[i].y1+y
		}
		return ws
	}
	row := func(y float64, lcode, lname, lfig, rcode, rname, rfig string) [][]word {
		return [][]word{at([]word{w(45, 0, lcode), w(110, 0, lname), right(280, 0, lfig), w(300, 0, rcode), w(360, 0, rname)}, y),
			at([]word{right(540, 0, rfig)}, y)}
	}
	// Poppler's lines: the wrapped name's first line with the codes centred
	// beside it, its second line, the right half's codes and name with the
	// left half's figure, and the right half's figure alone.
	var lines [][]word
	lines = append(lines, []word{w(200, 40, "一般公共预算财政拨款基本支出决算表")}, []word{w(480, 60, "单位：万元")})
	lines = append(lines, row(80, "30101", "基本工资", "102.15", "30201", "办公费", "4.71")...)
	lines = append(lines, []word{w(45, 103, "30108"), w(110, 97, "机关事业单位基本养老保险缴")},
		[]word{w(110, 108.25, "费"), right(280, 108.25, "73.75"), w(300, 103, "30213"), w(360, 103, "维修（护）费")},
		[]word{right(540, 108.25, "4.33")})
	lines = append(lines, row(125, "30109", "职业年金缴费", "38.69", "30215", "会议费", "13.86")...)
	b := &pdfBuilder{doc: &Document{}}
	var ws []word
	for n, l := range lines {
		for _, x := range l {
			x.pline = n + 1
			ws = append(ws, x)
		}
	}
	b.page(page{num: 1, width: 595, height: 842, words: ws})
	b.flush()
	ts := tables(b.doc)
	if len(ts) != 1 {
		t.Fatalf("%d tables; want 1: %+v", len(ts), b.doc.Blocks)
	}
	want := []string{
		"30101|基本工资|102.15|30201|办公费|4.71",
		"30108|机关事业单位基本养老保险缴费|73.75|30213|维修（护）费|4.33",
		"30109|职业年金缴费|38.69|30215|会议费|13.86",
	}
	if got := grid(ts[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("grid:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPDFRunningHeader: a line printed atop every page (the report's name)
// is furniture from the second page on, and a table left open at the foot
// of a page goes on under it.
func TestPDFRunningHeader(t *testing.T) {
	head := func() word { return w(150, 20, "某县某局2020年决算公开") }
	page1 := []word{head(), w(200, 80, "一般公共预算财政拨款支出决算表")}
	page1 = append(page1, gpbRow(700, "201", "", "", "一般公共服务支出", "2,106.66", "1,503.52", "603.14")...)
	page1 = append(page1, gpbRow(717, "201", "06", "01", "行政运行", "1,511.89", "1,503.52", "8.37")...)
	page1 = append(page1, gpbRow(734, "208", "05", "05", "机关事业单位基本养老保险缴费支出", "160.75", "160.75", "")...)
	page2 := []word{head()}
	page2 = append(page2, gpbRow(60, "221", "02", "01", "住房公积金", "187.19", "187.19", "")...)
	page2 = append(page2, gpbRow(77, "221", "02", "03", "购房补贴", "258.50", "258.50", "")...)
	doc := layout(page1, page2)
	ts := tables(doc)
	if len(ts) != 1 || len(ts[0].Rows) != 5 {
		t.Fatalf("%d tables; want one of 5 rows", len(ts))
	}
	n := 0
	for _, b := range doc.Blocks {
		if b.Text == "某县某局2020年决算公开" {
			n++
			if b.Kind != Furniture && b.Pos.Page == 2 {
				t.Errorf("page 2's running header is a %v", b.Kind)
			}
		}
	}
	if n != 2 {
		t.Errorf("the running header is kept %d times, want 2", n)
	}
}

// tsv places a word by its extent, as pdftotext's -tsv gives it, on a page
// drawn at scale s (a landscape page's table fit to the fixtures' page).
func tsv(x0, width, y float64, text string) word {
	const s, h = 0.7, 15.0
	return word{x0: x0 * s, x1: (x0 + width) * s, y0: y * s, y1: (y + h) * s, text: text}
}

// The “三公” table of a 决算 that prints a blank for zero (a Sichuan
// bureau's layout): under 预算数 and 决算数 each, 合计, 因公出国（境）费, the
// vehicle's 小计, 购置费 and 运行费 under their group's name, 公务接待费. The
// names are centred, the figures right-aligned, and four columns of each
// half have no figure: the header's lowest names give the columns.
func TestPDFThreePublicBlankColumns(t *testing.T) {
	ws := []word{
		tsv(220.30, 29.99, 113, "预算数"), tsv(592.68, 29.99, 113, "决算数"),
		tsv(215.46, 99.96, 129.5, "公务用车购置及运行费"), tsv(587.81, 99.96, 129.5, "公务用车购置及运行费"),
	}
	for _, x := range []float64{0, 372.35} {
		ws = append(ws, tsv(53.33+x, 19.99, 137.75, "合计"), tsv(83.64+x, 79.97, 137.75, "因公出国（境）费"),
			tsv(366.34+x, 49.98, 137.75, "公务接待费"), tsv(173.91+x, 19.99, 146, "小计"),
			tsv(203.89+x, 69.97, 146, "公务用车购置费"), tsv(285.43+x, 69.97, 146, "公务用车运行费"))
	}
	ws = append(ws, tsv(54.28, 19.88, 163.25, "4.87"), tsv(398.21, 19.88, 163.25, "4.87"),
		tsv(426.63, 19.88, 163.25, "4.57"), tsv(770.61, 19.88, 163.25, "4.57"))
	ts := tables(layout(ws))
	if len(ts) != 1 {
		t.Fatalf("%d tables", len(ts))
	}
	got := grid(ts[0])
	if want := "4.87|||||4.87|4.57|||||4.57"; got[len(got)-1] != want {
		t.Errorf("figures = %q, want %q", got[len(got)-1], want)
	}
	cols := map[string][]int{} // the columns each name stands at, over the header's rows
	for i, r := range ts[0].Rows[:len(ts[0].Rows)-1] {
		for j, c := range r {
			if c.Text != "" && !c.Covered(i, j) {
				cols[c.Text] = append(cols[c.Text], j)
			}
		}
	}
	for name, want := range map[string][]int{"合计": {0, 6}, "因公出国（境）费": {1, 7}, "小计": {2, 8},
		"公务用车购置费": {3, 9}, "公务用车运行费": {4, 10}, "公务接待费": {5, 11}} {
		if !reflect.DeepEqual(cols[name], want) {
			t.Errorf("%s at columns %v, want %v", name, cols[name], want)
		}
	}
}

// The “三公” table with a pair of measures under each part (a Shanghai
// school's 决算): 合计 stands centred over its pair, on no name; the
// vehicle's group stands over 小计, 购置费 and 运行维护费, each over its
// pair; the table's title row over the vehicle's group is a level of its
// own, not a line its name wrapped onto.
func TestPDFThreePublicMeasurePairs(t *testing.T) {
	ws := []word{
		tsv(371.52, 99.96, 95, "财政拨款“三公”经费"), tsv(428.67, 119.95, 111.5, "公务用车购置及运行维护费"),
		tsv(96.06, 19.99, 119.75, "合计"), tsv(190.18, 79.97, 119.75, "因公出国（境）费"), tsv(711.93, 49.98, 119.75, "公务接待费"),
		tsv(344.29, 19.99, 128, "小计"), tsv(435.67, 69.97, 128, "公务用车购置费"), tsv(560.04, 89.97, 128, "公务用车运行维护费"),
	}
	for i, x := range []float64{62.59, 119.52, 181.58, 248.77, 310.82, 367.75, 425.93, 485.38, 552.56, 627.49, 693.42, 750.39} {
		ws = append(ws, tsv(x, 29.99, 145.25, []string{"预算数", "决算数"}[i%2]))
	}
	figs := []struct {
		x0, w float64
		t     string
	}{{77.24, 25.43, "48.47"}, {135.05, 24.56, "44.17"}, {207.67, 19.12, "1.32"}, {274, 19.97, "0.00"}, {326.26, 24.64, "43.14"},
		{382.38, 25.45, "40.67"}, {441.75, 25.52, "27.93"}, {501.2, 25.52, "27.93"}, {577.79, 23.84, "15.21"}, {651.98, 24.59, "12.74"},
		{714.41, 19.09, "4.01"}, {770.51, 19.98, "3.50"}}
	for _, f := range figs {
		ws = append(ws, tsv(f.x0, f.w, 161.75, f.t))
	}
	ts := tables(layout(ws))
	if len(ts) != 1 {
		t.Fatalf("%d tables", len(ts))
	}
	tb := ts[0]
	spans := map[string][2]int{} // a name's first column and span
	for i, r := range tb.Rows {
		for j, c := range r {
			if c.Text != "" && !c.Covered(i, j) {
				if _, ok := spans[c.Text]; !ok {
					spans[c.Text] = [2]int{j, c.ColSpan}
				}
			}
		}
	}
	for name, want := range map[string][2]int{"合计": {0, 2}, "因公出国（境）费": {2, 2}, "公务用车购置及运行维护费": {4, 6},
		"小计": {4, 2}, "公务用车购置费": {6, 2}, "公务用车运行维护费": {8, 2}, "公务接待费": {10, 2}} {
		if spans[name] != want {
			t.Errorf("%s at column %d spanning %d, want %d spanning %d", name, spans[name][0], spans[name][1], want[0], want[1])
		}
	}
	if got := grid(tb); got[len(got)-1] != "48.47|44.17|1.32|0.00|43.14|40.67|27.93|27.93|15.21|12.74|4.01|3.50" {
		t.Errorf("figures = %q", got[len(got)-1])
	}
}

// A 栏次 row numbers the columns, each number centred under its name, the
// figures right-aligned further right: the numbers make no columns of
// their own (a national-template 支出决算表).
func TestPDFColumnNumbersRow(t *testing.T) {
	ws := []word{
		w(45, 100, "项目"), w(170, 100, "合计"), w(260, 100, "基本支出"), w(360, 100, "上缴上级支出"),
		w(45, 117, "栏次"), w(176, 117, "1"), w(277, 117, "2"), w(388, 117, "3"),
		w(45, 134, "合计"), right(240, 134, "3156.18"), right(340, 134, "1849.30"), right(450, 134, "0.00"),
		w(45, 151, "公共安全支出"), right(240, 151, "2616.28"), right(340, 151, "1309.40"), right(450, 151, "0.00"),
	}
	ts := tables(layout(ws))
	if len(ts) != 1 {
		t.Fatalf("%d tables", len(ts))
	}
	got := grid(ts[0])
	want := []string{"项目|合计|基本支出|上缴上级支出", "栏次|1|2|3", "合计|3156.18|1849.30|0.00", "公共安全支出|2616.28|1309.40|0.00"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("grid\n%q\nwant\n%q", got, want)
	}
}

// TestPDFStackedPopplerLine: a font whose word boxes are taller than its
// lines lets poppler put words of three printed lines on one line: a
// 款 row's name, the 款 code centred in its merged cell below it, and the
// 项 code of the row under that. Each printed line is a row of its own,
// the 项 code with its name and figures; the centred code stands alone.
func TestPDFStackedPopplerLine(t *testing.T) {
	tall := func(v word, pline int) word { // a box as tall as newWord lets one be, on its own poppler line
		v.y1, v.pline = v.y0+1.5*em, pline
		return v
	}
	var ws []word
	for i, v := range []word{
		w(60, 100, "类"), w(90, 100, "款"), w(120, 100, "项"), w(160, 100, "科目名称"), right(400, 100, "合计"),
		w(160, 117, "卫生健康支出"), right(400, 117, "114.38"),
		w(60, 134, "210"), right(400, 134, "114.38"),
		w(160, 151, "行政单位医疗"), right(400, 151, "57.19"),
		w(160, 168, "事业单位医疗"), right(400, 168, "57.19"),
	} {
		ws = append(ws, tall(v, i+1))
	}
	// Poppler's one line, in x order: the 款 code centred between its two
	// rows, the 项 code of the lower one, the upper one's name.
	for _, v := range []word{w(90, 142.5, "11"), w(120, 151, "01"), w(160, 134, "行政事业单位医疗")} {
		ws = append(ws, tall(v, 100))
	}
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].pline < ws[j].pline })
	b := &pdfBuilder{doc: &Document{}}
	b.page(page{num: 1, width: 595, height: 842, words: ws})
	b.flush()
	got := grid(tables(b.doc)[0])
	want := []string{
		"类|款|项|科目名称|合计",
		"|||卫生健康支出|114.38",
		"210|||行政事业单位医疗|114.38",
		"|11|||",
		"||01|行政单位医疗|57.19",
		"|||事业单位医疗|57.19",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n got %q\nwant %q", got, want)
	}
}
