package main

import (
	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/fiscaldocs/fiscaldocs/normalize"
)

// The JSON shapes of the facts contract (shared spec FACTS.md). Fields may
// be added, never removed or renamed.
type jsonOutput struct {
	Document jsonDocument `json:"document"`
	Facts    []jsonFact   `json:"facts"`
	Findings []any        `json:"findings"`
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
	Reason  string     `json:"reason,omitempty"`
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
			Extractor: "fiscaldocs/" + Version, Problems: problems(p),
		},
		Facts:    make([]jsonFact, 0, len(p.Result.Facts)),
		Findings: []any{},
	}
	for _, f := range p.Result.Facts {
		out.Facts = append(out.Facts, factJSON(f))
	}
	return out
}

func factJSON(f normalize.Fact) jsonFact {
	return jsonFact{
		Metric: f.Metric, Measure: f.Measure, Subject: f.Subject, Code: f.Code,
		Value: f.Value.String(), Unit: f.Unit, Raw: f.Raw,
		Source: jsonSource{Pos: f.Pos, Text: f.Text}, Method: f.Method, Reason: f.Reason,
	}
}
