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
	facts.Columns[13] = "value (in unit: yuan 元, percent or count)"
	findings, err := exportFindings(ctx, store, f, facts)
	if err != nil {
		return err
	}
	summary := exportSummary(docs, facts)
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
	text := map[string]string{}
	for _, r := range facts.Rows {
		text[r[0]+"/"+r[1]] = r[16] // doc_id/seq → text
	}
	last := len(res.Columns) - 1
	res.Columns[11] = "expected (in the facts' unit: yuan 元 or percent)"
	res.Columns[12] = "actual (in the facts' unit: yuan 元 or percent)"
	res.Columns[last] = "text (of the first fact it names)"
	for _, r := range res.Rows {
		r[last] = text[r[0]+"/"+r[last]]
	}
	return res, nil
}

// exportSummary is one row per document read (status ok) and one column
// per headline metric, in yuan; a figure the document does not state is
// empty, never 0.
func exportSummary(docs, facts *load.Result) *load.Result {
	values := map[string]string{}
	for _, r := range facts.Rows {
		// doc_id, …, metric 9, measure 10, subject 11, …, value 13
		if r[10] == "amount" && r[11] == "" {
			values[r[0]+"/"+r[9]] = r[13]
		}
	}
	res := &load.Result{Columns: []string{"id", "department_id", "department_name", "department", "year", "kind", "scope", "file"}}
	for _, m := range headline {
		res.Columns = append(res.Columns, strings.TrimSpace(m+" "+normalize.Metrics()[m].Zh)+" (元)")
	}
	for _, d := range docs.Rows {
		if d[13] != "ok" {
			continue
		}
		row := []string{d[0], d[4], d[5], d[6], d[9], d[10], d[11], d[1]}
		for _, m := range headline {
			row = append(row, values[d[0]+"/"+m])
		}
		res.Rows = append(res.Rows, row)
	}
	return res
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
