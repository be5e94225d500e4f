package main

import (
	"fmt"
	"strings"
)

// Style scjs: a 市级 部门决算 in the Sichuan form (modelled on the 攀枝花市
// 人大常委会办公室 2021 决算): 第一部分 部门概况, 第二部分 情况说明 with
// "（一）…支出决算为X万元，完成预算Y%" items and chart captions, 第三部分
// 名词解释, then the 公开表 in the national form (行次 and 栏次).
func buildSCJS(b *builder) {
	r, d := b.r, b.r.Dept
	y := r.Year
	b.add(Block{Kind: bCover, Lines: []string{d.Name, fmt.Sprintf("%d年度%s决算", y, d.Scope)}})
	b.pageBreak()
	b.add(Block{Kind: bTOC, Text: "目　录", Lines: []string{"第一部分 部门概况", "　一、基本职能及主要工作", "　二、机构设置",
		"第二部分 " + fmt.Sprint(y) + "年度" + d.Scope + "决算情况说明", "第三部分 名词解释", "第四部分 附表"}})
	b.pageBreak()
	b.heading(1, "第一部分 部门概况")
	b.heading(2, "一、基本职能及主要工作")
	b.heading(3, "（一）主要职能。")
	b.functions()
	b.heading(3, fmt.Sprintf("（二）%d年重点工作完成情况。", y))
	b.para("围绕年度目标任务，认真履行职能职责，扎实推进各项重点工作，较好地完成了全年工作任务。")
	b.heading(2, "二、机构设置")
	b.para(fmt.Sprintf("%s下属二级单位%d个，其中行政单位0个，参照公务员法管理的事业单位0个，其他事业单位%d个。", d.Name, len(d.Units)-1, len(d.Units)-1))

	b.pageBreak()
	b.heading(1, fmt.Sprintf("第二部分 %d年度%s决算情况说明", y, d.Scope))
	b.scjsNarrative()
	b.pageBreak()
	b.heading(1, "第三部分 名词解释")
	b.glossary(false)

	b.pageBreak()
	b.heading(1, "第四部分 附表")
	o := jsOpts{lineNo: b.chance(0.7), fullEcon: b.chance(0.3), org: "部门：" + d.Name}
	if b.chance(0.4) {
		o.org = "编制单位：" + d.Name
	}
	builds := []func() *Table{
		func() *Table { return b.jsSummary(o, "收入支出决算总表") },
		func() *Table { return b.jsIncome(o, "收入决算表") },
		func() *Table { return b.jsExpend(o, "支出决算表") },
		func() *Table { return b.jsFiscal(o, "财政拨款收入支出决算总表") },
		func() *Table { return b.jsGPB(o, "一般公共预算财政拨款支出决算表", true) },
		func() *Table { return b.jsEcon(o, "一般公共预算财政拨款基本支出决算表", "决算数") },
		func() *Table {
			return b.jsThreeGrouped(o, "一般公共预算财政拨款“三公”经费支出决算表")
		},
		func() *Table {
			return b.jsFund(o, "政府性基金预算财政拨款收入支出决算表", "gov_fund.expenditure", "政府性基金预算财政拨款收入、支出", "注：本"+d.Scope+"无%s，故本表为空。")
		},
		func() *Table {
			return b.jsFund(o, "国有资本经营预算财政拨款支出决算表", "state_capital.expenditure", "国有资本经营预算财政拨款支出", "注：本"+d.Scope+"无%s，故本表为空。")
		},
	}
	for i, build := range builds {
		b.pageBreak()
		t := build()
		t.Mark = fmt.Sprintf("公开%02d表", i+1)
		b.table(t)
	}
}

// scjsNarrative is the 情况说明 of the Sichuan form.
func (b *builder) scjsNarrative() {
	r, d := b.r, b.r.Dept
	y, py := r.Year, r.Year-1
	form := b.pick("一、", "1、")
	h := func(n int, s string) {
		if form == "1、" && n > 1 {
			b.heading(2, fmt.Sprintf("%d、%s", n, s))
			return
		}
		b.heading(2, cnNum[n]+"、"+s)
	}
	fig := func(n int, s string) {
		if b.chance(0.7) {
			b.add(Block{Kind: bPara, Text: fmt.Sprintf("（图%d：%s）", n, s), Class: "fig"})
		}
	}
	h(1, "收入支出决算总体情况说明")
	chg, dir := b.yoy("n:total", "total", r.Total(), r.PriorTotal, true)
	b.para(fmt.Sprintf("%d年度收、支总计%s。与%d年相比，收、支总计各%s。", y, b.wan("n:total", k("total", "amount"), r.Total()), py, chg) + b.becauseSC(dir))
	fig(1, "收、支决算总计变动情况图")
	h(2, "收入决算情况说明")
	s := b.incomeSentence(fmt.Sprintf("%d年本年收入合计", y))
	if r.Carry0() > 0 {
		s += "此外，年初结转和结余" + b.wan("n:carry0", k("income.carryover", "amount"), r.Carry0()) + "。"
	}
	b.para(s)
	fig(2, "收入决算结构图")
	h(3, "支出决算情况说明")
	s = b.expendSentence(fmt.Sprintf("%d年本年支出合计", y))
	if r.Carry1() > 0 {
		s += "年末结转和结余" + b.wan("n:carry1", k("expenditure.carryover", "amount"), r.Carry1()) + "。"
	}
	b.para(s)
	fig(3, "支出决算结构图")
	h(4, "财政拨款收入支出决算总体情况说明")
	chg, dir = b.yoy("n:fiscal", "fiscal.total", r.FiscalTotal(), r.PriorFiscal, true)
	b.para(fmt.Sprintf("%d年财政拨款收、支总计%s。与%d年相比，财政拨款收、支总计%s。", y, b.wan("n:fiscal", k("fiscal.total", "amount"), r.FiscalTotal()), py, chg) + b.becauseSC(dir))
	fig(4, "财政拨款收、支决算总计变动情况")
	h(5, "一般公共预算财政拨款支出决算情况说明")
	b.heading(3, "（一）一般公共预算财政拨款支出决算总体情况")
	gpb := r.GPBTotal()
	chg, dir = b.yoy("n:gpb", "gpb.expenditure", gpb, r.PriorGPB, true)
	b.para(fmt.Sprintf("%d年一般公共预算财政拨款支出%s，占本年支出合计的%s。与%d年相比，一般公共预算财政拨款支出%s。", y,
		b.wan("n:gpb", k("gpb.expenditure", "amount"), gpb), b.share("n:gpb:share", k("gpb.expenditure", "share_pct"), "", gpb, r.ExpTotal()), py, chg) + b.becauseSC(dir))
	fig(5, "一般公共预算财政拨款支出决算变动情况")
	b.heading(3, "（二）一般公共预算财政拨款支出决算结构情况")
	b.para(b.classStructure(fmt.Sprint(y)+"年一般公共预算财政拨款支出%s，主要用于以下方面：", b.chance(0.3)))
	fig(6, "一般公共预算财政拨款支出决算结构")
	b.heading(3, "（三）一般公共预算财政拨款支出决算具体情况")
	b.itemDetailsSC()
	h(6, "一般公共预算财政拨款基本支出决算情况说明")
	b.para(b.basicSentence())
	h(7, "“三公”经费财政拨款支出决算情况说明")
	b.threeSC()
	h(8, "政府性基金预算支出决算情况说明")
	b.para(fmt.Sprintf("%d年政府性基金预算财政拨款支出%s。", y, b.wan("n:fund", k("gov_fund.expenditure", "amount"), r.FundTotal())))
	h(9, "国有资本经营预算支出决算情况说明")
	b.para(fmt.Sprintf("%d年国有资本经营预算财政拨款支出%s。", y, b.wan("n:cap", k("state_capital.expenditure", "amount"), 0)))
	h(10, "其他重要事项的情况说明")
	b.heading(3, "（一）机关运行经费支出情况")
	b.para(b.opExpSentence(d.Name, y, py, true))
	b.heading(3, "（二）政府采购支出情况")
	b.para(b.procurementSC(d.Name, y))
	b.heading(3, "（三）国有资产占有使用情况")
	b.para(b.vehicleSentence(d.Name, fmt.Sprintf("截至%d年12月31日", y)))
	b.heading(3, "（四）预算绩效管理情况")
	b.para(fmt.Sprintf("根据预算绩效管理要求，本部门在%d年度预算编制阶段，对%d个项目编制了绩效目标，预算执行过程中，选取%d个项目开展绩效监控，年终执行完毕后，对%d个项目开展了绩效自评。", y, r.PerfN, r.PerfN, r.PerfN))
}

func (b *builder) becauseSC(dir int) string {
	if dir == 0 {
		return ""
	}
	return "主要变动原因是" + b.reason(dir > 0) + "。"
}

// itemDetailsSC is the Sichuan 具体情况: the total's completion rate, then
// each 项 as "支出决算为X万元，完成预算Y%"; a wording with 年初预算 too.
func (b *builder) itemDetailsSC() {
	r := b.r
	gpb := r.GPBTotal()
	var budget Fen
	for _, it := range r.Items {
		budget += it.Budget
	}
	withBudget := b.chance(0.4)
	lead := fmt.Sprintf("%d年一般公共预算支出决算数为%s，完成预算%s。其中：", r.Year, b.wan("n:gpb:3", k("gpb.expenditure", "amount"), gpb),
		b.pct("n:gpb:compl", k("gpb.expenditure", "completion_pct"), "", pctOf(gpb, budget)))
	if withBudget {
		lead = fmt.Sprintf("%d年一般公共预算支出年初预算%s，决算数为%s，完成预算%s。其中：", r.Year, b.wan("n:gpb:budget", k("gpb.expenditure", "budget"), budget),
			b.wan("n:gpb:3", k("gpb.expenditure", "amount"), gpb), b.pct("n:gpb:compl", k("gpb.expenditure", "completion_pct"), "", pctOf(gpb, budget)))
	}
	b.para(lead)
	n := 0
	for _, it := range r.Items {
		if it.GPB() == 0 {
			continue
		}
		n++
		subj := subject(it.Code, r.Year)
		a := b.wanCode("n:item:"+it.Code+":a", &factKey{"gpb.item", "amount", subj}, it.Code, it.GPB())
		c := b.pct("n:item:"+it.Code+":c", &factKey{"gpb.item", "completion_pct", subj}, it.Code, pctOf(it.GPB(), it.Budget))
		var s string
		if withBudget {
			s = fmt.Sprintf("%d.%s:年初预算为%s，支出决算为%s，完成预算%s，", n, itemLabel(it.Code, r.Year, false),
				b.wanCode("n:item:"+it.Code+":b", &factKey{"gpb.item", "budget", subj}, it.Code, it.Budget), a, c)
		} else {
			s = fmt.Sprintf("%d.%s:支出决算为%s，完成预算%s，", n, itemLabel(it.Code, r.Year, false), a, c)
		}
		switch {
		case roundTo(it.GPB(), WanCent) == roundTo(it.Budget, WanCent):
			s += "决算数等于预算数。"
		default:
			s += "决算数小于预算数，主要原因是" + b.pick(reasonsUnder...) + "。"
		}
		b.para(s)
	}
}

// threeSC is the Sichuan “三公” section: shares of the total, then each
// part with completion, change, counts and the vehicles held.
func (b *builder) threeSC() {
	r := b.r
	t := &r.Three
	y, py := r.Year, r.Year-1
	b.heading(3, "（一）“三公”经费财政拨款支出决算总体情况说明")
	tot := t.Total()
	s := fmt.Sprintf("%d年“三公”经费财政拨款支出决算为%s", y, b.wan("n:3:total:a", k("three_public.total", "amount"), tot))
	if t.BTotal() > 0 {
		s += "，完成预算" + b.pct("n:3:total:c", k("three_public.total", "completion_pct"), "", pctOf(tot, t.BTotal()))
	}
	b.para(s + "，" + b.underOver(tot, t.BTotal()))
	b.heading(3, "（二）“三公”经费财政拨款支出决算具体情况说明")
	if tot > 0 {
		b.para(fmt.Sprintf("%d年“三公”经费财政拨款支出决算中，因公出国（境）费支出决算%s，占%s；公务用车购置及运行维护费支出决算%s，占%s；公务接待费支出决算%s，占%s。具体情况如下：", y,
			b.wan("n:3:ov:a", k("three_public.overseas", "amount"), t.Overseas), b.share("n:3:ov:s", k("three_public.overseas", "share_pct"), "", t.Overseas, tot),
			b.wan("n:3:veh:a", k("three_public.vehicle", "amount"), t.Vehicle()), b.share("n:3:veh:s", k("three_public.vehicle", "share_pct"), "", t.Vehicle(), tot),
			b.wan("n:3:rec:a", k("three_public.reception", "amount"), t.Reception), b.share("n:3:rec:s", k("three_public.reception", "share_pct"), "", t.Reception, tot)))
	}
	compl := func(id, metric string, a, bud Fen) string {
		if bud == 0 {
			return ""
		}
		return "，完成预算" + b.pct(id, k(metric, "completion_pct"), "", pctOf(a, bud))
	}
	cmp := func(id, metric, name string, a, prior Fen) string {
		c, dir := b.yoy(id, metric, a, prior, prior != 0)
		return fmt.Sprintf("%s支出决算比%d年%s。", name, py, c) + b.becauseSC(dir)
	}
	b.para(fmt.Sprintf("1.因公出国（境）经费支出%s%s。全年安排因公出国（境）团组%s次，出国（境）%s人。", b.wan("n:3:ov:2", k("three_public.overseas", "amount"), t.Overseas),
		compl("n:3:ov:c", "three_public.overseas", t.Overseas, t.BOverseas),
		b.count("n:3:groups", k("three_public.overseas.groups", "count"), t.Groups), b.count("n:3:persons", k("three_public.overseas.persons", "count"), t.Persons)) +
		cmp("n:3:ov", "three_public.overseas", "因公出国（境）", t.Overseas, t.POverseas))
	b.para(fmt.Sprintf("2.公务用车购置及运行维护费支出%s%s。", b.wan("n:3:veh:2", k("three_public.vehicle", "amount"), t.Vehicle()),
		compl("n:3:veh:c", "three_public.vehicle", t.Vehicle(), t.BPurchase+t.BOperation)) +
		cmp("n:3:veh", "three_public.vehicle", "公务用车购置及运行维护费", t.Vehicle(), t.PPurchase+t.POperation))
	b.para(fmt.Sprintf("其中：公务用车购置支出%s。全年按规定更新购置公务用车%s辆。截至%d年12月底，单位共有公务用车%d辆。",
		b.wan("n:3:pur", k("three_public.vehicle.purchase", "amount"), t.Purchase), b.count("n:3:bought", k("three_public.vehicle.purchased", "count"), t.Bought), y, r.Vehicles))
	b.para(fmt.Sprintf("公务用车运行维护费支出%s。主要用于开展工作所需公务用车的燃料费、维修费、过路过桥费、保险费等支出。", b.wan("n:3:op", k("three_public.vehicle.operation", "amount"), t.Operation)))
	b.para(fmt.Sprintf("3.公务接待费支出%s%s。", b.wan("n:3:rec:2", k("three_public.reception", "amount"), t.Reception),
		compl("n:3:rec:c", "three_public.reception", t.Reception, t.BReception)) +
		cmp("n:3:rec", "three_public.reception", "公务接待费", t.Reception, t.PReception))
	b.para(fmt.Sprintf("国内公务接待支出%s，主要用于执行公务、开展业务活动开支的交通费、住宿费、用餐费等。国内公务接待%s批次，%s人次（不包括陪同人员），共计支出%s万元。",
		b.wan("n:3:dom", k("three_public.reception.domestic", "amount"), t.Reception), b.count("n:3:batches", k("three_public.reception.batches", "count"), t.Batches),
		b.count("n:3:guests", k("three_public.reception.persons", "count"), t.Guests), trimZeros(wanText(t.Reception, false))))
	b.para(fmt.Sprintf("外事接待支出%s，外事接待0批次，0人，共计支出0万元。", b.wan("n:3:foreign", k("three_public.reception.foreign", "amount"), 0)))
}

// procurementSC is the Sichuan 政府采购 paragraph, with the 中小企业
// award and its share.
func (b *builder) procurementSC(who string, y int) string {
	p := b.r.Proc
	tot := p.Goods + p.Works + p.Services
	var parts []string
	for _, x := range []struct {
		label, metric string
		v             Fen
	}{{"政府采购货物支出", "procurement.goods", p.Goods}, {"政府采购工程支出", "procurement.works", p.Works}, {"政府采购服务支出", "procurement.services", p.Services}} {
		if x.v > 0 || b.chance(0.3) {
			parts = append(parts, x.label+b.wan("n:"+x.metric, k(x.metric, "amount"), x.v))
		}
	}
	s := fmt.Sprintf("%d年，%s政府采购支出总额%s", y, who, b.wan("n:proc", k("procurement.total", "amount"), tot))
	if len(parts) > 0 {
		s += "，其中：" + strings.Join(parts, "、")
	}
	s += "。"
	if tot > 0 {
		s += fmt.Sprintf("授予中小企业合同金额%s，占政府采购支出总额的%s，其中：授予小微企业合同金额%s，占政府采购支出总额的%s。",
			b.wan("n:sme", k("procurement.sme", "amount"), p.SME), b.share("n:sme:s", k("procurement.sme", "share_pct"), "", p.SME, tot),
			b.wan("n:small", k("procurement.small_micro", "amount"), p.Small), b.share("n:small:s", k("procurement.small_micro", "share_pct"), "", p.Small, tot))
	}
	return s
}

// jsThreeGrouped is the national form of the “三公” 决算 table: the six
// budget columns, then the six outturn columns.
func (b *builder) jsThreeGrouped(o jsOpts, title string) *Table {
	t3 := &b.r.Three
	t := &Table{Title: title, Org: o.org, Unit: b.unitLabel(), Landscape: true}
	grp := func() []Cell {
		return []Cell{span("合计", 1, 2), span("因公出国（境）费", 1, 2), span("公务用车购置及运行费", 3, 1), span("公务接待费", 1, 2)}
	}
	sub := []Cell{span("小计", 1, 1), span("公务用车购置费", 1, 1), span("公务用车运行费", 1, 1)}
	t.Head = [][]Cell{
		{span("预算数", 6, 1), span("决算数", 6, 1)},
		append(grp(), grp()...),
		append(append([]Cell{}, sub...), sub...),
	}
	if o.lineNo {
		var row []Cell
		for i := 1; i <= 12; i++ {
			row = append(row, span(fmt.Sprint(i), 1, 1))
		}
		t.Head = append(t.Head, row)
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
		row = append(row, b.cell("t:three:"+v.metric+":b", k(v.metric, "budget"), "", true, v.b))
	}
	for _, v := range vals {
		row = append(row, b.cell("t:three:"+v.metric+":a", k(v.metric, "amount"), "", true, v.a))
	}
	t.Body = [][]Cell{row}
	for _, m := range []string{":a", ":b"} {
		b.sum("t:three:three_public.total"+m, "t:three:three_public.overseas"+m, "t:three:three_public.vehicle"+m, "t:three:three_public.reception"+m)
		b.sum("t:three:three_public.vehicle"+m, "t:three:three_public.vehicle.purchase"+m, "t:three:three_public.vehicle.operation"+m)
	}
	return t
}
