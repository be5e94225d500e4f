package extract

import (
	"bytes"
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
// with a BOM, or GB18030 (which includes GBK and GB2312). Each non-blank
// line becomes a Paragraph block; a form feed starts a new page, as in
// pdftotext output.
func Text(r io.ReaderAt, size int64) (*Document, error) {
	if size > MaxText {
		return nil, &Error{Err: ErrTooLarge}
	}
	raw := make([]byte, size)
	if _, err := r.ReadAt(raw, 0); err != nil && err != io.EOF {
		return nil, &Error{Err: err}
	}
	s, err := decodeText(raw)
	if err != nil {
		return nil, &Error{Err: err}
	}
	doc := &Document{Format: "txt"}
	pages := strings.Split(s, "\f")
	if len(pages) > 1 {
		doc.Pages = len(pages)
	}
	for i, page := range pages {
		for _, line := range strings.Split(page, "\n") {
			line = cleanLine(line)
			if line == "" {
				continue
			}
			b := Block{Kind: Paragraph, Text: line}
			if doc.Pages > 0 {
				b.Pos.Page = i + 1
			}
			doc.add(b)
		}
	}
	if len(doc.Blocks) == 0 {
		return nil, &Error{Err: ErrEmpty}
	}
	return doc, nil
}

// cleanLine drops converter residue and surrounding blanks from one line,
// keeping inner tabs, which separate table cells in text dumps.
func cleanLine(line string) string {
	line = bookmarkResidue.ReplaceAllString(line, "")
	return strings.TrimRight(strings.TrimLeft(line, " \u3000\r"), " \t\u3000\r")
}

// decodeText returns raw as a UTF-8 string, detecting its encoding.
func decodeText(raw []byte) (string, error) {
	switch {
	case bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")):
		raw = raw[3:]
	case bytes.HasPrefix(raw, []byte("\xFF\xFE")), bytes.HasPrefix(raw, []byte("\xFE\xFF")):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		out, err := dec.Bytes(raw)
		if err != nil {
			return "", ErrBadEncoding
		}
		return string(out), nil
	}
	if utf8.Valid(raw) {
		return string(raw), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", ErrBadEncoding
	}
	return string(out), nil
}
