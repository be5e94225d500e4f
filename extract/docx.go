package extract

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// Namespaces of WordprocessingML, transitional and strict, and of markup
// compatibility and charts.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsChart   = "http://schemas.openxmlformats.org/drawingml/2006/chart"
	nsChartS  = "http://purl.oclc.org/ooxml/drawingml/chart"
)

func isW(n xml.Name) bool { return n.Space == nsW || n.Space == nsWStrict }

// Docx reads a Word 2007+ document: paragraphs with their heading levels and
// numbering labels, tables with gridSpan and vMerge expanded into a grid,
// nested tables, and the cached data of embedded charts. Deleted revisions
// (w:del), field codes and mc:Fallback copies are skipped.
func Docx(r io.ReaderAt, size int64, lim Limits) (*Document, error) {
	a, err := openArchive(r, size, lim)
	if err != nil {
		return nil, err
	}
	if _, ok := a.files["word/document.xml"]; !ok {
		return nil, &Error{Part: "word/document.xml", Err: ErrMissingPart}
	}
	dr := &docxReader{a: a, doc: &Document{Format: "docx"}}
	if err := dr.loadSideParts(); err != nil {
		return nil, err
	}
	if err := dr.readBody(); err != nil {
		return nil, err
	}
	if len(dr.doc.Blocks) == 0 {
		return nil, &Error{Part: "word/document.xml", Err: ErrEmpty}
	}
	return dr.doc, nil
}

type docxReader struct {
	a      *archive
	doc    *Document
	styles map[string]style
	num    *numbering
	rels   map[string]string // relationship id → part name

	paras  []*paraBuilder
	tables []*tableBuilder
	charts []Block // charts seen, emitted after the enclosing top-level block
}

// loadSideParts reads the relationships, styles and numbering that the body
// refers to. Each is optional.
func (dr *docxReader) loadSideParts() error {
	var err error
	if dr.rels, err = dr.readRels("word/_rels/document.xml.rels", "word"); err != nil {
		return err
	}
	if dr.styles, err = dr.readStyles(); err != nil {
		return err
	}
	dr.num, err = dr.readNumbering()
	return err
}

// optionalPart reads a part, returning nil when it is absent.
func (dr *docxReader) optionalPart(name string) ([]byte, error) {
	if _, ok := dr.a.files[name]; !ok {
		return nil, nil
	}
	return dr.a.read(name)
}

// readRels maps relationship ids to part names resolved against dir.
func (dr *docxReader) readRels(name, dir string) (map[string]string, error) {
	r, err := relsOf(dr.a, name, dir)
	return r.byID, err
}

// walkXML calls fn for every start element of a small part, with the local
// names of its ancestors.
func walkXML(part string, data []byte, fn func(se xml.StartElement, stack []string)) error {
	d := xml.NewDecoder(strings.NewReader(string(data)))
	var stack []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return xmlError(part, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			fn(t, stack)
			stack = append(stack, t.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

func xmlError(part string, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	line := 0
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		line = se.Line
	}
	return &Error{Part: part, Line: line, Err: fmt.Errorf("%w: %v", ErrMalformedXML, err)}
}

// attr returns the value of the attribute with the given local name.
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// style is what a paragraph style contributes to headings and numbering.
type style struct {
	name    string
	basedOn string
	outline int // 1-based outline level; 0 when unset
	numID   string
	ilvl    int
}

var headingStyle = regexp.MustCompile(`(?i)^(?:heading|标题)\s*([1-9])$`)

func (dr *docxReader) readStyles() (map[string]style, error) {
	data, err := dr.optionalPart("word/styles.xml")
	if err != nil || data == nil {
		return map[string]style{}, err
	}
	styles := map[string]style{}
	var id string
	var cur style
	err = walkXML("word/styles.xml", data, func(se xml.StartElement, stack []string) {
		switch se.Name.Local {
		case "style":
			if id != "" {
				styles[id] = cur
			}
			id, cur = attr(se, "styleId"), style{}
		case "name":
			cur.name = attr(se, "val")
		case "basedOn":
			cur.basedOn = attr(se, "val")
		case "outlineLvl":
			if lvl := atoi(attr(se, "val")); lvl < 9 {
				cur.outline = lvl + 1
			}
		case "numId":
			cur.numID = attr(se, "val")
		case "ilvl":
			cur.ilvl = atoi(attr(se, "val"))
		}
	})
	if id != "" {
		styles[id] = cur
	}
	return styles, err
}

// resolve follows a style's basedOn chain, filling what the style leaves
// unset. A style's own outline level wins over a "heading N" name, which wins
// over what it inherits.
func (dr *docxReader) resolve(id string) style {
	s := dr.styles[id]
	s.outline = ownOutline(s)
	seen := map[string]bool{id: true}
	for p := s.basedOn; p != "" && !seen[p]; p = dr.styles[p].basedOn {
		seen[p] = true
		base := dr.styles[p]
		if s.outline == 0 {
			s.outline = ownOutline(base)
		}
		if s.numID == "" {
			s.numID, s.ilvl = base.numID, base.ilvl
		}
	}
	return s
}

func ownOutline(s style) int {
	if s.outline > 0 {
		return s.outline
	}
	if m := headingStyle.FindStringSubmatch(s.name); m != nil {
		return atoi(m[1])
	}
	return 0
}
