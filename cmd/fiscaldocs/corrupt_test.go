package main

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/fiscaldocs/fiscaldocs/normalize"
)

// TestCorruptCorpus damages every file of the shared corpus — truncated to
// half, and bits flipped at seeded positions — and runs the pipeline on
// each copy: every run must end in facts or a one-line error, never a
// panic, a hang or runaway memory.
func TestCorruptCorpus(t *testing.T) {
	var files []string
	filepath.WalkDir("../../../shared/corpus", func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && !strings.HasSuffix(p, ".tsv") && !strings.HasSuffix(p, ".csv") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Skip("../shared/corpus absent (the shared corpus sits beside the project)")
	}
	seg, err := normalize.NewSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	var variants []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil || len(data) < 16 {
			continue
		}
		base := filepath.Join(dir, filepath.Base(f))
		write := func(suffix string, b []byte) {
			p := strings.TrimSuffix(base, filepath.Ext(base)) + suffix + filepath.Ext(base)
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			variants = append(variants, p)
		}
		write(".half", data[:len(data)/2])
		for k := range 3 {
			b := append([]byte(nil), data...)
			for range 8 {
				i := rng.IntN(len(b))
				b[i] ^= 1 << rng.IntN(8)
			}
			write(".flip"+string(rune('a'+k)), b)
		}
	}
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	failed, read := 0, 0
	err = processAll(ctx, variants, seg, runOptions{}, func(p processed) {
		switch {
		case p.Err != nil:
			failed++
			msg := p.Err.Error()
			if strings.Contains(msg, "\n") || strings.Contains(msg, "internal error") || strings.Contains(msg, "panicked") {
				t.Errorf("%s: %s", filepath.Base(p.Doc.Path), msg)
			}
		default:
			read++
		}
	})
	if err != nil {
		t.Fatalf("the run did not finish: %v", err)
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if grew := int64(after.HeapInuse) - int64(before.HeapInuse); grew > 256<<20 {
		t.Errorf("heap in use grew by %d MB over the run", grew>>20)
	}
	t.Logf("%d damaged copies: %d read, %d refused with an error, in %s", len(variants), read, failed, time.Since(start).Round(time.Millisecond))
}
