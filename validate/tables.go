package validate

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/shopspring/decimal"
)

// The sums the standard tables state by their layout, and the figures one
// table holds against another's.

// tableSums checks the sums a table states down its columns (a 合计 row
// over its 类 rows, a 类 over its 款, a 款 over its 项, column by column)
// under the rounding policy: a miss that the rounding of the figures as
// printed accounts for (half the unit of each, total and parts) is Info;
// beyond that it is an error.
func tableSums(p *Pass) {
	for _, s := range p.sums {
		if s.Across {
			continue // sum.row's
		}
		col := ""
		if s.Column != "" {
			col = "「" + s.Column + "」列"
		}
		p.checkTableSum(s, fmt.Sprintf("表中%s%s %s%s ≠ 其下 %d 行之和 %s%s（%s）", col, strings.TrimSpace(s.Label), s.Raw, s.Unit,
			s.Parts, s.Sum.StringFixed(s.Places), s.Unit, s.Pos))
	}
}

// rowSums checks each row of a function table: its 合计 against the
// columns that make it up (基本支出 + 项目支出 + …, or the income columns).
func rowSums(p *Pass) {
	for _, s := range p.sums {
		if !s.Across {
			continue
		}
		row := strings.TrimSpace(s.Label)
		if row == "" {
			row = "合计"
		}
		p.checkTableSum(s, fmt.Sprintf("表中「%s」行：%s = %s%s ≠ 「%s」%s%s（%s）", row, strings.Join(s.Columns, " + "),
			s.Sum.StringFixed(s.Places), s.Unit, s.Column, s.Raw, s.Unit, s.Pos))
	}
}

// checkTableSum reports a table's sum that misses: within its rounding as
// Info, beyond it as an error, unless the table was read by OCR.
func (p *Pass) checkTableSum(s normalize.TableSum, msg string) {
	diff := s.Sum.Sub(s.Total).Abs()
	if diff.IsZero() {
		p.pass()
		return
	}
	exp, _ := normalize.ToYuan(s.Sum, s.Unit)
	act, _ := normalize.ToYuan(s.Total, s.Unit)
	f := Finding{Severity: Error, Expected: known(exp), Actual: act, Message: msg}
	switch {
	case diff.LessThanOrEqual(s.Rounding):
		f.Severity = Info
	case p.ocr[s.Pos.Block]:
		p.doubt(f, "表格系 OCR 识别")
		return
	}
	p.fail(f)
}

// classesVsSummary compares each function class's figure in a summary
// table with the class's 一般公共预算 expenditure stated elsewhere (its
// function table, or the narrative): one figure printed twice, so within
// the coarser printing's half unit, as a restatement. normalize gives the
// summary's figures only where the money the table covers is all
// 一般公共预算; the 收支总表's spending may still draw on last year's
// carry-over, so only a 财政拨款 总表, or a 收支总表 with no carry-over, is
// of the function table's scope.
func classesVsSummary(p *Pass) {
	for _, c := range p.res.Classes {
		fi := -1
		for i := range p.facts {
			if g := &p.facts[i]; g.Metric == "gpb.class" && g.Measure == "amount" && g.Code == c.Code {
				fi = i
				break
			}
		}
		if fi < 0 {
			continue
		}
		f := &p.facts[fi]
		other := normalize.Fact{Value: c.Value, Raw: c.Raw, Unit: normalize.Yuan}
		if f.Value.Sub(c.Value).Abs().LessThanOrEqual(decimal.Max(halfOf(f), halfOf(&other))) {
			p.pass()
			continue
		}
		finding := Finding{Severity: Error, Expected: known(f.Value), Actual: c.Value, Facts: []int{fi},
			Message: fmt.Sprintf("%s %s为 %s（%s），一般公共预算财政拨款支出为 %s（%s）", c.Name, c.Table, c.Raw, c.Pos, f.Raw, f.Pos)}
		if why := p.summaryScope(c.Table); why != "" {
			p.doubt(finding, why, f)
			continue
		}
		p.fail(finding)
	}
}

// summaryScope says why a summary table's class figures may be of
// another scope than 一般公共预算财政拨款支出, or "" when they are not.
func (d *document) summaryScope(table string) string {
	if strings.Contains(table, "财政拨款") {
		return ""
	}
	carry, _ := d.get("income.carryover", "amount", "")
	nonFiscal, _ := d.get("income.non_fiscal_balance", "amount", "")
	switch {
	case carry == nil:
		return "总表为全部资金口径，可能含年初结转和结余的支出，未能确认与一般公共预算口径相同"
	case !carry.Value.IsZero():
		return "总表为全部资金口径，含年初结转和结余 " + money(carry.Value, carry) + " 的支出，与一般公共预算口径不同"
	case nonFiscal != nil && !nonFiscal.Value.IsZero():
		return "总表为全部资金口径，含使用非财政拨款结余的支出，与一般公共预算口径不同"
	}
	return ""
}

// economicLine is one line of a 基本支出 table by economic class, as a fact
// for the rounding and evidence policies.
type economicLine struct {
	code, name string
	f          *normalize.Fact
	// doubt says why the reading is in doubt, or is "": a class whose
	// 款, as read, do not add up to it was read wrong, or printed wrong
	// (sum.table's to say), and so were they.
	doubt string
}

// economic returns the lines of the first 基本支出 table by economic class,
// one per code: a code seen again starts the next table (a report prints
// the 一般公共预算 and the 财政拨款 基本支出 tables alike).
func (d *document) economic() map[string]economicLine {
	out := map[string]economicLine{}
	for _, e := range d.res.Economic {
		if _, seen := out[e.Code]; seen {
			break
		}
		basis := normalize.BasisTable
		if d.ocr[e.Pos.Block] {
			basis = normalize.BasisOCR // its sums may have confirmed it; nothing here says so
		}
		out[e.Code] = economicLine{code: e.Code, name: e.Name, f: &normalize.Fact{Value: e.Value, Raw: e.Raw, Unit: normalize.Yuan, Pos: e.Pos,
			Subject: e.Code + " " + e.Name, Method: normalize.FromTable, Basis: basis}}
	}
	doubtUnsummed(out)
	return out
}

// doubtUnsummed marks the lines of each class whose 款, as read, miss it
// beyond their rounding. A class whose 款 were not read is left alone.
func doubtUnsummed(lines map[string]economicLine) {
	for code, class := range lines {
		if len(code) != 3 {
			continue
		}
		var parts []*normalize.Fact
		for c, l := range lines {
			if len(c) == 5 && strings.HasPrefix(c, code) {
				parts = append(parts, l.f)
			}
		}
		if len(parts) == 0 || sumOf(parts).Sub(class.f.Value).Abs().LessThanOrEqual(rounding(class.f, parts...)) {
			continue
		}
		why := fmt.Sprintf("基本支出表 %s %s %s 不等于其各款之和 %s，读取存疑", code, class.name, class.f.Raw, money(sumOf(parts), class.f))
		for c, l := range lines {
			if strings.HasPrefix(c, code) {
				l.doubt = why
				lines[c] = l
			}
		}
	}
}

func econPersonnel(p *Pass) { p.econSplit("gpb.basic.personnel", []string{"301", "303"}) }
func econPublic(p *Pass)    { p.econSplit("gpb.basic.public", []string{"302", "310"}) }

// econSplit checks 人员经费 (or 公用经费) against the economic classes that
// make it up. All of them are known when the 基本支出 table's classes add
// up to 基本支出 and are none but 301, 302, 303 and 310, so that a class
// the table does not print is 0; otherwise the classes may only not exceed
// it.
func (p *Pass) econSplit(metric string, codes []string) {
	t, ti := p.get(metric, "amount", "")
	lines := p.economic()
	var classes []economicLine
	for _, code := range []string{"301", "302", "303", "304", "307", "309", "310", "311", "312", "313", "399"} {
		if l, ok := lines[code]; ok {
			classes = append(classes, l)
		}
	}
	switch {
	case t == nil && len(classes) == 0:
		return
	case t == nil || len(classes) == 0:
		p.missing()
		return
	}
	var parts []economicLine
	standard := true // every class is one of 301, 302, 303, 310
	all := make([]*normalize.Fact, len(classes))
	for k, l := range classes {
		all[k] = l.f
		switch l.code {
		case codes[0], codes[1]:
			parts = append(parts, l)
		case "301", "302", "303", "310":
		default:
			standard = false
		}
	}
	basic, _ := p.get("gpb.basic", "amount", "")
	complete := standard && basic != nil && basic.Value.Sub(sumOf(all)).Abs().LessThanOrEqual(rounding(basic, all...))
	if len(parts) == 0 {
		if !complete {
			p.missing()
			return
		}
	}
	fs := make([]*normalize.Fact, len(parts))
	terms := make([]string, len(parts))
	doubt := ""
	for k, l := range parts {
		fs[k] = l.f
		terms[k] = fmt.Sprintf("%s %s %s", l.code, l.name, strings.TrimSuffix(money(l.f.Value, t), " 万元"))
		doubt = cmp.Or(doubt, l.doubt)
	}
	sum, tol := sumOf(fs), rounding(t, fs...)
	diff := sum.Sub(t.Value)
	if diff.Abs().LessThanOrEqual(tol) || !complete && diff.LessThanOrEqual(tol) {
		p.pass()
		return
	}
	if len(terms) == 0 {
		terms = []string{"（无）"}
	}
	msg := fmt.Sprintf("基本支出表 %s = %s ≠ %s %s", strings.Join(terms, " + "), money(sum, t), label(metric, "", "amount"), money(t.Value, t))
	if !complete {
		msg += "，且超过之"
	}
	f := Finding{Severity: Error, Expected: known(sum), Actual: t.Value, Facts: []int{ti}, Message: msg}
	if doubt != "" {
		p.doubt(f, doubt, fs...)
		return
	}
	p.fail(f, fs...)
}

// threePublicLines pairs the economic lines of the 基本支出 table with the
// “三公” parts they are spent on. A line is taken by its code only when its
// name says the same: some tables number their own lines (302 12
// 机关事业单位退休人员活动费).
var threePublicLines = []struct{ code, metric, name string }{
	{"30212", "three_public.overseas", "出国"},
	{"30217", "three_public.reception", "接待"},
	{"30231", "three_public.vehicle.operation", "公务用车运行"},
	{"31013", "three_public.vehicle.purchase", "公务用车购置"},
}

// econThreePublic checks that no line of the 基本支出 table spends more on
// a “三公” purpose than the “三公” part states: the part may exceed the line
// (the rest is project money), never the reverse.
func econThreePublic(p *Pass) {
	lines := p.economic()
	for _, tp := range threePublicLines {
		l, ok := lines[tp.code]
		ok = ok && strings.Contains(strings.ReplaceAll(l.name, " ", ""), tp.name)
		part, pi := p.get(tp.metric, "amount", "")
		switch {
		case !ok && part == nil:
			continue
		case !ok || part == nil:
			p.missing()
			continue
		}
		if l.f.Value.Sub(part.Value).LessThanOrEqual(halfOf(l.f).Add(halfOf(part))) {
			p.pass()
			continue
		}
		f := Finding{Severity: Error, Expected: known(part.Value), Actual: l.f.Value, Facts: []int{pi},
			Message: fmt.Sprintf("基本支出表 %s %s %s（%s）超过“三公”经费中的%s %s", l.code, l.name, l.f.Raw, l.f.Pos, label(tp.metric, "", "amount"), part.Raw)}
		if l.doubt != "" {
			p.doubt(f, l.doubt, l.f)
			continue
		}
		p.fail(f, l.f)
	}
}
