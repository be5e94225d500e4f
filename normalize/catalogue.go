package normalize

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// entry is one code of the function classification.
type entry struct {
	code    string
	names   []string // current name first, then former names
	derived bool     // a standard 项 of its 款 (standardItems), not a line of catalogue.tsv
}

// catalogue looks codes up by the names printed for 类, 款 and 项.
type catalogue struct {
	byCode map[string]*entry
	order  []string        // codes in file order
	names  map[string]bool // every name, current or former, without a trailing 支出
}

func parseCatalogue(data string) (*catalogue, error) {
	c := &catalogue{byCode: map[string]*entry{}}
	err := tsvRows(data, func(f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("catalogue.tsv: want ≥2 fields, have %d", len(f))
		}
		code := f[0]
		if n := len(code); n != 3 && n != 5 && n != 7 {
			return fmt.Errorf("catalogue.tsv: code %q is not 3, 5 or 7 digits", code)
		}
		if _, dup := c.byCode[code]; dup {
			return fmt.Errorf("catalogue.tsv: duplicate code %s", code)
		}
		e := &entry{code: code, names: []string{Clean(f[1])}}
		if len(f) > 2 && f[2] != "" {
			for _, n := range strings.Split(f[2], "|") {
				e.names = append(e.names, Clean(n))
			}
		}
		c.byCode[code] = e
		c.order = append(c.order, code)
		if c.names == nil {
			c.names = map[string]bool{}
		}
		for _, n := range e.names {
			c.names[strings.TrimSuffix(n, "支出")] = true
		}
		return nil
	})
	c.addStandardItems()
	return c, err
}

// The classification gives every 款 of 事务 (人大事务, 人力资源和社会保障管理
// 事务, 卫生健康管理事务 …) the same first 项, every 款 of 一般公共服务 its
// 事业运行 as 50, and every 款 its 其他…支出 as 99: catalogue.tsv need not
// list them all.
var (
	standardItems  = [][2]string{{"01", "行政运行"}, {"02", "一般行政管理事务"}, {"03", "机关服务"}}
	publicServices = [2]string{"50", "事业运行"}
)

// addStandardItems adds the standard 项 of each 款 the catalogue lists
// without them: those of a 款 of 事务, and every 款's 99, 其他…支出.
func (c *catalogue) addStandardItems() {
	for _, k := range append([]string(nil), c.order...) {
		e := c.byCode[k]
		if len(k) != 5 {
			continue
		}
		other := "其他" + strings.TrimSuffix(e.names[0], "支出") + "支出"
		if strings.HasPrefix(e.names[0], "其他") {
			other = e.names[0] // 其他一般公共服务支出's 99 is 其他一般公共服务支出
		}
		items := [][2]string{{"99", other}}
		if strings.HasSuffix(e.names[0], "事务") {
			items = append(items, standardItems...)
		}
		if strings.HasPrefix(k, "201") {
			items = append(items, publicServices)
		}
		for _, it := range items {
			code := k + it[0]
			if c.byCode[code] != nil || c.match(k, 7, it[1], func(a, b string) bool { return a == b }) != nil {
				continue
			}
			c.byCode[code] = &entry{code: code, names: []string{it[1]}, derived: true}
			c.order = append(c.order, code)
		}
	}
}

// fitSuffix checks a code pieced together from cells above against the
// name printed on its row: the code itself when its entry bears that name
// (or the catalogue does not know it and the name is unknown too), else
// the one code with the same 款 and 项 digits under another 类 that does
// (a standard 项 that catalogue.tsv does not list is no evidence of its
// class), else "".
func (c *catalogue) fitSuffix(code, name string) string {
	if e := c.byCode[code]; e != nil && e.fits(name) {
		return code
	}
	found := ""
	for _, k := range c.order {
		if len(k) == len(code) && k != code && k[3:] == code[3:] && !c.byCode[k].derived && c.byCode[k].fits(name) {
			if found != "" {
				return ""
			}
			found = k
		}
	}
	return found
}

// named reports whether a printed name is one the catalogue has, at any
// level, give or take 支出.
func (c *catalogue) named(printed string) bool {
	p := strings.TrimSuffix(strings.ReplaceAll(Clean(printed), " ", ""), "支出")
	return p != "" && c.names[p]
}

// startsName reports whether printed words are the start of a name the
// catalogue has (or the whole of one), at any level: the first lines of a
// name a narrow column wrapped.
func (c *catalogue) startsName(printed string) bool {
	p := strings.ReplaceAll(Clean(printed), " ", "")
	if p == "" {
		return false
	}
	for n := range c.names {
		if strings.HasPrefix(n+"支出", p) {
			return true
		}
	}
	return false
}

// classOrKuan reports whether a printed name is a 类's or a 款's the
// catalogue has, current or former.
func (c *catalogue) classOrKuan(printed string) bool {
	for _, k := range c.order {
		if len(k) < 7 && c.byCode[k].fits(printed) {
			return true
		}
	}
	return false
}

// byName finds the one entry a printed name stands for, under the codes
// the lines above set: the 款 (for a 项), else the 类 (for a 款, or a 项 of
// any of its 款), else among the 类. "" when none or several fit.
func (c *catalogue) byName(name, class, kuan string) string {
	name = strings.ReplaceAll(Clean(name), " ", "")
	if kuan != "" {
		if e := c.child(kuan, name); e != nil {
			return e.code
		}
	}
	if class != "" {
		if e := c.child(class, name); e != nil {
			return e.code
		}
		found := ""
		for _, k := range c.order {
			if len(k) == 5 && strings.HasPrefix(k, class) {
				if e := c.child(k, name); e != nil {
					if found != "" {
						return ""
					}
					found = e.code
				}
			}
		}
		if found != "" {
			return found
		}
	}
	if e := c.child("", name); e != nil {
		return e.code
	}
	return ""
}

// fits reports whether a printed name is the entry's, or one of its former
// names, give or take a trailing 支出, or holds it, or is held by it, or
// differs from it in one character.
func (e *entry) fits(printed string) bool {
	p := strings.TrimSuffix(printed, "支出")
	if p == "" {
		return false
	}
	for _, n := range e.names {
		n = strings.TrimSuffix(n, "支出")
		if strings.Contains(p, n) || strings.Contains(n, p) || nearly(p, n) {
			return true
		}
	}
	return false
}

// named reports whether printed is one of the entry's names, current or
// former, give or take 支出.
func (e *entry) named(printed string) bool {
	p := strings.TrimSuffix(strings.ReplaceAll(printed, " ", ""), "支出")
	for _, n := range e.names {
		if strings.TrimSuffix(n, "支出") == p {
			return true
		}
	}
	return false
}

// printedAs is the entry's name a printing stands for: the name (current
// or former, give or take 支出) it equals, else the longest it holds, else
// the one it is the start or end of (cut short by a wrap), else the current
// name.
func (e *entry) printedAs(printed string) string {
	p := strings.TrimSuffix(strings.ReplaceAll(printed, " ", ""), "支出")
	best := ""
	for _, n := range e.names {
		if strings.TrimSuffix(n, "支出") == p {
			return n
		}
	}
	for _, n := range e.names {
		if b := strings.TrimSuffix(n, "支出"); b != "" && strings.Contains(p, b) && len(n) > len(best) {
			best = n
		}
	}
	if best != "" {
		return best
	}
	for _, n := range e.names {
		b := strings.TrimSuffix(n, "支出")
		if utf8.RuneCountInString(p) >= 2 && (strings.HasPrefix(b, p) || strings.HasSuffix(b, p)) {
			return n
		}
	}
	return e.names[0]
}

// nearly reports whether two names of four or more characters differ in
// one character at most, as OCR misreads one (行政单位离退体).
func nearly(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) || len(ra) < 4 {
		return false
	}
	diff := 0
	for i := range ra {
		if ra[i] != rb[i] {
			diff++
		}
	}
	return diff <= 1
}

func (c *catalogue) classes() []*entry {
	var out []*entry
	for _, code := range c.order {
		if len(code) == 3 {
			out = append(out, c.byCode[code])
		}
	}
	return out
}

// child finds the entry under parent code (or at the top when parent is "")
// whose name, or former name, is name; with or without a trailing 支出.
func (c *catalogue) child(parent, name string) *entry {
	want := len(parent) + 2
	if parent == "" {
		want = 3
	}
	name = Clean(name)
	if e := c.match(parent, want, name, func(a, b string) bool { return a == b }); e != nil {
		return e
	}
	// A name printed with its words swapped (一般行政事务管理 for 一般行政管理
	// 事务) is the same line, if no other name under the parent fits.
	return c.match(parent, want, name, sameRunes)
}

// match finds the one entry under parent whose name, or former name, equals
// name by eq, with or without a trailing 支出; nil if none or several.
func (c *catalogue) match(parent string, want int, name string, eq func(a, b string) bool) *entry {
	var found *entry
	for _, code := range c.order {
		if len(code) != want || !strings.HasPrefix(code, parent) {
			continue
		}
		for _, n := range c.byCode[code].names {
			if eq(n, name) || eq(strings.TrimSuffix(n, "支出"), strings.TrimSuffix(name, "支出")) {
				if found != nil && found != c.byCode[code] {
					return nil // ambiguous
				}
				found = c.byCode[code]
			}
		}
	}
	return found
}

// sameRunes reports whether a and b, of four characters or more, hold the
// same characters in some order.
func sameRunes(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) || len(ra) < 4 {
		return false
	}
	count := map[rune]int{}
	for _, r := range ra {
		count[r]++
	}
	for _, r := range rb {
		if count[r]--; count[r] < 0 {
			return false
		}
	}
	return true
}

// path resolves 类/款/项 names to the item's code and the names the
// catalogue uses now (so a 款 printed under its former name comes out under
// its current one). It returns as much of the path as resolves.
func (c *catalogue) path(names ...string) (code string, current []string) {
	parent := ""
	for _, n := range names {
		e := c.child(parent, n)
		if e == nil {
			return "", nil
		}
		parent = e.code
		current = append(current, e.names[0])
	}
	return parent, current
}
