package main

import (
	"strconv"
	"strings"
)

// Fen is an amount of money in fen (分, 0.01 元). Every figure of a report
// is held exactly as an integer; 万元 printing divides by 1,000,000.
type Fen int64

// Units of money, in fen.
const (
	Yuan    Fen = 100
	Wan     Fen = 1000000 // 万元
	WanCent Fen = 10000   // 0.01 万元 = 100 元, the last digit of a 万元 table
)

// roundTo rounds f half away from zero to a multiple of q.
func roundTo(f, q Fen) Fen {
	if q <= 1 {
		return f
	}
	if f < 0 {
		return -roundTo(-f, q)
	}
	return (f + q/2) / q * q
}

// yuanString is f as a decimal number of yuan without trailing zeros: the
// value form of the truth files ("12739600", "91016775.35").
func yuanString(f Fen) string {
	return trimZeros(decimalString(int64(f), 2))
}

// decimalString prints v·10^-d with exactly d decimals.
func decimalString(v int64, d int) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.FormatInt(v, 10)
	if d > 0 {
		for len(s) <= d {
			s = "0" + s
		}
		s = s[:len(s)-d] + "." + s[len(s)-d:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// trimZeros drops trailing decimal zeros and a bare point: "6.20" → "6.2",
// "100.00" → "100".
func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// group inserts thousands separators into the integer part of a decimal
// string.
func group(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if hasFrac {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// Pct is a percentage in hundredths of a percent: 9765 is 97.65%.
type Pct int64

// pctOf is num/den·100 rounded half away from zero to 0.01 %; 0 when den
// is 0.
func pctOf(num, den Fen) Pct {
	if den == 0 {
		return 0
	}
	n := int64(num) * 10000
	d := int64(den)
	neg := (n < 0) != (d < 0)
	if n < 0 {
		n = -n
	}
	if d < 0 {
		d = -d
	}
	q := (2*n + d) / (2 * d)
	if neg {
		q = -q
	}
	return Pct(q)
}

// roundPct rounds a percentage to d decimals (0, 1 or 2), half away from
// zero, still in hundredths.
func roundPct(p Pct, d int) Pct {
	switch d {
	case 2:
		return p
	case 1:
		return Pct(roundTo(Fen(p), 10))
	default:
		return Pct(roundTo(Fen(p), 100))
	}
}

// pctText prints p with d decimals, or with trailing zeros trimmed when
// trim is set ("15.30" → "15.3", "100.00" → "100").
func pctText(p Pct, d int, trim bool) string {
	s := decimalString(int64(roundPct(p, d)), 2)
	if d < 2 {
		s = s[:len(s)-(2-d)]
		s = strings.TrimSuffix(s, ".")
	}
	if trim {
		s = trimZeros(s)
	}
	return s
}

// wanText is f in 万元 with two decimals, optionally grouped, after
// rounding to 0.01 万元.
func wanText(f Fen, sep bool) string {
	s := decimalString(int64(roundTo(f, WanCent)/WanCent), 2)
	if sep {
		s = group(s)
	}
	return s
}
