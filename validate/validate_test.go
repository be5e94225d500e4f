package validate

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/shopspring/decimal"
)

// fact makes a fact from "metric measure raw" with an optional subject:
// raw is as printed ("1532.38万元", "97.65%"), and the value follows from it.
func fact(metric, measure, raw string, subject ...string) normalize.Fact {
	f := normalize.Fact{Metric: metric, Measure: measure, Raw: raw, Method: normalize.Narrative, Basis: normalize.BasisNarrative}
	if len(subject) > 0 {
		f.Subject = subject[0]
	}
	var err error
	switch {
	case strings.HasSuffix(raw, "%"):
		f.Value, err = normalize.ParsePercent(raw)
		f.Unit = normalize.Percent
	default:
		num := strings.TrimLeft(raw, "增加减少")
		f.Value, err = normalize.ParseAmount(num)
		if strings.HasPrefix(raw, "减少") {
			f.Value = f.Value.Neg()
		}
		f.Unit = normalize.Yuan
	}
	if err != nil {
		panic(err)
	}
	return f
}

// table marks a fact as read from a table.
func table(f normalize.Fact) normalize.Fact {
	f.Method, f.Basis = normalize.FromTable, normalize.BasisTable
	return f
}

func status(rep *Report, rule string) Status {
	for _, c := range rep.Ledger {
		if c.Rule == rule {
			return c.Status
		}
	}
	return "absent"
}

func TestRules(t *testing.T) {
	tests := []struct {
		name   string
		facts  []normalize.Fact
		rule   string
		status Status
		says   string // a fragment of the one finding's message, if any
	}{
		{"basic adds up", []normalize.Fact{fact("gpb.basic", "amount", "1792.45万元"), fact("gpb.basic.personnel", "amount", "1213.37万元"), fact("gpb.basic.public", "amount", "579.08万元")},
			"sum.basic_expenditure", Passed, ""},
		{"basic off", []normalize.Fact{fact("gpb.basic", "amount", "1792.45万元"), fact("gpb.basic.personnel", "amount", "1532.38万元"), fact("gpb.basic.public", "amount", "579.08万元")},
			"sum.basic_expenditure", Failed, "人员经费 1532.38 + 公用经费 579.08 = 2111.46 万元 ≠ 一般公共预算财政拨款基本支出 1792.45 万元"},
		// Three printed figures: up to 1.5 units of 0.01 万元 apart is rounding.
		{"rounding within 1.5 units", []normalize.Fact{fact("three_public.total", "amount", "18.86万元"), fact("three_public.overseas", "amount", "0.00万元"), fact("three_public.vehicle", "amount", "17.46万元"), fact("three_public.reception", "amount", "1.39万元")},
			"sum.three_public", Passed, "差额在舍入误差之内"},
		{"beyond rounding", []normalize.Fact{fact("three_public.total", "amount", "18.88万元"), fact("three_public.overseas", "amount", "0.00万元"), fact("three_public.vehicle", "amount", "17.46万元"), fact("three_public.reception", "amount", "1.39万元")},
			"sum.three_public", Failed, "≠"},
		{"income total with carry-over", []normalize.Fact{fact("income.total", "amount", "2149.94万元"), fact("income.fiscal.gpb", "amount", "2099.36万元"), fact("income.other", "amount", "11.09万元"), fact("income.carryover", "amount", "39.49万元")},
			"sum.income", Passed, ""},
		{"income total without carry-over", []normalize.Fact{fact("income.total", "amount", "2110.45万元"), fact("income.fiscal.gpb", "amount", "2099.36万元"), fact("income.other", "amount", "11.09万元"), fact("income.carryover", "amount", "39.49万元")},
			"sum.income", Passed, ""},
		{"total without parts", []normalize.Fact{fact("three_public.total", "amount", "18.85万元")}, "sum.three_public", MissingFacts, ""},
		{"nothing stated", []normalize.Fact{fact("income.total", "amount", "1万元")}, "sum.three_public", NotApplicable, ""},
		// One table's lines and class row: a set known complete.
		{"items per class", []normalize.Fact{table(fact("gpb.class", "amount", "352.95万元", "社会保障和就业支出")), table(fact("gpb.item", "amount", "253.12万元", "社会保障和就业支出/行政事业单位养老支出/行政单位离退休")), table(fact("gpb.item", "amount", "19.70万元", "社会保障和就业支出/抚恤/死亡抚恤"))},
			"sum.items", Failed, "= 272.82 万元 ≠ 社会保障和就业支出 352.95 万元"},
		{"share rounds", []normalize.Fact{fact("income.total", "amount", "2149.94万元"), fact("income.fiscal.gpb", "amount", "2099.36万元"), fact("income.fiscal.gpb", "share_pct", "97.65%")},
			"share.recompute", Passed, ""},
		{"share truncated", []normalize.Fact{fact("income.total", "amount", "2149.94万元"), fact("income.other", "amount", "11.09万元"), fact("income.other", "share_pct", "0.51%")},
			"share.recompute", Passed, "截尾"},
		{"share wrong", []normalize.Fact{fact("procurement.total", "amount", "7.24万元"), fact("procurement.sme", "amount", "6.96万元"), fact("procurement.sme", "share_pct", "100%")},
			"share.recompute", Failed, "算得 96.13%，文中为 100%"},
		// The narrative gives the three parts and their shares, the tables
		// the total: 411.20 / (70 + 411.20 + 27) = 80.91%, printed 80.92%.
		{"three public share from its parts", []normalize.Fact{fact("three_public.overseas", "amount", "70.00万元"), fact("three_public.vehicle", "amount", "411.20万元"), fact("three_public.reception", "amount", "27.00万元"), fact("three_public.vehicle", "share_pct", "80.92%")},
			"share.recompute", Passed, "按三项之和 508.20 万元算得 80.91%，文中为 80.92%（差额在允许误差之内）"},
		{"three public share, a part missing", []normalize.Fact{fact("three_public.overseas", "amount", "70.00万元"), fact("three_public.vehicle", "amount", "411.20万元"), fact("three_public.vehicle", "share_pct", "80.92%")},
			"share.recompute", MissingFacts, ""},
		// A whole percent is held to its rounding: 11% is not 10.1%, nor
		// 99% a share of all; the last digit of 97.65% may still be off
		// by one.
		{"whole yoy pct a point off", []normalize.Fact{fact("fiscal.total", "amount", "1101.00万元"), fact("fiscal.total", "yoy_change", "增加101.00万元"), fact("fiscal.total", "yoy_pct", "11%")},
			"yoy.pct", Failed, "算得 10.1%，文中为 11%"},
		{"whole share a point off", []normalize.Fact{fact("income.total", "amount", "500.00万元"), fact("income.fiscal.gpb", "amount", "500.00万元"), fact("income.fiscal.gpb", "share_pct", "99%")},
			"share.recompute", Failed, "算得 100%，文中为 99%"},
		{"whole yoy pct truncated", []normalize.Fact{fact("fiscal.total", "amount", "1107.00万元"), fact("fiscal.total", "yoy_change", "增加107.00万元"), fact("fiscal.total", "yoy_pct", "10%")},
			"yoy.pct", Passed, "截尾"},
		{"yoy pct agrees", []normalize.Fact{fact("three_public.vehicle", "amount", "17.46万元"), fact("three_public.vehicle", "yoy_change", "增加2.28万元"), fact("three_public.vehicle", "yoy_pct", "15%")},
			"yoy.pct", Passed, ""},
		{"yoy pct sign wrong", []normalize.Fact{fact("operating_expense", "amount", "260.07万元"), fact("operating_expense", "yoy_change", "减少25.59万元"), fact("operating_expense", "yoy_pct", "8.96%")},
			"yoy.pct", Failed, "-8.96"},
		{"prior from chart agrees", []normalize.Fact{fact("total", "amount", "2149.94万元"), fact("total", "yoy_change", "增加4.07万元"), {Metric: "total", Measure: normalize.PriorAmount, Value: decimal.RequireFromString("21458700"), Raw: "2145.8700000000013", Unit: normalize.Yuan}},
			"yoy.prior", Passed, ""},
		{"prior from chart disagrees", []normalize.Fact{fact("total", "amount", "2149.94万元"), fact("total", "yoy_change", "增加4.07万元"), {Metric: "total", Measure: normalize.PriorAmount, Value: decimal.RequireFromString("21000000"), Raw: "2100", Unit: normalize.Yuan}},
			"yoy.prior", Failed, "= 49.94 万元，文中增减额为 4.07 万元"},
		{"completion against zero budget", []normalize.Fact{fact("three_public.overseas", "amount", "0万元"), fact("three_public.overseas", "budget", "0万元"), fact("three_public.overseas", "completion_pct", "100%")},
			"completion.recompute", Failed, "预算数为 0"},
		{"completion recomputes", []normalize.Fact{fact("gpb.expenditure", "amount", "253.12万元"), fact("gpb.expenditure", "budget", "250.00万元"), fact("gpb.expenditure", "completion_pct", "101.25%")},
			"completion.recompute", Passed, ""},
	}
	for _, tt := range tests {
		rep := Run(tt.facts, nil)
		if got := status(rep, tt.rule); got != tt.status {
			t.Errorf("%s: %s = %s; want %s (findings %+v)", tt.name, tt.rule, got, tt.status, rep.Findings)
			continue
		}
		var msgs []string
		for _, f := range rep.Findings {
			if f.Rule == tt.rule {
				msgs = append(msgs, f.Message)
			}
		}
		switch {
		case tt.says == "" && len(msgs) > 0:
			t.Errorf("%s: unexpected findings %q", tt.name, msgs)
		case tt.says != "" && (len(msgs) != 1 || !strings.Contains(msgs[0], tt.says)):
			t.Errorf("%s: findings %q; want one saying %q", tt.name, msgs, tt.says)
		}
	}
}

func TestFindingEvidence(t *testing.T) {
	facts := []normalize.Fact{fact("gpb.basic.personnel", "amount", "1532.38万元"), fact("gpb.basic.public", "amount", "579.08万元"), fact("gpb.basic", "amount", "1792.45万元")}
	rep := Run(facts, nil)
	if len(rep.Findings) != 1 {
		t.Fatalf("findings = %+v", rep.Findings)
	}
	f := rep.Findings[0]
	if f.Rule != "sum.basic_expenditure" || f.Severity != Error || !f.Expected.Valid || f.Expected.Decimal.String() != "21114600" || f.Actual.String() != "17924500" {
		t.Errorf("finding = %+v", f)
	}
	if len(f.Facts) != 3 || f.Facts[0] != 0 || f.Facts[1] != 1 || f.Facts[2] != 2 {
		t.Errorf("finding facts = %v; want [0 1 2]", f.Facts)
	}
}

func TestConflicts(t *testing.T) {
	first := fact("income.total", "amount", "2149.94万元")
	again := fact("income.total", "amount", "2150.00万元")
	rep := Run([]normalize.Fact{first}, []normalize.Fact{again})
	if status(rep, "dup.conflict") != Failed || len(rep.Findings) != 1 || !strings.Contains(rep.Findings[0].Message, "2150.00万元") {
		t.Errorf("report = %+v", rep)
	}
}

// TestLinePercents: a 项's stated percentage is recomputed from its change
// and amount (ob-js-gjfy-2017-doc: 提租补贴 1959.99万元, +865.57万元, stated
// 79.05%, is 79.09%); one that truncates is only noted.
func TestLinePercents(t *testing.T) {
	const item = "住房保障支出/住房改革支出/提租补贴"
	for _, tt := range []struct {
		pct      string
		severity Severity
		says     string
	}{
		{"79.05%", Error, "按增减额与上年数算得 79.09%，文中为 79.05%"},
		{"79.09%", "", ""},
		{"79.08%", Info, "截尾"},
	} {
		res := &normalize.Result{Facts: []normalize.Fact{fact("gpb.item", "amount", "1959.99万元", item)},
			Changes: []normalize.Fact{fact("gpb.item", "yoy_change", "增加865.57万元", item), fact("gpb.item", "yoy_pct", tt.pct, item)}}
		rep := Document(&extract.Document{}, res)
		var got []Finding
		for _, f := range rep.Findings {
			if f.Rule == "yoy.lines" {
				got = append(got, f)
			}
		}
		switch {
		case tt.says == "" && len(got) > 0:
			t.Errorf("%s: findings %+v; want none", tt.pct, got)
		case tt.says != "" && (len(got) != 1 || got[0].Severity != tt.severity || !strings.Contains(got[0].Message, tt.says) || len(got[0].Facts) != 1):
			t.Errorf("%s: findings %+v; want one %s saying %q", tt.pct, got, tt.severity, tt.says)
		}
	}
}

// TestStableOrder: a document's findings come out in one order whatever
// the order normalize found its tables' sums in (it walks a map).
func TestStableOrder(t *testing.T) {
	sums := []normalize.TableSum{
		{Pos: extract.Pos{Page: 3, Block: 9, Row: 24, Col: 6}, Column: "基本支出", Label: "合计", Total: decimal.RequireFromString("2336.91"), Raw: "2,336.91", Sum: decimal.RequireFromString("2336.99"), Parts: 4, Rounding: decimal.RequireFromString("0.025"), Places: 2, Unit: "万元"},
		{Pos: extract.Pos{Page: 3, Block: 9, Row: 24, Col: 5}, Column: "合计", Label: "合计", Total: decimal.RequireFromString("2940.05"), Raw: "2,940.05", Sum: decimal.RequireFromString("2940.16"), Parts: 4, Rounding: decimal.RequireFromString("0.025"), Places: 2, Unit: "万元"},
		{Pos: extract.Pos{Page: 4, Block: 11, Row: 3, Col: 4}, Column: "决算数", Label: "301 工资福利支出", Total: decimal.RequireFromString("2082.85"), Raw: "2,082.85", Sum: decimal.RequireFromString("2082.96"), Parts: 8, Rounding: decimal.RequireFromString("0.045"), Places: 2, Unit: "万元"},
		{Pos: extract.Pos{Page: 3, Block: 9, Row: 8, Col: 5}, Column: "合计", Label: "2010601 行政运行", Across: true, Columns: []string{"基本支出", "项目支出"}, Total: decimal.RequireFromString("1511.89"), Raw: "1,511.89", Sum: decimal.RequireFromString("1521.89"), Parts: 2, Rounding: decimal.RequireFromString("0.015"), Places: 2, Unit: "万元"},
	}
	var want []string
	for k := range 6 {
		res := &normalize.Result{Sums: slices.Clone(sums)}
		rand.New(rand.NewPCG(uint64(k), 7)).Shuffle(len(res.Sums), func(i, j int) { res.Sums[i], res.Sums[j] = res.Sums[j], res.Sums[i] })
		var got []string
		for _, f := range Document(&extract.Document{}, res).Findings {
			got = append(got, f.Rule+" "+f.Message)
		}
		if k == 0 {
			want = got
			continue
		}
		if !slices.Equal(got, want) {
			t.Fatalf("run %d: findings\n%q\nwant\n%q", k, got, want)
		}
	}
	if len(want) != 4 || !strings.Contains(want[0], "「合计」列合计") || !strings.HasPrefix(want[3], "sum.row") {
		t.Errorf("findings %q; want three sum.table in the order of the page, then sum.row", want)
	}
}

// TestTruncatedRestatement: a narrative that cuts a table's figure short
// instead of rounding it is info, one that misprints it an error.
func TestTruncatedRestatement(t *testing.T) {
	for _, tt := range []struct {
		told string
		want Severity
	}{{"2099.57万元", ""}, {"2099.56万元", Info}, {"2099.55万元", Error}} {
		first := table(fact("gpb.item", "amount", "20,995,699元", "行政运行"))
		rep := Run([]normalize.Fact{first}, []normalize.Fact{fact("gpb.item", "amount", tt.told, "行政运行")})
		var got Severity
		for _, f := range rep.Findings {
			if f.Rule == "narrative.vs_table" {
				got = f.Severity
			}
		}
		if got != tt.want {
			t.Errorf("table 20,995,699元, text %s: severity %q; want %q", tt.told, got, tt.want)
		}
	}
}

// TestLineSentence: a total of the department read from a sentence that
// names a 款 before it may be the 款's; a sum that misses it is only a
// warning, which says so.
func TestLineSentence(t *testing.T) {
	total := fact("gpb.expenditure", "amount", "1500.00万元")
	total.Text = "一般公共服务（类）人大事务（款）支出合计1500.00万元。"
	facts := []normalize.Fact{total,
		table(fact("gpb.class", "amount", "1630.16万元", "一般公共服务支出")),
		table(fact("gpb.class", "amount", "481.31万元", "社会保障和就业支出"))}
	rep := Run(facts, nil)
	for _, f := range rep.Findings {
		if f.Rule == "sum.classes" && (f.Severity != Warning || !strings.Contains(f.Message, "所在句子先述及类、款")) {
			t.Errorf("finding %s %q; want a warning naming the sentence", f.Severity, f.Message)
		}
	}
	if status(rep, "sum.classes") != Failed {
		t.Errorf("sum.classes = %s; want failed", status(rep, "sum.classes"))
	}
}

// TestPartialTable: one table's class row and item rows make a set known
// whole, unless normalize left a row of figures of that table unplaced
// (Result.Partial): then its lines read are some of its lines, and a
// sum that falls short is the reading's loss, not the document's error.
// Lines that exceed their total are an error all the same.
func TestPartialTable(t *testing.T) {
	at := func(f normalize.Fact) normalize.Fact {
		f = table(f)
		f.Pos.Block = 7
		return f
	}
	short := []normalize.Fact{at(fact("gpb.class", "amount", "352.95万元", "社会保障和就业支出")),
		at(fact("gpb.item", "amount", "253.12万元", "社会保障和就业支出/行政事业单位养老支出/行政单位离退休")),
		at(fact("gpb.item", "amount", "19.70万元", "社会保障和就业支出/抚恤/死亡抚恤"))}
	over := append(slices.Clone(short[:2]), at(fact("gpb.item", "amount", "119.70万元", "社会保障和就业支出/抚恤/死亡抚恤")))
	tests := []struct {
		name    string
		facts   []normalize.Fact
		partial []int
		want    Status
	}{
		{"whole table, short", short, nil, Failed},
		{"table read in part, short", short, []int{7}, Passed},
		{"another table read in part", short, []int{8}, Failed},
		{"table read in part, over", over, []int{7}, Failed},
	}
	for _, tt := range tests {
		rep := Document(&extract.Document{}, &normalize.Result{Facts: tt.facts, Partial: tt.partial})
		if got := status(rep, "sum.items"); got != tt.want {
			t.Errorf("%s: sum.items = %s; want %s (findings %+v)", tt.name, got, tt.want, rep.Findings)
		}
	}
}
