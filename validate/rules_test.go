package validate

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/shopspring/decimal"
)

// TestRuleCases runs testdata/rules/RULE.txtar: its "fire" section must
// make RULE fail with an error or warning, its "edge" section — at the
// tolerance's edge — must leave it passed with no error or warning.
//
// Section lines: "METRIC MEASURE RAW [SUBJECT]" is a narrative fact,
// "table …" one read from a table, "conflict …" a later statement of an
// earlier fact, "ocr …" a fact read by OCR and confirmed, "unverified …"
// one read by OCR and not, "withheld …" an OCR figure normalize withheld,
// "change …" a 类's or 项's year-on-year change; "kind 决算" sets the document's kind; "text …" is a
// paragraph of the document, "tableblock …" a one-row table (cells
// tab-separated), "tablesum LABEL TOTAL SUM PARTS UNIT" a sum a table
// states by its layout, "summaryclass CODE NAME RAW" a class's figure in
// a summary table. A subject may end in "#CODE".
func TestRuleCases(t *testing.T) {
	files, err := filepath.Glob("testdata/rules/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no rule cases: %v", err)
	}
	for _, name := range files {
		rule := strings.TrimSuffix(filepath.Base(name), ".txtar")
		sections := readTxtar(t, name)
		for _, sec := range []string{"fire", "edge"} {
			lines, ok := sections[sec]
			if !ok {
				t.Errorf("%s: no -- %s -- section", name, sec)
				continue
			}
			rep := runCase(t, lines)
			var bad []string
			for _, f := range rep.Findings {
				if f.Rule == rule && f.Severity != Info {
					bad = append(bad, f.Message)
				}
			}
			st := status(rep, rule)
			switch {
			case sec == "fire" && (st != Failed || len(bad) == 0):
				t.Errorf("%s fire: status %s, findings %q; want it to fire", rule, st, bad)
			case sec == "edge" && (st != Passed || len(bad) > 0):
				t.Errorf("%s edge: status %s, findings %q; want passed", rule, st, bad)
			}
		}
	}
}

// readTxtar splits a txtar file into its named sections' lines.
func readTxtar(t *testing.T, name string) map[string][]string {
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]string{}
	cur := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "-- ") && strings.HasSuffix(l, " --") {
			cur = strings.TrimSuffix(strings.TrimPrefix(l, "-- "), " --")
			out[cur] = nil
			continue
		}
		if cur != "" && strings.TrimSpace(l) != "" {
			out[cur] = append(out[cur], l)
		}
	}
	return out
}

func runCase(t *testing.T, lines []string) *Report {
	res := &normalize.Result{}
	doc := &extract.Document{}
	for _, l := range lines {
		fields := strings.Fields(l)
		switch fields[0] {
		case "kind":
			res.Identity.Kind = fields[1]
			continue
		case "text":
			doc.Blocks = append(doc.Blocks, extract.Block{Kind: extract.Paragraph, Text: strings.TrimPrefix(l, "text "), Pos: extract.Pos{Block: len(doc.Blocks) + 1}})
			continue
		case "tablesum": // LABEL TOTAL SUM PARTS UNIT: a sum a table states by its layout
			total, _ := decimal.NewFromString(fields[2])
			sum, _ := decimal.NewFromString(fields[3])
			parts, _ := strconv.Atoi(fields[4])
			half := decimal.New(5, total.Exponent()-1)
			res.Sums = append(res.Sums, normalize.TableSum{Label: fields[1], Total: total, Raw: fields[2], Sum: sum, Parts: parts,
				Rounding: half.Mul(decimal.NewFromInt(int64(parts + 1))), Places: -total.Exponent(), Unit: fields[5]})
			continue
		case "summaryclass": // CODE NAME RAW: a class's figure in a summary table
			v, err := normalize.ParseAmount(fields[3])
			if err != nil {
				t.Fatal(err)
			}
			res.Classes = append(res.Classes, normalize.ClassFigure{Code: fields[1], Name: fields[2], Value: v, Raw: fields[3], Table: "收入支出决算总表"})
			continue
		case "tableblock":
			text := strings.TrimPrefix(l, "tableblock ")
			var row []extract.Cell
			for j, c := range strings.Split(text, "\t") {
				row = append(row, extract.Cell{Text: c, OriginCol: j, RowSpan: 1, ColSpan: 1})
			}
			doc.Blocks = append(doc.Blocks, extract.Block{Kind: extract.TableBlock, Text: text, Table: &extract.Table{Rows: [][]extract.Cell{row}}, Pos: extract.Pos{Block: len(doc.Blocks) + 1}})
			continue
		}
		conflict, withheld, method := false, false, normalize.Narrative
		ocr, unverified, change := false, false, false
		for len(fields) > 0 && strings.Contains(" conflict table ocr unverified withheld change ", " "+fields[0]+" ") {
			switch fields[0] {
			case "change":
				change = true
			case "conflict":
				conflict = true
			case "table":
				method = normalize.FromTable
			case "ocr":
				ocr = true
			case "unverified":
				ocr, unverified = true, true
			case "withheld":
				ocr, withheld = true, true
			}
			fields = fields[1:]
		}
		f := fact(fields[0], fields[1], fields[2], fields[3:]...)
		f.Subject, f.Code, _ = strings.Cut(f.Subject, "#") // SUBJECT#CODE
		f.Method, f.OCR, f.Unverified = method, ocr, unverified
		switch {
		case change:
			res.Changes = append(res.Changes, f)
		case conflict:
			res.Conflicts = append(res.Conflicts, f)
		case withheld:
			res.Withheld = append(res.Withheld, f)
		default:
			res.Facts = append(res.Facts, f)
		}
	}
	return Document(doc, res)
}

// TestEveryRuleHasCases keeps testdata/rules in step with the registry:
// a case file for every rule, and no case file for a rule not registered.
func TestEveryRuleHasCases(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range Rules() {
		if ids[r.ID] {
			t.Errorf("rule %s registered twice", r.ID)
		}
		ids[r.ID] = true
		if r.Doc == "" || strings.Contains(r.Doc, "\n") {
			t.Errorf("rule %s: Doc %q; want one line", r.ID, r.Doc)
		}
		if r.Max != Error && r.Max != Warning {
			t.Errorf("rule %s: Max %q; want error or warning", r.ID, r.Max)
		}
		if _, err := os.Stat(filepath.Join("testdata", "rules", r.ID+".txtar")); err != nil {
			t.Errorf("rule %s has no testdata/rules/%s.txtar", r.ID, r.ID)
		}
	}
	files, _ := filepath.Glob("testdata/rules/*.txtar")
	for _, name := range files {
		if id := strings.TrimSuffix(filepath.Base(name), ".txtar"); !ids[id] {
			t.Errorf("%s: no rule %s is registered", name, id)
		}
	}
	rep := Document(&extract.Document{}, &normalize.Result{})
	if len(rep.Ledger) != len(ids) {
		t.Errorf("ledger has %d lines; want one per rule, %d", len(rep.Ledger), len(ids))
	}
}
