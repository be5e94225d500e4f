// Package analysis answers the questions the store is kept for: the
// exports for a spreadsheet, the search of passages, the report that
// compares departments, and the queries the web app (package web) browses
// with; the charts both the report and the web app draw (Chart, drawn by
// html/template). It is the top of the data flow, above load: it reads
// the store only through SQL over the views (v_documents, v_facts,
// v_findings, v_blocks) and the dictionaries, every value quoted by
// load.Quote, on embedded chDB and a ClickHouse server alike, and reads
// the rows by column name (Row); cmd/fiscaldocs parses the command line
// and calls it.
//
// It is synchronous and keeps no state: its functions may be called from
// many goroutines at once when the store they are given allows it, as
// load.Shared and load.Server do.
package analysis

import (
	"strconv"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/load"
)

// Kinds are the kinds of document a Filter can ask for.
var Kinds = []string{"决算", "预算"}

// Filter narrows what is read to some documents. Its zero value reads all.
type Filter struct {
	Year int    // only this year; 0 for every year
	Kind string // 决算 or 预算; "" for both
	// Department is a department_id, a normalized name or a printed
	// spelling; "" for every department.
	Department string
}

// Where is the filter as SQL conditions on the columns department_id,
// department_name, department, year and kind of the table or view aliased
// t (v_documents and v_facts carry them all), or "1" when it reads all.
func (f Filter) Where(t string) string {
	var w []string
	if f.Year != 0 {
		w = append(w, t+".year = "+strconv.Itoa(f.Year))
	}
	if f.Kind != "" {
		w = append(w, t+".kind = "+load.Quote(f.Kind))
	}
	if f.Department != "" {
		q := load.Quote(f.Department)
		w = append(w, "("+t+".department_id = "+q+" OR "+t+".department_name = "+q+" OR "+t+".department = "+q+")")
	}
	if len(w) == 0 {
		return "1"
	}
	return strings.Join(w, " AND ")
}

// docsIn is a condition on a column of document ids: the documents the
// filter reads (all, when it reads all).
func (f Filter) docsIn(col string) string {
	if w := f.Where("d"); w != "1" {
		return col + " IN (SELECT d.id FROM " + load.Database + ".v_documents AS d WHERE " + w + ")"
	}
	return "1"
}
