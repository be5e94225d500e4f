package analysis

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/load"
	"github.com/fiscaldocs/fiscaldocs/normalize"
)

// The queries the web app (package web) browses the store with: one page
// each, every value quoted by load.Quote, the rows read by column name by
// the caller. Each returns the store's result as it came, so that a page
// and its CSV and JSON downloads show the same rows.

// metricNames is each metric key's Chinese name, one row a key.
const metricNames = "(SELECT key, any(name) AS name FROM " + load.Database + ".metrics GROUP BY key)"

// Querier runs one read-only statement: a load.Store, or the web app's
// shared store (load.Shared).
type Querier interface {
	Query(ctx context.Context, sql string) (*load.Result, error)
}

// KeyMetrics are the figures a department's page shows over the years,
// in this order.
var KeyMetrics = []string{
	"total", "income.total", "income.fiscal", "income.fiscal.gpb", "expenditure.total", "expenditure.basic", "expenditure.project",
	"gpb.expenditure", "gpb.basic", "three_public.total", "three_public.overseas", "three_public.vehicle",
	"three_public.vehicle.purchase", "three_public.vehicle.operation", "three_public.reception", "operating_expense", "procurement.total",
}

// DepartmentFilter chooses departments: Q a part of a name or spelling,
// and the facets region, level, year and kind ("" or 0 for all).
type DepartmentFilter struct {
	Q, Region, Level, Kind string
	Year                   int
}

// where is the filter on v_documents aliased d, leaving out the facet
// named except (so that a facet counts what choosing it would show).
func (f DepartmentFilter) where(except string) string {
	w := []string{"d.status = 'ok'"}
	if f.Q != "" {
		q := load.Quote(f.Q)
		w = append(w, "(position(d.department_name, "+q+") > 0 OR position(d.department, "+q+") > 0 OR d.department_id = "+q+")")
	}
	if f.Region != "" && except != "region" {
		w = append(w, "d.region = "+load.Quote(f.Region))
	}
	if f.Level != "" && except != "level" {
		w = append(w, "d.level = "+load.Quote(f.Level))
	}
	if f.Year != 0 && except != "year" {
		w = append(w, "d.year = "+strconv.Itoa(f.Year))
	}
	if f.Kind != "" && except != "kind" {
		w = append(w, "d.kind = "+load.Quote(f.Kind))
	}
	return strings.Join(w, " AND ")
}

// Departments lists the departments f chooses, one row each: department
// (its key, a department_id or a file for a document without one),
// name, region, level, years, kinds, documents.
func Departments(ctx context.Context, q Querier, f DepartmentFilter) (*load.Result, error) {
	return q.Query(ctx, "SELECT "+deptKey("d")+" AS department, any("+deptLabel("d")+") AS name, any(d.region) AS region, any(d.level) AS level, "+
		"arrayStringConcat(arraySort(groupUniqArray(toString(d.year))), ' ') AS years, arrayStringConcat(arraySort(groupUniqArray(d.kind)), ' ') AS kinds, "+
		"count() AS documents FROM "+load.Database+".v_documents AS d WHERE "+f.where("")+" GROUP BY department ORDER BY region, name, department")
}

// Facet is one value of a facet and the departments it holds.
type Facet struct {
	Value string
	Count int
}

// FacetNames are the facets of the departments page.
var FacetNames = []string{"region", "level", "year", "kind"}

// Facets counts, for each facet, the departments each value holds under
// the rest of the filter.
func Facets(ctx context.Context, q Querier, f DepartmentFilter) (map[string][]Facet, error) {
	out := map[string][]Facet{}
	for _, name := range FacetNames {
		res, err := q.Query(ctx, "SELECT toString(d."+name+") AS value, uniqExact("+deptKey("d")+") AS n FROM "+load.Database+".v_documents AS d WHERE "+
			f.where(name)+" GROUP BY value ORDER BY value")
		if err != nil {
			return nil, err
		}
		if out[name], err = facetsOf(res); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// deptIs is the condition that a row of v_documents or v_facts (aliased
// t) is of department key (as Departments gives it).
func deptIs(t, key string) string { return deptKey(t) + " = " + load.Quote(key) }

// DepartmentFigures are a department's key figures (KeyMetrics, measure
// amount, the department as a whole) by year and kind: year, kind,
// metric, name, value (the largest where its documents state one twice).
func DepartmentFigures(ctx context.Context, q Querier, key string) (*load.Result, error) {
	var in []string
	for _, m := range KeyMetrics {
		in = append(in, load.Quote(m))
	}
	return q.Query(ctx, "SELECT f.year AS year, f.kind AS kind, f.metric AS metric, any(m.name) AS name, max(f.value) AS value FROM "+load.Database+
		".v_facts AS f LEFT JOIN "+metricNames+" AS m ON m.key = f.metric WHERE "+deptIs("f", key)+" AND f.metric IN ("+strings.Join(in, ", ")+
		") AND f.measure = 'amount' AND f.subject = '' GROUP BY year, kind, metric ORDER BY kind, metric, year")
}

// DepartmentDocuments are a department's documents: id, file, format,
// year, kind, scope, status, facts, findings.
func DepartmentDocuments(ctx context.Context, q Querier, key string) (*load.Result, error) {
	return q.Query(ctx, "SELECT d.id AS id, d.file AS file, d.format AS format, d.year AS year, d.kind AS kind, d.scope AS scope, d.status AS status, "+
		"d.facts AS facts, d.findings AS findings, "+deptLabel("d")+" AS name FROM "+load.Database+".v_documents AS d WHERE "+deptIs("d", key)+" ORDER BY year, kind, file")
}

var hexID = regexp.MustCompile(`^[0-9a-f]{64}$`)

// checkID refuses what is not a document id.
func checkID(id string) error {
	if !hexID.MatchString(id) {
		return fmt.Errorf("analysis: %q is not a document id", id)
	}
	return nil
}

// Document is one document's row of v_documents, with its department key.
func Document(ctx context.Context, q Querier, id string) (*load.Result, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	return q.Query(ctx, "SELECT d.id AS id, d.file AS file, d.format AS format, d.pages AS pages, d.department AS department, "+deptLabel("d")+" AS name, "+
		deptKey("d")+" AS department_key, d.region AS region, d.year AS year, d.kind AS kind, d.scope AS scope, d.status AS status, d.error AS error, "+
		"d.source_url AS source_url, d.facts AS facts, d.findings AS findings, d.extractor AS extractor, arrayStringConcat(d.problems, '\n') AS problems FROM "+load.Database+".v_documents AS d WHERE d.id = "+load.Quote(id))
}

// DocumentFacts are a document's facts, by section (the metric's family:
// its key up to the first dot) and then as read: seq, section, metric,
// name, measure, subject, code, value, unit, raw, basis, method, reason,
// page, text.
func DocumentFacts(ctx context.Context, q Querier, id string) (*load.Result, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	return q.Query(ctx, "SELECT f.seq AS seq, splitByChar('.', f.metric)[1] AS section, f.metric AS metric, m.name AS name, f.measure AS measure, "+
		"f.subject AS subject, f.code AS code, f.value AS value, f.unit AS unit, f.raw AS raw, f.basis AS basis, f.method AS method, f.reason AS reason, "+
		"f.page AS page, f.text AS text FROM "+load.Database+".v_facts AS f LEFT JOIN "+metricNames+" AS m ON m.key = f.metric WHERE f.doc_id = "+
		load.Quote(id)+" ORDER BY section, f.seq")
}

// Fact is one fact with where it was read: its v_facts row, and the
// block's kind and text. (The metric's name is MetricName's: a
// ClickHouse server as old as 18.16 takes one JOIN a query.)
func Fact(ctx context.Context, q Querier, id string, seq int) (*load.Result, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	return q.Query(ctx, "SELECT f.doc_id AS doc_id, f.seq AS seq, f.metric AS metric, f.measure AS measure, f.subject AS subject, "+
		"f.code AS code, f.value AS value, f.unit AS unit, f.raw AS raw, f.basis AS basis, f.method AS method, f.reason AS reason, f.page AS page, "+
		"f.block AS block, f.row AS row, f.col AS col, f.x0 AS x0, f.y0 AS y0, f.x1 AS x1, f.y1 AS y1, f.text AS text, f.file AS file, "+
		"f.year AS year, f.kind AS kind, "+deptLabel("f")+" AS department, b.kind AS block_kind, b.text AS block_text FROM "+load.Database+".v_facts AS f "+
		"LEFT JOIN (SELECT doc_id, toUInt32(seq + 1) AS block, kind, text FROM "+load.Database+".v_blocks WHERE doc_id = "+
		load.Quote(id)+") AS b ON b.doc_id = f.doc_id AND b.block = f.block WHERE f.doc_id = "+load.Quote(id)+" AND f.seq = "+strconv.Itoa(seq))
}

// FindingFilter chooses findings ("" or 0 for all).
type FindingFilter struct {
	Severity, Rule, Department, Document string
	Year                                 int
}

// Findings are the findings f chooses, errors first: doc_id, seq,
// severity, rule, department (key), name, year, kind, file, page,
// message, facts (the seqs of the facts it rests on, space-separated).
func Findings(ctx context.Context, q Querier, f FindingFilter) (*load.Result, error) {
	w := []string{"1"}
	if f.Severity != "" {
		w = append(w, "fi.severity = "+load.Quote(f.Severity))
	}
	if f.Rule != "" {
		w = append(w, "fi.rule = "+load.Quote(f.Rule))
	}
	if f.Department != "" {
		w = append(w, deptIs("d", f.Department))
	}
	if f.Document != "" {
		w = append(w, "fi.doc_id = "+load.Quote(f.Document))
	}
	if f.Year != 0 {
		w = append(w, "d.year = "+strconv.Itoa(f.Year))
	}
	return q.Query(ctx, "SELECT fi.doc_id AS doc_id, fi.seq AS seq, fi.severity AS severity, fi.rule AS rule, "+deptKey("d")+" AS department, "+
		deptLabel("d")+" AS name, d.year AS year, d.kind AS kind, d.file AS file, fi.page AS page, fi.message AS message, "+
		"arrayStringConcat(arrayMap(x -> toString(x), fi.facts), ' ') AS facts FROM "+load.Database+".v_findings AS fi INNER JOIN "+load.Database+
		".v_documents AS d ON fi.doc_id = d.id WHERE "+strings.Join(w, " AND ")+
		" ORDER BY multiIf(severity = 'error', 1, severity = 'warning', 2, 3), name, year, kind, file, page, rule, fi.seq")
}

// FindingFacets counts findings by severity, rule and year.
func FindingFacets(ctx context.Context, q Querier) (map[string][]Facet, error) {
	out := map[string][]Facet{}
	for _, name := range []string{"severity", "rule", "year"} {
		col := "fi." + name
		if name == "year" {
			col = "toString(d.year)"
		}
		res, err := q.Query(ctx, "SELECT "+col+" AS value, count() AS n FROM "+load.Database+".v_findings AS fi INNER JOIN "+load.Database+
			".v_documents AS d ON fi.doc_id = d.id GROUP BY value ORDER BY value")
		if err != nil {
			return nil, err
		}
		if out[name], err = facetsOf(res); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// MetricName is a metric key's Chinese name, from the lexicon the store's
// metrics table is written from; "" for a key it does not know.
func MetricName(key string) string { return normalize.Metrics()[key].Zh }

// Comparison asks for one metric (or, for gpb.class and gpb.item, one
// function code) across departments in a year, or of one department
// over the years.
type Comparison struct {
	Metric, Measure, Code, Kind string
	Year                        int    // across departments: the year; 0 for the latest the metric is read in
	Department                  string // over the years: the department's key
}

// Compare ranks the departments by the comparison's figure, highest
// first, or gives one department's over the years: department (key),
// name, year, kind, value (the largest where its documents state one
// twice; named figure, not value, which an 18.16 server would take for
// the column inside argMax), and the document (doc) and fact (seq) it
// came from.
func Compare(ctx context.Context, q Querier, c Comparison) (*load.Result, error) {
	if c.Measure == "" {
		c.Measure = "amount"
	}
	w := []string{"f.metric = " + load.Quote(c.Metric), "f.measure = " + load.Quote(c.Measure)}
	if c.Code != "" {
		w = append(w, "f.code = "+load.Quote(c.Code))
	} else {
		w = append(w, "f.subject = ''")
	}
	if c.Kind != "" {
		w = append(w, "f.kind = "+load.Quote(c.Kind))
	}
	order := "figure DESC, name, year, kind"
	if c.Department != "" {
		w = append(w, deptIs("f", c.Department))
		order = "year, kind"
	} else if c.Year != 0 {
		w = append(w, "f.year = "+strconv.Itoa(c.Year))
	}
	return q.Query(ctx, "SELECT "+deptKey("f")+" AS department, any("+deptLabel("f")+") AS name, f.year AS year, f.kind AS kind, max(f.value) AS figure, "+
		"any(f.unit) AS unit, argMax(f.doc_id, f.value) AS doc, argMax(f.seq, f.value) AS seq FROM "+load.Database+".v_facts AS f WHERE "+strings.Join(w, " AND ")+
		" GROUP BY department, year, kind ORDER BY "+order)
}

// Metrics lists the metric keys and names the store's facts use, for a
// comparison to choose from.
func Metrics(ctx context.Context, q Querier) (*load.Result, error) {
	return q.Query(ctx, "SELECT m.key AS key, m.name AS name FROM "+metricNames+" AS m WHERE m.key IN (SELECT DISTINCT metric FROM "+
		load.Database+".v_facts) ORDER BY key")
}

// Years lists the years of the documents read, latest first.
func Years(ctx context.Context, q Querier) ([]int, error) {
	res, err := q.Query(ctx, "SELECT DISTINCT d.year AS year FROM "+load.Database+".v_documents AS d WHERE d.status = 'ok' AND d.year > 0 ORDER BY year DESC")
	if err != nil {
		return nil, err
	}
	rows, err := RowsOf(res, "year")
	if err != nil {
		return nil, err
	}
	var out []int
	for _, r := range rows {
		y, err := r.Int("year")
		if err != nil {
			return nil, err
		}
		out = append(out, y)
	}
	return out, nil
}

// facetsOf reads a facet query's rows: each value and its count (n).
func facetsOf(res *load.Result) ([]Facet, error) {
	rows, err := RowsOf(res, "value", "n")
	if err != nil {
		return nil, err
	}
	var out []Facet
	for _, r := range rows {
		n, err := r.Int("n")
		if err != nil {
			return nil, err
		}
		out = append(out, Facet{r.S("value"), n})
	}
	return out, nil
}
