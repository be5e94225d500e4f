package main

import (
	"bytes"
	"cmp"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/fiscaldocs/fiscaldocs/validate"
	"github.com/shopspring/decimal"
)

// testDocs builds n documents of a run in memory (no conversions).
func testDocs(t *testing.T, seed uint64, n int, inject bool) []*Doc {
	t.Helper()
	return docsOf(t, genConfig{N: n, Seed: seed, Inject: inject, Styles: styleKeys()})
}

// docsOf builds a run's documents in memory (no conversions).
func docsOf(t *testing.T, cfg genConfig) []*Doc {
	t.Helper()
	n := cfg.N
	var docs []*Doc
	for i := 0; i < n; i++ {
		d, err := makeDoc(cfg, i)
		if err != nil {
			t.Fatalf("makeDoc(%d): %v", i, err)
		}
		docs = append(docs, d)
	}
	return docs
}

// printedValue is a site's figure in fen or hundredths, 0 when absent.
func printedValues(d *Doc) map[string]Fen {
	m := map[string]Fen{}
	for _, s := range d.Sites {
		if _, ok := m[s.ID]; !ok {
			m[s.ID] = fenOf(s.Value)
		}
	}
	return m
}

func TestTablesReconcile(t *testing.T) {
	for _, d := range testDocs(t, 11, 40, false) {
		vals := printedValues(d)
		if len(d.Checks) < 20 {
			t.Errorf("%s: only %d sum checks", d.Name, len(d.Checks))
		}
		for _, c := range d.Checks {
			var sum Fen
			for _, p := range c.Parts {
				sum += vals[p]
			}
			if sum != vals[c.Total] {
				t.Errorf("%s: %s = %s; want the sum of %v = %s", d.Name, c.Total, yuanString(vals[c.Total]), c.Parts, yuanString(sum))
			}
		}
	}
}

func TestModelBalances(t *testing.T) {
	for _, d := range testDocs(t, 12, 40, false) {
		r := d.Report
		if got, want := r.IncTotal()+r.UseBal+r.Carry0(), r.ExpTotal()+r.Distr+r.Carry1(); got != want {
			t.Errorf("%s: income side %d ≠ expenditure side %d", d.Name, got, want)
		}
		if got, want := r.FiscalTotal(), r.GPBTotal()+r.FundTotal()+r.Carry1F; got != want {
			t.Errorf("%s: 财政拨款 income side %d ≠ spending side %d", d.Name, got, want)
		}
		if got, want := r.Personnel()+r.Public(), r.GPBBasic(); got != want {
			t.Errorf("%s: 人员经费 + 公用经费 = %d; want 基本支出 %d", d.Name, got, want)
		}
		if got, want := r.PriorBasic+r.PriorProject+r.PriorReserve, r.PriorGPB; got != want {
			t.Errorf("%s: last year's uses add to %d; want %d", d.Name, got, want)
		}
		for _, it := range r.Items {
			if it.Total() < 0 || it.GBasic < 0 || it.GProject < 0 {
				t.Errorf("%s: item %s has a negative amount", d.Name, it.Code)
			}
			if r.Q > 1 && (it.GBasic%r.Q != 0 || it.GProject%r.Q != 0) {
				t.Errorf("%s: item %s is not a multiple of the table unit", d.Name, it.Code)
			}
		}
	}
}

var numRe = regexp.MustCompile(`^-?[0-9,]+(\.[0-9]+)?`)

// TestTruthIsPrinted checks that every fact's value is the figure its
// site prints, and that the HTML holds that figure where the site says.
func TestTruthIsPrinted(t *testing.T) {
	for _, d := range testDocs(t, 13, 40, true) {
		page := html.UnescapeString(string(renderHTML(d, d.Font)))
		facts := resolve(d.Sites)
		byKey := map[factKey][]site{}
		for _, s := range d.Sites {
			if !s.NoFact {
				byKey[s.Key] = append(byKey[s.Key], s)
			}
		}
		for _, f := range facts {
			key := factKey{f.Metric, f.Measure, f.Subject}
			ok := false
			for _, s := range byKey[key] {
				ok = ok || s.Value == f.Value
			}
			if !ok {
				t.Errorf("%s: fact %v = %s is printed nowhere", d.Name, key, f.Value)
			}
			if f.Metric == "gpb.item" && len(f.Code) != 7 || f.Metric == "gpb.class" && len(f.Code) != 3 {
				t.Errorf("%s: fact %v has code %q", d.Name, key, f.Code)
			}
		}
		for _, s := range d.Sites {
			if s.NoFact || strings.HasPrefix(s.ID, "n:note:") || strings.HasPrefix(s.ID, "n:cap") && s.Value == "0" && !strings.Contains(s.Raw, "万元") {
				continue
			}
			if s.Raw != "" && !strings.Contains(s.Raw, "万元") && !strings.Contains(s.Raw, "元") && !strings.HasSuffix(s.Raw, "%") && !numRe.MatchString(s.Raw) {
				continue // a statement of absence
			}
			num := numRe.FindString(s.Raw)
			if num == "" {
				continue
			}
			got := parsePrinted(s.Raw)
			if strings.HasPrefix(s.Value, "-") {
				got = "-" + got // a change prints its sign as 增加/减少
			}
			if got != s.Value {
				t.Errorf("%s: site %s prints %q but records %s (parsed %s)", d.Name, s.ID, s.Raw, s.Value, got)
			}
			want := num
			if s.Table {
				want = ">" + num + "<"
			}
			if !strings.Contains(page, want) {
				t.Errorf("%s: site %s: %q not in the HTML", d.Name, s.ID, want)
			}
		}
	}
}

// parsePrinted is the value a careful reader takes from a printed figure.
func parsePrinted(raw string) string {
	if raw == "-元" || raw == "-万元" {
		return "0"
	}
	num := strings.ReplaceAll(numRe.FindString(raw), ",", "")
	d, err := decimal.NewFromString(num)
	if err != nil {
		return "?" + raw
	}
	if strings.HasSuffix(raw, "万元") {
		d = d.Shift(4)
	}
	return d.String()
}

func TestDeterministic(t *testing.T) {
	a, b := testDocs(t, 14, 8, true), testDocs(t, 14, 8, true)
	for i := range a {
		if !bytes.Equal(renderHTML(a[i], a[i].Font), renderHTML(b[i], b[i].Font)) {
			t.Errorf("%s: HTML differs between two runs", a[i].Name)
		}
		if fmt.Sprint(resolve(a[i].Sites)) != fmt.Sprint(resolve(b[i].Sites)) || fmt.Sprint(a[i].Injected) != fmt.Sprint(b[i].Injected) {
			t.Errorf("%s: truth differs between two runs", a[i].Name)
		}
	}
}

// validateFacts runs the project's validation rules on a document's
// truth, with the narrative's differing figures as conflicts.
func validateFacts(d *Doc) *validate.Report {
	facts := resolve(d.Sites)
	var nfs []normalize.Fact
	winner := map[factKey]string{}
	raw := map[factKey]site{}
	for _, f := range facts {
		winner[factKey{f.Metric, f.Measure, f.Subject}] = f.Value
	}
	rank := func(s site) int {
		switch {
		case s.Table && s.Primary:
			return 0
		case s.Table:
			return 1
		}
		return 2
	}
	for _, s := range d.Sites {
		if s.NoFact || winner[s.Key] != s.Value {
			continue
		}
		if r, ok := raw[s.Key]; !ok || rank(s) < rank(r) {
			raw[s.Key] = s
		}
	}
	for _, f := range facts {
		key := factKey{f.Metric, f.Measure, f.Subject}
		nfs = append(nfs, toFact(raw[key], f.Code))
	}
	var conflicts []normalize.Fact
	for _, s := range d.Sites {
		if !s.NoFact && s.Value != winner[s.Key] {
			conflicts = append(conflicts, toFact(s, s.Code))
		}
	}
	return validate.Run(nfs, conflicts)
}

func toFact(s site, code string) normalize.Fact {
	unit := normalize.Yuan
	switch {
	case s.Pct:
		unit = normalize.Percent
	case s.Key.Measure == "count":
		unit = normalize.Count
	}
	method, basis := normalize.Narrative, normalize.BasisNarrative
	if s.Table {
		method, basis = normalize.FromTable, normalize.BasisTable
	}
	raw := s.Raw
	if !strings.ContainsAny(raw, "0123456789") {
		raw = "0万元"
	}
	return normalize.Fact{Metric: s.Key.Metric, Measure: s.Key.Measure, Subject: s.Key.Subject, Code: code,
		Value: decimal.RequireFromString(s.Value), Unit: unit, Raw: raw, Method: method, Basis: basis}
}

func TestCleanPassesValidation(t *testing.T) {
	for _, d := range testDocs(t, 15, 60, false) {
		for _, f := range validateFacts(d).Findings {
			if f.Severity == validate.Error {
				t.Errorf("%s: %s: %s", d.Name, f.Rule, f.Message)
			}
		}
	}
}

// TestInjectionsFire checks that each planted inconsistency a fact-level
// rule can see comes out as an error of one of its rules.
func TestInjectionsFire(t *testing.T) {
	factLevel := map[string]bool{"narrative.vs_table": true, "sum.basic_expenditure": true, "share.recompute": true,
		"yoy.pct": true, "sum.three_public": true, "sum.items_budget": true}
	seen := map[string]int{}
	for _, d := range testDocs(t, 16, 80, true) {
		rep := validateFacts(d)
		for _, inj := range d.Injected {
			seen[inj.Kind]++
			checkable := false
			for _, r := range inj.Rules {
				checkable = checkable || factLevel[r]
			}
			if !checkable || inj.Kind == "table_item_sum" || inj.Kind == "items_budget_sum" && !tabled(d, "gpb.item", "budget") {
				// A list the narrative states is whole only by where its
				// figures print, which truth facts do not carry.
				continue
			}
			caught := false
			for _, f := range rep.Findings {
				caught = caught || f.Severity == validate.Error && slices.Contains(acceptedRules(inj), f.Rule)
			}
			if !caught {
				t.Errorf("%s: injected %s (%s) raised no error of %v", d.Name, inj.Kind, inj.Detail, acceptedRules(inj))
			}
		}
	}
	for _, in := range injectors {
		if seen[in.kind] == 0 {
			t.Errorf("injection kind %s never planted in 80 documents", in.kind)
		}
	}
}

// tabled reports whether a table prints the document's metric and
// measure.
func tabled(d *Doc, metric, measure string) bool {
	for _, s := range d.Sites {
		if s.Table && s.Key.Metric == metric && s.Key.Measure == measure {
			return true
		}
	}
	return false
}

// TestVariationsOccur checks that every variation the generator claims
// shows up across a run.
func TestVariationsOccur(t *testing.T) {
	docs := testDocs(t, 17, 80, false)
	seen := map[string]bool{}
	for _, d := range docs {
		page := string(renderHTML(d, d.Font))
		add := func(k string) { seen[k] = true }
		add("style:" + d.Style)
		add("kind:" + d.Report.Kind)
		add("unit:" + d.Unit)
		add("scope:" + d.Report.Dept.Scope)
		add("pagenum:" + d.Furn.PageNum)
		add("textcopy:" + textCopy(d.Name))
		if textCopy(d.Name) == "-layout" && liftsLines(d.Name) {
			if text := wrappedProse(d, 38); liftLines(text, d, liftedCount(d.Name)) != text {
				add("lifted:-layout")
			}
		}
		if d.Furn.Header != "" {
			add("running-header")
		}
		for _, bl := range d.Blocks {
			if bl.Kind != bTable {
				continue
			}
			tb := bl.Table
			add(fmt.Sprintf("landscape:%v", tb.Landscape))
			add(fmt.Sprintf("repeat:%v", tb.Repeat))
			if tb.VAlign != "" {
				add("valign:" + tb.VAlign)
			}
			if tb.Note != "" {
				add("empty-note")
			}
			if tb.Tall > 0 {
				add(fmt.Sprintf("tall%d", tb.Tall))
				add("tall:" + textCopy(d.Name))
			}
			if tb.TallHead {
				add("tall-head")
			}
			for _, w := range tb.Widths {
				if w == "9%" {
					add("narrow-names")
				}
			}
		}
		if strings.Contains(page, "<thead>") {
			add("thead")
		}
		if leadRowCount(d.Report) > 20 {
			add("lead-projects")
		}
		for _, z := range []string{">0.00<", ">-<"} {
			if strings.Contains(page, z) {
				add("zero" + z)
			}
		}
		if regexp.MustCompile(`>\d{1,3}(,\d{3})+(\.\d\d)?<`).MatchString(page) {
			add("separators")
		}
		if regexp.MustCompile(`>\d{5,}\.\d\d<`).MatchString(page) {
			add("no-separators")
		}
		if strings.Contains(page, `rowspan="`) && strings.Contains(page, `class="code">201<`) {
			add("codes")
		}
		if regexp.MustCompile(`class="code">20\d{5}<`).MatchString(page) {
			add("codes:single")
		}
	}
	for _, want := range []string{"style:shjs", "style:shys", "style:jsys", "style:scjs", "style:xj", "kind:决算", "kind:预算", "unit:元", "unit:万元",
		"scope:部门", "scope:单位", "pagenum:dash", "pagenum:hyphen", "pagenum:di", "pagenum:plain", "pagenum:", "running-header",
		"landscape:true", "landscape:false", "repeat:true", "repeat:false", "valign:top", "valign:bottom", "valign:middle", "empty-note",
		"narrow-names", "thead", "zero>0.00<", "zero>-<", "separators", "no-separators", "codes:single", "textcopy:-raw", "textcopy:-layout", "tall1", "tall2", "tall3", "tall:-layout", "lifted:-layout",
		"tall-head", "lead-projects"} {
		if !seen[want] {
			t.Errorf("variation %q never occurred in 80 documents", want)
		}
	}
}

// wrappedProse stands in for a -layout copy's narrative: d's paragraphs,
// each broken into lines of width characters.
func wrappedProse(d *Doc, width int) string {
	var b strings.Builder
	for _, p := range proseOf(d) {
		for r := []rune(p); len(r) > 0; r = r[min(width, len(r)):] {
			b.WriteString(string(r[:min(width, len(r))]) + "\n")
		}
	}
	return b.String()
}

func TestCatalogue(t *testing.T) {
	classes, items := map[string]bool{}, 0
	for code := range funcNames {
		if len(code) == 7 {
			items++
		}
		if len(code) == 3 && fname(code, 2024) != "" {
			classes[code] = true
		}
	}
	if len(classes) < 15 || items < 80 {
		t.Errorf("catalogue has %d 类 in 2024 and %d 项; want ≥ 15 and ≥ 80", len(classes), items)
	}
	for _, c := range []struct {
		code string
		year int
		want string
	}{
		{"210", 2018, "医疗卫生与计划生育支出"}, {"210", 2019, "卫生健康支出"},
		{"20805", 2019, "行政事业单位离退休"}, {"20805", 2020, "行政事业单位养老支出"},
		{"2209999", 2024, "其他自然资源海洋气象等支出"}, {"2080505", 2017, "机关事业单位基本养老保险缴费支出"},
		{"20139", 2023, ""}, {"2013901", 2024, "行政运行"},
	} {
		if got := fname(c.code, c.year); got != c.want {
			t.Errorf("fname(%s, %d) = %q; want %q", c.code, c.year, got, c.want)
		}
	}
	for code := range funcNames {
		if len(code) == 7 && fname(code[:5], 2024) == "" && fname(code, 2024) != "" {
			t.Errorf("项 %s exists in 2024 but its 款 does not", code)
		}
	}
}

func TestMoney(t *testing.T) {
	for _, c := range []struct {
		f, q, want Fen
	}{{12345, 100, 12300}, {12350, 100, 12400}, {-12350, 100, -12400}, {5, 10, 10}} {
		if got := roundTo(c.f, c.q); got != c.want {
			t.Errorf("roundTo(%d, %d) = %d; want %d", c.f, c.q, got, c.want)
		}
	}
	for _, c := range []struct {
		num, den Fen
		want     Pct
	}{{20993600, 21499400, 9765}, {-569500, 30523400, -187}, {1, 3, 3333}, {2, 3, 6667}} {
		if got := pctOf(c.num, c.den); got != c.want {
			t.Errorf("pctOf(%d, %d) = %d; want %d", c.num, c.den, got, c.want)
		}
	}
	if got := wanText(2940050000, true); got != "2,940.05" {
		t.Errorf("wanText = %q; want 2,940.05", got)
	}
	if got := pctText(1530, 2, true); got != "15.3" {
		t.Errorf("pctText(1530, 2, trim) = %q; want 15.3", got)
	}
	if got := yuanString(9101677535); got != "91016775.35" {
		t.Errorf("yuanString = %q", got)
	}
}

func TestCompactHead(t *testing.T) {
	head := [][]Cell{
		{span("编码", 1, 3), span("名称", 1, 3), span("收入预算", 2, 2)},
		{},
		{span("合计", 1, 1), span("其他", 1, 1)},
	}
	got := compactHead(head)
	if len(got) != 2 || got[0][0].RowSpan != 2 || got[0][2].RowSpan != 1 {
		t.Errorf("compactHead = %+v; want two rows, 编码 spanning 2, 收入预算 spanning 1", got)
	}
}

// TestBeyondRounding: a planted change to a sum's part exceeds twice what
// the printings' rounding allows, a trimmed "77万元" among them.
func TestBeyondRounding(t *testing.T) {
	for _, tt := range []struct {
		raw  string
		want Fen
	}{{"1,629.26万元", 5000}, {"69.2万元", 50000}, {"77万元", 500000}, {"22118861元", 50}} {
		if got := printedHalf(tt.raw); got != tt.want {
			t.Errorf("printedHalf(%q) = %d; want %d", tt.raw, got, tt.want)
		}
	}
	tol := printedHalf("77万元") + 10*printedHalf("1,629.26万元") // 5,500 元
	for _, d := range []int64{27000, -27000, 2000000, -2000000} {
		got := beyond(d, tol, 13918*WanCent)
		if abs(got) < 2*int64(tol) || (got < 0) != (d < 0) || (13918*WanCent+Fen(got))%(10*WanCent) == 0 {
			t.Errorf("beyond(%d, %d) = %d; want at least %d, of its sign, off a whole 0.1 万元", d, tol, got, 2*tol)
		}
	}
}

// A copy in stream order moves each table's title after the table's part
// on its page: before the next block's first line, or the page's end. A
// 合计 that is the part's first line of figures leaves its label under the
// title, its figures alone on their line.
func TestTitlesAfter(t *testing.T) {
	d := &Doc{Blocks: []Block{
		{Kind: bTable, Table: &Table{Title: "收入支出决算总表"}},
		{Kind: bTable, Table: &Table{Title: "收入决算表", Mark: "表二"}},
		{Kind: bHeading, Text: "第三部分 情况说明"},
	}}
	in := "收入支出决算总表\n单位：万元\n合计 10.00\n表二\n收入 决算表\n单位：万元\n合计 5.00\n\f第三部分 情况说明\n"
	want := "单位：万元\n10.00\n收入支出决算总表\n合计\n表二\n单位：万元\n5.00\n收入 决算表\n合计\n\f第三部分 情况说明\n"
	if got := titlesAfter(in, d); got != want {
		t.Errorf("titlesAfter\n got %q\nwant %q", got, want)
	}
	// A title wrapped over two lines moves whole.
	in = "收入支出决算\n总表\n单位：万元\n合计 10.00\n表二\n收入 决算表\n单位：万元\n合计 5.00\n\f第三部分 情况说明\n"
	want = "单位：万元\n10.00\n收入支出决算\n总表\n合计\n表二\n单位：万元\n5.00\n收入 决算表\n合计\n\f第三部分 情况说明\n"
	if got := titlesAfter(in, d); got != want {
		t.Errorf("titlesAfter, a wrapped title\n got %q\nwant %q", got, want)
	}
	// A title that opens a page leaves the page's start where it was.
	in = "前言\n\f收入支出决算总表\n单位：万元\n合计 10.00\n\f收入 决算表\n单位：万元\n合计 5.00\n\f第三部分 情况说明\n"
	want = "前言\n\f单位：万元\n10.00\n收入支出决算总表\n合计\n\f单位：万元\n5.00\n收入 决算表\n合计\n\f第三部分 情况说明\n"
	if got := titlesAfter(in, d); got != want {
		t.Errorf("titlesAfter, a title opening its page\n got %q\nwant %q", got, want)
	}
	// A row's figures before the 合计's: the 合计 stays whole.
	in = "收入支出决算总表\n201 一般公共服务支出 8.00\n合计 10.00\n表二\n收入 决算表\n合计 5.00\n\f第三部分 情况说明\n"
	want = "201 一般公共服务支出 8.00\n合计 10.00\n收入支出决算总表\n表二\n5.00\n收入 决算表\n合计\n\f第三部分 情况说明\n"
	if got := titlesAfter(in, d); got != want {
		t.Errorf("titlesAfter, a 合计 after a row\n got %q\nwant %q", got, want)
	}
}

// threePublic is a Jiangsu “三公” table's part in a -raw copy in reading
// order, with a five-line header, then the next section on a new page.
const threePublic = "公开表九\n“三公”经费、会议费、培训费支出预算表\n部门：江苏省人大常委会办公厅 单位：万元\n" +
	"合计\n“三公”经费\n会议费 培训费\n小计 因公出国（境）费 公务用车购置及运行维护费 公务接待费\n小计 公务用车购置费 公务用车运行维护费\n" +
	"2,600.71 767.60 199.25 183.60 183.60 384.75 1,469.73 363.38\n\f四、情况说明\n"

// A stream-order copy scatters about half of the headers of three lines
// or more, by the document's name: the lower header lines stay above the
// figures, one may sit between the figures and the title, the rest come
// after the title with the mark; the caption may split, and a header word
// may join the title's line. The line of figures is untouched.
func TestScatteredHeader(t *testing.T) {
	d := &Doc{Blocks: []Block{
		{Kind: bTable, Table: &Table{Title: "“三公”经费、会议费、培训费支出预算表", Mark: "公开表九", Org: "部门：江苏省人大常委会办公厅", Unit: "单位：万元"}},
		{Kind: bHeading, Text: "四、情况说明"},
	}}
	for _, tt := range []struct{ name, want string }{
		{"s3-0007-jsys", "部门： 单位：万元\n小计 因公出国（境）费 公务用车购置及运行维护费 公务接待费\n小计 公务用车购置费 公务用车运行维护费\n" +
			"2,600.71 767.60 199.25 183.60 183.60 384.75 1,469.73 363.38\n会议费 培训费\n“三公”经费、会议费、培训费支出预算表合计\n" +
			"江苏省人大常委会办公厅\n公开表九\n“三公”经费\n\f四、情况说明\n"},
		{"s3-0002-jsys", "公开表九\n部门：江苏省人大常委会办公厅 单位：万元\n合计\n“三公”经费\n会议费 培训费\n" +
			"小计 因公出国（境）费 公务用车购置及运行维护费 公务接待费\n小计 公务用车购置费 公务用车运行维护费\n" +
			"2,600.71 767.60 199.25 183.60 183.60 384.75 1,469.73 363.38\n“三公”经费、会议费、培训费支出预算表\n\f四、情况说明\n"},
	} {
		d.Name = tt.name
		if got := titlesAfter(threePublic, d); got != tt.want {
			t.Errorf("titlesAfter, %s\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
	// The 部门 part of the caption before the title, 合计 on the title's
	// line, the mark left in place (中共江苏省委办公厅, 2019).
	lines := strings.Split(threePublic, "\n")
	p := cutPart(lines[:9], 1, 1, d.Blocks[0].Table)
	got := strings.Join(p.stream(scatter{split: 2, caption: 1, glue: true}), "\n")
	want := "公开表九\n单位：万元\n会议费 培训费\n小计 因公出国（境）费 公务用车购置及运行维护费 公务接待费\n小计 公务用车购置费 公务用车运行维护费\n" +
		"2,600.71 767.60 199.25 183.60 183.60 384.75 1,469.73 363.38\n部门：江苏省人大常委会办公厅\n“三公”经费、会议费、培训费支出预算表合计\n“三公”经费"
	if got != want {
		t.Errorf("stream, caption 1 and glue\n got %q\nwant %q", got, want)
	}
}

// TestScatterShare checks that about half of the headers of three lines
// or more scatter and that none of two lines does.
func TestScatterShare(t *testing.T) {
	n := 0
	for i := range 400 {
		if scatterOf(docName(5, i, "jsys"), "一般公共预算支出预算表", 4) != (scatter{}) {
			n++
		}
		if scatterOf(docName(5, i, "jsys"), "一般公共预算支出预算表", 2) != (scatter{}) {
			t.Fatalf("a two-line header scatters in %s", docName(5, i, "jsys"))
		}
	}
	if n < 160 || n > 240 {
		t.Errorf("%d of 400 four-line headers scatter; want about 200", n)
	}
}

// A header ends where the body starts: at a line of figures, or at a row's
// code whose name wraps before its figures ("201" / "一般公共服务支" / "出"
// / "79.33 79.33"), which no scattering moves.
func TestOpensBody(t *testing.T) {
	for l, want := range map[string]bool{
		"201": true, "20101 人大事务": true, "79.33 79.33": true, "合计 1,767.98 1,232.71": true,
		"合计": false, "类 款 项": false, "目编码 科目名称": false, "栏次 1 2 3": false,
	} {
		if got := opensBody(l); got != want {
			t.Errorf("opensBody(%q) = %v, want %v", l, got, want)
		}
	}
}

// liftParas are the paragraphs of the -layout copies in TestLiftLines.
var liftParas = []Block{
	{Kind: bPara, Text: "本年支出合计2918.56万元，其中：基本支出1813.78万元，占62.15%；项目支出1104.78万元，占37.85%。"},
	{Kind: bPara, Text: "5、社会保障和就业支出（类）行政事业单位养老支出（款）其他行政事业单位养老支出（项）。主要用于离退休人员经费。年初预算为1.09万元，支出决算为1.09万元。决算数等于预算数。"},
	{Kind: bPara, Text: "6、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。年初预算为49.29万元，支出决算为46.92万元。"},
}

// A -layout copy that lifts lines sets a line of prose that opens with a
// figure and its unit above the line it follows, which breaks off
// mid-sentence, blank lines about the pair, as extract's liftedLines
// expects. A table's row, a line under one that ends a clause, a line
// outside the paragraphs and a lift that would make another line read as
// lifted stay as printed.
func TestLiftLines(t *testing.T) {
	d := &Doc{Name: "s9-0000-shjs", Blocks: liftParas}
	for _, tt := range []struct{ name, in, want string }{
		{"a paragraph's last line",
			"三、支出决算情况说明\n    本年支出合计2918.56万元，其中：基本支出1813.78万元，占62.15%；项目支出\n1104.78万元，占37.85%。\n四、财政拨款收入支出决算总体情况说明\n",
			"三、支出决算情况说明\n\n1104.78万元，占37.85%。\n    本年支出合计2918.56万元，其中：基本支出1813.78万元，占62.15%；项目支出\n\n四、财政拨款收入支出决算总体情况说明\n"},
		{"within a paragraph, two places",
			"（三）具体情况\n    5、社会保障和就业支出（类）行政事业单位养老支出（款）其他行政事业单位养老\n支出（项）。主要用于离退休人员经费。年初预算为\n1.09万元，支出决算为1.09万元。决算数等于预算数。\n" +
				"    6、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。年初预算为\n49.29万元，支出决算为46.92万元。\n\f\n",
			"（三）具体情况\n    5、社会保障和就业支出（类）行政事业单位养老支出（款）其他行政事业单位养老\n\n1.09万元，支出决算为1.09万元。决算数等于预算数。\n支出（项）。主要用于离退休人员经费。年初预算为\n" +
				"\n49.29万元，支出决算为46.92万元。\n    6、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。年初预算为\n\f\n"},
		{"a lift that would lift the line above it",
			"（三）具体情况\n\n    5、社会保障和就业支出（类）行政事业单位养老支出（款）其他行政事业单位养老\n支出（项）。主要用于离退休人员经费。年初\n预算为\n1.09万元，支出决算为1.09万元。决算数等于预算数。\n",
			""},
		{"a line under punctuation",
			"    本年支出合计2918.56万元，其中：基本支出1813.78万元，占62.15%；\n1104.78万元，占37.85%。\n", ""},
		{"a table's rows",
			"  项目支出    1104.78   37.85\n  1104.78万元   占37.85%\n", ""},
		{"lines in no paragraph",
			"单位名称：上海市鹤泉区规划和自然资源局\n1104.78万元\n", ""},
	} {
		want := cmp.Or(tt.want, tt.in)
		if got := liftLines(tt.in, d, 4); got != want {
			t.Errorf("liftLines, %s\n got %q\nwant %q", tt.name, got, want)
		}
	}
}
