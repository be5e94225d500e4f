// Command mkpublished makes the seed report's other published forms from
// the project's docx of it (testdata/mkseed), as fixtures for the readers:
//
//	go run ./testdata/mkpublished -docx testdata/seed/panzhihua-npc-office-2021.docx \
//	    -html testdata/seed/panzhihua-npc-office-2021.html -xlsx testdata/seed/panzhihua-npc-office-2021.xlsx
//
// The web page is GB2312-labelled GBK, as many government sites still
// serve, with what such pages carry around the report: a navigation bar,
// scripts, a footer, paragraphs indented with full-width spaces and source
// lines wrapped between Chinese characters. Headings become h1–h4, tables
// keep their merged cells as rowspan/colspan, and the charts are images
// without data, as on the web.
//
// The workbook holds the 一般公共预算财政拨款支出决算明细表 as departments give
// it: a title merged across the table, the 编制单位 and 单位 lines, the
// header's merged cells, function codes as text ("01"), amounts as numbers
// under a two-decimal format, one amount typed as text, one 完成预算 cell as
// a formula saved without its value, a note under the table, and a hidden
// sheet of workings.
//
// It is a fixture maker, not part of fiscaldocs.
package main

import (
	"flag"
	"fmt"
	"html"
	"log"
	"os"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/fiscaldocs/fiscaldocs/extract"
)

func main() {
	in := flag.String("docx", "testdata/seed/panzhihua-npc-office-2021.docx", "the docx to publish")
	htmlOut := flag.String("html", "testdata/seed/panzhihua-npc-office-2021.html", "the web page to write")
	xlsxOut := flag.String("xlsx", "testdata/seed/panzhihua-npc-office-2021.xlsx", "the workbook to write")
	flag.Parse()
	f, err := os.Open(*in)
	if err != nil {
		log.Fatal(err)
	}
	st, _ := f.Stat()
	doc, err := extract.Docx(f, st.Size(), extract.DefaultLimits)
	if err != nil {
		log.Fatal(err)
	}
	writeHTML(doc, *htmlOut)
	writeXlsx(doc, *xlsxOut, *in)
}

// writeHTML publishes doc as a web page.
func writeHTML(doc *extract.Document, out string) {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>攀枝花市人大常委会办公室2021年度部门决算公开</title>
<style>body{font-size:14px} .nav a{margin:0 8px}</style>
<script type="text/javascript">var _hmt = _hmt || []; function share(){ return "分享到微信"; }</script>
</head><body>
<div class="nav"><a href="/">首页</a><a href="/xxgk/">信息公开</a><a href="/czyjs/">财政预决算</a></div>
<div class="article"><div class="content">
`)
	charts := 0
	for _, blk := range doc.Blocks {
		switch blk.Kind {
		case extract.Heading:
			level := min(blk.Level, 4)
			fmt.Fprintf(&b, "<h%d>%s</h%d>\n", level, html.EscapeString(blk.Text), level)
		case extract.Paragraph:
			fmt.Fprintf(&b, "<p style=\"text-indent:2em\">　　%s</p>\n", wrap(html.EscapeString(blk.Text)))
		case extract.TableBlock:
			b.WriteString(table(blk.Table))
		case extract.ChartBlock:
			charts++
			fmt.Fprintf(&b, "<p align=\"center\"><img src=\"chart%d.png\" alt=\"%s\" /></p>\n", charts, html.EscapeString(blk.Text))
		}
	}
	b.WriteString(`</div></div>
<div class="footer">版权所有：攀枝花市人大常委会办公室&nbsp;&nbsp;技术支持：某某网络公司</div>
<script>document.write("<span>访问量</span>");</script>
</body></html>
`)
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(b.String())
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(out, []byte(gbk), 0o644); err != nil {
		log.Fatal(err)
	}
}

// wrap breaks a long line in the source, as page editors do, between two
// Chinese characters: there the newline is no space at all for a reader
// (elsewhere a browser would show one).
func wrap(s string) string {
	r := []rune(s)
	for i := 60; i < len(r); i++ {
		if r[i-1] >= 0x4E00 && r[i] >= 0x4E00 {
			return string(r[:i]) + "\n" + wrap(string(r[i:]))
		}
	}
	return s
}

func table(t *extract.Table) string {
	var b strings.Builder
	b.WriteString("<table border=\"1\" cellspacing=\"0\" cellpadding=\"2\">\n<tbody>\n")
	for i, row := range t.Rows {
		b.WriteString("<tr>")
		for j, c := range row {
			if c.Covered(i, j) {
				continue
			}
			attrs := ""
			if c.RowSpan > 1 {
				attrs += fmt.Sprintf(" rowspan=\"%d\"", c.RowSpan)
			}
			if c.ColSpan > 1 {
				attrs += fmt.Sprintf(" colspan=\"%d\"", c.ColSpan)
			}
			text := strings.ReplaceAll(html.EscapeString(c.Text), "\n", "<br />")
			fmt.Fprintf(&b, "<td%s><p>%s</p></td>", attrs, text)
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
	return b.String()
}

// writeXlsx gives doc's first table as a workbook.
func writeXlsx(doc *extract.Document, out, in string) {
	var table *extract.Table
	var title, unit string
	for i, b := range doc.Blocks {
		if b.Table != nil && i >= 2 {
			table, title, unit = b.Table, doc.Blocks[i-2].Text, doc.Blocks[i-1].Text
			break
		}
	}
	if table == nil {
		log.Fatal("no table in ", in)
	}
	x := excelize.NewFile()
	defer x.Close()
	const sheet = "公开表5"
	check(x.SetSheetName("Sheet1", sheet))
	width := len(table.Rows[0])
	last, _ := excelize.CoordinatesToCellName(width, 1)
	check(x.SetCellStr(sheet, "A1", title))
	check(x.MergeCell(sheet, "A1", last))
	check(x.SetCellStr(sheet, "A2", "编制单位：攀枝花市人大常委会办公室"))
	unitCell, _ := excelize.CoordinatesToCellName(width, 3)
	check(x.SetCellStr(sheet, unitCell, unit))
	money, err := x.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	check(err)
	const top = 4 // the table's first row
	textAmount, formula := false, false
	for i, row := range table.Rows {
		for j, c := range row {
			axis, _ := excelize.CoordinatesToCellName(j+1, top+i)
			if c.Covered(i, j) {
				continue
			}
			if c.RowSpan > 1 || c.ColSpan > 1 {
				end, _ := excelize.CoordinatesToCellName(j+c.ColSpan, top+i+c.RowSpan-1)
				check(x.MergeCell(sheet, axis, end))
			}
			v, err := strconv.ParseFloat(c.Text, 64)
			switch {
			case err != nil || j < 3: // text, and the codes ("01") as text
				check(x.SetCellStr(sheet, axis, c.Text))
			case j == width-2 && !textAmount:
				textAmount = true // an amount typed as text
				check(x.SetCellStr(sheet, axis, c.Text))
			case j == width-1 && !formula && i > 2:
				formula = true // =100, saved without its value
				check(x.SetCellFormula(sheet, axis, "=50*2"))
			default:
				check(x.SetCellFloat(sheet, axis, v, -1, 64))
				if j == width-2 {
					check(x.SetCellStyle(sheet, axis, axis, money))
				}
			}
		}
	}
	note, _ := excelize.CoordinatesToCellName(1, top+len(table.Rows)+1)
	check(x.SetCellStr(sheet, note, "注：本表反映部门本年度一般公共预算财政拨款实际支出情况。"))
	_, err = x.NewSheet("底稿")
	check(err)
	check(x.SetCellStr("底稿", "A1", "内部测算，不公开"))
	check(x.SetCellFloat("底稿", "B1", 999999, -1, 64))
	check(x.SetSheetVisible("底稿", false))
	check(x.SaveAs(out))
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
