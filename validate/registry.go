package validate

// rules are the checks, each registered here once, in the order they run
// and report. Their ids are stable: reports, the store and the tests key
// on them, and each has its cases in testdata/rules/ID.txtar.
var rules = []*Rule{
	// Parts against their totals, as the facts state them.
	{ID: "sum.income", Max: Error, Run: sumIncome,
		Doc: "本年收入合计 = 财政拨款 + 上级补助 + 事业 + 经营 + 附属单位上缴 + 其他收入 (with or without 年初结转和结余)"},
	{ID: "sum.expenditure", Max: Error, Run: sumExpenditure,
		Doc: "本年支出合计 = 基本支出 + 项目支出 + 经营支出 + … (with or without 年末结转和结余)"},
	{ID: "sum.basic_expenditure", Max: Error, Run: sumBasic,
		Doc: "一般公共预算财政拨款基本支出 = 人员经费 + 公用经费"},
	{ID: "sum.three_public", Max: Error, Run: sumThreePublic,
		Doc: "“三公”经费 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费"},
	{ID: "sum.vehicle", Max: Error, Run: sumVehicle,
		Doc: "公务用车购置及运行费 = 购置费 + 运行维护费"},
	{ID: "sum.procurement", Max: Error, Run: sumProcurement,
		Doc: "政府采购支出总额 = 货物 + 工程 + 服务"},
	{ID: "sum.classes", Max: Error, Run: sumClasses,
		Doc: "一般公共预算财政拨款支出 = the sum of its 类, when the 类 read are known to be all of them"},
	{ID: "sum.items", Max: Error, Run: sumItems,
		Doc: "each 类 = the sum of its 项, when the 项 read are known to be all of them"},
	{ID: "sum.items_total", Max: Error, Run: sumItemsTotal,
		Doc: "一般公共预算财政拨款支出 = the sum of all 项, when the 项 read are known to be all of them"},
	{ID: "sum.items_budget", Max: Error, Run: sumItemsBudget,
		Doc: "一般公共预算财政拨款支出年初预算 = the sum of the 项's 年初预算, when the list is known complete"},

	// Percentages against the amounts they are computed from.
	{ID: "share.recompute", Max: Error, Run: shareRecompute,
		Doc: "a stated share (占比) = amount / its base · 100, within the printing's last digit"},
	{ID: "yoy.pct", Max: Error, Run: yoyPctRule,
		Doc: "a stated change in percent, each time it is stated = change / (amount − change) · 100"},
	{ID: "yoy.prior", Max: Error, Run: yoyPriorRule,
		Doc: "amount − last year's figure (a chart's) = the stated change"},
	{ID: "completion.recompute", Max: Error, Run: completionRule,
		Doc: "a stated completion rate = 决算数 / 预算数 · 100; no rate of a zero budget"},
	{ID: "pct.decimal_slip", Max: Error, Run: decimalSlip,
		Doc: "a stated percentage that is the computed one with its decimal point moved (0.06% printed for 0.60%)"},
	{ID: "yoy.zero_base", Max: Warning, Run: zeroBase,
		Doc: "a growth rate stated for a change from a zero base (增长100% when last year was 0), which has none"},
	{ID: "format.stray_mark", Max: Warning, Run: strayMark,
		Doc: "a figure printed with a stray mark (16.19*%)"},

	// One figure stated twice.
	{ID: "narrative.vs_table", Max: Error, Run: narrativeVsTable,
		Doc: "a figure the narrative states = the same figure in a table, as rounded (truncated: info)"},
	{ID: "dup.conflict", Max: Error, Run: dupConflict,
		Doc: "a figure stated twice of one kind = itself, as rounded (truncated: info)"},

	// The sums the tables state by their layout, and across tables.
	{ID: "sum.table", Max: Error, Run: tableSums,
		Doc: "in every figure column of a table, 合计 = its 类, each 类 = its 款, each 款 = its 项 (function or economic codes)"},
	{ID: "sum.row", Max: Error, Run: rowSums,
		Doc: "in every row of a function table, 合计 = 基本支出 + 项目支出 (+ …), or the income columns"},
	{ID: "class.vs_summary", Max: Error, Run: classesVsSummary,
		Doc: "a 类's figure in the 收支总表 or 财政拨款收支总表 = its 一般公共预算财政拨款支出, where the scopes agree"},
	{ID: "econ.personnel", Max: Error, Run: econPersonnel,
		Doc: "人员经费 = 301 工资福利支出 + 303 对个人和家庭的补助 of the 基本支出 table"},
	{ID: "econ.public", Max: Error, Run: econPublic,
		Doc: "公用经费 = 302 商品和服务支出 + 310 资本性支出 of the 基本支出 table"},
	{ID: "econ.three_public", Max: Error, Run: econThreePublic,
		Doc: "each 基本支出 line 30212/30217/30231/31013 ≤ its “三公” part (the rest of the part is project money)"},
	{ID: "yoy.lines", Max: Error, Run: lineChanges,
		Doc: "each 类's and 项's stated change in percent recomputes; a 类's change = its 项's, the 类's = 一般公共预算's (warning)"},

	// Figures read by OCR.
	{ID: "ocr.unverified", Max: Warning, Run: unverified,
		Doc: "figures read by OCR that no sum of their table nor a second reading confirms"},
	{ID: "ocr.withheld", Max: Warning, Run: withheld,
		Doc: "figures read by OCR that their table's sums contradict, kept out of the facts"},

	// The text.
	{ID: "template.residue", Max: Warning, Run: residue,
		Doc: "placeholders a template left behind: XX局, ××, 某某, {单位}"},
	{ID: "kind.mismatch", Max: Warning, Run: kindMismatch,
		Doc: "a 决算 whose title says 预算, or the reverse"},
	{ID: "sections.missing", Max: Warning, Run: sections,
		Doc: "a 决算 narrative without one of the template's sections"},
	{ID: "tables.missing", Max: Warning, Run: tables,
		Doc: "a 决算 without one of the nine standard tables, or a statement that it is empty"},
	{ID: "completion.project_table", Max: Error, Run: projectCompletion,
		Doc: "a 项's stated completion rate = 执行数 / 预算数 of its project self-assessment table"},
	{ID: "completion.zero_budget", Max: Warning, Run: zeroBudget,
		Doc: "a completion rate stated against a 年初预算 of 0"},
	{ID: "sum.procurement_sme", Max: Error, Run: smeAwards,
		Doc: "what small and medium firms won, in the projects reserved for them and in the others, ≤ 政府采购支出总额"},
}
