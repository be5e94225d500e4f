package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// TestReport ingests the seed and, when it sits beside the project, the
// shared corpus, writes the report, and checks it against the store: every
// data table equals its appendix query run through fiscaldocs query, every
// department is named, every finding links to its page, nothing outside
// the file is loaded, and headless Chromium renders it without errors.
func TestReport(t *testing.T) {
	needTool(t, "libchdb.so", haveChDB())
	tmp := t.TempDir()
	store := []string{"--data", filepath.Join(tmp, "store")}
	docs := []string{"../../testdata/seed"}
	const shared = "../../../shared/corpus"
	corpus := false
	if _, err := os.Stat(shared); err == nil {
		docs, corpus = append(docs, shared), true
	} else {
		t.Logf("%s absent: the report covers the seed only", shared)
	}
	if out, err := fiscaldocs(append(append([]string{"ingest"}, store...), docs...)...).Output(); len(out) == 0 {
		t.Fatalf("ingest: %v", err) // failed documents (the corpus's xlsx) give exit 1
	}
	report := filepath.Join(tmp, "out", "report.html")
	os.MkdirAll(filepath.Dir(report), 0o755)
	if out, err := fiscaldocs(append(append([]string{"report"}, store...), "--kind", "all", "--all-years", "--out", report)...).CombinedOutput(); err != nil {
		t.Fatalf("report: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}

	t.Run("tables equal their queries", func(t *testing.T) {
		sqls := map[string]string{}
		for _, pre := range find(doc, "pre") {
			sqls[attr(pre, "data-query")] = text(pre)
		}
		var tables []*html.Node // the data tables; the years' tables are drawn from q-years
		for _, tb := range find(doc, "table") {
			if attr(tb, "data-query") != "" {
				tables = append(tables, tb)
			}
		}
		if len(tables) < 7 {
			t.Fatalf("%d data tables, want one per section", len(tables))
		}
		for _, tb := range tables {
			id := attr(tb, "data-query")
			var got [][]string
			var head []string
			for _, th := range find(tb, "th") {
				head = append(head, text(th))
			}
			got = append(got, head)
			for _, tr := range find(tb, "tr")[1:] {
				var row []string
				for _, td := range find(tr, "td") {
					row = append(row, attr(td, "data-value"))
				}
				got = append(got, row)
			}
			out, err := fiscaldocs(append(append([]string{"query"}, store...), "--format", "csv", sqls[id])...).Output()
			if err != nil {
				t.Errorf("%s: query: %v", id, err)
				continue
			}
			want, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Errorf("%s: %d rows in the report, %d from fiscaldocs query", id, len(got), len(want))
				continue
			}
			for i := range want {
				if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
					t.Errorf("%s row %d: report %q, query %q", id, i, got[i], want[i])
				}
			}
		}
	})

	t.Run("names every department", func(t *testing.T) {
		out, err := fiscaldocs(append(append([]string{"query"}, store...), "--format", "csv",
			"SELECT DISTINCT department_name FROM fiscaldocs.v_documents WHERE status = 'ok' AND department_id != ''")...).Output()
		if err != nil {
			t.Fatal(err)
		}
		depts := strings.Split(strings.TrimSpace(string(out)), "\n")[1:]
		if len(depts) == 0 {
			t.Fatal("no departments in the store")
		}
		listed := map[string]bool{}
		for _, li := range find(doc, "li") {
			listed[text(li)] = true
		}
		for _, d := range depts {
			if !listed[d] {
				t.Errorf("department %q is not in the report's list", d)
			}
		}
	})

	// A department is its department_id: its spellings and its text and
	// tables published apart are one name in the list and one row a year.
	t.Run("one department, one row a year", func(t *testing.T) {
		n := queryCount(t, store, "SELECT uniqExact(if(department_id = '', file, department_id)) FROM fiscaldocs.v_documents WHERE status = 'ok'")
		var listed int
		for _, ol := range find(doc, "ol") {
			if attr(ol, "class") == "departments" {
				listed = len(find(ol, "li"))
			}
		}
		if listed != n {
			t.Errorf("%d departments listed; the store has %d department ids", listed, n)
		}
		for _, tb := range find(doc, "table") {
			if id := attr(tb, "data-query"); id == "q-gpb" || id == "q-three-public" {
				seen := map[string]bool{}
				for _, tr := range find(tb, "tr")[1:] {
					var key []string
					for i, td := range find(tr, "td") {
						if i < 4 && (id == "q-three-public" || i < 3) {
							key = append(key, attr(td, "data-value"))
						}
					}
					if k := strings.Join(key, "|"); seen[k] {
						t.Errorf("%s: %s twice", id, k)
					} else {
						seen[k] = true
					}
				}
			}
		}
	})

	t.Run("a chart per section", func(t *testing.T) {
		for _, s := range find(doc, "section") {
			id := attr(s, "id")
			if id == "appendix" || (!corpus && id == "yoy") { // one year per department without the corpus
				continue
			}
			if len(find(s, "svg")) == 0 {
				t.Errorf("section %s has no chart", id)
			}
		}
	})

	t.Run("findings link to their pages", func(t *testing.T) {
		var rows [][]string
		for _, tb := range find(doc, "table") {
			if attr(tb, "data-query") == "q-findings" {
				for _, tr := range find(tb, "tr")[1:] {
					var row []string
					for _, td := range find(tr, "td") {
						row = append(row, attr(td, "data-value"))
					}
					rows = append(rows, row)
				}
			}
		}
		var items []*html.Node
		for _, ul := range find(doc, "ul") {
			if attr(ul, "class") == "findings" {
				items = append(items, find(ul, "li")...)
			}
		}
		if len(rows) == 0 || len(items) != len(rows) {
			t.Fatalf("%d findings listed, %d in the store", len(items), len(rows))
		}
		pages := 0
		for i, li := range items {
			a := find(li, "a")
			if len(a) != 1 || attr(a[0], "href") == "" {
				t.Errorf("finding %d has no link", i)
				continue
			}
			href, page := attr(a[0], "href"), rows[i][4]
			if page != "0" {
				pages++
				if !strings.HasSuffix(href, "#page="+page) || text(a[0]) != "第"+page+"页" {
					t.Errorf("finding %d on page %s links %q (%q)", i, page, href, text(a[0]))
				}
			}
			if rows[i][8] == "" {
				// A file path relative to the report, which must lead to it.
				file := strings.SplitN(href, "#", 2)[0]
				if _, err := os.Stat(filepath.Join(filepath.Dir(report), file)); err != nil {
					t.Errorf("finding %d links %q: %v", i, href, err)
				}
			}
		}
		if corpus && pages == 0 {
			t.Error("no finding names a page")
		}
	})

	t.Run("self-contained", func(t *testing.T) {
		for _, tag := range []string{"script", "link", "img", "iframe", "object"} {
			if n := len(find(doc, tag)); n != 0 {
				t.Errorf("%d <%s> elements", n, tag)
			}
		}
		if m := regexp.MustCompile(`url\(|@import|@font-face`).Find(raw); m != nil {
			t.Errorf("the CSS loads %s", m)
		}
	})

	t.Run("browser", func(t *testing.T) {
		chromium, err := exec.LookPath("chromium")
		needTool(t, "chromium", err == nil)
		fonts, _ := exec.Command("fc-list", ":lang=zh", "family").Output()
		needTool(t, "a Chinese font (fonts-noto-cjk)", len(bytes.TrimSpace(fonts)) > 0)

		// The console check must be able to fail: a page that logs an
		// error is caught.
		bad := filepath.Join(t.TempDir(), "bad.html")
		os.WriteFile(bad, []byte(`<html><body>x<script>console.error("broken")</script></body></html>`), 0o644)
		if logs, _ := render(t, chromium, bad); len(consoleLines(logs)) == 0 {
			t.Fatalf("a console error went unseen; chromium said:\n%s", logs)
		}

		logs, shot := render(t, chromium, report)
		if c := consoleLines(logs); len(c) > 0 {
			t.Errorf("console messages:\n%s", strings.Join(c, "\n"))
		}
		img, err := png.Decode(bytes.NewReader(shot))
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		b := img.Bounds()
		inked, colours := 0, map[uint32]bool{}
		for y := b.Min.Y; y < b.Max.Y; y += 2 {
			for x := b.Min.X; x < b.Max.X; x += 2 {
				r, g, bl, _ := img.At(x, y).RGBA()
				if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
					inked++
				}
				colours[r>>12<<8|g>>12<<4|bl>>12] = true
			}
		}
		total := (b.Dx() / 2) * (b.Dy() / 2)
		if inked*50 < total || len(colours) < 8 {
			t.Errorf("screenshot looks blank: %d of %d pixels inked, %d colours", inked, total, len(colours))
		}
	})
}

// render loads a page in headless Chromium and returns its log and a
// screenshot.
func render(t *testing.T, chromium, page string) (string, []byte) {
	t.Helper()
	dir := t.TempDir()
	shot := filepath.Join(dir, "shot.png")
	abs, _ := filepath.Abs(page)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--enable-logging=stderr", "--v=0", "--window-size=1000,1400", "--screenshot="+shot, "file://"+abs)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	logs, err := cmd.CombinedOutput()
	png, rerr := os.ReadFile(shot)
	if rerr != nil {
		t.Fatalf("chromium: %v %v\n%s", err, rerr, logs)
	}
	return string(logs), png
}

// consoleLines are the page's console messages in Chromium's log.
func consoleLines(logs string) []string {
	var out []string
	for _, l := range strings.Split(logs, "\n") {
		if strings.Contains(l, ":CONSOLE") || strings.Contains(l, "Failed to load resource") {
			out = append(out, l)
		}
	}
	return out
}

func find(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(text(c))
	}
	return b.String()
}

func TestReportUsage(t *testing.T) {
	for _, args := range [][]string{{"report"}, {"report", "--out", "x.html", "--kind", "年报"}, {"report", "--out", "x.html", "extra"}} {
		if code, _, errOut := runCmd(args...); code != 2 || !strings.Contains(errOut, "usage: fiscaldocs report") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
}
