package main

import (
	"context"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/fiscaldocs/fiscaldocs/internal/cli"
	"github.com/fiscaldocs/fiscaldocs/load"
)

// The report: one self-contained HTML file (inline CSS and SVG, no
// script, no fonts or files fetched) comparing the departments in the
// store. Every figure comes from a query printed in its appendix, and the
// table under each chart holds that query's rows as the store returned
// them (data-value), so a reader, or a test, can reproduce it with
// fiscaldocs query.

//go:embed report.html
var reportHTML string

func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := cli.NewFlagSet("report")
	sf := addStoreFlags(fs)
	year := fs.Int("year", 0, "only the year `Y` (the year-on-year section also reads the year before)")
	kind := cli.Choice(fs, "kind", "", []string{"决算", "预算"}, "only final accounts (决算) or budgets (预算)")
	out := fs.String("out", "", "the HTML `FILE` to write")
	args, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	if *out == "" || len(args) > 0 || *year < 0 || *year > 9999 {
		return errUsage
	}
	store, err := sf.openExisting(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	rep, err := buildReport(ctx, store, reportFilter{year: *year, kind: *kind}, filepath.Dir(*out))
	if err != nil {
		return err
	}
	tmpl, err := template.New("report").Parse(reportHTML)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".report-*.html")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmpl.Execute(tmp, rep); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "report of %d documents, %d departments, %d findings written to %s\n", rep.Documents, len(rep.Departments), rep.FindingCount, *out)
	return nil
}

type reportFilter struct {
	year int
	kind string
}

// where is the filter of a query over documents (d) or facts (f), which
// carry their document's department, year and kind: the documents read,
// of a department, of the years and kind asked for.
func (f reportFilter) where(table string, years ...int) string {
	w := table + ".department_id != ''"
	if table == "d" {
		w = "d.status = 'ok' AND " + w
	}
	switch {
	case len(years) > 0:
		var ys []string
		for _, y := range years {
			ys = append(ys, strconv.Itoa(y))
		}
		w += " AND " + table + ".year IN (" + strings.Join(ys, ", ") + ")"
	case f.year != 0:
		w += " AND " + table + ".year = " + strconv.Itoa(f.year)
	}
	if f.kind != "" {
		w += " AND " + table + ".kind = '" + f.kind + "'" // 决算 or 预算 only: checked by the caller
	}
	return w
}

// report is what report.html draws.
type report struct {
	Generated    string
	Filter       string
	Documents    int
	Departments  []string
	FindingCount int
	Sections     []*section
	Queries      []*query
}

type section struct {
	ID, Title, Intro string
	Charts           []template.HTML
	Tables           []*query // the data behind the charts
	Findings         []findingGroup
	Empty            string // said instead of a chart when there is nothing to draw
}

// query is one SQL statement of the appendix and its rows.
type query struct {
	ID, Title, SQL string
	Columns        []string
	Rows           [][]string
}

type findingGroup struct {
	Rule     string
	Findings []findingRow
}

type findingRow struct {
	Severity, Message, Where, Href, PageText string
}

func buildReport(ctx context.Context, store load.Store, f reportFilter, outDir string) (*report, error) {
	db := load.Database
	rep := &report{Generated: time.Now().Format("2006-01-02 15:04"), Filter: "全部年度、全部类型"}
	if f.year != 0 || f.kind != "" {
		var parts []string
		if f.year != 0 {
			parts = append(parts, fmt.Sprintf("%d年", f.year))
		}
		if f.kind != "" {
			parts = append(parts, f.kind)
		}
		rep.Filter = strings.Join(parts, "、")
	}
	run := func(id, title, sql string) (*query, error) {
		res, err := store.Query(ctx, sql)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", title, err)
		}
		q := &query{ID: id, Title: title, SQL: sql, Columns: res.Columns, Rows: res.Rows}
		rep.Queries = append(rep.Queries, q)
		return q, nil
	}

	// Overview.
	over, err := run("q-overview", "文件概况（按地区、年度、类型）",
		"SELECT d.region AS region, d.year AS year, d.kind AS kind, count() AS documents, uniqExact(d.department_id) AS departments FROM "+db+
			".v_documents AS d WHERE "+f.where("d")+" GROUP BY region, year, kind ORDER BY region, year, kind")
	if err != nil {
		return nil, err
	}
	var bars []bar
	for _, r := range over.Rows {
		n, _ := strconv.Atoi(r[3]) // region, year, kind, documents
		rep.Documents += n
		label := strings.TrimSpace(fmt.Sprintf("%s %s年 %s", regionName(r[0]), r[1], r[2]))
		bars = append(bars, bar{label: label, parts: []decimal.Decimal{decimal.NewFromInt(int64(n))}, text: fmt.Sprintf("%d 份，%s 个部门", n, r[4])})
	}
	rep.Sections = append(rep.Sections, &section{ID: "overview", Title: "一、文件概况",
		Intro: "入库且读取成功的公开文件，按地区、年度和类型（决算/预算）计数；同一部门的多种写法、同年的正文与公开表计为一个部门。", Charts: chartOrNil(hbars(bars, nil)), Tables: []*query{over},
		Empty: emptyIf(len(bars) == 0)})
	depts, err := run("q-departments", "部门名单", "SELECT any(d.department_name) AS department, d.department_id AS department_id FROM "+db+
		".v_documents AS d WHERE "+f.where("d")+" GROUP BY department_id ORDER BY department, department_id")
	if err != nil {
		return nil, err
	}
	for _, r := range depts.Rows {
		rep.Departments = append(rep.Departments, r[0])
	}

	// Rankings. A department is its department_id, shown by its
	// normalized name; its documents of one year and kind (the text and
	// the tables published apart) are one bar.
	amount := func(id, title, metric string, years ...int) (*query, error) {
		return run(id, title, "SELECT f.department_name AS department, f.year AS year, f.kind AS kind, max(f.value) AS value FROM "+db+".v_facts AS f WHERE "+
			f.where("f", years...)+" AND f.metric = '"+metric+"' AND f.measure = 'amount' AND f.subject = ''"+
			" GROUP BY f.department_id, department, year, kind ORDER BY value DESC, department, year, kind")
	}
	gpb, err := amount("q-gpb", "一般公共预算财政拨款支出", "gpb.expenditure")
	if err != nil {
		return nil, err
	}
	rep.Sections = append(rep.Sections, rankingSection("gpb", "二、一般公共预算财政拨款支出排名", gpb))

	tp, err := run("q-three-public", "“三公”经费及其构成",
		"SELECT f.department_name AS department, f.year AS year, f.kind AS kind, f.metric AS metric, max(f.value) AS value FROM "+db+".v_facts AS f WHERE "+
			f.where("f")+" AND f.metric IN ('three_public.total', 'three_public.overseas', 'three_public.vehicle', 'three_public.reception')"+
			" AND f.measure = 'amount' AND f.subject = '' GROUP BY f.department_id, department, year, kind, metric ORDER BY department, year, kind, metric")
	if err != nil {
		return nil, err
	}
	rep.Sections = append(rep.Sections, threePublicSection(tp))

	op, err := amount("q-operating", "机关运行经费", "operating_expense")
	if err != nil {
		return nil, err
	}
	rep.Sections = append(rep.Sections, rankingSection("operating", "四、机关运行经费排名", op))

	// Year on year.
	var yoy *query
	if f.year != 0 {
		yoy, err = amount("q-yoy", "一般公共预算财政拨款支出（相邻年度）", "gpb.expenditure", f.year-1, f.year)
	} else {
		yoy, err = amount("q-yoy", "一般公共预算财政拨款支出（各年度）", "gpb.expenditure")
	}
	if err != nil {
		return nil, err
	}
	rep.Sections = append(rep.Sections, yoySection(yoy))

	// Composition by class.
	cls, err := run("q-class", "一般公共预算财政拨款支出按功能分类（类）",
		"SELECT f.department_name AS department, f.year AS year, f.kind AS kind, f.code AS code, f.subject AS class, max(f.value) AS value FROM "+db+".v_facts AS f WHERE "+
			f.where("f")+" AND f.metric = 'gpb.class' AND f.measure = 'amount'"+
			" GROUP BY f.department_id, department, year, kind, code, class ORDER BY department, year, kind, value DESC, code, class")
	if err != nil {
		return nil, err
	}
	rep.Sections = append(rep.Sections, classSection(cls))

	// Findings.
	fi, err := run("q-findings", "勾稽检查发现",
		"SELECT fi.rule AS rule, fi.severity AS severity, fi.message AS message, fi.page AS page, d.department_name AS department, d.year AS year, d.kind AS kind, "+
			"d.file AS file, d.source_url AS source_url FROM "+db+".v_findings AS fi INNER JOIN "+db+".v_documents AS d ON fi.doc_id = d.id WHERE "+f.where("d")+
			" ORDER BY rule, severity, department, year, kind, page, message, file, fi.seq")
	if err != nil {
		return nil, err
	}
	rep.FindingCount = len(fi.Rows)
	rep.Sections = append(rep.Sections, findingsSection(fi, outDir))
	return rep, nil
}

func regionName(s string) string {
	if s == "" {
		return "（地区未识别）"
	}
	return s
}

func emptyIf(empty bool) string {
	if empty {
		return "库中没有可比的数据。"
	}
	return ""
}

func chartOrNil(c template.HTML) []template.HTML {
	if c == "" {
		return nil
	}
	return []template.HTML{c}
}

func dec(s string) decimal.Decimal {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero
	}
	return d
}

// wan formats yuan as 万元 with two decimals and thousands separators.
func wan(d decimal.Decimal) string {
	s := d.Div(decimal.NewFromInt(10000)).StringFixed(2)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String() + "." + frac
	}
	return b.String() + "." + frac
}

func deptYear(r []string) string { return fmt.Sprintf("%s %s年%s", r[0], r[1], r[2]) }

func rankingSection(id, title string, q *query) *section {
	var bars []bar
	for _, r := range q.Rows {
		v := dec(r[3])
		bars = append(bars, bar{label: deptYear(r), parts: []decimal.Decimal{v}, text: wan(v) + " 万元"})
	}
	return &section{ID: id, Title: title, Intro: "各部门（单位）本年度数，单位万元，从高到低。同一文件分册重复列出的数取其一（max）。",
		Charts: chartOrNil(hbars(bars, nil)), Tables: []*query{q}, Empty: emptyIf(len(bars) == 0)}
}

var threePublicParts = []struct{ metric, name string }{
	{"three_public.overseas", "因公出国（境）费"}, {"three_public.vehicle", "公务用车购置及运行维护费"}, {"three_public.reception", "公务接待费"},
}

func threePublicSection(q *query) *section {
	type row struct {
		key   string
		total decimal.Decimal
		parts map[string]decimal.Decimal
		has   bool
	}
	byKey := map[string]*row{}
	var order []*row
	for _, r := range q.Rows {
		k := deptYear(r)
		x := byKey[k]
		if x == nil {
			x = &row{key: k, parts: map[string]decimal.Decimal{}}
			byKey[k] = x
			order = append(order, x)
		}
		if r[3] == "three_public.total" {
			x.total, x.has = dec(r[4]), true
		} else {
			x.parts[r[3]] = dec(r[4])
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].total.GreaterThan(order[j].total) })
	var bars []bar
	for _, x := range order {
		if !x.has {
			continue
		}
		b := bar{label: x.key, text: wan(x.total) + " 万元"}
		sum := decimal.Zero
		for _, p := range threePublicParts {
			b.parts = append(b.parts, x.parts[p.metric])
			sum = sum.Add(x.parts[p.metric])
		}
		if rest := x.total.Sub(sum); rest.IsPositive() {
			// Parts not stated: the bar still reaches the total.
			b.parts = append(b.parts, rest)
		} else {
			b.parts = append(b.parts, decimal.Zero)
		}
		bars = append(bars, b)
	}
	legend := []string{"因公出国（境）费", "公务用车购置及运行维护费", "公务接待费", "未列明部分"}
	return &section{ID: "three-public", Title: "三、“三公”经费排名及构成",
		Intro:  "“三公”经费财政拨款支出合计，按构成分色（单位万元）。合计大于所列三项之和的部分为未列明部分。",
		Charts: chartOrNil(hbars(bars, legend)), Tables: []*query{q}, Empty: emptyIf(len(bars) == 0)}
}

func yoySection(q *query) *section {
	type point struct {
		year int
		v    decimal.Decimal
	}
	series := map[string][]point{}
	var names []string
	for _, r := range q.Rows {
		k := r[0] + "（" + r[2] + "）"
		if _, ok := series[k]; !ok {
			names = append(names, k)
		}
		y, _ := strconv.Atoi(r[1])
		series[k] = append(series[k], point{y, dec(r[3])})
	}
	sort.Strings(names)
	var rows []slopeRow
	for _, n := range names {
		ps := series[n]
		if len(ps) < 2 {
			continue
		}
		sort.Slice(ps, func(i, j int) bool { return ps[i].year < ps[j].year })
		for i := 1; i < len(ps); i++ {
			rows = append(rows, slopeRow{label: n, y1: ps[i-1].year, y2: ps[i].year, v1: ps[i-1].v, v2: ps[i].v})
		}
	}
	return &section{ID: "yoy", Title: "五、同比变化（一般公共预算财政拨款支出）",
		Intro:  "同一部门在库中有相邻年度文件时，前后两年的数及增减（单位万元）。",
		Charts: chartOrNil(slopes(rows)), Tables: []*query{q}, Empty: emptyIf(len(rows) == 0)}
}

func classSection(q *query) *section {
	totals := map[string]decimal.Decimal{}
	for _, r := range q.Rows {
		totals[r[4]] = totals[r[4]].Add(dec(r[5]))
	}
	var classes []string
	for c := range totals {
		classes = append(classes, c)
	}
	sort.Slice(classes, func(i, j int) bool {
		if c := totals[classes[i]].Cmp(totals[classes[j]]); c != 0 {
			return c > 0
		}
		return classes[i] < classes[j]
	})
	const shown = 7
	index := map[string]int{}
	legend := []string{}
	for i, c := range classes {
		if i < shown {
			index[c] = i
			legend = append(legend, c)
		} else {
			index[c] = shown
		}
	}
	if len(classes) > shown {
		legend = append(legend, "其他")
	}
	var bars []bar
	byKey := map[string]int{}
	for _, r := range q.Rows {
		k := deptYear(r)
		i, ok := byKey[k]
		if !ok {
			i = len(bars)
			byKey[k] = i
			bars = append(bars, bar{label: k, parts: make([]decimal.Decimal, len(legend))})
		}
		bars[i].parts[index[r[4]]] = bars[i].parts[index[r[4]]].Add(dec(r[5]))
	}
	for i := range bars {
		total := decimal.Zero
		for _, p := range bars[i].parts {
			total = total.Add(p)
		}
		bars[i].text = wan(total) + " 万元"
		bars[i].share = true
	}
	return &section{ID: "class", Title: "六、支出结构（按功能分类·类）",
		Intro:  "一般公共预算财政拨款支出各类所占比例（每条为 100%），图例按全部部门合计从大到小。",
		Charts: chartOrNil(hbars(bars, legend)), Tables: []*query{q}, Empty: emptyIf(len(bars) == 0)}
}

func findingsSection(q *query, outDir string) *section {
	counts := map[string]int{}
	var rules []string
	groups := map[string]*findingGroup{}
	for _, r := range q.Rows {
		rule := r[0]
		if groups[rule] == nil {
			groups[rule] = &findingGroup{Rule: rule}
			rules = append(rules, rule)
		}
		counts[rule]++
		page, _ := strconv.Atoi(r[3])
		href := docHref(r[7], r[8], outDir)
		pageText := "文件"
		if page > 0 {
			href += "#page=" + strconv.Itoa(page)
			pageText = fmt.Sprintf("第%d页", page)
		}
		groups[rule].Findings = append(groups[rule].Findings, findingRow{Severity: r[1], Message: r[2],
			Where: fmt.Sprintf("%s %s年%s", r[4], r[5], r[6]), Href: href, PageText: pageText})
	}
	var bars []bar
	s := &section{ID: "findings", Title: "七、勾稽检查发现",
		Intro: "数字之间对不上的地方（合计与分项、占比、同比、文字与表格等），按规则分组；每条链接到所在文件和页。", Tables: []*query{q}}
	for _, rule := range rules {
		bars = append(bars, bar{label: rule, parts: []decimal.Decimal{decimal.NewFromInt(int64(counts[rule]))}, text: fmt.Sprintf("%d 条", counts[rule])})
		s.Findings = append(s.Findings, *groups[rule])
	}
	s.Charts = chartOrNil(hbars(bars, nil))
	s.Empty = emptyIf(len(bars) == 0)
	return s
}

// docHref links a document: its source URL when it was crawled, else its
// file, relative to the report when the path allows.
func docHref(file, sourceURL, outDir string) string {
	if sourceURL != "" {
		return sourceURL
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return (&url.URL{Path: file}).String()
	}
	if outAbs, err := filepath.Abs(outDir); err == nil {
		if rel, err := filepath.Rel(outAbs, abs); err == nil {
			return (&url.URL{Path: filepath.ToSlash(rel)}).String()
		}
	}
	return (&url.URL{Scheme: "file", Path: abs}).String()
}
