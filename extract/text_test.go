package extract

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestText(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String("一般公共预算财政拨款收入2,099.36万元\n")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		in    string
		want  []string
		pages []int
	}{
		{"utf8 with bookmark residue", "[bookmark: _Toc1][bookmark: _Toc2]二、收入决算情况说明\n\n  正文 \n", []string{"二、收入决算情况说明", "正文"}, []int{0, 0}},
		{"bom", "\xEF\xBB\xBF标题\r\n正文\r\n", []string{"标题", "正文"}, []int{0, 0}},
		{"gbk", gbk, []string{"一般公共预算财政拨款收入2,099.36万元"}, []int{0}},
		{"utf16", "\xFF\xFE" + string([]byte{0x74, 0x5e, 0x0a, 0x00}), []string{"年"}, []int{0}},
		{"form feeds are pages", "第一页\f第二页\n续\f", []string{"第一页", "第二页", "续"}, []int{1, 2, 2}},
		{"tab cells kept", "\t主管部门\t市人大\t\n", []string{"主管部门\t市人大"}, []int{0}},
	}
	for _, tt := range tests {
		doc, err := Text(bytes.NewReader([]byte(tt.in)), int64(len(tt.in)))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var got []string
		var pages []int
		for i, b := range doc.Blocks {
			got = append(got, b.Text)
			pages = append(pages, b.Pos.Page)
			if b.Pos.Block != i+1 || b.Kind != Paragraph {
				t.Errorf("%s: block %d = %+v", tt.name, i+1, b)
			}
		}
		if !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(pages, tt.pages) {
			t.Errorf("%s: Text = %q pages %v; want %q pages %v", tt.name, got, pages, tt.want, tt.pages)
		}
	}
}

func TestTextErrors(t *testing.T) {
	for name, in := range map[string]string{
		"blank":   " \n\t\n",
		"garbage": "\x81\x30\xff\xfe\x00\x81",
	} {
		_, err := Text(bytes.NewReader([]byte(in)), int64(len(in)))
		if err == nil || !(errors.Is(err, ErrEmpty) || errors.Is(err, ErrBadEncoding)) {
			t.Errorf("%s: err = %v; want ErrEmpty or ErrBadEncoding", name, err)
		}
	}
}

// TestTextLayout: a hard-wrapped copy joins its lines into paragraphs, keeps
// a clause the copy broke at a comma with its sentence, drops a page mark
// drawn mid-page into furniture, and makes rows of figures a table; a dump
// whose lines are whole paragraphs keeps them apart.
func TestTextLayout(t *testing.T) {
	line := "本部门坚持厉行节约严格控制一般性支出提高资金使用效益加强预算绩效管理"
	wrapped := line + "\n" + line + "\n" + line + "\n" + line + "\n" + line + "\n本年收入合计2,946.25万元，\n其中财政拨款收入2,940.05万元。\n─ 3 ─\n下一段。\n" +
		"项目 决算数\n本年收入合计 2,946.25\n本年支出合计 2,940.05\n"
	doc, err := Text(bytes.NewReader([]byte(wrapped)), int64(len(wrapped)))
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, b := range doc.Blocks {
		kinds = append(kinds, b.Kind.String()+": "+b.Text)
	}
	want := []string{
		"paragraph: " + strings.Repeat(line, 5) + "本年收入合计2,946.25万元，其中财政拨款收入2,940.05万元。",
		"paragraph: 下一段。",
		"paragraph: 项目 决算数", // one cell: its words are a blank apart
		"table: 本年收入合计\t2,946.25\n本年支出合计\t2,940.05",
		"furniture: ─ 3 ─", // after the page's text, as a PDF's
	}
	if !reflect.DeepEqual(kinds, want) {
		t.Errorf("blocks\n got %q\nwant %q", kinds, want)
	}
	if p := doc.Blocks[0].Lines; len(p) != 6 {
		t.Errorf("line starts %v, want 6", p)
	}
	// A printed line the copy broke where the type changed (a bold item
	// name, then its sentence): the two short lines make one full line,
	// and the sentence goes on below.
	split := strings.Repeat(line+"\n", 9) + "这一段到此为止。\n" +
		"3.红十字事业（款）行政运行（项）\n。年初预算为133.18万元，支出决算为129.20万\n元，完成年初预算的97.01%。\n"
	doc, err = Text(bytes.NewReader([]byte(split)), int64(len(split)))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(doc.Blocks); n != 2 || doc.Blocks[1].Text != "3.红十字事业（款）行政运行（项）。年初预算为133.18万元，支出决算为129.20万元，完成年初预算的97.01%。" {
		t.Errorf("a printed line broken in two: %d blocks %+v", n, doc.Blocks)
	}
	// A table the page's foot cuts, its header printed again atop the
	// next page: one table. A title repeated alone is no header.
	cut := "一般公共预算基本支出预算表\n单位：万元\n科目编码 科目名称 金额\n合计 1,408.25\n301 工资福利支出 1,114.64\n30101 基本工资 169.94\n" +
		"\f科目编码 科目名称 金额\n30102 津贴补贴 944.70\n302 商品和服务支出 293.61\n"
	doc, err = Text(bytes.NewReader([]byte(cut)), int64(len(cut)))
	if err != nil {
		t.Fatal(err)
	}
	if ts := tables(doc); len(ts) != 1 || len(ts[0].Rows) != 5 {
		t.Errorf("a table cut by a page under its header repeated: %d tables", len(ts))
	}
	// A header of six lines, one of a single word, one wrapped, printed again.
	tall := "收入决算表\n单位：万元\n项目\n本年收入合计 财政拨款收入 经营收\n入 其他收入\n支出功能分类科目编码 科目名称\n类 款 项\n栏次 1 2 3\n" +
		"合计 1,922.15 1,922.15 0.00\n201 一般公共服务支出 164.36 164.36 0.00\n" +
		"\f-13-\n项目\n本年收入合计 财政拨款收入 经营收\n入 其他收入\n支出功能分类科目编码 科目名称\n类 款 项\n208 社会保障和就业支出 1,757.79 1,757.79 0.00\n"
	doc, err = Text(bytes.NewReader([]byte(tall)), int64(len(tall)))
	if err != nil {
		t.Fatal(err)
	}
	if ts := tables(doc); len(ts) != 1 {
		t.Errorf("a table cut by a page under its five-line header repeated: %d tables", len(ts))
	}
	form := "项目绩效目标表\n2,000.00 1,000.00\n3,000.00 4,000.00\n\f项目绩效目标表\n5,000.00 6,000.00\n7,000.00 8,000.00\n"
	doc, err = Text(bytes.NewReader([]byte(form)), int64(len(form)))
	if err != nil {
		t.Fatal(err)
	}
	if ts := tables(doc); len(ts) != 2 {
		t.Errorf("a form per page under its title: %d tables", len(ts))
	}
	dump := "第一段，一整段话写在一行里，直到段末。\n第二段也是一行，长短不一，结束。\n第三段。\n"
	doc, err = Text(bytes.NewReader([]byte(dump)), int64(len(dump)))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Blocks) != 3 {
		t.Errorf("a dump of %d paragraphs gave %d blocks", 3, len(doc.Blocks))
	}
}

// A text copy keeps no margins: the page number on a short page's first
// line (a cover copied in the content stream's order) is furniture, as it
// would be at the top of a printed page.
func TestTextPageNumberFirstOnShortPage(t *testing.T) {
	text := "第1页\n丰华市第九中学\n2022年度单位决算\n\f第2页\n目 录\n第一部分部门概况\n"
	doc, err := Text(strings.NewReader(text), int64(len(text)))
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, b := range doc.Blocks {
		kinds = append(kinds, b.Kind.String()+":"+b.Text)
	}
	for _, k := range kinds {
		if strings.HasSuffix(k, "第1页") && !strings.HasPrefix(k, "furniture:") {
			t.Errorf("blocks %q: 第1页 is not furniture", kinds)
		}
	}
	if len(kinds) == 0 || strings.HasSuffix(kinds[0], "第1页") {
		t.Errorf("blocks %q: the cover opens with its page number", kinds)
	}
}

// A -layout copy lays each page out on its own: a table that runs over a
// page stands in columns spaced anew, and the name of its last row on the
// first page may wrap onto the page's last line. The tail joins its row,
// the table stays open at the page's foot, and the next page's columns,
// moved by different amounts, are placed on the first page's: one table.
func TestTextLayoutTableOverPages(t *testing.T) {
	text := "" +
		"        科目编码          功能科目名称          金额\n" +
		"      类   款      项\n" +
		"                合计                              1,155.67\n" +
		"206                  科学技术支出                       647.97\n" +
		"206      07          科学技术普及                       647.97\n" +
		"206      07    02    科普活动                         647.97\n" +
		"208                  社会保障和就业支                     507.70\n" +
		"                     出\n" +
		"208      05          行政事业单位离退                     507.70\n" +
		"                     休\n" +
		"\n\n                                -9-\n\f" +
		"208     05   04   未归口管理的行政                   134.14\n" +
		"                  单位离退休\n" +
		"208     05   05   机关事业单位基本                  255.96\n" +
		"                  养老保险缴费支出\n" +
		"208     05   06   机关事业单位职业                  117.60\n" +
		"                  年金缴费支出\n" +
		"210               医疗卫生与计划生                   103.18\n" +
		"                  育支出\n" +
		"210     11        行政事业单位医疗                   103.18\n" +
		"210     11   01   行政单位医疗                     103.18\n" +
		"\n                                -10-\n\f"
	ts := textTable(t, text)
	// Every row in the first page's five columns: 类, 款, 项, name, figure.
	want := []string{
		"科目编码|||功能科目名称|金额",
		"|类 款|项||",
		"||合计||1,155.67",
		"206|||科学技术支出|647.97",
		"206|07||科学技术普及|647.97",
		"206|07|02|科普活动|647.97",
		"208|||社会保障和就业支出|507.70",
		"208|05||行政事业单位离退休|507.70",
		"208|05|04|未归口管理的行政单位离退休|134.14",
		"208|05|05|机关事业单位基本养老保险缴费支出|255.96",
		"208|05|06|机关事业单位职业年金缴费支出|117.60",
		"210|||医疗卫生与计划生育支出|103.18",
		"210|11||行政事业单位医疗|103.18",
		"210|11|01|行政单位医疗|103.18",
	}
	got := grid(ts[0])
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n got %q\nwant %q", got, want)
	}
}

// A -layout copy of a table whose figures stand a blank apart, rows a few
// characters askew: the figures of neighbouring columns overlap from row
// to row, and columns made of them would hold two figures of one row in
// one cell. The copy has lost its columns: the table is packed, a row's
// cells in order, every figure a cell of its own.
func TestTextLayoutFiguresAskew(t *testing.T) {
	text := "" +
		" 功能分类 功能分类科目名称                                收入预算\n" +
		" 科目编码                   合计        财政拨款收入 事业收入 其他收入\n" +
		"201     一般公共服务支出    42,681,383.71 42,542,905.45         138,478.26\n" +
		"2013401 行政运行        16,324,306.71 16,317,382.80           6,923.91\n" +
		"208     社会保障和就业支出    2,742,896.10 2,742,896.10\n" +
		"20805 行政事业单位养老支出 2,742,896.10 2,742,896.10\n" +
		"2080505 机关事业单位基本养老保\n" +
		"        险缴费支出        1,712,336.77 1,712,336.77\n" +
		"210     卫生健康支出         761,508.77 761,508.77\n" +
		"21011 行政事业单位医疗         761,508.77 761,508.77\n" +
		"          合计        49,385,415.63 49,246,937.37         138,478.26\n"
	ts := textTable(t, text)
	if !ts[0].Packed {
		t.Errorf("a table of askew figures is not packed")
	}
	for _, r := range ts[0].Rows {
		for _, c := range r {
			if strings.Count(c.Text, ".") > 1 {
				t.Errorf("cell %q holds two figures", c.Text)
			}
		}
	}
}

// A -layout copy may set a header's names characters to the left of
// their figures, over no column: each then stands nearest the column
// left of its own, and the names of 合计, 基本支出 and 项目支出 ran into
// one cell. Names of one header line stand over columns of their own.
func TestTextLayoutHeaderNamesOffTheirColumns(t *testing.T) {
	text := "" +
		" 功能分类科目 功能分类科目                    支出预算\n" +
		"    编码      名称      合计            基本支出            项目支出\n" +
		"201      一般公共服务          473.26          332.51          140.75\n" +
		"         支出\n" +
		"20126    档案事务            473.26          332.51          140.75\n" +
		"2012604  档案馆              29.78                           29.78\n" +
		"2012650  事业运行            443.48          332.51          110.97\n" +
		"208      社会保障和就           67.27           67.27\n" +
		"         业支出\n"
	got := grid(textTable(t, text)[0])
	want := []string{
		"功能分类科目|功能分类科目|支出预算||",
		"编码|名称|合计|基本支出|项目支出",
		"201|一般公共服务支出|473.26|332.51|140.75",
		"20126|档案事务|473.26|332.51|140.75",
		"2012604|档案馆|29.78||29.78",
		"2012650|事业运行|443.48|332.51|110.97",
		"208|社会保障和就业支出|67.27|67.27|",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n got %q\nwant %q", got, want)
	}
}

// textTable reads text and gives its tables, failing unless there is one.
func textTable(t *testing.T, text string) []*Table {
	t.Helper()
	doc, err := Text(strings.NewReader(text), int64(len(text)))
	if err != nil {
		t.Fatal(err)
	}
	ts := tables(doc)
	if len(ts) != 1 {
		t.Fatalf("%d tables, want 1", len(ts))
	}
	return ts
}

// A text copy keeps no margins: a short page's first line over its page
// number is in its head, and a running header there, the same as the
// page before's, is furniture, not a paragraph that would cut the table
// running on from the page before.
func TestTextRunningHeaderOnShortPage(t *testing.T) {
	text := "某市某局2018年度部门决算\n—5—\n收入决算表\n单位：万元\n" +
		"合计 100.00 100.00\n206 科学技术支出 60.00 60.00\n206 07 科学技术普及 60.00 60.00\n" +
		"206 07 02 科普活动 60.00 60.00\n208 社会保障和就业支出 40.00 40.00\n208 05 行政事业单位离退休 40.00 40.00\n" +
		"\f某市某局2018年度部门决算\n—6—\n208 05 01 行政单位离退休 25.00 25.00\n208 05 05 机关事业单位基本养老保险缴费支出 15.00 15.00\n\f"
	doc, err := Text(strings.NewReader(text), int64(len(text)))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range doc.Blocks {
		if b.Pos.Page == 2 && strings.Contains(b.Text, "部门决算") && b.Kind != Furniture {
			t.Errorf("page 2's running header is a %v", b.Kind)
		}
	}
	if ts := tables(doc); len(ts) != 1 {
		t.Errorf("%d tables, want 1", len(ts))
	}
}

// A copy in the content stream's order may put a page's number first and
// turn a table's last row over to the next page alone: one row opening
// the page goes on with the table the page before left open.
func TestTextLastRowTurnedOver(t *testing.T) {
	text := "科目编码 科目名称 金额\n合计 100.00\n301 工资福利支出 60.00\n303 对个人和家庭的补助 40.00\n30302 退休费 39.85\n" +
		"\f—12—\n30309 奖励金 0.15\n九、一般公共预算“三公”经费支出预算表\n"
	got := grid(textTable(t, text)[0])
	if n := len(got); n == 0 || !strings.Contains(got[n-1], "0.15") {
		t.Errorf("rows %q: the row turned over is not the table's last", got)
	}
}

// A -layout copy spaces each page by its own cells: the page after the
// first stands its columns elsewhere, and its 合计, set in from the names,
// stands in a column of its own. The figure columns still match one for
// one, so the page goes on with the table, its 合计 in the name column.
func TestTextLayoutLastPageTotalSetIn(t *testing.T) {
	text := "" +
		"功能分类科目编码\n" +
		"                         功能分类科目名称       合计            基本支出           项目支出\n" +
		"类     款    项\n" +
		"204             公共安全支出                  87267272.44    16726725.44    70540547.00\n" +
		"204   06        司法                      87267272.44    16726725.44    70540547.00\n" +
		"204   06   01   行政运行                    16726725.44    16726725.44           0.00\n" +
		"204   06   04   基层司法业务                  21703947.00           0.00    21703947.00\n" +
		"204   06   05   普法宣传                     1242900.00           0.00     1242900.00\n" +
		"204   06   07   公共法律服务                   6860000.00           0.00     6860000.00\n" +
		"204   06   13   信息化建设                    2278800.00           0.00     2278800.00\n" +
		"204   06   99   其他司法支出                  38454900.00           0.00    38454900.00\n" +
		"208             社会保障和就业支出                3343704.00     3343704.00           0.00\n" +
		"208   05        行政事业单位养老支出               3343704.00     3343704.00           0.00\n" +
		"208   05   01   行政单位离退休                   578040.00      578040.00           0.00\n" +
		"208   05   05   机关事业单位基本养老保险缴费支出         1839485.00     1839485.00           0.00\n" +
		"\f208   05   06   机关事业单位职业年金缴费支出     919739.00     919739.00          0.00\n" +
		"208   05   99   其他行政事业单位养老支出         6440.00       6440.00          0.00\n" +
		"210             卫生健康支出            1149678.00    1149678.00          0.00\n" +
		"210   11        行政事业单位医疗          1149678.00    1149678.00          0.00\n" +
		"210   11   01   行政单位医疗            1149678.00    1149678.00          0.00\n" +
		"221             住房保障支出            4521559.00    4521559.00          0.00\n" +
		"221   02        住房改革支出            4521559.00    4521559.00          0.00\n" +
		"221   02   01   住房公积金             2087959.00    2087959.00          0.00\n" +
		"221   02   03   购房补贴              2433600.00    2433600.00          0.00\n" +
		"                        合计       96282213.44   25741666.44   70540547.00\n" +
		"\f"
	got := oneTable(t, text)
	want := []string{"|||合计|96282213.44|25741666.44|70540547.00", "221|02|03|购房补贴|2433600.00|2433600.00|0.00"}
	if n := len(got); n != 24 || got[0] != "|||功能分类科目名称|合计|基本支出|项目支出" || got[n-1] != want[0] || got[n-2] != want[1] {
		t.Errorf("rows\n got %q\nwant 24 rows under the first page's header, the last two %q", got, want)
	}
}

// A label-only line tight under a row is merged into its cells as the
// name's wrapped text; the cell says where the line began, for the reader
// that knows whether it is a row of its own.
func TestTextLayoutWrappedLineStarts(t *testing.T) {
	text := "" +
		"    项目名称            金额        项目名称            金额\n" +
		"    当年收入小计        100.00      当年支出小计          100.00\n" +
		"    上年结转资金                    结转下年资金\n" +
		"    收入合计            100.00      支出合计              100.00\n"
	ts := textTable(t, text)
	var cells []Cell
	for _, row := range ts[0].Rows {
		for _, c := range row {
			if len(c.Lines) > 0 {
				cells = append(cells, c)
			}
		}
	}
	if len(cells) != 2 || cells[0].Text != "当年收入小计上年结转资金" || !reflect.DeepEqual(cells[0].Lines, []int{len("当年收入小计")}) ||
		cells[1].Text != "当年支出小计结转下年资金" || !reflect.DeepEqual(cells[1].Lines, []int{len("当年支出小计")}) {
		t.Errorf("cells with wrapped lines: %+v", cells)
	}
}

// A raw copy of a summary table that goes on to the next page, whose
// first row there is labels alone: the row is the table's, not a
// paragraph that parts the table from its last rows.
func TestTextRawLabelRowOpensPage(t *testing.T) {
	text := "收入支出决算总表\n单位：万元\n项目 决算数 项目 决算数\n" +
		"一、一般公共预算财政拨款收入 2,940.05 一、一般公共服务支出 2,106.66\n" +
		"本年收入合计 2,946.25 本年支出合计 2,940.05\n" +
		"\f使用非财政拨款结余（含专用结余） 结余分配\n" +
		"年初结转和结余 49.14 年末结转和结余 55.34\n" +
		"总计 2,995.39 总计 2,995.39\n"
	got := oneTable(t, text)
	if n := len(got); n < 4 || !strings.HasPrefix(got[n-3], "使用非财政拨款结余") || !strings.HasPrefix(got[n-2], "年初结转和结余|49.14") {
		t.Errorf("rows %q: want the label row, then 年初结转和结余 49.14, then 总计", got)
	}
}

// A -layout copy of a function table whose page turns inside a centred
// name: the name's first line opens the next page, over the row's name.
// It is the row's, not a paragraph that parts the table.
func TestTextLayoutNameOpensPage(t *testing.T) {
	text := "" +
		"             一般公共预算财政拨款支出决算表\n" +
		"编制单位：长林县卫生健康委员会                                     单位：万元\n" +
		" 支出功能分类科\n" +
		"    目编码     科目名称    合计             基本支出           项目支出\n" +
		" 类 款 项\n" +
		"208       社会保障和就          392.39      266.39         126.00\n" +
		"          业支出\n" +
		"208 05    行政事业单位          266.39      266.39           0.00\n" +
		"          离退休\n" +
		"208 05 01 行政单位离退\n" +
		"          休               157.94      157.94             0.00\n" +
		"          机关事业单位\n" +
		"208 05 05 基本养老保险           72.35          72.35          0.00\n" +
		"          缴费支出\n" +
		"          机关事业单位\n" +
		"208 05 06 职业年金缴费           36.10          36.10          0.00\n" +
		"          支出\n" +
		"208 99    其他社会保障          126.00           0.00      126.00\n" +
		"          和就业支出\n" +
		"208 99 99 其他社会保障\n" +
		"          和就业支出           126.00           0.00      126.00\n" +
		"210       医疗卫生与计         1430.18      688.61         741.57\n" +
		"          划生育支出\n" +
		"\n" +
		"\n" +
		"                      第 14 页\n" +
		"\f          医疗卫生与计\n" +
		"210 01    划生育管理事           1057.82         642.38    415.44\n" +
		"          务\n" +
		"210 01 01 行政运行              642.38         642.38      0.00\n" +
		"210 01 02 一般行政管理\n" +
		"          事务                317.56           0.00    317.56\n" +
		"          其他医疗卫生\n" +
		"210 01 99 与计划生育管             97.88           0.00     97.88\n" +
		""
	got := oneTable(t, text)
	for i, r := range got {
		if r == "|||医疗卫生与计|||" && i+1 < len(got) && strings.HasPrefix(got[i+1], "210|01||划生育管理事") {
			return
		}
	}
	t.Errorf("no row 医疗卫生与计 over 210 01 in %q", got)
}

// A -layout copy's header of several lines, a line of one cell (类 款, the
// code's parts a blank apart) between the column names and the rows: the
// whole header is the table's.
func TestTextLayoutHeaderOneCellLine(t *testing.T) {
	text := "" +
		"            项目                  一般公共预算基本支出\n" +
		" 经济分类\n" +
		" 科目编码      经济分类科目名称     合计          人员经费         公用经费\n" +
		" 类 款\n" +
		"301    工资福利支出           4,062,892    4,062,892\n" +
		"301 01 基本工资               676,283      676,283\n" +
		"301 02 津贴补贴             2,299,619    2,299,619\n" +
		"301 08 机关事业单位基本养老保险缴费     412,253      412,253\n" +
		"301 09 职业年金缴费             205,249      205,249\n" +
		"301 10 职工基本医疗保险缴费         239,145      239,145\n" +
		"301 12 其他社会保障缴费            20,407       20,407\n" +
		"301 13 住房公积金              209,936      209,936\n" +
		"302    商品和服务支出          1,425,624                 1,425,624\n" +
		"302 01 办公费                119,349                   119,349\n" +
		"302 02 印刷费                 77,158                    77,158\n" +
		"302 05 水费                  61,498                    61,498\n" +
		"302 06 电费                 107,984                   107,984\n" +
		"302 07 邮电费                183,215                   183,215\n" +
		"302 14 租赁费                185,174                   185,174\n" +
		"302 16 培训费                148,368                   148,368\n" +
		"302 26 劳务费                110,328                   110,328\n" +
		"302 28 工会经费                43,090                    43,090\n" +
		"302 29 福利费                163,568                   163,568\n" +
		"302 31 公务用车运行维护费          138,100                   138,100\n" +
		"302 99 其他商品和服务支出           87,792                    87,792\n" +
		"303    对个人和家庭的补助          239,534      239,534\n" +
		"303 02 退休费                226,121      226,121\n" +
		"303 99 其他对个人和家庭的补助         13,413       13,413\n" +
		"            合计          5,728,050    4,302,426    1,425,624\n" +
		""
	got := oneTable(t, text)
	head := strings.Join(got[:min(4, len(got))], "/")
	if !strings.Contains(head, "人员经费") || !strings.Contains(head, "类 款") || !strings.HasPrefix(got[len(got)-1], "|||合计|5,728,050|4,302,426|1,425,624") {
		t.Errorf("rows %q: want the header's lines, 类 款 among them, and the 合计 under 人员经费 and 公用经费", got)
	}
}

// oneTable is the grid of the one table a text copy gives.
func oneTable(t *testing.T, text string) []string {
	t.Helper()
	ts := textTable(t, text)
	if len(ts) != 1 {
		t.Fatalf("%d tables, want 1", len(ts))
	}
	return grid(ts[0])
}

// A raw copy's table whose labels wrap at an enumeration comma (纺织原料、
// / 毛皮、被服, an ordinal's 一、 on a line of its own) stays one table; a
// line with a figure that stops at one is a sentence's, no row.
func TestTextRawEnumerationComma(t *testing.T) {
	got := oneTable(t, "政府采购预算表\n单位：万元\n采购品目大类 总计\n合计 100.00\n一、\n货物 A 60.00\n纺织原料、\n毛皮、被服\n装具\n分散自行组织 60.00\n二、\n工程 B 40.00\n")
	if n := len(got); n < 5 || !strings.Contains(got[n-1], "40.00") {
		t.Errorf("rows %q: want one table to 工程 B 40.00", got)
	}
	text := strings.Repeat("本部门坚持厉行节约，严格控制一般性支出，提高资金使用效益。\n", 10) +
		"某某局 2019 年度收入、\n支出预算总计 13,377.11\n万元，与上年相比增加 3.00 万元。\n"
	doc, err := Text(bytes.NewReader([]byte(text)), int64(len(text)))
	if err != nil {
		t.Fatal(err)
	}
	if ts := tables(doc); len(ts) != 0 {
		t.Errorf("a sentence broken at 、 made %d tables", len(ts))
	}
}

// TestTextColumnsFigureLines: a -layout copy aligns by characters; lines of
// figures alone (a tall row's figures, under its name) end at the same
// columns however characters count, and do not outvote the rows whose
// names say how.
func TestTextColumnsFigureLines(t *testing.T) {
	lines := []string{
		"201        一般公共服务支出              100.00       80.00       20.00",
		"20101      人大事务                  100.00       80.00       20.00",
		"2010101    行政运行                  100.00       80.00       20.00",
	}
	for i := range 40 {
		lines = append(lines, fmt.Sprintf("%*s3,671,681.98 %*s870,942.27", 20+i%10, "", i%3+1, ""))
	}
	if w := textColumns(lines)('中'); w != 1 {
		t.Errorf("a Han character counts %v columns; a layout copy counts 1", w)
	}
}

// TestTextLayoutOneRowUnderNames: a -layout copy's table of one row of
// figures under its names (a 支出总表 of its totals, the last column
// blank) keeps its columns: each figure goes under the name it stands
// nearest, and the blank column stays blank.
func TestTextLayoutOneRowUnderNames(t *testing.T) {
	ts := textTable(t, "                                  支出预算总表\n部门：某某厅                                                              单位：万元\n\n\n\n"+
		"        合计               基本支出          项目支出          单位预留机动经费        结转下年资金\n"+
		"             13,377.11      6,522.75      4,968.34        1,886.02\n公开03表\n")
	if len(ts) != 1 || ts[0].Packed {
		t.Fatalf("%d tables (packed: %v), want 1 that keeps its columns", len(ts), len(ts) > 0 && ts[0].Packed)
	}
	got := grid(ts[0])
	want := []string{"合计|基本支出|项目支出|单位预留机动经费|结转下年资金", "13,377.11|6,522.75|4,968.34|1,886.02|"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n got %q\nwant %q", got, want)
	}
}

// TestLiftedLines: a -layout copy's line that opens with a figure, set
// above the line it follows between blank lines, goes back under it, and
// the blank lines the copy set around the pair go: the sentence runs on
// from the line above and into the line below. A table's rows and a line
// that ends a sentence stay as printed.
func TestLiftedLines(t *testing.T) {
	in := []string{"…主要用于以下方面：一般公共服务", "", "494.13万元，占65.87%；社会保障和就业", "（类）支出", "", "158.07万元。"}
	want := []string{"…主要用于以下方面：一般公共服务", "（类）支出", "494.13万元，占65.87%；社会保障和就业", "158.07万元。"}
	if got := liftedLines(append([]string(nil), in...)); !reflect.DeepEqual(got, want) {
		t.Errorf("liftedLines\n got %q\nwant %q", got, want)
	}
	for _, keep := range [][]string{
		{"合计", "", "494.13万元，占65.87%；", "第一段结束。", ""},
		{"表", "", "2,976,800           0    2,976,800", "201   05        统计信息事务", ""},
	} {
		if got := liftedLines(append([]string(nil), keep...)); !reflect.DeepEqual(got, keep) {
			t.Errorf("liftedLines(%q) = %q, want it as printed", keep, got)
		}
	}
}
