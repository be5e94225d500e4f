package validate

import (
	"regexp"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/shopspring/decimal"
)

// The rounding-tolerance policy.
//
// A figure printed to the nearest unit u (0.01 万元 = 100 元 for
// "1273.96万元", 1 元 for "22118861元") may be off by u/2 from the true
// value. A sum of n printed parts may therefore miss its printed total by
// up to (n+1)·u/2 without anyone having erred; only beyond that is it an
// error, and a miss within it is reported as Info. One figure printed
// twice at two precisions (91,016,775.35元 and 9,101.68万元) agrees if
// either rounds to the other; if the coarser is the finer truncated, not
// rounded, that is Info.
//
// A percentage printed with d decimals is allowed one unit of its last
// digit (0.01 pp for "97.65%"), but never more than half a point (a whole
// percent, "11%" for 10.1%, is held to its rounding), plus what the
// rounding of its amounts propagates into the ratio. A stated percentage that equals the truncated
// ratio but not the rounded one is reported as Info, since some reports
// truncate.
//
// Totals that may hold parts the document does not name (a budget's
// 单位预留机动经费, a 决算's unstated 经营支出) are checked one way only: the
// named parts must not exceed the total.
//
// The evidence policy.
//
// A journalist quotes an error as "the department's own figures do not
// add up", so an error must be true. A finding is an Error only when
//   - every figure it uses is a sure reading (normalize.Sure): a table
//     cell, a sentence that names its subject, an OCR figure that its
//     table's sums confirm — not a figure whose subject was inferred (a
//     change continuing the sentence before, a line known by a close name
//     or its amount, 财政拨款 read as 一般公共预算 because all of it is, a
//     chart's value), nor an OCR
//     figure nothing confirms, nor a line of a 基本支出 table whose class,
//     as read, is not the sum of its 款 (tables.go, doubtUnsummed); and
//   - the quantities it compares have one scope: all funds, 财政拨款 or
//     一般公共预算; this year's or with the carry-over; 决算 or 预算; one
//     level of subject (the department, not one of its 款).
// A change in percent stated in the paragraph that prints its change in
// money right after the amount it led to ("…（类）支出788.89万元，…。与上年相比
// 减少86.95万元，下降9.93%") is the one exception to the first: its three
// figures are that paragraph's own, so whether they agree does not hang on
// what they were inferred to be of, and the message says that was
// inferred (ratios.go, ownParagraph).
// Otherwise it is a Warning whose message says what could not be
// confirmed: "（其中 提租补贴增减率 的科目系推断）" (Pass.fail), or which
// scopes differ (Pass.doubt). A rule whose relation holds only under a
// reading the template leaves open reports at most a Warning (Rule.Max).
//
// A rule that sums a set runs only when the set is known complete: the
// table lists all its lines with their total, or the narrative states the
// total of what it lists. A set read in part is held only to not exceed
// its total, and no line is summed twice: one code, one line (sets.go).

var numRe = regexp.MustCompile(`\d+(?:\.(\d+))?`)

// decimalsOf is the number of decimals of the last number in raw.
func decimalsOf(raw string) int32 {
	ms := numRe.FindAllStringSubmatch(raw, -1)
	if len(ms) == 0 {
		return 0
	}
	return int32(len(ms[len(ms)-1][1]))
}

func unitOf(raw string) (string, int32) {
	for _, u := range []struct {
		name  string
		shift int32
	}{{"亿元", 8}, {"万元", 4}, {"千元", 3}, {"元", 0}} {
		if strings.HasSuffix(raw, u.name) {
			return u.name, u.shift
		}
	}
	return "", 0
}

// halfOf is half the unit of a fact's own printing: 50 元 for "9,101.68万元"
// (it may stand for anything from 9,101.675 to 9,101.685万元), 0.005 for
// "97.65%".
func halfOf(f *normalize.Fact) decimal.Decimal {
	if f.Value.IsZero() {
		return decimal.Zero // "0万元" is nothing, at any precision
	}
	if f.Unit == normalize.Percent {
		return halfPct(f)
	}
	_, shift := unitOf(f.Raw)
	return decimal.New(5, shift-decimalsOf(f.Raw)-1)
}

// printUnit is the unit of a fact's last printed digit, in yuan or
// percent: 100 元 for "1273.96万元", 0.01 for "97.65%".
func printUnit(f *normalize.Fact) decimal.Decimal {
	if f.Unit == normalize.Percent {
		return decimal.New(1, -decimalsOf(f.Raw))
	}
	_, shift := unitOf(f.Raw)
	return decimal.New(1, shift-decimalsOf(f.Raw))
}

// halfPct is one unit of a printed percentage's last digit (0.01 pp for
// 97.65%), which reports computing shares from figures more exact than
// the ones they print may miss by (ratio.tolerance caps it at half a
// point).
func halfPct(f *normalize.Fact) decimal.Decimal {
	return decimal.New(1, -decimalsOf(f.Raw))
}

// rounding is what the rounding of a total and its parts, each as
// printed, may account for in their sum: half the unit of each.
func rounding(total *normalize.Fact, parts ...*normalize.Fact) decimal.Decimal {
	tol := halfOf(total)
	for _, f := range parts {
		tol = tol.Add(halfOf(f))
	}
	return tol
}
