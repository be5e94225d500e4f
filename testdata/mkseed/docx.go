package main

import (
	"archive/zip"
	"fmt"
	"os"
	"strings"
)

// series is one chart series as the seed's chart caches hold it.
type series struct {
	name   string
	cats   []string
	values []string
}

type chart struct {
	title  string
	kind   string // "bar" or "pie"
	series []series
}

// charts are the seed's seven charts, keyed by the figure number of their
// captions. The values are the caches printed at the end of the dump.
var charts = map[string]chart{
	"1": {"收、支决算总计变动情况图", "bar", []series{
		{"收入", []string{"2021", "2020"}, []string{"2149.94", "2145.8700000000013"}},
		{"支出", []string{"2021", "2020"}, []string{"2149.94", "2145.8700000000013"}},
	}},
	"2": {"收入决算结构图", "pie", []series{
		{"列1", []string{"一般公共预算财政拨款收入", "其他收入", "年初结转结余"}, []string{"97.649999999999991", "0.51", "1.84"}},
	}},
	"3": {"支出决算结构图", "pie", []series{
		{"金额2", []string{"基本支出", "项目支出", "年末结转和结余"}, []string{"1792.45", "348.05", "9.44"}},
	}},
	"4": {"财政拨款收、支决算总计变动情况", "bar", []series{
		{"2021", []string{"财政拨款收支"}, []string{"2111.4700000000012"}},
		{"2020", []string{"财政拨款收支"}, []string{"2145.8700000000017"}},
	}},
	"5": {"一般公共预算财政拨款支出决算变动情况", "bar", []series{
		{"2021", []string{"一般公共预算财政拨款"}, []string{"2111.4700000000012"}},
		{"2020", []string{"一般公共预算财政拨款"}, []string{"1961.35"}},
	}},
	"6": {"一般公共预算财政拨款支出决算结构", "pie", []series{
		{"", []string{"一般公共服务支出", "社会保障和就业支出", "住房保障支出"}, []string{"1630.1599999999999", "352.95", "128.35000000000011"}},
	}},
	"7": {"“三公”经费财政拨款支出结构", "pie", []series{
		{"列1", []string{"因公出国（境）费支出", "公务用车购置及运行维护费支出", "公务接待费支出"}, []string{"0", "17.459999999999987", "1.3900000000000001"}},
	}},
}

// chartPara writes the paragraph that anchors chart n inline.
func chartPara(n string) string {
	if _, ok := charts[n]; !ok {
		return ""
	}
	return fmt.Sprintf(`<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="5274310" cy="3076575"/><wp:docPr id="%s" name="图表 %s"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rIdChart%s"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`, n, n, n)
}

func strCache(ref string, vals []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<c:strRef><c:f>%s</c:f><c:strCache><c:ptCount val="%d"/>`, ref, len(vals))
	for i, v := range vals {
		fmt.Fprintf(&b, `<c:pt idx="%d"><c:v>%s</c:v></c:pt>`, i, esc(v))
	}
	b.WriteString("</c:strCache></c:strRef>")
	return b.String()
}

func chartXML(c chart) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:lang val="zh-CN"/><c:chart>`)
	fmt.Fprintf(&b, `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>%s</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>`, esc(c.title))
	if c.kind == "pie" {
		b.WriteString(`<c:pieChart><c:varyColors val="1"/>`)
	} else {
		b.WriteString(`<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>`)
	}
	for i, s := range c.series {
		col := string(rune('B' + i))
		fmt.Fprintf(&b, `<c:ser><c:idx val="%d"/><c:order val="%d"/>`, i, i)
		if s.name != "" {
			b.WriteString("<c:tx>" + strCache("Sheet1!$"+col+"$1", []string{s.name}) + "</c:tx>")
		}
		// Data labels hold no data; the reader must not mistake them for it.
		b.WriteString(`<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`)
		n := len(s.cats)
		b.WriteString("<c:cat>" + strCache(fmt.Sprintf("Sheet1!$A$2:$A$%d", n+1), s.cats) + "</c:cat>")
		fmt.Fprintf(&b, `<c:val><c:numRef><c:f>Sheet1!$%s$2:$%s$%d</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="%d"/>`, col, col, n+1, n)
		for j, v := range s.values {
			fmt.Fprintf(&b, `<c:pt idx="%d"><c:v>%s</c:v></c:pt>`, j, v)
		}
		b.WriteString("</c:numCache></c:numRef></c:val></c:ser>")
	}
	if c.kind == "pie" {
		b.WriteString(`<c:firstSliceAng val="0"/></c:pieChart>`)
	} else {
		b.WriteString(`<c:gapWidth val="150"/><c:axId val="101"/><c:axId val="102"/></c:barChart>`)
		b.WriteString(`<c:catAx><c:axId val="101"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>年度</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:crossAx val="102"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>`)
		b.WriteString(`<c:valAx><c:axId val="102"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="1"/><c:crossAx val="101"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`)
	}
	b.WriteString(`</c:plotArea><c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`)
	return b.String()
}

const stylesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman"/><w:sz w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="480"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:sz w:val="30"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:rFonts w:eastAsia="楷体"/></w:rPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>
</w:styles>`

// numberingXML has one Chinese-counting list; num 2 restarts it at 九, as
// the original report's second run of numbered headings did.
const numberingXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="9"/></w:lvlOverride></w:num>
</w:numbering>`

func writeDocx(path, body string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	add := func(name, content string) {
		if err != nil {
			return
		}
		var w interface{ Write([]byte) (int, error) }
		if w, err = zw.Create(name); err == nil {
			_, err = w.Write([]byte(content))
		}
	}
	var ct, rels strings.Builder
	ct.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>`)
	for n := 1; n <= len(charts); n++ {
		fmt.Fprintf(&ct, `<Override PartName="/word/charts/chart%d.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`, n)
		fmt.Fprintf(&rels, `<Relationship Id="rIdChart%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart%d.xml"/>`, n, n)
	}
	ct.WriteString(`</Types>`)
	rels.WriteString(`</Relationships>`)
	add("[Content_Types].xml", ct.String())
	add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`)
	add("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>`+
		body+`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`)
	add("word/_rels/document.xml.rels", rels.String())
	add("word/styles.xml", stylesXML)
	add("word/numbering.xml", numberingXML)
	for n := 1; n <= len(charts); n++ {
		add(fmt.Sprintf("word/charts/chart%d.xml", n), chartXML(charts[fmt.Sprint(n)]))
	}
	if err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}
