package extract

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

func errMissingRel(id string) error {
	return fmt.Errorf("%w: no relationship %q", ErrMissingPart, id)
}

// asError gives err the part it happened in, if it does not say already.
func asError(err error, part string) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Part: part, Err: err}
}

// maxPoints bounds the points a chart series may declare.
const maxPoints = 100000

// parseChart reads a DrawingML chart part (word/charts/chartN.xml): its
// title and, per series, the name, categories and values cached for display.
func parseChart(part string, data []byte) (*Chart, error) {
	c := &Chart{}
	d := xml.NewDecoder(strings.NewReader(string(data)))
	var (
		stack    []string // local names of open elements
		ser      *Series
		serDepth int  // len(stack) inside the open c:ser
		idx      = -1 // the open c:pt's index
		lvl      int  // c:lvl elements seen in a multi-level category cache
		title    []string
		text     strings.Builder
	)
	section := func() string { // the c:ser child the cursor is in
		if ser == nil || len(stack) <= serDepth {
			return ""
		}
		return stack[serDepth]
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, xmlError(part, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			switch {
			case name == "extLst" || name == "dLbls" || name == "dPt" || name == "trendline":
				if err := d.Skip(); err != nil {
					return nil, xmlError(part, err)
				}
				continue
			case name == "ser":
				c.Series = append(c.Series, Series{})
				ser = &c.Series[len(c.Series)-1]
				if len(stack) > 0 {
					c.Type = stack[len(stack)-1]
				}
				serDepth = len(stack) + 1
			case name == "cat" || name == "xVal":
				lvl = 0
			case name == "lvl":
				lvl++
			case name == "pt":
				idx = atoi(attr(t, "idx"))
				if idx < 0 || idx >= maxPoints {
					return nil, &Error{Part: part, Err: fmt.Errorf("%w: chart point index %d, limit %d", ErrTooLarge, idx, maxPoints)}
				}
			}
			text.Reset()
			stack = append(stack, name)
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			name := t.Name.Local
			stack = stack[:len(stack)-1]
			v := text.String()
			switch {
			case name == "ser":
				ser = nil
			case name == "pt":
				idx = -1
			case name == "v" && ser != nil:
				switch sec := section(); {
				case sec == "tx":
					ser.Name = v
				case (sec == "cat" || sec == "xVal") && lvl <= 1 && idx >= 0:
					ser.Categories = setPoint(ser.Categories, idx, v)
				case (sec == "val" || sec == "yVal") && idx >= 0:
					ser.Values = setPoint(ser.Values, idx, strings.TrimSpace(v))
				}
			case (name == "t" || name == "v") && ser == nil && inTitle(stack):
				title = append(title, v)
			}
			text.Reset()
		}
	}
	c.Title = strings.TrimSpace(strings.Join(title, ""))
	return c, nil
}

// inTitle reports whether the cursor is inside the chart's own title (not an
// axis title).
func inTitle(stack []string) bool {
	for i, n := range stack {
		if n == "title" {
			return i > 0 && stack[i-1] == "chart"
		}
	}
	return false
}

func setPoint(s []string, idx int, v string) []string {
	for len(s) <= idx {
		s = append(s, "")
	}
	s[idx] = v
	return s
}
