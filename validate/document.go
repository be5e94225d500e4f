package validate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/fiscaldocs/fiscaldocs/normalize"
	"golang.org/x/text/width"
)

// Document checks one document: its facts (as Run does) and its text —
// template residue, a 决算 calling itself a 预算 or the reverse, missing
// sections, missing standard tables.
func Document(doc *extract.Document, res *normalize.Result) *Report {
	v := &checker{kind: res.Identity.Kind, facts: res.Facts, index: map[normalize.Key]int{}, rep: &Report{}}
	for i := range res.Facts {
		v.index[res.Facts[i].Key()] = i
	}
	v.run(rules)
	v.conflicts(res.Conflicts)
	d := docChecker{checker: v, doc: doc, kind: res.Identity.Kind}
	v.run([]rule{
		{"template.residue", func(*checker) { d.residue() }},
		{"kind.mismatch", func(*checker) { d.kindMismatch() }},
		{"sections.missing", func(*checker) { d.sections() }},
		{"tables.missing", func(*checker) { d.tables() }},
	})
	return v.rep
}

type docChecker struct {
	*checker
	doc  *extract.Document
	kind string
}

func (v *checker) run(rs []rule) {
	for _, r := range rs {
		v.rep.Ledger = append(v.rep.Ledger, Check{Rule: r.id, Status: NotApplicable})
		v.cur = &v.rep.Ledger[len(v.rep.Ledger)-1]
		r.run(v)
	}
}

// text is a block's text folded to ASCII punctuation and digits.
func text(b *extract.Block) string { return width.Fold.String(b.Text) }

// residueRe finds placeholders a template left behind: XX局, ××, 某某,
// {单位}.
var residueRe = regexp.MustCompile(`\p{Han}[XＸ×xｘ]{2,}|[XＸ×xｘ]{2,}\p{Han}|某某|[{｛][^{}｛｝]{1,12}[}｝]`)

func (d docChecker) residue() {
	d.cur.Status = Passed
	for i := range d.doc.Blocks {
		b := &d.doc.Blocks[i]
		for _, m := range residueRe.FindAllString(b.Text, 3) {
			d.fail(Finding{Severity: Warning, Message: fmt.Sprintf("模板残留“%s”（%s）", m, b.Pos)})
		}
	}
}

var titleKindRe = regexp.MustCompile(`\d{4}\s*年度?\s*(?:部门|单位)\s*(决算|预算)`)

// kindMismatch finds titles of the other kind: a 决算 whose heading says
// 2021年度部门预算.
func (d docChecker) kindMismatch() {
	if d.kind == "" {
		return
	}
	d.cur.Status = Passed
	for i := range d.doc.Blocks {
		b := &d.doc.Blocks[i]
		t := text(b)
		if len([]rune(t)) > 40 {
			continue
		}
		for _, m := range titleKindRe.FindAllStringSubmatch(t, -1) {
			if m[1] != d.kind {
				d.fail(Finding{Severity: Warning, Message: fmt.Sprintf("本文件为%s，标题却称“%s”（%s）", d.kind, m[0], b.Pos)})
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
func (d docChecker) narrativeLess() bool {
	n := 0
	for i := range d.doc.Blocks {
		b := &d.doc.Blocks[i]
		if b.Kind == extract.Paragraph && strings.Contains(b.Text, "万元") && len([]rune(b.Text)) > 30 {
			n++
		}
	}
	return n < 3
}

func (d docChecker) sections() {
	// The template's sections are those of a 决算; budgets follow local
	// templates (部门预算编制说明) too varied to require them.
	if d.kind != "决算" || d.narrativeLess() {
		return
	}
	d.cur.Status = Passed
	for _, tp := range topics {
		words := strings.Split(strings.ReplaceAll(tp.words, "{k}", d.kind), "|")
		if !d.mentions(words, 60) {
			d.fail(Finding{Severity: Warning, Message: "缺少说明部分：" + strings.ReplaceAll(tp.name, "{k}", d.kind)})
		}
	}
}

// mentions reports whether a heading or short paragraph holds one of words.
func (d docChecker) mentions(words []string, maxRunes int) bool {
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
func (d docChecker) tables() {
	if d.kind != "决算" {
		return
	}
	hasTable := false
	for _, b := range d.doc.Blocks {
		hasTable = hasTable || b.Kind == extract.TableBlock
	}
	if !hasTable {
		return
	}
	d.cur.Status = Passed
	for _, title := range standardTables {
		if !d.tablePresent(title) {
			d.fail(Finding{Severity: Warning, Message: "缺少公开表，或其无数据说明：" + title})
		}
	}
}

func (d docChecker) tablePresent(title string) bool {
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
