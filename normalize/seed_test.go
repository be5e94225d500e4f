package normalize

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/corpus"
	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/shopspring/decimal"
)

var update = flag.Bool("update", false, "rewrite golden files")

const (
	seedDocx = "../testdata/seed/panzhihua-npc-office-2021.docx"
	seedText = "../../shared/corpus/seed/panzhihua-npc-office-2021-final-accounts.txt"
	seedGold = "../../shared/gold/seed-panzhihua-npc-office-2021.json"
)

func readFile(t *testing.T, path string) *Result {
	t.Helper()
	d, f, err := corpus.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := extract.File(context.Background(), d, f, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return Document(doc, segmenter(t))
}

func needShared(t *testing.T, path string) {
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s absent (the shared corpus sits beside the project): %v", path, err)
	}
}

// TestSeedDocxGolden pins every fact of the project's docx fixture, with
// its source position, in a golden file (rewrite with -update).
func TestSeedDocxGolden(t *testing.T) {
	res := readFile(t, seedDocx)
	var b strings.Builder
	b.WriteString(res.Identity.Department + " " + res.Identity.Region + " " + res.Identity.Scope + res.Identity.Kind + "\n")
	for _, f := range res.Facts {
		b.WriteString(strings.Join([]string{f.Metric, f.Measure, f.Subject, f.Code, f.Value.String(), f.Unit, f.Raw, f.Method, f.Pos.String()}, "\t") + "\n")
	}
	golden := filepath.Join("testdata", "seed-docx.facts.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("facts differ from %s (go test ./normalize -run TestSeedDocxGolden -update to accept):\n%s", golden, diff(string(want), b.String()))
	}
}

func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var out bytes.Buffer
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			out.WriteString("- " + a + "\n+ " + b + "\n")
		}
	}
	return out.String()
}

// TestSeedDocxMatchesText checks that the seed's text dump and the
// project's docx of it give the same facts, the docx adding only what its
// charts prove (prior-year values).
func TestSeedDocxMatchesText(t *testing.T) {
	needShared(t, seedText)
	fromText, fromDocx := readFile(t, seedText), readFile(t, seedDocx)
	if fromText.Identity != fromDocx.Identity {
		t.Errorf("identity: text %+v, docx %+v", fromText.Identity, fromDocx.Identity)
	}
	byKey := map[Key]Fact{}
	for _, f := range fromDocx.Facts {
		byKey[f.Key()] = f
	}
	for _, f := range fromText.Facts {
		d, ok := byKey[f.Key()]
		if !ok || !d.Value.Equal(f.Value) {
			t.Errorf("%v: text %s, docx %s (found %v)", f.Key(), f.Value, d.Value, ok)
		}
		delete(byKey, f.Key())
	}
	want := map[Key]string{
		{"total", PriorAmount, ""}:           "21458700",
		{"fiscal.total", PriorAmount, ""}:    "21458700",
		{"gpb.expenditure", PriorAmount, ""}: "19613500",
	}
	for k, f := range byKey {
		if w, ok := want[k]; !ok || !f.Value.Equal(decimal.RequireFromString(w)) || f.Method != FromChart {
			t.Errorf("docx-only fact %v = %s (%s); want only the charts' prior-year values", k, f.Value, f.Method)
		}
		delete(want, k)
	}
	for k, v := range want {
		t.Errorf("docx lacks chart fact %v = %s", k, v)
	}
}

// TestSeedGold scores the seed text against its hand-labelled gold file,
// as shared/tools/score does: every gold fact exactly, and no labelled key
// with a wrong value.
func TestSeedGold(t *testing.T) {
	needShared(t, seedGold)
	needShared(t, seedText)
	var gold struct {
		Document Identity `json:"document"`
		Facts    []struct {
			Metric, Measure, Subject, Value string
		}
	}
	data, err := os.ReadFile(seedGold)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &gold); err != nil {
		t.Fatal(err)
	}
	res := readFile(t, seedText)
	got := map[Key]decimal.Decimal{}
	for _, f := range res.Facts {
		got[f.Key()] = f.Value
	}
	hit := 0
	for _, g := range gold.Facts {
		v, ok := got[Key{g.Metric, g.Measure, g.Subject}]
		switch {
		case !ok:
			t.Errorf("missed %s %s %s = %s", g.Metric, g.Measure, g.Subject, g.Value)
		case !v.Equal(decimal.RequireFromString(g.Value)):
			t.Errorf("wrong %s %s %s = %s; want %s", g.Metric, g.Measure, g.Subject, v, g.Value)
		default:
			hit++
		}
	}
	t.Logf("recall %d/%d", hit, len(gold.Facts))
	id := res.Identity
	if id.Department != "攀枝花市人大常委会办公室" || id.Year != 2021 || id.Kind != "决算" {
		t.Errorf("identity = %+v", id)
	}
}
