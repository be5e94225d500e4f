package main

import (
	"slices"
	"strings"
)

// A function table whose first page holds only 项目支出: real district
// budgets (a 街道办事处's) open their 支出预算总表 and 一般公共预算支出
// table with 类 the body spends on projects alone (一般公共服务, 公共安全,
// 科学技术, 文化旅游体育与传媒), and the 类 with the running costs (社会保障
// 和就业 with its pensions, 城乡社区 with 行政运行) come on the next page.
// A -layout copy lays each page out on its own, so the 基本支出 column is
// one "0" wide on the first page and wide on the next.

// leadBefore is the first 类 every report spends 基本支出 on (208 holds the
// pension contributions): project-only 类 go before it.
const leadBefore = "208"

// leadClasses are the 类 project-only rows come from, 201 always first.
var leadClasses = []string{"201", "204", "205", "206", "207"}

// leadChoice is how a document with project-only first 类 prints them:
// rows of one blank line in a -layout copy (roomy) or of the usual height,
// and whole yuan with zero printed "0" (zero) or the style's own figures.
type leadChoice struct {
	on, roomy, zero bool
}

// rows is how many project-only rows to put first: more than the first
// page of the table holds (38 rows of the usual height at most, about 16
// roomy ones, under the title and the header), so that the page break
// always falls inside them. 0 when off.
func (c leadChoice) rows() int {
	switch {
	case !c.on:
		return 0
	case c.roomy:
		return 24
	}
	return 46
}

// drawLead decides, from the document's name, whether a Shanghai budget
// puts project-only 类 first (one in six) and how it prints them (half
// roomy, half with zero printed "0").
func drawLead(name string) leadChoice {
	x := drawFrom(name, "lead projects")
	if x%6 != 0 {
		return leadChoice{}
	}
	x /= 6
	return leadChoice{on: true, zero: x%2 == 0, roomy: x/2%2 == 0}
}

// runClass is the 类 of an archetype's running costs.
func runClass(a archetype) string {
	if a.run != "" {
		return a.run[:3]
	}
	return a.kuan[:3]
}

// addLeadProjects adds project-only 项 of 类 before leadBefore until
// their 类, 款 and 项 rows number o.leadRows: 201 and one to three other
// classes, 项 drawn from the classes' project codes (never 行政运行,
// 一般行政管理事务, 机关服务 or 事业运行).
func addLeadProjects(g gen, o reportOpts, items map[string]*Item) {
	if o.leadRows == 0 {
		return
	}
	others := slices.Clone(leadClasses[1:])
	g.rng.Shuffle(len(others), func(i, j int) { others[i], others[j] = others[j], others[i] })
	classes := append([]string{"201"}, others[:1+g.rng.IntN(3)]...)
	var pool []string
	for _, c := range classes {
		pool = append(pool, projectCodes(c, o.year)...)
	}
	g.rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	rows := map[string]bool{}
	for _, code := range pool {
		if len(rows) >= o.leadRows {
			break
		}
		if items[code] != nil {
			continue
		}
		items[code] = &Item{Code: code, GProject: g.yuan(8000, 1500000)}
		rows[code], rows[code[:5]], rows[code[:3]] = true, true, true
	}
	if len(rows) < o.leadRows {
		// The classes ran out of codes: take the rest in order.
		for _, c := range leadClasses {
			for _, code := range projectCodes(c, o.year) {
				if len(rows) < o.leadRows && items[code] == nil {
					items[code] = &Item{Code: code, GProject: g.yuan(8000, 1500000)}
					rows[code], rows[code[:5]], rows[code[:3]] = true, true, true
				}
			}
		}
	}
}

// projectCodes are the 项 of a 类 valid in a year that only projects
// use, in code order.
func projectCodes(class string, year int) []string {
	var out []string
	for code := range funcNames {
		if len(code) != 7 || !strings.HasPrefix(code, class) || !validIn(code, year) {
			continue
		}
		switch code[5:] {
		case "01", "02", "03", "50":
			continue
		}
		out = append(out, code)
	}
	slices.Sort(out)
	return out
}
