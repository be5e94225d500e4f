package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
)

// The score subcommand: run the reader on every generated file, then
// report recall and precision overall (with the shared scorer) and by
// style, format and unit (the same comparison in Go), the error findings
// on clean documents, what became of each injected kind, and the keys
// missed most.

type scoreConfig struct {
	bin, dir, shared string
	workers, worst   int
	reuse            bool
}

func scoreMain(args []string) int {
	var c scoreConfig
	fs := flag.NewFlagSet("mkreports score", flag.ExitOnError)
	fs.StringVar(&c.bin, "bin", "bin/fiscaldocs", "the reader")
	fs.StringVar(&c.dir, "dir", "out/synth", "a generated directory (with truth/)")
	fs.StringVar(&c.shared, "shared", "../shared", "the shared directory (tools/score)")
	fs.IntVar(&c.workers, "j", runtime.GOMAXPROCS(0), "parallel extractions")
	fs.IntVar(&c.worst, "worst", 10, "how many of the worst keys to list")
	fs.BoolVar(&c.reuse, "reuse", false, "reuse predictions already in DIR/pred")
	fs.Parse(args)
	if err := score(context.Background(), c, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "mkreports score:", err)
		return 1
	}
	return 0
}

// predDoc is the part of the reader's output the scorer reads.
type predDoc struct {
	Document struct {
		ID         string `json:"id"`
		Department string `json:"department"`
		Year       any    `json:"year"`
		Kind       string `json:"kind"`
	} `json:"document"`
	Facts []struct {
		Metric  string `json:"metric"`
		Measure string `json:"measure"`
		Subject string `json:"subject"`
		Value   string `json:"value"`
	} `json:"facts"`
	Findings []struct {
		Rule     string `json:"rule"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	} `json:"findings"`
}

func score(ctx context.Context, c scoreConfig, w io.Writer) error {
	truths, err := filepath.Glob(filepath.Join(c.dir, "truth", "*.json"))
	if err != nil || len(truths) == 0 {
		return fmt.Errorf("no truth files in %s/truth", c.dir)
	}
	sort.Strings(truths)
	tf := make([]truthFile, len(truths))
	for i, p := range truths {
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(data, &tf[i]); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	predDir := filepath.Join(c.dir, "pred")
	if err := os.MkdirAll(predDir, 0o755); err != nil {
		return err
	}
	// Extract, one process per file.
	err = parallel(len(tf), c.workers, func(i int) error {
		out := filepath.Join(predDir, tf[i].File+".json")
		if c.reuse {
			if _, err := os.Stat(out); err == nil {
				return nil
			}
		}
		var stdout bytes.Buffer
		cmd := exec.CommandContext(ctx, c.bin, "extract", "--json", filepath.Join(c.dir, tf[i].File))
		cmd.Stdout = &stdout
		_ = cmd.Run() // a failed document is data: it scores as no output
		return os.WriteFile(out, stdout.Bytes(), 0o644)
	})
	if err != nil {
		return err
	}
	preds := map[string]*predDoc{}
	for _, t := range tf {
		data, err := os.ReadFile(filepath.Join(predDir, t.File+".json"))
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			var p predDoc
			if json.Unmarshal(sc.Bytes(), &p) == nil {
				preds[strings.ToLower(p.Document.ID)] = &p
			}
		}
	}

	// Overall, with the shared scorer.
	fmt.Fprintf(w, "== %d files in %s\n", len(tf), c.dir)
	if line, err := sharedScore(ctx, c.shared, filepath.Join(c.dir, "truth"), predDir); err != nil {
		fmt.Fprintf(w, "shared scorer: %v\n", err)
	} else {
		fmt.Fprintf(w, "overall (tools/score): %s\n", line)
	}
	results := make([]docResult, len(tf))
	for i, t := range tf {
		results[i] = compare(t, preds[strings.ToLower(t.SHA256)])
	}
	tot := sumResults(results)
	fmt.Fprintf(w, "overall (Go, same keys): %s\n", tot)
	for _, by := range []struct {
		name string
		key  func(truthFile) string
	}{
		{"style", func(t truthFile) string { return t.Style }},
		{"format", func(t truthFile) string { return t.Format }},
		{"unit", func(t truthFile) string { return t.Unit }},
		{"style×format", func(t truthFile) string { return t.Style + "/" + t.Format }},
	} {
		fmt.Fprintf(w, "\nby %s:\n", by.name)
		groups := map[string][]docResult{}
		for i, t := range tf {
			groups[by.key(t)] = append(groups[by.key(t)], results[i])
		}
		var keys []string
		for k := range groups {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(w, "  %-14s %s\n", k, sumResults(groups[k]))
		}
	}
	reportFindings(w, tf, preds, filepath.Join(c.dir, "clean-errors.txt"))
	reportWorst(w, tf, results, c.worst)
	return nil
}

// sharedScore runs tools/score and returns its summary line.
func sharedScore(ctx context.Context, shared, gold, pred string) (string, error) {
	out, err := exec.CommandContext(ctx, "python3", filepath.Join(shared, "tools", "score"), "--gold", gold, "--pred", pred).Output()
	if err != nil {
		return "", err
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return strings.TrimPrefix(lines[len(lines)-1], "score: "), nil
}

// docResult is one file's comparison.
type docResult struct {
	file, style         string
	gold, hit, pred, ok int
	metaN, metaOK       int
	misses              []miss
	noOutput            bool
}

type miss struct {
	key       string // metric/measure
	subject   string
	got, want string
}

type total struct{ gold, hit, pred, ok, metaN, metaOK, docs, none int }

func (t total) String() string {
	r := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	s := fmt.Sprintf("recall=%.3f precision=%.3f meta=%.3f docs=%d (%d/%d keys)", r(t.hit, t.gold), r(t.ok, t.pred), r(t.metaOK, t.metaN), t.docs, t.hit, t.gold)
	if t.none > 0 {
		s += fmt.Sprintf(" no-output=%d", t.none)
	}
	return s
}

func sumResults(rs []docResult) total {
	var t total
	for _, r := range rs {
		t.gold += r.gold
		t.hit += r.hit
		t.pred += r.pred
		t.ok += r.ok
		t.metaN += r.metaN
		t.metaOK += r.metaOK
		t.docs++
		if r.noOutput {
			t.none++
		}
	}
	return t
}

var (
	kindMark = regexp.MustCompile(`（[类款项]）`)
	spaces   = regexp.MustCompile(`\s+`)
)

// normSubject is the shared scorer's norm_subject.
func normSubject(s string) string {
	s = strings.TrimSpace(s)
	s = strings.NewReplacer("(", "（", ")", "）").Replace(s)
	s = kindMark.ReplaceAllString(s, "")
	s = spaces.ReplaceAllString(s, "")
	var parts []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '／' || r == '>' }) {
		parts = append(parts, strings.TrimSuffix(p, "支出"))
	}
	return strings.Join(parts, "/")
}

func decEqual(a, b string) bool {
	x, ok1 := new(big.Rat).SetString(strings.ReplaceAll(strings.TrimSpace(a), ",", ""))
	y, ok2 := new(big.Rat).SetString(strings.ReplaceAll(strings.TrimSpace(b), ",", ""))
	return ok1 && ok2 && x.Cmp(y) == 0
}

// compare scores one file as tools/score does: a gold key is recalled
// when the predicted values for it are exactly the gold value.
func compare(t truthFile, p *predDoc) docResult {
	res := docResult{file: t.File, style: t.Style, gold: len(t.Facts), noOutput: p == nil}
	type k3 struct{ m, me, s string }
	gold := map[k3]string{}
	for _, f := range t.Facts {
		gold[k3{f.Metric, f.Measure, normSubject(f.Subject)}] = f.Value
	}
	res.gold = len(gold)
	got := map[k3][]string{}
	if p != nil {
		for _, f := range p.Facts {
			key := k3{f.Metric, f.Measure, normSubject(f.Subject)}
			dup := false
			for _, v := range got[key] {
				dup = dup || decEqual(v, f.Value)
			}
			if !dup {
				got[key] = append(got[key], f.Value)
			}
		}
		for field, want := range t.Document {
			res.metaN++
			var have any
			switch field {
			case "department":
				have = p.Document.Department
			case "year":
				have = p.Document.Year
			case "kind":
				have = p.Document.Kind
			}
			if fmt.Sprint(have) == fmt.Sprint(want) {
				res.metaOK++
			}
		}
	} else {
		res.metaN = len(t.Document)
	}
	for key, want := range gold {
		g := got[key]
		if len(g) == 1 && decEqual(g[0], want) {
			res.hit++
			continue
		}
		res.misses = append(res.misses, miss{key: key.m + "/" + key.me, subject: key.s, got: strings.Join(g, "|"), want: want})
	}
	for key, g := range got {
		if want, ok := gold[key]; ok {
			res.pred++
			if len(g) == 1 && decEqual(g[0], want) {
				res.ok++
			}
		}
	}
	sort.Slice(res.misses, func(i, j int) bool {
		return res.misses[i].key+res.misses[i].subject < res.misses[j].key+res.misses[j].subject
	})
	return res
}

// reportFindings lists error findings on clean documents and, for
// injected ones, which injected kinds came out as an error of their rules.
func reportFindings(w io.Writer, tf []truthFile, preds map[string]*predDoc, listPath string) {
	type kindStat struct {
		n, caught int
		byFormat  map[string][2]int // format → {caught, n}
	}
	kinds := map[string]*kindStat{}
	var clean []string
	byRule := map[string]map[string]int{} // rule → format → count
	cleanDocs := 0
	for _, t := range tf {
		p := preds[strings.ToLower(t.SHA256)]
		if len(t.Injected) == 0 {
			cleanDocs++
			if p == nil {
				continue
			}
			for _, f := range p.Findings {
				if f.Severity == "error" {
					clean = append(clean, fmt.Sprintf("  %s: %s: %s", t.File, f.Rule, f.Message))
					if byRule[f.Rule] == nil {
						byRule[f.Rule] = map[string]int{}
					}
					byRule[f.Rule][t.Format]++
				}
			}
			continue
		}
		for _, inj := range t.Injected {
			ks := kinds[inj.Kind]
			if ks == nil {
				ks = &kindStat{byFormat: map[string][2]int{}}
				kinds[inj.Kind] = ks
			}
			ks.n++
			fc := ks.byFormat[t.Format]
			fc[1]++
			if p != nil {
				for _, f := range p.Findings {
					if f.Severity == "error" && contains(acceptedRules(inj), f.Rule) {
						ks.caught++
						fc[0]++
						break
					}
				}
			}
			ks.byFormat[t.Format] = fc
		}
	}
	fmt.Fprintf(w, "\nerror findings on %d clean files: %d", cleanDocs, len(clean))
	if len(clean) > 0 {
		if err := os.WriteFile(listPath, []byte(strings.Join(clean, "\n")+"\n"), 0o644); err == nil {
			fmt.Fprintf(w, " (each with its file in %s)", listPath)
		}
	}
	fmt.Fprintln(w)
	var rules []string
	for r := range byRule {
		rules = append(rules, r)
	}
	sort.Slice(rules, func(i, j int) bool { return total4(byRule[rules[i]]) > total4(byRule[rules[j]]) })
	for _, r := range rules {
		var fs []string
		for _, f := range []string{"html", "pdf", "docx", "txt"} {
			fs = append(fs, fmt.Sprintf("%s %d", f, byRule[r][f]))
		}
		fmt.Fprintf(w, "  %-24s %5d  (%s)\n", r, total4(byRule[r]), strings.Join(fs, ", "))
	}
	for i, l := range clean {
		if i == 15 {
			fmt.Fprintf(w, "  … %d more\n", len(clean)-15)
			break
		}
		fmt.Fprintln(w, l)
	}
	if len(kinds) > 0 {
		fmt.Fprintf(w, "\ninjected kinds reported as an error of one of their rules:\n")
		var names []string
		for k := range kinds {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			var fs []string
			for _, f := range []string{"html", "pdf", "docx", "txt"} {
				if c, ok := kinds[k].byFormat[f]; ok {
					fs = append(fs, fmt.Sprintf("%s %d/%d", f, c[0], c[1]))
				}
			}
			fmt.Fprintf(w, "  %-20s %4d/%-4d (%s)  rules %s\n", k, kinds[k].caught, kinds[k].n, strings.Join(fs, ", "), ruleList(tf, k))
		}
	}
}

// ruleList is the rules an injected kind is expected to raise.
func ruleList(tf []truthFile, kind string) string {
	seen := map[string]bool{}
	var out []string
	for _, t := range tf {
		for _, inj := range t.Injected {
			if inj.Kind != kind {
				continue
			}
			for _, r := range acceptedRules(inj) {
				if !seen[r] {
					seen[r] = true
					out = append(out, r)
				}
			}
		}
	}
	return strings.Join(out, "|")
}

// alsoReported are the rules validate reports an injected kind under
// besides those its truth file names. A percentage printed with its
// decimal point moved is pct.decimal_slip's: the ratio rules (yoy.pct,
// share.recompute) leave a slip to it, so that one slip is one finding.
var alsoReported = map[string][]string{
	"misplaced_decimal": {"pct.decimal_slip"},
}

// acceptedRules are the rules an error of which reports an injection.
func acceptedRules(inj injection) []string {
	return append(append([]string(nil), inj.Rules...), alsoReported[inj.Kind]...)
}

func total4(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// reportWorst lists the metric/measure keys missed most, with counts by
// style and format and an example.
func reportWorst(w io.Writer, tf []truthFile, results []docResult, n int) {
	type agg struct {
		key     string
		count   int
		wrong   int
		byStyle map[string]int
		example miss
		file    string
	}
	m := map[string]*agg{}
	for i, r := range results {
		for _, ms := range r.misses {
			a := m[ms.key]
			if a == nil {
				a = &agg{key: ms.key, byStyle: map[string]int{}}
				m[ms.key] = a
			}
			a.count++
			if ms.got != "" {
				a.wrong++
			}
			a.byStyle[tf[i].Style+"/"+tf[i].Format]++
			if a.file == "" || ms.got != "" && a.example.got == "" {
				a.example, a.file = ms, r.file
			}
		}
	}
	var list []*agg
	for _, a := range m {
		list = append(list, a)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].count != list[j].count {
			return list[i].count > list[j].count
		}
		return list[i].key < list[j].key
	})
	fmt.Fprintf(w, "\nworst %d keys (missed = absent or wrong; wrong = a different value):\n", n)
	for i, a := range list {
		if i == n {
			break
		}
		var top []string
		for k, v := range a.byStyle {
			top = append(top, fmt.Sprintf("%s:%d", k, v))
		}
		sort.Slice(top, func(i, j int) bool {
			return countOf(top[i]) > countOf(top[j]) || countOf(top[i]) == countOf(top[j]) && top[i] < top[j]
		})
		if len(top) > 4 {
			top = top[:4]
		}
		subj := ""
		if a.example.subject != "" {
			subj = " [" + a.example.subject + "]"
		}
		got := a.example.got
		if got == "" {
			got = "-"
		}
		fmt.Fprintf(w, "  %-36s missed %d (wrong %d)  %s\n      e.g. %s%s: got %s want %s\n", a.key, a.count, a.wrong, strings.Join(top, " "), a.file, subj, got, a.example.want)
	}
}

func countOf(s string) int {
	var n int
	fmt.Sscanf(s[strings.LastIndex(s, ":")+1:], "%d", &n)
	return n
}
