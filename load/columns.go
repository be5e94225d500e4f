package load

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// field is one column of a table: its name, and how to read it from a
// slice of the table's rows as a typed slice ([]string, []uint32,
// []decimal.Decimal, …), the form the ClickHouse driver appends fastest.
type field[R any] struct {
	name   string
	values func(rows []R) any
}

func col[R, T any](name string, get func(*R) T) field[R] {
	return field[R]{name, func(rows []R) any {
		out := make([]T, len(rows))
		for i := range rows {
			out[i] = get(&rows[i])
		}
		return out
	}}
}

// The tables' columns, as schema.sql names them.
var (
	documentFields = []field[DocumentRow]{
		col("id", func(r *DocumentRow) string { return r.ID }),
		col("file", func(r *DocumentRow) string { return r.File }),
		col("format", func(r *DocumentRow) string { return r.Format }),
		col("pages", func(r *DocumentRow) uint32 { return r.Pages }),
		col("department", func(r *DocumentRow) string { return r.Department }),
		col("region", func(r *DocumentRow) string { return r.Region }),
		col("year", func(r *DocumentRow) uint16 { return r.Year }),
		col("kind", func(r *DocumentRow) string { return r.Kind }),
		col("scope", func(r *DocumentRow) string { return r.Scope }),
		col("extractor", func(r *DocumentRow) string { return r.Extractor }),
		col("status", func(r *DocumentRow) string { return r.Status }),
		col("error", func(r *DocumentRow) string { return r.Error }),
		col("source_url", func(r *DocumentRow) string { return r.URL }),
		col("facts", func(r *DocumentRow) uint32 { return r.Facts }),
		col("findings", func(r *DocumentRow) uint32 { return r.Findings }),
		col("version", func(r *DocumentRow) uint64 { return r.Version }),
		col("ingested_at", func(r *DocumentRow) time.Time { return r.IngestedAt }),
		col("department_id", func(r *DocumentRow) string { return r.DepartmentID }),
		col("department_name", func(r *DocumentRow) string { return r.DepartmentName }),
		col("level", func(r *DocumentRow) string { return r.Level }),
		col("problems", func(r *DocumentRow) []string { return r.Problems }),
	}
	factFields = []field[FactRow]{
		col("doc_id", func(r *FactRow) string { return r.DocID }),
		col("seq", func(r *FactRow) uint32 { return r.Seq }),
		col("metric", func(r *FactRow) string { return r.Metric }),
		col("measure", func(r *FactRow) string { return r.Measure }),
		col("subject", func(r *FactRow) string { return r.Subject }),
		col("code", func(r *FactRow) string { return r.Code }),
		col("value", func(r *FactRow) decimal.Decimal { return r.Value }),
		col("unit", func(r *FactRow) string { return r.Unit }),
		col("raw", func(r *FactRow) string { return r.Raw }),
		col("method", func(r *FactRow) string { return r.Method }),
		col("basis", func(r *FactRow) string { return r.Basis }),
		col("reason", func(r *FactRow) string { return r.Reason }),
		col("page", func(r *FactRow) uint32 { return r.Page }),
		col("block", func(r *FactRow) uint32 { return r.Block }),
		col("row", func(r *FactRow) uint32 { return r.Row }),
		col("col", func(r *FactRow) uint32 { return r.Col }),
		col("text", func(r *FactRow) string { return r.Text }),
		col("version", func(r *FactRow) uint64 { return r.Version }),
		col("department_id", func(r *FactRow) string { return r.DepartmentID }),
		col("department", func(r *FactRow) string { return r.Department }),
		col("department_name", func(r *FactRow) string { return r.DepartmentName }),
		col("region", func(r *FactRow) string { return r.Region }),
		col("year", func(r *FactRow) uint16 { return r.Year }),
		col("kind", func(r *FactRow) string { return r.Kind }),
		col("scope", func(r *FactRow) string { return r.Scope }),
		col("file", func(r *FactRow) string { return r.File }),
		col("x0", func(r *FactRow) decimal.Decimal { return r.X0 }),
		col("y0", func(r *FactRow) decimal.Decimal { return r.Y0 }),
		col("x1", func(r *FactRow) decimal.Decimal { return r.X1 }),
		col("y1", func(r *FactRow) decimal.Decimal { return r.Y1 }),
	}
	findingFields = []field[FindingRow]{
		col("doc_id", func(r *FindingRow) string { return r.DocID }),
		col("seq", func(r *FindingRow) uint32 { return r.Seq }),
		col("rule", func(r *FindingRow) string { return r.Rule }),
		col("severity", func(r *FindingRow) string { return r.Severity }),
		col("message", func(r *FindingRow) string { return r.Message }),
		col("expected", func(r *FindingRow) *decimal.Decimal { return r.Expected }),
		col("actual", func(r *FindingRow) decimal.Decimal { return r.Actual }),
		col("facts", func(r *FindingRow) []uint32 { return r.Facts }),
		col("page", func(r *FindingRow) uint32 { return r.Page }),
		col("version", func(r *FindingRow) uint64 { return r.Version }),
	}
	blockFields = []field[BlockRow]{
		col("doc_id", func(r *BlockRow) string { return r.DocID }),
		col("seq", func(r *BlockRow) uint32 { return r.Seq }),
		col("page", func(r *BlockRow) uint32 { return r.Page }),
		col("kind", func(r *BlockRow) string { return r.Kind }),
		col("level", func(r *BlockRow) uint8 { return r.Level }),
		col("text", func(r *BlockRow) string { return r.Text }),
		col("tokens", func(r *BlockRow) []string { return r.Tokens }),
		col("version", func(r *BlockRow) uint64 { return r.Version }),
	}
)

// tableRows is one table's part of a load.
type tableRows struct {
	table   string
	columns []string
	n       int
	values  func(j int) any              // column j as a typed slice
	slice   func(from, to int) tableRows // rows [from, to)
}

func rowsOf[R any](table string, fields []field[R], rows []R) tableRows {
	names := make([]string, len(fields))
	for j, f := range fields {
		names[j] = f.name
	}
	return tableRows{table: table, columns: names, n: len(rows),
		values: func(j int) any { return fields[j].values(rows) },
		slice:  func(from, to int) tableRows { return rowsOf(table, fields, rows[from:to]) }}
}

func (p tableRows) len() int { return p.n }

// parts lists the tables of some batches in load order, the documents
// rows last.
func parts(bs []*Batch) []tableRows {
	var nFacts, nFindings, nBlocks int
	for _, b := range bs {
		nFacts, nFindings, nBlocks = nFacts+len(b.Facts), nFindings+len(b.Findings), nBlocks+len(b.Blocks)
	}
	var (
		docs     = make([]DocumentRow, 0, len(bs))
		facts    []FactRow
		findings []FindingRow
		blocks   []BlockRow
	)
	if len(bs) > 1 {
		facts, findings, blocks = make([]FactRow, 0, nFacts), make([]FindingRow, 0, nFindings), make([]BlockRow, 0, nBlocks)
	}
	for _, b := range bs {
		docs = append(docs, b.Document)
		if len(bs) > 1 {
			facts = append(facts, b.Facts...)
			findings = append(findings, b.Findings...)
			blocks = append(blocks, b.Blocks...)
		}
	}
	if len(bs) == 1 { // one document's rows need no copy
		facts, findings, blocks = bs[0].Facts, bs[0].Findings, bs[0].Blocks
	}
	return []tableRows{
		rowsOf("blocks", blockFields, blocks),
		rowsOf("facts", factFields, facts),
		rowsOf("findings", findingFields, findings),
		rowsOf("documents", documentFields, docs),
	}
}

// tsv renders the rows for INSERT … FORMAT TabSeparated, which chDB parses
// several times faster than JSON: strings escaped, decimals exact, arrays
// as ['a','b'], NULL as \N.
func (p tableRows) tsv() string {
	cols := make([]any, len(p.columns))
	for j := range cols {
		cols[j] = p.values(j)
	}
	var b strings.Builder
	for i := range p.n {
		for j, c := range cols {
			if j > 0 {
				b.WriteByte('\t')
			}
			writeCell(&b, c, i)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

var (
	tsvEscaper   = strings.NewReplacer("\\", "\\\\", "\t", "\\t", "\n", "\\n", "\r", "\\r", "\x00", "\\0")
	quoteEscaper = strings.NewReplacer("\\", "\\\\", "'", "\\'")
)

// writeCell writes row i of column c in TabSeparated form.
func writeCell(b *strings.Builder, c any, i int) {
	switch x := c.(type) {
	case []string:
		tsvEscaper.WriteString(b, x[i])
	case []uint8:
		b.WriteString(strconv.FormatUint(uint64(x[i]), 10))
	case []uint16:
		b.WriteString(strconv.FormatUint(uint64(x[i]), 10))
	case []uint32:
		b.WriteString(strconv.FormatUint(uint64(x[i]), 10))
	case []uint64:
		b.WriteString(strconv.FormatUint(x[i], 10))
	case []decimal.Decimal:
		b.WriteString(x[i].String())
	case []*decimal.Decimal:
		if x[i] == nil {
			b.WriteString("\\N")
		} else {
			b.WriteString(x[i].String())
		}
	case []time.Time:
		b.WriteString(x[i].UTC().Format("2006-01-02 15:04:05"))
	case [][]string:
		b.WriteByte('[')
		for k, s := range x[i] {
			if k > 0 {
				b.WriteByte(',')
			}
			tsvEscaper.WriteString(b, Quote(s))
		}
		b.WriteByte(']')
	case [][]uint32:
		b.WriteByte('[')
		for k, n := range x[i] {
			if k > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.FormatUint(uint64(n), 10))
		}
		b.WriteByte(']')
	default:
		panic(fmt.Sprintf("load: no TSV form for a column of %T", c))
	}
}
