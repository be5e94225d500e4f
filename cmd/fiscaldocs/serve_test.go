package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// hostileName is a department name that is markup: every page must show
// it as text.
const hostileName = `<img src=x onerror=alert(1)>`

// served is a running fiscaldocs serve.
type served struct {
	base  string // http://127.0.0.1:PORT
	store []string
	cache string
}

// startServe ingests dirs into a new embedded store, adds a document of a
// hostile department, and starts serve on it, stopped when the test ends.
// It returns the server and the count of documents in the store.
func startServe(t *testing.T, dirs ...string) (*served, int) {
	t.Helper()
	needTool(t, "libchdb.so (make chdb)", haveChDB())
	return serveStore(t, []string{"--data", filepath.Join(t.TempDir(), "store")}, dirs...)
}

// serveStore is startServe on the store the flags name; the hostile
// document is added to an embedded store only (a server takes no INSERT …
// VALUES from query --write).
func serveStore(t *testing.T, store []string, dirs ...string) (*served, int) {
	t.Helper()
	for _, tool := range []string{"pdftoppm", "pdftotext", "chromium"} {
		_, err := exec.LookPath(tool)
		needTool(t, tool, err == nil)
	}
	tmp := t.TempDir()
	out, err := fiscaldocs(append(append([]string{"ingest"}, store...), dirs...)...).CombinedOutput()
	if err != nil && exitCode(err) != 1 { // 1: a document of the corpus failed, as some are meant to
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	// A file is a document by its bytes: the same file in two folders is
	// one.
	ids := map[string]bool{}
	for _, d := range dirs {
		filepath.WalkDir(d, func(p string, e os.DirEntry, err error) error {
			if err == nil && e.Type().IsRegular() {
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				ids[fmt.Sprintf("%x", sha256.Sum256(data))] = true
			}
			return nil
		})
	}
	docs := len(ids)
	// A document whose department's name is markup, written as a load
	// would write it.
	id := strings.Repeat("ee", 32)
	hostile := []string{
		"INSERT INTO fiscaldocs.documents (id, file, format, department, department_name, department_id, region, year, kind, status, facts, version) VALUES ('" +
			id + "', 'hostile.txt', 'txt', '" + hostileName + "', '" + hostileName + "', 'hostile00001', '" + hostileName + "', 2099, '决算', 'ok', 1, 1)",
		"INSERT INTO fiscaldocs.facts (doc_id, seq, metric, measure, value, unit, raw, text, version, department_id, department, department_name, year, kind, file) VALUES ('" +
			id + "', 0, 'gpb.expenditure', 'amount', 100, 'yuan', '" + hostileName + "', '" + hostileName + "', 1, 'hostile00001', '" + hostileName + "', '" + hostileName + "', 2099, '决算', 'hostile.txt')",
		"INSERT INTO fiscaldocs.findings (doc_id, seq, rule, severity, message, actual, facts, page, version) VALUES ('" +
			id + "', 0, 'sum.items', 'error', '" + hostileName + "', 1, [0], 0, 1)",
	}
	if store[0] != "--data" {
		hostile, docs = nil, docs-1
	}
	for _, sql := range hostile {
		if out, err := fiscaldocs(append(append([]string{"query", "--write"}, store...), sql)...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", sql, err, out)
		}
	}
	cache := filepath.Join(tmp, "pages")
	cmd := fiscaldocs(append([]string{"serve", "--addr", "127.0.0.1:0", "--cache", cache}, store...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
		if s := stderr.String(); s != "" {
			t.Logf("serve's log:\n%s", s)
		}
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	m := regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindSubmatch([]byte(line))
	if err != nil || m == nil {
		cmd.Process.Kill()
		t.Fatalf("serve said %q (%v); stderr:\n%s", line, err, stderr.String())
	}
	go io.Copy(io.Discard, stdout) // exits when serve does
	return &served{base: string(m[0]), store: store, cache: cache}, docs + 1
}

// get fetches a path and fails the test unless it answers 200.
func (s *served) get(t *testing.T, path string) []byte {
	t.Helper()
	resp, err := http.Get(s.base + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET %s: %s\n%.500s", path, resp.Status, body)
	}
	return body
}

// rows fetches a page's table as JSON.
func (s *served) rows(t *testing.T, path, table string) []map[string]string {
	t.Helper()
	u, _ := url.Parse(path)
	q := u.Query()
	q.Set("format", "json")
	q.Set("table", table)
	u.RawQuery = q.Encode()
	var out []map[string]string
	if err := json.Unmarshal(s.get(t, u.String()), &out); err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	return out
}

// sql runs a query on the SQL page and returns its rows.
func (s *served) sql(t *testing.T, sql string) []map[string]string {
	return s.rows(t, "/sql?"+url.Values{"q": {sql}}.Encode(), "result")
}

// dom loads a page in headless Chromium and returns the DOM it built.
func (s *served) dom(t *testing.T, path string) *html.Node {
	t.Helper()
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--dump-dom", s.base+path)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium %s: %v", path, err)
	}
	doc, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

// screenshot saves a page as the browser draws it, where
// FISCALDOCS_SHOTS names a folder.
func (s *served) screenshot(t *testing.T, path, name string) {
	dir := os.Getenv("FISCALDOCS_SHOTS")
	if dir == "" {
		return
	}
	tmp := t.TempDir()
	cmd := exec.Command("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir="+filepath.Join(tmp, "profile"),
		"--window-size=1280,1000", "--hide-scrollbars", "--screenshot="+filepath.Join(dir, name), s.base+path)
	cmd.Env = append(os.Environ(), "HOME="+tmp)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Logf("screenshot %s: %v\n%s", path, err, out)
	}
}

var han = regexp.MustCompile(`\p{Han}`)

// tableRows counts the rows of a page's table in the DOM.
func tableRows(doc *html.Node, name string) int {
	for _, tb := range find(doc, "table") {
		if attr(tb, "data-table") == name {
			return len(find(tb, "tr")) - 1
		}
	}
	return -1
}

// TestServe starts serve on the seed, the samples and, when it is there,
// the shared corpus, and checks every page kind in a real browser.
func TestServe(t *testing.T) {
	dirs := []string{"../../testdata/seed", "../../testdata/samples"}
	const shared = "../../../shared/corpus"
	if _, err := os.Stat(shared); err == nil {
		dirs = append(dirs, shared)
	} else {
		t.Log("../shared/corpus absent: serving the seed and the samples only")
	}
	s, docs := startServe(t, dirs...)

	// A department, one of its PDF documents and a fact with a box there.
	facts := s.sql(t, "SELECT f.doc_id AS doc, f.seq AS seq, f.department_id AS dept FROM fiscaldocs.v_facts AS f WHERE f.x1 > 0 AND f.department_id != '' ORDER BY f.file, f.seq LIMIT 1")
	if len(facts) != 1 {
		t.Fatalf("no fact with a box: %v", facts)
	}
	doc, seq, dept := facts[0]["doc"], facts[0]["seq"], facts[0]["dept"]
	pages := map[string]string{ // page kind: path
		"departments":   "/departments",
		"department":    "/department/" + dept,
		"document":      "/document/" + doc,
		"fact":          "/fact/" + doc + "/" + seq,
		"compare":       "/compare?metric=gpb.expenditure",
		"compare years": "/compare?metric=gpb.expenditure&department=" + dept,
		"findings":      "/findings",
		"sql":           "/sql?" + url.Values{"q": {"SELECT count() AS documents FROM fiscaldocs.v_documents"}}.Encode(),
	}
	t.Run("every page kind, in the browser, with its links", func(t *testing.T) {
		links := map[string]string{}
		for kind, path := range pages {
			s.get(t, path)
			d := s.dom(t, path)
			h1 := find(d, "h1")
			if len(h1) != 1 || !han.MatchString(text(d)) {
				t.Errorf("%s (%s): no heading or no Chinese text", kind, path)
			}
			for _, a := range find(d, "a") {
				if h := attr(a, "href"); strings.HasPrefix(h, "/") {
					links[h] = path
				}
			}
			for _, img := range find(d, "img") {
				links[attr(img, "src")] = path
			}
		}
		if len(links) < 30 {
			t.Errorf("%d links on the pages; want many", len(links))
		}
		for l, from := range links {
			if resp, err := http.Get(s.base + l); err != nil || resp.StatusCode != 200 {
				t.Errorf("link %s on %s: %v %v", l, from, err, resp.Status)
			} else {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}
		s.screenshot(t, pages["departments"], "departments.png")
		s.screenshot(t, pages["fact"], "fact.png")
		s.screenshot(t, pages["department"], "department.png")
		s.screenshot(t, pages["compare"], "compare.png")
	})

	t.Run("facets change the rows", func(t *testing.T) {
		d := s.dom(t, "/departments")
		all := tableRows(d, "departments")
		changed, tried := false, 0
		for _, a := range find(d, "a") {
			h := attr(a, "href")
			if !strings.HasPrefix(h, "/departments?kind=") && !strings.HasPrefix(h, "/departments?year=") || tried == 4 {
				continue
			}
			tried++
			n := tableRows(s.dom(t, h), "departments")
			if n <= 0 || n > all {
				t.Errorf("%s: %d rows of %d", h, n, all)
			}
			changed = changed || n < all
		}
		if !changed {
			t.Errorf("no year or kind facet narrows the %d departments", all)
		}
		if rows := s.rows(t, "/departments?year=2099", "departments"); len(rows) != 1 || rows[0]["department"] != hostileName {
			t.Errorf("the year 2099 holds %v; want the hostile department alone", rows)
		}
	})

	t.Run("SQL gives the ingest's count and refuses to write", func(t *testing.T) {
		d := s.dom(t, pages["sql"])
		var cells []string
		for _, td := range find(d, "td") {
			cells = append(cells, text(td))
		}
		if len(cells) != 1 || cells[0] != strconv.Itoa(docs) {
			t.Errorf("the SQL page counts %v documents; want %d (the files ingested, each once, and the hostile one)", cells, docs)
		}
		before := s.sql(t, "SELECT count() AS n FROM fiscaldocs.facts")
		for _, sql := range []string{"DROP TABLE fiscaldocs.facts", "drop table fiscaldocs.facts", "/* tidy */ DrOp TABLE fiscaldocs.facts",
			"SELECT 1; DROP TABLE fiscaldocs.facts", "-- x\nTRUNCATE TABLE fiscaldocs.facts", "ALTER TABLE fiscaldocs.facts DELETE WHERE 1",
			"INSERT INTO fiscaldocs.facts (doc_id) VALUES ('x')", "SELECT * FROM file('/etc/passwd', 'LineAsString')"} {
			body := string(s.get(t, "/sql?"+url.Values{"q": {sql}}.Encode()))
			if !strings.Contains(body, `class="error"`) || strings.Contains(body, `data-table="result"`) {
				t.Errorf("%q was not refused", sql)
			}
		}
		if after := s.sql(t, "SELECT count() AS n FROM fiscaldocs.facts"); after[0]["n"] != before[0]["n"] || after[0]["n"] == "0" {
			t.Errorf("facts %s before the refused statements, %s after", before[0]["n"], after[0]["n"])
		}
		csv := s.get(t, "/sql?"+url.Values{"q": {"SELECT 1 AS one"}, "format": {"csv"}}.Encode())
		if !bytes.HasPrefix(csv, []byte("\uFEFFone\n1\n")) {
			t.Errorf("CSV download %q; want a BOM, the header and the row", csv)
		}
	})

	t.Run("a hostile name does not run", func(t *testing.T) {
		for _, path := range []string{"/departments", "/department/hostile00001", "/document/" + strings.Repeat("ee", 32), "/fact/" + strings.Repeat("ee", 32) + "/0",
			"/findings", "/compare?metric=gpb.expenditure&year=2099"} {
			d := s.dom(t, path)
			if imgs := find(d, "img"); len(imgs) > 0 {
				t.Errorf("%s: the name became an element: %d <img>", path, len(imgs))
			}
			if !strings.Contains(text(d), hostileName) {
				t.Errorf("%s: the name is not shown as text", path)
			}
		}
	})

	t.Run("each PDF figure's box on its printed figure", func(t *testing.T) { provenance(t, s) })

	t.Run("a docx figure's cell marked in its table", func(t *testing.T) {
		f := s.sql(t, "SELECT f.doc_id AS doc, f.seq AS seq, f.raw AS raw FROM fiscaldocs.v_facts AS f INNER JOIN fiscaldocs.v_documents AS d ON d.id = f.doc_id "+
			"WHERE d.format = 'docx' AND f.method = 'table' ORDER BY f.seq LIMIT 1")
		if len(f) != 1 {
			t.Fatal("no table fact of a docx")
		}
		var marked []string
		for _, td := range find(s.dom(t, "/fact/"+f[0]["doc"]+"/"+f[0]["seq"]), "td") {
			if strings.Contains(attr(td, "class"), "mark") {
				marked = append(marked, text(td))
			}
		}
		if len(marked) != 1 || !strings.HasPrefix(f[0]["raw"], marked[0]) {
			t.Errorf("marked cells %q; want the one printing %s", marked, f[0]["raw"])
		}
	})

	t.Run("no URL reaches a file but through the document table", func(t *testing.T) {
		for _, path := range []string{"/document/..%2F..%2Fetc%2Fpasswd", "/fact/" + strings.Repeat("0", 64) + "/0/crop.png", "/fact/../../etc/passwd/0/page.png",
			"/static/../web.go", "/fact/" + doc + "/" + seq + "/x.png"} {
			resp, err := http.Get(s.base + path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 || bytes.Contains(body, []byte("root:")) {
				t.Errorf("%s: %s", path, resp.Status)
			}
		}
	})
}

// provenance checks, for one fact of every PDF in the store (a text
// layer's or OCR's), that the highlighted box lies on the printed figure
// (pdftotext's words under it print the figure; a scan has no words to
// compare) and that the crop is not blank.
func provenance(t *testing.T, s *served) {
	sample := s.sql(t, "SELECT f.doc_id AS doc, f.seq AS seq, f.file AS file, f.page AS page, f.raw AS raw, f.method AS method, "+
		"toString(f.x0) AS x0, toString(f.y0) AS y0, toString(f.x1) AS x1, toString(f.y1) AS y1 FROM fiscaldocs.v_facts AS f "+
		"WHERE f.x1 > 0 ORDER BY cityHash64(f.doc_id, f.seq) LIMIT 1 BY f.doc_id")
	if len(sample) < 5 {
		t.Fatalf("%d PDF facts with a box; want facts of every PDF", len(sample))
	}
	total := s.sql(t, "SELECT countIf(f.x1 > 0) AS boxed, count() AS n FROM fiscaldocs.v_facts AS f INNER JOIN fiscaldocs.v_documents AS d ON d.id = f.doc_id WHERE d.format = 'pdf' AND f.method IN ('table', 'narrative', 'ocr')")
	t.Logf("%s of %s PDF facts read from tables, sentences or OCR have a box; %d checked", total[0]["boxed"], total[0]["n"], len(sample))
	digits := regexp.MustCompile(`\d[\d,.]*`)
	onFigure := 0
	for _, f := range sample {
		x0, _ := strconv.ParseFloat(f["x0"], 64)
		y0, _ := strconv.ParseFloat(f["y0"], 64)
		x1, _ := strconv.ParseFloat(f["x1"], 64)
		y1, _ := strconv.ParseFloat(f["y1"], 64)
		figure := digits.FindString(strings.ReplaceAll(f["raw"], " ", ""))
		if figure == "" && f["raw"] != "" { // a figure stated in words (注：本部门无该项目): its first character
			figure = string([]rune(f["raw"])[:1])
		}
		words := wordsIn(t, f["file"], f["page"], x0, y0, x1, y1)
		// A scan's words are OCR's, not poppler's: the page has no text
		// layer to compare with; its crop is still checked.
		if f["method"] != "ocr" {
			if figure == "" || !strings.Contains(strings.Join(words, ""), figure) {
				t.Errorf("%s p.%s fact %s: box (%.1f %.1f %.1f %.1f) holds %q; want the figure %q", f["file"], f["page"], f["seq"], x0, y0, x1, y1, words, figure)
			} else {
				onFigure++
			}
		}
		crop := s.get(t, "/fact/"+f["doc"]+"/"+f["seq"]+"/crop.png")
		img, err := png.Decode(bytes.NewReader(crop))
		if err != nil {
			t.Errorf("crop of %s fact %s: %v", f["file"], f["seq"], err)
			continue
		}
		ink := 0
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r, g, bl, _ := img.At(x, y).RGBA()
				frame := r > 0xc000 && g < 0x4000 && bl < 0x4000
				if !frame && (r+g+bl)/3 < 0x6000 {
					ink++
				}
			}
		}
		if ink < 20 {
			t.Errorf("crop of %s fact %s (%s) is blank: %d dark pixels", f["file"], f["seq"], f["raw"], ink)
		}
	}
	t.Logf("%d boxes of text-layer facts lie on their printed figure", onFigure)
}

// wordsIn are the words pdftotext finds on the page that the box
// overlaps: a word's part in width (a Han sentence is one word to
// poppler), and most of its height.
func wordsIn(t *testing.T, file, page string, x0, y0, x1, y1 float64) []string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-f", page, "-l", page, "-tsv", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", file, err)
	}
	var words []string
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 12 || f[0] != "5" {
			continue
		}
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(f[6+i], 64)
		}
		across := min(v[0]+v[2], x1) - max(v[0], x0)
		down := min(v[1]+v[3], y1) - max(v[1], y0)
		if across > 0 && down > 0.6*v[3] {
			words = append(words, f[11])
		}
	}
	return words
}

// TestServeWhileIngesting: serve keeps running while an ingest (as a
// scheduled crawl's would) adds documents, and shows them without a
// restart; meanwhile its pages answer, or say the store is being updated.
func TestServeWhileIngesting(t *testing.T) {
	s, _ := startServe(t, "../../testdata/samples")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "new.txt"), []byte(reportText("某省并发测试局", 2022, 7)), 0o644); err != nil {
		t.Fatal(err)
	}
	before := s.rows(t, "/departments", "departments")
	stop := make(chan struct{})
	codes := make(chan map[int]int, 1)
	go func() { // exits when stop is closed
		seen := map[int]int{}
		for {
			select {
			case <-stop:
				codes <- seen
				return
			default:
			}
			resp, err := http.Get(s.base + "/departments")
			if err != nil {
				seen[0]++
				continue
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			seen[resp.StatusCode]++
			time.Sleep(20 * time.Millisecond)
		}
	}()
	out, err := fiscaldocs(append([]string{"ingest", dir}, s.store...)...).CombinedOutput()
	close(stop)
	seen := <-codes
	if err != nil {
		t.Fatalf("ingest while serving: %v\n%s", err, out)
	}
	for code := range seen {
		if code != 200 && code != 503 {
			t.Errorf("answers while ingesting: %v (0: no answer); want 200, or 503 while the store is busy", seen)
		}
	}
	after := s.rows(t, "/departments", "departments")
	found := false
	for _, r := range after {
		found = found || r["department"] == "某省并发测试局"
	}
	if !found || len(after) != len(before)+1 {
		t.Errorf("after the ingest, %d departments (before %d), the new one shown: %v", len(after), len(before), found)
	}
	t.Logf("answers while ingesting: %v", seen)
}

// TestServeOnServer: serve on a ClickHouse server (Debian's 18.16, as make
// test starts) answers every page kind, and its SQL page stops a query at
// its row limit at once and refuses to write.
func TestServeOnServer(t *testing.T) {
	addr := privateServer(t)
	if addr == "" {
		t.Skip("no ClickHouse server")
	}
	s, docs := serveStore(t, []string{"--clickhouse", addr}, "../../testdata/seed", "../../testdata/samples")
	if n := s.sql(t, "SELECT count() AS n FROM fiscaldocs.v_documents"); n[0]["n"] != strconv.Itoa(docs) {
		t.Errorf("%s documents; want %d", n[0]["n"], docs)
	}
	pdf := s.sql(t, "SELECT f.doc_id AS doc, f.seq AS seq, f.department_id AS dept FROM fiscaldocs.v_facts AS f WHERE f.x1 > 0 AND f.department_id != '' ORDER BY f.file, f.seq LIMIT 1")
	docx := s.sql(t, "SELECT f.doc_id AS doc, f.seq AS seq FROM fiscaldocs.v_facts AS f WHERE f.file LIKE '%.docx' AND f.method = 'table' ORDER BY f.seq LIMIT 1")
	if len(pdf) != 1 || len(docx) != 1 {
		t.Fatalf("facts: %v %v", pdf, docx)
	}
	doc, seq, dept := pdf[0]["doc"], pdf[0]["seq"], pdf[0]["dept"]
	for _, path := range []string{"/departments", "/departments?kind=预算&year=2019", "/department/" + dept, "/document/" + doc, "/fact/" + doc + "/" + seq,
		"/fact/" + doc + "/" + seq + "/crop.png", "/fact/" + docx[0]["doc"] + "/" + docx[0]["seq"], "/compare?metric=gpb.expenditure",
		"/compare?metric=gpb.class&code=201&department=" + dept, "/findings", "/findings?severity=error", "/department/" + dept + "?format=csv&table=figures"} {
		s.get(t, path)
	}
	start := time.Now()
	if rows := s.sql(t, "SELECT number FROM system.numbers"); len(rows) != 1000 || time.Since(start) > 10*time.Second {
		t.Errorf("an endless query: %d rows after %v; want the first 1000 at once", len(rows), time.Since(start))
	}
	if body := string(s.get(t, "/sql?"+url.Values{"q": {"DROP TABLE fiscaldocs.facts"}}.Encode())); !strings.Contains(body, `class="error"`) {
		t.Error("DROP was not refused")
	}
}
