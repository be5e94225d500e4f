package load

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fiscaldocs/fiscaldocs/corpus"
	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/fiscaldocs/fiscaldocs/validate"
	"github.com/shopspring/decimal"
)

func TestSchemaIsPortable(t *testing.T) {
	stmts := schemaStatements("fd")
	if len(stmts) != 8 {
		t.Fatalf("%d statements; want 8", len(stmts))
	}
	forbidden := regexp.MustCompile(`(?i)LowCardinality|DateTime64|\bBool\b|\bMap\(|CODEC|\bTTL\b|Float|JSON|\{db\}`)
	for _, s := range stmts {
		isTable := strings.HasPrefix(s, "CREATE TABLE IF NOT EXISTS fd.") &&
			(strings.Contains(s, "ReplacingMergeTree(version) ORDER BY (id)") || strings.Contains(s, "MergeTree() ORDER BY (doc_id, version, seq)"))
		isView := strings.HasPrefix(s, "CREATE VIEW IF NOT EXISTS fd.v_") && strings.Contains(s, "documents FINAL")
		if !isTable && !isView {
			t.Errorf("statement is neither a versioned table nor a current-rows view in fd:\n%s", s)
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
		Result:  &normalize.Result{Identity: normalize.Identity{Department: "某局", Year: 2021, Kind: "决算"}, Facts: facts},
		Tokens:  [][]string{{"收入"}, {"本年收入合计", "万元"}},
		Version: 7,
		Now:     time.Date(2026, 11, 27, 8, 0, 0, 5, time.UTC),
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

// TestColumnsFollowFields keeps each row struct's fields in the order of
// its table's column list, which the stores rely on.
func TestColumnsFollowFields(t *testing.T) {
	for _, p := range (&Batch{}).parts() {
		if n := p.data.Type().Elem().NumField(); n != len(p.columns) {
			t.Errorf("%s: %d fields, %d columns", p.table, n, len(p.columns))
		}
	}
	b := &Batch{Facts: []FactRow{{DocID: "d", Seq: 7, Metric: "m"}}}
	f := b.parts()[1]
	if got := f.column(1).([]uint32); got[0] != 7 || f.columns[1] != "seq" {
		t.Errorf("facts column 1 = %v (%s); want [7] (seq)", got, f.columns[1])
	}
}
