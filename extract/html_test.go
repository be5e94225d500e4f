package extract

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func readHTML(t *testing.T, page string) *Document {
	t.Helper()
	doc, err := HTML(strings.NewReader(page), int64(len(page)))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// blockLines renders blocks as "kind level: text" for comparison.
func blockLines(doc *Document) []string {
	var out []string
	for _, b := range doc.Blocks {
		out = append(out, fmt.Sprintf("%s %d: %s", b.Kind, b.Level, b.Text))
	}
	return out
}

func TestHTMLBlocks(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(`<html><body><p>其他收入11.09万元</p></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	metaGBK, _ := simplifiedchinese.GBK.NewEncoder().String(`<html><head><meta charset="gbk"></head><body><p>一般公共预算</p></body></html>`)
	tests := []struct {
		name, page string
		want       []string
	}{
		{"headings and paragraphs", `<html><head><title>不读</title><style>p{}</style><script>var s="不读";</script></head><body>
<h1>某局2023年度部门决算</h1><h3>一、收入支出决算总体情况说明</h3>
<p>&nbsp;&nbsp;　　2023年度收、支总计
  1,234.56万元。与上年
相比，增加 12 万元。</p>
<div>第一段<br/>第二段<span>（续）</span></div><ul><li>条目一</li><li>条目二</li></ul>
<noscript>不读</noscript><select><option>不读</option></select></body></html>`,
			[]string{"heading 1: 某局2023年度部门决算", "heading 3: 一、收入支出决算总体情况说明",
				"paragraph 0: 2023年度收、支总计 1,234.56万元。与上年相比，增加 12 万元。", "paragraph 0: 第一段", "paragraph 0: 第二段（续）",
				"paragraph 0: 条目一", "paragraph 0: 条目二"}},
		{"GBK without a charset", gbk, []string{"paragraph 0: 其他收入11.09万元"}},
		{"GBK named in the meta tag", metaGBK, []string{"paragraph 0: 一般公共预算"}},
		{"UTF-8 without a charset", `<p>住房保障支出</p>`, []string{"paragraph 0: 住房保障支出"}},
	}
	for _, tt := range tests {
		got := blockLines(readHTML(t, tt.page))
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestHTMLTable(t *testing.T) {
	doc := readHTML(t, `<table><thead><tr><th rowspan="2">科目</th><th colspan="2">金额</th></tr>
<tr><th>预算</th><th>决算<br>数</th></tr></thead>
<tbody><tr><td>一般公共服务支出</td><td>10</td><td>9<table><tr><td>内表</td></tr></table></td></tr>
<tr><td rowspan="9">合计</td><td colspan="x">1</td></tr></tbody></table>`)
	if len(doc.Blocks) != 2 || doc.Blocks[0].Kind != TableBlock || doc.Blocks[1].Table == nil || doc.Blocks[1].Table.Depth != 1 {
		t.Fatalf("blocks: %q", blockLines(doc))
	}
	tb := doc.Blocks[0].Table
	want := [][]string{{"科目", "金额", ""}, {"", "预算", "决算\n数"}, {"一般公共服务支出", "10", "9"}, {"合计", "1", ""}}
	for i, row := range want {
		if len(tb.Rows[i]) != 3 {
			t.Fatalf("row %d has %d cells, want 3", i, len(tb.Rows[i]))
		}
		for j, text := range row {
			if tb.Rows[i][j].Text != text {
				t.Errorf("cell %d,%d = %q, want %q", i, j, tb.Rows[i][j].Text, text)
			}
		}
	}
	spans := []struct{ r, c, or, oc, rs, cs int }{
		{0, 0, 0, 0, 2, 1}, {1, 0, 0, 0, 2, 1}, {0, 2, 0, 1, 1, 2}, {1, 2, 1, 2, 1, 1},
		{3, 0, 3, 0, 1, 1}, // a rowspan past the table's end is cut
		{3, 2, 3, 2, 1, 1}, // a short row is padded
	}
	for _, s := range spans {
		c := tb.Rows[s.r][s.c]
		if c.OriginRow != s.or || c.OriginCol != s.oc || c.RowSpan != s.rs || c.ColSpan != s.cs {
			t.Errorf("cell %d,%d = %+v, want origin %d,%d span %dx%d", s.r, s.c, c, s.or, s.oc, s.rs, s.cs)
		}
	}
}

// The HTML fixture is the docx fixture published as a GBK web page
// (testdata/mkpublished): its blocks must read as the docx's, charts aside
// (a page shows them as images) and heading levels capped at 4.
func TestHTMLSeedMatchesDocx(t *testing.T) {
	page, err := os.ReadFile("../testdata/seed/panzhihua-npc-office-2021.html")
	if err != nil {
		t.Fatal(err)
	}
	html, err := HTML(bytes.NewReader(page), int64(len(page)))
	if err != nil {
		t.Fatal(err)
	}
	docx := seedDocx(t)
	var want []string
	var kept []Block // the docx's blocks that a page shows as text
	for _, b := range docx.Blocks {
		switch b.Kind {
		case ChartBlock:
			continue
		case Heading:
			want = append(want, fmt.Sprintf("heading %d: %s", min(b.Level, 4), b.Text))
		default:
			want = append(want, fmt.Sprintf("%s %d: %s", b.Kind, b.Level, b.Text))
		}
		kept = append(kept, b)
	}
	got := blockLines(html)
	// The page's own navigation and footer come before and after.
	nav, footer := "paragraph 0: 首页信息公开财政预决算", "paragraph 0: 版权所有：攀枝花市人大常委会办公室 技术支持：某某网络公司"
	if len(got) != len(want)+2 || got[0] != nav || got[len(got)-1] != footer {
		t.Fatalf("%d blocks, want %d + nav + footer; first %q last %q", len(got), len(want), got[0], got[len(got)-1])
	}
	tables := 0
	for i, w := range want {
		// A browser shows a run of spaces as one: so does the reader.
		if got[i+1] != squash(w) {
			t.Errorf("block %d:\n got %q\nwant %q", i+1, got[i+1], w)
		}
		if d := kept[i].Table; d != nil {
			// Merged cells survive the round trip.
			tables++
			h := html.Blocks[i+1].Table
			for r := range d.Rows {
				for c := range d.Rows[r] {
					want := d.Rows[r][c]
					want.Text = squash(want.Text)
					if !reflect.DeepEqual(h.Rows[r][c], want) {
						t.Errorf("table block %d cell %d,%d = %+v, docx %+v", i+2, r, c, h.Rows[r][c], d.Rows[r][c])
					}
				}
			}
		}
	}
	if tables < 3 {
		t.Errorf("%d tables compared, want the seed's 3", tables)
	}
}

var spaces = regexp.MustCompile(` {2,}`)

func squash(s string) string { return spaces.ReplaceAllString(s, " ") }

// A page of a few kilobytes must not make a grid of billions of cells.
func TestHTMLTableBomb(t *testing.T) {
	page := "<table>" + strings.Repeat("<tr>"+strings.Repeat(`<td rowspan="1000" colspan="1000">x</td>`, 20)+"</tr>", 50) + "</table>"
	_, err := HTML(strings.NewReader(page), int64(len(page)))
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
}

// seedDocx reads the project's docx of the seed report, the source of the
// HTML and xlsx fixtures.
func seedDocx(t *testing.T) *Document {
	t.Helper()
	raw, err := os.ReadFile("../testdata/seed/panzhihua-npc-office-2021.docx")
	if err != nil {
		t.Fatal(err)
	}
	docx, err := Docx(bytes.NewReader(raw), int64(len(raw)), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	return docx
}
