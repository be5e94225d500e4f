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
		text := strings.TrimSpace(Clean(b.Text))
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
