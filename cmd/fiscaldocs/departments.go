package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/analysis"
	"github.com/fiscaldocs/fiscaldocs/department"
	"github.com/fiscaldocs/fiscaldocs/internal/cli"
	"github.com/fiscaldocs/fiscaldocs/load"
)

// addAliasesFlag defines --aliases, the user's file of department
// spellings (department.Aliases.Read).
func addAliasesFlag(fs *flag.FlagSet) *string {
	return fs.String("aliases", "", "also join the department spellings in `FILE`: lines of a spelling, a tab and the name it stands for (as department/aliases.tsv)")
}

// readAliases returns the shipped aliases, extended by file's if named.
func readAliases(file string) (*department.Aliases, error) {
	a := department.Builtin()
	if file == "" {
		return a, nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return a, a.Read(f, file)
}

// current reports whether the document id stored is current: labelled
// with the department the aliases now give its stored name, and, when it
// was found by a crawl (url), recorded with that URL, which a file
// ingested first from a folder lacks. A document that is not is read
// again, so that all its rows carry the new department_id and URL.
func current(ctx context.Context, store load.Store, aliases *department.Aliases, id, url string) (bool, error) {
	res, err := store.Query(ctx, fmt.Sprintf("SELECT department, region, department_id, source_url FROM %s.documents FINAL WHERE id = %s", load.Database, load.Quote(id)))
	if err != nil {
		return false, err
	}
	rows, err := analysis.RowsOf(res, "department", "region", "department_id", "source_url")
	if err != nil || len(rows) != 1 {
		return false, err
	}
	r := rows[0]
	if url != "" && r.S("source_url") != url {
		return false, nil
	}
	name, region := aliases.Name(r.S("department"), r.S("region"))
	return department.ID(region, name) == r.S("department_id"), nil
}

// deptEntry is one department of the store, as departments lists it.
type deptEntry struct {
	id, name, region, level string
	stored                  map[string]bool // the ids the store gives its documents
	spellings, years, kinds map[string]bool
	documents               int
	similar                 []string // ids of departments likely the same
}

func runDepartments(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := cli.NewFlagSet("departments")
	sf := addStoreFlags(fs)
	format := cli.Choice(fs, "format", "table", cli.Formats, "how the list is written: a table aligned for the terminal, CSV, TSV, a JSON array or JSON lines")
	aliasFile := addAliasesFlag(fs)
	args, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return errUsage
	}
	var aliases *department.Aliases // nil: the store's own grouping
	if *aliasFile != "" {
		if aliases, err = readAliases(*aliasFile); err != nil {
			return err
		}
	}
	store, err := sf.openExisting(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	entries, err := departments(ctx, store, aliases)
	if err != nil {
		return err
	}
	if err := cli.WriteResult(stdout, departmentsResult(entries), *format, false); err != nil {
		return err
	}
	relabel := 0
	for _, e := range entries {
		if !e.stored[e.id] || len(e.stored) > 1 {
			relabel++
		}
	}
	if relabel > 0 {
		fmt.Fprintf(stderr, "%d departments are grouped otherwise by these aliases than in the store; ingest again with the same --aliases to store it\n", relabel)
	}
	return nil
}

// departments groups the store's documents by department — as the store
// does, or as aliases would if not nil — and marks the departments of one
// region whose names are alike (department.Similar).
func departments(ctx context.Context, store load.Store, aliases *department.Aliases) ([]*deptEntry, error) {
	res, err := store.Query(ctx, "SELECT department_id, department, region, level, year, kind, scope, department_name FROM "+load.Database+
		".v_documents WHERE status = 'ok' AND department != '' ORDER BY department_id, year, department")
	if err != nil {
		return nil, err
	}
	rows, err := analysis.RowsOf(res, "department_id", "department", "region", "level", "year", "kind", "scope", "department_name")
	if err != nil {
		return nil, err
	}
	byID := map[string]*deptEntry{}
	var entries []*deptEntry
	for _, r := range rows {
		id, name, region := r.S("department_id"), r.S("department_name"), r.S("region")
		if aliases != nil {
			name, region = aliases.Name(r.S("department"), r.S("region"))
			id = department.ID(region, name)
		}
		e := byID[id]
		if e == nil {
			e = &deptEntry{id: id, name: name, region: region, level: r.S("level"),
				stored: map[string]bool{}, spellings: map[string]bool{}, years: map[string]bool{}, kinds: map[string]bool{}}
			byID[id] = e
			entries = append(entries, e)
		}
		e.stored[r.S("department_id")] = true
		e.spellings[r.S("department")], e.years[r.S("year")], e.kinds[r.S("scope")+r.S("kind")] = true, true, true
		e.documents++
	}
	sort.Slice(entries, func(i, j int) bool {
		if entries[i].region != entries[j].region {
			return entries[i].region < entries[j].region
		}
		return entries[i].name < entries[j].name
	})
	for _, a := range entries {
		for _, b := range entries {
			if a != b && a.region == b.region && department.Similar(a.region, a.name, b.name) {
				a.similar = append(a.similar, b.id)
			}
		}
	}
	return entries, nil
}

func departmentsResult(entries []*deptEntry) *load.Result {
	res := &load.Result{Columns: []string{"department_id", "department_name", "region", "level", "spellings", "years", "kinds", "documents", "likely_same_as"},
		Types: []string{"String", "String", "String", "String", "String", "String", "String", "UInt32", "String"}}
	for _, e := range entries {
		res.Rows = append(res.Rows, []string{e.id, e.name, e.region, e.level, joinSet(e.spellings, " / "), joinSet(e.years, " "),
			joinSet(e.kinds, " "), strconv.Itoa(e.documents), strings.Join(e.similar, " ")})
	}
	return res
}

// joinSet joins a set's members in order.
func joinSet(set map[string]bool, sep string) string {
	var out []string
	for s := range set {
		if s != "" {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return strings.Join(out, sep)
}
