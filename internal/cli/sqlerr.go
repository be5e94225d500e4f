package cli

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// QueryError is the store's refusal of a user's query, told in the terms
// of that query rather than of the store's driver.
type QueryError struct {
	Query   string
	Code    int    // ClickHouse's error code: 62
	Name    string // ClickHouse's error name, where the store gives it: SYNTAX_ERROR
	Message string // what ClickHouse said, less its code, name and version
	// Pos is where in Query a syntax error was found: a 1-based byte
	// offset, 0 if none was given.
	Pos int
	// Hint, if set, says what to try instead.
	Hint string
	Err  error // the store's error
}

func (e *QueryError) Unwrap() error { return e.Err }

// Error gives the message and, for a syntax error, the query's line with
// a caret under the place.
func (e *QueryError) Error() string {
	var b strings.Builder
	line, col, text := e.where()
	if line > 0 {
		fmt.Fprintf(&b, "syntax error at line %d, column %d", line, col)
		if why := syntaxDetail(e.Message); why != "" {
			b.WriteString(": " + why)
		}
	} else {
		b.WriteString(e.Message)
	}
	if e.Name != "" {
		fmt.Fprintf(&b, " (%s)", e.Name)
	}
	if line > 0 {
		caret := DisplayWidth(text[:min(len(text), e.byteInLine())])
		fmt.Fprintf(&b, "\n  %s\n  %s^", text, strings.Repeat(" ", caret))
	}
	if e.Hint != "" {
		b.WriteString("\n" + e.Hint)
	}
	return b.String()
}

// where is the line and column (1-based, in characters) of Pos, and that
// line's text; line is 0 when the error has no position in the query.
func (e *QueryError) where() (line, col int, text string) {
	if e.Pos <= 0 || e.Pos > len(e.Query)+1 {
		return 0, 0, ""
	}
	before := e.Query[:e.Pos-1]
	line = strings.Count(before, "\n") + 1
	start := strings.LastIndexByte(before, '\n') + 1
	end := strings.IndexByte(e.Query[start:], '\n')
	if end < 0 {
		end = len(e.Query) - start
	}
	return line, utf8.RuneCountInString(before[start:]) + 1, strings.TrimRight(e.Query[start:start+end], "\r")
}

// byteInLine is Pos's offset from the start of its line.
func (e *QueryError) byteInLine() int {
	before := e.Query[:e.Pos-1]
	return len(before) - (strings.LastIndexByte(before, '\n') + 1)
}

// syntaxDetail is what a syntax error says beyond its position: what was
// expected ("Expected one of: …"), or what was found ("Unrecognized
// token" before "Syntax error"), lowercased.
func syntaxDetail(msg string) string {
	if i := strings.LastIndex(msg, ". Expected "); i >= 0 {
		return "e" + strings.TrimSuffix(msg[i+len(". E"):], ".")
	}
	if i := strings.Index(msg, "Syntax error"); i > 0 {
		lead := strings.TrimRight(msg[:i], ": ")
		return strings.ToLower(lead[:1]) + lead[1:]
	}
	return ""
}

var (
	// chDB: "Code: 62. DB::Exception: Syntax error: …. (SYNTAX_ERROR) (version 26.7.3.1)"
	chdbException = regexp.MustCompile(`Code: (\d+)\. DB::Exception: (.*?)(?: \(([A-Z][A-Z0-9_]+)\))?(?: \(version [^)]*\))?\.?$`)
	// clickhouse-go: "code: 62, message: Syntax error: …"
	serverException = regexp.MustCompile(`code: (\d+), message: (.*)$`)
	syntaxPosition  = regexp.MustCompile(`Syntax error[^:]*: failed at position (\d+)`)
)

// ExplainQuery turns the store's error for query into a *QueryError when it
// is ClickHouse's exception, from either store; any other error is
// returned as it is.
func ExplainQuery(query string, err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	e := &QueryError{Query: query, Err: err}
	if m := chdbException.FindStringSubmatch(msg); m != nil {
		e.Code, _ = strconv.Atoi(m[1])
		e.Message, e.Name = m[2], m[3]
	} else if m := serverException.FindStringSubmatch(msg); m != nil {
		e.Code, _ = strconv.Atoi(m[1])
		e.Message = m[2]
	} else {
		return err
	}
	e.Message = strings.TrimSuffix(strings.TrimSpace(e.Message), ".")
	if m := syntaxPosition.FindStringSubmatch(e.Message); m != nil {
		e.Pos, _ = strconv.Atoi(m[1])
	}
	return e
}
