package normalize

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/shopspring/decimal"
)

// Document reads the facts and the identity of one extracted document.
//
// Tables are read first, so that where a table and the narrative state the
// same figure the table's value is kept (FACTS.md) and a differing
// narrative statement becomes a conflict for validation to report.
func Document(doc *extract.Document, seg *Segmenter) *Result {
	doc = splitHeadings(doc)
	texts := make([]string, len(doc.Blocks)) // each block's text, cleaned once for every pass
	for i, b := range doc.Blocks {
		if b.Kind == extract.Paragraph || b.Kind == extract.Heading {
			texts[i] = strings.TrimSpace(Clean(b.Text))
			if b.OCR {
				texts[i] = dropDoubts(texts[i])
			}
		}
	}
	r := read(doc, texts, seg, allGPB{})
	if all := r.allGPB(); all != (allGPB{}) {
		r = read(doc, texts, seg, all)
	}
	settleBases(r.facts.list)
	settleBases(r.facts.conflicts)
	settleBases(r.changes)
	return &Result{Identity: r.id, Facts: r.facts.list, Conflicts: r.facts.conflicts, Withheld: r.facts.withheld, Sums: r.sums,
		Classes: r.classes, Economic: r.economic, Changes: r.changes}
}

// allGPB tells from the document's figures how much of its money is
// 一般公共预算: all its 财政拨款 when its 一般公共预算 income equals its
// 财政拨款 income (or no 财政拨款 income is stated and the other kinds are
// nil), all its money when it equals its whole income. Equal is as
// printed: the narrative's 842.62万元 is the table's 8,426,191.00元.
func (r *reader) allGPB() allGPB {
	var all allGPB
	gpb, ok := r.facts.index[Key{"income.fiscal.gpb", "amount", ""}]
	if !ok || !r.facts.list[gpb].Value.IsPositive() {
		return all
	}
	equal := func(metric string) bool {
		i, ok := r.facts.index[Key{metric, "amount", ""}]
		return ok && samePrinted(&r.facts.list[i], &r.facts.list[gpb])
	}
	zero := func(metrics ...string) bool {
		for _, m := range metrics {
			if i, ok := r.facts.index[Key{m, "amount", ""}]; ok && r.facts.list[i].Value.IsZero() {
				return true
			}
		}
		return false
	}
	stated := func(metrics ...string) bool {
		for _, m := range metrics {
			if _, ok := r.facts.index[Key{m, "amount", ""}]; ok {
				return true
			}
		}
		return false
	}
	all.money = equal("income.total")
	all.stated = all.money || equal("income.fiscal")
	// Or, with no 财政拨款 total stated, its other kinds stated nil (国有资本
	//经营 money, which few departments have, unstated or nil).
	noOthers := zero("income.fiscal.gov_fund", "gov_fund.expenditure") &&
		(zero("income.fiscal.state_capital", "state_capital.expenditure") || !stated("income.fiscal.state_capital", "state_capital.expenditure"))
	all.fiscal = all.money || equal("income.fiscal") || !stated("income.fiscal") && noOthers
	return all
}

// samePrinted reports whether two amounts are one figure printed to
// different precisions: they differ by no more than half the last printed
// digit of the coarser (50 元 for 842.62万元).
func samePrinted(a, b *Fact) bool {
	step := func(f *Fact) decimal.Decimal { return decimal.New(1, scaleOf(f)-decimals(f.Raw)) }
	half := decimal.Max(step(a), step(b)).Div(decimal.NewFromInt(2))
	return a.Value.Sub(b.Value).Abs().LessThanOrEqual(half)
}

// read makes one pass over the document: tables, then narrative, then charts.
func read(doc *extract.Document, texts []string, seg *Segmenter, all allGPB) *reader {
	r := &reader{seg: seg, facts: &factSet{ocr: map[int]bool{}}, all: all}
	for _, b := range doc.Blocks {
		if b.OCR {
			r.facts.ocr[b.Pos.Block] = true
		}
	}
	r.id = r.tables(doc, texts)
	r.kind = r.id.Kind
	var sec sections
	carry := "" // a paragraph cut off inside a line item's name
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		if b.Kind != extract.Paragraph && b.Kind != extract.Heading {
			continue
		}
		raw := texts[i]
		text := squeeze(raw)
		level := headingLevel(b, raw)
		if level > 0 && carry != "" {
			r.paragraph(b, carry, &sec) // what was held back was whole after all
		}
		if level > 0 {
			sec.enter(level, text)
			carry, r.leadIn = "", ""
		}
		if sec.skipped() || level > 0 {
			continue
		}
		text, carry = carry+text, ""
		if openItemRe.MatchString(text) {
			carry = text // "…(款)行政单位离退休" + "(项)。主要用于…" on the next line
			continue
		}
		r.paragraph(b, text, &sec)
		carry, r.openItem = r.openItem, ""
		if strings.HasSuffix(text, ":") {
			r.leadIn = text // "财政拨款支出主要内容如下：" scopes the list below
		}
	}
	r.charts(doc, r.id.Year)
	return r
}

// openItemRe matches text that stops inside a line item's name: a 类 or 款
// marker after the last full stop, and no 项 marker after it.
var openItemRe = regexp.MustCompile(`\((?:类|款)\)[^。()\d%]*$`)

// pendingTable is a table block with the text above it.
type pendingTable struct {
	b       *extract.Block
	titles  []string   // the last paragraphs since the previous table, oldest first
	since   []paraText // the paragraphs since the previous table, up to a bound, blanks kept
	after   []paraText // the paragraphs up to the next table, up to a bound
	follows bool       // no paragraph between it and the previous table
	annex   bool       // in a part of annexes (附表, 附件): read only as a standard table
}

// paraText is a paragraph's text and page.
type paraText struct {
	text string
	page int
}

// title reports whether a paragraph names a standard table (…表).
func (p paraText) title() bool {
	return strings.Contains(p.text, "表") && classifyTable(squeeze(p.text)) != tableUnknown
}

// maxSince bounds the paragraphs kept above a table: a header put one cell
// to a line runs to a few dozen.
const maxSince = 60

var absenceNoteRe = regexp.MustCompile(`^注.*(?:无|没有).*(?:收支|收入|支出|数据|项目)`)

// tables reads the identity and the tables' facts: a first pass over the
// document, since a table's kind depends on the title above it and its
// measures on whether the document is a 决算 or a 预算.
func (r *reader) tables(doc *extract.Document, texts []string) Identity {
	idf := newIdentifier()
	var sec sections
	var recent []string
	var since []paraText
	var pending []pendingTable
	var notes []pendingTable // absence notes under a table title
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		switch b.Kind {
		case extract.Paragraph, extract.Heading:
			raw := texts[i]
			text := squeeze(raw)
			level := headingLevel(b, raw)
			if level > 0 {
				sec.enter(level, text)
			}
			if sec.skipped() && !sec.annex() {
				continue
			}
			if !sec.annex() {
				idf.observe(text, level > 0 || sec.titles[1] == "" && sec.titles[2] == "" && i < 8)
			}
			if absenceNoteRe.MatchString(text) {
				notes = append(notes, pendingTable{b: b, titles: append([]string(nil), recent...)})
			}
			recent = append(recent, text)
			if len(recent) > 4 {
				recent = recent[1:]
			}
			since = append(since, paraText{texts[i], b.Pos.Page})
			if len(since) > maxSince {
				since = since[1:]
			}
		case extract.TableBlock:
			if sec.skipped() && !sec.annex() {
				continue
			}
			idf.observeTable(b)
			if n := len(pending); n > 0 {
				pending[n-1].after = since
			}
			pending = append(pending, pendingTable{b: b, titles: recent, since: since, follows: len(recent) == 0, annex: sec.annex()})
			recent, since = nil, nil
		}
	}
	if n := len(pending); n > 0 {
		pending[n-1].after = since
	}
	id := idf.result()
	var prevKind tableKind
	var prevUnit string
	tookBelow := false // the table before took the first title below it
	prevStandard := false
	var secondhand []Fact // figures that hold where no table states them first hand
	for k, p := range pending {
		r.goesOn = k+1 < len(pending) && pending[k+1].follows // its rows go on in the next table
		r.follows = k > 0 && p.follows                        // its rows go on from the table before
		titles, above := p.titles, []string(nil)
		if p.b.Table.Packed {
			titles, above, tookBelow = packedTitle(p, tookBelow)
		}
		kind, unit := tableTitle(titles), ""
		for k := 0; k < len(above) && unit == ""; k++ {
			unit = TableUnit(above[k]) // a caption under the title
		}
		for k := len(titles) - 1; k >= 0 && unit == ""; k-- {
			unit = TableUnit(titles[k])
		}
		if unit == "" && p.b.Table.Packed {
			unit = packedUnit(p)
		}
		if unit == "" {
			unit = TableUnit(p.b.Text)
		}
		if p.follows {
			if kind == tableUnknown {
				kind = prevKind
			}
			if unit == "" {
				unit = prevUnit
			}
		}
		if kind == tableUnknown {
			kind = classifyTable(Clean(firstLines(p.b.Text, 2)))
		}
		standard := standardTitle(titles) || p.follows && prevStandard
		prevStandard = standard
		if p.annex && !standard {
			// An annex holds the standard tables (附表) or others: a
			// performance self-assessment (绩效自评表) is no 支出表.
			kind = tableUnknown
		}
		if !fitsContent(kind, p.b.Table) {
			// A title read from the wrong place: the table's own first
			// lines may hold the right one; else better no figures than
			// another table's.
			kind = classifyTable(Clean(firstLines(p.b.Text, 2)))
			if !fitsContent(kind, p.b.Table) {
				kind = tableUnknown
			}
		}
		secondhand = append(secondhand, r.table(p.b, kind, unit, id.Kind, above, strings.Join(titles[max(0, len(titles)-2):], ""))...)
		prevKind, prevUnit = kind, unit
	}
	for _, f := range secondhand {
		if _, ok := r.facts.index[f.Key()]; !ok {
			r.facts.add(f)
		}
	}
	for _, n := range notes {
		switch tableTitle(n.titles) {
		case tableGovFund:
			r.zero(n.b, "gov_fund.expenditure")
		case tableStateCapital:
			r.zero(n.b, "state_capital.expenditure")
		}
	}
	return id
}

// standardTitle reports whether the titles above a table name one of the
// standard tables (…决算表, …预算表, …总表), not an annex's other tables.
func standardTitle(titles []string) bool {
	for k := len(titles) - 1; k >= 0; k-- {
		t := strings.ReplaceAll(titles[k], " ", "")
		if classifyTable(t) == tableUnknown {
			continue
		}
		return !strings.Contains(t, "绩效") && (strings.Contains(t, "决算表") || strings.Contains(t, "预算表") || strings.Contains(t, "总表"))
	}
	return false
}

// tableTitle classifies a table by the nearest title above it that names
// a known kind.
func tableTitle(titles []string) tableKind {
	for k := len(titles) - 1; k >= 0; k-- {
		if k > 0 && wrappedTitle(titles[k-1]) {
			// A title wrapped onto a second line: "…“三公”经费、会议" and
			// "费、培训费支出预算表" are one title, not a 支出表's.
			if kind := classifyTable(titles[k-1] + titles[k]); kind != tableUnknown {
				return kind
			}
		}
		if kind := classifyTable(titles[k]); kind != tableUnknown {
			return kind
		}
	}
	return tableUnknown
}

// wrappedTitle reports whether a line may be a title's first line, cut
// where the page ran out: short, naming a report or its money, and ending
// neither a title (…表) nor a sentence or a caption.
func wrappedTitle(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || utf8.RuneCountInString(s) > 40 || TableUnit(s) != "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune("表。；;：:）)", last) && (strings.Contains(s, "年") || strings.Contains(s, "经费") || strings.Contains(s, "预算") || strings.Contains(s, "决算"))
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], " ")
}

// BlockTokens cuts every block's text into search tokens, indexed like
// doc.Blocks. It is separate from Document because it costs more than
// reading the facts and only the search index needs it.
func BlockTokens(doc *extract.Document, seg *Segmenter) [][]string {
	out := make([][]string, len(doc.Blocks))
	for i, b := range doc.Blocks {
		out[i] = seg.Tokens(b.Text)
	}
	return out
}

// squeeze drops the blanks that typesetting puts between Chinese text and
// embedded figures ("总计 307.82 万元"), keeping those between Latin words.
func squeeze(s string) string {
	if !strings.ContainsAny(s, " \u00a0\u3000") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' || r == '\u00a0' || r == '\u3000' {
			prev, next := rune(0), rune(0)
			if i > 0 {
				prev = rs[i-1]
			}
			if i+1 < len(rs) {
				next = rs[i+1]
			}
			if prev >= 0x80 || next >= 0x80 || prev == ' ' || next == ' ' {
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// splitHeadings returns doc with the headings that a paragraph swallowed
// set apart, and packed tables cut at the titles of the tables that ran on
// into them (splitTitles): a line of a joined paragraph (extract.Block.Lines) that reads
// as a heading and stops short of the paragraph's longest line was a
// heading the line joining took for prose ("…情况说明" + "五、财政拨款支出
// 预算情况说明" + "江苏省…"). The parts keep the block's position.
func splitHeadings(doc *extract.Document) *extract.Document {
	var out *extract.Document
	for i, b := range doc.Blocks {
		var parts []extract.Block
		for _, t := range headingParts(b) {
			c := b
			c.Text, c.Lines = t, nil
			parts = append(parts, c)
		}
		if b.Kind == extract.TableBlock {
			parts = splitTitles(b)
		}
		if out == nil && len(parts) > 1 {
			out = &extract.Document{Format: doc.Format, Pages: doc.Pages, Problems: doc.Problems, Blocks: append([]extract.Block(nil), doc.Blocks[:i]...)}
		}
		if out == nil {
			continue
		}
		out.Blocks = append(out.Blocks, parts...)
	}
	if out == nil {
		return doc
	}
	return out
}

// headingParts cuts a paragraph's text before and after each heading line.
func headingParts(b extract.Block) []string {
	if b.Kind != extract.Paragraph || len(b.Lines) == 0 {
		return []string{b.Text}
	}
	var lines []string
	from := 0
	for _, at := range append(b.Lines, len(b.Text)) {
		if at <= from || at > len(b.Text) {
			continue
		}
		lines = append(lines, b.Text[from:at])
		from = at
	}
	longest := 0
	for _, l := range lines {
		longest = max(longest, utf8.RuneCountInString(l))
	}
	heading := func(l string) bool {
		t := strings.TrimSpace(Clean(l))
		if openItemRe.MatchString(t) && !strings.HasSuffix(t, "(类)") || strings.Contains(t, "(项)") {
			return false // a line item's name, whole or broken before its (项)
		}
		return headingLevel(&extract.Block{Kind: extract.Paragraph}, t) > 0
	}
	short := func(l string) bool { return float64(utf8.RuneCountInString(l)) < 0.8*float64(longest) }
	var parts []string
	var cur strings.Builder
	for k, l := range lines {
		// A heading stops short of the paragraph's longest line, or is its
		// last line after a lead-in ending in a colon ("其中：" + "（一）社会
		// 保障和就业（类）"), which the line joining ran on into it.
		listed := k > 0 && k == len(lines)-1 && strings.ContainsRune(":：", lastRuneOf(lines[k-1]))
		if heading(l) && (short(l) || listed) && (k > 0 || len(lines) > 1) || k > 0 && endsSentence(lines[k-1]) && titleLine(l) {
			if cur.Len() > 0 {
				parts = append(parts, cur.String())
				cur.Reset()
			}
			parts = append(parts, l)
			continue
		}
		cur.WriteString(l)
	}
	if cur.Len() > 0 {
		parts = append(parts, cur.String())
	}
	return parts
}

// titleLine reports whether a line of a paragraph is a whole standard
// table's title (…决算表, …预算表, …总表) and no sentence: a title at the top
// of a page that a text copy's line joining ran on from the last sentence
// of the page before ("…故本表为空表。" + "2024年部门…预算表").
func titleLine(l string) bool {
	t := strings.TrimSpace(squeeze(Clean(l)))
	return utf8.RuneCountInString(t) <= 40 && !strings.ContainsAny(t, "。，；：:;,") &&
		strings.HasSuffix(t, "表") && standardTitle([]string{t})
}

// endsSentence reports whether a line ends a sentence.
func endsSentence(l string) bool {
	switch lastRuneOf(l) {
	case '。', '！', '？', '!', '?':
		return true
	}
	return false
}

// lastRuneOf returns the last character of a line, blanks aside.
func lastRuneOf(l string) rune {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(l))
	return r
}

// packedTitle finds a packed table's title and the text between it and the
// table. The title may stand above a header put one cell to a line: it is
// the last paragraph naming a table (…表) since the table before, and what
// follows it is the header. A copy that kept the content stream's order
// may print each title after its table instead: a table with no title
// above it (but the one the table before took, taken) takes the first
// below it on its page, and says so.
func packedTitle(p pendingTable, taken bool) (titles, above []string, below bool) {
	texts := func(ps []paraText) []string {
		out := make([]string, len(ps))
		for i, x := range ps {
			out[i] = squeeze(x.text)
		}
		return out
	}
	first := 0 // the first paragraph above that may be this table's title
	if taken {
		for k, x := range p.since {
			if x.title() {
				first = k + 1
				break
			}
		}
	}
	for k := len(p.since) - 1; k >= first; k-- {
		if p.since[k].title() {
			for _, h := range p.since[k+1:] {
				above = append(above, h.text)
			}
			return texts(p.since[:k+1]), above, false
		}
	}
	last := p.b.Pos.Page
	if t := p.b.Table; len(t.Pages) > 0 {
		last = t.Pages[len(t.Pages)-1]
	}
	for _, x := range p.after {
		if x.page != last {
			break
		}
		if x.title() {
			return []string{squeeze(x.text)}, nil, true
		}
	}
	return p.titles, nil, false
}

// packedUnit finds a packed table's unit in the text of its page, above it
// (nearest first) or below it, where a copy that kept the content stream's
// order may print the caption with the title.
func packedUnit(p pendingTable) string {
	page, last := p.b.Pos.Page, p.b.Pos.Page
	if t := p.b.Table; len(t.Pages) > 0 {
		last = t.Pages[len(t.Pages)-1]
	}
	for k := len(p.since) - 1; k >= 0 && p.since[k].page == page; k-- {
		if u := TableUnit(p.since[k].text); u != "" {
			return u
		}
	}
	for _, x := range p.after {
		if x.page != last {
			break
		}
		if u := TableUnit(x.text); u != "" {
			return u
		}
	}
	return ""
}

// settleBases gives each fact the basis its reading left it: an OCR
// figure is confirmed or not (a second reading may confirm it late), a
// chart's value is inferred, any other keeps what its reader said (a
// statement of absence is a narrative's).
func settleBases(facts []Fact) {
	for i := range facts {
		f := &facts[i]
		switch {
		case f.OCR && f.Unverified:
			f.Basis = BasisOCR
		case f.OCR:
			f.Basis = BasisOCRChecked
		case f.Method == FromChart:
			f.Basis = BasisInferred
		case f.Basis != "":
		case f.Method == FromTable:
			f.Basis = BasisTable
		default:
			f.Basis = BasisNarrative
		}
	}
}
