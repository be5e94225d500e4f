// Package cli holds the conventions fiscaldocs's commands share with the
// command lines people know (go, git, sqlite3, clickhouse-client): flags
// before or after the arguments, flags whose value is one of a list, a
// command's help with its flags and examples, query results written as a
// table, CSV, TSV, JSON or JSON lines, and the store's refusal of a query
// told in the terms of that query.
//
// It sits under cmd/fiscaldocs, which wires the commands to the packages of
// the pipeline; it knows nothing of documents or facts. It is synchronous
// and writes only to the writers it is given.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
)

// ErrUsage reports a command line that could not be understood.
var ErrUsage = errors.New("usage")

// UsageError is a command line that could not be understood, and why.
// It matches ErrUsage under errors.Is.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string        { return e.Msg }
func (e *UsageError) Is(target error) bool { return target == ErrUsage }

// HelpRequest is returned by Parse for -h or --help. It matches
// flag.ErrHelp under errors.Is and carries the flags to describe.
type HelpRequest struct{ Flags *flag.FlagSet }

func (h *HelpRequest) Error() string { return flag.ErrHelp.Error() }
func (h *HelpRequest) Unwrap() error { return flag.ErrHelp }

// NewFlagSet returns a flag set that prints nothing: Parse returns its
// errors and the caller says them once, in its own words.
func NewFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// Parse parses fs's flags wherever they stand among args, as git and most
// tools do, and returns the other arguments in order. "--" ends the flags:
// everything after it is an argument, as is a lone "-" (standard input).
// An argument that starts with a dash but whose name holds a space or a
// line break, as SQL that opens with a "-- comment" does, is no flag: it
// is an argument where it stands. A flag Parse does not know, or a bad
// value, is a *UsageError; -h and --help give a *HelpRequest.
func Parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		// flag.Parse would take the text for a flag: it parses up to it.
		cut := len(args)
		for i, a := range args {
			if a == "--" {
				break
			}
			if notFlag(a) {
				cut = i
				break
			}
		}
		err := fs.Parse(args[:cut])
		switch {
		case errors.Is(err, flag.ErrHelp):
			return nil, &HelpRequest{Flags: fs}
		case err != nil:
			return nil, &UsageError{Msg: strings.Replace(err.Error(), " -", " --", 1)}
		}
		left := slices.Concat(fs.Args(), args[cut:])
		if len(left) == 0 {
			return rest, nil
		}
		// flag.Parse stops at the first argument, or after a "--" it
		// swallows: then the rest are all arguments.
		if n := cut - len(fs.Args()); n > 0 && args[n-1] == "--" {
			return append(rest, left...), nil
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
}

// notFlag reports whether a starts with a dash yet cannot be a flag: its
// name (up to any "=") holds white space, as "-- comment\nSELECT 1" does.
func notFlag(a string) bool {
	if !strings.HasPrefix(a, "-") {
		return false
	}
	name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
	return strings.ContainsAny(name, " \t\r\n")
}

// choice is a flag value that must be one of a list.
type choice struct {
	value   *string
	allowed []string
}

func (c choice) String() string {
	if c.value == nil {
		return ""
	}
	return *c.value
}

func (c choice) Set(s string) error {
	if !slices.Contains(c.allowed, s) {
		return fmt.Errorf("want one of %s", strings.Join(c.allowed, ", "))
	}
	*c.value = s
	return nil
}

// Choice defines a string flag whose value must be one of allowed; a value
// not in the list is refused with the list. value is the default, which
// may be outside the list ("" for "any").
func Choice(fs *flag.FlagSet, name, value string, allowed []string, usage string) *string {
	p := new(string)
	*p = value
	fs.Var(choice{p, allowed}, name, usage)
	return p
}
