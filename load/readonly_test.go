package load

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestQueryReadOnly: what Query runs cannot change the store or touch the
// machine's files, however the SQL is written; QueryWrite can write.
func TestQueryReadOnly(t *testing.T) {
	ctx := context.Background()
	for name, s := range stores(t) {
		b := bigBatch(4, uint64(time.Now().UnixNano()))
		if err := s.Write(ctx, b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		facts := func() string { return count(t, s, "SELECT count() FROM fiscaldocs.facts") }
		before := facts()
		out := filepath.Join(t.TempDir(), "outfile.tsv")
		for _, sql := range []string{
			"SELECT 1; DROP TABLE fiscaldocs.facts",
			"SELECT 1;\nTRUNCATE TABLE fiscaldocs.facts;",
			"DROP TABLE fiscaldocs.facts",
			"TRUNCATE TABLE fiscaldocs.facts",
			"INSERT INTO fiscaldocs.facts (doc_id, seq) VALUES ('x', 1)",
			"ALTER TABLE fiscaldocs.facts DELETE WHERE 1",
			"SELECT * FROM file('/etc/hostname', 'TSV', 's String')",
			"SELECT 1 SETTINGS readonly = 0",
			"SET readonly = 0",
		} {
			if _, err := s.Query(ctx, sql); err == nil {
				t.Errorf("%s: Query(%q) ran; want it refused", name, sql)
			}
			if got := facts(); got != before {
				t.Fatalf("%s: after Query(%q) facts has %s rows; want %s", name, sql, got, before)
			}
		}
		// chDB refuses INTO OUTFILE; the server runs the SELECT but
		// writes no file over the native protocol.
		_, err := s.Query(ctx, "SELECT 1 INTO OUTFILE "+Quote(out))
		if _, statErr := os.Stat(out); statErr == nil {
			t.Errorf("%s: INTO OUTFILE wrote %s", name, out)
		}
		if name == "chdb" && !errors.Is(err, ErrWrites) {
			t.Errorf("%s: INTO OUTFILE: err = %v; want ErrWrites", name, err)
		}
		if _, err := s.Query(ctx, "SELECT 1; DROP TABLE fiscaldocs.facts"); !errors.Is(err, ErrStatements) {
			t.Errorf("%s: two statements: err = %v; want ErrStatements", name, err)
		}
		// One statement, with ; in a string and at its end, is fine.
		if r, err := s.Query(ctx, "SELECT ';' AS s;"); err != nil || len(r.Rows) != 1 || r.Rows[0][0] != ";" {
			t.Errorf("%s: SELECT ';' = %+v, %v; want ;", name, r, err)
		}
		// --write: one statement that writes.
		for _, sql := range []string{
			"CREATE TABLE IF NOT EXISTS fiscaldocs.scratch (x UInt8) ENGINE = Memory",
			"INSERT INTO fiscaldocs.scratch (x) SELECT 7",
		} {
			if _, err := s.QueryWrite(ctx, sql); err != nil {
				t.Fatalf("%s: QueryWrite(%q): %v", name, sql, err)
			}
		}
		if _, err := s.QueryWrite(ctx, "INSERT INTO fiscaldocs.scratch (x) VALUES (8)"); name == "server" && err == nil {
			t.Errorf("server: INSERT … VALUES ran; want it refused, as the driver cannot send it")
		}
		if got := count(t, s, "SELECT min(x) FROM fiscaldocs.scratch"); got != "7" {
			t.Errorf("%s: after QueryWrite's INSERT sum(x) = %s; want 7", name, got)
		}
		if _, err := s.QueryWrite(ctx, "DROP TABLE fiscaldocs.scratch; DROP TABLE fiscaldocs.facts"); !errors.Is(err, ErrStatements) {
			t.Errorf("%s: QueryWrite of two statements: err = %v; want ErrStatements", name, err)
		}
		if _, err := s.QueryWrite(ctx, "DROP TABLE fiscaldocs.scratch"); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if got := facts(); got != before {
			t.Errorf("%s: facts has %s rows after the writes; want %s", name, got, before)
		}
	}
}

// TestChDBReadOnlyConnection: the connection Query uses refuses writes
// itself, without the parser's check in front of it.
func TestChDBReadOnlyConnection(t *testing.T) {
	c, ok := stores(t)["chdb"].(*ChDB)
	if !ok {
		t.Skip("no chDB")
	}
	ctx := context.Background()
	if _, err := c.Query(ctx, "SELECT 1"); err != nil {
		t.Fatal(err)
	}
	for _, sql := range []string{
		"DROP TABLE fiscaldocs.facts",
		"INSERT INTO fiscaldocs.facts (doc_id, seq) VALUES ('x', 1)",
		"SELECT * FROM file('/etc/hostname', 'LineAsString')",
		"SET readonly = 0",
	} {
		if _, err := c.ro.run(ctx, sql, "TabSeparated"); err == nil || !strings.Contains(err.Error(), "READONLY") {
			t.Errorf("read-only connection ran %q: err = %v; want READONLY", sql, err)
		}
	}
}

// TestIngestedLacks: a document whose facts went missing behind the
// store's back is not complete, and loading it again restores its rows
// once.
func TestIngestedLacks(t *testing.T) {
	ctx := context.Background()
	for name, s := range stores(t) {
		v := uint64(time.Now().UnixNano())
		b := withBlock(bigBatch(5, v))
		b.Document.Extractor = "fiscaldocs/test"
		id := b.Document.ID
		if err := s.Write(ctx, b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got, err := s.Ingested(ctx, id, "fiscaldocs/test"); err != nil || !got.Complete() {
			t.Fatalf("%s: Ingested = %+v, %v; want complete", name, got, err)
		}
		deleteRows(t, s, "facts", id)
		got, err := s.Ingested(ctx, id, "fiscaldocs/test")
		if err != nil || !got.Loaded || got.Lacks != "facts (0 of 5)" {
			t.Fatalf("%s: after the facts went, Ingested = %+v, %v; want loaded, lacking facts (0 of 5)", name, got, err)
		}
		if all, err := s.Holdings(ctx, "fiscaldocs/test"); err != nil || all[id] != got {
			t.Errorf("%s: Holdings[%s] = %+v, %v; want %+v as Ingested says", name, id[:12], all[id], err, got)
		}
		if all, _ := s.Holdings(ctx, "fiscaldocs/other"); all[id].Loaded {
			t.Errorf("%s: Holdings of another extractor holds %s", name, id[:12])
		}
		again := bigBatch(5, v+1)
		again.Document.Extractor = "fiscaldocs/test"
		again.Document.ID = id
		for i := range again.Facts {
			again.Facts[i].DocID = id
		}
		again = withBlock(again)
		if err := s.Write(ctx, again); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got, err := s.Ingested(ctx, id, "fiscaldocs/test"); err != nil || !got.Complete() {
			t.Errorf("%s: after the reload Ingested = %+v, %v; want complete", name, got, err)
		}
		if n := count(t, s, "SELECT count() FROM fiscaldocs.v_facts WHERE doc_id = '"+id+"'"); n != "5" {
			t.Errorf("%s: after the reload %s facts; want 5", name, n)
		}
	}
}

// withBlock gives a batch the block its facts were read from.
func withBlock(b *Batch) *Batch {
	b.Blocks = append(b.Blocks, BlockRow{DocID: b.Document.ID, Page: 9, Kind: "paragraph", Text: "行政运行 1,273.96", Version: b.Document.Version})
	return b
}

// deleteRows deletes a document's rows from table and waits until they
// are gone (a server runs the mutation in its own time).
func deleteRows(t *testing.T, s Store, table, id string) {
	t.Helper()
	be := s.(backend)
	if err := be.exec(context.Background(), "ALTER TABLE "+Database+"."+table+" DELETE WHERE doc_id = '"+id+"'"); err != nil {
		t.Fatal(err)
	}
	for range 100 {
		if count(t, s, "SELECT count() FROM "+Database+"."+table+" WHERE doc_id = '"+id+"'") == "0" {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s rows of %s still there", table, id[:12])
}
