package normalize

// Function is a code of the function classification (支出功能分类科目), as
// catalogue.tsv lists it.
type Function struct {
	Code   string   // 3 digits for a 类, 5 for a 款, 7 for a 项
	Name   string   // the current name
	Former []string // names the same code was printed under before
}

// Functions returns the catalogue's codes in its order.
func Functions() []Function {
	cat := mustLexicon().cat
	out := make([]Function, 0, len(cat.order))
	for _, code := range cat.order {
		e := cat.byCode[code]
		if e.derived {
			continue
		}
		out = append(out, Function{Code: code, Name: e.names[0], Former: append([]string(nil), e.names[1:]...)})
	}
	return out
}

// MeasureUnits gives the unit (Yuan, Percent or Count) of each measure a
// Fact may have: a fact's Unit is its measure's.
var MeasureUnits = map[string]string{
	"amount": Yuan, "budget": Yuan, "yoy_change": Yuan, PriorAmount: Yuan,
	"share_pct": Percent, "yoy_pct": Percent, "completion_pct": Percent,
	"count": Count,
}
