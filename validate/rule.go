package validate

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
	// the document's own figures must satisfy. Warning: what is probably
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

// fail records a finding, at most as severe as the rule's Max.
func (p *Pass) fail(f Finding) {
	if f.Severity == Error && p.Rule.Max == Warning {
		f.Severity = Warning
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
