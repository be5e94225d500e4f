package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// truthFact is one fact of a truth file, in the gold format.
type truthFact struct {
	Metric  string `json:"metric"`
	Measure string `json:"measure"`
	Subject string `json:"subject,omitempty"`
	Code    string `json:"code,omitempty"`
	Value   string `json:"value"`
}

// injection records one planted inconsistency.
type injection struct {
	Kind   string   `json:"kind"`
	Rules  []string `json:"rules"`
	Detail string   `json:"detail"`
}

// truthFile is DIR/truth/<file>.json: the gold format plus what the
// generator knows (style, format, unit, injections).
type truthFile struct {
	File     string         `json:"file"`
	SHA256   string         `json:"sha256"`
	Document map[string]any `json:"document"`
	Style    string         `json:"style"`
	Format   string         `json:"format"`
	Unit     string         `json:"unit"`
	Facts    []truthFact    `json:"facts"`
	Injected []injection    `json:"injected"`
	Notes    []string       `json:"notes"`
}

// resolve turns the printed sites into one fact per key: the primary
// table's figure, else the first table's, else the narrative's first.
func resolve(sites []site) []truthFact {
	type pick struct {
		s    site
		rank int // 0 primary table, 1 table, 2 narrative
	}
	best := map[factKey]pick{}
	var order []factKey
	for _, s := range sites {
		if s.NoFact {
			continue
		}
		rank := 2
		switch {
		case s.Table && s.Primary:
			rank = 0
		case s.Table:
			rank = 1
		}
		p, ok := best[s.Key]
		if !ok {
			order = append(order, s.Key)
		}
		if !ok || rank < p.rank {
			best[s.Key] = pick{s, rank}
		}
	}
	out := make([]truthFact, 0, len(order))
	for _, key := range order {
		s := best[key].s
		code := ""
		if key.Metric == "gpb.class" || key.Metric == "gpb.item" {
			code = s.Code
		}
		out = append(out, truthFact{Metric: key.Metric, Measure: key.Measure, Subject: key.Subject, Code: code, Value: s.Value})
	}
	return out
}

// writeTruth writes the truth file of one rendered file.
func writeTruth(dir string, d *Doc, file, format string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("truth: %w", err)
	}
	sum := sha256.Sum256(data)
	r := d.Report
	t := truthFile{
		File:     filepath.Base(file),
		SHA256:   hex.EncodeToString(sum[:]),
		Document: map[string]any{"department": r.Dept.Name, "year": r.Year, "kind": r.Kind},
		Style:    d.Style,
		Format:   format,
		Unit:     d.Unit,
		Facts:    resolve(d.Sites),
		Injected: d.Injected,
		Notes:    d.Notes,
	}
	if t.Injected == nil {
		t.Injected = []injection{}
	}
	if t.Notes == nil {
		t.Notes = []string{}
	}
	out, err := json.MarshalIndent(t, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "truth", filepath.Base(file)+".json"), append(out, '\n'), 0o644)
}
