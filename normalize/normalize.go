package normalize

import (
	"context"
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
	res, _ := DocumentContext(context.Background(), doc, seg)
	return res
}

// DocumentContext is Document that stops between sentences once ctx is
// done, returning ctx's error and what it had read.
func DocumentContext(ctx context.Context, doc *extract.Document, seg *Segmenter) (*Result, error) {
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
	r := read(doc, texts, seg, allGPB{}, ctx.Done())
	if all := r.allGPB(); all != (allGPB{}) && ctx.Err() == nil {
		r = read(doc, texts, seg, all, ctx.Done())
	}
	r.facts.list, r.facts.rounded = keptExact(r.facts.list, r.kindUnits)
	settleBases(r.facts.list)
	settleBases(r.facts.conflicts)
	settleBases(r.changes)
	return &Result{Identity: r.id, Facts: r.facts.list, Conflicts: r.facts.conflicts, Withheld: r.facts.withheld, Rounded: r.facts.rounded, Sums: r.sums, Partial: r.partial,
		Classes: r.classes, Economic: r.economic, Changes: r.changes}, ctx.Err()
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
func read(doc *extract.Document, texts []string, seg *Segmenter, all allGPB, done <-chan struct{}) *reader {
	r := &reader{seg: seg, facts: &factSet{ocr: map[int]bool{}}, all: all, done: done}
	for _, b := range doc.Blocks {
		if b.OCR {
			r.facts.ocr[b.Pos.Block] = true
		}
	}
	r.id = r.tables(doc, texts)
	r.settleVehicle()
	r.kind = r.id.Kind
	var sec sections
	carry := "" // a paragraph cut off inside a line item's name
	var held *extract.Block
	heldText := "" // a paragraph that stops at a figure, whose unit may open the next
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		if b.Kind != extract.Paragraph && b.Kind != extract.Heading {
			continue
		}
		raw := texts[i]
		text := squeeze(raw)
		level := headingLevel(b, raw)
		if held != nil {
			if level == 0 && unitOpensRe.MatchString(text) {
				// "…支出预算总计13,377.11" + "万元，与上年相比…": a copy
				// broke the sentence between a figure and its unit.
				text = heldText + text
			} else {
				r.paragraph(held, heldText, &sec)
			}
			held = nil
		}
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
		if figureEndsRe.MatchString(text) {
			held, heldText = b, text
			continue
		}
		r.paragraph(b, text, &sec)
		carry, r.openItem = r.openItem, ""
		if strings.HasSuffix(text, ":") {
			r.leadIn = text // "财政拨款支出主要内容如下：" scopes the list below
		}
	}
	if held != nil {
		r.paragraph(held, heldText, &sec)
	}
	r.charts(doc, r.id.Year)
	return r
}

// figureEndsRe matches text that stops at a figure without its unit, and
// unitOpensRe text that opens with a unit.
var (
	figureEndsRe = regexp.MustCompile(`\d\.\d+$|\d,\d{3}$`)
	unitOpensRe  = regexp.MustCompile(`^(?:亿元|万元|元|%)`)
)

// openItemRe matches text that stops inside a line item's name: a 类 or 款
// marker after the last full stop, and no 项 marker after it.
var openItemRe = regexp.MustCompile(`\((?:类|款)\)[^。()\d%]*$`)

// pendingTable is a table block with the text above it.
type pendingTable struct {
	b       *extract.Block
	titles  []string   // the last paragraphs since the previous table, oldest first
	since   []paraText // the paragraphs since the previous table, up to a bound, blanks kept
	after   []paraText // the first paragraphs up to the next table, up to a bound
	follows bool       // no paragraph between it and the previous table
	annex   bool       // in a part of annexes (附表, 附件): read only as a standard table
	// namesOnly says the lines above it since the table before are all
	// column names: a header, repeated or not, without a title.
	namesOnly bool
	at        int // an absence note's block
}

// paraText is a paragraph's text and page.
type paraText struct {
	text string
	page int
	at   int // its block
}

// title reports whether a paragraph names a standard table (…表).
func (p paraText) title() bool {
	if !strings.Contains(p.text, "表") {
		return false
	}
	t := squeeze(p.text)
	if classifyTable(t) != tableUnknown {
		return true
	}
	// A standard table of a kind no fact is read from (财政拨款支出预算表)
	// is a title all the same, which no other table may take.
	t = strings.TrimSpace(t)
	return !partRe.MatchString(t) && utf8.RuneCountInString(t) <= 30 && (strings.HasSuffix(t, "预算表") || strings.HasSuffix(t, "决算表")) && !strings.ContainsAny(t, "：:。，,")
}

// codeRowRe matches a line that is a table's row: a code, a name and
// figures ("30309 奖励金 0.15").
var codeRowRe = regexp.MustCompile(`^\d{3}(?:\d{2}){0,2}\s+[^\d\s]\S*\s+[-\d,.]+(?:\s+[-\d,.]+)*$`)

// rowOnNextPage reports whether the first line on the page after a
// table's last is a row of a table: its rows go on there, past its
// title, where a copy that keeps the content stream's order prints the
// title at the foot of the table's first page.
func rowOnNextPage(p pendingTable) bool {
	last := lastPage(p.b)
	for _, x := range p.after {
		if x.page > last {
			return codeRowRe.MatchString(strings.TrimSpace(x.text))
		}
	}
	return false
}

// titleText is a table's title from the lines above it: the last that
// names a table, with the line before where the title wrapped; else the
// last two lines.
func titleText(titles []string) string {
	for k := len(titles) - 1; k >= 0; k-- {
		if (paraText{text: titles[k]}).title() {
			if k > 0 {
				return withFirstLine(titles[k-1], titles[k])
			}
			return titles[k]
		}
	}
	return strings.Join(titles[max(0, len(titles)-2):], "")
}

// withFirstLine is a title line with the line before it where that line
// is the title's first, wrapped where the line ran out ("九、…“三公”经费、
// 会议" over "费、培训费支出预算表").
func withFirstLine(prev, title string) string {
	if prev != "" && wrappedTitle(prev) {
		return prev + title
	}
	return title
}

// allTrue reports whether bs holds at least one value and no false one.
func allTrue(bs []bool) bool {
	for _, b := range bs {
		if !b {
			return false
		}
	}
	return len(bs) > 0
}

// lastPage is the page a table block ends on.
func lastPage(b *extract.Block) int {
	if ps := b.Table.Pages; len(ps) > 0 {
		return ps[len(ps)-1]
	}
	return b.Pos.Page
}

// titleWindow keeps the last four lines above a table that are not
// column names, and the column names among them (names says which are).
func titleWindow(recent []string, names []bool) ([]string, []bool) {
	n := 0
	for k := len(recent) - 1; k >= 0; k-- {
		if !names[k] {
			n++
		}
		if n > 4 || len(recent)-k > 12 {
			return recent[k+1:], names[k+1:]
		}
	}
	return recent, names
}

// columnNames reports whether a line is a table header's line of column
// names, as a text copy prints it: short words apart, no sentence, no
// figure but the columns' numbers (栏次 1 2 3).
func columnNames(line string) bool {
	words := strings.Fields(line)
	if len(words) == 0 || strings.ContainsAny(line, "。，；：:,;") {
		return false
	}
	for _, w := range words {
		n := utf8.RuneCountInString(w)
		if n > 10 || strings.ContainsAny(w, ".%") || strings.ContainsRune(w, '表') {
			return false
		}
		if w[0] >= '0' && w[0] <= '9' && n > 2 {
			return false
		}
	}
	return true
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
	var recentNames []bool // which of recent are a header's column names
	var since []paraText
	var pending []pendingTable
	var notes []pendingTable               // absence notes under a table title
	pageUnits := map[int]map[string]bool{} // the units the furniture of a page states
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		switch b.Kind {
		case extract.Furniture:
			if u := TableUnit(squeeze(b.Text)); u != "" {
				if pageUnits[b.Pos.Page] == nil {
					pageUnits[b.Pos.Page] = map[string]bool{}
				}
				pageUnits[b.Pos.Page][u] = true
			}
		case extract.Paragraph, extract.Heading:
			raw := texts[i]
			text := squeeze(raw)
			if pageNumberRe.MatchString(text) && strings.ContainsAny(text, "第页—-–") {
				continue // a page's number the copy printed where no margin told it (第7页 atop the page)
			}
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
				notes = append(notes, pendingTable{b: b, titles: append([]string(nil), recent...), at: i})
			}
			recent, recentNames = append(recent, text), append(recentNames, columnNames(raw))
			if len(recent) > 4 && !columnNames(raw) {
				// The last few lines name the table; a copy's header lines
				// (项目 / 科目编码 科目名称 合计 / 类 款 项) come between
				// its title and its rows and are kept, the title with them.
				recent, recentNames = titleWindow(recent, recentNames)
			}
			since = append(since, paraText{texts[i], b.Pos.Page, i})
			if n := len(pending); n > 0 && len(pending[n-1].after) < maxSince {
				// The first lines after the table before: its title and
				// notes, where a copy prints them under it.
				pending[n-1].after = append(pending[n-1].after, paraText{texts[i], b.Pos.Page, i})
			}
			if len(since) > maxSince {
				since = since[1:]
			}
		case extract.TableBlock:
			if sec.skipped() && !sec.annex() {
				continue
			}
			idf.observeTable(b)
			pending = append(pending, pendingTable{b: b, titles: recent, since: since, follows: len(recent) == 0, annex: sec.annex(), namesOnly: allTrue(recentNames)})
			recent, recentNames, since = nil, nil, nil
		}
	}
	id := idf.result()
	// First the kind and unit of every table, then their figures: a table
	// whose caption went missing takes the unit the others agree on.
	type classified struct {
		kind          tableKind
		unit          string
		above, titles []string
		follows       bool // its rows go on from the table before
		scattered     bool // its header's lines stand around its title, their order lost
	}
	cls := make([]classified, len(pending))
	var prevKind tableKind
	var prevUnit string
	tookBelow := -1         // the block of the title below it the table before took, or -1
	taken := map[int]bool{} // the blocks of titles below tables that the tables took
	prevStandard := false
	units := map[string]bool{}
	below := titlesBelow(pending)
	var prevHeader []string              // the header lines of the table before, where titles stand below
	goesOn := make([]bool, len(pending)) // a table's rows go on in the next
	for k, p := range pending {
		titles, above, under := p.titles, []string(nil), []string(nil)
		scattered := false // the header's words stand on both sides of the title
		follows := p.follows
		titled := false // a title of its own, not header lines
		switch {
		case p.b.Table.Packed && below:
			titles, above, under, tookBelow = belowTitle(p, tookBelow)
			titled = titles != nil
			if !titled && k > 0 && pending[k-1].b.Table.Packed {
				// Where every table prints its title under it, one with
				// none is the table before's next page.
				follows = true
			}
		case p.b.Table.Packed && k > 0 && tookBelow >= 0 && onlyTaken(p.since, tookBelow):
			// Nothing since the table before but the title it took
			// from under itself: the same table, on its next page.
			follows = true
		case p.b.Table.Packed:
			titles, above, under, tookBelow = packedTitle(p, tookBelow)
			titled = tookBelow >= 0 || len(titles) > 0 && (paraText{text: titles[len(titles)-1]}).title()
			if k > 0 && rowLabels(p.since) {
				follows = true // the table before, its rows without figures between
			}
		}
		if p.b.Table.Packed {
			lines := make([]string, len(p.since))
			for i, x := range p.since {
				lines[i] = x.text
			}
			if !titled && k > 0 && restatesHeader(lines, prevHeader) {
				// No title of its own, under the header of the table
				// before, repeated: that table's next page.
				follows = true
			}
			if titled && k > 0 && !fitsContent(tableTitle(titles), p.b.Table) && restatesHeader(p.sinceTitle(), prevHeader) {
				// A title below that its rows deny (the next table's, on
				// the page a copy in stream order goes on to), under the
				// header of the table before, repeated since the last
				// title: that table's next page.
				follows = true
			}
			prevHeader = headerOf(above)
			if h := headerOf(under); len(h) > 0 {
				prevHeader = h
			}
		}
		if !follows && k > 0 && !p.b.Table.Packed && p.namesOnly && p.b.Pos.Page == lastPage(pending[k-1].b)+1 {
			// Nothing above it on its page but the header's lines again,
			// as a copy prints a repeated header: the table before's next
			// page.
			follows = true
		}
		if tookBelow >= 0 {
			taken[tookBelow] = true
		}
		if follows && k > 0 {
			goesOn[k-1] = true
		}
		if rowOnNextPage(p) {
			goesOn[k] = true
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
		if us := pageUnits[p.b.Pos.Page]; unit == "" && p.b.Table.Packed && len(us) == 1 {
			// A copy may set a caption repeated on every page apart, as
			// the page's furniture: it still states the page's unit.
			for u := range us {
				unit = u
			}
		}
		if unit == "" {
			unit = TableUnit(p.b.Text)
		}
		if follows {
			if kind == tableUnknown || !p.follows {
				kind = prevKind // header words are no title
			}
			if unit == "" {
				unit = prevUnit
			}
		}
		if kind == tableUnknown {
			kind = classifyTable(Clean(firstLines(p.b.Text, 2)))
		}
		standard := standardTitle(titles) || follows && prevStandard
		prevStandard = standard
		if p.annex && !standard {
			// An annex holds the standard tables (附表) or others: a
			// performance self-assessment (绩效自评表) is no 支出表.
			kind = tableUnknown
		}
		if !fitsContent(kind, p.b.Table) {
			// A title read from the wrong place: the table's own first
			// lines may hold the right one, or its rows say it is a
			// 收支总表; else better no figures than another table's.
			kind = classifyTable(Clean(firstLines(p.b.Text, 2)))
			if !fitsContent(kind, p.b.Table) {
				kind = summaryContent(p.b.Table)
			}
		}
		if unit != "" && kind != tableUnknown {
			units[unit] = true
			if r.kindUnits == nil {
				r.kindUnits = map[tableKind]string{}
			}
			if _, ok := r.kindUnits[kind]; !ok {
				r.kindUnits[kind] = unit
			}
		}
		if kind == tableThreePublic {
			// A “三公” header's words, wherever the copy put them: where
			// titles stand under their tables, a copy may scatter the
			// header around the figures and the title too.
			if below {
				beside := nameLines(p.besideTitleBelow())
				above = append(above, beside...)
				scattered = len(beside)+len(under) > 0
			}
			above = append(above, under...)
			if !p.b.Table.Packed {
				above = p.sinceTitle() // a header's upper lines, set apart from its table
			}
		}
		cls[k] = classified{kind, unit, above, titles, follows && k > 0, scattered}
		prevKind, prevUnit = kind, unit
	}
	var secondhand []Fact // figures that hold where no table states them first hand
	for k, p := range pending {
		c := cls[k]
		if c.unit == "" && p.b.Table.Packed && len(units) == 1 {
			// Nor there: the unit the document's tables agree on.
			for u := range units {
				c.unit = u
			}
		}
		r.goesOn = goesOn[k]
		r.follows = c.follows
		r.scattered = c.scattered
		b := p.b
		if b.Table.Packed {
			b = labelTotalRow(p)
		}
		secondhand = append(secondhand, r.table(b, c.kind, c.unit, id.Kind, c.above, titleText(c.titles))...)
	}
	for _, f := range secondhand {
		if _, ok := r.facts.index[f.Key()]; !ok {
			r.facts.add(f)
		}
	}
	for _, n := range notes {
		titles := n.titles
		if below {
			titles = noteTitleBelow(doc, n.at, taken)
		}
		switch tableTitle(titles) {
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

// proseLine reports whether a line above a table is a sentence: a full
// stop or a semicolon in it, or longer than any title.
func proseLine(line string) bool {
	return strings.ContainsAny(line, "。；;") || utf8.RuneCountInString(line) > 60
}

// tableTitle classifies a table by the nearest title above it that names
// a known kind.
func tableTitle(titles []string) tableKind {
	for k := len(titles) - 1; k >= 0; k-- {
		if proseLine(titles[k]) {
			continue // a sentence above the table, no title ("…向区人民代表大会报告…支出标准")
		}
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
// above it (but the one the table before took, the block taken) takes the
// first below it on its page, with the header lines under that title, and
// returns that title's block (else -1). A title in a list of titles is
// the contents', no table's; a table under only the labels of rows
// without figures goes on from the table before and takes no title.
func packedTitle(p pendingTable, taken int) (titles, above, under []string, took int) {
	texts := func(ps []paraText) []string {
		out := make([]string, len(ps))
		for i, x := range ps {
			out[i] = squeeze(x.text)
		}
		return out
	}
	first := 0 // the first paragraph above that may be this table's title
	for k, x := range p.since {
		if x.at == taken {
			first = k + 1
		}
	}
	for k := len(p.since) - 1; k >= first; k-- {
		if titleEnd(p.since, k) && !contentsEntry(p.since, k) {
			for _, h := range p.since[k+1:] {
				above = append(above, h.text)
			}
			return texts(p.since[:k+1]), above, nil, -1
		}
	}
	if first == 0 && rowLabels(p.since) {
		// Only the labels of rows without figures since the table
		// before (…九、医疗卫生与计划生育支出 …): its rows go on here.
		return p.titles, nil, nil, -1
	}
	if title, under, at, ok := p.titleBelow(); ok {
		// The lines above, after the title the table before took, are
		// this table's caption and header.
		for _, h := range p.since[first:] {
			above = append(above, h.text)
		}
		return []string{title}, above, under, at
	}
	if first > 0 {
		// The title above went to the table before: what is left of the
		// lines since is this table's caption and header, no title.
		return texts(p.since[first:]), nil, nil, -1
	}
	return p.titles, nil, nil, -1
}

// titleEnd reports whether ps[k] is a title, or the end of one the copy
// wrapped before its last characters ("…培训费支出预算" over "表").
func titleEnd(ps []paraText, k int) bool {
	if ps[k].title() {
		return true
	}
	t := strings.TrimSpace(ps[k].text)
	return k > 0 && t != "" && utf8.RuneCountInString(t) <= 3 && wrappedTitle(ps[k-1].text) &&
		(paraText{text: strings.TrimSpace(ps[k-1].text) + t}).title()
}

// onlyTaken reports whether the lines since a table are the title the
// table before took from under itself, and page numbers.
func onlyTaken(ps []paraText, taken int) bool {
	for _, x := range ps {
		if x.at != taken && !pageNumberRe.MatchString(strings.TrimSpace(x.text)) {
			return false
		}
	}
	return len(ps) > 0
}

var pageNumberRe = regexp.MustCompile(`^[-—–\s]*(?:第\s*)?\d{1,4}(?:\s*页)?[-—–\s]*$`)

// rowLabels reports whether lines are all numbered labels (一、…, 1.…),
// as a table's rows print where they have no figures.
func rowLabels(ps []paraText) bool {
	for _, x := range ps {
		if !ordinalRe.MatchString(squeeze(x.text)) || x.title() {
			return false
		}
	}
	return len(ps) > 0
}

// titlesBelow reports whether a text copy prints every table's title
// under it, as one that kept the content stream's order may: its packed
// tables then find more titles that fit their rows below them than the
// reading by the titles above does (header words that name a kind are no
// title).
func titlesBelow(pending []pendingTable) bool {
	fits := func(titles []string, t *extract.Table) int {
		kind := tableTitle(titles)
		switch {
		case len(titles) == 0 || !(paraText{text: titles[len(titles)-1]}).title():
			return 0 // header words, no title
		case kind == tableUnknown:
			return 0
		case !fitsContent(kind, t):
			return -1 // a title its rows deny: another table's
		case codedContent(kind, t):
			return 2 // the rows' codes say so too
		}
		return 1
	}
	above, below := 0, 0
	took, tookUnder := -1, -1
	for _, p := range pending {
		if !p.b.Table.Packed {
			continue
		}
		var titles []string
		titles, _, _, took = packedTitle(p, took)
		if took < 0 {
			// Found above it: a title below, which packedTitle takes
			// where none stands above, speaks for titles below.
			above += fits(titles, p.b.Table)
		}
		titles, _, _, tookUnder = belowTitle(p, tookUnder)
		below += fits(titles, p.b.Table)
	}
	return below > above
}

// belowTitle reads a table's title where the copy prints each under its
// table: the first title below it on its last page. The lines above it,
// after the title the table before took, are its caption and header;
// those under its title, the rest of its header.
//
// A table with no title under it whose last line above is a title the
// table before did not take (taken is the block of the one it took) has
// that title: left at the foot of the page before, over a table that
// starts on the next.
func belowTitle(p pendingTable, taken int) (titles, above, under []string, took int) {
	first, last := 0, -1
	for k, x := range p.since {
		if x.title() {
			first, last = k+1, k
		}
	}
	for _, h := range p.since[first:] {
		above = append(above, h.text)
	}
	if title, under, at, ok := p.titleBelow(); ok {
		return []string{title}, above, under, at
	}
	if last >= 0 && p.since[last].at != taken && !contentsEntry(p.since, last) {
		for _, x := range p.since[max(0, last-1) : last+1] {
			titles = append(titles, squeeze(x.text)) // with its first line, if it wrapped
		}
		return titles, above, nil, -1
	}
	return nil, above, nil, -1
}

// totalLabelRe matches a line that is only a total's label.
var totalLabelRe = regexp.MustCompile(`^(?:合计|总计)$`)

// labelTotalRow gives a packed table's last row its label where a copy
// that kept the content stream's order printed the row's figures, then
// its label (合计) on a line of its own under the table. The block is a
// copy; the document's stays as extracted.
func labelTotalRow(p pendingTable) *extract.Block {
	t := p.b.Table
	if len(t.Rows) == 0 || len(p.after) == 0 || !totalLabelRe.MatchString(strings.TrimSpace(squeeze(p.after[0].text))) {
		return p.b
	}
	n := len(t.Rows) - 1
	last := t.Rows[n]
	for _, c := range last {
		if c.Text != "" && !figureCell(strings.TrimSpace(squeeze(Clean(c.Text)))) {
			return p.b // the row has a label of its own
		}
	}
	row := []extract.Cell{{Text: strings.TrimSpace(p.after[0].text), OriginRow: n, RowSpan: 1, ColSpan: 1}}
	for j, c := range last {
		c.OriginCol = j + 1
		c.OriginRow = n
		row = append(row, c)
	}
	rows := append(append([][]extract.Cell(nil), t.Rows[:n]...), row)
	nt := *t
	nt.Rows = rows
	nb := *p.b
	nb.Table = &nt
	return &nb
}

// headerOf is the lines of a table's header among those printed with
// it: not its caption (unit, who made it).
func headerOf(lines []string) []string {
	var out []string
	for _, l := range lines {
		if t := squeeze(l); t != "" && TableUnit(t) == "" && !captionRe.MatchString(t) && !totalLabelRe.MatchString(strings.TrimSpace(t)) {
			out = append(out, t) // not a 合计 row's label, which a copy may set among them
		}
	}
	return out
}

// restatesHeader reports whether lines hold every line of a header, as a
// table's next page repeats it.
func restatesHeader(lines, header []string) bool {
	if len(header) < 2 && (len(header) == 0 || utf8.RuneCountInString(header[0]) < 8) {
		return false // too little to tell a repeat from a chance: two lines, or one of several names
	}
	have := map[string]bool{}
	for _, l := range headerOf(lines) {
		have[l] = true
	}
	for _, h := range header {
		if !have[h] {
			return false
		}
	}
	return true
}

// titleBelow finds the first title below a table on its last page, and
// the lines under that title up to the next table's caption: the rest of
// the table's header, where a copy set its title amid the header.
func (p pendingTable) titleBelow() (title string, under []string, at int, ok bool) {
	k := p.titleBelowAt()
	if k < 0 {
		return "", nil, -1, false
	}
	prev := ""
	if k > 0 {
		prev = squeeze(p.after[k-1].text)
	}
	x := p.after[k]
	return withFirstLine(prev, squeeze(x.text)), titleUnder(p.after[k+1:], lastPage(p.b)), x.at, true
}

// titleBelowAt is where in the lines after a table the first title below
// it on its last page stands, or -1.
func (p pendingTable) titleBelowAt() int {
	last := lastPage(p.b)
	for k, x := range p.after {
		if x.page != last || absenceNoteRe.MatchString(x.text) {
			break // a note that a table is empty: the titles after it are that table's
		}
		if x.title() {
			if contentsEntry(p.after, k) {
				break // the contents' list, no table's title
			}
			return k
		}
	}
	return -1
}

// sinceTitle is the text of the lines above a table after the last title
// among them.
func (p pendingTable) sinceTitle() []string {
	var out []string
	for _, x := range p.since {
		if x.title() {
			out = out[:0]
			continue
		}
		out = append(out, x.text)
	}
	return out
}

// besideTitleBelow is what a copy that prints titles under their tables
// sets between a table and its title below, and after the title on the
// title's line ("…支出预算表合计"): where it scatters a header, some of
// its words.
func (p pendingTable) besideTitleBelow() []string {
	k := p.titleBelowAt()
	if k < 0 {
		return nil // no title below: nothing is beside it
	}
	var out []string
	for _, x := range p.after[:k] {
		out = append(out, x.text)
	}
	t := squeeze(p.after[k].text)
	if i := strings.LastIndex(t, "表"); i >= 0 && i+len("表") < len(t) {
		out = append(out, t[i+len("表"):])
	}
	return out
}

// noteTitleBelow is the title of the table an absence note stands in for,
// in a copy that prints titles under their tables: the first title after
// the note on its page, among the few lines that follow it. With none
// there, the copy printed the title above the note, as it does a table's
// that has no rows to draw first: the last title above the note on its
// page, where no table took it (taken holds the blocks of those they
// took).
func noteTitleBelow(doc *extract.Document, at int, taken map[int]bool) []string {
	if i := nearTitle(doc, at, 1); i >= 0 {
		return []string{squeeze(doc.Blocks[i].Text)}
	}
	if i := nearTitle(doc, at, -1); i >= 0 && !taken[i] {
		return []string{squeeze(doc.Blocks[i].Text)}
	}
	return nil
}

// nearTitle is the block of the first title from an absence note's block
// at, in the direction step, among the few lines on its page up to a
// table; or -1.
func nearTitle(doc *extract.Document, at, step int) int {
	page, seen := doc.Blocks[at].Pos.Page, 0
	for i := at + step; i >= 0 && i < len(doc.Blocks) && seen < 3; i += step {
		b := &doc.Blocks[i]
		if b.Kind == extract.Furniture {
			continue
		}
		if b.Pos.Page != page || b.Kind == extract.TableBlock {
			break
		}
		if x := (paraText{text: b.Text}); x.title() {
			return i
		}
		seen++
	}
	return -1
}

// tableNumberRe matches a line that only numbers a table (表十一, 附表3).
var tableNumberRe = regexp.MustCompile(`^(?:附)?表\s*[一二三四五六七八九十\d]+$`)

// titleUnder is what a copy prints under a title it set after its table,
// on the table's last page: the rest of the table's header, up to the next
// table's caption.
func titleUnder(ps []paraText, page int) []string {
	var out []string
	for _, x := range ps {
		t := squeeze(x.text)
		if x.page != page || x.title() || TableUnit(t) != "" || captionRe.MatchString(t) {
			break
		}
		if tableNumberRe.MatchString(t) {
			continue // the table's number, which such a copy may set amid its header
		}
		out = append(out, x.text)
	}
	return out
}

// contentsEntry reports whether the title at ps[k] is one line of a list
// of titles, a table of contents (目录): a table's own title stands
// alone, with its caption or header next to it, never beside another.
func contentsEntry(ps []paraText, k int) bool {
	from, to := k, k+1 // the run of titles around k
	for from > 0 && ps[from-1].title() {
		from--
	}
	for to < len(ps) && ps[to].title() {
		to++
	}
	return to-from >= 3
}

// packedUnit finds a packed table's unit in the text of its page, above it
// (nearest first) or below it, where a copy that kept the content stream's
// order may print the caption with the title.
func packedUnit(p pendingTable) string {
	page, last := p.b.Pos.Page, lastPage(p.b)
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

// keptExact splits off the narrative amounts that round a figure the
// document prints more exactly in a table the reader did not read: where
// the table that states a metric is printed in 元 (its caption says so, or
// it states the metric for other lines to the 元), a sentence's 254.61万元
// stands for a row of that table, whose exact figure is unknown — not
// 2,546,100元. A sentence that drops a trailing zero (693.6万元 beside a
// table's 674.13万元) or prints to the 元 rounds nothing, nor does one that
// says there was none (0.00万元).
func keptExact(facts []Fact, kindUnits map[tableKind]string) (kept, rounded []Fact) {
	exact := map[[2]string]bool{} // per metric and measure: a table prints it to the 元
	for _, f := range facts {
		if f.Method == FromTable && f.Raw != "" && halfUnit(f.Raw).LessThanOrEqual(wholeYuan) {
			exact[[2]string{f.Metric, f.Measure}] = true
		}
	}
	// Where every one of the tables every report prints (the summary,
	// 财政拨款 and function tables) that the reading placed is in 元, so
	// are those it did not place. The “三公” table may be in 万元 beside
	// them.
	placed, allYuan := 0, true
	for k, u := range kindUnits {
		if alwaysPrinted(k) {
			placed++
			allYuan = allYuan && u == "元"
		}
	}
	allYuan = allYuan && placed >= 2
	for _, f := range facts {
		byTable := exact[[2]string{f.Metric, f.Measure}]
		if f.Measure == "amount" {
			for _, k := range stating(f.Metric) {
				byTable = byTable || kindUnits[k] == "元" || allYuan && alwaysPrinted(k)
			}
		}
		if byTable && f.Method == Narrative && f.Raw != "" && !f.Value.IsZero() && halfUnit(f.Raw).GreaterThan(wholeYuan) {
			rounded = append(rounded, f)
			continue
		}
		kept = append(kept, f)
	}
	return kept, rounded
}

// alwaysPrinted reports whether every report prints a kind of table (the
// “三公”, 机关运行经费 and 采购 ones may be sentences instead).
func alwaysPrinted(k tableKind) bool {
	switch k {
	case tableSummary, tableFiscal, tableIncome, tableExpenditure, tableGPB, tableGPBBasic:
		return true
	}
	return false
}

// stating lists the kinds of standard table that state a metric's amount
// for every department that prints the table.
func stating(metric string) []tableKind {
	switch {
	case metric == "total" || metric == "income.total" || metric == "expenditure.total":
		return []tableKind{tableSummary}
	case strings.HasPrefix(metric, "income."):
		return []tableKind{tableSummary, tableIncome}
	case strings.HasPrefix(metric, "expenditure."):
		return []tableKind{tableSummary, tableExpenditure}
	case metric == "fiscal.total":
		return []tableKind{tableFiscal}
	case metric == "gpb.expenditure":
		return []tableKind{tableFiscal, tableGPB}
	case metric == "gpb.class" || metric == "gpb.item":
		return []tableKind{tableGPB}
	case metric == "gpb.basic":
		return []tableKind{tableGPB, tableGPBBasic}
	case metric == "gpb.basic.personnel" || metric == "gpb.basic.public":
		return []tableKind{tableGPBBasic}
	case strings.HasPrefix(metric, "three_public."):
		return []tableKind{tableThreePublic}
	case metric == "gov_fund.expenditure":
		return []tableKind{tableGovFund}
	case metric == "state_capital.expenditure":
		return []tableKind{tableStateCapital}
	}
	return nil
}

var wholeYuan = decimal.New(5, -1) // half of one 元: a printing to the 元 or finer
