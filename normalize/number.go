package normalize

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/width"
)

// Clean folds full-width forms to their ASCII equivalents with width.Fold
// (never NFKC, which would also rewrite Han compatibility characters), so
// that "１２３．４５％" reads "123.45%" and "（类）" reads "(类)". The Chinese
// comma "，" is kept, because "100，200" lists two numbers; only between two
// full-width digits, as in "１２３，４５６", is it a thousands separator.
//
// Clean also drops the invisible characters that copy-and-paste leaves
// inside figures — zero-width spaces and joiners, the byte-order mark,
// bidirectional marks and embeddings — and reads the minus sign U+2212 as
// "-", so that "1,2\u200b34.56" reads 1234.56 and "−12.5" reads -12.5.
func Clean(s string) string {
	if strings.IndexFunc(s, invisible) >= 0 || strings.ContainsRune(s, '−') {
		s = strings.Map(func(r rune) rune {
			switch {
			case invisible(r):
				return -1
			case r == '−':
				return '-'
			}
			return r
		}, s)
	}
	if !strings.ContainsRune(s, '，') {
		return width.Fold.String(s)
	}
	rs := []rune(s)
	var b strings.Builder
	start := 0
	for i, r := range rs {
		if r != '，' {
			continue
		}
		b.WriteString(width.Fold.String(string(rs[start:i])))
		if i > 0 && i+1 < len(rs) && isFullwidthDigit(rs[i-1]) && isFullwidthDigit(rs[i+1]) {
			b.WriteByte(',')
		} else {
			b.WriteRune('，')
		}
		start = i + 1
	}
	b.WriteString(width.Fold.String(string(rs[start:])))
	return b.String()
}

// invisible reports whether r is a zero-width or bidirectional formatting
// character.
func invisible(r rune) bool {
	switch {
	case r >= '\u200B' && r <= '\u200F', // zero-width space, non-joiner, joiner; LRM, RLM
		r >= '\u202A' && r <= '\u202E', // bidi embeddings and overrides
		r >= '\u2060' && r <= '\u2064', // word joiner, invisible operators
		r >= '\u2066' && r <= '\u2069', // bidi isolates
		r == '\uFEFF', r == '\u061C':
		return true
	}
	return false
}

func isFullwidthDigit(r rune) bool { return r >= '０' && r <= '９' }

// numberPattern matches a printed number after Clean: an optional sign, then
// digits with correct thousands grouping or none, then optional decimals.
const numberPattern = `[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`

var (
	numberRe = regexp.MustCompile(`^` + numberPattern + `$`)
	// ErrNumber is returned for text that is not a well-formed number.
	ErrNumber = errors.New("normalize: not a number")
	// ErrUnit is returned for an amount without a known money unit.
	ErrUnit = errors.New("normalize: unknown unit")
)

// ParseNumber parses a number as printed ("2,099.36", "-34.4", "１２３．４"),
// exactly. Grouping commas must be in the right places: "20,99.36" is an
// error, not 2099.36.
func ParseNumber(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(Clean(s))
	if !numberRe.MatchString(s) {
		return decimal.Decimal{}, fmt.Errorf("%w: %q", ErrNumber, s)
	}
	return decimal.NewFromString(strings.ReplaceAll(strings.TrimPrefix(s, "+"), ",", ""))
}

// unitScale is the power of ten that turns a money unit into yuan.
var unitScale = map[string]int32{"元": 0, "千元": 3, "万元": 4, "百万元": 6, "亿元": 8}

// ToYuan scales v printed in unit (元, 千元, 万元, 百万元, 亿元) to yuan.
func ToYuan(v decimal.Decimal, unit string) (decimal.Decimal, error) {
	exp, ok := unitScale[unit]
	if !ok {
		return decimal.Decimal{}, fmt.Errorf("%w: %q", ErrUnit, unit)
	}
	return v.Shift(exp), nil
}

var amountRe = regexp.MustCompile(`^(` + numberPattern + `)\s*(百万元|亿元|万元|千元|元)$`)

// ParseAmount parses money with its unit ("2,099.36万元", "１２３，４５６．７８万元")
// and returns it in yuan.
func ParseAmount(s string) (decimal.Decimal, error) {
	m := amountRe.FindStringSubmatch(strings.TrimSpace(Clean(s)))
	if m == nil {
		return decimal.Decimal{}, fmt.Errorf("%w: %q", ErrNumber, s)
	}
	v, err := ParseNumber(m[1])
	if err != nil {
		return decimal.Decimal{}, err
	}
	return ToYuan(v, m[2])
}

var percentRe = regexp.MustCompile(`^(` + numberPattern + `)\s*\*?\s*%$`)

// ParsePercent parses a percentage as printed, tolerating the stray "*"
// some reports carry ("16.19*%"), and returns the number of percent.
func ParsePercent(s string) (decimal.Decimal, error) {
	m := percentRe.FindStringSubmatch(strings.TrimSpace(Clean(s)))
	if m == nil {
		return decimal.Decimal{}, fmt.Errorf("%w: %q", ErrNumber, s)
	}
	return ParseNumber(m[1])
}

var tableUnitRe = regexp.MustCompile(`(?:单位|金额单位)\s*[:：]\s*(百万元|亿元|万元|千元|元)`)

// TableUnit finds the money unit a table header declares ("单位：万元"),
// returning "" when there is none.
func TableUnit(s string) string {
	if m := tableUnitRe.FindStringSubmatch(Clean(s)); m != nil {
		return m[1]
	}
	return ""
}

// signWords turn a printed magnitude into a signed change.
var negativeWords = []string{"减少", "下降", "降低", "节约", "节省", "减"}

// Signed applies the direction of a change verb ("减少", "增长", …) to v.
func Signed(v decimal.Decimal, verb string) decimal.Decimal {
	for _, w := range negativeWords {
		if strings.HasPrefix(verb, w) {
			return v.Neg()
		}
	}
	return v
}
