package cli

import (
	"errors"
	"flag"
	"strings"
	"testing"
)

func testFlags() (*flag.FlagSet, *string, *bool, *string) {
	fs := NewFlagSet("test")
	data := fs.String("data", "store", "the store in `DIR`")
	asJSON := fs.Bool("json", false, "JSON")
	format := Choice(fs, "format", "table", []string{"table", "csv"}, "how rows are written")
	return fs, data, asJSON, format
}

func TestParse(t *testing.T) {
	for _, c := range []struct {
		args         []string
		rest         string
		data, format string
		asJSON       bool
	}{
		{[]string{"a.pdf", "--data", "X"}, "a.pdf", "X", "table", false},
		{[]string{"--data", "X", "a.pdf"}, "a.pdf", "X", "table", false},
		{[]string{"a.pdf", "--json", "b.pdf", "-format=csv"}, "a.pdf b.pdf", "store", "csv", true},
		{[]string{"-", "--format", "csv"}, "-", "store", "csv", false},
		{[]string{"a", "--", "--json", "-x"}, "a --json -x", "store", "table", false},
		{[]string{"--", "--data"}, "--data", "store", "table", false},
		{nil, "", "store", "table", false},
		// SQL opening with a comment is an argument, not a flag, wherever it stands.
		{[]string{"-- the ranking\nSELECT 1", "--format", "csv"}, "-- the ranking\nSELECT 1", "store", "csv", false},
		{[]string{"--format", "csv", "--\nSELECT 1"}, "--\nSELECT 1", "store", "csv", false},
		{[]string{"--data", "X", "-- note SELECT 2", "--json"}, "-- note SELECT 2", "X", "table", true},
		{[]string{"--data=my store", "a"}, "a", "my store", "table", false},
	} {
		fs, data, asJSON, format := testFlags()
		rest, err := Parse(fs, c.args)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.args, err)
			continue
		}
		if got := strings.Join(rest, " "); got != c.rest || *data != c.data || *asJSON != c.asJSON || *format != c.format {
			t.Errorf("Parse(%q) = %q, data %q, json %v, format %q; want %q, %q, %v, %q",
				c.args, got, *data, *asJSON, *format, c.rest, c.data, c.asJSON, c.format)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string // in the message
	}{
		{[]string{"a.pdf", "--nosuch"}, "flag provided but not defined: --nosuch"},
		{[]string{"a.pdf", "--data"}, "flag needs an argument: --data"},
		{[]string{"--format", "xml", "SELECT 1"}, `invalid value "xml" for flag --format: want one of table, csv`},
	} {
		fs, _, _, _ := testFlags()
		_, err := Parse(fs, c.args)
		var ue *UsageError
		if !errors.As(err, &ue) || !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%q) = %v; want a usage error saying %q", c.args, err, c.want)
		}
	}
	for _, args := range [][]string{{"-h"}, {"a.pdf", "--help"}} {
		fs, _, _, _ := testFlags()
		_, err := Parse(fs, args)
		var h *HelpRequest
		if !errors.As(err, &h) || !errors.Is(err, flag.ErrHelp) || h.Flags != fs {
			t.Errorf("Parse(%q) = %v; want a help request for its flags", args, err)
		}
	}
}

func TestWriteHelp(t *testing.T) {
	fs, _, _, _ := testFlags()
	var b strings.Builder
	Command{Name: "query", Usage: "query [--format F] SQL", Summary: "Run SQL.",
		Examples: []string{`fiscaldocs query "SELECT 1"`}}.WriteHelp(&b, "fiscaldocs", fs)
	want := `usage: fiscaldocs query [--format F] SQL

Run SQL.

flags:
  --data DIR          the store in DIR (default store)
  --format table|csv  how rows are written (default table)
  --json              JSON

examples:
  fiscaldocs query "SELECT 1"
`
	if b.String() != want {
		t.Errorf("help =\n%s\nwant\n%s", b.String(), want)
	}
}
