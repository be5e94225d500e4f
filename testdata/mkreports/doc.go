package main

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// blockKind is what a Block is.
type blockKind int

const (
	bCover blockKind = iota
	bTOC
	bHeading
	bPara
	bTable
	bBreak // a page break
)

// Block is one piece of a rendered report, in reading order.
type Block struct {
	Kind  blockKind
	Level int      // heading level 1–3
	Text  string   // heading or paragraph text; cover title
	Lines []string // cover and TOC lines
	Class string   // extra CSS class
	Table *Table
}

// Cell is one table cell.
type Cell struct {
	Text             string
	ColSpan, RowSpan int
	Num              bool   // a figure (right-aligned)
	Cls              string // extra CSS class: "name", "code", "tot", "c"
}

// Table is one disclosure table.
type Table struct {
	Title     string
	Mark      string   // 公开01表 / 表一
	Org       string   // 编制部门：… / 部门：…
	Unit      string   // 单位：万元
	Widths    []string // column widths, CSS ("9%", "6em")
	Head      [][]Cell
	Body      [][]Cell
	Note      string
	Landscape bool
	Repeat    bool   // header repeats on each page (thead)
	VAlign    string // vertical alignment of figures against wrapped names
	Small     bool   // smaller font
	// Tall is the number of blank lines a -layout copy sets between the
	// table's body rows (1, 2 or 3), drawn by padding the cells; 0 for
	// rows of the usual height.
	Tall int
	// TallHead pads the header cells so that a -layout copy sets blank
	// lines between the header's lines and three or four below it.
	TallHead bool
}

// Doc is one rendered report before conversion: its blocks and the facts
// they print.
type Doc struct {
	Name     string // file stem, syn-0007-shjs
	Style    string
	Title    string // <title> and running header
	Unit     string // 元 or 万元 (of the main tables)
	Font     string // CSS font-family
	Blocks   []Block
	Furn     furniture
	Sites    []site
	Checks   []sumCheck // sums the printed figures must satisfy when clean
	Injected []injection
	Notes    []string
	Report   *Report
}

// furniture is the page decoration of the PDF: page numbers and running
// headers, drawn by CSS margin boxes (absent from docx and html text).
type furniture struct {
	PageNum string // "— %d —" style: "dash", "hyphen", "di", "plain", ""
	Header  string // running header text, "" for none
}

// sumCheck is an identity among printed figures, by site id: Total is
// the sum of Parts (a blank cell counts as zero).
type sumCheck struct {
	Total string
	Parts []string
}

// sum declares that the figure printed at total is the sum of those
// printed at parts.
func (b *builder) sum(total string, parts ...string) {
	b.doc.Checks = append(b.doc.Checks, sumCheck{total, parts})
}

// factKey is the key of a fact in the gold format.
type factKey struct {
	Metric, Measure, Subject string
}

// site is one printed figure that is a fact: where it is, what it
// states, and the value as printed.
type site struct {
	ID      string
	Key     factKey
	Code    string
	Table   bool   // printed in a table (else in the narrative)
	Primary bool   // the table the truth takes this key from
	Value   string // decimal as printed: yuan, percent or count
	Raw     string
	NoFact  bool // a printed figure that is no fact (kept for injections and checks)
	Pct     bool // a percentage (Value in percent)
	Unit    Fen  // the last printed digit, in fen (money only)
}

// builder assembles one report: blocks, facts and injected changes.
type builder struct {
	r   *Report
	rng *rand.Rand
	doc *Doc
	tf  tableFmt
	nf  narrFmt
	inj map[string]tweak // site id → change to print
	// threeTall prints a Shanghai budget's “三公” table in the tall form;
	// roomy gives its function tables rows of one blank line (Tall 1).
	threeTall, roomy bool
}

// tableFmt is how a table prints money.
type tableFmt struct {
	Wan   bool   // 万元 (else 元)
	Sep   bool   // thousands separators
	Dec   int    // decimals for 元 tables: 2 or 0
	Zero  string // how zero prints: "", "0.00" (as the figure, "0" in whole yuan), "0", "-"
	Codes string // function code layout: "cols", "merged", "single"
	NameW string // width of the 科目名称 column ("9%": names wrap), "" auto
	// VAlign is where figures sit against a name wrapped over several
	// lines: top, middle or bottom.
	VAlign string
}

// narrFmt is how the narrative prints money and percentages.
type narrFmt struct {
	Sep     bool // thousands separators in 万元 amounts
	Trim    bool // 6.2 rather than 6.20
	Space   bool // "1560.05 万元"
	PctTrim bool // 15.3% rather than 15.30%
	PctDec  int  // decimals of percentages (2, or 1)
}

// tweak is an injected change to one printed figure.
type tweak struct {
	Add     int64 // fen for money, hundredths for percentages
	Shift10 bool  // misplaced decimal: 0.60 → 0.06
}

func (b *builder) add(bl Block) { b.doc.Blocks = append(b.doc.Blocks, bl) }

func (b *builder) heading(level int, text string) {
	b.add(Block{Kind: bHeading, Level: level, Text: text})
}

func (b *builder) para(parts ...string) {
	b.add(Block{Kind: bPara, Text: strings.Join(parts, "")})
}

func (b *builder) pageBreak() { b.add(Block{Kind: bBreak}) }

func (b *builder) table(t *Table) {
	if t.VAlign == "" {
		t.VAlign = b.tf.VAlign
	}
	t.Head = compactHead(t.Head)
	b.add(Block{Kind: bTable, Table: t})
}

func (b *builder) pick(opts ...string) string { return opts[b.rng.IntN(len(opts))] }

func (b *builder) chance(p float64) bool { return b.rng.Float64() < p }

// k is a fact key without subject.
func k(metric, measure string) *factKey { return &factKey{Metric: metric, Measure: measure} }

// record notes a printed figure; one with no key states no fact but is
// kept, so that injections and tests can find it.
func (b *builder) record(id string, key *factKey, code string, table, primary bool, value, raw string) {
	s := site{ID: id, Code: code, Table: table, Primary: primary, Value: value, Raw: raw, NoFact: key == nil}
	if key != nil {
		s.Key = *key
	}
	b.doc.Sites = append(b.doc.Sites, s)
}

// lastSite is the site just recorded.
func (b *builder) lastSite() *site { return &b.doc.Sites[len(b.doc.Sites)-1] }

// alsoKey records the figure just recorded once more under another key:
// a cell that states two facts (收入总计 is both the 收支总计 and, in a
// budget, the 本年收入合计).
func (b *builder) alsoKey(id string, key *factKey) {
	if n := len(b.doc.Sites); n > 0 && b.doc.Sites[n-1].ID == id {
		s := b.doc.Sites[n-1]
		s.ID += ":" + key.Metric
		s.Key = *key
		s.Primary = false
		b.doc.Sites = append(b.doc.Sites, s)
	}
}

// money applies an injected change to a figure.
func (b *builder) money(id string, v Fen) Fen {
	if t, ok := b.inj[id]; ok {
		v += Fen(t.Add)
	}
	return v
}

// wan prints an amount in the narrative's 万元 form and records it. A
// signed change is recorded with its sign and printed without it: the
// verb (增加/减少) carries it.
func (b *builder) wan(id string, key *factKey, v Fen) string {
	v = roundTo(b.money(id, v), WanCent)
	s := wanText(abs(v), b.nf.Sep)
	if b.nf.Trim {
		s = trimZeros(s)
	}
	raw := s + "万元"
	b.record(id, key, "", false, false, yuanString(v), raw)
	b.lastSite().Unit = WanCent
	if b.nf.Space {
		return s + " 万元"
	}
	return raw
}

// wanCode is wan for a fact with a function code.
func (b *builder) wanCode(id string, key *factKey, code string, v Fen) string {
	s := b.wan(id, key, v)
	b.lastSite().Code = code
	return s
}

// pct prints a percentage of the narrative and records it; a signed
// value is recorded with its sign and printed without it.
func (b *builder) pct(id string, key *factKey, code string, p Pct) string {
	d := b.nf.PctDec
	p = roundPct(p, d)
	neg := p < 0
	if neg {
		p = -p
	}
	if t, ok := b.inj[id]; ok {
		p += Pct(t.Add)
		if t.Shift10 {
			p /= 10
		}
		p = roundPct(p, d)
	}
	s := pctText(p, d, b.nf.PctTrim)
	val := trimZeros(decimalString(int64(p), 2))
	if neg && p != 0 {
		val = "-" + val
	}
	b.record(id, key, code, false, false, val, s+"%")
	b.lastSite().Pct = true
	return s + "%"
}

func abs[T ~int64](v T) T {
	if v < 0 {
		return -v
	}
	return v
}

// count prints a whole number (vehicles, 批次) and records it.
func (b *builder) count(id string, key *factKey, n int) string {
	s := strconv.Itoa(n)
	b.record(id, key, "", false, false, s, s)
	return s
}

// cell prints a table figure in the table's format and records it; a
// zero printed blank records nothing.
func (b *builder) cell(id string, key *factKey, code string, primary bool, v Fen) Cell {
	v = b.money(id, v)
	return b.cellFmt(id, key, code, primary, v, b.tf)
}

func (b *builder) cellFmt(id string, key *factKey, code string, primary bool, v Fen, tf tableFmt) Cell {
	var s string
	var val Fen
	switch {
	case tf.Wan:
		val = roundTo(v, WanCent)
		s = wanText(val, tf.Sep)
	case tf.Dec == 0:
		val = roundTo(v, Yuan)
		s = decimalString(int64(val/Yuan), 0)
		if tf.Sep {
			s = group(s)
		}
	default:
		val = v
		s = decimalString(int64(v), 2)
		if tf.Sep {
			s = group(s)
		}
	}
	if val == 0 {
		switch tf.Zero {
		case "":
			return Cell{Num: true}
		case "-", "0":
			s = tf.Zero
		default:
			if !tf.Wan && tf.Dec == 0 {
				s = "0"
			}
		}
	}
	unit, last := "元", Fen(1)
	switch {
	case tf.Wan:
		unit, last = "万元", WanCent
	case tf.Dec == 0:
		last = Yuan
	}
	b.record(id, key, code, true, primary, yuanString(val), s+unit)
	b.lastSite().Unit = last
	return Cell{Text: s, Num: true}
}

// wanCell prints a figure in a 万元 table inside a 元 document (the
// “三公” table of a Shanghai budget).
func (b *builder) wanCell(id string, key *factKey, v Fen) Cell {
	tf := b.tf
	tf.Wan = true
	return b.cellFmt(id, key, "", false, b.money(id, v), tf)
}

// compactHead drops header rows in which no cell starts (all covered by
// row spans from above) and shortens those spans: browsers cope with such
// rows, LibreOffice's HTML import does not.
func compactHead(head [][]Cell) [][]Cell {
	for {
		empty := -1
		for r, row := range head {
			if len(row) == 0 {
				empty = r
				break
			}
		}
		if empty < 0 {
			return head
		}
		for r := 0; r < empty; r++ {
			for c := range head[r] {
				if rs := max(head[r][c].RowSpan, 1); r+rs > empty {
					head[r][c].RowSpan = rs - 1
				}
			}
		}
		head = append(head[:empty:empty], head[empty+1:]...)
	}
}

// txt is a text cell.
func txt(s string) Cell { return Cell{Text: s} }

// span is a text cell spanning columns and rows.
func span(s string, cols, rows int) Cell {
	return Cell{Text: s, ColSpan: cols, RowSpan: rows, Cls: "c"}
}
