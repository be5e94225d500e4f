package validate

import (
	"fmt"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/normalize"
)

// A Rule is one check, in the manner of golang.org/x/tools/go/analysis: a
// value with a stable id, a one-line doc and a run function that reads the
// document through its own Pass. Rules are registered once, in rules
// (registry.go).
type Rule struct {
	// ID names the rule in findings, the ledger, the store and the tests
	// (testdata/rules/ID.txtar); it never changes.
	ID string
	// Doc says in one line what the rule holds against what
	// (docs/checks.md lists them).
	Doc string
	// Max is the most severe finding the rule reports. Error: a relation
	// the document's own figures must satisfy, reported as an error only
	// under the evidence policy (tolerance.go). Warning: what is probably
	// wrong, but may be right under a reading the template allows.
	Max Severity
	// Run checks one document, reporting through the pass.
	Run func(*Pass)
}

// Rules returns the registered rules in the order they run.
func Rules() []*Rule { return append([]*Rule(nil), rules...) }

// A Pass is one rule's run over one document: what the rule reads, and the
// ledger line and findings it records.
type Pass struct {
	Rule *Rule
	*document
	check    Check
	findings []Finding
}

// pass records one instance that holds.
func (p *Pass) pass() {
	p.check.Runs++
	if p.check.Status != Failed {
		p.check.Status = Passed
	}
}

// ran records that the rule looked at the document and found nothing to
// count: a text rule over a text with no residue.
func (p *Pass) ran() {
	if p.check.Status == NotApplicable || p.check.Status == MissingFacts {
		p.check.Status = Passed
	}
}

// missing records that the rule's figures are there in part: some, not
// enough, or a set not known complete. A rule that ran at all keeps its
// outcome.
func (p *Pass) missing() {
	if p.check.Status == NotApplicable {
		p.check.Status = MissingFacts
	}
}

// fail records a finding at the severity the evidence allows: f's facts,
// and also the readings it rests on that are not facts (a later statement,
// a line's change), each must be sure for an error (the evidence policy,
// tolerance.go).
func (p *Pass) fail(f Finding, also ...*normalize.Fact) {
	p.record(f, unsure(p.used(f, also)))
}

// used are the readings a finding rests on: its facts, then also.
func (p *Pass) used(f Finding, also []*normalize.Fact) []*normalize.Fact {
	var used []*normalize.Fact
	for _, i := range f.Facts {
		used = append(used, &p.facts[i])
	}
	return append(used, also...)
}

// doubt records a finding whose scope or reading the rule itself cannot
// confirm, why saying what: at most a warning.
func (p *Pass) doubt(f Finding, why string, also ...*normalize.Fact) {
	if f.Severity == Error {
		f.Severity = Warning
		f.Message += "（" + why + "）"
		also = nil // the reason given is enough
	}
	p.fail(f, also...)
}

// record applies the rule's ceiling and the evidence policy and keeps the
// finding.
func (p *Pass) record(f Finding, doubts string) {
	if f.Severity == Error && p.Rule.Max == Warning {
		f.Severity = Warning
	}
	if f.Severity == Error && doubts != "" {
		f.Severity = Warning
		f.Message += "（" + doubts + "）"
	}
	p.check.Runs++
	switch {
	case f.Severity != Info:
		p.check.Status = Failed
	case p.check.Status != Failed:
		p.check.Status = Passed
	}
	f.Rule = p.Rule.ID
	p.findings = append(p.findings, f)
}

// unsure says which of the figures a finding rests on are not sure, and
// why, or "" when all are: "其中 提租补贴增减额、提租补贴增减率 的科目系推断".
func unsure(facts []*normalize.Fact) string {
	var reasons []string           // in the order they first come
	names := map[string][]string{} // reason → the figures it holds for
	seen := map[*normalize.Fact]bool{}
	for _, f := range facts {
		why := doubtOf(f)
		if why == "" || seen[f] {
			continue
		}
		seen[f] = true
		if names[why] == nil {
			reasons = append(reasons, why)
		}
		names[why] = append(names[why], shortLabel(f))
	}
	var out []string
	for _, why := range reasons {
		ns := names[why]
		list := strings.Join(ns[:min(3, len(ns))], "、")
		if len(ns) > 3 {
			list += fmt.Sprintf(" 等 %d 项", len(ns))
		}
		out = append(out, list+why)
	}
	if len(out) == 0 {
		return ""
	}
	return "其中 " + strings.Join(out, "；")
}

// doubtOf says why a figure is not a sure reading, or "" when it is.
func doubtOf(f *normalize.Fact) string {
	switch {
	case f == nil:
		return ""
	case f.Basis == normalize.BasisInferred:
		return " 的科目系推断"
	case f.Basis == normalize.BasisOCR:
		return " 系 OCR 识别、未经核对"
	case !normalize.Sure(f.Basis):
		return " 的读取依据不明"
	case ofLine(f):
		return " 所在句子先述及类、款，或为类、款的数字"
	}
	return ""
}

// ofLine reports whether a narrative figure of the whole department — not
// of a 类 or 项 — follows a 类 or 款 named in its sentence, so that it may be
// that line's: "一般公共服务（类）人大事务（款）支出合计1500万元" read as
// 一般公共预算财政拨款支出.
func ofLine(f *normalize.Fact) bool {
	if f.Method != normalize.Narrative || f.Subject != "" || f.Metric == "gpb.class" || f.Metric == "gpb.item" {
		return false
	}
	at := strings.Index(f.Text, f.Raw)
	if at < 0 {
		return false
	}
	for _, mark := range []string{"(类)", "（类）", "(款)", "（款）"} {
		if strings.Contains(f.Text[:at], mark) {
			return true
		}
	}
	return false
}
