package main

import (
	"bufio"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestCrawlIngest crawls a GBK portal on loopback with --ingest: the
// document lands in the store with the URL it came from, and a second
// round downloads and loads nothing.
func TestCrawlIngest(t *testing.T) {
	needTool(t, "libchdb.so", haveChDB())
	docx, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	page, err := simplifiedchinese.GBK.NewEncoder().String(`<html><head><meta charset="gbk"></head><body>
<a href="/uploads/2022/rd-2021-juesuan.docx">攀枝花市人大常委会办公室2021年部门决算</a>
<a href="/missing.pdf">已删除</a></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	mod := time.Date(2022, 9, 1, 0, 0, 0, 0, time.UTC)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/list.html":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, page)
		case "/uploads/2022/rd-2021-juesuan.docx":
			http.ServeContent(w, r, "", mod, strings.NewReader(string(docx)))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	tmp := t.TempDir()
	seeds := filepath.Join(tmp, "seeds.txt")
	if err := os.WriteFile(seeds, []byte("# the portal\n"+srv.URL+"/list.html\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	into, store := filepath.Join(tmp, "crawl"), []string{"--data", filepath.Join(tmp, "store")}
	// The same bytes, ingested first from a folder: no URL yet.
	if out, err := fiscaldocs(append([]string{"ingest", fixture}, store...)...).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	args := append([]string{"crawl", "--seeds", seeds, "--into", into, "--delay", "0", "--ingest"}, store...)

	cmd := fiscaldocs(args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	// The 404 is listed, and tells apart from a failed run by exit 3.
	if code := exitCode(err); code != 3 || !strings.Contains(string(out), "1 files downloaded, 0 unchanged, 0 duplicates, 1 failed") ||
		!strings.Contains(string(out), "1 documents: 1 ingested") || !strings.Contains(stderr.String(), "download failed: "+srv.URL+"/missing.pdf: ") ||
		!strings.Contains(stderr.String(), "some downloads failed (listed above)") {
		t.Fatalf("first round: exit %d\n%s%s", code, out, stderr.String())
	}
	url := srv.URL + "/uploads/2022/rd-2021-juesuan.docx"
	if n := queryCount(t, store, "SELECT count() FROM fiscaldocs.v_documents WHERE source_url = '"+url+"' AND department = '攀枝花市人大常委会办公室'"); n != 1 {
		t.Errorf("documents with the source URL: %d, want 1 (its bytes were in the store before, from a folder)", n)
	}
	out, err = fiscaldocs(args...).Output()
	if code := exitCode(err); code != 3 || !strings.Contains(string(out), "0 files downloaded, 1 unchanged") ||
		!strings.Contains(string(out), "1 documents: 0 ingested (0 facts), 1 skipped") {
		t.Errorf("second round: exit %d\n%s", code, out)
	}
	if n := queryCount(t, store, "SELECT count() FROM fiscaldocs.v_documents"); n != 1 {
		t.Errorf("documents after two rounds: %d, want 1", n)
	}
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if ee, ok := err.(interface{ ExitCode() int }); ok {
		return ee.ExitCode()
	}
	return -1
}

func TestCrawlUsage(t *testing.T) {
	for _, args := range [][]string{{"crawl"}, {"crawl", "--seeds", "x"}, {"crawl", "--into", "x"}, {"crawl", "--seeds", "s", "--into", "d", "--depth", "-1"}} {
		if code, _, errOut := runCmd(args...); code != 2 || !strings.Contains(errOut, "usage: fiscaldocs crawl --seeds FILE --into DIR") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
	code, _, errOut := runCmd("crawl", "--seeds", filepath.Join(t.TempDir(), "none.txt"), "--into", t.TempDir())
	if code != 1 || !strings.Contains(errOut, "none.txt") {
		t.Errorf("missing seeds file: exit %d, %q", code, errOut)
	}
}

// TestCrawlEvery runs crawl --every --ingest in a child process: a file
// that appears between rounds is fetched and ingested by the next round, a
// round with nothing new says so in one line, every line is timestamped,
// the store is free for query between rounds, and SIGTERM stops the loop
// cleanly.
func TestCrawlEvery(t *testing.T) {
	needTool(t, "libchdb.so", haveChDB())
	var mu sync.Mutex
	list := `<a href="/a.pdf">2023年部门决算</a>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		switch r.URL.Path {
		case "/list.html":
			fmt.Fprint(w, "<html><body>"+list+"</body></html>")
		case "/a.pdf", "/b.pdf":
			w.Header().Set("Last-Modified", "Mon, 02 Sep 2024 00:00:00 GMT")
			fmt.Fprint(w, "%PDF-1.4\n%"+r.URL.Path+"\n")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	tmp := t.TempDir()
	seeds := filepath.Join(tmp, "seeds.txt")
	if err := os.WriteFile(seeds, []byte(srv.URL+"/list.html\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	store := []string{"--data", filepath.Join(tmp, "store")}
	cmd := fiscaldocs(append([]string{"crawl", "--seeds", seeds, "--into", filepath.Join(tmp, "crawl"), "--delay", "0", "--every", "300ms", "--ingest"}, store...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	sc := bufio.NewScanner(stdout)
	stamp := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ `)
	var lines []string
	for sc.Scan() {
		line := sc.Text()
		if !stamp.MatchString(line) {
			t.Errorf("line without a timestamp: %q", line)
		}
		lines = append(lines, stamp.ReplaceAllString(line, ""))
		if strings.HasPrefix(lines[len(lines)-1], "crawled") && len(lines) == 1 {
			mu.Lock()
			list += `<a href="/b.pdf">2024年部门预算</a>`
			mu.Unlock()
		}
		if strings.HasPrefix(lines[len(lines)-1], "nothing new") {
			break
		}
	}
	// Between rounds the store is closed: query opens it.
	n := queryCount(t, store, "SELECT count() FROM fiscaldocs.v_documents")
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("crawl --every after SIGTERM: %v", err)
	}
	if n != 2 {
		t.Errorf("documents in the store between rounds: %d; want a.pdf and b.pdf", n)
	}
	want := []string{"crawled 1 pages: 1 files downloaded, 0 unchanged", "1 documents: ", "crawled 1 pages: 1 files downloaded, 1 unchanged", "2 documents: ",
		"nothing new: 1 pages listed again, 2 files unchanged, 0 duplicates"}
	if len(lines) != len(want) {
		t.Fatalf("lines: %q", lines)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d: %q, want %q…", i+1, lines[i], w)
		}
	}
}

// TestStoreInUse: of two processes that want the embedded store at once,
// one has it and the other is told so at once; once the first is done,
// the store opens again.
func TestStoreInUse(t *testing.T) {
	needTool(t, "libchdb.so", haveChDB())
	store := []string{"--data", filepath.Join(t.TempDir(), "store")}
	if out, err := fiscaldocs(append([]string{"ingest", fixture}, store...)...).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	// Each about 4 s (a second a block, one row a block): they overlap.
	type result struct {
		code           int
		stdout, stderr string
	}
	results := make(chan result, 2)
	for range 2 {
		go func() { // exits when its process does
			code, out, errOut := runCmdProcess(append([]string{"query", "SELECT sleepEachRow(1.5) FROM numbers(2)"}, store...)...)
			results <- result{code, out, errOut}
		}()
	}
	a, b := <-results, <-results
	if a.code != 0 {
		a, b = b, a
	}
	if a.code != 0 || b.code != 1 || !strings.Contains(b.stderr, "the embedded store is open in another process") {
		t.Errorf("two at once: exit %d (%s) and exit %d (%s); want one 0, one 1 told the store is in use", a.code, a.stderr, b.code, b.stderr)
	}
	if n := queryCount(t, store, "SELECT count() FROM fiscaldocs.v_documents"); n != 1 {
		t.Errorf("after both: %d documents; want 1", n)
	}
}

// runCmdProcess runs fiscaldocs in a process of its own.
func runCmdProcess(args ...string) (int, string, string) {
	cmd := fiscaldocs(args...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	return exitCode(err), stdout.String(), stderr.String()
}
