// Command mkseed makes testdata/seed/panzhihua-npc-office-2021.docx, the
// project's Word version of the seed report, from the seed's text dump:
//
//	go run ./testdata/mkseed -seed ../shared/corpus/seed/panzhihua-npc-office-2021-final-accounts.txt \
//	    -out testdata/seed/panzhihua-npc-office-2021.docx
//
// The dump is what a docx-to-text converter made of the department's real
// docx; this program puts the structure back: heading styles with outline
// levels, automatic Chinese numbering where the dump shows "1、"-style
// labels, bookmarks, the twelve 类/款/项 line items as a Word table with
// gridSpan and vMerge cells, the two performance self-assessment tables
// (their merged first columns as vMerge), and the seven charts as real chart
// parts whose caches hold the dump's values, float noise included. It is
// seed-specific by design: it is a fixture maker, not part of fiscaldocs.
package main

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"log"
	"os"
	"regexp"
	"strings"
)

func main() {
	seed := flag.String("seed", "../shared/corpus/seed/panzhihua-npc-office-2021-final-accounts.txt", "the seed text dump")
	out := flag.String("out", "testdata/seed/panzhihua-npc-office-2021.docx", "docx to write")
	flag.Parse()
	raw, err := os.ReadFile(*seed)
	if err != nil {
		log.Fatal(err)
	}
	body := build(strings.Split(string(raw), "\n"))
	if err := writeDocx(*out, body); err != nil {
		log.Fatal(err)
	}
}

var (
	bookmark   = regexp.MustCompile(`\[bookmark: ([^\]]*)\]`)
	partHead   = regexp.MustCompile(`^第[一二三四五六七八九十0-9]+部分`)
	autoNum    = regexp.MustCompile(`^(\d+)、\s*`)
	hanHead    = regexp.MustCompile(`^[一二三四五六七八九十]+、`)
	subHead    = regexp.MustCompile(`^（[一二三四五六七八九十]+）`)
	caption    = regexp.MustCompile(`^（图(\d+)：`)
	lineItem   = regexp.MustCompile(`^(\d+)\.(.+?)（类）(.+?)（款）(.+?)（项）:支出决算为([\d.]+)万元，完成预算(\d+)%`)
	chartCache = regexp.MustCompile(`^(金额2|2021\t|一般公共服务支出\t|列1\t|收入\t)`)
)

// build turns the dump's lines into the body XML.
func build(lines []string) string {
	var b strings.Builder
	bm := 0
	var items [][]string
	inPerf := false
	var perf []string
	flushPerf := func() {
		if len(perf) > 0 {
			b.WriteString(perfTable(perf))
			perf = nil
		}
	}
	for _, line := range lines {
		if inPerf {
			if strings.HasPrefix(strings.TrimSpace(bookmark.ReplaceAllString(line, "")), "2021年50万元") && len(perf) > 0 {
				flushPerf()
			}
			if strings.Contains(line, "收入决算表") {
				flushPerf()
				inPerf = false
			} else {
				perf = append(perf, line)
				continue
			}
		}
		var marks []string
		line = bookmark.ReplaceAllStringFunc(line, func(m string) string {
			marks = append(marks, bookmark.FindStringSubmatch(m)[1])
			return ""
		})
		text := strings.TrimSpace(line)
		if text == "" || chartCache.MatchString(line) {
			continue
		}
		if text == "附表：" {
			b.WriteString(para("", "", text, marks, &bm))
			inPerf = true
			continue
		}
		if m := lineItem.FindStringSubmatch(text); m != nil {
			items = append(items, m)
		} else if len(items) > 0 {
			b.WriteString(para("", "", "2021年一般公共预算财政拨款支出决算明细表", nil, &bm))
			b.WriteString(para("", "", "单位：万元", nil, &bm))
			b.WriteString(itemTable(items))
			items = nil
		}
		if m := caption.FindStringSubmatch(text); m != nil {
			b.WriteString(chartPara(m[1]))
		}
		switch {
		case partHead.MatchString(text) || strings.HasPrefix(text, "第3部分"):
			b.WriteString(para("Heading1", "", text, marks, &bm))
		case autoNum.MatchString(text) && len(text) < 80 && !strings.Contains(text, "。"):
			n := autoNum.FindStringSubmatch(text)[1]
			num := "1"
			if n != "1" {
				num = "2" // a second list that starts at 9, as the original's did
			}
			b.WriteString(para("Heading2", num, autoNum.ReplaceAllString(text, ""), marks, &bm))
		case hanHead.MatchString(text) && len([]rune(text)) < 40:
			b.WriteString(para("Heading2", "", text, marks, &bm))
		case subHead.MatchString(text) && len([]rune(text)) < 40 && !strings.Contains(text, "。"):
			b.WriteString(para("Heading3", "", text, marks, &bm))
		default:
			b.WriteString(para("", "", text, marks, &bm))
		}
	}
	flushPerf()
	return b.String()
}

func esc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// para writes one paragraph; tabs become w:tab, bookmarks real bookmarks.
func para(styleID, numID, text string, marks []string, bm *int) string {
	var b strings.Builder
	b.WriteString("<w:p>")
	if styleID != "" || numID != "" {
		b.WriteString("<w:pPr>")
		if styleID != "" {
			fmt.Fprintf(&b, `<w:pStyle w:val="%s"/>`, styleID)
		}
		if numID != "" {
			fmt.Fprintf(&b, `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="%s"/></w:numPr>`, numID)
		}
		b.WriteString("</w:pPr>")
	}
	for _, m := range marks {
		*bm++
		fmt.Fprintf(&b, `<w:bookmarkStart w:id="%d" w:name="%s"/><w:bookmarkEnd w:id="%d"/>`, *bm, esc(m), *bm)
	}
	for i, seg := range strings.Split(text, "\t") {
		if i > 0 {
			b.WriteString("<w:r><w:tab/></w:r>")
		}
		if seg != "" {
			fmt.Fprintf(&b, `<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>`, esc(seg))
		}
	}
	b.WriteString("</w:p>")
	return b.String()
}

// cell writes a table cell. span > 1 sets gridSpan; vm is "", "restart" or
// "continue".
func cell(text string, span int, vm string) string {
	var b strings.Builder
	b.WriteString("<w:tc><w:tcPr>")
	if span > 1 {
		fmt.Fprintf(&b, `<w:gridSpan w:val="%d"/>`, span)
	}
	switch vm {
	case "restart":
		b.WriteString(`<w:vMerge w:val="restart"/>`)
	case "continue":
		b.WriteString(`<w:vMerge/>`)
	}
	b.WriteString("</w:tcPr>")
	if text == "" {
		b.WriteString("<w:p/>")
	}
	for _, line := range strings.Split(text, "\n") {
		if line != "" {
			fmt.Fprintf(&b, `<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, esc(line))
		}
	}
	b.WriteString("</w:tc>")
	return b.String()
}

func table(cols int, rows []string) string {
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>`)
	for range cols {
		b.WriteString(`<w:gridCol w:w="1400"/>`)
	}
	b.WriteString("</w:tblGrid>")
	for _, r := range rows {
		b.WriteString("<w:tr>" + r + "</w:tr>")
	}
	b.WriteString("</w:tbl>")
	return b.String()
}

// codes are the function classification codes of the seed's twelve items.
var codes = map[string]string{
	"行政运行": "2010101", "一般行政管理事务": "2010102", "人大会议": "2010104", "人大立法": "2010105",
	"人大监督": "2010106", "代表工作": "2010108", "事业运行": "2010150", "其他组织事务支出": "2013299",
	"行政单位离退休": "2080501", "死亡抚恤": "2080801", "儿童福利": "2081001", "住房公积金": "2210201",
}

// itemTable writes the line items: 科目编码 spans three columns over 类/款/项,
// and the 类 and 款 codes are merged down the rows they share.
func itemTable(items [][]string) string {
	rows := []string{
		cell("科目编码", 3, "") + cell("科目名称", 1, "restart") + cell("决算数", 1, "restart") + cell("完成预算（%）", 1, "restart"),
		cell("类", 1, "") + cell("款", 1, "") + cell("项", 1, "") + cell("", 1, "continue") + cell("", 1, "continue") + cell("", 1, "continue"),
	}
	prev := ""
	for _, m := range items {
		code := codes[m[4]]
		if code == "" {
			log.Fatalf("no code for %s", m[4])
		}
		lei, kuan, xiang := code[:3], code[3:5], code[5:7]
		var r string
		switch {
		case prev != "" && prev[:5] == code[:5]:
			r = cell("", 1, "continue") + cell("", 1, "continue")
		case prev != "" && prev[:3] == code[:3]:
			r = cell("", 1, "continue") + cell(kuan, 1, "restart")
		default:
			r = cell(lei, 1, "restart") + cell(kuan, 1, "restart")
		}
		r += cell(xiang, 1, "") + cell(m[4], 1, "") + cell(m[5], 1, "") + cell(m[6], 1, "")
		rows = append(rows, r)
		prev = code
	}
	return table(6, rows)
}

// perfTable rebuilds a performance self-assessment table from the dump,
// where each cell starts with a tab, a cell's further lines follow without
// one, and a blank line ends a row. Title lines become a paragraph.
func perfTable(lines []string) string {
	var rows [][]string
	var row []string
	var title []string
	for _, line := range lines {
		line = bookmark.ReplaceAllString(line, "")
		switch {
		case strings.TrimSpace(line) == "" && !strings.HasPrefix(line, "\t"):
			if len(row) > 0 {
				rows = append(rows, row)
				row = nil
			}
		case strings.HasPrefix(line, "\t"):
			row = append(row, strings.TrimSpace(line))
		case len(row) > 0:
			row[len(row)-1] = strings.TrimSpace(row[len(row)-1] + "\n" + strings.TrimSpace(line))
		default:
			title = append(title, strings.TrimSpace(line))
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	var b strings.Builder
	bm := 1000
	if len(rows) > 0 && strings.Join(rows[0], "") == rows[0][0] { // the title row
		b.WriteString(para("", "", rows[0][0], nil, &bm))
		rows = rows[1:]
	}
	for _, t := range title {
		if t != "" {
			b.WriteString(para("", "", t, nil, &bm))
		}
	}
	const width = 6
	var out []string
	var above []int // start column of each cell in the previous row
	for _, r := range rows {
		for len(r) > 0 && r[len(r)-1] == "" && len(r) > width {
			r = r[:len(r)-1]
		}
		spans := make([]int, len(r))
		for i := range spans {
			spans[i] = 1
		}
		if len(r) < width {
			spans[len(r)-1] += width - len(r)
		}
		var s strings.Builder
		col := 0
		var starts []int
		for i, c := range r {
			vm := ""
			if c == "" && col < 3 && contains(above, col) && i < len(r)-1 {
				vm = "continue"
			} else if col < 3 && c != "" {
				vm = "restart"
			}
			s.WriteString(cell(c, spans[i], vm))
			starts = append(starts, col)
			col += spans[i]
		}
		above = starts
		out = append(out, s.String())
	}
	b.WriteString(table(width, out))
	return b.String()
}

func contains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
