package analysis

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readCSV reads an export's file: a byte-order mark, a header, rows.
func readCSV(t *testing.T, path string) (map[string]int, [][]string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\uFEFF")) {
		t.Errorf("%s has no byte-order mark", path)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	return col, rows[1:]
}

func TestExport(t *testing.T) {
	dir := t.TempDir()
	var out strings.Builder
	if err := Export(context.Background(), store(t), Filter{Year: 2024, Kind: "决算", Department: "某省甲局"}, dir, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "facts.csv: 8 rows") {
		t.Errorf("export said:\n%s", out.String())
	}
	col, facts := readCSV(t, filepath.Join(dir, "facts.csv"))
	value := col["value (in unit: yuan 元, percent or count)"]
	if len(facts) != 8 || value == 0 {
		t.Fatalf("%d facts (甲局 2024 决算, PDF and docx), value column %d; columns %v", len(facts), value, col)
	}
	for _, f := range facts {
		if f[col["department_id"]] != jia.ID || f[col["department_name"]] != "某省甲局" || f[col["department"]] != "甲局" || f[col["year"]] != "2024" ||
			f[col["kind"]] != "决算" || !strings.HasPrefix(f[col["file"]], "r/甲局2024决算.") || f[col["text"]] != "公务接待费支出决算比2023年减少1万元，主要原因是厉行节约。" {
			t.Errorf("fact row lacks its department, year, kind, file or text: %q", f)
		}
		if f[col["metric"]] == "gpb.expenditure" && (f[value] != "1000000" || f[col["unit"]] != "yuan") {
			t.Errorf("gpb.expenditure = %s %s; want 1000000 yuan", f[value], f[col["unit"]])
		}
	}
	col, findings := readCSV(t, filepath.Join(dir, "findings.csv"))
	if len(findings) != 4 {
		t.Fatalf("%d findings; want the 4 of 甲局's 2024 决算 files", len(findings))
	}
	for _, f := range findings {
		if f[col["department_name"]] != "某省甲局" || f[col["year"]] != "2024" || f[col["kind"]] != "决算" || f[col["file"]] == "" {
			t.Errorf("finding row lacks its department, year, kind or file: %q", f)
		}
		if f[col["rule"]] == "sum.table" && strings.HasSuffix(f[col["file"]], ".pdf") && (f[col["page"]] != "5" || f[col["actual (in the facts' unit: yuan 元 or percent)"]] != "100000") {
			t.Errorf("sum.table finding: page %s, actual %s; want 5, 100000", f[col["page"]], f[col["actual (in the facts' unit: yuan 元 or percent)"]])
		}
	}
	col, summary := readCSV(t, filepath.Join(dir, "summary.csv"))
	total, reception := col["three_public.total “三公”经费财政拨款支出 (元)"], col["three_public.reception 公务接待费 (元)"]
	if len(summary) != 2 || total == 0 || reception == 0 {
		t.Fatalf("summary: %d rows, columns %v", len(summary), col)
	}
	if summary[0][total] != "50000" || summary[0][reception] != "" {
		t.Errorf("summary: “三公” %q, 公务接待费 %q; want 50000 and empty (not read, not 0)", summary[0][total], summary[0][reception])
	}
	// Every document when nothing is asked.
	if err := Export(context.Background(), store(t), Filter{}, dir, &out); err != nil {
		t.Fatal(err)
	}
	if _, docs := readCSV(t, filepath.Join(dir, "documents.csv")); len(docs) != len(fixtures) {
		t.Errorf("%d documents exported; want %d", len(docs), len(fixtures))
	}
}

func TestFilterWhere(t *testing.T) {
	for _, c := range []struct {
		f    Filter
		want string
	}{
		{Filter{}, "1"},
		{Filter{Year: 2024, Kind: "决算"}, "d.year = 2024 AND d.kind = '决算'"},
		{Filter{Department: "甲's"}, `(d.department_id = '甲\'s' OR d.department_name = '甲\'s' OR d.department = '甲\'s')`},
	} {
		if got := c.f.Where("d"); got != c.want {
			t.Errorf("%+v.Where = %s; want %s", c.f, got, c.want)
		}
	}
}
