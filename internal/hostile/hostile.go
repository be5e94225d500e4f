// Package hostile makes the hostile inputs of issue #20 — files built to
// kill, exhaust or mislead the readers — for the tests and fuzz seeds of
// extract, normalize and the pipeline. Each generator is deterministic and
// small; what makes the file hostile is named on it. It sits beside the
// pipeline, not in it: nothing but tests imports it.
package hostile

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// File is one hostile input: a name whose extension says its format, and
// its bytes.
type File struct {
	Name string
	Data []byte
}

// Part is one member of a zip archive, in order; names may repeat.
type Part struct{ Name, Body string }

// Zip is an archive of parts, deflated, in the order given.
func Zip(parts []Part) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, p := range parts {
		f, err := w.Create(p.Name)
		if err != nil {
			panic(err) // a bytes.Buffer does not fail
		}
		f.Write([]byte(p.Body))
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	return b.Bytes()
}

const nsMain = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`

// Xlsx is a workbook of one sheet, named 公开表1, whose sheetData holds
// rows (the <row> elements) and whose string table is sst (the <sst>
// element's whole text, "" for none).
func Xlsx(rows, sst string) []byte {
	parts := []Part{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook ` + nsMain + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="公开表1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet ` + nsMain + `><sheetData>` + rows + `</sheetData></worksheet>`},
	}
	if sst != "" {
		parts = append(parts, Part{"xl/sharedStrings.xml", sst})
	}
	return Zip(parts)
}

// xlsxTitle is a sheet's first rows: a title and a small table, so that a
// reader that survives the attack has something to read.
const xlsxTitle = `<row r="1"><c r="A1" t="inlineStr"><is><t>2021年支出决算表</t></is></c></row>` +
	`<row r="2"><c r="A2" t="inlineStr"><is><t>项目</t></is></c><c r="B2" t="inlineStr"><is><t>金额</t></is></c></row>` +
	`<row r="3"><c r="A3" t="inlineStr"><is><t>基本支出</t></is></c><c r="B3"><v>1792.45</v></c></row>`

// FormulaChain is a sheet of n rows, each a number and a formula adding 1
// to the formula in the row below, none with a stored value; the row under
// them holds a number. Computing the first recurses n deep: excelize's
// evaluator overflowed the stack, killing the process, at 100,000.
func FormulaChain(n int) []byte {
	var b strings.Builder
	b.WriteString(xlsxTitle)
	for i := 4; i < n+4; i++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d"><f>B%d+1</f></c></row>`, i, i, i, i, i+1)
	}
	fmt.Fprintf(&b, `<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d"><v>1</v></c></row>`, n+4, n+4, n+4, n+4)
	return Xlsx(b.String(), "")
}

// Rept is a formula without a stored value whose result is 32767³ bytes
// (excelize's evaluator ran out of memory building it).
func Rept() []byte {
	return Xlsx(xlsxTitle+`<row r="4"><c r="B4" t="str"><f>REPT(REPT(REPT("x",32767),32767),32767)</f></c></row>`, "")
}

// FarCells is a 1 KB sheet with values out to XFD200 and XFD1048576: a grid
// of its rows by its columns is 17 billion cells.
func FarCells() []byte {
	return Xlsx(xlsxTitle+`<row r="200"><c r="XFC200"><v>1</v></c><c r="XFD200"><v>2</v></c></row><row r="1048576"><c r="XFC1048576"><v>3</v></c><c r="XFD1048576"><v>4</v></c></row>`, "")
}

// SharedStringsDTD is a workbook whose string table declares an entity in
// a DTD and uses it: excelize blanked every string silently.
func SharedStringsDTD() []byte {
	sst := `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>` +
		`<sst ` + nsMain + ` count="2" uniqueCount="2"><si><t>基本支出&b;</t></si><si><t>项目支出</t></si></sst>`
	return Xlsx(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>2</v></c></row>`, sst)
}

// DocxTwice is a docx holding two word/document.xml entries with different
// text: readers disagree on which one counts.
func DocxTwice() []byte {
	doc := func(text string) string {
		return `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>` +
			text + `</w:t></w:r></w:p></w:body></w:document>`
	}
	return Zip([]Part{{"word/document.xml", doc("本年支出合计100万元。")}, {"word/document.xml", doc("本年支出合计999万元。")}})
}

// MisdeclaredHTML is a GBK page whose meta says utf-8: read as declared it
// is mojibake and no figure survives.
func MisdeclaredHTML() []byte {
	page := `<html><head><meta charset="utf-8"><title>2021年部门决算</title></head><body><h1>攀枝花市人大常委会办公室2021年度部门决算</h1>` +
		`<p>2021年本年收入合计2149.94万元，其中：一般公共预算财政拨款收入2,099.36万元，占97.65%。</p>` +
		`<p>2021年本年支出合计2149.94万元，其中：基本支出1792.45万元，占83.37%；项目支出348.05万元，占16.19%。</p></body></html>`
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(page)
	if err != nil {
		panic(err)
	}
	return []byte(gbk)
}

// LongSentence is text of about n bytes: one sentence of figures and no
// full stop, which normalize's term matching once read in quadratic time
// (100 KB took 24 s).
func LongSentence(n int) []byte {
	var b strings.Builder
	for i := 1; b.Len() < n; i++ {
		fmt.Fprintf(&b, "本年支出合计%d.%02d万元，一般公共预算财政拨款支出比上年增加%d.5万元，", i, i%100, i)
	}
	return []byte(b.String())
}

// PlainPages is a PDF of n pages of justified ASCII text that never
// breaks its paragraph: one paragraph as long as the document.
func PlainPages(n int) []byte {
	line := strings.Repeat("budget words flow on and on ", 3)
	pages := make([]string, n)
	for i := range pages {
		lines := make([]string, 50)
		for j := range lines {
			lines[j] = fmt.Sprintf("%s%02d", line, j%10)
		}
		pages[i] = TextPage(lines)
	}
	return PDF(595, 842, pages)
}

// HugePage is a one-page PDF of 200 × 200 inches holding only a filled
// rectangle: no text layer, and too large for pdftoppm to render at 300
// dpi, which it then reports by exiting 0 with a 1 × 1 image.
func HugePage() []byte {
	return PDF(14400, 14400, []string{"0 0 0 rg 100 100 10000 10000 re f"})
}
