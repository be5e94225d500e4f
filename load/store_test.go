package load

import (
	"context"
	"os"
	"reflect"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/fiscaldocs/fiscaldocs/corpus"
	"github.com/fiscaldocs/fiscaldocs/department"
	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/fiscaldocs/fiscaldocs/validate"
)

// The store tests run against embedded chDB when libchdb.so is installed
// (make chdb) and against a ClickHouse server when CLICKHOUSE_ADDR names
// one (make test starts a private one). FISCALDOCS_REQUIRE_TOOLS=1, as
// in CI, turns a missing store into a failure instead of a skip.

var (
	testChdbOnce sync.Once
	testChdb     *ChDB
	testChdbDir  string
	testChdbErr  error
)

// TestMain closes the shared chDB session before the process ends, as
// ingest does: left open, the engine's own shutdown at exit can crash
// while its background work (merges, the prune's mutations) still runs.
func TestMain(m *testing.M) {
	code := m.Run()
	if testChdb != nil {
		testChdb.Close()
		os.RemoveAll(testChdbDir)
	}
	os.Exit(code)
}

func need(t *testing.T, err error, what string) {
	if err == nil {
		return
	}
	if os.Getenv("FISCALDOCS_REQUIRE_TOOLS") != "" {
		t.Fatalf("%s: %v", what, err)
	}
	t.Skipf("%s: %v", what, err)
}

func stores(t *testing.T) map[string]Store {
	out := map[string]Store{}
	testChdbOnce.Do(func() {
		dir, err := os.MkdirTemp("", "fiscaldocs-chdb-test-")
		if err != nil {
			testChdbErr = err
			return
		}
		testChdbDir = dir
		testChdb, testChdbErr = OpenChDB(context.Background(), dir)
	})
	if testChdbErr == nil {
		out["chdb"] = testChdb
	} else if os.Getenv("FISCALDOCS_REQUIRE_TOOLS") != "" {
		t.Fatalf("chDB: %v", testChdbErr)
	}
	if addr := os.Getenv("CLICKHOUSE_ADDR"); addr != "" {
		s, err := OpenServer(context.Background(), addr)
		need(t, err, "ClickHouse server "+addr)
		t.Cleanup(func() { s.Close() })
		out["server"] = s
	} else if os.Getenv("FISCALDOCS_REQUIRE_TOOLS") != "" {
		t.Fatal("CLICKHOUSE_ADDR not set")
	}
	if len(out) == 0 {
		t.Skip("no store: libchdb.so not installed (make chdb) and CLICKHOUSE_ADDR not set")
	}
	return out
}

// seedBatch runs the pipeline over the project's docx fixture.
func seedBatch(t *testing.T, version uint64) *Batch {
	t.Helper()
	d, f, err := corpus.Open("../testdata/seed/panzhihua-npc-office-2021.docx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := extract.File(context.Background(), d, f, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	seg, err := normalize.NewSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	res := normalize.Document(doc, seg)
	b, err := Rows(Input{Doc: d, Extractor: "fiscaldocs/test", Blocks: doc, Result: res, Report: validate.Document(doc, res),
		Department: department.Builtin().Resolve(res.Identity, doc),
		Tokens:     normalize.BlockTokens(doc, seg), Version: version, Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func count(t *testing.T, s Store, sql string) string {
	t.Helper()
	r, err := s.Query(context.Background(), sql)
	if err != nil {
		t.Fatal(err)
	}
	return r.Rows[0][0]
}

func TestStoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	for name, s := range stores(t) {
		v := uint64(time.Now().UnixNano()) // stores outlive test runs: versions must not repeat
		b := seedBatch(t, v)
		id := b.Document.ID
		where := " WHERE doc_id = '" + id + "'"
		if err := s.Write(ctx, b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got, err := s.Ingested(ctx, id, "fiscaldocs/test"); !got.Complete() || err != nil {
			t.Errorf("%s: Ingested = %+v, %v; want complete", name, got, err)
		}
		if got, _ := s.Ingested(ctx, id, "fiscaldocs/other"); got.Loaded {
			t.Errorf("%s: ingested by another extractor version", name)
		}
		if got := count(t, s, "SELECT count() FROM fiscaldocs.v_facts"+where); got != itoa(len(b.Facts)) {
			t.Errorf("%s: %s facts; want %d", name, got, len(b.Facts))
		}
		// Exact money round-trips: 1273.96万元 is 12739600 yuan.
		r, err := s.Query(ctx, "SELECT value, unit, raw FROM fiscaldocs.v_facts"+where+" AND metric = 'gpb.item' AND code = '2010101' AND measure = 'amount'")
		if err != nil || len(r.Rows) != 1 || r.Rows[0][0] != "12739600" || r.Rows[0][2] != "1273.96万元" {
			t.Errorf("%s: gpb.item 2010101 = %+v, %v", name, r, err)
		}
		// A newer extraction with fewer facts replaces the old one whole.
		b2 := seedBatch(t, v+1)
		b2.Facts = b2.Facts[:10]
		b2.Document.Facts = 10
		if err := s.Write(ctx, b2); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := count(t, s, "SELECT count() FROM fiscaldocs.v_facts"+where); got != "10" {
			t.Errorf("%s: after a newer load %s facts; want 10", name, got)
		}
		if got := count(t, s, "SELECT count() FROM fiscaldocs.v_documents WHERE id = '"+id+"'"); got != "1" {
			t.Errorf("%s: %s documents rows; want 1", name, got)
		}
		// An interrupted load (facts written, documents row not) is not
		// current: the views still show the version before.
		b3 := seedBatch(t, v+2)
		writePart(t, s, b3, "blocks")
		writePart(t, s, b3, "facts")
		if got := count(t, s, "SELECT count() FROM fiscaldocs.v_facts"+where); got != "10" {
			t.Errorf("%s: after an interrupted load %s facts; want 10", name, got)
		}
		// The search index holds the segmented blocks.
		if got := count(t, s, "SELECT count() FROM fiscaldocs.v_blocks"+where+" AND hasAll(tokens, ['公务接待费'])"); got == "0" {
			t.Errorf("%s: no block with the token 公务接待费", name)
		}
	}
}

// writePart loads one table of a batch, as a load interrupted after it.
func writePart(t *testing.T, s Store, b *Batch, table string) {
	t.Helper()
	for _, p := range parts([]*Batch{b}) {
		if p.table != table {
			continue
		}
		if err := s.(backend).insert(context.Background(), p); err != nil {
			t.Fatal(err)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestStoresAgree loads the same document into both stores and expects
// the same answer, text for text, to the same “三公” query.
func TestStoresAgree(t *testing.T) {
	ss := stores(t)
	if len(ss) < 2 {
		t.Skip("needs both stores")
	}
	ctx := context.Background()
	v := uint64(time.Now().UnixNano())
	batch := seedBatch(t, v)
	q := "SELECT d.department AS dept, d.year AS year, f.metric AS metric, f.measure AS measure, f.value AS value, f.raw AS raw " +
		"FROM fiscaldocs.v_facts AS f INNER JOIN fiscaldocs.v_documents AS d ON f.doc_id = d.id " +
		"WHERE f.metric LIKE 'three_public%' AND d.id = '" + batch.Document.ID + "' ORDER BY metric, measure, value, raw"
	var answers []*Result
	for name, s := range ss {
		if err := s.Write(ctx, seedBatch(t, v)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		r, err := s.Query(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		answers = append(answers, r)
	}
	a, b := answers[0], answers[1]
	if len(a.Rows) == 0 || !reflect.DeepEqual(a.Rows, b.Rows) || !reflect.DeepEqual(a.Columns, b.Columns) {
		t.Errorf("the stores disagree:\n%v\n%v", a, b)
	}
}

// TestStoreManyDocuments writes documents together — one of them bigger
// than an insert's block, one a newer load of a document already there —
// and expects each document's rows exactly once, the superseded load's
// rows gone from sight.
func TestStoreManyDocuments(t *testing.T) {
	ctx := context.Background()
	for name, s := range stores(t) {
		v := uint64(time.Now().UnixNano())
		big, small, again := bigBatch(2*flushRows+17, v), bigBatch(5, v+1), bigBatch(3, v+2)
		if err := s.Write(ctx, big, small); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		again.Document.ID, again.Facts[0].DocID, again.Facts[1].DocID, again.Facts[2].DocID = small.Document.ID, small.Document.ID, small.Document.ID, small.Document.ID
		if err := s.Write(ctx, again); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for id, want := range map[string]string{big.Document.ID: itoa(2*flushRows + 17), small.Document.ID: "3"} {
			if got := count(t, s, "SELECT count() FROM fiscaldocs.v_facts WHERE doc_id = '"+id+"'"); got != want {
				t.Errorf("%s: document %s has %s facts; want %s", name, id[:8], got, want)
			}
		}
		// chDB prunes before Write returns (the server in its own time).
		if got := count(t, s, "SELECT count() FROM fiscaldocs.facts WHERE doc_id = '"+small.Document.ID+"'"); name == "chdb" && got != "3" {
			t.Errorf("chdb: %s rows of the reloaded document in facts; want 3, the older load's pruned", got)
		}
	}
}

// TestMigrations: a store made before a column was added gets it, and the
// views show it.
func TestMigrations(t *testing.T) {
	got := Migrations("db", map[string][]string{"facts": {"doc_id", "seq", "metric", "measure", "subject", "code", "value", "unit", "raw", "method", "reason",
		"page", "block", "row", "col", "text", "version"}})
	want := []string{"ALTER TABLE db.facts ADD COLUMN basis String"}
	for _, c := range []string{"department_id String", "department String", "department_name String", "region String", "year UInt16", "kind String", "scope String", "file String",
		"x0 Decimal(9, 2)", "y0 Decimal(9, 2)", "x1 Decimal(9, 2)", "y1 Decimal(9, 2)"} {
		want = append(want, "ALTER TABLE db.facts ADD COLUMN "+c)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Migrations = %q, want %q", got, want)
	}
	addr := os.Getenv("CLICKHOUSE_ADDR")
	if addr == "" {
		t.Skip("CLICKHOUSE_ADDR not set: the migration of a live store is checked on a server")
	}
	ctx := context.Background()
	s, err := OpenServer(ctx, addr)
	need(t, err, "ClickHouse server "+addr)
	defer s.Close()
	if err := s.conn.Exec(ctx, "ALTER TABLE "+Database+".facts DROP COLUMN basis"); err != nil {
		t.Fatal(err)
	}
	s2, err := OpenServer(ctx, addr)
	if err != nil {
		t.Fatalf("reopening a store without facts.basis: %v", err)
	}
	defer s2.Close()
	if n := count(t, s2, "SELECT count() FROM system.columns WHERE database = '"+Database+"' AND table = 'v_facts' AND name = 'basis'"); n != "1" {
		t.Errorf("v_facts has %s basis columns after the migration, want 1", n)
	}
}

// TestStoreInterruptedLoadPruned leaves a load's blocks and facts without
// its documents row, as a killed ingest does, then loads the document
// again: the interrupted load's rows are pruned from facts too, which is
// counted only in the versions of complete loads.
func TestStoreInterruptedLoadPruned(t *testing.T) {
	ctx := context.Background()
	s, ok := stores(t)["chdb"]
	if !ok {
		t.Skip("needs chDB, which prunes before Write returns")
	}
	v := uint64(time.Now().UnixNano())
	cut := bigBatch(4, v)
	cut.Blocks = []BlockRow{{DocID: cut.Document.ID, Kind: "paragraph", Text: "被打断的一次载入", Tokens: []string{}, Version: v}}
	for _, p := range parts([]*Batch{cut})[:2] { // blocks and facts, not the documents row
		if err := s.(*ChDB).insert(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	again := bigBatch(3, v+1)
	again.Document.ID = cut.Document.ID
	for i := range again.Facts {
		again.Facts[i].DocID = cut.Document.ID
	}
	again.Blocks = []BlockRow{{DocID: cut.Document.ID, Kind: "paragraph", Text: "完整的一次载入", Tokens: []string{}, Version: v + 1}}
	if err := s.Write(ctx, again); err != nil {
		t.Fatal(err)
	}
	for table, want := range map[string]string{"facts": "3", "blocks": "1"} {
		if got := count(t, s, "SELECT count() FROM fiscaldocs."+table+" WHERE doc_id = '"+cut.Document.ID+"'"); got != want {
			t.Errorf("%s holds %s rows of the document; want %s, the interrupted load's pruned", table, got, want)
		}
	}
}
