package normalize

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/extract"
)

var (
	// titleRe finds "<department><year>年度部门决算" in a title or heading.
	titleRe = regexp.MustCompile(`([\p{Han}()“”]*?)(\d{4})\s*年度?\s*(部门|单位)?\s*(决算|预算)`)
	// deptRe finds a department name where the narrative names its owner:
	// "2021年,XX办公室机关运行经费支出…", "XX下属二级单位…", "XX共有车辆…".
	deptRe       = regexp.MustCompile(`(?:^|[,，。:;；\s]|年)([\p{Han}()“”]{3,30}?(?:办公室|委员会|常委会|人民政府|政府|局|厅|部|院|中心|学校|医院|馆|所|站|队|处|委|办|会|社|团))(?:机关运行经费|政府采购支出|共有车辆|共有公务用车|下属|本级|部门整体|部门决算|部门预算|单位决算|单位预算|本年收入|本年支出|\d{4}年)`)
	partPrefixRe = regexp.MustCompile(`^第[一二三四五六七八九十\d]+部分\s*`)
	// labelDeptRe reads a department named by a label: "部门：…",
	// "预算主管部门：…", "单位名称：…".
	labelDeptRe = regexp.MustCompile(`(?:预算主管部门|主管部门|部\s*门|单位名称|部门名称|编制单位)\s*[:：]\s*([\p{Han}()“”]{4,40}?)(?:\s|单位[:：]|金额单位|$)`)
	// tableTitleRe reads the year and kind of a table's title:
	// "2019年政府采购预算表", "收支预算总表".
	tableTitleRe = regexp.MustCompile(`(?:(\d{4})年度?)?[\p{Han}“”()]*(决算|预算)[\p{Han}()]*表`)
	regionRe     = regexp.MustCompile(`^(?:中共)?((?:[\p{Han}]{2,7}?(?:省|自治区))?(?:[\p{Han}]{2,7}?(?:市|自治州|州|盟))?(?:[\p{Han}]{1,7}?(?:区|县|旗))?)`)
)

// coverNameRe is a cover's line that is a body's name alone: Han
// characters (and brackets), no figure, no sentence.
var coverNameRe = regexp.MustCompile(`^[\p{Han}()（）“”]{4,30}$`)

// deptContexts are the words deptRe needs after a department's name.
var deptContexts = []string{"机关运行经费", "政府采购支出", "共有车辆", "共有公务用车", "下属", "本级", "部门整体", "部门决算", "部门预算", "单位决算", "单位预算", "本年收入", "本年支出", "年"}

// deptLeadRe is what a sentence puts before a department's name that is
// not the name: "即省政协办公厅本级", "包括XX局下属…".
var deptLeadRe = regexp.MustCompile(`^(?:即|系|为|是|包括|其中|由|对|经)+`)

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// identifier accumulates evidence of who published the document.
type identifier struct {
	titled      bool
	prevHeading string // the heading before the one being read
	headings    int    // the headings read so far
	id          Identity
	labelled    map[string]int // departments named by a label (部门：…)
	depts       map[string]int
	kinds       map[string]int
	scopes      map[string]int
	years       map[int]int
}

func newIdentifier() *identifier {
	return &identifier{labelled: map[string]int{}, depts: map[string]int{}, kinds: map[string]int{}, scopes: map[string]int{}, years: map[int]int{}}
}

// observe reads one block's text; heading says whether it is a heading,
// where titles are. A title outweighs any number of mentions in the body,
// where a 决算 report may well speak of 部门预算.
func (idf *identifier) observe(text string, heading bool) {
	if heading {
		for _, m := range titleRe.FindAllStringSubmatch(text, -1) {
			y, _ := strconv.Atoi(m[2])
			if y < 1990 || y > 2100 {
				continue
			}
			idf.years[y] += 100
			idf.kinds[m[4]] += 100
			if m[3] != "" {
				idf.scopes[m[3]] += 100
			}
			d := strings.TrimSpace(partPrefixRe.ReplaceAllString(m[1], ""))
			if len([]rune(d)) < 4 && !idf.titled && idf.headings == 1 && strings.HasPrefix(strings.TrimSpace(text), m[0]) && coverNameRe.MatchString(idf.prevHeading) &&
				!containsAny(idf.prevHeading, []string{"决算", "预算", "公开", "目录", "说明", "部分", "情况"}) {
				// A cover that sets the name on a line of its own above
				// "2022年度单位决算": the document's first heading.
				d = idf.prevHeading
			}
			if len([]rune(d)) >= 4 && !idf.titled {
				idf.id.Department, idf.titled = d, true
			}
		}
		idf.prevHeading = strings.TrimSpace(text)
		idf.headings++
	}
	// The regular expressions backtrack over long paragraphs; a cheap look
	// for the words they need first (a measured quarter of normalize's time).
	if containsAny(text, deptContexts) {
		for _, m := range deptRe.FindAllStringSubmatch(text, -1) {
			if d := deptLeadRe.ReplaceAllString(m[1], ""); len([]rune(d)) >= 3 {
				idf.depts[d]++
			}
		}
	}
	if strings.ContainsAny(text, ":：") && (strings.Contains(text, "部") || strings.Contains(text, "单位")) {
		for _, m := range labelDeptRe.FindAllStringSubmatch(text, -1) {
			idf.labelled[m[1]]++
		}
	}
	if len(text) <= 120 && strings.Contains(text, "表") { // 40 Han characters
		for _, m := range tableTitleRe.FindAllStringSubmatch(text, -1) {
			if y, err := strconv.Atoi(m[1]); err == nil && y >= 1990 && y <= 2100 {
				idf.years[y] += 10
			}
			idf.kinds[m[2]] += 10
		}
	}
	for _, scope := range []string{"部门", "单位"} {
		for _, kind := range []string{"决算", "预算"} {
			if n := strings.Count(text, scope+kind); n > 0 {
				idf.scopes[scope] += n
				idf.kinds[kind] += n
			}
		}
	}
}

func best[K comparable](m map[K]int, less func(a, b K) bool) (K, bool) {
	var k K
	n := 0
	for c, v := range m {
		if v > n || v == n && n > 0 && less(c, k) {
			k, n = c, v
		}
	}
	return k, n > 0
}

// observeTable reads a table's first rows, where the department is often
// named ("部门：江苏省人大常委会办公厅").
func (idf *identifier) observeTable(b *extract.Block) {
	for _, row := range b.Table.Rows[:min(3, len(b.Table.Rows))] {
		var cells []string
		for _, c := range row {
			if c.Text != "" {
				cells = append(cells, c.Text)
			}
		}
		for _, m := range labelDeptRe.FindAllStringSubmatch(squeeze(Clean(strings.Join(cells, " "))), -1) {
			idf.labelled[m[1]]++
		}
	}
}

func (idf *identifier) result() Identity {
	id := idf.id
	if !idf.titled && len(idf.labelled) > 0 {
		id.Department, _ = best(idf.labelled, func(a, b string) bool { return a < b })
	} else if !idf.titled {
		// The most often named candidate; on a tie the longer, then the
		// lexically first, so the result does not depend on map order.
		id.Department, _ = best(idf.depts, func(a, b string) bool {
			if len(a) != len(b) {
				return len(a) > len(b)
			}
			return a < b
		})
	}
	id.Year, _ = best(idf.years, func(a, b int) bool { return a > b })
	id.Kind, _ = best(idf.kinds, func(a, b string) bool { return a < b })
	id.Scope, _ = best(idf.scopes, func(a, b string) bool { return a > b })
	if m := regionRe.FindStringSubmatch(id.Department); m != nil && m[1] != id.Department {
		id.Region = m[1]
	}
	return id
}
