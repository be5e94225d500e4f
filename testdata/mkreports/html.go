package main

import (
	"fmt"
	"html"
	"strings"
)

// renderHTML prints a Doc as one HTML file with print CSS: A4 pages,
// named landscape pages for wide tables, margin boxes for page numbers
// and running headers. Everything a fact rests on is element text, never
// CSS content, so the docx and text copies keep it.
func renderHTML(d *Doc, font string) []byte {
	var w strings.Builder
	fmt.Fprintf(&w, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n",
		html.EscapeString(d.Title), css(d, font))
	brk := false
	for _, bl := range d.Blocks {
		if bl.Kind == bBreak {
			brk = true
			continue
		}
		style := ""
		if brk {
			style = ` style="page-break-before: always"`
			brk = false
		}
		switch bl.Kind {
		case bCover:
			fmt.Fprintf(&w, "<div class=\"cover\"%s>\n", style)
			for i, l := range bl.Lines {
				cls := "c1"
				if i > 0 {
					cls = "c2"
				}
				fmt.Fprintf(&w, "<p class=\"%s\">%s</p>\n", cls, html.EscapeString(l))
			}
			w.WriteString("</div>\n")
		case bTOC:
			fmt.Fprintf(&w, "<div class=\"toc\"%s>\n<p class=\"toch\">%s</p>\n", style, html.EscapeString(bl.Text))
			for _, l := range bl.Lines {
				cls := "t1"
				if strings.HasPrefix(l, "　") || strings.HasPrefix(l, " ") {
					cls = "t2"
				}
				fmt.Fprintf(&w, "<p class=\"%s\">%s</p>\n", cls, html.EscapeString(strings.TrimLeft(l, "　 ")))
			}
			w.WriteString("</div>\n")
		case bHeading:
			tag := fmt.Sprintf("h%d", bl.Level)
			fmt.Fprintf(&w, "<%s%s>%s</%s>\n", tag, style, html.EscapeString(bl.Text), tag)
		case bPara:
			cls := ""
			if bl.Class != "" {
				cls = fmt.Sprintf(" class=%q", bl.Class)
			}
			fmt.Fprintf(&w, "<p%s%s>%s</p>\n", cls, style, html.EscapeString(bl.Text))
		case bTable:
			writeTable(&w, bl.Table, style)
		}
	}
	w.WriteString("</body>\n</html>\n")
	return []byte(w.String())
}

func writeTable(w *strings.Builder, t *Table, style string) {
	cls := "tbl"
	if t.Landscape {
		cls += " land"
	}
	if t.Small {
		cls += " small"
	}
	if t.Tall > 0 {
		cls += fmt.Sprintf(" tall%d", t.Tall)
	}
	if t.TallHead {
		cls += " tallhead"
	}
	fmt.Fprintf(w, "<div class=%q%s>\n", cls, style)
	if t.Mark != "" {
		fmt.Fprintf(w, "<p class=\"tmark\">%s</p>\n", html.EscapeString(t.Mark))
	}
	fmt.Fprintf(w, "<p class=\"ttitle\">%s</p>\n", html.EscapeString(t.Title))
	if t.Org != "" || t.Unit != "" {
		fmt.Fprintf(w, "<table class=\"meta\"><tr><td class=\"org\">%s</td><td class=\"unit\">%s</td></tr></table>\n",
			html.EscapeString(t.Org), html.EscapeString(t.Unit))
	}
	va := t.VAlign
	if va == "" {
		va = "middle"
	}
	fmt.Fprintf(w, "<table class=\"data va-%s\">\n<colgroup>", va)
	for _, wd := range t.Widths {
		if wd == "" {
			w.WriteString("<col>")
		} else {
			fmt.Fprintf(w, "<col style=\"width:%s\">", wd)
		}
	}
	w.WriteString("</colgroup>\n")
	if t.Repeat {
		w.WriteString("<thead>\n")
	} else {
		w.WriteString("<tbody class=\"h\">\n")
	}
	for _, row := range t.Head {
		writeRow(w, row, "th")
	}
	if t.Repeat {
		w.WriteString("</thead>\n<tbody>\n")
	}
	for _, row := range t.Body {
		writeRow(w, row, "td")
	}
	w.WriteString("</tbody>\n</table>\n")
	if t.Note != "" {
		fmt.Fprintf(w, "<p class=\"note\">%s</p>\n", html.EscapeString(t.Note))
	}
	w.WriteString("</div>\n")
}

func writeRow(w *strings.Builder, row []Cell, tag string) {
	w.WriteString("<tr>")
	for _, c := range row {
		var attrs []string
		if c.ColSpan > 1 {
			attrs = append(attrs, fmt.Sprintf("colspan=\"%d\"", c.ColSpan))
		}
		if c.RowSpan > 1 {
			attrs = append(attrs, fmt.Sprintf("rowspan=\"%d\"", c.RowSpan))
		}
		cls := c.Cls
		if c.Num {
			cls = strings.TrimSpace(cls + " n")
		}
		if cls != "" {
			attrs = append(attrs, fmt.Sprintf("class=%q", cls))
		}
		a := ""
		if len(attrs) > 0 {
			a = " " + strings.Join(attrs, " ")
		}
		fmt.Fprintf(w, "<%s%s>%s</%s>", tag, a, html.EscapeString(c.Text), tag)
	}
	w.WriteString("</tr>\n")
}

// css is the print style sheet of a Doc.
func css(d *Doc, font string) string {
	num := ""
	switch d.Furn.PageNum {
	case "dash":
		num = `content: "— " counter(page) " —";`
	case "hyphen":
		num = `content: "- " counter(page) " -";`
	case "di":
		num = `content: "第 " counter(page) " 页";`
	case "plain":
		num = `content: counter(page);`
	}
	boxes := ""
	if num != "" {
		boxes += fmt.Sprintf("  @bottom-center { %s font-size: 10pt; }\n", num)
	}
	if d.Furn.Header != "" {
		boxes += fmt.Sprintf("  @top-right { content: %q; font-size: 9pt; color: #444; }\n", d.Furn.Header)
	}
	return fmt.Sprintf(`@page { size: A4 portrait; margin: 22mm 20mm 22mm 20mm;
%s}
@page land { size: A4 landscape; margin: 16mm 15mm 18mm 15mm;
%s}
body { font-family: %s; font-size: 12pt; line-height: 1.55; }
h1 { font-size: 16pt; text-align: center; margin: 0.8em 0; }
h2 { font-size: 14pt; margin: 0.7em 0 0.4em; }
h3 { font-size: 12pt; margin: 0.6em 0 0.3em; }
p { margin: 0.25em 0; text-indent: 2em; text-align: justify; }
.cover { text-align: center; padding-top: 200px; }
.cover p { text-indent: 0; text-align: center; }
.cover .c1 { font-size: 26pt; font-weight: bold; margin-bottom: 1em; }
.cover .c2 { font-size: 18pt; }
.toc p { text-indent: 0; }
.toc .toch { text-align: center; font-size: 16pt; margin-bottom: 1em; }
.toc .t2 { padding-left: 2em; }
.tbl { margin: 0; }
.land { page: land; }
.tbl p { text-indent: 0; }
.tmark { font-size: 10pt; }
.ttitle { text-align: center; font-size: 15pt; font-weight: bold; margin: 0.6em 0 0.4em; }
table { border-collapse: collapse; width: 100%%; }
table.meta td { border: none; font-size: 10pt; padding: 0 0 3px 0; }
table.meta td.unit { text-align: right; }
table.data th, table.data td { border: 0.75pt solid #000; padding: 2px 4px; font-size: 10pt; line-height: 1.3; }
table.data th { font-weight: normal; text-align: center; vertical-align: middle; }
.small table.data th, .small table.data td { font-size: 9pt; }
table.data td.n { text-align: right; white-space: nowrap; }
table.data td.c { text-align: center; }
table.data td.code { text-align: left; white-space: nowrap; }
table.data td.tot { text-align: center; }
table.data tr { break-inside: avoid; }
.va-top td.n { vertical-align: top; }
.va-middle td.n { vertical-align: middle; }
.va-bottom td.n { vertical-align: bottom; }
.note { font-size: 10pt; text-indent: 0; }
%s`, boxes, boxes, font, tallCSS(d))
}

// tallCSS is the style of a Doc's tall rows and tall headers, empty when
// it has none (so that other documents' HTML stays as it was). The
// paddings are what makes pdftotext -layout set one, two and three blank
// lines between rows, and three or four under a tall header.
func tallCSS(d *Doc) string {
	var tall, one, head bool
	for _, bl := range d.Blocks {
		if bl.Kind == bTable {
			tall = tall || bl.Table.Tall > 1
			one = one || bl.Table.Tall == 1
			head = head || bl.Table.TallHead
		}
	}
	css := ""
	if tall {
		css += `.tall2 table.data td { padding-top: 2.4em; padding-bottom: 2.4em; }
.tall3 table.data td { padding-top: 3.6em; padding-bottom: 3.6em; }
`
	}
	if one {
		css += ".tall1 table.data td { padding-top: 1.4em; padding-bottom: 1.4em; }\n"
	}
	if head {
		css += `.tallhead table.data th { padding-top: 1.6em; padding-bottom: 1.6em; }
.tallhead table.data td { padding-top: 6.5em; padding-bottom: 1.2em; }
`
	}
	return css
}
