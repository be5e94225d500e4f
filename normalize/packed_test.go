package normalize

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

// TestLeafColumns: a packed table's header names its figure columns line by
// line; a group heading above the leaves is no column, however it is run
// together, and a header put one cell to a line keeps every line.
func TestLeafColumns(t *testing.T) {
	for _, tt := range []struct {
		lines [][]string
		width int
		want  []string
	}{
		{[][]string{{"项目 一般公共预算基本支出"}, {"科目编码 经济分类科目名称 合计 人员经费 公用经费"}}, 3,
			[]string{"合计", "人员经费", "公用经费"}},
		{[][]string{{"项目 支出预算"}, {"功能分类科目编码 功能分类科目名称 合计 基本支出 项目支出"}}, 3,
			[]string{"合计", "基本支出", "项目支出"}},
		{[][]string{{"合计"}, {"基本支出"}, {"项目支出"}}, 3,
			[]string{"合计", "基本支出", "项目支出"}},
		{[][]string{{"本年收入合"}, {"计"}, {"财政拨款收入"}}, 2,
			[]string{"本年收入合计", "财政拨款收入"}},
		// Headings that are whole, though longer ones start with them.
		{[][]string{{"年初结转"}, {"和结余 本年收入"}, {"本年支出"}}, 3,
			[]string{"年初结转和结余", "本年收入", "本年支出"}},
		// The parts of a group, opening with 小计, in the place of the
		// heading they are kinds of.
		{[][]string{{"类科目编码 科目名称 年初结转和"}, {"结余 本年收入 本年支出 年末结转和"}, {"结余"}, {"小计 基本支出 项目支出"}}, 6,
			[]string{"年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余"}},
		{[][]string{{"项目"}, {"年初结转"}, {"和结余 本年收入"}, {"本年支出"}, {"年末结转"}, {"和结余"}, {"支出功能分"},
			{"类科目编码 科目名称 小计 基本支出 项目支出"}, {"类 款 项"}}, 6,
			[]string{"年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余"}},
		// Rows no wider than the leaf line: the group line goes, though it
		// names columns too.
		{[][]string{{"一般公共预算 政府性基金预算"}, {"合计 基本支出 项目支出"}}, 2,
			[]string{"合计", "基本支出", "项目支出"}},
		// No figures to measure by: every line counts.
		{[][]string{{"项目 一般公共预算基本支出"}, {"合计 人员经费 公用经费"}}, 0,
			[]string{"一般公共预算", "基本支出", "合计", "人员经费", "公用经费"}},
	} {
		if got := leafColumns(tt.lines, tt.width); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("leafColumns(%q, %d) = %q, want %q", tt.lines, tt.width, got, tt.want)
		}
	}
}

// TestThreePublicTokensBounded: a header of many words that start names
// and end none is refused, and quickly (the search is bounded).
func TestThreePublicTokensBounded(t *testing.T) {
	line := strings.Repeat("公务用车 购置费 ", 30) + "某某"
	if words, ok := threePublicTokens([]string{line}); ok {
		t.Errorf("threePublicTokens: %q, want none", words)
	}
	words, ok := threePublicTokens([]string{"合计 因公出国 公务接待 小计 公务用车 （境）费 公务用车 费 购置费 运行维护 费 会议费 培训费 小计"})
	// Which 公务用车 begins which name, the template's layout does not
	// need: it counts the names of the parts.
	want := []string{"meeting", "subtotal", "subtotal", "three_public.overseas", "three_public.reception", "three_public.total",
		"three_public.vehicle.operation", "three_public.vehicle.purchase", "training"}
	if sort.Strings(words); !ok || !reflect.DeepEqual(words, want) {
		t.Errorf("threePublicTokens: %q, want %q", words, want)
	}
}
