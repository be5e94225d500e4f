package main

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

// The generator's own classification lists: functions.tsv (支出功能分类,
// with the names each code carried in which years) and economic.tsv
// (部门预算支出经济分类). They are deliberately not the reader's
// normalize/catalogue.tsv, so that a name the reader lacks shows up as a
// miss instead of being generated from the reader's own list.

//go:embed functions.tsv
var functionsTSV string

//go:embed economic.tsv
var economicTSV string

// funcName is one name of a function code, valid for budget years
// From..To (0: open-ended).
type funcName struct {
	Name     string
	From, To int
}

var (
	funcNames = map[string][]funcName{}
	econNames = map[string]string{}
	econGroup = map[string]byte{} // 'P' 人员经费, 'G' 公用经费
)

func init() {
	for n, line := range strings.Split(functionsTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			panic(fmt.Sprintf("functions.tsv:%d: %d fields", n+1, len(f)))
		}
		from, _ := strconv.Atoi(f[2])
		to, _ := strconv.Atoi(f[3])
		dup := false
		for _, e := range funcNames[f[0]] {
			dup = dup || e == funcName{f[1], from, to}
		}
		if !dup {
			funcNames[f[0]] = append(funcNames[f[0]], funcName{f[1], from, to})
		}
	}
	for n, line := range strings.Split(economicTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			panic(fmt.Sprintf("economic.tsv:%d: %d fields", n+1, len(f)))
		}
		econNames[f[0]] = f[1]
		econGroup[f[0]] = f[2][0]
	}
}

// fname is the name of a function code in a budget year, "" when the code
// did not exist that year.
func fname(code string, year int) string {
	for _, e := range funcNames[code] {
		if (e.From == 0 || year >= e.From) && (e.To == 0 || year <= e.To) {
			return e.Name
		}
	}
	return ""
}

// validIn reports whether a 7-digit code and its 款 and 类 exist in year.
func validIn(code string, year int) bool {
	return fname(code, year) != "" && fname(code[:5], year) != "" && fname(code[:3], year) != ""
}

// subject is the gold-file subject of a 项: 类/款/项 names joined by "/".
func subject(code string, year int) string {
	return fname(code[:3], year) + "/" + fname(code[:5], year) + "/" + fname(code, year)
}

// classList is the fixed list of 类 a 收入支出决算总表 or 收支预算总表
// prints on its expenditure side in a year, in template order.
func classList(year int) []string {
	if year <= 2018 {
		return []string{"201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213",
			"214", "215", "216", "217", "220", "221", "222", "229"}
	}
	l := []string{"201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213",
		"214", "215", "216", "217", "219", "220", "221", "222", "223", "224", "229", "231", "232"}
	if year >= 2020 {
		l = append(l, "234")
	}
	return l
}

// summaryClassNames are names of the 类 that appear only in the fixed
// list of the summary tables, never with money in this generator.
var summaryClassNames = map[string]funcName{
	"202": {Name: "外交支出"}, "203": {Name: "国防支出"}, "217": {Name: "金融支出"},
	"219": {Name: "援助其他地区支出"}, "222": {Name: "粮油物资储备支出"}, "223": {Name: "国有资本经营预算支出"},
	"229": {Name: "其他支出"}, "231": {Name: "债务还本支出"}, "232": {Name: "债务付息支出"},
	"234": {Name: "抗疫特别国债安排的支出"},
}

// className is the name of a 类 code for the summary tables.
func className(code string, year int) string {
	if n := fname(code, year); n != "" {
		return n
	}
	return summaryClassNames[code].Name
}

// shortClass is a 类 name without its trailing 支出, as narratives print
// it before （类）: 一般公共服务（类）.
func shortClass(name string) string {
	return strings.TrimSuffix(name, "支出")
}
