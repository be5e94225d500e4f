package normalize

import (
	"reflect"
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
