package main

import (
	"bytes"
	"encoding/csv"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/load"
	"github.com/fiscaldocs/fiscaldocs/normalize"
)

// fiscaldocs schema names every table and view, with its columns, and
// every metric key with its Chinese name and unit.
func TestSchemaCommand(t *testing.T) {
	code, out, errs := runCmd("schema")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, tb := range load.Tables() {
		if !regexp.MustCompile(`(?m)^` + tb.Name + `:`).MatchString(out) {
			t.Errorf("table %s not listed", tb.Name)
		}
	}
	if !strings.Contains(out, "facts:\n  doc_id String, seq UInt32, metric String,") || !strings.Contains(out, "department_id String, department String, department_name String, region String, year UInt16, kind String, scope String, file String, x0 Decimal(9, 2), y0 Decimal(9, 2), x1 Decimal(9, 2), y1 Decimal(9, 2)\n") ||
		!strings.Contains(out, "v_facts: the current rows of facts\n") {
		t.Errorf("facts and v_facts are not described:\n%s", out)
	}
	for key, m := range normalize.Metrics() {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + ` +` + regexp.QuoteMeta(m.Zh) + ` +\S+ +(yuan|percent|count)$`).MatchString(out) {
			t.Errorf("metric %s (%s) not listed with its name and unit", key, m.Zh)
		}
	}
	code, out, _ = runCmd("schema", "fiscaldocs.v_facts")
	if code != 0 || !strings.HasPrefix(out, "v_facts: the current rows of facts\n  doc_id String\n  seq UInt32\n") || strings.Contains(out, "Metric keys") {
		t.Errorf("schema v_facts: exit %d\n%s", code, out)
	}
	if code, out, _ = runCmd("schema", "metrics"); code != 0 || !strings.Contains(out, "  measures Array(String)\n") || !strings.Contains(out, "three_public.total") {
		t.Errorf("schema metrics: exit %d\n%s", code, out)
	}
	if code, _, errs := runCmd("schema", "nosuch"); code != 2 || !strings.Contains(errs, `no table or view "nosuch"; there are documents, facts,`) {
		t.Errorf("schema nosuch: exit %d, %q; want 2 and the tables there are", code, errs)
	}
}

// TestSchemaExamples runs the example queries of docs/schema.md on a store
// of the shared corpus's PDFs — chDB, and a ClickHouse server of its own —
// and checks each returns the columns its first line names, and rows. It
// also checks that the page describes every column of every table and
// view, and that each store's tables have the columns fiscaldocs schema
// prints. Without the corpus the queries run on the seed, where some
// rightly find nothing: only their columns are checked then.
func TestSchemaExamples(t *testing.T) {
	needTool(t, "libchdb.so", haveChDB())
	page, err := os.ReadFile("../../docs/schema.md")
	if err != nil {
		t.Fatal(err)
	}
	checkDescribed(t, string(page))
	examples := regexp.MustCompile("(?s)```sql\n(.*?)```").FindAllStringSubmatch(string(page), -1)
	if len(examples) != 10 {
		t.Fatalf("docs/schema.md has %d example queries; want ten", len(examples))
	}
	docs := []string{"../../../shared/corpus/pdf"}
	corpus := true
	if _, err := os.Stat(docs[0]); err != nil {
		docs, corpus = []string{fixture}, false
		t.Logf("%s absent: the examples run on the seed, and only their columns are checked", docs[0])
	}
	stores := map[string][]string{"chdb": {"--data", filepath.Join(t.TempDir(), "store")}}
	if addr := privateServer(t); addr != "" {
		stores["server"] = []string{"--clickhouse", addr}
	}
	for name, store := range stores {
		if out, err := fiscaldocs(append(append([]string{"ingest"}, store...), docs...)...).CombinedOutput(); err != nil {
			t.Fatalf("%s: ingest: %v\n%s", name, err, out)
		}
		checkTables(t, name, store)
		for i, m := range examples {
			sql := m[1]
			want, _ := strings.CutPrefix(strings.SplitN(sql, "\n", 2)[0], "-- columns: ")
			cmd := fiscaldocs(append(append([]string{"query"}, store...), "--format", "csv", "-")...)
			cmd.Stdin = strings.NewReader(sql)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Errorf("%s: example %d: %v\n%s", name, i+1, err, out)
				continue
			}
			rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
			if err != nil || len(rows) == 0 || strings.Join(rows[0], ", ") != want {
				t.Errorf("%s: example %d returns %q (%v); its first line says %q", name, i+1, rows[:min(1, len(rows))], err, want)
				continue
			}
			if corpus && len(rows) < 2 {
				t.Errorf("%s: example %d returns no rows on the corpus", name, i+1)
			}
			if corpus && i == 9 {
				checkDepartments(t, name, rows)
			}
		}
		if corpus {
			checkScopes(t, name, store)
		}
	}
}

// checkDepartments checks example 10's departments against the corpus
// manifest, which names each PDF's department as its body calls itself:
// one row per body, under that name, with the spellings its documents
// print.
func checkDepartments(t *testing.T, store string, rows [][]string) {
	manifest, err := os.ReadFile("../../../shared/corpus/MANIFEST.tsv")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, l := range strings.Split(string(manifest), "\n") {
		if f := strings.Split(l, "\t"); len(f) > 8 && f[4] == "pdf" && !strings.HasPrefix(f[8], "(") {
			want[f[8]] = true
		}
	}
	got := map[string]bool{}
	for _, r := range rows[1:] {
		if got[r[1]] {
			t.Errorf("%s: %s listed twice", store, r[1])
		}
		got[r[1]] = true
		if !want[r[1]] {
			t.Errorf("%s: department %q (printed %s) is none of the manifest's", store, r[1], r[4])
		}
		if r[1] == "中共江苏省委办公厅" && r[4] != "['中共江苏省委办公厅','中国共产党江苏省委员会办公厅','江苏省委办公厅']" {
			t.Errorf("%s: the party committee's office is printed %s; want its three spellings joined", store, r[4])
		}
	}
	for d := range want {
		if !got[d] {
			t.Errorf("%s: the manifest's department %s is not listed", store, d)
		}
	}
}

// checkScopes checks each corpus document's scope against the manifest,
// whose notes call a unit's report a 单位预算.
func checkScopes(t *testing.T, name string, store []string) {
	manifest, err := os.ReadFile("../../../shared/corpus/MANIFEST.tsv")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, l := range strings.Split(string(manifest), "\n") {
		if f := strings.Split(l, "\t"); len(f) > 13 && f[4] == "pdf" {
			want[filepath.Base(f[1])] = "部门"
			if strings.Contains(f[13], "单位预算") {
				want[filepath.Base(f[1])] = "单位"
			}
		}
	}
	out, err := fiscaldocs(append(append([]string{"query"}, store...), "--format", "tsv",
		"SELECT file, scope FROM fiscaldocs.v_documents WHERE status = 'ok' AND file LIKE '%/corpus/pdf/%'")...).Output()
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSpace(string(out)), "\n")[1:]
	if len(rows) < 29 {
		t.Errorf("%s: %d corpus documents read", name, len(rows))
	}
	for _, r := range rows {
		file, scope, _ := strings.Cut(r, "\t")
		if w := want[filepath.Base(file)]; scope != w {
			t.Errorf("%s: %s has scope %q; the manifest says %q", name, filepath.Base(file), scope, w)
		}
	}
}

// privateServer starts a ClickHouse server of the test's own, so that no
// other package's tests (which alter the shared one's tables) interfere,
// and returns its address; "" when clickhouse-server is missing and not
// required.
func privateServer(t *testing.T) string {
	_, err := exec.LookPath("clickhouse-server")
	if err != nil && os.Getenv("FISCALDOCS_REQUIRE_TOOLS") == "" {
		t.Log("clickhouse-server missing: the examples run on chDB only")
		return ""
	}
	needTool(t, "clickhouse-server", err == nil)
	ports := freePorts(t, 2) // tcp, http
	script, _ := filepath.Abs("../../scripts/ch-test-server.sh")
	dir := t.TempDir()
	if out, err := exec.Command(script, "start", dir, strconv.Itoa(ports[0]), strconv.Itoa(ports[1])).CombinedOutput(); err != nil {
		t.Fatalf("start clickhouse-server: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command(script, "stop", dir).Run() })
	return "127.0.0.1:" + strconv.Itoa(ports[0])
}

// freePorts returns n loopback ports free a moment ago.
func freePorts(t *testing.T, n int) []int {
	var ports []int
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports
}

// checkDescribed checks that docs/schema.md has a section for every view
// and dictionary that names each of its columns.
func checkDescribed(t *testing.T, page string) {
	for _, tb := range load.Tables() {
		if tb.Of == "" && !strings.Contains(" metrics measures functions ", " "+tb.Name+" ") {
			continue // a versioned table, described by its view
		}
		_, section, ok := strings.Cut(page, "\n### "+tb.Name+"\n")
		if !ok {
			t.Errorf("docs/schema.md has no section ### %s", tb.Name)
			continue
		}
		section, _, _ = strings.Cut(section, "\n### ")
		for _, c := range tb.Columns {
			if !strings.Contains(section, "`"+c[0]+"`") {
				t.Errorf("docs/schema.md, ### %s, does not describe %s", tb.Name, c[0])
			}
		}
	}
}

// checkTables checks that a store's tables and views have the columns
// load.Tables (and so fiscaldocs schema) gives, with their types.
func checkTables(t *testing.T, name string, store []string) {
	for _, tb := range load.Tables() {
		out, err := fiscaldocs(append(append([]string{"query"}, store...), "--format", "tsv", "DESCRIBE TABLE fiscaldocs."+tb.Name)...).Output()
		if err != nil {
			t.Errorf("%s: DESCRIBE %s: %v", name, tb.Name, err)
			continue
		}
		var got, want []string
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n")[1:] {
			f := strings.Split(l, "\t")
			got = append(got, f[0]+" "+f[1])
		}
		for _, c := range tb.Columns {
			want = append(want, c[0]+" "+c[1])
		}
		if strings.Join(got, ", ") != strings.Join(want, ", ") {
			t.Errorf("%s: %s has columns\n%s\nfiscaldocs schema says\n%s", name, tb.Name, strings.Join(got, ", "), strings.Join(want, ", "))
		}
	}
}
