package validate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/shopspring/decimal"
)

// text is a block's text with full-width forms folded (normalize.Clean).
func text(b *extract.Block) string { return normalize.Clean(b.Text) }

// residueRe finds placeholders a template left behind: XX局, ××, 某某,
// {单位}.
var residueRe = regexp.MustCompile(`\p{Han}[XＸ×xｘ]{2,}|[XＸ×xｘ]{2,}\p{Han}|某某|[{｛][^{}｛｝]{1,12}[}｝]`)

func residue(p *Pass) {
	if len(p.doc.Blocks) == 0 {
		return
	}
	p.ran()
	for i := range p.doc.Blocks {
		b := &p.doc.Blocks[i]
		if !strings.ContainsAny(b.Text, "XＸ×xｘ某{｛") {
			continue // the expression is slow on long text; most blocks cannot match
		}
		for _, m := range residueRe.FindAllString(b.Text, 3) {
			p.fail(Finding{Severity: Warning, Message: fmt.Sprintf("模板残留“%s”（%s）", m, b.Pos)})
		}
	}
}

var titleKindRe = regexp.MustCompile(`\d{4}\s*年度?\s*(?:部门|单位)\s*(决算|预算)`)

// kindMismatch finds titles of the other kind: a 决算 whose heading says
// 2021年度部门预算.
func kindMismatch(p *Pass) {
	if p.kind == "" {
		return
	}
	p.ran()
	for i := range p.doc.Blocks {
		b := &p.doc.Blocks[i]
		if len(b.Text) > 160 || !strings.Contains(b.Text, "年") {
			continue // titles are short and dated
		}
		t := text(b)
		if len([]rune(t)) > 40 {
			continue
		}
		for _, m := range titleKindRe.FindAllStringSubmatch(t, -1) {
			if m[1] != p.kind {
				p.fail(Finding{Severity: Warning, Message: fmt.Sprintf("本文件为%s，标题却称“%s”（%s）", p.kind, m[0], b.Pos)})
			}
		}
	}
}

// topics are the sections of the Ministry of Finance template, by the words
// their headings use; "{k}" stands for 决算 or 预算.
var topics = []struct{ name, words string }{
	{"收入支出{k}总体情况", "收入支出{k}总体情况|收支{k}总体情况|收入支出{k}情况|收支{k}情况"},
	{"收入{k}情况", "收入{k}情况"},
	{"支出{k}情况", "支出{k}情况"},
	{"财政拨款收入支出{k}总体情况", "财政拨款收入支出{k}|财政拨款收支{k}|财政拨款收支总体情况"},
	{"一般公共预算财政拨款支出{k}情况", "一般公共预算财政拨款支出{k}|一般公共预算支出{k}"},
	{"“三公”经费", "三公"},
	{"政府性基金", "政府性基金"},
	{"机关运行经费", "机关运行经费"},
	{"政府采购", "政府采购"},
	{"名词解释", "名词解释"},
}

// narrativeLess reports a document without prose figures: a tables-only
// file of a report published in two parts.
func (d *document) narrativeLess() bool {
	n := 0
	for i := range d.doc.Blocks {
		b := &d.doc.Blocks[i]
		if b.Kind == extract.Paragraph && strings.Contains(b.Text, "万元") && len([]rune(b.Text)) > 30 {
			n++
		}
	}
	return n < 3
}

func sections(p *Pass) {
	// The template's sections are those of a 决算; budgets follow local
	// templates (部门预算编制说明) too varied to require them.
	if p.kind != "决算" || p.narrativeLess() {
		return
	}
	p.ran()
	for _, tp := range topics {
		words := strings.Split(strings.ReplaceAll(tp.words, "{k}", p.kind), "|")
		if !p.mentions(words, 60) {
			p.fail(Finding{Severity: Warning, Message: "缺少说明部分：" + strings.ReplaceAll(tp.name, "{k}", p.kind)})
		}
	}
}

// mentions reports whether a heading or short paragraph holds one of words.
func (d *document) mentions(words []string, maxRunes int) bool {
	for i := range d.doc.Blocks {
		b := &d.doc.Blocks[i]
		if b.Kind != extract.Paragraph && b.Kind != extract.Heading {
			continue
		}
		t := text(b)
		if len([]rune(t)) > maxRunes {
			continue
		}
		for _, w := range words {
			if strings.Contains(t, w) {
				return true
			}
		}
	}
	return false
}

// standardTables are the nine tables a 决算 publishes, by the words of
// their titles.
var standardTables = []string{
	"收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表",
	"一般公共预算财政拨款支出决算表", "一般公共预算财政拨款基本支出决算表",
	"三公", "政府性基金", "国有资本经营",
}

var emptyTableRe = regexp.MustCompile(`无.{0,30}(?:数据|此项|收支|收入|支出|空表)|空表`)

// tables checks that each standard table is there: a title followed by a
// table, or by a statement that it is empty. Budgets and files whose tables
// are published apart ("公开表附后", no table at all) are not checked.
func tables(p *Pass) {
	if p.kind != "决算" {
		return
	}
	hasTable := false
	for _, b := range p.doc.Blocks {
		hasTable = hasTable || b.Kind == extract.TableBlock
	}
	if !hasTable {
		return
	}
	p.ran()
	for _, title := range standardTables {
		switch {
		case p.tablePresent(title):
		case p.blankTable(title):
			p.fail(Finding{Severity: Warning, Message: "公开表为空，且无无数据说明：" + title})
		default:
			p.fail(Finding{Severity: Warning, Message: "缺少公开表：" + title})
		}
	}
}

// blankTable reports whether a table's title is followed by its form —
// a unit line, then headings and row labels read as text — with no
// figures: a blank table, which a report must say has no data.
func (d *document) blankTable(title string) bool {
	for i := range d.doc.Blocks {
		b := &d.doc.Blocks[i]
		if b.Kind != extract.Paragraph && b.Kind != extract.Heading || !strings.Contains(text(b), title) || !strings.Contains(text(b), "表") {
			continue
		}
		for _, next := range d.doc.Blocks[i+1 : min(i+4, len(d.doc.Blocks))] {
			if t := strings.ReplaceAll(text(&next), " ", ""); strings.HasPrefix(t, "单位:") || strings.HasPrefix(t, "单位：") {
				return true
			}
		}
	}
	return false
}

func (d *document) tablePresent(title string) bool {
	for i := range d.doc.Blocks {
		b := &d.doc.Blocks[i]
		if b.Kind == extract.TableBlock && strings.Contains(firstLines(text(b), 2), title) {
			return true // the title was read as the table's first row
		}
		if b.Kind != extract.Paragraph && b.Kind != extract.Heading || !strings.Contains(text(b), title) || !strings.Contains(text(b), "表") {
			continue
		}
		for _, next := range d.doc.Blocks[i+1 : min(i+10, len(d.doc.Blocks))] {
			if next.Kind == extract.TableBlock || emptyTableRe.MatchString(next.Text) {
				return true
			}
		}
	}
	return false
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

// tokens flattens the document into a stream of short texts: table cells
// in reading order and tab-separated parts of paragraphs (text dumps of
// tables). Project self-assessment tables are read from it.
func (d *document) tokens() []string {
	var out []string
	for _, b := range d.doc.Blocks {
		switch b.Kind {
		case extract.TableBlock:
			for i, row := range b.Table.Rows {
				for j, c := range row {
					if t := strings.TrimSpace(normalize.Clean(c.Text)); t != "" && !c.Covered(i, j) {
						out = append(out, t)
					}
				}
			}
		case extract.Paragraph, extract.Heading:
			for _, p := range strings.Split(normalize.Clean(b.Text), "\t") {
				if p = strings.TrimSpace(p); p != "" {
					out = append(out, p)
				}
			}
		}
	}
	return out
}

var plainNumberRe = regexp.MustCompile(`^\d+(?:\.\d+)?$`)

// zeroBudgetRe reads a sentence that states a zero initial budget and a
// rate of completion of that budget: "年初预算为0万元，全年预算为321.02万元，
// 支出决算为307.82万元，完成年初预算的95.89%".
var zeroBudgetRe = regexp.MustCompile(`年初预算(?:数)?(?:为|是)?:?0(?:\.0+)?(?:万元|元)[^。]*?完成年初预算(?:数)?的?(\d+(?:\.\d+)?)%`)

// zeroBudget finds rates of completion stated against an initial budget
// of zero, which has none: the rate was computed against another budget
// (the 全年预算), or copied. The facts keep the final budget, so
// completion.recompute cannot see it.
func zeroBudget(p *Pass) {
	for i := range p.doc.Blocks {
		b := &p.doc.Blocks[i]
		if b.Kind != extract.Paragraph || !strings.Contains(b.Text, "完成年初预算") {
			continue
		}
		t := strings.ReplaceAll(text(b), " ", "")
		for _, m := range zeroBudgetRe.FindAllStringSubmatch(t, -1) {
			rate, err := normalize.ParseNumber(m[1])
			if err != nil {
				continue
			}
			if rate.IsZero() {
				p.pass()
				continue
			}
			p.fail(Finding{Severity: Warning, Actual: rate,
				Message: fmt.Sprintf("年初预算为 0，文中却称完成年初预算的 %s%%（%s）", m[1], b.Pos)})
		}
	}
}

// The contracts small and medium firms won, as the Shanghai template
// states them: within the projects reserved for them, and in the others.
var (
	smeReservedRe = regexp.MustCompile(`在面向中小企业预留的?政府采购项目中[,，]?由中小企业供应商中标或成交的[,，]?采购金额(?:为)?(\d[\d,]*(?:\.\d+)?(?:万元|元))`)
	smeOtherRe    = regexp.MustCompile(`在其他政府采购项目中[,，]?由中小企业供应商中标或成交的[,，]?采购金额(?:为)?(\d[\d,]*(?:\.\d+)?(?:万元|元))`)
)

// smeAwards checks that what small and medium firms won, in the projects
// reserved for them and in the others, does not exceed the year's whole
// procurement: shgzb states 21.07万元 for each against a total of 21.07万元.
func smeAwards(p *Pass) {
	t, ti := p.get("procurement.total", "amount", "")
	for i := range p.doc.Blocks {
		b := &p.doc.Blocks[i]
		if b.Kind != extract.Paragraph || !strings.Contains(b.Text, "中小企业供应商") {
			continue
		}
		s := strings.ReplaceAll(text(b), " ", "")
		r, o := smeReservedRe.FindStringSubmatch(s), smeOtherRe.FindStringSubmatch(s)
		if r == nil || o == nil {
			continue
		}
		if t == nil {
			p.missing()
			return
		}
		var parts [2]normalize.Fact
		for k, raw := range []string{r[1], o[1]} {
			v, err := normalize.ParseAmount(raw)
			if err != nil {
				return
			}
			parts[k] = normalize.Fact{Value: v, Raw: raw, Unit: normalize.Yuan}
		}
		won := parts[0].Value.Add(parts[1].Value)
		if won.Sub(t.Value).LessThanOrEqual(rounding(t, &parts[0], &parts[1])) {
			p.pass()
			return
		}
		p.fail(Finding{Severity: Error, Expected: known(t.Value), Actual: won, Facts: []int{ti},
			Message: fmt.Sprintf("中小企业在预留项目中成交 %s、在其他项目中成交 %s，合计 %s，超过政府采购支出总额 %s（%s）",
				r[1], o[1], money(won, &parts[0]), money(t.Value, t), b.Pos)})
		return
	}
}

// projectCompletion checks a project self-assessment table's 预算数 and
// 执行数 (in 万元) against the completion rate the narrative states for the
// line item whose amount is the 执行数: the seed's 一般行政管理事务 executed
// 170.51 of a 158.4 budget, yet "完成预算100%".
func projectCompletion(p *Pass) {
	has := false
	for _, b := range p.doc.Blocks {
		has = has || strings.Contains(b.Text, "执行数")
	}
	if !has {
		return
	}
	toks := p.tokens()
	next := func(i int) (string, int) {
		for k := i + 1; k < min(i+3, len(toks)); k++ {
			if plainNumberRe.MatchString(toks[k]) {
				return toks[k], k
			}
		}
		return "", -1
	}
	for i, t := range toks {
		if !strings.HasPrefix(t, "预算数") {
			continue
		}
		unit := false
		for k := max(0, i-3); k < i; k++ {
			unit = unit || strings.Contains(toks[k], "万元")
		}
		b, bi := next(i)
		if !unit || bi < 0 || bi+1 >= len(toks) || !strings.HasPrefix(toks[bi+1], "执行数") {
			continue
		}
		e, _ := next(bi + 1)
		if e == "" {
			continue
		}
		p.checkProject(b, e)
	}
}

func (p *Pass) checkProject(budget, executed string) {
	bv, err1 := normalize.ParseNumber(budget)
	ev, err2 := normalize.ParseNumber(executed)
	if err1 != nil || err2 != nil || bv.IsZero() {
		return
	}
	var item *normalize.Fact
	for i := range p.facts {
		f := &p.facts[i]
		if f.Metric == "gpb.item" && f.Measure == "amount" && f.Value.Equal(ev.Shift(4)) {
			if item != nil {
				return // two items with this amount: no telling which
			}
			item = f
		}
	}
	if item == nil {
		return
	}
	rate, ri := p.get("gpb.item", "completion_pct", item.Subject)
	if rate == nil {
		return
	}
	computed := ev.Mul(hundred).DivRound(bv, 4)
	dec := decimalsOf(rate.Raw)
	if rate.Value.Sub(computed).Abs().LessThanOrEqual(halfPct(rate).Add(decimal.New(5, -2))) {
		p.pass()
		return
	}
	p.fail(Finding{Severity: Error, Expected: known(computed.Round(dec)), Actual: rate.Value, Facts: []int{ri},
		Message: fmt.Sprintf("%s：绩效自评表预算数 %s 万元、执行数 %s 万元（%s%%），文中称完成预算 %s%%", item.Subject, budget, executed, computed.Round(2), rate.Value)})
}

// unverified reports the figures read by OCR that nothing confirmed: no
// sum of their table, no second reading elsewhere. They stand as facts,
// flagged here, one finding per document.
func unverified(p *Pass) {
	var idx []int
	var shown []string
	ocr := false
	for i, f := range p.facts {
		if !f.OCR {
			continue
		}
		ocr = true
		if f.Unverified {
			idx = append(idx, i)
			if len(shown) < 5 {
				shown = append(shown, fmt.Sprintf("%s %s（%s）", label(f.Metric, f.Subject, f.Measure), f.Raw, f.Pos))
			}
		}
	}
	switch {
	case !ocr:
		return
	case len(idx) == 0:
		p.pass()
		return
	}
	more := ""
	if len(idx) > len(shown) {
		more = fmt.Sprintf(" 等 %d 项", len(idx))
	}
	p.fail(Finding{Severity: Warning, Facts: idx,
		Message: fmt.Sprintf("OCR 识别的数字无法用表内合计或文中另一处核对，可能有误：%s%s", strings.Join(shown, "；"), more)})
}

// withheld reports the figures read by OCR that their table's sums
// contradict, which normalize kept out of the facts.
func withheld(p *Pass) {
	ws := p.res.Withheld
	ocr := len(ws) > 0
	for _, f := range p.facts {
		ocr = ocr || f.OCR
	}
	if !ocr {
		return
	}
	if len(ws) == 0 {
		p.pass()
		return
	}
	for _, f := range ws {
		p.fail(Finding{Severity: Warning, Actual: f.Value,
			Message: fmt.Sprintf("OCR 识别的表格数字与表内合计不符，未作为事实采用：%s %s（%s）", label(f.Metric, f.Subject, f.Measure), f.Raw, f.Pos)})
	}
}
