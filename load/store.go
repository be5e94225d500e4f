package load

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Store is where the rows go: embedded chDB (OpenChDB), a ClickHouse
// server (OpenServer) or a cluster (OpenCluster). The same DDL and SQL
// serve all. A Store is safe for
// use by one goroutine at a time; the ingest pipeline has one loader.
type Store interface {
	// Ingested says whether document id was loaded by this extractor and
	// whether the rows its documents row counts are all there.
	Ingested(ctx context.Context, id, extractor string) (Stored, error)
	// Holdings is Ingested for every document loaded by this extractor,
	// in four queries: what a run that skips documents asks first.
	Holdings(ctx context.Context, extractor string) (map[string]Stored, error)
	// Write loads documents' rows, each table in one insert — blocks,
	// facts, findings, then the documents rows, last, so that an
	// interrupted load is never current — and checks each document's
	// count in each table afterwards. Of two batches of one document, the
	// later is written.
	Write(ctx context.Context, bs ...*Batch) error
	// Query runs one statement read-only and returns its result as text,
	// formatted alike by both stores. The engine runs it with readonly=1,
	// so that a statement that would write, drop, or read a file or URL
	// through a table function fails (code 164, READONLY); ErrStatements
	// refuses SQL of more than one statement. Everything that runs SQL a
	// user wrote or shaped goes through Query.
	Query(ctx context.Context, sql string) (*Result, error)
	// QueryWrite runs one statement that may write (query --write).
	QueryWrite(ctx context.Context, sql string) (*Result, error)
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

// ErrStatements refuses SQL that holds more than one statement.
var ErrStatements = errors.New("load: one statement at a time: the SQL holds more than one")

// ErrWrites refuses, in Query, a statement that would change the store or
// write a file.
var ErrWrites = errors.New("load: the statement writes, and queries here are read-only")

// ErrCount reports a batch whose rows did not all arrive.
var ErrCount = errors.New("load: row count after insert does not match")

// Quote writes s as a string literal for SQL, for both stores: the one
// quoting function of the project, for where parameters are impossible.
func Quote(s string) string {
	return "'" + quoteEscaper.Replace(s) + "'"
}

var hexID = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Stored is what a store holds of one document, as Ingested and Holdings
// find it.
type Stored struct {
	Loaded bool // a documents row of this extractor is there
	// Lacks names the rows the documents row counts that the tables do
	// not hold, as "facts (0 of 212)"; "" when all are there. Rows go
	// missing when a table is dropped or emptied behind the store's back.
	Lacks string
}

// Complete reports whether the document is loaded with all its rows.
func (s Stored) Complete() bool { return s.Loaded && s.Lacks == "" }

// reader runs a store's own SQL.
type reader func(context.Context, string) (*Result, error)

// holdings is what the store holds of the documents loaded by extractor
// (of document id alone, if id is not ""): their newest documents rows,
// and the rows of those loads counted in facts, findings and blocks, four
// queries however many documents there are. The documents row keeps the
// number of facts and of findings; a document read well ("ok") has at
// least one block.
func holdings(ctx context.Context, read reader, extractor, id string) (map[string]Stored, error) {
	if id != "" && !hexID.MatchString(id) {
		return nil, fmt.Errorf("load: bad document id %q", id)
	}
	where, docWhere := "", ""
	if id != "" {
		where, docWhere = " WHERE doc_id = "+Quote(id), " AND id = "+Quote(id)
	}
	docs, err := read(ctx, fmt.Sprintf("SELECT id, version, status, facts, findings FROM %s.documents FINAL WHERE extractor = %s%s", Database, Quote(extractor), docWhere))
	if err != nil {
		return nil, fmt.Errorf("load: documents: %w", err)
	}
	out := make(map[string]Stored, len(docs.Rows))
	if len(docs.Rows) == 0 {
		return out, nil
	}
	have := map[string]map[string]map[uint64]uint64{} // table, document, version: rows
	for _, table := range []string{"facts", "findings", "blocks"} {
		if have[table], err = countRows(ctx, read, Database+"."+table, where); err != nil {
			return nil, err
		}
	}
	for _, r := range docs.Rows {
		if len(r) != 5 {
			return nil, fmt.Errorf("load: documents: a row of %d columns", len(r))
		}
		v, err := strconv.ParseUint(r[1], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("load: documents: version %q", r[1])
		}
		var lacks []string
		for i, table := range []string{"facts", "findings"} {
			if n := strconv.FormatUint(have[table][r[0]][v], 10); n != r[3+i] {
				lacks = append(lacks, fmt.Sprintf("%s (%s of %s)", table, n, r[3+i]))
			}
		}
		if r[2] == "ok" && have["blocks"][r[0]][v] == 0 {
			lacks = append(lacks, "blocks (none)")
		}
		out[r[0]] = Stored{Loaded: true, Lacks: strings.Join(lacks, ", ")}
	}
	return out, nil
}

// backend is what a store does to SQL; writeBatch builds on it.
type backend interface {
	insert(ctx context.Context, p tableRows) error
	// read runs the store's own SQL, on the connection that loads.
	read(ctx context.Context, sql string) (*Result, error)
	// prune deletes table's rows of document id from loads older than
	// version (see pruneSQL).
	prune(ctx context.Context, table, id string, version uint64) error
	exec(ctx context.Context, sql string) error
	// database is the database the tables written are in: Database, or
	// a cluster node's LocalDatabase.
	database() string
}

// pruneSQL deletes the rows older loads left behind. ALTER … DELETE is a
// mutation that runs in the background; the views never show the rows.
func pruneSQL(db, table, id string, version uint64) string {
	return fmt.Sprintf("ALTER TABLE %s.%s DELETE WHERE doc_id = %s AND version < %d", db, table, Quote(id), version)
}

// writeBatch loads batches table by table, the documents rows last,
// checks each document's count in each table for this load, then prunes
// older loads' rows.
func writeBatch(ctx context.Context, be backend, bs []*Batch) error {
	bs = latest(bs)
	if len(bs) == 0 {
		return nil
	}
	in, err := idList(bs)
	if err != nil {
		return err
	}
	versions, err := loadVersions(ctx, be, bs, in)
	if err != nil {
		return err
	}
	stale := map[string]map[string]bool{"blocks": {}, "facts": {}, "findings": {}} // per table, the documents with rows of older loads
	for _, p := range parts(bs) {
		if p.len() > 0 {
			if err := be.insert(ctx, p); err != nil {
				return fmt.Errorf("load: insert %s: %w", p.table, err)
			}
		}
		got, err := loadCounts(ctx, be, p.table, in, versions)
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
					stale[p.table][id] = true
					break
				}
			}
		}
	}
	// facts is counted in the versions of complete loads alone: an
	// interrupted load's facts are found by its blocks or findings.
	for id := range stale["blocks"] {
		stale["facts"][id] = true
	}
	for id := range stale["findings"] {
		stale["facts"][id] = true
	}
	for _, table := range []string{"blocks", "facts", "findings"} {
		for _, b := range bs {
			if !stale[table][b.Document.ID] {
				continue
			}
			if err := be.prune(ctx, table, b.Document.ID, b.Document.Version); err != nil {
				return fmt.Errorf("load: prune %s: %w", table, err)
			}
		}
	}
	return nil
}

// idList lists the batches' document ids for SQL's IN, each checked.
func idList(bs []*Batch) (string, error) {
	ids := make([]string, len(bs))
	for i, b := range bs {
		if !hexID.MatchString(b.Document.ID) {
			return "", fmt.Errorf("load: bad document id %q", b.Document.ID)
		}
		ids[i] = Quote(b.Document.ID)
	}
	return strings.Join(ids, ", "), nil
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
// document and load version. facts, sorted for comparisons rather than by
// document, is counted in the load versions listed in versions (this
// load's and the documents' older ones, loadVersions) and only there: a
// PREWHERE on the version column spares reading every document id of the
// table, which grows with the store.
func loadCounts(ctx context.Context, be backend, table, in, versions string) (map[string]map[uint64]uint64, error) {
	switch table {
	case "documents":
		return countRows(ctx, be.read, be.database()+"."+table, fmt.Sprintf(" WHERE id IN (%s)", in))
	case "facts":
		return countRows(ctx, be.read, be.database()+"."+table, fmt.Sprintf(" PREWHERE version IN (%s) WHERE doc_id IN (%s)", versions, in))
	}
	return countRows(ctx, be.read, be.database()+"."+table, fmt.Sprintf(" WHERE doc_id IN (%s)", in))
}

// loadVersions lists the load versions of the documents listed in "in":
// this load's, and those of the documents rows already there, whose rows
// this load supersedes.
func loadVersions(ctx context.Context, be backend, bs []*Batch, in string) (string, error) {
	had, err := loadCounts(ctx, be, "documents", in, "")
	if err != nil {
		return "", err
	}
	var vs []string
	for _, b := range bs {
		vs = append(vs, strconv.FormatUint(b.Document.Version, 10))
		for v := range had[b.Document.ID] {
			vs = append(vs, strconv.FormatUint(v, 10))
		}
	}
	return strings.Join(vs, ", "), nil
}

// countRows counts table's rows (table is "db.name") per document and load
// version: those that where (a WHERE clause, or "") selects.
func countRows(ctx context.Context, read reader, table, where string) (map[string]map[uint64]uint64, error) {
	col := "doc_id"
	if strings.HasSuffix(table, ".documents") {
		col = "id"
	}
	res, err := read(ctx, fmt.Sprintf("SELECT %s, version, count() FROM %s%s GROUP BY %s, version", col, table, where, col))
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
