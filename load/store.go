package load

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Store is where the rows go: embedded chDB (OpenChDB) or a ClickHouse
// server (OpenServer). The same DDL and SQL serve both. A Store is safe for
// use by one goroutine at a time; the ingest pipeline has one loader.
type Store interface {
	// Ingested reports whether document id was loaded by this extractor.
	Ingested(ctx context.Context, id, extractor string) (bool, error)
	// Write loads one document's rows — blocks, facts, findings, then its
	// documents row, last, so that an interrupted load is never current —
	// and checks each table's count afterwards.
	Write(ctx context.Context, b *Batch) error
	// Query runs SQL and returns its result as text, formatted alike by
	// both stores.
	Query(ctx context.Context, sql string) (*Result, error)
	Close() error
}

// Result is a query's answer, every value as text.
type Result struct {
	Columns []string
	Types   []string
	Rows    [][]string
}

// Database is the database the tables live in.
const Database = "fiscaldocs"

// ErrCount reports a batch whose rows did not all arrive.
var ErrCount = errors.New("load: row count after insert does not match")

// Column lists, in the order the row functions give values.
var (
	documentColumns = []string{"id", "file", "format", "pages", "department", "region", "year", "kind", "scope", "extractor", "status", "error", "source_url", "facts", "findings", "version", "ingested_at"}
	factColumns     = []string{"doc_id", "seq", "metric", "measure", "subject", "code", "value", "unit", "raw", "method", "reason", "page", "block", "row", "col", "text", "version"}
	findingColumns  = []string{"doc_id", "seq", "rule", "severity", "message", "expected", "actual", "facts", "page", "version"}
	blockColumns    = []string{"doc_id", "seq", "page", "kind", "level", "text", "tokens", "version"}
)

// tableRows is one table's part of a batch: a slice of its row structs,
// whose fields are in the order of columns.
type tableRows struct {
	table   string
	columns []string
	data    reflect.Value // a slice of DocumentRow, FactRow, FindingRow or BlockRow
}

func (p tableRows) len() int { return p.data.Len() }

// column returns column j as a typed slice ([]string, []decimal.Decimal,
// …), the form the ClickHouse driver appends fastest.
func (p tableRows) column(j int) any {
	n := p.data.Len()
	col := reflect.MakeSlice(reflect.SliceOf(p.data.Type().Elem().Field(j).Type), n, n)
	for i := range n {
		col.Index(i).Set(p.data.Index(i).Field(j))
	}
	return col.Interface()
}

// parts lists a batch's tables in load order, the documents row last.
func (b *Batch) parts() []tableRows {
	return []tableRows{
		{table: "blocks", columns: blockColumns, data: reflect.ValueOf(b.Blocks)},
		{table: "facts", columns: factColumns, data: reflect.ValueOf(b.Facts)},
		{table: "findings", columns: findingColumns, data: reflect.ValueOf(b.Findings)},
		{table: "documents", columns: documentColumns, data: reflect.ValueOf([]DocumentRow{b.Document})},
	}
}

// tsv renders the rows for INSERT … FORMAT TabSeparated, which chDB parses
// several times faster than JSON: strings escaped, decimals exact, arrays
// as ['a','b'], NULL as \N.
func (p tableRows) tsv() string {
	var b strings.Builder
	for i := range p.data.Len() {
		row := p.data.Index(i)
		for j := range row.NumField() {
			if j > 0 {
				b.WriteByte('\t')
			}
			writeTSV(&b, row.Field(j).Interface())
		}
		b.WriteByte('\n')
	}
	return b.String()
}

var tsvEscaper = strings.NewReplacer("\\", "\\\\", "\t", "\\t", "\n", "\\n", "\r", "\\r", "\x00", "\\0")

func writeTSV(b *strings.Builder, v any) {
	switch x := v.(type) {
	case string:
		tsvEscaper.WriteString(b, x)
	case decimal.Decimal:
		b.WriteString(x.String())
	case *decimal.Decimal:
		if x == nil {
			b.WriteString("\\N")
		} else {
			b.WriteString(x.String())
		}
	case time.Time:
		b.WriteString(x.UTC().Format("2006-01-02 15:04:05"))
	case []string:
		b.WriteByte('[')
		for i, s := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('\'')
			tsvEscaper.WriteString(b, strings.NewReplacer("\\", "\\\\", "'", "\\'").Replace(s))
			b.WriteByte('\'')
		}
		b.WriteByte(']')
	case []uint32:
		b.WriteByte('[')
		for i, n := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprint(b, n)
		}
		b.WriteByte(']')
	default:
		fmt.Fprint(b, x)
	}
}

// quote writes a string literal for SQL.
func quote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

var hexID = regexp.MustCompile(`^[0-9a-f]{64}$`)

func ingestedSQL(id, extractor string) (string, error) {
	if !hexID.MatchString(id) {
		return "", fmt.Errorf("load: bad document id %q", id)
	}
	return fmt.Sprintf("SELECT count() FROM %s.documents FINAL WHERE id = '%s' AND extractor = %s", Database, id, quote(extractor)), nil
}

func countSQL(table, id string, version uint64) string {
	col := "doc_id"
	if table == "documents" {
		col = "id"
	}
	return fmt.Sprintf("SELECT count() FROM %s.%s WHERE %s = '%s' AND version = %d", Database, table, col, id, version)
}

// backend is what a store does to SQL; writeBatch builds on it.
type backend interface {
	insert(ctx context.Context, p tableRows) error
	exec(ctx context.Context, sql string) error
	count(ctx context.Context, sql string) (uint64, error)
}

// writeBatch loads a batch table by table, the documents row last, checks
// each table's count for this load, then prunes older loads' rows.
func writeBatch(ctx context.Context, be backend, b *Batch) error {
	for _, p := range b.parts() {
		if p.len() == 0 {
			continue
		}
		if err := be.insert(ctx, p); err != nil {
			return fmt.Errorf("load: insert %s: %w", p.table, err)
		}
		n, err := be.count(ctx, countSQL(p.table, b.Document.ID, b.Document.Version))
		if err != nil {
			return err
		}
		if n != uint64(p.len()) {
			return fmt.Errorf("%w: %s has %d rows of document %s, want %d", ErrCount, p.table, n, b.Document.ID[:12], p.len())
		}
	}
	return prune(ctx, be.exec, be.count, b.Document.ID, b.Document.Version)
}

// prune deletes the rows that loads of a document older than version left
// behind (a superseded extraction, or an interrupted load), once the new
// load is complete. The views never show them; this keeps the store from
// growing. ALTER … DELETE runs in the background on both stores.
func prune(ctx context.Context, exec func(context.Context, string) error, count func(context.Context, string) (uint64, error), id string, version uint64) error {
	for _, table := range []string{"blocks", "facts", "findings"} {
		n, err := count(ctx, fmt.Sprintf("SELECT count() FROM %s.%s WHERE doc_id = '%s' AND version < %d", Database, table, id, version))
		if err != nil {
			return err
		}
		if n == 0 {
			continue
		}
		if err := exec(ctx, fmt.Sprintf("ALTER TABLE %s.%s DELETE WHERE doc_id = '%s' AND version < %d", Database, table, id, version)); err != nil {
			return fmt.Errorf("load: prune %s: %w", table, err)
		}
	}
	return nil
}
