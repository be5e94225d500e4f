package analysis

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/fiscaldocs/fiscaldocs/load"
)

// Row is one row of a query's result, its values read by column name, not
// by position, so that a query may gain or reorder columns.
type Row struct {
	index map[string]int
	vals  []string
}

// RowsOf reads a result's rows by column name. It fails when a column
// named in need is not in the result.
func RowsOf(res *load.Result, need ...string) ([]Row, error) {
	index := make(map[string]int, len(res.Columns))
	for i, c := range res.Columns {
		index[c] = i
	}
	for _, c := range need {
		if _, ok := index[c]; !ok {
			return nil, fmt.Errorf("analysis: the query gives no column %q (it gives %q)", c, res.Columns)
		}
	}
	rows := make([]Row, len(res.Rows))
	for i, r := range res.Rows {
		rows[i] = Row{index, r}
	}
	return rows, nil
}

// S is the value of column col as text; "" for a column the row lacks.
func (r Row) S(col string) string {
	if i, ok := r.index[col]; ok && i < len(r.vals) {
		return r.vals[i]
	}
	return ""
}

// Dec is the value of column col as an exact decimal.
func (r Row) Dec(col string) (decimal.Decimal, error) {
	d, err := decimal.NewFromString(r.S(col))
	if err != nil {
		return decimal.Zero, fmt.Errorf("analysis: column %s: %q is not a number", col, r.S(col))
	}
	return d, nil
}

// Int is the value of column col as an integer.
func (r Row) Int(col string) (int, error) {
	n, err := strconv.Atoi(r.S(col))
	if err != nil {
		return 0, fmt.Errorf("analysis: column %s: %q is not a whole number", col, r.S(col))
	}
	return n, nil
}
