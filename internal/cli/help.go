package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// Command is what help says of a subcommand.
type Command struct {
	Name    string
	Usage   string // the synopsis after the program's name: "query [--format F] SQL"
	Summary string // what it does, in one line
	// Examples are command lines, each with an optional comment after
	// "  # " saying what it does.
	Examples []string
}

// WriteHelp writes c's help: its usage line, what it does, its flags (fs,
// if not nil) with their defaults, and its examples.
func (c Command) WriteHelp(w io.Writer, prog string, fs *flag.FlagSet) {
	fmt.Fprintf(w, "usage: %s %s\n\n%s\n", prog, c.Usage, c.Summary)
	if fs != nil {
		var rows [][2]string
		fs.VisitAll(func(f *flag.Flag) { rows = append(rows, flagRow(f)) })
		if len(rows) > 0 {
			fmt.Fprintln(w, "\nflags:")
			writeColumns(w, rows)
		}
	}
	if len(c.Examples) > 0 {
		fmt.Fprintln(w, "\nexamples:")
		for _, e := range c.Examples {
			fmt.Fprintf(w, "  %s\n", e)
		}
	}
}

// flagRow is a flag's name with its value's name, and what it does with
// its default: {"--data DIR", "the embedded store in DIR (default …)"}.
func flagRow(f *flag.Flag) [2]string {
	name, usage := flag.UnquoteUsage(f)
	if c, ok := f.Value.(choice); ok {
		name = strings.Join(c.allowed, "|")
	}
	left := "--" + f.Name
	if name != "" {
		left += " " + name
	}
	switch f.DefValue {
	case "", "0", "false", "0s":
	default:
		usage += fmt.Sprintf(" (default %s)", f.DefValue)
	}
	return [2]string{left, usage}
}

// writeColumns writes two columns, the second aligned; a first cell too
// wide for that puts its second on the next line.
func writeColumns(w io.Writer, rows [][2]string) {
	const most = 26
	width := 0
	for _, r := range rows {
		if n := DisplayWidth(r[0]); n <= most {
			width = max(width, n)
		}
	}
	for _, r := range rows {
		n := DisplayWidth(r[0])
		if n > width {
			fmt.Fprintf(w, "  %s\n  %s  %s\n", r[0], strings.Repeat(" ", width), r[1])
			continue
		}
		fmt.Fprintf(w, "  %s%s  %s\n", r[0], strings.Repeat(" ", width-n), r[1])
	}
}
