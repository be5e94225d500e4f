package main

import (
	"fmt"
	"strings"
)

// Style jsys: a 省级 部门预算 in the Jiangsu form (modelled on the 江苏省人大
// 常委会办公厅 2017–2019, 省高级人民法院 2018 and 省政协办公厅 2019 files):
// 第一部分 部门概况, 第二部分 twelve tables in 万元, 第三部分 情况说明
// (类/款/项 lists with changes on last year), 第四部分 名词解释.
func buildJSYS(b *builder) {
	r, d := b.r, b.r.Dept
	y := r.Year
	b.add(Block{Kind: bCover, Lines: []string{d.Name, fmt.Sprintf("%d年度部门预算公开", y)}})
	titles := []string{"收支预算总表", "收入预算总表", "支出预算总表", "财政拨款收支预算总表", "财政拨款支出预算表",
		"财政拨款基本支出预算表", "一般公共预算支出预算表", "一般公共预算基本支出预算表",
		"一般公共预算“三公”经费、会议费、培训费支出预算表", "政府性基金预算财政拨款支出预算表",
		"一般公共预算机关运行经费支出预算表", "政府采购支出预算表"}
	toc := []string{"第一部分 部门概况", "　一、主要职能", "　二、部门机构设置及预算单位构成情况", fmt.Sprintf("第二部分 %d年度部门预算表", y)}
	for i, t := range titles {
		toc = append(toc, "　"+cnNum[i+1]+"、"+t)
	}
	toc = append(toc, fmt.Sprintf("第三部分 %d年度部门预算情况说明", y), "第四部分 名词解释")
	b.pageBreak()
	b.add(Block{Kind: bTOC, Text: "目　录", Lines: toc})
	b.pageBreak()
	b.heading(1, "第一部分 部门概况")
	b.heading(2, "一、主要职能")
	b.functions()
	b.heading(2, "二、部门机构设置及预算单位构成情况")
	b.para(fmt.Sprintf("从预算单位构成看，纳入本部门%d年度部门汇总预算编制范围的预算单位共%d家，包括：%s。", y, len(d.Units), strings.Join(d.Units, "、")))
	b.pageBreak()
	b.heading(1, fmt.Sprintf("第二部分 %d年度部门预算表", y))
	org := "部门：" + d.Name
	mark := b.chance(0.5)
	for i, build := range []func(string) *Table{
		b.jsysSummary, b.jsysIncome, b.jsysExpend, b.jsysFiscal,
		func(t string) *Table { return b.jsysFunc(t, "fis", len(r.Fund) > 0) },
		func(t string) *Table { return b.jsysEcon(t, "fis") },
		func(t string) *Table { return b.jsysFunc(t, "gpb", false) },
		func(t string) *Table { return b.jsysEcon(t, "gpb") },
		b.jsysThree, b.jsysFund, b.jsysOpExp, b.jsysProc,
	} {
		title := titles[i]
		if !mark {
			title = fmt.Sprintf("%s、%d年度%s%s", cnNum[i+1], y, d.Name, titles[i])
		}
		t := build(title)
		if mark {
			t.Mark = fmt.Sprintf("公开%02d表", i+1)
			t.Org = org
		}
		if i > 0 && (b.chance(0.6) || t.Landscape) {
			b.pageBreak()
		}
		b.table(t)
	}
	b.pageBreak()
	b.heading(1, fmt.Sprintf("第三部分 %d年度部门预算情况说明", y))
	b.jsysNarrative()
	b.pageBreak()
	b.heading(1, "第四部分 名词解释")
	for i, t := range []string{"财政拨款：指一般公共预算财政拨款和政府性基金预算财政拨款。", "一般公共预算：包括公共财政拨款（补助）资金、专项收入。",
		"财政专户管理资金：包括专户管理行政事业性收费（主要是教育收费）、其他非税收入。", "其他资金：包括事业收入、经营收入、其他收入等。",
		"基本支出：指为保障机构正常运转、完成工作任务而发生的人员支出和公用支出。", "项目支出：指在基本支出之外为完成特定工作任务和事业发展目标所发生的支出。",
		"单位预留机动经费：指预算单位年初预留用于年度执行中增人、增资等不可预见支出的经费。",
		"“三公”经费：指部门用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
		"机关运行经费：指行政单位（含参照公务员法管理的事业单位）使用一般公共预算安排的基本支出中的日常公用经费支出。"} {
		b.para(cnNum[i+1] + "、" + t)
	}
}

// jsysSummary is the Jiangsu 收支预算总表: 收入 | 支出 by function | 支出 by
// use (基本支出, 项目支出, 单位预留机动经费).
func (b *builder) jsysSummary(title string) *Table {
	r := b.r
	t := &Table{Title: title, Unit: "单位：万元", Landscape: b.chance(0.5)}
	t.Head = [][]Cell{{span("收入", 2, 1), span("支出", 4, 1)},
		{span("项目名称", 1, 2), span("金额", 1, 2), span("功能分类", 2, 1), span("支出用途", 2, 1)},
		{span("功能科目名称", 1, 1), span("金额", 1, 1), span("项目名称", 1, 1), span("金额", 1, 1)}}
	t.Widths = []string{"18%", "12%", "26%", "12%", "18%", "12%"}
	type line struct {
		label string
		key   *factKey
		v     Fen
	}
	left := []line{
		{"一、财政拨款", nil, r.IncGPB + r.IncFund},
		{" 1.一般公共预算", k("income.fiscal.gpb", "amount"), r.IncGPB},
		{" 2.政府性基金预算", k("income.fiscal.gov_fund", "amount"), r.IncFund},
		{"二、财政专户管理资金", nil, 0},
		{"三、其他资金", nil, r.IncBiz + r.IncOther + r.IncOper + r.IncSup},
	}
	uses := []line{
		{"一、基本支出", k("expenditure.basic", "amount"), r.Basic()},
		{"二、项目支出", k("expenditure.project", "amount"), r.Project()},
		{"三、单位预留机动经费", nil, r.GPBReserve()},
	}
	classes := classList(r.Year)
	for i, c := range classes {
		row := []Cell{txt(""), {Num: true}}
		if i < len(left) {
			row = []Cell{{Text: left[i].label, Cls: "name"}, b.cell(fmt.Sprintf("t:sum:l%d", i), left[i].key, "", true, left[i].v)}
		}
		row = append(row, Cell{Text: fmt.Sprintf("%s、%s", cnNum[i+1], className(c, r.Year)), Cls: "name"}, b.cell("t:sum:c"+c, nil, "", false, sumItems(allItems(r), c, vTotal)))
		if i < len(uses) {
			row = append(row, Cell{Text: uses[i].label, Cls: "name"}, b.cell(fmt.Sprintf("t:sum:u%d", i), uses[i].key, "", true, uses[i].v))
		} else {
			row = append(row, txt(""), Cell{Num: true})
		}
		t.Body = append(t.Body, row)
	}
	var cs []string
	for _, c := range classes {
		cs = append(cs, "t:sum:c"+c)
	}
	b.sum("t:sum:l0", "t:sum:l1", "t:sum:l2")
	b.sum("t:sum:inc", "t:sum:l0", "t:sum:l3", "t:sum:l4")
	b.sum("t:sum:exp", cs...)
	b.sum("t:sum:exp", "t:sum:u0", "t:sum:u1", "t:sum:u2")
	b.sum("t:sum:tot", "t:sum:inc", "t:sum:c0")
	b.sum("t:sum:tot2", "t:sum:exp", "t:sum:c1")
	tot := r.Total()
	t.Body = append(t.Body,
		[]Cell{{Text: "当年收入小计", Cls: "tot"}, b.cell("t:sum:inc", k("income.total", "amount"), "", true, r.IncTotal()), txt(""), {Num: true},
			{Text: "当年支出小计", Cls: "tot"}, b.cell("t:sum:exp", k("expenditure.total", "amount"), "", true, r.ExpTotal())},
		[]Cell{{Text: "上年结转资金", Cls: "name"}, b.cell("t:sum:c0", k("income.carryover", "amount"), "", true, 0), txt(""), {Num: true},
			{Text: "结转下年资金", Cls: "name"}, b.cell("t:sum:c1", k("expenditure.carryover", "amount"), "", true, 0)},
		[]Cell{{Text: "收入合计", Cls: "tot"}, b.cell("t:sum:tot", k("total", "amount"), "", true, tot), txt(""), {Num: true},
			{Text: "支出合计", Cls: "tot"}, b.cell("t:sum:tot2", k("total", "amount"), "", true, tot)})
	return t
}

// jsysIncome is the 收入预算总表, a vertical list by source.
func (b *builder) jsysIncome(title string) *Table {
	r := b.r
	t := &Table{Title: title, Unit: "单位：万元"}
	t.Head = [][]Cell{{span("项目名称", 2, 1), span("金额", 1, 1)}}
	t.Widths = []string{"30%", "40%", "30%"}
	other := r.IncBiz + r.IncOper + r.IncOther + r.IncSup
	rows := []struct {
		a, b string
		v    Fen
		span int
	}{
		{"收入总计", "", r.Total(), 0},
		{"一般公共预算资金", "小计", r.IncGPB, 3}, {"", "公共财政拨款(补助)资金", r.IncGPB, -1}, {"", "专项收入", 0, -1},
		{"政府性基金", "小计", r.IncFund, 1},
		{"财政专户管理资金", "小计", 0, 3}, {"", "专户管理教育收费", 0, -1}, {"", "其他非税收入", 0, -1},
		{"其他资金", "小计", other, 4}, {"", "事业收入", r.IncBiz, -1}, {"", "经营收入", r.IncOper, -1}, {"", "其他收入", r.IncOther + r.IncSup, -1},
		{"上年结转和结余资金", "小计", 0, 2}, {"", "其中：动用上年结转和结余资金", 0, -1},
	}
	for i, x := range rows {
		id := fmt.Sprintf("t:inc:%d", i)
		switch x.span {
		case 0:
			t.Body = append(t.Body, []Cell{{Text: x.a, ColSpan: 2, Cls: "tot"}, b.cell(id, nil, "", false, x.v)})
		case -1:
			t.Body = append(t.Body, []Cell{{Text: x.b, Cls: "name"}, b.cell(id, nil, "", false, x.v)})
		default:
			t.Body = append(t.Body, []Cell{{Text: x.a, RowSpan: x.span, Cls: "c"}, {Text: x.b, Cls: "name"}, b.cell(id, nil, "", false, x.v)})
		}
	}
	return t
}

// jsysExpend is the one-row 支出预算总表.
func (b *builder) jsysExpend(title string) *Table {
	r := b.r
	t := &Table{Title: title, Unit: "单位：万元"}
	t.Head = [][]Cell{{span("合计", 1, 1), span("基本支出", 1, 1), span("项目支出", 1, 1), span("单位预留机动经费", 1, 1), span("结转下年资金", 1, 1)}}
	b.sum("t:exp:tot", "t:exp:basic", "t:exp:project", "t:exp:reserve", "t:exp:c1")
	t.Body = [][]Cell{{b.cell("t:exp:tot", k("expenditure.total", "amount"), "", false, r.ExpTotal()), b.cell("t:exp:basic", k("expenditure.basic", "amount"), "", false, r.Basic()),
		b.cell("t:exp:project", k("expenditure.project", "amount"), "", false, r.Project()), b.cell("t:exp:reserve", nil, "", false, r.GPBReserve()),
		b.cell("t:exp:c1", nil, "", false, 0)}}
	return t
}

// jsysFiscal is the 财政拨款收支预算总表: 收入 | 支出用途.
func (b *builder) jsysFiscal(title string) *Table {
	r := b.r
	t := &Table{Title: title, Unit: "单位：万元"}
	t.Head = [][]Cell{{span("收入", 2, 1), span("支出", 2, 1)}, {span("项目名称", 1, 2), span("金额", 1, 2), span("支出用途", 2, 1)}, {span("项目名称", 1, 1), span("金额", 1, 1)}}
	t.Widths = []string{"30%", "20%", "30%", "20%"}
	fb, fp, fr := r.GPBBasic(), r.GPBProject()+r.FundTotal(), r.GPBReserve()
	b.sum("t:fis:inc", "t:fis:gpb", "t:fis:fund")
	b.sum("t:fis:exp", "t:fis:basic", "t:fis:proj", "t:fis:res")
	t.Body = [][]Cell{
		{{Text: "一、一般公共预算", Cls: "name"}, b.cell("t:fis:gpb", k("income.fiscal.gpb", "amount"), "", false, r.IncGPB), {Text: "一、基本支出", Cls: "name"}, b.cell("t:fis:basic", nil, "", false, fb)},
		{{Text: "二、政府性基金预算", Cls: "name"}, b.cell("t:fis:fund", k("income.fiscal.gov_fund", "amount"), "", false, r.IncFund), {Text: "二、项目支出", Cls: "name"}, b.cell("t:fis:proj", nil, "", false, fp)},
		{txt(""), {Num: true}, {Text: "三、单位预留机动经费", Cls: "name"}, b.cell("t:fis:res", nil, "", false, fr)},
		{{Text: "收入合计", Cls: "tot"}, b.cell("t:fis:inc", k("fiscal.total", "amount"), "", true, r.FiscalTotal()), {Text: "支出合计", Cls: "tot"}, b.cell("t:fis:exp", k("fiscal.total", "amount"), "", true, r.FiscalTotal())},
	}
	return t
}

// jsysFunc is a function table with one amount column: the 财政拨款 one
// (which holds 政府性基金 items too) or the 一般公共预算 one.
func (b *builder) jsysFunc(title, id string, withFund bool) *Table {
	r := b.r
	items := r.Items
	var fact func(level, code string) *factKey
	if id == "gpb" {
		fact = gpbFacts(r.Year)
	}
	if withFund {
		items = allItems(r)
	}
	if id == "fis" && !withFund {
		fact = gpbFacts(r.Year)
	}
	ft := funcTable{id: id, items: items, cols: []col{{id: "amt", val: vGPB, fact: fact}}, year: r.Year, headRows: 1,
		codeHead: b.pick("功能科目代码", "功能科目编码", "科目编码"), nameHead: b.pick("功能科目名称", "科目名称"), totalTop: true, primary: id == "gpb"}
	if b.tf.Codes != "single" {
		ft.headRows = 2
	}
	head, body, widths := b.funcTableRows(ft)
	head = jsHead(head, []string{"金额"})
	return &Table{Title: title, Unit: "单位：万元", Head: head, Body: body, Widths: append(widths, "22%"), Repeat: b.chance(0.3),
		VAlign: b.pick("top", "middle", "bottom")}
}

// jsysEcon is a 基本支出 table by economic classification, one amount
// column, 合计 first; the 一般公共预算 one states gpb.basic.
func (b *builder) jsysEcon(title, id string) *Table {
	r := b.r
	t := &Table{Title: title, Unit: "单位：万元", Repeat: b.chance(0.3)}
	t.Head = [][]Cell{{span("科目编码", 1, 1), span("科目名称", 1, 1), span("金额", 1, 1)}}
	t.Widths = []string{"20%", "50%", "30%"}
	var key *factKey
	if id == "gpb" {
		key = k("gpb.basic", "amount")
	}
	t.Body = append(t.Body, []Cell{{Text: "合计", ColSpan: 2, Cls: "tot"}, b.cell("t:econ"+id+":tot", key, "", id == "gpb", r.GPBBasic())})
	var cls []string
	for _, c := range []string{"301", "302", "303", "310"} {
		var ls []string
		for _, l := range b.econLines(c, false) {
			ls = append(ls, "t:econ"+id+":"+l.Code)
		}
		if len(ls) > 0 {
			cls = append(cls, "t:econ"+id+":"+c)
			b.sum("t:econ"+id+":"+c, ls...)
		}
	}
	b.sum("t:econ"+id+":tot", cls...)
	for _, c := range []string{"301", "302", "303", "310"} {
		lines := b.econLines(c, false)
		if len(lines) == 0 {
			continue
		}
		t.Body = append(t.Body, []Cell{{Text: c, Cls: "code"}, {Text: econNames[c], Cls: "name"}, b.cell("t:econ"+id+":"+c, nil, "", false, r.econClass(c))})
		for _, l := range lines {
			t.Body = append(t.Body, []Cell{{Text: l.Code, Cls: "code"}, {Text: econNames[l.Code], Cls: "name"}, b.cell("t:econ"+id+":"+l.Code, nil, "", false, l.Amt)})
		}
	}
	return t
}

// jsysThree is the “三公”经费、会议费、培训费 table: 合计 holds 会议费 and
// 培训费, the “三公” total is its 小计.
func (b *builder) jsysThree(title string) *Table {
	r := b.r
	t3 := &r.Three
	t := &Table{Title: title, Unit: "单位：万元", Small: true, Landscape: b.chance(0.4)}
	t.Head = [][]Cell{
		{span("合计", 1, 3), span("“三公”经费", 6, 1), span("会议费", 1, 3), span("培训费", 1, 3)},
		{span("小计", 1, 2), span("因公出国（境）费", 1, 2), span("公务用车购置及运行维护费", 3, 1), span("公务接待费", 1, 2)},
		{span("小计", 1, 1), span("公务用车购置费", 1, 1), span("公务用车运行维护费", 1, 1)},
	}
	b.sum("t:three:all", "t:three:total", "t:three:meet", "t:three:train")
	b.sum("t:three:total", "t:three:ov", "t:three:veh", "t:three:rec")
	b.sum("t:three:veh", "t:three:pur", "t:three:op")
	t.Body = [][]Cell{{
		b.cell("t:three:all", nil, "", false, t3.Total()+t3.Meeting+t3.Training),
		b.cell("t:three:total", k("three_public.total", "amount"), "", true, t3.Total()),
		b.cell("t:three:ov", k("three_public.overseas", "amount"), "", true, t3.Overseas),
		b.cell("t:three:veh", k("three_public.vehicle", "amount"), "", true, t3.Vehicle()),
		b.cell("t:three:pur", k("three_public.vehicle.purchase", "amount"), "", true, t3.Purchase),
		b.cell("t:three:op", k("three_public.vehicle.operation", "amount"), "", true, t3.Operation),
		b.cell("t:three:rec", k("three_public.reception", "amount"), "", true, t3.Reception),
		b.cell("t:three:meet", nil, "", false, t3.Meeting),
		b.cell("t:three:train", nil, "", false, t3.Training),
	}}
	return t
}

// jsysFund is the 政府性基金 function table: empty (with or without a
// note) or with the fund items.
func (b *builder) jsysFund(title string) *Table {
	r := b.r
	ft := funcTable{id: "gov_fund.expenditure", items: r.Fund, cols: []col{{id: "amt", val: func(it *Item) Fen { return it.GProject + it.GBasic },
		fact: totalOnly("gov_fund.expenditure", "amount")}}, year: r.Year, headRows: 1, codeHead: "功能科目代码", nameHead: "功能科目名称", totalTop: true, primary: true}
	if b.tf.Codes != "single" {
		ft.headRows = 2
	}
	head, body, widths := b.funcTableRows(ft)
	head = jsHead(head, []string{"金额"})
	t := &Table{Title: title, Unit: "单位：万元", Head: head, Body: body, Widths: append(widths, "22%")}
	if len(r.Fund) == 0 {
		b.doc.Sites = dropTable(b.doc.Sites, "t:gov_fund.expenditure:")
		t.Body = [][]Cell{{{Text: "合计", ColSpan: b.ncode() + 1, Cls: "tot"}, {Num: true}}}
		if b.chance(0.5) {
			t.Note = "注：本部门无相关收支项目。"
			b.record("n:note:fund", k("gov_fund.expenditure", "amount"), "", false, false, "0", t.Note)
		}
	}
	return t
}

// jsysOpExp is the 机关运行经费支出预算表: the 302 lines.
func (b *builder) jsysOpExp(title string) *Table {
	r := b.r
	t := &Table{Title: title, Unit: "单位：万元"}
	t.Head = [][]Cell{{span("科目编码", 1, 1), span("科目名称", 1, 1), span("机关运行经费支出", 1, 1)}}
	t.Widths = []string{"20%", "50%", "30%"}
	if !r.HasOpExp {
		t.Body = [][]Cell{{{Text: "合计", ColSpan: 2, Cls: "tot"}, b.cell("t:opexp", k("operating_expense", "amount"), "", true, 0)}}
		return t
	}
	t.Body = append(t.Body, []Cell{{Text: "合计", ColSpan: 2, Cls: "tot"}, b.cell("t:opexp", k("operating_expense", "amount"), "", true, r.OpExp)})
	var cls []string
	for _, c := range []string{"302", "310"} {
		var ls []string
		for _, l := range b.econLines(c, false) {
			ls = append(ls, "t:opexp:"+l.Code)
		}
		if len(ls) > 0 {
			cls = append(cls, "t:opexp:"+c)
			b.sum("t:opexp:"+c, ls...)
		}
	}
	b.sum("t:opexp", cls...)
	for _, c := range []string{"302", "310"} {
		lines := b.econLines(c, false)
		if len(lines) == 0 {
			continue
		}
		t.Body = append(t.Body, []Cell{{Text: c, Cls: "code"}, {Text: econNames[c], Cls: "name"}, b.cell("t:opexp:"+c, nil, "", false, r.econClass(c))})
		for _, l := range lines {
			t.Body = append(t.Body, []Cell{{Text: l.Code, Cls: "code"}, {Text: econNames[l.Code], Cls: "name"}, b.cell("t:opexp:"+l.Code, nil, "", false, l.Amt)})
		}
	}
	return t
}

// jsysProc is the 政府采购支出预算表 by 采购品目大类.
func (b *builder) jsysProc(title string) *Table {
	p := b.r.Proc
	t := &Table{Title: title, Unit: "单位：万元"}
	t.Head = [][]Cell{{span("采购品目大类", 1, 1), span("总计", 1, 1)}}
	t.Widths = []string{"60%", "40%"}
	tot := p.Goods + p.Works + p.Services
	b.sum("t:proc", "t:procurement.goods", "t:procurement.works", "t:procurement.services")
	t.Body = [][]Cell{{{Text: "合计", Cls: "tot"}, b.cell("t:proc", k("procurement.total", "amount"), "", true, tot)}}
	for _, x := range []struct {
		label, metric string
		v             Fen
	}{{"一、货物A", "procurement.goods", p.Goods}, {"二、工程B", "procurement.works", p.Works}, {"三、服务C", "procurement.services", p.Services}} {
		if x.v == 0 && b.chance(0.5) {
			continue // a category with nothing is left out (no fact)
		}
		t.Body = append(t.Body, []Cell{{Text: x.label, Cls: "name"}, b.cell("t:"+x.metric, k(x.metric, "amount"), "", true, x.v)})
	}
	return t
}

// jsysNarrative is 第三部分 情况说明.
func (b *builder) jsysNarrative() {
	r, d := b.r, b.r.Dept
	y := r.Year
	who := d.Name
	tot := r.Total()
	b.heading(2, "一、收支预算总体情况说明")
	chg, dir := b.yoy("n:total", "total", tot, r.PriorTotal, true)
	verb := "各" + chg
	if dir == 0 {
		verb = chg
	}
	b.para(fmt.Sprintf("%s%d年度收入、支出预算总计%s，与上年相比收、支预算总计%s。其中：", who, y, b.wan("n:total", k("total", "amount"), tot), verb))
	b.para(fmt.Sprintf("（一）收入预算总计%s。包括：", b.wan("n:total:2", k("total", "amount"), tot)))
	b.para(fmt.Sprintf("1．财政拨款收入预算总计%s。", b.wan("n:fiscal:0", k("fiscal.total", "amount"), r.FiscalTotal())))
	gc, gdir := b.yoy("n:gpbinc", "", r.IncGPB, r.PriorGPB, true)
	b.para(fmt.Sprintf("（1）一般公共预算收入预算%s，与上年相比%s。", b.wan("n:inc:gpb", k("income.fiscal.gpb", "amount"), r.IncGPB), gc) + b.because(gdir))
	b.para(fmt.Sprintf("（2）政府性基金收入预算%s，与上年相比增加（减少）0万元。", b.wan("n:inc:fund", k("income.fiscal.gov_fund", "amount"), r.IncFund)))
	b.para("2．财政专户管理资金收入预算总计0万元。主要原因是本部门无此项收入。")
	b.para("3．其他资金收入预算总计0万元。主要原因是本部门无此项收入。")
	b.para(fmt.Sprintf("4．上年结转资金预算数为%s。主要原因是本部门无此项收入。", b.wan("n:c0", k("income.carryover", "amount"), 0)))
	b.para(fmt.Sprintf("（二）支出预算总计%s。包括：", b.wan("n:total:3", k("total", "amount"), tot)))
	zhichu := b.chance(0.5)
	for i, c := range classesOf(r.Items) {
		v := sumItems(r.Items, c, vGPB)
		prior := sumItems(r.Items, c, func(it *Item) Fen { return it.Prior })
		name := fname(c, y)
		label := shortClass(name) + "（类）支出"
		if zhichu {
			label = name + "（类）"
		}
		cc, cdir := b.yoy("n:cls:"+c, "", v, prior, true)
		b.para(fmt.Sprintf("%d．%s%s，主要用于%s。与上年相比%s。", i+1, label, b.wanCode("n:cls:"+c, &factKey{"gpb.class", "amount", name}, c, v),
			purpose(r.Items[0].Code), cc) + b.because(cdir))
	}
	// The uses under 支出预算总计 are all funds' (as the 支出预算总表 gives
	// them), the money beyond 一般公共预算 taken as last year's too.
	for _, x := range []struct {
		name       string
		cur, prior Fen
	}{{"基本支出", r.Basic(), r.PriorBasic + r.Basic() - r.GPBBasic()},
		{"项目支出", r.Project(), r.PriorProject + r.Project() - r.GPBProject()},
		{"单位预留机动经费", r.GPBReserve(), r.PriorReserve}} {
		if x.cur == 0 && x.prior == 0 {
			continue
		}
		c, cdir := b.yoy("n:use:"+x.name, "", x.cur, x.prior, x.prior != 0)
		b.para(fmt.Sprintf("%s预算数为%s万元。与上年相比%s。", x.name, trimZeros(wanText(x.cur, false)), c) + b.because(cdir))
	}
	b.heading(2, "二、收入预算情况说明")
	it := r.IncTotal()
	b.para(fmt.Sprintf("%s本年收入预算合计%s，其中：", who, b.wan("n:inc", k("income.total", "amount"), it)))
	b.para(fmt.Sprintf("一般公共预算收入%s，占%s；", b.wan("n:inc:gpb:2", k("income.fiscal.gpb", "amount"), r.IncGPB), b.share("n:inc:gpb:s", k("income.fiscal.gpb", "share_pct"), "", r.IncGPB, it)))
	b.para(fmt.Sprintf("政府性基金预算收入%s，占%s；", b.wan("n:inc:fund:2", k("income.fiscal.gov_fund", "amount"), r.IncFund), b.share("n:inc:fund:s", k("income.fiscal.gov_fund", "share_pct"), "", r.IncFund, it)))
	b.para(fmt.Sprintf("上年结转资金%s，占%s。", b.wan("n:c0:2", k("income.carryover", "amount"), 0), b.share("n:c0:s", k("income.carryover", "share_pct"), "", 0, it)))
	b.heading(2, "三、支出预算情况说明")
	et := r.ExpTotal()
	b.para(fmt.Sprintf("%s本年支出预算合计%s，其中：", who, b.wan("n:exp", k("expenditure.total", "amount"), et)))
	b.para(fmt.Sprintf("基本支出%s，占%s；", b.wan("n:basic", k("expenditure.basic", "amount"), r.Basic()), b.share("n:basic:s", k("expenditure.basic", "share_pct"), "", r.Basic(), et)))
	b.para(fmt.Sprintf("项目支出%s，占%s；", b.wan("n:proj", k("expenditure.project", "amount"), r.Project()), b.share("n:proj:s", k("expenditure.project", "share_pct"), "", r.Project(), et)))
	if r.GPBReserve() > 0 {
		b.para(fmt.Sprintf("单位预留机动经费%s万元，占%s%%；", trimZeros(wanText(r.GPBReserve(), false)), pctText(pctOf(r.GPBReserve(), et), b.nf.PctDec, b.nf.PctTrim)))
	}
	b.para(fmt.Sprintf("结转下年资金%s，占%s。", b.wan("n:c1", k("expenditure.carryover", "amount"), 0), b.share("n:c1:s", k("expenditure.carryover", "share_pct"), "", 0, et)))
	b.heading(2, "四、财政拨款收支预算总体情况说明")
	fc, fdir := b.yoy("n:fiscal", "fiscal.total", r.FiscalTotal(), r.PriorFiscal, true)
	b.para(fmt.Sprintf("%s%d年度财政拨款收、支总预算%s。与上年相比，财政拨款收、支总计各%s。", who, y, b.wan("n:fiscal", k("fiscal.total", "amount"), r.FiscalTotal()), fc) + b.because(fdir))
	b.heading(2, "五、财政拨款支出预算情况说明")
	gpb := r.GPBTotal()
	gc, gdir = b.yoy("n:gpb", "gpb.expenditure", gpb, r.PriorGPB, true)
	b.para(fmt.Sprintf("%s%d年财政拨款预算支出%s，占本年支出合计的%s。与上年相比，财政拨款支出%s。", who, y, b.wan("n:gpb", k("gpb.expenditure", "amount"), gpb),
		b.share("n:gpb:s", k("gpb.expenditure", "share_pct"), "", gpb, et), gc) + b.because(gdir))
	b.para("其中：")
	for ci, c := range classesOf(r.Items) {
		b.para(fmt.Sprintf("（%s）%s（类）", cnNum[ci+1], shortClass(fname(c, y))))
		n := 0
		for _, it := range r.Items {
			if it.Code[:3] != c || it.GPB() == 0 {
				continue
			}
			n++
			subj := subject(it.Code, y)
			ic, idir := b.yoy("n:item:"+it.Code, "", it.GPB(), it.Prior, true)
			cmp := "与上年相比" + ic
			if idir == 0 {
				cmp = "与上年一致"
			}
			b.para(fmt.Sprintf("%d．%s（款）%s（项）支出%s，%s。", n, fname(it.Code[:5], y), fname(it.Code, y),
				b.wanCode("n:item:"+it.Code, &factKey{"gpb.item", "amount", subj}, it.Code, it.GPB()), cmp) + b.because(idir))
		}
	}
	b.heading(2, "六、财政拨款基本支出预算情况说明")
	b.jsysBasic("n:b1", who, "财政拨款基本支出预算")
	b.heading(2, "七、一般公共预算支出预算情况说明")
	gc, gdir = b.yoy("n:gpb7", "gpb.expenditure", gpb, r.PriorGPB, true)
	b.para(fmt.Sprintf("%s%d年一般公共预算财政拨款支出预算%s，与上年相比%s。", who, y, b.wan("n:gpb7", k("gpb.expenditure", "amount"), gpb), gc) + b.because(gdir))
	b.heading(2, "八、一般公共预算基本支出预算情况说明")
	b.jsysBasic("n:b2", who, "一般公共预算财政拨款基本支出预算")
	b.heading(2, "九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明")
	b.jsysThreeText(who)
	b.heading(2, "十、政府性基金预算支出预算情况说明")
	b.para(fmt.Sprintf("%s%d年政府性基金支出预算支出%s。", who, y, b.wan("n:fund", k("gov_fund.expenditure", "amount"), r.FundTotal())))
	b.heading(2, "十一、一般公共预算机关运行经费支出预算情况说明")
	if r.HasOpExp {
		oc, odir := b.yoy("n:opexp", "operating_expense", roundTo(r.OpExp, WanCent), r.PriorOpExp, true)
		b.para(fmt.Sprintf("%d年本部门一般公共预算机关运行经费预算支出%s，与上年相比%s。", y, b.wan("n:opexp", k("operating_expense", "amount"), r.OpExp), oc) + b.because(odir))
	} else {
		b.para(fmt.Sprintf("%d年本部门%s。", y, b.absence("n:opexp", k("operating_expense", "amount"), "无机关运行经费")))
	}
	b.heading(2, "十二、政府采购支出预算情况说明")
	p := r.Proc
	b.para(fmt.Sprintf("%d年度本部门政府采购支出预算总额%s，其中：拟采购货物支出%s、拟采购工程支出%s、拟购买服务支出%s。", y,
		b.wan("n:proc", k("procurement.total", "amount"), p.Goods+p.Works+p.Services), b.wan("n:proc:g", k("procurement.goods", "amount"), p.Goods),
		b.wan("n:proc:w", k("procurement.works", "amount"), p.Works), b.wan("n:proc:s", k("procurement.services", "amount"), p.Services)))
	b.heading(2, "十三、国有资产占用情况")
	b.para(fmt.Sprintf("本部门共有车辆%s辆，其中，一般公务用车%d辆。单价20万元（含）以上的设备%d台（套）。", b.count("n:vehicles", k("assets.vehicles", "count"), r.Vehicles), r.Vehicles, b.rng.IntN(80)))
	b.heading(2, "十四、预算绩效目标设置情况说明")
	b.para(fmt.Sprintf("%d年本部门共%d个项目实行绩效目标管理，涉及财政性资金合计%s万元。", y, r.PerfN, trimZeros(wanText(r.PerfAmt, false))))
}

// jsysBasic states a budget's 基本支出 with 人员经费 and 公用经费.
func (b *builder) jsysBasic(id, who, what string) {
	r := b.r
	b.para(fmt.Sprintf("%s%d年度%s%s，其中：", who, r.Year, what, b.wan(id, k("gpb.basic", "amount"), r.GPBBasic())))
	b.para(fmt.Sprintf("（一）人员经费%s。主要包括：%s。", b.wan(id+":P", k("gpb.basic.personnel", "amount"), r.Personnel()), econWords(r, 'P')))
	b.para(fmt.Sprintf("（二）公用经费%s。主要包括：%s。", b.wan(id+":G", k("gpb.basic.public", "amount"), r.Public()), econWords(r, 'G')))
}

// jsysThreeText is the Jiangsu “三公” text: shares of the “三公” total
// (which the narrative itself never states), then each part's change.
func (b *builder) jsysThreeText(who string) {
	r := b.r
	t := &r.Three
	tot := t.Total()
	if tot == 0 {
		b.para(fmt.Sprintf("%s%d年度一般公共预算拨款未安排“三公”经费。", who, r.Year))
		return
	}
	b.para(fmt.Sprintf("%s%d年度一般公共预算拨款安排的“三公”经费预算支出中，因公出国（境）费支出%s，占“三公”经费的%s；公务用车购置及运行费支出%s，占“三公”经费的%s；公务接待费支出%s，占“三公”经费的%s。具体情况如下：",
		who, r.Year, b.wan("n:3:ov", k("three_public.overseas", "amount"), t.Overseas), b.share("n:3:ov:s", k("three_public.overseas", "share_pct"), "", t.Overseas, tot),
		b.wan("n:3:veh", k("three_public.vehicle", "amount"), t.Vehicle()), b.share("n:3:veh:s", k("three_public.vehicle", "share_pct"), "", t.Vehicle(), tot),
		b.wan("n:3:rec", k("three_public.reception", "amount"), t.Reception), b.share("n:3:rec:s", k("three_public.reception", "share_pct"), "", t.Reception, tot)))
	cmp := func(id, metric string, v, prior Fen) string {
		c, dir := b.yoy(id, metric, v, prior, false)
		if dir == 0 {
			return "与上年一致。"
		}
		return "比上年预算" + c + "。" + b.because(dir)
	}
	b.para(fmt.Sprintf("1．因公出国（境）费预算支出%s，%s", b.wan("n:3:ov:2", k("three_public.overseas", "amount"), t.Overseas), cmp("n:3:ov", "three_public.overseas", t.Overseas, t.POverseas)))
	b.para(fmt.Sprintf("2．公务用车购置及运行费预算支出%s。其中：", b.wan("n:3:veh:2", k("three_public.vehicle", "amount"), t.Vehicle())))
	b.para(fmt.Sprintf("（1）公务用车购置预算支出%s，%s", b.wan("n:3:pur", k("three_public.vehicle.purchase", "amount"), t.Purchase), cmp("n:3:pur", "", t.Purchase, t.PPurchase)))
	b.para(fmt.Sprintf("（2）公务用车运行维护费预算支出%s，%s", b.wan("n:3:op", k("three_public.vehicle.operation", "amount"), t.Operation), cmp("n:3:op", "", t.Operation, t.POperation)))
	b.para(fmt.Sprintf("3．公务接待费预算支出%s，%s", b.wan("n:3:rec:2", k("three_public.reception", "amount"), t.Reception), cmp("n:3:rec", "three_public.reception", t.Reception, t.PReception)))
	b.para(fmt.Sprintf("%s%d年度一般公共预算拨款安排的会议费预算支出%s万元，培训费预算支出%s万元。", who, r.Year, trimZeros(wanText(t.Meeting, false)), trimZeros(wanText(t.Training, false))))
}
