package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/fiscaldocs/fiscaldocs/load"
	"github.com/fiscaldocs/fiscaldocs/normalize"
)

// TestMain lets the test binary act as fiscaldocs itself, so the crash
// tests can kill a real ingest process: FISCALDOCS_AS_MAIN=1 runs main.
func TestMain(m *testing.M) {
	if os.Getenv("FISCALDOCS_AS_MAIN") == "1" {
		os.Exit(runMain())
	}
	os.Exit(m.Run())
}

// fiscaldocs runs the CLI in a child process.
func fiscaldocs(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "FISCALDOCS_AS_MAIN=1")
	return cmd
}

// needTool skips a test whose store or program is missing, or fails it
// when FISCALDOCS_REQUIRE_TOOLS is set (make test sets it: a fresh machine
// gets everything installed, so a skip there would hide a missing step).
func needTool(t *testing.T, what string, ok bool) {
	if ok {
		return
	}
	if os.Getenv("FISCALDOCS_REQUIRE_TOOLS") != "" {
		t.Fatalf("%s is required (FISCALDOCS_REQUIRE_TOOLS) but missing", what)
	}
	t.Skipf("%s missing", what)
}

func haveChDB() bool {
	p := os.Getenv("CHDB_LIB_PATH")
	if p == "" {
		p = "/usr/local/lib/libchdb.so"
	}
	_, err := os.Stat(p)
	return err == nil
}

// reports writes n small 决算 narratives, each its own document.
func reports(t *testing.T, n int) string {
	dir := t.TempDir()
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("report-%03d.txt", i)), []byte(reportText(fmt.Sprintf("第%d局", i+1), 2021, i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// reportText is a small 决算 narrative of department dept for year, its
// figures varied by i.
func reportText(dept string, year, i int) string {
	return fmt.Sprintf("%s%d年度部门决算\n第二部分 %d年度部门决算情况说明\n一、收入支出决算总体情况说明\n"+
		"%d年度收、支总计%d.%02d万元。与%d年相比，收、支总计各增加4.07万元，增长0.19%%。\n"+
		"二、收入决算情况说明\n%d年本年收入合计%d.%02d万元，其中：一般公共预算财政拨款收入%d.%02d万元。\n"+
		"（一）机关运行经费支出情况\n%d年，%s机关运行经费支出%d.00万元。\n",
		dept, year, year, year, 1000+i, i%100, year-1, year, 1000+i, i%100, 900+i, i%100, year, dept, 10+i)
}

// expectedFacts is the sum of extract --json facts over dir.
func expectedFacts(t *testing.T, dir string) int {
	code, out, _ := runCmd("extract", "--json", dir)
	if code != 0 {
		t.Fatalf("extract exit %d", code)
	}
	return strings.Count(out, `"metric":`)
}

func queryCount(t *testing.T, storeArgs []string, sql string) int {
	t.Helper()
	out, err := fiscaldocs(append(append([]string{"query"}, storeArgs...), "--format", "csv", sql)...).Output()
	if err != nil {
		t.Fatalf("query %s: %v", sql, err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	n, err := strconv.Atoi(lines[len(lines)-1])
	if err != nil {
		t.Fatalf("query %s: %q", sql, out)
	}
	return n
}

// startIngest runs an ingest and returns once it has loaded one document.
func startIngest(t *testing.T, args ...string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := fiscaldocs(append([]string{"ingest", "--workers", "1"}, args...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "ingested ") {
			return cmd, sc
		}
	}
	cmd.Wait()
	t.Fatal("ingest ended before loading a document")
	return nil, nil
}

// TestIngestKilled kills an ingest with SIGKILL after its first document,
// ingests again, and expects the counts of a clean run.
func TestIngestKilled(t *testing.T) {
	needTool(t, "libchdb.so", haveChDB())
	docs := reports(t, 40)
	want := expectedFacts(t, docs)
	store := []string{"--data", filepath.Join(t.TempDir(), "store")}
	cmd, _ := startIngest(t, append(store, docs)...)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if out, err := fiscaldocs(append(append([]string{"ingest"}, store...), docs)...).CombinedOutput(); err != nil {
		t.Fatalf("second ingest: %v\n%s", err, out)
	}
	if got := queryCount(t, store, "SELECT count() FROM "+load.Database+".v_facts"); got != want {
		t.Errorf("facts after a killed and a second ingest = %d; want %d (extract --json)", got, want)
	}
	if got := queryCount(t, store, "SELECT count() FROM "+load.Database+".v_documents"); got != 40 {
		t.Errorf("documents = %d; want 40", got)
	}
	// A third ingest adds nothing.
	out, err := fiscaldocs(append(append([]string{"ingest"}, store...), docs)...).Output()
	if err != nil || !strings.Contains(string(out), "0 ingested (0 facts), 40 skipped") {
		t.Errorf("third ingest: %v %s", err, out)
	}
}

// TestServerStoppedMidLoad stops the ClickHouse server during an ingest:
// the run reports the failure and exits non-zero; once the server is back
// a re-run completes with exact counts.
func TestServerStoppedMidLoad(t *testing.T) {
	_, err := exec.LookPath("clickhouse-server")
	needTool(t, "clickhouse-server", err == nil)
	script, _ := filepath.Abs("../../scripts/ch-test-server.sh")
	dir := t.TempDir()
	ports := freePorts(t, 2)
	port := ports[0]
	start := func() {
		if out, err := exec.Command(script, "start", dir, strconv.Itoa(port), strconv.Itoa(ports[1])).CombinedOutput(); err != nil {
			t.Fatalf("start clickhouse-server: %v\n%s", err, out)
		}
	}
	start()
	t.Cleanup(func() { exec.Command(script, "stop", dir).Run() })
	docs := reports(t, 40)
	want := expectedFacts(t, docs)
	store := []string{"--clickhouse", "127.0.0.1:" + strconv.Itoa(port)}
	cmd, sc := startIngest(t, append(store, docs)...)
	if out, err := exec.Command(script, "halt", dir).CombinedOutput(); err != nil {
		t.Fatalf("halt: %v %s", err, out)
	}
	var rest []string
	for sc.Scan() {
		rest = append(rest, sc.Text())
	}
	err = cmd.Wait()
	if err == nil {
		t.Fatalf("ingest succeeded with the server stopped:\n%s", strings.Join(rest, "\n"))
	}
	start()
	deadline := time.Now().Add(30 * time.Second)
	for {
		out, err := fiscaldocs(append(append([]string{"ingest"}, store...), docs)...).CombinedOutput()
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("re-run: %v\n%s", err, out)
		}
		time.Sleep(500 * time.Millisecond)
	}
	if got := queryCount(t, store, "SELECT count() FROM "+load.Database+".v_facts"); got != want {
		t.Errorf("facts after the re-run = %d; want %d", got, want)
	}
	if got := queryCount(t, store, "SELECT count() FROM "+load.Database+".v_documents WHERE status = 'ok'"); got != 40 {
		t.Errorf("documents = %d; want 40", got)
	}
}

// TestQueryExportSearch ingests the docx fixture and reads it back three
// ways.
func TestQueryExportSearch(t *testing.T) {
	needTool(t, "libchdb.so", haveChDB())
	store := []string{"--data", filepath.Join(t.TempDir(), "store")}
	if out, err := fiscaldocs(append(append([]string{"ingest"}, store...), fixture)...).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	out, err := fiscaldocs(append(append([]string{"query"}, store...), "--format", "json",
		"SELECT d.department AS dept, f.value AS value FROM fiscaldocs.v_facts AS f INNER JOIN fiscaldocs.v_documents AS d ON f.doc_id = d.id WHERE f.metric = 'three_public.total' AND f.measure = 'amount'")...).Output()
	if err != nil || string(out) != "[\n"+`{"dept":"攀枝花市人大常委会办公室","value":188500}`+"\n]\n" {
		t.Errorf("query: %v %s", err, out)
	}
	dir := t.TempDir()
	if out, err := fiscaldocs(append(append([]string{"export"}, store...), "--out", dir)...).CombinedOutput(); err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	summary, err := os.ReadFile(filepath.Join(dir, "summary.csv"))
	if err != nil || !strings.HasPrefix(string(summary), "\uFEFFid,department_id,department_name,department,year") ||
		!regexp.MustCompile(`,[0-9a-f]{12},攀枝花市人大常委会办公室,攀枝花市人大常委会办公室,2021,决算,部门`).Match(summary) ||
		!strings.Contains(string(summary), ",188500,") {
		t.Errorf("summary.csv: %v\n%s", err, summary)
	}
	facts, _ := os.ReadFile(filepath.Join(dir, "facts.csv"))
	if rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(facts), "\uFEFF"))).ReadAll(); err != nil || len(rows) != 98 { // header + 97 facts
		t.Errorf("facts.csv has %d rows (%v); want 98", len(rows), err)
	}
	cmd := fiscaldocs(append(append([]string{"search"}, store...), "公务接待费", "减少")...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err = cmd.Output()
	if err != nil || !strings.Contains(string(out), "攀枝花市人大常委会办公室 2021年决算") || !strings.Contains(string(out), "【公务接待费】支出决算比2020年【减少】1.38万元") ||
		stderr.String() != "1 passages found\n" {
		t.Errorf("search: %v\n%s%s", err, out, stderr.String())
	}
}

// writeCounter is a store that records what each Write was given.
type writeCounter struct {
	load.Store // nil: only Holdings and Write are called
	mu         sync.Mutex
	writes     []int // documents per write
	docs       map[string]bool
	fail       bool
}

func (w *writeCounter) Holdings(context.Context, string) (map[string]load.Stored, error) {
	return nil, nil
}

func (w *writeCounter) Write(_ context.Context, bs ...*load.Batch) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.fail && len(w.writes) > 0 {
		return errors.New("server gone")
	}
	w.writes = append(w.writes, len(bs))
	for _, b := range bs {
		w.docs[b.Document.ID] = true
	}
	return nil
}

// TestIngestWritesTogether: the first document is written alone, the rest
// together; a store that fails after that loads nothing more, and the
// summary counts only what was written.
func TestIngestWritesTogether(t *testing.T) {
	seg, err := normalize.NewSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	dir := reports(t, 40)
	w := &writeCounter{docs: map[string]bool{}}
	var out, errOut strings.Builder
	if err := ingest(context.Background(), w, seg, expand([]string{dir}, io.Discard), ingestOptions{workers: 2}, &out, &errOut); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	// [1 39], or a write more if reading took over maxWait (a slow machine).
	if len(w.writes) == 0 || w.writes[0] != 1 || len(w.writes) > 3 || len(w.docs) != 40 || !strings.HasPrefix(out.String(), "40 documents: 40 ingested") {
		t.Errorf("writes %v of %d documents; summary %q", w.writes, len(w.docs), out.String())
	}
	w = &writeCounter{docs: map[string]bool{}, fail: true}
	out.Reset()
	err = ingest(context.Background(), w, seg, expand([]string{dir}, io.Discard), ingestOptions{workers: 2}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "server gone") || !strings.HasPrefix(out.String(), "40 documents: 1 ingested") {
		t.Errorf("failing store: err %v, summary %q", err, out.String())
	}
}
