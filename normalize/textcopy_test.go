package normalize

import (
	"bytes"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/extract"
)

// readText reads a text copy the way a file of it is read: laid out by
// extract.Text, then normalized.
func readText(t *testing.T, text string) *Result {
	t.Helper()
	doc, err := extract.Text(bytes.NewReader([]byte(text)), int64(len(text)))
	if err != nil {
		t.Fatal(err)
	}
	return Document(doc, segmenter(t))
}

// wanted lists the facts of res that the want lines name, in the form of
// factLines, so a case asserts what it is about and no more.
func wanted(res *Result, want []string) []string {
	keys := map[string]bool{}
	key := func(l string) string {
		l = l[:strings.Index(l, " = ")]
		if i := strings.Index(l, " #"); i >= 0 {
			l = l[:i] // the code
		}
		return l
	}
	for _, w := range want {
		keys[key(w)] = true
	}
	var got []string
	for _, l := range factLines(res.Facts) {
		if keys[key(l)] {
			got = append(got, l)
		}
	}
	return got
}

// wrap breaks text into lines of width characters, as a copy of a printed
// page does, whatever the words: inside figures, before units.
func wrap(text string, width int) string {
	var b strings.Builder
	for _, p := range strings.Split(text, "\n") {
		rs := []rune(p)
		for len(rs) > width {
			b.WriteString(string(rs[:width]) + "\n")
			rs = rs[width:]
		}
		b.WriteString(string(rs) + "\n")
	}
	return b.String()
}

// prose is a page of a 情况说明 to stand around the sentences under test, so
// that the copy's line width can be told.
var prose = wrap(proseText, 30)

const proseText = "（一）主要职能。负责本区有关工作的统筹协调和组织实施，承担机关日常运转、文电会务、机要保密、档案管理、信息公开、政务督查等工作，" +
	"组织起草有关重要文稿，负责有关会议的组织和服务工作，完成上级交办的其他事项。本部门坚持厉行节约，严格控制一般性支出，提高资金使用效益，" +
	"加强预算绩效管理，推进预决算信息公开，主动接受社会监督，确保各项资金安全规范高效使用。"

// TestTextCopies: the ways a text copy of a PDF prints a report —
// hard-wrapped sentences, tables as lines of cells apart by single blanks
// (pdftotext -raw, pdfplumber) or by columns of blanks (pdftotext -layout),
// headers one cell to a line, names wrapped over lines, titles after their
// tables — give the report's facts.
func TestTextCopies(t *testing.T) {
	for _, tt := range []struct {
		name string
		text string
		want []string
		none []string // metrics that must give no fact
	}{
		{"sentence wrapped inside a figure and before its unit",
			prose + "一、收入支出决算总体情况说明\n" + wrap("本部门2024年度收入支出总计3521.07万元。与2023年度相比，收入支出总计增加12.30万元，增长0.35%。主要原因是人员增加。", 30),
			[]string{"total amount = 35210700", "total yoy_change = 123000", "total yoy_pct = 0.35"}, nil},
		{"a sentence a raw copy broke at an enumeration comma and between a figure and its unit",
			prose + "一、收支预算总体情况说明\n某某局 2019 年度收入、\n支出预算总计 13,377.11\n万元，与上年相比收、支预算总计各增加 3,226.63 万元，增长\n31.79%。\n",
			[]string{"total amount = 133771100", "total yoy_change = 32266300", "total yoy_pct = 31.79"}, nil},
		{"clauses the copy broke at commas",
			prose + "五、一般公共预算财政拨款支出决算情况说明\n2021年度一般公共预算财政拨款支出2111.47万元，\n占本年支出合计的100%。与上年相比，\n增加150.12万元，\n增长7.65%。\n主要原因是人员增加、\n政策性增资。\n",
			[]string{"gpb.expenditure amount = 21114700", "gpb.expenditure share_pct = 100", "gpb.expenditure yoy_change = 1501200", "gpb.expenditure yoy_pct = 7.65"}, nil},
		{"packed function table: header one cell to a line, a name wrapped under its code, figures on a line of their own",
			"一般公共预算财政拨款支出决算表\n单位：万元\n项目\n支出功能分类\n科目编码\n科目名称\n合计\n基本支出\n项目支出\n" +
				"合计 352.10 300.00 52.10\n208 社会保障和就业支出 352.10 300.00 52.10\n208 05 行政事业单位养老支出 352.10 300.00 52.10\n" +
				"208 05 05\n机关事业单位基本养老保险\n缴费支出\n200.00 200.00\n208 05 99 其他行政事业单位养老支出 152.10\n100.00 52.10\n",
			[]string{"gpb.expenditure amount = 3521000",
				"gpb.class amount 社会保障和就业支出 #208 = 3521000",
				"gpb.item amount 社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出 #2080505 = 2000000",
				"gpb.item amount 社会保障和就业支出/行政事业单位养老支出/其他行政事业单位养老支出 #2080599 = 1521000"}, nil},
		{"packed 支出表: a row that leaves a column blank gives only its total",
			"支出决算表\n单位：元\n项目\n本年支出合\n计\n基本支出\n项目支\n出\n经营支\n出\n" +
				"合计 1,000.00 900.00 100.00 0.00\n201 一般公共服务支出 1,000.00 900.00\n",
			[]string{"expenditure.total amount = 1000", "expenditure.basic amount = 900", "expenditure.project amount = 100"}, nil},
		{"packed 基本支出表 under a group heading: 人员经费 rows and 公用经费 rows leave a column blank",
			"一般公共预算基本支出预算表\n单位：元\n项目 一般公共预算基本支出\n科目编码 经济分类科目名称 合计 人员经费 公用经费\n" +
				"301 工资福利支出 900.00 900.00\n301 01 基本工资 900.00 900.00\n302 商品和服务支出 100.00 100.00\n302 01 办公费 100.00 100.00\n" +
				"合计 1,000.00 900.00 100.00\n",
			[]string{"gpb.basic amount = 1000", "gpb.basic.personnel amount = 900", "gpb.basic.public amount = 100"}, nil},
		{"packed national template: each line's 行次 packed after its label is no figure",
			"收入支出决算总表\n单位：万元\n收入 支出\n项目 行\n次 金额 项目 行\n次 金额\n栏次 1 栏次 2\n" +
				"一、一般公共预算财政拨款收\n入 1 3962.59 一、一般公共服务支出 32 3072.17\n二、政府性基金预算财政拨款\n收入 2 二、外交支出 33\n" +
				"三、事业收入 3 三、国防支出 34\n四、其他收入 4 17.05 四、社会保障和就业支出 35 485.85\n五、卫生健康支出 36 138.94\n" +
				"本年收入合计 5 3979.64 本年支出合计 37 3696.96\n年初结转和结余 6 年末结转和结余 38 282.68\n总计 7 3979.64 总计 39 3979.64\n",
			[]string{"income.total amount = 39796400", "income.other amount = 170500", "expenditure.total amount = 36969600", "total amount = 39796400"}, nil},
		{"packed two-sided summary",
			"收入支出决算总表\n单位：万元\n收入 支出\n项目 决算数 项目 决算数\n一、一般公共预算财政拨款收入 3,000.00 一、一般公共服务支出 2,500.00\n" +
				"二、其他收入 20.00 二、社会保障和就业支出 520.00\n三、国防支出\n本年收入合计 3,020.00 本年支出合计 3,020.00\n" +
				"年初结转和结余 10.00 年末结转和结余 10.00\n总计 3,030.00 总计 3,030.00\n",
			[]string{"total amount = 30300000", "income.total amount = 30200000", "expenditure.total amount = 30200000",
				"income.fiscal.gpb amount = 30000000", "income.other amount = 200000",
				"income.carryover amount = 100000", "expenditure.carryover amount = 100000"}, nil},
		{"a title at the top of a page run on from the last sentence of the page before",
			prose + "注:本部门2024年无国有资本经营预算财政拨款安排的预算，故本表为空表。\n\f" +
				"2024年部门一般公共预算基本支出部门预算经济分类预算表\n编制部门：某某局 单位：元\n项目 一般公共预算基本支出\n经济分类\n" +
				"科目编码 经济分类科目名称 合计 人员经费 公用经费\n类 款\n301 工资福利支出 900 900\n301 01 基本工资 900 900\n" +
				"302 商品和服务支出 100 100\n302 01 办公费 100 100\n合计 1,000 900 100\n",
			[]string{"gpb.basic amount = 1000", "gpb.basic.personnel amount = 900", "gpb.basic.public amount = 100"}, nil},
		{"a line item's sentence broken over lines, in a copy whose table rows outnumber its prose lines",
			econRows(60) + wrap(proseText, 38) + "五、一般公共预算财政拨款支出决算情况说明\n（一）社会保障和就业（类）\n" +
				"1.行政事业单位养老支出（款）行政单位离退休（项）\n。年初预算为21.89万元，支出\n" +
				"决算为20.82万元，完成年初预算的95.11%。决算数小于预算数的主要原因是部分项目按\n合同进度支付，结转下年使用。\n",
			[]string{"gpb.item amount 社会保障和就业支出/行政事业单位养老支出/行政单位离退休 #2080501 = 208200",
				"gpb.item completion_pct 社会保障和就业支出/行政事业单位养老支出/行政单位离退休 #2080501 = 95.11"}, nil},
		{"a line stopping inside a sentence short of the width by less than twice the figure opening the next",
			wrap(proseText+proseText, 38) + "八、“三公”经费财政拨款支出决算情况说明\n" +
				"2018年度“三公”经费财政拨款支出决算比2017年度增加0.83万元，增幅为\n18.00%。其中：因公出国（境）费支出决算保持不变。\n",
			[]string{"three_public.total yoy_change = 8300", "three_public.total yoy_pct = 18"}, nil},
		{"packed 政府性基金 收入支出表: the parts of 本年支出 under it, beside the carry-overs and the income",
			"政府性基金预算财政拨款收入支出决算表\n编制单位：某某局 单位：元\n支出功能分\n类科目编码 科目名称 年初结转和\n" +
				"结余 本年收入 本年支出 年末结转和\n结余\n小计 基本支出 项目支出\n212 城乡社区支\n出 - 2005618 2005618 - 2005618 -\n" +
				"21208\n国有土地使\n用权出让收\n入安排的支\n出 - 2005618 2005618 - 2005618 -\n2120803 城市建设支\n出 - 2005618 2005618 - 2005618 -\n" +
				"合计 - 2005618 2005618 - 2005618 -\n",
			[]string{"gov_fund.expenditure amount = 2005618"}, nil},
		{"a layout copy's header lines between a table's title and its rows, and again over its next page",
			prose + "\f" +
				"                 一般公共预算财政拨款支出决算表\n" +
				"编制单位：某某局                                              单位：元\n" +
				"            项目\n" +
				"  支出功能分类科        合计          基本支出          项目支出\n" +
				"     目编码     科目名称\n" +
				"  类 款 项\n" +
				"            合计        1,500.00       1,000.00         500.00\n" +
				"208       社会保障和就业支出   1,000.00       1,000.00           0.00\n" +
				"208 05    行政事业单位养老支出 1,000.00       1,000.00           0.00\n" +
				"208 05 01 行政单位离退休       1,000.00       1,000.00           0.00\n" +
				"                              5\n\f" +
				"            项目\n" +
				"  支出功能分类科目编码      合计          基本支出          项目支出\n" +
				"     科目名称\n" +
				"  类 款 项\n" +
				"221       住房保障支出           500.00           0.00         500.00\n" +
				"221 02    住房改革支出           500.00           0.00         500.00\n" +
				"221 02 01 住房公积金             500.00           0.00         500.00\n" +
				"                              6\n",
			[]string{"gpb.expenditure amount = 1500", "gpb.class amount 社会保障和就业支出 #208 = 1000", "gpb.class amount 住房保障支出 #221 = 500",
				"gpb.item amount 住房保障支出/住房改革支出/住房公积金 #2210201 = 500"}, nil},
		{"a copy in the content stream's order: each title under its table, some wrapped over two lines, and a long narrative after the last",
			"浙江省某某局2018年部门预算\n" +
				"单位：万元\n科目编码 科目名称 金额\n合计 1,000.00\n301 工资福利支出 800.00\n302 商品和服务支出 200.00\n" +
				"八、2018年度浙江省某某局一般公共预算基本支出预算表\n" +
				"单位：万元\n合计\n“三公”经费\n会议费 培训费\n小计 因公出国（境）\n费\n公务用车购置及运行维护费 公务接待\n费\n" +
				"小计 公务用车购置\n费\n公务用车运行维护\n费\n" +
				"2,626.72 774.21 287.41 129.80 129.80 357.00 1,406.74 445.77\n" +
				"九、2018年度浙江省某某局一般公共预算“三公”经费、会议\n费、培训费支出预算表\n" +
				"单位：万元\n科目编码 科目名称 机关运行经费支出\n合计 1,832.20\n302 商品和服务支出 1,832.20\n30201 办公费 1,832.20\n" +
				"十、2018年度浙江省某某局一般公共预算机关运行经费支出\n预算表\n" +
				"单位：万元\n采购品目大类 总计\n合计 951.05\n一、货物A 541.87\n二、工程B\n三、服务C 409.18\n" +
				"十一、2018年度浙江省某某局政府采购支出预算表\n" +
				strings.Repeat("浙江省某某局认真贯彻落实省委省政府各项工作部署，围绕中心服务大局，推进各项业务工作有序开展，取得明显成效。\n", 70),
			[]string{"gpb.basic amount = 10000000", "operating_expense amount = 18322000", "procurement.total amount = 9510500",
				"three_public.overseas amount = 2874100", "three_public.reception amount = 3570000", "three_public.total amount = 7742100",
				"three_public.vehicle amount = 1298000"},
			[]string{"expenditure.total"}},
		{"a layout copy's “三公” header over interleaved lines: a name's wrapped end among other cells' words, a blank for zero",
			"江苏省某某厅2019年部门预算\n\f" +
				"                         “三公”经费、会议费、培训费支出预算表\n" +
				"部门：江苏省某某厅                                                                            单位：万元\n\n\n" +
				"                                     “三公”经费\n\n" +
				"                                     公务用车购置及运行维护费\n" +
				"  合计                     因公出国                                                会议费        培训费\n" +
				"               小计                                                 公务接待费\n" +
				"                         （境）费                 公务用车购置 公务用车运行\n" +
				"                                    小计\n" +
				"                                                费     维护费\n\n" +
				"    1,471.70    508.20      70.00    411.20              411.20      27.00     933.50     30.00\n",
			[]string{"three_public.overseas amount = 700000", "three_public.reception amount = 270000",
				"three_public.total amount = 5082000", "three_public.vehicle amount = 4112000"}, nil},
		{"a class heading run on from the lead-in “其中：” before it",
			"江苏省某某厅2019年部门预算\n" + wrap(proseText+proseText, 38) + "五、一般公共预算财政拨款支出预算情况说明\n其中：\n（一）社会保障和就业（类）\n" +
				"1．行政事业单位离退休（款）未归口管理的行政单位离退休（项）支出64.64 万\n元，与上年相比增加11.37万元，增幅为21.34%。主要原因是新增信息化建设项目经费。\n" +
				"2．行政事业单位离退休（款）机关事业单位基本养老保险缴费支出（项）支出\n150.08万元，与上年相比增加0.14万元，增长0.09%。主要原因：人员变动及调资，人\n员经费相应增加。\n",
			[]string{"gpb.item amount 社会保障和就业支出/行政事业单位离退休/未归口管理的行政单位离退休 #2080504 = 646400",
				"gpb.item amount 社会保障和就业支出/行政事业单位离退休/机关事业单位基本养老保险缴费支出 #2080505 = 1500800"}, nil},
		{"packed 基本支出表 in two halves: a line without figures is a zero, not a name cut short before the totals' line",
			"一般公共预算财政拨款基本支出决算表\n单位：万元\n经济分类\n科目编码 科目名称 决算数\n经济分类\n科目编码 科目名称 决算数\n类 款 类 款\n" +
				"301 工资福利支出 100.00 302 商品和服务支出 30.00\n301 01 基本工资 100.00 302 01 办公费 30.00\n301 02 津贴补贴 302 02 印刷费\n" +
				"302 99 其他商品和服务支出\n310 资本性支出 5.00\n310 02 办公设备购置 5.00\n310 99 其他资本性支出\n人员经费合计 100.00 公用经费合计 35.00\n",
			[]string{"gpb.basic.personnel amount = 1000000", "gpb.basic.public amount = 350000"}, nil},
		{"packed summary: a label wrapped inside its brackets, its figure on the next line before the other half's",
			"收入支出决算总表\n单位：万元\n收入 支出\n项目 决算数 项目 决算数\n一、一般公共预算财政拨款收入 3,000.00 一、一般公共服务支出 2,990.00\n" +
				"本年收入合计 3,000.00 本年支出合计 2,990.00\n使用非财政拨款结余（含专用结\n余）\n0.00 结余分配 0.00\n" +
				"年初结转和结余 10.00 年末结转和结余 20.00\n总计 3,010.00 总计 3,010.00\n",
			[]string{"income.non_fiscal_balance amount = 0", "income.carryover amount = 100000"}, nil},
		{"packed summary: a label wrapped inside its brackets, the line going on with its 行次 and figure",
			"收入支出决算总表\n单位：万元\n收入 支出\n项目 行次 金额 项目 行次 金额\n一、一般公共预算财政拨款收入 1 3,000.00 一、一般公共服务支出 32 2,990.00\n" +
				"二、其他收入 2 3,000.00 二、外交支出 33\n本年收入合计 3 3,000.00 本年支出合计 34 2,990.00\n使用非财政拨款结余（含专用\n结余） 4 - 结余分配 35 -\n" +
				"年初结转和结余 5 10.00 年末结转和结余 36 20.00\n总计 6 3,010.00 总计 37 3,010.00\n",
			[]string{"income.non_fiscal_balance amount = 0", "income.carryover amount = 100000"}, nil},
		{"titles printed after their tables, and a run of two tables",
			"单位：万元\n科目编码 科目名称 金额\n合计 80.00\n301 工资福利支出 60.00\n302 商品和服务支出 20.00\n财政拨款基本支出预算表\n" +
				"单位：万元\n科目编码 科目名称 金额\n合计 100.00\n201 一般公共服务支出 100.00\n20101 人大事务 100.00\n2010101 行政运行 100.00\n一般公共预算支出预算表\n",
			[]string{"gpb.basic amount = 800000", "gpb.expenditure amount = 1000000", "gpb.class amount 一般公共服务支出 #201 = 1000000"}, nil},
		{"packed “三公” table: each measure's parts over a row of figures, names wrapped",
			"财政拨款“三公”经费支出决算表\n编制单位：某某局 单位：元\n预算数 决算数\n" +
				"合计 因公出国（境）费 公务用车购置及运行费 公务接待费 合计 因公出国（境）费 公务用车购置及运行费 公务接待\n费小计 公务用车购置费 公务用车运行费 小计 公务用车购置费 公务用车运行费\n" +
				"1 2 3 4 5 6 7 8 9 10 11 12\n153600 10400 83200 - 83200 60000 140800 - 83200 - 83200 57600\n",
			[]string{"three_public.total budget = 153600", "three_public.overseas budget = 10400", "three_public.vehicle budget = 83200",
				"three_public.vehicle.purchase budget = 0", "three_public.vehicle.operation budget = 83200", "three_public.reception budget = 60000",
				"three_public.total amount = 140800", "three_public.overseas amount = 0", "three_public.vehicle amount = 83200",
				"three_public.vehicle.purchase amount = 0", "three_public.vehicle.operation amount = 83200", "three_public.reception amount = 57600"}, nil},
		{"packed “三公”、会议费、培训费 table: the 合计 of all leads, the 小计 is the “三公” total",
			"一般公共预算“三公”经费、会议费、培训费支出预算表\n单位：万元\n合计\n“三公”经费\n会议费 培训费\n小计 因公出国（境）\n费\n" +
				"公务用车购置及运行维护费 公务接待\n费\n小计 公务用车购置\n费\n公务用车运行维护\n费\n" +
				"2,345.03 663.82 195.55 122.85 21.63 101.22 345.42 1,248.68 432.53\n",
			[]string{"three_public.total amount = 6638200", "three_public.overseas amount = 1955500", "three_public.vehicle amount = 1228500",
				"three_public.vehicle.purchase amount = 216300", "three_public.vehicle.operation amount = 1012200", "three_public.reception amount = 3454200"}, nil},
		{"packed “三公”、会议费、培训费 table whose 小计 alone is off: the 合计 bears the parts out, the misprint is read",
			"一般公共预算“三公”经费、会议费、培训费支出预算表\n单位：万元\n合计\n“三公”经费\n会议费 培训费\n小计 因公出国（境）\n费\n" +
				"公务用车购置及运行维护费 公务接待\n费\n小计 公务用车购置\n费\n公务用车运行维护\n费\n" +
				"2,345.03 660.00 195.55 122.85 21.63 101.22 345.42 1,248.68 432.53\n",
			[]string{"three_public.total amount = 6600000", "three_public.overseas amount = 1955500", "three_public.vehicle amount = 1228500",
				"three_public.vehicle.purchase amount = 216300", "three_public.vehicle.operation amount = 1012200", "three_public.reception amount = 3454200"}, nil},
		{"packed “三公” table with a blank for zero: the sums place all but the vehicle's two parts",
			"一般公共预算“三公”经费、会议费、培训费支出预算表\n单位：万元\n合计\n“三公”经费\n会议费 培训费\n" +
				"小计 因公出国（境）费 公务用车购置及运行维护费 公务接待费\n小计 公务用车购置费 公务用车运行维护费\n" +
				"1,531.06 413.55 150.13 39.05 39.05 224.37 935.61 181.90\n",
			[]string{"three_public.total amount = 4135500", "three_public.overseas amount = 1501300",
				"three_public.vehicle amount = 390500", "three_public.reception amount = 2243700"},
			[]string{"three_public.vehicle.purchase", "three_public.vehicle.operation", "three_public.meeting"}},
		{"the same “三公” row, where the 基本支出 table shows 公务用车运行维护费 spent: the figure is the 运行费",
			"一般公共预算基本支出预算表\n单位：万元\n科目编码 科目名称 金额\n合计 100.00\n302 商品和服务支出 100.00\n30231 公务用车运行维护费 39.05\n30299 其他商品和服务支出 60.95\n" +
				"一般公共预算“三公”经费、会议费、培训费支出预算表\n单位：万元\n合计\n“三公”经费\n会议费 培训费\n" +
				"小计 因公出国（境）费 公务用车购置及运行维护费 公务接待费\n小计 公务用车购置费 公务用车运行维护费\n" +
				"1,531.06 413.55 150.13 39.05 39.05 224.37 935.61 181.90\n",
			[]string{"three_public.vehicle.operation amount = 390500", "three_public.vehicle amount = 390500"},
			[]string{"three_public.vehicle.purchase"}},
		{"the same “三公” row, where the 基本支出 table shows 公务用车购置 spent: the figure is the 购置费",
			"一般公共预算基本支出预算表\n单位：万元\n科目编码 科目名称 金额\n合计 100.00\n302 商品和服务支出 100.00\n31013 公务用车购置 39.05\n30299 其他商品和服务支出 60.95\n" +
				"一般公共预算“三公”经费、会议费、培训费支出预算表\n单位：万元\n合计\n“三公”经费\n会议费 培训费\n" +
				"小计 因公出国（境）费 公务用车购置及运行维护费 公务接待费\n小计 公务用车购置费 公务用车运行维护费\n" +
				"1,531.06 413.55 150.13 39.05 39.05 224.37 935.61 181.90\n",
			[]string{"three_public.vehicle.purchase amount = 390500"},
			[]string{"three_public.vehicle.operation"}},
		{"packed “三公” table of budgets and actuals with only the totals and one part: the totals are read, the part is any",
			"一般公共预算财政拨款“三公”经费支出决算表\n单位：万元\n预算数 决算数\n" +
				"合计 因公出国（境）费 公务用车购置及运行费 公务接待费 合计 因公出国（境）费 公务用车购置及运行费 公务接待费\n" +
				"小计 公务用车购置费 公务用车运行费 小计 公务用车购置费 公务用车运行费\n" +
				"4.87 4.87 4.57 4.57\n",
			[]string{"three_public.total budget = 48700", "three_public.total amount = 45700"},
			[]string{"three_public.reception", "three_public.overseas", "three_public.vehicle"}},
		{"packed “三公” table with a blank the sums place: the blank gives no fact, the rest are read",
			"财政拨款“三公”经费支出决算表\n单位：万元\n决算数\n" +
				"合计 因公出国（境）费 公务用车购置及运行费 公务接待费\n小计 公务用车购置费 公务用车运行费\n" +
				"18.50 6.50 2.00 4.50 12.00\n",
			[]string{"three_public.total amount = 185000", "three_public.vehicle amount = 65000", "three_public.vehicle.purchase amount = 20000",
				"three_public.vehicle.operation amount = 45000", "three_public.reception amount = 120000"},
			[]string{"three_public.overseas"}},
		{"a raw copy that prints each title under its table, the table's next page under its header again, its 合计 under its figures",
			"目录\n1. 2025年预算单位财务收支预算总表\n2. 2025年预算单位一般公共预算支出功能分类预算表\n3. 2025年预算单位一般公共预算基本支出部门预算经济分类预算表\n" +
				"\f单位：元\n一、财政拨款收入 700,000 一、一般公共服务支出 500,000\n二、事业收入 二、卫生健康支出 200,000\n" +
				"收入总计 700,000 支出总计 700,000\n2025年预算单位财务收支预算总表\n编制单位：某某局\n" +
				"\f类 款 项\n201 一般公共服务支出 500,000 400,000 100,000\n201 03 政府办公厅（室）及相关机构事务 500,000 400,000 100,000\n" +
				"201 03 01 行政运行 400,000 400,000\n201 03 02 一般行政管理事务 100,000 100,000\n" +
				"2025年预算单位一般公共预算支出功能分类预算表\n项目 一般公共预算支出\n功能分类科目编码\n功能分类科目名称 合计 基本支出 项目支出\n编制单位：某某局\n单位：元\n" +
				"\f类 款 项\n项目 一般公共预算支出\n功能分类科目编码\n功能分类科目名称 合计 基本支出 项目支出\n" +
				"210 卫生健康支出 200,000 200,000\n210 11 行政事业单位医疗 200,000 200,000\n210 11 01 行政单位医疗 200,000 200,000\n" +
				"700,000 600,000 100,000\n合计\n" +
				"\f类 款\n301 工资福利支出 450,000 450,000\n301 01 基本工资 450,000 450,000\n302 商品和服务支出 150,000 150,000\n302 01 办公费 150,000 150,000\n" +
				"600,000 450,000 150,000\n合计\n" +
				"2025年预算单位一般公共预算基本支出部门预算经济分类预算表\n项目 一般公共预算基本支出\n经济分类科目编码\n部门经济分类科目名称 合计 人员经费 公用经费\n编制单位：某某局\n单位：元\n",
			[]string{"gpb.expenditure amount = 700000", "gpb.class amount 卫生健康支出 #210 = 200000",
				"gpb.item amount 卫生健康支出/行政事业单位医疗/行政单位医疗 #2101101 = 200000", "gpb.basic amount = 600000"},
			nil},
		{"a raw copy's packed “三公” table between table numbers (表六, 表七), its title and header's rest under its figures",
			"某某厅2019年度部门预算公开表\n\f表六\n部门：某某厅 单位：万元\n小计 公务用车购置费\n公务用车运行维\n护费\n35.00 5.00 20.00 20.00 10.00\n" +
				"“三公”经费支出预算表\n合计\n因公出国（境）\n费\n公务用车购置及运行维护费\n公务接待费\n表七\n部门：某某厅 单位：万元\n",
			[]string{"three_public.total amount = 350000", "three_public.overseas amount = 50000", "three_public.vehicle amount = 200000", "three_public.reception amount = 100000"},
			[]string{"three_public.vehicle.purchase", "three_public.vehicle.operation"}},
		{"a raw copy in stream order: a table's title after its first page's rows, its rows going on on the next page",
			"某某厅2019年度部门预算公开表\n" +
				"\f部门：某某厅 单位：万元\n功能科目编码 功能科目名称 金额\n合计 500.00\n201 一般公共服务支出 400.00\n20103 政府办公厅（室）及相关机构事务 400.00\n" +
				"2010301 行政运行 300.00\n2010302 一般行政管理事务 100.00\n一般公共预算支出预算表\n" +
				"\f208 社会保障和就业支出 100.00\n20805 行政事业单位养老支出 100.00\n2080505 机关事业单位基本养老保险缴费支出 100.00\n" +
				"部门：某某厅 单位：万元\n科目编码 科目名称 金额\n合计 60.00\n302 商品和服务支出 60.00\n30201 办公费 60.00\n一般公共预算机关运行经费支出预算表\n",
			[]string{"gpb.expenditure amount = 5000000", "gpb.class amount 社会保障和就业支出 #208 = 1000000",
				"gpb.item amount 社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出 #2080505 = 1000000", "operating_expense amount = 600000"}, nil},
		{"a contents page set out as a table, and a table whose rows without figures stand between its pages",
			tocCopy, []string{"income.total amount = 1000000", "expenditure.total amount = 1000000", "expenditure.basic amount = 600000"}, nil},
		{"a raw copy that prints each title under its table, after a table of contents",
			"某某省2019年度\n省级部门预算公开报表\n部门：某某厅\n目 录\n一、 收支预算总表\n二、 财政拨款支出预算表\n" +
				"三、 一般公共预算支出预算表\n四、 一般公共预算“三公”经费支出预算表\n五、 政府性基金支出预算表\n六、 一般公共预算机关运行经费支出预算表\n" +
				"\f部门：某某厅 单位：万元\n项目名称 金额 项目名称 金额\n一、财政拨款 500.00 一、基本支出 400.00\n二、其他资金 二、项目支出 100.00\n" +
				"收入合计 500.00 支出合计 500.00\n收支预算总表\n收入 支出\n" +
				"\f部门：某某厅\n功能科目代码 功能科目名称 金额\n合计 500.00\n201 一般公共服务支出 500.00\n20103 政府办公厅（室）及相关机构事务 500.00\n" +
				"2010301 行政运行 400.00\n2010302 一般行政管理事务 100.00\n财政拨款支出预算表\n" +
				"\f部门：某某厅\n功能科目代码 功能科目名称 金额\n合计 480.00\n201 一般公共服务支出 480.00\n20103 政府办公厅（室）及相关机构事务 480.00\n" +
				"2010301 行政运行 400.00\n2010302 一般行政管理事务 80.00\n一般公共预算支出预算表\n" +
				"\f部门：某某厅\n小计\n公务用车购\n置费\n公务用车运行\n维护费\n35.00 5.00 20.00 20.00 10.00\n" +
				"“三公”经费支出预算表\n合计\n因公出国\n（境）费\n公务用车购置及运行维护费\n公务接待费\n" +
				"\f部门：某某厅 单位：万元\n功能科目代码 功能科目名称 金额\n合计\n注：本部门无相关收支项目\n政府性基金支出预算表\n" +
				"\f部门：某某厅 单位：万元\n科目编码 科目名称 金额\n合计 60.00\n302 商品和服务支出 60.00\n30201 办公费 40.00\n30211 差旅费 20.00\n" +
				"一般公共预算机关运行经费支出预算表\n",
			[]string{"gpb.expenditure amount = 4800000", "gpb.item amount 一般公共服务支出/政府办公厅(室)及相关机构事务/一般行政管理事务 #2010302 = 800000",
				"three_public.total amount = 350000", "three_public.overseas amount = 50000", "three_public.vehicle amount = 200000",
				"three_public.reception amount = 100000", "gov_fund.expenditure amount = 0", "operating_expense amount = 600000"},
			[]string{"three_public.vehicle.purchase", "three_public.vehicle.operation", "procurement.total"}},
		{"packed “三公” table whose parts do not add up is not read by the template",
			"财政拨款“三公”经费支出决算表\n单位：万元\n预算数 决算数\n" +
				"合计 因公出国（境）费 公务用车购置及运行费 公务接待费 合计 因公出国（境）费 公务用车购置及运行费 公务接待费\n" +
				"10.00 1.00 2.00 3.00 9.00 1.00 2.00 3.00\n",
			nil, []string{"three_public.overseas", "three_public.vehicle"}},
		{"-layout copy of the national form: a 行次 column whose header split over two lines is no figure",
			"                     收入支出决算总表\n编制单位：某某委员会                                      单位：万元\n" +
				"           收入                              支出\n" +
				"      项目        行     金额            项目          行    金额\n" +
				"                次                               次\n" +
				"      栏次               1            栏次                2\n" +
				"一、一般公共预算财政拨款收 1\n" +
				"入                     1222.44 一、一般公共服务支出        8    115.95\n" +
				"二、政府性基金预算财政拨款 2\n" +
				"收入                       0.00 二、社会保障和就业支出       9      89.03\n" +
				"三、上级补助收入        3        0.00 三、医疗卫生与计划生育支出     10     982.75\n" +
				"四、事业收入          4        0.00 四、住房保障支出         11      34.71\n" +
				"五、其他收入          5        0.00\n" +
				"    本年收入合计       6    1222.44     本年支出合计        12    1222.44\n" +
				"年初结转和结余         7       0.00 年末结转和结余           13       0.00\n" +
				"      总计        8    1222.44       总计          14    1222.44\n",
			[]string{"expenditure.carryover amount = 0", "expenditure.total amount = 12224400", "income.business amount = 0",
				"income.other amount = 0", "income.total amount = 12224400", "total amount = 12224400"}, nil},
		{"-layout copy: a 行次 before a blank amount is no amount",
			"                     收入支出决算总表\n编制单位：某某部                                      单位：万元\n" +
				"      项目        行     金额            项目          行    金额\n" +
				"                次                               次\n" +
				"一、一般公共预算财政拨款收入  1       340.01 一、一般公共服务支出        32    291.59\n" +
				"二、政府性基金预算财政拨款收入 2              二、外交支出            33\n" +
				"三、上级补助收入          3        35.43 三、社会保障和就业支出       34      83.85\n" +
				"本年收入合计            4       375.44 本年支出合计            35    375.44\n",
			[]string{"expenditure.total amount = 3754400", "income.fiscal.gpb amount = 3400100", "income.superior_subsidy amount = 354300", "income.total amount = 3754400"},
			[]string{"income.fiscal.gov_fund"}},
		{"a table copied column by column gives no figures",
			"收入支出决算总表\n单位：万元\n本年收入合计\n年初结转和结余\n总计\n3,020.00\n10.00\n3,030.00\n",
			nil, []string{"total", "income.total", "income.carryover"}},
		{"-layout copy: columns by blanks, a blank cell in its column",
			"                 支出决算表\n                                     单位：万元\n" +
				"   科目编码   科目名称             合计      基本支出    项目支出\n" +
				"             合计                  120.00     100.00      20.00\n" +
				"   201        一般公共服务支出       120.00     100.00      20.00\n" +
				"   20101      人大事务              120.00     100.00      20.00\n" +
				"   2010101    行政运行              100.00     100.00\n" +
				"   2010102    一般行政管理事务       20.00                  20.00\n",
			[]string{"expenditure.total amount = 1200000", "expenditure.basic amount = 1000000", "expenditure.project amount = 200000"}, nil},
		{"a line item whose figures are on the next page",
			"上海市某局2024年度部门决算\n" + prose + "五、一般公共预算财政拨款支出决算情况说明\n（一）一般公共服务支出（类）财政事务（款）行政运行（项）\n。主要用于机关在职\n\f人员工资福利及日常公用经费等基本支出。年初预算为1462.43 万元，支出决算为\n1462.43万元。决算数等于预算数。\n",
			[]string{"gpb.item amount 一般公共服务支出/财政事务/行政运行 #2010601 = 14624300", "gpb.item budget 一般公共服务支出/财政事务/行政运行 #2010601 = 14624300"}, nil},
		{"a layout copy's label-only row tight under a figure row: its own row, not the label's wrapping",
			"收支预算总表\n单位：万元\n" +
				"    项目名称            金额        项目名称            金额\n" +
				"    一、财政拨款        100.00      一、一般公共服务支出   100.00\n" +
				"    当年收入小计        100.00      当年支出小计          100.00\n" +
				"    上年结转资金                    结转下年资金\n" +
				"    收入合计            100.00      支出合计              100.00\n",
			[]string{"income.total amount = 1000000", "expenditure.total amount = 1000000"}, nil},
		{"a packed two-sided row whose middle label has no figure: the figure is the label's next to it",
			"收支预算总表\n单位：万元\n收入 支出\n项目名称 金额 功能科目名称 金额 项目名称 金额\n" +
				"一、财政拨款 300.00 一、一般公共服务支出 300.00 一、基本支出 200.00\n" +
				"1.一般公共预算 300.00 二、外交支出 二、项目支出 100.00\n",
			[]string{"expenditure.basic amount = 2000000", "expenditure.project amount = 1000000"}, nil},
		{"a packed function table whose 合计 stands first without its label, the label under the table",
			"一般公共预算支出预算表\n单位：万元\n功能科目编码 功能科目名称 金额\n" +
				"120.00\n201 一般公共服务支出 100.00\n2010101 行政运行 100.00\n208 社会保障和就业支出 20.00\n2080505 机关事业单位基本养老保险缴费支出 20.00\n",
			[]string{"gpb.expenditure amount = 1200000"}, nil},
		{"a packed function table whose first lone figure is no sum of its classes: no total",
			"一般公共预算支出预算表\n单位：万元\n功能科目编码 功能科目名称 金额\n" +
				"130.00\n201 一般公共服务支出 100.00\n2010101 行政运行 100.00\n208 社会保障和就业支出 20.00\n2080505 机关事业单位基本养老保险缴费支出 20.00\n",
			nil, []string{"gpb.expenditure"}},
		{"a copy in stream order scatters the “三公” header around the figures and the title under them",
			"部门：某某厅 单位：万元\n小计\n公务用车购置\n费\n公务用车运行\n维护费\n" +
				"1,000.00 400.00 50.00 300.00 300.00 50.00 500.00 100.00\n" +
				"“三公”经费、会议费、培训费支出预算表合计\n“三公”经费\n会议费 培训费\n小计\n因公出国\n（境）费\n公务用车购置及运行维护费\n公务接待费\n" +
				"\f部门：某某厅 单位：万元功能科目编码 功能科目名称 金额\n财政拨款政府性基金支出预算表\n合计\n注：本部门无相关收支项目\n" +
				"\f部门：某某厅 单位：万元科目编码 科目名称 机关运行经费支出\n120.00\n302 商品和服务支出 120.00\n30201 办公费 120.00\n" +
				"一般公共预算机关运行经费支出预算表\n合 计\n",
			[]string{"three_public.total amount = 4000000", "three_public.overseas amount = 500000", "three_public.vehicle amount = 3000000",
				"three_public.reception amount = 500000", "gov_fund.expenditure amount = 0"}, nil},
		{"the scattered “三公” header among the department's name and the table's number",
			"合计\n部门： 单位：万元\n小计\n公务用车购置\n费\n公务用车运行\n维护费\n" +
				"1,000.00 400.00 50.00 300.00 300.00 50.00 500.00 100.00\n公务用车购置及运行维护费\n" +
				"“三公”经费、会议费、培训费支出预算表某某省某某厅\n“三公”经费\n小计\n因公出国\n（境）费\n公开表九\n公务接待费\n会议费 培训费\n",
			[]string{"three_public.total amount = 4000000", "three_public.overseas amount = 500000", "three_public.reception amount = 500000"}, nil},
		{"a header one cell to a line, each wrapped, over rows that leave columns blank: no column is guessed",
			"支出决算表\n单位：万元\n项目\n本年支出合\n计\n基本支出\n项目支\n出\n上缴上级支\n出\n经营支\n出\n对附属单位\n补\n助支出\n" +
				"支出功能分类\n科目名称\n科目编码\n类 款 项\n合计 300.00\n200.00 100.00\n201 一般公共服务支出 300.00\n200.00 100.00\n" +
				"201 06 财政事务 300.00\n200.00 100.00\n",
			[]string{"expenditure.total amount = 3000000"}, []string{"expenditure.to_superior", "expenditure.operating", "expenditure.subordinate_subsidy"}},
		{"a 收支总表 whose title the copy broke, under a sentence that names 支出 and 表: its rows say what it is",
			"（二）负责编制年度预决算，向区人民代表大会报告预算支出标准等事项。\n收入支出决算总\n第二部分 某某局2024年度部门决算表\n表\n单位：万元\n" +
				"收入 支出\n项目 决算数 项目 决算数\n一、一般公共预算财政拨款收入 100.00 一、一般公共服务支出 100.00\n五、事业收入 五、教育支出\n" +
				"本年收入合计 100.00 本年支出合计 100.00\n年初结转和结余 10.00 年末结转和结余 10.00\n总计 110.00 总计 110.00\n",
			[]string{"income.carryover amount = 100000", "expenditure.carryover amount = 100000", "total amount = 1100000"}, nil},
		{"a layout copy sets a sentence's line that opens with a figure above the line it follows",
			wrap(proseText, 38) + "\n  三、支出决算情况说明\n\n\n603.14万元，占20.51%；\n    本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出\n\n" +
				"  （二）一般公共预算财政拨款支出决算结构情况\n\n    一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出\n" +
				"（类）2106.66万元，占71.73%；社会保障和就业支出（类）326.72万元，占11.11%；\n\n15.16%；\n" +
				"卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）445.69万元，占\n\n",
			[]string{"expenditure.project amount = 6031400", "expenditure.project share_pct = 20.51", "gpb.class share_pct 住房保障支出 #221 = 15.16"}, nil},
		{"a layout copy's “三公” table of one row, its header's upper lines set apart from its line of measures",
			"                     财政拨款“三公”经费支出决算表\n                                                      单位：万元\n\n" +
				"                       财政拨款“三公”经费\n                             公务用车购置及运行费\n" +
				"     合计      因公出国（境）费\n                      小计                   公务用车运行费        公务接待费\n" +
				"                              公务用车购置费\n\n\n" +
				"预算数       决算数   预算数   决算数   预算数    决算数   预算数    决算数   预算数   决算数   预算数      决算数\n\n" +
				"  0.95                                                              0.95\n" +
				"\f                    一般公共预算财政拨款支出决算表\n                                                  单位：万元\n" +
				"   科目编码      科目名称                      合计    基本支出    项目支出\n" +
				"   201        一般公共服务支出              100.00       80.00       20.00\n   20101      人大事务                  100.00       80.00       20.00\n" +
				"   2010101    行政运行                  100.00       80.00       20.00\n",
			[]string{"three_public.total budget = 9500", "three_public.reception budget = 9500"},
			[]string{"three_public.overseas", "three_public.vehicle"}},
		{"a title wrapped before its 表, and the next title with its year set apart, in a raw copy",
			"“三公”经费、会议费、培训费支出预算\n表\n部门：某某厅 单位：万元\n合计\n“三公”经费\n会议费 培训费\n小计\n因公出国（境）费\n" +
				"公务用车购置及运行维护费\n公务接待费\n小计\n公务用车购置费\n公务用车运行维护费\n" +
				"1,000.00 400.00 50.00 300.00 0 300.00 50.00 500.00 100.00\n2017 年政府采购预算表\n部门：某某厅 单位：万元\n" +
				"采购品目大类 专项名称 经济科目 采购物品名称 采购组织形式 总计\n合计 120.00\n一、货物 A 20.00\n办公设备购置费 办公设备购置 20.00\n" +
				"三、服务 C 100.00\n物业管理费 物业管理服务 分散自行组织 100.00\n",
			[]string{"procurement.total amount = 1200000", "procurement.goods amount = 200000", "three_public.total amount = 4000000",
				"three_public.vehicle.operation amount = 3000000"}, nil},
		{"a packed row whose 类 code the print garbled: its codes before the name are no figures",
			"2024年预算单位支出预算总表\n编制单位：某某院 单位：元\n项目 支出预算\n功能分类科目编码\n功能分类科目名称 合计 基本支出 项目支出\n类 款 项\n" +
				"208 社会保障和就业支出 1,000 700 300\n208 10 社会福利 1,000 700 300\n208 10 05 社会福利事业单位 1,000 700 300\n" +
				"210 卫生健康支出 500 500\n210 11 行政事业单位医疗 500 500\n7 11 02 事业单位医疗 500 500\n合计 1,500 1,200 300\n",
			[]string{"expenditure.basic amount = 1200", "expenditure.project amount = 300"}, nil},
		{"a bare first row of two figures that the classes do not add up to is no 合计",
			"一般公共预算财政拨款支出决算表\n单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n80.00 80.00\n" +
				"201 一般公共服务支出 300.00 200.00 100.00\n20101 人大事务 300.00 200.00 100.00\n2010101 行政运行 300.00 200.00 100.00\n",
			[]string{"gpb.class amount 一般公共服务支出 #201 = 3000000"}, []string{"gpb.expenditure"}},
		{"a line number before a dash, in a summary whose header the copy lost: the dash is the figure",
			"收入支出决算总表\n单位：万元\n一、一般公共预算财政拨款收入 1 100.00 一、一般公共服务支出 29 100.00\n本年收入合计 9 100.00 本年支出合计 58 100.00\n" +
				"\f使用非财政拨款结余（含专用结余） 10 - 结余分配 59 -\n年初结转和结余 11 - 年末结转和结余 60 -\n",
			[]string{"income.non_fiscal_balance amount = 0", "income.carryover amount = 0"}, nil},
		{"a raw copy that prints a page's number under the running header atop the page its table goes on to",
			runningPages(
				strings.Repeat(proseText[:60]+"\n", 14),
				"支出决算表\n单位：万元\n项目\n本年支出合计 基本支出 项目支出\n支出功能分类科目编码 科目名称\n类 款 项\n合计 300.00 200.00 100.00\n"+
					"201 一般公共服务支出 300.00 200.00 100.00\n201 01 人大事务 300.00 200.00 100.00\n201 01 01 行政运行 200.00 200.00\n"+
					"201 01 02 一般行政管理事务 60.00 60.00\n",
				"201 01 04 人大会议 40.00 40.00\n二、收入决算情况说明\n"+strings.Repeat(proseText[:60]+"\n", 14),
				strings.Repeat(proseText[:60]+"\n", 14)),
			[]string{"expenditure.total amount = 3000000"}, nil},
		{"line numbers of a summary's next page in whole yuan, its header and the word 次 lost",
			"收入支出决算总表\n" +
				"单位：元\n" +
				"\f                                          松源县教育局2024年决算公开\n" +
				"\n" +
				"                               二十三、其他支出        54           0\n" +
				"                               二十四、债务还本支出      55           0\n" +
				"                               二十五、债务付息支出      56           0\n" +
				"                               二十六、抗疫特别国债安排的   57           0\n" +
				"                               支出\n" +
				"    本年收入合计      9    3,644,867     本年支出合计      58   3,531,643\n" +
				"使用非财政拨款结余（含专用   10           0 结余分配            59           0\n" +
				"结余）\n" +
				"年初结转和结余         11           0 年末结转和结余         60     113,224\n" +
				"      总计        12   3,644,867       总计        61   3,644,867\n" +
				"\n",
			[]string{"income.total amount = 3644867", "total amount = 3644867", "income.carryover amount = 0", "income.non_fiscal_balance amount = 0"}, nil},
		{"dashes for zero",
			"政府性基金预算财政拨款支出决算表\n单位：万元\n项目 合计 基本支出 项目支出\n合计 - - -\n",
			[]string{"gov_fund.expenditure amount = 0"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := readText(t, tt.text)
			if tt.want != nil {
				if got := wanted(res, tt.want); !reflect.DeepEqual(got, sorted(tt.want)) {
					t.Errorf("facts\n got %q\nwant %q\n all %q", got, sorted(tt.want), factLines(res.Facts))
				}
			}
			for _, s := range res.Sums {
				// Every case is a consistent table: a sum that fails was misread.
				if s.Sum.Sub(s.Total).Abs().GreaterThan(s.Rounding) {
					t.Errorf("sum %s %s: parts add up to %v, printed %s", s.Label, s.Column, s.Sum, s.Raw)
				}
			}
			for _, m := range tt.none {
				for _, f := range res.Facts {
					if f.Metric == m {
						t.Errorf("%s from a column dump: %v", m, f.Value)
					}
				}
			}
		})
	}
}

func sorted(s []string) []string {
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

// TestTwoHalvesCopy: a text copy of a 基本支出 table in two halves gives
// each half's lines with their own codes and figures, and the sums down
// each half, though a left name wrapped over the right half's line.
func TestTwoHalvesCopy(t *testing.T) {
	res := readText(t, "一般公共预算财政拨款基本支出决算表\n单位：万元\n科目编码 科目名称 决算数 科目编码 科目名称 决算数\n类 款 类 款\n"+
		"301 工资福利支出 300.00 302 商品和服务支出 60.00\n301 01 基本工资 110.00 302 01 办公费 20.00\n"+
		"301 08 机关事业单位基本养老保险缴\n费\n190.00 302 13 维修（护）费 40.00\n303 对个人和家庭的补助 5.00\n303 02 退休费 5.00\n"+
		"人员经费合计 305.00 公用经费合计 60.00\n")
	var lines []string
	for _, e := range res.Economic {
		lines = append(lines, e.Code+" "+e.Name+" "+e.Value.String())
	}
	want := []string{"301 工资福利支出 3000000", "302 商品和服务支出 600000", "30101 基本工资 1100000", "30201 办公费 200000",
		"30108 机关事业单位基本养老保险缴费 1900000", "30213 维修(护)费 400000", "303 对个人和家庭的补助 50000", "30302 退休费 50000"}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("economic lines\n got %q\nwant %q", lines, want)
	}
	var sums []string
	for _, s := range res.Sums {
		sums = append(sums, s.Label+" "+s.Total.String()+" = "+s.Sum.String())
	}
	wantSums := []string{"301 工资福利支出 300 = 300", "303 对个人和家庭的补助 5 = 5", "302 商品和服务支出 60 = 60"}
	if !reflect.DeepEqual(sums, wantSums) {
		t.Errorf("sums %q, want %q", sums, wantSums)
	}
}

// econRows is a packed 基本支出 table of n rows, narrower than the prose
// and of many widths, that outnumber the prose lines of a short report.
func econRows(n int) string {
	names := []string{"基本工资", "津贴补贴", "奖金", "职业年金缴费", "伙食补助费", "住房公积金", "其他社会保障缴费", "办公费"}
	var b strings.Builder
	b.WriteString("一般公共预算基本支出决算表\n单位：元\n科目编码 科目名称 合计 人员经费 公用经费\n")
	for i := range n {
		fmt.Fprintf(&b, "301 %02d %s %d.00 %d.00 0.00\n", i+1, names[i%len(names)], 100+i, 100+i)
	}
	return b.String()
}

// tocCopy is a raw copy whose contents page the copy set out as a table
// (its heading holds a year), and whose first table runs onto the next
// page, the rows without figures printed between as lines of their own.
const tocCopy = "目 录\n第二部分 某某局 2019 年度预算表\n一、2019 年度某某局收支预算总表\n二、2019 年度某某局收入预算总表\n三、2019 年度某某局支出预算总表\n" +
	"\f第二部分 某某局 2019 年度预算表\n一、2019 年度某某局收支预算总表\n单位：万元\n项目名称 金额 项目名称 金额\n" +
	"一、财政拨款 100.00 一、一般公共服务支出 80.00 一、基本支出 60.00\n二、财政专户管理资金 二、外交支出 二、项目支出 40.00\n三、国防支出\n四、公共安全支出\n" +
	"\f五、住房保障支出 20.00\n收入合计 100.00 支出合计 100.00\n" +
	"二、2019 年度某某局收入预算总表\n单位：万元\n项目名称 金额\n收入总计 100.00\n一般公共预算资金 100.00\n" +
	"三、2019 年度某某局支出预算总表\n单位：万元\n合计 基本支出 项目支出 单位预留机动经费\n100.00 60.00 40.00\n"

// TestRowPastTitle: a copy in the content stream's order prints a table's
// title at the foot of its first page, and the rows that went on to the
// next page after it: a sum that reaches the table's last row on the
// first page is not known whole, and states nothing that fails.
func TestRowPastTitle(t *testing.T) {
	text := "江苏省某某委2019年部门预算\n" +
		"单位：万元\n科目编码 科目名称 金额\n合计 340.00\n301 工资福利支出 100.00\n30101 基本工资 100.00\n" +
		"303 对个人和家庭的补助 240.00\n30302 退休费 215.00\n30304 抚恤金 24.00\n" +
		"八、2019年度江苏省某某委一般公共预算基本支出预算表\n—12—\n\f" +
		"30309 奖励金 1.00\n单位：万元\n项目 金额\n合计 10.00\n" +
		"九、2019年度江苏省某某委一般公共预算机关运行经费支出预算表\n"
	res := readText(t, text)
	for _, s := range res.Sums {
		if s.Sum.Sub(s.Total).Abs().GreaterThan(s.Rounding) {
			t.Errorf("%s: %s over %d parts summing %s, though its rows go on past its title", s.Label, s.Total, s.Parts, s.Sum)
		}
	}
}

// TestScatteredPairs: a copy that scatters a 决算 “三公” header of budget
// and actual pairs around its title (the first 预算 under the title) cannot
// say which figure of a pair is the budget: it reads none, not each the
// other's.
func TestScatteredPairs(t *testing.T) {
	res := readText(t, "数\n决算\n数 预算数 决算数 预算\n数\n决算\n数 预算数 决算数 预算数 决算数 预算\n数\n决算\n数\n"+
		"14.52 12.37 14.52 12.37 14.52 12.37\n单位：万元\n财政拨款“三公”经费支出决算表\n财政拨款“三公”经费\n"+
		"合计 因公出国（境）\n费\n公务用车购置及运行维护费\n公务接待费\n小计 公务用车购置\n费\n公务用车运行维护\n费\n预算\n")
	for _, f := range res.Facts {
		if strings.HasPrefix(f.Metric, "three_public.") && f.Method == FromTable {
			t.Errorf("%s %s = %s from a header in pieces", f.Metric, f.Measure, f.Value)
		}
	}
}

// TestSwallowedParentRow: a layout copy that prints a 款's name and its
// 项's on lines of their own under their codes, their figures on the lines
// below, joins the two names on one row; which figure is whose it cannot
// say, so that row gives none, and the rows after it read as printed.
func TestSwallowedParentRow(t *testing.T) {
	res := readText(t, "一般公共预算支出功能分类预算表\n单位：元\n"+
		" 类 款 项                          合计          基本支出        项目支出\n"+
		"          住房保障支出             3,671,681.98 3,671,681.98             -\n"+
		"221 02 01 住房改革支出\n          住房公积金\n"+
		"                             3,671,681.98 3,671,681.98\n"+
		"                               870,942.27 870,942.27\n"+
		"       03 购房补贴              2,800,739.71 2,800,739.71              -\n"+
		"               合计          3,671,681.98 3,671,681.98              -\n")
	var items []string
	for _, f := range res.Facts {
		if f.Metric == "gpb.item" {
			items = append(items, f.Subject+" = "+f.Value.String())
		}
	}
	want := []string{"住房保障支出/住房改革支出/购房补贴 = 2800739.71"}
	if !reflect.DeepEqual(items, want) {
		t.Errorf("items %q, want %q", items, want)
	}
}

// TestRowCodeInNameCell: a copy that sets a 项 code one blank before its
// name, in the name's column ("201 | 02 | 01 行政运行"), gives the row the
// 项's code, not its 款's: else every 项 is read as another 款 row, and a
// 类's sum counts each 款 twice.
func TestRowCodeInNameCell(t *testing.T) {
	for _, tt := range []struct {
		cells      []string
		code, name string
	}{
		{[]string{"201", "02", "01 行政运行", "200.00"}, "2010201", "行政运行"},
		{[]string{"206", "10万人以上项目", "6.00"}, "206", "10万人以上项目"},
		{[]string{"201", "02", "政协事务", "300.00"}, "20102", "政协事务"},
		{[]string{"2010201", "10 行政运行", "200.00"}, "2010201", "10 行政运行"}, // a whole code: no part to add
	} {
		row := make([]tcell, len(tt.cells))
		for i, c := range tt.cells {
			row[i] = tcell{text: c, numeric: amountRe2.MatchString(c) || subCodeRe.MatchString(c) || codeRe.MatchString(c)}
		}
		if code, name, _ := rowCode(row); code != tt.code || name != tt.name {
			t.Errorf("rowCode(%q) = %q, %q; want %q, %q", tt.cells, code, name, tt.code, tt.name)
		}
	}
}

// TestRestatesHeader: a table's next page repeats its header, a line of
// several names or more lines; a 合计 row's label among them (a copy in
// stream order sets it under the title) is none of the header's.
func TestRestatesHeader(t *testing.T) {
	header := headerOf([]string{"合计", "单位：万元", "科目编码 科目名称 金额"})
	if want := []string{"科目编码科目名称金额"}; !reflect.DeepEqual(header, want) {
		t.Fatalf("headerOf = %q, want %q", header, want)
	}
	for _, tt := range []struct {
		lines, header []string
		want          bool
	}{
		{[]string{"合计", "科目编码 科目名称 金额"}, header, true},
		{[]string{"科目编码 科目名称 机关运行经费支出"}, header, false},
		{[]string{"项目 金额"}, []string{"项目金额"}, false}, // too short to tell from a chance
		{[]string{"项目 金额", "合计"}, []string{"项目金额", "类款项"}, false},
	} {
		if got := restatesHeader(tt.lines, tt.header); got != tt.want {
			t.Errorf("restatesHeader(%q, %q) = %v, want %v", tt.lines, tt.header, got, tt.want)
		}
	}
}

// runningPages joins pages as a copy prints them, each opened by the
// running header and its number (第5页 …) on lines of their own.
func runningPages(pages ...string) string {
	var b strings.Builder
	for i, p := range pages {
		if i > 0 {
			b.WriteString("\f")
		}
		fmt.Fprintf(&b, "某某办公室2020年度部门决算\n第%d页\n%s", i+5, p)
	}
	return b.String()
}

// TestNarrativeItemTheTableLacks: a narrative item that names a line of the
// catalogue exactly keeps it, though the table as read lacks that line
// (its row lost on a page the reading did not join): not the line whose
// name is close (事业单位离退休 for 其他行政事业单位离退休支出), which gave
// two readings of one line and a false dup.conflict.
func TestNarrativeItemTheTableLacks(t *testing.T) {
	res := readText(t, "一般公共预算财政拨款支出决算表\n单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n"+
		"208 社会保障和就业支出 12.08 12.08\n208 05 行政事业单位离退休 12.08 12.08\n208 05 02 事业单位离退休 12.08 12.08\n"+
		"（三）一般公共预算财政拨款支出决算具体情况\n"+
		"1.社会保障和就业（类）行政事业单位离退休（款）事业单位离退休（项）:支出决算为12.08万元。\n"+
		"2.社会保障和就业（类）行政事业单位离退休（款）其他行政事业单位离退休支出（项）:支出决算为0.5万元。\n")
	var got []string
	for _, f := range res.Facts {
		if f.Metric == "gpb.item" && f.Measure == "amount" {
			got = append(got, f.Code+" "+f.Value.String())
		}
	}
	sort.Strings(got)
	if want := []string{"2080502 120800", "2080599 5000"}; !reflect.DeepEqual(got, want) || len(res.Conflicts) > 0 {
		t.Errorf("items %q with %d conflicting readings, want %q and none", got, len(res.Conflicts), want)
	}
}
