package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/internal/cli"
	"github.com/fiscaldocs/fiscaldocs/load"
)

// runSchema prints the store's tables and views with their columns, then
// the metric keys with their Chinese names, measures and units: what a
// query can name. Given a table or view, it prints that one only (and for
// metrics, the keys). It needs no store: every store has this schema.
func runSchema(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := cli.NewFlagSet("schema")
	args, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	tables := load.Tables()
	if len(args) > 1 {
		return errUsage
	}
	if len(args) == 1 {
		tables = oneTable(tables, args[0])
		if tables == nil {
			var names []string
			for _, t := range load.Tables() {
				names = append(names, t.Name)
			}
			return &cli.UsageError{Msg: fmt.Sprintf("no table or view %q; there are %s", args[0], strings.Join(names, ", "))}
		}
	} else {
		fmt.Fprintf(stdout, "Tables and views of the store, in the database %s (docs/schema.md describes every column).\n"+
			"Read the v_ views: they hold each document's current rows.\n\n", load.Database)
	}
	for _, t := range tables {
		writeTable(stdout, t, len(args) == 1)
	}
	if len(args) == 1 && tables[0].Name != "metrics" {
		return nil
	}
	fmt.Fprintf(stdout, "\nMetric keys (%s.metrics; a fact's unit is its measure's, %s.measures):\n", load.Database, load.Database)
	res := &load.Result{Columns: []string{"key", "name", "measures", "unit"}, Types: []string{"String", "String", "String", "String"}}
	for _, m := range load.MetricRows() {
		res.Rows = append(res.Rows, []string{m.Key, m.Name, strings.Join(m.Measures, ","), m.Unit})
	}
	return cli.WriteResult(stdout, res, "table", false)
}

// oneTable returns the table or view named name (with or without the
// database), or nil.
func oneTable(tables []load.Table, name string) []load.Table {
	name = strings.TrimPrefix(name, load.Database+".")
	for _, t := range tables {
		if t.Name == name {
			return []load.Table{t}
		}
	}
	return nil
}

// writeTable prints a table's columns on one line, or one a line when
// the table is shown alone; a view shows its table's.
func writeTable(w io.Writer, t load.Table, alone bool) {
	if t.Of != "" {
		fmt.Fprintf(w, "%s: the current rows of %s\n", t.Name, t.Of)
		if !alone {
			return
		}
	}
	cols := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = c[0] + " " + c[1]
	}
	switch {
	case alone && t.Of == "":
		fmt.Fprintf(w, "%s:\n  %s\n", t.Name, strings.Join(cols, "\n  "))
	case alone:
		fmt.Fprintf(w, "  %s\n", strings.Join(cols, "\n  "))
	default:
		fmt.Fprintf(w, "%s:\n  %s\n", t.Name, strings.Join(cols, ", "))
	}
}
