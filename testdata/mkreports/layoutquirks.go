package main

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A -layout copy of a real PDF at times prints a line of prose that opens
// with a figure and its unit ("603.14万元，占20.51%；") one line too high,
// above the line it follows, with blank lines about the pair: the digits
// sit a little higher than the characters. One -layout copy in three (by
// the document's name) is rewritten so in two to four places of its
// narrative. Only lines move and blank lines are added, so the facts stay
// the PDF's, and every place reads as the reader's liftedLines
// (extract/text_layout.go) expects: a blank line, the figure's line, the
// line it follows (ending mid-sentence), a blank line.

// liftsLines reports whether the -layout copy of the document named name
// sets some lines of its prose one line too high (one copy in three). The
// choice hangs on the name alone, as textCopy's does.
func liftsLines(name string) bool { return drawFrom(name, "lifted lines")%3 == 0 }

// liftedCount is the number of places such a copy rewrites: two to four,
// fewer when its prose has fewer.
func liftedCount(name string) int { return 2 + int(drawFrom(name, "lifted count")%3) }

// figureUnitRe matches a line that opens with a figure and its unit or a
// percent sign: the lines the generator lifts.
var figureUnitRe = regexp.MustCompile(`^[0-9][0-9,]*(?:\.[0-9]+)?(?:万元|亿元|元|%)`)

// figureWordRe matches a line that opens with a figure and any sign or
// word after it, no blank between: the lines a reader takes for lifted
// ones when they stand where lifted lines do.
var figureWordRe = regexp.MustCompile(`^[0-9][0-9,]*(?:\.[0-9]+)?[^0-9.,\s]`)

// liftLines sets up to n lines of prose one line too high in a -layout
// copy of d (pages apart by form feeds). A line may go up when it opens
// with a figure and its unit and the line above it breaks off
// mid-sentence, the two lines standing together in one of d's paragraphs.
// The places are drawn from the hash of d's name and the line, never from
// d's random source.
func liftLines(text string, d *Doc, n int) string {
	paras := proseOf(d)
	pages := strings.Split(text, "\f")
	for range n {
		if !liftOne(pages, paras, d.Name) {
			break
		}
	}
	return strings.Join(pages, "\f")
}

// proseOf is d's paragraphs with their blanks dropped (squash).
func proseOf(d *Doc) []string {
	var paras []string
	for _, bl := range d.Blocks {
		if bl.Kind == bPara {
			paras = append(paras, squash(bl.Text))
		}
	}
	return paras
}

// A liftPlace is a line of a page that may go up: its page and line.
type liftPlace struct {
	page, line int
	draw       uint32 // the place's draw, lowest first
}

// liftOne lifts the first place, in the order of their draws, whose
// rewrite adds one place that reads as lifted and no other; it reports
// whether it found one.
func liftOne(pages, paras []string, name string) bool {
	var places []liftPlace
	for p, page := range pages {
		lines := strings.Split(page, "\n")
		for i := range lines {
			if liftable(lines, i, paras) {
				places = append(places, liftPlace{p, i, drawFrom(name, strconv.Itoa(p), lines[i])})
			}
		}
	}
	slices.SortStableFunc(places, func(a, b liftPlace) int { return cmp.Compare(a.draw, b.draw) })
	for _, pl := range places {
		lines := strings.Split(pages[pl.page], "\n")
		lifted, at := liftAt(lines, pl.line)
		if readsLifted(lifted) == readsLifted(lines)+1 && setTooHigh(lifted, at) {
			pages[pl.page] = strings.Join(lifted, "\n")
			return true
		}
	}
	return false
}

// liftable reports whether line i of a page may go up: it opens with a
// figure and its unit, the line above it is prose that breaks off
// mid-sentence, neither has a gap between words (a table's row has), and
// the two stand together in one of the document's paragraphs.
func liftable(lines []string, i int, paras []string) bool {
	if i == 0 {
		return false
	}
	f, g := strings.TrimSpace(lines[i]), strings.TrimSpace(lines[i-1])
	if !figureUnitRe.MatchString(f) || gapped(f) || gapped(g) || !breaksOff(g) {
		return false
	}
	pair := squash(g) + squash(f)
	return slices.ContainsFunc(paras, func(p string) bool { return strings.Contains(p, pair) })
}

// liftAt sets line i of lines above line i-1, a blank line before the
// pair unless there is one, and a blank line after it unless there is
// one. It returns the new lines and the index of the lifted line in them.
func liftAt(lines []string, i int) ([]string, int) {
	out := slices.Clone(lines[:i-1])
	if i >= 2 && strings.TrimSpace(lines[i-2]) != "" {
		out = append(out, "")
	}
	at := len(out)
	out = append(out, lines[i], lines[i-1])
	if i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
		out = append(out, "")
	}
	return append(out, lines[i+1:]...), at
}

// readsLifted counts the lines of a page that read as set too high.
func readsLifted(lines []string) int {
	n := 0
	for k := range lines {
		if setTooHigh(lines, k) {
			n++
		}
	}
	return n
}

// setTooHigh reports whether line k of a page reads as a line set one too
// high: a line that opens with a figure, after a blank line (or the
// page's top), over a line that breaks off mid-sentence before a blank
// line (or the page's end), neither line with gaps between its words.
func setTooHigh(lines []string, k int) bool {
	at := func(j int) string {
		if j < 0 || j >= len(lines) {
			return ""
		}
		return strings.TrimSpace(lines[j])
	}
	f, g := at(k), at(k+1)
	if at(k-1) != "" || at(k+2) != "" || g == "" {
		return false
	}
	return figureWordRe.MatchString(f) && !gapped(f) && !gapped(g) && breaksOff(g)
}

// breaksOff reports whether a line ends mid-sentence: on a letter (a Han
// character is one), not on punctuation or a figure.
func breaksOff(l string) bool {
	last, _ := utf8.DecodeLastRuneInString(l)
	return unicode.IsLetter(last)
}

// gapped reports whether a trimmed line has a gap of two blanks or more
// between words, as a table's row or a page's columns do in a -layout
// copy and prose does not.
func gapped(l string) bool {
	return strings.Contains(l, "  ") || strings.Contains(l, "\t") || strings.Contains(l, "\u3000\u3000")
}
