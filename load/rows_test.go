package load

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fiscaldocs/fiscaldocs/corpus"
	"github.com/fiscaldocs/fiscaldocs/department"
	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/fiscaldocs/fiscaldocs/validate"
	"github.com/shopspring/decimal"
)

func TestSchemaIsPortable(t *testing.T) {
	stmts := schemaStatements("fd")
	if len(stmts) != 11 {
		t.Fatalf("%d statements; want 11", len(stmts))
	}
	// A versioned table's sorting key ends with the document, the load
	// and the row, so that merges never fold one load's rows into
	// another's; columns a comparison filters on may come first.
	versioned := regexp.MustCompile(`MergeTree\(\) ORDER BY \((\w+, )*doc_id, version, seq\)`)
	forbidden := regexp.MustCompile(`(?i)LowCardinality|DateTime64|\bBool\b|\bMap\(|CODEC|\bTTL\b|Float|JSON|\{db\}`)
	for _, s := range stmts {
		isTable := strings.HasPrefix(s, "CREATE TABLE IF NOT EXISTS fd.") &&
			(strings.Contains(s, "ReplacingMergeTree(version) ORDER BY (id)") || versioned.MatchString(s))
		isView := strings.HasPrefix(s, "CREATE VIEW IF NOT EXISTS fd.v_") && strings.Contains(s, "documents FINAL")
		isDictionary := regexp.MustCompile(`^CREATE TABLE IF NOT EXISTS fd\.(metrics|measures|functions) \(`).MatchString(s) &&
			strings.Contains(s, "source String\n) ENGINE = ReplacingMergeTree() ORDER BY (")
		if !isTable && !isView && !isDictionary {
			t.Errorf("statement is neither a versioned table, a dictionary nor a current-rows view in fd:\n%s", s)
		}
		if m := forbidden.FindString(s); m != "" {
			t.Errorf("statement uses %q, outside the subset ClickHouse 18.16 and chDB 26.7 share:\n%s", m, s)
		}
	}
}

func input(facts ...normalize.Fact) Input {
	return Input{
		Doc:       corpus.Doc{Path: "a.docx", SHA256: strings.Repeat("ab", 32)},
		Extractor: "fiscaldocs/test",
		Blocks: &extract.Document{Format: "docx", Blocks: []extract.Block{
			{Kind: extract.Heading, Level: 2, Text: "一、收入", Pos: extract.Pos{Block: 1}},
			{Kind: extract.Paragraph, Text: "本年收入合计2149.94万元", Pos: extract.Pos{Block: 2}},
		}},
		Result:     &normalize.Result{Identity: normalize.Identity{Department: "即某省某局", Year: 2021, Kind: "决算", Scope: "部门"}, Facts: facts},
		Department: department.Department{ID: "0123456789ab", Name: "某省某局", Printed: "即某省某局", Region: "某省", Level: "省", Scope: "单位"},
		Tokens:     [][]string{{"收入"}, {"本年收入合计", "万元"}},
		Version:    7,
		Now:        time.Date(2026, 11, 27, 8, 0, 0, 5, time.UTC),
	}
}

func TestRows(t *testing.T) {
	in := input(
		normalize.Fact{Metric: "income.total", Measure: "amount", Value: decimal.RequireFromString("21499400"), Unit: "yuan", Raw: "2149.94万元", Pos: extract.Pos{Page: 3, Block: 2}},
		normalize.Fact{Metric: "income.other", Measure: "share_pct", Value: decimal.RequireFromString("0.51"), Unit: "percent", Raw: "0.51%"},
	)
	in.Report = &validate.Report{Findings: []validate.Finding{{Rule: "share.recompute", Severity: validate.Info,
		Expected: decimal.NullDecimal{Decimal: decimal.RequireFromString("0.52"), Valid: true}, Actual: decimal.RequireFromString("0.51"), Facts: []int{1, 0}}}}
	b, err := Rows(in)
	if err != nil {
		t.Fatal(err)
	}
	d := b.Document
	if d.ID != in.Doc.SHA256 || d.Facts != 2 || d.Findings != 1 || d.Year != 2021 || d.Version != 7 || d.IngestedAt.Nanosecond() != 0 {
		t.Errorf("document row = %+v", d)
	}
	// The printed name stays; the department's id, name, region, level
	// and scope (the title's, over normalize's) go beside it.
	if d.Department != "即某省某局" || d.DepartmentID != "0123456789ab" || d.DepartmentName != "某省某局" || d.Region != "某省" || d.Level != "省" || d.Scope != "单位" {
		t.Errorf("document row's department = %q %q %q %q %q %q", d.Department, d.DepartmentID, d.DepartmentName, d.Region, d.Level, d.Scope)
	}
	for _, f := range b.Facts {
		if f.DepartmentID != d.DepartmentID || f.Department != d.Department || f.DepartmentName != d.DepartmentName || f.Region != d.Region ||
			f.Year != 2021 || f.Kind != "决算" || f.Scope != "单位" || f.File != "a.docx" {
			t.Errorf("fact %d does not carry its document's department, year, kind, scope and file: %+v", f.Seq, f)
		}
	}
	if len(b.Facts) != 2 || !b.Facts[0].Value.Equal(decimal.RequireFromString("21499400")) || b.Facts[0].Page != 3 || b.Facts[0].Block != 2 || b.Facts[1].Seq != 1 {
		t.Errorf("fact rows = %+v", b.Facts)
	}
	f := b.Findings[0]
	if f.Expected == nil || f.Expected.String() != "0.52" || len(f.Facts) != 2 || f.Facts[0] != 1 || f.Page != 3 {
		t.Errorf("finding row = %+v", f)
	}
	if len(b.Blocks) != 2 || b.Blocks[0].Kind != "heading" || b.Blocks[0].Level != 2 || b.Blocks[1].Tokens[0] != "本年收入合计" {
		t.Errorf("block rows = %+v", b.Blocks)
	}
}

// A finding about a table's cells names them in its message, not through a
// fact: its page is read from there, or from the page of the block it names.
func TestFindingPageFromMessage(t *testing.T) {
	in := input(normalize.Fact{Metric: "gpb.class", Measure: "amount", Value: decimal.RequireFromString("100"), Pos: extract.Pos{Block: 2}})
	in.Blocks.Blocks[0].Pos.Page, in.Blocks.Blocks[1].Pos.Page = 4, 6
	in.Report = &validate.Report{Findings: []validate.Finding{
		{Rule: "sum.table", Message: "表中合计 10.00万元 ≠ 其下 3 行之和 9.00万元（page 5 block 9 row 3 col 2）"},
		{Rule: "class.vs_summary", Message: "一般公共服务支出 收支总表为 1（block 1 row 2），一般公共预算财政拨款支出为 2（block 2）", Facts: []int{0}},
		{Rule: "sum.table", Message: "表中合计 ≠ 其下之和（block 2 row 4）"},
		{Rule: "sections.missing", Message: "缺少说明部分：政府采购"},
		{Rule: "sum.table", Message: "表中合计（block 99 row 1）"},
	}}
	b, err := Rows(in)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []uint32{5, 4, 6, 0, 0} {
		if got := b.Findings[i].Page; got != want {
			t.Errorf("finding %d (%s) page = %d; want %d", i, b.Findings[i].Message, got, want)
		}
	}
}

func TestRowsRefusesWhatWouldBeAltered(t *testing.T) {
	for name, in := range map[string]Input{
		"too many decimals": input(normalize.Fact{Metric: "x", Measure: "amount", Value: decimal.RequireFromString("1.23456")}),
		"too large":         input(normalize.Fact{Metric: "x", Measure: "amount", Value: decimal.New(1, 40)}),
	} {
		if _, err := Rows(in); err == nil || !strings.HasPrefix(err.Error(), "load: fact 0 (x amount)") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	in := input()
	in.Report = &validate.Report{Findings: []validate.Finding{{Rule: "r", Facts: []int{3}}}}
	if _, err := Rows(in); err == nil || !strings.Contains(err.Error(), "refers to fact 3 of 0") {
		t.Errorf("dangling finding: err = %v", err)
	}
}

// TestColumnsFollowSchema keeps each table's written columns those of
// schema.sql, in its order, and reads each from its own field.
func TestColumnsFollowSchema(t *testing.T) {
	schema := map[string][]string{}
	for _, stmt := range schemaStatements("fd") {
		name, ok := strings.CutPrefix(stmt, "CREATE TABLE IF NOT EXISTS fd.")
		if !ok {
			continue
		}
		table, body, _ := strings.Cut(name, " (")
		for _, l := range strings.Split(body, "\n") {
			if f := strings.Fields(l); len(f) >= 2 && !strings.HasPrefix(f[0], ")") {
				schema[table] = append(schema[table], f[0])
			}
		}
	}
	b := &Batch{Document: DocumentRow{ID: "d", Year: 2021}, Facts: []FactRow{{DocID: "d", Seq: 7, Metric: "m", Text: "t", Version: 9}},
		Findings: []FindingRow{{Facts: []uint32{1, 2}}}, Blocks: []BlockRow{{Level: 3, Tokens: []string{"a"}}}}
	ps := parts([]*Batch{b})
	for _, p := range ps {
		if !reflect.DeepEqual(p.columns, schema[p.table]) {
			t.Errorf("%s: columns %q; schema.sql has %q", p.table, p.columns, schema[p.table])
		}
	}
	ps = append(ps, dictionaries()...)
	for _, p := range ps[4:] {
		if !reflect.DeepEqual(p.columns, schema[p.table]) {
			t.Errorf("%s: columns %q; schema.sql has %q", p.table, p.columns, schema[p.table])
		}
	}
	if len(ps) != 7 || len(schema) != 7 {
		t.Fatalf("%d tables written, %d in schema.sql", len(ps), len(schema))
	}
	f := ps[1]
	for j, want := range map[int]any{1: []uint32{7}, 2: []string{"m"}, 16: []string{"t"}, 17: []uint64{9}} {
		if got := f.values(j); !reflect.DeepEqual(got, want) {
			t.Errorf("facts column %s = %v; want %v", f.columns[j], got, want)
		}
	}
	if got := ps[0].tsv(); got != "\t0\t0\t\t3\t\t['a']\t0\n" {
		t.Errorf("blocks TSV = %q", got)
	}
	if got := ps[2].tsv(); got != "\t0\t\t\t\t\\N\t0\t[1,2]\t0\t0\n" {
		t.Errorf("findings TSV = %q", got)
	}
}

// Tables lists what schema.sql makes: each table with its columns, each
// view with its table's.
func TestTables(t *testing.T) {
	got := map[string]Table{}
	var names []string
	for _, tb := range Tables() {
		got[tb.Name] = tb
		names = append(names, tb.Name)
	}
	if want := "documents facts findings blocks metrics measures functions v_documents v_facts v_findings v_blocks"; strings.Join(names, " ") != want {
		t.Errorf("Tables = %s; want %s", strings.Join(names, " "), want)
	}
	if c := got["facts"].Columns; len(c) != 30 || c[6] != [2]string{"value", "Decimal(38, 4)"} || c[25] != [2]string{"file", "String"} || c[29] != [2]string{"y1", "Decimal(9, 2)"} {
		t.Errorf("facts columns = %q", c)
	}
	if v := got["v_facts"]; v.Of != "facts" || !reflect.DeepEqual(v.Columns, got["facts"].Columns) {
		t.Errorf("v_facts = %+v; want the current rows of facts, with its columns", v)
	}
	if v := got["v_documents"]; v.Of != "documents" || len(v.Columns) != 21 {
		t.Errorf("v_documents = %+v", v)
	}
}

// TestRowsProblems: a document's reading problems go into its documents
// row, one line each.
func TestRowsProblems(t *testing.T) {
	in := input()
	in.Blocks.Problems = []*extract.Error{{Pos: extract.Pos{Page: 3}, Err: extract.ErrGarbledText}}
	b, err := Rows(in)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Document.Problems; len(got) != 1 || !strings.Contains(got[0], "page 3") || strings.Contains(got[0], "\n") {
		t.Errorf("Problems = %q; want the garbled page 3, on one line", got)
	}
}
