package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/fiscaldocs/fiscaldocs/corpus"
	"github.com/fiscaldocs/fiscaldocs/internal/cli"
	"github.com/fiscaldocs/fiscaldocs/normalize"
)

func runCrawl(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := cli.NewFlagSet("crawl")
	sf := addStoreFlags(fs)
	seedsFile := fs.String("seeds", "", "`FILE` of list-page URLs, one per line (# starts a comment); read again every round")
	into := fs.String("into", "", "the folder `DIR` the files and their manifest (manifest.jsonl) go into")
	depth := fs.Int("depth", 2, "follow `N` pages from a seed (0: the seeds only)")
	doIngest := fs.Bool("ingest", false, "ingest the folder into the store after each round (documents already there are skipped)")
	every := fs.Duration("every", 0, "crawl again every `DURATION` (e.g. 24h) until interrupted")
	delay := fs.Duration("delay", time.Second, "`DURATION` between two requests to one host")
	timeout := fs.Duration("timeout", 30*time.Second, "`DURATION` allowed for one request")
	maxMB := fs.Int64("max-mb", 200, "largest file downloaded, in `MB`")
	workers := fs.Int("workers", 0, "`N` documents read at once when ingesting (default: one per CPU)")
	args, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	if *seedsFile == "" || *into == "" || len(args) != 0 || *depth < 0 || *every < 0 || *maxMB <= 0 {
		return errUsage
	}
	var seg *normalize.Segmenter
	if *doIngest {
		if seg, err = normalize.NewSegmenter(); err != nil {
			return err
		}
	}
	out, errs := &stamped{w: stdout}, &stamped{w: stderr}
	r := &crawlRound{seedsFile: *seedsFile, into: *into, depth: *depth, delay: *delay, timeout: *timeout, maxBytes: *maxMB << 20,
		seg: seg, store: sf, ingest: ingestOptions{workers: *workers, quiet: true}, stdout: out, stderr: errs, pending: *doIngest}
	if *every == 0 {
		return r.run(ctx)
	}
	for {
		start := time.Now()
		err := r.run(ctx)
		switch {
		case ctx.Err() != nil:
			return nil // interrupted: a clean stop
		case err != nil && !errors.Is(err, errFailed) && !errors.Is(err, errDownloads):
			// The next round may find the portal or the store back.
			fmt.Fprintf(errs, "fiscaldocs crawl: %v (trying again in %s)\n", err, *every)
		}
		select {
		case <-time.After(time.Until(start.Add(*every))):
		case <-ctx.Done():
			return nil
		}
	}
}

// errDownloads reports a crawl whose every step went well but some
// downloads: exit status 3, apart from a run that failed (1).
var errDownloads = errors.New("some downloads failed")

// crawlRound is one round of a crawl: fetch what is new, then ingest the
// folder, opening the store only for that, so that between rounds the
// embedded store is free for query and the rest.
type crawlRound struct {
	seedsFile, into string
	depth           int
	delay, timeout  time.Duration
	maxBytes        int64
	seg             *normalize.Segmenter // nil: no ingest
	store           storeFlags
	ingest          ingestOptions
	stdout, stderr  io.Writer
	// pending: the folder may hold files not yet in the store (the first
	// round, or a round whose ingest did not finish).
	pending bool
}

// run crawls once and ingests what is new. It returns errDownloads when
// only downloads failed, errFailed when documents could not be read, and
// another error when the round itself failed.
func (r *crawlRound) run(ctx context.Context) error {
	seeds, err := readSeeds(r.seedsFile)
	if err != nil {
		return err
	}
	c := corpus.NewCrawler(r.into)
	c.Depth, c.Delay, c.MaxBytes = r.depth, r.delay, r.maxBytes
	c.SetTimeout(r.timeout)
	c.Log = func(s string) {
		if !strings.HasPrefix(s, "failed ") { // listed after the round
			fmt.Fprintln(r.stderr, s)
		}
	}
	start := time.Now()
	st, err := c.Run(ctx, seeds)
	if err != nil {
		return err
	}
	var sum ingestSummary
	ingested := false
	if r.seg != nil && (st.Downloaded > 0 || r.pending) {
		if sum, err = r.ingestFolder(ctx); err != nil && !errors.Is(err, errFailed) {
			return err
		}
		ingested = true
	}
	if st.Downloaded == 0 && st.Failed == 0 && sum.loaded == 0 && sum.failed == 0 {
		fmt.Fprintf(r.stdout, "nothing new: %d pages listed again, %d files unchanged, %d duplicates, in %.1fs\n",
			st.Pages, st.Unchanged, st.Duplicates, time.Since(start).Seconds())
		return nil
	}
	fmt.Fprintf(r.stdout, "crawled %d pages: %d files downloaded, %d unchanged, %d duplicates, %d failed, in %.1fs\n",
		st.Pages, st.Downloaded, st.Unchanged, st.Duplicates, st.Failed, time.Since(start).Seconds())
	if ingested {
		sum.print(r.stdout)
	}
	for _, f := range st.Failures {
		fmt.Fprintf(r.stderr, "download failed: %s\n", f)
	}
	switch {
	case err != nil: // documents that could not be read
		return err
	case st.Failed > 0:
		return errDownloads
	}
	return nil
}

// ingestFolder opens the store, ingests the crawl's folder and closes the
// store again.
func (r *crawlRound) ingestFolder(ctx context.Context) (ingestSummary, error) {
	r.pending = true // until this ingest is done: the next round tries again
	store, err := r.store.open(ctx)
	if err != nil {
		return ingestSummary{}, err
	}
	defer store.Close()
	sum, err := ingestRun(ctx, store, r.seg, expand([]string{r.into}, r.stderr), r.ingest, r.stderr)
	if err == nil || errors.Is(err, errFailed) {
		r.pending = false
	}
	return sum, err
}

// stamped writes each line it is given after the time it was written, as
// a log of a scheduled crawl wants.
type stamped struct {
	w   io.Writer
	mid bool // within a line
}

func (s *stamped) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if !s.mid {
			if _, err := io.WriteString(s.w, time.Now().UTC().Format("2006-01-02T15:04:05Z ")); err != nil {
				return 0, err
			}
		}
		line := p
		if i := bytes.IndexByte(p, '\n'); i >= 0 {
			line = p[:i+1]
		}
		if _, err := s.w.Write(line); err != nil {
			return 0, err
		}
		s.mid = line[len(line)-1] != '\n'
		p = p[len(line):]
	}
	return n, nil
}

// readSeeds reads one URL a line, skipping blank lines and # comments.
func readSeeds(name string) ([]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var seeds []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			seeds = append(seeds, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%q: %w", name, err)
	}
	if len(seeds) == 0 {
		return nil, fmt.Errorf("%q: no seed URLs", name)
	}
	return seeds, nil
}
