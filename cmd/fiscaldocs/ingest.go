package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/fiscaldocs/fiscaldocs/corpus"
	"github.com/fiscaldocs/fiscaldocs/load"
	"github.com/fiscaldocs/fiscaldocs/normalize"
)

// shard is K of N (1-based): the documents whose hash falls in part K.
type shard struct{ k, n uint64 }

func parseShard(s string) (shard, error) {
	if s == "" {
		return shard{1, 1}, nil
	}
	k, n, ok := strings.Cut(s, "/")
	kk, err1 := strconv.ParseUint(k, 10, 32)
	nn, err2 := strconv.ParseUint(n, 10, 32)
	if !ok || err1 != nil || err2 != nil || nn == 0 || kk == 0 || kk > nn {
		return shard{}, fmt.Errorf("--shard %q: want K/N with 1 ≤ K ≤ N", s)
	}
	return shard{kk, nn}, nil
}

// holds reports whether a document belongs to this shard, by its hash.
func (s shard) holds(sha string) bool {
	if s.n == 1 {
		return true
	}
	v, err := strconv.ParseUint(sha[:15], 16, 64)
	return err == nil && v%s.n == s.k-1
}

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sf := addStoreFlags(fs)
	workers := fs.Int("workers", 0, "documents read at once (default: one per CPU)")
	shardFlag := fs.String("shard", "", "K/N: take only the documents whose hash falls in shard K of N, so N machines share a corpus")
	if err := fs.Parse(args); err != nil {
		return err
	}
	sh, err := parseShard(*shardFlag)
	if fs.NArg() == 0 || err != nil {
		if err != nil {
			fmt.Fprintln(stderr, "fiscaldocs ingest:", err)
		}
		return errUsage
	}
	store, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	seg, err := normalize.NewSegmenter()
	if err != nil {
		return err
	}
	return ingest(ctx, store, seg, expand(fs.Args()), ingestOptions{workers: *workers, shard: sh}, stdout, stderr)
}

type ingestOptions struct {
	workers int
	shard   shard
}

// ingest reads paths into store, skipping the documents already there,
// and prints a summary line. A document found by a crawl gets the URL it
// came from, from the crawl manifest beside it.
func ingest(ctx context.Context, store load.Store, seg *normalize.Segmenter, paths []string, opt ingestOptions, stdout, stderr io.Writer) error {
	sh := opt.shard
	if sh.n == 0 {
		sh = shard{1, 1}
	}
	urls, err := sourceURLs(paths)
	if err != nil {
		return err
	}
	extractor := "fiscaldocs/" + Version
	progress := newProgress(stderr)
	var sum ingestSummary
	start := time.Now()
	skip := func(d corpus.Doc) (bool, error) {
		if !sh.holds(d.SHA256) {
			return true, nil
		}
		return store.Ingested(ctx, d.SHA256, extractor)
	}
	var infra error
	err = processAll(ctx, paths, seg, runOptions{workers: opt.workers, skip: skip, tokens: true}, func(p processed) {
		if infra != nil {
			return // the store is gone: the rest waits for a re-run
		}
		sum.seen++
		switch {
		case p.Skipped && p.Err == nil:
			sum.skipped++
			progress.line(fmt.Sprintf("skipped %s (already ingested or another shard's)", p.Doc.Path))
		case p.Err != nil && p.Doc.SHA256 != "":
			sum.failed++
			progress.line(fmt.Sprintf("failed %s", oneLine(p.Err)))
			infra = record(ctx, store, failedBatch(p, extractor))
		case p.Err != nil:
			sum.failed++
			progress.line(fmt.Sprintf("failed %s", oneLine(p.Err)))
		default:
			b, err := load.Rows(load.Input{Doc: p.Doc, Extractor: extractor, Blocks: p.Blocks, Result: p.Result,
				Report: p.Report, Tokens: p.Tokens, SourceURL: urls[p.Doc.SHA256], Version: uint64(time.Now().UnixNano()), Now: time.Now()})
			if err != nil {
				sum.failed++
				progress.line(fmt.Sprintf("failed %s: %v", p.Doc.Path, err))
				infra = record(ctx, store, failedBatch(processed{Doc: p.Doc, Blocks: p.Blocks, Err: err}, extractor))
				break
			}
			if infra = store.Write(ctx, b); infra == nil {
				sum.loaded++
				sum.facts += len(b.Facts)
				sum.pages += p.Blocks.Pages
				progress.line(fmt.Sprintf("ingested %s: %d facts, %d findings", p.Doc.Path, len(b.Facts), len(b.Findings)))
			}
		}
		progress.status(sum, time.Since(start))
	})
	progress.done()
	fmt.Fprintf(stdout, "%d documents: %d ingested (%d facts), %d skipped, %d failed, in %.1fs\n",
		sum.seen, sum.loaded, sum.facts, sum.skipped, sum.failed, time.Since(start).Seconds())
	switch {
	case infra != nil:
		return fmt.Errorf("store failed, stopping (a re-run takes up where this stopped): %w", infra)
	case err != nil:
		return err
	case sum.failed > 0:
		return errFailed
	}
	return nil
}

// sourceURLs maps the hashes of crawled files to the URLs they came from,
// from the crawl manifests in the folders that hold paths.
func sourceURLs(paths []string) (map[string]string, error) {
	urls := map[string]string{}
	read := map[string]bool{}
	for _, p := range paths {
		dir := filepath.Dir(p)
		if read[dir] {
			continue
		}
		read[dir] = true
		entries, err := corpus.ReadManifest(dir)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if _, ok := urls[e.SHA256]; !ok {
				urls[e.SHA256] = e.URL
			}
		}
	}
	return urls, nil
}

type ingestSummary struct {
	seen, loaded, skipped, failed, facts, pages int
}

// record loads a failed document's documents row, so that the store says
// what went wrong with it.
func record(ctx context.Context, store load.Store, b *load.Batch) error {
	if b == nil {
		return nil
	}
	return store.Write(ctx, b)
}

func failedBatch(p processed, extractor string) *load.Batch {
	now := time.Now()
	format := string(p.Doc.Format)
	if p.Blocks != nil {
		format = p.Blocks.Format
	}
	return &load.Batch{Document: load.DocumentRow{
		ID: p.Doc.SHA256, File: p.Doc.Path, Format: format, Extractor: extractor,
		Status: "error", Error: oneLine(p.Err), Version: uint64(now.UnixNano()), IngestedAt: now.UTC().Truncate(time.Second),
	}}
}

// progress shows a status line on a terminal and plain log lines
// otherwise.
type progress struct {
	w        io.Writer
	terminal bool
	shown    bool
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.terminal = true
		}
	}
	return p
}

func (p *progress) line(s string) {
	if p.terminal {
		if strings.HasPrefix(s, "failed") {
			fmt.Fprintf(p.w, "\r\033[K%s\n", s)
		}
		return
	}
	fmt.Fprintln(p.w, s)
}

func (p *progress) status(s ingestSummary, elapsed time.Duration) {
	if !p.terminal {
		return
	}
	rate := float64(s.pages) / max(elapsed.Seconds(), 0.001)
	fmt.Fprintf(p.w, "\r\033[K%d documents, %d ingested, %d skipped, %d failed, %.0f pages/s", s.seen, s.loaded, s.skipped, s.failed, rate)
	p.shown = true
}

func (p *progress) done() {
	if p.shown {
		fmt.Fprintln(p.w)
	}
}
