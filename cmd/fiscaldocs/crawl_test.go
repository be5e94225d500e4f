package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestCrawlIngest crawls a GBK portal on loopback with --ingest: the
// document lands in the store with the URL it came from, and a second
// round downloads and loads nothing.
func TestCrawlIngest(t *testing.T) {
	needStore(t, "libchdb.so", haveChDB())
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
