package normalize

import (
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/extract"
)

// codesOf gives each row's 类, 款 and 项 cells, and the function code
// the table readers read from them.
func codesOf(v *tableView) []string {
	var out []string
	for _, row := range v.rows {
		code, _, _ := rowCode(row)
		out = append(out, row[0].text+"/"+row[1].text+"/"+row[2].text+" "+code)
	}
	return out
}

func TestCentredCodes(t *testing.T) {
	head := []string{"科目编码|<|<|科目名称|合计", "类|款|项||"}
	tests := []struct {
		name string
		rows []string
		want []string
	}{
		// Names no catalogue holds: the levels come from the rows' order.
		{"codes centred in merged cells go back to their rows", []string{
			"|||合计|30.00",
			"|||甲类支出|20.00",
			"|||甲款|12.00",
			"299|01|01|甲项一|5.00",
			"||02|甲项二|7.00",
			"|||乙款|8.00",
			"|02|01|乙项一|8.00",
			"|||丙类支出|10.00",
			"298|||丙款|10.00",
			"|03|01|丙项一|10.00"},
			[]string{"// ", "299// 299", "299/01/ 29901", "299/01/01 2990101", "299/01/02 2990102", "299/02/ 29902", "299/02/01 2990201",
				"298// 298", "298/03/ 29803", "298/03/01 2980301"}},
		// 项 codes centred a row high, on their 款's rows: the levels come
		// from the amounts (a 类 the sum of its 款, a 款 of its 项).
		{"项 codes on the rows above theirs", []string{
			"|||合计|30.00",
			"|||甲类支出|30.00",
			"|01|01|甲款|20.00",
			"|||甲项一|20.00",
			"299|02|01|乙款|10.00",
			"|||乙项一|10.00"},
			[]string{"// ", "299// 299", "299/01/ 29901", "299/01/01 2990101", "299/02/ 29902", "299/02/01 2990201"}},
		// A class code below its class's rows is no merged cell's: the
		// table is left as printed.
		{"a code outside the rows its cell would cover", []string{
			"|||合计|30.00",
			"|||甲类支出|20.00",
			"|01|01|甲项一|20.00",
			"|||丙类支出|10.00",
			"299|03||丙款|10.00",
			"298||01|丙项一|10.00"},
			[]string{"// ", "// ", "/01/01 ", "// ", "299/03/ 29903", "298//01 "}},
		// Every row with a code of its own: nothing to put back.
		{"codes on their rows", []string{
			"|||合计|20.00",
			"299|||甲类支出|20.00",
			"|01||甲款|20.00",
			"||01|甲项一|20.00"},
			[]string{"// ", "299// 299", "/01/ ", "//01 "}},
	}
	for _, tt := range tests {
		b := grid(append(append([]string(nil), head...), tt.rows...)...)
		v := viewTable(&b)
		if got := codesOf(v); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: codes %q, want %q", tt.name, got, tt.want)
		}
	}
}

// A narrow 项 column run into the name column: the 项 code heads the name.
func TestItemCodeColumn(t *testing.T) {
	b := grid("科目编码|<|科目名称|合计", "类|款|项 名称|",
		"206||科学技术支出|6.00",
		"206|07|科学技术普及|6.00",
		"206|07|02 科普活动|4.00",
		"206|07|99其他科学技术普及支出|2.00")
	v := viewTable(&b)
	want := []string{"206// 206", "206/07/ 20607", "206/07/02 2060702", "206/07/99 2060799"}
	if got := codesOf(v); !reflect.DeepEqual(got, want) {
		t.Errorf("codes %q, want %q", got, want)
	}
	if _, name, _ := rowCode(v.rows[2]); name != "科普活动" {
		t.Errorf("name %q, want 科普活动", name)
	}
	// A name that opens with digits on a row without its 款 is no 项 code.
	b = grid("科目编码|<|科目名称|合计", "类|款|项 名称|",
		"206||科学技术支出|6.00",
		"206||10万人以上项目|6.00")
	v = viewTable(&b)
	if got, want := codesOf(v), []string{"206//科学技术支出 206", "206//10万人以上项目 206"}; !reflect.DeepEqual(got, want) {
		t.Errorf("codes %q, want %q", got, want)
	}
}

// A tall row's last figures set lower join it; a line of figures under a
// row of words alone (a two-half table's 人员经费合计 and 公用经费合计 figures
// over their labels) does not.
func TestEndsRow(t *testing.T) {
	b := grid("科目编码|科目名称|合计|基本支出|项目支出|经营支出",
		"205|教育支出|30.00|20.00|5.00|5.00",
		"20502|普通教育|30.00|20.00||",
		"||||5.00|5.00")
	if v := viewTable(&b); len(v.rows) != 2 || cellTexts(v.rows[1])[len(cellTexts(v.rows[1]))-1] != "5.00" {
		t.Errorf("rows %v, want the last line in the second row", v.rows)
	}
	b = grid("科目编码|科目名称|决算数|科目编码|科目名称|决算数",
		"301|工资福利支出|10.00|302|商品和服务支出|4.00",
		"310|资本性支出||||",
		"||10.00|||4.00")
	if v := viewTable(&b); len(v.rows) != 3 {
		t.Errorf("%d rows, want the line of figures a row of its own", len(v.rows))
	}
}

// A sum over a line the reading could not place (figures, no code) is not
// checked: the lost line is no sum that fails. The sums whose rows are all
// placed still are.
func TestSumsSkipUnplacedRows(t *testing.T) {
	b := grid("科目编码|科目名称|合计",
		"|合计|30.00",
		"205|教育支出|20.00",
		"20502|普通教育|20.00",
		"|小学教育|15.00",
		"2050299|其他普通教育支出|5.00",
		"208|社会保障和就业支出|10.00",
		"20805|行政事业单位养老支出|10.00",
		"2080505|机关事业单位基本养老保险缴费支出|10.00")
	var got []string
	for _, s := range checkSums(viewTable(&b)).sums {
		got = append(got, s.label)
	}
	want := []string{"208 社会保障和就业支出", "20805 行政事业单位养老支出"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sums checked %q, want %q", got, want)
	}
}

// A line of figures alone under a tall row's name, in a 元 table, may open
// with a whole amount that reads as a code (5439923): it is no code, and
// standing in the figure columns it is the figures of the row above.
func TestSumsAmountThatReadsAsCode(t *testing.T) {
	b := grid("科目编码|科目名称|合计|基本支出|项目支出",
		"201|一般公共服务支出|7211386|1771386|5440000",
		"20138|市场监督管理事务|7211386|1771386|5440000",
		"2013801|行政运行|1771386|1771386|0",
		"2013802|一般行政管理事务||",
		"||5440000|0|5440000")
	// The line's amounts stand in the figure columns, right of the names:
	// they are 2013802's figures, set under its name, and the sums over
	// them hold.
	v := viewTable(&b)
	if got := strings.Join(cellTexts(v.rows[len(v.rows)-1]), "|"); got != "2013802|一般行政管理事务|5440000|0|5440000" {
		t.Errorf("last row %q, want 一般行政管理事务 with the line's figures", got)
	}
	down := 0
	for _, s := range checkSums(v).sums {
		if s.down {
			down++
			if !s.t.Equal(s.sum) {
				t.Errorf("sum of %s: %s over %d parts, want %s", s.label, s.sum, s.parts, s.t)
			}
		}
	}
	if down == 0 {
		t.Errorf("no sum down the columns checked")
	}
}

// Across a row whose cells stand where printed, a blank part is a zero: a
// 合计 that one printed part misses is a sum that fails. In a text copy the
// blank may be a figure's lost place, and the sum is not checked.
func TestSumsAcrossBlankPart(t *testing.T) {
	for _, blanks := range []bool{true, false} {
		b := grid("科目编码|科目名称|合计|基本支出|项目支出",
			"2101101|行政单位医疗|55.67|55.67|",
			"2101102|事业单位医疗|18.45|15.26|")
		v := viewTable(&b)
		v.blanks = blanks
		var got []string
		for _, s := range checkSums(v).sums {
			if !s.down {
				got = append(got, s.label+" "+s.t.String()+" = "+s.sum.String())
			}
		}
		want := []string{"2101101 行政单位医疗 55.67 = 55.67"}
		if blanks {
			want = append(want, "2101102 事业单位医疗 18.45 = 15.26")
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("blanks %v: sums %q, want %q", blanks, got, want)
		}
	}
}

// A table whose rows go on in the next table (its next page's part, cut
// apart) has no sum checked over its last rows or from a 合计 at its head:
// their parts may stand in the next part.
func TestSumsOfATableThatGoesOn(t *testing.T) {
	decision := para("上海市某局2024年度部门决算")
	title, unit := para("一般公共预算财政拨款支出决算表"), para("单位：万元")
	first := grid("科目编码|科目名称|合计",
		"|合计|30.00",
		"205|教育支出|20.00",
		"20502|普通教育|20.00",
		"2050201|学前教育|20.00",
		"208|社会保障和就业支出|10.00",
		"20805|行政事业单位养老支出|6.00",
		"2080501|行政单位离退休|6.00")
	rest := grid("科目编码|科目名称|合计",
		"20808|抚恤|4.00",
		"2080801|死亡抚恤|4.00")
	got := downSums(t, decision, title, unit, first, rest)
	want := []string{"205 教育支出", "20502 普通教育", "20808 抚恤"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sums %q, want %q", got, want)
	}
	// The first part on its own is whole: its 合计 and last 款 are checked.
	got = downSums(t, decision, title, unit, first)
	want = []string{"合计", "205 教育支出", "20502 普通教育", "20805 行政事业单位养老支出"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sums %q, want %q", got, want)
	}
}

// A 项 row whose 类 and 款 rows stand in the table's part on the page
// before takes their names as the document printed them (a former name,
// 行政事业单位离退休, for 20805), not the catalogue's current one: one code,
// one subject.
func TestItemNamedByThePartBefore(t *testing.T) {
	decision := para("江苏省某厅2017年度部门预算")
	title, unit := para("一般公共预算支出预算表"), para("单位：万元")
	first := grid("科目编码|科目名称|金额",
		"|合计|30.00",
		"208|社会保障和就业支出|30.00",
		"20805|行政事业单位离退休|30.00",
		"2080505|机关事业单位基本养老保险缴费支出|20.00")
	rest := grid("科目编码|科目名称|金额",
		"2080506|机关事业单位职业年金缴费支出|10.00")
	var got []string
	for _, f := range Document(docOf(decision, title, unit, first, rest), segmenter(t)).Facts {
		if f.Metric == "gpb.item" {
			got = append(got, f.Code+" "+f.Subject)
		}
	}
	want := []string{
		"2080505 社会保障和就业支出/行政事业单位离退休/机关事业单位基本养老保险缴费支出",
		"2080506 社会保障和就业支出/行政事业单位离退休/机关事业单位职业年金缴费支出",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("items %q, want %q", got, want)
	}
}

// A text copy of a table whose cells are centred on tall rows prints the
// figures of two rows whose names wrapped under one another as a stack:
// each column's figures in turn, on lines of their own. They go, in
// order, to the rows above lacking figures; a column with fewer figures
// than rows cannot say whose its figure is.
func TestStackedFigures(t *testing.T) {
	b := grid("类|款|项|科目名称|合计|基本支出|项目支出",
		"210|11|01|行政单位医疗|53.44|53.44|",
		"221|||住房保障支出|300.26|220.26|80.00",
		"221|02||住房改革支出|300.26|220.26|80.00",
		"221|02|01|住房公积金|||",
		"||02|提租补贴|||",
		"||||150.60||",
		"||||79.06||",
		"|||||150.60|",
		"|||||79.06|",
		"||||||80.00",
		"||03|购房补贴|70.60|70.60|")
	v := viewTable(&b)
	var got []string
	for _, r := range v.rows {
		var cells []string
		for _, c := range r {
			switch {
			case c.unknown:
				cells = append(cells, "?")
			default:
				cells = append(cells, c.text)
			}
		}
		got = append(got, strings.Join(cells, "|"))
	}
	want := []string{
		"210|11|01|行政单位医疗|53.44|53.44|",
		"221|||住房保障支出|300.26|220.26|80.00",
		"221|02||住房改革支出|300.26|220.26|80.00",
		"221|02|01|住房公积金|150.60|150.60|?",
		"||02|提租补贴|79.06|79.06|?",
		"||03|购房补贴|70.60|70.60|",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n got %q\nwant %q", got, want)
	}
}

// A text copy's table that kept its columns (not packed) has its blank
// cells where printed: a blank part is a zero, and a row whose 基本支出
// alone does not make its 合计 is a sum that fails, as in a PDF. A packed
// table's blanks are lost: no such sum.
func TestRowSumOfATextCopy(t *testing.T) {
	for _, packed := range []bool{false, true} {
		table := grid("科目编码|科目名称|合计|基本支出|项目支出",
			"2101101|行政单位医疗|55.67|52.48|",
			"2101102|事业单位医疗|18.45|18.45|")
		table.Table.Packed = packed
		doc := docOf(para("某县某局2023年度部门决算"), para("一般公共预算财政拨款支出决算表"), para("单位：万元"), table)
		doc.Format = "txt"
		var got []string
		for _, s := range Document(doc, segmenter(t)).Sums {
			if s.Across && !s.Sum.Equal(s.Total) {
				got = append(got, s.Label+" "+s.Total.String()+" ≠ "+s.Sum.String())
			}
		}
		var want []string
		if !packed {
			want = []string{"2101101 行政单位医疗 55.67 ≠ 52.48"}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("packed %v: failing row sums %q, want %q", packed, got, want)
		}
	}
}

// A table that goes on from the one before (its page before's part, cut
// apart) and closes with a 合计 at its foot: the 合计 sums the classes of
// both parts, and is not checked over this part's alone.
func TestSumsOfATableThatGoesOnFromTheOneBefore(t *testing.T) {
	decision := para("某县某局2025年部门预算")
	title, unit := para("一般公共预算支出表"), para("单位：元")
	first := grid("科目编码|科目名称|合计",
		"208|社会保障和就业支出|300",
		"20805|行政事业单位养老支出|300",
		"2080501|行政单位离退休|300")
	rest := grid("科目编码|科目名称|合计",
		"210|卫生健康支出|100",
		"21011|行政事业单位医疗|100",
		"2101101|行政单位医疗|100",
		"221|住房保障支出|50",
		"22102|住房改革支出|50",
		"2210201|住房公积金|50",
		"|合计|450")
	got := downSums(t, decision, title, unit, first, rest)
	want := []string{"210 卫生健康支出", "21011 行政事业单位医疗", "221 住房保障支出", "22102 住房改革支出"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sums %q, want %q", got, want)
	}
}

// downSums lists the labels of the sums down a column that a document's
// tables state, as normalize reads them.
func downSums(t *testing.T, blocks ...extract.Block) []string {
	var out []string
	for _, s := range Document(docOf(blocks...), segmenter(t)).Sums {
		if !s.Across {
			out = append(out, s.Label)
		}
	}
	return out
}

// TestCentredClassCodeOnKuanLine: a copy prints a 类 code centred on its
// rows, on a 款's line ("206 | 科学技术普及"): that line is the 款's, whose
// name it prints, not a second reading of the 类.
func TestCentredClassCodeOnKuanLine(t *testing.T) {
	decision := para("某某委员会2022年部门预算")
	title, unit := para("一般公共预算支出功能分类预算表"), para("单位：元")
	table := grid("科目编码|科目名称|合计",
		"|科学技术支出|3,000.00",
		"20601|科学技术管理事务|2,000.00",
		"2060101|行政运行|2,000.00",
		"206|科学技术普及|1,000.00",
		"2060702|科普活动|1,000.00")
	res := Document(docOf(decision, title, unit, table), segmenter(t))
	var got []string
	for _, f := range res.Facts {
		if f.Metric == "gpb.class" {
			got = append(got, f.Subject+" = "+f.Value.String())
		}
	}
	if want := []string{"科学技术支出 = 3000"}; !reflect.DeepEqual(got, want) || len(res.Conflicts) > 0 {
		t.Errorf("classes %q with %d conflicting readings, want %q and none: the 款's line read as the 类's", got, len(res.Conflicts), want)
	}
}

// TestFiguresAtTopOfTallRows: a table whose tall rows print their figures
// on the first line, their names wrapped over three lines and their codes
// centred in merged cells (the 项 code on a row's middle line, the 款 and
// 类 codes in the middle of theirs). A line of figures between two lines
// of codes and a name's rest, neither with figures, goes with the one
// whose name it opens (机关事业单 + 位职业年金缴费支出), not the one above.
func TestFiguresAtTopOfTallRows(t *testing.T) {
	got := tableFacts(t, para("某市人民医院2023年度部门决算"), para("一般公共预算财政拨款支出决算表"), para("单位：万元"),
		grid("科目编码|<|<|科目名称|合计|基本支出|项目支出", "类|款|项||||",
			"|||合计|319.77|319.77|",
			"|||社会保障和就业支出|319.77|319.77|",
			"|||行政事业单位养老支出|319.77|319.77|",
			"||02|事业单位离退休|174.86|174.86|",
			"208|||机关事业单|97.56|97.56|",
			"|05|05|位基本养老保险缴费支出|||",
			"|||机关事业单|47.35|47.35|",
			"||06|位职业年金缴费支出|||"))
	want := []string{
		"gpb.expenditure amount = 3197700",
		"gpb.basic amount = 3197700",
		"gpb.class amount 社会保障和就业支出 #208 = 3197700",
		"gpb.item amount 社会保障和就业支出/行政事业单位养老支出/事业单位离退休 #2080502 = 1748600",
		"gpb.item amount 社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出 #2080505 = 975600",
		"gpb.item amount 社会保障和就业支出/行政事业单位养老支出/机关事业单位职业年金缴费支出 #2080506 = 473500",
	}
	sort.Strings(got)
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("facts\n got %q\nwant %q", got, want)
	}
}

// TestPartialTable: a function table with a row of figures the reader
// cannot place, or a coded line whose figures stand elsewhere, is marked
// read in part (Result.Partial), so that validation does not take its
// lines for all of them; a table read whole is not.
func TestPartialTable(t *testing.T) {
	head := []string{"科目编码|<|<|科目名称|合计", "类|款|项||"}
	tests := []struct {
		name string
		rows []string
		want []int
	}{
		{"every row read", []string{
			"|||合计|300.00",
			"208|||社会保障和就业支出|300.00",
			"208|05||行政事业单位养老支出|300.00",
			"208|05|01|行政单位离退休|100.00",
			"208|05|05|机关事业单位基本养老保险缴费支出|200.00"}, nil},
		{"a 款's name and its 项's on one line, no figures", []string{
			"|||合计|300.00",
			"208|||社会保障和就业支出|300.00",
			"208|05||行政事业单位养老支出|300.00",
			"208|05|01|行政单位离退休|100.00",
			"208|05|05|行政事业单位养老支出机关事业单位基本养老保险缴费支出|"}, []int{4}},
		{"a 项 line without its figures", []string{
			"|||合计|300.00",
			"208|||社会保障和就业支出|300.00",
			"208|05||行政事业单位养老支出|300.00",
			"208|05|01|行政单位离退休|100.00",
			"208|05|05|机关事业单位基本养老保险缴费支出|"}, []int{4}},
	}
	for _, tt := range tests {
		blocks := []extract.Block{para("某县人社局2023年度部门决算"), para("一般公共预算财政拨款支出决算表"), para("单位：万元"),
			grid(append(slices.Clone(head), tt.rows...)...)}
		res := Document(docOf(blocks...), segmenter(t))
		if !reflect.DeepEqual(res.Partial, tt.want) {
			t.Errorf("%s: Partial = %v, want %v", tt.name, res.Partial, tt.want)
		}
	}
}

// TestPrintedSubCodeDecides: a table that prints 款 and 项 codes alike,
// two digits in one column, names a 项 the catalogue lists under another
// 款 of the class (信息化建设 is 司法's 13; 公安's 19 is a line the
// catalogue lacks). The row's digits decide: 公安's 19 is not 司法's
// line, and gives no fact rather than a wrong one.
func TestPrintedSubCodeDecides(t *testing.T) {
	got := tableFacts(t, para("上海市某区应急管理局2019年部门预算"), para("一般公共预算支出功能分类预算表"), para("单位：元"),
		grid("功能分类科目编码|功能分类科目名称|合计",
			"204|公共安全支出|1,000",
			"02|公安|300",
			"19|信息化建设|300",
			"06|司法|700",
			"05|普法宣传|500",
			"13|信息化建设|200",
			"|合计|1,000"))
	for _, g := range got {
		if strings.Contains(g, "信息化建设") && !strings.HasSuffix(g, "#2040613 = 200") {
			t.Errorf("%s: 公安's line read as 司法's", g)
		}
	}
	if !slices.Contains(got, "gpb.item amount 公共安全支出/司法/信息化建设 #2040613 = 200") {
		t.Errorf("司法's 信息化建设 not read: %q", got)
	}
}

// TestKuanLevelsWithoutCatalogue: a table that prints 款 and 项 codes
// alike, two digits in one column, under 款 the reader's catalogue does
// not list. A line whose 其他…支出 follows is a 款 (商贸事务, then 99
// 其他商贸事务支出); so is a line past the 项 that add up to the 款 above
// (污染防治 after 环境保护管理事务's 100, 自然生态保护 after 水体 spent
// 污染防治's 50). The 项 under them take their codes.
func TestKuanLevelsWithoutCatalogue(t *testing.T) {
	got := tableFacts(t, para("江苏省某厅2019年度部门预算"), para("一般公共预算支出预算表"), para("单位：万元"),
		grid("功能分类科目编码|功能分类科目名称|合计",
			"201|一般公共服务支出|80.00",
			"13|商贸事务|80.00",
			"99|其他商贸事务支出|80.00",
			"211|节能环保支出|180.00",
			"01|环境保护管理事务|100.00",
			"01|行政运行|60.00",
			"02|一般行政管理事务|40.00",
			"03|污染防治|50.00",
			"02|水体|50.00",
			"04|自然生态保护|30.00",
			"01|生态保护|30.00",
			"|合计|260.00"))
	want := []string{
		"gpb.class amount 一般公共服务支出 #201 = 800000",
		"gpb.item amount 一般公共服务支出/商贸事务/其他商贸事务支出 #2011399 = 800000",
		"gpb.class amount 节能环保支出 #211 = 1800000",
		"gpb.item amount 节能环保支出/环境保护管理事务/行政运行 #2110101 = 600000",
		"gpb.item amount 节能环保支出/环境保护管理事务/一般行政管理事务 #2110102 = 400000",
		"gpb.item amount 节能环保支出/污染防治/水体 #2110302 = 500000",
		"gpb.item amount 节能环保支出/自然生态保护/生态保护 #2110401 = 300000",
		"gpb.expenditure amount = 2600000",
	}
	sort.Strings(got)
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("facts\n got %q\nwant %q", got, want)
	}
}

// TestStackedWholeYuan: a stack of a table in whole 元 whose amounts have
// a code's seven digits (1005336): in the figure columns, right of the
// names, they are amounts all the same, and the stack goes to its rows.
func TestStackedWholeYuan(t *testing.T) {
	b := grid("类|款|项|科目名称|合计|基本支出|项目支出",
		"201|||一般公共服务支出|1491014|0|1491014",
		"201|01||人大事务|1491014|0|1491014",
		"|01|05|人大立法|||",
		"||07|人大代表履职能力提升|||",
		"||||282359||",
		"||||1005336||",
		"|||||0|",
		"|||||0|",
		"||||||282359",
		"||||||1005336",
		"||08|代表工作|203319|0|203319")
	v := viewTable(&b)
	var got []string
	for _, r := range v.rows {
		got = append(got, strings.Join(cellTexts(r), "|"))
	}
	want := []string{
		"201|一般公共服务支出|1491014|0|1491014",
		"201|01|人大事务|1491014|0|1491014",
		"01|05|人大立法|282359|0|282359",
		"07|人大代表履职能力提升|1005336|0|1005336",
		"08|代表工作|203319|0|203319",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n got %q\nwant %q", got, want)
	}
}

// TestFewRowsGoOn: a -layout copy parts a function table's tall rows by
// blank lines, and the last rows of a page stand as a table of their
// own: two coded lines, one whose figures sit on the line under it. That
// part goes on from the table before, and its lines are assembled as a
// whole table's are (a table of its own needs three codes for that).
func TestFewRowsGoOn(t *testing.T) {
	got := tableFacts(t, para("上海市某区残联2022年部门预算"), para("一般公共预算支出功能分类预算表"), para("单位：元"),
		grid("类|款|项|功能分类科目名称|合计|基本支出",
			"201|||一般公共服务支出|1,000.00|1,000.00",
			"201|33||宣传事务|434.55|434.55",
			"201|33|99|其他宣传事务支出|434.55|434.55"),
		grid("201|99||其他一般公共服务支出|565.45|565.45",
			"201|99|99|其他一般公共服务支出||",
			"||||565.45|565.45"))
	if !slices.Contains(got, "gpb.item amount 一般公共服务支出/其他一般公共服务支出/其他一般公共服务支出 #2019999 = 565.45") {
		t.Errorf("the part's 项 not read with its figures: %q", got)
	}
}
