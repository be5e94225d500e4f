package department

import (
	"strings"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/fiscaldocs/fiscaldocs/normalize"
)

// The spellings the corpus printed for one body each (issue #17) get one
// name and one id; the cover gives a region to a name without one.
func TestResolveJoinsSpellings(t *testing.T) {
	a := Builtin()
	for _, c := range []struct {
		printed, cover      string
		name, region, level string
	}{
		{"中共江苏省委办公厅", "", "中共江苏省委办公厅", "江苏省", "省"},
		{"江苏省委办公厅", "", "中共江苏省委办公厅", "江苏省", "省"},
		{"中国共产党江苏省委员会办公厅", "", "中共江苏省委办公厅", "江苏省", "省"},
		{"中国共产党江苏省委员会办公厅", "中国共产党江苏省委员会办公厅2017年度部门决算", "中共江苏省委办公厅", "江苏省", "省"},
		{"中共江苏省委员会办公厅", "", "中共江苏省委办公厅", "江苏省", "省"},
		{"江苏省人大常委会办公厅", "", "江苏省人大常委会办公厅", "江苏省", "省"},
		{"江苏省人民代表大会常务委员会办公厅", "", "江苏省人大常委会办公厅", "江苏省", "省"},
		{"省人大办公厅", "江苏省2018年省级部门预算", "江苏省人大常委会办公厅", "江苏省", "省"},
		{"即省政协办公厅", "江苏省2018年省级部门预算", "江苏省政协办公厅", "江苏省", "省"},
		{"中国人民政治协商会议江苏省委员会办公厅", "", "江苏省政协办公厅", "江苏省", "省"},
		{"省法院", "江苏省2017年部门预算", "江苏省高级人民法院", "江苏省", "省"},
		{"上海市普陀区政府办公室", "", "上海市普陀区人民政府办公室", "上海市普陀区", "区县"},
		{"上海市财政局（单位）", "上海市2025年市级单位预算", "上海市财政局", "上海市", "市"},
		{"中共上海市普陀区委社会工作部", "", "中共上海市普陀区委社会工作部", "上海市普陀区", "区县"},
		{"江苏省社区矫正管理局", "", "江苏省社区矫正管理局", "江苏省", "省"},
		{"攀枝花市人大常委会办公室", "", "攀枝花市人大常委会办公室", "攀枝花市", "市"},
		{"即墨区财政局", "青岛市2023年区级部门预算", "青岛市即墨区财政局", "青岛市即墨区", "区县"}, // 即墨 is a place, not 即 + 墨
		{"经济技术开发区管委会", "", "经济技术开发区管委会", "经济技术开发区", "区县"},
		{"普陀区财政局", "上海市普陀区2024年度部门决算", "上海市普陀区财政局", "上海市普陀区", "区县"}, // not 舟山's 普陀区
		{"江苏省高级人民法院", "第二部分江苏省高级人民法院2017年度部门预算", "江苏省高级人民法院", "江苏省", "省"},
		{"江苏省高级人民法院", "关于江苏省2017年度部门预算", "江苏省高级人民法院", "江苏省", "省"}, // 关于江苏省 is no region
	} {
		d := a.Resolve(normalize.Identity{Department: c.printed}, cover(c.cover))
		if d.Name != c.name || d.Region != c.region || d.Level != c.level || d.Printed != c.printed {
			t.Errorf("Resolve(%q, cover %q) = %q in %q (%s), printed %q; want %q in %q (%s)", c.printed, c.cover, d.Name, d.Region, d.Level, d.Printed, c.name, c.region, c.level)
		}
		if want := ID(c.region, c.name); d.ID != want || len(d.ID) != 12 {
			t.Errorf("Resolve(%q).ID = %q; want %q", c.printed, d.ID, want)
		}
	}
}

// An id is a documented function of region and name, the same in every
// store and release: a change here re-labels every stored document.
func TestIDStable(t *testing.T) {
	if got := ID("江苏省", "中共江苏省委办公厅"); got != "0066c9880c42" {
		t.Errorf("ID = %q; want 0066c9880c42, the head of SHA-256(\"江苏省\\t中共江苏省委办公厅\")", got)
	}
	if got := ID("", ""); got != "" {
		t.Errorf("ID of no name = %q; want empty", got)
	}
	if ID("上海市普陀区", "上海市普陀区财政局") == ID("上海市", "上海市普陀区财政局") {
		t.Error("the region does not enter the id")
	}
}

// The title's 部门/单位 outweighs the body's mentions (a 单位预算 speaks of
// 部门预算 throughout); its 区级/市级 names the level.
func TestResolveScopeAndLevelFromTitle(t *testing.T) {
	a := Builtin()
	for _, c := range []struct {
		cover, scope, want, level, region string
	}{
		{"上海市普陀区2026年区级单位预算", "部门", "单位", "区县", "上海市普陀区"},
		{"上海市2025年市级单位预算", "部门", "单位", "市", "上海市普陀区"}, // the name's region, the cover's level
		{"江苏省人大常委会办公厅2019年度部门预算公开", "", "部门", "省", "江苏省"},
		{"收支预算总表", "", "", "区县", "上海市普陀区"}, // no title: normalize's scope, the name's level
		{"收支预算总表", "单位", "单位", "区县", "上海市普陀区"},
	} {
		d := a.Resolve(normalize.Identity{Department: "上海市普陀区司法局", Scope: c.scope}, cover(c.cover))
		if strings.HasPrefix(c.cover, "江苏") {
			d = a.Resolve(normalize.Identity{Department: "江苏省人大常委会办公厅", Scope: c.scope}, cover(c.cover))
		}
		if d.Scope != c.want || d.Level != c.level || d.Region != c.region {
			t.Errorf("cover %q, scope %q: scope %q level %q region %q; want %q %q %q", c.cover, c.scope, d.Scope, d.Level, d.Region, c.want, c.level, c.region)
		}
	}
}

// A 公开表 without a title takes its scope from the label above its first
// table; 单位：万元 is the unit of its figures, not a scope.
func TestResolveScopeFromLabel(t *testing.T) {
	table := func(cells ...string) *extract.Document {
		var row []extract.Cell
		for _, c := range cells {
			row = append(row, extract.Cell{Text: c})
		}
		return &extract.Document{Blocks: []extract.Block{{Kind: extract.Heading, Text: "收支预算总表"},
			{Kind: extract.TableBlock, Table: &extract.Table{Rows: [][]extract.Cell{{{Text: "公开表一"}}, row}}}}}
	}
	for _, c := range []struct {
		doc         *extract.Document
		scope, want string
	}{
		{table("部门：", "江苏省人大常委会办公厅", "单位：万元"), "", "部门"},
		{table("部门：中国共产党江苏省委员会办公厅", "单位：万元"), "", "部门"},
		{table("预算单位：上海市普陀区司法局", "单位：万元"), "", "单位"},
		{table("单位：万元"), "", ""},
		{table("部门：江苏省人大常委会办公厅"), "单位", "单位"}, // normalize's word stands
	} {
		if d := Builtin().Resolve(normalize.Identity{Department: "江苏省人大常委会办公厅", Scope: c.scope}, c.doc); d.Scope != c.want {
			t.Errorf("label %v, scope %q: %q; want %q", c.doc.Blocks[1].Table.Rows[1], c.scope, d.Scope, c.want)
		}
	}
}

func TestResolveNoDepartment(t *testing.T) {
	d := Builtin().Resolve(normalize.Identity{Scope: "部门"}, cover("上海市2024年度部门决算"))
	if d.ID != "" || d.Name != "" || d.Region != "上海市" || d.Scope != "部门" {
		t.Errorf("no department: %+v; want no id or name, the cover's region", d)
	}
}

// A user's file joins what the shipped one does not, and overrides it.
func TestAliasesRead(t *testing.T) {
	a := Builtin()
	n := a.Len()
	file := "\uFEFF# mine\n上海市普陀区区府办\t上海市普陀区人民政府办公室\tseen in a 2020 table\r\n\n江苏省法院\t江苏省法院（旧称）\n"
	if err := a.Read(strings.NewReader(file), "mine.tsv"); err != nil {
		t.Fatal(err)
	}
	if a.Len() != n+1 {
		t.Errorf("%d aliases after adding one new and one old spelling to %d", a.Len(), n)
	}
	if name, _ := a.Name("上海市普陀区区府办", ""); name != "上海市普陀区人民政府办公室" {
		t.Errorf("user alias: %q", name)
	}
	if name, _ := a.Name("江苏省法院", ""); name != "江苏省法院(旧称)" {
		t.Errorf("overridden alias: %q; want the user's", name)
	}
	for _, bad := range []string{"no tab here\n", "\t江苏省法院\n", "江苏省法院\t\n"} {
		if err := Builtin().Read(strings.NewReader(bad), "bad.tsv"); err == nil || !strings.Contains(err.Error(), "bad.tsv line 1") {
			t.Errorf("Read(%q) = %v; want an error naming the line", bad, err)
		}
	}
}

// A loop of aliases ends instead of spinning.
func TestAliasesLoop(t *testing.T) {
	a := &Aliases{to: map[string]string{}}
	a.Read(strings.NewReader("甲省甲局\t甲省乙局\n甲省乙局\t甲省甲局\n"), "loop.tsv")
	if name, _ := a.Name("甲省甲局", ""); name != "甲省甲局" && name != "甲省乙局" {
		t.Errorf("loop: %q", name)
	}
}

func TestSimilar(t *testing.T) {
	for _, c := range []struct {
		region, a, b string
		want         bool
	}{
		{"上海市普陀区", "上海市普陀区人民政府办公室", "上海市普陀区政府办公室", true}, // contained
		{"江苏省", "江苏省人大常委会办公厅", "江苏省人大常委办公厅", true},       // one character
		{"江苏省", "中共江苏省委办公厅", "江苏省政协办公厅", false},
		{"江苏省", "中共江苏省委办公厅", "江苏省人大常委办公厅", false},   // 委办公厅 is in both, but one is the party's
		{"上海市普陀区", "上海市普陀区财政局", "上海市普陀区司法局", false}, // two of three characters
		{"上海市普陀区", "上海市普陀区财政局", "上海市普陀区财政厅", true},
		{"上海市普陀区", "上海市普陀区人民政府办公室", "上海市普陀区人民政府万里街道办事处", false},
	} {
		if got := Similar(c.region, c.a, c.b); got != c.want {
			t.Errorf("Similar(%q, %q, %q) = %v; want %v", c.region, c.a, c.b, got, c.want)
		}
	}
}

// cover is a document whose first block is a heading with text.
func cover(text string) *extract.Document {
	return &extract.Document{Blocks: []extract.Block{{Kind: extract.Heading, Text: text}}}
}
