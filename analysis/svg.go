package analysis

import (
	"fmt"
	"html"
	"html/template"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Charts for the report, drawn as inline SVG: no script, no library, and
// text in the page's own fonts. Values are exact decimals; floats are used
// for coordinates only.

var palette = []string{"#3b6ea5", "#e07b39", "#5a9e5a", "#c44e52", "#8172b2", "#937860", "#d17fb8", "#8c8c8c"}

// bar is one row of a horizontal bar chart: stacked parts (one colour
// each, in legend order), and the text printed after the bar.
type bar struct {
	label string
	parts []decimal.Decimal
	text  string
	share bool // drawn as 100% of its own total (composition)
}

const (
	plotW     = 470 // the bars' room
	minLabelW = 120
	valueW    = 190
	rowH      = 22
	legendH   = 26
	axisH     = 22
)

func esc(s string) string { return html.EscapeString(s) }

// labelWidth is the room the longest of labels needs, in the chart's
// units: names are never cut, the chart grows wider instead.
func labelWidth(labels []string) int {
	w := minLabelW
	for _, l := range labels {
		if n := textWidth(l) + 12; n > w {
			w = n
		}
	}
	return w
}

// textWidth is a label's width at the chart's 13px: a CJK character is a
// full em, anything else about half.
func textWidth(s string) int {
	w := 0
	for _, r := range s {
		if r >= 0x2E80 {
			w += 13
		} else {
			w += 7
		}
	}
	return w
}

// hbars draws a horizontal bar chart, stacked when the bars have several
// parts; legend names the parts.
func hbars(bars []bar, legend []string) template.HTML {
	if len(bars) == 0 {
		return ""
	}
	max := decimal.Zero
	share := false
	for _, b := range bars {
		share = share || b.share
		if t := sum(b.parts); t.GreaterThan(max) {
			max = t
		}
	}
	var ticks []decimal.Decimal
	if !share {
		ticks = niceTicks(max)
		max = ticks[len(ticks)-1]
	}
	top := 4
	if len(legend) > 0 {
		top += legendH
	}
	var labels []string
	for _, b := range bars {
		labels = append(labels, b.label)
	}
	labelW := labelWidth(labels)
	chartW := labelW + plotW + valueW
	plotW := float64(plotW)
	h := top + len(bars)*rowH + axisH
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="chart" viewBox="0 0 %d %d" width="100%%" role="img" xmlns="http://www.w3.org/2000/svg">`, chartW, h)
	x := float64(labelW)
	for i, name := range legend {
		fmt.Fprintf(&s, `<rect x="%.0f" y="6" width="12" height="12" fill="%s"/><text x="%.0f" y="16" class="legend">%s</text>`,
			x, palette[i%len(palette)], x+16, esc(name))
		x += 16 + float64(utf8.RuneCountInString(name))*13 + 18
	}
	for i, b := range bars {
		y := top + i*rowH
		total := sum(b.parts)
		scale := max
		if share {
			scale = total
		}
		fmt.Fprintf(&s, `<g><title>%s：%s</title><text x="%d" y="%d" class="label" text-anchor="end">%s</text>`,
			esc(b.label), esc(b.text), labelW-8, y+15, esc(b.label))
		x := float64(labelW)
		for j, p := range b.parts {
			if !p.IsPositive() || !scale.IsPositive() {
				continue
			}
			w := p.Div(scale).InexactFloat64() * plotW
			fmt.Fprintf(&s, `<rect x="%.2f" y="%d" width="%.2f" height="%d" fill="%s"/>`, x, y+3, w, rowH-6, palette[j%len(palette)])
			x += w
		}
		fmt.Fprintf(&s, `<text x="%.2f" y="%d" class="value">%s</text></g>`, x+6, y+15, esc(b.text))
	}
	// The axis.
	y := top + len(bars)*rowH
	fmt.Fprintf(&s, `<line x1="%d" y1="%d" x2="%.0f" y2="%d" class="axis"/>`, labelW, y+2, float64(labelW)+plotW, y+2)
	if share {
		for q := 0; q <= 4; q++ {
			ticks = append(ticks, decimal.NewFromInt(int64(25*q)))
		}
		max = decimal.NewFromInt(100)
	}
	for _, v := range ticks {
		tx := float64(labelW) + plotW*v.Div(max).InexactFloat64()
		t := tick(v)
		if share {
			t = v.String() + "%"
		}
		fmt.Fprintf(&s, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" class="axis"/><text x="%.1f" y="%d" class="tick" text-anchor="middle">%s</text>`,
			tx, y+2, tx, y+6, tx, y+18, esc(t))
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

// tick labels an axis value: counts as they are, money in 万元.
func tick(d decimal.Decimal) string {
	if d.LessThan(decimal.NewFromInt(10000)) {
		return d.String()
	}
	return d.Div(decimal.NewFromInt(10000)).String() + "万"
}

// niceTicks are the axis marks from 0 past max: 4 or 5 steps of 1, 2 or 5
// times a power of ten (never below 1), the last one at or above max.
func niceTicks(max decimal.Decimal) []decimal.Decimal {
	step := decimal.NewFromInt(1)
	for step.Mul(decimal.NewFromInt(5)).LessThan(max) {
		switch d := step.String(); d[0] {
		case '1':
			step = step.Mul(decimal.NewFromInt(2))
		case '2':
			step = step.Mul(decimal.NewFromInt(5)).Div(decimal.NewFromInt(2))
		default:
			step = step.Mul(decimal.NewFromInt(2))
		}
	}
	ticks := []decimal.Decimal{decimal.Zero}
	for ticks[len(ticks)-1].LessThan(max) {
		ticks = append(ticks, ticks[len(ticks)-1].Add(step))
	}
	if len(ticks) == 1 {
		ticks = append(ticks, step)
	}
	return ticks
}

func sum(ds []decimal.Decimal) decimal.Decimal {
	t := decimal.Zero
	for _, d := range ds {
		t = t.Add(d)
	}
	return t
}

// slopeRow is one department's change between two years.
type slopeRow struct {
	label  string
	y1, y2 int
	v1, v2 decimal.Decimal
}

// changePct is the change from v1 to v2 in percent, two decimals, or ""
// when v1 is zero.
func changePct(v1, v2 decimal.Decimal) string {
	if v1.IsZero() {
		return ""
	}
	p := v2.Sub(v1).Div(v1).Mul(decimal.NewFromInt(100)).StringFixed(2)
	if !strings.HasPrefix(p, "-") {
		p = "+" + p
	}
	return p + "%"
}

// slopes draws each change as a dumbbell on one value scale: a dot for
// each year joined by a line, rising changes in one colour, falling in
// another.
func slopes(rows []slopeRow) template.HTML {
	if len(rows) == 0 {
		return ""
	}
	max := decimal.Zero
	for _, r := range rows {
		max = decimal.Max(max, r.v1, r.v2)
	}
	const rh = 28
	ticks := niceTicks(max)
	max = ticks[len(ticks)-1]
	var labels []string
	for _, r := range rows {
		labels = append(labels, r.label)
	}
	labelW := labelWidth(labels)
	chartW := labelW + plotW + 330
	plotW := float64(plotW)
	h := len(rows)*rh + axisH + 8
	pos := func(v decimal.Decimal) float64 {
		if !max.IsPositive() {
			return float64(labelW)
		}
		return float64(labelW) + v.Div(max).InexactFloat64()*plotW
	}
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="chart" viewBox="0 0 %d %d" width="100%%" role="img" xmlns="http://www.w3.org/2000/svg">`, chartW, h)
	for i, r := range rows {
		y := 4 + i*rh + rh/2
		colour := palette[2]
		if r.v2.LessThan(r.v1) {
			colour = palette[3]
		}
		text := fmt.Sprintf("%d→%d：%s→%s %s", r.y1, r.y2, wan(r.v1), wan(r.v2), changePct(r.v1, r.v2))
		fmt.Fprintf(&s, `<g><title>%s %s</title><text x="%d" y="%d" class="label" text-anchor="end">%s</text>`,
			esc(r.label), esc(text), labelW-8, y+4, esc(r.label))
		x1, x2 := pos(r.v1), pos(r.v2)
		fmt.Fprintf(&s, `<line x1="%.2f" y1="%d" x2="%.2f" y2="%d" stroke="%s" stroke-width="3"/>`, x1, y, x2, y, colour)
		fmt.Fprintf(&s, `<circle cx="%.2f" cy="%d" r="5" fill="#fff" stroke="%s" stroke-width="2"/><circle cx="%.2f" cy="%d" r="5" fill="%s"/>`,
			x1, y, colour, x2, y, colour)
		fmt.Fprintf(&s, `<text x="%.0f" y="%d" class="value">%s</text></g>`, float64(labelW)+plotW+12, y+4, esc(text+" 万元"))
	}
	y := 4 + len(rows)*rh
	fmt.Fprintf(&s, `<line x1="%d" y1="%d" x2="%.0f" y2="%d" class="axis"/>`, labelW, y, float64(labelW)+plotW, y)
	for _, v := range ticks {
		tx := float64(labelW) + plotW*v.Div(max).InexactFloat64()
		fmt.Fprintf(&s, `<text x="%.1f" y="%d" class="tick" text-anchor="middle">%s</text>`, tx, y+16, esc(tick(v)))
	}
	s.WriteString(`<text x="4" y="` + fmt.Sprint(y+16) + `" class="tick">○ 前一年 ● 后一年</text></svg>`)
	return template.HTML(s.String())
}
