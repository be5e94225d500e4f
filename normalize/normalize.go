package normalize

import (
	"strings"

	"github.com/fiscaldocs/fiscaldocs/extract"
)

// Document reads the facts and the identity of one extracted document.
func Document(doc *extract.Document, seg *Segmenter) *Result {
	res := &Result{}
	r := &reader{seg: seg, facts: &factSet{}}
	idf := newIdentifier()
	var sec sections
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		if b.Kind != extract.Paragraph && b.Kind != extract.Heading {
			continue
		}
		text := squeeze(strings.TrimSpace(Clean(b.Text)))
		level := headingLevel(b, text)
		if level > 0 {
			sec.enter(level, text)
		}
		if sec.skipped() {
			continue
		}
		// Titles are headings, or the lines of a cover page before the
		// first heading.
		idf.observe(text, level > 0 || sec.titles[1] == "" && sec.titles[2] == "" && i < 8)
		if level == 0 {
			r.paragraph(b, text, &sec)
		}
	}
	res.Identity = idf.result()
	r.charts(doc, res.Identity.Year)
	res.Facts, res.Conflicts = r.facts.list, r.facts.conflicts
	return res
}

// BlockTokens cuts every block's text into search tokens, indexed like
// doc.Blocks. It is separate from Document because it costs more than
// reading the facts and only the search index needs it.
func BlockTokens(doc *extract.Document, seg *Segmenter) [][]string {
	out := make([][]string, len(doc.Blocks))
	for i, b := range doc.Blocks {
		out[i] = seg.Tokens(b.Text)
	}
	return out
}

// squeeze drops the blanks that typesetting puts between Chinese text and
// embedded figures ("总计 307.82 万元"), keeping those between Latin words.
func squeeze(s string) string {
	if !strings.ContainsAny(s, " \u00a0\u3000") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' || r == '\u00a0' || r == '\u3000' {
			prev, next := rune(0), rune(0)
			if i > 0 {
				prev = rs[i-1]
			}
			if i+1 < len(rs) {
				next = rs[i+1]
			}
			if prev >= 0x80 || next >= 0x80 || prev == ' ' || next == ' ' {
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}
