package main

import (
	"bufio"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
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
	args := append([]string{"crawl", "--seeds", seeds, "--into", into, "--delay", "0", "--ingest"}, store...)

	out, err := fiscaldocs(args...).Output()
	// The 404 makes the round fail (exit 1) after the rest is done.
	if code := exitCode(err); code != 1 || !strings.Contains(string(out), "1 files downloaded, 0 unchanged, 0 duplicates, 1 failed") ||
		!strings.Contains(string(out), "1 documents: 1 ingested") {
		t.Fatalf("first round: exit %d\n%s", code, out)
	}
	url := srv.URL + "/uploads/2022/rd-2021-juesuan.docx"
	if n := queryCount(t, store, "SELECT count() FROM fiscaldocs.v_documents WHERE source_url = '"+url+"' AND department = '攀枝花市人大常委会办公室'"); n != 1 {
		t.Errorf("documents with the source URL: %d, want 1", n)
	}
	out, err = fiscaldocs(args...).Output()
	if code := exitCode(err); code != 1 || !strings.Contains(string(out), "0 files downloaded, 1 unchanged") ||
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

// TestCrawlEvery runs crawl --every in a child process: a file that appears
// between rounds is fetched by the next round, and SIGTERM stops the loop
// cleanly.
func TestCrawlEvery(t *testing.T) {
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
	cmd := fiscaldocs("crawl", "--seeds", seeds, "--into", filepath.Join(tmp, "crawl"), "--delay", "0", "--every", "300ms")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	sc := bufio.NewScanner(stdout)
	var rounds []string
	for sc.Scan() {
		rounds = append(rounds, sc.Text())
		if len(rounds) == 1 {
			mu.Lock()
			list += `<a href="/b.pdf">2024年部门预算</a>`
			mu.Unlock()
		}
		if len(rounds) == 3 {
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("crawl --every after SIGTERM: %v", err)
	}
	want := []string{"crawled 1 pages: 1 files downloaded, 0 unchanged", "crawled 1 pages: 1 files downloaded, 1 unchanged", "crawled 1 pages: 0 files downloaded, 2 unchanged"}
	if len(rounds) != 3 {
		t.Fatalf("rounds: %q", rounds)
	}
	for i, w := range want {
		if !strings.HasPrefix(rounds[i], w) {
			t.Errorf("round %d: %q, want %q…", i+1, rounds[i], w)
		}
	}
}
