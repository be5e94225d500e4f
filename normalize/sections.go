package normalize

import (
	"regexp"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/extract"
)

var (
	partRe = regexp.MustCompile(`^第[一二三四五六七八九十\d]+部分`)
	// "一、…", or "1、 …" with the blank an automatic list label leaves
	// ("5、社会保障…(款)…" is a numbered line item, not a chapter).
	chapterRe = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|\d+、\s+\S)`)
	sectionRe = regexp.MustCompile(`^\([一二三四五六七八九十]+\)`)
	figureRe  = regexp.MustCompile(`\d+(?:\.\d+)?\s*(?:万元|元|亿元|%)`)
)

// headingLevel classifies a block as a heading of the MoF template — 1 for
// "第二部分 …", 2 for "一、…" (or an automatic "1、 …" label), 3 for "(一)…" —
// from its text, so that a text dump and the docx it came from get the same
// sections. A docx heading that matches none of these keeps its style's
// level. Long lines, sentences and lines with figures are not headings.
func headingLevel(b *extract.Block, text string) int {
	short := len([]rune(text)) <= 40 && !strings.Contains(text, "。") && !figureRe.MatchString(text)
	switch {
	case partRe.MatchString(text) && len([]rune(text)) <= 40:
		return 1
	case chapterRe.MatchString(text) && short:
		return 2
	case sectionRe.MatchString(text) && short:
		return 3
	case b.Kind == extract.Heading:
		return min(max(b.Level, 1), 3)
	}
	return 0
}

// sections tracks the headings above the current block.
type sections struct {
	titles [4]string // by level; [0] unused
}

func (s *sections) enter(level int, title string) {
	s.titles[level] = title
	for l := level + 1; l < len(s.titles); l++ {
		s.titles[l] = ""
	}
}

// skipped reports whether the current part is one whose figures are not the
// report's own statements: 名词解释 (definitions) and 附件/附表 (annexes such
// as performance self-assessments, which repeat or restate figures).
func (s *sections) skipped() bool {
	p := s.titles[1]
	return strings.Contains(p, "名词解释") || strings.Contains(p, "附件") || strings.Contains(p, "附表")
}

// annex reports whether the current part is one of annexes (附表, 附件):
// its narrative is skipped, but the standard tables are often printed
// there (第四部分 附表), and read.
func (s *sections) annex() bool {
	p := s.titles[1]
	return (strings.Contains(p, "附件") || strings.Contains(p, "附表")) && !strings.Contains(p, "名词解释")
}

// gpb reports whether the innermost headings are about 一般公共预算 money.
func (s *sections) gpb() bool {
	return strings.Contains(s.titles[2], "一般公共预算") || strings.Contains(s.titles[3], "一般公共预算")
}
