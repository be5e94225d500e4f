// Command mkhtml makes testdata/seed/panzhihua-npc-office-2021.html, the
// seed report as a department would publish it on its portal, from the
// project's docx of it:
//
//	go run ./testdata/mkhtml -docx testdata/seed/panzhihua-npc-office-2021.docx \
//	    -out testdata/seed/panzhihua-npc-office-2021.html
//
// The page is GB2312-labelled GBK, as many government sites still serve,
// with what such pages carry around the report: a navigation bar, a script,
// a footer, paragraphs indented with full-width spaces and source lines
// wrapped mid-sentence. Headings become h1–h4, tables keep their merged
// cells as rowspan/colspan, and the charts are images without data, as on
// the web. It is a fixture maker, not part of fiscaldocs.
package main

import (
	"flag"
	"fmt"
	"html"
	"log"
	"os"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/fiscaldocs/fiscaldocs/extract"
)

func main() {
	in := flag.String("docx", "testdata/seed/panzhihua-npc-office-2021.docx", "the docx to publish")
	out := flag.String("out", "testdata/seed/panzhihua-npc-office-2021.html", "the page to write")
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
	if err := os.WriteFile(*out, []byte(gbk), 0o644); err != nil {
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
