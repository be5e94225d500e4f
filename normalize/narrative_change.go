package normalize

import (
	"regexp"
	"strings"

	"github.com/shopspring/decimal"
)

// A change's rate is printed after a verb ("下降5.44%", "增长了6.97%") or
// after a noun for the rate that carries the direction itself: "降幅为5.44%",
// "增幅6.97%", "减幅为3%", "增长率为3.39%", "下降幅度为2%". A noun that
// names no direction ("增减率", "变动幅度") takes the sign printed before
// the figure, or else that of the change stated beside it; without either it
// says nothing.
const rateWord = `((?:增|涨|降|减)幅|(?:增长|增加|上升|下降|减少|降低)(?:率|幅度|比例|比率|百分比)|(?:增减|变动|变化)(?:率|幅度|比例|比率))(?:为|是|达到?)?[:：]?`

// readRate reads a yoy_pct clause from its verb or rate word and the
// figure as printed.
func readRate(c clause, verb, word, figure string) (clause, bool) {
	v, err := ParseNumber(figure)
	if err != nil {
		return c, false
	}
	printedSign := strings.HasPrefix(figure, "-") || strings.HasPrefix(figure, "+")
	dir := verb + word
	switch {
	case neutralRate(word):
		if !printedSign {
			c.unsigned = true // its sign is the stated change's, if any
		}
	case printedSign && falling(dir):
		return c, false // "下降-5%": a fall of a fall, which is ambiguous
	case falling(dir):
		v = v.Neg()
	}
	c.value, c.unit, c.raw = v, Percent, dir+figure+"%"
	return c, true
}

// falling reports whether a change verb or rate word names a fall.
func falling(dir string) bool {
	return strings.HasPrefix(dir, "降") || !Signed(decimal.NewFromInt(1), dir).IsPositive()
}

// neutralRate reports whether a rate word names no direction: 增减率, 变动幅度.
func neutralRate(word string) bool {
	return strings.HasPrefix(word, "增减") || strings.HasPrefix(word, "变动") || strings.HasPrefix(word, "变化")
}

// agreeing settles the signs of one name's changes: a rate whose word names
// no direction takes the direction of the amount's change, and where the
// amount and the rate move in opposite directions ("减少40.15万元，增幅为
// 5.44%") one of them is misprinted, which cannot be told: neither is kept.
func agreeing(cs []clause) []clause {
	change, rate := -1, -1
	for i, c := range cs {
		switch c.measure {
		case "yoy_change":
			change = i
		case "yoy_pct":
			rate = i
		}
	}
	if rate >= 0 && cs[rate].unsigned {
		if change < 0 || cs[change].value.IsZero() && !cs[rate].value.IsZero() {
			return without(cs, rate)
		}
		if cs[change].value.IsNegative() {
			cs[rate].value = cs[rate].value.Neg()
		}
		cs[rate].unsigned = false
	}
	if change < 0 || rate < 0 || cs[change].value.Sign()*cs[rate].value.Sign() >= 0 {
		return cs
	}
	return without(without(cs, max(change, rate)), min(change, rate))
}

// without is cs less its i-th clause.
func without(cs []clause, i int) []clause {
	return append(cs[:i:i], cs[i+1:]...)
}

// tablesAgree reports whether the amount among clauses is the one the
// tables gave for metric, within the rounding of the amount as printed
// (1137.81万元 for 11378119元): what a proxy name (narrativeAliases)
// states counts only then.
func (r *reader) tablesAgree(metric string, clauses []clause) bool {
	i, ok := r.facts.index[Key{metric, "amount", ""}]
	if !ok || r.facts.list[i].Method != FromTable {
		return false
	}
	for _, c := range clauses {
		if c.measure == "amount" {
			return c.value.Sub(r.facts.list[i].Value).Abs().LessThanOrEqual(halfUnit(c.raw))
		}
	}
	return false
}

// withoutAmount is cs less its amount.
func withoutAmount(cs []clause) []clause {
	for i, c := range cs {
		if c.measure == "amount" {
			return without(cs, i)
		}
	}
	return cs
}

// asideRe matches an aside that lists a figure's parts: "公务用车购置及运行费
// 0.00万元（其中：公务用车购置费0.00万元，公务用车运行费0.00万元），比上年预算
// 减少3.16万元" goes on with the whole's change after it.
var asideRe = regexp.MustCompile(`^\((?:其中|含)[^()]*\)`)
