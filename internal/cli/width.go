package cli

import (
	"unicode"

	"golang.org/x/text/width"
)

// DisplayWidth is the number of terminal columns s takes: two for a wide
// or full-width character (汉字, ，), none for a combining mark, one for the
// rest.
func DisplayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
		case width.LookupRune(r).Kind() == width.EastAsianWide || width.LookupRune(r).Kind() == width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
