package normalize

import (
	"regexp"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/extract"
)

// Figures read by OCR (blocks marked extract.Block.OCR) are not trusted as
// printed. A table's own arithmetic (checkSums, in sums.go) checks them
// before they become facts: the 合计 row against its 类 rows, each 类
// against its 款, each 款 against its 项 (or the economic 类 and 款), and a
// 合计 column against the columns it sums. A figure in a sum that holds is
// confirmed; one that only takes
// part in sums that fail is withheld (Result.Withheld), since a wrong
// amount is worse than a missing one; one that no sum covers — a table
// without 合计, a sentence — is kept and marked Unverified, and so is
// every figure of a sentence, unless the same figure stands confirmed
// elsewhere. A figure OCR could not settle (extract.Doubtful) gives no
// fact at all.

// doubtRe finds a figure extract marked doubtful.
var doubtRe = regexp.MustCompile(`[-+]?[\d.,%]*` + extract.Doubtful)

// dropDoubts replaces the doubtful figures of a sentence with a mark that
// no pattern reads as a number.
func dropDoubts(s string) string {
	if !strings.Contains(s, extract.Doubtful) {
		return s
	}
	return doubtRe.ReplaceAllString(s, "□")
}

// verdict says what becomes of a figure read from cell (row, col) of an
// OCR table: kept and confirmed, kept unverified, or withheld.
func (sc *sumCheck) verdict(row, col int) (keep, verified bool) {
	at := cellAt{row, col}
	switch {
	case sc.ok[at]:
		return true, true
	case sc.bad[at]:
		return false, false
	}
	return true, false
}
