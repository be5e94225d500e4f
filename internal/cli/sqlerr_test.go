package cli

import (
	"errors"
	"io"
	"testing"
)

func TestExplainQuery(t *testing.T) {
	for _, c := range []struct {
		name, query, err string
		code             int
		want             string
	}{
		{"chDB syntax", "SELEC 1",
			"load: chDB: Code: 62. DB::Exception: Syntax error: failed at position 7 (1): 1. Expected one of: token, Dot, FROM, end of query. (SYNTAX_ERROR)",
			62, "syntax error at line 1, column 7: expected one of: token, Dot, FROM, end of query (SYNTAX_ERROR)\n  SELEC 1\n        ^"},
		{"chDB end of query on line 2", "SELECT 1\nWHERE",
			"load: chDB: Code: 62. DB::Exception: Syntax error: failed at position 10 (WHERE) (line 2, col 1): WHERE. Expected one of: FROM. (SYNTAX_ERROR) (version 26.7.3.1)",
			62, "syntax error at line 2, column 1: expected one of: FROM (SYNTAX_ERROR)\n  WHERE\n  ^"},
		// The caret stands under the character, a Chinese one counting two
		// columns; chDB's message was cut at the query's first newline.
		{"chDB unrecognized token after CJK", "SELECT '表', 部门, 1\nFROM t",
			"load: chDB: Code: 62. DB::Exception: Unrecognized token: Syntax error: failed at position 15 (部) (line 1, col 15): 部门, 1",
			62, "syntax error at line 1, column 13: unrecognized token\n  SELECT '表', 部门, 1\n               ^"},
		{"chDB unknown table", "SELECT * FROM v_facts",
			"load: chDB: Code: 60. DB::Exception: Unknown table expression identifier 'v_facts' in scope SELECT * FROM v_facts. (UNKNOWN_TABLE)",
			60, "Unknown table expression identifier 'v_facts' in scope SELECT * FROM v_facts (UNKNOWN_TABLE)"},
		{"server syntax", "SELEC 1",
			"load: code: 62, message: Syntax error: failed at position 7 (line 1, col 7): 1. Expected one of: token, FROM",
			62, "syntax error at line 1, column 7: expected one of: token, FROM\n  SELEC 1\n        ^"},
		{"server unknown identifier", "SELECT x FROM fiscaldocs.v_facts",
			"load: code: 47, message: Missing columns: 'x' while processing query: 'SELECT x FROM fiscaldocs.v_facts', required columns: 'x'",
			47, "Missing columns: 'x' while processing query: 'SELECT x FROM fiscaldocs.v_facts', required columns: 'x'"},
	} {
		store := errors.New(c.err)
		err := ExplainQuery(c.query, store)
		var qe *QueryError
		if !errors.As(err, &qe) || !errors.Is(err, store) {
			t.Errorf("%s: %v; want a *QueryError wrapping the store's", c.name, err)
			continue
		}
		if qe.Code != c.code || err.Error() != c.want {
			t.Errorf("%s: code %d, error\n%s\nwant code %d,\n%s", c.name, qe.Code, err, c.code, c.want)
		}
	}
	if err := ExplainQuery("SELECT 1", io.ErrUnexpectedEOF); err != io.ErrUnexpectedEOF {
		t.Errorf("another error became %v", err)
	}
	if err := ExplainQuery("SELECT 1", nil); err != nil {
		t.Errorf("no error became %v", err)
	}
	qe := &QueryError{Query: "SELECT x", Message: "Unknown identifier", Hint: "DESCRIBE lists the columns."}
	if got := qe.Error(); got != "Unknown identifier\nDESCRIBE lists the columns." {
		t.Errorf("with a hint: %q", got)
	}
}
