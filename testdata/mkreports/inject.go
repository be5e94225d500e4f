package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Injections plant the inconsistencies real reports carry. A plan is
// made from the clean document's printed figures (its sites) and applied
// by printing the document again with the changes: facts keep the values
// as printed, so the truth of a planted figure is the wrong figure.

// injectionPlan is the set of changes to print and what they plant.
type injectionPlan struct {
	tweaks  map[string]tweak
	records []injection
}

// injector tries to plant one kind; ok is false when the document has no
// place for it.
type injector struct {
	kind string
	try  func(p *planner) (tweaks map[string]tweak, rec injection, ok bool)
}

type planner struct {
	rng  *rand.Rand
	d    *Doc
	used map[string]bool // site ids already changed
}

var injectors = []injector{
	{"narrative_vs_table", injNarrative},
	{"basic_split", injBasic},
	{"table_item_sum", injTableItem},
	{"share_pct", injShare},
	{"yoy_pct", injYoY},
	{"yoy_line_pct", injYoYLine},
	{"misplaced_decimal", injDecimal},
	{"three_public_sum", injThree},
	{"items_budget_sum", injItemsBudget},
	{"row_sum", injRow},
}

// planInjections chooses one to three kinds the document has room for.
func planInjections(rng *rand.Rand, d *Doc) injectionPlan {
	p := &planner{rng: rng, d: d, used: map[string]bool{}}
	plan := injectionPlan{tweaks: map[string]tweak{}}
	want := 1 + rng.IntN(3)
	for _, i := range rng.Perm(len(injectors)) {
		if len(plan.records) == want {
			break
		}
		tw, rec, ok := injectors[i].try(p)
		if !ok {
			continue
		}
		for id, t := range tw {
			plan.tweaks[id] = t
			p.used[id] = true
		}
		rec.Kind = injectors[i].kind
		plan.records = append(plan.records, rec)
	}
	return plan
}

// candidates are the unused sites passing a test, in document order.
func (p *planner) candidates(ok func(s *site) bool) []*site {
	var out []*site
	for i := range p.d.Sites {
		s := &p.d.Sites[i]
		if !p.used[s.ID] && ok(s) {
			out = append(out, s)
		}
	}
	return out
}

func (p *planner) one(ok func(s *site) bool) *site {
	c := p.candidates(ok)
	if len(c) == 0 {
		return nil
	}
	return c[p.rng.IntN(len(c))]
}

// moneyDelta is a change well beyond rounding: 5 to 400 units of 0.01
// 万元 (or of the table's last digit where that is larger), either way,
// such that the changed figure v+d does not end in a zero 0.01 万元 digit
// (a narrative that trims zeros would print it less precisely, and the
// change might fall within its rounding).
func (p *planner) moneyDelta(unit Fen, v Fen) int64 {
	u := max(unit, WanCent)
	d := int64(u) * int64(5+p.rng.IntN(396))
	if p.rng.IntN(2) == 0 || v-Fen(d) > 0 && p.rng.IntN(2) == 0 {
		d = -d
	}
	if v+Fen(d) <= 0 {
		d = -d
	}
	if (v+Fen(d))%(10*WanCent) == 0 {
		d += int64(WanCent)
	}
	return d
}

// printedHalf is half the last printed digit of an amount as printed, in
// fen: 50 元 for "1,629.26万元", 5,000 元 for "77万元" (which a reader cannot
// tell from 77 rounded).
func printedHalf(raw string) Fen {
	unit := Fen(100) // 1 元
	digits := strings.TrimSuffix(raw, "元")
	if strings.HasSuffix(digits, "万") {
		unit, digits = 1000000, strings.TrimSuffix(digits, "万")
	}
	if _, frac, ok := strings.Cut(digits, "."); ok {
		for range frac {
			unit /= 10
		}
	}
	return unit / 2
}

// beyond widens a change d of the figure v until it is at least twice tol,
// what rounding may account for in the sum it breaks, keeping its sign and
// keeping v+d off a whole 0.1 万元 (moneyDelta).
func beyond(d int64, tol, v Fen) int64 {
	if abs(d) >= 2*int64(tol) {
		return d
	}
	w := (2*int64(tol) + abs(d) + int64(WanCent) - 1) / int64(WanCent) * int64(WanCent)
	if d < 0 && v-Fen(w) > 0 {
		w = -w
	}
	if (v+Fen(w))%(10*WanCent) == 0 {
		w += int64(WanCent)
	}
	return w
}

// pctDelta is 0.3 to 5 percentage points, in hundredths, either way.
func (p *planner) pctDelta() int64 {
	d := int64(30+p.rng.IntN(471)) / 10 * 10
	if p.rng.IntN(2) == 0 {
		return -d
	}
	return d
}

func nonzero(s *site) bool { return s.Value != "0" && s.Value != "-0" }

// sitesOf are all fact sites of a key.
func (p *planner) sitesOf(key factKey) []*site {
	return p.candidates(func(s *site) bool { return !s.NoFact && s.Key == key })
}

func fenOf(value string) Fen {
	neg := strings.HasPrefix(value, "-")
	value = strings.TrimPrefix(value, "-")
	i, f, _ := strings.Cut(value, ".")
	f = (f + "00")[:2]
	var v int64
	fmt.Sscan(i+f, &v)
	if neg {
		v = -v
	}
	return Fen(v)
}

func wanOf(f Fen) string { return trimZeros(wanText(f, false)) + "万元" }

func injNarrative(p *planner) (map[string]tweak, injection, bool) {
	s := p.one(func(s *site) bool {
		if s.NoFact || s.Table || s.Pct || s.Unit == 0 || !nonzero(s) || strings.HasSuffix(s.Key.Measure, "yoy_change") {
			return false
		}
		for i := range p.d.Sites {
			if t := &p.d.Sites[i]; t.Table && !t.NoFact && t.Key == s.Key {
				return true
			}
		}
		return false
	})
	if s == nil {
		return nil, injection{}, false
	}
	d := p.moneyDelta(WanCent, fenOf(s.Value))
	return map[string]tweak{s.ID: {Add: d}}, injection{Rules: []string{"narrative.vs_table"},
		Detail: fmt.Sprintf("the narrative states %s as %s where the table prints %s", keyText(s.Key), wanOf(fenOf(s.Value)+Fen(d)), wanOf(fenOf(s.Value)))}, true
}

func keyText(k factKey) string {
	s := k.Metric + " " + k.Measure
	if k.Subject != "" {
		s += " (" + k.Subject + ")"
	}
	return s
}

// injBasic changes 公用经费 wherever it is stated, so that 人员经费 +
// 公用经费 ≠ 基本支出.
func injBasic(p *planner) (map[string]tweak, injection, bool) {
	key := factKey{Metric: "gpb.basic.public", Measure: "amount"}
	ss := p.sitesOf(key)
	if len(ss) == 0 || len(p.sitesOf(factKey{Metric: "gpb.basic", Measure: "amount"})) == 0 {
		return nil, injection{}, false
	}
	d := p.moneyDelta(WanCent, fenOf(ss[0].Value))
	tw := map[string]tweak{}
	for _, s := range ss {
		tw[s.ID] = tweak{Add: d}
	}
	rules := []string{"sum.basic_expenditure"}
	return tw, injection{Rules: rules, Detail: fmt.Sprintf("公用经费 printed %s off (%s instead of %s): 人员经费 + 公用经费 ≠ 基本支出",
		wanOf(Fen(d)), wanOf(fenOf(ss[0].Value)+Fen(d)), wanOf(fenOf(ss[0].Value)))}, true
}

// injTableItem changes one 项 in the 一般公共预算 function table, so that
// it no longer adds up to its 款 and 类.
func injTableItem(p *planner) (map[string]tweak, injection, bool) {
	s := p.one(func(s *site) bool {
		return !s.NoFact && s.Table && s.Primary && s.Key.Metric == "gpb.item" && s.Key.Measure == "amount"
	})
	if s == nil {
		return nil, injection{}, false
	}
	d := p.moneyDelta(s.Unit, fenOf(s.Value))
	rules := []string{"sum.table"}
	for i := range p.d.Sites {
		if t := &p.d.Sites[i]; !t.Table && t.Key == s.Key {
			rules = append(rules, "narrative.vs_table")
			break
		}
	}
	return map[string]tweak{s.ID: {Add: d}}, injection{Rules: rules,
		Detail: fmt.Sprintf("the function table prints %s (%s) %s off its true value: the 项 no longer sum to their 款 and 类", s.Key.Subject, s.Code, yuanText(Fen(d)))}, true
}

func yuanText(f Fen) string { return yuanString(f) + "元" }

// allOf is a tweak of every site stating the same fact as s (a
// narrative may state a share or a change twice).
func (p *planner) allOf(s *site, t tweak) map[string]tweak {
	tw := map[string]tweak{s.ID: t}
	for _, o := range p.sitesOf(s.Key) {
		tw[o.ID] = t
	}
	return tw
}

func injShare(p *planner) (map[string]tweak, injection, bool) {
	s := p.one(func(s *site) bool { return !s.NoFact && s.Pct && s.Key.Measure == "share_pct" })
	if s == nil {
		return nil, injection{}, false
	}
	d := p.pctDelta()
	if fenOf(s.Value)+Fen(d) < 0 {
		d = -d
	}
	return p.allOf(s, tweak{Add: d}), injection{Rules: []string{"share.recompute"},
		Detail: fmt.Sprintf("%s printed %s%% instead of %s%%", keyText(s.Key), shiftedPct(s.Value, d), s.Value)}, true
}

// shiftedPct is a signed printed percentage whose magnitude moved by d
// hundredths.
func shiftedPct(value string, d int64) string {
	v := int64(fenOf(value))
	m := abs(v) + d
	if v < 0 {
		m = -m
	}
	return trimZeros(decimalString(m, 2))
}

func injYoY(p *planner) (map[string]tweak, injection, bool) {
	s := p.one(func(s *site) bool { return !s.NoFact && s.Pct && s.Key.Measure == "yoy_pct" })
	if s == nil {
		return nil, injection{}, false
	}
	d := p.pctDelta()
	if d < 0 && -d >= int64(abs(fenOf(s.Value))) {
		d = -d
	}
	return p.allOf(s, tweak{Add: d}), injection{Rules: []string{"yoy.pct"},
		Detail: fmt.Sprintf("%s printed %s%% instead of %s%%", keyText(s.Key), shiftedPct(s.Value, d), s.Value)}, true
}

// injYoYLine changes the percentage of a 类 or 项 change line (Jiangsu).
func injYoYLine(p *planner) (map[string]tweak, injection, bool) {
	s := p.one(func(s *site) bool {
		return s.NoFact && s.Pct && (strings.HasPrefix(s.ID, "n:cls:") || strings.HasPrefix(s.ID, "n:item:")) && strings.HasSuffix(s.ID, ":pct")
	})
	if s == nil {
		return nil, injection{}, false
	}
	d := p.pctDelta()
	if d < 0 && -d >= int64(abs(fenOf(s.Value))) {
		d = -d
	}
	return map[string]tweak{s.ID: {Add: d}}, injection{Rules: []string{"yoy.lines"},
		Detail: fmt.Sprintf("the change line %s prints its percentage %s pp off", strings.TrimSuffix(s.ID, ":pct"), trimZeros(decimalString(d, 2)))}, true
}

// injDecimal prints a percentage with its decimal point one place left:
// 0.06% for 0.60%.
func injDecimal(p *planner) (map[string]tweak, injection, bool) {
	s := p.one(func(s *site) bool {
		v := abs(fenOf(s.Value))
		return !s.NoFact && s.Pct && (s.Key.Measure == "share_pct" || s.Key.Measure == "yoy_pct") && v >= 50 && v%10 == 0
	})
	if s == nil {
		return nil, injection{}, false
	}
	rule := "share.recompute"
	if s.Key.Measure == "yoy_pct" {
		rule = "yoy.pct"
	}
	return p.allOf(s, tweak{Shift10: true}), injection{Rules: []string{rule},
		Detail: fmt.Sprintf("%s printed with a misplaced decimal point (%s%% divided by ten)", keyText(s.Key), s.Value)}, true
}

// injThree changes the “三公” total wherever it is stated, so that its
// three parts no longer add up to it.
func injThree(p *planner) (map[string]tweak, injection, bool) {
	ss := p.sitesOf(factKey{Metric: "three_public.total", Measure: "amount"})
	if len(ss) == 0 || !nonzero(ss[0]) {
		return nil, injection{}, false
	}
	d := p.moneyDelta(WanCent, fenOf(ss[0].Value))
	tw := map[string]tweak{}
	for _, s := range ss {
		tw[s.ID] = tweak{Add: d}
	}
	return tw, injection{Rules: []string{"sum.three_public"}, Detail: fmt.Sprintf("the “三公” total printed %s instead of the sum of its parts %s", wanOf(fenOf(ss[0].Value)+Fen(d)), wanOf(fenOf(ss[0].Value)))}, true
}

// injItemsBudget changes one 项's 年初预算 in a 决算 narrative, so that the
// items no longer add up to the stated budget.
func injItemsBudget(p *planner) (map[string]tweak, injection, bool) {
	if len(p.sitesOf(factKey{Metric: "gpb.expenditure", Measure: "budget"})) == 0 {
		return nil, injection{}, false
	}
	s := p.one(func(s *site) bool {
		return !s.NoFact && !s.Table && s.Key.Metric == "gpb.item" && s.Key.Measure == "budget"
	})
	if s == nil {
		return nil, injection{}, false
	}
	// The items' budgets are summed against the total as printed: the
	// change must exceed what their printings' rounding allows, which a
	// narrative that trims zeros ("77万元") widens.
	var tol Fen
	for _, o := range p.d.Sites {
		if !o.NoFact && !o.Table && o.Key.Measure == "budget" && (o.Key.Metric == "gpb.item" || o.Key.Metric == "gpb.expenditure") {
			tol += printedHalf(o.Raw)
		}
	}
	d := beyond(p.moneyDelta(WanCent, fenOf(s.Value)), tol, fenOf(s.Value))
	return map[string]tweak{s.ID: {Add: d}}, injection{Rules: []string{"sum.items_budget"},
		Detail: fmt.Sprintf("the 年初预算 of %s printed %s instead of %s: the items' budgets no longer sum to the total budget", s.Key.Subject, wanOf(fenOf(s.Value)+Fen(d)), wanOf(fenOf(s.Value)))}, true
}

// injRow changes one 项目支出 (or 基本支出) cell of the function table, so
// that 基本支出 + 项目支出 ≠ 合计 on that row.
func injRow(p *planner) (map[string]tweak, injection, bool) {
	s := p.one(func(s *site) bool {
		return s.Table && strings.HasPrefix(s.ID, "t:gpb:") && (strings.HasSuffix(s.ID, ":project") || strings.HasSuffix(s.ID, ":basic")) &&
			len(strings.Split(s.ID, ":")[2]) == 7 && nonzero(s)
	})
	if s == nil {
		return nil, injection{}, false
	}
	d := p.moneyDelta(s.Unit, fenOf(s.Value))
	return map[string]tweak{s.ID: {Add: d}}, injection{Rules: []string{"sum.row", "sum.table"},
		Detail: fmt.Sprintf("the function table's row %s prints %s %s off: 基本支出 + 项目支出 ≠ 合计", strings.Split(s.ID, ":")[2], strings.Split(s.ID, ":")[3], yuanText(Fen(d)))}, true
}
