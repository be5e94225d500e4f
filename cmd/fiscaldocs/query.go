package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/internal/cli"
	"github.com/fiscaldocs/fiscaldocs/load"
	"github.com/fiscaldocs/fiscaldocs/normalize"
)

func runQuery(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := cli.NewFlagSet("query")
	sf := addStoreFlags(fs)
	format := cli.Choice(fs, "format", "table", cli.Formats, "how the rows are written: a table aligned for the terminal, CSV, TSV, a JSON array or JSON lines")
	bom := fs.Bool("bom", false, "start csv or tsv output with a UTF-8 byte-order mark, so that Excel reads the Chinese right")
	file := fs.String("file", "", "read the SQL from `FILE` (- for standard input)")
	args, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	if *bom && *format != "csv" && *format != "tsv" {
		return &cli.UsageError{Msg: "--bom is for --format csv or tsv"}
	}
	sql, err := readSQL(args, *file, os.Stdin)
	if err != nil {
		return err
	}
	store, err := sf.openExisting(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	res, err := store.Query(ctx, sql)
	if err != nil {
		return explainQuery(sql, err)
	}
	return cli.WriteResult(stdout, res, *format, *bom)
}

// maxSQL caps the SQL read from a file or standard input.
const maxSQL = 16 << 20

// readSQL gives the query: the arguments joined by spaces, or the text of
// file, or of stdin for "-" (as the one argument or as file).
func readSQL(args []string, file string, stdin io.Reader) (string, error) {
	switch {
	case file != "" && len(args) > 0:
		return "", &cli.UsageError{Msg: "give the SQL as arguments or with --file, not both"}
	case file == "" && len(args) == 1 && args[0] == "-":
		file = "-"
	case file == "" && len(args) == 0:
		return "", &cli.UsageError{Msg: "no SQL given"}
	case file == "":
		return strings.Join(args, " "), nil
	}
	var r io.Reader = stdin
	name := "standard input"
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return "", err
		}
		defer f.Close()
		r, name = f, file
	}
	data, err := io.ReadAll(io.LimitReader(r, maxSQL+1))
	switch {
	case err != nil:
		return "", fmt.Errorf("read SQL from %s: %w", name, err)
	case len(data) > maxSQL:
		return "", fmt.Errorf("SQL from %s is over %d MiB", name, maxSQL>>20)
	case strings.TrimSpace(string(data)) == "":
		return "", fmt.Errorf("no SQL in %s", name)
	}
	return strings.TrimPrefix(string(data), "\uFEFF"), nil
}

// queryHints say what to try when the store does not know a name, by
// ClickHouse's error code (the server's errors do not name it).
var queryHints = map[int]string{
	60: "The views to read are fiscaldocs.v_documents, v_facts, v_findings and v_blocks; 'fiscaldocs schema' lists them all.", // UNKNOWN_TABLE
	81: "The views to read are fiscaldocs.v_documents, v_facts, v_findings and v_blocks; 'fiscaldocs schema' lists them all.", // UNKNOWN_DATABASE
	47: `"fiscaldocs schema v_facts" lists a view's columns; docs/schema.md says what each holds.`,                            // UNKNOWN_IDENTIFIER
}

// explainQuery tells the store's refusal of the user's query in its terms,
// with a hint where one helps.
func explainQuery(sql string, err error) error {
	err = cli.ExplainQuery(sql, err)
	if qe, ok := err.(*cli.QueryError); ok {
		qe.Hint = queryHints[qe.Code]
	}
	return err
}

// headline metrics are the columns of summary.csv, one row per document.
var headline = []struct{ metric, measure string }{
	{"total", "amount"}, {"income.total", "amount"}, {"expenditure.total", "amount"},
	{"expenditure.basic", "amount"}, {"expenditure.project", "amount"}, {"fiscal.total", "amount"},
	{"gpb.expenditure", "amount"}, {"gpb.basic", "amount"}, {"gpb.basic.personnel", "amount"}, {"gpb.basic.public", "amount"},
	{"three_public.total", "amount"}, {"three_public.overseas", "amount"}, {"three_public.vehicle", "amount"},
	{"three_public.reception", "amount"}, {"operating_expense", "amount"}, {"procurement.total", "amount"},
}

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := cli.NewFlagSet("export")
	sf := addStoreFlags(fs)
	out := fs.String("out", "", "the folder `DIR` to write documents.csv, facts.csv, findings.csv and summary.csv into")
	args, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	if *out == "" || len(args) > 0 {
		return errUsage
	}
	store, err := sf.openExisting(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	db := load.Database
	tables := []struct{ file, sql string }{
		{"documents.csv", "SELECT id, file, format, pages, department_id, department_name, department, region, level, year, kind, scope, extractor, status, error, source_url, facts, findings, ingested_at FROM " +
			db + ".v_documents ORDER BY department_name, department_id, year, id"},
		{"facts.csv", "SELECT doc_id, seq, department_id, department_name, year, kind, metric, measure, subject, code, value, unit, raw, method, reason, page, block, row, col FROM " +
			db + ".v_facts ORDER BY department_name, department_id, year, doc_id, seq"},
		{"findings.csv", "SELECT doc_id, seq, rule, severity, message, expected, actual, page FROM " + db + ".v_findings ORDER BY doc_id, seq"},
	}
	for _, t := range tables {
		res, err := store.Query(ctx, t.sql)
		if err != nil {
			return err
		}
		if err := writeCSV(filepath.Join(*out, t.file), res.Columns, res.Rows); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: %d rows\n", filepath.Join(*out, t.file), len(res.Rows))
	}
	return exportSummary(ctx, store, filepath.Join(*out, "summary.csv"), stdout)
}

// exportSummary writes one row per document and one column per headline
// metric, in yuan; a department's documents are together, under its
// department_id and normalized name, beside the name each prints.
func exportSummary(ctx context.Context, store load.Store, path string, stdout io.Writer) error {
	db := load.Database
	docs, err := store.Query(ctx, "SELECT id, department_id, department_name, department, year, kind, scope, file FROM "+db+
		".v_documents WHERE status = 'ok' ORDER BY department_name, department_id, year, id")
	if err != nil {
		return err
	}
	facts, err := store.Query(ctx, "SELECT doc_id, metric, measure, value FROM "+db+".v_facts WHERE subject = ''")
	if err != nil {
		return err
	}
	values := map[string]map[string]string{}
	for _, r := range facts.Rows {
		if values[r[0]] == nil {
			values[r[0]] = map[string]string{}
		}
		values[r[0]][r[1]+"/"+r[2]] = r[3]
	}
	cols := []string{"id", "department_id", "department_name", "department", "year", "kind", "scope", "file"}
	for _, h := range headline {
		name := h.metric
		if zh := normalize.Metrics()[h.metric].Zh; zh != "" {
			name += " " + zh
		}
		cols = append(cols, name)
	}
	var rows [][]string
	for _, d := range docs.Rows {
		row := append([]string(nil), d...)
		for _, h := range headline {
			row = append(row, values[d[0]][h.metric+"/"+h.measure])
		}
		rows = append(rows, row)
	}
	if err := writeCSV(path, cols, rows); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d rows\n", path, len(rows))
	return nil
}

// writeCSV writes UTF-8 with a byte-order mark, so that Excel shows the
// Chinese right.
func writeCSV(path string, cols []string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	f.WriteString("\uFEFF")
	cw := csv.NewWriter(f)
	cw.Write(cols)
	cw.WriteAll(rows)
	if err := cw.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := cli.NewFlagSet("search")
	sf := addStoreFlags(fs)
	limit := fs.Int("limit", 50, "at most `N` passages")
	args, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(args) == 0 {
		return errUsage
	}
	seg, err := normalize.NewSegmenter()
	if err != nil {
		return err
	}
	// The words are cut as the blocks were, so a word matches the tokens it
	// would have become in a block.
	var tokens []string
	for _, w := range args {
		tokens = append(tokens, seg.Tokens(w)...)
	}
	if len(tokens) == 0 {
		return errUsage
	}
	quoted := make([]string, len(tokens))
	for i, t := range tokens {
		quoted[i] = "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(t) + "'"
	}
	store, err := sf.openExisting(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	db := load.Database
	blocks, err := store.Query(ctx, fmt.Sprintf("SELECT doc_id, page, text FROM %s.v_blocks WHERE hasAll(tokens, [%s]) ORDER BY doc_id, seq LIMIT %d",
		db, strings.Join(quoted, ","), *limit))
	if err != nil {
		return err
	}
	docs, err := store.Query(ctx, "SELECT id, department, year, file FROM "+db+".v_documents")
	if err != nil {
		return err
	}
	byID := map[string][]string{}
	for _, d := range docs.Rows {
		byID[d[0]] = d
	}
	var rows [][]string
	for _, b := range blocks.Rows {
		d := byID[b[0]]
		if d == nil {
			continue
		}
		rows = append(rows, []string{d[1], d[2], d[3], b[1], b[2]})
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i][0] < rows[j][0] })
	for _, r := range rows {
		fmt.Fprintf(stdout, "%s %s年 %s p.%s\n  %s\n", orDash(r[0]), r[1], r[2], r[3], r[4])
	}
	if len(rows) == 0 {
		fmt.Fprintln(stderr, "no block holds all of", strings.Join(tokens, " "))
	}
	return nil
}
