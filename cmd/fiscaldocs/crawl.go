package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/fiscaldocs/fiscaldocs/corpus"
	"github.com/fiscaldocs/fiscaldocs/internal/cli"
	"github.com/fiscaldocs/fiscaldocs/load"
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
	var store load.Store
	var seg *normalize.Segmenter
	if *doIngest {
		var err error
		if store, err = sf.open(ctx); err != nil {
			return err
		}
		defer store.Close()
		if seg, err = normalize.NewSegmenter(); err != nil {
			return err
		}
	}
	round := func() error {
		seeds, err := readSeeds(*seedsFile)
		if err != nil {
			return err
		}
		c := corpus.NewCrawler(*into)
		c.Depth, c.Delay, c.MaxBytes = *depth, *delay, *maxMB<<20
		c.SetTimeout(*timeout)
		c.Log = func(s string) { fmt.Fprintln(stderr, s) }
		start := time.Now()
		st, err := c.Run(ctx, seeds)
		fmt.Fprintf(stdout, "crawled %d pages: %d files downloaded, %d unchanged, %d duplicates, %d failed, in %.1fs\n",
			st.Pages, st.Downloaded, st.Unchanged, st.Duplicates, st.Failed, time.Since(start).Seconds())
		if err != nil {
			return err
		}
		if store != nil {
			if err := ingest(ctx, store, seg, expand([]string{*into}, stderr), ingestOptions{workers: *workers}, stdout, stderr); err != nil {
				return err
			}
		}
		if st.Failed > 0 {
			return errFailed
		}
		return nil
	}
	if *every == 0 {
		return round()
	}
	for {
		start := time.Now()
		err := round()
		switch {
		case ctx.Err() != nil:
			return nil // interrupted: a clean stop
		case err != nil && !errors.Is(err, errFailed):
			// The next round may find the portal or the store back.
			fmt.Fprintf(stderr, "fiscaldocs crawl: %v (trying again in %s)\n", err, *every)
		}
		select {
		case <-time.After(time.Until(start.Add(*every))):
		case <-ctx.Done():
			return nil
		}
	}
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
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(seeds) == 0 {
		return nil, fmt.Errorf("%s: no seed URLs", name)
	}
	return seeds, nil
}
