package load

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Store is where the rows go: embedded chDB (OpenChDB) or a ClickHouse
// server (OpenServer). The same DDL and SQL serve both. A Store is safe for
// use by one goroutine at a time; the ingest pipeline has one loader.
type Store interface {
	// Ingested reports whether document id was loaded by this extractor.
	Ingested(ctx context.Context, id, extractor string) (bool, error)
	// Write loads documents' rows, each table in one insert — blocks,
	// facts, findings, then the documents rows, last, so that an
	// interrupted load is never current — and checks each document's
	// count in each table afterwards. Of two batches of one document, the
	// later is written.
	Write(ctx context.Context, bs ...*Batch) error
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

// Quote writes s as a string literal for SQL, for both stores: the one
// quoting function of the project, for where parameters are impossible.
func Quote(s string) string {
	return "'" + quoteEscaper.Replace(s) + "'"
}

var hexID = regexp.MustCompile(`^[0-9a-f]{64}$`)

func ingestedSQL(id, extractor string) (string, error) {
	if !hexID.MatchString(id) {
		return "", fmt.Errorf("load: bad document id %q", id)
	}
	return fmt.Sprintf("SELECT count() FROM %s.documents FINAL WHERE id = '%s' AND extractor = %s", Database, id, Quote(extractor)), nil
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
	Query(ctx context.Context, sql string) (*Result, error)
	// prune deletes table's rows of document id from loads older than
	// version (see pruneSQL).
	prune(ctx context.Context, table, id string, version uint64) error
	exec(ctx context.Context, sql string) error
}

// pruneSQL deletes the rows older loads left behind. ALTER … DELETE is a
// mutation that runs in the background; the views never show the rows.
func pruneSQL(table, id string, version uint64) string {
	return fmt.Sprintf("ALTER TABLE %s.%s DELETE WHERE doc_id = '%s' AND version < %d", Database, table, id, version)
}

// writeBatch loads batches table by table, the documents rows last,
// checks each document's count in each table for this load, then prunes
// older loads' rows.
func writeBatch(ctx context.Context, be backend, bs []*Batch) error {
	bs = latest(bs)
	if len(bs) == 0 {
		return nil
	}
	ids := make([]string, len(bs))
	for i, b := range bs {
		if !hexID.MatchString(b.Document.ID) {
			return fmt.Errorf("load: bad document id %q", b.Document.ID)
		}
		ids[i] = "'" + b.Document.ID + "'"
	}
	in := strings.Join(ids, ", ")
	stale := map[string][]*Batch{} // per table, the documents with rows of older loads
	for _, p := range parts(bs) {
		if p.len() > 0 {
			if err := be.insert(ctx, p); err != nil {
				return fmt.Errorf("load: insert %s: %w", p.table, err)
			}
		}
		got, err := loadCounts(ctx, be, p.table, in)
		if err != nil {
			return err
		}
		for _, b := range bs {
			id, v := b.Document.ID, b.Document.Version
			if want := b.rows(p.table); got[id][v] != uint64(want) {
				return fmt.Errorf("%w: %s has %d rows of document %s, want %d", ErrCount, p.table, got[id][v], id[:12], want)
			}
			for older := range got[id] {
				if older < v && p.table != "documents" { // documents keeps the newest row by itself
					stale[p.table] = append(stale[p.table], b)
					break
				}
			}
		}
	}
	for _, table := range []string{"blocks", "facts", "findings"} {
		for _, b := range stale[table] {
			if err := be.prune(ctx, table, b.Document.ID, b.Document.Version); err != nil {
				return fmt.Errorf("load: prune %s: %w", table, err)
			}
		}
	}
	return nil
}

// latest keeps the last batch of each document, in their order.
func latest(bs []*Batch) []*Batch {
	last := map[string]int{}
	for i, b := range bs {
		last[b.Document.ID] = i
	}
	if len(last) == len(bs) {
		return bs
	}
	var out []*Batch
	for i, b := range bs {
		if last[b.Document.ID] == i {
			out = append(out, b)
		}
	}
	return out
}

// rows is how many rows the batch puts in table.
func (b *Batch) rows(table string) int {
	switch table {
	case "blocks":
		return len(b.Blocks)
	case "facts":
		return len(b.Facts)
	case "findings":
		return len(b.Findings)
	}
	return 1
}

// loadCounts counts table's rows of the documents listed in "in", per
// document and load version.
func loadCounts(ctx context.Context, be backend, table, in string) (map[string]map[uint64]uint64, error) {
	col := "doc_id"
	if table == "documents" {
		col = "id"
	}
	res, err := be.Query(ctx, fmt.Sprintf("SELECT %s, version, count() FROM %s.%s WHERE %s IN (%s) GROUP BY %s, version", col, Database, table, col, in, col))
	if err != nil {
		return nil, fmt.Errorf("load: count %s: %w", table, err)
	}
	out := map[string]map[uint64]uint64{}
	for _, r := range res.Rows {
		if len(r) != 3 {
			return nil, fmt.Errorf("load: count %s: a row of %d columns", table, len(r))
		}
		v, err1 := strconv.ParseUint(r[1], 10, 64)
		n, err2 := strconv.ParseUint(r[2], 10, 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("load: count %s: %q", table, r)
		}
		if out[r[0]] == nil {
			out[r[0]] = map[uint64]uint64{}
		}
		out[r[0]][v] = n
	}
	return out, nil
}
