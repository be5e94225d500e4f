package load

import (
	"strconv"
	"time"
)

// Limits bound the queries a Store's Query runs for someone else (the web
// app's SQL page): how long one may run and how many rows it may return.
// The zero Limits bound nothing.
type Limits struct {
	Time time.Duration // 0: no limit; chDB counts whole seconds, at least one
	// Rows is the most rows a query returns; the engine stops reading
	// soon after, so a result may hold a block more, and the caller cuts
	// it and says so. 0: no limit.
	Rows int
}

// args are the limits as chDB connection settings.
func (l Limits) args() []string {
	var out []string
	if l.Time > 0 {
		out = append(out, "--max_execution_time="+strconv.Itoa(max(1, int(l.Time.Round(time.Second)/time.Second))))
	}
	if l.Rows > 0 {
		out = append(out, "--max_result_rows="+strconv.Itoa(l.Rows+1), "--result_overflow_mode=break")
	}
	return out
}
