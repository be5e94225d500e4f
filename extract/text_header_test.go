package extract

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// A -layout copy of a “三公” table of one row under a header of several
// levels: the parts' names on two lines (合计 … 公务接待费 over nothing,
// 小计 购置费 运行费 under 公务用车购置及运行费), a column the template
// lacks (机关运行经费) whose name wraps, and the row of figures three blank
// lines below, right of the names it stands under. The header is the
// table's, and each of its lowest names is one figure's column.
func TestTextLayoutOneRowUnderStackedHeader(t *testing.T) {
	header := "" +
		"                     2023年部门“三公”经费和机关运行经费预算表\n" +
		"编制部门：某某街道办事处                                                             单位:万元\n" +
		"\n" +
		"                               2023年“三公”经费预算数\n" +
		"\n" +
		"                                                                               2023年机关运行经\n" +
		"                                                  公务用车购置及运行费\n" +
		"                                                                                   费预算数\n" +
		"   合计           因公出国(境)费       公务接待费\n" +
		"                                          小计           购置费       运行费\n" +
		"\n\n\n"
	// Another table of the document, with names before its figures, shows
	// the copy counts a character a column (pdftotext -layout does).
	before := "" +
		"201             一般公共服务支出                 2,976,800           0    2,976,800\n" +
		"201   05        统计信息事务                     627,600           0      627,600\n" +
		"201   05   06   统计管理                         26,300          0       26,300\n" +
		"201   05   07   专项普查活动                     601,300           0      601,300\n\f"
	ts := textTables(t, before+header+
		"        22.91              0       1.35        21.56         0         21.56         786.09\n"+
		"                              其他相关情况说明\n", "786.09")
	if ts[0].Packed {
		t.Fatalf("the table is packed; want its columns")
	}
	got := grid(ts[0])
	want := []string{
		"||||||2023年机关运行经",
		"||||公务用车购置及运行费||",
		"||||||费预算数",
		"合计|因公出国(境)费|公务接待费||||",
		"|||小计|购置费|运行费|",
		"22.91|0|1.35|21.56|0|21.56|786.09",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n got %q\nwant %q", got, want)
	}

	// Blank parts (zero as blank) leave fewer figures than names: the
	// copy does not show which columns are blank, so the table is read
	// as packed, by its names' order (normalize's template), not by
	// where its figures happen to stand.
	ts = textTables(t, before+header+
		"        22.91              0       1.35                                          786.09\n", "786.09")
	if !ts[0].Packed {
		t.Errorf("a row with blank columns under a header of several levels keeps its columns; want it packed")
	}
}

// A -layout copy lays each page out on its own. Where a table's first
// page prints only zeros in a column (基本支出 0) and the next page prints
// wide figures there, the next page's cells are moved onto the first
// page's narrow column and come out a fraction of a character wide. They
// are that column's all the same: the table keeps three figure columns,
// and its header's names stand over one each.
func TestTextLayoutContinuedColumnNarrowOnFirstPage(t *testing.T) {
	text := "" +
		"\f                              2023年部门支出预算总表\n" +
		"编制部门：某某街道办事处                                              单位：元\n" +
		"\n" +
		"                       项目                             支出预算\n" +
		"\n" +
		"功能分类科目编码\n" +
		"                         功能分类科目名称       合计            基本支出       项目支出\n" +
		"类     款    项\n" +
		"\n" +
		"201             一般公共服务支出                 2,976,800           0    2,976,800\n" +
		"\n" +
		"201   05        统计信息事务                     627,600           0      627,600\n" +
		"\n" +
		"201   05   06   统计管理                         26,300          0       26,300\n" +
		"\n" +
		"201   05   07   专项普查活动                     601,300           0      601,300\n" +
		"\f204             公共安全支出              1,252,300            0   1,252,300\n" +
		"\n" +
		"204   06        司法                    150,000            0     150,000\n" +
		"\n" +
		"204   06   07   公共法律服务                150,000            0     150,000\n" +
		"\n" +
		"204   99        其他公共安全支出            1,102,300            0   1,102,300\n" +
		"\n" +
		"204   99   99   其他公共安全支出            1,102,300            0   1,102,300\n" +
		"\n" +
		"206             科学技术支出                100,000            0     100,000\n" +
		"\n" +
		"206   07        科学技术普及                100,000            0     100,000\n" +
		"\n" +
		"206   07   02   科普活动                  100,000            0     100,000\n" +
		"\n" +
		"207             文化旅游体育与传媒支出           200,000            0     200,000\n" +
		"\n" +
		"207   03        体育                    200,000            0     200,000\n" +
		"\n" +
		"207   03   08   群众体育                  200,000            0     200,000\n" +
		"\n" +
		"208             社会保障和就业支出          27,073,236   18,285,736   8,787,500\n" +
		"\n"
	ts := textTable(t, text)
	rows := ts[0].Rows
	if n := len(rows[0]); n != 7 {
		t.Fatalf("%d columns, want 7: 类 款 项, the name, 合计, 基本支出, 项目支出\n%q", n, grid(ts[0]))
	}
	got := grid(ts[0])
	want := []string{
		"|||功能分类科目名称|合计|基本支出|项目支出",
		"201|||一般公共服务支出|2,976,800|0|2,976,800",
		"208|||社会保障和就业支出|27,073,236|18,285,736|8,787,500",
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("no row %q in\n%q", w, got)
		}
	}
}

// textTables reads text and gives the table that holds word, failing
// unless there is one.
func textTables(t *testing.T, text, word string) []*Table {
	t.Helper()
	doc, err := Text(strings.NewReader(text), int64(len(text)))
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables(doc) {
		if strings.Contains(tb.text(), word) {
			return []*Table{tb}
		}
	}
	t.Fatalf("no table holds %q", word)
	return nil
}

// A raw copy in the content stream's order may print a page's running
// header at its foot: the page after a table's first page then opens
// with a header its page before did not, under which the table goes on.
// It is the header the pages before that opened with, and furniture: no
// paragraph stands between the table's parts.
func TestTextRunningHeaderAfterAGap(t *testing.T) {
	head := "某县纪律检查委员会2018年决算公开\n"
	prose := strings.Repeat("本部门负责全县纪检监察工作，依照党章和有关规定履行职责。\n", 12) // a page's length
	text := head + "1\n一、部门主要职责\n" + prose + "\f" +
		head + "2\n二、机构设置\n" + prose + "\f" +
		"表1 收入决算表\n单位：万元\n" +
		"201 一般公共服务支出 210.44 210.44\n" +
		"201 11 纪检监察事务 210.44 210.44\n" +
		"201 11 01 行政运行 141.49 141.49\n\f" +
		head + "4\n" +
		"201 11 02 一般行政管理事务 68.95 68.95\n" +
		"221 住房保障支出 11.79 11.79\n\f"
	doc, err := Text(strings.NewReader(text), int64(len(text)))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range doc.Blocks {
		if b.Kind != Furniture && b.Pos.Page == 4 && !strings.HasPrefix(b.Text, "201") && !strings.HasPrefix(b.Text, "221") {
			t.Errorf("page 4 block %q (%s); want the header furniture", b.Text, b.Kind)
		}
	}
}
