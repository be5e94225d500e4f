package validate

import (
	"bufio"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/shopspring/decimal"
)

// TestRuleCases runs testdata/rules/RULE.txtar for every registered rule:
//   - its "fire" section must make RULE fail with a finding as severe as
//     the rule may report (an error for a rule of Max Error);
//   - its "edge" section — at the tolerance's edge — must leave it passed
//     with no error or warning;
//   - its "unsure" section (required of a rule of Max Error) holds figures
//     that would fire the rule, read unsurely or of unlike scopes: the rule
//     must fire, but only as a warning;
//   - its "partial" section, if any, holds a set not known complete that
//     misses its total: no error or warning.
//
// A section named "fire: …" (or "edge: …", "unsure: …", "partial: …")
// is one more case of its kind, the words after the colon saying which.
//
// Section lines: "METRIC MEASURE RAW [SUBJECT]" is a narrative fact,
// "table …" one read from a table, "checked …" one a sum of its table
// confirms, "inferred …" one whose subject was inferred, "conflict …" a
// later statement of an earlier fact, "ocr …" a fact read by OCR and
// confirmed, "unverified …" one read by OCR and not, "withheld …" an OCR
// figure normalize withheld, "change …" a 类's or 项's year-on-year
// change, "para …" one stated in the paragraph the last "text" line gave
// (prefixes combine: "conflict inferred …"); "kind 决算" sets the
// document's kind; "text …" is a paragraph of the document, "tableblock
// …" a one-row table (cells tab-separated), "tablesum LABEL TOTAL SUM
// PARTS UNIT" a sum a table states down a column, "tablerow LABEL TOTAL
// SUM PARTS UNIT COL+COL" a row's 合计 over its columns (either prefixed
// "ocr" for a table read by OCR), "summaryclass CODE NAME RAW [TABLE]" a
// class's figure in a summary table, "econ CODE NAME RAW" a line of a
// 基本支出 table by economic class. A subject may end in "#CODE".
func TestRuleCases(t *testing.T) {
	for _, r := range Rules() {
		name := filepath.Join("testdata", "rules", r.ID+".txtar")
		if _, err := os.Stat(name); err != nil {
			continue // TestEveryRuleHasCases says so
		}
		sections := readTxtar(t, name)
		required := []string{"fire", "edge"}
		if r.Max == Error {
			required = append(required, "unsure")
		}
		for _, sec := range required {
			if _, ok := sections[sec]; !ok {
				t.Errorf("%s: no -- %s -- section", name, sec)
			}
		}
		for _, name := range slices.Sorted(maps.Keys(sections)) {
			lines := sections[name]
			sec, _, _ := strings.Cut(name, ":")
			rep := runCase(t, lines)
			var errs, warns []string
			for _, f := range rep.Findings {
				switch {
				case f.Rule != r.ID:
				case f.Severity == Error:
					errs = append(errs, f.Message)
				case f.Severity == Warning:
					warns = append(warns, f.Message)
				}
			}
			st := status(rep, r.ID)
			switch sec {
			case "fire":
				if top := errs; r.Max == Warning && len(warns) == 0 || r.Max == Error && len(top) == 0 || st != Failed {
					t.Errorf("%s %s: status %s, errors %q, warnings %q; want it to fire as %s", r.ID, name, st, errs, warns, r.Max)
				}
			case "edge":
				if st != Passed || len(errs)+len(warns) > 0 {
					t.Errorf("%s %s: status %s, findings %q %q; want passed", r.ID, name, st, errs, warns)
				}
			case "unsure":
				if st != Failed || len(errs) > 0 || len(warns) == 0 {
					t.Errorf("%s %s: status %s, errors %q, warnings %q; want a warning only", r.ID, name, st, errs, warns)
				}
			case "partial":
				if len(errs)+len(warns) > 0 {
					t.Errorf("%s %s: errors %q, warnings %q; want none", r.ID, name, errs, warns)
				}
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
	block := func(kind extract.Kind, text string, ocr bool) extract.Pos {
		pos := extract.Pos{Block: len(doc.Blocks) + 1}
		doc.Blocks = append(doc.Blocks, extract.Block{Kind: kind, Text: text, Pos: pos, OCR: ocr})
		return pos
	}
	for _, l := range lines {
		fields := strings.Fields(l)
		ocrTable := fields[0] == "ocr" && len(fields) > 1 && (fields[1] == "tablesum" || fields[1] == "tablerow")
		if ocrTable {
			fields = fields[1:]
		}
		switch fields[0] {
		case "kind":
			res.Identity.Kind = fields[1]
			continue
		case "text":
			block(extract.Paragraph, strings.TrimPrefix(l, "text "), false)
			continue
		case "tablesum", "tablerow": // LABEL TOTAL SUM PARTS UNIT [COL+COL]: a sum a table states by its layout
			total, _ := decimal.NewFromString(fields[2])
			sum, _ := decimal.NewFromString(fields[3])
			parts, _ := strconv.Atoi(fields[4])
			half := decimal.New(5, total.Exponent()-1)
			s := normalize.TableSum{Label: fields[1], Total: total, Raw: fields[2], Sum: sum, Parts: parts,
				Rounding: half.Mul(decimal.NewFromInt(int64(parts + 1))), Places: -total.Exponent(), Unit: fields[5]}
			if fields[0] == "tablerow" {
				s.Across, s.Column, s.Columns = true, "合计", strings.Split(fields[6], "+")
			}
			s.Pos = block(extract.TableBlock, "", ocrTable)
			res.Sums = append(res.Sums, s)
			continue
		case "summaryclass": // CODE NAME RAW [TABLE]: a class's figure in a summary table
			v, err := normalize.ParseAmount(fields[3])
			if err != nil {
				t.Fatal(err)
			}
			table := "收入支出决算总表"
			if len(fields) > 4 {
				table = fields[4]
			}
			res.Classes = append(res.Classes, normalize.ClassFigure{Code: fields[1], Name: fields[2], Value: v, Raw: fields[3], Table: table})
			continue
		case "econ": // CODE NAME RAW: a line of a 基本支出 table
			v, err := normalize.ParseAmount(fields[3])
			if err != nil {
				t.Fatal(err)
			}
			res.Economic = append(res.Economic, normalize.EconomicFigure{Code: fields[1], Name: fields[2], Value: v, Raw: fields[3]})
			continue
		case "tableblock":
			text := strings.TrimPrefix(l, "tableblock ")
			var row []extract.Cell
			for j, c := range strings.Split(text, "\t") {
				row = append(row, extract.Cell{Text: c, OriginCol: j, RowSpan: 1, ColSpan: 1})
			}
			pos := block(extract.TableBlock, text, false)
			doc.Blocks[pos.Block-1].Table = &extract.Table{Rows: [][]extract.Cell{row}}
			continue
		}
		conflict, withheld, change, para := false, false, false, false
		method, basis := normalize.Narrative, ""
		ocr, unverified := false, false
		for len(fields) > 0 && strings.Contains(" conflict table checked inferred ocr unverified withheld change para ", " "+fields[0]+" ") {
			switch fields[0] {
			case "para":
				para = true
			case "change":
				change = true
			case "conflict":
				conflict = true
			case "table":
				method = normalize.FromTable
			case "checked":
				method, basis = normalize.FromTable, normalize.BasisTableChecked
			case "inferred":
				basis = normalize.BasisInferred
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
		if para && len(doc.Blocks) > 0 {
			f.Pos = doc.Blocks[len(doc.Blocks)-1].Pos
		}
		switch {
		case basis != "":
			f.Basis = basis
		case unverified:
			f.Basis = normalize.BasisOCR
		case ocr:
			f.Basis = normalize.BasisOCRChecked
		case method == normalize.FromTable:
			f.Basis = normalize.BasisTable
		default:
			f.Basis = normalize.BasisNarrative
		}
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

var update = flag.Bool("update", false, "rewrite the rule table of docs/checks.md")

// TestChecksDoc keeps the rule table of docs/checks.md in step with the
// registry (-update rewrites it).
func TestChecksDoc(t *testing.T) {
	const name = "../docs/checks.md"
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	const open, shut = "<!-- rules -->\n", "<!-- /rules -->"
	doc := string(data)
	a, b := strings.Index(doc, open), strings.Index(doc, shut)
	if a < 0 || b < a {
		t.Fatalf("%s: no %q … %q", name, open, shut)
	}
	var table strings.Builder
	table.WriteString("| rule | max | checks |\n|---|---|---|\n")
	for _, r := range Rules() {
		fmt.Fprintf(&table, "| `%s` | %s | %s |\n", r.ID, r.Max, r.Doc)
	}
	if got := doc[a+len(open) : b]; got != table.String() {
		if !*update {
			t.Fatalf("%s: the rule table is out of date; go test ./validate -run TestChecksDoc -update", name)
		}
		if err := os.WriteFile(name, []byte(doc[:a+len(open)]+table.String()+doc[b:]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
