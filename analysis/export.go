package analysis

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/load"
	"github.com/fiscaldocs/fiscaldocs/normalize"
)

// The exports: documents.csv, facts.csv, findings.csv and summary.csv,
// UTF-8 with a byte-order mark so that Excel reads the Chinese right. Every
// fact and finding row carries its document's department_id, department,
// year, kind and file, and the text it was read from; a column of money
// says its unit in its header.

// headline metrics are the columns of summary.csv, one row per document.
var headline = []string{
	"total", "income.total", "expenditure.total", "expenditure.basic", "expenditure.project", "fiscal.total",
	"gpb.expenditure", "gpb.basic", "gpb.basic.personnel", "gpb.basic.public",
	"three_public.total", "three_public.overseas", "three_public.vehicle", "three_public.reception",
	"operating_expense", "procurement.total",
}

// Export writes the four files into dir, and a line for each to w.
func Export(ctx context.Context, store load.Store, f Filter, dir string, w io.Writer) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	db := load.Database
	docs, err := store.Query(ctx, "SELECT d.id AS id, d.file AS file, d.format AS format, d.pages AS pages, d.department_id AS department_id, "+
		"d.department_name AS department_name, d.department AS department, d.region AS region, d.level AS level, d.year AS year, d.kind AS kind, "+
		"d.scope AS scope, d.extractor AS extractor, d.status AS status, d.error AS error, d.source_url AS source_url, d.facts AS facts, "+
		"d.findings AS findings, d.ingested_at AS ingested_at FROM "+db+".v_documents AS d WHERE "+f.Where("d")+
		" ORDER BY department_name, department_id, year, file, id")
	if err != nil {
		return err
	}
	facts, err := store.Query(ctx, "SELECT f.doc_id AS doc_id, f.seq AS seq, f.department_id AS department_id, f.department_name AS department_name, "+
		"f.department AS department, f.year AS year, f.kind AS kind, f.scope AS scope, f.file AS file, f.metric AS metric, f.measure AS measure, "+
		"f.subject AS subject, f.code AS code, f.value AS value, f.unit AS unit, f.raw AS raw, f.text AS text, f.method AS method, f.basis AS basis, "+
		"f.reason AS reason, f.page AS page, f.block AS block, f.row AS row, f.col AS col FROM "+db+".v_facts AS f WHERE "+f.Where("f")+
		" ORDER BY department_name, department_id, year, file, doc_id, seq")
	if err != nil {
		return err
	}
	findings, err := exportFindings(ctx, store, f, facts)
	if err != nil {
		return err
	}
	summary, err := exportSummary(docs, facts)
	if err != nil {
		return err
	}
	rename(facts, "value", "value (in unit: yuan 元, percent or count)")
	for _, t := range []struct {
		file string
		res  *load.Result
	}{{"documents.csv", docs}, {"facts.csv", facts}, {"findings.csv", findings}, {"summary.csv", summary}} {
		path := filepath.Join(dir, t.file)
		if err := WriteCSV(path, t.res); err != nil {
			return err
		}
		fmt.Fprintf(w, "%s: %d rows\n", path, len(t.res.Rows))
	}
	return nil
}

// exportFindings reads the findings of the documents f reads, with their
// documents' department, year, kind and file, and the text of the first
// fact each names (facts holds them, read with the same filter).
func exportFindings(ctx context.Context, store load.Store, f Filter, facts *load.Result) (*load.Result, error) {
	db := load.Database
	res, err := store.Query(ctx, "SELECT fi.doc_id AS doc_id, fi.seq AS seq, d.department_id AS department_id, d.department_name AS department_name, "+
		"d.department AS department, d.year AS year, d.kind AS kind, d.file AS file, fi.rule AS rule, fi.severity AS severity, fi.message AS message, "+
		"fi.expected AS expected, fi.actual AS actual, fi.page AS page, if(length(fi.facts) = 0, -1, toInt64(fi.facts[1])) AS first_fact FROM "+
		db+".v_findings AS fi INNER JOIN "+db+".v_documents AS d ON fi.doc_id = d.id WHERE "+f.Where("d")+
		" ORDER BY department_name, department_id, year, file, doc_id, seq")
	if err != nil {
		return nil, err
	}
	factRows, err := RowsOf(facts, "doc_id", "seq", "text")
	if err != nil {
		return nil, err
	}
	text := map[string]string{}
	for _, r := range factRows {
		text[r.S("doc_id")+"/"+r.S("seq")] = r.S("text")
	}
	rows, err := RowsOf(res, "doc_id", "first_fact")
	if err != nil {
		return nil, err
	}
	first := len(res.Columns) - 1 // first_fact, the last: it becomes the fact's text
	for i, r := range rows {
		res.Rows[i][first] = text[r.S("doc_id")+"/"+r.S("first_fact")]
	}
	rename(res, "expected", "expected (in the facts' unit: yuan 元 or percent)")
	rename(res, "actual", "actual (in the facts' unit: yuan 元 or percent)")
	rename(res, "first_fact", "text (of the first fact it names)")
	return res, nil
}

// rename renames a result's column.
func rename(res *load.Result, from, to string) {
	for i, c := range res.Columns {
		if c == from {
			res.Columns[i] = to
		}
	}
}

// exportSummary is one row per document read (status ok) and one column
// per headline metric, in yuan; a figure the document does not state is
// empty, never 0.
func exportSummary(docs, facts *load.Result) (*load.Result, error) {
	factRows, err := RowsOf(facts, "doc_id", "metric", "measure", "subject", "value")
	if err != nil {
		return nil, err
	}
	docRows, err := RowsOf(docs, "id", "department_id", "department_name", "department", "year", "kind", "scope", "file", "status")
	if err != nil {
		return nil, err
	}
	values := map[string]string{}
	for _, r := range factRows {
		if r.S("measure") == "amount" && r.S("subject") == "" {
			values[r.S("doc_id")+"/"+r.S("metric")] = r.S("value")
		}
	}
	res := &load.Result{Columns: []string{"id", "department_id", "department_name", "department", "year", "kind", "scope", "file"}}
	for _, m := range headline {
		res.Columns = append(res.Columns, strings.TrimSpace(m+" "+normalize.Metrics()[m].Zh)+" (元)")
	}
	for _, d := range docRows {
		if d.S("status") != "ok" {
			continue
		}
		var row []string
		for _, c := range res.Columns[:8] {
			row = append(row, d.S(c))
		}
		for _, m := range headline {
			row = append(row, values[d.S("id")+"/"+m])
		}
		res.Rows = append(res.Rows, row)
	}
	return res, nil
}

// WriteCSV writes a result to path as CSV in UTF-8 with a byte-order mark,
// so that Excel shows the Chinese right.
func WriteCSV(path string, res *load.Result) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	f.WriteString("\uFEFF")
	cw := csv.NewWriter(f)
	cw.Write(res.Columns)
	cw.WriteAll(res.Rows)
	if err := cw.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
