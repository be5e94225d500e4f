package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/analysis"
	"github.com/fiscaldocs/fiscaldocs/internal/cli"
	"github.com/fiscaldocs/fiscaldocs/load"
	"github.com/fiscaldocs/fiscaldocs/normalize"
)

func runQuery(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := cli.NewFlagSet("query")
	sf := addStoreFlags(fs)
	format := cli.Choice(fs, "format", "table", cli.Formats, "how the rows are written: a table aligned for the terminal, CSV, TSV, a JSON array or JSON lines")
	bom := fs.Bool("bom", false, "start csv or tsv output with a UTF-8 byte-order mark, so that Excel reads the Chinese right")
	file := fs.String("file", "", "read the SQL from `FILE` (- for standard input)")
	write := fs.Bool("write", false, "let the statement write to the store (INSERT, ALTER, DROP, …); without it the store runs the query read-only")
	args, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	if *bom && *format != "csv" && *format != "tsv" {
		return &cli.UsageError{Msg: "--bom is for --format csv or tsv"}
	}
	sql, err := readSQL(args, *file, os.Stdin)
	if err != nil {
		return err
	}
	store, err := sf.openExisting(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	run := store.Query
	if *write {
		run = store.QueryWrite
	}
	res, err := run(ctx, sql)
	if err != nil {
		return explainQuery(sql, err)
	}
	return cli.WriteResult(stdout, res, *format, *bom)
}

// maxSQL caps the SQL read from a file or standard input.
const maxSQL = 16 << 20

// readSQL gives the query: the arguments joined by spaces, or the text of
// file, or of stdin for "-" (as the one argument or as file).
func readSQL(args []string, file string, stdin io.Reader) (string, error) {
	switch {
	case file != "" && len(args) > 0:
		return "", &cli.UsageError{Msg: "give the SQL as arguments or with --file, not both"}
	case file == "" && len(args) == 1 && args[0] == "-":
		file = "-"
	case file == "" && len(args) == 0:
		return "", &cli.UsageError{Msg: "no SQL given"}
	case file == "":
		return strings.Join(args, " "), nil
	}
	var r io.Reader = stdin
	name := "standard input"
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return "", err
		}
		defer f.Close()
		r, name = f, file
	}
	data, err := io.ReadAll(io.LimitReader(r, maxSQL+1))
	switch {
	case err != nil:
		return "", fmt.Errorf("read SQL from %s: %w", name, err)
	case len(data) > maxSQL:
		return "", fmt.Errorf("SQL from %s is over %d MiB", name, maxSQL>>20)
	case strings.TrimSpace(string(data)) == "":
		return "", fmt.Errorf("no SQL in %s", name)
	}
	return strings.TrimPrefix(string(data), "\uFEFF"), nil
}

// queryHints say what to try when the store refuses a query, by
// ClickHouse's error code (the server's errors do not name it).
var queryHints = map[int]string{
	60:  "The views to read are fiscaldocs.v_documents, v_facts, v_findings and v_blocks; 'fiscaldocs schema' lists them all.", // UNKNOWN_TABLE
	81:  "The views to read are fiscaldocs.v_documents, v_facts, v_findings and v_blocks; 'fiscaldocs schema' lists them all.", // UNKNOWN_DATABASE
	47:  `"fiscaldocs schema v_facts" lists a view's columns; docs/schema.md says what each holds.`,                            // UNKNOWN_IDENTIFIER
	164: readOnlyHint,                                                                                                          // READONLY
}

// readOnlyHint says why a query was refused as a write, and what to do.
const readOnlyHint = "Queries run read-only: no INSERT, ALTER, DROP, SET, SETTINGS or INTO OUTFILE, and no table functions (file, url); --write runs one statement that may write."

// explainQuery tells the store's refusal of the user's query in its terms,
// with a hint where one helps.
func explainQuery(sql string, err error) error {
	switch {
	case errors.Is(err, load.ErrStatements):
		return fmt.Errorf("%w; run them one by one", err)
	case errors.Is(err, load.ErrWrites):
		return fmt.Errorf("%w\n%s", err, readOnlyHint)
	}
	err = cli.ExplainQuery(sql, err)
	if qe, ok := err.(*cli.QueryError); ok {
		qe.Hint = queryHints[qe.Code]
	}
	return err
}

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := cli.NewFlagSet("export")
	sf := addStoreFlags(fs)
	out := fs.String("out", "", "the folder `DIR` to write documents.csv, facts.csv, findings.csv and summary.csv into")
	ff := addFilterFlags(fs)
	args, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	if *out == "" || len(args) > 0 {
		return errUsage
	}
	store, err := sf.openExisting(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	return analysis.Export(ctx, store, ff.filter(), *out, stdout)
}

func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := cli.NewFlagSet("search")
	sf := addStoreFlags(fs)
	limit := fs.Int("limit", 50, "at most `N` passages (0: all)")
	mode := cli.Choice(fs, "mode", analysis.Substring, analysis.Modes,
		"how a word matches: anywhere in the passage (substring), the words in order as one string (phrase), or among its gse tokens (tokens)")
	format := cli.Choice(fs, "format", "text", append([]string{"text"}, cli.Formats...), "how the passages are written: text, or as query writes rows")
	ff := addFilterFlags(fs)
	args, err := cli.Parse(fs, args)
	if err != nil {
		return err
	}
	if len(args) == 0 || *limit < 0 {
		return errUsage
	}
	s := analysis.Search{Words: args, Mode: *mode, Filter: ff.filter(), Limit: *limit}
	if s.Mode == analysis.Tokens {
		seg, err := normalize.NewSegmenter()
		if err != nil {
			return err
		}
		// The words are cut as the blocks were, so a word matches the
		// tokens it would have become in a block.
		for _, w := range args {
			s.Tokens = append(s.Tokens, seg.Tokens(w)...)
		}
	}
	store, err := sf.openExisting(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	hits, err := analysis.Find(ctx, store, s)
	if err != nil {
		return err
	}
	if *format == "text" {
		for _, r := range hits.Result.Rows {
			fmt.Fprintf(stdout, "%s %s年%s %s p.%s\n  %s\n", r[1], r[2], r[3], r[4], r[5], r[6])
		}
	} else if err := cli.WriteResult(stdout, hits.Result, *format, false); err != nil {
		return err
	}
	switch n := len(hits.Result.Rows); {
	case hits.Total == 0:
		fmt.Fprintf(stderr, "no passage holds %s (--mode %s)\n", strings.Join(args, " "), *mode)
	case n < hits.Total:
		fmt.Fprintf(stderr, "%d passages found; the first %d shown (--limit %d; --limit 0 shows all)\n", hits.Total, n, *limit)
	default:
		fmt.Fprintf(stderr, "%d passages found\n", hits.Total)
	}
	return nil
}

// filterFlags choose the documents a command reads.
type filterFlags struct {
	year       *int
	kind       *string
	department *string
}

func addFilterFlags(fs *flag.FlagSet) filterFlags {
	return filterFlags{
		year:       fs.Int("year", 0, "only the year `Y`"),
		kind:       cli.Choice(fs, "kind", "", analysis.Kinds, "only final accounts (决算) or budgets (预算)"),
		department: fs.String("department", "", "only the department `D`: its department_id, its name, or a spelling its documents print"),
	}
}

func (f filterFlags) filter() analysis.Filter {
	return analysis.Filter{Year: *f.year, Kind: *f.kind, Department: *f.department}
}
