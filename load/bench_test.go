package load

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// bigBatch is one document with n facts, to measure loading alone.
func bigBatch(n int, version uint64) *Batch {
	id := fmt.Sprintf("%064x", version)
	b := &Batch{Document: DocumentRow{ID: id, File: "bench", Format: "pdf", Extractor: "bench", Status: "ok", Version: version, IngestedAt: time.Now().UTC().Truncate(time.Second), Facts: uint32(n)}}
	for i := range n {
		b.Facts = append(b.Facts, FactRow{DocID: id, Seq: uint32(i), Metric: "gpb.item", Measure: "amount", Subject: "一般公共服务支出/人大事务/行政运行",
			Code: "2010101", Value: decimal.New(int64(12739600+i), 0), Unit: "yuan", Raw: "1273.96万元", Method: "table", Page: 9, Block: 41, Text: "行政运行 1,273.96", Version: version})
	}
	return b
}

// BenchmarkLoadFacts reports fact rows per second loaded into each store
// (100k rows per document), row-count check included.
func BenchmarkLoadFacts(b *testing.B) {
	eachStore(b, func() []*Batch { return []*Batch{bigBatch(100000, uint64(time.Now().UnixNano()))} })
}

// BenchmarkLoadDocuments reports rows per second (facts, findings, blocks
// and documents) loaded into each store as ingest writes them: 500
// documents of 100 facts, 2 findings and 40 blocks in one Write.
func BenchmarkLoadDocuments(b *testing.B) {
	eachStore(b, func() []*Batch {
		var bs []*Batch
		v := uint64(time.Now().UnixNano())
		for k := range uint64(500) {
			d := bigBatch(100, v+k)
			d.Findings = []FindingRow{{DocID: d.Document.ID, Rule: "sum.items", Severity: "error", Message: "一般公共服务支出 2106.66 + … ≠ 2940.05 万元", Actual: decimal.New(29400500, 0), Facts: []uint32{1, 2, 3}, Version: d.Document.Version},
				{DocID: d.Document.ID, Seq: 1, Rule: "share.recompute", Severity: "info", Message: "算得 0.52%，文中为 0.51%", Actual: decimal.New(51, -2), Version: d.Document.Version}}
			for i := range 40 {
				d.Blocks = append(d.Blocks, BlockRow{DocID: d.Document.ID, Seq: uint32(i), Page: uint32(i / 4), Kind: "paragraph",
					Text: "2021年，攀枝花市人大常委会办公室机关运行经费支出260.07万元，比2020年减少25.59万元，下降8.96%。", Tokens: []string{"机关运行经费", "支出", "万元", "下降"}, Version: d.Document.Version})
			}
			bs = append(bs, d)
		}
		return bs
	})
}

// eachStore loads what batches makes into chDB and into the server named
// by CLICKHOUSE_ADDR, timing Write alone.
func eachStore(b *testing.B, batches func() []*Batch) {
	run := func(b *testing.B, s Store) {
		rows := 0
		var loading time.Duration // Write alone, not the making of the rows
		for b.Loop() {
			bs := batches()
			runtime.GC() // the making of the rows left garbage: collect it outside the timing
			start := time.Now()
			if err := s.Write(context.Background(), bs...); err != nil {
				b.Fatal(err)
			}
			loading += time.Since(start)
			for _, x := range bs {
				rows += len(x.Facts) + len(x.Findings) + len(x.Blocks) + 1
			}
		}
		b.ReportMetric(float64(rows)/loading.Seconds(), "rows/s")
	}
	onStores(b, run)
}

// onStores runs a benchmark on a new chDB store and on the server named
// by CLICKHOUSE_ADDR.
func onStores(b *testing.B, run func(*testing.B, Store)) {
	b.Run("chdb", func(b *testing.B) {
		dir, _ := os.MkdirTemp("", "fiscaldocs-bench-")
		defer os.RemoveAll(dir)
		s, err := OpenChDB(context.Background(), dir)
		if err != nil {
			b.Skip(err)
		}
		defer s.Close()
		run(b, s)
	})
	b.Run("server", func(b *testing.B) {
		s, _ := benchServer(b)
		run(b, s)
	})
}

// benchServer opens the server CLICKHOUSE_ADDR names, closed when b ends,
// and returns it with its address; it skips b without one.
func benchServer(b *testing.B) (*Server, string) {
	addr := os.Getenv("CLICKHOUSE_ADDR")
	if addr == "" {
		b.Skip("CLICKHOUSE_ADDR not set")
	}
	s, err := OpenServer(context.Background(), addr)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s, addr
}

// BenchmarkCompare times the query a comparison makes — a metric per
// department and year — over 2 M facts of 2,000 documents: from v_facts
// alone, which carries each fact's department and year, and joined to
// v_documents for them, as it had to be before facts carried them.
func BenchmarkCompare(b *testing.B) {
	const docs, facts = 2000, 1000
	fill := func(b *testing.B, s Store) {
		v := uint64(time.Now().UnixNano())
		for k := 0; k < docs; k += 100 {
			var bs []*Batch
			for j := k; j < k+100; j++ {
				d := bigBatch(facts, v+uint64(j))
				d.Document.DepartmentID, d.Document.DepartmentName = fmt.Sprintf("%012x", j%200), fmt.Sprintf("第%d局", j%200)
				d.Document.Year = uint16(2017 + j/200%8)
				for i := range d.Facts {
					f := &d.Facts[i]
					f.DepartmentID, f.DepartmentName, f.Year = d.Document.DepartmentID, d.Document.DepartmentName, d.Document.Year
				}
				bs = append(bs, d)
			}
			if err := s.Write(context.Background(), bs...); err != nil {
				b.Fatal(err)
			}
		}
	}
	queries := map[string]string{
		"v_facts": "SELECT department_id, any(department_name), year, max(value) FROM fiscaldocs.v_facts WHERE metric = 'gpb.item' AND measure = 'amount' GROUP BY department_id, year",
		"join": "SELECT d.department_id, any(d.department_name), d.year, max(f.value) FROM fiscaldocs.v_facts AS f INNER JOIN fiscaldocs.v_documents AS d ON f.doc_id = d.id " +
			"WHERE f.metric = 'gpb.item' AND f.measure = 'amount' GROUP BY d.department_id, d.year",
	}
	run := func(b *testing.B, s Store) {
		fill(b, s)
		for _, name := range []string{"v_facts", "join"} {
			b.Run(name, func(b *testing.B) {
				for b.Loop() {
					if _, err := s.Query(context.Background(), queries[name]); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
	onStores(b, run)
}
