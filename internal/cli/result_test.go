package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/load"
)

// sample is a result as the stores give it: every value as text, with
// ClickHouse's types.
var sample = &load.Result{
	Columns: []string{"department", "year", "value", "ratio", "ok", "note", "codes", "words", "made"},
	Types: []string{"String", "UInt16", "Decimal(38, 4)", "Nullable(Float64)", "Bool", "Nullable(String)",
		"Array(UInt32)", "Array(LowCardinality(String))", "DateTime"},
	Rows: [][]string{
		{"攀枝花市人大常委会办公室", "2021", "12739600", "0.5", "true", "NULL", "[1,2]", "['公务','接待费']", "2024-01-02 03:04:05"},
		{"ab<&>", "2024", "-0.0001", "inf", "false", "a\tb\nc", "[]", `['it\'s','a,b]']`, "2024-01-02 03:04:05"},
	},
}

func TestWriteResultJSON(t *testing.T) {
	var b strings.Builder
	if err := WriteResult(&b, sample, "jsonl", false); err != nil {
		t.Fatal(err)
	}
	want := `{"department":"攀枝花市人大常委会办公室","year":2021,"value":12739600,"ratio":0.5,"ok":true,"note":null,"codes":[1,2],"words":["公务","接待费"],"made":"2024-01-02 03:04:05"}
{"department":"ab<&>","year":2024,"value":-0.0001,"ratio":null,"ok":false,"note":"a\tb\nc","codes":[],"words":["it's","a,b]"],"made":"2024-01-02 03:04:05"}
`
	if b.String() != want {
		t.Errorf("jsonl =\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	if err := WriteResult(&b, sample, "json", false); err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(b.String()), &rows); err != nil || len(rows) != 2 {
		t.Fatalf("json is not an array of two objects: %v\n%s", err, b.String())
	}
	if b.String() != "[\n"+strings.Replace(strings.TrimSuffix(want, "\n"), "\n", ",\n", 1)+"\n]\n" {
		t.Errorf("json =\n%s", b.String())
	}
	b.Reset()
	WriteResult(&b, &load.Result{Columns: []string{"x"}, Types: []string{"String"}}, "json", false)
	if b.String() != "[]\n" {
		t.Errorf("json of no rows = %q; want []", b.String())
	}
}

func TestWriteResultCSVAndTSV(t *testing.T) {
	res := &load.Result{Columns: []string{"部门", "note"}, Types: []string{"String", "String"}, Rows: [][]string{{"财政局", "a\tb\\c\nd, e"}}}
	for _, c := range []struct {
		format string
		bom    bool
		want   string
	}{
		{"csv", true, "\uFEFF部门,note\n财政局,\"a\tb\\c\nd, e\"\n"},
		{"csv", false, "部门,note\n财政局,\"a\tb\\c\nd, e\"\n"},
		{"tsv", true, "\uFEFF部门\tnote\n财政局\ta\\tb\\\\c\\nd, e\n"},
	} {
		var b strings.Builder
		if err := WriteResult(&b, res, c.format, c.bom); err != nil {
			t.Fatal(err)
		}
		if b.String() != c.want {
			t.Errorf("%s (bom %v) = %q; want %q", c.format, c.bom, b.String(), c.want)
		}
	}
}

// In a table, every column starts at the same display column on every
// line, a Chinese character counting two; numbers stand to the right.
func TestWriteResultTable(t *testing.T) {
	res := &load.Result{Columns: []string{"department", "year", "kind"}, Types: []string{"String", "UInt16", "String"},
		Rows: [][]string{{"攀枝花市人大常委会办公室", "2021", "决算"}, {"财政局", "24", "预算"}, {"abc", "2024", "x"}}}
	var b strings.Builder
	if err := WriteResult(&b, res, "table", false); err != nil {
		t.Fatal(err)
	}
	want := `department                year  kind
攀枝花市人大常委会办公室  2021  决算
财政局                      24  预算
abc                       2024  x
`
	if b.String() != want {
		t.Errorf("table =\n%s\nwant\n%s", b.String(), want)
	}
}

func TestSplitArray(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
		ok   bool
	}{
		{"[1,2,3]", []string{"1", "2", "3"}, true},
		{"[]", nil, true},
		{`['a','b\'c','d,e']`, []string{"a", "b'c", "d,e"}, true},
		{"[[1,2],[3]]", []string{"[1,2]", "[3]"}, true},
		{`[['a]','b'],[]]`, []string{`['a]','b']`, "[]"}, true},
		{"['x'y','z']", nil, false}, // an escape lost on the way
		{"(1,2)", nil, false},
	} {
		got, ok := splitArray(c.in)
		if ok != c.ok || strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("splitArray(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
