package analysis

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestReportHelpers(t *testing.T) {
	d := decimal.RequireFromString
	for in, want := range map[string]string{"29400500": "2,940.05", "-631400": "-63.14", "1235": "0.12", "1250": "0.13", "0": "0.00", "1234567890123.4": "123,456,789.01"} {
		if got := wan(d(in)); got != want {
			t.Errorf("wan(%s) = %s, want %s", in, got, want)
		}
	}
	for _, c := range []struct{ v1, v2, want string }{{"30031900", "29400500", "-2.10%"}, {"100", "150", "+50.00%"}, {"0", "5", ""}} {
		if got := changePct(d(c.v1), d(c.v2)); got != c.want {
			t.Errorf("changePct(%s, %s) = %q, want %q", c.v1, c.v2, got, c.want)
		}
	}
	for max, want := range map[string]string{"5": "0 1 2 3 4 5", "7": "0 2 4 6 8", "1": "0 1", "0": "0 1", "331720000": "0 100000000 200000000 300000000 400000000", "86750": "0 20000 40000 60000 80000 100000"} {
		var got []string
		for _, v := range niceTicks(d(max)) {
			got = append(got, v.String())
		}
		if strings.Join(got, " ") != want {
			t.Errorf("niceTicks(%s) = %v, want %s", max, got, want)
		}
	}
	// Zero, negative and empty values draw nothing odd.
	svg := svgOf(t, hbars([]bar{{label: "甲", parts: []decimal.Decimal{decimal.Zero}, text: "0"}, {label: "乙<", parts: []decimal.Decimal{d("-5")}, text: "-5"}}, nil))
	if strings.Contains(svg, "NaN") || strings.Contains(svg, "Inf") || !strings.Contains(svg, "乙&lt;") || strings.Contains(svg, "<rect") {
		t.Errorf("hbars of zero and negative values:\n%s", svg)
	}
	// A long name is drawn whole: the chart grows wider for it.
	long := "上海市普陀区人民政府万里街道办事处 2024年预算"
	svg = svgOf(t, hbars([]bar{{label: long, parts: []decimal.Decimal{d("5")}, text: "5"}}, nil))
	if !strings.Contains(svg, ">"+long+"</text>") || !strings.Contains(svg, fmt.Sprintf(`<text x="%d" y="19" class="label"`, textWidth(long)+4)) {
		t.Errorf("a long label is cut or the chart not widened:\n%s", svg)
	}
	if hbars(nil, nil) != nil || slopes(nil) != nil {
		t.Error("empty charts are not empty")
	}
	s := svgOf(t, slopes([]slopeRow{{label: "丙", y1: 2020, y2: 2021, v1: d("100"), v2: d("50")}}))
	if !strings.Contains(s, "2020→2021：0.01→0.01 -50.00% 万元") || !strings.Contains(s, palette[3]) {
		t.Errorf("a falling slope:\n%s", s)
	}
}
