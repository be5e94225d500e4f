package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
)

// styleDef is one house style: how a document of it is set up (body,
// year, figures, number formats) and built.
type styleDef struct {
	Key   string
	Desc  string
	Kind  string // 决算 or 预算; "" for either
	setup func(rng *rand.Rand, v *variant) (*Dept, reportOpts)
	build func(*builder)
}

// variant is what a document's setup chose; it drives the builder.
type variant struct {
	tf   tableFmt
	nf   narrFmt
	furn furniture
	font string
	// sample forces choices for the fixed sample: unit "元"/"万元", scope.
	forceUnit, forceScope, forceKind string
	// Drawn from the document's name (drawVariations), never its random
	// source: a Shanghai budget's “三公” table in the tall form with a
	// wrapped 机关运行经费 name (threeTall), and function tables whose
	// first page holds only 项目支出 (lead, with its printing choices).
	threeTall bool
	lead      leadChoice
}

var styles = []styleDef{
	{Key: "shjs", Desc: "上海 区级 部门决算 (nine tables in 万元, 情况说明 一、…十一、)", Kind: "决算", setup: setupSHJS, build: buildSHJS},
	{Key: "shys", Desc: "上海 区级/市级 部门预算 or 单位预算 (tables in 元, “三公” table in 万元)", Kind: "预算", setup: setupSHYS, build: buildSHYS},
	{Key: "jsys", Desc: "江苏 省级 部门预算 (twelve tables in 万元, 类/款/项 lists, 2017–2021)", Kind: "预算", setup: setupJSYS, build: buildJSYS},
	{Key: "scjs", Desc: "四川 市级 部门决算 (情况说明 first, 公开表 in the national form)", Kind: "决算", setup: setupSCJS, build: buildSCJS},
	{Key: "xj", Desc: "县级 部门预算 or 决算 in the national template (each section followed by its table, 元 or 万元)", Kind: "", setup: setupXJ, build: buildXJ},
}

func styleByKey(key string) (styleDef, bool) {
	for _, s := range styles {
		if s.Key == key {
			return s, true
		}
	}
	return styleDef{}, false
}

func pickOf[T any](rng *rand.Rand, opts ...T) T { return opts[rng.IntN(len(opts))] }

// weighted picks opts[i] with probability weights[i] (summing to 1).
func weighted(rng *rand.Rand, opts []string, weights []float64) string {
	x := rng.Float64()
	for i, w := range weights {
		if x < w {
			return opts[i]
		}
		x -= w
	}
	return opts[len(opts)-1]
}

func zeroForm(rng *rand.Rand, blank, dotted float64) string {
	return weighted(rng, []string{"", "0.00", "-"}, []float64{blank, dotted, 1 - blank - dotted})
}

// narrowNames sets a narrow 科目名称 column with probability p, so that
// long names wrap over two or three lines.
func narrowNames(rng *rand.Rand, v *variant, p float64, width string) {
	v.tf.VAlign = pickOf(rng, "top", "middle", "bottom")
	if rng.Float64() < p {
		v.tf.NameW = width
	}
}

func commonVariant(rng *rand.Rand, v *variant) {
	v.font = pickOf(rng, `"Noto Serif CJK SC", serif`, `"Noto Sans CJK SC", sans-serif`)
	v.furn.PageNum = weighted(rng, []string{"dash", "hyphen", "di", "plain", ""}, []float64{0.35, 0.2, 0.15, 0.15, 0.15})
	v.nf.PctDec = 2
}

func setupSHJS(rng *rand.Rand, v *variant) (*Dept, reportOpts) {
	commonVariant(rng, v)
	year := 2018 + rng.IntN(8)
	a := pickArchetypeYear(rng, District, true, year)
	region := "上海市" + place(rng) + "区"
	d := newDept(rng, a, District, region, region)
	if v.forceScope != "" {
		d.Scope = v.forceScope
	}
	v.tf = tableFmt{Wan: true, Sep: rng.Float64() < 0.85, Zero: zeroForm(rng, 0.7, 0.2), Codes: weighted(rng, []string{"cols", "merged", "single"}, []float64{0.6, 0.25, 0.15})}
	v.nf = narrFmt{Trim: rng.Float64() < 0.3, Space: rng.Float64() < 0.2, PctDec: 2}
	narrowNames(rng, v, 0.25, "12%")
	if rng.Float64() < 0.3 {
		v.furn.Header = fmt.Sprintf("%s%d年度%s决算", d.Name, year, d.Scope)
	}
	return d, reportOpts{year: year, kind: "决算", q: WanCent, housing: "2210203", pension: "2080501", wage: 180000 + rng.Float64()*100000, otherFund: true, carry: true}
}

func setupSHYS(rng *rand.Rand, v *variant) (*Dept, reportOpts) {
	commonVariant(rng, v)
	year := 2019 + rng.IntN(7)
	lv := District
	region := "上海市" + place(rng) + "区"
	if rng.Float64() < 0.2 {
		lv, region = Province, "上海市"
	}
	unitsOK := true
	a := pickArchetypeYear(rng, lv, unitsOK, year)
	for v.lead.on && runClass(a) < leadBefore {
		a = pickArchetypeYear(rng, lv, unitsOK, year)
	}
	d := newDept(rng, a, lv, region, region)
	if rng.Float64() < 0.25 {
		d.Scope = "单位"
	}
	if v.forceScope != "" {
		d.Scope = v.forceScope
	}
	wan := rng.Float64() < 0.12
	if v.forceUnit != "" {
		wan = v.forceUnit == "万元"
	}
	q := Fen(1)
	dec := 2
	if rng.Float64() < 0.4 {
		q, dec = Yuan, 0
	}
	if wan {
		q = WanCent
	}
	if v.lead.zero {
		wan, q, dec = false, Yuan, 0 // zero prints "0" in whole-yuan tables
	}
	v.tf = tableFmt{Wan: wan, Sep: rng.Float64() < 0.85, Dec: dec, Zero: zeroForm(rng, 0.8, 0.1), Codes: weighted(rng, []string{"cols", "merged", "single"}, []float64{0.65, 0.2, 0.15})}
	if v.lead.zero {
		v.tf.Zero = "0.00"
	}
	v.nf = narrFmt{Sep: rng.Float64() < 0.7, Trim: rng.Float64() < 0.2, PctDec: 2}
	narrowNames(rng, v, 0.15, "14%")
	return d, reportOpts{year: year, kind: "预算", q: q, housing: "2210203", pension: "2080501", wage: 200000 + rng.Float64()*100000, otherFund: true,
		leadRows: v.lead.rows()}
}

func setupJSYS(rng *rand.Rand, v *variant) (*Dept, reportOpts) {
	commonVariant(rng, v)
	year := 2017 + rng.IntN(5)
	prov := pickOf(rng, "江苏省", "江苏省", "江苏省", "浙江省", "安徽省")
	a := pickArchetypeYear(rng, Province, false, year)
	d := newDept(rng, a, Province, prov, prov)
	v.tf = tableFmt{Wan: true, Sep: rng.Float64() < 0.9, Zero: zeroForm(rng, 0.85, 0.1), Codes: weighted(rng, []string{"single", "cols", "merged"}, []float64{0.6, 0.25, 0.15})}
	narrowNames(rng, v, 0.1, "12%")
	if year <= 2018 && rng.Float64() < 0.7 {
		v.tf.NameW = "9%"
	}
	v.nf = narrFmt{Trim: rng.Float64() < 0.85, Space: rng.Float64() < 0.5, PctTrim: rng.Float64() < 0.8, PctDec: 2}
	pension := "2080504"
	if year >= 2020 {
		pension = "2080501"
	}
	return d, reportOpts{year: year, kind: "预算", q: WanCent, housing: "2210202", pension: pension, reserve: true, wage: 150000 + rng.Float64()*100000}
}

func setupSCJS(rng *rand.Rand, v *variant) (*Dept, reportOpts) {
	commonVariant(rng, v)
	year := 2018 + rng.IntN(7)
	prov := pickOf(rng, "四川省", "四川省", "贵州省", "湖南省", "河南省", "云南省")
	city := place(rng) + "市"
	a := pickArchetypeYear(rng, City, true, year)
	d := newDept(rng, a, City, city, city)
	d.Region = prov + city
	v.tf = tableFmt{Wan: true, Sep: rng.Float64() < 0.5, Zero: zeroForm(rng, 0.6, 0.3), Codes: weighted(rng, []string{"cols", "merged", "single"}, []float64{0.5, 0.2, 0.3})}
	v.nf = narrFmt{Sep: rng.Float64() < 0.3, Trim: rng.Float64() < 0.6, PctTrim: rng.Float64() < 0.6, PctDec: 2}
	narrowNames(rng, v, 0.3, "10%")
	housing := ""
	if rng.Float64() < 0.3 {
		housing = "2210203"
	}
	return d, reportOpts{year: year, kind: "决算", q: WanCent, housing: housing, pension: "2080501", wage: 90000 + rng.Float64()*60000, otherFund: true, carry: true}
}

// pickArchetypeYear chooses an archetype whose running and project items
// exist in the year.
func pickArchetypeYear(rng *rand.Rand, lv Level, unitsOK bool, year int) archetype {
	for {
		a := pickArchetype(rng, lv, unitsOK)
		run, general := a.kuan+"01", a.kuan+"02"
		if a.run != "" {
			run, general = a.run, a.general
		}
		if validIn(run, year) && validIn(general, year) {
			return a
		}
	}
}

// styleKeys lists the known style keys.
func styleKeys() []string {
	var out []string
	for _, s := range styles {
		out = append(out, s.Key)
	}
	return out
}

func knownStyles(keys []string) error {
	for _, k := range keys {
		if !slices.Contains(styleKeys(), k) {
			return fmt.Errorf("mkreports: unknown style %q (have %v)", k, styleKeys())
		}
	}
	return nil
}
