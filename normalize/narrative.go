package normalize

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/shopspring/decimal"
)

const (
	num   = `(` + numberPattern + `)`
	money = `\s*(百万元|亿元|万元|千元|元)`
	pct   = `\s*\*?\s*%`
	// comparator is "比2020年", "与上年相比," and the like; the year may
	// carry a note, "比2022年（上一年度，下同）预算".
	comparator = `(?:(?:比|较|与)(?:上年|上年度|上一年度?|去年|\d{4}年度?)(?:\([^()]{1,12}\))?(?:决算数?|预算数?|同期)?(?:相比)?[,，]?)?`
	// verb is a change's direction; "增加/减少" (a template left unfilled)
	// does not match, because a number must follow.
	verb = `(增加|减少|增长|下降|上升|降低|节约|节省)了?`
)

// The phrases that may follow a metric's name, each anchored at the cursor.
// Fillers are whitelists: a word not listed ends the phrase, which keeps
// "收、支总计各增加4.07万元" from reading as an amount of 4.07万元.
var (
	amountFillers = `^[,，:]?[”"」』]?(?:\(类\)|\(款\)|\(项\)|\([^()\d]{2,12}\)|支出|收入|决算数|决算|实际|共计|合计|总额|金额|为|是|达到|达|了|共|:)*`
	amountPhrase  = regexp.MustCompile(amountFillers + num + money)
	// In a 预算 the amount is the budgeted figure: "基本支出预算数为9312.9万元",
	// "机关运行经费预算支出1642.08万元".
	budgetFillers      = `^[,，:]?[”"」』]?(?:\(类\)|\(款\)|\(项\)|\([^()\d]{2,12}\)|支出|收入|预算数|预算|安排|拟|共计|合计|总额|金额|为|是|达到|达|了|共|:)*`
	budgetAmountPhrase = regexp.MustCompile(budgetFillers + num + money)
	// Nothing needs no unit: "政府性基金拨款支出预算为0；".
	zero             = `(0(?:\.0+)?)()(?:[;；,，。]|$)`
	zeroPhrase       = regexp.MustCompile(amountFillers + zero)
	budgetZeroPhrase = regexp.MustCompile(budgetFillers + zero)
	// "公务接待费支出年初预算为4.95万元": the name, then its 支出's budget.
	budgetPhrase = regexp.MustCompile(`^[,，:]?(?:其中[:,，]?)?(?:支出)?(?:年初)?(?:预算数|预算)(?:为|是)?:?` + num + money)
	// A final budget (全年预算, 调整后预算) stated after the initial one is
	// the one the completion rate is measured against, and wins.
	finalBudgetPhrase = regexp.MustCompile(`^[,，]?(?:支出)?(?:全年|调整后?)预算(?:数)?(?:为|是)?:?` + num + money)
	sharePhrase       = regexp.MustCompile(`^[,，]?占(?:[^\d%,，。;；]{0,24}?)?(?:比重|比例)?(?:为)?` + num + pct)
	completionPhrase  = regexp.MustCompile(`^[,，]?(?:完成|为)(?:年初|全年|调整后?)?(?:预算数|预算)(?:的)?` + num + pct)
	yoyPhrase         = regexp.MustCompile(`^[,，]?(?:支出|收入|决算数|决算|预算数|预算)*` + comparator + `(?:同比)?各?` + verb + num + money)
	yoyPctPhrase      = regexp.MustCompile(`^[,，]?(?:支出|收入|决算数|决算)*` + comparator + `(?:同比)?(?:` + verb + `|` + rateWord + `)` + num + pct)
	itemRe            = regexp.MustCompile(`([\p{Han}“”]+)\(类\)(.+?)\(款\)(.+?)\(项\)`)
	// itemDashRe is a line item named by its 类, 款 and 项 run together
	// in quotes: "“城乡社区支出-城乡社区管理事务-行政运行”科目1,633.10万元".
	itemDashRe = regexp.MustCompile(`[“"]([\p{Han}、]+?)[-－—]([\p{Han}、()]+?)[-－—]([\p{Han}、()]+?)[”"]科目`)
	reasonRe   = regexp.MustCompile(`主要(?:变动)?原因(?:是|为|:)([^。;；]+)`)
)

// clause is the reading of one phrase after a metric's name.
type clause struct {
	measure    string
	value      decimal.Decimal
	unit, raw  string
	start, end int // byte offsets of the phrase in the sentence
	// unsigned marks a rate whose word names no direction ("增减率为3%"):
	// agreeing gives it the direction of the change beside it.
	unsigned bool
}

// phrases reads the figures that follow a metric name at s[pos:], stopping
// at the first text that is none of the known phrases. limit is where the
// next metric name starts: the amount must come before it. An aside listing
// parts between two of the name's figures (asideRe) is passed over, and
// returned for its own names to be read.
func phrases(s string, pos, limit int, budgetDoc bool) (out []clause, end int, asides [][2]int) {
	seen := map[string]bool{}
	for {
		c, ok := nextPhrase(s, pos, limit, seen, budgetDoc)
		if !ok && len(out) > 0 {
			if a := asideRe.FindStringIndex(s[pos:]); a != nil {
				if c, ok = nextPhrase(s, pos+a[1], limit, seen, budgetDoc); ok {
					asides = append(asides, [2]int{pos, pos + a[1]})
				}
			}
		}
		if !ok {
			return agreeing(finalBudget(out)), pos, asides
		}
		seen[c.measure] = true
		out = append(out, c)
		pos = c.end
	}
}

// finalBudget keeps one budget: the final one where both are stated.
func finalBudget(cs []clause) []clause {
	final := -1
	for i, c := range cs {
		if c.measure == "final_budget" {
			final = i
		}
	}
	if final < 0 {
		return cs
	}
	var out []clause
	for i, c := range cs {
		switch {
		case i == final:
			c.measure = "budget"
			out = append(out, c)
		case c.measure != "budget":
			out = append(out, c)
		}
	}
	return out
}

func nextPhrase(s string, pos, limit int, seen map[string]bool, budgetDoc bool) (clause, bool) {
	for pos < len(s) && s[pos] == ' ' {
		pos++ // a blank between a name's bracket and its figure: "（项） 415.33万元"
	}
	rest := s[pos:]
	try := []struct {
		measure string
		re      *regexp.Regexp
	}{
		{"amount", amountPhrase}, {"amount", zeroPhrase}, {"final_budget", finalBudgetPhrase}, {"budget", budgetPhrase}, {"share_pct", sharePhrase},
		{"completion_pct", completionPhrase}, {"yoy_change", yoyPhrase}, {"yoy_pct", yoyPctPhrase},
	}
	if budgetDoc {
		// A budget states budgeted amounts; there is no completion rate.
		try = []struct {
			measure string
			re      *regexp.Regexp
		}{
			{"amount", budgetAmountPhrase}, {"amount", budgetZeroPhrase}, {"share_pct", sharePhrase},
			{"yoy_change", yoyPhrase}, {"yoy_pct", yoyPctPhrase},
		}
	}
	for _, t := range try {
		if seen[t.measure] {
			continue
		}
		m := t.re.FindStringSubmatchIndex(rest)
		if m == nil {
			continue
		}
		c, ok := readClause(t.measure, rest, m)
		if !ok || (t.measure == "amount" && pos+m[2] > limit) {
			continue
		}
		c.start, c.end = pos, pos+m[1]
		return c, true
	}
	return clause{}, false
}

// readClause turns a phrase match into a value: money to yuan, signs from
// the verb, percentages as printed.
func readClause(measure, rest string, m []int) (clause, bool) {
	group := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return rest[m[2*i]:m[2*i+1]]
	}
	c := clause{measure: measure, raw: strings.TrimLeft(rest[m[0]:m[1]], ",，")}
	switch measure {
	case "amount", "budget", "final_budget":
		v, err := ParseNumber(group(1))
		if err != nil {
			return c, false
		}
		c.value, err = ToYuan(v, group(2))
		if err != nil {
			if !v.IsZero() {
				return c, false // only a zero goes without its unit
			}
			c.value = decimal.Zero
		}
		c.unit, c.raw = Yuan, group(1)+group(2)
	case "share_pct", "completion_pct":
		v, err := ParseNumber(group(1))
		if err != nil {
			return c, false
		}
		c.value, c.unit, c.raw = v, Percent, rest[m[2]:m[1]]
	case "yoy_change":
		v, err := ParseNumber(group(2))
		if err != nil {
			return c, false
		}
		v, _ = ToYuan(v, group(3))
		c.value, c.unit, c.raw = Signed(v, group(1)), Yuan, group(1)+group(2)+group(3)
	case "yoy_pct":
		return readRate(c, group(1), group(2), group(3))
	}
	return c, true
}

// clauseContext is what the reader knows about where a sentence stands.
type clauseContext struct {
	sec       *sections
	sentence  string
	paragraph string
	all       allGPB
	kind      string // the document's kind
	// leadIn is the paragraph that introduced a list the sentence is an
	// item of ("财政拨款支出主要内容如下："), whose words scope the items.
	leadIn string
}

// allGPB says how much of a document's money is 一般公共预算.
type allGPB struct {
	fiscal bool // all 财政拨款: its 财政拨款 statements are about gpb money
	money  bool // all money: its spending by function is gpb spending
	stated bool // known from figures the document states equal, not inferred
}

// gpb reports whether the sentence is about 一般公共预算 money: by its
// section, its own words, or as a 财政拨款 statement where all 财政拨款 is
// 一般公共预算.
func (c clauseContext) gpb() bool {
	if c.sec.gpb() || strings.Contains(c.sentence, "一般公共预算") || strings.Contains(c.leadIn, "一般公共预算") {
		return true
	}
	return c.all.fiscal && (strings.Contains(c.sentence, "财政拨款") || strings.Contains(c.sec.titles[2]+c.sec.titles[3], "财政拨款") ||
		strings.Contains(c.leadIn, "财政拨款"))
}

// inferredGPB reports whether a 一般公共预算 metric read here rests on an
// unsure inference: the sentence and its headings do not say 一般公共预算,
// and it counts as such because all the document's 财政拨款 is, which
// the document does not state outright (inferredFund).
func inferredGPB(metric string, c clauseContext) bool {
	gpb := strings.HasPrefix(metric, "gpb.") || strings.HasPrefix(metric, "income.fiscal.gpb")
	return gpb && !c.sec.gpb() && !strings.Contains(c.sentence, "一般公共预算") && inferredFund(c.all)
}

// inferredFund reports whether "all 财政拨款 is 一般公共预算" was inferred
// from other kinds stated nil, rather than read from two equal figures.
func inferredFund(all allGPB) bool { return all.fiscal && !all.stated }

// byFunction reports whether spending by function class read here is gpb
// spending.
func (c clauseContext) byFunction() bool { return c.gpb() || c.all.money }

// pick chooses the metric a term means here. 一般公共预算 metrics need a
// 一般公共预算 context; where both kinds fit, that context prefers them.
func (c clauseContext) pick(t *term) string {
	gpb := c.gpb()
	chosen := ""
	for _, m := range t.metrics {
		switch {
		case strings.HasSuffix(m, allGPBSuffix):
			if !gpb || !c.all.fiscal {
				continue
			}
		case strings.HasSuffix(m, budgetSuffix):
			if c.kind != "预算" {
				continue
			}
		}
		m = baseMetric(m)
		// In a section on 财政拨款 totals, a bare 收、支总计 is theirs.
		if m == "total" && strings.Contains(c.sec.titles[2]+c.sec.titles[3], "财政拨款") {
			return "fiscal.total"
		}
		isGPB := strings.HasPrefix(m, "gpb.") || strings.HasPrefix(m, "income.fiscal.gpb")
		switch {
		case m == "gpb.class" && c.byFunction() && !gpb:
			return m
		case isGPB && !gpb:
			continue
		case isGPB:
			return m
		case chosen == "":
			chosen = m
		}
	}
	return chosen
}

// sentences splits a paragraph at 。 and line breaks, keeping the
// semicolon-separated lists of one sentence together.
func sentences(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '。' || r == '\n' || r == '!' || r == '?' })
}

// reader extracts facts from one document's narrative.
type reader struct {
	seg   *Segmenter
	facts *factSet
	kind  string // the document's kind: 决算 or 预算
	// goesOn says the table being read goes on in the next table (its
	// next page's part, cut apart): a sum over its last rows is not whole.
	goesOn bool
	// follows says the table being read goes on from the table before:
	// a 合计 at its foot sums rows there too.
	follows bool
	// scattered says the header of the table being read stands on both
	// sides of its title (a copy in the content stream's order): its
	// words are there, their order is not.
	scattered bool
	// carried says the summary table read last ended past this year's
	// income, in its carry-over rows.
	carried  bool
	all      allGPB // how much of the money is 一般公共预算
	id       Identity
	sums     []TableSum
	classes  []ClassFigure
	economic []EconomicFigure
	// vehicle are the “三公” rows whose one figure for 公务用车购置费 and
	// 运行费 may be either's (settleVehicle).
	vehicle []vehicleSplit
	changes []Fact // year-on-year changes of 类 and 项
	partial []int  // blocks of function tables with a row of figures not read
	// names are the names the document's function tables give their 类
	// and 款 codes, the first printed (reader.named).
	names map[string]string
	// kindUnits is the unit each kind of standard table is printed in,
	// the first such table's.
	kindUnits map[tableKind]string
	lead      lead // what the sentence being read is about
	// openItem is a line item that ended its paragraph before its
	// figures: the next paragraph goes on with it.
	openItem string
	// leadIn is the last paragraph that ended in a colon, introducing a
	// list, until the next heading.
	leadIn string
	// done, when closed, stops the reading between sentences: the
	// document's time is up (DocumentContext).
	done <-chan struct{}
}

// lead is what a sentence is about: the first metric (and line) it states
// an amount of.
type lead struct{ metric, subject, code string }

// paragraph reads the facts of one paragraph.
func (r *reader) paragraph(b *extract.Block, text string, sec *sections) {
	start := len(r.facts.list)
	var prev lead // the previous sentence's
	for _, s := range sentences(text) {
		if r.stopped() {
			return
		}
		r.lead = lead{}
		r.sentence(b, s, text, sec, prev)
		prev = r.lead
	}
	if m := reasonRe.FindStringSubmatch(text); m != nil {
		for i := start; i < len(r.facts.list); i++ {
			if f := &r.facts.list[i]; strings.HasPrefix(f.Measure, "yoy") {
				f.Reason = strings.TrimSpace(m[0])
			}
		}
	}
}

// stopped reports whether the reading was told to stop.
func (r *reader) stopped() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

func (r *reader) sentence(b *extract.Block, s, text string, sec *sections, prev lead) {
	s = r.withoutReasons(s)
	ctx := clauseContext{sec: sec, sentence: s, paragraph: text, all: r.all, kind: r.kind, leadIn: r.leadIn}
	r.absence(b, s, sec)
	if !strings.ContainsAny(s, "0123456789") && !openItemRe.MatchString(s) && !strings.Contains(s, "(项)") {
		return // no figure here, and no item whose figures follow: nothing to read
	}
	if prev.metric != "" && r.continued(b, s, prev) {
		return
	}
	done := r.items(b, s, ctx)
	r.terms(b, s, ctx, done)
	r.counts(b, s)
}

// withoutReasons cuts a sentence's reasons out: what follows 主要原因
// explains a change ("增加人员经费1408.29万元"), and its figures are not the
// document's amounts. A reason runs to the sentence's end, or to a
// semicolon after which a clause states a figure of its own by name
// ("…主要原因是购置公务用车；公务用车运行费21.56万元，…"): that clause is
// the sentence's again.
func (r *reader) withoutReasons(s string) string {
	for {
		i := reasonStartRe.FindStringIndex(s)
		if i == nil || i[0] == 0 {
			return s
		}
		rest := s[i[1]:]
		k := strings.IndexAny(rest, "；;")
		if k < 0 {
			return s[:i[0]]
		}
		_, w := utf8.DecodeRuneInString(rest[k:])
		after := rest[k+w:]
		if !r.statesByName(after) {
			return s[:i[0]]
		}
		s = s[:i[0]] + "；" + after
	}
}

// statesByName reports whether a clause opens with a metric's name and
// its figure ("公务用车运行费21.56万元"), not a reason's next point ("二是…",
// "人员经费增加…").
func (r *reader) statesByName(clause string) bool {
	hits := r.seg.terms(clause)
	if len(hits) == 0 || hits[0].start != 0 {
		return false
	}
	rest := strings.TrimLeft(clause[hits[0].end:], " 为是")
	return rest != "" && rest[0] >= '0' && rest[0] <= '9'
}

// continued reads a sentence that opens with a change and names nothing —
// "…（类）支出20153.75万元，主要用于…。与上年相比增加3161.38万元，增长18.60%。" —
// as a change of what the previous sentence was about.
func (r *reader) continued(b *extract.Block, s string, prev lead) bool {
	clauses, _, _ := phrases(s, 0, len(s), r.kind == "预算")
	if len(clauses) == 0 {
		return false
	}
	for _, c := range clauses {
		if !strings.HasPrefix(c.measure, "yoy") {
			return false
		}
	}
	for _, c := range clauses {
		r.record(b, s, prev.metric, prev.subject, prev.code, c, BasisInferred) // what it is a change of is inferred
	}
	return true
}

// record adds a clause's fact, and notes what the sentence is about. The
// year-on-year changes of 类 and 项, which metrics.tsv gives no measure,
// go to r.changes for validation to add up.
func (r *reader) record(b *extract.Block, s, metric, subject, code string, c clause, basis string) {
	if r.lead.metric == "" && c.measure == "amount" {
		r.lead = lead{metric, subject, code}
	}
	if (metric == "gpb.class" || metric == "gpb.item") && strings.HasPrefix(c.measure, "yoy") {
		if !r.facts.ocr[b.Pos.Block] { // no sum would confirm an OCR reading
			r.changes = append(r.changes, Fact{Metric: metric, Measure: c.measure, Subject: subject, Code: code,
				Value: c.value, Unit: c.unit, Raw: c.raw, Pos: b.Pos, Text: around(s, c.start, c.end), Method: Narrative, Basis: basis})
		}
		return
	}
	if (metric == "income.fiscal" || metric == "income.fiscal.gpb" && r.all.fiscal) && strings.HasPrefix(c.measure, "yoy") && r.budgetFiscalTotal() {
		// A budget's 财政拨款收入 is its 财政拨款收支总计 where the two are
		// equal: its change is the total's.
		metric, basis = "fiscal.total", BasisInferred
	}
	f := r.fact(b, s, metric, subject, code, c)
	f.Basis = basis
	r.facts.add(f)
}

// budgetFiscalTotal reports whether a budget's 财政拨款收入 equals its
// 财政拨款收支总计: no carry-over.
func (r *reader) budgetFiscalTotal() bool {
	if r.kind != "预算" {
		return false
	}
	t, ok := r.facts.index[Key{"fiscal.total", "amount", ""}]
	i, ok2 := r.facts.index[Key{"income.fiscal", "amount", ""}]
	return ok && ok2 && r.facts.list[t].Value.Equal(r.facts.list[i].Value)
}

// terms reads "<metric name><figures>" clauses, skipping text already read
// as line items (done holds their byte spans).
func (r *reader) terms(b *extract.Block, s string, ctx clauseContext, done [][2]int) {
	hits := r.seg.terms(s)
	before := firstIndex{s: s}
	cursor := 0
	var asides [][2]int // read past as a name's figures went on after them
	for i, h := range hits {
		if i%256 == 255 && r.stopped() {
			return // a sentence can be a whole document long
		}
		if h.start < cursor && !inSpans(h.start, asides) || inSpans(h.start, done) {
			continue
		}
		limit := len(s)
		for _, next := range hits[i+1:] {
			if next.start >= h.end {
				limit = next.start
				break
			}
		}
		metric := ctx.pick(h.term)
		if metric == "" || !standsAlone(s, h, metric) || !before.has(h.term.after, h.start) {
			continue
		}
		clauses, end, aside := phrases(s, h.end, limit, r.kind == "预算")
		if h.term.weak && !partsFollowRe.MatchString(s[end:]) {
			continue // a bare name, not stating a whole with its parts
		}
		cursor, asides = max(cursor, end), append(asides, aside...)
		if h.term.proxy {
			if !r.tablesAgree(metric, clauses) {
				continue
			}
			clauses = withoutAmount(clauses) // the tables' own, to the yuan
		}
		subject, code := "", ""
		if metric == "gpb.class" {
			subject, code = classSubject(h.term.text), h.term.class
		}
		basis := BasisNarrative
		if inferredGPB(metric, ctx) {
			basis = BasisInferred
		}
		for _, c := range clauses {
			r.record(b, s, metric, subject, code, c, basis)
		}
	}
}

// firstIndex answers whether a word occurs in s before a position, from
// the word's first occurrence, found once: a long sentence has many terms.
type firstIndex struct {
	s     string
	index map[string]int
}

func (f *firstIndex) has(word string, before int) bool {
	if word == "" {
		return true
	}
	i, ok := f.index[word]
	if !ok {
		if f.index == nil {
			f.index = map[string]int{}
		}
		i = strings.Index(f.s, word)
		f.index[word] = i
	}
	return i >= 0 && i+len(word) <= before
}

func inSpans(pos int, spans [][2]int) bool {
	for _, sp := range spans {
		if pos >= sp[0] && pos < sp[1] {
			return true
		}
	}
	return false
}

// items reads 类/款/项 line items: "一般公共服务(类)人大事务(款)行政运行(项):
// 支出决算为1273.96万元,完成预算100%". It returns the spans it read.
func (r *reader) items(b *extract.Block, s string, ctx clauseContext) [][2]int {
	if !ctx.byFunction() {
		return nil
	}
	var done [][2]int
	ms := itemRe.FindAllStringSubmatchIndex(s, -1)
	if len(ms) == 0 {
		ms = itemDashRe.FindAllStringSubmatchIndex(s, -1)
	}
	class := ""
	if len(ms) == 0 {
		// "1. 人大事务(款)行政运行(项)支出…" under a "(一)一般公共服务(类)"
		// heading; some reports print (类) where (款) is meant.
		if h := classHeadingRe.FindStringSubmatch(ctx.sec.titles[3]); h != nil {
			class = h[1]
			ms = itemNoClassRe.FindAllStringSubmatchIndex(s, -1)
		}
	}
	for _, m := range ms {
		var names []string
		if class != "" {
			names = []string{class, s[m[2]:m[3]], s[m[4]:m[5]]}
		} else {
			names = []string{s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]]}
		}
		subject, code := r.itemSubject(names)
		clauses, end, _ := phrases(s, m[1]+r.ownYear(s[m[1]:]), len(s), r.kind == "预算")
		subject, code, sure := r.matchItem(names, subject, code, clauses)
		basis := BasisNarrative
		if !sure || inferredGPB("gpb.item", ctx) {
			basis = BasisInferred
		}
		for _, c := range clauses {
			r.record(b, s, "gpb.item", subject, code, c, basis)
		}
		done = append(done, [2]int{m[0], end})
		if len(clauses) == 0 {
			if !r.itemTail(b, ctx.paragraph, s, subject, code, basis) {
				// The paragraph ends at the item, its figures still to
				// come: the next paragraph (a page turned) has them.
				if at := strings.Index(ctx.paragraph, s); at >= 0 && !nextItemRe.MatchString(ctx.paragraph[at+len(s):]) {
					r.openItem = ctx.paragraph[at+m[0]:]
				}
			}
		}
	}
	return done
}

// ownYearRe is the year a line item's figures may open with: "（项）：
// 2018年预算数为38.49万元".
var ownYearRe = regexp.MustCompile(`^[:,，]?\s*(\d{4})年度?`)

// ownYear is the length of the document's own year opening s, 0 if s opens
// otherwise: another year's figure ("2017年预算数为…") is not this year's.
func (r *reader) ownYear(s string) int {
	m := ownYearRe.FindStringSubmatch(s)
	if m == nil || r.id.Year == 0 || m[1] != strconv.Itoa(r.id.Year) {
		return 0
	}
	return len(m[0])
}

// Item figures stated after the item's name, past its purpose, in the
// sentences that follow: "…(项)。主要用于：…。年初预算为1560.05万元，支出决算为
// 1511.89万元，完成年初预算的96.9%。"
var (
	itemBudgetRe     = regexp.MustCompile(`(?:年初|全年|调整后?)预算(?:数)?为?` + num + money)
	itemAmountRe     = regexp.MustCompile(`支出决算(?:数)?为?` + num + money)
	itemCompletionRe = regexp.MustCompile(`完成(?:年初|全年|调整后?)?预算(?:数)?的?` + num + pct)
	purposeRe        = regexp.MustCompile(`主要用于[:：]?([^。;；]+)`)
	gapReasonRe      = regexp.MustCompile(`决算数?[大小]于(?:年初|全年|调整后?)?预算数?的主要原因(?:是|为|[:：])?([^。;；]+)`)
	nextItemRe       = regexp.MustCompile(`\((?:款|类)\)[^。]*\(项\)`)
)

// itemTail reads an item's figures from the rest of its paragraph, up to
// the next item. basis is the item's own: whether its line and its fund
// were read or inferred.
func (r *reader) itemTail(b *extract.Block, paragraph, s, subject, code, basis string) bool {
	i := strings.Index(paragraph, s)
	if i < 0 || r.kind != "决算" {
		return false
	}
	found := false
	tail := paragraph[i+len(s):]
	if m := nextItemRe.FindStringIndex(tail); m != nil {
		tail = tail[:m[0]]
	}
	purpose, gap := "", ""
	if m := purposeRe.FindStringSubmatch(tail); m != nil {
		purpose = strings.TrimSpace(m[0])
	}
	if m := gapReasonRe.FindStringSubmatch(tail); m != nil {
		gap = strings.TrimSpace(m[0])
	}
	for _, p := range []struct {
		re      *regexp.Regexp
		measure string
	}{{itemBudgetRe, "budget"}, {itemAmountRe, "amount"}, {itemCompletionRe, "completion_pct"}} {
		all := p.re.FindAllStringSubmatchIndex(tail, -1)
		if len(all) == 0 {
			continue
		}
		m := all[0]
		for _, x := range all[1:] { // a final budget after the initial one wins
			if t := tail[x[0]:x[1]]; strings.HasPrefix(t, "全年") || strings.HasPrefix(t, "调整") {
				m = x
			}
		}
		c, ok := readClause(p.measure, tail, m)
		if !ok {
			continue
		}
		if p.measure == "budget" || p.measure == "amount" {
			c.raw = tail[m[2]:m[5]]
		}
		f := r.fact(b, s, "gpb.item", subject, code, c)
		// Stated sentences after the item's name, but before any other
		// item's: its own, as sure as the item.
		f.Basis = basis
		// The amount carries what it was for; the budget and the rate, why
		// the outturn differs from the budget.
		f.Reason = purpose
		if p.measure != "amount" && gap != "" {
			f.Reason = gap
		}
		r.facts.add(f)
		found = true
	}
	return found
}

var (
	classHeadingRe = regexp.MustCompile(`^\([一二三四五六七八九十]+\)([\p{Han}、]+?)\(类\)$`)
	itemNoClassRe  = regexp.MustCompile(`^(?:\d+[.．、]\s*)?([\p{Han}、“”()]+?)\((?:款|类)\)(.+?)\(项\)`)
)

// itemSubject names a line item by its 类/款/项 names as printed (the 类
// with its 支出), and gives the code when the catalogue resolves all three
// levels, under current or former names.
func (r *reader) itemSubject(printed []string) (subject, code string) {
	names := make([]string, len(printed))
	for i, p := range printed {
		names[i] = strings.Trim(strings.TrimSpace(p), "“”\"「」『』") // "“社会保障和就业支出（类）…（项）”53.84万元"
	}
	if !strings.HasSuffix(names[0], "支出") {
		names[0] += "支出"
	}
	if c, _ := r.seg.lx.cat.path(names...); len(c) == 7 {
		code = c
		// One line, one subject: each level as the catalogue spells the
		// name printed (current or former), give or take 支出.
		for k, lc := range []string{c[:3], c[:5], c} {
			if e := r.seg.lx.cat.byCode[lc]; e != nil && k < len(names) {
				names[k] = e.printedAs(names[k])
			}
		}
	}
	return strings.Join(names, "/"), code
}

// absenceRe reads a statement that a kind of money is absent: "本部门无政府
// 性基金预算财政拨款支出", "本单位2021年度没有使用国有资本经营预算财政拨款安排
// 的支出", "本部门2018年无使用政府性基金预算拨款安排的支出". FACTS.md counts it as
// a zero.
var absenceRe = regexp.MustCompile(`(?:本部门|本单位|[\p{Han}()]{2,30}?)(?:\d{4}年度?)?(?:无|没有)(?:使用)?(政府性基金|国有资本经营)预算(?:财政)?(?:拨款)?(?:安排的)?(?:收入|支出|收支|预算)`)

// threePublicAbsenceRe reads a statement that no “三公” money was spent:
// "2024年度无“三公”经费财政拨款支出", "本年度没有财政拨款“三公”经费支出".
var threePublicAbsenceRe = regexp.MustCompile(`(?:无|没有)(?:使用)?(?:财政拨款)?[“"]?三公[”"]?经费(?:财政拨款)?(?:安排的)?支出`)

// placeholderRe finds what a template leaves for the department to fill.
var placeholderRe = regexp.MustCompile(`XX|ＸＸ|××|某某`)

// operatingAbsenceRe reads a statement that there is no 机关运行经费 (a
// 事业单位 has none): "2024年上海市普陀区社会福利院无机关运行经费".
var operatingAbsenceRe = regexp.MustCompile(`(?:无|没有)(?:安排)?(?:使用)?(?:一般公共预算)?(?:财政拨款)?机关运行经费(?:支出)?`)

// thisAbsenceRe reads "本部门无此项支出" and the like, which name no kind of
// money: the section heading does.
var thisAbsenceRe = regexp.MustCompile(`本(?:部门|单位)(?:无|没有)此项(?:支出|收入|收支|资金)`)

func (r *reader) absence(b *extract.Block, s string, sec *sections) {
	if !strings.Contains(s, "无") && !strings.Contains(s, "没有") || placeholderRe.MatchString(s) {
		return // no absence stated, or a template's example of one (上海市XX局…无…)
	}
	if thisAbsenceRe.MatchString(s) {
		head := sec.titles[2] + sec.titles[3]
		switch {
		case strings.Contains(head, "政府性基金") && strings.Contains(head, "支出"):
			r.zero(b, "gov_fund.expenditure")
		case strings.Contains(head, "国有资本经营") && strings.Contains(head, "支出"):
			r.zero(b, "state_capital.expenditure")
		}
	}
	// "无“三公”经费财政拨款支出的部门，作下述说明" is a template's
	// instruction, not a statement.
	if m := threePublicAbsenceRe.FindStringIndex(s); m != nil && !strings.HasPrefix(s[m[1]:], "的") {
		r.facts.add(Fact{Metric: "three_public.total", Measure: "amount", Value: decimal.Zero, Unit: Yuan, Raw: s[m[0]:m[1]], Pos: b.Pos, Text: around(s, m[0], m[1]), Method: Narrative})
	}
	if m := operatingAbsenceRe.FindStringIndex(s); m != nil && !strings.HasPrefix(s[m[1]:], "的") {
		r.facts.add(Fact{Metric: "operating_expense", Measure: "amount", Value: decimal.Zero, Unit: Yuan, Raw: s[m[0]:m[1]], Pos: b.Pos, Text: around(s, m[0], m[1]), Method: Narrative})
	}
	for _, m := range absenceRe.FindAllStringSubmatchIndex(s, -1) {
		metric := "gov_fund.expenditure"
		if m[2] >= 0 && s[m[2]:m[3]] == "国有资本经营" {
			metric = "state_capital.expenditure"
		}
		r.facts.add(Fact{Metric: metric, Measure: "amount", Value: decimal.Zero, Unit: Yuan, Raw: s[m[0]:m[1]], Pos: b.Pos, Text: around(s, m[0], m[1]), Method: Narrative})
	}
}

// zero records a stated absence of metric's money.
func (r *reader) zero(b *extract.Block, metric string) {
	r.facts.add(Fact{Metric: metric, Measure: "amount", Value: decimal.Zero, Unit: Yuan, Raw: Clean(b.Text), Pos: b.Pos, Text: Clean(b.Text), Method: FromTable})
}

// countPatterns read counts that the term engine leaves alone.
var countPatterns = []struct {
	metric string
	re     *regexp.Regexp
}{
	// 团组 of travel abroad, not of visitors received (接待…团组36批次).
	{"three_public.overseas.groups", regexp.MustCompile(`出(?:国|访|境)[^。;；接]{0,20}?团组(?:共)?(\d+)(?:个|次|批)`)},
	{"three_public.overseas.persons", regexp.MustCompile(`出国\(境\)(?:人员|人数)?(?:共)?(\d+)人|出(?:国|访|境)[^。;；接]{0,20}?团组\d+(?:个|次|批)[,，、]\s*(?:累计|共|合计)?(\d+)人`)},
	// Visitors received at home: not 外事接待, and within a clause.
	{"three_public.reception.batches", regexp.MustCompile(`公务接待(?:共)?(\d+)批次?|(?:^|[^事])接待[^。;；,，]{0,12}?(\d+)批次?`)},
	{"three_public.reception.persons", regexp.MustCompile(`公务接待[^。;；,，]{0,12}?\d+批次?[,，、]\s*(?:共|累计)?(\d+)人次|(?:^|[^事])接待[^。;；,，]{0,12}?\d+批次?[,，、]\s*(?:共|累计)?(\d+)人次`)},
	{"three_public.vehicle.purchased", regexp.MustCompile(`购置(?:公务用)?车(?:辆)?(\d+)辆`)},
	{"assets.vehicles", regexp.MustCompile(`共有(?:公务用)?车辆?(\d+)辆`)},
}

func (r *reader) counts(b *extract.Block, s string) {
	for _, p := range countPatterns {
		m := p.re.FindStringSubmatchIndex(s)
		if m == nil {
			continue
		}
		g := 2 // the first group that matched: patterns have alternatives
		for g+1 < len(m) && m[g] < 0 {
			g += 2
		}
		v, err := ParseNumber(s[m[g]:m[g+1]])
		if err != nil {
			continue
		}
		r.facts.add(Fact{Metric: p.metric, Measure: "count", Value: v, Unit: Count,
			Raw: s[m[0]:m[1]], Pos: b.Pos, Text: around(s, m[0], m[1]), Method: Narrative})
	}
}

// fact builds a fact if the metric has the measure; others come back with
// an empty Metric, which factSet.add drops.
func (r *reader) fact(b *extract.Block, s, metric, subject, code string, c clause) Fact {
	if !hasMeasure(r.seg.lx.metrics[metric], c.measure) {
		return Fact{}
	}
	return Fact{Metric: metric, Measure: c.measure, Subject: subject, Code: code, Value: c.value,
		Unit: c.unit, Raw: c.raw, Pos: b.Pos, Text: around(s, c.start, c.end), Method: Narrative}
}

// maxFactText bounds a narrative fact's Text, in bytes: a sentence up to
// it is kept whole, a longer one (a page without a full stop) as the part
// around the figure, so that what stores and checks the fact's text does
// not cost the sentence's length per fact.
const maxFactText = 4 << 10

// around is s, or when s is longer than maxFactText the part of it around
// s[start:end], cut at runes.
func around(s string, start, end int) string {
	if len(s) <= maxFactText {
		return s
	}
	from, to := max(start-maxFactText/2, 0), min(end+maxFactText/2, len(s))
	for from > 0 && !utf8.RuneStart(s[from]) {
		from--
	}
	for to < len(s) && !utf8.RuneStart(s[to]) {
		to++
	}
	return s[from:to]
}

func hasMeasure(m Metric, measure string) bool {
	for _, x := range m.Measures {
		if x == measure {
			return true
		}
	}
	return false
}

// factSet keeps one fact per key, the first stated; a later different
// value goes to conflicts.
type factSet struct {
	list      []Fact
	index     map[Key]int
	byCode    map[Key]int // per-line facts by function code: one item, however its name was printed
	conflicts []Fact
	withheld  []Fact       // OCR figures a table's sums contradict
	rounded   []Fact       // narrative amounts that round a table's unread figure (keptExact)
	ocr       map[int]bool // the blocks read by OCR, by Pos.Block
}

func (fs *factSet) add(f Fact) {
	if f.Metric == "" {
		return
	}
	if fs.index == nil {
		fs.index, fs.byCode = map[Key]int{}, map[Key]int{}
	}
	if fs.ocr[f.Pos.Block] && !f.OCR {
		f.OCR, f.Unverified = true, true // a sentence (or chart) read by OCR: no sum checked it
	}
	codeKey := Key{f.Metric, f.Measure, "#" + f.Code}
	i, ok := fs.index[f.Key()]
	if j, same := fs.byCode[codeKey]; !ok && same && f.Code != "" {
		i, ok = j, true
		f.Subject = fs.list[j].Subject
	}
	if ok {
		if fs.list[i].Value.Equal(f.Value) && f.Pos.Block != fs.list[i].Pos.Block {
			// Read again elsewhere, alike: a text layer, or a second
			// OCR reading of another printing of the figure.
			fs.list[i].Unverified = false
		}
		switch {
		case !fs.list[i].Value.Equal(f.Value):
			fs.conflicts = append(fs.conflicts, f)
		case fs.list[i].Reason == "":
			// A table states the figure, the narrative why: keep both.
			fs.list[i].Reason = f.Reason
		}
		return
	}
	fs.index[f.Key()] = len(fs.list)
	if f.Code != "" {
		fs.byCode[codeKey] = len(fs.list)
	}
	fs.list = append(fs.list, f)
}

// classSubject is a 类 as printed, without its (类) marker and with 支出.
func classSubject(printed string) string {
	s := strings.ReplaceAll(printed, "(类)", "")
	if !strings.HasSuffix(s, "支出") {
		s += "支出"
	}
	return s
}

var reasonStartRe = regexp.MustCompile(`主要(?:变动)?原因|原因(?:是|为|主要是)`)

// changeVerbRe ends text that makes the following figure a change: "增加基本
// 支出844.15万元" is an increase, not the 基本支出.
var changeVerbRe = regexp.MustCompile(`(?:增加|减少|增长|下降|节约|压减|调增|调减|新增)了?$`)

// subtotalPrefixRe ends the words that make a total term part of a larger
// name: 其他资金收入预算总计 is not 收入预算总计, nor 财政拨款收入合计 本年收入合计,
// nor 一般公共预算收入预算 收入预算 (one fund's, not the whole income).
var subtotalPrefixRe = regexp.MustCompile(`(?:资金|拨款|基金|专户|事业|经营|其他|上级补助|附属单位|预算)$`)

// partsFollowRe opens the parts of a whole just stated: "收入预算3617.38万元，
// 其中：…". A weak name (narrativeAliases) names its metric only so.
var partsFollowRe = regexp.MustCompile(`^[,，:]?\s*其中`)

// standsAlone reports whether a term found in s names its metric here,
// rather than being part of a longer name: a total after a sub-category
// word, or a name marked as a classification line ("公务接待费(款)").
func standsAlone(s string, h hit, metric string) bool {
	// The words before the term are matched on a short tail: a regexp
	// anchored at the end still scans all it is given, and a sentence can
	// be long (one without a full stop is a whole page).
	before := tail(s[:h.start], maxWordBytes)
	if strings.HasPrefix(s[h.end:], "(款)") || strings.HasPrefix(s[h.end:], "(项)") || changeVerbRe.MatchString(before) {
		return false
	}
	switch metric {
	case "total", "income.total", "expenditure.total":
		// A total in a clause that names a 类, 款 or 项 is that line's
		// ("行政运行事务（款）：预算支出合计…"), not the department's.
		clause := tail(s[:h.start], maxClauseBytes)
		if i := strings.LastIndexAny(clause, "。;；"); i >= 0 {
			clause = clause[i:]
		}
		return !subtotalPrefixRe.MatchString(before) && !lineMarkRe.MatchString(clause)
	}
	return true
}

// Bounds on the text before a term that standsAlone looks at: the longest
// word its regexps end with, and a clause, in bytes.
const (
	maxWordBytes   = 32
	maxClauseBytes = 1 << 10
)

// tail is the last n bytes of s or fewer, starting at a rune.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// lineMarkRe finds a classification line's marker.
var lineMarkRe = regexp.MustCompile(`\((?:类|款|项)\)`)
