package extract

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// Xlsx reads an Excel workbook, the form many departments give their
// 公开表 in: each sheet becomes its name as a heading, the rows above its
// table that hold a single text (the title, 公开表N, 单位：万元) as
// paragraphs, the table with merged ranges expanded, and the single-text
// rows under it (注：…) as paragraphs. A cell's value is what Excel holds,
// to Excel's 15 significant digits, not the rounded display (a 0 format
// would show 1273.96 as 1274); a percentage cell (0.00% format) reads as
// its percent, "77.20%". A formula without a cached value is computed,
// and reported as a problem when it cannot be.
func Xlsx(r io.ReaderAt, size int64, lim Limits) (*Document, error) {
	// Every part is inflated once through the archive's budget first, so
	// that a zip bomb is refused before excelize sees it.
	a, err := openArchive(r, size, lim)
	if err != nil {
		return nil, err
	}
	for name := range a.files {
		rc, err := a.open(name)
		if err != nil {
			return nil, err
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
	}
	f, err := excelize.OpenReader(io.NewSectionReader(r, 0, size), excelize.Options{UnzipSizeLimit: lim.MaxTotal, UnzipXMLSizeLimit: lim.MaxPart})
	if err != nil {
		return nil, &Error{Err: fmt.Errorf("%w: %v", ErrNotZip, err)}
	}
	defer f.Close()
	doc := &Document{Format: "xlsx"}
	for _, sheet := range f.GetSheetList() {
		if err := readSheet(f, sheet, doc); err != nil {
			return nil, &Error{Part: "sheet " + sheet, Err: err}
		}
	}
	return doc, nil
}

func readSheet(f *excelize.File, sheet string, doc *Document) error {
	if v, err := f.GetSheetVisible(sheet); err == nil && !v {
		return nil // hidden sheets hold workings, not the published table
	}
	raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return err
	}
	shown, err := f.GetRows(sheet)
	if err != nil {
		return err
	}
	width := 0
	for _, row := range raw {
		width = max(width, len(row))
	}
	if width == 0 {
		return nil
	}
	// The grid, merged ranges expanded.
	grid := make([][]Cell, len(raw))
	for i := range grid {
		grid[i] = make([]Cell, width)
		for j := range grid[i] {
			grid[i][j] = Cell{OriginRow: i, OriginCol: j, RowSpan: 1, ColSpan: 1}
			if j < len(raw[i]) {
				text, problem := cellValue(f, sheet, i, j, raw[i][j], at(shown, i, j))
				grid[i][j].Text = text
				if problem != nil {
					doc.Problems = append(doc.Problems, problem)
				}
			}
		}
	}
	merges, err := f.GetMergeCells(sheet)
	if err != nil {
		return err
	}
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		r1, c1, r2, c2 = r1-1, c1-1, min(r2-1, len(grid)-1), min(c2-1, width-1)
		if r1 < 0 || c1 < 0 || r1 > r2 || c1 > c2 {
			continue
		}
		for i := r1; i <= r2; i++ {
			for j := c1; j <= c2; j++ {
				text := ""
				if i == r1 && j == c1 {
					text = grid[i][j].Text
				}
				grid[i][j] = Cell{Text: text, OriginRow: r1, OriginCol: c1, RowSpan: r2 - r1 + 1, ColSpan: c2 - c1 + 1}
			}
		}
	}
	doc.add(Block{Kind: Heading, Level: 1, Text: sheet})
	// Single-text rows above and below the table are its title and notes.
	top, bottom := 0, len(grid)
	for top < bottom && (soleText(grid[top]) != "" || blank(grid[top])) {
		if s := soleText(grid[top]); s != "" {
			doc.add(Block{Kind: Paragraph, Text: s})
		}
		top++
	}
	for bottom > top && (soleText(grid[bottom-1]) != "" || blank(grid[bottom-1])) {
		bottom--
	}
	var notes []string
	for _, row := range grid[bottom:] {
		if s := soleText(row); s != "" {
			notes = append(notes, s)
		}
	}
	if bottom > top {
		rows := grid[top:bottom]
		// Merged ranges are counted from the table's first row.
		t := &Table{}
		for _, row := range rows {
			out := make([]Cell, len(row))
			for j, c := range row {
				c.OriginRow -= top
				if c.OriginRow < 0 { // a title merged into the table
					c.RowSpan += c.OriginRow
					c.OriginRow = 0
				}
				if c.OriginRow+c.RowSpan > len(rows) {
					c.RowSpan = len(rows) - c.OriginRow
				}
				out[j] = c
			}
			t.Rows = append(t.Rows, out)
		}
		doc.add(Block{Kind: TableBlock, Text: t.text(), Table: t})
	}
	for _, n := range notes {
		doc.add(Block{Kind: Paragraph, Text: n})
	}
	return nil
}

func at(rows [][]string, i, j int) string {
	if i < len(rows) && j < len(rows[i]) {
		return rows[i][j]
	}
	return ""
}

// soleText is a row's text when exactly one cell holds any (the title,
// the unit line, a note), and "" otherwise.
func soleText(row []Cell) string {
	text := ""
	for _, c := range row { // cells a merge covers hold ""
		if strings.TrimSpace(c.Text) == "" {
			continue
		}
		if text != "" {
			return ""
		}
		text = strings.TrimSpace(c.Text)
	}
	return text
}

func blank(row []Cell) bool {
	for _, c := range row {
		if strings.TrimSpace(c.Text) != "" {
			return false
		}
	}
	return true
}

// cellValue is one cell's text: a number to Excel's precision, a
// percentage as its percent, text as it is; a formula with no cached value
// computed.
func cellValue(f *excelize.File, sheet string, i, j int, raw, shown string) (string, *Error) {
	axis, _ := excelize.CoordinatesToCellName(j+1, i+1)
	if raw == "" {
		formula, err := f.GetCellFormula(sheet, axis)
		if err != nil || formula == "" {
			return "", nil
		}
		v, err := f.CalcCellValue(sheet, axis, excelize.Options{RawCellValue: true})
		if err != nil || v == "" {
			return "", &Error{Part: "sheet " + sheet + " " + axis, Err: fmt.Errorf("formula =%s has no stored value and cannot be computed: %v", formula, err)}
		}
		raw = v
		if shown == "" {
			shown = v
		}
	}
	if typ, err := f.GetCellType(sheet, axis); err == nil && (typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString) {
		return raw, nil // text, even when it looks like a number
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return raw, nil
	}
	exact := strconv.FormatFloat(v, 'g', 15, 64)
	d, err := decimal.NewFromString(exact)
	if err != nil {
		return raw, nil
	}
	if strings.HasSuffix(strings.TrimSpace(shown), "%") {
		return d.Shift(2).String() + "%", nil
	}
	return d.String(), nil
}
