package analysis

import (
	_ "embed"
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Charts for the report and the web app, drawn as inline SVG: no script,
// no library, and text in the page's own fonts. Values are exact decimals;
// floats are used for coordinates only. A chart is geometry (Chart), drawn
// by the template "chart" (chart.html) through html/template, which
// escapes every label: no text reaches a page unescaped.

//go:embed chart.html
var chartHTML string

// ChartFuncs are the functions the chart templates call.
var ChartFuncs = template.FuncMap{"pt": pt}

// AddCharts parses the chart templates into t, which must have ChartFuncs.
func AddCharts(t *template.Template) (*template.Template, error) { return t.Parse(chartHTML) }

// pt writes a coordinate to a hundredth.
func pt(x float64) string { return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64) }

// Chart is a chart's geometry, in the units of its viewBox (W by H).
type Chart struct {
	W, H  int
	Marks []Mark
	Title string // said above it by a page that shows several; "" for none
}

// Mark is one mark of a chart. Kind says what it is and which fields
// hold: "rect" (X, Y, W, H, Fill), "text" (X, Y, Class, Anchor, Text),
// "line" (X, Y to X2, Y2; Class, or Stroke and StrokeW), "circle" (X, Y,
// R, Fill, Stroke, StrokeW), "group" (a group of marks titled Text, for a
// tooltip) and "end" (closing it).
type Mark struct {
	Kind                  string
	X, Y, W, H, X2, Y2, R float64
	Fill, Stroke          string
	StrokeW               float64
	Class, Anchor, Text   string
}

func (c *Chart) rect(x, y, w, h float64, fill string) {
	c.Marks = append(c.Marks, Mark{Kind: "rect", X: x, Y: y, W: w, H: h, Fill: fill})
}

func (c *Chart) text(x, y float64, class, anchor, text string) {
	c.Marks = append(c.Marks, Mark{Kind: "text", X: x, Y: y, Class: class, Anchor: anchor, Text: text})
}

func (c *Chart) line(x1, y1, x2, y2 float64, class string) {
	c.Marks = append(c.Marks, Mark{Kind: "line", X: x1, Y: y1, X2: x2, Y2: y2, Class: class})
}

func (c *Chart) group(title string) { c.Marks = append(c.Marks, Mark{Kind: "group", Text: title}) }
func (c *Chart) end()               { c.Marks = append(c.Marks, Mark{Kind: "end"}) }

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
// parts; legend names the parts. It is nil when there are no bars.
func hbars(bars []bar, legend []string) *Chart {
	if len(bars) == 0 {
		return nil
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
	plotW := float64(plotW)
	c := &Chart{W: labelW + int(plotW) + valueW, H: top + len(bars)*rowH + axisH}
	x := float64(labelW)
	for i, name := range legend {
		c.rect(x, 6, 12, 12, palette[i%len(palette)])
		c.text(x+16, 16, "legend", "", name)
		x += 16 + float64(utf8.RuneCountInString(name))*13 + 18
	}
	for i, b := range bars {
		y := float64(top + i*rowH)
		total := sum(b.parts)
		scale := max
		if share {
			scale = total
		}
		c.group(b.label + "：" + b.text)
		c.text(float64(labelW-8), y+15, "label", "end", b.label)
		x := float64(labelW)
		for j, p := range b.parts {
			if !p.IsPositive() || !scale.IsPositive() {
				continue
			}
			w := p.Div(scale).InexactFloat64() * plotW
			c.rect(x, y+3, w, rowH-6, palette[j%len(palette)])
			x += w
		}
		c.text(x+6, y+15, "value", "", b.text)
		c.end()
	}
	// The axis.
	y := float64(top + len(bars)*rowH)
	c.line(float64(labelW), y+2, float64(labelW)+plotW, y+2, "axis")
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
		c.line(tx, y+2, tx, y+6, "axis")
		c.text(tx, y+18, "tick", "middle", t)
	}
	return c
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
// another. It is nil when there are no rows.
func slopes(rows []slopeRow) *Chart {
	if len(rows) == 0 {
		return nil
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
	plotW := float64(plotW)
	c := &Chart{W: labelW + int(plotW) + 330, H: len(rows)*rh + axisH + 8}
	pos := func(v decimal.Decimal) float64 {
		if !max.IsPositive() {
			return float64(labelW)
		}
		return float64(labelW) + v.Div(max).InexactFloat64()*plotW
	}
	for i, r := range rows {
		y := float64(4 + i*rh + rh/2)
		colour := palette[2]
		if r.v2.LessThan(r.v1) {
			colour = palette[3]
		}
		text := fmt.Sprintf("%d→%d：%s→%s %s", r.y1, r.y2, wan(r.v1), wan(r.v2), changePct(r.v1, r.v2))
		c.group(r.label + " " + text)
		c.text(float64(labelW-8), y+4, "label", "end", r.label)
		x1, x2 := pos(r.v1), pos(r.v2)
		c.Marks = append(c.Marks, Mark{Kind: "line", X: x1, Y: y, X2: x2, Y2: y, Stroke: colour, StrokeW: 3},
			Mark{Kind: "circle", X: x1, Y: y, R: 5, Fill: "#fff", Stroke: colour, StrokeW: 2},
			Mark{Kind: "circle", X: x2, Y: y, R: 5, Fill: colour})
		c.text(float64(labelW)+plotW+12, y+4, "value", "", text+" 万元")
		c.end()
	}
	y := float64(4 + len(rows)*rh)
	c.line(float64(labelW), y, float64(labelW)+plotW, y, "axis")
	for _, v := range ticks {
		tx := float64(labelW) + plotW*v.Div(max).InexactFloat64()
		c.text(tx, y+16, "tick", "middle", tick(v))
	}
	c.text(4, y+16, "tick", "", "○ 前一年 ● 后一年")
	return c
}

// Item is one bar of Bars: a label, a figure and the text after it.
type Item struct {
	Label string
	Value decimal.Decimal // drawn from 0; a negative or missing figure draws no bar
	Text  string
}

// Bars draws items as a horizontal bar chart, in their order; nil for
// none.
func Bars(items []Item) *Chart {
	var bars []bar
	for _, it := range items {
		bars = append(bars, bar{label: it.Label, parts: []decimal.Decimal{it.Value}, text: it.Text})
	}
	return hbars(bars, nil)
}

// Wan formats yuan as 万元, two decimals, thousands separated.
func Wan(d decimal.Decimal) string { return wan(d) }

// ChangePct is the change from v1 to v2 in percent, signed, two
// decimals; "" when v1 is zero.
func ChangePct(v1, v2 decimal.Decimal) string { return changePct(v1, v2) }
