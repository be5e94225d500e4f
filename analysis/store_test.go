package analysis

import (
	"context"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fiscaldocs/fiscaldocs/corpus"
	"github.com/fiscaldocs/fiscaldocs/department"
	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/fiscaldocs/fiscaldocs/load"
	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/fiscaldocs/fiscaldocs/validate"
	"github.com/shopspring/decimal"
)

// The store tests run on embedded chDB (make chdb), on a store of their
// own filled with the documents below, whose every figure is known.

var (
	testOnce  sync.Once
	testStore *load.ChDB
	testDir   string
	testErr   error
)

// TestMain closes the chDB session before the process ends.
func TestMain(m *testing.M) {
	code := m.Run()
	if testStore != nil {
		testStore.Close()
		os.RemoveAll(testDir)
	}
	os.Exit(code)
}

// fixtureDoc is one document of the test store.
type fixtureDoc struct {
	file, format string
	dept         department.Department
	year         int
	kind         string
	facts        map[string]string // metric → yuan, department totals
	text         string            // the one block's text
	findings     []validate.Finding
}

var (
	jia = department.Department{ID: "aaaaaaaaaaaa", Name: "某省甲局", Printed: "甲局", Region: "某省", Level: "省", Scope: "部门"}
	yi  = department.Department{ID: "bbbbbbbbbbbb", Name: "某省乙办公室", Printed: "乙办公室", Region: "某省", Level: "省", Scope: "部门"}
)

// fixtures: 甲局's 2024 决算 as a PDF and as a docx of the same facts; its
// 2023 决算 and 2024 预算; 乙办公室's 2024 决算; and a scanned page of no
// known department.
var fixtures = []fixtureDoc{
	{file: "r/甲局2024决算.pdf", format: "pdf", dept: jia, year: 2024, kind: "决算",
		facts: map[string]string{"gpb.expenditure": "1000000", "three_public.total": "50000", "three_public.overseas": "10000", "three_public.vehicle": "20000"},
		text:  "公务接待费支出决算比2023年减少1万元，主要原因是厉行节约。",
		findings: []validate.Finding{
			{Rule: "sum.table", Severity: validate.Error, Message: "表中合计 10.00万元 ≠ 其下 3 行之和 9.00万元（page 5 block 1 row 3）", Actual: decimal.NewFromInt(100000)},
			{Rule: "share.recompute", Severity: validate.Info, Message: "占比 10.0% 按舍入应为 10.1%（page 2 block 1）", Actual: decimal.NewFromInt(10)},
		}},
	{file: "r/甲局2024决算.docx", format: "docx", dept: jia, year: 2024, kind: "决算",
		facts: map[string]string{"gpb.expenditure": "1000000", "three_public.total": "50000", "three_public.overseas": "10000", "three_public.vehicle": "20000"},
		text:  "公务接待费支出决算比2023年减少1万元，主要原因是厉行节约。",
		findings: []validate.Finding{
			{Rule: "sum.table", Severity: validate.Error, Message: "表中合计 10.00万元 ≠ 其下 3 行之和 9.00万元（block 1 row 3）", Actual: decimal.NewFromInt(100000)},
			{Rule: "share.recompute", Severity: validate.Info, Message: "占比 10.0% 按舍入应为 10.1%（block 1）", Actual: decimal.NewFromInt(10)},
		}},
	{file: "r/甲局2023决算.pdf", format: "pdf", dept: jia, year: 2023, kind: "决算",
		facts: map[string]string{"gpb.expenditure": "900000", "three_public.total": "60000", "operating_expense": "70000"},
		text:  "公务接待费支出与上年持平。"},
	{file: "r/甲局2024预算.pdf", format: "pdf", dept: jia, year: 2024, kind: "预算",
		facts: map[string]string{"gpb.expenditure": "1200000"},
		text:  "公务 接待费预算减少。"},
	{file: "r/乙办公室2024决算.pdf", format: "pdf", dept: yi, year: 2024, kind: "决算",
		facts: map[string]string{"gpb.expenditure": "3000000", "three_public.total": "30000", "three_public.overseas": "10000", "three_public.vehicle": "10000", "three_public.reception": "10000"},
		text:  "公务接待费减少，因会议减少。",
		findings: []validate.Finding{
			{Rule: "sum.basic_expenditure", Severity: validate.Warning, Message: "人员经费 + 公用经费 ≠ 基本支出", Actual: decimal.NewFromInt(1), Facts: []int{0}},
		}},
	{file: "r/扫描件.pdf", format: "pdf", year: 2024, kind: "决算",
		facts: map[string]string{"gpb.expenditure": "5"},
		text:  "扫描的一页，公务接待费减少。"},
}

// store returns the test store, filled once.
func store(t *testing.T) load.Store {
	t.Helper()
	testOnce.Do(func() {
		if testDir, testErr = os.MkdirTemp("", "fiscaldocs-analysis-test-"); testErr != nil {
			return
		}
		if testStore, testErr = load.OpenChDB(context.Background(), testDir); testErr != nil {
			return
		}
		for i, fx := range fixtures {
			b, err := load.Rows(fx.input(i))
			if err != nil {
				testErr = err
				return
			}
			if testErr = testStore.Write(context.Background(), b); testErr != nil {
				return
			}
		}
	})
	if testErr != nil {
		if os.Getenv("FISCALDOCS_REQUIRE_TOOLS") == "" {
			t.Skipf("chDB: %v", testErr)
		}
		t.Fatalf("chDB: %v", testErr)
	}
	return testStore
}

func (fx fixtureDoc) input(i int) load.Input {
	var facts []normalize.Fact
	for _, m := range sortedKeys(fx.facts) {
		facts = append(facts, normalize.Fact{Metric: m, Measure: "amount", Value: decimal.RequireFromString(fx.facts[m]), Unit: normalize.Yuan,
			Raw: fx.facts[m] + "元", Pos: extract.Pos{Page: 3, Block: 1}, Text: fx.text, Method: normalize.Narrative})
	}
	page := 3
	if fx.format == "docx" {
		page = 0
		for j := range facts {
			facts[j].Pos.Page = 0
		}
	}
	return load.Input{
		Doc:       corpus.Doc{Path: fx.file, SHA256: strings.Repeat(string(rune('a'+i)), 64)},
		Extractor: "fiscaldocs/test",
		Blocks:    &extract.Document{Format: fx.format, Pages: page, Blocks: []extract.Block{{Kind: extract.Paragraph, Text: fx.text, Pos: extract.Pos{Page: page, Block: 1}}}},
		Result: &normalize.Result{Identity: normalize.Identity{Department: fx.dept.Printed, Year: fx.year, Kind: fx.kind, Scope: fx.dept.Scope},
			Facts: facts},
		Department: fx.dept,
		Report:     &validate.Report{Findings: fx.findings},
		Tokens:     [][]string{{"公务接待费", "减少"}},
		Version:    1,
		Now:        time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
	}
}

func sortedKeys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func TestCopies(t *testing.T) {
	cs, err := Copies(context.Background(), store(t), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// The docx holds the PDF's facts: one document in two files, the PDF
	// kept. The scan, of no department, is nobody's copy.
	if len(cs) != 1 || cs[0].File != "r/甲局2024决算.docx" || cs[0].Of != "r/甲局2024决算.pdf" {
		t.Errorf("Copies = %+v; want the docx, a copy of the PDF", cs)
	}
}
