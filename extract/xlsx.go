package extract

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Limits on one sheet, whatever its cells' addresses claim: a 7 KB sheet
// can name XFD1048576, and a grid of its rows by its columns would not
// fit in memory.
const (
	maxSheetCells  = 1 << 20 // cells holding a value or formula
	maxSheetArea   = 1 << 20 // grid cells, rows × columns, after blank rows and columns are dropped
	maxSheetIssues = 20      // problems reported per sheet before they are counted
)

// Xlsx reads an Excel workbook, the form many departments give their
// 公开表 in: each sheet becomes its name as a heading, the rows above its
// table that hold a single text (the title, 公开表N, 单位：万元) as
// paragraphs, the table with merged ranges expanded, and the single-text
// rows under it (注：…) as paragraphs. A cell's value is what Excel holds,
// to Excel's 15 significant digits, not the rounded display (a 0 format
// would show 1273.96 as 1274); a percentage cell (0.00% format) reads as
// its percent, "77.20%". A formula's stored (cached) value is read; a
// formula saved without one is computed by a small evaluator (numbers,
// + − × ÷, cell references and SUM, each formula after those it refers to,
// within a depth and step budget) and reported as a problem when it cannot
// be.
//
// The workbook is read from its XML parts as a stream, cell by cell: the
// grid is bounded by the cells present (maxSheetCells), a sheet whose
// addresses spread its cells over more than maxSheetArea grid cells loses
// its blank rows and columns (a problem says so), and a part with a DTD
// is an error naming it.
func Xlsx(r io.ReaderAt, size int64, lim Limits) (*Document, error) {
	a, err := openArchive(r, size, lim)
	if err != nil {
		return nil, err
	}
	// Every part is inflated through the archive's budget first, so that
	// a zip bomb is refused whichever part holds it.
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
	a.used = 0
	wb, err := readWorkbook(a)
	if err != nil {
		return nil, err
	}
	doc := &Document{Format: "xlsx"}
	for _, s := range wb.sheets {
		if s.hidden {
			continue // hidden sheets hold workings, not the published table
		}
		sh, err := readSheetPart(a, s.part, wb)
		if err != nil {
			return nil, err
		}
		if err := sh.emit(s.name, doc); err != nil {
			return nil, &Error{Part: "sheet " + s.name, Err: err}
		}
	}
	return doc, nil
}

// workbook is what the sheets' cells refer to: the shared strings and
// which cell styles are percentages.
type workbook struct {
	sheets  []sheetRef
	strings []string
	percent []bool // by cell style (xf) index
}

type sheetRef struct {
	name, part string
	hidden     bool
}

const nsRelsOfficeDoc = "/officeDocument"

func readWorkbook(a *archive) (*workbook, error) {
	wbPart := "xl/workbook.xml"
	if root, err := relsOf(a, "_rels/.rels", ""); err != nil {
		return nil, err
	} else if p, ok := root.byType(nsRelsOfficeDoc); ok {
		wbPart = p
	}
	data, err := a.read(wbPart)
	if err != nil {
		return nil, err
	}
	rels, err := relsOf(a, path.Join(path.Dir(wbPart), "_rels", path.Base(wbPart)+".rels"), path.Dir(wbPart))
	if err != nil {
		return nil, err
	}
	wb := &workbook{}
	err = walkOOXML(wbPart, data, func(se xml.StartElement) {
		if se.Name.Local != "sheet" {
			return
		}
		state := attr(se, "state")
		wb.sheets = append(wb.sheets, sheetRef{name: attr(se, "name"), part: rels.byID[attr(se, "id")], hidden: state == "hidden" || state == "veryHidden"})
	})
	if err != nil {
		return nil, err
	}
	sst, ok := rels.byType("/sharedStrings")
	if !ok {
		sst = path.Join(path.Dir(wbPart), "sharedStrings.xml")
	}
	if wb.strings, err = readSharedStrings(a, sst); err != nil {
		return nil, err
	}
	styles, ok := rels.byType("/styles")
	if !ok {
		styles = path.Join(path.Dir(wbPart), "styles.xml")
	}
	if wb.percent, err = readPercentStyles(a, styles); err != nil {
		return nil, err
	}
	return wb, nil
}

// rels is a part's relationships: targets by id, and by type.
type rels struct {
	byID  map[string]string
	types map[string]string // type URI → target
}

func (r rels) byType(suffix string) (string, bool) {
	for t, target := range r.types {
		if strings.HasSuffix(t, suffix) {
			return target, true
		}
	}
	return "", false
}

// relsOf reads a relationships part, resolving targets against dir; an
// absent part has none.
func relsOf(a *archive, name, dir string) (rels, error) {
	r := rels{byID: map[string]string{}, types: map[string]string{}}
	if _, ok := a.files[name]; !ok {
		return r, nil
	}
	data, err := a.read(name)
	if err != nil {
		return r, err
	}
	err = walkOOXML(name, data, func(se xml.StartElement) {
		if se.Name.Local != "Relationship" || attr(se, "TargetMode") == "External" {
			return
		}
		t := attr(se, "Target")
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		r.byID[attr(se, "Id")] = t
		r.types[attr(se, "Type")] = t
	})
	return r, err
}

// errDTD refuses a document type declaration: OOXML parts have none, and
// one declaring entities would otherwise blank every string it touches.
var errDTD = fmt.Errorf("%w: a DTD (<!DOCTYPE>), which OOXML parts never hold", ErrMalformedXML)

// ooxmlDecoder is a strict decoder over one part that refuses a DTD.
type ooxmlDecoder struct {
	*xml.Decoder
	part string
}

func (d ooxmlDecoder) token() (xml.Token, error) {
	tok, err := d.Token()
	if err != nil {
		if err == io.EOF {
			return nil, err
		}
		return nil, xmlError(d.part, err)
	}
	if dir, ok := tok.(xml.Directive); ok && strings.HasPrefix(strings.TrimSpace(string(dir)), "DOCTYPE") {
		line, _ := d.InputPos()
		return nil, &Error{Part: d.part, Line: line, Err: errDTD}
	}
	return tok, nil
}

// walkOOXML calls fn for every start element of a small part.
func walkOOXML(part string, data []byte, fn func(se xml.StartElement)) error {
	d := ooxmlDecoder{xml.NewDecoder(strings.NewReader(string(data))), part}
	for {
		tok, err := d.token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok {
			fn(se)
		}
	}
}

// readSharedStrings reads the workbook's string table: each item's text
// runs joined, its phonetic guide (rPh) left out.
func readSharedStrings(a *archive, name string) ([]string, error) {
	if _, ok := a.files[name]; !ok {
		return nil, nil
	}
	rc, err := a.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	d := ooxmlDecoder{xml.NewDecoder(rc), name}
	var out []string
	var cur strings.Builder
	inT, inPhonetic := false, 0
	for {
		tok, err := d.token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				cur.Reset()
			case "t":
				inT = true
			case "rPh":
				inPhonetic++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				out = append(out, cur.String())
			case "t":
				inT = false
			case "rPh":
				inPhonetic--
			}
		case xml.CharData:
			if inT && inPhonetic == 0 {
				cur.Write(t)
			}
		}
	}
}

// readPercentStyles says, for each cell style, whether its number format
// shows a percentage: the built-in 0% and 0.00% (ids 9 and 10) or a custom
// code with a % outside quotes.
func readPercentStyles(a *archive, name string) ([]bool, error) {
	if _, ok := a.files[name]; !ok {
		return nil, nil
	}
	data, err := a.read(name)
	if err != nil {
		return nil, err
	}
	custom := map[string]bool{"9": true, "10": true}
	var percent []bool
	inXfs := false
	d := ooxmlDecoder{xml.NewDecoder(strings.NewReader(string(data))), name}
	for {
		tok, err := d.token()
		if err == io.EOF {
			return percent, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "numFmt":
				custom[attr(t, "numFmtId")] = percentCode(attr(t, "formatCode"))
			case "cellXfs":
				inXfs = true
			case "xf":
				if inXfs {
					percent = append(percent, custom[attr(t, "numFmtId")])
				}
			}
		case xml.EndElement:
			if t.Name.Local == "cellXfs" {
				inXfs = false
			}
		}
	}
}

func percentCode(code string) bool {
	quoted := false
	for i := 0; i < len(code); i++ {
		switch c := code[i]; {
		case c == '"':
			quoted = !quoted
		case c == '\\':
			i++
		case c == '%' && !quoted:
			return true
		}
	}
	return false
}

// cellRef is a 0-based grid position.
type cellRef struct{ row, col int }

// xcell is one cell as the sheet stores it.
type xcell struct {
	typ     string // the t attribute: s, str, inlineStr, b, e, n or ""
	value   string // the stored value; a shared string's text
	formula string
	percent bool
}

// sheet is one worksheet's cells, in document order, and merged ranges.
type sheet struct {
	part     string
	order    []cellRef
	cells    map[cellRef]*xcell
	merges   [][2]cellRef
	problems []*Error
	dropped  int // problems past maxSheetIssues
}

func (sh *sheet) problem(e *Error) {
	if len(sh.problems) < maxSheetIssues {
		sh.problems = append(sh.problems, e)
		return
	}
	sh.dropped++
}

// readSheetPart streams a worksheet's cells and merged ranges.
func readSheetPart(a *archive, name string, wb *workbook) (*sheet, error) {
	rc, err := a.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	sh := &sheet{part: name, cells: map[cellRef]*xcell{}}
	d := ooxmlDecoder{xml.NewDecoder(rc), name}
	row, col := -1, -1
	var cur *xcell
	var at cellRef
	var text *strings.Builder
	var v, f, is strings.Builder
	for {
		tok, err := d.token()
		if err == io.EOF {
			return sh, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				if r, err := strconv.Atoi(attr(t, "r")); err == nil && r >= 1 && r <= 1<<20 {
					row = r - 1
				} else {
					row++
				}
				col = -1
			case "c":
				col++
				if c, r, ok := parseCellName(attr(t, "r")); ok {
					row, col = r, c
				}
				at = cellRef{max(row, 0), col}
				cur = &xcell{typ: attr(t, "t")}
				if s, err := strconv.Atoi(attr(t, "s")); err == nil && s >= 0 && s < len(wb.percent) {
					cur.percent = wb.percent[s]
				}
				v.Reset()
				f.Reset()
				is.Reset()
			case "v":
				text = &v
			case "f":
				text = &f
			case "t":
				if cur != nil {
					text = &is
				}
			case "mergeCell":
				if m, ok := parseRange(attr(t, "ref")); ok {
					sh.merges = append(sh.merges, m)
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v", "f", "t":
				text = nil
			case "c":
				if err := sh.store(at, cur, v.String(), f.String(), is.String(), wb); err != nil {
					return nil, err
				}
				cur = nil
			}
		case xml.CharData:
			if text != nil && cur != nil {
				text.Write(t)
			}
		}
	}
}

// store keeps a cell that holds a value or a formula.
func (sh *sheet) store(at cellRef, c *xcell, v, f, is string, wb *workbook) error {
	if c == nil {
		return nil
	}
	switch c.typ {
	case "s":
		if v == "" {
			break
		}
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(wb.strings) {
			sh.problem(&Error{Part: sh.part + " " + cellName(at), Err: fmt.Errorf("%w: shared string %q is not in the string table (%d strings)", ErrDamaged, v, len(wb.strings))})
			v = ""
		} else {
			v = wb.strings[i]
		}
	case "inlineStr":
		v = is
	}
	if v == "" && f == "" {
		return nil
	}
	if len(sh.cells) >= maxSheetCells {
		return &Error{Part: sh.part, Err: fmt.Errorf("%w: more than %d cells hold a value", ErrTooLarge, maxSheetCells)}
	}
	c.value, c.formula = v, f
	if _, ok := sh.cells[at]; !ok {
		sh.order = append(sh.order, at)
	}
	sh.cells[at] = c
	return nil
}

// parseCellName reads "B12" as column 1, row 11.
func parseCellName(s string) (col, row int, ok bool) {
	s = strings.ReplaceAll(s, "$", "")
	i := 0
	for i < len(s) && i < 3 && s[i] >= 'A' && s[i] <= 'Z' {
		col = col*26 + int(s[i]-'A'+1)
		i++
	}
	if i == 0 || i == len(s) {
		return 0, 0, false
	}
	r, err := strconv.Atoi(s[i:])
	if err != nil || r < 1 || r > 1<<20 || col > 16384 {
		return 0, 0, false
	}
	return col - 1, r - 1, true
}

func parseRange(s string) ([2]cellRef, bool) {
	a, b, _ := strings.Cut(s, ":")
	if b == "" {
		b = a
	}
	c1, r1, ok1 := parseCellName(a)
	c2, r2, ok2 := parseCellName(b)
	if !ok1 || !ok2 || r1 > r2 || c1 > c2 {
		return [2]cellRef{}, false
	}
	return [2]cellRef{{r1, c1}, {r2, c2}}, true
}

func cellName(c cellRef) string {
	name := ""
	for n := c.col + 1; n > 0; n = (n - 1) / 26 {
		name = string(rune('A'+(n-1)%26)) + name
	}
	return name + strconv.Itoa(c.row+1)
}

// emit adds the sheet's blocks to doc: its name, its title lines, its
// table and its notes.
func (sh *sheet) emit(name string, doc *Document) error {
	ev := &evaluator{sh: sh}
	ev.computeAll()
	texts := make(map[cellRef]string, len(sh.cells))
	for _, at := range sh.order {
		if s := sh.text(at, ev); s != "" {
			texts[at] = s
		}
	}
	defer func() {
		doc.Problems = append(doc.Problems, sh.problems...)
		if sh.dropped > 0 {
			doc.Problems = append(doc.Problems, &Error{Part: sh.part, Err: fmt.Errorf("%d more problems like these", sh.dropped)})
		}
	}()
	if len(texts) == 0 {
		return nil
	}
	rows, cols := sh.axes(texts)
	if len(rows)*len(cols) > maxSheetArea {
		return fmt.Errorf("%w: %d cells over %d rows × %d columns, limit %d grid cells", ErrTooLarge, len(texts), len(rows), len(cols), maxSheetArea)
	}
	grid := make([][]Cell, len(rows))
	for i := range grid {
		grid[i] = make([]Cell, len(cols))
		for j := range grid[i] {
			grid[i][j] = Cell{Text: texts[cellRef{rows[i], cols[j]}], OriginRow: i, OriginCol: j, RowSpan: 1, ColSpan: 1}
		}
	}
	sh.merge(grid, rows, cols)
	doc.add(Block{Kind: Heading, Level: 1, Text: name})
	addSheetBlocks(grid, doc)
	return nil
}

// axes returns the sheet rows and columns the grid keeps, in order: all
// of them from the first to the last that holds a value, or, when that
// grid would be larger than maxSheetArea, only those holding a value.
func (sh *sheet) axes(texts map[cellRef]string) (rows, cols []int) {
	lastRow, lastCol := 0, 0
	usedRows, usedCols := map[int]bool{}, map[int]bool{}
	for at := range texts {
		lastRow, lastCol = max(lastRow, at.row), max(lastCol, at.col)
		usedRows[at.row], usedCols[at.col] = true, true
	}
	if (lastRow+1)*(lastCol+1) <= maxSheetArea {
		return seq(lastRow + 1), seq(lastCol + 1)
	}
	for r := range usedRows {
		rows = append(rows, r)
	}
	for c := range usedCols {
		cols = append(cols, c)
	}
	slices.Sort(rows)
	slices.Sort(cols)
	sh.problems = append(sh.problems, &Error{Part: sh.part, Err: fmt.Errorf("cells spread over %d rows × %d columns: blank rows and columns left out", lastRow+1, lastCol+1)})
	return rows, cols
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// merge expands the sheet's merged ranges over the grid, each clipped to
// the rows and columns the grid keeps.
func (sh *sheet) merge(grid [][]Cell, rows, cols []int) {
	budget := 2 * maxSheetArea // grid cells that merges may rewrite
	for _, m := range sh.merges {
		r1, r2 := axisSpan(rows, m[0].row, m[1].row)
		c1, c2 := axisSpan(cols, m[0].col, m[1].col)
		if r1 > r2 || c1 > c2 {
			continue
		}
		if budget -= (r2 - r1 + 1) * (c2 - c1 + 1); budget < 0 {
			sh.problems = append(sh.problems, &Error{Part: sh.part, Err: fmt.Errorf("%w: merged ranges cover more than %d cells; the rest are left unmerged", ErrTooLarge, 2*maxSheetArea)})
			return
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
}

// axisSpan returns the indexes in the sorted axis of the first and last
// entries within [lo, hi].
func axisSpan(axis []int, lo, hi int) (int, int) {
	i, _ := slices.BinarySearch(axis, lo)
	j, found := slices.BinarySearch(axis, hi)
	if !found {
		j--
	}
	return i, j
}

// addSheetBlocks adds a sheet's grid: single-text rows above and below
// the table are its title and notes.
func addSheetBlocks(grid [][]Cell, doc *Document) {
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

// text is one cell's text: a number to Excel's precision, a percentage as
// its percent, text as it is; a formula with no stored value computed.
func (sh *sheet) text(at cellRef, ev *evaluator) string {
	c := sh.cells[at]
	raw := c.value
	if raw == "" && c.formula != "" {
		v, err := ev.cell(at, 0)
		if err != nil {
			sh.problem(&Error{Part: sh.part + " " + cellName(at), Err: fmt.Errorf("formula =%s has no stored value and cannot be computed: %v", strings.TrimPrefix(c.formula, "="), err)})
			return ""
		}
		raw = strconv.FormatFloat(v, 'g', -1, 64)
	}
	if c.typ == "s" || c.typ == "inlineStr" {
		return raw // text, even when it looks like a number
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return raw
	}
	d, err := decimal.NewFromString(strconv.FormatFloat(v, 'g', 15, 64))
	if err != nil {
		return raw
	}
	if c.percent {
		return d.Shift(2).String() + "%"
	}
	return d.String()
}

// errFormula says why a formula was not computed.
var errFormula = errors.New("not computed")
