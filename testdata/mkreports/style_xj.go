package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Style xj: a 县级 部门预算 or 部门决算 in the Ministry of Finance's
// national template as counties print it: each 情况说明 section followed
// directly by its table, tables in 元 or 万元, a 预算 narrative on
// "一般公共预算当年拨款" with 类 shares and 项 changes, a 决算 narrative
// with "收、支总计均为" and items grouped under their 类.

func setupXJ(rng *rand.Rand, v *variant) (*Dept, reportOpts) {
	commonVariant(rng, v)
	year := 2017 + rng.IntN(9)
	kind := "预算"
	if rng.Float64() < 0.45 {
		kind = "决算"
	}
	if v.forceKind != "" {
		kind = v.forceKind
	}
	prov := pickOf(rng, "湖南省", "河南省", "江西省", "湖北省", "安徽省", "广西壮族自治区")
	city, county := place(rng)+"市", place(rng)+"县"
	a := pickArchetypeYear(rng, County, true, year)
	d := newDept(rng, a, County, county, county)
	d.Region = prov + city + county
	wan := rng.Float64() < 0.55
	if v.forceUnit != "" {
		wan = v.forceUnit == "万元"
	}
	q, dec := WanCent, 2
	if !wan {
		q = Yuan
		if rng.Float64() < 0.5 {
			dec = 0
		}
	}
	v.tf = tableFmt{Wan: wan, Sep: rng.Float64() < 0.6, Dec: dec, Zero: zeroForm(rng, 0.45, 0.35), Codes: weighted(rng, []string{"cols", "merged", "single"}, []float64{0.4, 0.3, 0.3})}
	v.nf = narrFmt{Sep: rng.Float64() < 0.4, Trim: rng.Float64() < 0.5, Space: rng.Float64() < 0.15, PctTrim: rng.Float64() < 0.5, PctDec: 2}
	narrowNames(rng, v, 0.35, "11%")
	if rng.Float64() < 0.3 {
		v.furn.Header = fmt.Sprintf("%s%d年%s公开", d.Name, year, kind)
	}
	housing := ""
	if rng.Float64() < 0.25 {
		housing = "2210203"
	}
	return d, reportOpts{year: year, kind: kind, q: q, housing: housing, pension: "2080501", wage: 70000 + rng.Float64()*50000, otherFund: true, carry: kind == "决算"}
}

func buildXJ(b *builder) {
	r, d := b.r, b.r.Dept
	y := r.Year
	word := "预算"
	if r.Kind == "决算" {
		word = "决算"
	}
	b.add(Block{Kind: bCover, Lines: []string{d.Name, fmt.Sprintf("%d年%s%s公开", y, d.Scope, word)}})
	b.pageBreak()
	b.heading(1, "第一部分 部门概况")
	b.heading(2, "一、部门职责")
	b.functions()
	b.heading(2, "二、机构设置")
	b.para(fmt.Sprintf("纳入本部门%d年部门%s编制范围的单位共%d个，包括：%s。", y, word, len(d.Units), strings.Join(d.Units, "、")))
	b.pageBreak()
	b.heading(1, fmt.Sprintf("第二部分 %d年部门%s情况说明", y, word))
	if r.Kind == "决算" {
		b.xjFinal()
	} else {
		b.xjBudget()
	}
	b.pageBreak()
	b.heading(1, "第三部分 名词解释")
	b.glossary(r.Kind == "预算")
}

// xjTable places a table right after its section, with the county's
// 公开 mark and unit line.
func (b *builder) xjTable(n int, t *Table) {
	if b.chance(0.6) {
		t.Mark = fmt.Sprintf("表%d", n)
	}
	if t.Org == "" {
		t.Org = "单位名称：" + b.r.Dept.Name
	}
	if b.chance(0.5) || t.Landscape {
		b.pageBreak()
	}
	b.table(t)
}

// xjBudget is the county 预算 说明 with its nine tables.
func (b *builder) xjBudget() {
	r, d := b.r, b.r.Dept
	y, py := r.Year, r.Year-1
	org := "单位名称：" + d.Name
	b.heading(2, "一、收支预算总体情况")
	chg, dir := b.yoy("n:total", "total", r.Total(), r.PriorTotal, true)
	cmp := "与上年相比，收、支总计各" + chg
	if dir == 0 {
		cmp = "与上年相比，收、支总计" + chg
	}
	b.para(fmt.Sprintf("按照综合预算的原则，%s所有收入和支出均纳入部门预算管理。%d年收入总计%s，支出总计%s。%s。", d.Name, y,
		b.wan("n:total", k("total", "amount"), r.Total()), b.wan("n:total:e", k("total", "amount"), r.Total()), cmp) + b.because(dir))
	b.xjTable(1, b.ysSummary(fmt.Sprintf("%d年部门收支总表", y), org))
	b.heading(2, "二、收入预算情况")
	it := r.IncTotal()
	var parts []string
	for _, x := range []struct {
		label, metric string
		v             Fen
	}{{"一般公共预算拨款收入", "income.fiscal.gpb", r.IncGPB}, {"政府性基金预算拨款收入", "income.fiscal.gov_fund", r.IncFund},
		{"事业收入", "income.business", r.IncBiz}, {"事业单位经营收入", "income.operating", r.IncOper}, {"其他收入", "income.other", r.IncOther}} {
		if x.v == 0 {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s%s，占%s", x.label, b.wan("n:inc:"+x.metric, k(x.metric, "amount"), x.v), b.share("n:inc:"+x.metric+":s", k(x.metric, "share_pct"), "", x.v, it)))
	}
	b.para(fmt.Sprintf("%d年收入预算%s，其中：%s。", y, b.wan("n:inc", k("income.total", "amount"), it), strings.Join(parts, "；")))
	b.xjTable(2, b.ysIncome(fmt.Sprintf("%d年部门收入总表", y), org))
	b.heading(2, "三、支出预算情况")
	et := r.ExpTotal()
	b.para(fmt.Sprintf("%d年支出预算%s，其中：基本支出%s，占%s；项目支出%s，占%s。", y, b.wan("n:exp", k("expenditure.total", "amount"), et),
		b.wan("n:basic", k("expenditure.basic", "amount"), r.Basic()), b.share("n:basic:s", k("expenditure.basic", "share_pct"), "", r.Basic(), et),
		b.wan("n:proj", k("expenditure.project", "amount"), r.Project()), b.share("n:proj:s", k("expenditure.project", "share_pct"), "", r.Project(), et)))
	b.xjTable(3, b.ysExpend(fmt.Sprintf("%d年部门支出总表", y), org))
	b.heading(2, "四、财政拨款收支预算总体情况")
	fc, fdir := b.yoy("n:fiscal", "fiscal.total", r.FiscalTotal(), r.PriorFiscal, true)
	b.para(fmt.Sprintf("%d年财政拨款收、支总预算%s。与上年相比，财政拨款收、支总计%s。", y, b.wan("n:fiscal", k("fiscal.total", "amount"), r.FiscalTotal()), fc) + b.because(fdir))
	b.xjTable(4, b.ysFiscal(fmt.Sprintf("%d年财政拨款收支总表", y), org))
	b.heading(2, "五、一般公共预算当年拨款情况")
	b.heading(3, "（一）一般公共预算当年拨款规模变化情况")
	gpb := r.GPBTotal()
	gc, gdir := b.yoy("n:gpb", "gpb.expenditure", gpb, r.PriorGPB, true)
	b.para(fmt.Sprintf("%d年一般公共预算当年拨款%s，比%d年预算%s。", y, b.wan("n:gpb", k("gpb.expenditure", "amount"), gpb), py, gc) + b.because(gdir))
	b.heading(3, "（二）一般公共预算当年拨款结构情况")
	var cl []string
	for _, c := range classesOf(r.Items) {
		v := sumItems(r.Items, c, vGPB)
		name := fname(c, y)
		cl = append(cl, fmt.Sprintf("%s%s，占%s", name, b.wanCode("n:cls:"+c, &factKey{"gpb.class", "amount", name}, c, v),
			b.share("n:cls:"+c+":s", &factKey{"gpb.class", "share_pct", name}, c, v, gpb)))
	}
	b.para(strings.Join(cl, "；") + "。")
	b.heading(3, "（三）一般公共预算当年拨款具体使用情况")
	n := 0
	for _, it := range r.Items {
		if it.GPB() == 0 {
			continue
		}
		n++
		ic, idir := b.yoy("n:item:"+it.Code, "", it.GPB(), it.Prior, true)
		s := fmt.Sprintf("%d.%s：%d年预算数为%s，比%d年预算数%s", n, itemLabel(it.Code, y, true), y,
			b.wanCode("n:item:"+it.Code, &factKey{"gpb.item", "amount", subject(it.Code, y)}, it.Code, it.GPB()), py, ic)
		if idir == 0 {
			s = fmt.Sprintf("%d.%s：%d年预算数为%s，与上年持平", n, itemLabel(it.Code, y, true), y,
				b.wanCode("n:item:"+it.Code, &factKey{"gpb.item", "amount", subject(it.Code, y)}, it.Code, it.GPB()))
		}
		b.para(s + "。" + b.because(idir) + "主要用于" + purpose(it.Code) + "。")
	}
	b.xjTable(5, b.ysGPB(fmt.Sprintf("%d年一般公共预算支出表", y), org))
	b.heading(2, "六、一般公共预算基本支出情况")
	b.para(b.basicSentence())
	b.xjTable(6, b.ysEcon(fmt.Sprintf("%d年一般公共预算基本支出表", y), org))
	b.heading(2, "七、“三公”经费预算情况")
	t := &r.Three
	cmp3 := func(id, metric string, v, prior Fen) string {
		c, dir := b.yoy(id, metric, v, prior, false)
		if dir == 0 {
			return "与上年预算持平"
		}
		return "比上年预算" + c
	}
	b.para(fmt.Sprintf("%d年“三公”经费预算%s，%s。其中：因公出国（境）费%s，%s；公务用车购置及运行费%s（其中：公务用车购置费%s，公务用车运行费%s），%s；公务接待费%s，%s。",
		y, b.wan("n:3:total", k("three_public.total", "amount"), t.Total()), cmp3("n:3:total", "three_public.total", t.Total(), t.PTotal()),
		b.wan("n:3:ov", k("three_public.overseas", "amount"), t.Overseas), cmp3("n:3:ov", "three_public.overseas", t.Overseas, t.POverseas),
		b.wan("n:3:veh", k("three_public.vehicle", "amount"), t.Vehicle()), b.wan("n:3:pur", k("three_public.vehicle.purchase", "amount"), t.Purchase),
		b.wan("n:3:op", k("three_public.vehicle.operation", "amount"), t.Operation), cmp3("n:3:veh", "three_public.vehicle", t.Vehicle(), t.PPurchase+t.POperation),
		b.wan("n:3:rec", k("three_public.reception", "amount"), t.Reception), cmp3("n:3:rec", "three_public.reception", t.Reception, t.PReception)))
	b.xjTable(7, b.ysThree(fmt.Sprintf("%d年一般公共预算“三公”经费支出表", y), org))
	b.heading(2, "八、政府性基金预算支出情况")
	if r.FundTotal() == 0 {
		b.para(fmt.Sprintf("本部门%d年%s。", y, b.absence("n:fund", k("gov_fund.expenditure", "amount"), "无使用政府性基金预算拨款安排的支出")))
	} else {
		b.para(fmt.Sprintf("本部门%d年政府性基金预算拨款支出%s。", y, b.wan("n:fund", k("gov_fund.expenditure", "amount"), r.FundTotal())))
	}
	b.xjTable(8, b.ysEmpty(fmt.Sprintf("%d年政府性基金预算支出表", y), org, "gov_fund.expenditure", "本年政府性基金预算支出", "注：本部门无政府性基金预算拨款安排的支出，故本表为空。"))
	b.heading(2, "九、国有资本经营预算支出情况")
	b.para(fmt.Sprintf("本部门%d年%s。", y, b.absence("n:cap", k("state_capital.expenditure", "amount"), "无使用国有资本经营预算拨款安排的支出")))
	b.heading(2, "十、其他重要事项的情况说明")
	b.heading(3, "（一）机关运行经费")
	if r.HasOpExp {
		oc, odir := b.yoy("n:opexp", "operating_expense", roundTo(r.OpExp, WanCent), r.PriorOpExp, true)
		b.para(fmt.Sprintf("%d年本部门机关运行经费预算%s，比上年预算%s。", y, b.wan("n:opexp", k("operating_expense", "amount"), r.OpExp), oc) + b.because(odir))
	} else {
		b.para(fmt.Sprintf("本部门为公益类事业单位，%d年%s。", y, b.absence("n:opexp", k("operating_expense", "amount"), "无机关运行经费")))
	}
	b.heading(3, "（二）政府采购情况")
	p := r.Proc
	tot := p.Goods + p.Works + p.Services
	s := fmt.Sprintf("%d年本部门政府采购预算总额%s，其中：货物类%s，工程类%s，服务类%s。", y, b.wan("n:proc", k("procurement.total", "amount"), tot),
		b.wan("n:proc:g", k("procurement.goods", "amount"), p.Goods), b.wan("n:proc:w", k("procurement.works", "amount"), p.Works), b.wan("n:proc:s", k("procurement.services", "amount"), p.Services))
	if tot > 0 && b.chance(0.7) {
		s += fmt.Sprintf("面向中小企业预留政府采购项目预算金额%s，其中预留给小微企业%s。", b.wan("n:sme", k("procurement.sme", "amount"), p.SME), b.wan("n:small", k("procurement.small_micro", "amount"), p.Small))
	}
	b.para(s)
	b.heading(3, "（三）国有资产占有使用情况")
	b.para(b.vehicleSentence("本部门", fmt.Sprintf("截至%d年12月31日", py)))
	b.heading(3, "（四）预算绩效情况")
	b.para(fmt.Sprintf("%d年本部门实行绩效目标管理的项目%d个，涉及一般公共预算当年拨款%s万元。", y, r.PerfN, trimZeros(wanText(r.PerfAmt, false))))
}

// xjFinal is the county 决算 说明 with the national 决算 tables.
func (b *builder) xjFinal() {
	r, d := b.r, b.r.Dept
	y, py := r.Year, r.Year-1
	o := jsOpts{lineNo: b.chance(0.6), fullEcon: b.chance(0.3), org: "编制单位：" + d.Name}
	b.heading(2, "一、收入支出决算总体情况说明")
	chg, dir := b.yoy("n:total", "total", r.Total(), r.PriorTotal, true)
	b.para(fmt.Sprintf("%d年度收、支总计均为%s。与%d年度相比，收、支总计各%s。", y, b.wan("n:total", k("total", "amount"), r.Total()), py, chg) + b.because(dir))
	b.xjTable(1, b.jsSummary(o, "收入支出决算总表"))
	b.heading(2, "二、收入决算情况说明")
	b.para(b.incomeSentence("本年收入合计"))
	b.xjTable(2, b.jsIncome(o, "收入决算表"))
	b.heading(2, "三、支出决算情况说明")
	b.para(b.expendSentence("本年支出合计"))
	b.xjTable(3, b.jsExpend(o, "支出决算表"))
	b.heading(2, "四、财政拨款收入支出决算总体情况说明")
	fc, fdir := b.yoy("n:fiscal", "fiscal.total", r.FiscalTotal(), r.PriorFiscal, true)
	b.para(fmt.Sprintf("%d年度财政拨款收、支总计均为%s。与%d年度相比，财政拨款收、支总计各%s。", y, b.wan("n:fiscal", k("fiscal.total", "amount"), r.FiscalTotal()), py, fc) + b.because(fdir))
	b.xjTable(4, b.jsFiscal(o, "财政拨款收入支出决算总表"))
	b.heading(2, "五、一般公共预算财政拨款支出决算情况说明")
	gpb := r.GPBTotal()
	gc, gdir := b.yoy("n:gpb", "gpb.expenditure", gpb, r.PriorGPB, true)
	b.para(fmt.Sprintf("（一）总体情况。%d年度一般公共预算财政拨款支出%s，占本年支出合计的%s，与%d年度相比，一般公共预算财政拨款支出%s。", y,
		b.wan("n:gpb", k("gpb.expenditure", "amount"), gpb), b.share("n:gpb:s", k("gpb.expenditure", "share_pct"), "", gpb, r.ExpTotal()), py, gc) + b.because(gdir))
	b.para(b.classStructure("（二）结构情况。一般公共预算财政拨款支出%s，主要用于以下方面：", true))
	var budget Fen
	for _, it := range r.Items {
		budget += it.Budget
	}
	b.para(fmt.Sprintf("（三）具体情况。%d年度一般公共预算财政拨款支出年初预算为%s，支出决算为%s，完成年初预算的%s。其中：", y,
		b.wan("n:gpb:budget", k("gpb.expenditure", "budget"), budget), b.wan("n:gpb:3", k("gpb.expenditure", "amount"), gpb),
		b.pct("n:gpb:compl", k("gpb.expenditure", "completion_pct"), "", pctOf(gpb, budget))))
	for ci, c := range classesOf(r.Items) {
		b.para(fmt.Sprintf("%s%s（类）", ordinal(ci+1, "（一）"), shortClass(fname(c, y))))
		n := 0
		for _, it := range r.Items {
			if it.Code[:3] != c || it.GPB() == 0 {
				continue
			}
			n++
			subj := subject(it.Code, y)
			b.para(fmt.Sprintf("%d.%s（款）%s（项）。年初预算为%s，支出决算为%s，完成年初预算的%s。", n, fname(it.Code[:5], y), fname(it.Code, y),
				b.wanCode("n:item:"+it.Code+":b", &factKey{"gpb.item", "budget", subj}, it.Code, it.Budget),
				b.wanCode("n:item:"+it.Code+":a", &factKey{"gpb.item", "amount", subj}, it.Code, it.GPB()),
				b.pct("n:item:"+it.Code+":c", &factKey{"gpb.item", "completion_pct", subj}, it.Code, pctOf(it.GPB(), it.Budget))) + b.underOver(it.GPB(), it.Budget))
		}
	}
	b.xjTable(5, b.jsGPB(o, "一般公共预算财政拨款支出决算表", b.chance(0.5)))
	b.heading(2, "六、一般公共预算财政拨款基本支出决算情况说明")
	b.para(b.basicSentence())
	b.xjTable(6, b.jsEcon(o, "一般公共预算财政拨款基本支出决算表", "决算数"))
	b.heading(2, "七、财政拨款“三公”经费支出决算情况说明")
	b.threeXJ()
	b.xjTable(7, b.jsThreeGrouped(o, "财政拨款“三公”经费支出决算表"))
	b.heading(2, "八、政府性基金预算财政拨款收入支出决算情况说明")
	b.para(b.fundSentence("本部门", y))
	b.xjTable(8, b.jsFund(o, "政府性基金预算财政拨款收入支出决算表", "gov_fund.expenditure", "政府性基金预算财政拨款收入支出", fmt.Sprintf("注：本部门%d年度无%%s，故本表无数据。", y)))
	b.heading(2, "九、国有资本经营预算财政拨款支出决算情况说明")
	b.para(fmt.Sprintf("本部门%d年度%s。", y, b.absence("n:cap", k("state_capital.expenditure", "amount"), "无国有资本经营预算财政拨款支出")))
	b.heading(2, "十、其他重要事项的情况说明")
	b.heading(3, "（一）机关运行经费支出情况")
	b.para(b.opExpSentence("本部门", y, py, true))
	b.heading(3, "（二）政府采购支出情况")
	b.para(b.procurementSC("本部门", y))
	b.heading(3, "（三）国有资产占有使用情况")
	b.para(b.vehicleSentence("本部门", fmt.Sprintf("截至%d年12月31日", y)))
}

// threeXJ is a county 决算's “三公” text: total against budget and last
// year, parts with their changes and counts.
func (b *builder) threeXJ() {
	r := b.r
	t := &r.Three
	y := r.Year
	tot := t.Total()
	s := fmt.Sprintf("%d年度“三公”经费财政拨款支出决算为%s", y, b.wan("n:3:total:a", k("three_public.total", "amount"), tot))
	if t.BTotal() > 0 {
		s += "，完成预算的" + b.pct("n:3:total:c", k("three_public.total", "completion_pct"), "", pctOf(tot, t.BTotal()))
	}
	c, dir := b.yoy("n:3:total", "three_public.total", tot, t.PTotal(), t.PTotal() != 0)
	s += "，比上年度" + c + "。"
	if dir == 0 {
		s = strings.TrimSuffix(s, "，比上年度"+c+"。") + "，与上年度" + c + "。"
	}
	b.para(s + b.because(dir))
	b.para(fmt.Sprintf("（一）因公出国（境）费支出%s，全年组织出国（境）团组%s个，%s人次。", b.wan("n:3:ov", k("three_public.overseas", "amount"), t.Overseas),
		b.count("n:3:groups", k("three_public.overseas.groups", "count"), t.Groups), b.count("n:3:persons", k("three_public.overseas.persons", "count"), t.Persons)))
	b.para(fmt.Sprintf("（二）公务用车购置及运行维护费支出%s。其中：公务用车购置费%s，购置车辆%s辆；公务用车运行维护费%s。", b.wan("n:3:veh", k("three_public.vehicle", "amount"), t.Vehicle()),
		b.wan("n:3:pur", k("three_public.vehicle.purchase", "amount"), t.Purchase), b.count("n:3:bought", k("three_public.vehicle.purchased", "count"), t.Bought),
		b.wan("n:3:op", k("three_public.vehicle.operation", "amount"), t.Operation)))
	b.para(fmt.Sprintf("（三）公务接待费支出%s，共接待%s批次、%s人次。", b.wan("n:3:rec", k("three_public.reception", "amount"), t.Reception),
		b.count("n:3:batches", k("three_public.reception.batches", "count"), t.Batches), b.count("n:3:guests", k("three_public.reception.persons", "count"), t.Guests)))
}
