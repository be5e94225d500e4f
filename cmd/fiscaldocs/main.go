// Command fiscaldocs turns Chinese government departments' budget and
// final-account disclosures (部门决算/预算) into exact, comparable facts.
//
// It is the top of the pipeline: corpus finds and identifies documents,
// extract reads them into blocks, normalize turns blocks into facts,
// validate checks the facts, department names whose they are, and load
// stores them; analysis reads the store for export, search and report,
// and web serves it in a browser (serve). Concurrency lives here; the
// packages below are synchronous (web's handlers run on net/http's
// goroutines, and start none of their own).
//
// Usage:
//
//	fiscaldocs extract [--json | --text] FILE|DIR...
//	fiscaldocs ingest [--data DIR | --clickhouse DSN [--cluster NAME]] [--workers N] [--shard K/N] [--aliases FILE] FILE|DIR...
//	fiscaldocs departments [--data DIR | --clickhouse DSN [--cluster NAME]] [--aliases FILE] [--format FORMAT]
//	fiscaldocs schema [TABLE]
//	fiscaldocs query [--data DIR | --clickhouse DSN [--cluster NAME]] [--format table|csv|tsv|json|jsonl] [--bom] SQL... | --file FILE | -
//	fiscaldocs export [--data DIR | --clickhouse DSN [--cluster NAME]] [--year Y] [--kind K] [--department D] --out DIR
//	fiscaldocs search [--data DIR | --clickhouse DSN [--cluster NAME]] [--mode M] [--year Y] [--kind K] [--department D] [--limit N] [--format F] WORD...
//	fiscaldocs report [--data DIR | --clickhouse DSN [--cluster NAME]] [--kind 决算|预算|all] [--year Y | --all-years] --out FILE.html
//	fiscaldocs serve [--data DIR | --clickhouse DSN [--cluster NAME]] [--addr 127.0.0.1:8080] [--docs DIR]... [--cache DIR]
//	fiscaldocs crawl --seeds FILE --into DIR [--depth N] [--ingest] [--every DURATION]
//	fiscaldocs help [COMMAND] | --version
//
// Flags may follow the arguments; "--" ends them. The exit status is 0
// when all went well, 1 when a document or the command failed, 2 for a
// command line not understood, and 3 when a crawl went well but for some
// downloads.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/fiscaldocs/fiscaldocs/internal/cli"
)

// Version is the extractor version written with every document's facts.
const Version = "0.3.0"

// command is one subcommand. run gets the arguments after the subcommand's
// name; it prints its own per-document errors and returns errFailed when any
// document failed, so the rest are still processed.
type command struct {
	cli.Command
	run func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands = []command{
	{cli.Command{Name: "extract", Usage: "extract [--json | --text] FILE|DIR...",
		Summary: "Read documents and print their facts and findings, as a table, JSON or text.",
		Examples: []string{
			"fiscaldocs extract report.docx              # a readable table of the facts and findings",
			"fiscaldocs extract --json reports/ > facts.jsonl",
			"fiscaldocs extract report.pdf --text        # the text as read, block by block",
		}}, runExtract},
	{cli.Command{Name: "ingest", Usage: "ingest [--data DIR | --clickhouse DSN [--cluster NAME]] [--workers N] [--shard K/N] [--aliases FILE] FILE|DIR...",
		Summary: "Read documents into the store, skipping those already there. A file that is not a budget report is recorded as not_a_report.",
		Examples: []string{
			"fiscaldocs ingest reports/                  # into ./fiscaldocs-data",
			"fiscaldocs ingest reports/ --data /srv/fiscal",
			"fiscaldocs ingest --clickhouse host:9000 --workers 4 --shard 2/3 reports/",
			"fiscaldocs ingest reports/ --aliases my-aliases.tsv   # join more spellings; relabels what is stored",
		}}, runIngest},
	{cli.Command{Name: "query", Usage: "query [--data DIR | --clickhouse DSN [--cluster NAME]] [--format table|csv|tsv|json|jsonl] [--bom] [--write] SQL... | --file FILE | -",
		Summary: "Run one SQL statement on the store, read-only unless --write: the views fiscaldocs.v_documents, v_facts, v_findings, v_blocks (docs/schema.md).",
		Examples: []string{
			`fiscaldocs query "SELECT department, year, kind FROM fiscaldocs.v_documents"`,
			`fiscaldocs query "SELECT * FROM fiscaldocs.v_facts LIMIT 5" --format json`,
			"fiscaldocs query --format csv --bom --file compare.sql > compare.csv   # for Excel",
			`echo "DESCRIBE fiscaldocs.v_facts" | fiscaldocs query -`,
			`fiscaldocs query --write "OPTIMIZE TABLE fiscaldocs.facts FINAL"`,
		}}, runQuery},
	{cli.Command{Name: "export", Usage: "export [--data DIR | --clickhouse DSN [--cluster NAME]] [--year Y] [--kind 决算|预算] [--department D] --out DIR",
		Summary: "Write documents, facts, findings and a per-document summary as CSV (UTF-8 with BOM, for Excel); facts and findings carry their department, year, kind, file and source text, and money columns their unit.",
		Examples: []string{
			"fiscaldocs export --out csv/",
			"fiscaldocs export --kind 决算 --year 2024 --out csv-2024/",
			"fiscaldocs export --department 江苏省人大常委会办公厅 --out rd/",
		}}, runExport},
	{cli.Command{Name: "crawl", Usage: "crawl --seeds FILE --into DIR [--depth N] [--ingest [--data DIR | --clickhouse DSN [--cluster NAME]]] [--every DURATION]",
		Summary: "Fetch new disclosures from portals' list pages into a folder, and ingest them; the store is open only while a round ingests. Exit 3 when only some downloads failed.",
		Examples: []string{
			"fiscaldocs crawl --seeds seeds.txt --into crawl/",
			"fiscaldocs crawl --seeds seeds.txt --into crawl/ --ingest --every 24h",
		}}, runCrawl},
	{cli.Command{Name: "departments", Usage: "departments [--data DIR | --clickhouse DSN [--cluster NAME]] [--aliases FILE] [--format table|csv|tsv|json|jsonl]",
		Summary: "List the departments in the store: their ids, the spellings their documents print, years and kinds, and which look like one body under two ids.",
		Examples: []string{
			"fiscaldocs departments",
			"fiscaldocs departments --aliases my-aliases.tsv   # how these aliases would group them",
			"fiscaldocs departments --format csv > departments.csv",
		}}, runDepartments},
	{cli.Command{Name: "schema", Usage: "schema [TABLE]",
		Summary: "Print the store's tables and views with their columns, and the metric keys with their Chinese names; docs/schema.md says what each column holds.",
		Examples: []string{
			"fiscaldocs schema",
			"fiscaldocs schema v_facts                   # one view's columns, one a line",
			"fiscaldocs schema metrics | grep three_public",
		}}, runSchema},
	{cli.Command{Name: "report", Usage: "report [--data DIR | --clickhouse DSN [--cluster NAME]] [--kind 决算|预算|all] [--year Y | --all-years] --out FILE.html",
		Summary: "Write one self-contained HTML report comparing the departments in the store: one kind (决算 by default) of one year (the latest) unless asked, each department over the years, and the findings by severity and department.",
		Examples: []string{
			"fiscaldocs report --out report.html           # the latest year's 决算",
			"fiscaldocs report --kind 预算 --year 2019 --out budgets-2019.html",
			"fiscaldocs report --kind all --all-years --out everything.html",
		}}, runReport},
	{cli.Command{Name: "serve", Usage: "serve [--data DIR | --clickhouse DSN [--cluster NAME]] [--addr 127.0.0.1:8080] [--docs DIR]... [--cache DIR]",
		Summary: "Browse the store in a web browser: departments, a department over the years, documents, each figure on its page, comparisons, findings and read-only SQL; every table as CSV and JSON (docs/serve.md). An ingest may run meanwhile.",
		Examples: []string{
			"fiscaldocs serve                            # http://127.0.0.1:8080/ on ./fiscaldocs-data",
			"fiscaldocs serve --data out/store --docs reports/",
			"fiscaldocs serve --clickhouse host:9000 --addr 127.0.0.1:9090",
		}}, runServe},
	{cli.Command{Name: "search", Usage: "search [--data DIR | --clickhouse DSN [--cluster NAME]] [--mode substring|phrase|tokens] [--year Y] [--kind K] [--department D] [--limit N] [--format F] WORD...",
		Summary: "Find the passages that hold all the words, marked 【】; the total found goes to stderr, and says when --limit cut the list.",
		Examples: []string{
			"fiscaldocs search 公务接待 减少",
			"fiscaldocs search --mode phrase 公务接待费减少",
			"fiscaldocs search --kind 决算 --year 2021 --limit 10 机关运行经费",
			"fiscaldocs search --format csv 三公 > hits.csv",
		}}, runSearch},
}

// errFailed reports that some documents failed after all were processed.
var errFailed = errors.New("some documents failed")

// errUsage reports a command line that could not be understood.
var errUsage = cli.ErrUsage

func main() {
	os.Exit(runMain())
}

// runMain runs the command line with a context that an interrupt or a
// SIGTERM (a service being stopped) cancels, so commands stop cleanly. A
// command that has not stopped stopGrace after the signal, or a second
// signal, ends the process: loads are idempotent, and a re-run takes up
// where this one stopped.
func runMain() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() { // exits when the signal comes, or with the process
		<-ctx.Done()
		stop() // a second signal now ends the process
		time.Sleep(stopGrace)
		fmt.Fprintf(os.Stderr, "fiscaldocs: not stopped %s after the signal; exiting\n", stopGrace)
		os.Exit(1)
	}()
	return run(ctx, os.Args[1:], os.Stdout, os.Stderr)
}

// stopGrace is how long a command has to stop cleanly after a signal.
const stopGrace = 10 * time.Second

// run dispatches to a subcommand and returns the process exit status: 0 on
// success, 1 when a document (or the command) failed, 2 for a usage error,
// 3 when a crawl failed only to download some files.
// Help that was asked for goes to stdout; a usage error's, to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help":
		usage(stdout)
		return 0
	case "--version", "-version", "version":
		writeVersion(stdout)
		return 0
	case "help":
		if len(args) == 1 {
			usage(stdout)
			return 0
		}
		// A command's help is what its -h gives: its flags are defined
		// where it parses them.
		args = []string{args[1], "-h"}
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(stderr, "fiscaldocs: unknown command %q\n", args[0])
		usage(stderr)
		return 2
	}
	err := c.run(ctx, args[1:], stdout, stderr)
	var help *cli.HelpRequest
	var bad *cli.UsageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &help):
		c.WriteHelp(stdout, "fiscaldocs", help.Flags)
		return 0
	case errors.Is(err, errUsage):
		if errors.As(err, &bad) {
			fmt.Fprintf(stderr, "fiscaldocs %s: %v\n", c.Name, bad)
		}
		fmt.Fprintf(stderr, "usage: fiscaldocs %s\nRun 'fiscaldocs help %s' for its flags and examples.\n", c.Usage, c.Name)
		return 2
	case errors.Is(err, errFailed):
		return 1
	case errors.Is(err, errDownloads):
		fmt.Fprintf(stderr, "fiscaldocs %s: %v (listed above); all else went well\n", c.Name, err)
		return 3
	default:
		fmt.Fprintf(stderr, "fiscaldocs %s: %s\n", c.Name, quotePath(err))
		return 1
	}
}

// quotePath is err's message with the path of a file it could not open or
// read quoted (%q), as every message names files.
func quotePath(err error) string {
	msg := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path != "" && !strings.Contains(msg, strconv.Quote(pe.Path)) {
		msg = strings.ReplaceAll(msg, pe.Path, strconv.Quote(pe.Path))
	}
	return msg
}

func lookup(name string) *command {
	for i := range commands {
		if commands[i].Name == name {
			return &commands[i]
		}
	}
	return nil
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: fiscaldocs COMMAND [flags] ARGS\n\ncommands:")
	cs := append([]command(nil), commands...)
	sort.Slice(cs, func(i, j int) bool { return cs[i].Name < cs[j].Name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-10s %s\n             fiscaldocs %s\n", c.Name, c.Summary, c.Usage)
	}
	fmt.Fprintln(w, "\nFlags may come before or after the arguments; -- ends them.\n"+
		"Run 'fiscaldocs help COMMAND' for a command's flags and examples, 'fiscaldocs --version' for the version.\n"+
		"Exit status: 0 done, 1 some documents (or the command) failed, 2 a command line not understood,\n"+
		"3 a crawl that went well but for some downloads (a broken link on a portal).")
}

// writeVersion prints the program's version, with the commit it was built
// from when the build recorded it, and the extractor version written with
// every document's facts (a re-ingest skips what this extractor read).
func writeVersion(w io.Writer) {
	build := runtime.Version()
	if info, ok := debug.ReadBuildInfo(); ok {
		var rev, modified string
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if rev != "" && modified == "true" {
			rev += "+modified"
		}
		if rev != "" {
			build = rev + ", " + build
		}
	}
	fmt.Fprintf(w, "fiscaldocs %s (%s)\nextractor %s\n", Version, build, extractorVersion())
}

// extractorVersion is the extractor written with every document's facts.
func extractorVersion() string { return "fiscaldocs/" + Version }
