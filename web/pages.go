package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/fiscaldocs/fiscaldocs/analysis"
	"github.com/fiscaldocs/fiscaldocs/load"
)

var facetLabels = map[string]string{"region": "地区", "level": "层级", "year": "年度", "kind": "类型", "severity": "严重程度", "rule": "规则"}

// departments: the list, searched and narrowed by facets.
func (s *Server) departments(ctx context.Context, r *http.Request) (*page, error) {
	q := r.URL.Query()
	year, err := atoi(r, "year")
	if err != nil {
		return nil, err
	}
	f := analysis.DepartmentFilter{Q: strings.TrimSpace(q.Get("q")), Region: q.Get("region"), Level: q.Get("level"), Kind: q.Get("kind"), Year: year}
	res, err := analysis.Departments(ctx, s.opt.Store, f)
	if err != nil {
		return nil, err
	}
	rows, err := analysis.RowsOf(res, "department", "name", "region", "level", "years", "kinds", "documents")
	if err != nil {
		return nil, err
	}
	t := &Table{Name: "departments", Title: strconv.Itoa(len(rows)) + " 个部门（单位）", Columns: []string{"department", "region", "level", "years", "kinds", "documents", "id"}}
	for _, row := range rows {
		t.add(link(row.S("name"), "/department/"+url.PathEscape(row.S("department"))), text(row.S("region")), text(row.S("level")),
			text(row.S("years")), text(row.S("kinds")), num(row.S("documents")), text(row.S("department")))
	}
	facets, err := analysis.Facets(ctx, s.opt.Store, f)
	if err != nil {
		return nil, err
	}
	p := &page{Title: "部门", Nav: "departments", Form: "departments", Values: q, Tables: []*Table{t},
		Intro: "库中的部门（同一部门的多种写法、多个年度合为一行）。按名称搜索，或按地区、层级、年度、类型筛选；点部门名看其历年数字与文件。"}
	p.Facets = facetGroups(r.URL, analysis.FacetNames, facets)
	return p, nil
}

// facetGroups links each facet value: choosing it, or, when chosen,
// leaving it.
func facetGroups(u *url.URL, names []string, facets map[string][]analysis.Facet) []facetGroup {
	var out []facetGroup
	for _, name := range names {
		g := facetGroup{Name: name, Label: facetLabels[name]}
		for _, f := range facets[name] {
			q := u.Query()
			q.Del("format")
			q.Del("table")
			on := q.Get(name) == f.Value
			if on {
				q.Del(name)
			} else {
				q.Set(name, f.Value)
			}
			label := f.Value
			if label == "" {
				label = "（未识别）"
			}
			g.Values = append(g.Values, facetValue{Value: label, Href: href(u.Path, q), Count: f.Count, On: on})
		}
		out = append(out, g)
	}
	return out
}

// department: its key figures over the years, their change, small
// charts, and its documents.
func (s *Server) department(ctx context.Context, r *http.Request) (*page, error) {
	key := r.PathValue("key")
	docs, err := analysis.DepartmentDocuments(ctx, s.opt.Store, key)
	if err != nil {
		return nil, err
	}
	drows, err := analysis.RowsOf(docs, "id", "file", "format", "year", "kind", "scope", "status", "facts", "findings", "name")
	if err != nil {
		return nil, err
	}
	if len(drows) == 0 {
		return nil, notFound("no department %q in the store", key)
	}
	dt := &Table{Name: "documents", Title: "文件", Columns: []string{"year", "kind", "scope", "file", "format", "status", "facts", "findings"}}
	for _, d := range drows {
		dt.add(text(d.S("year")), text(d.S("kind")), text(d.S("scope")), link(d.S("file"), "/document/"+d.S("id")), text(d.S("format")),
			text(d.S("status")), num(d.S("facts")), numLink(d.S("findings"), href("/findings", url.Values{"document": {d.S("id")}})))
	}
	figs, err := analysis.DepartmentFigures(ctx, s.opt.Store, key)
	if err != nil {
		return nil, err
	}
	frows, err := analysis.RowsOf(figs, "year", "kind", "metric", "name", "value")
	if err != nil {
		return nil, err
	}
	ft := &Table{Name: "figures", Title: "主要数字（万元）及同比", Columns: []string{"kind", "metric", "name", "year", "value_wan", "change_wan", "change_pct", "compare"}}
	type series struct {
		name   string
		points []analysis.Item
	}
	charts := map[string]*series{}
	var order []string
	var prev analysis.Row
	var prevV decimal.Decimal
	for i, f := range frows {
		v, err := f.Dec("value")
		if err != nil {
			return nil, err
		}
		change, pct := "", ""
		py, _ := strconv.Atoi(prev.S("year"))
		if y, err := f.Int("year"); err != nil {
			return nil, err
		} else if i > 0 && prev.S("metric") == f.S("metric") && prev.S("kind") == f.S("kind") && y == py+1 {
			change, pct = analysis.Wan(v.Sub(prevV)), analysis.ChangePct(prevV, v) // the year before's, not an earlier one's
		}
		cmp := href("/compare", url.Values{"metric": {f.S("metric")}, "year": {f.S("year")}, "kind": {f.S("kind")}})
		ft.add(text(f.S("kind")), text(f.S("metric")), text(f.S("name")), text(f.S("year")), num(analysis.Wan(v)), num(change), num(pct), link("各部门比较", cmp))
		k := f.S("kind") + " " + f.S("name")
		if charts[k] == nil {
			charts[k] = &series{name: k}
			order = append(order, k)
		}
		charts[k].points = append(charts[k].points, analysis.Item{Label: f.S("year") + "年", Value: v, Text: analysis.Wan(v) + " 万元"})
		prev, prevV = f, v
	}
	p := &page{Title: drows[0].S("name"), Nav: "departments", Tables: []*Table{ft, dt},
		Intro: "历年主要数字：同一年度、类型的几份文件（正文与公开表）所列同一数取其一。未读出的数不列，不作 0。",
		Links: []Cell{link("勾稽发现", href("/findings", url.Values{"department": {key}})), link("历年一般公共预算财政拨款支出", href("/compare", url.Values{"metric": {"gpb.expenditure"}, "department": {key}}))}}
	sort.Strings(order)
	for _, k := range order {
		if charted(k) {
			if c := analysis.Bars(charts[k].points); c != nil {
				p.Charts = append(p.Charts, c)
				c.Title = k
			}
		}
	}
	return p, nil
}

// chartedMetrics are the figures a department's page draws over the
// years, by their Chinese names.
var chartedMetrics = []string{"一般公共预算财政拨款支出", "“三公”经费财政拨款支出", "机关运行经费", "本年支出合计"}

// charted reports whether a series, named kind and metric name
// ("决算 机关运行经费"), is drawn.
func charted(series string) bool {
	for _, m := range chartedMetrics {
		if strings.HasSuffix(series, " "+m) {
			return true
		}
	}
	return false
}

// document: its facts by section, its findings and its problems.
func (s *Server) document(ctx context.Context, r *http.Request) (*page, error) {
	id := r.PathValue("id")
	d, err := s.documentRow(ctx, id)
	if err != nil {
		return nil, err
	}
	facts, err := analysis.DocumentFacts(ctx, s.opt.Store, id)
	if err != nil {
		return nil, err
	}
	rows, err := analysis.RowsOf(facts, "seq", "section", "metric", "name", "measure", "subject", "code", "value", "unit", "raw", "basis", "method", "reason", "page", "text")
	if err != nil {
		return nil, err
	}
	ft := &Table{Name: "facts", Title: strconv.Itoa(len(rows)) + " 个数（按部分）", Columns: []string{"section", "metric", "name", "measure", "subject", "code", "value", "unit", "raw", "basis", "method", "reason", "page", "text", "fact"}}
	ocr := 0
	for _, f := range rows {
		if f.S("method") == "ocr" {
			ocr++
		}
		fh := "/fact/" + id + "/" + f.S("seq")
		ft.add(text(f.S("section")), text(f.S("metric")), text(f.S("name")), text(f.S("measure")), text(f.S("subject")), text(f.S("code")),
			numLink(f.S("value"), fh), text(f.S("unit")), text(f.S("raw")), text(f.S("basis")), text(f.S("method")), text(f.S("reason")),
			num(f.S("page")), text(f.S("text")), link("出处", fh))
	}
	fi, err := s.findingTable(ctx, analysis.FindingFilter{Document: id})
	if err != nil {
		return nil, err
	}
	p := &page{Title: d.S("name") + " " + d.S("year") + "年" + d.S("kind"), Nav: "departments", Tables: []*Table{ft, fi},
		Links: []Cell{link("部门历年", "/department/"+url.PathEscape(d.S("department_key")))}}
	p.Meta = [][2]string{{"文件", d.S("file")}, {"格式", d.S("format")}, {"页数", d.S("pages")}, {"部门（原文）", d.S("department")},
		{"地区", d.S("region")}, {"状态", d.S("status")}, {"SHA-256", d.S("id")}, {"读取", d.S("extractor")}}
	if u := d.S("source_url"); u != "" {
		p.Meta = append(p.Meta, [2]string{"来源", u})
	}
	var problems []string
	if e := d.S("error"); e != "" {
		problems = append(problems, e)
	}
	for _, pr := range strings.Split(d.S("problems"), "\n") {
		if pr != "" {
			problems = append(problems, pr)
		}
	}
	if ocr > 0 {
		problems = append(problems, strconv.Itoa(ocr)+" 个数由 OCR 从扫描页读出，可能有误读")
	}
	for _, row := range fi.Rows {
		if rule := row[1].Text; strings.HasPrefix(rule, "text.") || strings.HasPrefix(rule, "ocr.") || strings.HasPrefix(rule, "format.") || strings.HasPrefix(rule, "template.") {
			problems = append(problems, rule+"："+row[5].Text)
		}
	}
	for _, pr := range problems {
		p.Meta = append(p.Meta, [2]string{"问题", pr})
	}
	return p, nil
}

// documentRow is the document's row, or a 404.
func (s *Server) documentRow(ctx context.Context, id string) (analysis.Row, error) {
	if !isID(id) {
		return analysis.Row{}, notFound("%q is not a document id", id)
	}
	res, err := analysis.Document(ctx, s.opt.Store, id)
	if err != nil {
		return analysis.Row{}, err
	}
	rows, err := analysis.RowsOf(res, "id", "file", "format", "pages", "department", "name", "department_key", "region", "year", "kind", "status", "error", "source_url", "extractor", "problems")
	if err != nil {
		return analysis.Row{}, err
	}
	if len(rows) == 0 {
		return analysis.Row{}, notFound("no document %s in the store", id)
	}
	return rows[0], nil
}

func isID(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

// findingTable is the findings f chooses, each linked to its document
// and the facts it rests on.
func (s *Server) findingTable(ctx context.Context, f analysis.FindingFilter) (*Table, error) {
	res, err := analysis.Findings(ctx, s.opt.Store, f)
	if err != nil {
		return nil, err
	}
	rows, err := analysis.RowsOf(res, "doc_id", "seq", "severity", "rule", "department", "name", "year", "kind", "file", "page", "message", "facts")
	if err != nil {
		return nil, err
	}
	t := &Table{Name: "findings", Title: strconv.Itoa(len(rows)) + " 条勾稽发现", Columns: []string{"severity", "rule", "department", "year", "kind", "message", "page", "file", "facts"}}
	for _, r := range rows {
		id := r.S("doc_id")
		facts := strings.Fields(r.S("facts"))
		factCell := text(strings.Join(facts, " "))
		if len(facts) > 0 {
			factCell.Href = "/fact/" + id + "/" + facts[0]
		}
		t.add(text(r.S("severity")), text(r.S("rule")), link(r.S("name"), "/department/"+url.PathEscape(r.S("department"))), text(r.S("year")),
			text(r.S("kind")), text(r.S("message")), num(r.S("page")), link(r.S("file"), "/document/"+id), factCell)
	}
	return t, nil
}

// findings: by severity, rule, department and year.
func (s *Server) findings(ctx context.Context, r *http.Request) (*page, error) {
	q := r.URL.Query()
	year, err := atoi(r, "year")
	if err != nil {
		return nil, err
	}
	doc := q.Get("document")
	if doc != "" && !isID(doc) {
		return nil, badRequest("%q is not a document id", doc)
	}
	t, err := s.findingTable(ctx, analysis.FindingFilter{Severity: q.Get("severity"), Rule: q.Get("rule"), Department: q.Get("department"), Document: doc, Year: year})
	if err != nil {
		return nil, err
	}
	facets, err := analysis.FindingFacets(ctx, s.opt.Store)
	if err != nil {
		return nil, err
	}
	p := &page{Title: "勾稽发现", Nav: "findings", Tables: []*Table{t},
		Intro: "数字之间对不上的地方：合计与分项、占比、同比、文字与表格。error 只在所依据的数都读得确定时才给；点“facts”一栏看所依据的数在原文中的位置。"}
	p.Facets = facetGroups(r.URL, []string{"severity", "rule", "year"}, facets)
	return p, nil
}

// compare: one metric (or function code) across departments for a year,
// ranked; or one department's over the years.
func (s *Server) compare(ctx context.Context, r *http.Request) (*page, error) {
	q := r.URL.Query()
	year, err := atoi(r, "year")
	if err != nil {
		return nil, err
	}
	c := analysis.Comparison{Metric: q.Get("metric"), Measure: q.Get("measure"), Code: q.Get("code"), Kind: q.Get("kind"), Year: year, Department: q.Get("department")}
	if c.Metric == "" {
		c.Metric = "gpb.expenditure"
	}
	p := &page{Title: "比较", Nav: "compare", Form: "compare", Values: q, Options: map[string][]option{},
		Intro: "一个指标（或一个功能分类科目编码，指标选 gpb.class 或 gpb.item）在一个年度的各部门排名；填部门 id 则看该部门历年。同一部门同年同类型的几份文件所列同一数取其一（max）。"}
	metrics, err := analysis.Metrics(ctx, s.opt.Store)
	if err != nil {
		return nil, err
	}
	mrows, err := analysis.RowsOf(metrics, "key", "name")
	if err != nil {
		return nil, err
	}
	for _, m := range mrows {
		p.Options["metric"] = append(p.Options["metric"], option{m.S("key"), m.S("key") + " " + m.S("name"), m.S("key") == c.Metric})
	}
	years, err := analysis.Years(ctx, s.opt.Store)
	if err != nil {
		return nil, err
	}
	if c.Year == 0 && c.Department == "" && len(years) > 0 {
		c.Year = years[0]
	}
	for _, y := range years {
		p.Options["year"] = append(p.Options["year"], option{strconv.Itoa(y), strconv.Itoa(y), y == c.Year})
	}
	for _, k := range append([]string{""}, analysis.Kinds...) {
		label := k
		if k == "" {
			label = "全部"
		}
		p.Options["kind"] = append(p.Options["kind"], option{k, label, k == c.Kind})
	}
	res, err := analysis.Compare(ctx, s.opt.Store, c)
	if err != nil {
		return nil, err
	}
	rows, err := analysis.RowsOf(res, "department", "name", "year", "kind", "figure", "unit", "doc", "seq")
	if err != nil {
		return nil, err
	}
	t := &Table{Name: "compare", Title: c.Metric + " " + c.Code, Columns: []string{"rank", "department", "year", "kind", "value", "unit", "value_wan", "fact"}}
	var items []analysis.Item
	for i, row := range rows {
		v, err := row.Dec("figure")
		if err != nil {
			return nil, err
		}
		shown := row.S("figure")
		if row.S("unit") == "yuan" {
			shown = analysis.Wan(v)
		}
		t.add(num(strconv.Itoa(i+1)), link(row.S("name"), "/department/"+url.PathEscape(row.S("department"))), text(row.S("year")), text(row.S("kind")),
			num(row.S("figure")), text(row.S("unit")), num(shown), link("出处", "/fact/"+row.S("doc")+"/"+row.S("seq")))
		label := row.S("name")
		if c.Department != "" || c.Year == 0 {
			label += " " + row.S("year") + "年" + row.S("kind")
		}
		items = append(items, analysis.Item{Label: label, Value: v, Text: shown})
	}
	if ch := analysis.Bars(items); ch != nil {
		p.Charts = []*analysis.Chart{ch}
	}
	p.Tables = []*Table{t}
	return p, nil
}

// sqlExamples are queries the SQL page offers (docs/schema.md has more).
var sqlExamples = []struct{ title, sql string }{
	{"入库情况", "SELECT status, count() AS documents, sum(facts) AS facts, sum(findings) AS findings FROM fiscaldocs.v_documents GROUP BY status ORDER BY status"},
	{"2019 年“三公”经费排名（万元）", "SELECT department_name AS department, year, kind, max(value) / 10000 AS three_public_wan FROM fiscaldocs.v_facts WHERE metric = 'three_public.total' AND measure = 'amount' AND subject = '' AND year = 2019 GROUP BY department_id, department, year, kind ORDER BY three_public_wan DESC"},
	{"v_facts 的列", "DESCRIBE fiscaldocs.v_facts"},
}

// sql: one read-only statement, its rows limited, its result in the URL.
func (s *Server) sql(ctx context.Context, r *http.Request) (*page, error) {
	q := r.URL.Query()
	p := &page{Title: "SQL", Nav: "sql", Form: "sql", Values: q,
		Intro: "只读：写入、删除、改表的语句会被拒绝；每条查询有时间上限，最多显示 " + strconv.Itoa(s.opt.Rows) + " 行。查询写在网址里，可收藏、可分享；结果可下载为 CSV（带 BOM，Excel 可直接打开）或 JSON。表与列见 docs/schema.md。"}
	for _, e := range sqlExamples {
		p.Links = append(p.Links, link(e.title, href("/sql", url.Values{"q": {e.sql}})))
	}
	sql := strings.TrimSpace(q.Get("q"))
	if sql == "" {
		return p, nil
	}
	res, err := s.opt.Store.Query(ctx, sql)
	switch {
	case errors.Is(err, load.ErrWrites) || errors.Is(err, load.ErrStatements):
		p.Error = "拒绝执行：" + err.Error()
		return p, nil
	case errors.Is(err, load.ErrBusy) || errors.Is(err, context.DeadlineExceeded):
		return nil, err
	case err != nil:
		p.Error = err.Error()
		return p, nil
	}
	t := &Table{Name: "result", Title: strconv.Itoa(len(res.Rows)) + " 行", Columns: res.Columns}
	if len(res.Rows) > s.opt.Rows {
		res.Rows = res.Rows[:s.opt.Rows]
		t.Title = "前 " + strconv.Itoa(s.opt.Rows) + " 行"
		t.Note = "结果多于 " + strconv.Itoa(s.opt.Rows) + " 行，只显示（和下载）前 " + strconv.Itoa(s.opt.Rows) + " 行；用 fiscaldocs query 取全部。"
	}
	for _, row := range res.Rows {
		cells := make([]Cell, len(row))
		for i, v := range row {
			cells[i] = text(v)
		}
		t.add(cells...)
	}
	p.Tables = []*Table{t}
	return p, nil
}
