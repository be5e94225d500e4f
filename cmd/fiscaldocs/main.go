// Command fiscaldocs turns Chinese government departments' budget and
// final-account disclosures (部门决算/预算) into exact, comparable facts.
//
// It is the top of the pipeline: corpus finds and identifies documents,
// extract reads them into blocks, normalize turns blocks into facts, and
// validate checks the facts, and load stores them. Concurrency lives here;
// the packages below are synchronous.
//
// Usage:
//
//	fiscaldocs extract [--json | --text] FILE|DIR...
//	fiscaldocs ingest [--data DIR | --clickhouse DSN] [--workers N] [--shard K/N] FILE|DIR...
//	fiscaldocs query [--data DIR | --clickhouse DSN] [--format table|csv|json] SQL
//	fiscaldocs export [--data DIR | --clickhouse DSN] --out DIR
//	fiscaldocs search [--data DIR | --clickhouse DSN] WORD...
//	fiscaldocs report [--data DIR | --clickhouse DSN] [--year Y] [--kind 决算|预算] --out FILE.html
//	fiscaldocs crawl --seeds FILE --into DIR [--depth N] [--ingest] [--every DURATION]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// Version is the extractor version written with every document's facts.
const Version = "0.2.0"

// command is one subcommand. run gets the arguments after the subcommand's
// name; it prints its own per-document errors and returns errFailed when any
// document failed, so the rest are still processed.
type command struct {
	name, usage, summary string
	run                  func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands = []command{
	{"extract", "extract [--json | --text] FILE|DIR...", "read documents and print their facts, JSON or text", runExtract},
	{"ingest", "ingest [--data DIR | --clickhouse DSN] [--workers N] [--shard K/N] FILE|DIR...", "read documents into the store, skipping those already there", runIngest},
	{"query", "query [--data DIR | --clickhouse DSN] [--format table|csv|json] SQL", "run SQL on the store (tables fiscaldocs.v_documents, v_facts, v_findings, v_blocks)", runQuery},
	{"export", "export [--data DIR | --clickhouse DSN] --out DIR", "write documents, facts, findings and a per-document summary as CSV", runExport},
	{"crawl", "crawl --seeds FILE --into DIR [--depth N] [--ingest [--data DIR | --clickhouse DSN]] [--every DURATION]", "fetch new disclosures from portals' list pages into a folder, and ingest them", runCrawl},
	{"report", "report [--data DIR | --clickhouse DSN] [--year Y] [--kind 决算|预算] --out FILE.html", "write one self-contained HTML report comparing the departments in the store", runReport},
	{"search", "search [--data DIR | --clickhouse DSN] WORD...", "find the passages that hold all the words", runSearch},
}

// errFailed reports that some documents failed after all were processed.
var errFailed = errors.New("some documents failed")

// errUsage reports a command line that could not be understood.
var errUsage = errors.New("usage")

func main() {
	os.Exit(runMain())
}

// runMain runs the command line with a context that an interrupt or a
// SIGTERM (a service being stopped) cancels, so commands stop cleanly.
func runMain() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, os.Args[1:], os.Stdout, os.Stderr)
}

// run dispatches to a subcommand and returns the process exit status: 0 on
// success, 1 when a document failed, 2 for a usage error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			fmt.Fprintf(stderr, "usage: fiscaldocs %s\n", c.usage)
			return 2
		case errors.Is(err, errFailed):
			return 1
		default:
			fmt.Fprintf(stderr, "fiscaldocs %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "fiscaldocs: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: fiscaldocs COMMAND [flags] ARGS\n\ncommands:")
	cs := append([]command(nil), commands...)
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-10s %s\n             fiscaldocs %s\n", c.name, c.summary, c.usage)
	}
}
