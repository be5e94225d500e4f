package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Budgets of the formula evaluator, which computes only formulas saved
// without a value: a chain of references deeper than maxFormulaDepth, or a
// formula needing more than maxFormulaSteps cell reads and operations, is
// not computed.
const (
	maxFormulaDepth = 32
	maxFormulaSteps = 1 << 16
	maxSheetSteps   = 1 << 24 // for all of a sheet's formulas together
	maxFormulaLen   = 1 << 10 // bytes of formula text
)

// evaluator computes a sheet's formulas that have no stored value: numbers,
// + - * / and unary minus, parentheses, references to this sheet's cells
// and ranges, and SUM. Anything else (other functions, text, other
// sheets) is errFormula.
type evaluator struct {
	sh     *sheet
	steps  int                 // for the top-level formula being computed
	spent  int                 // for the sheet, before this formula
	known  map[cellRef]float64 // formulas computed so far
	failed map[cellRef]error   // formulas that could not be computed
}

// refRe finds what may be a cell reference or range in a formula; a false
// match (a function's name) only adds a needless step to the order.
var refRe = regexp.MustCompile(`\$?[A-Za-z]{1,3}\$?[0-9]+(?::\$?[A-Za-z]{1,3}\$?[0-9]+)?`)

// computeAll computes the sheet's formulas that have no stored value, each
// after the ones it refers to, in the post-order of an iterative
// depth-first walk: a chain of any length is computed one reference deep
// at a time, without deep recursion. What is left deeper than
// maxFormulaDepth is a circular reference.
func (ev *evaluator) computeAll() {
	const onStack, done = 1, 2
	state := map[cellRef]uint8{}
	type frame struct {
		at   cellRef
		deps []cellRef
		next int
	}
	for _, at := range ev.sh.order {
		if !ev.pending(at) || state[at] != 0 {
			continue
		}
		state[at] = onStack
		stack := []frame{{at: at, deps: ev.deps(at)}}
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.next < len(top.deps) {
				d := top.deps[top.next]
				top.next++
				if state[d] == 0 {
					state[d] = onStack
					stack = append(stack, frame{at: d, deps: ev.deps(d)})
				}
				continue
			}
			ev.cell(top.at, 0)
			state[top.at] = done
			stack = stack[:len(stack)-1]
		}
	}
}

// pending reports whether the cell at holds a formula without a value.
func (ev *evaluator) pending(at cellRef) bool {
	c := ev.sh.cells[at]
	return c != nil && c.value == "" && c.formula != ""
}

// deps lists the cells with formulas to compute that the formula at
// refers to, within the sheet's budget.
func (ev *evaluator) deps(at cellRef) []cellRef {
	f := ev.sh.cells[at].formula
	if len(f) > maxFormulaLen {
		return nil
	}
	var out []cellRef
	for _, m := range refRe.FindAllString(f, -1) {
		rg, ok := parseRange(strings.ToUpper(m))
		if !ok {
			continue
		}
		area := (rg[1].row - rg[0].row + 1) * (rg[1].col - rg[0].col + 1)
		if area > maxFormulaSteps || ev.spent+area > maxSheetSteps {
			continue
		}
		ev.spent += area
		for r := rg[0].row; r <= rg[1].row; r++ {
			for c := rg[0].col; c <= rg[1].col; c++ {
				if d := (cellRef{r, c}); ev.pending(d) {
					out = append(out, d)
				}
			}
		}
	}
	return out
}

// cell is the numeric value of the cell at, computing its formula if it
// has no stored value; depth counts the references followed to reach it.
func (ev *evaluator) cell(at cellRef, depth int) (float64, error) {
	if depth == 0 {
		ev.spent += ev.steps
		ev.steps = 0
		if ev.spent > maxSheetSteps {
			return 0, fmt.Errorf("%w: the sheet's formulas took more than %d steps", errFormula, maxSheetSteps)
		}
	}
	if v, ok := ev.known[at]; ok {
		return v, nil
	}
	if err, ok := ev.failed[at]; ok {
		return 0, err
	}
	if depth > maxFormulaDepth {
		return 0, fmt.Errorf("%w: references nest deeper than %d (a circular reference?)", errFormula, maxFormulaDepth)
	}
	if ev.steps++; ev.steps > maxFormulaSteps {
		return 0, fmt.Errorf("%w: more than %d steps", errFormula, maxFormulaSteps)
	}
	c := ev.sh.cells[at]
	switch {
	case c == nil:
		return 0, nil // an empty cell counts as 0
	case c.value != "":
		if c.typ == "s" || c.typ == "inlineStr" || c.typ == "str" || c.typ == "e" || c.typ == "b" {
			return 0, fmt.Errorf("%w: %s holds %q, not a number", errFormula, cellName(at), c.value)
		}
		v, err := strconv.ParseFloat(c.value, 64)
		if err != nil {
			return 0, fmt.Errorf("%w: %s holds %q, not a number", errFormula, cellName(at), c.value)
		}
		return v, nil
	}
	if len(c.formula) > maxFormulaLen {
		return 0, fmt.Errorf("%w: formula longer than %d bytes", errFormula, maxFormulaLen)
	}
	p := &formulaParser{ev: ev, s: strings.TrimPrefix(strings.TrimSpace(c.formula), "="), depth: depth}
	v, err := p.expr()
	if err == nil && p.peek() != 0 {
		err = fmt.Errorf("%w: unexpected %q", errFormula, p.s[p.i:])
	}
	switch {
	case err == nil:
		if ev.known == nil {
			ev.known = map[cellRef]float64{}
		}
		ev.known[at] = v
	case depth == 0:
		// Failing with the whole budget, it fails with any less.
		if ev.failed == nil {
			ev.failed = map[cellRef]error{}
		}
		ev.failed[at] = err
	}
	return v, err
}

// formulaParser is a recursive-descent reader of one formula; its nesting
// of parentheses counts against the depth budget too.
type formulaParser struct {
	ev    *evaluator
	s     string
	i     int
	depth int
}

func (p *formulaParser) skip() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

func (p *formulaParser) peek() byte {
	p.skip()
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *formulaParser) step() error {
	if p.ev.steps++; p.ev.steps > maxFormulaSteps {
		return fmt.Errorf("%w: more than %d steps", errFormula, maxFormulaSteps)
	}
	return nil
}

func (p *formulaParser) expr() (float64, error) {
	v, err := p.term()
	for err == nil {
		op := p.peek()
		if op != '+' && op != '-' {
			break
		}
		p.i++
		var w float64
		if w, err = p.term(); op == '+' {
			v += w
		} else {
			v -= w
		}
	}
	return v, err
}

func (p *formulaParser) term() (float64, error) {
	v, err := p.unary()
	for err == nil {
		op := p.peek()
		if op != '*' && op != '/' {
			break
		}
		p.i++
		var w float64
		if w, err = p.unary(); err != nil {
			break
		}
		if op == '*' {
			v *= w
		} else if w == 0 {
			return 0, fmt.Errorf("%w: division by zero", errFormula)
		} else {
			v /= w
		}
	}
	return v, err
}

func (p *formulaParser) unary() (float64, error) {
	if err := p.step(); err != nil {
		return 0, err
	}
	switch p.peek() {
	case '-':
		p.i++
		v, err := p.unary()
		return -v, err
	case '+':
		p.i++
		return p.unary()
	}
	return p.primary()
}

func (p *formulaParser) primary() (float64, error) {
	c := p.peek()
	switch {
	case c == '(':
		if p.depth++; p.depth > maxFormulaDepth {
			return 0, fmt.Errorf("%w: nested deeper than %d", errFormula, maxFormulaDepth)
		}
		p.i++
		v, err := p.expr()
		if err == nil && p.peek() != ')' {
			err = fmt.Errorf("%w: unbalanced parentheses", errFormula)
		}
		p.i++
		p.depth--
		return v, err
	case c >= '0' && c <= '9' || c == '.':
		j := p.i
		for j < len(p.s) && (p.s[j] >= '0' && p.s[j] <= '9' || p.s[j] == '.' ||
			(p.s[j] == 'E' || p.s[j] == 'e') || (p.s[j] == '+' || p.s[j] == '-') && j > p.i && (p.s[j-1] == 'E' || p.s[j-1] == 'e')) {
			j++
		}
		v, err := strconv.ParseFloat(p.s[p.i:j], 64)
		p.i = j
		if err != nil {
			return 0, fmt.Errorf("%w: bad number", errFormula)
		}
		return v, nil
	}
	j := p.i
	for j < len(p.s) && (p.s[j] >= 'A' && p.s[j] <= 'Z' || p.s[j] >= 'a' && p.s[j] <= 'z' || p.s[j] >= '0' && p.s[j] <= '9' || p.s[j] == '$' || p.s[j] == ':' || p.s[j] == '.') {
		j++
	}
	word := strings.ToUpper(p.s[p.i:j])
	if word == "" {
		return 0, fmt.Errorf("%w: unexpected %q", errFormula, p.s[p.i:])
	}
	p.i = j
	if p.peek() == '(' {
		if word != "SUM" {
			return 0, fmt.Errorf("%w: function %s", errFormula, word)
		}
		return p.sum()
	}
	return p.ref(word)
}

// sum reads SUM's arguments, each a range or an expression.
func (p *formulaParser) sum() (float64, error) {
	p.i++ // (
	total := 0.0
	for p.peek() != ')' {
		v, err := p.expr()
		if err != nil {
			return 0, err
		}
		total += v
		switch p.peek() {
		case ',':
			p.i++
		case ')':
		default:
			return 0, fmt.Errorf("%w: unbalanced parentheses", errFormula)
		}
	}
	p.i++
	return total, nil
}

// ref is a reference's value: a cell's, or a range's sum (as SUM reads it).
func (p *formulaParser) ref(word string) (float64, error) {
	rg, ok := parseRange(word)
	if !ok {
		return 0, fmt.Errorf("%w: name %s", errFormula, word)
	}
	area := (rg[1].row - rg[0].row + 1) * (rg[1].col - rg[0].col + 1)
	if area > maxFormulaSteps {
		return 0, fmt.Errorf("%w: range %s of %d cells", errFormula, word, area)
	}
	total := 0.0
	for r := rg[0].row; r <= rg[1].row; r++ {
		for c := rg[0].col; c <= rg[1].col; c++ {
			if err := p.step(); err != nil {
				return 0, err
			}
			at := cellRef{r, c}
			if x := p.ev.sh.cells[at]; area > 1 && x != nil && x.value != "" && x.typ != "" && x.typ != "n" {
				continue // a range's text is left out, as SUM leaves it
			}
			v, err := p.ev.cell(at, p.depth+1)
			if err != nil {
				return 0, err
			}
			total += v
		}
	}
	return total, nil
}
