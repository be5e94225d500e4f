package extract

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// MaxText is the largest plain-text document Text reads, in bytes.
const MaxText = 64 << 20

// bookmarkResidue matches the "[bookmark: _Toc123]" markers that some
// docx-to-text converters leave where Word had bookmarks.
var bookmarkResidue = regexp.MustCompile(`\[bookmark: [^\]]*\]`)

// Text reads a plain-text document: UTF-8 (with or without a BOM), UTF-16
// with a BOM, or GB18030 (which includes GBK and GB2312). A form feed starts
// a new page, as in pdftotext output. The lines are laid out as word boxes
// (text_layout.go) and read as the PDF reader reads a page: lines broken at
// a fixed width join into paragraphs, rows of cells apart by blanks or tabs
// into tables, page numbers into furniture. Text whose lines are whole
// paragraphs (a dump of a word processor's document) keeps a paragraph to a
// line.
func Text(r io.ReaderAt, size int64) (*Document, error) {
	if size > MaxText {
		return nil, &Error{Err: fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, size, MaxText)}
	}
	raw := make([]byte, size)
	if _, err := r.ReadAt(raw, 0); err != nil && err != io.EOF {
		return nil, &Error{Err: err}
	}
	s, problem, err := decodeText(raw)
	if err != nil {
		return nil, &Error{Err: err}
	}
	pages := strings.Split(s, "\f")
	if n := len(pages); n > 1 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1] // pdftotext ends every page with a form feed
	}
	lines := make([][]string, len(pages))
	var all []string
	for i, p := range pages {
		for _, l := range strings.Split(p, "\n") {
			lines[i] = append(lines[i], cleanLine(l))
		}
		lines[i] = liftedLines(lines[i])
		all = append(all, lines[i]...)
	}
	cols := textColumns(all)
	doc := &Document{Format: "txt"}
	if problem != nil {
		doc.Problems = append(doc.Problems, problem)
	}
	if len(pages) > 1 {
		doc.Pages = len(pages)
	}
	wrapped, margin := hardWrapped(all, displayColumns)
	b := &pdfBuilder{doc: doc, ocr: map[int]bool{}, text: true, lineParas: !wrapped, margin: margin}
	tab, doubled := tabWidth(all, cols), doubleSpaced(all)
	for i := range pages {
		b.page(textPage(i+1, lines[i], cols, tab, doubled))
	}
	b.flush()
	if doc.Pages == 0 {
		for i := range doc.Blocks { // one page: text has no page numbers
			doc.Blocks[i].Pos.Page = 0
			if t := doc.Blocks[i].Table; t != nil {
				t.Pages = nil
			}
		}
	}
	if len(doc.Blocks) == 0 {
		return nil, &Error{Err: ErrEmpty}
	}
	return doc, nil
}

// cleanLine drops converter residue and trailing blanks from one line,
// keeping the indent, which places the line's words, and inner tabs, which
// separate table cells in text dumps.
func cleanLine(line string) string {
	line = bookmarkResidue.ReplaceAllString(line, "")
	return strings.TrimRight(line, " \t\u3000\r")
}

// maxBadBytes is the share of a text's non-ASCII bytes that may be
// invalid UTF-8 for it to be read as UTF-8, its invalid bytes as U+FFFD:
// one stray byte in a report must not lose it. In GBK text nearly every
// non-ASCII byte is invalid UTF-8.
const maxBadBytes = 0.01

func nonASCII(b []byte) int {
	n := 0
	for _, c := range b {
		if c >= 0x80 {
			n++
		}
	}
	return n
}

// decodeText returns raw as a UTF-8 string, detecting its encoding. A
// text that is valid UTF-8 but for a few bytes (maxBadBytes) keeps them
// as U+FFFD, with a problem saying how many.
func decodeText(raw []byte) (string, *Error, error) {
	switch {
	case bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")):
		raw = raw[3:]
	case bytes.HasPrefix(raw, []byte("\xFF\xFE")), bytes.HasPrefix(raw, []byte("\xFE\xFF")):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		out, err := dec.Bytes(raw)
		if err != nil {
			return "", nil, ErrBadEncoding
		}
		return string(out), nil, nil
	}
	if utf8.Valid(raw) {
		return string(raw), nil, nil
	}
	if bad := invalidRunes(raw); float64(bad) <= maxBadBytes*float64(nonASCII(raw)) {
		// GBK text is invalid UTF-8 at nearly every Han character.
		return strings.ToValidUTF8(string(raw), "\uFFFD"), &Error{Err: fmt.Errorf("%w: %d invalid UTF-8 sequences read as U+FFFD", ErrBadBytes, bad)}, nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", nil, ErrBadEncoding
	}
	return string(out), nil, nil
}

// invalidRunes counts the invalid UTF-8 sequences in b.
func invalidRunes(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			n++
		}
		b = b[size:]
	}
	return n
}
