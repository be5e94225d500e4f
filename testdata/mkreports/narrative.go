package main

import (
	"fmt"
	"strings"
)

// Sentence pieces shared by the styles. Each takes the figures, prints
// them through the builder (so that every figure stated is recorded as a
// fact) and returns text.

var cnNum = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
	"十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
	"二十一", "二十二", "二十三", "二十四", "二十五", "二十六", "二十七", "二十八", "二十九", "三十"}

// reasonsUp and reasonsDown are stated causes of a change.
var (
	reasonsUp = []string{
		"人员变动及调资，人员经费相应增加",
		"新增信息化建设项目经费",
		"业务工作量增加，相关项目经费增加",
		"年中追加专项工作经费",
		"机关事业单位养老保险及职业年金缴费基数调整",
		"办公用房维修改造支出增加",
	}
	reasonsDown = []string{
		"严格落实过紧日子要求，压减一般性支出",
		"部分项目已完成，项目支出相应减少",
		"人员退休及调出，人员经费减少",
		"信息化项目按进度调减",
		"上年度一次性项目本年度未再安排",
		"会议、培训等活动数量减少",
	}
	reasonsUnder = []string{
		"严格执行预算，厉行节约",
		"部分项目按合同进度支付，结转下年使用",
		"预算按充分保障测算，实际执行略有结余",
		"人员变动，人员经费实际支出减少",
		"政府采购节约资金",
	}
)

func (b *builder) reason(up bool) string {
	if up {
		return b.pick(reasonsUp...)
	}
	return b.pick(reasonsDown...)
}

// yoy is a change against last year: "增加X万元，增长Y%", "减少…，下降…",
// or "持平" for no change. cur is the amount as the truth states it (the
// table's figure where a table prints it); prior is last year's figure in
// 万元. The change is computed from the printed current figure and the
// percentage against cur − change, as a checker recomputes it.
func (b *builder) yoy(id, metric string, cur, prior Fen, withPct bool) (string, int) {
	change := roundTo(cur, WanCent) - prior
	if change == 0 {
		return b.pick("持平", "基本持平", "保持不变"), 0
	}
	up := change > 0
	var kc, kp *factKey
	if metric != "" {
		kc, kp = k(metric, "yoy_change"), k(metric, "yoy_pct")
	}
	verb, pv := "增加", b.pick("增长", "增长", "增幅为")
	if !up {
		verb, pv = "减少", b.pick("下降", "下降", "降幅为")
	}
	s := verb + b.wan(id+":chg", kc, change)
	if withPct && cur-change != 0 {
		s += "，" + pv + b.pct(id+":pct", kp, "", pctOf(change, cur-change))
	}
	if up {
		return s, 1
	}
	return s, -1
}

// share is "占X%" of a part in a whole, recorded as share_pct.
func (b *builder) share(id string, key *factKey, code string, part, whole Fen) string {
	return b.pct(id, key, code, pctOf(part, whole))
}

// itemLabel is the narrative name of a 项: 一般公共服务（类）财政事务（款）行政运行（项）,
// or a 类 name ending in 支出 before （类） in some reports.
func itemLabel(code string, year int, classWithZhichu bool) string {
	c := fname(code[:3], year)
	if !classWithZhichu {
		c = shortClass(c)
	}
	return c + "（类）" + fname(code[:5], year) + "（款）" + fname(code, year) + "（项）"
}

// ordinal prints the n-th list label in a style: "1、", "1.", "（一）", "1．".
func ordinal(n int, form string) string {
	switch form {
	case "（一）":
		return "（" + cnNum[n] + "）"
	case "一、":
		return cnNum[n] + "、"
	case "1．":
		return fmt.Sprintf("%d．", n)
	case "1.":
		return fmt.Sprintf("%d.", n)
	}
	return fmt.Sprintf("%d、", n)
}

// personnelWords and publicWords list what 人员经费 and 公用经费 comprise,
// from the economic lines the report holds.
func econWords(r *Report, grp byte) string {
	var out []string
	for _, e := range r.Econ {
		if len(e.Code) == 5 && econGroup[e.Code] == grp {
			out = append(out, econNames[e.Code])
		}
	}
	return strings.Join(out, "、")
}

// purpose says what a 项 is used for.
func purpose(code string) string {
	switch {
	case strings.HasSuffix(code, "01") && code[:3] != "221" && code[:5] != "21011" && code[:5] != "20805":
		return "机关在职人员工资福利及日常公用经费等基本支出"
	case strings.HasSuffix(code, "50"):
		return "所属事业单位人员经费及日常运行经费"
	case strings.HasSuffix(code, "02") && code[:3] == "201":
		return "机关日常业务工作经费等项目支出"
	case code[:5] == "20805":
		return "离退休人员经费及单位缴纳的养老保险、职业年金"
	case code[:5] == "21011":
		return "在职人员基本医疗保险费"
	case code == "2210201":
		return "按规定为职工缴纳的住房公积金"
	case code == "2210202" || code == "2210203":
		return "按房改政策规定向职工发放的住房补贴"
	}
	return "相关业务工作及专项任务经费"
}
