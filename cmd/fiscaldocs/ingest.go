package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fiscaldocs/fiscaldocs/corpus"
	"github.com/fiscaldocs/fiscaldocs/department"
	"github.com/fiscaldocs/fiscaldocs/internal/cli"
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
	fs := cli.NewFlagSet("ingest")
	sf := addStoreFlags(fs)
	workers := fs.Int("workers", 0, "`N` documents read at once (default: one per CPU)")
	shardFlag := fs.String("shard", "", "take only the documents whose hash falls in shard K of N (`K/N`), so N machines share a corpus")
	aliasFile := addAliasesFlag(fs)
	args, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	sh, err := parseShard(*shardFlag)
	switch {
	case err != nil:
		return &cli.UsageError{Msg: err.Error()}
	case len(args) == 0:
		return errUsage
	}
	aliases, err := readAliases(*aliasFile)
	if err != nil {
		return err
	}
	paths := expand(args, stderr)
	store, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	seg, err := normalize.NewSegmenter()
	if err != nil {
		return err
	}
	return ingest(ctx, store, seg, paths, ingestOptions{workers: *workers, shard: sh, aliases: aliases}, stdout, stderr)
}

type ingestOptions struct {
	quiet   bool // the documents skipped are counted, not listed
	workers int
	shard   shard
	aliases *department.Aliases // nil: the shipped ones
}

// ingest reads paths into store, skipping the documents already there,
// and prints a summary line. A document found by a crawl gets the URL it
// came from, from the crawl manifest beside it. A document already there
// whose department the aliases now name otherwise is read again, so that
// all its rows carry the new department_id.
func ingest(ctx context.Context, store load.Store, seg *normalize.Segmenter, paths []string, opt ingestOptions, stdout, stderr io.Writer) error {
	sum, err := ingestRun(ctx, store, seg, paths, opt, stderr)
	sum.print(stdout)
	return err
}

// print writes the summary line.
func (sum ingestSummary) print(w io.Writer) {
	fmt.Fprintf(w, "%d documents: %d ingested (%d facts), %d skipped, %d not reports, %d failed, in %.1fs\n",
		sum.seen, sum.loaded, sum.facts, sum.skipped, sum.notReports, sum.failed, sum.elapsed.Seconds())
}

// ingestRun is ingest without the summary line: it returns the summary.
func ingestRun(ctx context.Context, store load.Store, seg *normalize.Segmenter, paths []string, opt ingestOptions, stderr io.Writer) (ingestSummary, error) {
	sh := opt.shard
	if sh.n == 0 {
		sh = shard{1, 1}
	}
	urls, err := sourceURLs(paths)
	if err != nil {
		return ingestSummary{}, err
	}
	if opt.aliases == nil {
		opt.aliases = department.Builtin()
	}
	extractor := extractorVersion()
	// What the store holds, asked once: a document loaded with all its
	// rows is skipped, one whose rows went missing is read again.
	held, err := store.Holdings(ctx, extractor)
	if err != nil {
		return ingestSummary{}, err
	}
	l := &loader{ctx: ctx, store: store, progress: newProgress(stderr), start: time.Now()}
	stop := l.flushEvery(maxWait)
	skip := func(d corpus.Doc) (bool, error) {
		if !sh.holds(d.SHA256) {
			return true, nil
		}
		switch have := held[d.SHA256]; {
		case !have.Loaded:
			return false, nil
		case have.Lacks != "":
			l.mu.Lock()
			l.progress.line(fmt.Sprintf("reloading %q: the store lacks its %s", d.Path, have.Lacks))
			l.mu.Unlock()
			return false, nil
		}
		return current(ctx, store, opt.aliases, d.SHA256, urls[d.SHA256])
	}
	err = processAll(ctx, paths, seg, runOptions{workers: opt.workers, skip: skip, tokens: true}, func(p processed) {
		l.mu.Lock()
		defer l.mu.Unlock()
		if l.infra != nil {
			return // the store is gone: the rest waits for a re-run
		}
		l.sum.seen++
		switch {
		case p.Skipped && p.Err == nil:
			l.sum.skipped++
			if !opt.quiet {
				l.progress.line(fmt.Sprintf("skipped %q (already ingested or another shard's)", p.Doc.Path))
			}
		case p.Err != nil && ctx.Err() != nil && errors.Is(p.Err, ctx.Err()):
			// The run was stopped: the document is not failed but not
			// read, and a re-run reads it.
			l.sum.failed++
			l.progress.line(fmt.Sprintf("not read %s: %v", p.Doc.Path, p.Err))
		case p.Err != nil && p.Doc.SHA256 != "":
			l.sum.failed++
			l.progress.line("failed " + fileError(p.Doc.Path, p.Err))
			l.add(failedBatch(p, extractor), 0)
		case p.Err != nil:
			l.sum.failed++
			l.progress.line("failed " + fileError(p.Doc.Path, p.Err))
		default:
			b, err := load.Rows(load.Input{Doc: p.Doc, Extractor: extractor, Blocks: p.Blocks, Result: p.Result,
				Department: opt.aliases.Resolve(p.Result.Identity, p.Blocks), Report: p.Report, Tokens: p.Tokens, SourceURL: urls[p.Doc.SHA256], Version: uint64(time.Now().UnixNano()), Now: time.Now()})
			if err != nil {
				l.sum.failed++
				l.progress.line("failed " + fileError(p.Doc.Path, err))
				l.add(failedBatch(processed{Doc: p.Doc, Blocks: p.Blocks, Err: err}, extractor), 0)
				break
			}
			if why := notAReport(p); why != "" {
				l.sum.notReports++
				l.progress.line(fmt.Sprintf("not a report %q: %s", p.Doc.Path, quoteName(why, p.Doc.Path)))
				b.Facts, b.Findings, b.Blocks = nil, nil, nil
				b.Document.Findings, b.Document.Status, b.Document.Error = 0, statusNotAReport, why
				l.add(b, 0)
				break
			}
			l.add(b, p.Blocks.Pages)
		}
		l.progress.status(l.sum, time.Since(l.start))
	})
	stop()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.flush()
	l.progress.done()
	sum := l.sum
	sum.elapsed = time.Since(l.start)
	switch {
	case l.infra != nil:
		return sum, fmt.Errorf("store failed, stopping (a re-run takes up where this stopped): %w", l.infra)
	case err != nil:
		return sum, err
	case sum.failed > 0:
		return sum, errFailed
	}
	return sum, nil
}

// The loader writes documents together, for ClickHouse takes one insert of
// many rows far faster than many small ones and keeps fewer parts: once
// their rows reach maxRows, or maxDocs documents wait, or the first has
// waited maxWait. The first document is written alone, at once, so that a
// store that will not take rows says so early. maxDocs also bounds the
// count queries' lists of document ids (67 bytes each; a server takes a
// query of 256 KiB by default).
const (
	maxRows = 50000
	maxDocs = 500
	maxWait = 2 * time.Second
)

// loader holds processed documents' rows until they are written together.
// Its mutex also guards the summary and the progress output.
type loader struct {
	ctx      context.Context
	store    load.Store
	progress *progress
	start    time.Time

	mu      sync.Mutex
	sum     ingestSummary
	infra   error // the store failed: nothing more is written
	pending []*load.Batch
	pages   []int // per pending batch; 0 for a failed document's row
	rows    int
	since   time.Time // when the first pending batch came
	writes  int       // the writes so far
}

// add queues a batch (pages > 0 for an ingested document) and writes the
// queue when it is full.
func (l *loader) add(b *load.Batch, pages int) {
	if b == nil || l.infra != nil {
		return
	}
	if len(l.pending) == 0 {
		l.since = time.Now()
	}
	l.pending, l.pages = append(l.pending, b), append(l.pages, pages)
	l.rows += len(b.Facts) + len(b.Findings) + len(b.Blocks) + 1
	if l.writes == 0 || l.rows >= maxRows || len(l.pending) >= maxDocs || time.Since(l.since) >= maxWait {
		l.flush()
	}
}

// flush writes the pending batches; with l.mu held.
func (l *loader) flush() {
	if len(l.pending) == 0 || l.infra != nil {
		return
	}
	l.writes++
	if l.infra = l.store.Write(l.ctx, l.pending...); l.infra == nil {
		for i, b := range l.pending {
			if b.Document.Status != "ok" {
				continue // a failed document's row, counted when it failed
			}
			l.sum.loaded++
			l.sum.facts += len(b.Facts)
			l.sum.pages += l.pages[i]
			l.progress.line(fmt.Sprintf("ingested %q: %d facts, %d findings", b.Document.File, len(b.Facts), len(b.Findings)))
		}
		l.progress.status(l.sum, time.Since(l.start))
	}
	l.pending, l.pages, l.rows = nil, nil, 0
}

// flushEvery writes what has waited longer than d, also while no document
// comes (a slow one is being read). The returned func stops it.
func (l *loader) flushEvery(d time.Duration) (stop func()) {
	done := make(chan struct{})
	t := time.NewTicker(d / 4)
	go func() {
		for {
			select {
			case <-done:
				return
			case <-t.C:
				l.mu.Lock()
				if len(l.pending) > 0 && time.Since(l.since) >= d {
					l.flush()
				}
				l.mu.Unlock()
			}
		}
	}()
	return func() { t.Stop(); close(done) }
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
	seen, loaded, skipped, notReports, failed, facts, pages int
	elapsed                                                 time.Duration
}

// statusNotAReport is the documents status of a file that was read but
// is no budget report: a notice, a list page, a blank template. Only its
// documents row is stored, with the reason in error; a re-run skips it.
const statusNotAReport = "not_a_report"

// notAReport says why a document that was read is no budget report, or
// "" when it is one: one that gives no fact is not, and the reason says
// what was seen instead.
func notAReport(p processed) string {
	if len(p.Result.Facts) > 0 {
		return ""
	}
	id := p.Result.Identity
	switch {
	case len(p.Blocks.Problems) > 0:
		return "no budget facts found; " + oneLine(p.Blocks.Problems[0])
	case id.Kind != "" && id.Year > 0:
		return fmt.Sprintf("no budget facts found, though it names a %d %s%s (a blank template?)", id.Year, id.Scope, id.Kind)
	case id.Kind != "":
		return fmt.Sprintf("no budget facts found, though it names a %s%s (a blank template?)", id.Scope, id.Kind)
	}
	return "no budget facts found, and no 决算 or 预算 named"
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
		if strings.HasPrefix(s, "failed") || strings.HasPrefix(s, "not a report") || strings.HasPrefix(s, "reloading") {
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
