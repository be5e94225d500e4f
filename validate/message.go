package validate

import (
	"strings"

	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/shopspring/decimal"
)

// label names a metric for a message: its Chinese name, the subject for
// per-line metrics, and the measure when it is not the amount.
func label(metric, subject, measure string) string {
	name := normalize.Metrics()[metric].Zh
	if subject != "" {
		name = subject
	}
	return name + measureName(measure)
}

func measureName(measure string) string {
	switch measure {
	case "share_pct":
		return "占比"
	case "yoy_change":
		return "增减额"
	case "yoy_pct":
		return "增减率"
	case "completion_pct":
		return "完成率"
	case "budget":
		return "预算数"
	case normalize.PriorAmount:
		return "上年数"
	}
	return ""
}

// shortLabel names a fact briefly: a line item by its own name, not its
// 类 and 款.
func shortLabel(f *normalize.Fact) string {
	subject := f.Subject
	if i := strings.LastIndex(subject, "/"); i >= 0 {
		subject = subject[i+1:]
	}
	return label(f.Metric, subject, f.Measure)
}

// money formats yuan in the unit the document printed (万元 for 万元 raws).
func money(v decimal.Decimal, f *normalize.Fact) string {
	if strings.HasSuffix(f.Raw, "万元") {
		return v.Shift(-4).StringFixed(max(decimalsOf(f.Raw), 2)) + " 万元"
	}
	if strings.HasSuffix(f.Raw, "亿元") {
		return v.Shift(-8).String() + " 亿元"
	}
	return v.String() + " 元"
}

func known(d decimal.Decimal) decimal.NullDecimal {
	return decimal.NullDecimal{Decimal: d, Valid: true}
}
