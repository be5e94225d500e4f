// Command mkxlsx makes testdata/seed/panzhihua-npc-office-2021.xlsx, the
// seed report's 一般公共预算财政拨款支出决算明细表 as a department would give
// it in an Excel workbook, from the project's docx of the report:
//
//	go run ./testdata/mkxlsx -docx testdata/seed/panzhihua-npc-office-2021.docx \
//	    -out testdata/seed/panzhihua-npc-office-2021.xlsx
//
// The sheet has what such workbooks have: a title merged across the table,
// the 编制单位 and 单位 lines, the header's merged cells, function codes as
// text ("01"), amounts as numbers under a two-decimal format, one amount
// typed as text, one 完成预算 cell as a formula saved without its value, a
// note under the table, and a hidden sheet of workings. It is a fixture
// maker, not part of fiscaldocs.
package main

import (
	"flag"
	"log"
	"os"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/fiscaldocs/fiscaldocs/extract"
)

func main() {
	in := flag.String("docx", "testdata/seed/panzhihua-npc-office-2021.docx", "the docx the table comes from")
	out := flag.String("out", "testdata/seed/panzhihua-npc-office-2021.xlsx", "the workbook to write")
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
	var table *extract.Table
	var title, unit string
	for i, b := range doc.Blocks {
		if b.Table != nil && i >= 2 {
			table, title, unit = b.Table, doc.Blocks[i-2].Text, doc.Blocks[i-1].Text
			break
		}
	}
	if table == nil {
		log.Fatal("no table in ", *in)
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
	check(x.SaveAs(*out))
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
