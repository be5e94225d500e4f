package main

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fiscaldocs/fiscaldocs/load"
)

// The cluster tests run against the 2 × 2 cluster of scripts/cluster.sh,
// which make cluster-test starts and names in FISCALDOCS_CLUSTER as
// "DIR NAME ADDRS" (the script's start line). Without it they skip, so
// that make test stays as it is.

// testCluster is the running cluster the tests use.
type testCluster struct {
	dir, name string
	addrs     []string // shard 1 replica 1, shard 1 replica 2, shard 2 …
}

func clusterUnderTest(t *testing.T) testCluster {
	f := strings.Fields(os.Getenv("FISCALDOCS_CLUSTER"))
	if len(f) != 3 {
		t.Skip("FISCALDOCS_CLUSTER not set (make cluster-test starts a cluster and sets it)")
	}
	return testCluster{dir: f[0], name: f[1], addrs: strings.Split(f[2], ",")}
}

// store is the store flags of the cluster through the nodes given, by
// number (1-4), in order; all four when none is given.
func (c testCluster) store(nodes ...int) []string {
	addrs := c.addrs
	if len(nodes) > 0 {
		addrs = nil
		for _, n := range nodes {
			addrs = append(addrs, c.addrs[n-1])
		}
	}
	return []string{"--clickhouse", strings.Join(addrs, ","), "--cluster", c.name}
}

// node runs scripts/cluster.sh's kill, halt or resume on node n.
func (c testCluster) node(t *testing.T, what string, n int) {
	t.Helper()
	script, _ := filepath.Abs("../../scripts/cluster.sh")
	if out, err := exec.Command(script, what, c.dir, strconv.Itoa(n)).CombinedOutput(); err != nil {
		t.Fatalf("cluster.sh %s %d: %v\n%s", what, n, err, out)
	}
}

// local runs SQL on node n alone, with clickhouse-client, and returns its
// one value.
func (c testCluster) local(t *testing.T, n int, sql string) string {
	t.Helper()
	_, port, _ := strings.Cut(c.addrs[n-1], ":")
	out, err := exec.Command("clickhouse-client", "--host", "127.0.0.1", "--port", port, "-q", sql).CombinedOutput()
	if err != nil {
		t.Fatalf("node %d: %s: %v\n%s", n, sql, err, out)
	}
	return strings.TrimSpace(string(out))
}

// clusterCorpus is what the equality test ingests: the shared corpus,
// or the project's seed and samples without it.
func clusterCorpus(t *testing.T) []string {
	if _, err := os.Stat("../../../shared/corpus/pdf"); err == nil {
		return []string{"../../../shared/corpus"}
	}
	t.Log("../shared/corpus absent: the seed and samples stand in for it")
	return []string{"../../testdata/seed", "../../testdata/samples"}
}

// threePublicSQL is the 三公 comparison: every department's “三公”经费 by
// year and kind.
const threePublicSQL = "SELECT department_id, department_name, year, kind, max(value) AS three_public FROM fiscaldocs.v_facts " +
	"WHERE metric = 'three_public.total' AND measure = 'amount' AND subject = '' " +
	"GROUP BY department_id, department_name, year, kind ORDER BY department_id, year, kind, three_public"

// storeAnswers is what the equality test compares: the md5 of the 三公
// comparison as CSV, of the exported facts.csv, and the rows of each view.
func storeAnswers(t *testing.T, store []string) map[string]string {
	t.Helper()
	out := map[string]string{}
	csv, err := fiscaldocs(append(append([]string{"query"}, store...), "--format", "csv", threePublicSQL)...).Output()
	if err != nil {
		t.Fatalf("三公 comparison: %v", err)
	}
	if strings.Count(string(csv), "\n") < 2 {
		t.Fatalf("三公 comparison has no rows:\n%s", csv)
	}
	sum := md5.Sum(csv)
	out["三公 comparison md5"] = hex.EncodeToString(sum[:])
	dir := t.TempDir()
	if b, err := fiscaldocs(append(append([]string{"export"}, store...), "--out", dir)...).CombinedOutput(); err != nil {
		t.Fatalf("export: %v\n%s", err, b)
	}
	facts, err := os.ReadFile(filepath.Join(dir, "facts.csv"))
	if err != nil {
		t.Fatal(err)
	}
	sum = md5.Sum(facts)
	out["facts.csv md5"] = hex.EncodeToString(sum[:])
	for _, v := range []string{"v_documents", "v_facts", "v_findings", "v_blocks"} {
		out[v] = strconv.Itoa(queryCount(t, store, "SELECT count() FROM "+load.Database+"."+v))
	}
	return out
}

// TestCluster runs its parts in order on one cluster: each builds on the
// store the one before left.
func TestCluster(t *testing.T) {
	c := clusterUnderTest(t)
	needTool(t, "libchdb.so", haveChDB())
	docs := clusterCorpus(t)
	var want map[string]string

	t.Run("same answers as chDB", func(t *testing.T) {
		chdb := []string{"--data", filepath.Join(t.TempDir(), "store")}
		for _, store := range [][]string{chdb, c.store(2, 1)} {
			// Documents that fail are data (exit 1); the store must take the rest.
			if out, err := fiscaldocs(append(append([]string{"ingest", "--workers", "2"}, store...), docs...)...).CombinedOutput(); err != nil && exitCode(err) != 1 {
				t.Fatalf("ingest %v: %v\n%s", store, err, out)
			}
		}
		want = storeAnswers(t, chdb)
		t.Logf("chDB: %v", want)
		for n := range c.addrs { // through every node
			if got := storeAnswers(t, c.store(n+1)); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("through node %d: %v\nwant (chDB) %v", n+1, got, want)
			}
		}
	})

	t.Run("rows on the shard their document names", func(t *testing.T) {
		for n := range c.addrs {
			shard := n/2 + 1
			for _, table := range []string{"documents", "facts", "findings", "blocks"} {
				col := "doc_id"
				if table == "documents" {
					col = "id"
				}
				wrong := c.local(t, n+1, fmt.Sprintf("SELECT count() FROM %s.%s WHERE reinterpretAsUInt64(reverse(unhex(substring(%s, 1, 16)))) %% 2 != %d",
					load.LocalDatabase, table, col, shard-1))
				all := c.local(t, n+1, fmt.Sprintf("SELECT count() FROM %s.%s", load.LocalDatabase, table))
				if wrong != "0" || all == "0" {
					t.Errorf("node %d (shard %d) %s: %s rows of another shard's documents, of %s", n+1, shard, table, wrong, all)
				}
			}
		}
	})

	t.Run("a document read again stays on the shard that holds it", func(t *testing.T) {
		// Move one of shard 1's documents to shard 2, as if it had been
		// loaded before shard 1 was there, and take its blocks away, so
		// that the next ingest reads it again.
		row := strings.Fields(c.local(t, 1, "SELECT id, facts FROM "+load.LocalDatabase+".documents FINAL WHERE status = 'ok' AND facts > 0 ORDER BY id LIMIT 1"))
		id, facts := row[0], row[1]
		tables := map[string]string{"documents": "id", "facts": "doc_id", "findings": "doc_id", "blocks": "doc_id"}
		for table, col := range tables {
			c.local(t, 3, fmt.Sprintf("INSERT INTO %s.%s SELECT * FROM remote('%s', %s.%s) WHERE %s = '%s'", load.LocalDatabase, table, c.addrs[0], load.LocalDatabase, table, col, id))
			c.local(t, 1, fmt.Sprintf("ALTER TABLE %s.%s DELETE WHERE %s = '%s'", load.LocalDatabase, table, col, id))
		}
		c.local(t, 3, fmt.Sprintf("ALTER TABLE %s.blocks DELETE WHERE doc_id = '%s'", load.LocalDatabase, id))
		where := func(n int) string {
			var s []string
			for _, table := range []string{"documents", "facts", "blocks"} {
				s = append(s, c.local(t, n, fmt.Sprintf("SELECT count() FROM %s.%s WHERE %s = '%s'", load.LocalDatabase, table, tables[table], id)))
			}
			return strings.Join(s, " ")
		}
		for deadline := time.Now().Add(time.Minute); where(1) != "0 0 0" || where(2) != "0 0 0" || strings.HasSuffix(where(3), " 0") == false; {
			if time.Now().After(deadline) {
				t.Fatalf("the move did not finish: shard 1 holds %s, shard 2 %s", where(1), where(3))
			}
			time.Sleep(200 * time.Millisecond)
		}
		out, _ := fiscaldocs(append(append([]string{"ingest"}, c.store()...), docs...)...).CombinedOutput()
		if !strings.Contains(string(out), "reloading") {
			t.Fatalf("the document was not read again:\n%s", out)
		}
		if got, want := c.local(t, 1, fmt.Sprintf("SELECT count() FROM %s.facts WHERE doc_id = '%s'", load.LocalDatabase, id)), "0"; got != want {
			t.Errorf("shard 1 holds %s facts of the document read again; want %s", got, want)
		}
		if got := queryCount(t, c.store(), "SELECT count() FROM fiscaldocs.v_facts WHERE doc_id = '"+id+"'"); strconv.Itoa(got) != facts {
			t.Errorf("v_facts has %d facts of the document read again; want %s", got, facts)
		}
		if got := queryCount(t, c.store(), "SELECT count() FROM fiscaldocs.v_documents WHERE id = '"+id+"'"); got != 1 {
			t.Errorf("v_documents has %d rows of the document read again; want 1", got)
		}
	})

	t.Run("a second ingest adds nothing", func(t *testing.T) {
		out, _ := fiscaldocs(append(append([]string{"ingest"}, c.store(3)...), docs...)...).Output()
		if !strings.Contains(string(out), " 0 ingested (0 facts)") {
			t.Errorf("second ingest: %s", out)
		}
		if got := storeAnswers(t, c.store()); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("after a second ingest: %v\nwant %v", got, want)
		}
	})

	t.Run("serve through the cluster", func(t *testing.T) {
		s, _ := serveStore(t, c.store(2), docs...)
		if n := s.sql(t, "SELECT count() AS n FROM fiscaldocs.v_facts"); n[0]["n"] != want["v_facts"] {
			t.Errorf("serve counts %s facts; want %s", n[0]["n"], want["v_facts"])
		}
		pdf := s.sql(t, "SELECT f.doc_id AS doc, f.seq AS seq FROM fiscaldocs.v_facts AS f WHERE f.x1 > 0 ORDER BY f.file, f.seq LIMIT 1")
		if len(pdf) != 1 {
			t.Fatalf("no fact with a box: %v", pdf)
		}
		doc, seq := pdf[0]["doc"], pdf[0]["seq"]
		for _, path := range []string{"/departments", "/findings", "/compare?metric=three_public.total", "/document/" + doc, "/fact/" + doc + "/" + seq, "/fact/" + doc + "/" + seq + "/crop.png"} {
			s.get(t, path)
		}
	})

	t.Run("a replica killed mid-ingest", func(t *testing.T) {
		more := reports(t, 40)
		wantFacts := expectedFacts(t, more)
		facts := queryCount(t, c.store(), "SELECT count() FROM fiscaldocs.v_facts")
		cmd, sc := startIngest(t, append(c.store(), more)...)
		c.node(t, "kill", 1) // shard 1's first replica, the one written to
		var log []string
		for sc.Scan() {
			log = append(log, sc.Text())
		}
		err := cmd.Wait()
		if err != nil && !strings.Contains(strings.Join(log, "\n"), "shard 1 of cluster "+c.name) {
			t.Errorf("ingest failed without naming the shard: %v\n%s", err, strings.Join(log, "\n"))
		}
		t.Logf("the ingest with replica 1 of shard 1 killed: %v, %d lines after the kill", err, len(log))
		// Whether it completed on the other replica or failed, a re-run
		// with the replica still down gives the exact counts: it reads
		// again the documents whose rows reached only the killed replica
		// (written there and checked, but not yet copied to its twin).
		if out, err := fiscaldocs(append(append([]string{"ingest"}, c.store()...), more)...).CombinedOutput(); err != nil {
			t.Fatalf("re-run with a replica down: %v\n%s", err, out)
		}
		if got := queryCount(t, c.store(), "SELECT count() FROM fiscaldocs.v_facts") - facts; got != wantFacts {
			t.Errorf("facts added with a replica killed = %d; want %d", got, wantFacts)
		}
		if got := queryCount(t, c.store(), "SELECT count() FROM fiscaldocs.v_documents WHERE file LIKE '%report-0%'"); got != 40 {
			t.Errorf("documents = %d; want 40", got)
		}
	})

	t.Run("a restarted replica catches up", func(t *testing.T) {
		c.node(t, "resume", 1)
		counts := func(n int) string {
			var s []string
			for _, table := range []string{"documents", "facts", "findings", "blocks"} {
				s = append(s, table+" "+c.local(t, n, "SELECT count() FROM "+load.LocalDatabase+"."+table))
			}
			return strings.Join(s, ", ")
		}
		deadline := time.Now().Add(2 * time.Minute)
		for {
			got, twin := counts(1), counts(2)
			if got == twin {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("replica 1 of shard 1 after 2 minutes: %s; its twin: %s", got, twin)
			}
			time.Sleep(time.Second)
		}
		if got := storeAnswers(t, c.store(1)); got["三公 comparison md5"] != want["三公 comparison md5"] {
			t.Errorf("through the restarted replica: %v; want %v", got, want)
		}
	})

	t.Run("a whole shard down", func(t *testing.T) {
		c.node(t, "halt", 3)
		c.node(t, "halt", 4)
		defer c.node(t, "resume", 4)
		defer c.node(t, "resume", 3)
		cmd := fiscaldocs(append(append([]string{"query"}, c.store(1, 2)...), "SELECT count() FROM fiscaldocs.v_facts")...)
		out, err := cmd.CombinedOutput()
		msg := string(out)
		if err == nil || !strings.Contains(msg, "shard 2 of cluster "+c.name) || !strings.Contains(msg, "skip_unavailable_shards") ||
			strings.Count(strings.TrimSpace(msg), "\n") > 0 {
			t.Errorf("query with shard 2 down: %v\n%s\nwant one line naming shard 2 and skip_unavailable_shards", err, msg)
		}
	})

	t.Run("a node opened as one server is refused", func(t *testing.T) {
		before := queryCount(t, c.store(4), "SELECT count() FROM fiscaldocs.v_documents")
		out, err := fiscaldocs("query", "--clickhouse", c.addrs[0], "SELECT 1").CombinedOutput()
		if err == nil || !strings.Contains(string(out), "--cluster") {
			t.Errorf("query on a cluster node without --cluster: %v\n%s", err, out)
		}
		if got := queryCount(t, c.store(4), "SELECT count() FROM fiscaldocs.v_documents"); got != before {
			t.Errorf("documents after = %d; want %d (the cluster's views untouched)", got, before)
		}
	})
}
