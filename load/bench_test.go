package load

import (
	"context"
	"fmt"
	"os"
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
	const n = 100000
	run := func(b *testing.B, s Store) {
		rows := 0
		var loading time.Duration // Write alone, not the making of the rows
		for i := 0; b.Loop(); i++ {
			batch := bigBatch(n, uint64(time.Now().UnixNano()))
			start := time.Now()
			if err := s.Write(context.Background(), batch); err != nil {
				b.Fatal(err)
			}
			loading += time.Since(start)
			rows += n
		}
		b.ReportMetric(float64(rows)/loading.Seconds(), "rows/s")
	}
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
		addr := os.Getenv("CLICKHOUSE_ADDR")
		if addr == "" {
			b.Skip("CLICKHOUSE_ADDR not set")
		}
		s, err := OpenServer(context.Background(), addr)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		run(b, s)
	})
}
