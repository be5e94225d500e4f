package normalize

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Narrative line items matched to the tables' lines.
//
// The narrative names a 项 as its writer pleased: "机关事业单位基本养老保险费"
// for 2080505 机关事业单位基本养老保险缴费支出, a former name, a 款 named after
// its 类. The same document's function table printed the line with its
// code. A narrative item takes that line's subject and code — found by the
// catalogue's names, by a name close to one printed under the same 类, or
// by its amount — so that one line is one fact key with one code, and
// never two subjects that validation would add up twice.

// tableLine is a gpb.item line of the document's tables.
type tableLine struct {
	subject, code string
	amount        decimal.Decimal
	raw           string
}

// tableLines lists the gpb.item lines the tables gave, by their amount
// facts.
func (r *reader) tableLines() []tableLine {
	var out []tableLine
	for _, f := range r.facts.list {
		if f.Metric == "gpb.item" && f.Measure == "amount" && f.Method == FromTable && f.Code != "" {
			out = append(out, tableLine{f.Subject, f.Code, f.Value, f.Raw})
		}
	}
	return out
}

// matchItem finds the table line a narrative item stands for: by the code
// its names resolve to in the catalogue; else by the 类 and a 项 name
// close to one printed under it (one candidate only); else by its amount,
// equal within the narrative's rounding to one line's under the 类 (or in
// the whole table, if the 类 is unknown) and no other's. Without a match
// the item keeps its printed subject and the code the catalogue gives.
// sure is false where the match was by a close name or the amount.
func (r *reader) matchItem(names []string, subject, code string, clauses []clause) (string, string, bool) {
	lines := r.tableLines()
	if len(lines) == 0 {
		return subject, code, true
	}
	if code != "" {
		for _, l := range lines {
			if l.code == code {
				return l.subject, l.code, true
			}
		}
	}
	if l, ok := namedLine(lines, names); ok {
		return l.subject, l.code, true
	}
	class := ""
	if e := r.seg.lx.cat.child("", names[0]); e != nil {
		class = e.code
	} else {
		c := classSubject(names[0])
		for _, l := range lines {
			if strings.HasPrefix(l.subject, c+"/") || strings.HasPrefix(l.subject, strings.TrimSuffix(c, "支出")+"/") {
				class = l.code[:3]
				break
			}
		}
	}
	var under []tableLine
	for _, l := range lines {
		if class == "" || strings.HasPrefix(l.code, class) {
			under = append(under, l)
		}
	}
	item := names[len(names)-1]
	if e := r.seg.lx.cat.byCode[code]; e != nil && len(code) == 7 && e.named(item) {
		// The narrative names a line of the catalogue exactly, which the
		// tables as read do not show (its row lost, on a page the reading
		// did not join): that line, not another whose name is close.
		return subject, code, true
	}
	if class != "" {
		var close []tableLine
		for _, l := range under {
			parts := strings.Split(l.subject, "/")
			if similar(item, parts[len(parts)-1]) {
				close = append(close, l)
			}
		}
		if len(close) == 1 {
			return close[0].subject, close[0].code, false
		}
	}
	for _, c := range clauses {
		if c.measure != "amount" {
			continue
		}
		var same []tableLine
		for _, l := range under {
			if l.amount.Sub(c.value).Abs().LessThanOrEqual(halfUnit(c.raw)) {
				same = append(same, l)
			}
		}
		if len(same) == 1 {
			return same[0].subject, same[0].code, false
		}
	}
	return subject, code, true
}

// namedLine finds the one table line whose 类, 款 and 项 are the names
// printed, give or take a trailing 支出: the narrative names it as the
// table does, though the catalogue lack the code ("档案事务（款）事业运行
// （项）"). Not found where no line or several are so named.
func namedLine(lines []tableLine, names []string) (tableLine, bool) {
	var found []tableLine
	for _, l := range lines {
		parts := strings.Split(l.subject, "/")
		if len(parts) != len(names) {
			continue
		}
		same := true
		for k := range parts {
			same = same && trimSpent(parts[k]) == trimSpent(names[k])
		}
		if same {
			found = append(found, l)
		}
	}
	if len(found) != 1 {
		return tableLine{}, false
	}
	return found[0], true
}

// trimSpent is a name without its blanks, quotes and trailing 支出.
func trimSpent(name string) string {
	return strings.TrimSuffix(strings.Trim(strings.ReplaceAll(Clean(name), " ", ""), "“”\"「」『』"), "支出")
}

// similar reports whether two 项 names are one line's: the same give or
// take 支出, one holding the other, or most characters in common in order
// (机关事业单位基本养老保险费 / 机关事业单位基本养老保险缴费支出).
func similar(a, b string) bool {
	a, b = strings.TrimSuffix(Clean(a), "支出"), strings.TrimSuffix(Clean(b), "支出")
	if a == "" || b == "" {
		return false
	}
	if a == b || strings.Contains(a, b) && len([]rune(b)) >= 3 || strings.Contains(b, a) && len([]rune(a)) >= 3 {
		return true
	}
	ra, rb := []rune(a), []rune(b)
	n := lcs(ra, rb)
	return len(ra) >= 5 && len(rb) >= 5 && float64(n) >= 0.8*float64(max(len(ra), len(rb)))
}

// lcs is the length of the longest common subsequence of a and b.
func lcs(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			default:
				cur[j] = max(prev[j], cur[j-1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// halfUnit is half the last printed unit of an amount as printed, in yuan:
// 50 for "1,273.96万元", 0.5 for "1273元".
func halfUnit(raw string) decimal.Decimal {
	shift := int32(0)
	switch {
	case strings.HasSuffix(raw, "亿元"):
		shift = 8
	case strings.HasSuffix(raw, "万元"):
		shift = 4
	case strings.HasSuffix(raw, "千元"):
		shift = 3
	}
	digits := strings.TrimRight(raw, "亿万千元")
	places := int32(0)
	if i := strings.LastIndexByte(digits, '.'); i >= 0 {
		places = int32(len(digits) - i - 1)
	}
	return decimal.New(5, shift-places-1)
}
