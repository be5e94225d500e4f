// Package load is the last stage of the pipeline: it turns one document's
// identity, department (package department), blocks, facts and findings
// into rows of the store's tables (schema.sql: documents, facts, findings,
// blocks), with every value checked and rounded to its column before
// anything is written, so that a bad value is a document error rather than
// a poisoned batch. Every store also holds the dictionaries — metrics,
// measures and functions — from normalize's lexicon and catalogue.
//
// Rows is a pure function, safe to call concurrently. A Store writes the
// rows, idempotently by document hash and version, to embedded ClickHouse
// (chDB, OpenChDB), to a ClickHouse server over the native protocol
// (OpenServer) or to a cluster of them, sharded by document
// (OpenCluster), with one DDL and one SQL subset for all, and answers the
// query, export and search commands read-only, the engine refusing any
// write (Store.Query); Store.QueryWrite is the one way for a user's SQL to
// write. Shared holds the embedded store for a long-running reader (the
// web app), letting go of it when a writer asks; Limits bound the queries
// of someone else's SQL. This is the only package that imports a
// ClickHouse client.
package load

import (
	"context"
	_ "embed"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/fiscaldocs/fiscaldocs/corpus"
	"github.com/fiscaldocs/fiscaldocs/department"
	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/fiscaldocs/fiscaldocs/validate"
	"github.com/shopspring/decimal"
)

//go:embed schema.sql
var schemaSQL string

// Schema returns the DDL statements for database db, one per element.
// Views hold no data and are dropped and created anew, so that a store made
// by an older fiscaldocs gets the current definitions.
func Schema(db string) []string {
	var out []string
	for _, s := range schemaStatements(db) {
		if strings.HasPrefix(s, "CREATE VIEW IF NOT EXISTS ") {
			name := strings.Fields(strings.TrimPrefix(s, "CREATE VIEW IF NOT EXISTS "))[0]
			out = append(out, "DROP TABLE IF EXISTS "+name)
		}
		out = append(out, s)
	}
	return out
}

// Migrations returns the ALTER statements that give an older store's
// tables the columns schema.sql has since gained, given the columns each
// table has now (table → column names). ClickHouse 18.16 has no ADD COLUMN
// IF NOT EXISTS, so the store asks system.columns first.
func Migrations(db string, have map[string][]string) []string {
	qualified := make(map[string][]string, len(have))
	for t, cols := range have {
		qualified[db+"."+t] = cols
	}
	return migrations(schemaStatements(db), qualified)
}

// migrations is Migrations for the CREATE TABLE statements of schema,
// given the columns of each table as "db.table".
func migrations(schema []string, have map[string][]string) []string {
	var out []string
	for _, s := range schema {
		name, defs := tableDefs(s)
		cols, ok := have[name]
		if name == "" || !ok {
			continue // a view, or a table created just now, whole
		}
		exists := map[string]bool{}
		for _, c := range cols {
			exists[c] = true
		}
		for _, def := range defs {
			if f := strings.Fields(def); !exists[f[0]] {
				out = append(out, fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s", name, def))
			}
		}
	}
	return out
}

// tableDefs returns the name and column definitions ("value Decimal(38,
// 4)") of a CREATE TABLE statement, or "" for another statement.
func tableDefs(stmt string) (name string, defs []string) {
	rest, ok := strings.CutPrefix(stmt, "CREATE TABLE IF NOT EXISTS ")
	if !ok {
		return "", nil
	}
	// The column list ends at the ")" that opens a line: the last one of
	// the statement closes ORDER BY.
	open, end := strings.Index(rest, "("), strings.Index(rest, "\n)")
	if open < 0 || end < open {
		return "", nil
	}
	for _, def := range strings.Split(rest[open+1:end], ",\n") {
		if def = strings.TrimSpace(def); len(strings.Fields(def)) >= 2 {
			defs = append(defs, def)
		}
	}
	return strings.Fields(rest)[0], defs
}

// Table is a table or view of the store, as schema.sql makes it.
type Table struct {
	Name    string
	Of      string      // for a view, the table whose current rows it shows
	Columns [][2]string // name and type; a view's are its table's
}

// Tables returns the store's tables and views, in schema.sql's order.
func Tables() []Table {
	var out []Table
	byName := map[string]int{} // index in out
	for _, s := range schemaStatements(Database) {
		if name, defs := tableDefs(s); name != "" {
			t := Table{Name: strings.TrimPrefix(name, Database+".")}
			for _, d := range defs {
				n, typ, _ := strings.Cut(d, " ")
				t.Columns = append(t.Columns, [2]string{n, typ})
			}
			byName[t.Name] = len(out)
			out = append(out, t)
			continue
		}
		view, ok := strings.CutPrefix(s, "CREATE VIEW IF NOT EXISTS "+Database+".")
		if !ok {
			continue
		}
		name := strings.Fields(view)[0]
		_, from, _ := strings.Cut(view, "FROM "+Database+".")
		of := strings.Fields(from)[0]
		out = append(out, Table{Name: name, Of: of})
	}
	for i := range out {
		if out[i].Of != "" {
			out[i].Columns = out[byName[out[i].Of]].Columns
		}
	}
	return out
}

// columnsSQL lists the store's tables' columns, for Migrations: those of
// its database and of a cluster node's LocalDatabase.
var columnsSQL = fmt.Sprintf("SELECT database, table, name FROM system.columns WHERE database IN (%s, %s)", Quote(Database), Quote(LocalDatabase))

// setUp creates the store's database, tables and views, and adds the
// columns an older store's tables lack; the views, which take their
// columns when made, are made again over the widened tables.
func setUp(ctx context.Context, query func(context.Context, string) (*Result, error), exec func(context.Context, string) error, schema []string) error {
	stmts := append([]string{"CREATE DATABASE IF NOT EXISTS " + Database}, schema...)
	for _, stmt := range stmts {
		if err := exec(ctx, stmt); err != nil {
			return err
		}
	}
	res, err := query(ctx, columnsSQL)
	if err != nil {
		return err
	}
	have := map[string][]string{}
	for _, r := range res.Rows {
		if len(r) == 3 {
			have[r[0]+"."+r[1]] = append(have[r[0]+"."+r[1]], r[2])
		}
	}
	alters := migrations(schema, have)
	for _, stmt := range alters {
		if err := exec(ctx, stmt); err != nil {
			return err
		}
	}
	if len(alters) == 0 {
		return nil
	}
	for _, stmt := range stmts {
		if strings.HasPrefix(stmt, "DROP TABLE IF EXISTS ") || strings.HasPrefix(stmt, "CREATE VIEW ") {
			if err := exec(ctx, stmt); err != nil {
				return err
			}
		}
	}
	return nil
}

func schemaStatements(db string) []string {
	var lines []string
	for _, l := range strings.Split(schemaSQL, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			lines = append(lines, l)
		}
	}
	var out []string
	for _, stmt := range strings.Split(strings.Join(lines, "\n"), ";") {
		if s := strings.TrimSpace(stmt); s != "" {
			out = append(out, strings.ReplaceAll(s, "{db}", db))
		}
	}
	return out
}

// Scale is the number of decimals of the store's Decimal columns. The
// ClickHouse driver truncates extra decimals, so values are rounded here.
const Scale = 4

// DocumentRow is a row of documents.
type DocumentRow struct {
	ID, File, Format                           string
	Pages                                      uint32
	Department, Region                         string // as printed; the department's region
	Year                                       uint16
	Kind, Scope, Extractor, Status, Error, URL string
	Facts, Findings                            uint32
	Version                                    uint64
	IngestedAt                                 time.Time
	DepartmentID, DepartmentName, Level        string   // department.Department's ID, Name and Level
	Problems                                   []string // what went wrong in the reading without stopping it (extract.Document.Problems), one line each
}

// FactRow is a row of facts.
type FactRow struct {
	DocID                          string
	Seq                            uint32
	Metric, Measure, Subject, Code string
	Value                          decimal.Decimal
	Unit, Raw, Method, Basis       string
	Reason                         string
	Page, Block, Row, Col          uint32
	X0, Y0, X1, Y1                 decimal.Decimal // the figure's box on its page, in points to 0.01 (normalize.Where); 0 when not known
	Text                           string
	Version                        uint64
	// The document's, on every fact, so that a comparison needs no JOIN.
	DepartmentID, Department, DepartmentName, Region string
	Year                                             uint16
	Kind, Scope, File                                string
}

// FindingRow is a row of findings.
type FindingRow struct {
	DocID                   string
	Seq                     uint32
	Rule, Severity, Message string
	Expected                *decimal.Decimal
	Actual                  decimal.Decimal
	Facts                   []uint32
	Page                    uint32
	Version                 uint64
}

// BlockRow is a row of blocks, with the block's search tokens.
type BlockRow struct {
	DocID   string
	Seq     uint32
	Page    uint32
	Kind    string
	Level   uint8
	Text    string
	Tokens  []string
	Version uint64
}

// Batch is everything one document puts in the store.
type Batch struct {
	Document DocumentRow
	Facts    []FactRow
	Findings []FindingRow
	Blocks   []BlockRow
}

// Input is one processed document.
type Input struct {
	Doc       corpus.Doc
	Extractor string // "fiscaldocs/0.1.0"
	SourceURL string
	Blocks    *extract.Document
	Result    *normalize.Result
	// Department is whose document it is (department.Aliases.Resolve of
	// Result.Identity).
	Department department.Department
	Report     *validate.Report
	Tokens     [][]string // normalize.BlockTokens, indexed like Blocks.Blocks
	Version    uint64     // orders extractions of the same document; newer wins
	Now        time.Time
}

// maxDecimal is the largest magnitude Decimal(38, 4) holds.
var maxDecimal = decimal.New(1, 34)

func column(v decimal.Decimal, what string) (decimal.Decimal, error) {
	r := v.Round(Scale)
	if r.Abs().GreaterThanOrEqual(maxDecimal) {
		return r, fmt.Errorf("load: %s %s does not fit Decimal(38, %d)", what, v, Scale)
	}
	if !r.Equal(v) {
		return r, fmt.Errorf("load: %s %s has more than %d decimals", what, v, Scale)
	}
	return r, nil
}

// Rows maps a processed document to rows. It fails, writing nothing, if a
// value does not fit its column: the store must never hold a silently
// altered number.
func Rows(in Input) (*Batch, error) {
	id, dept := in.Result.Identity, in.Department
	b := &Batch{Document: DocumentRow{
		ID: in.Doc.SHA256, File: in.Doc.Path, Format: in.Blocks.Format, Pages: uint32(in.Blocks.Pages),
		Department: id.Department, Region: dept.Region, Year: uint16(id.Year), Kind: id.Kind, Scope: dept.Scope,
		Extractor: in.Extractor, Status: "ok", URL: in.SourceURL,
		Facts: uint32(len(in.Result.Facts)), Version: in.Version, IngestedAt: in.Now.UTC().Truncate(time.Second),
		DepartmentID: dept.ID, DepartmentName: dept.Name, Level: dept.Level, Problems: problemLines(in.Blocks),
	}}
	d := b.Document
	for i, f := range in.Result.Facts {
		v, err := column(f.Value, fmt.Sprintf("fact %d (%s %s)", i, f.Metric, f.Measure))
		if err != nil {
			return nil, err
		}
		page, box := normalize.Where(in.Blocks, &f)
		b.Facts = append(b.Facts, FactRow{DocID: in.Doc.SHA256, Seq: uint32(i), Metric: f.Metric, Measure: f.Measure,
			Subject: f.Subject, Code: f.Code, Value: v, Unit: f.Unit, Raw: f.Raw, Method: f.MethodName(), Basis: f.Basis, Reason: f.Reason,
			Page: uint32(page), Block: uint32(f.Pos.Block), Row: uint32(f.Pos.Row), Col: uint32(f.Pos.Col),
			X0: points(box.X0), Y0: points(box.Y0), X1: points(box.X1), Y1: points(box.Y1), Text: f.Text, Version: in.Version,
			DepartmentID: d.DepartmentID, Department: d.Department, DepartmentName: d.DepartmentName, Region: d.Region,
			Year: d.Year, Kind: d.Kind, Scope: d.Scope, File: d.File})
	}
	if in.Report != nil {
		for i, f := range in.Report.Findings {
			row, err := findingRow(in, i, f)
			if err != nil {
				return nil, err
			}
			b.Findings = append(b.Findings, row)
		}
		b.Document.Findings = uint32(len(b.Findings))
	}
	for i, blk := range in.Blocks.Blocks {
		row := BlockRow{DocID: in.Doc.SHA256, Seq: uint32(i), Page: uint32(blk.Pos.Page), Kind: blk.Kind.String(),
			Level: uint8(blk.Level), Text: blk.Text, Version: in.Version}
		if i < len(in.Tokens) {
			row.Tokens = in.Tokens[i]
		}
		b.Blocks = append(b.Blocks, row)
	}
	return b, nil
}

func findingRow(in Input, i int, f validate.Finding) (FindingRow, error) {
	what := fmt.Sprintf("finding %d (%s)", i, f.Rule)
	actual, err := column(f.Actual.Round(Scale), what)
	if err != nil {
		return FindingRow{}, err
	}
	row := FindingRow{DocID: in.Doc.SHA256, Seq: uint32(i), Rule: f.Rule, Severity: string(f.Severity),
		Message: f.Message, Actual: actual, Version: in.Version}
	if f.Expected.Valid {
		e, err := column(f.Expected.Decimal.Round(Scale), what)
		if err != nil {
			return FindingRow{}, err
		}
		row.Expected = &e
	}
	for _, fi := range f.Facts {
		if fi < 0 || fi >= len(in.Result.Facts) {
			return FindingRow{}, fmt.Errorf("load: %s refers to fact %d of %d", what, fi, len(in.Result.Facts))
		}
		row.Facts = append(row.Facts, uint32(fi))
		if row.Page == 0 {
			row.Page = uint32(in.Result.Facts[fi].Pos.Page)
		}
	}
	if row.Page == 0 {
		row.Page = messagePage(f.Message, in.Blocks)
	}
	return row, nil
}

// posInMessage finds a position as extract.Pos prints it ("page 3 block
// 12 row 4") in a finding's message: rules that compare a table's cells
// (sum.table, sum.row, class.vs_summary) name them there rather than
// through a fact.
var posInMessage = regexp.MustCompile(`\b(page|block) (\d+)\b`)

// messagePage is the page of the first position a finding's message names:
// its page, or the page of its block; 0 when it names none, or the format
// has no pages.
func messagePage(msg string, doc *extract.Document) uint32 {
	for _, m := range posInMessage.FindAllStringSubmatch(msg, -1) {
		n, err := strconv.Atoi(m[2])
		switch {
		case err != nil || n <= 0:
		case m[1] == "page":
			return uint32(n)
		case doc != nil && n <= len(doc.Blocks) && doc.Blocks[n-1].Pos.Page > 0:
			return uint32(doc.Blocks[n-1].Pos.Page)
		}
	}
	return 0
}

// points is a coordinate for a Decimal(9, 2) column: to a hundredth of a
// point, and 0 for what no page could hold.
func points(x float64) decimal.Decimal {
	if x < 0 || x > 1e6 || x != x {
		return decimal.Zero
	}
	return decimal.NewFromFloat(x).Round(2)
}

// problemLines are the document's reading problems, a line each.
func problemLines(d *extract.Document) []string {
	out := []string{}
	for _, e := range d.Problems {
		out = append(out, strings.Join(strings.Fields(e.Error()), " "))
	}
	return out
}
