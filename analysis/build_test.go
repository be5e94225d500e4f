package analysis

import (
	"context"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func sectionOf(t *testing.T, rep *Report, id string) *section {
	t.Helper()
	for _, s := range rep.Sections {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no section %s", id)
	return nil
}

func TestBuild(t *testing.T) {
	ctx := context.Background()
	st := store(t)
	y, err := LatestYear(ctx, st, "决算")
	if err != nil || y != 2024 {
		t.Fatalf("LatestYear(决算) = %d, %v; want 2024", y, err)
	}
	rep, err := Build(ctx, st, Filter{Year: y, Kind: "决算"}, "r")
	if err != nil {
		t.Fatal(err)
	}
	// One kind, one year: 甲局's PDF and its docx copy are one document;
	// its 2023 决算 and 2024 预算 are left out; the scan is listed by its
	// file name.
	if rep.Documents != 3 || rep.Files != 4 {
		t.Errorf("%d documents in %d files; want 3 in 4", rep.Documents, rep.Files)
	}
	if got := strings.Join(rep.Departments, "|"); got != "某省乙办公室|某省甲局|（扫描件.pdf）" {
		t.Errorf("departments %s", got)
	}

	t.Run("findings once, by severity and department, linked to their page", func(t *testing.T) {
		s := sectionOf(t, rep, "findings")
		if rep.FindingCount != 3 || len(s.Findings) != 2 || len(s.Folded) != 1 {
			t.Fatalf("%d findings: %d groups shown, %d folded; want 3 (the docx copy's left out): 2 and 1", rep.FindingCount, len(s.Findings), len(s.Folded))
		}
		e, w, i := s.Findings[0], s.Findings[1], s.Folded[0]
		if e.Severity != "error" || e.Department != "某省甲局" || w.Severity != "warning" || w.Department != "某省乙办公室" || i.Severity != "info" {
			t.Errorf("groups %s·%s, %s·%s, folded %s·%s", e.Severity, e.Department, w.Severity, w.Department, i.Severity, i.Department)
		}
		if f := e.Findings[0]; f.Rule != "sum.table" || f.Href != "%E7%94%B2%E5%B1%802024%E5%86%B3%E7%AE%97.pdf#page=5" || f.PageText != "第5页" {
			t.Errorf("sum.table finding links %q (%s)", f.Href, f.PageText)
		}
	})

	t.Run("a 三公 part not read is said, not drawn as unstated", func(t *testing.T) {
		s := sectionOf(t, rep, "three-public")
		svg := svgOf(t, s.Charts[0])
		if !strings.Contains(svg, "5.00 万元（公务接待费未读出）") || !strings.Contains(svg, "未读出的项目") {
			t.Errorf("甲局's chart does not say 公务接待费 was not read:\n%s", svg)
		}
		var bars []bar
		for _, r := range []*threePublicBar{
			{key: "甲", total: dec("50000"), hasTotal: true, parts: map[string]decimal.Decimal{"three_public.overseas": dec("10000"), "three_public.vehicle": dec("20000")}},
			{key: "乙", total: dec("40000"), hasTotal: true, parts: map[string]decimal.Decimal{"three_public.overseas": dec("10000"), "three_public.vehicle": dec("10000"), "three_public.reception": dec("10000")}},
			{key: "丙", parts: map[string]decimal.Decimal{"three_public.overseas": dec("10000")}},
		} {
			bars = append(bars, r.bar())
		}
		// 甲: 20000 not read (index 4), nothing unstated (3); 乙: all read,
		// 10000 unstated; 丙: the total itself missing, not 0.
		if !bars[0].parts[3].IsZero() || bars[0].parts[4].String() != "20000" || bars[1].parts[3].String() != "10000" || !bars[1].parts[4].IsZero() ||
			bars[2].text != "合计未读出（所列项目 1.00 万元）" {
			t.Errorf("bars %+v", bars)
		}
	})

	t.Run("a missing figure is missing, not 0", func(t *testing.T) {
		s := sectionOf(t, rep, "operating")
		if len(s.Tables[0].Rows) != 0 || !strings.Contains(svgOf(t, s.Charts[0]), ">未读出</text>") {
			t.Errorf("机关运行经费, read for none in 2024: rows %v, chart\n%s", s.Tables[0].Rows, svgOf(t, s.Charts[0]))
		}
	})

	t.Run("each department over the years", func(t *testing.T) {
		s := sectionOf(t, rep, "years")
		var jiaYears *deptYears
		for i := range s.Years {
			if s.Years[i].Department == "某省甲局" {
				jiaYears = &s.Years[i]
			}
		}
		if jiaYears == nil || strings.Join(jiaYears.Years, " ") != "2023 2024" {
			t.Fatalf("甲局 over the years: %+v", s.Years)
		}
		want := map[string]string{"一般公共预算财政拨款支出": "90.00 100.00", "“三公”经费": "6.00 5.00", "机关运行经费": "7.00 未读出"}
		for _, r := range jiaYears.Rows {
			if w, ok := want[r.Name]; ok && strings.Join(r.Cells, " ") != w {
				t.Errorf("甲局 %s: %v; want %s", r.Name, r.Cells, w)
			}
		}
	})

	var html strings.Builder
	if err := rep.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"（扫描件.pdf）", "<details class=\"info\">", "甲局2024决算.docx ＝ r/甲局2024决算.pdf", "#page=5"} {
		if !strings.Contains(html.String(), want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
}
