package department

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"strings"
)

//go:embed aliases.tsv
var aliasesTSV string

// Aliases maps spellings of departments to the name they go by. Both
// sides are normalized (Normalize) when read, so an alias matches however
// the spelling is printed.
type Aliases struct {
	to map[string]string
}

// maxChain bounds how many aliases one name is followed through (a → b → c).
const maxChain = 8

// Builtin returns the aliases shipped with the project (aliases.tsv).
func Builtin() *Aliases {
	a := &Aliases{to: map[string]string{}}
	if err := a.Read(strings.NewReader(aliasesTSV), "aliases.tsv"); err != nil {
		panic(err) // the embedded file is tested
	}
	return a
}

// Read adds the aliases of a file: one per line, a spelling, a tab and the
// name it stands for (a further tab and what follows is a note, ignored);
// blank lines and lines starting with # are skipped. A later line for the
// same spelling wins, so a user's file overrides the shipped one. name is
// the file's, for errors.
func (a *Aliases) Read(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		spelling, to, ok := strings.Cut(line, "\t")
		to, _, _ = strings.Cut(to, "\t")
		spelling, to = Normalize(spelling), Normalize(to)
		if !ok || spelling == "" || to == "" {
			return fmt.Errorf("department: %s line %d: want a spelling, a tab and a name", name, n)
		}
		if spelling != to {
			a.to[spelling] = to
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("department: %s: %w", name, err)
	}
	return nil
}

// Len returns the number of spellings a has.
func (a *Aliases) Len() int { return len(a.to) }

// lookup follows name's aliases to the name it goes by.
func (a *Aliases) lookup(name string) string {
	for range maxChain {
		to, ok := a.to[name]
		if !ok {
			break
		}
		name = to
	}
	return name
}
