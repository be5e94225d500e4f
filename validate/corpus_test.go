package validate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/corpus"
	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/fiscaldocs/fiscaldocs/normalize"
)

var (
	segOnce sync.Once
	seg     *normalize.Segmenter
	segErr  error
)

// check runs the pipeline up to validation on one file.
func check(t *testing.T, path string) *Report {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s absent (the shared corpus sits beside the project): %v", path, err)
	}
	segOnce.Do(func() { seg, segErr = normalize.NewSegmenter() })
	if segErr != nil {
		t.Fatal(segErr)
	}
	d, f, err := corpus.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := extract.File(context.Background(), d, f, extract.Options{})
	if err != nil {
		if os.Getenv("FISCALDOCS_REQUIRE_TOOLS") == "" {
			t.Skipf("%s: %v", path, err)
		}
		t.Fatal(err)
	}
	return Document(doc, normalize.Document(doc, seg))
}

const corpusDir = "../../shared/corpus/pdf/"

// TestDevGoldNotes: every arithmetic problem the dev gold files' notes
// list is a finding, at the severity its size deserves; the documents
// whose figures reconcile have no error.
func TestDevGoldNotes(t *testing.T) {
	type want struct {
		rule     string
		severity Severity
		says     string // a fragment of the message
	}
	cases := []struct {
		file string
		want []want
	}{
		{"gbc-pt-czj-2024-js.pdf", []want{
			{"narrative.vs_table", Error, "财政拨款收入支出总计 表中为 2,961.68万元"},
			{"class.vs_summary", Error, "社会保障和就业支出 财政拨款收入支出决算总表为 326.71万元"},
			{"sum.table", Info, "列合计 2,940.05万元 ≠ 其下 4 行之和 2940.06万元"},
			{"sum.table", Info, "「基本支出」列合计 2,336.91万元 ≠ 其下 4 行之和 2336.92万元"},
			{"share.recompute", Error, "算得 71.65%，文中为 71.73%"},
			{"sum.items_budget", Info, "= 2993.93 万元 ≠ 一般公共预算财政拨款支出预算数 2993.92 万元"},
			{"sum.table", Info, "301 工资福利支出 2,082.85万元 ≠ 其下 8 行之和 2082.86万元"},
			{"sum.table", Info, "302 商品和服务支出 171.07万元 ≠ 其下 12 行之和 171.09万元"},
			{"sum.procurement", Info, "= 251.26 万元 ≠ 政府采购支出总额 251.25 万元"},
		}},
		{"gbc-pt-shgzb-2024-js.pdf", []want{
			{"yoy.zero_base", Warning, "收支总计增减率：上年数为 0"},
			{"completion.zero_budget", Warning, "完成年初预算的 95.89%"},
			{"share.recompute", Info, "住房保障支出占比：按一般公共预算财政拨款支出算得 9.56%，文中为 9.55%"},
			{"sum.basic_expenditure", Info, "= 105.59 万元 ≠ 一般公共预算财政拨款基本支出 105.58 万元"},
			{"sum.table", Info, "302 商品和服务支出 10.23万元 ≠ 其下 27 行之和 10.22万元"},
			{"sum.procurement_sme", Error, "合计 42.14 万元，超过政府采购支出总额 21.07 万元"},
		}},
		{"ob-js-swbgt-2018-doc.pdf", []want{
			{"yoy.lines", Warning, "一般公共服务支出增减额为 3161.38 万元"},
			{"yoy.lines", Warning, "各类增减额之和 3161.38 − 710.87 + 1158.47 = 3608.98 万元"},
			{"share.recompute", Info, "按三项之和 508.20 万元算得 80.91%，文中为 80.92%"},
		}},
		{"tbx-sh-czj-2025-dwys.pdf", []want{
			{"sum.table", Info, "302 商品和服务支出 24,840,779元 ≠ 其下 18 行之和 24840778元"},
		}},
		{"gbc-pt-qfb-2025-bmys.pdf", nil},
		{"ob-js-rdbgt-2019-doc.pdf", nil},
		{"ob-js-rdbgt-2019-tables.pdf", nil},
		{"ob-js-swbgt-2018-tables.pdf", nil},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			rep := check(t, corpusDir+c.file)
			found := make([]bool, len(c.want))
			for _, f := range rep.Findings {
				known := false
				for i, w := range c.want {
					if f.Rule == w.rule && strings.Contains(f.Message, w.says) {
						known, found[i] = true, true
						if f.Severity != w.severity {
							t.Errorf("%s %q: severity %s, want %s", f.Rule, f.Message, f.Severity, w.severity)
						}
					}
				}
				if !known && f.Severity == Error {
					t.Errorf("unexpected error %s: %s", f.Rule, f.Message)
				}
			}
			for i, w := range c.want {
				if !found[i] {
					t.Errorf("no %s finding saying %q", w.rule, w.says)
				}
			}
		})
	}
}

// position strips a message's positions, which differ between two
// printings of a document.
var position = regexp.MustCompile(`（(?:page|block) [^（）]*）|(?:page|block) \d+(?: block \d+)?(?: row \d+ col \d+)?`)

// TestSeededErrors: the copy of czj with errors seeded on purpose. Its
// figure changes against the original: 收入支出总计 0万元 for 2995.39 (an
// error), and 财政拨款收入支出总计 2961.68万元 where the original prints 0.3
// (the original's error, mended in the copy); its other seeds are words: 区XX
// 局 for 区财政局 (template.residue), a year slipped to 2023, 决算数大于预算数
// written of a figure below its budget. The copy's 人员经费合计 2,152.26 and
// 公用经费合计 184.65 are the original's and add up to its 基本支出 2336.91:
// no error (they were one, falsely, while 人员经费合计 was read as 基本支出).
func TestSeededErrors(t *testing.T) {
	errs := func(path string) map[string]bool {
		out := map[string]bool{}
		for _, f := range check(t, path).Findings {
			if f.Severity == Error {
				out[f.Rule+" "+position.ReplaceAllString(f.Message, "")] = true
			}
		}
		return out
	}
	orig, bad := errs(corpusDir+"gbc-pt-czj-2024-js.pdf"), errs(corpusDir+"gbc-pt-czj-2024-js-bad.pdf")
	var added []string
	for e := range bad {
		if !orig[e] {
			added = append(added, e)
		}
	}
	seeded := "narrative.vs_table 收支总计 表中为 2,995.39万元，文字说明为 0万元"
	if !bad[seeded] || orig[seeded] {
		t.Errorf("seeded error %q: in the copy %v, in the original %v", seeded, bad[seeded], orig[seeded])
	}
	if len(added) != 1 {
		t.Errorf("the copy has %d errors the original lacks, want 1: %q", len(added), added)
	}
	for e := range bad {
		if strings.Contains(e, "基本支出") {
			t.Errorf("the copy's 基本支出 adds up, yet: %s", e)
		}
	}
}

// TestSeedKnownInconsistencies: the seed's listed inconsistencies are
// error findings (the stray asterisk a warning).
func TestSeedKnownInconsistencies(t *testing.T) {
	rep := check(t, "../testdata/seed/panzhihua-npc-office-2021.docx")
	for _, w := range []struct {
		rule     string
		severity Severity
		says     string
	}{
		{"sum.basic_expenditure", Error, "人员经费 1532.38 + 公用经费 579.08 = 2111.46 万元 ≠ 一般公共预算财政拨款基本支出 1792.45 万元"},
		{"sum.items", Error, "= 273.32 万元 ≠ 社会保障和就业支出 352.95 万元"},
		{"sum.items_total", Error, "= 2031.83 万元 ≠ 一般公共预算财政拨款支出 2111.47 万元"},
		{"share.recompute", Error, "授予中小企业合同金额占比：按政府采购支出总额算得 96.13%，文中为 100%"},
		{"format.stray_mark", Warning, "16.19*%"},
		{"completion.project_table", Error, "预算数 158.4 万元、执行数 170.51 万元"},
	} {
		ok := false
		for _, f := range rep.Findings {
			ok = ok || f.Rule == w.rule && f.Severity == w.severity && strings.Contains(f.Message, w.says)
		}
		if !ok {
			t.Errorf("no %s %s saying %q", w.severity, w.rule, w.says)
		}
	}
}

// TestStableCorpusOrder: two ingests of one document give the same
// findings in the same order, though normalize walks maps.
func TestStableCorpusOrder(t *testing.T) {
	for _, file := range []string{"gbc-pt-czj-2024-js.pdf", "gbc-tmp-unit-budget.pdf", "tbx-sh-czj-2025-dwys.pdf"} {
		var want []string
		for k := range 4 {
			var got []string
			for _, f := range check(t, corpusDir+file).Findings {
				got = append(got, fmt.Sprintf("%s %s %s %s %v", f.Rule, f.Severity, f.Message, f.Actual, f.Facts))
			}
			if k > 0 && !slices.Equal(got, want) {
				t.Fatalf("%s: run %d differs from run 0", file, k)
			}
			want = got
		}
	}
}

// seedText is the text dump of the seed's original document.
const seedText = "../../shared/corpus/seed/panzhihua-npc-office-2021-final-accounts.txt"

// ledgerFile holds every error and warning finding on the shared corpus
// and the seed text, each with a verdict checked by hand against the
// document.
const ledgerFile = "../testdata/findings.tsv"

// ledgerEntry is a line of the ledger.
type ledgerEntry struct {
	key     string // file, rule, severity and message (positions left out), tab-separated
	verdict string // true or false
	why     string
}

func readLedger(t *testing.T) []ledgerEntry {
	data, err := os.ReadFile(ledgerFile)
	if err != nil {
		t.Fatal(err)
	}
	var out []ledgerEntry
	for n, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 || f[4] != "true" && f[4] != "false" || f[5] == "" {
			t.Fatalf("%s:%d: want file, rule, severity, message, verdict (true or false) and why, tab-separated: %q", ledgerFile, n+1, line)
		}
		out = append(out, ledgerEntry{key: strings.Join(f[:4], "\t"), verdict: f[4], why: f[5]})
	}
	return out
}

// TestFindingsLedger holds the findings on the shared corpus to the
// ledger: an error the ledger does not hold as true fails, as does a
// warning it lacks, and a finding it holds as true that no longer comes.
// So every change to the checker's output on the corpus is a reviewed
// change of the ledger.
func TestFindingsLedger(t *testing.T) {
	files, _ := filepath.Glob(corpusDir + "*.pdf")
	if len(files) == 0 {
		t.Skipf("no corpus in %s (the shared corpus sits beside the project)", corpusDir)
	}
	files = append(files, seedText)
	got := map[string]int{} // key → findings
	for _, path := range files {
		for _, f := range check(t, path).Findings {
			if f.Severity == Info {
				continue
			}
			got[strings.Join([]string{filepath.Base(path), f.Rule, string(f.Severity), position.ReplaceAllString(f.Message, "")}, "\t")]++
		}
	}
	held := map[string][]string{} // key → verdicts
	for _, e := range readLedger(t) {
		held[e.key] = append(held[e.key], e.verdict)
	}
	for key, n := range got {
		trueN := 0
		for _, v := range held[key] {
			if v == "true" {
				trueN++
			}
		}
		switch {
		case strings.Contains(key, "\terror\t") && trueN < n:
			t.Errorf("error the ledger does not hold as true (%d found, %d true in the ledger):\n%s", n, trueN, key)
		case len(held[key]) < n:
			t.Errorf("warning the ledger lacks (%d found, %d in the ledger):\n%s", n, len(held[key]), key)
		}
	}
	falses := 0
	for key, vs := range held {
		trueN := 0
		for _, v := range vs {
			if v == "true" {
				trueN++
			} else {
				falses++
			}
		}
		if got[key] < trueN {
			t.Errorf("a finding the ledger holds as true no longer comes (%d in the ledger, %d found):\n%s", trueN, got[key], key)
		}
	}
	if falses > 0 {
		t.Logf("the ledger holds %d false findings", falses)
	}
}
