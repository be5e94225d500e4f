package normalize

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/shopspring/decimal"
)

var (
	yearRe   = regexp.MustCompile(`^(19|20)\d\d年?$`)
	numberIn = regexp.MustCompile(numberPattern)
)

// point is one value of a chart with what labels it.
type point struct {
	series, index int
	label         string // the category or series name that is not a year
	year          int    // 0 when neither label is a year
	raw           string
	value         decimal.Decimal
}

// chartPoints flattens a chart, telling which of category and series name
// is a year.
func chartPoints(c *extract.Chart) []point {
	var out []point
	for si, s := range c.Series {
		for i, raw := range s.Values {
			v, err := decimal.NewFromString(strings.TrimSpace(raw))
			if err != nil {
				continue
			}
			cat := ""
			if i < len(s.Categories) {
				cat = strings.TrimSpace(s.Categories[i])
			}
			p := point{series: si, index: i, raw: raw, value: v, label: cat}
			switch {
			case yearRe.MatchString(cat):
				p.year, _ = strconv.Atoi(cat[:4])
				p.label = s.Name
			case yearRe.MatchString(strings.TrimSpace(s.Name)):
				p.year, _ = strconv.Atoi(strings.TrimSpace(s.Name)[:4])
			}
			out = append(out, p)
		}
	}
	return out
}

// decimals is the number of decimal places printed in a raw figure.
func decimals(raw string) int32 {
	m := numberIn.FindString(raw)
	if i := strings.IndexByte(m, '.'); i >= 0 {
		return int32(len(m) - i - 1)
	}
	return 0
}

// scaleOf is the power of ten from a fact's printed unit to yuan.
func scaleOf(f *Fact) int32 {
	for _, u := range []string{"百万元", "亿元", "万元", "千元"} {
		if strings.HasSuffix(f.Raw, u) {
			return unitScale[u]
		}
	}
	return 0
}

// matches returns the narrative facts a chart value restates: the same
// amount in the fact's printed unit, or the same percentage, once rounded to
// the fact's printed precision. Charts store floats ("2111.4700000000012");
// the printed figure is the truth they approximate.
func matches(facts []Fact, v decimal.Decimal) []*Fact {
	var out []*Fact
	for i := range facts {
		f := &facts[i]
		if f.Method != Narrative {
			continue
		}
		r := v.Round(decimals(f.Raw))
		switch f.Measure {
		case "amount":
			if r.Shift(scaleOf(f)).Equal(f.Value) {
				out = append(out, f)
			}
		case "share_pct":
			if r.Equal(f.Value) {
				out = append(out, f)
			}
		}
	}
	return out
}

// charts reads the prior-year values of the document's charts. A chart
// carries no unit and often no useful label ("列1", "金额2"), so a value is
// only taken when the chart proves what it is: the current-year bar must
// restate a narrative amount, and the prior-year bar must then agree with
// that metric's stated change (current − prior = yoy_change). Anything
// short of that proof yields no fact.
func (r *reader) charts(doc *extract.Document, year int) {
	if year == 0 {
		return
	}
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		if b.Kind != extract.ChartBlock || b.Chart == nil {
			continue
		}
		pts := chartPoints(b.Chart)
		for _, prior := range pts {
			if prior.year != year-1 {
				continue
			}
			for _, cur := range pts {
				if cur.year == year && cur.label == prior.label {
					r.priorFromChart(b, cur, prior)
				}
			}
		}
	}
}

func (r *reader) priorFromChart(b *extract.Block, cur, prior point) {
	var chosen *Fact
	var priorYuan decimal.Decimal
	for _, f := range matches(r.facts.list, cur.value) {
		if f.Measure != "amount" || f.Subject != "" {
			continue
		}
		yoy, ok := r.facts.index[Key{f.Metric, "yoy_change", ""}]
		if !ok {
			continue
		}
		p := prior.value.Round(decimals(f.Raw)).Shift(scaleOf(f))
		if !f.Value.Sub(p).Equal(r.facts.list[yoy].Value) {
			continue
		}
		if chosen != nil && chosen.Metric != f.Metric {
			return // two metrics fit: no proof
		}
		chosen, priorYuan = f, p
	}
	if chosen == nil {
		return
	}
	pos := b.Pos
	pos.Row, pos.Col = prior.series+1, prior.index+1
	r.facts.add(Fact{Metric: chosen.Metric, Measure: PriorAmount, Value: priorYuan, Unit: Yuan,
		Raw: prior.raw, Pos: pos, Text: b.Text, Method: FromChart})
}
