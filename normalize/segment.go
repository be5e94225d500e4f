package normalize

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

var (
	lexOnce sync.Once
	lex     *lexicon
	lexErr  error
)

// mustLexicon parses the embedded data once. The data ships with the binary
// and is checked by the tests, so a parse error is a build defect.
func mustLexicon() *lexicon {
	lexOnce.Do(func() { lex, lexErr = loadLexicon() })
	if lexErr != nil {
		panic(fmt.Sprintf("normalize: embedded lexicon: %v", lexErr))
	}
	return lex
}

// Segmenter cuts text into words with gse, using only the budget-domain
// dictionary built from the lexicon (metric names and aliases, 科目 names,
// units) — not gse's 580k-word default dictionary, which costs seconds and
// hundreds of MB per process. Domain terms come out whole; other text falls
// back to single characters and digit runs. It is safe for concurrent use
// once built.
type Segmenter struct {
	seg gse.Segmenter
	lx  *lexicon
}

// termPOS tags dictionary entries: "t<index into lexicon.terms>" for metric
// and class terms, "w" for words that only help search.
const wordPOS = "w"

// NewSegmenter builds the segmenter; it takes about a millisecond.
func NewSegmenter() (*Segmenter, error) {
	lx := mustLexicon()
	s := &Segmenter{lx: lx, seg: gse.Segmenter{NotLoadHMM: true, SkipLog: true}}
	var dict strings.Builder
	// gse splits dictionary lines on spaces, so terms never contain one.
	for i, t := range lx.terms {
		freq := 100000
		if t.weak {
			freq = 100 // any longer term over it, or a word beside it, wins
		}
		fmt.Fprintf(&dict, "%s %d t%d\n", t.text, freq, i)
	}
	for _, e := range lx.cat.byCode {
		for _, n := range e.names {
			fmt.Fprintf(&dict, "%s 50000 %s\n", n, wordPOS)
		}
	}
	for _, w := range []string{"万元", "亿元", "千元", "元", "决算", "预算", "财政拨款", "一般公共预算", "政府性基金", "国有资本经营", "基本支出", "项目支出", "人员经费", "公用经费", "三公经费", "同比", "增加", "减少", "增长", "下降"} {
		fmt.Fprintf(&dict, "%s 80000 %s\n", w, wordPOS)
	}
	if err := s.seg.LoadDictStr(dict.String()); err != nil {
		return nil, fmt.Errorf("normalize: load dictionary: %w", err)
	}
	return s, nil
}

// hit is a lexicon term found in a text, at byte offsets [start, end).
type hit struct {
	start, end int
	term       *term
}

// terms finds the lexicon terms in s (already Clean), left to right and
// never overlapping: where two terms overlap, gse's dictionary segmentation
// prefers the one that covers the text with fewer, likelier words, which
// for a domain dictionary is the longer term.
func (s *Segmenter) terms(text string) []hit {
	var hits []hit
	for _, sg := range s.seg.Segment([]byte(text)) {
		pos := sg.Token().Pos()
		if !strings.HasPrefix(pos, "t") {
			continue
		}
		i, err := strconv.Atoi(pos[1:])
		if err != nil || i < 0 || i >= len(s.lx.terms) {
			continue
		}
		hits = append(hits, hit{start: sg.Start(), end: sg.End(), term: &s.lx.terms[i]})
	}
	return hits
}

// Tokens cuts text into search tokens: domain terms whole and, after each
// long term, the dictionary words inside it (so that a search for 财政拨款
// finds 一般公共预算财政拨款支出), without blanks and punctuation.
func (s *Segmenter) Tokens(text string) []string {
	var out []string
	for _, t := range s.seg.Cut(Clean(text), false) {
		t = strings.TrimSpace(t)
		if t == "" || isPunct(t) {
			continue
		}
		out = append(out, t)
		if utf8.RuneCountInString(t) <= 2 {
			continue
		}
		for _, sub := range s.seg.CutAll(t) {
			if sub != t && utf8.RuneCountInString(sub) >= 2 {
				if _, _, ok := s.seg.Find(sub); ok {
					out = append(out, sub)
				}
			}
		}
	}
	return out
}

func isPunct(t string) bool {
	for _, r := range t {
		if !strings.ContainsRune("，。、；：？！“”‘’《》（）()【】[],.;:?!\"'%/-*…—·", r) {
			return false
		}
	}
	return true
}
