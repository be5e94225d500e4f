package main

import "fmt"

// The tables of a 部门决算 (the Ministry of Finance template as Shanghai
// and Sichuan print it). Each records the facts its cells state.

// jsOpts vary the 决算 tables.
type jsOpts struct {
	lineNo    bool // national form: 行次 columns and a 栏次 row
	fullEcon  bool // the 基本支出 table lists every template line
	econSplit bool // the 基本支出 table as two halves (301/303 | 302/310)
	org       string
	unit      string
}

func (b *builder) unitLabel() string {
	if b.tf.Wan {
		return "单位：万元"
	}
	return "单位：元"
}

// jsSummary is the 收入支出决算总表.
func (b *builder) jsSummary(o jsOpts, title string) *Table {
	r := b.r
	t := &Table{Title: title, Org: o.org, Unit: b.unitLabel(), Repeat: b.chance(0.5)}
	if o.lineNo {
		t.Head = [][]Cell{
			{span("收入", 3, 1), span("支出", 3, 1)},
			{span("项目", 1, 1), span("行次", 1, 1), span("金额", 1, 1), span("项目", 1, 1), span("行次", 1, 1), span("金额", 1, 1)},
			{span("栏次", 1, 1), span("", 1, 1), span("1", 1, 1), span("栏次", 1, 1), span("", 1, 1), span("2", 1, 1)},
		}
		t.Widths = []string{"30%", "5%", "14%", "30%", "5%", "14%"}
	} else {
		t.Head = [][]Cell{
			{span("收入", 2, 1), span("支出", 2, 1)},
			{span("项目", 1, 1), span("决算数", 1, 1), span("项目", 1, 1), span("决算数", 1, 1)},
		}
		t.Widths = []string{"34%", "16%", "34%", "16%"}
	}
	type line struct {
		label string
		key   *factKey
		v     Fen
		id    string
	}
	left := []line{
		{"一、一般公共预算财政拨款收入", k("income.fiscal.gpb", "amount"), r.IncGPB, "inc.gpb"},
		{"二、政府性基金预算财政拨款收入", k("income.fiscal.gov_fund", "amount"), r.IncFund, "inc.fund"},
		{"三、国有资本经营预算财政拨款收入", k("income.fiscal.state_capital", "amount"), r.IncCap, "inc.cap"},
		{"四、上级补助收入", k("income.superior_subsidy", "amount"), r.IncSup, "inc.sup"},
		{"五、事业收入", k("income.business", "amount"), r.IncBiz, "inc.biz"},
		{"六、经营收入", k("income.operating", "amount"), r.IncOper, "inc.oper"},
		{"七、附属单位上缴收入", k("income.subordinate", "amount"), r.IncSub, "inc.sub"},
		{"八、其他收入", k("income.other", "amount"), r.IncOther, "inc.other"},
	}
	var right []line
	for i, c := range classList(r.Year) {
		v := sumItems(allItems(r), c, vTotal)
		right = append(right, line{fmt.Sprintf("%s、%s", cnNum[i+1], className(c, r.Year)), nil, v, "cls" + c})
	}
	n := max(len(left), len(right))
	ln := 1
	row := func(l line, lno int, side string) []Cell {
		if l.label == "" {
			cells := []Cell{txt("")}
			if o.lineNo {
				cells = append(cells, txt(""))
			}
			return append(cells, Cell{Num: true})
		}
		cells := []Cell{{Text: l.label, Cls: "name"}}
		if o.lineNo {
			cells = append(cells, Cell{Text: fmt.Sprint(lno), Cls: "c"})
		}
		return append(cells, b.cell("t:sum:"+side+":"+l.id, l.key, "", true, l.v))
	}
	for i := 0; i < n; i++ {
		var l, rr line
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			rr = right[i]
		}
		lno, rno := 0, 0
		if l.label != "" {
			lno = i + 1
		}
		if rr.label != "" {
			rno = 32 + i
		}
		t.Body = append(t.Body, append(row(l, lno, "l"), row(rr, rno, "r")...))
	}
	ln = len(left)
	tail := [][2]line{
		{{"本年收入合计", k("income.total", "amount"), r.IncTotal(), "inctot"}, {"本年支出合计", k("expenditure.total", "amount"), r.ExpTotal(), "exptot"}},
		{{"使用非财政拨款结余（含专用结余）", k("income.non_fiscal_balance", "amount"), r.UseBal, "usebal"}, {"结余分配", nil, r.Distr, "distr"}},
		{{"年初结转和结余", k("income.carryover", "amount"), r.Carry0(), "carry0"}, {"年末结转和结余", k("expenditure.carryover", "amount"), r.Carry1(), "carry1"}},
		{{"总计", k("total", "amount"), r.Total(), "total"}, {"总计", k("total", "amount"), r.Total(), "total"}},
	}
	var incs, clss []string
	for _, l := range left {
		incs = append(incs, "t:sum:l:"+l.id)
	}
	for _, rr := range right {
		clss = append(clss, "t:sum:r:"+rr.id)
	}
	b.sum("t:sum:l:inctot", incs...)
	b.sum("t:sum:r:exptot", clss...)
	b.sum("t:sum:l:total", "t:sum:l:inctot", "t:sum:l:usebal", "t:sum:l:carry0")
	b.sum("t:sum:r:total", "t:sum:r:exptot", "t:sum:r:distr", "t:sum:r:carry1")
	b.sum("t:sum:l:total", "t:sum:r:total")
	for i, p := range tail {
		ln++
		rowL := row(p[0], ln, "l")
		rowR := row(p[1], 32+len(right)+i, "r")
		if i == 0 || i == 3 {
			rowL[0].Cls, rowR[0].Cls = "tot", "tot"
		}
		t.Body = append(t.Body, append(rowL, rowR...))
	}
	return t
}

// jsHead builds the header of a function table whose figure columns are
// single labels spanning the header rows.
func jsHead(head [][]Cell, labels []string) [][]Cell {
	h := len(head)
	for _, l := range labels {
		head[0] = append(head[0], span(l, 1, h))
	}
	return head
}

// lineNoRow is the 栏次 row of the national form.
func lineNoRow(ncode, ncols int) []Cell {
	row := []Cell{{Text: "栏次", ColSpan: ncode + 1, Cls: "c"}}
	for i := 1; i <= ncols; i++ {
		row = append(row, Cell{Text: fmt.Sprint(i), Cls: "c"})
	}
	return row
}

func (b *builder) ncode() int {
	if b.tf.Codes == "single" {
		return 1
	}
	return 3
}

// jsIncome is the 收入决算表.
func (b *builder) jsIncome(o jsOpts, title string) *Table {
	r := b.r
	inc := incomeRows(r)
	src := func(i int) func(*Item) Fen { return func(it *Item) Fen { return inc[it].sources[i] } }
	cols := []col{
		{id: "tot", val: func(it *Item) Fen { return inc[it].fiscal + sumSrc(inc[it].sources) }, fact: totalOnly("income.total", "amount")},
		{id: "fiscal", val: func(it *Item) Fen { return inc[it].fiscal }},
		{id: "sup", val: src(0), fact: totalOnly("income.superior_subsidy", "amount")},
		{id: "biz", val: src(1), fact: totalOnly("income.business", "amount")},
		{id: "oper", val: src(2), fact: totalOnly("income.operating", "amount")},
		{id: "sub", val: src(3), fact: totalOnly("income.subordinate", "amount")},
		{id: "other", val: src(4), fact: totalOnly("income.other", "amount")},
	}
	ft := funcTable{id: "inc", items: allItems(r), cols: cols, year: r.Year, headRows: 3, topLabel: "项目",
		codeHead: "支出功能分类科目编码", nameHead: "科目名称", totalTop: true, rowSum: []string{"tot", "fiscal", "sup", "biz", "oper", "sub", "other"}}
	head, body, widths := b.funcTableRows(ft)
	head = jsHead(head, []string{"本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"})
	if o.lineNo {
		body = append([][]Cell{lineNoRow(b.ncode(), len(cols))}, body...)
	}
	return &Table{Title: title, Org: o.org, Unit: b.unitLabel(), Head: head, Body: body,
		Widths: append(widths, "11%", "11%", "9%", "8%", "8%", "9%", "8%"), Landscape: true, Repeat: b.chance(0.6)}
}

func sumSrc(s [5]Fen) Fen { return s[0] + s[1] + s[2] + s[3] + s[4] }

// jsExpend is the 支出决算表.
func (b *builder) jsExpend(o jsOpts, title string) *Table {
	r := b.r
	cols := []col{
		{id: "tot", val: vTotal, fact: totalOnly("expenditure.total", "amount")},
		{id: "basic", val: vBasic, fact: totalOnly("expenditure.basic", "amount")},
		{id: "project", val: vProject, fact: totalOnly("expenditure.project", "amount")},
		{id: "up", val: vZero, fact: totalOnly("expenditure.to_superior", "amount")},
		{id: "oper", val: vOper, fact: totalOnly("expenditure.operating", "amount")},
		{id: "subsidy", val: vZero, fact: totalOnly("expenditure.subordinate_subsidy", "amount")},
	}
	ft := funcTable{id: "exp", items: allItems(r), cols: cols, year: r.Year, headRows: 3, topLabel: "项目",
		codeHead: "支出功能分类科目编码", nameHead: "科目名称", totalTop: true, rowSum: []string{"tot", "basic", "project", "up", "oper", "subsidy"}}
	head, body, widths := b.funcTableRows(ft)
	head = jsHead(head, []string{"本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"})
	if o.lineNo {
		body = append([][]Cell{lineNoRow(b.ncode(), len(cols))}, body...)
	}
	return &Table{Title: title, Org: o.org, Unit: b.unitLabel(), Head: head, Body: body,
		Widths: append(widths, "12%", "11%", "11%", "9%", "9%", "10%"), Landscape: true, Repeat: b.chance(0.6)}
}

// jsFiscal is the 财政拨款收入支出决算总表.
func (b *builder) jsFiscal(o jsOpts, title string) *Table {
	r := b.r
	t := &Table{Title: title, Org: o.org, Unit: b.unitLabel(), Landscape: true, Repeat: b.chance(0.5)}
	t.Head = [][]Cell{
		{span("收入", 2, 1), span("支出", 5, 1)},
		{span("项目", 1, 1), span("决算数", 1, 1), span("项目", 1, 1), span("合计", 1, 1),
			span("一般公共预算财政拨款", 1, 1), span("政府性基金预算财政拨款", 1, 1), span("国有资本经营预算财政拨款", 1, 1)},
	}
	t.Widths = []string{"22%", "11%", "25%", "11%", "11%", "10%", "10%"}
	left := []struct {
		label string
		key   *factKey
		v     Fen
	}{
		{"一、一般公共预算财政拨款", k("income.fiscal.gpb", "amount"), r.IncGPB},
		{"二、政府性基金预算财政拨款", k("income.fiscal.gov_fund", "amount"), r.IncFund},
		{"三、国有资本经营预算财政拨款", k("income.fiscal.state_capital", "amount"), r.IncCap},
	}
	classes := classList(r.Year)
	for i, c := range classes {
		var row []Cell
		if i < len(left) {
			row = []Cell{{Text: left[i].label, Cls: "name"}, b.cell(fmt.Sprintf("t:fis:l%d", i), left[i].key, "", false, left[i].v)}
		} else {
			row = []Cell{txt(""), {Num: true}}
		}
		gpb := sumItems(r.Items, c, vGPB)
		fund := sumItems(r.Fund, c, vGPB)
		var ck *factKey
		if gpb != 0 {
			ck = &factKey{"gpb.class", "amount", fname(c, r.Year)}
		}
		row = append(row, Cell{Text: fmt.Sprintf("%s、%s", cnNum[i+1], className(c, r.Year)), Cls: "name"},
			b.cell("t:fis:c"+c+":tot", nil, "", false, gpb+fund),
			b.cell("t:fis:c"+c+":gpb", ck, c, false, gpb),
			b.cell("t:fis:c"+c+":fund", nil, "", false, fund),
			b.cell("t:fis:c"+c+":cap", nil, "", false, 0))
		t.Body = append(t.Body, row)
	}
	gpb, fund := r.GPBTotal(), r.FundTotal()
	t.Body = append(t.Body, []Cell{{Text: "本年收入合计", Cls: "tot"}, b.cell("t:fis:inctot", nil, "", false, r.IncGPB+r.IncFund+r.IncCap),
		{Text: "本年支出合计", Cls: "tot"}, b.cell("t:fis:exptot", nil, "", false, gpb+fund),
		b.cell("t:fis:expgpb", k("gpb.expenditure", "amount"), "", false, gpb),
		b.cell("t:fis:expfund", nil, "", false, fund), b.cell("t:fis:expcap", nil, "", false, 0)})
	t.Body = append(t.Body, []Cell{{Text: "年初财政拨款结转和结余", Cls: "name"}, b.cell("t:fis:c0", nil, "", false, r.Carry0F),
		{Text: "年末财政拨款结转和结余", Cls: "name"}, b.cell("t:fis:c1", nil, "", false, r.Carry1F),
		b.cell("t:fis:c1gpb", nil, "", false, r.Carry1F), b.cell("t:fis:c1fund", nil, "", false, 0), b.cell("t:fis:c1cap", nil, "", false, 0)})
	for i, l := range left {
		v := Fen(0)
		if i == 0 {
			v = r.Carry0F
		}
		t.Body = append(t.Body, []Cell{{Text: l.label, Cls: "name"}, b.cell(fmt.Sprintf("t:fis:c0%d", i), nil, "", false, v),
			txt(""), {Num: true}, {Num: true}, {Num: true}, {Num: true}})
	}
	var tots, gpbs []string
	for _, c := range classes {
		tots, gpbs = append(tots, "t:fis:c"+c+":tot"), append(gpbs, "t:fis:c"+c+":gpb")
		b.sum("t:fis:c"+c+":tot", "t:fis:c"+c+":gpb", "t:fis:c"+c+":fund", "t:fis:c"+c+":cap")
	}
	b.sum("t:fis:inctot", "t:fis:l0", "t:fis:l1", "t:fis:l2")
	b.sum("t:fis:exptot", tots...)
	b.sum("t:fis:expgpb", gpbs...)
	b.sum("t:fis:exptot", "t:fis:expgpb", "t:fis:expfund", "t:fis:expcap")
	b.sum("t:fis:totl", "t:fis:inctot", "t:fis:c0")
	b.sum("t:fis:totr", "t:fis:exptot", "t:fis:c1")
	b.sum("t:fis:totl", "t:fis:totr")
	b.sum("t:fis:c0", "t:fis:c00", "t:fis:c01", "t:fis:c02")
	b.sum("t:fis:totr", "t:fis:totgpb", "t:fis:totfund", "t:fis:totcap")
	tot := r.FiscalTotal()
	t.Body = append(t.Body, []Cell{{Text: "总计", Cls: "tot"}, b.cell("t:fis:totl", k("fiscal.total", "amount"), "", true, tot),
		{Text: "总计", Cls: "tot"}, b.cell("t:fis:totr", k("fiscal.total", "amount"), "", true, tot),
		b.cell("t:fis:totgpb", nil, "", false, gpb+r.Carry1F), b.cell("t:fis:totfund", nil, "", false, fund),
		b.cell("t:fis:totcap", nil, "", false, 0)})
	return t
}

// jsGPB is the 一般公共预算财政拨款支出决算表.
func (b *builder) jsGPB(o jsOpts, title string, totalTop bool) *Table {
	r := b.r
	cols := []col{
		{id: "tot", val: vGPB, fact: gpbFacts(r.Year)},
		{id: "basic", val: vGBasic, fact: totalOnly("gpb.basic", "amount")},
		{id: "project", val: vGProject},
	}
	ft := funcTable{id: "gpb", items: r.Items, cols: cols, year: r.Year, headRows: 3, topLabel: "项目",
		codeHead: "支出功能分类科目编码", nameHead: "科目名称", totalTop: totalTop, primary: true, rowSum: []string{"tot", "basic", "project"}}
	if b.chance(0.4) {
		ft.headRows, ft.topLabel = 2, ""
	}
	head, body, widths := b.funcTableRows(ft)
	head = jsHead(head, []string{"合计", "基本支出", "项目支出"})
	if o.lineNo {
		body = append([][]Cell{lineNoRow(b.ncode(), len(cols))}, body...)
	}
	return &Table{Title: title, Org: o.org, Unit: b.unitLabel(), Head: head, Body: body,
		Widths: append(widths, "16%", "16%", "16%"), Repeat: b.chance(0.5)}
}

// econTemplate is the full list of economic lines a 基本支出 table
// prints in the national template, by class.
var econTemplate = map[string][]string{
	"301": {"30101", "30102", "30103", "30106", "30107", "30108", "30109", "30110", "30111", "30112", "30113", "30114", "30199"},
	"302": {"30201", "30202", "30203", "30204", "30205", "30206", "30207", "30208", "30209", "30211", "30212", "30213", "30214",
		"30215", "30216", "30217", "30218", "30224", "30225", "30226", "30227", "30228", "30229", "30231", "30239", "30240", "30299"},
	"303": {"30301", "30302", "30303", "30304", "30305", "30307", "30308", "30309", "30310", "30311", "30399"},
	"310": {"31001", "31002", "31003", "31007", "31013", "31019", "31021", "31022", "31099"},
}

// econLines are the lines of a class the table prints, with amounts.
func (b *builder) econLines(cls string, full bool) []EconLine {
	have := map[string]Fen{}
	for _, e := range b.r.Econ {
		have[e.Code] = e.Amt
	}
	var out []EconLine
	for _, c := range econTemplate[cls] {
		if v, ok := have[c]; ok || full {
			out = append(out, EconLine{c, v})
		}
	}
	return out
}

// jsEcon is the 一般公共预算财政拨款基本支出决算表: two halves, 人员经费
// (301, 303) on the left and 公用经费 (302, 310) on the right, closed by
// 人员经费合计 and 公用经费合计.
func (b *builder) jsEcon(o jsOpts, title, amountHead string) *Table {
	r := b.r
	t := &Table{Title: title, Org: o.org, Unit: b.unitLabel(), Repeat: b.chance(0.5), Small: true, VAlign: b.pick("top", "middle", "bottom")}
	t.Head = [][]Cell{
		{span("经济分类科目编码", 2, 1), span("科目名称", 1, 2), span(amountHead, 1, 2), span("经济分类科目编码", 2, 1), span("科目名称", 1, 2), span(amountHead, 1, 2)},
		{span("类", 1, 1), span("款", 1, 1), span("类", 1, 1), span("款", 1, 1)},
	}
	t.Widths = []string{"5%", "4%", "24%", "12%", "5%", "4%", "24%", "12%"}
	side := func(classes ...string) [][]Cell {
		var rows [][]Cell
		for _, c := range classes {
			lines := b.econLines(c, o.fullEcon)
			if len(lines) == 0 && !o.fullEcon {
				continue
			}
			rows = append(rows, []Cell{{Text: c, Cls: "code"}, {Cls: "code"}, {Text: econNames[c], Cls: "name"}, b.cell("t:econ:"+c, nil, "", false, r.econClass(c))})
			for _, l := range lines {
				rows = append(rows, []Cell{{Text: c, Cls: "code"}, {Text: l.Code[3:], Cls: "code"}, {Text: econNames[l.Code], Cls: "name"}, b.cell("t:econ:"+l.Code, nil, "", false, l.Amt)})
			}
		}
		return rows
	}
	for _, c := range []string{"301", "302", "303", "310"} {
		var ls []string
		for _, l := range b.econLines(c, o.fullEcon) {
			ls = append(ls, "t:econ:"+l.Code)
		}
		b.sum("t:econ:"+c, ls...)
	}
	b.sum("t:econ:P", "t:econ:301", "t:econ:303")
	b.sum("t:econ:G", "t:econ:302", "t:econ:310")
	left, right := side("301", "303"), side("302", "310")
	for i := 0; i < max(len(left), len(right)); i++ {
		var row []Cell
		if i < len(left) {
			row = append(row, left[i]...)
		} else {
			row = append(row, txt(""), txt(""), txt(""), Cell{Num: true})
		}
		if i < len(right) {
			row = append(row, right[i]...)
		} else {
			row = append(row, txt(""), txt(""), txt(""), Cell{Num: true})
		}
		t.Body = append(t.Body, row)
	}
	t.Body = append(t.Body, []Cell{{Text: "人员经费合计", ColSpan: 3, Cls: "tot"}, b.cell("t:econ:P", k("gpb.basic.personnel", "amount"), "", true, r.Personnel()),
		{Text: "公用经费合计", ColSpan: 3, Cls: "tot"}, b.cell("t:econ:G", k("gpb.basic.public", "amount"), "", true, r.Public())})
	return t
}

// jsThree is the 财政拨款“三公”经费支出决算表: budget and actual for the
// total, each part and the two vehicle sub-parts.
func (b *builder) jsThree(o jsOpts, title string) *Table {
	t3 := &b.r.Three
	t := &Table{Title: title, Org: o.org, Unit: b.unitLabel(), Landscape: b.chance(0.5)}
	pair := []Cell{span("预算数", 1, 1), span("决算数", 1, 1)}
	var row3 []Cell
	for i := 0; i < 6; i++ {
		row3 = append(row3, pair...)
	}
	t.Head = [][]Cell{
		{span("合计", 2, 2), span("因公出国（境）费", 2, 2), span("公务用车购置及运行维护费", 6, 1), span("公务接待费", 2, 2)},
		{span("小计", 2, 1), span("公务用车购置费", 2, 1), span("公务用车运行维护费", 2, 1)},
		row3,
	}
	if b.chance(0.5) {
		t.Head = append([][]Cell{{span("财政拨款“三公”经费", 12, 1)}}, t.Head...)
	}
	vals := []struct {
		metric string
		b, a   Fen
	}{
		{"three_public.total", t3.BTotal(), t3.Total()},
		{"three_public.overseas", t3.BOverseas, t3.Overseas},
		{"three_public.vehicle", t3.BPurchase + t3.BOperation, t3.Vehicle()},
		{"three_public.vehicle.purchase", t3.BPurchase, t3.Purchase},
		{"three_public.vehicle.operation", t3.BOperation, t3.Operation},
		{"three_public.reception", t3.BReception, t3.Reception},
	}
	var row []Cell
	for _, v := range vals {
		row = append(row, b.cell("t:three:"+v.metric+":b", k(v.metric, "budget"), "", true, v.b),
			b.cell("t:three:"+v.metric+":a", k(v.metric, "amount"), "", true, v.a))
	}
	t.Body = [][]Cell{row}
	for _, m := range []string{":a", ":b"} {
		b.sum("t:three:three_public.total"+m, "t:three:three_public.overseas"+m, "t:three:three_public.vehicle"+m, "t:three:three_public.reception"+m)
		b.sum("t:three:three_public.vehicle"+m, "t:three:three_public.vehicle.purchase"+m, "t:three:three_public.vehicle.operation"+m)
	}
	return t
}

// jsFund is a 政府性基金 or 国有资本经营 table: with the fund items, or
// empty with a note, which states the absence (a zero fact).
func (b *builder) jsFund(o jsOpts, title, metric, what, noteForm string) *Table {
	r := b.r
	t := &Table{Title: title, Org: o.org, Unit: b.unitLabel(), Repeat: true}
	items := r.Fund
	if metric != "gov_fund.expenditure" {
		items = nil
	}
	cols := []col{
		{id: "c0", val: vZero},
		{id: "inc", val: func(it *Item) Fen { return it.GBasic + it.GProject }},
		{id: "sub", val: func(it *Item) Fen { return it.GBasic + it.GProject }, fact: totalOnly(metric, "amount")},
		{id: "basic", val: vGBasic},
		{id: "project", val: vGProject},
		{id: "c1", val: vZero},
	}
	ft := funcTable{id: metric, items: items, cols: cols, year: r.Year, headRows: 3, topLabel: "项目",
		codeHead: "支出功能分类科目编码", nameHead: "科目名称", primary: true, rowSum: []string{"sub", "basic", "project"}}
	head, body, widths := b.funcTableRows(ft)
	h := len(head)
	head[0] = append(head[0], span("年初结转和结余", 1, h), span("本年收入", 1, h), span("本年支出", 3, 1), span("年末结转和结余", 1, h))
	head[1] = append(head[1], span("小计", 1, h-1), span("基本支出", 1, h-1), span("项目支出", 1, h-1))
	t.Head, t.Widths = head, append(widths, "11%", "11%", "11%", "10%", "10%", "11%")
	if len(items) == 0 {
		blank := make([]Cell, b.ncode()+1+6)
		for i := b.ncode() + 1; i < len(blank); i++ {
			blank[i].Num = true
		}
		body = [][]Cell{blank, blank, body[len(body)-1]}
		// The empty 合计 row prints nothing; its absence is stated by the note.
		body[2] = append([]Cell{{Text: "合计", ColSpan: b.ncode() + 1, Cls: "tot"}}, make([]Cell, 6)...)
		for i := 1; i < len(body[2]); i++ {
			body[2][i].Num = true
		}
		b.doc.Sites = dropTable(b.doc.Sites, "t:"+metric+":")
		t.Note = fmt.Sprintf(noteForm, what)
		b.record("n:note:"+metric, k(metric, "amount"), "", false, false, "0", t.Note)
	}
	t.Body = body
	return t
}

// dropTable removes the sites recorded for a table id prefix (an empty
// table's blank 合计 row).
func dropTable(sites []site, prefix string) []site {
	out := sites[:0]
	for _, s := range sites {
		if len(s.ID) < len(prefix) || s.ID[:len(prefix)] != prefix {
			out = append(out, s)
		}
	}
	return out
}
