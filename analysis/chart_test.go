package analysis

import (
	"html/template"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// dec is an exact decimal for a test's figures.
var dec = decimal.RequireFromString

// svgOf draws a chart as the report does.
func svgOf(t *testing.T, c *Chart) string {
	t.Helper()
	tmpl := template.Must(AddCharts(template.New("t").Funcs(ChartFuncs)))
	var b strings.Builder
	if err := tmpl.ExecuteTemplate(&b, "chart", c); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestChartEscapes: a label that is markup is drawn as text.
func TestChartEscapes(t *testing.T) {
	svg := svgOf(t, hbars([]bar{{label: `<img src=x onerror=alert(1)>`, parts: []decimal.Decimal{dec("5")}, text: "5 & 6"}}, []string{"<b>"}))
	if strings.Contains(svg, "<img") || strings.Contains(svg, "<b>") || !strings.Contains(svg, "&lt;img src=x onerror=alert(1)&gt;") || !strings.Contains(svg, "5 &amp; 6") {
		t.Errorf("markup in a label reaches the SVG unescaped:\n%s", svg)
	}
}
