package main

import (
	"math/rand/v2"
	"slices"
	"sort"
)

// Item is one 项 of the function classification with its money, in fen.
type Item struct {
	Code string // 7 digits
	// 一般公共预算财政拨款 (or, in Fund, 政府性基金) money: basic, project,
	// and 单位预留机动经费 (Jiangsu budgets hide it in the items).
	GBasic, GProject, GReserve Fen
	// Money from other sources (事业收入, 其他收入 …): basic, project and
	// 经营支出.
	OBasic, OProject, OOper Fen
	Budget                  Fen // 决算: 年初预算 of the 一般公共预算 part
	Prior                   Fen // last year's 一般公共预算 figure (Jiangsu item changes)
	Basic                   bool
}

// GPB is the item's 一般公共预算财政拨款 money.
func (it *Item) GPB() Fen { return it.GBasic + it.GProject + it.GReserve }

// Total is the item's money from all sources.
func (it *Item) Total() Fen { return it.GPB() + it.OBasic + it.OProject + it.OOper }

// EconLine is one 款 of the economic classification of 基本支出, in fen.
type EconLine struct {
	Code string // 5 digits
	Amt  Fen
}

// ThreePub holds the “三公” figures: this year's (决算数 or 预算数), the
// 决算's budget, last year's, and the counts that go with them.
type ThreePub struct {
	Overseas, Purchase, Operation, Reception     Fen
	BOverseas, BPurchase, BOperation, BReception Fen
	POverseas, PPurchase, POperation, PReception Fen
	Groups, Persons, Bought, Batches, Guests     int
	Meeting, Training                            Fen // 会议费, 培训费 (Jiangsu table)
}

// Vehicle is the 公务用车购置及运行费.
func (t *ThreePub) Vehicle() Fen { return t.Purchase + t.Operation }

// Total is the “三公” total: the sum of its three parts.
func (t *ThreePub) Total() Fen { return t.Overseas + t.Vehicle() + t.Reception }

// BTotal is the budget of the “三公” total.
func (t *ThreePub) BTotal() Fen { return t.BOverseas + t.BPurchase + t.BOperation + t.BReception }

// PTotal is last year's “三公” total.
func (t *ThreePub) PTotal() Fen { return t.POverseas + t.PPurchase + t.POperation + t.PReception }

// Report is one department's figures for one year: everything a report
// prints is derived from it, so that every sum holds by construction.
type Report struct {
	Year  int
	Kind  string // 决算 or 预算
	Dept  *Dept
	Q     Fen // quantum of the table figures: WanCent, Yuan or 1 fen
	Items []*Item
	Fund  []*Item // 政府性基金 items
	Econ  []EconLine

	IncGPB, IncFund, IncCap, IncSup, IncBiz, IncOper, IncSub, IncOther Fen
	UseBal                                                             Fen // 使用非财政拨款结余
	Carry0F, Carry0N, Carry1F, Carry1N                                 Fen // 年初/年末 结转和结余, 财政拨款 and other
	Distr                                                              Fen // 结余分配

	// Last year's figures, printed in 万元 (multiples of WanCent).
	PriorTotal, PriorFiscal, PriorGPB, PriorOpExp Fen
	PriorBasic, PriorProject, PriorReserve        Fen

	Three    ThreePub
	OpExp    Fen  // 机关运行经费 (exact; printed rounded to 万元)
	HasOpExp bool // false for 事业单位: "无机关运行经费"
	Proc     struct{ Goods, Works, Services, SME, Small Fen }
	Vehicles int
	PerfN    int // 绩效目标 projects
	PerfAmt  Fen
	Staff    int
}

// gen is the random source of one report, with the quantum helpers.
type gen struct {
	rng *rand.Rand
	q   Fen
}

func (g gen) chance(p float64) bool { return g.rng.Float64() < p }

func (g gen) uni(lo, hi float64) float64 { return lo + g.rng.Float64()*(hi-lo) }

// yuan is a random amount between lo and hi yuan, rounded to the quantum
// (at least one quantum).
func (g gen) yuan(lo, hi float64) Fen {
	return g.round(Fen(g.uni(lo, hi) * 100))
}

func (g gen) round(f Fen) Fen {
	f = roundTo(f, g.q)
	if f < g.q {
		f = g.q
	}
	return f
}

// scale is f·k rounded to the quantum (0 stays 0).
func (g gen) scale(f Fen, k float64) Fen {
	if f == 0 {
		return 0
	}
	return g.round(Fen(float64(f) * k))
}

// reportOpts are the style's choices that shape the figures.
type reportOpts struct {
	year      int
	kind      string
	q         Fen
	housing   string  // "2210203" 购房补贴, "2210202" 提租补贴 or ""
	pension   string  // 离退休 item for 行政 bodies: "2080501" or "2080504"
	reserve   bool    // Jiangsu: 单位预留机动经费
	wage      float64 // yuan per head
	otherFund bool    // allow non-fiscal income
	carry     bool    // 决算 carry-overs
	// leadRows is the number of function-table rows of project-only 类
	// to put before the first 类 with 基本支出 (0: none); see lead.go.
	leadRows int
}

// newReport invents the figures of a department's report.
func newReport(rng *rand.Rand, d *Dept, o reportOpts) *Report {
	g := gen{rng, o.q}
	r := &Report{Year: o.year, Kind: o.kind, Dept: d, Q: o.q}
	a := d.Arch
	staff := int(float64(15+rng.IntN(90)) * max(a.big, 1) * []float64{1, 0.8, 1.2, 2.5}[d.Level])
	if a.big > 0 && a.big < 1 {
		staff = 6 + rng.IntN(10)
	}
	r.Staff = staff
	base := float64(staff) * o.wage * g.uni(0.85, 1.15)
	econ := map[string]Fen{}
	put := func(code string, f Fen) {
		if f > 0 {
			econ[code] += f
		}
	}
	put("30101", g.yuan(base*0.10, base*0.16))
	put("30102", g.yuan(base*0.35, base*0.50))
	if g.chance(0.5) {
		put("30103", g.yuan(base*0.03, base*0.08))
	}
	if g.chance(0.6) {
		put("30107", g.yuan(base*0.08, base*0.2))
	}
	if g.chance(0.1) {
		put("30106", g.yuan(base*0.005, base*0.02))
	}
	if g.chance(0.7) {
		put("30199", g.yuan(base*0.01, base*0.05))
	}
	if g.chance(0.6) {
		put("30112", g.yuan(base*0.002, base*0.01))
	}
	if g.chance(0.2) {
		put("30114", g.yuan(base*0.005, base*0.02))
	}
	b := float64(econ["30101"] + econ["30102"] + econ["30107"])
	put("30108", g.round(Fen(b*g.uni(0.14, 0.16))))
	put("30109", g.round(Fen(b*g.uni(0.07, 0.08))))
	put("30110", g.round(Fen(b*g.uni(0.06, 0.09))))
	if !a.public && g.chance(0.25) {
		put("30111", g.round(Fen(b*g.uni(0.01, 0.03))))
	}
	put("30113", g.round(Fen(b*g.uni(0.07, 0.12))))
	var housing Fen
	if o.housing != "" && !a.public || o.housing != "" && g.chance(0.4) {
		housing = g.yuan(base*0.04, base*0.14)
		put("30102", housing)
	}
	// 对个人和家庭的补助: retirees.
	retirees := rng.IntN(staff/3 + 2)
	if retirees > 0 {
		put("30302", g.yuan(float64(retirees)*30000, float64(retirees)*80000))
		if g.chance(0.2) {
			put("30301", g.yuan(20000, 200000))
		}
		if g.chance(0.2) {
			put("30305", g.yuan(5000, 80000))
		}
		if g.chance(0.3) {
			put("30309", g.yuan(500, 5000))
		}
	}
	var otherPension Fen
	if g.chance(0.35) {
		otherPension = g.yuan(1000, 30000)
		put("30399", otherPension)
	}
	var death Fen
	if g.chance(0.12) {
		death = g.yuan(50000, 300000)
		put("30304", death)
	}
	// 公用经费.
	r.Vehicles = 0
	if g.chance(0.45) || a.key == "jd" || d.Level == Province {
		r.Vehicles = 1 + rng.IntN(8)
		if d.Level == Province {
			r.Vehicles = 10 + rng.IntN(50)
		}
	}
	genThree(g, r)
	pub := base * g.uni(0.08, 0.3)
	put("30201", g.yuan(pub*0.05, pub*0.15))
	put("30228", g.round(Fen(b*g.uni(0.015, 0.02))))
	for _, c := range []string{"30202", "30205", "30206", "30207", "30209", "30211", "30213", "30214", "30215", "30216", "30218", "30226", "30227", "30229", "30239", "30299"} {
		if g.chance(0.45) {
			put(c, g.yuan(pub*0.01, pub*0.2))
		}
	}
	if r.Three.Operation > 0 {
		put("30231", r.Three.Operation)
	}
	if r.Three.Reception > 0 && g.chance(0.7) {
		put("30217", g.scale(r.Three.Reception, g.uni(0.2, 0.9)))
	}
	if g.chance(0.35) {
		put("31002", g.yuan(pub*0.02, pub*0.1))
	}
	for c, v := range econ {
		r.Econ = append(r.Econ, EconLine{c, v})
	}
	sort.Slice(r.Econ, func(i, j int) bool { return r.Econ[i].Code < r.Econ[j].Code })

	// Function items, basic part first: each tied to its economic lines.
	items := map[string]*Item{}
	add := func(code string, basic, project Fen) *Item {
		if basic == 0 && project == 0 || !validIn(code, o.year) {
			return nil
		}
		it := items[code]
		if it == nil {
			it = &Item{Code: code}
			items[code] = it
		}
		it.GBasic += basic
		it.GProject += project
		return it
	}
	run := a.kuan + "01"
	if a.run != "" {
		run = a.run
	}
	sub := ""
	if a.hasSub && validIn(a.kuan+"50", o.year) && len(d.Units) > 1 {
		sub = a.kuan + "50"
	}
	med := econ["30110"]
	switch {
	case a.public:
		add("2101102", med, 0)
	case sub != "":
		m2 := g.scale(med, g.uni(0.15, 0.35))
		add("2101101", med-m2, 0)
		add("2101102", m2, 0)
	default:
		add("2101101", med, 0)
	}
	add("2101103", econ["30111"], 0)
	add("2080505", econ["30108"], 0)
	add("2080506", econ["30109"], 0)
	add("2210201", econ["30113"], 0)
	if housing > 0 {
		add(o.housing, housing, 0)
	}
	retire := econ["30301"] + econ["30302"] + econ["30305"] + econ["30309"]
	pension := o.pension
	if a.public {
		pension = "2080502"
	}
	add(pension, retire, 0)
	add("2080599", otherPension, 0)
	add("2080801", death, 0)
	var all Fen
	for _, e := range r.Econ {
		all += e.Amt
	}
	var tied Fen
	for _, it := range items {
		tied += it.GBasic
	}
	runBasic := all - tied
	if sub != "" {
		s := g.scale(runBasic, g.uni(0.15, 0.35))
		add(sub, s, 0)
		runBasic -= s
	}
	add(run, runBasic, 0)
	for _, it := range items {
		it.Basic = true
	}

	// Projects.
	projTotal := float64(all) / 100 * g.uni(0.1, 1.4)
	if a.public {
		projTotal *= 0.4
	}
	general := a.kuan + "02"
	if a.general != "" {
		general = a.general
	}
	cands := []string{general}
	for _, c := range a.projects {
		if validIn(c, o.year) && g.chance(0.5) {
			cands = append(cands, c)
		}
	}
	for _, c := range []string{"2070308", "2060702", "2013299", "2019999", "2129999", "2089999"} {
		if validIn(c, o.year) && g.chance(0.06) && !slices.Contains(cands, c) {
			cands = append(cands, c)
		}
	}
	weights := make([]float64, len(cands))
	var wsum float64
	for i := range weights {
		weights[i] = g.uni(0.2, 1)
		if i == 0 {
			weights[i] += 0.6
		}
		wsum += weights[i]
	}
	for i, c := range cands {
		add(c, 0, g.round(Fen(projTotal*weights[i]/wsum*100)))
	}
	if g.chance(0.25) {
		add(run, 0, g.yuan(5000, projTotal*0.05+6000))
	}
	addLeadProjects(g, o, items)
	if o.reserve && g.chance(0.6) {
		items[run].GReserve = g.scale(items[run].GBasic, g.uni(0.02, 0.3))
	}
	for _, it := range items {
		r.Items = append(r.Items, it)
	}
	sort.Slice(r.Items, func(i, j int) bool { return r.Items[i].Code < r.Items[j].Code })

	genOther(g, r, o, items[run], items[general])
	if g.chance(0.08) {
		genFund(g, r)
	}
	genTotals(g, r, o)
	genPriors(g, r, o)
	genMisc(g, r)
	return r
}

// genThree invents the “三公” figures, quantised to 0.01 万元 since the
// tables that print them are in 万元.
func genThree(g gen, r *Report) {
	w := gen{g.rng, WanCent}
	t := &r.Three
	prov := r.Dept.Level == Province
	if g.chance(0.25) || prov {
		t.Overseas = w.yuan(20000, 300000)
		if prov {
			t.Overseas = w.yuan(300000, 3000000)
		}
		t.Groups = 1 + g.rng.IntN(4)
		t.Persons = t.Groups * (2 + g.rng.IntN(5))
	}
	if r.Vehicles > 0 {
		t.Operation = w.yuan(float64(r.Vehicles)*12000, float64(r.Vehicles)*30000)
		if g.chance(0.15) {
			t.Bought = 1
			t.Purchase = w.yuan(150000, 300000)
		}
	}
	if g.chance(0.75) {
		t.Reception = w.yuan(3000, 60000)
		if prov {
			t.Reception = w.yuan(100000, 4000000)
		}
		t.Batches = 2 + g.rng.IntN(40)
		t.Guests = t.Batches * (3 + g.rng.IntN(8))
	}
	if prov {
		t.Meeting = w.yuan(500000, 15000000)
		t.Training = w.yuan(100000, 5000000)
	}
	bud := func(v Fen) Fen {
		if v == 0 {
			if g.chance(0.15) {
				return w.yuan(5000, 30000)
			}
			return 0
		}
		if g.chance(0.3) {
			return v
		}
		return w.scale(v, g.uni(1.0, 1.35))
	}
	t.BOverseas, t.BPurchase, t.BOperation, t.BReception = bud(t.Overseas), bud(t.Purchase), bud(t.Operation), bud(t.Reception)
	prior := func(v Fen) Fen {
		switch {
		case v == 0 && g.chance(0.7):
			return 0
		case v == 0:
			return w.yuan(3000, 50000)
		case g.chance(0.2):
			return v
		}
		return w.scale(v, g.uni(0.7, 1.3))
	}
	t.POverseas, t.POperation, t.PReception = prior(t.Overseas), prior(t.Operation), prior(t.Reception)
	if t.Purchase == 0 && g.chance(0.1) {
		t.PPurchase = w.yuan(150000, 300000)
	}
}

// genOther adds money from other sources: 事业收入 for 事业单位, small
// 其他收入 for departments, sometimes 上级补助 and 经营收入.
func genOther(g gen, r *Report, o reportOpts, run, general *Item) {
	if !o.otherFund {
		return
	}
	a := r.Dept.Arch
	var gpb Fen
	for _, it := range r.Items {
		gpb += it.GPB()
	}
	switch {
	case a.public:
		k := g.uni(0.05, 0.6)
		if a.key == "yy" {
			k = g.uni(2, 6)
		}
		biz := g.scale(gpb, k)
		ob := g.scale(biz, g.uni(0.4, 0.8))
		run.OBasic += ob
		run.OProject += biz - ob
		r.IncBiz = biz
		if g.chance(0.15) && o.kind == "决算" {
			r.IncOper = g.scale(gpb, g.uni(0.02, 0.1))
			run.OOper = g.scale(r.IncOper, g.uni(0.8, 1))
		}
	case g.chance(0.35):
		v := g.yuan(1000, 200000)
		r.IncOther = v
		if g.chance(0.3) {
			s := g.round(v / 20)
			if s < v {
				run.OBasic += s
				v -= s
			}
		}
		general.OProject += v
	}
	if !a.public && o.kind == "决算" && g.chance(0.08) {
		v := g.yuan(50000, 1000000)
		r.IncSup = v
		general.OProject += v
	}
}

// genFund gives the department 政府性基金 money on one or two items.
func genFund(g gen, r *Report) {
	var codes []string
	switch r.Dept.Arch.key {
	case "mzj", "flg":
		codes = []string{"2296002"}
	case "tyj":
		codes = []string{"2296003"}
	default:
		codes = []string{"2120803"}
		if g.chance(0.4) {
			codes = append(codes, "2120801")
		}
	}
	for _, c := range codes {
		it := &Item{Code: c, GProject: g.yuan(100000, 5000000)}
		r.Fund = append(r.Fund, it)
		r.IncFund += it.GProject
	}
}

// genTotals sets incomes and carry-overs so that both sides balance.
func genTotals(g gen, r *Report, o reportOpts) {
	var gpb, other, oper Fen
	for _, it := range r.Items {
		gpb += it.GPB()
		other += it.OBasic + it.OProject
		oper += it.OOper
	}
	if o.carry {
		if g.chance(0.55) {
			r.Carry0F = g.scale(gpb, g.uni(0.002, 0.05))
		}
		if g.chance(0.55) {
			r.Carry1F = g.scale(gpb, g.uni(0.002, 0.05))
		}
		if other+oper > 0 && g.chance(0.5) {
			r.Carry0N = g.scale(other+oper, g.uni(0.01, 0.2))
		}
		if other+oper > 0 && g.chance(0.5) {
			r.Carry1N = g.scale(other+oper, g.uni(0.01, 0.2))
		}
		if r.Dept.Arch.public && g.chance(0.08) {
			r.UseBal = g.scale(other+oper+g.q*1000, g.uni(0.01, 0.05))
		}
	}
	r.IncGPB = gpb + r.Carry1F - r.Carry0F
	if r.IncGPB < 0 {
		r.Carry0F, r.IncGPB = 0, gpb+r.Carry1F
	}
	// The non-fiscal side balances on its main source.
	need := other + oper + r.Carry1N + r.Distr - r.Carry0N - r.UseBal
	fixed := r.IncSup + r.IncOper + r.IncSub
	if r.Dept.Arch.public {
		fixed += r.IncOther
		r.IncBiz = need - fixed
		if r.IncBiz < 0 {
			r.Carry1N -= r.IncBiz
			r.IncBiz = 0
		}
	} else {
		fixed += r.IncBiz
		r.IncOther = need - fixed
		if r.IncOther < 0 {
			r.Carry1N -= r.IncOther
			r.IncOther = 0
		}
	}
}

// genPriors sets last year's figures and the 决算's budgets. Last year's
// 一般公共预算 total is the sum of the items' priors, and 基本支出, 项目支出
// and 单位预留机动经费 add up to it, so that the changes a narrative states
// line by line add up to the total change.
func genPriors(g gen, r *Report, o reportOpts) {
	w := gen{g.rng, WanCent}
	near := func(v Fen, lo, hi float64) Fen {
		if g.chance(0.04) {
			return roundTo(v, WanCent)
		}
		return w.scale(v, g.uni(lo, hi))
	}
	var gpbPrior Fen
	for _, it := range r.Items {
		v := it.GPB()
		if v == 0 {
			continue
		}
		switch {
		case g.chance(0.3):
			it.Budget = roundTo(v, WanCent) // budgets are printed in 万元 only
		case it.Basic:
			it.Budget = w.scale(v, g.uni(1, 1.06))
		default:
			it.Budget = w.scale(v, g.uni(1, 1.3))
		}
		if g.chance(0.15) {
			it.Prior = roundTo(v, WanCent)
		} else {
			it.Prior = w.scale(v, g.uni(0.75, 1.2))
		}
		gpbPrior += it.Prior
	}
	r.PriorGPB = gpbPrior
	r.PriorFiscal = gpbPrior
	if f := r.FundTotal(); f > 0 {
		r.PriorFiscal += near(f, 0.5, 1.5)
	}
	if r.Carry0F > 0 {
		r.PriorFiscal += near(r.Carry0F, 0.5, 2)
	}
	r.PriorTotal = r.PriorFiscal
	if rest := r.Total() - r.FiscalTotal(); rest > 0 {
		r.PriorTotal += near(rest, 0.7, 1.3)
	}
	r.PriorBasic = near(r.GPBBasic(), 0.85, 1.1)
	if r.GPBReserve() > 0 || g.chance(0.2) && o.reserve {
		r.PriorReserve = near(r.GPBReserve()+WanCent*100, 0.3, 1.2)
	}
	r.PriorProject = r.PriorGPB - r.PriorBasic - r.PriorReserve
	if r.PriorProject < 0 {
		r.PriorReserve = 0
		r.PriorProject = roundTo(r.PriorGPB/4, WanCent)
		r.PriorBasic = r.PriorGPB - r.PriorProject
	}
}

// genMisc sets 机关运行经费, 政府采购 and 绩效.
func genMisc(g gen, r *Report) {
	w := gen{g.rng, WanCent}
	r.HasOpExp = !r.Dept.Arch.public
	if r.HasOpExp {
		r.OpExp = r.Public()
		r.PriorOpExp = w.scale(r.OpExp, g.uni(0.85, 1.15))
	}
	proj := r.GPBProject()
	if g.chance(0.85) && proj > 0 {
		r.Proc.Goods = w.scale(proj, g.uni(0, 0.08))
		if g.chance(0.3) {
			r.Proc.Works = w.scale(proj, g.uni(0.01, 0.1))
		}
		r.Proc.Services = w.scale(proj, g.uni(0.02, 0.4))
		tot := r.Proc.Goods + r.Proc.Works + r.Proc.Services
		r.Proc.SME = w.scale(tot, g.uni(0.5, 1))
		if r.Proc.SME > tot {
			r.Proc.SME = tot
		}
		r.Proc.Small = w.scale(r.Proc.SME, g.uni(0.2, 1))
		if r.Proc.Small > r.Proc.SME {
			r.Proc.Small = r.Proc.SME
		}
	}
	r.PerfN = 1 + g.rng.IntN(12)
	r.PerfAmt = w.scale(proj, g.uni(0.8, 1))
}

// GPBTotal is the 一般公共预算财政拨款支出.
func (r *Report) GPBTotal() Fen {
	var s Fen
	for _, it := range r.Items {
		s += it.GPB()
	}
	return s
}

// GPBBasic is the 一般公共预算财政拨款基本支出.
func (r *Report) GPBBasic() Fen {
	var s Fen
	for _, it := range r.Items {
		s += it.GBasic
	}
	return s
}

// GPBProject is the 一般公共预算财政拨款项目支出.
func (r *Report) GPBProject() Fen {
	var s Fen
	for _, it := range r.Items {
		s += it.GProject
	}
	return s
}

// GPBReserve is the 单位预留机动经费.
func (r *Report) GPBReserve() Fen {
	var s Fen
	for _, it := range r.Items {
		s += it.GReserve
	}
	return s
}

// FundTotal is the 政府性基金预算财政拨款支出.
func (r *Report) FundTotal() Fen {
	var s Fen
	for _, it := range r.Fund {
		s += it.GBasic + it.GProject
	}
	return s
}

// Basic is the 基本支出 from all sources.
func (r *Report) Basic() Fen {
	var s Fen
	for _, it := range r.Items {
		s += it.GBasic + it.OBasic
	}
	for _, it := range r.Fund {
		s += it.GBasic
	}
	return s
}

// Project is the 项目支出 from all sources.
func (r *Report) Project() Fen {
	var s Fen
	for _, it := range r.Items {
		s += it.GProject + it.OProject
	}
	for _, it := range r.Fund {
		s += it.GProject
	}
	return s
}

// Oper is the 经营支出.
func (r *Report) Oper() Fen {
	var s Fen
	for _, it := range r.Items {
		s += it.OOper
	}
	return s
}

// ExpTotal is the 本年支出合计.
func (r *Report) ExpTotal() Fen { return r.Basic() + r.Project() + r.Oper() + r.GPBReserve() }

// IncTotal is the 本年收入合计.
func (r *Report) IncTotal() Fen {
	return r.IncGPB + r.IncFund + r.IncCap + r.IncSup + r.IncBiz + r.IncOper + r.IncSub + r.IncOther
}

// Carry0 and Carry1 are the 年初 and 年末 结转和结余.
func (r *Report) Carry0() Fen { return r.Carry0F + r.Carry0N }

// Carry1 is the 年末结转和结余.
func (r *Report) Carry1() Fen { return r.Carry1F + r.Carry1N }

// Total is the 收支总计 (both sides).
func (r *Report) Total() Fen { return r.IncTotal() + r.UseBal + r.Carry0() }

// FiscalTotal is the 财政拨款收入支出总计.
func (r *Report) FiscalTotal() Fen { return r.IncGPB + r.IncFund + r.IncCap + r.Carry0F }

// Personnel and Public are the 人员经费 (301+303) and 公用经费 (302+310).
func (r *Report) Personnel() Fen { return r.econGroup('P') }

// Public is the 公用经费.
func (r *Report) Public() Fen { return r.econGroup('G') }

func (r *Report) econGroup(grp byte) Fen {
	var s Fen
	for _, e := range r.Econ {
		if econGroup[e.Code] == grp {
			s += e.Amt
		}
	}
	return s
}

// econClass is the total of an economic 类 (301, 302, 303, 310).
func (r *Report) econClass(cls string) Fen {
	var s Fen
	for _, e := range r.Econ {
		if e.Code[:3] == cls {
			s += e.Amt
		}
	}
	return s
}

// classes are the 类 codes of the report's items, in order.
func classesOf(items []*Item) []string {
	var out []string
	for _, it := range items {
		if c := it.Code[:3]; len(out) == 0 || out[len(out)-1] != c {
			out = append(out, c)
		}
	}
	return out
}

// sumItems adds f over the items under a code prefix.
func sumItems(items []*Item, prefix string, f func(*Item) Fen) Fen {
	var s Fen
	for _, it := range items {
		if len(it.Code) >= len(prefix) && it.Code[:len(prefix)] == prefix {
			s += f(it)
		}
	}
	return s
}
