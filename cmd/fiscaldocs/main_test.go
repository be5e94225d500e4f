package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/fiscaldocs/fiscaldocs/normalize"
)

const fixture = "../../testdata/seed/panzhihua-npc-office-2021.docx"

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExtractJSON(t *testing.T) {
	code, out, errs := runCmd("extract", "--json", fixture)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var doc jsonOutput
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	d := doc.Document
	if len(d.ID) != 64 || d.Format != "docx" || d.Department != "攀枝花市人大常委会办公室" || d.Year != 2021 || d.Kind != "决算" || d.Scope != "部门" || d.Extractor != "fiscaldocs/"+Version {
		t.Errorf("document = %+v", d)
	}
	var found bool
	for _, f := range doc.Facts {
		if f.Metric == "gpb.item" && f.Measure == "amount" && f.Code == "2010101" {
			found = f.Value == "12739600" && f.Unit == "yuan" && f.Raw == "1273.96万元" && f.Source.Block > 0 && f.Source.Row > 0 && f.Method == "table"
		}
	}
	if !found {
		t.Errorf("no correct gpb.item 2010101 amount among %d facts", len(doc.Facts))
	}
}

func TestExtractGoesOnAfterAFailure(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "truncated.docx")
	data, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, data[:len(data)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.docx")
	code, out, errs := runCmd("extract", "--json", bad, fixture, missing)
	if code != 1 {
		t.Errorf("exit %d; want 1", code)
	}
	if n := strings.Count(out, "\n"); n != 1 || !strings.Contains(out, `"攀枝花市人大常委会办公室"`) {
		t.Errorf("stdout has %d lines; want the good document's JSON only:\n%s", n, out)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], bad) || !strings.Contains(lines[1], missing) {
		t.Errorf("stderr = %q; want one line naming each bad file, in order", errs)
	}
}

func TestExtractTextAndTable(t *testing.T) {
	code, out, _ := runCmd("extract", "--text", fixture)
	if code != 0 || !strings.Contains(out, "## 一、收入支出决算总体情况说明\n") || !strings.Contains(out, "[chart barChart: 收、支决算总计变动情况图]") ||
		!strings.Contains(out, "201\t01\t01\t行政运行\t1273.96\t100") {
		t.Errorf("--text output lacks headings, charts or table rows (exit %d):\n%.600s", code, out)
	}
	code, out, _ = runCmd("extract", fixture)
	if code != 0 || !strings.Contains(out, "攀枝花市人大常委会办公室 2021年 部门决算") || !strings.Contains(out, "gpb.basic.public") {
		t.Errorf("table output (exit %d):\n%.600s", code, out)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"nosuch"}, {"extract"}, {"extract", "--json", "--text", "x"}} {
		if code, _, errs := runCmd(args...); code != 2 || !strings.Contains(errs, "usage") {
			t.Errorf("%q: exit %d, stderr %q; want 2 and usage", args, code, errs)
		}
	}
}

// The seed published as a GBK web page (testdata/mkpublished) gives the docx's
// facts and identity, less the prior-year figures only the docx's chart
// caches hold.
func TestExtractHTMLMatchesDocx(t *testing.T) {
	facts := func(path string) (jsonOutput, []string) {
		doc := extractJSON(t, path)
		var keys []string
		for _, f := range doc.Facts {
			if f.Measure != "prior_amount" {
				keys = append(keys, strings.Join([]string{f.Metric, f.Measure, f.Subject, f.Code, f.Value, f.Unit}, "|"))
			}
		}
		sort.Strings(keys)
		return doc, keys
	}
	docx, want := facts(fixture)
	page, got := facts(strings.TrimSuffix(fixture, ".docx") + ".html")
	if page.Document.Format != "html" || page.Document.Department != docx.Document.Department || page.Document.Year != docx.Document.Year ||
		page.Document.Kind != docx.Document.Kind {
		t.Errorf("page identity %+v, docx %+v", page.Document, docx.Document)
	}
	if len(want) < 90 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("page facts (%d) differ from the docx's (%d):\n%s", len(got), len(want), diffLines(want, got))
	}
}

// diffLines lists the lines only one side has.
func diffLines(a, b []string) string {
	in := func(xs []string) map[string]bool {
		m := map[string]bool{}
		for _, x := range xs {
			m[x] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	var out []string
	for _, x := range a {
		if !mb[x] {
			out = append(out, "- "+x)
		}
	}
	for _, x := range b {
		if !ma[x] {
			out = append(out, "+ "+x)
		}
	}
	return strings.Join(out, "\n")
}

// The seed's 支出决算明细表 as a workbook (testdata/mkpublished) gives exactly the
// facts the docx reads from that table, and the docx's identity.
func TestExtractXlsxMatchesDocxTable(t *testing.T) {
	docx, book := extractJSON(t, fixture), extractJSON(t, strings.TrimSuffix(fixture, ".docx")+".xlsx")
	key := func(f jsonFact) string {
		return strings.Join([]string{f.Metric, f.Measure, f.Subject, f.Code, f.Value, f.Unit, f.Method}, "|")
	}
	tableBlock := 0
	var want, got []string
	for _, f := range docx.Facts {
		if f.Metric == "gpb.item" && f.Method == "table" {
			if tableBlock == 0 {
				tableBlock = f.Source.Block
			}
			if f.Source.Block == tableBlock {
				want = append(want, key(f))
			}
		}
	}
	for _, f := range book.Facts {
		got = append(got, key(f))
	}
	sort.Strings(want)
	sort.Strings(got)
	if len(want) != 24 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("workbook facts (%d) differ from the docx table's (%d):\n%s", len(got), len(want), diffLines(want, got))
	}
	d, b := docx.Document, book.Document
	if b.Format != "xlsx" || b.Department != d.Department || b.Year != d.Year || b.Kind != d.Kind {
		t.Errorf("workbook identity %+v, docx %+v", b, d)
	}
}

// The seed's web page printed, scanned (testdata/mkscan: 200 dpi, turned,
// speckled, JPEG) and read by OCR gives the 支出决算明细表's amounts as the
// docx does: at least 95% of them exact, and any that is not, withheld or
// flagged by ocr.unverified — never silently wrong. Every fact is
// method "ocr".
func TestExtractScanMatchesDocxTable(t *testing.T) {
	_, err := exec.LookPath("tesseract")
	needTool(t, "tesseract (tesseract-ocr, tesseract-ocr-chi-sim)", err == nil)
	docx, scan := extractJSON(t, fixture), extractJSON(t, strings.TrimSuffix(fixture, ".docx")+"-scan.pdf")
	want := map[string]string{} // code → amount, from the docx's table
	for _, f := range docx.Facts {
		if f.Metric == "gpb.item" && f.Measure == "amount" && f.Method == "table" {
			want[f.Code] = f.Value
		}
	}
	flagged := map[int]bool{}
	for _, fd := range scan.Findings {
		if fd.Rule == "ocr.unverified" {
			for _, i := range fd.Facts {
				flagged[i] = true
			}
		}
	}
	exact := 0
	for i, f := range scan.Facts {
		if f.Method != "ocr" {
			t.Errorf("fact %s %s read from a scan has method %q", f.Metric, f.Measure, f.Method)
		}
		if f.Metric != "gpb.item" || f.Measure != "amount" {
			continue
		}
		switch {
		case want[f.Code] == f.Value:
			exact++
		case !flagged[i]:
			t.Errorf("gpb.item %s = %s, the docx says %s, and it is not flagged", f.Code, f.Value, want[f.Code])
		}
	}
	if len(want) != 12 || float64(exact) < 0.95*float64(len(want)) {
		t.Errorf("%d of the table's %d amounts exact; want ≥ 95%%", exact, len(want))
	}
	if d := scan.Document; d.Format != "pdf" || d.Year != docx.Document.Year || d.Kind != docx.Document.Kind || len(d.Problems) != 0 {
		t.Errorf("scan identity %+v; want the docx's year and kind, no problems", d)
	}
	t.Logf("scan: %d of %d table amounts exact, %d facts", exact, len(want), len(scan.Facts))
}

// extractJSON runs extract --json on one document.
func extractJSON(t *testing.T, path string) jsonOutput {
	t.Helper()
	code, out, errs := runCmd("extract", "--json", path)
	if code != 0 {
		t.Fatalf("%s: exit %d, stderr %s", path, code, errs)
	}
	var doc jsonOutput
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// LibreOffice's .doc and .xls saves of the docx and xlsx fixtures give
// their facts exactly (the .doc keeps even the chart caches).
func TestExtractLegacyMatchesModern(t *testing.T) {
	_, err := exec.LookPath("soffice")
	needTool(t, "soffice (LibreOffice)", err == nil)
	keys := func(doc jsonOutput) []string {
		var out []string
		for _, f := range doc.Facts {
			out = append(out, strings.Join([]string{f.Metric, f.Measure, f.Subject, f.Code, f.Value, f.Unit, f.Method}, "|"))
		}
		sort.Strings(out)
		return out
	}
	base := strings.TrimSuffix(fixture, ".docx")
	for _, c := range []struct{ legacy, modern string }{{base + ".doc", fixture}, {base + ".xls", base + ".xlsx"}} {
		old, mod := extractJSON(t, c.legacy), extractJSON(t, c.modern)
		got, want := keys(old), keys(mod)
		if len(want) < 24 || strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: %d facts, %s %d:\n%s", c.legacy, len(got), c.modern, len(want), diffLines(want, got))
		}
		if old.Document.Department != mod.Document.Department || old.Document.Year != mod.Document.Year {
			t.Errorf("%s identity %+v, %s %+v", c.legacy, old.Document, c.modern, mod.Document)
		}
	}
}

// A document's time limit holds for what reads it in milliseconds, and
// stretches for the pages it sends to OCR, which take seconds each.
func TestDocumentTimeoutStretchesForOCR(t *testing.T) {
	_, err := exec.LookPath("tesseract")
	needTool(t, "tesseract (tesseract-ocr, tesseract-ocr-chi-sim)", err == nil)
	seg, err := normalize.NewSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	opt := runOptions{timeout: time.Nanosecond}
	if p := processOne(context.Background(), fixture, seg, opt); p.Err == nil || !strings.Contains(p.Err.Error(), "gave up after 1ns") {
		t.Errorf("docx with a 1 ns limit: %v; want it given up", p.Err)
	}
	opt.timeout = time.Second
	scan := strings.TrimSuffix(fixture, ".docx") + "-scan.pdf"
	if p := processOne(context.Background(), scan, seg, opt); p.Err != nil || len(p.Result.Facts) < 12 {
		t.Errorf("scan with a 1 s limit and its OCR's time: %v", p.Err)
	}
}
