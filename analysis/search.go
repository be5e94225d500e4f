package analysis

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fiscaldocs/fiscaldocs/load"
)

// Search modes: how the words are matched against a passage.
const (
	// Substring: each word appears in the passage, anywhere.
	Substring = "substring"
	// Phrase: the words, in order and joined, appear in the passage,
	// white space on either side ignored.
	Phrase = "phrase"
	// Tokens: each word's gse tokens are among the passage's, as cut when
	// it was ingested (a word matches only the tokens it would become).
	Tokens = "tokens"
)

// Modes are the search modes.
var Modes = []string{Substring, Phrase, Tokens}

// Search is what to look for.
type Search struct {
	Words  []string
	Mode   string   // Substring, Phrase or Tokens
	Tokens []string // the words' tokens, for Tokens mode (normalize.Segmenter.Tokens)
	Filter Filter
	Limit  int // at most this many passages; 0 for all
}

// Hits are the passages found.
type Hits struct {
	Total int // passages matching, before the limit
	// Rows are department_id, department, year, kind, file, page and the
	// passage with each match marked 【…】.
	Result *load.Result
}

// Mark brackets the matched words in a passage.
const markOpen, markClose = "【", "】"

// Find runs the search. A document without a department is shown under its
// file name.
func Find(ctx context.Context, store load.Store, s Search) (*Hits, error) {
	cond, marks, err := s.match()
	if err != nil {
		return nil, err
	}
	db := load.Database
	where := "(" + cond + ") AND " + s.Filter.docsIn("b.doc_id")
	count, err := store.Query(ctx, "SELECT count() AS n FROM "+db+".v_blocks AS b WHERE "+where)
	if err != nil {
		return nil, err
	}
	counted, err := RowsOf(count, "n")
	if err != nil || len(counted) != 1 {
		return nil, fmt.Errorf("analysis: search: the count came back as %q (%v)", count.Rows, err)
	}
	total, err := counted[0].Int("n")
	if err != nil {
		return nil, err
	}
	limit := ""
	if s.Limit > 0 {
		limit = " LIMIT " + strconv.Itoa(s.Limit)
	}
	blocks, err := store.Query(ctx, "SELECT b.doc_id AS doc_id, b.page AS page, b.text AS text FROM "+db+".v_blocks AS b WHERE "+where+" ORDER BY b.doc_id, b.seq"+limit)
	if err != nil {
		return nil, err
	}
	docs, err := store.Query(ctx, "SELECT d.id AS id, d.department_id AS department_id, if(d.department_id = '', d.file, d.department_name) AS department, d.year AS year, d.kind AS kind, d.file AS file FROM "+
		db+".v_documents AS d WHERE "+s.Filter.docsIn("d.id"))
	if err != nil {
		return nil, err
	}
	docRows, err := RowsOf(docs, "id", "department_id", "department", "year", "kind", "file")
	if err != nil {
		return nil, err
	}
	blockRows, err := RowsOf(blocks, "doc_id", "page", "text")
	if err != nil {
		return nil, err
	}
	byID := map[string]Row{}
	for _, d := range docRows {
		byID[d.S("id")] = d
	}
	res := &load.Result{Columns: []string{"department_id", "department", "year", "kind", "file", "page", "passage"},
		Types: []string{"String", "String", "UInt16", "String", "String", "UInt32", "String"}}
	for _, b := range blockRows {
		if d, ok := byID[b.S("doc_id")]; ok {
			res.Rows = append(res.Rows, []string{d.S("department_id"), d.S("department"), d.S("year"), d.S("kind"), d.S("file"), b.S("page"), mark(b.S("text"), marks)})
		}
	}
	sort.SliceStable(res.Rows, func(i, j int) bool { return res.Rows[i][1] < res.Rows[j][1] })
	return &Hits{Total: total, Result: res}, nil
}

// match is the search's condition on b.text or b.tokens, and the strings
// to mark in a passage.
func (s Search) match() (string, []string, error) {
	var conds []string
	switch s.Mode {
	case Tokens:
		if len(s.Tokens) == 0 {
			return "", nil, fmt.Errorf("analysis: no words to search for")
		}
		var q []string
		for _, t := range s.Tokens {
			q = append(q, load.Quote(t))
		}
		return "hasAll(b.tokens, [" + strings.Join(q, ", ") + "])", s.Tokens, nil
	case Phrase:
		p := strings.Join(strings.Fields(strings.Join(s.Words, "")), "")
		if p == "" {
			return "", nil, fmt.Errorf("analysis: no words to search for")
		}
		return "position(replaceAll(replaceAll(b.text, ' ', ''), '\\n', ''), " + load.Quote(p) + ") > 0", []string{p}, nil
	default:
		var words []string
		for _, w := range s.Words {
			words = append(words, strings.Fields(w)...)
		}
		if len(words) == 0 {
			return "", nil, fmt.Errorf("analysis: no words to search for")
		}
		for _, w := range words {
			conds = append(conds, "position(b.text, "+load.Quote(w)+") > 0")
		}
		return strings.Join(conds, " AND "), words, nil
	}
}

// mark brackets each occurrence of the words in text, longest word first
// where two start at one place.
func mark(text string, words []string) string {
	ws := append([]string(nil), words...)
	sort.Slice(ws, func(i, j int) bool { return len(ws[i]) > len(ws[j]) })
	var b strings.Builder
	for i := 0; i < len(text); {
		hit := ""
		for _, w := range ws {
			if w != "" && strings.HasPrefix(text[i:], w) {
				hit = w
				break
			}
		}
		if hit == "" {
			_, n := utf8.DecodeRuneInString(text[i:])
			b.WriteString(text[i : i+n])
			i += n
			continue
		}
		b.WriteString(markOpen + hit + markClose)
		i += len(hit)
	}
	return b.String()
}
