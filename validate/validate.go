// Package validate is the fourth stage of the pipeline: it checks the 勾稽
// (cross-footing) of one document's facts — do the parts add up to their
// totals, do stated shares and year-on-year changes recompute from their
// amounts, do the narrative and the tables agree — and its text (template
// residue, missing sections and tables), and returns findings with the
// numbers and the facts involved, plus a ledger of which checks ran, so
// that "no findings" is never mistaken for "not checked". It reads
// normalize's facts and extract's blocks and does no I/O; package load
// stores its findings.
//
// Run and Document are pure functions, safe to call concurrently.
package validate

import (
	"fmt"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/shopspring/decimal"
)

// Severity ranks a finding.
type Severity string

// Severities.
const (
	Error   Severity = "error"   // the document contradicts itself beyond rounding
	Warning Severity = "warning" // probably wrong, or right only under a reading the template does not intend
	Info    Severity = "info"    // worth knowing: truncation instead of rounding, and the like
)

// Finding is one disagreement among a document's figures.
type Finding struct {
	Rule     string // stable id, e.g. "sum.basic_expenditure"
	Severity Severity
	Message  string              // in Chinese, with the numbers as printed
	Expected decimal.NullDecimal // what the other figures imply, in the fact's unit (yuan or percent); invalid when nothing is implied
	Actual   decimal.Decimal     // what the document states
	Facts    []int               // indexes into the facts passed to Run
}

// Status is the outcome of one rule on one document.
type Status string

// Statuses of the ledger.
const (
	Passed        Status = "passed"
	Failed        Status = "failed"
	NotApplicable Status = "not_applicable" // the document states none of the rule's figures
	MissingFacts  Status = "missing_facts"  // some, but not enough to check
)

// Check is a ledger line: one rule's outcome.
type Check struct {
	Rule   string
	Status Status
	Runs   int // instances checked (a per-class rule runs once per class)
}

// Report is what Run finds.
type Report struct {
	Findings []Finding
	Ledger   []Check
}

// rule checks one relation and reports how it went.
type rule struct {
	id  string
	run func(v *checker) // records findings and outcomes through v
}

// checker runs the rules over one document's facts.
type checker struct {
	kind  string // the document's kind, 决算 or 预算, when known
	facts []normalize.Fact
	index map[normalize.Key]int
	rep   *Report
	cur   *Check
}

// Run checks a document's facts. conflicts are the later, different
// statements normalize set aside (Result.Conflicts); each is a finding.
func Run(facts []normalize.Fact, conflicts []normalize.Fact) *Report {
	v := &checker{facts: facts, index: map[normalize.Key]int{}, rep: &Report{}}
	for i := range facts {
		v.index[facts[i].Key()] = i
	}
	v.run(rules)
	v.conflicts(conflicts)
	return v.rep
}

// get returns the fact of a key, or nil.
func (v *checker) get(metric, measure, subject string) (*normalize.Fact, int) {
	i, ok := v.index[normalize.Key{Metric: metric, Measure: measure, Subject: subject}]
	if !ok {
		return nil, -1
	}
	return &v.facts[i], i
}

// pass, fail and missing record one run of the current rule. A rule that
// ran at all is failed if any run failed, else passed; missing only when
// nothing ran.
func (v *checker) pass() {
	v.cur.Runs++
	if v.cur.Status != Failed {
		v.cur.Status = Passed
	}
}

func (v *checker) fail(f Finding) {
	v.cur.Runs++
	if f.Severity != Info {
		v.cur.Status = Failed
	} else if v.cur.Status != Failed {
		v.cur.Status = Passed
	}
	f.Rule = v.cur.Rule
	v.rep.Findings = append(v.rep.Findings, f)
}

func (v *checker) missing() {
	if v.cur.Status == NotApplicable {
		v.cur.Status = MissingFacts
	}
}

// conflicts reports figures stated twice with different values: a table
// and the narrative (narrative.vs_table), or two statements of one kind
// (dup.conflict). Two printings of one figure at different precisions
// (91,016,775.35元 and 9,101.68万元) agree if they round to each other.
func (v *checker) conflicts(cs []normalize.Fact) {
	rules := map[string]*Check{}
	for _, id := range []string{"narrative.vs_table", "dup.conflict"} {
		v.rep.Ledger = append(v.rep.Ledger, Check{Rule: id, Status: NotApplicable})
		if len(v.facts) > 0 {
			v.rep.Ledger[len(v.rep.Ledger)-1].Status = Passed
		}
	}
	n := len(v.rep.Ledger)
	rules["narrative.vs_table"], rules["dup.conflict"] = &v.rep.Ledger[n-2], &v.rep.Ledger[n-1]
	for _, c := range cs {
		first, i := v.get(c.Metric, c.Measure, c.Subject)
		if first == nil {
			continue
		}
		id := "dup.conflict"
		if first.Method != c.Method {
			id = "narrative.vs_table"
		}
		v.cur = rules[id]
		v.cur.Rule = id
		tol := decimal.Max(halfOf(first), halfOf(&c))
		if first.Value.Sub(c.Value).Abs().LessThanOrEqual(tol) {
			v.pass()
			continue
		}
		msg := fmt.Sprintf("%s 前文为 %s，%s 处又为 %s", label(c.Metric, c.Subject, c.Measure), first.Raw, c.Pos, c.Raw)
		if id == "narrative.vs_table" {
			msg = fmt.Sprintf("%s 表中为 %s（%s），文字说明为 %s（%s）", label(c.Metric, c.Subject, c.Measure), first.Raw, first.Pos, c.Raw, c.Pos)
		}
		v.fail(Finding{Severity: Error, Expected: known(first.Value), Actual: c.Value, Facts: []int{i}, Message: msg})
	}
}

// label names a metric for a message: its Chinese name, the subject for
// per-line metrics, and the measure when it is not the amount.
func label(metric, subject, measure string) string {
	name := normalize.Metrics()[metric].Zh
	if subject != "" {
		name = subject
	}
	switch measure {
	case "share_pct":
		name += "占比"
	case "yoy_change":
		name += "增减额"
	case "yoy_pct":
		name += "增减率"
	case "completion_pct":
		name += "完成率"
	case "budget":
		name += "预算数"
	case normalize.PriorAmount:
		name += "上年数"
	}
	return name
}

// money formats yuan in the unit the document printed (万元 for 万元 raws).
func money(v decimal.Decimal, f *normalize.Fact) string {
	if strings.HasSuffix(f.Raw, "万元") {
		return v.Shift(-4).StringFixed(max(decimalsOf(f.Raw), 2)) + " 万元"
	}
	if strings.HasSuffix(f.Raw, "亿元") {
		return v.Shift(-8).String() + " 亿元"
	}
	return v.String() + " 元"
}

func known(d decimal.Decimal) decimal.NullDecimal {
	return decimal.NullDecimal{Decimal: d, Valid: true}
}
