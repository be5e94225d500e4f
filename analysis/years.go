package analysis

import (
	"strings"

	"github.com/fiscaldocs/fiscaldocs/load"

	"github.com/shopspring/decimal"
)

// The per-department view: each department's headline figures over every
// year the store holds of the report's kind, a missing figure shown as
// missing.

// yearMetrics are the rows of a department's table over the years.
var yearMetrics = []struct{ metric, name string }{
	{"expenditure.total", "本年支出合计"}, {"gpb.expenditure", "一般公共预算财政拨款支出"},
	{"three_public.total", "“三公”经费"}, {"operating_expense", "机关运行经费"},
}

// deptYears is one department's table: a column a year, a row a metric.
type deptYears struct {
	Department string
	Years      []string
	Rows       []yearRow
}

type yearRow struct {
	Name   string
	Cells  []string          // 万元, or missing
	values []decimal.Decimal // in yuan, where read
	read   []bool            // whether each year's figure was read
}

func (rep *Report) acrossYears(run runFunc, f reportFilter) error {
	var in []string
	for _, m := range yearMetrics {
		in = append(in, load.Quote(m.metric))
	}
	all := f
	all.Year = 0
	q, err := run("q-years", "各部门历年主要数字", "SELECT "+deptLabel("f")+" AS department, f.year AS year, f.metric AS metric, max(f.value) AS value FROM "+
		load.Database+".v_facts AS f WHERE "+all.where("f")+" AND f.metric IN ("+strings.Join(in, ", ")+") AND f.measure = 'amount' AND f.subject = ''"+
		" AND "+deptKey("f")+" IN (SELECT "+deptKey("d")+" FROM "+load.Database+".v_documents AS d WHERE "+f.where("d")+")"+
		" GROUP BY "+deptKey("f")+", department, year, metric ORDER BY department, year, metric")
	if err != nil {
		return err
	}
	s := &section{ID: "years", Title: "七、各部门历年", Tables: []*query{q},
		Intro: "本报告所列各部门在库中各年度的主要数字（同一类型，单位万元）；文件中未读出的数标为“" + missing + "”，不作 0。"}
	if s.Years, err = yearTables(q.rows); err != nil {
		return err
	}
	var bars []bar
	for _, d := range s.Years {
		for i, y := range d.Years {
			gpb := d.Rows[1]
			b := bar{label: d.Department + " " + y + "年", text: gpb.Cells[i]}
			if gpb.read[i] {
				b.parts = []decimal.Decimal{gpb.values[i]}
				b.text += " 万元"
			}
			bars = append(bars, b)
		}
	}
	s.Charts = chartOrNil(hbars(bars, []string{"一般公共预算财政拨款支出"}))
	s.Empty = emptyIf(len(bars) == 0)
	rep.Sections = append(rep.Sections, s)
	return nil
}

// yearTables turns rows of department, year, metric and value (sorted by
// department and year) into a table per department.
func yearTables(rows []Row) ([]deptYears, error) {
	var out []deptYears
	values := map[string]decimal.Decimal{}
	for _, r := range rows {
		dept, year := r.S("department"), r.S("year")
		if n := len(out); n == 0 || out[n-1].Department != dept {
			out = append(out, deptYears{Department: dept})
		}
		d := &out[len(out)-1]
		if n := len(d.Years); n == 0 || d.Years[n-1] != year {
			d.Years = append(d.Years, year)
		}
		v, err := r.Dec("value")
		if err != nil {
			return nil, err
		}
		values[dept+"/"+year+"/"+r.S("metric")] = v
	}
	for i := range out {
		d := &out[i]
		for _, m := range yearMetrics {
			row := yearRow{Name: m.name}
			for _, y := range d.Years {
				v, ok := values[d.Department+"/"+y+"/"+m.metric]
				cell := missing
				if ok {
					cell = wan(v)
				}
				row.Cells, row.values, row.read = append(row.Cells, cell), append(row.values, v), append(row.read, ok)
			}
			d.Rows = append(d.Rows, row)
		}
	}
	return out, nil
}
