package main

import (
	"fmt"
	"strings"
)

// Style shys: a Shanghai 区级 部门预算 or 单位预算 (modelled on the 普陀区
// 人民政府办公室 2025 部门预算, the 社会福利院 2024 单位预算 and the 市财政局
// 2025 单位预算): narrative first, nine tables in 元 (the “三公” table in
// 万元), then 其他相关情况说明.
func buildSHYS(b *builder) {
	r, d := b.r, b.r.Dept
	y := r.Year
	unit := d.Scope == "单位"
	who, tbl, org := "部门", "部门", "编制部门："+d.Name
	if unit {
		who, tbl, org = "单位", "预算单位", "编制单位："+d.Name
	}
	level := "区级"
	if d.Level == Province {
		level = "市级"
	}
	if unit {
		b.add(Block{Kind: bCover, Lines: []string{fmt.Sprintf("%s%d年单位预算", d.Name, y), "预算单位：" + d.Name}})
	} else {
		region := d.Region
		b.add(Block{Kind: bCover, Lines: []string{fmt.Sprintf("%s%d年%s部门预算", region, y, level), "预算主管部门：" + d.Name}})
	}
	titles := []string{
		fmt.Sprintf("%d年%s财务收支预算总表", y, tbl), fmt.Sprintf("%d年%s收入预算总表", y, tbl), fmt.Sprintf("%d年%s支出预算总表", y, tbl),
		fmt.Sprintf("%d年%s财政拨款收支预算总表", y, tbl), fmt.Sprintf("%d年%s一般公共预算支出功能分类预算表", y, tbl),
		fmt.Sprintf("%d年%s政府性基金预算支出功能分类预算表", y, tbl), fmt.Sprintf("%d年%s国有资本经营预算支出功能分类预算表", y, tbl),
		fmt.Sprintf("%d年%s一般公共预算基本支出部门预算经济分类预算表", y, tbl), fmt.Sprintf("%d年%s“三公”经费和机关运行经费预算表", y, tbl),
	}
	toc := []string{"一、" + who + "主要职能", "二、" + who + "机构设置", "三、名词解释", "四、" + who + "预算编制说明", "五、" + who + "预算表"}
	for i, t := range titles {
		toc = append(toc, fmt.Sprintf("　%d．%s", i+1, t))
	}
	toc = append(toc, "六、其他相关情况说明")
	b.pageBreak()
	b.add(Block{Kind: bTOC, Text: "目　录", Lines: toc})
	b.pageBreak()
	b.heading(1, d.Name+"主要职能")
	b.functions()
	b.pageBreak()
	b.heading(1, d.Name+"机构设置")
	if unit {
		b.para(fmt.Sprintf("%s设%d个内设机构，包括：办公室、财务室、业务科室等。", d.Name, 3+b.rng.IntN(5)))
	} else {
		b.para(fmt.Sprintf("%s部门预算是包括%s本部以及下属%d家单位的综合收支计划。", d.Name, d.Name, len(d.Units)-1))
	}
	b.pageBreak()
	b.heading(1, "名词解释")
	b.glossary(true)
	b.pageBreak()
	b.heading(1, fmt.Sprintf("%d年%s预算编制说明", y, who))
	b.shysNarrative(who)

	for i, build := range []func() *Table{
		func() *Table { return b.ysSummary(titles[0], org) },
		func() *Table { return b.ysIncome(titles[1], org) },
		func() *Table { return b.ysExpend(titles[2], org) },
		func() *Table { return b.ysFiscal(titles[3], org) },
		func() *Table { return b.ysGPB(titles[4], org) },
		func() *Table {
			return b.ysEmpty(titles[5], org, "gov_fund.expenditure", "政府性基金预算支出", fmt.Sprintf("注:本%s%d年无政府性基金预算财政拨款安排的预算，故本表为空表。", who, y))
		},
		func() *Table {
			return b.ysEmpty(titles[6], org, "state_capital.expenditure", "国有资本经营预算支出", fmt.Sprintf("注:本%s%d年无国有资本经营预算财政拨款安排的预算，故本表为空表。", who, y))
		},
		func() *Table { return b.ysEcon(titles[7], org) },
		func() *Table { return b.ysThree(titles[8], org) },
	} {
		_ = i
		b.pageBreak()
		b.table(build())
	}
	b.pageBreak()
	b.heading(1, "其他相关情况说明")
	b.shysOther(who)
}

// shysNarrative is the 预算编制说明: income and spending against last
// year's budget, then each 项.
func (b *builder) shysNarrative(who string) {
	r, d := b.r, b.r.Dept
	y, py := r.Year, r.Year-1
	fiscal := r.IncGPB + r.IncFund + r.IncCap
	priorFiscal := r.PriorFiscal
	yoyF := func(id string) string {
		c, dir := b.yoy(id, "fiscal.total", fiscal, priorFiscal, false)
		if dir == 0 {
			return "，与" + fmt.Sprint(py) + "年预算" + c
		}
		return "，比" + fmt.Sprint(py) + "年预算" + c
	}
	b.para(fmt.Sprintf("%d年，%s收入预算%s，其中：财政拨款收入%s%s；事业收入%s；事业单位经营收入%s；其他收入%s。", y, d.Name,
		b.wan("n:inc:total", k("income.total", "amount"), r.IncTotal()), b.wan("n:fiscal", k("fiscal.total", "amount"), fiscal), yoyF("n:fiscal"),
		b.wan("n:inc:biz", k("income.business", "amount"), r.IncBiz), b.wan("n:inc:oper", k("income.operating", "amount"), r.IncOper),
		b.wan("n:inc:other", k("income.other", "amount"), r.IncOther)))
	gc, gdir := b.yoy("n:gpb", "gpb.expenditure", r.GPBTotal(), r.PriorGPB, false)
	gcmp := "，比" + fmt.Sprint(py) + "年预算" + gc
	if gdir == 0 {
		gcmp = "，与" + fmt.Sprint(py) + "年预算" + gc
	}
	b.para(fmt.Sprintf("支出预算%s，其中：财政拨款支出预算%s%s。财政拨款支出预算中，一般公共预算拨款支出预算%s%s；政府性基金拨款支出预算%s，与%d年预算持平；国有资本经营预算拨款支出预算%s，与%d年预算持平。",
		b.wan("n:exp:total", k("expenditure.total", "amount"), r.ExpTotal()), b.wan("n:fiscal:2", k("fiscal.total", "amount"), fiscal), yoyF("n:fiscal2"),
		b.wan("n:gpb", k("gpb.expenditure", "amount"), r.GPBTotal()), gcmp,
		b.wan("n:fund", k("gov_fund.expenditure", "amount"), r.FundTotal()), py, b.wan("n:cap", k("state_capital.expenditure", "amount"), 0), py))
	if fiscal != priorFiscal {
		up := fiscal > priorFiscal
		b.para(fmt.Sprintf("财政拨款收入支出%s的主要原因是%s。", map[bool]string{true: "增加", false: "减少"}[up], b.reason(up)))
	}
	b.para("财政拨款支出主要内容如下：")
	dash := b.chance(0.5)
	n := 0
	for _, it := range r.Items {
		if it.GPB() == 0 {
			continue
		}
		n++
		subj := subject(it.Code, y)
		amt := b.wanCode("n:item:"+it.Code, &factKey{"gpb.item", "amount", subj}, it.Code, it.GPB())
		if dash {
			name := strings.ReplaceAll(subj, "/", "-")
			b.para(fmt.Sprintf("%d. “%s”科目%s，主要用于%s。", n, name, amt, purpose(it.Code)))
			continue
		}
		prior := it.Prior
		s := fmt.Sprintf("%d. “%s”%s，主要用于%s。%d年当年预算执行数为%s万元，%d年预算安排%s", n, itemLabel(it.Code, y, true), amt, purpose(it.Code), py,
			wanText(prior, false), y, amt)
		switch {
		case roundTo(it.GPB(), WanCent) == prior:
			s += "，与" + fmt.Sprint(py) + "年预算执行数持平。"
		case it.GPB() > prior:
			s += fmt.Sprintf("，比%d年预算执行数增加%s%%。主要原因是：%s。", py, pctText(pctOf(roundTo(it.GPB(), WanCent)-prior, prior), 2, false), b.reason(true))
		default:
			s += fmt.Sprintf("，比%d年预算执行数减少%s%%。主要原因是：%s。", py, pctText(pctOf(prior-roundTo(it.GPB(), WanCent), prior), 2, false), b.reason(false))
		}
		b.para(s)
	}
}

// shysOther is 其他相关情况说明: “三公”, 机关运行经费, 政府采购, 绩效, 资产.
func (b *builder) shysOther(who string) {
	r, d := b.r, b.r.Dept
	t := &r.Three
	y, py := r.Year, r.Year-1
	b.heading(2, fmt.Sprintf("一、%d年“三公”经费预算情况说明", y))
	cmp := func(id, metric string, v, prior Fen) string {
		c, dir := b.yoy(id, metric, v, prior, false)
		if dir == 0 {
			return "与" + fmt.Sprint(py) + "年预算" + c
		}
		return "比" + fmt.Sprint(py) + "年预算" + c
	}
	b.para(fmt.Sprintf("%d年“三公”经费预算数为%s，%s。其中：", y, b.wan("n:3:total", k("three_public.total", "amount"), t.Total()),
		cmp("n:3:total", "three_public.total", t.Total(), t.PTotal())))
	b.para(fmt.Sprintf("（一）因公出国（境）费%s，%s。", b.wan("n:3:ov", k("three_public.overseas", "amount"), t.Overseas), cmp("n:3:ov", "three_public.overseas", t.Overseas, t.POverseas)))
	b.para(fmt.Sprintf("（二）公务用车购置及运行费%s，%s。其中：公务用车购置费%s；公务用车运行费%s。",
		b.wan("n:3:veh", k("three_public.vehicle", "amount"), t.Vehicle()), cmp("n:3:veh", "three_public.vehicle", t.Vehicle(), t.PPurchase+t.POperation),
		b.wan("n:3:pur", k("three_public.vehicle.purchase", "amount"), t.Purchase), b.wan("n:3:op", k("three_public.vehicle.operation", "amount"), t.Operation)))
	b.para(fmt.Sprintf("（三）公务接待费%s，%s。", b.wan("n:3:rec", k("three_public.reception", "amount"), t.Reception), cmp("n:3:rec", "three_public.reception", t.Reception, t.PReception)))
	b.heading(2, "二、机关运行经费预算")
	if r.HasOpExp {
		b.para(fmt.Sprintf("%d年%s下属%d家机关和%d家事业单位财政拨款的机关运行经费预算为%s。", y, d.Name, 1, len(d.Units)-1,
			b.wan("n:opexp", k("operating_expense", "amount"), r.OpExp)))
	} else {
		b.para(fmt.Sprintf("%d年%s%s。", y, d.Name, b.absence("n:opexp", k("operating_expense", "amount"), "无机关运行经费")))
	}
	b.heading(2, "三、政府采购预算情况")
	p := r.Proc
	tot := p.Goods + p.Works + p.Services
	s := fmt.Sprintf("%d年本%s政府采购预算%s，其中：政府采购货物预算%s、政府采购工程预算%s、政府采购服务预算%s。", y, who,
		b.wan("n:proc", k("procurement.total", "amount"), tot), b.wan("n:proc:g", k("procurement.goods", "amount"), p.Goods),
		b.wan("n:proc:w", k("procurement.works", "amount"), p.Works), b.wan("n:proc:s", k("procurement.services", "amount"), p.Services))
	if tot > 0 {
		s += fmt.Sprintf("%d年本%s面向中小企业预留政府采购项目预算金额%s，其中，预留给小型和微型企业的政府采购项目预算为%s。", y, who,
			b.wan("n:sme", k("procurement.sme", "amount"), p.SME), b.wan("n:small", k("procurement.small_micro", "amount"), p.Small))
	}
	b.para(s)
	b.heading(2, "四、绩效目标设置情况")
	b.para(fmt.Sprintf("按照本区预算绩效管理工作的总体要求，本%s开展了%d年项目预算绩效目标编报工作，编报绩效目标的项目%d个，涉及项目预算资金%s万元。", who, y, r.PerfN, trimZeros(wanText(r.PerfAmt, false))))
	b.heading(2, "五、国有资产占有使用情况")
	b.para(b.vehicleSentence(d.Name, fmt.Sprintf("截至%d年8月31日", py)))
	b.para(fmt.Sprintf("%d年%s预算安排购置车辆%s辆，其中：其他用车%d辆；安排购置单价100万元（含）以上设备（不含车辆）0台（套）。", y, who,
		b.count("n:3:bought", k("three_public.vehicle.purchased", "count"), t.Bought), t.Bought))
}

// ysSummary is the 财务收支预算总表; one form also splits 本年支出 into
// 基本支出 (人员经费, 公用经费) and 项目支出.
func (b *builder) ysSummary(title, org string) *Table {
	r := b.r
	t := &Table{Title: title, Org: org, Unit: b.unitLabel(), Landscape: b.chance(0.5)}
	wide := b.chance(0.3) && len(r.Fund) == 0
	if wide {
		t.Head = [][]Cell{
			{span("本年收入", 2, 1), span("本年支出", 5, 1)},
			{span("项目", 1, 2), span("预算数", 1, 2), span("项目", 1, 2), span("预算数", 4, 1)},
			{span("合计", 1, 1), span("人员经费", 1, 1), span("公用经费", 1, 1), span("项目支出", 1, 1)},
		}
		t.Widths = []string{"20%", "13%", "22%", "12%", "11%", "11%", "11%"}
	} else {
		t.Head = [][]Cell{{span("本年收入", 2, 1), span("本年支出", 2, 1)}, {span("项目", 1, 1), span("预算数", 1, 1), span("项目", 1, 1), span("预算数", 1, 1)}}
		t.Widths = []string{"30%", "20%", "30%", "20%"}
	}
	left := []struct {
		label string
		key   *factKey
		v     Fen
	}{
		{"一、财政拨款收入", nil, r.IncGPB + r.IncFund + r.IncCap},
		{b.pick("1. 一般公共预算资金", "1、一般公共预算资金"), k("income.fiscal.gpb", "amount"), r.IncGPB},
		{"2. 政府性基金", k("income.fiscal.gov_fund", "amount"), r.IncFund},
		{"3. 国有资本经营预算", k("income.fiscal.state_capital", "amount"), r.IncCap},
		{"二、事业收入", k("income.business", "amount"), r.IncBiz},
		{"三、事业单位经营收入", k("income.operating", "amount"), r.IncOper},
		{"四、其他收入", k("income.other", "amount"), r.IncOther},
	}
	classes := classesOf(allItems(r))
	n := max(len(left), len(classes)) + b.rng.IntN(4)
	for i := 0; i < n; i++ {
		var row []Cell
		if i < len(left) {
			row = []Cell{{Text: left[i].label, Cls: "name"}, b.cell(fmt.Sprintf("t:ys:l%d", i), left[i].key, "", true, left[i].v)}
		} else {
			row = []Cell{txt(""), {Num: true}}
		}
		if i < len(classes) {
			c := classes[i]
			row = append(row, Cell{Text: cnNum[i+1] + "、" + fname(c, r.Year), Cls: "name"}, b.cell("t:ys:c"+c, nil, "", false, sumItems(allItems(r), c, vTotal)))
			if wide {
				pers, pub := b.classEcon(c)
				row = append(row, b.cell("t:ys:c"+c+":p", nil, "", false, pers), b.cell("t:ys:c"+c+":g", nil, "", false, pub),
					b.cell("t:ys:c"+c+":j", nil, "", false, sumItems(allItems(r), c, vProject)))
			}
		} else {
			row = append(row, txt(""), Cell{Num: true})
			if wide {
				row = append(row, Cell{Num: true}, Cell{Num: true}, Cell{Num: true})
			}
		}
		t.Body = append(t.Body, row)
	}
	tot := r.Total()
	var cs []string
	for _, c := range classes {
		cs = append(cs, "t:ys:c"+c)
		if wide {
			b.sum("t:ys:c"+c, "t:ys:c"+c+":p", "t:ys:c"+c+":g", "t:ys:c"+c+":j")
		}
	}
	b.sum("t:ys:l0", "t:ys:l1", "t:ys:l2", "t:ys:l3")
	b.sum("t:ys:inctot", "t:ys:l0", "t:ys:l4", "t:ys:l5", "t:ys:l6")
	b.sum("t:ys:exptot", cs...)
	b.sum("t:ys:inctot", "t:ys:exptot")
	if wide {
		b.sum("t:ys:exptot", "t:ys:P", "t:ys:G", "t:ys:J")
	}
	inc := b.cell("t:ys:inctot", k("total", "amount"), "", true, tot)
	b.alsoKey("t:ys:inctot", k("income.total", "amount"))
	exp := b.cell("t:ys:exptot", k("total", "amount"), "", true, tot)
	b.alsoKey("t:ys:exptot", k("expenditure.total", "amount"))
	row := []Cell{{Text: "收入总计", Cls: "tot"}, inc, {Text: "支出总计", Cls: "tot"}, exp}
	if wide {
		row = append(row, b.cell("t:ys:P", nil, "", false, r.Personnel()+sumOBasic(r)), b.cell("t:ys:G", nil, "", false, r.Public()),
			b.cell("t:ys:J", nil, "", false, r.Project()))
	}
	t.Body = append(t.Body, row)
	return t
}

func sumOBasic(r *Report) Fen {
	var s Fen
	for _, it := range r.Items {
		s += it.OBasic
	}
	return s
}

// classEcon splits a 类's basic spending into 人员经费 and 公用经费: the
// running items carry the 公用经费, other funds' basic money counts as
// 人员经费.
func (b *builder) classEcon(c string) (pers, pub Fen) {
	r := b.r
	basic := sumItems(r.Items, c, vBasic)
	// 公用经费 sits on the class of the running item(s).
	runClass := ""
	var big Fen
	for _, it := range r.Items {
		if it.GBasic > big {
			big, runClass = it.GBasic, it.Code[:3]
		}
	}
	if c == runClass {
		pub = r.Public()
	}
	return basic - pub, pub
}

// ysIncome is the 收入预算总表.
func (b *builder) ysIncome(title, org string) *Table {
	r := b.r
	inc := incomeRows(r)
	src := func(i int) func(*Item) Fen { return func(it *Item) Fen { return inc[it].sources[i] } }
	cols := []col{
		{id: "tot", val: func(it *Item) Fen { return inc[it].fiscal + sumSrc(inc[it].sources) }, fact: totalOnly("income.total", "amount")},
		{id: "fiscal", val: func(it *Item) Fen { return inc[it].fiscal }},
		{id: "biz", val: src(1), fact: totalOnly("income.business", "amount")},
		{id: "oper", val: src(2), fact: totalOnly("income.operating", "amount")},
		{id: "other", val: func(it *Item) Fen { return inc[it].sources[0] + inc[it].sources[3] + inc[it].sources[4] }},
	}
	ft := funcTable{id: "inc", items: allItems(r), cols: cols, year: r.Year, headRows: 3, topLabel: b.ysTop(), codeHead: "功能分类科目编码", nameHead: "功能分类科目名称",
		rowSum: []string{"tot", "fiscal", "biz", "oper", "other"}}
	head, body, widths := b.funcTableRows(ft)
	head = ysGroupHead(head, "收入预算", []string{"合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"})
	return &Table{Title: title, Org: org, Unit: b.unitLabel(), Head: head, Body: body, Landscape: b.chance(0.6),
		Widths: append(widths, "13%", "13%", "11%", "11%", "10%"), Repeat: b.chance(0.5)}
}

// ysTop is the "项目" label some budgets print over codes and names.
func (b *builder) ysTop() string {
	if b.chance(0.6) {
		return "项目"
	}
	return ""
}

// ysGroupHead puts a group label over the figure columns: row 0 holds the
// label, the last row the column names (the code/name header spans all).
func ysGroupHead(head [][]Cell, group string, labels []string) [][]Cell {
	h := len(head)
	head[0] = append(head[0], span(group, len(labels), h-1))
	for _, l := range labels {
		head[h-1] = append(head[h-1], span(l, 1, 1))
	}
	return head
}

// ysExpend is the 支出预算总表.
func (b *builder) ysExpend(title, org string) *Table {
	r := b.r
	cols := []col{
		{id: "tot", val: vTotal, fact: totalOnly("expenditure.total", "amount")},
		{id: "basic", val: vBasic, fact: totalOnly("expenditure.basic", "amount")},
		{id: "project", val: vProject, fact: totalOnly("expenditure.project", "amount")},
	}
	ft := funcTable{id: "exp", items: allItems(r), cols: cols, year: r.Year, headRows: 3, topLabel: b.ysTop(), codeHead: "功能分类科目编码", nameHead: "功能分类科目名称", primary: true,
		rowSum: []string{"tot", "basic", "project"}}
	head, body, widths := b.funcTableRows(ft)
	head = ysGroupHead(head, "支出预算", []string{"合计", "基本支出", "项目支出"})
	return &Table{Title: title, Org: org, Unit: b.unitLabel(), Head: head, Body: body,
		Widths: append(widths, "17%", "17%", "17%"), Repeat: b.chance(0.5), Tall: b.roomyRows()}
}

// ysFiscal is the 财政拨款收支预算总表.
func (b *builder) ysFiscal(title, org string) *Table {
	r := b.r
	t := &Table{Title: title, Org: org, Unit: b.unitLabel(), Landscape: b.chance(0.6)}
	t.Head = [][]Cell{{span("财政拨款收入", 2, 1), span("财政拨款支出", 5, 1)},
		{span("项目", 1, 1), span("预算数", 1, 1), span("项目", 1, 1), span("合计", 1, 1), span("一般公共预算", 1, 1), span("政府性基金预算", 1, 1), span("国有资本经营预算", 1, 1)}}
	t.Widths = []string{"18%", "13%", "22%", "13%", "13%", "11%", "10%"}
	left := []struct {
		label string
		key   *factKey
		v     Fen
	}{
		{"一、一般公共预算资金", k("income.fiscal.gpb", "amount"), r.IncGPB},
		{"二、政府性基金", k("income.fiscal.gov_fund", "amount"), r.IncFund},
		{"三、国有资本经营预算", k("income.fiscal.state_capital", "amount"), r.IncCap},
	}
	classes := classesOf(allItems(r))
	for i := 0; i < max(len(left), len(classes))+b.rng.IntN(3); i++ {
		var row []Cell
		if i < len(left) {
			row = []Cell{{Text: left[i].label, Cls: "name"}, b.cell(fmt.Sprintf("t:fis:l%d", i), left[i].key, "", false, left[i].v)}
		} else {
			row = []Cell{txt(""), {Num: true}}
		}
		if i < len(classes) {
			c := classes[i]
			gpb, fund := sumItems(r.Items, c, vGPB), sumItems(r.Fund, c, vGPB)
			var ck *factKey
			if gpb != 0 {
				ck = &factKey{"gpb.class", "amount", fname(c, r.Year)}
			}
			row = append(row, Cell{Text: cnNum[i+1] + "、" + fname(c, r.Year), Cls: "name"}, b.cell("t:fis:c"+c, nil, "", false, gpb+fund),
				b.cell("t:fis:c"+c+":gpb", ck, c, false, gpb), b.cell("t:fis:c"+c+":fund", nil, "", false, fund), b.cell("t:fis:c"+c+":cap", nil, "", false, 0))
		} else {
			row = append(row, txt(""), Cell{Num: true}, Cell{Num: true}, Cell{Num: true}, Cell{Num: true})
		}
		t.Body = append(t.Body, row)
	}
	var cs, gs []string
	for _, c := range classes {
		cs, gs = append(cs, "t:fis:c"+c), append(gs, "t:fis:c"+c+":gpb")
		b.sum("t:fis:c"+c, "t:fis:c"+c+":gpb", "t:fis:c"+c+":fund", "t:fis:c"+c+":cap")
	}
	b.sum("t:fis:inc", "t:fis:l0", "t:fis:l1", "t:fis:l2")
	b.sum("t:fis:exp", cs...)
	b.sum("t:fis:gpb", gs...)
	b.sum("t:fis:inc", "t:fis:exp")
	tot := r.IncGPB + r.IncFund + r.IncCap
	t.Body = append(t.Body, []Cell{{Text: "收入总计", Cls: "tot"}, b.cell("t:fis:inc", k("fiscal.total", "amount"), "", true, tot),
		{Text: "支出总计", Cls: "tot"}, b.cell("t:fis:exp", k("fiscal.total", "amount"), "", true, tot),
		b.cell("t:fis:gpb", k("gpb.expenditure", "amount"), "", false, r.GPBTotal()), b.cell("t:fis:fund", nil, "", false, r.FundTotal()), b.cell("t:fis:cap", nil, "", false, 0)})
	return t
}

// ysGPB is the 一般公共预算支出功能分类预算表, the truth's table for the
// 类 and 项.
func (b *builder) ysGPB(title, org string) *Table {
	r := b.r
	cols := []col{
		{id: "tot", val: vGPB, fact: gpbFacts(r.Year)},
		{id: "basic", val: vGBasic, fact: totalOnly("gpb.basic", "amount")},
		{id: "project", val: vGProject},
	}
	ft := funcTable{id: "gpb", items: r.Items, cols: cols, year: r.Year, headRows: 3, topLabel: b.ysTop(), codeHead: "功能分类科目编码", nameHead: "功能分类科目名称", primary: true,
		rowSum: []string{"tot", "basic", "project"}}
	head, body, widths := b.funcTableRows(ft)
	head = ysGroupHead(head, "一般公共预算支出", []string{"合计", "基本支出", "项目支出"})
	return &Table{Title: title, Org: org, Unit: b.unitLabel(), Head: head, Body: body,
		Widths: append(widths, "17%", "17%", "17%"), Repeat: b.chance(0.6), VAlign: b.pick("top", "middle", "bottom"), Tall: b.roomyRows()}
}

// roomyRows is the Tall of a budget's function tables: 1 (a blank line
// between rows in a -layout copy, as a 街道's tables print) where the
// report puts project-only 类 first in roomy rows, else 0.
func (b *builder) roomyRows() int {
	if b.roomy {
		return 1
	}
	return 0
}

// ysEmpty is an empty 政府性基金 / 国有资本经营 function table with its
// note, or the 政府性基金 table with figures.
func (b *builder) ysEmpty(title, org, metric, group, note string) *Table {
	r := b.r
	var items []*Item
	if metric == "gov_fund.expenditure" {
		items = r.Fund
	}
	cols := []col{
		{id: "tot", val: func(it *Item) Fen { return it.GBasic + it.GProject }, fact: totalOnly(metric, "amount")},
		{id: "basic", val: vGBasic},
		{id: "project", val: vGProject},
	}
	ft := funcTable{id: metric, items: items, cols: cols, year: r.Year, headRows: 3, topLabel: b.ysTop(), codeHead: "功能分类科目编码", nameHead: "功能分类科目名称", primary: true,
		rowSum: []string{"tot", "basic", "project"}}
	head, body, widths := b.funcTableRows(ft)
	head = ysGroupHead(head, group, []string{"合计", "基本支出", "项目支出"})
	t := &Table{Title: title, Org: org, Unit: b.unitLabel(), Head: head, Widths: append(widths, "15%", "15%", "15%"), Repeat: true}
	if len(items) == 0 {
		b.doc.Sites = dropTable(b.doc.Sites, "t:"+metric+":")
		blank := make([]Cell, b.ncode()+1+3)
		for i := b.ncode() + 1; i < len(blank); i++ {
			blank[i].Num = true
		}
		tot := append([]Cell{{Text: "合计", ColSpan: b.ncode() + 1, Cls: "tot"}}, Cell{Num: true}, Cell{Num: true}, Cell{Num: true})
		body = [][]Cell{blank, blank, blank, tot}
		t.Note = note
		b.record("n:note:"+metric, k(metric, "amount"), "", false, false, "0", note)
	}
	t.Body = body
	return t
}

// ysEcon is the 一般公共预算基本支出部门预算经济分类预算表: classes and
// their lines with 合计 / 人员经费 / 公用经费, 合计 row last.
func (b *builder) ysEcon(title, org string) *Table {
	r := b.r
	t := &Table{Title: title, Org: org, Unit: b.unitLabel(), Repeat: b.chance(0.5)}
	t.Head = [][]Cell{{span("项目", 3, 1), span("一般公共预算基本支出", 3, 1)},
		{span("经济分类科目编码", 2, 1), span("经济分类科目名称", 1, 2), span("合计", 1, 2), span("人员经费", 1, 2), span("公用经费", 1, 2)},
		{span("类", 1, 1), span("款", 1, 1)}}
	t.Widths = []string{"6%", "5%", "35%", "18%", "18%", "18%"}
	line := func(code, cls, name string, v Fen) []Cell {
		var p, g Fen
		if econGroup[code] == 'P' {
			p = v
		} else {
			g = v
		}
		kc := ""
		if len(code) == 5 {
			kc = code[3:]
		}
		return []Cell{{Text: cls, Cls: "code"}, {Text: kc, Cls: "code"}, {Text: name, Cls: "name"},
			b.cell("t:econ:"+code, nil, "", false, v), b.cell("t:econ:"+code+":p", nil, "", false, p), b.cell("t:econ:"+code+":g", nil, "", false, g)}
	}
	for _, c := range []string{"301", "302", "303", "310"} {
		lines := b.econLines(c, false)
		if len(lines) == 0 {
			continue
		}
		t.Body = append(t.Body, line(c, c, econNames[c], r.econClass(c)))
		for _, l := range lines {
			t.Body = append(t.Body, line(l.Code, c, econNames[l.Code], l.Amt))
		}
	}
	var cls, ps, gs []string
	for _, c := range []string{"301", "302", "303", "310"} {
		lines := b.econLines(c, false)
		if len(lines) == 0 {
			continue
		}
		cls, ps, gs = append(cls, "t:econ:"+c), append(ps, "t:econ:"+c+":p"), append(gs, "t:econ:"+c+":g")
		var ls []string
		for _, l := range lines {
			ls = append(ls, "t:econ:"+l.Code)
			b.sum("t:econ:"+l.Code, "t:econ:"+l.Code+":p", "t:econ:"+l.Code+":g")
		}
		b.sum("t:econ:"+c, ls...)
	}
	b.sum("t:econ:tot", cls...)
	b.sum("t:econ:P", ps...)
	b.sum("t:econ:G", gs...)
	b.sum("t:econ:tot", "t:econ:P", "t:econ:G")
	t.Body = append(t.Body, []Cell{{Text: "合计", ColSpan: 3, Cls: "tot"}, b.cell("t:econ:tot", k("gpb.basic", "amount"), "", false, r.GPBBasic()),
		b.cell("t:econ:P", k("gpb.basic.personnel", "amount"), "", true, r.Personnel()), b.cell("t:econ:G", k("gpb.basic.public", "amount"), "", true, r.Public())})
	return t
}

// ysThree is the “三公”经费和机关运行经费预算表, always in 万元. In the
// tall form (b.threeTall) the names carry the year, the 机关运行经费
// column is narrow enough that its name wraps (2023年机关运行经 / 费预算数)
// and the header's cells are padded, so that a -layout copy prints the
// header's lines apart and the row three or four blank lines under them;
// zero prints "0" unless the document's tables print it blank (then blank
// or "0", by the table's own draw).
func (b *builder) ysThree(title, org string) *Table {
	r := b.r
	t3 := &r.Three
	y := r.Year
	t := &Table{Title: title, Org: org, Unit: "单位:万元"}
	g := "“三公”经费预算数"
	o := "机关运行经费预算数"
	if b.chance(0.5) || b.threeTall {
		g, o = fmt.Sprintf("%d年“三公”经费预算数", y), fmt.Sprintf("%d年机关运行经费预算数", y)
	}
	t.Head = [][]Cell{{span(g, 6, 1), span(o, 1, 3)},
		{span("合计", 1, 2), span("因公出国(境)费", 1, 2), span("公务接待费", 1, 2), span("公务用车购置及运行费", 3, 1)},
		{span("小计", 1, 1), span("购置费", 1, 1), span("运行费", 1, 1)}}
	zero := b.tf
	zero.Zero = ""
	if b.chance(0.4) {
		zero.Zero = "0.00"
	}
	if b.threeTall {
		t.TallHead = true
		t.Widths = []string{"10%", "16%", "13%", "13%", "13%", "14.5%", "20.5%"}
		if b.tf.Zero != "" || zero.Zero != "" {
			zero.Zero = "0"
		}
	}
	cell := func(id string, key *factKey, v Fen) Cell {
		tf := zero
		tf.Wan = true
		return b.cellFmt(id, key, "", true, b.money(id, v), tf)
	}
	row := []Cell{cell("t:three:total", k("three_public.total", "amount"), t3.Total()), cell("t:three:ov", k("three_public.overseas", "amount"), t3.Overseas),
		cell("t:three:rec", k("three_public.reception", "amount"), t3.Reception), cell("t:three:veh", k("three_public.vehicle", "amount"), t3.Vehicle()),
		cell("t:three:pur", k("three_public.vehicle.purchase", "amount"), t3.Purchase), cell("t:three:op", k("three_public.vehicle.operation", "amount"), t3.Operation)}
	if r.HasOpExp {
		row = append(row, cell("t:opexp", k("operating_expense", "amount"), r.OpExp))
	} else {
		row = append(row, cell("t:opexp", k("operating_expense", "amount"), 0))
	}
	t.Body = [][]Cell{row}
	b.sum("t:three:total", "t:three:ov", "t:three:rec", "t:three:veh")
	b.sum("t:three:veh", "t:three:pur", "t:three:op")
	return t
}
