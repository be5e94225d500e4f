package cli

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"regexp"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/load"
)

// Formats are the ways WriteResult writes a query's result.
var Formats = []string{"table", "csv", "tsv", "json", "jsonl"}

// WriteResult writes res to w as format, one of Formats:
//   - table: the columns aligned by display width (a full-width character
//     takes two columns), numbers to the right;
//   - csv: RFC 4180 with a header row;
//   - tsv: a header row, then rows with tab, newline, carriage return
//     and backslash escaped as ClickHouse's TabSeparated does;
//   - json: an array of objects, one a line; jsonl: one object a line.
//     The keys keep the columns' order and the values their type: numbers
//     bare (with all their digits), Bool as true or false, NULL as null,
//     arrays as arrays, the rest as strings.
//
// bom writes a UTF-8 byte-order mark first, so that Excel reads the
// Chinese of a CSV or TSV file right; JSON must not have one.
func WriteResult(w io.Writer, res *load.Result, format string, bom bool) error {
	bw := bufio.NewWriter(w)
	if bom {
		bw.WriteString("\uFEFF")
	}
	switch format {
	case "csv":
		cw := csv.NewWriter(bw)
		cw.Write(res.Columns)
		cw.WriteAll(res.Rows) // flushes
		if err := cw.Error(); err != nil {
			return err
		}
	case "tsv":
		writeTSV(bw, res)
	case "json", "jsonl":
		writeJSON(bw, res, format == "jsonl")
	default:
		writeTable(bw, res)
	}
	return bw.Flush()
}

var tsvEscaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)

func writeTSV(w *bufio.Writer, res *load.Result) {
	for _, row := range append([][]string{res.Columns}, res.Rows...) {
		for i, v := range row {
			if i > 0 {
				w.WriteByte('\t')
			}
			tsvEscaper.WriteString(w, v)
		}
		w.WriteByte('\n')
	}
}

// writeJSON writes the rows as objects, one a line, in an array unless
// lines.
func writeJSON(w *bufio.Writer, res *load.Result, lines bool) {
	if !lines {
		w.WriteString("[")
	}
	for r, row := range res.Rows {
		switch {
		case lines && r > 0:
		case r > 0:
			w.WriteString(",\n")
		case !lines:
			w.WriteString("\n")
		}
		w.WriteString("{")
		for i, v := range row {
			if i > 0 {
				w.WriteString(",")
			}
			writeJSONString(w, res.Columns[i])
			w.WriteString(":")
			typ := ""
			if i < len(res.Types) {
				typ = res.Types[i]
			}
			writeJSONValue(w, v, typ)
		}
		w.WriteString("}")
		if lines {
			w.WriteString("\n")
		}
	}
	switch {
	case lines:
	case len(res.Rows) > 0:
		w.WriteString("\n]\n")
	default:
		w.WriteString("]\n")
	}
}

func writeJSONString(w *bufio.Writer, s string) {
	b, _ := json.Marshal(s) // a string always marshals
	// json.Marshal escapes <, > and & for HTML; a terminal or a file wants
	// them as they are.
	b = []byte(strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(b)))
	w.Write(b)
}

// jsonNumber is a number as JSON writes it; ClickHouse's inf and nan are
// not, and become null as in ClickHouse's own JSON output.
var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

// writeJSONValue writes v, as the store gives it in text, by its
// ClickHouse type.
func writeJSONValue(w *bufio.Writer, v, typ string) {
	typ, nullable := baseType(typ)
	if v == "NULL" && nullable {
		w.WriteString("null")
		return
	}
	switch {
	case isNumberType(typ):
		switch {
		case jsonNumber.MatchString(v):
			w.WriteString(v)
		case isFloatType(typ):
			w.WriteString("null")
		default:
			writeJSONString(w, v)
		}
	case typ == "Bool" && (v == "true" || v == "false"):
		w.WriteString(v)
	case strings.HasPrefix(typ, "Array(") && strings.HasSuffix(typ, ")"):
		elems, ok := splitArray(v)
		if !ok {
			writeJSONString(w, v)
			return
		}
		w.WriteString("[")
		for i, e := range elems {
			if i > 0 {
				w.WriteString(",")
			}
			writeJSONValue(w, e, typ[len("Array("):len(typ)-1])
		}
		w.WriteString("]")
	default:
		writeJSONString(w, v)
	}
}

// baseType strips LowCardinality and Nullable, saying whether NULL is a
// value of the type.
func baseType(typ string) (base string, nullable bool) {
	for {
		switch {
		case strings.HasPrefix(typ, "LowCardinality(") && strings.HasSuffix(typ, ")"):
			typ = typ[len("LowCardinality(") : len(typ)-1]
		case strings.HasPrefix(typ, "Nullable(") && strings.HasSuffix(typ, ")"):
			typ, nullable = typ[len("Nullable("):len(typ)-1], true
		default:
			return typ, nullable || typ == "Nothing"
		}
	}
}

// numberType matches ClickHouse's integer, float and decimal types.
var numberType = regexp.MustCompile(`^(U?Int[0-9]+|Float[0-9]+|BFloat16|Decimal[0-9]*)(\(|$)`)

func isNumberType(typ string) bool { return numberType.MatchString(typ) }

func isFloatType(typ string) bool {
	return strings.HasPrefix(typ, "Float") || strings.HasPrefix(typ, "BFloat")
}

// splitArray splits ClickHouse's text of an array, [1,2] or ['a','b\'c']
// or [[1],[2,3]], into its elements' texts, strings unquoted.
func splitArray(s string) ([]string, bool) {
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return nil, false
	}
	s = s[1 : len(s)-1]
	var elems []string
	for len(s) > 0 {
		var elem string
		switch s[0] {
		case '\'':
			var b strings.Builder
			i := 1
			for ; i < len(s) && s[i] != '\''; i++ {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				}
				b.WriteByte(s[i])
			}
			if i == len(s) {
				return nil, false
			}
			elem, s = b.String(), s[i+1:]
		default:
			depth, quoted, i := 0, false, 0
			for ; i < len(s) && (quoted || depth > 0 || s[i] != ','); i++ {
				switch c := s[i]; {
				case quoted && c == '\\':
					i++
				case c == '\'':
					quoted = !quoted
				case quoted:
				case c == '[' || c == '(':
					depth++
				case c == ']' || c == ')':
					depth--
				}
			}
			elem, s = s[:i], s[i:]
		}
		elems = append(elems, elem)
		if len(s) > 0 {
			if s[0] != ',' {
				return nil, false
			}
			s = s[1:]
		}
	}
	return elems, true
}

// writeTable aligns the columns by display width, two spaces apart, with
// numbers to the right. Tabs and newlines in a value are shown escaped, so
// that each row stays one line.
func writeTable(w *bufio.Writer, res *load.Result) {
	rows := make([][]string, 0, len(res.Rows)+1)
	rows = append(rows, res.Columns)
	for _, r := range res.Rows {
		cells := make([]string, len(r))
		for i, v := range r {
			cells[i] = tsvEscaper.Replace(v)
		}
		rows = append(rows, cells)
	}
	widths := make([]int, len(res.Columns))
	for _, r := range rows {
		for i, v := range r {
			if i < len(widths) {
				widths[i] = max(widths[i], DisplayWidth(v))
			}
		}
	}
	for _, r := range rows {
		var line strings.Builder
		for i, v := range r {
			if i >= len(widths) {
				break
			}
			if i > 0 {
				line.WriteString("  ")
			}
			pad := strings.Repeat(" ", widths[i]-DisplayWidth(v))
			typ := ""
			if i < len(res.Types) {
				typ, _ = baseType(res.Types[i])
			}
			if isNumberType(typ) {
				line.WriteString(pad + v)
			} else {
				line.WriteString(v + pad)
			}
		}
		w.WriteString(strings.TrimRight(line.String(), " "))
		w.WriteByte('\n')
	}
}
