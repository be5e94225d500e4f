package load

import (
	"context"
	"strings"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/normalize"
)

// countingBackend counts the inserts a backend is asked for.
type countingBackend struct {
	backend
	inserts []string
}

func (c *countingBackend) insert(ctx context.Context, p tableRows) error {
	c.inserts = append(c.inserts, p.table)
	return c.backend.insert(ctx, p)
}

// TestDictionaries: every store holds the lexicon's metrics, the measures
// and the catalogue's functions; opening it again writes nothing, and a
// dictionary that differs from the embedded one is written again whole
// (tried on chDB: both stores write through the same insert).
func TestDictionaries(t *testing.T) {
	ctx := context.Background()
	for name, s := range stores(t) {
		want := map[string]int{"metrics": len(normalize.Metrics()), "measures": len(normalize.MeasureUnits), "functions": len(normalize.Functions())}
		for table, n := range want {
			if got := count(t, s, "SELECT count() FROM fiscaldocs."+table); got != itoa(n) {
				t.Errorf("%s: %s has %s rows; want %d", name, table, got, n)
			}
		}
		r, err := s.Query(ctx, "SELECT name, unit, measures FROM fiscaldocs.metrics WHERE key = 'three_public.total'")
		if err != nil || len(r.Rows) != 1 || r.Rows[0][0] != normalize.Metrics()["three_public.total"].Zh || r.Rows[0][1] != "yuan" || !strings.HasPrefix(r.Rows[0][2], "['amount'") {
			t.Errorf("%s: metrics three_public.total = %v, %v", name, r, err)
		}
		r, err = s.Query(ctx, "SELECT name, level, parent FROM fiscaldocs.functions WHERE code = '2010101'")
		if err != nil || len(r.Rows) != 1 || strings.Join(r.Rows[0], "|") != "行政运行|项|20101" {
			t.Errorf("%s: functions 2010101 = %v, %v", name, r, err)
		}
		r, err = s.Query(ctx, "SELECT unit FROM fiscaldocs.measures WHERE measure = 'yoy_pct'")
		if err != nil || len(r.Rows) != 1 || r.Rows[0][0] != "percent" {
			t.Errorf("%s: measures yoy_pct = %v, %v", name, r, err)
		}

		cb := &countingBackend{backend: s.(backend)}
		if err := writeDictionaries(ctx, cb); err != nil || len(cb.inserts) != 0 {
			t.Errorf("%s: opening again wrote %q (%v); want nothing", name, cb.inserts, err)
		}
		if name != "chdb" {
			continue // the server is shared with the other packages' tests, which read the dictionaries
		}
		stray := rowsOf("metrics", metricFields, []MetricRow{{Key: "stray", Source: "old"}})
		if err := cb.backend.insert(ctx, stray); err != nil {
			t.Fatal(err)
		}
		if err := writeDictionaries(ctx, cb); err != nil || strings.Join(cb.inserts, " ") != "metrics" {
			t.Errorf("%s: a metrics table with a stray row: wrote %q (%v); want metrics again", name, cb.inserts, err)
		}
		if got := count(t, s, "SELECT count() FROM fiscaldocs.metrics WHERE key = 'stray'"); got != "0" {
			t.Errorf("%s: the stray row is still there", name)
		}
	}
}

// Every fact's unit is its measure's, as the measures table says.
func TestMeasureUnits(t *testing.T) {
	b := seedBatch(t, 1)
	for _, f := range b.Facts {
		if want, ok := normalize.MeasureUnits[f.Measure]; !ok || f.Unit != want {
			t.Errorf("fact %d %s %s in %q; measures says %q", f.Seq, f.Metric, f.Measure, f.Unit, want)
		}
	}
	for _, m := range MetricRows() {
		if m.Unit == "" || m.Name == "" {
			t.Errorf("metric %s has no unit or name: %+v", m.Key, m)
		}
	}
}
