package extract

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

func readXlsx(t *testing.T, data []byte) (*Document, error) {
	t.Helper()
	return Xlsx(bytes.NewReader(data), int64(len(data)), DefaultLimits)
}

// The xlsx fixture is the seed's 支出决算明细表 as a workbook (testdata/mkpublished):
// title, 编制单位 and unit lines as paragraphs, the table's grid equal to
// the docx's (values to Excel's precision: 19.70 reads 19.7), the amount
// typed as text and the formula saved without a value read like the rest,
// the note as a paragraph, the hidden sheet left out.
func TestXlsxSeed(t *testing.T) {
	data, err := os.ReadFile("../testdata/seed/panzhihua-npc-office-2021.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := readXlsx(t, data)
	if err != nil {
		t.Fatal(err)
	}
	got := blockLines(doc)
	want := []string{"heading 1: 公开表5", "paragraph 0: 2021年一般公共预算财政拨款支出决算明细表", "paragraph 0: 编制单位：攀枝花市人大常委会办公室",
		"paragraph 0: 单位：万元", "", "paragraph 0: 注：本表反映部门本年度一般公共预算财政拨款实际支出情况。"}
	if len(got) != len(want) {
		t.Fatalf("blocks %q", got)
	}
	for i, w := range want {
		if w != "" && got[i] != w {
			t.Errorf("block %d = %q, want %q", i+1, got[i], w)
		}
	}
	if len(doc.Problems) != 0 {
		t.Errorf("problems: %v", doc.Problems)
	}
	var want5 *Table
	for _, b := range seedDocx(t).Blocks {
		if b.Table != nil {
			want5 = b.Table
			break
		}
	}
	tb := doc.Blocks[4].Table
	if tb == nil || len(tb.Rows) != len(want5.Rows) {
		t.Fatalf("table block: %+v", doc.Blocks[4])
	}
	for i := range want5.Rows {
		for j, w := range want5.Rows[i] {
			g := tb.Rows[i][j]
			// Amounts compare as numbers (19.70 reads 19.7); codes and
			// names as text ("01" stays "01").
			gd, err1 := decimal.NewFromString(g.Text)
			wd, err2 := decimal.NewFromString(w.Text)
			if err1 == nil && err2 == nil && j >= 3 && gd.Equal(wd) {
				g.Text = w.Text
			}
			if !reflect.DeepEqual(g, w) {
				t.Errorf("cell %d,%d = %+v, docx %+v", i, j, tb.Rows[i][j], want5.Rows[i][j])
			}
		}
	}
}

func TestXlsxValues(t *testing.T) {
	x := excelize.NewFile()
	const s = "Sheet1"
	pct, _ := x.NewStyle(&excelize.Style{NumFmt: 10})  // 0.00%
	whole, _ := x.NewStyle(&excelize.Style{NumFmt: 1}) // 0
	x.SetSheetRow(s, "A1", &[]any{"项目", "占比", "金额", "和", "坏公式", "文本"})
	x.SetCellFloat(s, "B2", 0.772, -1, 64)
	x.SetCellStyle(s, "B2", "B2", pct)
	x.SetCellFloat(s, "C2", 1273.96, -1, 64)
	x.SetCellStyle(s, "C2", "C2", whole)
	x.SetCellFloat(s, "D2", 0.1+0.2, -1, 64)
	x.SetCellFormula(s, "E2", "=NOSUCHFUNCTION(1)")
	x.SetCellStr(s, "F2", "0012")
	x.SetCellStr(s, "A2", "甲")
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	doc, err := readXlsx(t, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	tb := doc.Blocks[len(doc.Blocks)-1].Table
	if tb == nil {
		t.Fatalf("blocks %q", blockLines(doc))
	}
	got := []string{tb.Rows[1][1].Text, tb.Rows[1][2].Text, tb.Rows[1][3].Text, tb.Rows[1][4].Text, tb.Rows[1][5].Text}
	want := []string{"77.2%", "1273.96", "0.3", "", "0012"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("values %q, want %q", got, want)
	}
	if len(doc.Problems) != 1 || !strings.Contains(doc.Problems[0].Error(), "E2") || !strings.Contains(doc.Problems[0].Error(), "NOSUCHFUNCTION") {
		t.Errorf("problems: %v", doc.Problems)
	}
}

func TestXlsxBomb(t *testing.T) {
	data, err := os.ReadFile("testdata/bomb-512mb.docx")
	if err != nil {
		t.Skip(err)
	}
	if _, err := readXlsx(t, data); !errors.Is(err, ErrTooLarge) {
		t.Errorf("a zip bomb as xlsx: %v, want ErrTooLarge", err)
	}
}
