package main

import "fmt"

// col is one figure column of a function table: its value for a line of
// items, and the fact (if any) a cell of it states.
type col struct {
	id  string
	val func(*Item) Fen
	// fact is the fact a cell states at a level ("class", "kuan",
	// "item", "total") for a code; nil for none.
	fact func(level, code string) *factKey
}

// funcTable lays out items by 类/款/项 with figure columns. headRows is the
// number of header rows of the figure columns; the code and name columns
// span them.
type funcTable struct {
	id       string
	items    []*Item
	cols     []col
	year     int
	headRows int
	topLabel string // "项目" over codes and names in a 3-row header
	codeHead string // 支出功能分类科目编码 / 科目编码 / 功能科目编码
	nameHead string // 科目名称
	totalTop bool   // 合计 row first
	noTotal  bool
	totLabel string
	primary  bool // the truth takes this table's figures for its keys
	// rowSum lists column ids whose figures add up on every row: the
	// first is the sum of the others (合计 = 基本支出 + 项目支出).
	rowSum []string
}

// layout builds the header part and body rows for code/name columns plus
// figures.
func (b *builder) funcTableRows(ft funcTable) (head [][]Cell, body [][]Cell, widths []string) {
	layout := b.tf.Codes
	ncode := 3
	if layout == "single" {
		ncode = 1
	}
	// Header: code and name columns over headRows rows.
	h := ft.headRows
	head = make([][]Cell, h)
	switch {
	case ncode == 1:
		head[0] = append(head[0], span(ft.codeHead, 1, h), span(ft.nameHead, 1, h))
	case h == 1:
		head[0] = append(head[0], span("类", 1, 1), span("款", 1, 1), span("项", 1, 1), span(ft.nameHead, 1, 1))
	case h >= 3 && ft.topLabel != "":
		head[0] = append(head[0], span(ft.topLabel, 4, h-2))
		head[h-2] = append(head[h-2], span(ft.codeHead, 3, 1), span(ft.nameHead, 1, 2))
		head[h-1] = append(head[h-1], span("类", 1, 1), span("款", 1, 1), span("项", 1, 1))
	default:
		head[0] = append(head[0], span(ft.codeHead, 3, h-1), span(ft.nameHead, 1, h))
		head[h-1] = append(head[h-1], span("类", 1, 1), span("款", 1, 1), span("项", 1, 1))
	}
	if ncode == 1 {
		widths = append(widths, "11%")
	} else {
		widths = append(widths, "5%", "4%", "4%")
	}
	widths = append(widths, b.tf.NameW)

	sum := func(prefix string, c col) Fen { return sumItems(ft.items, prefix, c.val) }
	cellID := func(code, c string) string { return fmt.Sprintf("t:%s:%s:%s", ft.id, code, c) }
	figures := func(level, code, prefix string) []Cell {
		if len(ft.rowSum) > 1 {
			var parts []string
			for _, c := range ft.rowSum[1:] {
				parts = append(parts, cellID(code, c))
			}
			b.sum(cellID(code, ft.rowSum[0]), parts...)
		}
		var out []Cell
		for _, c := range ft.cols {
			var key *factKey
			if c.fact != nil {
				key = c.fact(level, code)
			}
			id := cellID(code, c.id)
			out = append(out, b.cell(id, key, codeOf(level, code), ft.primary, sum(prefix, c)))
		}
		return out
	}
	total := func() []Cell {
		lbl := ft.totLabel
		if lbl == "" {
			lbl = "合计"
		}
		row := []Cell{{Text: lbl, ColSpan: ncode + 1, Cls: "tot"}}
		return append(row, figures("total", "", "")...)
	}
	if ft.totalTop && !ft.noTotal {
		body = append(body, total())
	}
	// Group the items: 类 → 款 → 项.
	type kuan struct {
		code  string
		items []*Item
	}
	type class struct {
		code  string
		kuans []*kuan
	}
	var classes []*class
	for _, it := range ft.items {
		c3, c5 := it.Code[:3], it.Code[:5]
		if len(classes) == 0 || classes[len(classes)-1].code != c3 {
			classes = append(classes, &class{code: c3})
		}
		cl := classes[len(classes)-1]
		if len(cl.kuans) == 0 || cl.kuans[len(cl.kuans)-1].code != c5 {
			cl.kuans = append(cl.kuans, &kuan{code: c5})
		}
		kk := cl.kuans[len(cl.kuans)-1]
		kk.items = append(kk.items, it)
	}
	for _, c := range ft.cols {
		var cls []string
		for _, cl := range classes {
			cls = append(cls, cellID(cl.code, c.id))
			var ks []string
			for _, kk := range cl.kuans {
				ks = append(ks, cellID(kk.code, c.id))
				var its []string
				for _, it := range kk.items {
					its = append(its, cellID(it.Code, c.id))
				}
				b.sum(cellID(kk.code, c.id), its...)
			}
			b.sum(cellID(cl.code, c.id), ks...)
		}
		if !ft.noTotal && len(classes) > 0 {
			b.sum(cellID("", c.id), cls...)
		}
	}
	name := func(code string) Cell { return Cell{Text: fname(code, ft.year), Cls: "name"} }
	for _, cl := range classes {
		rows := 1
		for _, kk := range cl.kuans {
			rows += 1 + len(kk.items)
		}
		var r []Cell
		switch layout {
		case "single":
			r = []Cell{{Text: cl.code, Cls: "code"}}
		case "merged":
			r = []Cell{{Text: cl.code, RowSpan: rows, Cls: "code"}, {Cls: "code"}, {Cls: "code"}}
		default:
			r = []Cell{{Text: cl.code, Cls: "code"}, {Cls: "code"}, {Cls: "code"}}
		}
		r = append(r, name(cl.code))
		body = append(body, append(r, figures("class", cl.code, cl.code)...))
		for _, kk := range cl.kuans {
			switch layout {
			case "single":
				r = []Cell{{Text: kk.code, Cls: "code"}}
			case "merged":
				r = []Cell{{Text: kk.code[3:], RowSpan: 1 + len(kk.items), Cls: "code"}, {Cls: "code"}}
			default:
				r = []Cell{{Text: cl.code, Cls: "code"}, {Text: kk.code[3:], Cls: "code"}, {Cls: "code"}}
			}
			r = append(r, name(kk.code))
			body = append(body, append(r, figures("kuan", kk.code, kk.code)...))
			for _, it := range kk.items {
				switch layout {
				case "single":
					r = []Cell{{Text: it.Code, Cls: "code"}}
				case "merged":
					r = []Cell{{Text: it.Code[5:], Cls: "code"}}
				default:
					r = []Cell{{Text: cl.code, Cls: "code"}, {Text: kk.code[3:], Cls: "code"}, {Text: it.Code[5:], Cls: "code"}}
				}
				r = append(r, name(it.Code))
				body = append(body, append(r, figures("item", it.Code, it.Code)...))
			}
		}
	}
	if !ft.totalTop && !ft.noTotal {
		body = append(body, total())
	}
	return head, body, widths
}

// codeOf is the code a fact of a level carries: 3 digits for 类, 7 for
// 项, none otherwise.
func codeOf(level, code string) string {
	if level == "class" || level == "item" {
		return code
	}
	return ""
}

// gpbFacts states gpb.class / gpb.item / gpb.expenditure amounts for the
// 合计 column of a 一般公共预算 function table.
func gpbFacts(year int) func(level, code string) *factKey {
	return func(level, code string) *factKey {
		switch level {
		case "class":
			return &factKey{"gpb.class", "amount", fname(code, year)}
		case "item":
			return &factKey{"gpb.item", "amount", subject(code, year)}
		case "total":
			return k("gpb.expenditure", "amount")
		}
		return nil
	}
}

// totalOnly states a fact only on the 合计 row.
func totalOnly(metric, measure string) func(level, code string) *factKey {
	return func(level, code string) *factKey {
		if level == "total" {
			return k(metric, measure)
		}
		return nil
	}
}

// Item value functions.
var (
	vGPB      = func(it *Item) Fen { return it.GPB() }
	vGBasic   = func(it *Item) Fen { return it.GBasic }
	vGProject = func(it *Item) Fen { return it.GProject }
	vTotal    = func(it *Item) Fen { return it.Total() }
	vBasic    = func(it *Item) Fen { return it.GBasic + it.OBasic }
	vProject  = func(it *Item) Fen { return it.GProject + it.OProject }
	vOper     = func(it *Item) Fen { return it.OOper }
	vZero     = func(*Item) Fen { return 0 }
)

// allItems are the report's 一般公共预算 and 政府性基金 items in code order.
func allItems(r *Report) []*Item {
	out := append([]*Item(nil), r.Items...)
	for _, f := range r.Fund {
		i := 0
		for i < len(out) && out[i].Code < f.Code {
			i++
		}
		out = append(out[:i], append([]*Item{f}, out[i:]...)...)
	}
	return out
}

// incomeRows is the income of each item by source, for the 收入决算表 and
// 收入预算总表: fiscal money as spent plus the change in carry-over (on
// the running item), other money filled source by source so that rows
// and columns both add up.
type incomeRow struct {
	it      *Item
	fiscal  Fen
	sources [5]Fen // 上级补助, 事业收入, 经营收入, 附属单位上缴, 其他收入
}

func incomeRows(r *Report) map[*Item]incomeRow {
	items := allItems(r)
	rows := make([]incomeRow, len(items))
	var nf []Fen
	runIdx := 0
	var biggest Fen
	for i, it := range items {
		rows[i].it = it
		rows[i].fiscal = it.GPB()
		nf = append(nf, it.OBasic+it.OProject+it.OOper)
		if it.GBasic > biggest {
			biggest, runIdx = it.GBasic, i
		}
	}
	rows[runIdx].fiscal += r.IncGPB + r.IncFund + r.IncCap - r.GPBTotal() - r.FundTotal()
	src := [5]Fen{r.IncSup, r.IncBiz, r.IncOper, r.IncSub, r.IncOther}
	var nfTot, srcTot Fen
	for _, v := range nf {
		nfTot += v
	}
	for _, v := range src {
		srcTot += v
	}
	d := srcTot - nfTot
	if d >= 0 {
		nf[runIdx] += d
	} else {
		for i := range nf {
			take := min(nf[i], -d)
			nf[i] -= take
			d += take
		}
	}
	s := 0
	for i := range rows {
		need := nf[i]
		for need > 0 && s < 5 {
			take := min(need, src[s])
			rows[i].sources[s] += take
			src[s] -= take
			need -= take
			if src[s] == 0 {
				s++
			}
		}
	}
	out := map[*Item]incomeRow{}
	for _, row := range rows {
		out[row.it] = row
	}
	return out
}
