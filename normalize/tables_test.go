package normalize

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/extract"
)

// grid makes a table block from rows of cells; a cell "<" is covered by
// the cell to its left (a horizontal merge).
func grid(rows ...string) extract.Block {
	t := &extract.Table{}
	for i, r := range rows {
		var cells []extract.Cell
		for j, text := range strings.Split(r, "|") {
			c := extract.Cell{Text: text, OriginRow: i, OriginCol: j, RowSpan: 1, ColSpan: 1}
			if text == "<" {
				o := j - 1
				for cells[o].OriginCol != o {
					o = cells[o].OriginCol
				}
				c = extract.Cell{OriginRow: i, OriginCol: o}
				cells[o].ColSpan++
			}
			cells = append(cells, c)
		}
		t.Rows = append(t.Rows, cells)
	}
	var text []string
	for _, r := range rows {
		text = append(text, strings.ReplaceAll(r, "|", "\t"))
	}
	return extract.Block{Kind: extract.TableBlock, Table: t, Text: strings.Join(text, "\n")}
}

func para(s string) extract.Block { return extract.Block{Kind: extract.Paragraph, Text: s} }

func docOf(blocks ...extract.Block) *extract.Document {
	d := &extract.Document{Format: "pdf"}
	for i, b := range blocks {
		b.Pos.Block = i + 1
		d.Blocks = append(d.Blocks, b)
	}
	return d
}

func tableFacts(t *testing.T, blocks ...extract.Block) []string {
	t.Helper()
	res := Document(docOf(blocks...), segmenter(t))
	var out []string
	for _, f := range res.Facts {
		if f.Method == FromTable {
			out = append(out, factLines([]Fact{f})[0])
		}
	}
	for _, f := range res.Conflicts { // a second reading of a key: a row read as what it is not
		out = append(out, "conflict "+factLines([]Fact{f})[0])
	}
	return out
}

func TestTableShapes(t *testing.T) {
	decision := para("上海市某局2024年度部门决算")
	budget := para("江苏省某厅2019年度部门预算")
	tests := []struct {
		name   string
		blocks []extract.Block
		want   []string
	}{
		{"two-sided summary, in 元", []extract.Block{decision, para("收入支出决算总表"), para("单位：元"),
			grid("收入|<|支出|<", "项目|决算数|项目|决算数",
				"一、一般公共预算财政拨款收入|29,400,500.00|一、一般公共服务支出|21,066,600.00",
				"八、其他收入|62,000.00|八、社会保障和就业支出|3,267,100.00",
				"本年收入合计|29,462,500.00|本年支出合计|29,400,500.00",
				"年初结转和结余|491,400.00|年末结转和结余|553,400.00",
				"收入总计|29,953,900.00|支出总计|29,953,900.00")},
			[]string{"expenditure.carryover amount = 553400", "expenditure.total amount = 29400500", "income.carryover amount = 491400",
				"income.fiscal.gpb amount = 29400500", "income.other amount = 62000", "income.total amount = 29462500", "total amount = 29953900"}},
		{"budget summary whose bottom line is 收入合计", []extract.Block{budget, para("收支预算总表"),
			grid("部门：江苏省某厅|<|<|单位：万元", "项目名称|金额|项目名称|金额",
				"一、财政拨款|18,330.37|一、基本支出|9,312.90", "1.一般公共预算|18,330.37|二、项目支出|6,459.58",
				"当年收入小计|18,330.37|当年支出小计|18,330.37", "收入合计|18,330.37|支出合计|18,330.37")},
			[]string{"expenditure.basic amount = 93129000", "expenditure.project amount = 64595800", "expenditure.total amount = 183303700",
				"income.fiscal amount = 183303700", "income.fiscal.gpb amount = 183303700", "income.total amount = 183303700", "total amount = 183303700"}},
		// This year's 财政拨款 income by budget; the same labels under the
		// carry-over are not income.
		{"财政拨款 summary", []extract.Block{decision, para("财政拨款收入支出决算总表"), para("单位：万元"),
			grid("项目|决算数|项目|决算数", "一、一般公共预算财政拨款|2,940.05|一、一般公共服务支出|2,106.66",
				"本年收入合计|2,940.05|本年支出合计|2,940.05", "年初财政拨款结转和结余|21.63|年末财政拨款结转和结余|21.63",
				"一、一般公共预算财政拨款|21.63||", "收入总计|2,961.68|支出总计|2,961.68")},
			[]string{"fiscal.total amount = 29616800", "income.fiscal.gpb amount = 29400500"}},
		{"expenditure by columns, unlabelled total row", []extract.Block{budget, para("支出预算总表"), para("单位：万元"),
			grid("合计|基本支出|项目支出|单位预留机动经费", "18,330.37|9,312.90|6,459.58|2,557.89")},
			[]string{"expenditure.basic amount = 93129000", "expenditure.project amount = 64595800", "expenditure.total amount = 183303700"}},
		{"gpb table with 类/款/项 code columns, budget and completion", []extract.Block{decision, para("一般公共预算财政拨款支出决算表"), para("单位：万元"),
			grid("科目编码|<|<|科目名称|年初预算数|决算数|完成预算%", "类|款|项||||",
				"|||合计|2,993.92|2,940.05|98.20",
				"201|||一般公共服务支出|2,156.47|2,106.66|97.69",
				"201|06||财政事务|2,156.47|2,106.66|97.69",
				"201|06|01|行政运行|1,560.05|1,511.89|96.91")},
			[]string{"gpb.class amount 一般公共服务支出 #201 = 21066600", "gpb.class budget 一般公共服务支出 #201 = 21564700",
				"gpb.class completion_pct 一般公共服务支出 #201 = 97.69",
				"gpb.expenditure amount = 29400500", "gpb.expenditure budget = 29939200", "gpb.expenditure completion_pct = 98.2",
				"gpb.item amount 一般公共服务支出/财政事务/行政运行 #2010601 = 15118900", "gpb.item budget 一般公共服务支出/财政事务/行政运行 #2010601 = 15600500",
				"gpb.item completion_pct 一般公共服务支出/财政事务/行政运行 #2010601 = 96.91"}},
		// The 款 printed under its name before the 2019 rename keeps that
		// name; the code is the one printed.
		{"gpb table with one code cell, former 款 name", []extract.Block{budget, para("一般公共预算支出预算表（功能科目）"),
			grid("部门：江苏省某厅|<|单位：万元", "功能科目编码|功能科目名称|金额", "|合计|1,121.39",
				"208|社会保障和就业支出|1,121.39", "20805|行政事业单位离退休|1,121.39", "2080505|机关事业单位基本养老保险缴费支出|607.10")},
			[]string{"gpb.class amount 社会保障和就业支出 #208 = 11213900", "gpb.expenditure amount = 11213900",
				"gpb.item amount 社会保障和就业支出/行政事业单位离退休/机关事业单位基本养老保险缴费支出 #2080505 = 6071000"}},
		{"basic expenditure with personnel and public columns", []extract.Block{decision, para("一般公共预算财政拨款基本支出决算表"), para("单位：万元"),
			grid("项目|合计|人员经费|公用经费", "合计|2,336.91|2,101.15|235.76", "工资福利支出|1,800.00|1,800.00|")},
			[]string{"gpb.basic amount = 23369100", "gpb.basic.personnel amount = 21011500", "gpb.basic.public amount = 2357600"}},
		{"三公 total is the 小计, not a 合计 with meetings and training", []extract.Block{budget, para("一般公共预算“三公”经费、会议费、培训费支出预算表"), para("单位：万元"),
			grid("合计|“三公”经费|<|<|<|<|<|会议费|培训费", "|小计|因公出国（境）费|公务用车购置及运行维护费|公务用车购置费|公务用车运行维护费|公务接待费||",
				"2,600.71|767.60|199.25|183.60|0.00|183.60|384.75|1,469.73|363.38")},
			[]string{"three_public.overseas amount = 1992500", "three_public.reception amount = 3847500", "three_public.total amount = 7676000",
				"three_public.vehicle amount = 1836000", "three_public.vehicle.operation amount = 1836000", "three_public.vehicle.purchase amount = 0"}},
		// As the PDF reader gives a Jiangsu 三公 table: two header cells
		// read as one name no column, so only the clear ones are taken.
		{"三公 header cells read together", []extract.Block{budget, para("一般公共预算“三公”经费、会议费、培训费支出预算表"), para("单位：万元"),
			grid("合计|小计|因公出国 （境）费|小计 公务用车购置及运行维护费 费|公务用车购置 公务用车运行 维护费|公务接待费|会议费|培训费",
				"2,600.71|767.60|199.25|183.60|183.60|384.75|1,469.73|363.38")},
			[]string{"three_public.overseas amount = 1992500", "three_public.reception amount = 3847500", "three_public.total amount = 7676000",
				"three_public.vehicle amount = 1836000"}},
		// The caption row (部门, 单位) above the headers is no group heading:
		// the 小计 under it is still the “三公” total.
		{"三公 table under its caption row", []extract.Block{budget, para("“三公”经费、会议费、培训费支出预算表"),
			grid("部门：中共江苏省委办公厅|||||||单位：万元", "|||“三公”经费||||", "|||公务用车购置及运行维护费||||",
				"合计|||||||会议费|培训费",
				"|小计|因公出国 （境）费|小计 置费|公务用车购 公务用车运行 维护费|公务接待费||",
				"1,471.70|508.20|70.00|411.20|411.20|27.00|933.50|30.00")},
			[]string{"three_public.overseas amount = 700000", "three_public.reception amount = 270000", "three_public.total amount = 5082000",
				"three_public.vehicle amount = 4112000", "three_public.vehicle.operation amount = 4112000"}},
		// A Shanghai table 9 as the PDF reader gives it: 机关运行经费 beside
		// the “三公” columns, its header run into the vehicle 运行费's.
		{"三公 with 机关运行经费 in one table", []extract.Block{budget, para("2025年部门“三公”经费和机关运行经费预算表"),
			para("编制部门：上海市某局 单位:万元"),
			grid("合计|因公出国(境)费|公务接待费 公务用车购置及运行费小计 购置费|机关运行经费预算 数运行费", "867.50|839.00|28.50|213.28")},
			[]string{"three_public.overseas amount = 8390000", "three_public.total amount = 8675000"}},
		// A part's name wrapped onto the header's next row, where the
		// vehicle's parts stand under their group: the two rows name it.
		{"三公 names wrapped onto the row of the vehicle's parts", []extract.Block{budget, para("“三公”经费预算表"), para("单位:万元"),
			grid("合计|因公出国|公务用车购置及运行维护费|<|<|公务接待|会议费|培训费", "|（境）费|小计|公务用车购置费|公务用车运行维护费|费||",
				"20.00|1.00|6.00|2.00|4.00|3.00|8.00|2.00")},
			[]string{"three_public.overseas amount = 10000", "three_public.reception amount = 30000", "three_public.vehicle amount = 60000",
				"three_public.vehicle.operation amount = 40000", "three_public.vehicle.purchase amount = 20000"}},
		// The template's row opens with a total: a part read in the first
		// column is a header read askew, and nothing is taken.
		{"三公 row opening with a part", []extract.Block{budget, para("“三公”经费预算表"), para("单位:万元"),
			grid("因公出国（境）费|公务接待费|会议费", "2,542.60|427.50|1,305.25")}, nil},
		// Parts that outgrow the total, the vehicle subtotal unread: the
		// columns were misread, and nothing is taken.
		{"三公 parts over the total", []extract.Block{budget, para("“三公”经费预算表"), para("单位:万元"),
			grid("合计|因公出国(境)费|公务用车运行费", "867.50|839.00|213.28")}, nil},
		{"operating expense and procurement", []extract.Block{budget, para("一般公共预算机关运行经费支出预算表"), para("单位：万元"),
			grid("科目编码|科目名称|机关运行经费支出", "|合计|1,642.08", "302|商品和服务支出|1,642.08"),
			para("2019年政府采购预算表"), para("单位：万元"),
			grid("采购品目大类|专项名称|总计", "合计||2,416.43", "一、货物A||233.10", "|办公设备购置费|53.10", "三、服务C||2,183.33")},
			[]string{"operating_expense amount = 16420800", "procurement.goods amount = 2331000", "procurement.services amount = 21833300", "procurement.total amount = 24164300"}},
		{"empty 政府性基金 table with its note", []extract.Block{budget, para("财政拨款政府性基金支出预算表"), para("单位：万元"), para("注：本部门无相关收支项目")},
			[]string{"gov_fund.expenditure amount = 0"}},
		// As a PDF or a scan gives merged 类 and 款 cells: printed once,
		// and the 类 of a span standing on its middle row (centred).
		{"code cells blank under a merged range", []extract.Block{decision, para("一般公共预算财政拨款支出决算明细表"), para("单位：万元"),
			grid("科目编码|<|<|科目名称|决算数", "类|款|项||",
				"201|01|01|行政运行|1273.96", "||02|一般行政管理事务|170.51", "|32|99|其他组织事务支出|1.71",
				"|05|01|行政单位离退休|253.12", "208|08|01|死亡抚恤|19.70", "|10|01|儿童福利|0.50",
				"|99|01|没有这一项|1.00")},
			[]string{"gpb.item amount 一般公共服务支出/人大事务/一般行政管理事务 #2010102 = 1705100",
				"gpb.item amount 一般公共服务支出/人大事务/行政运行 #2010101 = 12739600",
				"gpb.item amount 一般公共服务支出/组织事务/其他组织事务支出 #2013299 = 17100",
				"gpb.item amount 社会保障和就业支出/抚恤/死亡抚恤 #2080801 = 197000",
				"gpb.item amount 社会保障和就业支出/社会福利/儿童福利 #2081001 = 5000",
				"gpb.item amount 社会保障和就业支出/行政事业单位养老支出/行政单位离退休 #2080501 = 2531200"}},
		// 类 and 款 cells merged down their rows, each code centred: the
		// class's row has none, its code stands on a row below; a line
		// of a tall row's last figures stands apart under it.
		{"gpb table whose 类 and 款 codes are centred in merged cells", []extract.Block{decision, para("一般公共预算财政拨款支出决算表"), para("单位：万元"),
			grid("科目编码|<|<|科目名称|合计|基本支出|项目支出", "类|款|项||||",
				"|||合计|300.00|200.00|100.00",
				"|||教育支出|200.00|150.00|50.00",
				"205|||普通教育|200.00|150.00|50.00",
				"|02|02|小学教育|200.00|150.00|",
				"||||||50.00",
				"|||社会保障和就业支出|100.00|50.00|50.00",
				"|||行政事业单位养老支出|100.00|50.00|50.00",
				"208|05|02|事业单位离退休|60.00|30.00|30.00",
				"||05|机关事业单位基本养老保险缴费支出|40.00|20.00|20.00")},
			[]string{"gpb.basic amount = 2000000", "gpb.class amount 教育支出 #205 = 2000000", "gpb.class amount 社会保障和就业支出 #208 = 1000000",
				"gpb.expenditure amount = 3000000",
				"gpb.item amount 教育支出/普通教育/小学教育 #2050202 = 2000000",
				"gpb.item amount 社会保障和就业支出/行政事业单位养老支出/事业单位离退休 #2080502 = 600000",
				"gpb.item amount 社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出 #2080505 = 400000"}},
		// A copy ran the columns' numbers (栏次) into the row: 1, 2, 3 are
		// no figures, and the row is not read.
		{"三公 row opening with the columns' numbers", []extract.Block{budget, para("“三公”经费预算表"), para("单位:元"),
			grid("合计|因公出国（境）费|公务用车购置及运行费|公务接待费|||||", "1|2|3|4|10000|1000|6000|3000")}, nil},
		{"no unit, no facts", []extract.Block{decision, para("一般公共预算财政拨款支出决算表"),
			grid("科目编码|科目名称|决算数", "201|一般公共服务支出|2,106.66")}, nil},
	}
	for _, tt := range tests {
		got := tableFacts(t, tt.blocks...)
		if len(got) == 0 && len(tt.want) == 0 {
			continue
		}
		if !reflect.DeepEqual(sortedCopy(got), tt.want) {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, strings.Join(sortedCopy(got), "\n     "), strings.Join(tt.want, "\n     "))
		}
	}
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestTableBeatsNarrative(t *testing.T) {
	res := Document(docOf(
		para("上海市某局2024年度部门决算"),
		para("财政拨款收入支出决算总表"), para("单位：万元"),
		grid("项目|决算数|项目|决算数", "收入总计|2,961.68|支出总计|2,961.68"),
		para("四、财政拨款收入支出决算总体情况说明"),
		para("上海市某局2024年度财政拨款收入支出总计0.3万元。"),
	), segmenter(t))
	f := res.Facts
	if len(f) != 1 || f[0].Metric != "fiscal.total" || f[0].Value.String() != "29616800" || f[0].Method != FromTable {
		t.Errorf("facts = %+v; want the table's fiscal.total only", f)
	}
	if len(res.Conflicts) != 1 || res.Conflicts[0].Value.String() != "3000" {
		t.Errorf("conflicts = %+v; want the narrative's 0.3万元", res.Conflicts)
	}
}

func TestCatalogueRenames(t *testing.T) {
	cat := mustLexicon().cat
	for _, tt := range []struct {
		names []string
		code  string
	}{
		{[]string{"社会保障和就业支出", "行政事业单位养老支出", "行政单位离退休"}, "2080501"},
		{[]string{"社会保障和就业", "行政事业单位离退休", "行政单位离退休"}, "2080501"},   // the 款's name before 2019
		{[]string{"医疗卫生与计划生育支出", "行政事业单位医疗", "行政单位医疗"}, "2101101"}, // the 类's name before 2018
		{[]string{"一般公共服务支出", "人大事务", "没有这一项"}, ""},
	} {
		if code, _ := cat.path(tt.names...); code != tt.code {
			t.Errorf("path(%q) = %q; want %q", tt.names, code, tt.code)
		}
	}
}

// TestLinesByCode: a table row with a function code is named as the
// catalogue names the code, whatever the printing ran into its name, and a
// narrative item is the table line it stands for, by code, by a close name
// under its 类, or by its amount: one line, one subject.
func TestLinesByCode(t *testing.T) {
	decision := para("上海市某局2024年度部门决算")
	table := []extract.Block{decision, para("一般公共预算财政拨款支出决算表"), para("单位：万元"),
		grid("科目编码|科目名称|合计|基本支出|项目支出",
			"|合计|352.10|300.00|52.10",
			"208|社会保障和就业支出行政事业单位|352.10|300.00|52.10",
			"20805|养老支出|352.10|300.00|52.10",
			"2080505|机关事业单位基本养老保险缴费支出|200.00|200.00|",
			"2080599|其他行政事业单位养老支出|152.10|100.00|52.10")}
	for _, tt := range []struct {
		name string
		text string
	}{
		{"a name the narrative shortens", "（一）社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险费（项）支出200.00万元，主要用于缴纳养老保险。"},
		{"a name unlike, known by its amount", "（二）社会保障和就业支出（类）行政事业单位养老支出（款）其他养老（项）支出152.10万元。"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			blocks := append(append([]extract.Block(nil), table...), para("五、一般公共预算财政拨款支出决算情况说明"), para(tt.text))
			res := Document(docOf(blocks...), segmenter(t))
			var items []string
			for _, l := range factLines(res.Facts) {
				if strings.HasPrefix(l, "gpb.item amount") {
					items = append(items, l)
				}
			}
			// The table's two lines and no third subject.
			want := []string{"gpb.item amount 社会保障和就业支出/行政事业单位养老支出/其他行政事业单位养老支出 #2080599 = 1521000",
				"gpb.item amount 社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出 #2080505 = 2000000"}
			if !reflect.DeepEqual(items, want) {
				t.Errorf("items %q, want %q", items, want)
			}
			if len(res.Conflicts) > 0 {
				t.Errorf("conflicts %q", factLines(res.Conflicts))
			}
			classes := 0
			for _, f := range res.Facts {
				if f.Metric == "gpb.class" && f.Measure == "amount" {
					classes++
					if f.Subject != "社会保障和就业支出" {
						t.Errorf("class subject %q, want the catalogue's 社会保障和就业支出", f.Subject)
					}
				}
			}
			if classes != 1 {
				t.Errorf("%d class facts, want 1", classes)
			}
		})
	}
}

// TestItemNamedAsTheTable: a narrative item whose 类, 款 and 项 are the
// names of one table line is that line surely, though the catalogue lacks
// its code, and the figures stated after its name in its own paragraph are
// as sure as it is: under a 一般公共预算 heading, not inferred to be
// 一般公共预算 for all 财政拨款 being so.
func TestItemNamedAsTheTable(t *testing.T) {
	blocks := []extract.Block{para("某市档案馆2020年度单位决算"),
		para("本年收入合计900.00万元，其中：一般公共预算财政拨款收入800.00万元。"),
		para("本单位无政府性基金预算财政拨款收入和支出。"),
		para("一般公共预算财政拨款支出决算表"), para("单位：万元"),
		grid("科目编码|科目名称|合计|基本支出|项目支出",
			"|合计|300.00|300.00|",
			"201|一般公共服务支出|300.00|300.00|",
			"20126|档案事务|300.00|300.00|",
			"2012650|事业运行|300.00|300.00|"),
		para("五、一般公共预算财政拨款支出决算情况说明"),
		para("（三）一般公共预算财政拨款支出决算具体情况"),
		para("1、一般公共服务（类）档案事务（款）事业运行（项）：支出决算为301.00万元。"),
		para("2、一般公共服务（类）档案事务（款）事业运行（项）。主要用于事业单位运行。年初预算为310.00万元。")}
	res := Document(docOf(blocks...), segmenter(t))
	var got []string
	for _, f := range append(res.Conflicts, res.Facts...) {
		if f.Metric == "gpb.item" && f.Method == Narrative {
			got = append(got, fmt.Sprintf("%s %s #%s %s = %s", f.Measure, f.Subject, f.Code, f.Basis, f.Value))
		}
	}
	sort.Strings(got)
	want := []string{"amount 一般公共服务支出/档案事务/事业运行 #2012650 narrative = 3010000",
		"budget 一般公共服务支出/档案事务/事业运行 #2012650 narrative = 3100000"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("narrative items\n got %q\nwant %q", got, want)
	}
}

// TestTwoHalfBasic: a 基本支出 table laid out in two halves gives its
// 人员经费合计 and 公用经费合计; neither is the 基本支出.
func TestTwoHalfBasic(t *testing.T) {
	got := tableFacts(t, para("上海市某局2024年度部门决算"), para("一般公共预算财政拨款基本支出决算表"), para("单位：万元"),
		grid("科目编码|科目名称|决算数|科目编码|科目名称|决算数",
			"301|工资福利支出|95.36|302|商品和服务支出|10.23",
			"30101|基本工资|95.36|30201|办公费|10.23",
			"|人员经费合计|95.36||公用经费合计|10.23"))
	want := []string{"gpb.basic.personnel amount = 953600", "gpb.basic.public amount = 102300"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("facts %q, want %q", got, want)
	}
	res := Document(docOf(para("上海市某局2024年度部门决算"), para("一般公共预算财政拨款基本支出决算表"), para("单位：万元"),
		grid("科目编码|<|科目名称|决算数|科目编码|<|科目名称|决算数",
			"301||工资福利支出|95.36|302||商品和服务支出|10.23",
			"301|01|基本工资|95.36|302|17|公务接待费|10.23")), segmenter(t))
	var lines []string
	for _, e := range res.Economic {
		lines = append(lines, e.Code+" "+e.Name+" "+e.Value.String())
	}
	wantLines := []string{"301 工资福利支出 953600", "302 商品和服务支出 102300", "30101 基本工资 953600", "30217 公务接待费 102300"}
	if !reflect.DeepEqual(lines, wantLines) {
		t.Errorf("economic lines %q, want %q", lines, wantLines)
	}
}

// TestWrappedRows: in narrow columns a row's name wraps above or below its
// code and its figures stand on another line; each line joins its row, and
// the header printed again on a new page is no row.
func TestWrappedRows(t *testing.T) {
	got := tableFacts(t, para("上海市某局2024年度部门决算"), para("一般公共预算财政拨款支出决算表"), para("单位：万元"),
		grid("科目编码|<|<|科目名称|合计|基本支出|项目支出", "类|款|项||||",
			"201|||一般公共服务支出|||",
			"||||2,098.33|1,730.18|368.15",
			"201|06||财政事务|2,098.33|1,730.18|368.15",
			"201|06|01|行政运行|2,098.33|1,730.18|368.15",
			"|||机关事业单位基|||",
			"208|05|05|本养老保险缴费|||",
			"|||支出|189.80|189.80|",
			"科目编码|<|<|科目名称|合计|基本支出|项目支出",
			"208|05|06|机关事业单位职业年金缴费支出|||",
			"||||94.18|94.18|"))
	want := []string{
		"gpb.class amount 一般公共服务支出 #201 = 20983300",
		"gpb.item amount 一般公共服务支出/财政事务/行政运行 #2010601 = 20983300",
		"gpb.item amount 社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出 #2080505 = 1898000",
		"gpb.item amount 社会保障和就业支出/行政事业单位养老支出/机关事业单位职业年金缴费支出 #2080506 = 941800",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("facts\n got %q\nwant %q", got, want)
	}
}

// TestNationalTemplate: the national 决算 template's tables number their
// lines (行次) and columns (栏次), and group the “三公” table's parts under
// 预算数 and 决算数.
func TestNationalTemplate(t *testing.T) {
	decision := para("某县某局2023年度部门决算")
	got := tableFacts(t, decision, para("收入支出决算总表"), para("单位：万元"),
		grid("收入|<|<|支出|<|<", "项目|行次|金额|项目|行次|金额", "栏次||1|栏次||2",
			"一、一般公共预算财政拨款收入|1|321.71|一、一般公共服务支出|32|300.00",
			"本年收入合计|9|321.71|本年支出合计|58|300.00",
			"年初结转和结余|11|0.00|年末结转和结余|60|21.71",
			"总计|12|321.71|总计|62|321.71"))
	want := []string{"expenditure.carryover amount = 217100", "expenditure.total amount = 3000000", "income.carryover amount = 0",
		"income.fiscal.gpb amount = 3217100", "income.total amount = 3217100", "total amount = 3217100"}
	if !reflect.DeepEqual(sorted(got), want) {
		t.Errorf("summary with 行次\n got %q\nwant %q", got, want)
	}
	got = tableFacts(t, decision, para("财政拨款“三公”经费支出决算表"), para("单位：元"),
		grid("预算数|<|<|<|<|<|决算数|<|<|<|<|<",
			"合计|因公出国（境）费|公务用车购置及运行费|<|<|公务接待费|合计|因公出国（境）费|公务用车购置及运行费|<|<|公务接待费",
			"||小计|公务用车购置费|公务用车运行费||||小计|公务用车购置费|公务用车运行费|",
			"184,800.00|0.00|171,300.00|0.00|171,300.00|13,500.00|148,600.00|0.00|138,000.00|0.00|138,000.00|10,600.00"))
	want = []string{"three_public.overseas amount = 0", "three_public.overseas budget = 0",
		"three_public.reception amount = 10600", "three_public.reception budget = 13500",
		"three_public.total amount = 148600", "three_public.total budget = 184800",
		"three_public.vehicle amount = 138000", "three_public.vehicle budget = 171300",
		"three_public.vehicle.operation amount = 138000", "three_public.vehicle.operation budget = 171300",
		"three_public.vehicle.purchase amount = 0", "three_public.vehicle.purchase budget = 0"}
	if !reflect.DeepEqual(sorted(got), want) {
		t.Errorf("三公 under 预算数 and 决算数\n got %q\nwant %q", got, want)
	}
	res := Document(textDoc("某县某局2023年度部门决算", "七、财政拨款“三公”经费支出决算情况说明",
		"1．因公出国（境）费0.00万元。全年安排因公出国（境）团组0个，累计0人次。",
		"3．公务接待费5.74万元。全年共接待国内来访团组36批次，288人次（不包括陪同人员）。外事接待0批次。"), segmenter(t))
	var counts []string
	for _, l := range factLines(res.Facts) {
		if strings.Contains(l, " count") {
			counts = append(counts, l)
		}
	}
	wantCounts := []string{"three_public.overseas.groups count = 0", "three_public.overseas.persons count = 0",
		"three_public.reception.batches count = 36", "three_public.reception.persons count = 288"}
	if !reflect.DeepEqual(counts, wantCounts) || len(res.Conflicts) > 0 {
		t.Errorf("counts %q (conflicts %q), want %q", counts, factLines(res.Conflicts), wantCounts)
	}
}

// TestThreePublicPairs: a “三公” table with 预算数 and 决算数 under each part
// (and 小计, 购置费, 运行维护费 under the vehicle) gives both for every part.
func TestThreePublicPairs(t *testing.T) {
	got := tableFacts(t, para("上海市某局2020年度部门决算"), para("财政拨款“三公”经费支出决算表"), para("单位：万元"),
		grid("合计|<|因公出国（境）费|<|公务用车购置及运行维护费|<|<|<|<|<|公务接待费|<",
			"||||小计|<|公务用车购置费|<|公务用车运行维护费|<||",
			"预算数|决算数|预算数|决算数|预算数|决算数|预算数|决算数|预算数|决算数|预算数|决算数",
			"8.52|7.10|3.56|3.13|4.96|3.97|||4.96|3.97||"))
	want := []string{"three_public.overseas amount = 31300", "three_public.overseas budget = 35600",
		"three_public.total amount = 71000", "three_public.total budget = 85200",
		"three_public.vehicle amount = 39700", "three_public.vehicle budget = 49600",
		"three_public.vehicle.operation amount = 39700", "three_public.vehicle.operation budget = 49600"}
	if !reflect.DeepEqual(sorted(got), want) {
		t.Errorf("facts\n got %q\nwant %q", sorted(got), want)
	}
}

// TestAnnexTables: a report that prints its standard tables in a part of
// annexes (第四部分 附表) has them read; an annex's other tables (a
// performance self-assessment) are not, though their titles say 支出 and 表.
func TestAnnexTables(t *testing.T) {
	got := tableFacts(t, para("某市某中心2024年度单位决算"), para("第三部分 名词解释"), para("一、财政拨款收入：指本年度从本级财政部门取得的财政拨款。"),
		para("第四部分 附表"), para("公开05表"), para("一般公共预算财政拨款支出决算表"), grid("单位：万元|"),
		grid("科目编码|科目名称|合计|基本支出|项目支出", "合计||120.00|100.00|20.00", "201|一般公共服务支出|120.00|100.00|20.00"),
		para("第五部分 附件"), para("项目支出绩效自评表"), para("单位：万元"),
		grid("项目名称|年初预算数|全年预算数|全年执行数", "合计|50.00|60.00|55.00"))
	want := []string{"gpb.expenditure amount = 1200000", "gpb.class amount 一般公共服务支出 #201 = 1200000", "gpb.basic amount = 1000000"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("facts\n got %q\nwant %q", got, want)
	}
}

// TestWrappedTitle: a title wrapped over two lines is one title ("…“三公”
// 经费、会议" and "费、培训费支出预算表" name no 支出表), and a table it
// titles with 会议费 and 培训费 has a 合计 that is not the “三公” total,
// though its header be misread.
func TestWrappedTitle(t *testing.T) {
	got := tableFacts(t, para("某省某厅2021年度部门预算"), para("九、2021年度某省某厅一般公共预算“三公”经费、会议"), para("费、培训费支出预算表"),
		para("单位：万元"),
		grid("合计|“三公”经费|<|<|<|<|<|会议费|培训费", "|小计|因公出国（境）费|公务用车购置及运行维护费|<|<|公务接待费||", "||||购置费|运行维护费|||",
			"637.97|170.49|89.66|40.19|0.00|40.19|40.64|344.79|122.69"))
	want := []string{"three_public.overseas amount = 896600", "three_public.reception amount = 406400", "three_public.total amount = 1704900",
		"three_public.vehicle amount = 401900", "three_public.vehicle.operation amount = 401900", "three_public.vehicle.purchase amount = 0"}
	if !reflect.DeepEqual(sorted(got), want) {
		t.Errorf("facts\n got %q\nwant %q", sorted(got), want)
	}
	// The header run together: the title alone tells that 合计 holds more.
	got = tableFacts(t, para("某省某厅2021年度部门预算"), para("九、2021年度某省某厅一般公共预算“三公”经费、会议"), para("费、培训费支出预算表"),
		para("单位：万元"),
		grid("合计|小计 因公出国（境）费|小计 公务用车购置费 公务用车运行维护费|公务接待费|||", "637.97|170.49|89.66|40.19|40.64|344.79|122.69"))
	for _, l := range got {
		if strings.HasPrefix(l, "three_public.total") || strings.HasPrefix(l, "expenditure") {
			t.Errorf("%s from a 合计 that holds 会议费 and 培训费", l)
		}
	}
}

// TestSummaryIncomeLabels: a summary table's income rows go by the family
// of labels reports print — the kind of budget money with or without 预算,
// 财政拨款 and 收入, under any ordinal, 经营收入 with the 事业单位 that
// earns it, a label with an aside on what it includes — and not a
// spending row's, nor last year's money carried over.
func TestSummaryIncomeLabels(t *testing.T) {
	for _, tt := range []struct {
		label string
		want  string // "" for no fact
	}{
		{"2. 政府性基金", "income.fiscal.gov_fund amount = 12300"},
		{"二、政府性基金预算财政拨款收入", "income.fiscal.gov_fund amount = 12300"},
		{"（二）政府性基金收入", "income.fiscal.gov_fund amount = 12300"},
		{"2、政府性基金预算拨款", "income.fiscal.gov_fund amount = 12300"},
		{"1、一般公共预算资金", "income.fiscal.gpb amount = 12300"},
		{"一、一般公共预算拨款收入", "income.fiscal.gpb amount = 12300"},
		{"3. 国有资本经营预算", "income.fiscal.state_capital amount = 12300"},
		{"三、国有资本经营收入", "income.fiscal.state_capital amount = 12300"},
		{"三、事业单位经营收入", "income.operating amount = 12300"},
		{"六、经营收入", "income.operating amount = 12300"},
		{"使用非财政拨款结余（含专用结余）", "income.non_fiscal_balance amount = 12300"},
		{"使用非财政拨款结余(包括专用结余)", "income.non_fiscal_balance amount = 12300"},
		{"二、政府性基金预算支出", ""},
		{"政府性基金补助", ""},
		{"经营收入退还", ""},
	} {
		got := tableFacts(t, para("某县某局2023年度部门决算"), para("收入支出决算总表"), para("单位：元"),
			grid("项目|决算数|项目|决算数", tt.label+"|12,300.00||"))
		var want []string
		if tt.want != "" {
			want = []string{tt.want}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: facts %q; want %q", tt.label, got, want)
		}
	}
	// Under the carry-over the same labels split last year's money.
	got := tableFacts(t, para("某县某局2023年度部门预算"), para("收支预算总表"), para("单位：万元"),
		grid("项目|预算数|项目|预算数", "一、财政拨款收入|100.00|一、基本支出|100.00",
			"本年收入合计|100.00|本年支出合计|100.00", "上年结转|20.00||", "1. 政府性基金|20.00||",
			"收入总计|120.00|支出总计|120.00"))
	want := []string{"expenditure.basic amount = 1000000", "expenditure.total amount = 1000000", "income.carryover amount = 200000",
		"income.fiscal amount = 1000000", "income.total amount = 1000000", "total amount = 1200000"}
	if !reflect.DeepEqual(sorted(got), want) {
		t.Errorf("carry-over split\n got %q\nwant %q", sorted(got), want)
	}
}

// TestFundIncomeAndSpending: a 政府性基金 table that gives the year's
// carry-over and income beside its spending ("收入支出决算表") has its
// spending in the 本年支出 column, its 小计 where it is split, not in the
// first figure; a table of carry-overs only gives none.
func TestFundIncomeAndSpending(t *testing.T) {
	for _, tt := range []struct {
		name, unit string
		grid       extract.Block
		want       []string
	}{
		{"split 本年支出, dashes for zero", "单位：元", grid("支出功能分类科目编码|科目名称|年初结转和结余|本年收入|本年支出|<|<|年末结转和结余",
			"||||小计|基本支出|项目支出|",
			"212|城乡社区支出|-|2005618|2005618|-|2005618|-",
			"合计||-|2005618|2005618|-|2005618|-"),
			[]string{"gov_fund.expenditure amount = 2005618"}},
		{"本年支出 in one column", "单位：万元", grid("项目|<|年初结转和结余|本年收入|本年支出|年末结转和结余",
			"合计||0.00|441.27|441.27|0.00",
			"212|城乡社区支出|0.00|441.27|441.27|0.00"),
			[]string{"gov_fund.expenditure amount = 4412700"}},
		{"carry-overs only", "单位：万元", grid("项目|<|年初结转和结余|年末结转和结余", "合计||12.00|12.00"), nil},
		// As a PDF copy gives the header: words of two columns in one cell,
		// a figure column with none.
		{"a figure column with no header", "单位：元", grid("支出功能分类科目编码|科目名称 年初结转和结余||本年收入|小计|本年支出基本支出 项目支出 年末结转和结余||",
			"合计||-|2005618|2005618|-|2005618|-"),
			[]string{"gov_fund.expenditure amount = 2005618"}},
	} {
		got := tableFacts(t, para("某县某局2023年度部门决算"), para("政府性基金预算财政拨款收入支出决算表"), para(tt.unit), tt.grid)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: facts %q; want %q", tt.name, got, tt.want)
		}
	}
}

// TestFiguresLikeCodes: a table in 元 prints figures without separators,
// some of five or seven digits as a code has; on a row with no name (a
// “三公” table's one row of figures) they are figures, while on a row with
// a name the digits before it are its code.
func TestFiguresLikeCodes(t *testing.T) {
	decision := para("某县某局2023年度部门决算")
	got := tableFacts(t, decision, para("财政拨款“三公”经费支出决算表"), para("单位：元"),
		grid("预算数|<|<|<|<|<|决算数|<|<|<|<|<",
			"合计|因公出国（境）费|公务用车购置及运行费|<|<|公务接待费|合计|因公出国（境）费|公务用车购置及运行费|<|<|公务接待费",
			"||小计|公务用车购置费|公务用车运行费||||小计|公务用车购置费|公务用车运行费|",
			"1|2|3|4|5|6|7|8|9|10|11|12",
			"153600|10400|83200|-|83200|60000|140800|-|83200|-|83200|57600"))
	want := []string{"three_public.overseas amount = 0", "three_public.overseas budget = 10400",
		"three_public.reception amount = 57600", "three_public.reception budget = 60000",
		"three_public.total amount = 140800", "three_public.total budget = 153600",
		"three_public.vehicle amount = 83200", "three_public.vehicle budget = 83200",
		"three_public.vehicle.operation amount = 83200", "three_public.vehicle.operation budget = 83200",
		"three_public.vehicle.purchase amount = 0", "three_public.vehicle.purchase budget = 0"}
	if !reflect.DeepEqual(sorted(got), want) {
		t.Errorf("三公 in 元\n got %q\nwant %q", sorted(got), want)
	}
	got = tableFacts(t, decision, para("支出决算表"), para("单位：元"),
		grid("科目编码|科目名称|合计|基本支出|项目支出", "20101|人大事务|30000|20000|10000"))
	if len(got) > 0 {
		t.Errorf("a coded row read as the total: %q", got)
	}
	// Past a row's label every figure looks like a code: still a row of
	// figures, not one more line of the header.
	got = tableFacts(t, decision, para("一般公共预算财政拨款基本支出决算表"), para("单位：元"),
		grid("项目|合计|人员经费|公用经费", "合计|1573651|1500000|73651"))
	want = []string{"gpb.basic amount = 1573651", "gpb.basic.personnel amount = 1500000", "gpb.basic.public amount = 73651"}
	if !reflect.DeepEqual(sorted(got), want) {
		t.Errorf("基本支出 in 元\n got %q\nwant %q", sorted(got), want)
	}
}

// TestBasicFromFunctionTable: the 一般公共预算 function table's 合计 row
// gives the 基本支出 where its sums hold and no 基本支出 table states it
// (that table's 人员经费 and 公用经费 halves have no grand total); under
// 年初预算数 and 决算数 groups only the 决算数 one is the year's.
func TestBasicFromFunctionTable(t *testing.T) {
	decision := para("某县某局2023年度部门决算")
	gpb := []extract.Block{para("一般公共预算财政拨款支出决算表"), para("单位：元"),
		grid("支出功能分类科目编码|科目名称|合计|基本支出|项目支出", "栏次||1|2|3",
			"208|社会保障和就业支出|3506083|1487721|2018362",
			"210|卫生健康支出|85929|85929|-",
			"合计||3592012|1573650|2018362")}
	for _, tt := range []struct {
		name   string
		blocks []extract.Block
		want   string // the gpb.basic fact; "" for none
	}{
		{"by itself", gpb, "gpb.basic amount = 1573650"},
		{"beside a 基本支出 table that states it otherwise", append(append([]extract.Block(nil), gpb...),
			para("一般公共预算财政拨款基本支出决算表"), para("单位：元"),
			grid("项目|合计|人员经费|公用经费", "合计|1573651|1500000|73651")), "gpb.basic amount = 1573651"},
		{"sums that fail", []extract.Block{para("一般公共预算财政拨款支出决算表"), para("单位：元"),
			grid("支出功能分类科目编码|科目名称|合计|基本支出|项目支出",
				"208|社会保障和就业支出|3506083|1487721|2018362",
				"210|卫生健康支出|85929|85929|-",
				"合计||3592012|1573000|2018362")}, ""},
		{"年初预算数 and 决算数 groups", []extract.Block{para("一般公共预算财政拨款支出决算表"), para("单位：万元"),
			grid("科目编码|科目名称|年初预算数|<|<|决算数|<|<", "||合计|基本支出|项目支出|合计|基本支出|项目支出",
				"201|一般公共服务支出|120.00|100.00|20.00|110.00|95.00|15.00",
				"合计||120.00|100.00|20.00|110.00|95.00|15.00")}, "gpb.basic amount = 950000"},
	} {
		var got []string
		for _, l := range tableFacts(t, append([]extract.Block{decision}, tt.blocks...)...) {
			if strings.Contains(l, "gpb.basic ") {
				got = append(got, l)
			}
		}
		var want []string
		if tt.want != "" {
			want = []string{tt.want}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %q; want %q", tt.name, got, want)
		}
	}
}

// TestEconomicBlankFigure: a line of a two-half 基本支出 table with its
// figure left blank has no figure; the code of the other half's line after
// it is none, while a figure that reads like a code, before a code, is one.
func TestEconomicBlankFigure(t *testing.T) {
	split := "经济分类科目编码|<|科目名称|决算数|经济分类科目编码|<|科目名称|决算数"
	for _, tt := range []struct {
		name, header, row string
		want              []string
	}{
		{"blank", split, "303||对个人和家庭的补助||302|15|会议费|17.52", []string{"30215 会议费 175200"}},
		{"blank, one code cell", "科目编码|科目名称|决算数|科目编码|科目名称|决算数", "30301|离休费||30215|会议费|17.52",
			[]string{"30215 会议费 175200"}},
		{"a figure like a code", split, "303||对个人和家庭的补助|302|302|15|会议费|17.52",
			[]string{"303 对个人和家庭的补助 3020000", "30215 会议费 175200"}},
	} {
		res := Document(docOf(para("某县某局2023年度部门决算"), para("一般公共预算财政拨款基本支出决算表"), para("单位：万元"),
			grid(tt.header, tt.row)), segmenter(t))
		var got []string
		for _, e := range res.Economic {
			got = append(got, e.Code+" "+e.Name+" "+e.Value.String())
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: economic lines %q; want %q", tt.name, got, tt.want)
		}
	}
}

// TestAllGPBAsPrinted: the narrative's 财政拨款 income in 万元 equals the
// table's 一般公共预算 income in 元 as printed, so all 财政拨款 is 一般公共
// 预算 and its share is the gpb share; a figure off by more than its
// rounding says nothing of the kind.
func TestAllGPBAsPrinted(t *testing.T) {
	for _, tt := range []struct {
		fiscal string
		want   []string
	}{
		{"842.62", []string{"income.fiscal.gpb share_pct = 88.2"}},
		{"842.6", []string{"income.fiscal.gpb share_pct = 88.2"}},
		{"842.63", nil},
	} {
		res := Document(docOf(para("某县某局2023年度部门决算"), para("收入支出决算总表"), para("单位：元"),
			grid("项目|决算数|项目|决算数", "一、一般公共预算财政拨款收入|8,426,191.00||", "二、事业收入|1,127,149.00||",
				"本年收入合计|9,553,340.00||"),
			para("二、收入决算情况说明"),
			para("本年收入合计955.33万元，其中：财政拨款收入"+tt.fiscal+"万元，占88.2%；事业收入112.71万元，占11.8%。")), segmenter(t))
		var got []string
		for _, l := range factLines(res.Facts) {
			if strings.HasPrefix(l, "income.fiscal.gpb share_pct") {
				got = append(got, l)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("财政拨款收入%s万元: %q; want %q", tt.fiscal, got, tt.want)
		}
	}
}

// TestCodeOnNamelessRow: a row that lost its name keeps the code before
// its figures a code where the figures print separators: the 机关运行经费
// is the figure, not 302.
func TestCodeOnNamelessRow(t *testing.T) {
	got := tableFacts(t, para("某县某局2023年度部门决算"), para("机关运行经费支出决算表"), para("单位：万元"),
		grid("科目编码|科目名称|机关运行经费支出", "302||1,642.08"))
	want := []string{"operating_expense amount = 16420800"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("facts %q; want %q", got, want)
	}
}

// TestThreePublicHeadersRunTogether: a PDF copy runs the measure over half
// the table and the vehicle's group into one header ("预算数公务用车购置及运行
// 费"); the 合计 under it may be the measure's or the vehicle's, and is no
// vehicle figure.
func TestThreePublicHeadersRunTogether(t *testing.T) {
	got := tableFacts(t, para("某县某局2023年度部门决算"), para("财政拨款“三公”经费支出决算表"), para("单位：元"),
		grid("预算数公务用车购置及运行费||||||决算数公务用车购置及运行费|||||",
			"合计|因公出国（境）费|小计|公务用车购置费|公务用车运行费|公务接待费|合计|因公出国（境）费|小计|公务用车购置费|公务用车运行费|公务接待费",
			"49,700.00||28,200.00|28,200.00||21,500.00|20,500.00|||||20,500.00"))
	for _, l := range got {
		if strings.HasPrefix(l, "three_public.vehicle ") && (strings.HasSuffix(l, "= 49700") || strings.HasSuffix(l, "= 20500")) {
			t.Errorf("%s: a 合计 read as the vehicle's", l)
		}
	}
}

// TestThreePublicTotalMisprinted: in a “三公” table that adds 会议费 and
// 培训费 under a 合计 of all, a “三公” 小计 that alone disagrees with its
// parts — which, with the meetings and the training, add up to the 合计 —
// is the table's misprint and is read, for validation to report; where the
// 合计 bears nothing out, the row is not read.
func TestThreePublicTotalMisprinted(t *testing.T) {
	table := func(grand string) []string {
		return tableFacts(t, para("某省某部2017年部门预算"), para("一般公共预算“三公”经费、会议费、培训费支出预算表"), para("单位：万元"),
			grid("合计|“三公”经费|<|<|<|<|<|会议费|培训费",
				"|小计|因公出国（境）费|公务用车购置及运行维护费|<|<|公务接待费||",
				"|||小计|公务用车购置费|公务用车运行维护费|||",
				grand+"|462.26|124.45|58.95|16.52|42.43|280.04|1,475.44|316.38"))
	}
	got := sorted(table("2,255.26"))
	want := []string{"three_public.overseas amount = 1244500", "three_public.reception amount = 2800400",
		"three_public.total amount = 4622600", "three_public.vehicle amount = 589500",
		"three_public.vehicle.operation amount = 424300", "three_public.vehicle.purchase amount = 165200"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("misprinted total: facts\n got %q\nwant %q", got, want)
	}
	if got := table("2,250.00"); len(got) > 0 {
		t.Errorf("nothing adds up: facts %q, want none", got)
	}
}

// TestNarrowNamesCentredCodes: a function table whose 类 and 款 codes are
// centred in merged cells and whose narrow name column wraps a name's
// first line above the line of its figures. Each name joins the row it
// begins (not the row above); a 项 the catalogue does not list is read
// under the 款 the rows above name, by the digits printed on its row; a
// 款 of 事务 has the classification's standard 项 (行政运行, 一般行政管理
// 事务) whether or not catalogue.tsv lists them; a line of codes alone
// gives no figure.
func TestNarrowNamesCentredCodes(t *testing.T) {
	got := tableFacts(t, para("某县统计局2023年度部门决算"), para("一般公共预算财政拨款支出决算表"), para("单位：元"),
		grid("科目编码|<|<|科目名称|合计|基本支出|项目支出", "类|款|项||||",
			"|||合计|1300.00|1000.00|300.00",
			"|||一般公共服务|||",
			"|||支出|1000.00|700.00|300.00",
			"|||统计信息事务|1000.00|700.00|300.00",
			"||01|行政运行|500.00|500.00|",
			"201|||||",
			"|05|02|一般行政管理事务|200.00||200.00",
			"||08|统计专项调查|100.00||100.00",
			"||50|事业运行|200.00|200.00|",
			"|||社会保障和就|||",
			"|||业支出|300.00|300.00|",
			"|||行政事业单位|||",
			"|||离退休|300.00|300.00|",
			"208|05|05|机关事业单位基本养老保险缴费支出|300.00|300.00|"))
	want := []string{
		"gpb.expenditure amount = 1300",
		"gpb.basic amount = 1000",
		"gpb.class amount 一般公共服务支出 #201 = 1000",
		"gpb.item amount 一般公共服务支出/统计信息事务/行政运行 #2010501 = 500",
		"gpb.item amount 一般公共服务支出/统计信息事务/一般行政管理事务 #2010502 = 200",
		"gpb.item amount 一般公共服务支出/统计信息事务/统计专项调查 #2010508 = 100",
		"gpb.item amount 一般公共服务支出/统计信息事务/事业运行 #2010550 = 200",
		"gpb.class amount 社会保障和就业支出 #208 = 300",
		"gpb.item amount 社会保障和就业支出/行政事业单位离退休/机关事业单位基本养老保险缴费支出 #2080505 = 300",
	}
	sort.Strings(got)
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("facts\n got %q\nwant %q", got, want)
	}
}

// TestOtherOpensName: a line of words that begins 其他 opens the name of
// the row below (其他…支出 is every 款's 99), never ends the row above's,
// even where the catalogue lists neither 款 nor 项.
func TestOtherOpensName(t *testing.T) {
	got := tableFacts(t, para("某县工信局2023年度部门决算"), para("一般公共预算财政拨款支出决算表"), para("单位：万元"),
		grid("科目编码|<|<|科目名称|合计|基本支出|项目支出", "类|款|项||||",
			"|||合计|200.00|150.00|50.00",
			"215|||资源勘探工业信息等支出|200.00|150.00|50.00",
			"215|05||工业和信息产业监管|200.00|150.00|50.00",
			"215|05|01|行政运行|150.00|150.00|",
			"|||其他工业和信|||",
			"215|05|99|息产业监管支|||",
			"|||出|50.00||50.00"))
	want := []string{
		"gpb.expenditure amount = 2000000",
		"gpb.class amount 资源勘探工业信息等支出 #215 = 2000000",
		"gpb.item amount 资源勘探工业信息等支出/工业和信息产业监管/行政运行 #2150501 = 1500000",
		"gpb.item amount 资源勘探工业信息等支出/工业和信息产业监管/其他工业和信息产业监管支出 #2150599 = 500000",
	}
	var items []string
	for _, g := range got {
		if !strings.HasPrefix(g, "gpb.basic") {
			items = append(items, g)
		}
	}
	sort.Strings(items)
	sort.Strings(want)
	if !reflect.DeepEqual(items, want) {
		t.Errorf("facts\n got %q\nwant %q", items, want)
	}
}

// TestLabelBrokenInBrackets: a summary table's label a narrow cell broke
// inside its brackets is one label, on the row of its figures.
func TestLabelBrokenInBrackets(t *testing.T) {
	got := tableFacts(t, para("某区某局2024年度部门决算"), para("收入支出决算总表"), para("单位：万元"),
		grid("项目|决算数|项目|决算数",
			"本年收入合计|100.00|本年支出合计|90.00",
			"使用非财政拨款结余（含专用结||||",
			"余）|5.00|结余分配|",
			"年初结转和结余|10.00|年末结转和结余|25.00",
			"总计|115.00|总计|115.00"))
	found := false
	for _, g := range got {
		found = found || g == "income.non_fiscal_balance amount = 50000"
	}
	if !found {
		t.Errorf("no 使用非财政拨款结余 of 5.00 among %q", got)
	}
}

func TestThreePublicPackedHeaderInTable(t *testing.T) {
	table := grid("合计 因公出国（境）费 小计 公务用车购置费|公务接待费|合计|因公出国（境）费|公务用车购置及运行费",
		"公务用车运行费|小计 公务用车购置费 公务用车运行费 公务接待费",
		"39.65|32.91|2.96|2.96|0.00|3.78|29.16|25.69|0.00|0.00|0.00|3.47")
	table.Table.Packed = true
	got := sorted(tableFacts(t, para("某市某局2020年度部门决算"), para("一般公共预算财政拨款“三公”经费支出决算表"),
		para("编制单位：某市某局 单位：万元"), para("预算数 决算数"), para("公务用车购置及运行费"), table))
	want := []string{
		"three_public.overseas amount = 256900", "three_public.overseas budget = 329100",
		"three_public.reception amount = 34700", "three_public.reception budget = 37800",
		"three_public.total amount = 291600", "three_public.total budget = 396500",
		"three_public.vehicle amount = 0", "three_public.vehicle budget = 29600",
		"three_public.vehicle.operation amount = 0", "three_public.vehicle.operation budget = 0",
		"three_public.vehicle.purchase amount = 0", "three_public.vehicle.purchase budget = 29600",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("facts\n got %q\nwant %q", got, want)
	}
}

func TestThreePublicPackedBlankForZero(t *testing.T) {
	table := grid("1,941.16|418.42|210.99|63.54|63.54|143.89|1,127.89|394.85")
	table.Table.Packed = true
	got := sorted(tableFacts(t, para("江苏省某厅2019年度部门预算"), para("九、一般公共预算“三公”经费、会议费、培训费支出预算表"),
		para("单位：万元"), para("合计"), para("“三公”经费"), para("会议费 培训费"),
		para("小计 因公出国（境）费 公务用车购置及运行维护费 公务接待费"), para("小计 公务用车购置费 公务用车运行维护费"), table))
	want := []string{
		"three_public.overseas amount = 2109900", "three_public.reception amount = 1438900",
		"three_public.total amount = 4184200", "three_public.vehicle amount = 635400",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("facts\n got %q\nwant %q", got, want)
	}
}

func TestPackedNameAboveCode(t *testing.T) {
	table := grid("类 款 项|合计|基本支出|项目支出",
		"208|社会保障和就业支出|1771740.00|1771740.00|0.00",
		"208|05|行政事业单位离退休|1771740.00|1771740.00|0.00",
		"208|05|01|行政单位离退", "休", "729777.00|729777.00|0.00",
		"机关事业单位|695910.00|695910.00|0.00", "208|05|05|基本养老保险", "缴费支出",
		"机关事业单位|346053.00|346053.00|0.00", "208|05|06|职业年金缴费", "支出",
		"合计|1771740.00|1771740.00|0.00")
	table.Table.Packed = true
	var got []string
	for _, l := range tableFacts(t, para("某县某院2018年部门预算"), para("一般公共预算支出表"), para("单位：元"), table) {
		if strings.HasPrefix(l, "gpb.item amount") {
			got = append(got, l)
		}
	}
	want := []string{
		"gpb.item amount 社会保障和就业支出/行政事业单位离退休/行政单位离退休 #2080501 = 729777",
		"gpb.item amount 社会保障和就业支出/行政事业单位离退休/机关事业单位基本养老保险缴费支出 #2080505 = 695910",
		"gpb.item amount 社会保障和就业支出/行政事业单位离退休/机关事业单位职业年金缴费支出 #2080506 = 346053",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("items\n got %q\nwant %q", got, want)
	}
}

// TestThreePublicGroupsPlacedAskew: a “三公” table in two halves (预算数 |
// 决算数, each 合计, 因公出国（境）费, the vehicle's 小计 and parts, 公务接待费)
// whose group cells a layout placed too wide — 预算数 over the 决算数
// half's 合计, the vehicle's group over the parts beside it — is read by
// its lowest header row: a 合计 the parts follow is the total of its half,
// in the half's measure; a 小计 the vehicle's two parts follow is the
// vehicle's.
func TestThreePublicGroupsPlacedAskew(t *testing.T) {
	leaves := "合计|因公出国（境）费|小计|公务用车购置费|公务用车运行费|公务接待费|合计|因公出国（境）费|小计|公务用车购置费|公务用车运行费|公务接待费"
	figures := "101,400.00|53,300.00|48,100.00|12,100.00|36,000.00||78,300.00|42,300.00|36,000.00||36,000.00|"
	want := []string{
		"three_public.overseas amount = 42300", "three_public.overseas budget = 53300",
		"three_public.total amount = 78300", "three_public.total budget = 101400",
		"three_public.vehicle amount = 36000", "three_public.vehicle budget = 48100",
		"three_public.vehicle.operation amount = 36000", "three_public.vehicle.operation budget = 36000",
		"three_public.vehicle.purchase budget = 12100",
	}
	for _, header := range [][]string{
		{"预算数|<|<|<|<|<|<|决算数|<|<|<|<", "公务用车购置及运行费|<|<|<|<|<|<|<|公务用车购置及运行费|<|<|<"},
		{"|预算数|<|<|<|<||决算数|<|<|<|<", "|公务用车购置及运行费|<|<|<|<||公务用车购置及运行费|<|<|<|<"},
	} {
		got := sorted(tableFacts(t, para("某县某院2022年度部门决算"), para("财政拨款“三公”经费支出决算表"), para("单位：元"),
			grid(append(header, leaves, figures)...)))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("groups %q:\n got %q\nwant %q", header, got, want)
		}
	}
}

// TestCodeAndNameInOneCell: a copy's column layout may put a code and its
// name in one cell, under the code's header or across both: the cell is
// the code and the name.
func TestCodeAndNameInOneCell(t *testing.T) {
	got := sorted(tableFacts(t, para("上海市某局2022年单位预算"), para("2022年预算单位一般公共预算支出功能分类预算表"), para("单位：元"),
		grid("功能分类科目编码|功能分类科目名称|一般公共预算支出|<|<", "||合计|基本支出|项目支出",
			"201 一般公共服务支出|<|1,000.00|600.00|400.00",
			"20105 统计信息事务||1,000.00|600.00|400.00",
			"2010501 行政运行||600.00|600.00|",
			"2010505 专项统计业务|<|400.00||400.00",
			"|合计|1,000.00|600.00|400.00")))
	want := []string{
		"gpb.class amount 一般公共服务支出 #201 = 1000",
		"gpb.expenditure amount = 1000",
		"gpb.item amount 一般公共服务支出/统计信息事务/专项统计业务 #2010505 = 400",
		"gpb.item amount 一般公共服务支出/统计信息事务/行政运行 #2010501 = 600",
	}
	if lines := prefixed(got, "gpb.class amount", "gpb.item amount", "gpb.expenditure amount"); !reflect.DeepEqual(lines, want) {
		t.Errorf("code and name in one cell:\n got %q\nwant %q", lines, want)
	}
}

// TestNarrativeRoundingSetAside: where the table that states a metric is
// printed to the 元, a sentence's figure in 万元 for a line the reader
// did not find in the table rounds that line's figure: it is set aside
// (Result.Rounded), not a fact. A zero, or a sentence in the table's own
// unit with a trailing zero dropped, rounds nothing.
func TestNarrativeRoundingSetAside(t *testing.T) {
	read := func(unit string, figure string) *Result {
		return Document(docOf(para("某县某局2022年度部门决算"),
			para("五、一般公共预算财政拨款支出决算情况说明"),
			para("（一）社会保障和就业（类）"),
			para("1.行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。年初预算为63.13万元，支出决算为63.13万元，完成年初预算的100%。"),
			para("2.行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）。年初预算为32.65万元，支出决算为32.65万元，完成年初预算的100%。"),
			para("3.行政事业单位养老支出（款）行政单位离退休（项）。年初预算为0.00万元，支出决算为0.00万元。"),
			para("一般公共预算财政拨款支出决算表"), para("单位："+unit),
			grid("功能分类科目编码|科目名称|合计|基本支出|项目支出",
				"2080505|机关事业单位基本养老保险缴费支出|"+figure+"|"+figure+"|")), segmenter(t))
	}
	res := read("元", "631,317.70")
	key := "gpb.item amount 社会保障和就业支出/行政事业单位养老支出/机关事业单位职业年金缴费支出 #2080506 = 326500"
	if got := factLines(res.Rounded); !reflect.DeepEqual(got, []string{key}) {
		t.Errorf("元 table: set aside %q, want %q", got, []string{key})
	}
	for _, l := range factLines(res.Facts) {
		if l == key {
			t.Errorf("元 table: %s is a fact", l)
		}
	}
	if res = read("万元", "63.13"); len(res.Rounded) > 0 {
		t.Errorf("万元 table: set aside %q, want none", factLines(res.Rounded))
	}
	// The function table not placed at all, where the summary and the
	// 基本支出 table are in 元: it is too.
	res = Document(docOf(para("某县某局2022年度部门决算"),
		para("五、一般公共预算财政拨款支出决算情况说明"),
		para("（一）社会保障和就业（类）"),
		para("2.行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）。年初预算为32.65万元，支出决算为32.65万元，完成年初预算的100%。"),
		para("收入支出决算总表"), para("单位：元"),
		grid("收入|<|支出|<", "项目|决算数|项目|决算数", "本年收入合计|326,454.24|本年支出合计|326,454.24"),
		para("一般公共预算财政拨款基本支出决算表"), para("单位：元"),
		grid("科目编码|科目名称|决算数", "301|工资福利支出|326,454.24", "合计||326,454.24")), segmenter(t))
	if got := factLines(res.Rounded); !reflect.DeepEqual(got, []string{key}) {
		t.Errorf("tables in 元, the function table not placed: set aside %q, want %q", got, []string{key})
	}
}

// TestCarryOverOnNextPage: a 财政拨款 总表 whose page ends in its
// carry-over rows goes on with the carry-over's parts by budget (一、一般
// 公共预算财政拨款 …) at the top of its next page: they are last year's
// money, not this year's income by budget.
func TestCarryOverOnNextPage(t *testing.T) {
	got := sorted(tableFacts(t, para("某市某局2018年度部门决算"), para("财政拨款收入支出决算总表"), para("单位：万元"),
		grid("收入|<|支出|<", "项目|决算数|项目|合计",
			"一、一般公共预算财政拨款|1,965.90|一、一般公共服务支出|1,936.59",
			"本年收入合计|1,965.90|本年支出合计|1,936.59",
			"年初财政拨款结转和结余|-|年末财政拨款结转和结余|29.31"),
		grid("一、一般公共预算财政拨款|-||",
			"二、政府性基金预算财政拨款|-||",
			"总计|1,965.90|总计|1,965.90")))
	want := []string{"fiscal.total amount = 19659000", "income.fiscal.gpb amount = 19659000"}
	if lines := prefixed(got, "income.fiscal", "fiscal.total", "conflict"); !reflect.DeepEqual(lines, want) {
		t.Errorf("carry-over on the next page:\n got %q\nwant %q", lines, want)
	}
}

// TestFundTableWithoutHeader: a 政府性基金 收入支出决算表 whose header was
// not read with its rows (a copy put the header's lines apart) does not
// say which figure is the spending: no figure is read from it.
func TestFundTableWithoutHeader(t *testing.T) {
	got := tableFacts(t, para("某市某局2018年度部门决算"), para("政府性基金预算财政拨款收入支出决算表"), para("单位：万元"),
		grid("212|城乡社区支出|0.00|441.27|441.27|0.00|441.27|0.00",
			"合计||0.00|441.27|441.27|0.00|441.27|0.00"))
	for _, l := range got {
		if strings.HasPrefix(l, "gov_fund.expenditure") {
			t.Errorf("%s: read from a table whose columns are not named", l)
		}
	}
}

// prefixed keeps the fact lines that start with one of prefixes.
func prefixed(lines []string, prefixes ...string) []string {
	var out []string
	for _, l := range lines {
		for _, p := range prefixes {
			if strings.HasPrefix(l, p) {
				out = append(out, l)
				break
			}
		}
	}
	return out
}

// TestFootTotalOverUnplacedLines: a 合计 at a table's foot whose 类 lines
// above it were not all placed (a line with figures and no code: its code
// centred on another row, or lost) states no sum over its 类: the lines
// read are not known to be all of them.
func TestFootTotalOverUnplacedLines(t *testing.T) {
	res := Document(docOf(para("某县某局2023年度部门决算"), para("一般公共预算财政拨款支出决算表"), para("单位：万元"),
		grid("科目编码|科目名称|合计",
			"201|一般公共服务支出|100.00",
			"20101|人大事务|100.00",
			"|社会保障和就业支出|50.00",
			"|行政事业单位养老支出|50.00",
			"221|住房保障支出|20.00",
			"22102|住房改革支出|20.00",
			"合计||170.00")), segmenter(t))
	for _, s := range res.Sums {
		if s.Label == "合计" && !s.Across {
			t.Errorf("合计 %s over %d 类 summing %s: stated, though a line above is not placed", s.Total, s.Parts, s.Sum)
		}
	}
}
