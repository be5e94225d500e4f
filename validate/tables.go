package validate

import (
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
			continue // a row's 合计 over its columns: not yet checked here
		}
		col := ""
		if s.Column != "" {
			col = "「" + s.Column + "」列"
		}
		p.checkTableSum(s, fmt.Sprintf("表中%s%s %s%s ≠ 其下 %d 行之和 %s%s（%s）", col, strings.TrimSpace(s.Label), s.Raw, s.Unit,
			s.Parts, s.Sum.StringFixed(s.Places), s.Unit, s.Pos))
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
