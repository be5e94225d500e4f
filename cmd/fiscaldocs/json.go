package main

import (
	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/fiscaldocs/fiscaldocs/normalize"
)

// The JSON shapes of the facts contract (shared spec FACTS.md). Fields may
// be added, never removed or renamed.
type jsonOutput struct {
	Document jsonDocument  `json:"document"`
	Facts    []jsonFact    `json:"facts"`
	Findings []jsonFinding `json:"findings"`
	// Checks is the coverage ledger: every rule, and whether it passed,
	// failed, did not apply, or lacked the facts to run.
	Checks []jsonCheck `json:"checks"`
}

type jsonFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Expected string `json:"expected,omitempty"`
	Actual   string `json:"actual"`
	Facts    []int  `json:"facts"`
}

type jsonCheck struct {
	Rule   string `json:"rule"`
	Status string `json:"status"`
	Runs   int    `json:"runs,omitempty"`
}

type jsonDocument struct {
	ID         string        `json:"id"`
	File       string        `json:"file"`
	Format     string        `json:"format"`
	Pages      int           `json:"pages,omitempty"`
	Department string        `json:"department"`
	Region     string        `json:"region,omitempty"`
	Year       int           `json:"year,omitempty"`
	Kind       string        `json:"kind,omitempty"`
	Scope      string        `json:"scope,omitempty"`
	Extractor  string        `json:"extractor"`
	Problems   []jsonProblem `json:"problems,omitempty"`
}

type jsonProblem struct {
	Pos   extract.Pos `json:"pos"`
	Error string      `json:"error"`
}

type jsonFact struct {
	Metric  string     `json:"metric"`
	Measure string     `json:"measure"`
	Subject string     `json:"subject,omitempty"`
	Code    string     `json:"code,omitempty"`
	Value   string     `json:"value"`
	Unit    string     `json:"unit"`
	Raw     string     `json:"raw"`
	Source  jsonSource `json:"source"`
	Method  string     `json:"method"`
	// Basis says how sure the reading is (normalize.Basis…): table_checked,
	// table, narrative, inferred, ocr_checked, ocr.
	Basis  string `json:"basis"`
	Reason string `json:"reason,omitempty"`
}

type jsonSource struct {
	extract.Pos
	Text string `json:"text"`
}

func toJSON(p processed) jsonOutput {
	id := p.Result.Identity
	out := jsonOutput{
		Document: jsonDocument{
			ID: p.Doc.SHA256, File: p.Doc.Path, Format: p.Blocks.Format, Pages: p.Blocks.Pages,
			Department: id.Department, Region: id.Region, Year: id.Year, Kind: id.Kind, Scope: id.Scope,
			Extractor: extractorVersion(), Problems: problems(p),
		},
		Facts:    make([]jsonFact, 0, len(p.Result.Facts)),
		Findings: []jsonFinding{},
	}
	for _, f := range p.Result.Facts {
		out.Facts = append(out.Facts, factJSON(f))
	}
	for _, f := range p.Report.Findings {
		jf := jsonFinding{Rule: f.Rule, Severity: string(f.Severity), Message: f.Message, Actual: f.Actual.String(), Facts: f.Facts}
		if f.Expected.Valid {
			jf.Expected = f.Expected.Decimal.String()
		}
		out.Findings = append(out.Findings, jf)
	}
	for _, c := range p.Report.Ledger {
		out.Checks = append(out.Checks, jsonCheck{Rule: c.Rule, Status: string(c.Status), Runs: c.Runs})
	}
	return out
}

func factJSON(f normalize.Fact) jsonFact {
	return jsonFact{
		Metric: f.Metric, Measure: f.Measure, Subject: f.Subject, Code: f.Code,
		Value: f.Value.String(), Unit: f.Unit, Raw: f.Raw,
		Source: jsonSource{Pos: f.Pos, Text: f.Text}, Method: f.MethodName(), Basis: f.Basis, Reason: f.Reason,
	}
}
