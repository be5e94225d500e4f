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
// Each check is a Rule, registered once (registry.go) with its stable id,
// a one-line doc, the most severe finding it may report and its run
// function, which reads the document through a Pass of its own. How sure a
// finding is — error, warning or info — follows two policies written at
// the top of tolerance.go: rounding, and evidence.
//
// Run and Document are pure functions, safe to call concurrently.
package validate

import (
	"cmp"
	"slices"

	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/shopspring/decimal"
)

// Severity ranks a finding.
type Severity string

// Severities.
const (
	Error   Severity = "error"   // the document contradicts itself beyond rounding, on figures read surely and of one scope
	Warning Severity = "warning" // probably wrong, or wrong only if a reading or a scope that could not be confirmed holds
	Info    Severity = "info"    // worth knowing: truncation instead of rounding, a miss within rounding, and the like
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
	MissingFacts  Status = "missing_facts"  // some, but not enough (or not a set known complete) to check
)

// Check is a ledger line: one rule's outcome.
type Check struct {
	Rule   string
	Status Status
	Runs   int // instances checked (a per-class rule runs once per class)
}

// Report is what Run finds. Findings come in the order of the rules
// (Rules), and within a rule in the order of the document; the ledger
// has one line per rule, in the same order. Two runs on one document
// give the same report.
type Report struct {
	Findings []Finding
	Ledger   []Check
}

// Run checks a document's facts alone. conflicts are the later, different
// statements normalize set aside (Result.Conflicts); each is a finding.
func Run(facts []normalize.Fact, conflicts []normalize.Fact) *Report {
	return Document(&extract.Document{}, &normalize.Result{Facts: facts, Conflicts: conflicts})
}

// Document checks one document: its facts and the sums its tables state
// (as normalize read them) and its text — template residue, a 决算 calling
// itself a 预算 or the reverse, missing sections, missing standard tables.
func Document(doc *extract.Document, res *normalize.Result) *Report {
	d := newDocument(doc, res)
	rep := &Report{}
	for _, r := range rules {
		p := &Pass{Rule: r, document: d, check: Check{Rule: r.ID, Status: NotApplicable}}
		r.Run(p)
		rep.Ledger = append(rep.Ledger, p.check)
		rep.Findings = append(rep.Findings, p.findings...)
	}
	return rep
}

// document is what every rule's pass reads: one document's blocks and
// facts, indexed once. It is not changed once made.
type document struct {
	doc   *extract.Document
	res   *normalize.Result
	facts []normalize.Fact
	kind  string // 决算 or 预算, when known
	index map[normalize.Key]int
	sums  []normalize.TableSum // res.Sums in the order of the document
	ocr   map[int]bool         // blocks read by OCR, by Pos.Block
	// printed is the money each paragraph states, read on first use
	// (printedAmounts).
	printed *[]printed
}

func newDocument(doc *extract.Document, res *normalize.Result) *document {
	d := &document{doc: doc, res: res, facts: res.Facts, kind: res.Identity.Kind,
		index: make(map[normalize.Key]int, len(res.Facts)), ocr: map[int]bool{}}
	for i := range res.Facts {
		d.index[res.Facts[i].Key()] = i
	}
	// normalize finds a table's sums column by column in no set order:
	// report them in the order of the page, so two runs agree.
	d.sums = slices.Clone(res.Sums)
	slices.SortStableFunc(d.sums, func(a, b normalize.TableSum) int {
		return cmp.Or(comparePos(a.Pos, b.Pos), cmp.Compare(a.Column, b.Column), cmp.Compare(a.Label, b.Label))
	})
	for _, b := range doc.Blocks {
		if b.OCR {
			d.ocr[b.Pos.Block] = true
		}
	}
	return d
}

// comparePos orders positions as the document reads: by block, row and
// column (blocks are numbered in reading order across pages).
func comparePos(a, b extract.Pos) int {
	return cmp.Or(cmp.Compare(a.Block, b.Block), cmp.Compare(a.Row, b.Row), cmp.Compare(a.Col, b.Col), cmp.Compare(a.Page, b.Page))
}

// get returns the fact of a key, or nil.
func (d *document) get(metric, measure, subject string) (*normalize.Fact, int) {
	i, ok := d.index[normalize.Key{Metric: metric, Measure: measure, Subject: subject}]
	if !ok {
		return nil, -1
	}
	return &d.facts[i], i
}
