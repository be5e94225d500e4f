package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// query runs read-only: no statement it is given can destroy the store or
// read the machine's files, and more than one statement is refused. With
// --write it writes; ingest then finds the documents whose facts went
// and loads them again, once.
func TestQueryCannotDestroy(t *testing.T) {
	needTool(t, "libchdb.so", haveChDB())
	stores := map[string][]string{"chdb": {"--data", filepath.Join(t.TempDir(), "store")}}
	if addr := privateServer(t); addr != "" {
		stores["server"] = []string{"--clickhouse", addr}
	}
	for name, store := range stores {
		run := func(args ...string) (int, string) {
			out, err := fiscaldocs(append(append([]string{args[0]}, store...), args[1:]...)...).CombinedOutput()
			return exitCode(err), string(out)
		}
		facts := func(table string) string {
			code, out := run("query", "--format", "tsv", "SELECT count() FROM fiscaldocs."+table)
			if code != 0 {
				t.Fatalf("%s: count %s: exit %d\n%s", name, table, code, out)
			}
			return strings.TrimSpace(strings.TrimPrefix(out, "count()\n"))
		}
		if code, out := run("ingest", fixture); code != 0 {
			t.Fatalf("%s: ingest: exit %d\n%s", name, code, out)
		}
		for _, c := range []struct{ sql, says string }{
			{"SELECT 1; DROP TABLE fiscaldocs.facts", "one statement at a time"},
			{"DROP TABLE fiscaldocs.facts", "read-only"},
			{"TRUNCATE TABLE fiscaldocs.facts", "read-only"},
			{"INSERT INTO fiscaldocs.facts (doc_id, seq) SELECT 'x', 1", "read-only"},
			{"SELECT * FROM file('/etc/hostname', 'TSV', 's String')", "read-only"},
		} {
			code, out := run("query", c.sql)
			if code != 1 || !strings.Contains(out, c.says) || strings.Count(strings.TrimSpace(out), "\n") > 1 {
				t.Errorf("%s: query %q: exit %d\n%s\nwant exit 1 and %q in at most two lines", name, c.sql, code, out, c.says)
			}
			if got := facts("facts"); got != "97" {
				t.Fatalf("%s: after query %q facts holds %s rows; want 97", name, c.sql, got)
			}
		}
		if code, out := run("query", "--write", "DROP TABLE fiscaldocs.facts"); code != 0 {
			t.Fatalf("%s: query --write DROP TABLE: exit %d\n%s", name, code, out)
		}
		code, out := run("ingest", fixture)
		if code != 0 || !strings.Contains(out, "reloading \""+fixture+"\": the store lacks its facts (0 of 97)") || !strings.Contains(out, "1 documents: 1 ingested (97 facts)") {
			t.Errorf("%s: ingest after the facts were dropped: exit %d\n%s\nwant the document reloaded", name, code, out)
		}
		if got, view := facts("facts"), facts("v_facts"); got != "97" || view != "97" {
			t.Errorf("%s: after the reload facts holds %s rows, v_facts %s; want 97 and 97", name, got, view)
		}
		if code, out := run("ingest", fixture); code != 0 || !strings.Contains(out, "1 skipped") {
			t.Errorf("%s: a third ingest: exit %d\n%s\nwant the document skipped", name, code, out)
		}
	}
}
