package web

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
)

// Table is one table of a page, which downloads as CSV and as JSON with
// the same rows.
type Table struct {
	Name    string // its name in a download's URL (?table=…)
	Title   string
	Columns []string
	Rows    [][]Cell
	Note    string // said under it: a limit that cut it, say
	// CSV and JSON are its downloads' URLs, set when the page is drawn.
	CSV, JSON string
}

// Cell is one value of a table, linked where Href is set.
type Cell struct {
	Text string
	Href string
	Num  bool // right-aligned: a figure
	Mark bool // highlighted: the fact's own cell
}

func (t *Table) add(cells ...Cell) { t.Rows = append(t.Rows, cells) }

// text is a cell of text; num, of a figure.
func text(s string) Cell          { return Cell{Text: s} }
func num(s string) Cell           { return Cell{Text: s, Num: true} }
func link(s, href string) Cell    { return Cell{Text: s, Href: href} }
func numLink(s, href string) Cell { return Cell{Text: s, Href: href, Num: true} }

// downloads sets the tables' download URLs: the page's own URL with
// format and table added.
func downloads(u *url.URL, tables []*Table) {
	for _, t := range tables {
		for _, f := range []string{"csv", "json"} {
			q := u.Query()
			q.Set("format", f)
			q.Set("table", t.Name)
			v := url.URL{Path: u.Path, RawQuery: q.Encode()}
			if f == "csv" {
				t.CSV = v.String()
			} else {
				t.JSON = v.String()
			}
		}
	}
}

// writeCSV writes the table as CSV with a byte-order mark, for Excel.
func (t *Table) writeCSV(w http.ResponseWriter) error {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+t.Name+`.csv"`)
	io.WriteString(w, "\uFEFF")
	cw := csv.NewWriter(w)
	cw.Write(t.Columns)
	for _, r := range t.Rows {
		rec := make([]string, len(r))
		for i, c := range r {
			rec[i] = c.Text
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// writeJSON writes the table as a JSON array of objects, a row each, its
// values as text (exact, as the store gives them).
func (t *Table) writeJSON(w http.ResponseWriter) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	rows := make([]map[string]string, len(t.Rows))
	for i, r := range t.Rows {
		rows[i] = make(map[string]string, len(r))
		for j, c := range r {
			if j < len(t.Columns) {
				rows[i][t.Columns[j]] = c.Text
			}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(rows)
}
