package department

import "strings"

// Similar reports whether two normalized names of one region likely name
// one body although their ids differ: after the region, one holds the
// other, or they differ in at most maxEdits characters. It is a
// hint for a person, who joins the two with an alias if they are one.
func Similar(region, a, b string) bool {
	a, b = bare(region, a), bare(region, b)
	if a == b {
		return true
	}
	short, long := []rune(a), []rune(b)
	if len(short) > len(long) {
		short, long = long, short
	}
	if len(short) >= 2 && strings.Contains(string(long), string(short)) {
		return true
	}
	most := 1
	if len(long) >= 6 {
		most = 2
	}
	return len(long)-len(short) <= most && edits(short, long) <= most
}

// bare strips a name of its region. A party body keeps its 中共 and so
// its region: its 委办公厅 is not the 人大常委办公厅's.
func bare(region, name string) string {
	return strings.TrimPrefix(name, region)
}

// edits is the Levenshtein distance between two rune strings.
func edits(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
