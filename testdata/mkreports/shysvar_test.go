package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/validate"
	"github.com/shopspring/decimal"
)

// shysDocs builds n documents of a run of Shanghai budgets only.
func shysDocs(t *testing.T, seed uint64, n int) []*Doc {
	t.Helper()
	return docsOf(t, genConfig{N: n, Seed: seed, Styles: []string{"shys"}})
}

// tableTitled is the document's first table whose title holds s.
func tableTitled(d *Doc, s string) *Table {
	for _, bl := range d.Blocks {
		if bl.Kind == bTable && strings.Contains(bl.Table.Title, s) {
			return bl.Table
		}
	}
	return nil
}

// printed is a cell's figure in fen as a reader takes it (blank and "-"
// are zero); ok is false for text that is no figure.
func printed(c Cell, wan bool) (Fen, bool) {
	s := strings.ReplaceAll(c.Text, ",", "")
	if s == "" || s == "-" {
		return 0, true
	}
	v, err := decimal.NewFromString(s)
	if err != nil {
		return 0, false
	}
	shift := int32(2)
	if wan {
		shift = 6
	}
	return Fen(v.Shift(shift).IntPart()), true
}

// The tall form of the “三公” table: one row of seven figures under the
// year's names, the 机关运行经费 column narrow, the header padded; its
// parts add up, zero prints "0" or blank, never "0.00", and the table
// states the same facts as the usual form.
func TestThreeTall(t *testing.T) {
	var tall, usual, zeros, blanks int
	for _, d := range shysDocs(t, 21, 60) {
		v := &variant{}
		drawVariations(v, d.Name)
		tb := tableTitled(d, "“三公”经费和机关运行经费预算表")
		if tb == nil {
			t.Fatalf("%s: no “三公” table", d.Name)
		}
		if !v.threeTall {
			usual++
			if tb.TallHead {
				t.Errorf("%s: the usual “三公” table has a tall header", d.Name)
			}
			continue
		}
		tall++
		y := d.Report.Year
		if !tb.TallHead || len(tb.Widths) != 7 || tb.Head[0][0].Text != fmt.Sprintf("%d年“三公”经费预算数", y) ||
			tb.Head[0][1].Text != fmt.Sprintf("%d年机关运行经费预算数", y) || tb.Head[0][1].RowSpan != 3 {
			t.Errorf("%s: tall “三公” table has header %v, widths %v", d.Name, tb.Head, tb.Widths)
		}
		if len(tb.Body) != 1 || len(tb.Body[0]) != 7 {
			t.Fatalf("%s: tall “三公” table has body %v; want one row of seven", d.Name, tb.Body)
		}
		var f [7]Fen
		for i, c := range tb.Body[0] {
			if c.Text == "0.00" {
				t.Errorf("%s: zero prints 0.00 in the tall form", d.Name)
			}
			switch c.Text {
			case "0":
				zeros++
			case "":
				blanks++
			}
			var ok bool
			if f[i], ok = printed(c, true); !ok {
				t.Errorf("%s: cell %d prints %q", d.Name, i, c.Text)
			}
		}
		// 合计 因公出国 公务接待 | 小计 购置 运行 | 机关运行经费
		if f[0] != f[1]+f[2]+f[3] || f[3] != f[4]+f[5] {
			t.Errorf("%s: “三公” row %v does not add up", d.Name, f)
		}
		r := d.Report
		want := [7]Fen{r.Three.Total(), r.Three.Overseas, r.Three.Reception, r.Three.Vehicle(), r.Three.Purchase, r.Three.Operation, roundTo(r.OpExp, WanCent)}
		if f != want {
			t.Errorf("%s: “三公” row %v; want %v", d.Name, f, want)
		}
		facts := map[string]string{}
		for _, x := range resolve(d.Sites) {
			if x.Measure == "amount" && (strings.HasPrefix(x.Metric, "three_public.") || x.Metric == "operating_expense") {
				facts[x.Metric] = x.Value
			}
		}
		for i, m := range []string{"three_public.total", "three_public.overseas", "three_public.reception", "three_public.vehicle",
			"three_public.vehicle.purchase", "three_public.vehicle.operation", "operating_expense"} {
			if facts[m] != yuanString(want[i]) {
				t.Errorf("%s: truth %s = %q; want %s", d.Name, m, facts[m], yuanString(want[i]))
			}
		}
	}
	t.Logf("%d tall, %d usual; %d zeros printed 0, %d blank", tall, usual, zeros, blanks)
	if tall < 15 || usual < 15 || zeros == 0 || blanks == 0 {
		t.Errorf("%d tall and %d usual “三公” tables in 60 budgets, %d zeros printed 0, %d blank; want about half tall, both zeros", tall, usual, zeros, blanks)
	}
}

// Function tables that open with project-only 类: in about one Shanghai
// budget in six, the 支出预算总表 and the 一般公共预算 table open with more
// rows of 类 below 208 than a page holds, every one with 基本支出 zero and
// 合计 = 项目支出; the rows after carry the 基本支出. Half the documents
// print zero as "0".
func TestLeadProjects(t *testing.T) {
	var lead, zero, roomy int
	for _, d := range shysDocs(t, 21, 120) {
		v := &variant{}
		drawVariations(v, d.Name)
		if !v.lead.on {
			continue
		}
		lead++
		if v.lead.zero {
			zero++
		}
		if v.lead.roomy {
			roomy++
		}
		r := d.Report
		n := leadRowCount(r)
		if n < v.lead.rows() {
			t.Errorf("%s: %d project-only rows first; want %d or more", d.Name, n, v.lead.rows())
		}
		for _, title := range []string{"支出预算总表", "一般公共预算支出功能分类预算表"} {
			tb := tableTitled(d, title)
			if tb == nil {
				t.Fatalf("%s: no %s", d.Name, title)
			}
			if v.lead.roomy != (tb.Tall == 1) {
				t.Errorf("%s: %s has Tall %d; roomy %v", d.Name, title, tb.Tall, v.lead.roomy)
			}
			var later Fen
			for i, row := range tb.Body {
				fig := row[len(row)-3:]
				tot, ok1 := printed(fig[0], d.Unit == "万元")
				basic, ok2 := printed(fig[1], d.Unit == "万元")
				proj, ok3 := printed(fig[2], d.Unit == "万元")
				if !ok1 || !ok2 || !ok3 || tot != basic+proj {
					t.Errorf("%s: %s row %d: %v; want 合计 = 基本支出 + 项目支出", d.Name, title, i, fig)
				}
				if i >= n {
					later = max(later, basic)
					continue
				}
				if basic != 0 || tot == 0 {
					t.Errorf("%s: %s row %d (%s) has 基本支出 %q, 合计 %q; want 0 and a figure", d.Name, title, i, row[len(row)-4].Text, fig[1].Text, fig[0].Text)
				}
				if v.lead.zero && fig[1].Text != "0" {
					t.Errorf("%s: %s row %d prints 基本支出 %q; want 0", d.Name, title, i, fig[1].Text)
				}
			}
			if later < 100000*Yuan {
				t.Errorf("%s: %s: the largest 基本支出 after the first rows is %s; want a large one", d.Name, title, yuanString(later))
			}
			if name := tb.Body[0][len(tb.Body[0])-4].Text; name != fname("201", r.Year) {
				t.Errorf("%s: %s opens with %q; want 201", d.Name, title, name)
			}
		}
		vals := printedValues(d)
		for _, c := range d.Checks {
			var s Fen
			for _, p := range c.Parts {
				s += vals[p]
			}
			if s != vals[c.Total] {
				t.Errorf("%s: %s = %s; want the sum of %v = %s", d.Name, c.Total, yuanString(vals[c.Total]), c.Parts, yuanString(s))
			}
		}
		for _, f := range validateFacts(d).Findings {
			if f.Severity == validate.Error {
				t.Errorf("%s: %s: %s", d.Name, f.Rule, f.Message)
			}
		}
	}
	t.Logf("%d of 120 open with project-only rows: %d zero as 0, %d roomy", lead, zero, roomy)
	if lead < 10 || zero == 0 || zero == lead || roomy == 0 || roomy == lead {
		t.Errorf("%d of 120 budgets open with project-only rows (%d zero as 0, %d roomy); want about 20, both kinds of each", lead, zero, roomy)
	}
}

// leadRowCount is the number of function-table rows (类, 款, 项) of the
// report's 类 below leadBefore.
func leadRowCount(r *Report) int {
	rows := map[string]bool{}
	for _, it := range allItems(r) {
		if it.Code[:3] < leadBefore {
			rows[it.Code], rows[it.Code[:5]], rows[it.Code[:3]] = true, true, true
		}
	}
	return len(rows)
}
