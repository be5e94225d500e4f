package extract

import (
	"encoding/xml"
	"io"
	"strings"
)

// paraBuilder collects one w:p.
type paraBuilder struct {
	text    strings.Builder
	styleID string
	outline int // from w:outlineLvl, 1-based; 0 unset
	numID   string
	ilvl    int
	hasNum  bool
	cell    *cellBuilder // the table cell that owns this paragraph, if any
}

type cellBuilder struct {
	paras     []string
	span      int
	vMerge    string // "", "restart" or "continue"
	paraDepth int    // len(paras stack) when the cell opened
}

type tableBuilder struct {
	rows    [][]*cellBuilder
	before  []int // w:gridBefore per row
	current *cellBuilder
}

// skipped are elements whose content is not part of the visible text.
var skipped = map[string]bool{
	"del": true, "moveFrom": true, "instrText": true, "delInstrText": true,
	"rPr": true, "tabs": true, "sectPr": true,
	"pPrChange": true, "rPrChange": true, "sectPrChange": true, "tblPrChange": true,
	"trPrChange": true, "tcPrChange": true, "tblGridChange": true, "numberingChange": true,
}

// readBody streams word/document.xml into blocks.
func (dr *docxReader) readBody() error {
	const part = "word/document.xml"
	rc, err := dr.a.open(part)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	inPPr, inT := 0, false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := d.InputPos()
			e := xmlError(part, err)
			if pe, ok := e.(*Error); ok && pe.Line == 0 {
				pe.Line = line
			}
			return e
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space == nsMC && t.Name.Local == "Fallback" || isW(t.Name) && skipped[t.Name.Local] {
				if err := d.Skip(); err != nil {
					return xmlError(part, err)
				}
				continue
			}
			if t.Name.Space == nsChart || t.Name.Space == nsChartS {
				if t.Name.Local == "chart" {
					dr.chart(attr(t, "id"))
				}
				continue
			}
			if !isW(t.Name) {
				continue
			}
			switch t.Name.Local {
			case "t":
				inT = true
			case "pPr":
				inPPr++
			default:
				dr.start(t, inPPr > 0)
			}
		case xml.EndElement:
			if !isW(t.Name) {
				continue
			}
			switch t.Name.Local {
			case "t":
				inT = false
			case "pPr":
				inPPr--
			case "p":
				dr.endPara()
			case "tc":
				dr.endCell()
			case "tbl":
				dr.endTable()
			}
		case xml.CharData:
			if inT && len(dr.paras) > 0 {
				dr.paras[len(dr.paras)-1].text.Write(t)
			}
		}
	}
	dr.flushCharts()
	return nil
}

// start handles an opening WordprocessingML element other than w:t and w:pPr.
func (dr *docxReader) start(t xml.StartElement, inPPr bool) {
	p := dr.para()
	v := attr(t, "val")
	switch t.Name.Local {
	case "p":
		dr.paras = append(dr.paras, &paraBuilder{cell: dr.openCell()})
	case "pStyle":
		if p != nil && inPPr {
			p.styleID = v
		}
	case "outlineLvl":
		if p != nil && inPPr {
			if lvl := atoi(v); lvl < 9 {
				p.outline = lvl + 1
			}
		}
	case "numPr":
		if p != nil && inPPr {
			p.hasNum = true
		}
	case "numId":
		if p != nil && inPPr {
			p.numID = v
		}
	case "ilvl":
		if p != nil && inPPr {
			p.ilvl = atoi(v)
		}
	case "tab":
		if p != nil && !inPPr {
			p.text.WriteByte('\t')
		}
	case "br", "cr":
		if p != nil {
			p.text.WriteByte('\n')
		}
	case "noBreakHyphen":
		if p != nil {
			p.text.WriteByte('-')
		}
	case "tbl":
		dr.tables = append(dr.tables, &tableBuilder{})
	case "tr":
		if tb := dr.table(); tb != nil {
			tb.rows = append(tb.rows, nil)
			tb.before = append(tb.before, 0)
		}
	case "gridBefore":
		if tb := dr.table(); tb != nil && len(tb.before) > 0 {
			tb.before[len(tb.before)-1] = min(atoi(v), 64)
		}
	case "tc":
		if tb := dr.table(); tb != nil && len(tb.rows) > 0 {
			c := &cellBuilder{span: 1, paraDepth: len(dr.paras)}
			tb.rows[len(tb.rows)-1] = append(tb.rows[len(tb.rows)-1], c)
			tb.current = c
		}
	case "gridSpan":
		if tb := dr.table(); tb != nil && tb.current != nil {
			tb.current.span = max(1, min(atoi(v), 64))
		}
	case "vMerge":
		if tb := dr.table(); tb != nil && tb.current != nil {
			if v == "restart" {
				tb.current.vMerge = "restart"
			} else {
				tb.current.vMerge = "continue"
			}
		}
	}
}

func (dr *docxReader) para() *paraBuilder {
	if len(dr.paras) == 0 {
		return nil
	}
	return dr.paras[len(dr.paras)-1]
}

func (dr *docxReader) table() *tableBuilder {
	if len(dr.tables) == 0 {
		return nil
	}
	return dr.tables[len(dr.tables)-1]
}

// openCell returns the innermost table cell that a paragraph starting now
// belongs to: the current cell, unless the paragraph is nested inside
// another paragraph (a text box), which makes it a block of its own.
func (dr *docxReader) openCell() *cellBuilder {
	tb := dr.table()
	if tb == nil || tb.current == nil || tb.current.paraDepth != len(dr.paras) {
		return nil
	}
	return tb.current
}

func (dr *docxReader) endPara() {
	p := dr.para()
	if p == nil {
		return
	}
	dr.paras = dr.paras[:len(dr.paras)-1]
	st := dr.resolve(p.styleID)
	label := ""
	numID, ilvl := st.numID, st.ilvl
	if p.hasNum {
		numID, ilvl = p.numID, p.ilvl
	}
	text := strings.TrimSpace(p.text.String())
	if numID != "" && text != "" {
		label = dr.num.next(numID, ilvl)
	}
	text = label + text
	if p.cell != nil {
		p.cell.paras = append(p.cell.paras, text)
		return
	}
	if text != "" {
		level := p.outline
		if level == 0 {
			level = st.outline
		}
		b := Block{Kind: Paragraph, Text: text, Style: st.name}
		if level > 0 {
			b.Kind, b.Level = Heading, level
		}
		dr.doc.add(b)
	}
	if len(dr.tables) == 0 && len(dr.paras) == 0 {
		dr.flushCharts()
	}
}

func (dr *docxReader) endCell() {
	if tb := dr.table(); tb != nil {
		tb.current = nil
	}
}

func (dr *docxReader) endTable() {
	tb := dr.table()
	if tb == nil {
		return
	}
	dr.tables = dr.tables[:len(dr.tables)-1]
	t := tb.grid()
	t.Depth = len(dr.tables)
	if len(t.Rows) > 0 {
		dr.doc.add(Block{Kind: TableBlock, Text: t.text(), Table: t})
	}
	if len(dr.tables) == 0 && len(dr.paras) == 0 {
		dr.flushCharts()
	}
}

// grid expands gridSpan and vMerge into a rectangular table.
func (tb *tableBuilder) grid() *Table {
	width := 0
	for i, row := range tb.rows {
		w := tb.before[i]
		for _, c := range row {
			w += c.span
		}
		width = max(width, w)
	}
	t := &Table{Rows: make([][]Cell, len(tb.rows))}
	for i, row := range tb.rows {
		cells := make([]Cell, width)
		for j := range cells {
			cells[j] = Cell{OriginRow: i, OriginCol: j, RowSpan: 1, ColSpan: 1}
		}
		col := tb.before[i]
		for _, c := range row {
			if c.vMerge == "continue" && i > 0 && col < width {
				above := t.Rows[i-1][col]
				or, oc := above.OriginRow, above.OriginCol
				origin := &t.Rows[or][oc]
				if origin.ColSpan == c.span {
					origin.RowSpan = i - or + 1
					for k := col; k < col+c.span && k < width; k++ {
						cells[k] = Cell{OriginRow: or, OriginCol: oc}
					}
					col += c.span
					continue
				}
			}
			text := strings.Join(c.paras, "\n")
			for k := col; k < col+c.span && k < width; k++ {
				cells[k] = Cell{OriginRow: i, OriginCol: col}
			}
			cells[col].Text = text
			cells[col].RowSpan, cells[col].ColSpan = 1, c.span
			col += c.span
		}
		t.Rows[i] = cells
	}
	// Covered cells carry their range's size too, so a reader can tell
	// merged from plain cells without following the origin.
	for i, row := range t.Rows {
		for j := range row {
			c := &t.Rows[i][j]
			o := t.Rows[c.OriginRow][c.OriginCol]
			c.RowSpan, c.ColSpan = o.RowSpan, o.ColSpan
		}
	}
	return t
}

// chart reads the chart part that relationship id points to and queues its
// block.
func (dr *docxReader) chart(id string) {
	name, ok := dr.rels[id]
	if !ok {
		dr.doc.Problems = append(dr.doc.Problems, &Error{Part: "word/document.xml", Err: errMissingRel(id)})
		return
	}
	data, err := dr.a.read(name)
	if err != nil {
		dr.doc.Problems = append(dr.doc.Problems, asError(err, name))
		return
	}
	c, err := parseChart(name, data)
	if err != nil {
		dr.doc.Problems = append(dr.doc.Problems, asError(err, name))
		return
	}
	dr.charts = append(dr.charts, Block{Kind: ChartBlock, Text: c.Title, Chart: c})
}

func (dr *docxReader) flushCharts() {
	for _, b := range dr.charts {
		dr.doc.add(b)
	}
	dr.charts = dr.charts[:0]
}
