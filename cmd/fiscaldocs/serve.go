package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fiscaldocs/fiscaldocs/analysis"
	"github.com/fiscaldocs/fiscaldocs/internal/cli"
	"github.com/fiscaldocs/fiscaldocs/load"
	"github.com/fiscaldocs/fiscaldocs/web"
)

// folders is a flag that may be given more than once.
type folders []string

func (f *folders) String() string     { return strings.Join(*f, ", ") }
func (f *folders) Set(v string) error { *f = append(*f, v); return nil }

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := cli.NewFlagSet("serve")
	sf := addStoreFlags(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`: the loopback interface unless told otherwise (0.0.0.0:8080 opens it to the network)")
	var docs folders
	fs.Var(&docs, "docs", "a folder `DIR` to find a document's file under when it is no longer where it was ingested from (may be given more than once)")
	cache := fs.String("cache", "", "keep rendered pages in `DIR` (default: fiscaldocs/pages in the user's cache folder)")
	rows := fs.Int("rows", 1000, "the SQL page shows at most `N` rows")
	timeout := fs.Duration("timeout", 30*time.Second, "a page's queries may take up to `D`")
	idle := fs.Duration("idle", 30*time.Second, "let go of the embedded store after `D` without a request, so that another process may open it (an ingest is let in at once, whatever this says)")
	args, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(args) > 0 || *rows <= 0 || *timeout <= 0 || *idle <= 0 {
		return errUsage
	}
	if *cache == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			dir = os.TempDir()
		}
		*cache = filepath.Join(dir, "fiscaldocs", "pages")
	}
	limits := load.Limits{Time: *timeout, Rows: *rows}
	var store analysis.Querier
	var shared *load.Shared
	what := ""
	switch {
	case *sf.cluster != "" || *sf.clickhouse != "":
		st, err := sf.open(ctx)
		if err != nil {
			return err
		}
		defer st.Close()
		if l, ok := st.(interface{ SetLimits(load.Limits) }); ok {
			l.SetLimits(limits) // a server's, or a cluster's entry node's
		}
		store, what = st, "the ClickHouse server "+*sf.clickhouse
		if *sf.cluster != "" {
			what = "the ClickHouse cluster " + *sf.cluster + " through " + *sf.clickhouse
		}
	default:
		if shared, err = load.OpenShared(ctx, *sf.data, limits); err != nil {
			return err
		}
		defer shared.Close()
		store, what = shared, "the store in "+*sf.data
	}
	app, err := web.New(web.Options{Store: store, Docs: docs, Cache: *cache, Rows: *rows, Timeout: *timeout, Log: log.New(stderr, "fiscaldocs serve: ", log.LstdFlags)})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "serving %s on http://%s/ (Ctrl-C stops it)\n", what, ln.Addr())
	srv := &http.Server{Handler: app, ReadHeaderTimeout: 10 * time.Second}
	go func() { // exits when ctx is done, having shut the server down
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	if shared != nil {
		go func() { // exits when ctx is done
			t := time.NewTicker(250 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
					shared.LetGo(*idle)
				}
			}
		}()
	}
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
