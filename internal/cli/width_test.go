package cli

import "testing"

func TestDisplayWidth(t *testing.T) {
	for _, c := range []struct {
		s    string
		want int
	}{
		{"abc", 3}, {"决算", 4}, {"１２３，", 8}, {"ｱ", 1}, {"e\u0301", 1}, {"2021年", 6}, {"", 0},
	} {
		if got := DisplayWidth(c.s); got != c.want {
			t.Errorf("DisplayWidth(%q) = %d; want %d", c.s, got, c.want)
		}
	}
}
