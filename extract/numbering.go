package extract

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// numbering renders Word list labels ("一、", "（二）", "3.") from
// word/numbering.xml, keeping one counter set per list.
type numbering struct {
	abstract map[string]map[int]numLevel // abstractNumId → ilvl → level
	nums     map[string]numInstance      // numId → instance
	counters map[string][]int            // numId → current count per level
}

type numLevel struct {
	start int
	fmt   string // w:numFmt, e.g. "decimal", "chineseCounting"
	text  string // w:lvlText, e.g. "%1、"
}

type numInstance struct {
	abstractID string
	starts     map[int]int // ilvl → startOverride
}

func (dr *docxReader) readNumbering() (*numbering, error) {
	nb := &numbering{abstract: map[string]map[int]numLevel{}, nums: map[string]numInstance{}, counters: map[string][]int{}}
	data, err := dr.optionalPart("word/numbering.xml")
	if err != nil || data == nil {
		return nb, err
	}
	var absID, numID string
	ilvl := 0
	inNum := false
	err = walkXML("word/numbering.xml", data, func(se xml.StartElement, _ []string) {
		v := attr(se, "val")
		switch se.Name.Local {
		case "abstractNum":
			absID, inNum = attr(se, "abstractNumId"), false
			nb.abstract[absID] = map[int]numLevel{}
		case "num":
			numID, inNum = attr(se, "numId"), true
			nb.nums[numID] = numInstance{starts: map[int]int{}}
		case "abstractNumId":
			if inNum {
				inst := nb.nums[numID]
				inst.abstractID = v
				nb.nums[numID] = inst
			}
		case "lvl", "lvlOverride":
			ilvl = atoi(attr(se, "ilvl"))
			if !inNum {
				nb.abstract[absID][ilvl] = numLevel{start: 1}
			}
		case "start", "numFmt", "lvlText":
			if inNum {
				return
			}
			l := nb.abstract[absID][ilvl]
			switch se.Name.Local {
			case "start":
				l.start = atoi(v)
			case "numFmt":
				l.fmt = v
			case "lvlText":
				l.text = v
			}
			nb.abstract[absID][ilvl] = l
		case "startOverride":
			if inNum {
				nb.nums[numID].starts[ilvl] = atoi(v)
			}
		}
	})
	return nb, err
}

// next advances list numID at level ilvl and returns the label to show.
func (nb *numbering) next(numID string, ilvl int) string {
	inst, ok := nb.nums[numID]
	if !ok || numID == "0" || ilvl < 0 || ilvl > 8 {
		return ""
	}
	levels := nb.abstract[inst.abstractID]
	start := func(l int) int {
		if s, ok := inst.starts[l]; ok {
			return s
		}
		if lv, ok := levels[l]; ok {
			return lv.start
		}
		return 1
	}
	c := nb.counters[numID]
	if c == nil {
		c = make([]int, 9)
		for l := range c {
			c[l] = start(l) - 1
		}
		nb.counters[numID] = c
	}
	c[ilvl]++
	for l := ilvl + 1; l < len(c); l++ {
		c[l] = start(l) - 1
	}
	lv := levels[ilvl]
	if lv.fmt == "bullet" || lv.fmt == "none" {
		return ""
	}
	label := lv.text
	for l := 0; l <= ilvl; l++ {
		f := levels[l].fmt
		if l == ilvl {
			f = lv.fmt
		}
		label = strings.ReplaceAll(label, "%"+strconv.Itoa(l+1), formatNumber(c[l], f))
	}
	return label
}

// formatNumber renders n in one of Word's number formats (ECMA-376 ST_NumberFormat).
func formatNumber(n int, format string) string {
	switch format {
	case "upperRoman":
		return roman(n)
	case "lowerRoman":
		return strings.ToLower(roman(n))
	case "upperLetter":
		return letters(n, 'A')
	case "lowerLetter":
		return letters(n, 'a')
	case "chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand", "ideographDigital":
		return hanNumber(n, format == "ideographDigital")
	case "chineseLegalSimplified":
		return strings.NewReplacer("一", "壹", "二", "贰", "三", "叁", "四", "肆", "五", "伍", "六", "陆", "七", "柒", "八", "捌", "九", "玖", "十", "拾", "百", "佰").Replace(hanNumber(n, false))
	case "ideographTraditional":
		return cycle(n, "甲乙丙丁戊己庚辛壬癸")
	case "ideographZodiac":
		return cycle(n, "子丑寅卯辰巳午未申酉戌亥")
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	case "decimalFullWidth", "decimalFullWidth2":
		return strings.Map(func(r rune) rune { return r - '0' + '０' }, strconv.Itoa(n))
	case "decimalZero":
		if n < 10 {
			return "0" + strconv.Itoa(n)
		}
	}
	return strconv.Itoa(n)
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

func letters(n int, base rune) string {
	if n <= 0 {
		return strconv.Itoa(n)
	}
	// Word repeats the letter: a … z, aa … zz.
	return strings.Repeat(string(base+rune((n-1)%26)), (n-1)/26+1)
}

func cycle(n int, set string) string {
	rs := []rune(set)
	if n <= 0 {
		return strconv.Itoa(n)
	}
	return string(rs[(n-1)%len(rs)])
}

// hanNumber writes n with Han numerals as Word's chineseCounting does
// (十一, 二十, 一百零五); digital spells each digit (一〇五).
func hanNumber(n int, digital bool) string {
	digits := []rune("〇一二三四五六七八九")
	if n < 0 || n > 9999 {
		return strconv.Itoa(n)
	}
	if digital || n == 0 {
		return strings.Map(func(r rune) rune { return digits[r-'0'] }, strconv.Itoa(n))
	}
	units := []string{"千", "百", "十", ""}
	s := fmt4(n)
	var b strings.Builder
	zero := false
	for i, r := range s {
		d := int(r - '0')
		if d == 0 {
			zero = b.Len() > 0
			continue
		}
		if zero {
			b.WriteRune('〇')
			zero = false
		}
		if !(d == 1 && units[i] == "十" && b.Len() == 0) {
			b.WriteRune(digits[d])
		}
		b.WriteString(units[i])
	}
	return strings.ReplaceAll(b.String(), "〇", "零")
}

func fmt4(n int) string {
	s := strconv.Itoa(n)
	return strings.Repeat("0", 4-len(s)) + s
}
