package main

import (
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fiscaldocs/fiscaldocs/internal/hostile"
)

// Bounds on the hostile-corpus run: the ingest process's peak resident
// memory and its wall time (on two shared cores, beside the other tests).
const (
	hostileMaxRSS  = 1 << 30 // bytes
	hostileMaxWall = 3 * time.Minute
)

// hostileFiles are issue #20's hostile inputs, and what each must come to
// in the store: an error (its text containing want) or a stored document
// (status ok or not_a_report) whose findings include the rule in want, if
// any.
func hostileFiles(t *testing.T) (files []hostile.File, want map[string]hostileOutcome) {
	good := reportText("第一局", 2021, 1)
	for _, s := range []string{"收入合计", "二、收入"} {
		if !strings.Contains(good, s) {
			t.Fatalf("the report text lacks %q", s)
		}
	}
	at := strings.Index(good, "二、收入")
	files = []hostile.File{
		{Name: "formula-chain.xlsx", Data: hostile.FormulaChain(100000)},
		{Name: "rept.xlsx", Data: hostile.Rept()},
		{Name: "far-cells.xlsx", Data: hostile.FarCells()},
		{Name: "sst-dtd.xlsx", Data: hostile.SharedStringsDTD()},
		{Name: "twice.docx", Data: hostile.DocxTwice()},
		{Name: "misdeclared.html", Data: hostile.MisdeclaredHTML()},
		{Name: "long-sentence.txt", Data: append([]byte("2021年度部门决算\n"), hostile.LongSentence(200<<10)...)},
		{Name: "plain-pages.pdf", Data: hostile.PlainPages(200)},
		{Name: "huge-page.pdf", Data: hostile.HugePage()},
		{Name: "huge-figure.txt", Data: []byte(strings.Replace(good, "收入合计", "收入合计"+strings.Repeat("9", 40), 1))},
		{Name: "decimals.txt", Data: []byte(strings.Replace(good, "收入合计", "收入合计1."+strings.Repeat("1", 5000)+"万元，原", 1))},
		{Name: "bad-byte.txt", Data: []byte(good[:at] + "\xff" + good[at:])},
		{Name: "invisible.html", Data: []byte("<html><meta charset=utf-8><body><p>" + strings.ReplaceAll(strings.Replace(good, "收入合计10", "收入合计1\u200b0", 1), "\n", "</p><p>") + "</p></body></html>")},
	}
	want = map[string]hostileOutcome{
		"sst-dtd.xlsx":    {err: "xl/sharedStrings.xml line 1: malformed XML: a DTD"},
		"twice.docx":      {err: "word/document.xml: damaged document: two archive entries of this name"},
		"huge-figure.txt": {finding: unfitRule, facts: "5"},
		"decimals.txt":    {finding: unfitRule, facts: "5"},
		// Read as the clean report is: its 6 facts; the page's 8.
		"bad-byte.txt":     {facts: "6"},
		"invisible.html":   {facts: "6"},
		"misdeclared.html": {facts: "8"},
	}
	return files, want
}

type hostileOutcome struct {
	err, finding string
	facts        string // the facts stored, when they are known
}

// TestHostileCorpus runs every hostile input through ingest in one child
// process together with a good document: the good one is stored whole,
// each hostile one ends in a one-line error or a stored, flagged result,
// and the process stays within hostileMaxRSS and hostileMaxWall.
func TestHostileCorpus(t *testing.T) {
	needTool(t, "libchdb.so", haveChDB())
	dir := t.TempDir()
	files, want := hostileFiles(t)
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	seed, err := os.ReadFile("../../testdata/seed/panzhihua-npc-office-2021.docx")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "good.docx"), seed, 0o644); err != nil {
		t.Fatal(err)
	}
	// The binary as users run it: this test's own, under make test, is
	// built with the race detector, which multiplies memory several times.
	gocmd, err := exec.LookPath("go")
	needTool(t, "the go command", err == nil)
	bin := filepath.Join(t.TempDir(), "fiscaldocs")
	if out, err := exec.Command(gocmd, "build", "-tags", "ne", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	store := []string{"--data", filepath.Join(t.TempDir(), "store")}
	cmd := exec.Command(bin, append(append([]string{"ingest"}, store...), dir)...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	wall := time.Since(start)
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Errorf("ingest exit %d (%v); want 1, for the documents that failed\n%s", code, err, out)
	}
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // KiB on Linux
	t.Logf("ingest of %d hostile files and a good one: %s, peak RSS %d MiB", len(files), wall.Round(time.Millisecond), rss>>20)
	if rss > hostileMaxRSS {
		t.Errorf("peak RSS %d MiB; want under %d MiB", rss>>20, hostileMaxRSS>>20)
	}
	if wall > hostileMaxWall {
		t.Errorf("wall time %s; want under %s", wall, hostileMaxWall)
	}
	rows := queryRows(t, store, "SELECT file, status, facts, error FROM fiscaldocs.v_documents")
	findings := map[string]string{}
	for _, r := range queryRows(t, store, "SELECT d.file, groupArray(f.rule) FROM fiscaldocs.v_findings f JOIN fiscaldocs.v_documents d ON f.doc_id = d.id GROUP BY d.file") {
		findings[filepath.Base(r[0])] = r[1]
	}
	seen := map[string]bool{}
	for _, r := range rows {
		name, status, facts, msg := filepath.Base(r[0]), r[1], r[2], r[3]
		seen[name] = true
		t.Logf("%s: %s, %s facts, findings %s, %.120s", name, status, facts, clip(findings[name], 120), msg)
		w := want[name]
		switch {
		case name == "good.docx":
			if status != "ok" || facts != "97" {
				t.Errorf("good.docx: %s, %s facts; want ok, 97", status, facts)
			}
		case strings.Contains(msg, "\n") || len(msg) > maxErrorText+len("…"):
			t.Errorf("%s: error of %d bytes over lines: %.200q", name, len(msg), msg)
		case w.err != "":
			if status != "error" || !strings.Contains(msg, w.err) {
				t.Errorf("%s: %s %q; want an error saying %q", name, status, msg, w.err)
			}
		case status == "error":
			t.Errorf("%s: error %q; want it stored", name, msg)
		case w.finding != "" && !strings.Contains(findings[name], w.finding):
			t.Errorf("%s: findings %s; want %s", name, findings[name], w.finding)
		case w.facts != "" && facts != w.facts:
			t.Errorf("%s: %s facts; want %s", name, facts, w.facts)
		}
	}
	for _, f := range append(files, hostile.File{Name: "good.docx"}) {
		if !seen[f.Name] {
			t.Errorf("%s: no documents row", f.Name)
		}
	}
}

// queryRows runs sql on the store in a child process and returns its rows.
func queryRows(t *testing.T, storeArgs []string, sql string) [][]string {
	t.Helper()
	cmd := fiscaldocs(append(append([]string{"query"}, storeArgs...), "--format", "csv", sql)...)
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if e, ok := err.(*exec.ExitError); ok {
			stderr = string(e.Stderr)
		}
		t.Fatalf("query %s: %v %s", sql, err, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(string(out))).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("query %s: %v %q", sql, err, out)
	}
	return rows[1:] // the header
}
