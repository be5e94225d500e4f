package analysis

import (
	"context"
	"sort"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/load"
)

// A report published in several formats (its PDF and its docx, a web page
// and a workbook of the same tables) is one document in several files. Two
// documents are copies of one another when they are of one department_id
// (not empty), year, kind and scope, and hold the same facts: the same
// multiset of (metric, measure, subject, code, value), compared by count
// and by two order-free hashes of the rows. Copies whose reading differs in
// a single figure are two documents; so are a report's text and its tables
// published apart, which hold different facts.

// Copy is a document counted once under another.
type Copy struct {
	ID, File string // the copy
	Of       string // the file of the document it copies
}

// formatRank orders the formats of one document's files: the one kept is
// the one a reader opens at a page.
var formatRank = map[string]int{"pdf": 1, "docx": 2, "doc": 3, "html": 4, "xlsx": 5, "xls": 6}

func rank(format string) int {
	if r, ok := formatRank[format]; ok {
		return r
	}
	return len(formatRank) + 1
}

// Copies finds the documents that f reads which copy another: of each set
// of copies the first by format (pdf, docx, doc, html, xlsx, xls, then
// others) and file name is kept, the others returned.
func Copies(ctx context.Context, store load.Store, f Filter) ([]Copy, error) {
	db := load.Database
	where := "d.status = 'ok' AND d.department_id != '' AND " + f.Where("d")
	res, err := store.Query(ctx, "SELECT d.id AS id, d.department_id AS department_id, d.year AS year, d.kind AS kind, d.scope AS scope, d.format AS format, d.file AS file FROM "+
		db+".v_documents AS d WHERE "+where)
	if err != nil {
		return nil, err
	}
	docs, err := RowsOf(res, "id", "department_id", "year", "kind", "scope", "format", "file")
	if err != nil {
		return nil, err
	}
	res, err = store.Query(ctx, "SELECT f.doc_id AS doc_id, count() AS n, groupBitXor(sipHash64(concat(f.metric, '|', f.measure, '|', f.subject, '|', f.code, '|', toString(f.value)))) AS hash_xor, "+
		"sum(sipHash64(concat(f.metric, '|', f.measure, '|', f.subject, '|', f.code, '|', toString(f.value)))) AS hash_sum FROM "+db+".v_facts AS f WHERE f.doc_id IN (SELECT d.id FROM "+
		db+".v_documents AS d WHERE "+where+") GROUP BY f.doc_id")
	if err != nil {
		return nil, err
	}
	prints, err := RowsOf(res, "doc_id", "n", "hash_xor", "hash_sum")
	if err != nil {
		return nil, err
	}
	print := map[string]string{}
	for _, r := range prints {
		print[r.S("doc_id")] = r.S("n") + "/" + r.S("hash_xor") + "/" + r.S("hash_sum")
	}
	sets := map[string][]Row{}
	var keys []string
	for _, d := range docs {
		p, ok := print[d.S("id")]
		if !ok {
			continue // no facts: nothing shows it is a copy
		}
		k := strings.Join([]string{d.S("department_id"), d.S("year"), d.S("kind"), d.S("scope"), p}, "\x00")
		if sets[k] == nil {
			keys = append(keys, k)
		}
		sets[k] = append(sets[k], d)
	}
	sort.Strings(keys)
	var out []Copy
	for _, k := range keys {
		set := sets[k]
		sort.Slice(set, func(i, j int) bool {
			if ri, rj := rank(set[i].S("format")), rank(set[j].S("format")); ri != rj {
				return ri < rj
			}
			return set[i].S("file") < set[j].S("file")
		})
		for _, d := range set[1:] {
			out = append(out, Copy{ID: d.S("id"), File: d.S("file"), Of: set[0].S("file")})
		}
	}
	return out, nil
}
