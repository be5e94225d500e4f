package normalize

import (
	"strings"

	"github.com/fiscaldocs/fiscaldocs/extract"
)

// Document reads the facts and the identity of one extracted document.
func Document(doc *extract.Document, seg *Segmenter) *Result {
	res := &Result{Tokens: make([][]string, len(doc.Blocks))}
	r := &reader{seg: seg, facts: &factSet{}}
	idf := newIdentifier()
	var sec sections
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		res.Tokens[i] = seg.Tokens(b.Text)
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
