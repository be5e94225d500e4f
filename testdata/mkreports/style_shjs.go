package main

import (
	"fmt"
	"strings"
)

// Style shjs: a Shanghai 区级 部门决算 (modelled on the 普陀区 财政局 and
// 社会工作部 2024 决算): cover, 目录, 第一部分 概况, 第二部分 nine tables in
// 万元, 第三部分 情况说明 一、…十一、, 第四部分 名词解释.
func buildSHJS(b *builder) {
	r, d := b.r, b.r.Dept
	y := r.Year
	kindWord := d.Scope + "决算"
	b.add(Block{Kind: bCover, Lines: []string{d.Name, fmt.Sprintf("%d年度%s", y, kindWord)}})
	parts := []string{"第一部分 " + d.Name + "概况", "第二部分 " + d.Name + fmt.Sprint(y) + "年度" + kindWord + "表",
		"第三部分 " + d.Name + fmt.Sprint(y) + "年度" + kindWord + "情况说明", "第四部分 名词解释"}
	tables := []string{"收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表",
		"一般公共预算财政拨款支出决算表", "一般公共预算财政拨款基本支出决算表", "财政拨款“三公”经费支出决算表",
		"政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款收入支出决算表"}
	toc := []string{parts[0], "　一、主要职能", "　二、" + d.Scope + "决算单位构成", parts[1]}
	for i, t := range tables {
		toc = append(toc, "　"+cnNum[i+1]+"、"+t)
	}
	toc = append(toc, parts[2], parts[3])
	b.pageBreak()
	b.add(Block{Kind: bTOC, Text: "目　录", Lines: toc})

	b.pageBreak()
	b.heading(1, parts[0])
	b.heading(2, "一、主要职能")
	b.functions()
	b.heading(2, "二、"+d.Scope+"决算单位构成")
	b.para(fmt.Sprintf("从预算单位构成看，%s%s决算包括：%s。纳入%s%d年度%s决算编制范围的单位共%d家。", d.Name, d.Scope, strings.Join(d.Units, "、"), d.Name, y, d.Scope, len(d.Units)))

	o := jsOpts{fullEcon: b.chance(0.6)}
	b.pageBreak()
	b.heading(1, parts[1])
	titles := tables
	for i, build := range []func() *Table{
		func() *Table { return b.jsSummary(o, titles[0]) },
		func() *Table { return b.jsIncome(o, titles[1]) },
		func() *Table { return b.jsExpend(o, titles[2]) },
		func() *Table { return b.jsFiscal(o, titles[3]) },
		func() *Table { return b.jsGPB(o, titles[4], b.chance(0.3)) },
		func() *Table { return b.jsEcon(o, titles[5], "决算数") },
		func() *Table { return b.jsThree(o, titles[6]) },
		func() *Table {
			return b.jsFund(o, titles[7], "gov_fund.expenditure", "政府性基金预算财政拨款支出", "注："+d.Name+"无%s，故本表无数据。")
		},
		func() *Table {
			return b.jsFund(o, titles[8], "state_capital.expenditure", "国有资本经营预算财政拨款支出", "注："+d.Name+"无%s，故本表无数据。")
		},
	} {
		if i > 0 {
			b.pageBreak()
		}
		b.table(build())
	}

	b.pageBreak()
	b.heading(1, parts[2])
	b.shjsNarrative()
	b.pageBreak()
	b.heading(1, parts[3])
	b.glossary(false)
}

// shjsNarrative is 第三部分 情况说明 of a Shanghai 决算.
func (b *builder) shjsNarrative() {
	r, d := b.r, b.r.Dept
	y, py := r.Year, r.Year-1
	who := d.Name
	// 一
	b.heading(2, "一、收入支出决算总体情况说明")
	chg, dir := b.yoy("n:total", "total", r.Total(), r.PriorTotal, true)
	s := fmt.Sprintf("%s%d年度收入、支出总计%s。与%d年度相比，收、支总计各%s。", who, y, b.wan("n:total", k("total", "amount"), r.Total()), py, chg)
	if b.chance(0.5) {
		s = fmt.Sprintf("%s%d年度收入支出总计%s。与%d年度相比，收入支出总计%s。", who, y, b.wan("n:total", k("total", "amount"), r.Total()), py, chg)
	}
	b.para(s + b.because(dir))
	// 二
	b.heading(2, "二、收入决算情况说明")
	b.para(b.incomeSentence("本年收入合计"))
	// 三
	b.heading(2, "三、支出决算情况说明")
	b.para(b.expendSentence("本年支出合计"))
	// 四
	b.heading(2, "四、财政拨款收入支出决算总体情况说明")
	chg, dir = b.yoy("n:fiscal", "fiscal.total", r.FiscalTotal(), r.PriorFiscal, true)
	b.para(fmt.Sprintf("%s%d年度财政拨款收入支出总计%s。与%d年度相比，财政拨款收入支出总计%s。", who, y,
		b.wan("n:fiscal", k("fiscal.total", "amount"), r.FiscalTotal()), py, chg) + b.because(dir))
	// 五
	b.heading(2, "五、一般公共预算财政拨款支出决算情况说明")
	b.heading(3, "（一）一般公共预算财政拨款支出决算总体情况")
	gpb := r.GPBTotal()
	chg, dir = b.yoy("n:gpb", "gpb.expenditure", gpb, r.PriorGPB, true)
	b.para(fmt.Sprintf("一般公共预算财政拨款支出%s，占本年支出合计的%s。与%d年度相比，一般公共预算财政拨款支出%s。",
		b.wan("n:gpb", k("gpb.expenditure", "amount"), gpb), b.share("n:gpb:share", k("gpb.expenditure", "share_pct"), "", gpb, r.ExpTotal()), py, chg) + b.because(dir))
	b.heading(3, "（二）一般公共预算财政拨款支出决算结构情况")
	b.para(b.classStructure("一般公共预算财政拨款支出%s，主要用于以下方面：", true))
	b.heading(3, "（三）一般公共预算财政拨款支出决算具体情况")
	b.itemDetailsJS()
	// 六
	b.heading(2, "六、一般公共预算财政拨款基本支出决算情况说明")
	b.para(b.basicSentence())
	// 七
	b.heading(2, "七、财政拨款“三公”经费支出决算情况说明")
	b.threeJS()
	// 八 九
	b.heading(2, "八、政府性基金预算财政拨款收入支出决算情况说明")
	b.para(b.fundSentence(who, y))
	b.heading(2, "九、国有资本经营预算财政拨款收入支出决算情况说明")
	b.para(fmt.Sprintf("%s%d年度%s。", who, y, b.absence("n:cap", k("state_capital.expenditure", "amount"), "无国有资本经营预算财政拨款收入和支出")))
	// 十
	b.heading(2, "十、预算绩效管理情况")
	b.para(fmt.Sprintf("%s%d年度预算绩效管理工作开展情况如下：编报绩效目标的%d年度项目%d个，涉及预算金额%s万元；绩效自评的项目%d个，平均得分%d.%d分。",
		who, y, y, r.PerfN, wanText(r.PerfAmt, false), r.PerfN, 90+b.rng.IntN(10), b.rng.IntN(10)))
	// 十一
	b.heading(2, "十一、其他重要事项的情况说明")
	b.heading(3, "（一）机关运行经费支出情况")
	b.para(b.opExpSentence(who, y, py, true))
	b.heading(3, "（二）政府采购支出情况")
	b.para(b.procurementJS(who, y))
	b.heading(3, "（三）国有资产占有使用情况")
	b.para(b.vehicleSentence(who, fmt.Sprintf("截至%d年12月31日", y)))
}

// because is the stated cause of a change ("主要原因是…").
func (b *builder) because(dir int) string {
	if dir == 0 {
		return ""
	}
	return b.pick("主要原因是", "主要原因：", "变动的主要原因是") + b.reason(dir > 0) + "。"
}

// absence states that the body has none of something: a zero fact.
func (b *builder) absence(id string, key *factKey, text string) string {
	b.record(id, key, "", false, false, "0", text)
	return text
}

// incomeSentence is "本年收入合计X万元，其中：财政拨款收入…，占…%；…".
func (b *builder) incomeSentence(lead string) string {
	r := b.r
	tot := r.IncTotal()
	var parts []string
	add := func(label, metric string, v Fen) {
		if v == 0 {
			return
		}
		parts = append(parts, fmt.Sprintf("%s%s，占%s", label, b.wan("n:inc:"+metric, k(metric, "amount"), v),
			b.share("n:inc:"+metric+":share", k(metric, "share_pct"), "", v, tot)))
	}
	if r.IncFund == 0 && r.IncCap == 0 && b.chance(0.6) {
		add("财政拨款收入", "income.fiscal.gpb", r.IncGPB)
	} else {
		add("一般公共预算财政拨款收入", "income.fiscal.gpb", r.IncGPB)
		add("政府性基金预算财政拨款收入", "income.fiscal.gov_fund", r.IncFund)
	}
	add("上级补助收入", "income.superior_subsidy", r.IncSup)
	add("事业收入", "income.business", r.IncBiz)
	add("经营收入", "income.operating", r.IncOper)
	add("附属单位上缴收入", "income.subordinate", r.IncSub)
	add("其他收入", "income.other", r.IncOther)
	return fmt.Sprintf("%s%s，其中：%s。", lead, b.wan("n:inc:total", k("income.total", "amount"), tot), strings.Join(parts, "；"))
}

// expendSentence is "本年支出合计X万元，其中：基本支出…，占…%；项目支出…".
func (b *builder) expendSentence(lead string) string {
	r := b.r
	tot := r.ExpTotal()
	var parts []string
	add := func(label, metric string, v Fen) {
		if v == 0 {
			return
		}
		parts = append(parts, fmt.Sprintf("%s%s，占%s", label, b.wan("n:exp:"+metric, k(metric, "amount"), v),
			b.share("n:exp:"+metric+":share", k(metric, "share_pct"), "", v, tot)))
	}
	add("基本支出", "expenditure.basic", r.Basic())
	add("项目支出", "expenditure.project", r.Project())
	add("经营支出", "expenditure.operating", r.Oper())
	return fmt.Sprintf("%s%s，其中：%s。", lead, b.wan("n:exp:total", k("expenditure.total", "amount"), tot), strings.Join(parts, "；"))
}

// classStructure lists the 类 with amounts and shares of the 一般公共预算
// total; format has one %s for the total.
func (b *builder) classStructure(format string, zhichu bool) string {
	r := b.r
	gpb := r.GPBTotal()
	var parts []string
	for _, c := range classesOf(r.Items) {
		v := sumItems(r.Items, c, vGPB)
		name := fname(c, r.Year)
		label := name + "（类）"
		if !zhichu {
			label = shortClass(name) + "（类）支出"
		}
		key := &factKey{"gpb.class", "amount", name}
		sk := &factKey{"gpb.class", "share_pct", name}
		parts = append(parts, fmt.Sprintf("%s%s，占%s", label, b.wanCode("n:cls:"+c, key, c, v), b.share("n:cls:"+c+":share", sk, c, v, gpb)))
	}
	return fmt.Sprintf(format, b.wan("n:gpb:2", k("gpb.expenditure", "amount"), gpb)) + strings.Join(parts, "；") + "。"
}

// itemDetailsJS is the 决算's 具体情况: the total against 年初预算, then
// each 项 with its budget and outturn.
func (b *builder) itemDetailsJS() {
	r := b.r
	gpb := r.GPBTotal()
	var budget Fen
	for _, it := range r.Items {
		budget += it.Budget
	}
	b.para(fmt.Sprintf("一般公共预算财政拨款支出年初预算为%s，支出决算为%s，完成年初预算的%s。%s其中：",
		b.wan("n:gpb:budget", k("gpb.expenditure", "budget"), budget), b.wan("n:gpb:3", k("gpb.expenditure", "amount"), gpb),
		b.pct("n:gpb:compl", k("gpb.expenditure", "completion_pct"), "", pctOf(gpb, budget)), b.underOver(gpb, budget)))
	form := b.pick("1、", "1.", "（一）")
	withPct := b.chance(0.4)
	n := 0
	for _, it := range r.Items {
		if it.GPB() == 0 {
			continue
		}
		n++
		subj := subject(it.Code, r.Year)
		kb := &factKey{"gpb.item", "budget", subj}
		ka := &factKey{"gpb.item", "amount", subj}
		s := fmt.Sprintf("%s%s。主要用于%s。年初预算为%s，支出决算为%s", ordinal(n, form), itemLabel(it.Code, r.Year, true), purpose(it.Code),
			b.wanCode("n:item:"+it.Code+":b", kb, it.Code, it.Budget), b.wanCode("n:item:"+it.Code+":a", ka, it.Code, it.GPB()))
		if withPct {
			s += "，完成年初预算的" + b.pct("n:item:"+it.Code+":c", &factKey{"gpb.item", "completion_pct", subj}, it.Code, pctOf(it.GPB(), it.Budget))
		}
		b.para(s + "。" + b.underOver(it.GPB(), it.Budget))
	}
}

// underOver explains a difference between outturn and budget.
func (b *builder) underOver(a, budget Fen) string {
	switch {
	case roundTo(a, WanCent) == roundTo(budget, WanCent):
		return b.pick("决算数与预算数基本持平。", "决算数等于预算数。")
	case a < budget:
		return "决算数小于预算数的主要原因是" + b.pick(reasonsUnder...) + "。"
	}
	return "决算数大于预算数的主要原因是年中追加预算。"
}

// basicSentence states 基本支出 and its 人员经费 / 公用经费.
func (b *builder) basicSentence() string {
	r := b.r
	return fmt.Sprintf("%s一般公共预算财政拨款基本支出%s，其中：人员经费%s，主要包括：%s；公用经费%s，主要包括：%s。",
		b.pick(fmt.Sprintf("%d年度", r.Year), ""), b.wan("n:basic", k("gpb.basic", "amount"), r.GPBBasic()),
		b.wan("n:basic:P", k("gpb.basic.personnel", "amount"), r.Personnel()), econWords(r, 'P'),
		b.wan("n:basic:G", k("gpb.basic.public", "amount"), r.Public()), econWords(r, 'G'))
}

// threeJS is the “三公” section of a 决算: totals against budget, the
// change on last year, then each part with its counts.
func (b *builder) threeJS() {
	r := b.r
	t := &r.Three
	y := r.Year
	b.heading(3, "（一）“三公”经费财政拨款支出决算总体情况说明")
	compl := func(id, metric string, a, bud Fen) string {
		switch {
		case bud == 0 && a == 0:
			if b.chance(0.5) {
				return "，完成预算的" + b.pct(id, k(metric, "completion_pct"), "", 0)
			}
			return ""
		case bud == 0:
			return "，年初未安排预算"
		}
		return "，完成预算的" + b.pct(id, k(metric, "completion_pct"), "", pctOf(a, bud))
	}
	part := func(name, metric string, a, bud Fen) string {
		return fmt.Sprintf("%s支出年初预算为%s，支出决算为%s%s", name,
			b.wan("n:3:"+metric+":b", k(metric, "budget"), bud), b.wan("n:3:"+metric+":a", k(metric, "amount"), a),
			compl("n:3:"+metric+":c", metric, a, bud))
	}
	s := part("“三公”经费财政拨款", "three_public.total", t.Total(), t.BTotal()) + "，其中：" +
		part("因公出国（境）费", "three_public.overseas", t.Overseas, t.BOverseas) + "；" +
		part("公务用车购置及运行维护费", "three_public.vehicle", t.Vehicle(), t.BPurchase+t.BOperation) + "；" +
		part("公务接待费", "three_public.reception", t.Reception, t.BReception) + "。"
	if t.Total() != t.BTotal() {
		s += b.underOver(t.Total(), t.BTotal())
	}
	b.para(s)
	chg, _ := b.yoy("n:3:total", "three_public.total", t.Total(), t.PTotal(), true)
	p := fmt.Sprintf("%d年度“三公”经费财政拨款支出决算比%d年度%s。其中：", y, y-1, chg)
	var ps []string
	for _, x := range []struct {
		name, metric string
		a, prior     Fen
	}{
		{"因公出国（境）费", "three_public.overseas", t.Overseas, t.POverseas},
		{"公务用车购置及运行维护费", "three_public.vehicle", t.Vehicle(), t.PPurchase + t.POperation},
		{"公务接待费", "three_public.reception", t.Reception, t.PReception},
	} {
		c, _ := b.yoy("n:3:"+x.metric, x.metric, x.a, x.prior, x.prior != 0)
		ps = append(ps, x.name+"支出决算"+c)
	}
	b.para(p + strings.Join(ps, "；") + "。")
	b.heading(3, "（二）“三公”经费财政拨款支出决算具体情况说明")
	if t.Total() == 0 && b.chance(0.5) {
		b.para(fmt.Sprintf("%s%d年度无“三公”经费财政拨款支出。", r.Dept.Name, y))
		return
	}
	b.para(fmt.Sprintf("1．因公出国（境）费%s。全年安排因公出国（境）团组%s个，累计%s人次。",
		b.wan("n:3:ov:2", k("three_public.overseas", "amount"), t.Overseas),
		b.count("n:3:groups", k("three_public.overseas.groups", "count"), t.Groups),
		b.count("n:3:persons", k("three_public.overseas.persons", "count"), t.Persons)))
	b.para(fmt.Sprintf("2．公务用车购置及运行维护费%s。其中：公务用车购置费%s，更新购置公务用车%s辆；公务用车运行维护费%s，主要用于公务用车燃料费、维修费、过路过桥费、保险费等支出。",
		b.wan("n:3:veh:2", k("three_public.vehicle", "amount"), t.Vehicle()),
		b.wan("n:3:pur:2", k("three_public.vehicle.purchase", "amount"), t.Purchase),
		b.count("n:3:bought", k("three_public.vehicle.purchased", "count"), t.Bought),
		b.wan("n:3:op:2", k("three_public.vehicle.operation", "amount"), t.Operation)))
	rec := fmt.Sprintf("3．公务接待费%s。", b.wan("n:3:rec:2", k("three_public.reception", "amount"), t.Reception))
	if b.chance(0.5) {
		rec += fmt.Sprintf("其中：国内公务接待支出%s，国内公务接待%s批次，%s人次（不包括陪同人员）；外事接待支出%s。",
			b.wan("n:3:dom", k("three_public.reception.domestic", "amount"), t.Reception),
			b.count("n:3:batches", k("three_public.reception.batches", "count"), t.Batches),
			b.count("n:3:guests", k("three_public.reception.persons", "count"), t.Guests),
			b.wan("n:3:foreign", k("three_public.reception.foreign", "amount"), 0))
	} else {
		rec += fmt.Sprintf("全年共接待国内来访团组%s批次，%s人次（不包括陪同人员）。",
			b.count("n:3:batches", k("three_public.reception.batches", "count"), t.Batches),
			b.count("n:3:guests", k("three_public.reception.persons", "count"), t.Guests))
	}
	b.para(rec)
}

// fundSentence states the 政府性基金 money or its absence.
func (b *builder) fundSentence(who string, y int) string {
	r := b.r
	if r.FundTotal() == 0 {
		return fmt.Sprintf("%s%d年度%s。", who, y, b.absence("n:fund", k("gov_fund.expenditure", "amount"), "无政府性基金预算财政拨款收入和支出"))
	}
	return fmt.Sprintf("%s%d年度政府性基金预算财政拨款支出%s，主要用于%s。", who, y,
		b.wan("n:fund", k("gov_fund.expenditure", "amount"), r.FundTotal()), fname(r.Fund[0].Code, y))
}

// opExpSentence states 机关运行经费 and its change, or its absence.
func (b *builder) opExpSentence(who string, y, py int, withPct bool) string {
	r := b.r
	if !r.HasOpExp {
		return fmt.Sprintf("%s为事业单位，%s。", who, b.absence("n:opexp", k("operating_expense", "amount"), "无机关运行经费"))
	}
	chg, dir := b.yoy("n:opexp", "operating_expense", roundTo(r.OpExp, WanCent), r.PriorOpExp, withPct)
	cmp := "比" + fmt.Sprint(py) + "年度" + chg
	if dir == 0 {
		cmp = "与" + fmt.Sprint(py) + "年度" + chg
	}
	return fmt.Sprintf("%d年度%s机关运行经费支出%s，%s。", y, who, b.wan("n:opexp", k("operating_expense", "amount"), r.OpExp), cmp) + b.because(dir)
}

// procurementJS is a Shanghai 决算's 政府采购 paragraph; its 中小企业
// figures are reserved and awarded amounts with no single metric.
func (b *builder) procurementJS(who string, y int) string {
	p := b.r.Proc
	tot := p.Goods + p.Works + p.Services
	s := fmt.Sprintf("%s%d年度政府采购支出总额%s，其中：政府采购货物支出%s、政府采购工程支出%s、政府采购服务支出%s。", who, y,
		b.wan("n:proc", k("procurement.total", "amount"), tot), b.wan("n:proc:g", k("procurement.goods", "amount"), p.Goods),
		b.wan("n:proc:w", k("procurement.works", "amount"), p.Works), b.wan("n:proc:s", k("procurement.services", "amount"), p.Services))
	if tot > 0 {
		s += fmt.Sprintf("%d年度本%s面向中小企业预留政府采购项目预算金额%s万元，其中，面向小微企业预留政府采购项目预算金额%s万元。",
			y, b.r.Dept.Scope, wanText(p.SME, false), wanText(p.Small, false))
	}
	return s
}

// vehicleSentence states the vehicles the body holds.
func (b *builder) vehicleSentence(who, asOf string) string {
	v := b.r.Vehicles
	return fmt.Sprintf("%s，%s共有车辆%s辆，其中：主要领导干部用车0辆、机要通信用车0辆、应急保障用车0辆、执法执勤用车0辆、特种专业技术用车0辆、离退休干部用车0辆、其他用车%d辆。单价100万元（含）以上设备（不含车辆）%d台（套）。",
		asOf, who, b.count("n:vehicles", k("assets.vehicles", "count"), v), v, b.rng.IntN(3))
}

// functions writes the body's 主要职能.
func (b *builder) functions() {
	d := b.r.Dept
	b.para(fmt.Sprintf("%s是%s的%s。主要职能包括：", d.Name, b.pick("本级政府主管相关工作", "负责相关领域管理和服务工作", "承担相关公共服务职能"),
		map[bool]string{true: "公益性事业单位", false: "工作部门"}[d.Arch.public]))
	duties := []string{"贯彻执行国家和本地区有关法律、法规、规章和方针、政策，研究拟订相关发展规划和政策措施并组织实施。",
		"负责本领域的行政管理和公共服务工作，组织实施有关专项工作。", "承担本系统财务、资产管理和内部审计工作。",
		"指导、协调和监督所属单位的业务工作。", "完成上级交办的其他任务。"}
	for i, s := range duties[:3+b.rng.IntN(3)] {
		b.para(fmt.Sprintf("（%s）%s", cnNum[i+1], s))
	}
}

// glossary is the 名词解释.
func (b *builder) glossary(budget bool) {
	terms := []string{
		"财政拨款收入：指单位从同级财政部门取得的财政预算资金。",
		"事业收入：指事业单位开展专业业务活动及辅助活动取得的收入。",
		"经营收入：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
		"其他收入：指单位取得的除上述收入以外的各项收入。",
		"年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。",
		"年末结转和结余：指单位按有关规定结转到下年或以后年度继续使用的资金。",
		"基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
		"项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
		"“三公”经费：指部门用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
		"机关运行经费：为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。",
	}
	if budget {
		terms = terms[:4]
		terms = append(terms, "基本支出预算：是预算单位为保障其机构正常运转、完成日常工作任务而编制的年度基本支出计划，包括人员经费和公用经费两部分。",
			"项目支出预算：是预算单位为完成行政工作任务、事业发展目标或政府发展战略、特定目标，在基本支出之外编制的年度支出计划。",
			"“三公”经费：指部门用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
			"机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。")
	}
	form := b.pick("1.", "（一）", "一、")
	for i, t := range terms {
		b.para(ordinal(i+1, form) + t)
	}
}
