package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/fiscaldocs/fiscaldocs/internal/cli"
	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/fiscaldocs/fiscaldocs/validate"
)

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := cli.NewFlagSet("extract")
	asJSON := fs.Bool("json", false, "print one JSON object per document (see spec FACTS.md), one per line")
	asText := fs.Bool("text", false, "print each document's text, block by block, with page breaks")
	args, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(args) == 0 || *asJSON && *asText {
		return errUsage
	}
	seg, err := normalize.NewSegmenter()
	if err != nil {
		return err
	}
	failed := false
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	err = processAll(ctx, expand(args, stderr), seg, runOptions{}, func(p processed) {
		if p.Err != nil {
			failed = true
			fmt.Fprintln(stderr, fileError(p.Doc.Path, p.Err))
			return
		}
		switch {
		case *asJSON:
			if err := enc.Encode(toJSON(p)); err != nil {
				failed = true
				fmt.Fprintln(stderr, oneLine(err))
			}
		case *asText:
			printText(stdout, p)
		default:
			printFacts(stdout, p)
		}
	})
	if err != nil {
		return err
	}
	if failed {
		return errFailed
	}
	return nil
}

// oneLine keeps an error on one line, as a log reader expects, with any
// control character left in it escaped as %q would.
func oneLine(err error) string {
	return clip(flatten(err.Error()), maxErrorText)
}

func flatten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			b.WriteString(strings.Trim(strconv.QuoteRune(r), "'"))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// quoteName writes the file name in msg quoted (%q): a name with a line
// break or a terminal escape in it can then neither forge a log line nor
// hide one. Messages from the readers name the file bare, as a word of
// its own ("extract a.pdf page 3: …"); only such a word is quoted.
func quoteName(msg, path string) string {
	if path == "" || strings.Contains(msg, strconv.Quote(path)) {
		return flatten(msg)
	}
	return flatten(replaceWord(msg, path, strconv.Quote(path)))
}

// replaceWord replaces the occurrences of word in s that stand between
// the start or a space and the end, a space or a colon.
func replaceWord(s, word, with string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, word)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + len(word)
		before := i == 0 || s[i-1] == ' '
		after := end == len(s) || s[end] == ' ' || s[end] == ':'
		b.WriteString(s[:i])
		if before && after {
			b.WriteString(with)
		} else {
			b.WriteString(word)
		}
		s = s[end:]
	}
}

// fileError is a document's error on one line that names its file quoted,
// first when the error does not name it.
func fileError(path string, err error) string {
	msg := err.Error()
	if path != "" && !strings.Contains(msg, strconv.Quote(path)) && replaceWord(msg, path, "") == msg {
		msg = path + ": " + msg // the error does not name the file
	}
	return quoteName(msg, path)
}

// maxErrorText bounds an error's text as shown and stored, in bytes: a
// figure of 5,000 digits must not become a 10 KB error line.
const maxErrorText = 500

// problems lists what went wrong short of failure.
func problems(p processed) []jsonProblem {
	var out []jsonProblem
	for _, e := range p.Blocks.Problems {
		out = append(out, jsonProblem{Pos: e.Pos, Error: e.Error()})
	}
	if len(p.Result.Facts) == 0 {
		out = append(out, jsonProblem{Error: errNoFacts.Error()})
	}
	return out
}

// printText writes the document's blocks as text: headings marked with #,
// tables as tab-separated rows, charts as their series, and a line
// "--- page N ---" where a new page starts.
func printText(w io.Writer, p processed) {
	fmt.Fprintf(w, "=== %s (%s, %s)\n", p.Doc.Path, p.Blocks.Format, p.Doc.SHA256)
	page := 0
	for _, b := range p.Blocks.Blocks {
		if b.Pos.Page != page {
			page = b.Pos.Page
			fmt.Fprintf(w, "--- page %d ---\n", page)
		}
		switch b.Kind {
		case extract.Heading:
			fmt.Fprintf(w, "%s %s\n", strings.Repeat("#", b.Level), b.Text)
		case extract.TableBlock:
			fmt.Fprintf(w, "[table %d×%d]\n%s\n[/table]\n", len(b.Table.Rows), len(b.Table.Rows[0]), b.Text)
		case extract.ChartBlock:
			fmt.Fprintf(w, "[chart %s: %s]\n", b.Chart.Type, b.Text)
			for _, s := range b.Chart.Series {
				fmt.Fprintf(w, "  %s: %s = %s\n", s.Name, strings.Join(s.Categories, " | "), strings.Join(s.Values, " | "))
			}
		default:
			fmt.Fprintln(w, b.Text)
		}
	}
	for _, pr := range problems(p) {
		fmt.Fprintf(w, "problem: %s\n", pr.Error)
	}
}

// printFacts writes a readable table of the facts.
func printFacts(w io.Writer, p processed) {
	id := p.Result.Identity
	fmt.Fprintf(w, "%s\n  %s %d年 %s%s  (%s, %d facts)\n", p.Doc.Path, orDash(id.Department), id.Year, id.Scope, id.Kind, p.Blocks.Format, len(p.Result.Facts))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  metric\tmeasure\tsubject\tcode\tvalue\tunit\tprinted\tmethod\twhere")
	for _, f := range p.Result.Facts {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", f.Metric, f.Measure, orDash(f.Subject), orDash(f.Code),
			f.Value.String(), f.Unit, f.Raw, f.MethodName(), f.Pos)
	}
	tw.Flush()
	printFindings(w, p)
	for _, pr := range problems(p) {
		fmt.Fprintf(w, "  problem: %s\n", pr.Error)
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// printFindings lists the validation findings, then the ledger in one line
// per status, so that "no findings" reads as "checked".
func printFindings(w io.Writer, p processed) {
	for _, f := range p.Report.Findings {
		fmt.Fprintf(w, "  %s %s: %s\n", f.Severity, f.Rule, f.Message)
	}
	by := map[validate.Status][]string{}
	for _, c := range p.Report.Ledger {
		by[c.Status] = append(by[c.Status], c.Rule)
	}
	for _, s := range []validate.Status{validate.Passed, validate.Failed, validate.MissingFacts, validate.NotApplicable} {
		if len(by[s]) > 0 {
			fmt.Fprintf(w, "  checks %s: %s\n", s, strings.Join(by[s], " "))
		}
	}
}
