package normalize

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
)

var (
	//go:embed metrics.tsv
	metricsTSV string
	//go:embed aliases.tsv
	aliasesTSV string
	//go:embed catalogue.tsv
	catalogueTSV string
)

// Metric is a row of metrics.tsv.
type Metric struct {
	Key      string
	Measures []string
	Zh       string
	Aliases  []string
}

// term is a phrase that names a metric, or a 类 of the function
// classification.
type term struct {
	text    string
	metrics []string // candidate metric keys, most likely first
	class   string   // function code of a 类, for class names
	// proxy marks a name for a figure that is the metric's in most
	// documents but not all (narrativeAliases): its figures need the tables'
	// word.
	proxy bool
	// after is what a sentence must say before a part's bare name for it
	// to name the metric (narrativeAliases).
	after string
	// weak marks a short name that yields to any longer name it overlaps
	// (narrativeAliases): 收入预算 in 一般公共预算收入预算 is not read.
	weak bool
}

// lexicon is the parsed embedded data.
type lexicon struct {
	metrics map[string]Metric
	terms   []term
	byText  map[string]*term
	cat     *catalogue
}

// tsvRows yields the fields of each non-comment, non-blank line of a
// tab-separated file.
func tsvRows(data string, fn func(fields []string) error) error {
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(strings.Split(line, "\t")); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	return sc.Err()
}

// Conditional aliases carry a suffix: @allgpb names a gpb metric only where
// all of the document's 财政拨款 is 一般公共预算; @预算 holds only in a budget.
const (
	allGPBSuffix = "@allgpb"
	budgetSuffix = "@预算"
)

// narrativeAliases are names of the narrative that aliases.tsv lacks, and
// names that hold under a condition its two columns cannot state. (They
// belong in aliases.tsv once it has a column for the condition.)
//
// A proxy names a metric by a figure that equals the metric's in most
// documents but not all: a 预算's 一般公共预算当年拨款 (this year's
// appropriation) is its 一般公共预算 spending where nothing is carried over,
// and "涉及一般公共预算当年拨款81.51万元" is the part of it spent on projects
// under performance targets. Its figures count only where the amount stated
// with it is the metric's amount in the tables.
//
// A name with after is a part's bare name, which names the metric only after
// the whole is named in the same sentence: "政府采购预算总额111.48万元，其中：
// 货物类3.17万元，工程类0.00万元，服务类108.31万元", "面向中小企业预留政府采购
// 项目预算金额52.78万元，其中预留给小微企业19.37万元".
//
// A weak name is a short one that other names hold: a 预算 states its whole
// income and spending by the budget alone ("某局收入预算3617.38万元，其中：
// 财政拨款收入…", "支出预算993.38万元，其中：…"), and the same words end
// longer names (一般公共预算财政拨款支出预算), which keep them. It names the
// whole only where its parts follow (其中), not in passing ("2016年度部门
// 支出预算安排为8,648.07万元").
var narrativeAliases = []struct {
	metric, text, after string
	proxy, weak         bool
}{
	{metric: "income.total" + budgetSuffix, text: "收入预算", weak: true},
	{metric: "expenditure.total" + budgetSuffix, text: "支出预算", weak: true},
	{metric: "gpb.expenditure", text: "一般公共预算拨款支出"},
	{metric: "gpb.expenditure" + budgetSuffix, text: "一般公共预算当年拨款", proxy: true},
	{metric: "procurement.goods", text: "货物类", after: "政府采购"},
	{metric: "procurement.works", text: "工程类", after: "政府采购"},
	{metric: "procurement.services", text: "服务类", after: "政府采购"},
	{metric: "procurement.small_micro" + budgetSuffix, text: "预留给小微企业", after: "政府采购"},
}

// baseMetric strips an alias's condition.
func baseMetric(m string) string {
	if i := strings.IndexByte(m, '@'); i >= 0 {
		return m[:i]
	}
	return m
}

// countOnly metrics are read by explicit patterns (countPatterns), not by
// the term engine, whose aliases for them ("团组", "人次") are too bare.
func countOnly(m Metric) bool { return len(m.Measures) == 1 && m.Measures[0] == "count" }

func loadLexicon() (*lexicon, error) {
	lx := &lexicon{metrics: map[string]Metric{}}
	byText := map[string]int{}
	add := func(text, metric, class string) {
		text = Clean(strings.TrimSpace(text))
		if text == "" || strings.Contains(text, "…") {
			return
		}
		if i, ok := byText[text]; ok {
			t := &lx.terms[i]
			for _, m := range t.metrics {
				if m == metric {
					return
				}
			}
			t.metrics = append(t.metrics, metric)
			return
		}
		byText[text] = len(lx.terms)
		lx.terms = append(lx.terms, term{text: text, metrics: []string{metric}, class: class})
	}
	first := true
	err := tsvRows(metricsTSV, func(f []string) error {
		if first { // header
			first = false
			return nil
		}
		if len(f) < 3 {
			return fmt.Errorf("metrics.tsv: want ≥3 fields, have %d", len(f))
		}
		m := Metric{Key: f[0], Measures: strings.Split(f[1], ","), Zh: f[2]}
		if len(f) > 3 && f[3] != "" {
			m.Aliases = strings.Split(f[3], "|")
		}
		lx.metrics[m.Key] = m
		if countOnly(m) || m.Key == "gpb.class" || m.Key == "gpb.item" {
			return nil
		}
		add(m.Zh, m.Key, "")
		for _, a := range m.Aliases {
			if a != "财政拨款" { // bare, and contained in every 财政拨款 phrase
				add(a, m.Key, "")
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = tsvRows(aliasesTSV, func(f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("aliases.tsv: want 2 fields, have %d", len(f))
		}
		if _, ok := lx.metrics[baseMetric(f[0])]; !ok {
			return fmt.Errorf("aliases.tsv: unknown metric %q", f[0])
		}
		add(f[1], f[0], "")
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, a := range narrativeAliases {
		if _, ok := byText[a.text]; !ok { // a name the data files have keeps their reading
			add(a.text, a.metric, "")
			t := &lx.terms[byText[a.text]]
			t.after, t.proxy, t.weak = a.after, a.proxy, a.weak
		}
	}
	if lx.cat, err = parseCatalogue(catalogueTSV); err != nil {
		return nil, err
	}
	for _, c := range lx.cat.classes() {
		for _, name := range c.names {
			base := strings.TrimSuffix(name, "支出")
			for _, s := range []string{name, base + "(类)支出", base + "(类)", base} {
				add(s, "gpb.class", c.code)
			}
		}
	}
	lx.byText = make(map[string]*term, len(lx.terms))
	for i := range lx.terms {
		lx.byText[lx.terms[i].text] = &lx.terms[i]
	}
	return lx, nil
}

// Metrics returns the metric table, keyed by metric key.
func Metrics() map[string]Metric { return mustLexicon().metrics }
