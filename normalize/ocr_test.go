package normalize

import (
	"reflect"
	"strings"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/extract"
)

// ocrGrid is grid's table as read by OCR.
func ocrGrid(rows ...string) extract.Block {
	b := grid(rows...)
	b.OCR = true
	return b
}

// ocrFacts reads blocks and returns each fact as "line [flags]", and the
// withheld ones.
func ocrFacts(t *testing.T, blocks ...extract.Block) (facts, withheld []string) {
	t.Helper()
	res := Document(docOf(blocks...), segmenter(t))
	for _, f := range res.Facts {
		s := factLines([]Fact{f})[0] + " " + f.MethodName()
		if f.Unverified {
			s += " unverified"
		}
		facts = append(facts, s)
	}
	return sortedCopy(facts), sortedCopy(factLines(res.Withheld))
}

func TestOCRTableSums(t *testing.T) {
	decision := para("上海市某局2024年度部门决算")
	title, unit := para("一般公共预算财政拨款支出决算表"), para("单位：万元")
	// 60.00 was 50.00 on the page: the 款 above it no longer adds up, so
	// both of its items are withheld; the 类 and 合计 rows still add up.
	facts, withheld := ocrFacts(t, decision, title, unit, ocrGrid(
		"科目编码|科目名称|决算数",
		"|合计|300.00",
		"201|一般公共服务支出|200.00",
		"20101|人大事务|200.00",
		"2010101|行政运行|150.00",
		"2010102|一般行政管理事务|60.00",
		"208|社会保障和就业支出|100.00",
		"20805|行政事业单位养老支出|100.00",
		"2080501|行政单位离退休|100.00"))
	want := []string{
		"gpb.class amount 一般公共服务支出 #201 = 2000000 ocr",
		"gpb.class amount 社会保障和就业支出 #208 = 1000000 ocr",
		"gpb.expenditure amount = 3000000 ocr",
		"gpb.item amount 社会保障和就业支出/行政事业单位养老支出/行政单位离退休 #2080501 = 1000000 ocr",
	}
	if !reflect.DeepEqual(facts, want) {
		t.Errorf("facts:\n got %s\nwant %s", strings.Join(facts, "\n     "), strings.Join(want, "\n     "))
	}
	wantWithheld := []string{
		"gpb.item amount 一般公共服务支出/人大事务/一般行政管理事务 #2010102 = 600000",
		"gpb.item amount 一般公共服务支出/人大事务/行政运行 #2010101 = 1500000",
	}
	if !reflect.DeepEqual(withheld, wantWithheld) {
		t.Errorf("withheld:\n got %s\nwant %s", strings.Join(withheld, "\n     "), strings.Join(wantWithheld, "\n     "))
	}
}

func TestOCRUncheckedAndDoubtful(t *testing.T) {
	decision := para("上海市某局2024年度部门决算")
	unit := para("单位：万元")
	// No 合计 and no 款 rows: nothing checks the items, which stay,
	// flagged. A doubtful 合计 cell gives no amount, and the row's 基本支出
	// is not taken for it.
	facts, withheld := ocrFacts(t, decision, para("一般公共预算财政拨款支出决算明细表"), unit, ocrGrid(
		"科目编码|科目名称|合计|基本支出|项目支出",
		"2010101|行政运行|1273.96|1273.96|",
		"2010102|一般行政管理事务|170.51"+extract.Doubtful+"|100.00|70.51"))
	want := []string{"gpb.item amount 一般公共服务支出/人大事务/行政运行 #2010101 = 12739600 ocr"}
	if !reflect.DeepEqual(facts, want) || len(withheld) != 0 {
		t.Errorf("facts %q withheld %q; want %q and none withheld", facts, withheld, want)
	}
	// The row sum (合计 = 基本 + 项目) confirms the first row, a sentence
	// the 合计 row nothing sums; a sentence read by OCR is unverified
	// unless a second reading agrees.
	facts, _ = ocrFacts(t, decision, para("一般公共预算财政拨款支出决算明细表"), unit, ocrGrid(
		"科目编码|科目名称|合计|基本支出|项目支出",
		"|合计|2111.47||",
		"2010101|行政运行|1273.96|1200.00|73.96",
		"2010102|一般行政管理事务|170.51|100.00|"),
		extract.Block{Kind: extract.Paragraph, OCR: true, Text: "2024年一般公共预算财政拨款支出2111.47万元，比上年增加1.0" + extract.Doubtful + "万元。"},
		extract.Block{Kind: extract.Paragraph, OCR: true, Text: "2024年一般公共预算财政拨款基本支出1792.45万元。"})
	want = []string{
		"gpb.basic amount = 17924500 ocr unverified",
		"gpb.expenditure amount = 21114700 ocr",
		"gpb.item amount 一般公共服务支出/人大事务/一般行政管理事务 #2010102 = 1705100 ocr unverified",
		"gpb.item amount 一般公共服务支出/人大事务/行政运行 #2010101 = 12739600 ocr",
	}
	if !reflect.DeepEqual(facts, want) {
		t.Errorf("facts:\n got %s\nwant %s", strings.Join(facts, "\n     "), strings.Join(want, "\n     "))
	}
}

// Every standard table's sums by its layout are in Result.Sums, read or
// not by OCR, with the rounding their printing accounts for; the 完成%
// column is no sum, nor the code columns.
func TestTableSums(t *testing.T) {
	res := Document(docOf(para("上海市某局2024年度部门决算"), para("一般公共预算财政拨款支出决算表"), para("单位：万元"),
		grid("科目编码|<|<|科目名称|决算数|基本支出|完成预算%", "类|款|项||||",
			"|||合计|2,940.05|2,336.91|98.20",
			"201|||一般公共服务支出|2,106.66|1,503.52|97.69",
			"208|||社会保障和就业支出|326.72|326.72|100.00",
			"210|||卫生健康支出|60.99|60.99|100.00",
			"221|||住房保障支出|445.69|445.69|100.00")), segmenter(t))
	checkSumLines(t, res, "决算数 合计 2,940.05 2940.06 0.025 万元", "基本支出 合计 2,336.91 2336.92 0.025 万元")
}

// checkSumLines compares a result's table sums, as "column label total
// sum rounding unit", with want, in any order.
func checkSumLines(t *testing.T, res *Result, want ...string) {
	t.Helper()
	var got []string
	for _, s := range res.Sums {
		got = append(got, s.Column+" "+s.Label+" "+s.Raw+" "+s.Sum.String()+" "+s.Rounding.String()+" "+s.Unit)
	}
	if !reflect.DeepEqual(sortedCopy(got), sortedCopy(want)) {
		t.Errorf("sums %q, want %q", got, want)
	}
}

// A two-sided 基本支出 table (301 and 303 on the left, 302 on the right) is
// summed side by side, with the names a PDF prints below their codes and
// figures joined to them, and a code repeated on a row without figures
// (a 款 code wrapped to the line below) not taken for a misread one.
func TestTwoSidedTableSums(t *testing.T) {
	res := Document(docOf(para("上海市某局2024年度部门决算"), para("一般公共预算财政拨款基本支出决算表"), para("单位：万元"),
		grid("科目编码|<|科目名称|决算数|科目编码|<|科目名称|决算数", "类|款||||||",
			"301|||2,082.85|302|||171.07",
			"||工资福利支出||||商品和服务支出|",
			"301|01|基本工资|262.33|302|01|办公费|21.21",
			"301|02||1,238.58|302|||7.61",
			"||津贴补贴|||02|印刷费|",
			"301|99|其他工资福利支出|582.95|302||公务用车运行维护|",
			"303||对个人和家庭的补助|69.41||31|费|",
			"303|02|退休费|69.10|302|99|其他商品和服务支出|142.27",
			"303|09|奖励金|0.31||||")), segmenter(t))
	checkSumLines(t, res, "决算数 301 工资福利支出 2,082.85 2083.86 0.02 万元", "决算数 302 商品和服务支出 171.07 171.09 0.02 万元",
		"决算数 303 对个人和家庭的补助 69.41 69.41 0.015 万元")
}

// A summary table's class rows are recorded where all the money is
// 一般公共预算, for validation to compare with the function table's.
func TestSummaryClasses(t *testing.T) {
	res := Document(docOf(para("上海市某局2024年度部门决算"), para("收入支出决算总表"), para("单位：万元"),
		grid("收入|<|支出|<", "项目|决算数|项目|决算数",
			"一、一般公共预算财政拨款收入|2,940.05|一、一般公共服务支出|2,106.66",
			"|    |八、社会保障和就业支出|326.71",
			"本年收入合计|2,940.05|本年支出合计|2,940.05")), segmenter(t))
	var got []string
	for _, c := range res.Classes {
		got = append(got, c.Code+" "+c.Name+" "+c.Value.String()+" "+c.Raw)
	}
	want := []string{"201 一般公共服务支出 21066600 2,106.66万元", "208 社会保障和就业支出 3267100 326.71万元"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("classes %q, want %q", got, want)
	}
}
