package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/fiscaldocs/fiscaldocs/analysis"
	"github.com/fiscaldocs/fiscaldocs/internal/cli"
)

func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := cli.NewFlagSet("report")
	sf := addStoreFlags(fs)
	year := fs.Int("year", 0, "the year `Y` (default: the latest of the kind in the store; the year-on-year section also reads the year before)")
	allYears := fs.Bool("all-years", false, "every year in one report, not one year")
	kind := cli.Choice(fs, "kind", "决算", append(append([]string(nil), analysis.Kinds...), "all"), "final accounts (决算), budgets (预算), or all of both")
	out := fs.String("out", "", "the HTML `FILE` to write")
	args, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	if *out == "" || len(args) > 0 || *year < 0 || *year > 9999 || (*allYears && *year != 0) {
		return errUsage
	}
	store, err := sf.openExisting(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	f := analysis.Filter{Year: *year, Kind: *kind}
	if f.Kind == "all" {
		f.Kind = ""
	}
	if f.Year == 0 && !*allYears {
		if f.Year, err = analysis.LatestYear(ctx, store, f.Kind); err != nil {
			return err
		}
		if f.Year == 0 {
			fmt.Fprintf(stderr, "fiscaldocs report: no %s documents in the store; --kind names another kind, --kind all both\n", *kind)
		}
	}
	rep, err := analysis.Build(ctx, store, f, filepath.Dir(*out))
	if err != nil {
		return err
	}
	if err := writeFile(*out, rep.WriteHTML); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "report of %s: %d documents (%d files), %d departments, %d findings written to %q\n",
		rep.Filter, rep.Documents, rep.Files, len(rep.Departments), rep.FindingCount, *out)
	return nil
}

// writeFile writes path whole or not at all: into a temporary file beside
// it, renamed over it once written.
func writeFile(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".report-*.html")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
