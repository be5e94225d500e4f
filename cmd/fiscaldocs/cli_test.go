package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/internal/cli"
	"github.com/fiscaldocs/fiscaldocs/load"
	"github.com/fiscaldocs/fiscaldocs/normalize"
)

// The command line's conventions (#17 §3): what go, git, sqlite3 and
// clickhouse-client users expect of it.

// Flags after the arguments are read as flags, not as files.
func TestFlagsAfterArguments(t *testing.T) {
	code, out, errs := runCmd("extract", fixture, "--json")
	var doc jsonOutput
	if code != 0 || json.Unmarshal([]byte(out), &doc) != nil || doc.Document.Year != 2021 {
		t.Errorf("extract FILE --json: exit %d, stderr %q; want the document's JSON", code, errs)
	}
	code, _, errs = runCmd("extract", fixture, "--nosuch")
	if code != 2 || !strings.Contains(errs, "flag provided but not defined: --nosuch") {
		t.Errorf("extract FILE --nosuch: exit %d, stderr %q; want 2 and the flag named", code, errs)
	}
}

// ingest FILE --data X writes to X, not to ./fiscaldocs-data.
func TestIngestDataAfterFile(t *testing.T) {
	needTool(t, "libchdb.so", haveChDB())
	wd := t.TempDir()
	abs, _ := filepath.Abs(fixture)
	cmd := fiscaldocs("ingest", abs, "--data", "X")
	cmd.Dir = wd
	if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "1 documents: 1 ingested") {
		t.Fatalf("ingest FILE --data X: %v\n%s", err, out)
	}
	if st, err := os.Stat(filepath.Join(wd, "X")); err != nil || !st.IsDir() {
		t.Errorf("no store in X: %v", err)
	}
	if _, err := os.Stat(filepath.Join(wd, "fiscaldocs-data")); err == nil {
		t.Error("ingest FILE --data X made ./fiscaldocs-data")
	}
}

// The commands that read the store refuse a store folder that is not
// there, and do not make one.
func TestReadingNoStore(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nostore")
	for _, args := range [][]string{
		{"query", "--data", missing, "SELECT 1"},
		{"export", "--data", missing, "--out", filepath.Join(t.TempDir(), "csv")},
		{"search", "--data", missing, "公务接待费"},
		{"report", "--data", missing, "--out", filepath.Join(t.TempDir(), "r.html")},
	} {
		code, out, errs := runCmd(args...)
		if code != 1 || out != "" || !strings.Contains(errs, "no store at "+strconv.Quote(missing)+"; run ingest first") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want 1 and no store", args[0], code, out, errs)
		}
		if _, err := os.Stat(missing); err == nil {
			t.Fatalf("%s made %s", args[0], missing)
		}
	}
	// A folder that holds no store is no store either.
	empty := t.TempDir()
	if code, _, errs := runCmd("query", "--data", empty, "SELECT 1"); code != 1 || !strings.Contains(errs, "no store at") {
		t.Errorf("query on an empty folder: exit %d, %q", code, errs)
	}
}

// help CMD and CMD -h print the command's usage, every flag and examples
// on stdout.
func TestCommandHelp(t *testing.T) {
	for _, c := range commands {
		code, out, errs := runCmd("help", c.Name)
		if code != 0 || errs != "" {
			t.Errorf("help %s: exit %d, stderr %q", c.Name, code, errs)
		}
		if !strings.HasPrefix(out, "usage: fiscaldocs "+c.Name+" ") || !strings.Contains(out, "\nexamples:\n  fiscaldocs "+c.Name) {
			t.Errorf("help %s lacks its usage or examples:\n%s", c.Name, out)
		}
		// Every flag the command defines is listed.
		var help *cli.HelpRequest
		if err := c.run(context.Background(), []string{"-h"}, io.Discard, io.Discard); !errors.As(err, &help) {
			t.Fatalf("%s -h: %v", c.Name, err)
		}
		help.Flags.VisitAll(func(f *flag.Flag) {
			if !strings.Contains(out, "\n  --"+f.Name) {
				t.Errorf("help %s does not list --%s", c.Name, f.Name)
			}
		})
		if code, dash, _ := runCmd(c.Name, "-h"); code != 0 || dash != out {
			t.Errorf("%s -h: exit %d, and its output differs from help %s", c.Name, code, c.Name)
		}
	}
	if code, out, _ := runCmd("help"); code != 0 || !strings.Contains(out, "fiscaldocs help COMMAND") {
		t.Errorf("help: exit %d\n%s", code, out)
	}
	if code, _, errs := runCmd("help", "nosuch"); code != 2 || !strings.Contains(errs, `unknown command "nosuch"`) {
		t.Errorf("help nosuch: exit %d, %q", code, errs)
	}
}

func TestVersion(t *testing.T) {
	for _, arg := range []string{"--version", "version"} {
		code, out, _ := runCmd(arg)
		if code != 0 || !strings.HasPrefix(out, "fiscaldocs "+Version+" (") || !strings.Contains(out, "\nextractor fiscaldocs/"+Version+"\n") {
			t.Errorf("%s: exit %d\n%s", arg, code, out)
		}
	}
}

// A command line not understood exits 2 and says what was wrong; a flag
// with a list of values names them.
func TestUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"query", "--nosuch", "SELECT 1"}, "flag provided but not defined: --nosuch"},
		{[]string{"ingest", "--workers", "many", "x"}, `invalid value "many" for flag --workers`},
		{[]string{"ingest", "--shard", "3/2", "x"}, "--shard \"3/2\": want K/N"},
		{[]string{"query", "--format", "xml", "SELECT 1"}, "want one of table, csv, tsv, json, jsonl"},
		{[]string{"report", "--kind", "年报", "--out", "r.html"}, "want one of 决算, 预算"},
		{[]string{"query", "--bom", "SELECT 1"}, "--bom is for --format csv or tsv"},
		{[]string{"query"}, "no SQL given"},
	} {
		code, out, errs := runCmd(c.args...)
		if code != 2 || out != "" || !strings.Contains(errs, c.want) || !strings.Contains(errs, "usage: fiscaldocs "+c.args[0]) {
			t.Errorf("%q: exit %d, stderr %q; want 2, %q and the usage", c.args, code, errs, c.want)
		}
	}
}

func TestReadSQL(t *testing.T) {
	file := filepath.Join(t.TempDir(), "q.sql")
	os.WriteFile(file, []byte("\uFEFFSELECT 1\n"), 0o644)
	for _, c := range []struct {
		args       []string
		file, want string
	}{
		{[]string{"SELECT", "1"}, "", "SELECT 1"},
		{[]string{"-"}, "", "SELECT 2 -- from stdin\n"},
		{nil, "-", "SELECT 2 -- from stdin\n"},
		{nil, file, "SELECT 1\n"},
	} {
		got, err := readSQL(c.args, c.file, strings.NewReader("SELECT 2 -- from stdin\n"))
		if err != nil || got != c.want {
			t.Errorf("readSQL(%q, %q) = %q, %v; want %q", c.args, c.file, got, err, c.want)
		}
	}
	for _, c := range []struct {
		args       []string
		file, want string
	}{
		{[]string{"SELECT 1"}, file, "not both"},
		{nil, "", "no SQL given"},
		{[]string{"-"}, "", "no SQL in standard input"},
		{nil, filepath.Join(t.TempDir(), "none.sql"), "none.sql"},
	} {
		if _, err := readSQL(c.args, c.file, strings.NewReader(" \n")); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("readSQL(%q, %q): %v; want an error saying %q", c.args, c.file, err, c.want)
		}
	}
}

// batchStore is a store that keeps what it is given.
type batchStore struct {
	load.Store // nil: only Holdings and Write are called
	mu         sync.Mutex
	batches    []*load.Batch
}

func (s *batchStore) Holdings(context.Context, string) (map[string]load.Stored, error) {
	return nil, nil
}

func (s *batchStore) Write(_ context.Context, bs ...*load.Batch) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.batches = append(s.batches, bs...)
	return nil
}

// A file that is not a budget report is recorded, without facts or blocks,
// as not_a_report with the reason, and said so on stderr; it is not a
// failure.
func TestIngestNotAReport(t *testing.T) {
	seg, err := normalize.NewSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notes, []byte("会议通知\n请各单位于周五前报送材料。\n"), 0o644)
	s := &batchStore{}
	var out, errOut strings.Builder
	if err := ingest(context.Background(), s, seg, []string{notes, fixture}, ingestOptions{workers: 1}, &out, &errOut); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	if !strings.HasPrefix(out.String(), "2 documents: 1 ingested (97 facts), 0 skipped, 1 not reports, 0 failed") {
		t.Errorf("summary %q", out.String())
	}
	if !strings.Contains(errOut.String(), "not a report "+strconv.Quote(notes)+": no budget facts found, and no 决算 or 预算 named\n") {
		t.Errorf("stderr does not say the file is not a report:\n%s", errOut.String())
	}
	var got *load.Batch
	for _, b := range s.batches {
		if b.Document.File == notes {
			got = b
		}
	}
	if got == nil || got.Document.Status != "not_a_report" || got.Document.Error == "" || len(got.Blocks)+len(got.Facts)+len(got.Findings) != 0 {
		t.Errorf("stored for the notes: %+v", got)
	}
}

// An empty folder is a warning, not an error.
func TestEmptyFolderWarns(t *testing.T) {
	empty := t.TempDir()
	code, _, errs := runCmd("extract", empty, fixture)
	if code != 0 || errs != "warning: "+strconv.Quote(empty)+": no files in this folder\n" {
		t.Errorf("extract EMPTY FILE: exit %d, stderr %q; want 0 and a warning", code, errs)
	}
}

// query reads its SQL from arguments, a file or stdin, writes JSON with
// numbers bare, and tells the store's refusal in the query's terms; ingest
// records what is not a report, and warns of an empty folder.
func TestQueryConventions(t *testing.T) {
	needTool(t, "libchdb.so", haveChDB())
	dir := t.TempDir()
	store := filepath.Join(dir, "store")
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("会议通知\n请各单位于周五前报送材料。\n"), 0o644)
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	cmd := fiscaldocs("ingest", fixture, notes, empty, "--data", store)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if out, err := cmd.Output(); err != nil || !strings.Contains(string(out), "1 not reports, 0 failed") {
		t.Fatalf("ingest: %v\n%s%s", err, out, stderr.String())
	}
	if !strings.Contains(stderr.String(), "warning: "+strconv.Quote(empty)+": no files in this folder\n") || !strings.Contains(stderr.String(), "not a report "+strconv.Quote(notes)+": ") {
		t.Errorf("ingest's stderr lacks the warning or the file not a report:\n%s", stderr.String())
	}

	sql := "SELECT status, error, facts FROM fiscaldocs.v_documents ORDER BY file"
	want := `{"status":"ok","error":"","facts":97}` + "\n" + `{"status":"not_a_report","error":"no budget facts found, and no 决算 or 预算 named","facts":0}` + "\n"
	file := filepath.Join(dir, "q.sql")
	os.WriteFile(file, []byte(sql+"\n"), 0o644)
	for _, args := range [][]string{{sql}, {"-"}, {"--file", file}, {"--file", "-"}} {
		cmd := fiscaldocs(append([]string{"query", "--data", store, "--format", "jsonl"}, args...)...)
		cmd.Stdin = strings.NewReader(sql)
		if out, err := cmd.Output(); err != nil || string(out) != want {
			t.Errorf("query %q: %v\n%s\nwant\n%s", args, err, out, want)
		}
	}

	out, err := fiscaldocs("query", "--data", store, "SELEC 1").CombinedOutput()
	if code := exitCode(err); code != 1 || !strings.Contains(string(out), "fiscaldocs query: syntax error at line 1, column 7: expected one of:") ||
		!strings.Contains(string(out), "\n  SELEC 1\n        ^\n") || strings.Contains(string(out), "Code: 62") || strings.Contains(string(out), "load:") {
		t.Errorf("a syntax error: exit %d\n%s", code, out)
	}
	out, _ = fiscaldocs("query", "--data", store, "SELECT * FROM v_facts").CombinedOutput()
	if !strings.Contains(string(out), "(UNKNOWN_TABLE)\nThe views to read are fiscaldocs.v_documents") {
		t.Errorf("an unknown table:\n%s", out)
	}
}
