package normalize

import "regexp"

// incomeRows name the income rows of a summary table by the family of
// labels reports print for them: the kind of budget money with or without
// 预算, 财政拨款 (or 拨款), 资金 or 收入 ("1.一般公共预算资金", "二、政府性
// 基金", "政府性基金预算财政拨款收入"), and 经营收入 with or without the
// 事业单位 it is earned by. Labels come without spaces and ordinals.
var incomeRows = []struct {
	re     *regexp.Regexp
	metric string
}{
	{regexp.MustCompile(`^一般公共预算(?:财政拨款|拨款)?(?:资金|收入)?$`), "income.fiscal.gpb"},
	{regexp.MustCompile(`^政府性基金(?:预算)?(?:财政拨款|拨款)?(?:资金|收入)?$`), "income.fiscal.gov_fund"},
	{regexp.MustCompile(`^国有资本经营(?:预算)?(?:财政拨款|拨款)?(?:资金|收入)?$`), "income.fiscal.state_capital"},
	{regexp.MustCompile(`^(?:事业单位)?经营收入$`), "income.operating"},
}

// incomeRow names a summary table's income row by incomeRows; "" if none
// fits.
func incomeRow(label string) string {
	for _, r := range incomeRows {
		if r.re.MatchString(label) {
			return r.metric
		}
	}
	return ""
}

// includesRe matches a label's closing aside on what the row includes:
// 使用非财政拨款结余(含专用结余).
var includesRe = regexp.MustCompile(`\((?:含|包括|包含)[^()]*\)$`)

// withoutAside returns a row label without its closing aside, or "" if it
// has none.
func withoutAside(label string) string {
	if l := includesRe.ReplaceAllString(label, ""); l != label && l != "" {
		return l
	}
	return ""
}
