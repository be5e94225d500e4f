package corpus

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// site is a loopback portal: paths to responses, and a log of what was
// asked and answered.
type site struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	routes   map[string]http.HandlerFunc
	requests map[string]int // path → requests
	bodies   map[string]int // path → 200 answers
	agents   map[string]bool
}

func newSite(t *testing.T) *site {
	s := &site{t: t, routes: map[string]http.HandlerFunc{}, requests: map[string]int{}, bodies: map[string]int{}, agents: map[string]bool{}}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests[r.URL.Path]++
		s.agents[r.UserAgent()] = true
		h := s.routes[r.URL.RequestURI()]
		if h == nil {
			h = s.routes[r.URL.Path]
		}
		s.mu.Unlock()
		if h == nil {
			http.NotFound(w, r)
			return
		}
		rec := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h(rec, r)
		if rec.status == http.StatusOK {
			s.mu.Lock()
			s.bodies[r.URL.Path]++
			s.mu.Unlock()
		}
	}))
	t.Cleanup(s.srv.Close)
	return s
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Flush() { w.ResponseWriter.(http.Flusher).Flush() }

func (s *site) url(p string) string { return s.srv.URL + p }

func (s *site) handle(p string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[p] = h
}

// file serves data with a Last-Modified date, so conditional GETs work.
func (s *site) file(p string, data []byte, contentType string) {
	mod := time.Date(2024, 8, 30, 9, 0, 0, 0, time.UTC)
	s.handle(p, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		http.ServeContent(w, r, "", mod, strings.NewReader(string(data)))
	})
}

// gbkPage serves an HTML page encoded in GBK. With header, the charset is
// named in the Content-Type; without it, only in the page's meta tag.
func (s *site) gbkPage(p, body string, header bool) {
	page := `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>部门决算公开</title></head><body>` + body + `</body></html>`
	enc, err := simplifiedchinese.GBK.NewEncoder().String(page)
	if err != nil {
		s.t.Fatal(err)
	}
	s.handle(p, func(w http.ResponseWriter, r *http.Request) {
		if header {
			w.Header().Set("Content-Type", "text/html; charset=GBK")
		} else {
			w.Header().Set("Content-Type", "text/html")
		}
		fmt.Fprint(w, enc)
	})
}

func (s *site) count(m map[string]int, p string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return m[p]
}

func (s *site) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, v := range s.requests {
		n += v
	}
	return n
}

func pdfBytes(tag string) []byte { return []byte("%PDF-1.4\n% " + tag + "\n%%EOF\n") }

func testCrawler(dir string) *Crawler {
	c := NewCrawler(dir)
	c.Delay, c.Backoff = 0, time.Millisecond
	c.SetTimeout(5 * time.Second)
	return c
}

func files(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if e.Name() != ".crawl.lock" { // temporary files stay in view
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// The acceptance case: a GBK portal with two list pages and an off-site
// link. The first run fetches exactly the on-site attachments, the second
// nothing, the third only the one that appeared since; the off-site host
// is never asked anything.
func TestCrawlIncremental(t *testing.T) {
	portal, offsite := newSite(t), newSite(t)
	offsite.file("/elsewhere.pdf", pdfBytes("offsite"), "application/pdf")

	docx, err := os.ReadFile("../testdata/seed/panzhihua-npc-office-2021.docx")
	if err != nil {
		t.Fatal(err)
	}
	portal.file("/files/a.pdf", pdfBytes("a"), "application/pdf")
	portal.file("/files/a-copy.pdf", pdfBytes("a"), "application/pdf") // same bytes, other URL
	portal.file("/files/b.docx", docx, "application/octet-stream")
	portal.file("/download.jsp", pdfBytes("by id"), "application/pdf")
	portal.file("/files/d.xlsx", []byte("PK\x03\x04not really a workbook"), "application/vnd.ms-excel")
	portal.gbkPage("/list.html", `<ul>
<li><a href="files/a.pdf">2023年区财政局部门决算</a></li>
<li><a href="/files/b.docx">附件：2023年部门决算公开表</a></li>
<li><a href="/download.jsp?id=7">2023年区教育局部门预算</a></li>
<li><a href="/files/a.pdf#page=2">重复链接</a></li>
<li><a href="/files/missing.pdf">已撤下的文件</a></li>
<li><a href="`+offsite.url("/elsewhere.pdf")+`">外站文件</a></li>
<li><a href="`+offsite.url("/list.html")+`">外站列表</a></li>
<li><a href="/logo.png">标志</a></li>
</ul><a href="list_2.html">下一页</a>`, false)
	portal.gbkPage("/list_2.html", `<a href="/files/d.xlsx">部门决算附表</a>
<a href="/files/a-copy.pdf">同一文件</a><a href="list.html">上一页</a>`, true)

	dir := t.TempDir()
	seeds := []string{portal.url("/list.html")}

	// First run: every on-site attachment, once.
	c := testCrawler(dir)
	st, err := c.Run(context.Background(), seeds)
	if err != nil {
		t.Fatal(err)
	}
	if st.Pages != 2 || st.Downloaded != 4 || st.Duplicates != 1 || st.Failed != 1 || st.Unchanged != 0 {
		t.Errorf("first run: %+v, want 2 pages, 4 downloaded, 1 duplicate, 1 failed (the 404)", st)
	}
	if len(st.Failures) != 1 || !strings.HasPrefix(st.Failures[0], portal.url("/")) || !strings.Contains(st.Failures[0], "404") {
		t.Errorf("first run's failures %q; want the 404's URL and why", st.Failures)
	}
	got := files(t, dir)
	want := []string{"manifest.jsonl"}
	entries, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	byURL := map[string]Entry{}
	for _, e := range entries {
		byURL[e.URL] = e
		if e.Page == "" || e.Fetched.IsZero() || e.LastModified == "" {
			t.Errorf("manifest entry %+v lacks its page, time or headers", e)
		}
	}
	for _, p := range []string{"/files/a.pdf", "/files/b.docx", "/download.jsp?id=7", "/files/d.xlsx"} {
		e, ok := byURL[portal.url(p)]
		if !ok {
			t.Errorf("manifest lacks %s", p)
			continue
		}
		want = append(want, e.File)
		if _, err := os.Stat(filepath.Join(dir, e.File)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("folder holds %v, want %v", got, want)
	}
	if e := byURL[portal.url("/download.jsp?id=7")]; e.LinkText != "2023年区教育局部门预算" || !strings.HasSuffix(e.File, "-download.jsp.pdf") ||
		e.Page != portal.url("/list.html") {
		t.Errorf("download.jsp entry = %+v; want the GBK link text decoded, a .pdf name and the list page", e)
	}
	if a, cp := byURL[portal.url("/files/a.pdf")], byURL[portal.url("/files/a-copy.pdf")]; cp.File != a.File || cp.Page != portal.url("/list_2.html") {
		t.Errorf("duplicate a-copy.pdf = %+v, want it recorded against %s", cp, a.File)
	}
	for _, p := range []string{"/files/a.pdf", "/files/b.docx", "/download.jsp", "/files/d.xlsx", "/files/a-copy.pdf", "/list.html", "/list_2.html"} {
		if n := portal.count(portal.requests, p); n != 1 {
			t.Errorf("first run asked for %s %d times, want once", p, n)
		}
	}
	if n := portal.count(portal.requests, "/logo.png"); n != 0 {
		t.Errorf("an image was requested %d times", n)
	}

	// Second run: nothing new, nothing downloaded.
	bodies := map[string]int{}
	for _, p := range []string{"/files/a.pdf", "/files/b.docx", "/download.jsp", "/files/d.xlsx", "/files/a-copy.pdf"} {
		bodies[p] = portal.count(portal.bodies, p)
	}
	st, err = testCrawler(dir).Run(context.Background(), seeds)
	if err != nil {
		t.Fatal(err)
	}
	if st.Downloaded != 0 || st.Duplicates != 0 || st.Unchanged != 5 || len(st.New) != 0 {
		t.Errorf("second run: %+v, want nothing downloaded and 5 unchanged", st)
	}
	for p, n := range bodies {
		if m := portal.count(portal.bodies, p); m != n {
			t.Errorf("second run sent %s's body again", p)
		}
	}

	// Third run: one new attachment appears on the second page.
	portal.file("/files/e.pdf", pdfBytes("e"), "application/pdf")
	portal.gbkPage("/list_2.html", `<a href="/files/d.xlsx">部门决算附表</a>
<a href="/files/a-copy.pdf">同一文件</a><a href="/files/e.pdf">2024年部门决算（更正）</a>`, true)
	st, err = testCrawler(dir).Run(context.Background(), seeds)
	if err != nil {
		t.Fatal(err)
	}
	if st.Downloaded != 1 || len(st.New) != 1 || !strings.HasSuffix(st.New[0], "-e.pdf") {
		t.Errorf("third run: %+v, want exactly e.pdf", st)
	}
	if b, err := os.ReadFile(st.New[0]); err != nil || string(b) != string(pdfBytes("e")) {
		t.Errorf("e.pdf holds %q, %v", b, err)
	}
	if n := offsite.total(); n != 0 {
		t.Errorf("the off-site host got %d requests, want none", n)
	}
	if len(portal.agents) != 1 || !portal.agents[NewCrawler("").UserAgent] {
		t.Errorf("user agents seen: %v", portal.agents)
	}
}

func TestCrawlFailures(t *testing.T) {
	portal, offsite := newSite(t), newSite(t)
	offsite.file("/x.pdf", pdfBytes("x"), "application/pdf")
	var flaky, broken int
	var mu sync.Mutex
	portal.handle("/flaky.pdf", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		flaky++
		n := flaky
		mu.Unlock()
		if n <= 2 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Write(pdfBytes("flaky"))
	})
	portal.handle("/broken.pdf", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		broken++
		mu.Unlock()
		http.Error(w, "down", http.StatusInternalServerError)
	})
	portal.handle("/slow.pdf", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(10 * time.Second):
		case <-r.Context().Done():
		}
	})
	portal.handle("/away.pdf", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, offsite.url("/x.pdf"), http.StatusFound)
	})
	portal.handle("/moved.pdf", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/files/moved-here.pdf", http.StatusMovedPermanently)
	})
	portal.file("/files/moved-here.pdf", pdfBytes("moved"), "application/pdf")
	big := make([]byte, 5000)
	copy(big, "%PDF-1.4\n")
	portal.file("/big.pdf", big, "application/pdf") // with a Content-Length
	portal.handle("/big-chunked.pdf", func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i < 5; i++ {
			w.Write(big[:1000])
			w.(http.Flusher).Flush()
		}
	})
	portal.handle("/error-page.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><body>文件不存在</body></html>")
	})
	portal.file("/private/secret.pdf", pdfBytes("secret"), "application/pdf")
	portal.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n")
	})
	portal.handle("/list.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<a href="/flaky.pdf">a</a><a href="/broken.pdf">b</a><a href="/slow.pdf">c</a>
<a href="/away.pdf">d</a><a href="/moved.pdf">e</a><a href="/big.pdf">f</a><a href="/big-chunked.pdf">g</a>
<a href="/error-page.pdf">h</a><a href="/private/secret.pdf">i</a>`)
	})

	dir := t.TempDir()
	c := testCrawler(dir)
	c.Retries, c.MaxBytes = 2, 4000
	c.SetTimeout(200 * time.Millisecond)
	var logs []string
	c.Log = func(s string) { logs = append(logs, s) }
	st, err := c.Run(context.Background(), []string{portal.url("/list.html")})
	if err != nil {
		t.Fatal(err)
	}
	// flaky (after two 503s) and moved are kept; broken, slow, away, big,
	// big-chunked and the error page fail; the private one is not asked for.
	if st.Downloaded != 2 || st.Failed != 6 {
		t.Errorf("run: %+v, want 2 downloaded, 6 failed\n%s", st, strings.Join(logs, "\n"))
	}
	if flaky != 3 || broken != 3 {
		t.Errorf("flaky asked %d times (want 3), broken %d (want 3: one try and two retries)", flaky, broken)
	}
	if n := offsite.total(); n != 0 {
		t.Errorf("redirect followed off-site: %d requests", n)
	}
	if n := portal.count(portal.requests, "/private/secret.pdf"); n != 0 {
		t.Errorf("robots.txt ignored: %d requests", n)
	}
	if n := portal.count(portal.requests, "/robots.txt"); n != 1 {
		t.Errorf("robots.txt read %d times, want once", n)
	}
	names := files(t, dir)
	joined := strings.Join(names, " ")
	if len(names) != 3 || !strings.Contains(joined, "-flaky.pdf") || !strings.Contains(joined, "-moved.pdf") || !strings.Contains(joined, ManifestName) {
		t.Errorf("folder holds %v, want flaky, moved and the manifest (no temporary files)", names)
	}
	for _, want := range []string{"broken.pdf: HTTP 500 after 3 tries", "slow.pdf: ", "away.pdf: ", "redirect off the seeds' hosts",
		"big.pdf: 5000 bytes, over the 4000-byte limit", "big-chunked.pdf: over the 4000-byte limit", "error-page.pdf: served a web page",
		"secret.pdf: disallowed by robots.txt"} {
		if !strings.Contains(strings.Join(logs, "\n"), want) {
			t.Errorf("log lacks %q:\n%s", want, strings.Join(logs, "\n"))
		}
	}
}

func TestCrawlDepth(t *testing.T) {
	portal := newSite(t)
	portal.file("/a.pdf", pdfBytes("a"), "application/pdf")
	portal.file("/b.pdf", pdfBytes("b"), "application/pdf")
	portal.gbkPage("/1.html", `<a href="/a.pdf">甲</a><a href="/2.html">财政预决算</a>`, true)
	portal.gbkPage("/2.html", `<a href="/b.pdf">乙</a><a href="/3.html">更多</a>`, true)
	portal.gbkPage("/3.html", `<a href="/1.html">首页</a>`, true)
	for _, tc := range []struct {
		depth, pages, files int
	}{{0, 1, 1}, {1, 2, 2}, {5, 3, 2}} {
		c := testCrawler(t.TempDir())
		c.Depth = tc.depth
		st, err := c.Run(context.Background(), []string{portal.url("/1.html")})
		if err != nil {
			t.Fatal(err)
		}
		if st.Pages != tc.pages || st.Downloaded != tc.files {
			t.Errorf("depth %d: %+v, want %d pages and %d files", tc.depth, st, tc.pages, tc.files)
		}
	}
}

// A list's own pagination does not count against the depth: 下一页 and
// page-number links in the list's folder, and TRS's createPageHTML pages.
func TestCrawlPagination(t *testing.T) {
	portal := newSite(t)
	for i := range 6 {
		portal.file(fmt.Sprintf("/files/%d.pdf", i), pdfBytes(fmt.Sprint(i)), "application/pdf")
	}
	portal.gbkPage("/col/jsgk/index.html", `<a href="/files/0.pdf">零</a><a href="index_1.html">下一页</a><a href="/col/other/list.html">下一页</a>`, true)
	portal.gbkPage("/col/jsgk/index_1.html", `<a href="/files/1.pdf">一</a><a href="index_2.html">3</a>`, true)
	portal.gbkPage("/col/jsgk/index_2.html", `<a href="/files/2.pdf">二</a>`, true)
	portal.gbkPage("/col/other/list.html", `<a href="/files/3.pdf">三</a>`, true)
	portal.gbkPage("/trs/index.html", `<a href="/files/4.pdf">四</a>
<script language="JavaScript">createPageHTML(2, 0, "index", "html");</script>`, true)
	portal.gbkPage("/trs/index_1.html", `<a href="/files/5.pdf">五</a>`, true)

	c := testCrawler(t.TempDir())
	c.Depth = 0
	st, err := c.Run(context.Background(), []string{portal.url("/col/jsgk/index.html"), portal.url("/trs/index.html")})
	if err != nil {
		t.Fatal(err)
	}
	// Three pages of the first list, two of the TRS one; the 下一页 into
	// another folder is a link to another list, beyond depth 0.
	if st.Pages != 5 || st.Downloaded != 5 {
		t.Errorf("%+v, want 5 pages and 5 files", st)
	}
	if n := portal.count(portal.requests, "/col/other/list.html"); n != 0 {
		t.Errorf("another folder's page was read at depth 0")
	}

	c = testCrawler(t.TempDir())
	c.Depth, c.MaxPages = 0, 2
	if st, err = c.Run(context.Background(), []string{portal.url("/col/jsgk/index.html")}); err != nil || st.Pages != 2 {
		t.Errorf("MaxPages 2: %+v, %v", st, err)
	}
}

func TestCrawlBusy(t *testing.T) {
	dir := t.TempDir()
	unlock, err := lockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = testCrawler(dir).Run(context.Background(), []string{"http://127.0.0.1:1/"})
	if !errors.Is(err, ErrBusy) {
		t.Errorf("second crawl into a busy folder: %v, want ErrBusy", err)
	}
	unlock()
	if _, err := lockDir(dir); err != nil {
		t.Errorf("after unlock: %v", err)
	}
}

// A robots.txt that answers 5xx allows nothing on its host; one that is
// missing (404) allows everything.
func TestCrawlRobotsUnavailable(t *testing.T) {
	down, open := newSite(t), newSite(t)
	down.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "oops", http.StatusBadGateway)
	})
	for _, s := range []*site{down, open} {
		s.gbkPage("/list.html", `<a href="/a.pdf">甲</a>`, true)
		s.file("/a.pdf", pdfBytes(s.srv.URL), "application/pdf")
	}
	c := testCrawler(t.TempDir())
	c.Retries = 1
	var logs []string
	c.Log = func(s string) { logs = append(logs, s) }
	st, err := c.Run(context.Background(), []string{down.url("/list.html"), open.url("/list.html")})
	if err != nil {
		t.Fatal(err)
	}
	if st.Pages != 1 || st.Downloaded != 1 || st.Failed != 1 {
		t.Errorf("%+v, want the open site's page and file, and one failure", st)
	}
	if n := down.count(down.requests, "/list.html"); n != 0 {
		t.Errorf("list page read despite an unreadable robots.txt")
	}
	if n := down.count(down.requests, "/robots.txt"); n != 2 {
		t.Errorf("robots.txt asked %d times, want 2 (one retry)", n)
	}
	if !strings.Contains(strings.Join(logs, "\n"), "robots.txt unreadable, host skipped: HTTP 502 after 2 tries") {
		t.Errorf("log: %q", logs)
	}
}

// A GBK page that names no charset, in the header or the page, still
// gives its link text, so that links named 决算 are found.
func TestCrawlUndeclaredGBK(t *testing.T) {
	portal := newSite(t)
	page, err := simplifiedchinese.GBK.NewEncoder().String(`<html><body><a href="/download.jsp?id=3">2024年部门决算</a></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	portal.handle("/list.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, page)
	})
	portal.file("/download.jsp", pdfBytes("3"), "application/pdf")
	dir := t.TempDir()
	st, err := testCrawler(dir).Run(context.Background(), []string{portal.url("/list.html")})
	if err != nil || st.Downloaded != 1 {
		t.Fatalf("%+v, %v", st, err)
	}
	entries, err := ReadManifest(dir)
	if err != nil || len(entries) != 1 || entries[0].LinkText != "2024年部门决算" {
		t.Errorf("manifest %+v, %v", entries, err)
	}
}

func TestCrawlCancelled(t *testing.T) {
	portal := newSite(t)
	portal.gbkPage("/1.html", `<a href="/a.pdf">甲</a>`, true)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := testCrawler(t.TempDir()).Run(ctx, []string{portal.url("/1.html")}); err != context.Canceled {
		t.Errorf("Run on a cancelled context = %v", err)
	}
}

func TestSafeName(t *testing.T) {
	for raw, want := range map[string]string{
		"http://h/files/2023年决算.pdf":                   "2023年决算.pdf",
		"http://h/a/..%2F..%2Fetc%2Fpasswd.pdf":        "passwd.pdf",
		"http://h/x/%2E%2E":                            "file",
		"http://h/":                                    "file",
		"http://h/dl/a%20b%5Cc.docx":                   "a_b_c.docx",
		"http://h/" + strings.Repeat("长", 60) + ".pdf": strings.Repeat("长", 32) + ".pdf",
	} {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		got := safeName(u)
		if got != want || strings.ContainsAny(got, `/\`) || strings.HasPrefix(got, ".") {
			t.Errorf("safeName(%s) = %q, want %q", raw, got, want)
		}
	}
}

// A redirect loop fails at once, without retries: two requests, not four
// tries of five redirects each.
func TestCrawlRedirectLoop(t *testing.T) {
	portal := newSite(t)
	portal.handle("/loop-a.pdf", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop-b.pdf", http.StatusFound)
	})
	portal.handle("/loop-b.pdf", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop-a.pdf", http.StatusFound)
	})
	n := 0
	portal.handle("/deeper.pdf", func(w http.ResponseWriter, r *http.Request) {
		n++ // /deeper.pdf?1 → ?2 → …: never the same URL twice
		http.Redirect(w, r, fmt.Sprintf("/deeper.pdf?%d", n), http.StatusFound)
	})
	portal.handle("/list.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<a href="/loop-a.pdf">a</a><a href="/deeper.pdf">b</a>`)
	})
	c := testCrawler(t.TempDir())
	c.Retries, c.Backoff = 3, time.Second // a retry would show in the time
	var logs []string
	c.Log = func(s string) { logs = append(logs, s) }
	start := time.Now()
	st, err := c.Run(context.Background(), []string{portal.url("/list.html")})
	if err != nil {
		t.Fatal(err)
	}
	if got := portal.count(portal.requests, "/loop-a.pdf") + portal.count(portal.requests, "/loop-b.pdf"); got != 2 {
		t.Errorf("the loop was requested %d times; want 2 (a → b, then the loop is seen)", got)
	}
	if n != 5 {
		t.Errorf("the endless chain was requested %d times; want 5", n)
	}
	if st.Failed != 2 || time.Since(start) > 900*time.Millisecond {
		t.Errorf("%+v in %s; want 2 failed at once", st, time.Since(start))
	}
	log := strings.Join(logs, "\n")
	for _, want := range []string{"loop-a.pdf: ", "redirect loop: back to " + portal.url("/loop-a.pdf") + " after 2 redirects", "redirect loop: still redirected after 5 requests"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

// An endless 下一页 — every page links the next, and nothing else new —
// ends at the first page that brings no new link, not at MaxPages.
func TestCrawlEndlessPagination(t *testing.T) {
	portal := newSite(t)
	portal.file("/files/a.pdf", pdfBytes("a"), "application/pdf")
	portal.file("/files/b.pdf", pdfBytes("b"), "application/pdf")
	portal.handle("/col/list", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("page"))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<a href="/files/a.pdf">决算</a><a href="/files/b.pdf">预算</a><a href="/">首页</a><a href="list?page=%d">下一页</a>`, n+1)
	})
	c := testCrawler(t.TempDir())
	c.Depth = 0
	var logs []string
	c.Log = func(s string) { logs = append(logs, s) }
	st, err := c.Run(context.Background(), []string{portal.url("/col/list?page=1")})
	if err != nil {
		t.Fatal(err)
	}
	if got := portal.count(portal.requests, "/col/list"); got != 2 || st.Pages != 2 || st.Downloaded != 2 {
		t.Errorf("%d list pages requested, %+v; want 2 pages (the second brings nothing new) and 2 files\n%s", got, st, strings.Join(logs, "\n"))
	}
	if !strings.Contains(strings.Join(logs, "\n"), "stopped following the list at "+portal.url("/col/list?page=2")+": the page brings no new links") {
		t.Errorf("the log does not say where the list was stopped:\n%s", strings.Join(logs, "\n"))
	}
}
