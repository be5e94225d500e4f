package load

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"

	"github.com/fiscaldocs/fiscaldocs/normalize"
)

// The dictionaries are tables every store holds beside the facts: the
// metric keys (metrics), the measures and their units (measures) and the
// function classification (functions), from the lexicon and catalogue
// normalize embeds. Each row carries the SHA-256 of its table's rows as
// written (source); a store whose table holds exactly those rows is left
// alone when opened, any other is emptied and written again. So opening a
// store is idempotent, and a new release's lexicon replaces the old.

// MetricRow is a row of metrics: a metric key, its Chinese name, the
// measures a fact of it may have, and the unit of its first measure (its
// amount or count).
type MetricRow struct {
	Key, Name string
	Measures  []string
	Unit      string
	Source    string
}

// MeasureRow is a row of measures: a measure, what it means, and its
// unit (yuan, percent or count).
type MeasureRow struct {
	Measure, Name, Unit, Source string
}

// FunctionRow is a row of functions: a code of the function
// classification, its name and former names, its level (类, 款 or 项) and
// the code of its parent ("" for a 类).
type FunctionRow struct {
	Code, Name  string
	FormerNames []string
	Level       string
	Parent      string
	Source      string
}

// measureNames say what each measure is, in the reports' words.
var measureNames = map[string]string{
	"amount": "金额", "budget": "预算数", "yoy_change": "比上年增减额", normalize.PriorAmount: "上年数",
	"share_pct": "占比", "yoy_pct": "比上年增减率", "completion_pct": "完成预算的比例", "count": "数量",
}

var (
	metricFields = []field[MetricRow]{
		col("key", func(r *MetricRow) string { return r.Key }),
		col("name", func(r *MetricRow) string { return r.Name }),
		col("measures", func(r *MetricRow) []string { return r.Measures }),
		col("unit", func(r *MetricRow) string { return r.Unit }),
		col("source", func(r *MetricRow) string { return r.Source }),
	}
	measureFields = []field[MeasureRow]{
		col("measure", func(r *MeasureRow) string { return r.Measure }),
		col("name", func(r *MeasureRow) string { return r.Name }),
		col("unit", func(r *MeasureRow) string { return r.Unit }),
		col("source", func(r *MeasureRow) string { return r.Source }),
	}
	functionFields = []field[FunctionRow]{
		col("code", func(r *FunctionRow) string { return r.Code }),
		col("name", func(r *FunctionRow) string { return r.Name }),
		col("former_names", func(r *FunctionRow) []string { return r.FormerNames }),
		col("level", func(r *FunctionRow) string { return r.Level }),
		col("parent", func(r *FunctionRow) string { return r.Parent }),
		col("source", func(r *FunctionRow) string { return r.Source }),
	}
)

// MetricRows returns the metrics table's rows, by key.
func MetricRows() []MetricRow {
	ms := normalize.Metrics()
	keys := make([]string, 0, len(ms))
	for k := range ms {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	rows := make([]MetricRow, 0, len(keys))
	for _, k := range keys {
		m := ms[k]
		r := MetricRow{Key: k, Name: m.Zh, Measures: append([]string(nil), m.Measures...)}
		if len(m.Measures) > 0 {
			r.Unit = normalize.MeasureUnits[m.Measures[0]]
		}
		rows = append(rows, r)
	}
	sourced(rows, metricFields, func(r *MetricRow, s string) { r.Source = s })
	return rows
}

// MeasureRows returns the measures table's rows, by measure.
func MeasureRows() []MeasureRow {
	var rows []MeasureRow
	for m, unit := range normalize.MeasureUnits {
		rows = append(rows, MeasureRow{Measure: m, Name: measureNames[m], Unit: unit})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Measure < rows[j].Measure })
	sourced(rows, measureFields, func(r *MeasureRow, s string) { r.Source = s })
	return rows
}

// FunctionRows returns the functions table's rows, in the catalogue's
// order.
func FunctionRows() []FunctionRow {
	levels := map[int]string{3: "类", 5: "款", 7: "项"}
	var rows []FunctionRow
	for _, f := range normalize.Functions() {
		r := FunctionRow{Code: f.Code, Name: f.Name, FormerNames: f.Former, Level: levels[len(f.Code)]}
		if len(f.Code) > 3 {
			r.Parent = f.Code[:len(f.Code)-2]
		}
		if r.FormerNames == nil {
			r.FormerNames = []string{}
		}
		rows = append(rows, r)
	}
	sourced(rows, functionFields, func(r *FunctionRow, s string) { r.Source = s })
	return rows
}

// sourced sets every row's source to the SHA-256 of the rows' TSV
// without it.
func sourced[R any](rows []R, fields []field[R], set func(*R, string)) {
	sum := sha256.Sum256([]byte(rowsOf("", fields, rows).tsv()))
	for i := range rows {
		set(&rows[i], hex.EncodeToString(sum[:]))
	}
}

// dictionaries lists the dictionary tables with their rows.
func dictionaries() []tableRows {
	return []tableRows{
		rowsOf("metrics", metricFields, MetricRows()),
		rowsOf("measures", measureFields, MeasureRows()),
		rowsOf("functions", functionFields, FunctionRows()),
	}
}

// writeDictionaries writes each dictionary table that does not hold
// exactly its rows, after emptying it.
func writeDictionaries(ctx context.Context, be backend) error {
	for _, p := range dictionaries() {
		source := p.values(len(p.columns) - 1).([]string)[0]
		res, err := be.read(ctx, fmt.Sprintf("SELECT source, count() FROM %s.%s GROUP BY source", be.database(), p.table))
		if err != nil {
			return fmt.Errorf("load: %s: %w", p.table, err)
		}
		if len(res.Rows) == 1 && res.Rows[0][0] == source && res.Rows[0][1] == fmt.Sprint(p.len()) {
			continue
		}
		if err := be.exec(ctx, fmt.Sprintf("TRUNCATE TABLE %s.%s", be.database(), p.table)); err != nil {
			return fmt.Errorf("load: empty %s: %w", p.table, err)
		}
		if err := be.insert(ctx, p); err != nil {
			return fmt.Errorf("load: insert %s: %w", p.table, err)
		}
		// Two processes that open a new server store together both write
		// the rows: the merge keeps one per key.
		if err := be.exec(ctx, fmt.Sprintf("OPTIMIZE TABLE %s.%s FINAL", be.database(), p.table)); err != nil {
			return fmt.Errorf("load: merge %s: %w", p.table, err)
		}
	}
	return nil
}
