package analysis

import (
	"context"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

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

var reportTemplate = template.Must(template.Must(AddCharts(template.New("report").Funcs(ChartFuncs))).Parse(reportHTML))

// WriteHTML writes the report as one HTML file.
func (r *Report) WriteHTML(w io.Writer) error { return reportTemplate.Execute(w, r) }

// LatestYear is the latest year of the documents of kind (any kind for "")
// read in the store, or 0 when there are none.
func LatestYear(ctx context.Context, store load.Store, kind string) (int, error) {
	res, err := store.Query(ctx, "SELECT max(d.year) AS year FROM "+load.Database+".v_documents AS d WHERE d.status = 'ok' AND "+Filter{Kind: kind}.Where("d"))
	if err != nil {
		return 0, err
	}
	rows, err := RowsOf(res, "year")
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	return rows[0].Int("year")
}

// reportFilter is the report's filter and the documents it leaves out as
// copies of others.
type reportFilter struct {
	Filter
	copies []string // ids, sorted
}

// where is the filter of a query over documents (d) or facts (f), which
// carry their document's department, year and kind: the documents read,
// of the years and kind asked for, without copies.
func (f reportFilter) where(t string, years ...int) string {
	g := f.Filter
	if len(years) > 0 {
		g.Year = 0
	}
	w := g.Where(t)
	if len(years) > 0 {
		var ys []string
		for _, y := range years {
			ys = append(ys, strconv.Itoa(y))
		}
		w += " AND " + t + ".year IN (" + strings.Join(ys, ", ") + ")"
	}
	id := t + ".doc_id"
	if t == "d" {
		w = "d.status = 'ok' AND " + w
		id = "d.id"
	}
	if len(f.copies) > 0 {
		var q []string
		for _, c := range f.copies {
			q = append(q, load.Quote(c))
		}
		w += " AND " + id + " NOT IN (" + strings.Join(q, ", ") + ")"
	}
	return w
}

// deptKey and deptLabel are a department in SQL, over a table aliased t:
// its department_id, shown by its normalized name; a document without a
// department is its own, shown by its file name.
func deptKey(t string) string {
	return "if(" + t + ".department_id = '', " + t + ".file, " + t + ".department_id)"
}
func deptLabel(t string) string {
	return "if(" + t + ".department_id = '', concat('（', replaceRegexpOne(" + t + ".file, '^.*/', ''), '）'), " + t + ".department_name)"
}

// Report is what report.html draws.
type Report struct {
	Generated    string
	Filter       string
	Documents    int // documents, a report published in several files counted once
	Files        int
	Departments  []string
	FindingCount int
	Sections     []*section
	Queries      []*query
	Copies       []Copy
}

type section struct {
	ID, Title, Intro string
	Charts           []*Chart
	Tables           []*query // the data behind the charts
	Findings         []findingGroup
	Folded           []findingGroup // info: folded away
	Years            []deptYears
	Empty            string // said instead of a chart when there is nothing to draw
}

// query is one SQL statement of the appendix and its rows, as the store
// returned them (Rows) and by column name (rows).
type query struct {
	ID, Title, SQL string
	Columns        []string
	Rows           [][]string
	rows           []Row
}

// findingGroup is one severity's findings of one department.
type findingGroup struct {
	Severity, Department string
	Findings             []findingRow
}

type findingRow struct {
	Rule, Severity, Message, Where, Href, PageText string
}

// Build reads the report's figures from the store: the documents f reads,
// one kind at a time unless f.Kind is "", and one year unless f.Year is 0.
// outDir is where the report goes, for the links to the files.
func Build(ctx context.Context, store load.Store, f Filter, outDir string) (*Report, error) {
	db := load.Database
	rep := &Report{Generated: time.Now().Format("2006-01-02 15:04"), Filter: "全部年度、全部类型"}
	if f.Year != 0 || f.Kind != "" {
		var parts []string
		if f.Year != 0 {
			parts = append(parts, fmt.Sprintf("%d年", f.Year))
		}
		if f.Kind != "" {
			parts = append(parts, f.Kind)
		}
		rep.Filter = strings.Join(parts, "、")
	}
	cs, err := Copies(ctx, store, f)
	if err != nil {
		return nil, err
	}
	rf := reportFilter{Filter: f}
	for _, c := range cs {
		rf.copies = append(rf.copies, c.ID)
	}
	rep.Copies = cs
	sort.Strings(rf.copies)
	run := func(id, title, sql string) (*query, error) {
		res, err := store.Query(ctx, sql)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", title, err)
		}
		q := &query{ID: id, Title: title, SQL: sql, Columns: res.Columns, Rows: res.Rows}
		if q.rows, err = RowsOf(res); err != nil {
			return nil, err
		}
		rep.Queries = append(rep.Queries, q)
		return q, nil
	}
	over, err := run("q-overview", "文件概况（按地区、年度、类型）",
		"SELECT d.region AS region, d.year AS year, d.kind AS kind, count() AS documents, uniqExact("+deptKey("d")+") AS departments FROM "+db+
			".v_documents AS d WHERE "+rf.where("d")+" GROUP BY region, year, kind ORDER BY region, year, kind")
	if err != nil {
		return nil, err
	}
	var bars []bar
	for _, r := range over.rows {
		n, err := r.Int("documents")
		if err != nil {
			return nil, err
		}
		rep.Documents += n
		label := strings.TrimSpace(fmt.Sprintf("%s %s年 %s", regionName(r.S("region")), r.S("year"), r.S("kind")))
		bars = append(bars, bar{label: label, parts: []decimal.Decimal{decimal.NewFromInt(int64(n))}, text: fmt.Sprintf("%d 份，%s 个部门", n, r.S("departments"))})
	}
	rep.Files = rep.Documents + len(cs)
	rep.Sections = append(rep.Sections, &section{ID: "overview", Title: "一、文件概况",
		Intro: "入库且读取成功的公开文件，按地区、年度和类型（决算/预算）计数；同一部门的多种写法、同年的正文与公开表计为一个部门；同一报告以几种格式发布（部门、年度、类型、口径相同，读出的数完全相同，如其 PDF 与 docx）计为一份文件；未识别部门的文件以文件名列出。", Charts: chartOrNil(hbars(bars, nil)), Tables: []*query{over},
		Empty: emptyIf(len(bars) == 0)})
	depts, err := run("q-departments", "部门名单", "SELECT any("+deptLabel("d")+") AS department, "+deptKey("d")+" AS department_key FROM "+db+
		".v_documents AS d WHERE "+rf.where("d")+" GROUP BY department_key ORDER BY department, department_key")
	if err != nil {
		return nil, err
	}
	for _, r := range depts.rows {
		rep.Departments = append(rep.Departments, r.S("department"))
	}
	if err := rep.rankings(run, rf); err != nil {
		return nil, err
	}
	if err := rep.acrossYears(run, rf); err != nil {
		return nil, err
	}
	fi, err := run("q-findings", "勾稽检查发现",
		"SELECT fi.severity AS severity, "+deptLabel("d")+" AS department, d.year AS year, d.kind AS kind, fi.page AS page, fi.rule AS rule, fi.message AS message, "+
			"d.file AS file, d.source_url AS source_url FROM "+db+".v_findings AS fi INNER JOIN "+db+".v_documents AS d ON fi.doc_id = d.id WHERE "+rf.where("d")+
			" ORDER BY multiIf(severity = 'error', 1, severity = 'warning', 2, 3), department, year, kind, file, page, rule, message, fi.seq")
	if err != nil {
		return nil, err
	}
	rep.FindingCount = len(fi.Rows)
	s, err := findingsSection(fi, outDir)
	if err != nil {
		return nil, err
	}
	rep.Sections = append(rep.Sections, s)
	return rep, nil
}

type runFunc func(id, title, sql string) (*query, error)

// rankings adds the sections that rank departments: 一般公共预算财政拨款支出,
// “三公”经费 and 机关运行经费, the year-on-year change and the composition by
// class. A department is its department_id, shown by its normalized name;
// its documents of one year and kind (the text and the tables published
// apart) are one bar. A department that states no figure is drawn with
// the figure missing, not as 0.
func (rep *Report) rankings(run runFunc, f reportFilter) error {
	db := load.Database
	amount := func(id, title, metric string, years ...int) (*query, error) {
		return run(id, title, "SELECT "+deptLabel("f")+" AS department, f.year AS year, f.kind AS kind, max(f.value) AS value FROM "+db+".v_facts AS f WHERE "+
			f.where("f", years...)+" AND f.metric = "+load.Quote(metric)+" AND f.measure = 'amount' AND f.subject = ''"+
			" GROUP BY "+deptKey("f")+", department, year, kind ORDER BY value DESC, department, year, kind")
	}
	units, err := run("q-units", "各部门（单位）的年度与类型", "SELECT DISTINCT "+deptLabel("d")+" AS department, d.year AS year, d.kind AS kind FROM "+db+
		".v_documents AS d WHERE "+f.where("d")+" ORDER BY department, year, kind")
	if err != nil {
		return err
	}
	gpb, err := amount("q-gpb", "一般公共预算财政拨款支出", "gpb.expenditure")
	if err != nil {
		return err
	}
	s, err := rankingSection("gpb", "二、一般公共预算财政拨款支出排名", gpb, units)
	if err != nil {
		return err
	}
	rep.Sections = append(rep.Sections, s)
	tp, err := run("q-three-public", "“三公”经费及其构成",
		"SELECT "+deptLabel("f")+" AS department, f.year AS year, f.kind AS kind, f.metric AS metric, max(f.value) AS value FROM "+db+".v_facts AS f WHERE "+
			f.where("f")+" AND f.metric IN ('three_public.total', 'three_public.overseas', 'three_public.vehicle', 'three_public.reception')"+
			" AND f.measure = 'amount' AND f.subject = '' GROUP BY "+deptKey("f")+", department, year, kind, metric ORDER BY department, year, kind, metric")
	if err != nil {
		return err
	}
	if s, err = threePublicSection(tp); err != nil {
		return err
	}
	rep.Sections = append(rep.Sections, s)
	op, err := amount("q-operating", "机关运行经费", "operating_expense")
	if err != nil {
		return err
	}
	if s, err = rankingSection("operating", "四、机关运行经费排名", op, units); err != nil {
		return err
	}
	rep.Sections = append(rep.Sections, s)
	var yoy *query
	if f.Year != 0 {
		yoy, err = amount("q-yoy", "一般公共预算财政拨款支出（相邻年度）", "gpb.expenditure", f.Year-1, f.Year)
	} else {
		yoy, err = amount("q-yoy", "一般公共预算财政拨款支出（各年度）", "gpb.expenditure")
	}
	if err != nil {
		return err
	}
	if s, err = yoySection(yoy); err != nil {
		return err
	}
	rep.Sections = append(rep.Sections, s)
	cls, err := run("q-class", "一般公共预算财政拨款支出按功能分类（类）",
		"SELECT "+deptLabel("f")+" AS department, f.year AS year, f.kind AS kind, f.code AS code, f.subject AS class, max(f.value) AS value FROM "+db+".v_facts AS f WHERE "+
			f.where("f")+" AND f.metric = 'gpb.class' AND f.measure = 'amount'"+
			" GROUP BY "+deptKey("f")+", department, year, kind, code, class ORDER BY department, year, kind, value DESC, code, class")
	if err != nil {
		return err
	}
	if s, err = classSection(cls); err != nil {
		return err
	}
	rep.Sections = append(rep.Sections, s)
	return nil
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

func chartOrNil(c *Chart) []*Chart {
	if c == nil {
		return nil
	}
	return []*Chart{c}
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

func deptYear(r Row) string {
	return fmt.Sprintf("%s %s年%s", r.S("department"), r.S("year"), r.S("kind"))
}

// rankingSection draws one figure for each department, year and kind,
// highest first; those that state none (units names them all) come last,
// drawn as missing.
func rankingSection(id, title string, q, units *query) (*section, error) {
	var bars []bar
	seen := map[string]bool{}
	for _, r := range q.rows {
		v, err := r.Dec("value")
		if err != nil {
			return nil, err
		}
		seen[deptYear(r)] = true
		bars = append(bars, bar{label: deptYear(r), parts: []decimal.Decimal{v}, text: wan(v) + " 万元"})
	}
	for _, r := range units.rows {
		if !seen[deptYear(r)] {
			bars = append(bars, bar{label: deptYear(r), text: missing})
		}
	}
	return &section{ID: id, Title: title, Intro: "各部门（单位）本年度数，单位万元，从高到低；文件中未读出此数的部门列在最后，标为“" + missing + "”，不作 0。同一文件分册重复列出的数取其一（max）。",
		Charts: chartOrNil(hbars(bars, nil)), Tables: []*query{q}, Empty: emptyIf(len(q.Rows) == 0)}, nil
}

// missing is said where a figure was not read: it is not 0.
const missing = "未读出"

var threePublicParts = []struct{ metric, name string }{
	{"three_public.overseas", "因公出国（境）费"}, {"three_public.vehicle", "公务用车购置及运行维护费"}, {"three_public.reception", "公务接待费"},
}

// threePublicBar is one department's “三公” total and what was read of its
// parts.
type threePublicBar struct {
	key      string
	total    decimal.Decimal
	hasTotal bool
	parts    map[string]decimal.Decimal
}

// bar draws the parts read and, up to the total, either the part the
// document leaves unstated (all three parts read) or the parts not read,
// which the text names.
func (x *threePublicBar) bar() bar {
	b := bar{label: x.key, parts: make([]decimal.Decimal, 5)}
	sum := decimal.Zero
	var unread []string
	for i, p := range threePublicParts {
		v, ok := x.parts[p.metric]
		if !ok {
			unread = append(unread, p.name)
			continue
		}
		b.parts[i] = v
		sum = sum.Add(v)
	}
	if !x.hasTotal {
		b.text = "合计" + missing + "（所列项目 " + wan(sum) + " 万元）"
		return b
	}
	b.text = wan(x.total) + " 万元"
	rest := x.total.Sub(sum)
	switch {
	case len(unread) > 0:
		// Not an unstated part: a part that was not read.
		b.text += "（" + strings.Join(unread, "、") + missing + "）"
		if rest.IsPositive() {
			b.parts[4] = rest
		}
	case rest.IsPositive():
		b.parts[3] = rest
	}
	return b
}

func threePublicSection(q *query) (*section, error) {
	byKey := map[string]*threePublicBar{}
	var order []*threePublicBar
	for _, r := range q.rows {
		k := deptYear(r)
		x := byKey[k]
		if x == nil {
			x = &threePublicBar{key: k, parts: map[string]decimal.Decimal{}}
			byKey[k] = x
			order = append(order, x)
		}
		v, err := r.Dec("value")
		if err != nil {
			return nil, err
		}
		if m := r.S("metric"); m == "three_public.total" {
			x.total, x.hasTotal = v, true
		} else {
			x.parts[m] = v
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		if order[i].hasTotal != order[j].hasTotal {
			return order[i].hasTotal
		}
		return order[i].total.GreaterThan(order[j].total)
	})
	var bars []bar
	for _, x := range order {
		bars = append(bars, x.bar())
	}
	legend := []string{"因公出国（境）费", "公务用车购置及运行维护费", "公务接待费", "未列明部分", "未读出的项目"}
	return &section{ID: "three-public", Title: "三、“三公”经费排名及构成",
		Intro:  "“三公”经费财政拨款支出合计，按构成分色（单位万元）。三项都读出而合计大于其和的部分为未列明部分；有一项未读出时，合计与已读出项目之差标为“未读出的项目”，并在数后写明哪一项" + missing + "。",
		Charts: chartOrNil(hbars(bars, legend)), Tables: []*query{q}, Empty: emptyIf(len(bars) == 0)}, nil
}

func yoySection(q *query) (*section, error) {
	type point struct {
		year int
		v    decimal.Decimal
	}
	series := map[string][]point{}
	var names []string
	for _, r := range q.rows {
		k := r.S("department") + "（" + r.S("kind") + "）"
		if _, ok := series[k]; !ok {
			names = append(names, k)
		}
		y, err := r.Int("year")
		if err != nil {
			return nil, err
		}
		v, err := r.Dec("value")
		if err != nil {
			return nil, err
		}
		series[k] = append(series[k], point{y, v})
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
		Charts: chartOrNil(slopes(rows)), Tables: []*query{q}, Empty: emptyIf(len(rows) == 0)}, nil
}

func classSection(q *query) (*section, error) {
	totals := map[string]decimal.Decimal{}
	values := make([]decimal.Decimal, len(q.rows))
	for i, r := range q.rows {
		v, err := r.Dec("value")
		if err != nil {
			return nil, err
		}
		values[i] = v
		totals[r.S("class")] = totals[r.S("class")].Add(v)
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
	for n, r := range q.rows {
		k := deptYear(r)
		i, ok := byKey[k]
		if !ok {
			i = len(bars)
			byKey[k] = i
			bars = append(bars, bar{label: k, parts: make([]decimal.Decimal, len(legend))})
		}
		c := index[r.S("class")]
		bars[i].parts[c] = bars[i].parts[c].Add(values[n])
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
		Charts: chartOrNil(hbars(bars, legend)), Tables: []*query{q}, Empty: emptyIf(len(bars) == 0)}, nil
}

// findingsSection lists the findings by severity, then department, each
// linked to its file and page; info is folded away.
func findingsSection(q *query, outDir string) (*section, error) {
	counts := map[string]int{}
	var rules []string
	s := &section{ID: "findings", Title: "八、勾稽检查发现",
		Intro: "数字之间对不上的地方（合计与分项、占比、同比、文字与表格等），按严重程度、再按部门分组；每条链接到所在文件和页。info（舍入之内的差异等）折叠在最后。", Tables: []*query{q}}
	for _, r := range q.rows {
		sev, dept, rule := r.S("severity"), r.S("department"), r.S("rule")
		if counts[rule] == 0 {
			rules = append(rules, rule)
		}
		counts[rule]++
		groups := &s.Findings
		if sev == "info" {
			groups = &s.Folded
		}
		if n := len(*groups); n == 0 || (*groups)[n-1].Severity != sev || (*groups)[n-1].Department != dept {
			*groups = append(*groups, findingGroup{Severity: sev, Department: dept})
		}
		page, err := r.Int("page")
		if err != nil {
			return nil, err
		}
		href := docHref(r.S("file"), r.S("source_url"), outDir)
		pageText := "文件"
		if page > 0 {
			href += "#page=" + strconv.Itoa(page)
			pageText = fmt.Sprintf("第%d页", page)
		}
		g := &(*groups)[len(*groups)-1]
		g.Findings = append(g.Findings, findingRow{Rule: rule, Severity: sev, Message: r.S("message"),
			Where: fmt.Sprintf("%s年%s %s", r.S("year"), r.S("kind"), filepath.Base(r.S("file"))), Href: href, PageText: pageText})
	}
	sort.SliceStable(rules, func(i, j int) bool { return counts[rules[i]] > counts[rules[j]] })
	var bars []bar
	for _, rule := range rules {
		bars = append(bars, bar{label: rule, parts: []decimal.Decimal{decimal.NewFromInt(int64(counts[rule]))}, text: fmt.Sprintf("%d 条", counts[rule])})
	}
	s.Charts = chartOrNil(hbars(bars, nil))
	s.Empty = emptyIf(len(bars) == 0)
	return s, nil
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
