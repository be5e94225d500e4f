package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/fiscaldocs/fiscaldocs/corpus"
	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/fiscaldocs/fiscaldocs/normalize"
	"github.com/fiscaldocs/fiscaldocs/validate"
)

// processed is one document's way through the pipeline. Err is a document
// error: data to report, not a reason to stop the run.
type processed struct {
	Doc    corpus.Doc
	Blocks *extract.Document
	Result *normalize.Result
	Report *validate.Report
	Tokens [][]string // search tokens per block, when asked for
	// Skipped says the document was identified and left out (already in
	// the store); Err then reports only a failure to ask.
	Skipped bool
	Err     error
}

// expand turns the command line's files and folders into document paths, in
// order. A missing path is reported as that path's failure; a folder that
// holds no file is a warning on stderr, and the run goes on.
func expand(args []string, stderr io.Writer) []string {
	var paths []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil || !st.IsDir() {
			paths = append(paths, a)
			continue
		}
		n := len(paths)
		_ = corpus.Walk(a, func(p string) error { paths = append(paths, p); return nil })
		if len(paths) == n {
			fmt.Fprintf(stderr, "warning: %q: no files in this folder\n", a)
		}
	}
	return paths
}

// runOptions tune processAll.
type runOptions struct {
	workers int // documents in flight; 0 means GOMAXPROCS
	// skip, if set, is asked once a document is identified (hashed) and
	// before it is read; true leaves it out with Skipped set.
	skip func(corpus.Doc) (bool, error)
	// tokens asks for each block's search tokens (for the search index).
	tokens bool
	// timeout bounds the time spent on one document; 0 means 2 minutes.
	// A reader may add to it (extract.WithBudget): OCR adds each page's
	// limit, 2 minutes.
	timeout time.Duration
}

// processAll runs extract, normalize and validate over paths on several
// workers and calls emit with each result in the order of paths, as soon
// as it and all before it are done. At most opt.workers documents are in
// flight or waiting to be emitted, so memory stays bounded however slow
// emit is. It returns ctx's error if the run was cancelled.
func processAll(ctx context.Context, paths []string, seg *normalize.Segmenter, opt runOptions, emit func(processed)) error {
	workers := opt.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	results := make([]chan processed, len(paths))
	for i := range results {
		results[i] = make(chan processed, 1)
	}
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	go func() { // starts one goroutine per document, at most `workers` unemitted at a time; exits when all have started
		for i, p := range paths {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				sem <- struct{}{} // keep the count even: emit releases one per result
				results[i] <- processed{Doc: corpus.Doc{Path: p}, Err: ctx.Err()}
				continue
			}
			wg.Add(1)
			go func() { // exits after processing one document
				defer wg.Done()
				results[i] <- processOne(ctx, p, seg, opt)
			}()
		}
	}()
	for _, ch := range results {
		emit(<-ch)
		<-sem
	}
	wg.Wait()
	return ctx.Err()
}

// processOne reads one document. Panics below extract.File (which recovers
// its readers' own) are caught here too, so one document cannot stop the run.
func processOne(ctx context.Context, path string, seg *normalize.Segmenter, opt runOptions) (p processed) {
	p.Doc.Path = path
	timeout := opt.timeout
	if timeout == 0 {
		timeout = 2 * time.Minute
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	dl := &deadline{start: time.Now(), total: timeout}
	dl.timer = time.AfterFunc(timeout, cancel)
	defer dl.timer.Stop()
	ctx = extract.WithBudget(ctx, dl.extend)
	defer func() {
		if r := recover(); r != nil {
			p.Err = fmt.Errorf("%q: internal error: %v", path, r)
		}
	}()
	d, f, err := corpus.Open(path)
	if err != nil {
		p.Err = err
		return p
	}
	defer f.Close()
	p.Doc = d
	if opt.skip != nil {
		if p.Skipped, err = opt.skip(d); err != nil || p.Skipped {
			p.Err = err
			return p
		}
	}
	// Each stage is given the document's context or checked against it
	// after: the limit holds end to end, and a cancelled run (SIGTERM)
	// leaves the document at once.
	stopped := func(err error) bool {
		switch {
		case parent.Err() != nil:
			p.Err = parent.Err()
		case ctx.Err() != nil:
			p.Err = fmt.Errorf("%q: gave up after %s: %w", path, dl.allowed(), context.DeadlineExceeded)
		case err != nil:
			p.Err = err
		default:
			return false
		}
		p.Blocks, p.Result, p.Report, p.Tokens = nil, nil, nil, nil
		return true
	}
	doc, err := extract.File(ctx, d, f, extract.Options{})
	if stopped(err) {
		return p
	}
	p.Blocks = doc
	p.Result, err = normalize.DocumentContext(ctx, doc, seg)
	if stopped(err) {
		return p
	}
	unfit := takeUnfit(p.Result)
	p.Report = validate.Document(doc, p.Result)
	flagUnfit(p.Report, unfit)
	if stopped(nil) {
		return p
	}
	if opt.tokens {
		p.Tokens = normalize.BlockTokens(doc, seg)
	}
	stopped(nil)
	return p
}

// deadline is a document's time limit, which its reader may extend.
type deadline struct {
	mu    sync.Mutex
	start time.Time
	total time.Duration
	timer *time.Timer // cancels the document's context when it fires
}

func (d *deadline) extend(more time.Duration) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.total += more
	if d.timer.Stop() { // not fired yet
		d.timer.Reset(time.Until(d.start.Add(d.total)))
	}
}

func (d *deadline) allowed() time.Duration {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.total
}

// errNoFacts is a warning: the document was read but says nothing we know.
var errNoFacts = errors.New("normalize: no budget facts found (is this a 部门决算/预算 report?)")
