package normalize

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/corpus"
	"github.com/fiscaldocs/fiscaldocs/extract"
)

var (
	segOnce sync.Once
	testSeg *Segmenter
)

func segmenter(t testing.TB) *Segmenter {
	segOnce.Do(func() {
		var err error
		if testSeg, err = NewSegmenter(); err != nil {
			t.Fatal(err)
		}
	})
	return testSeg
}

// textDoc makes a document of one paragraph per line.
func textDoc(lines ...string) *extract.Document {
	doc := &extract.Document{Format: "txt"}
	for i, l := range lines {
		doc.Blocks = append(doc.Blocks, extract.Block{Kind: extract.Paragraph, Text: l, Pos: extract.Pos{Block: i + 1}})
	}
	return doc
}

// factLines renders facts as "metric measure [subject] = value", sorted.
func factLines(facts []Fact) []string {
	var out []string
	for _, f := range facts {
		s := f.Metric + " " + f.Measure
		if f.Subject != "" {
			s += " " + f.Subject
		}
		if f.Code != "" {
			s += " #" + f.Code
		}
		out = append(out, s+" = "+f.Value.String())
	}
	sort.Strings(out)
	return out
}

func TestNarrative(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []string
	}{
		{"totals and yoy", []string{"2021年度收、支总计2149.94万元。与2020年相比，收、支总计各增加4.07万元，增长0.19%。"},
			[]string{"total amount = 21499400", "total yoy_change = 40700", "total yoy_pct = 0.19"}},
		{"decrease is negative", []string{"2021年财政拨款收、支总计2111.47万元。与2020年相比，财政拨款收、支总计减少34.4万元，下降1.6%。"},
			[]string{"fiscal.total amount = 21114700", "fiscal.total yoy_change = -344000", "fiscal.total yoy_pct = -1.6"}},
		{"parts with shares, stray asterisk, thousands", []string{"2021年本年支出合计2149.94万元，其中：基本支出1792.45万元，占83.37%；项目支出348.05万元，占16.19*%。本年收入合计1,234.50万元。"},
			[]string{"expenditure.basic amount = 17924500", "expenditure.basic share_pct = 83.37", "expenditure.project amount = 3480500",
				"expenditure.project share_pct = 16.19", "expenditure.total amount = 21499400", "income.total amount = 12345000"}},
		{"full-width figures", []string{"其他收入１１．０９万元，占０．５１％。"},
			[]string{"income.other amount = 110900", "income.other share_pct = 0.51"}},
		{"share phrase holding another metric's name", []string{"2021年一般公共预算财政拨款支出2111.47万元，占本年支出合计的98.21%。"},
			[]string{"gpb.expenditure amount = 21114700", "gpb.expenditure share_pct = 98.21"}},
		{"classes need a 一般公共预算 context", []string{"主要用于：一般公共服务（类）支出1630.16万元，占77.20%；住房保障支出128.35万元，占6.08%。"}, nil},
		{"classes", []string{"（二）一般公共预算财政拨款支出决算结构情况", "主要用于：一般公共服务（类）支出1630.16万元，占77.20%；住房保障支出128.35万元，占6.08%。"},
			[]string{"gpb.class amount 一般公共服务支出 #201 = 16301600", "gpb.class amount 住房保障支出 #221 = 1283500",
				"gpb.class share_pct 一般公共服务支出 #201 = 77.2", "gpb.class share_pct 住房保障支出 #221 = 6.08"}},
		{"line item with budget, printed under a former 款 name", []string{"一般公共预算财政拨款支出情况：社会保障和就业（类）行政事业单位离退休（款）行政单位离退休（项）：年初预算为250万元，支出决算为253.12万元，完成年初预算的101.25%。"},
			[]string{"gpb.item amount 社会保障和就业支出/行政事业单位离退休/行政单位离退休 #2080501 = 2531200",
				"gpb.item budget 社会保障和就业支出/行政事业单位离退休/行政单位离退休 #2080501 = 2500000",
				"gpb.item completion_pct 社会保障和就业支出/行政事业单位离退休/行政单位离退休 #2080501 = 101.25"}},
		{"line item opening with the document's year, not another's", []string{"某县某局2018年部门预算", "五、一般公共预算当年拨款情况说明",
			"1.社会保障和就业支出（类）行政事业单位离退休（款）机关事业单位职业年金缴费支出（项）：2018年预算数为38.49万元，比2017年预算数增加2.95万元，增长12.3%。",
			"2.卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）：2017年预算数为36.78万元。"},
			[]string{"gpb.item amount 社会保障和就业支出/行政事业单位离退休/机关事业单位职业年金缴费支出 #2080506 = 384900"}},
		{"line item named by its 类-款-项 in quotes", []string{"2025年部门预算", "一般公共预算拨款支出主要内容如下：",
			"10. “城乡社区支出-城乡社区管理事务-行政运行”科目1,629.26万元，主要用于机关在职人员工资福利及日常公用经费等基本支出。"},
			[]string{"gpb.item amount 城乡社区支出/城乡社区管理事务/行政运行 #2120101 = 16292600"}},
		{"a budget's whole by the budget alone, where its parts follow", []string{"2020年部门预算",
			"2020年，某局收入预算3617.38万元，其中：财政拨款收入3615.21万元。", "支出预算993.38万元，其中：基本支出预算800万元。"},
			[]string{"expenditure.basic amount = 8000000", "expenditure.total amount = 9933800", "income.fiscal amount = 36152100", "income.total amount = 36173800"}},
		{"the budget alone inside a longer name, or in passing, is no whole", []string{"2017年部门预算",
			"（1）一般公共预算收入预算9098.58万元。",
			"2017年度部门支出预算安排与2016年度相比（2016年度部门支出预算安排为8,648.07万元），增加498.72万元。"},
			[]string{"income.fiscal.gpb amount = 90985800"}},
		{"unknown item keeps its printed names", []string{"一般公共预算：农林水（类）农业农村（款）病虫害控制（项）：支出决算为8万元。"},
			[]string{"gpb.item amount 农林水支出/农业农村/病虫害控制 = 80000"}},
		{"basic in its gpb section", []string{"六、一般公共预算财政拨款基本支出决算情况说明", "基本支出1792.45万元，其中：人员经费1532.38万元，主要包括：基本工资。公用经费579.08万元。"},
			[]string{"gpb.basic amount = 17924500", "gpb.basic.personnel amount = 15323800", "gpb.basic.public amount = 5790800"}},
		{"personnel outside a gpb context is not gpb", []string{"三、支出决算情况说明", "人员经费1532.38万元。"}, nil},
		{"template left unfilled and 持平", []string{"因公出国（境）支出决算比2020年增加/减少0万元，增长/下降0%。“三公”经费支出决算为18.85万元，完成预算100%，决算数与预算数持平。"},
			[]string{"three_public.total amount = 188500", "three_public.total completion_pct = 100"}},
		{"three public parts and counts", []string{"公务用车购置及运行维护费支出决算比2020年增加2.28万元，增长15%。其中：公务用车购置支出0万元。全年更新购置公务用车0辆。截至年底，单位共有公务用车8辆。国内公务接待8批次，56人次（不包括陪同人员）。全年安排因公出国（境）团组0次，出国（境）0人。"},
			[]string{"assets.vehicles count = 8", "three_public.overseas.groups count = 0", "three_public.overseas.persons count = 0",
				"three_public.reception.batches count = 8", "three_public.reception.persons count = 56",
				"three_public.vehicle yoy_change = 22800", "three_public.vehicle yoy_pct = 15",
				"three_public.vehicle.purchase amount = 0", "three_public.vehicle.purchased count = 0"}},
		{"a list without figures is no fact", []string{"公用经费主要包括：办公费、公务接待费、公务用车运行维护费等。"}, nil},
		{"annex and definitions are skipped", []string{"第三部分 名词解释", "机关运行经费支出260.07万元。", "第四部分 附件", "本年收入合计9.99万元。"}, nil},
		{"procurement shares name the total", []string{"政府采购支出总额7.24万元，其中：政府采购货物支出7.24万元。授予中小企业合同金额6.96万元，占政府采购支出总额的100%。"},
			[]string{"procurement.goods amount = 72400", "procurement.sme amount = 69600", "procurement.sme share_pct = 100", "procurement.total amount = 72400"}},
		{"no “三公” money", []string{"七、财政拨款“三公”经费支出决算情况说明", "某部2024年度无“三公”经费财政拨款支出。", "无“三公”经费财政拨款支出的部门，作下述说明："},
			[]string{"three_public.total amount = 0"}},
		{"a zero needs no unit, other figures do", []string{"2025年单位预算", "政府性基金拨款支出预算为0；国有资本经营预算拨款支出预算为0。", "(1)公务用车购置为0，与上年持平。机关运行经费支出预算为5。"},
			[]string{"gov_fund.expenditure amount = 0", "state_capital.expenditure amount = 0", "three_public.vehicle.purchase amount = 0"}},
		{"billions and yuan", []string{"机关运行经费支出1.2亿元，比上年减少500元。"},
			[]string{"operating_expense amount = 120000000", "operating_expense yoy_change = -500"}},
	}
	seg := segmenter(t)
	for _, tt := range tests {
		res := Document(textDoc(tt.lines...), seg)
		got := factLines(res.Facts)
		if !reflect.DeepEqual(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, strings.Join(got, "\n     "), strings.Join(tt.want, "\n     "))
		}
	}
}

// A sentence that opens with a change and names nothing continues the
// previous sentence's subject; a 类's or 项's change is no fact but one of
// Result.Changes.
func TestContinuedChanges(t *testing.T) {
	res := Document(textDoc("2018年部门预算",
		"五、一般公共预算财政拨款支出预算情况说明",
		"1．一般公共服务（类）支出20153.75万元，主要用于保障机构正常运转。与上年相比增加3161.38万元，增长18.60%。",
		"（一）一般公共服务（类）", "1．党委办公厅（室）及相关机构事务（款）行政运行（项）支出8072.29万元，与上年相比增加1965.30万元，增长32.18%。",
		"机关运行经费支出2094.58万元。与上年相比减少8007.18万元，降低79.27%。",
		"单位预留机动经费预算数为1973.86万元。与上年相比增加1777.14万元，增长903.39%。"), segmenter(t))
	want := []string{"gpb.class amount 一般公共服务支出 #201 = 201537500",
		"gpb.item amount 一般公共服务支出/党委办公厅(室)及相关机构事务/行政运行 #2013101 = 80722900",
		"operating_expense amount = 20945800", "operating_expense yoy_change = -80071800", "operating_expense yoy_pct = -79.27"}
	if got := factLines(res.Facts); !reflect.DeepEqual(got, want) {
		t.Errorf("facts:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	want = []string{"gpb.class yoy_change 一般公共服务支出 #201 = 31613800", "gpb.class yoy_pct 一般公共服务支出 #201 = 18.6",
		"gpb.item yoy_change 一般公共服务支出/党委办公厅(室)及相关机构事务/行政运行 #2013101 = 19653000",
		"gpb.item yoy_pct 一般公共服务支出/党委办公厅(室)及相关机构事务/行政运行 #2013101 = 32.18"}
	if got := factLines(res.Changes); !reflect.DeepEqual(got, want) {
		t.Errorf("changes:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

func TestConflictsKeepTheFirst(t *testing.T) {
	res := Document(textDoc("本年收入合计2149.94万元。", "本年收入合计2150.00万元。", "本年收入合计2149.94万元。"), segmenter(t))
	if got := factLines(res.Facts); !reflect.DeepEqual(got, []string{"income.total amount = 21499400"}) {
		t.Errorf("facts = %q", got)
	}
	if len(res.Conflicts) != 1 || res.Conflicts[0].Raw != "2150.00万元" || res.Conflicts[0].Pos.Block != 2 {
		t.Errorf("conflicts = %+v; want the 2150.00万元 of block 2", res.Conflicts)
	}
}

func TestIdentity(t *testing.T) {
	tests := []struct {
		lines []string
		want  Identity
	}{
		{[]string{"上海市普陀区财政局2024年度部门决算", "一、收入支出决算总体情况"},
			Identity{Department: "上海市普陀区财政局", Region: "上海市普陀区", Year: 2024, Kind: "决算", Scope: "部门"}},
		{[]string{"第二部分 2021年度部门决算情况说明", "2021年，攀枝花市人大常委会办公室机关运行经费支出260.07万元。", "年初部门预算批复后下达。", "年初部门预算批复后下达。"},
			Identity{Department: "攀枝花市人大常委会办公室", Region: "攀枝花市", Year: 2021, Kind: "决算", Scope: "部门"}},
		{[]string{"2025年单位预算", "一、单位基本情况"}, Identity{Year: 2025, Kind: "预算", Scope: "单位"}},
		// A cover that sets the name on a line of its own above the year
		// and kind (a text copy; Jiangsu's covers).
		{[]string{"丰华市第九中学", "2022年度单位决算", "目 录"},
			Identity{Department: "丰华市第九中学", Region: "丰华市", Year: 2022, Kind: "决算", Scope: "单位"}},
		{[]string{"部门决算公开", "2022年度部门决算", "目 录"}, Identity{Year: 2022, Kind: "决算", Scope: "部门"}},
	}
	for _, tt := range tests {
		if got := Document(textDoc(tt.lines...), segmenter(t)).Identity; got != tt.want {
			t.Errorf("Identity of %q = %+v; want %+v", tt.lines[0], got, tt.want)
		}
	}
}

func TestChartPriorYear(t *testing.T) {
	doc := textDoc("2021年度部门决算", "2021年度收、支总计2149.94万元，本年收入合计2149.94万元。与2020年相比，收、支总计各增加4.07万元，增长0.19%。")
	chart := func(series ...extract.Series) extract.Block {
		return extract.Block{Kind: extract.ChartBlock, Chart: &extract.Chart{Series: series}, Pos: extract.Pos{Block: len(doc.Blocks) + 1}}
	}
	doc.Blocks = append(doc.Blocks,
		chart(extract.Series{Name: "收入", Categories: []string{"2021", "2020"}, Values: []string{"2149.94", "2145.8700000000013"}}),
		// The prior value disagrees with the stated change: no proof, no fact.
		chart(extract.Series{Name: "2021", Categories: []string{"收支"}, Values: []string{"2149.94"}},
			extract.Series{Name: "2020", Categories: []string{"收支"}, Values: []string{"2100"}}))
	res := Document(doc, segmenter(t))
	var got []string
	for _, f := range res.Facts {
		if f.Method == FromChart {
			got = append(got, fmt.Sprintf("%s %s %s %s %v", f.Metric, f.Measure, f.Value, f.Raw, f.Pos))
		}
	}
	want := []string{"total prior_amount 21458700 2145.8700000000013 block 3 row 1 col 2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("chart facts = %q; want %q", got, want)
	}
}

func TestTokens(t *testing.T) {
	got := segmenter(t).Tokens("一般公共预算财政拨款支出２１１１．４７万元。")
	has := map[string]bool{}
	for _, tok := range got {
		has[tok] = true
	}
	for _, want := range []string{"一般公共预算财政拨款支出", "一般公共预算", "财政拨款", "万元"} {
		if !has[want] {
			t.Errorf("Tokens = %q; missing %q", got, want)
		}
	}
	if has["。"] {
		t.Errorf("Tokens = %q; punctuation kept", got)
	}
}

func TestLexiconMatchesSpec(t *testing.T) {
	lx := mustLexicon()
	if len(lx.metrics) < 50 {
		t.Errorf("%d metrics; want the whole metrics.tsv", len(lx.metrics))
	}
	for _, tm := range lx.terms {
		if strings.ContainsRune(tm.text, ' ') {
			t.Errorf("term %q holds a space, which gse's dictionary format cannot", tm.text)
		}
	}
	if code, names := lx.cat.path("一般公共服务", "人大事务", "行政运行"); code != "2010101" || strings.Join(names, "/") != "一般公共服务支出/人大事务/行政运行" {
		t.Errorf("catalogue path = %s %q", code, names)
	}
}

// BenchmarkNormalizeSeedDocx turns the seed fixture's blocks into facts.
func BenchmarkNormalizeSeedDocx(b *testing.B) {
	res := struct{ doc *extract.Document }{}
	d, f, err := corpus.Open(seedDocx)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if res.doc, err = extract.File(context.Background(), d, f, extract.Options{}); err != nil {
		b.Fatal(err)
	}
	seg := segmenter(b)
	for b.Loop() {
		Document(res.doc, seg)
	}
}

// BenchmarkNewSegmenter measures the per-process cost of the domain
// dictionary (gse's default dictionary would cost about 2 s).
func BenchmarkNewSegmenter(b *testing.B) {
	for b.Loop() {
		if _, err := NewSegmenter(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTemplateFamilies: the narrative templates of other provinces and of
// 预算s, one case per family, as a careful reader labels them.
func TestTemplateFamilies(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []string
	}{
		{"a 预算's 财政拨款收入 with its change against last year's 预算, no carry-over",
			[]string{"上海市某局2025年部门预算", "财政拨款收支总计9,101.68万元。",
				"2025年，上海市某局收入预算9,101.68万元，其中：财政拨款收入9,101.68万元，比2024年预算减少2,389.52万元；事业收入0万元。"},
			[]string{"fiscal.total amount = 91016800", "fiscal.total yoy_change = -23895200", "income.business amount = 0",
				"income.fiscal amount = 91016800", "income.total amount = 91016800"}},
		{"一般公共预算支出 with its share of 本年支出合计",
			[]string{"某市某局2020年度部门预算", "一般公共预算支出1,200.00万元，占本年支出合计的97.20%。"},
			[]string{"gpb.expenditure amount = 12000000", "gpb.expenditure share_pct = 97.2"}},
		{"与上年相比 between the amount and the change",
			[]string{"某市某局2023年度部门决算", "一般公共预算财政拨款支出2,000.00万元，与上年相比，增加50.00万元，增长2.56%。"},
			[]string{"gpb.expenditure amount = 20000000", "gpb.expenditure yoy_change = 500000", "gpb.expenditure yoy_pct = 2.56"}},
		{"收、支总计各增加",
			[]string{"某市某局2023年度部门决算", "2023年度收入、支出总计3,500.00万元。与上年相比，收、支总计各增加100.00万元，增长2.94%。"},
			[]string{"total amount = 35000000", "total yoy_change = 1000000", "total yoy_pct = 2.94"}},
		{"a 款's own total is no 本年支出合计",
			[]string{"某市某局2023年度部门决算", "三、支出决算情况说明", "行政运行事务（款）：预算支出合计1,234.56万元。"}, nil},
		{"items listed under a lead-in that names 财政拨款, in quotes",
			[]string{"上海市某院2024年单位预算", "一般公共预算财政拨款收入950.12万元。财政拨款收入950.12万元。", "财政拨款支出主要内容如下：",
				"1. “社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）”53.84万元，主要用于退休人员生活补贴。"},
			[]string{"gpb.item amount 社会保障和就业支出/行政事业单位养老支出/事业单位离退休 #2080502 = 538400",
				"income.fiscal.gpb amount = 9501200"}},
		{"一般公共预算拨款支出 among the 财政拨款 parts of a 预算",
			[]string{"上海市某局2020年部门预算", "财政拨款支出预算中，一般公共预算拨款支出预算3323.36万元，比2019年预算减少412.10万元；政府性基金拨款支出预算291.85万元，与2019年预算持平。"},
			[]string{"gov_fund.expenditure amount = 2918500", "gpb.expenditure amount = 33233600", "gpb.expenditure yoy_change = -4121000"}},
		{"a note on the year compared with",
			[]string{"上海市某局2023年部门预算", "财政拨款收支总计100.00万元。", "收入预算100.00万元，其中：财政拨款收入100.00万元，比2022年（上一年度，下同）预算增加10.00万元；事业收入0万元。"},
			[]string{"fiscal.total amount = 1000000", "fiscal.total yoy_change = 100000", "income.business amount = 0", "income.fiscal amount = 1000000",
				"income.total amount = 1000000"}},
		{"no 机关运行经费, and a template's example of the statement",
			[]string{"上海市某院2024年单位预算", "2024年上海市某院无机关运行经费。", "上海市 XX 局 2024 年度无政府性基金预算财政拨款支出。"},
			[]string{"operating_expense amount = 0"}},
	}
	seg := segmenter(t)
	for _, tt := range tests {
		res := Document(textDoc(tt.lines...), seg)
		got := factLines(res.Facts)
		if !reflect.DeepEqual(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, strings.Join(got, "\n     "), strings.Join(tt.want, "\n     "))
		}
	}
}

// TestChangeRates: a change's rate is worded with a verb or with a noun for
// the rate (降幅, 增幅为, 增长率为, 增减率); a share or a completion rate is
// none, and a rate that contradicts its change is no fact.
func TestChangeRates(t *testing.T) {
	const head = "某市某局2023年度部门决算"
	tests := []lineCase{
		{"降幅为 after 各减少", "与2022年相比，收、支总计各减少40.15万元，降幅为5.44%。",
			[]string{"total yoy_change = -401500", "total yoy_pct = -5.44"}},
		{"降幅 without 为", "机关运行经费支出55.4万元，比2022年度减少8.26万元，降幅12.98%。",
			[]string{"operating_expense amount = 554000", "operating_expense yoy_change = -82600", "operating_expense yoy_pct = -12.98"}},
		{"增幅为, a blank before 万元, full-width percent", "一般公共预算财政拨款支出增加181.88 万元，增幅为6.97％。",
			[]string{"gpb.expenditure yoy_change = 1818800", "gpb.expenditure yoy_pct = 6.97"}},
		{"减幅为", "机关运行经费支出10万元，比上年减少1万元，减幅为9.09%。",
			[]string{"operating_expense amount = 100000", "operating_expense yoy_change = -10000", "operating_expense yoy_pct = -9.09"}},
		{"增长率为", "机关运行经费支出10万元，比上年增加1万元，增长率为11.11%。",
			[]string{"operating_expense amount = 100000", "operating_expense yoy_change = 10000", "operating_expense yoy_pct = 11.11"}},
		{"下降幅度为, full-width comma", "机关运行经费支出10万元，比上年减少1万元，下降幅度为9.09%。",
			[]string{"operating_expense amount = 100000", "operating_expense yoy_change = -10000", "operating_expense yoy_pct = -9.09"}},
		{"下降了", "机关运行经费支出10万元，比上年下降了5.5%。",
			[]string{"operating_expense amount = 100000", "operating_expense yoy_pct = -5.5"}},
		{"同比增加 and 同比增长", "机关运行经费支出10万元，同比增加1万元，同比增长11.11%。",
			[]string{"operating_expense amount = 100000", "operating_expense yoy_change = 10000", "operating_expense yoy_pct = 11.11"}},
		{"同比增长", "机关运行经费支出10万元，同比增长3%。",
			[]string{"operating_expense amount = 100000", "operating_expense yoy_pct = 3"}},
		{"增长了", "机关运行经费支出10万元，比上年增加1万元，增长了11.11%。",
			[]string{"operating_expense amount = 100000", "operating_expense yoy_change = 10000", "operating_expense yoy_pct = 11.11"}},
		{"增减率 with a printed sign", "机关运行经费支出10万元，增减率为-4.2%。",
			[]string{"operating_expense amount = 100000", "operating_expense yoy_pct = -4.2"}},
		{"增减率 takes its change's direction", "机关运行经费支出10万元，比上年减少0.44万元，增减率为4.2%。",
			[]string{"operating_expense amount = 100000", "operating_expense yoy_change = -4400", "operating_expense yoy_pct = -4.2"}},
		{"增减率 alone says no direction", "机关运行经费支出10万元，增减率为4.2%。",
			[]string{"operating_expense amount = 100000"}},
		{"a fall of a fall is ambiguous", "机关运行经费支出10万元，比上年下降-4.2%。",
			[]string{"operating_expense amount = 100000"}},
		{"a rise against a decrease: neither is kept", "机关运行经费支出10万元，比上年减少0.44万元，增幅为4.2%。",
			[]string{"operating_expense amount = 100000"}},
		{"a share is no change", "一般公共预算财政拨款支出2111.47万元，占本年支出合计的98.21%。",
			[]string{"gpb.expenditure amount = 21114700", "gpb.expenditure share_pct = 98.21"}},
		{"a completion rate is no change", "“三公”经费财政拨款支出决算为18.85万元，完成预算的95.5%。",
			[]string{"three_public.total amount = 188500", "three_public.total completion_pct = 95.5"}},
	}
	checkLines(t, head, tests)
}

// TestThreePublicParts: the “三公” parts listed in one sentence, each with
// its own figures.
func TestThreePublicParts(t *testing.T) {
	const head = "某市某局2023年度部门决算"
	tests := []lineCase{
		{"each part's 支出 with its budget, outturn and completion",
			"“三公”经费财政拨款支出年初预算为8.52 万元，支出决算为7.10 万元，完成预算的83.33%，其中：因公出国（境）费支出年初预算为3.56 万元，支出决算为3.13 万元，完成预算的87.92%；公务用车购置及运行维护费支出年初预算为4.96 万元，支出决算为3.97 万元，完成预算的80.04%；公务接待费支出年初预算为0.00 万元，支出决算为0.00 万元。",
			[]string{"three_public.overseas amount = 31300", "three_public.overseas budget = 35600", "three_public.overseas completion_pct = 87.92",
				"three_public.reception amount = 0", "three_public.reception budget = 0",
				"three_public.total amount = 71000", "three_public.total budget = 85200", "three_public.total completion_pct = 83.33",
				"three_public.vehicle amount = 39700", "three_public.vehicle budget = 49600", "three_public.vehicle completion_pct = 80.04"}},
		{"a final budget after the name's 支出",
			"公务接待费支出全年预算为5万元，支出决算为4万元，完成预算的80%。",
			[]string{"three_public.reception amount = 40000", "three_public.reception budget = 50000", "three_public.reception completion_pct = 80"}},
		{"an aside of parts (含…) between a part's amount and its change",
			"公务用车购置及运行维护费支出5万元（含公务用车购置费2万元），比上年减少1万元，下降16.67%。",
			[]string{"three_public.vehicle amount = 50000", "three_public.vehicle yoy_change = -10000", "three_public.vehicle yoy_pct = -16.67",
				"three_public.vehicle.purchase amount = 20000"}},
		{"an aside with nothing after it",
			"公务用车购置及运行维护费5万元(其中:公务用车购置费2万元，公务用车运行维护费3万元)。",
			[]string{"three_public.vehicle amount = 50000", "three_public.vehicle.operation amount = 30000", "three_public.vehicle.purchase amount = 20000"}},
	}
	checkLines(t, head, tests)
	checkLines(t, "某县某局2018年部门预算", []lineCase{
		{"a budget's parts, one with an aside of its own parts before its change",
			"2018年“三公”经费预算6.63万元，比上年预算减少2.28万元。其中：因公出国（境）费2.54万元，与上年预算持平；公务用车购置及运行费0.00万元（其中：公务用车购置费0.00万元，公务用车运行费0.00万元），比上年预算减少3.16万元；公务接待费4.09万元，比上年预算增加0.88万元。",
			[]string{"three_public.overseas amount = 25400", "three_public.reception amount = 40900", "three_public.reception yoy_change = 8800",
				"three_public.total amount = 66300", "three_public.total yoy_change = -22800",
				"three_public.vehicle amount = 0", "three_public.vehicle yoy_change = -31600",
				"three_public.vehicle.operation amount = 0", "three_public.vehicle.purchase amount = 0"}},
		{"a part stated after a reason and a semicolon; a reason's next point is no figure",
			"其中：公务用车购置费25万元，比2023年预算增加25万元，主要原因是购置公务用车；公务用车运行费21.56万元，比2023年预算持平，主要原因是用车保持不变；二是公务接待费增加1万元。",
			[]string{"three_public.vehicle.operation amount = 215600", "three_public.vehicle.purchase amount = 250000"}},
	})
}

// lineCase is a sentence of a document with the facts it states.
type lineCase struct {
	name, line string
	want       []string
}

// checkLines reads each case's line in a document headed head.
func checkLines(t *testing.T, head string, tests []lineCase) {
	t.Helper()
	seg := segmenter(t)
	for _, tt := range tests {
		got := factLines(Document(textDoc(head, tt.line), seg).Facts)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, strings.Join(got, "\n     "), strings.Join(tt.want, "\n     "))
		}
	}
}

// TestProxyNames: a 预算's 一般公共预算当年拨款 is its 一般公共预算 spending
// where the tables say the two are one figure, and only there.
func TestProxyNames(t *testing.T) {
	table := func(head, unit, total string) []extract.Block {
		title := "一般公共预算支出预算表"
		if strings.HasSuffix(head, "决算") {
			title = "一般公共预算财政拨款支出决算表"
		}
		return []extract.Block{para(head), para(title), para("单位：" + unit),
			grid("科目编码|科目名称|合计|基本支出|项目支出", "|合计|"+total+"|810.82|641.00", "201|一般公共服务支出|"+total+"|810.82|641.00")}
	}
	const budget, final = "某县某局2018年部门预算", "某县某局2018年部门决算"
	const stated = "2018年一般公共预算当年拨款1,451.82万元，比2017年预算减少40.61万元，下降2.72%。"
	tests := []struct {
		name   string
		blocks []extract.Block
		want   []string
	}{
		{"the tables' figure", append(table(budget, "万元", "1,451.82"), para(stated)),
			[]string{"gpb.expenditure yoy_change = -406100", "gpb.expenditure yoy_pct = -2.72"}},
		{"the tables' figure in yuan, rounded", append(table(budget, "元", "14518236"), para(stated)),
			[]string{"gpb.expenditure yoy_change = -406100", "gpb.expenditure yoy_pct = -2.72"}},
		{"another figure: the appropriation of some projects", append(table(budget, "万元", "1,451.82"),
			para("2018年本部门实行绩效目标管理的项目3个，涉及一般公共预算当年拨款523.64万元。")), nil},
		{"no table to agree", []extract.Block{para(budget), para(stated)}, nil},
		{"a 决算's appropriation is income, not spending", append(table(final, "万元", "1,451.82"), para(stated)), nil},
	}
	for _, tt := range tests {
		var got []string
		res := Document(docOf(tt.blocks...), segmenter(t))
		for _, f := range res.Facts {
			if f.Method == Narrative {
				got = append(got, factLines([]Fact{f})[0])
			}
		}
		for _, f := range res.Conflicts { // a figure stated against the tables'
			got = append(got, "conflict "+factLines([]Fact{f})[0])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, strings.Join(got, "\n     "), strings.Join(tt.want, "\n     "))
		}
	}
}

// TestProcurementParts: a part of procurement named bare (货物类, 预留给小微
// 企业) after the whole is named in the sentence, and only then.
func TestProcurementParts(t *testing.T) {
	checkLines(t, "某县某局2018年部门预算", []lineCase{
		{"parts by 类", "2018年本部门政府采购预算总额111.48万元，其中：货物类3.17万元，工程类0.00万元，服务类108.31 万元。",
			[]string{"procurement.goods amount = 31700", "procurement.services amount = 1083100", "procurement.total amount = 1114800", "procurement.works amount = 0"}},
		{"the part reserved for small firms", "面向中小企业预留政府采购项目预算金额52.78万元，其中预留给小微企业19.37万元。",
			[]string{"procurement.small_micro amount = 193700", "procurement.sme amount = 527800"}},
		{"a 类 without 政府采购 before it", "其中：货物类3.17万元，工程类0.00万元。", nil},
	})
	checkLines(t, "某县某局2018年部门决算", []lineCase{
		{"parts by 类 in a 决算, listed with 、", "2018年，本部门政府采购支出总额50万元，其中：货物类20万元、工程类0万元、服务类30万元。",
			[]string{"procurement.goods amount = 200000", "procurement.services amount = 300000", "procurement.total amount = 500000", "procurement.works amount = 0"}},
	})
}

// TestAbsence: a statement that a kind of money is absent is a zero.
func TestAbsence(t *testing.T) {
	checkLines(t, "某县某局2018年部门预算", []lineCase{
		{"预算拨款 without 财政", "本部门2018年无使用政府性基金预算拨款安排的支出。", []string{"gov_fund.expenditure amount = 0"}},
		{"国有资本经营, 没有", "本部门2018年没有使用国有资本经营预算拨款安排的支出。", []string{"state_capital.expenditure amount = 0"}},
		{"预算财政拨款", "本单位无政府性基金预算财政拨款支出。", []string{"gov_fund.expenditure amount = 0"}},
	})
}
