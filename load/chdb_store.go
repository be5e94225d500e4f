package load

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// ChDB is the embedded store: chDB keeping its data under a directory.
// Loading goes through one connection; the queries of Query through a
// second, opened on first use with readonly=1, so that the engine itself
// refuses what would write.
type ChDB struct {
	s      *chdbSession
	roMu   sync.Mutex   // guards ro's opening: Query may be called from many goroutines
	ro     *chdbSession // nil until the first Query
	limits Limits       // for ro, set before the first Query
}

// SetLimits bounds the queries of Query: the engine stops one that runs
// longer or returns more rows. Call it before the first Query.
func (c *ChDB) SetLimits(l Limits) { c.limits = l }

// OpenChDB opens (and on first use creates) the embedded store in dir.
// Where a reader that shares the store (OpenShared: fiscaldocs serve)
// holds it, OpenChDB asks it to let go and waits up to WaitForReader;
// where another process holds it, it fails at once with ErrInUse.
func OpenChDB(ctx context.Context, dir string) (*ChDB, error) {
	c, err := openChDBOnce(ctx, dir)
	if errors.Is(err, ErrInUse) {
		return waitForReader(ctx, dir)
	}
	return c, err
}

// openChDBOnce opens the store in dir, or fails with ErrInUse while
// another process holds it.
func openChDBOnce(ctx context.Context, dir string) (*ChDB, error) {
	s, err := openChDB(dir)
	if err != nil {
		return nil, err
	}
	c := &ChDB{s: s}
	if err := setUp(ctx, c.read, c.exec, Schema(Database)); err != nil {
		s.close()
		return nil, fmt.Errorf("load: schema: %w", err)
	}
	if err := writeDictionaries(ctx, c); err != nil {
		s.close()
		return nil, err
	}
	return c, nil
}

// HasChDB reports whether dir holds an embedded store that OpenChDB made:
// the fiscaldocs database's metadata is there. A reader asks it first, so
// as not to create an empty store where a folder was mistyped.
func HasChDB(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "metadata", Database+".sql"))
	return err == nil
}

func (c *ChDB) Close() error {
	c.roMu.Lock()
	defer c.roMu.Unlock()
	if c.ro != nil {
		c.ro.close()
	}
	c.s.close()
	return nil
}

func (c *ChDB) Ingested(ctx context.Context, id, extractor string) (Stored, error) {
	h, err := holdings(ctx, c.read, extractor, id)
	return h[id], err
}

func (c *ChDB) Holdings(ctx context.Context, extractor string) (map[string]Stored, error) {
	return holdings(ctx, c.read, extractor, "")
}

func (c *ChDB) Write(ctx context.Context, bs ...*Batch) error { return writeBatch(ctx, c, bs) }

func (c *ChDB) insert(ctx context.Context, p tableRows) error {
	return c.exec(ctx, fmt.Sprintf("INSERT INTO %s.%s (%s) FORMAT TabSeparated\n%s", Database, p.table, strings.Join(p.columns, ", "), p.tsv()))
}

// prune waits for its mutation: the engine runs inside this process, and
// one left running when the process ends can crash the engine's shutdown.
func (c *ChDB) prune(ctx context.Context, table, id string, version uint64) error {
	return c.exec(ctx, pruneSQL(Database, table, id, version)+" SETTINGS mutations_sync = 1")
}

func (c *ChDB) database() string { return Database }

func (c *ChDB) exec(ctx context.Context, sql string) error {
	_, err := c.s.run(ctx, sql, "TabSeparated")
	return err
}

// Query runs one statement on the read-only connection. chDB's parser
// first counts the statements and refuses more than one, and refuses a
// statement that would change anything (INSERT, DDL, SET, INTO OUTFILE);
// the connection's readonly=1 then refuses what the parser let by, such as
// the table functions that read files or URLs.
func (c *ChDB) Query(ctx context.Context, sql string) (*Result, error) {
	if err := c.check(sql, false); err != nil {
		return nil, err
	}
	ro, err := c.readOnly()
	if err != nil {
		return nil, err
	}
	out, err := ro.run(ctx, sql, "TabSeparatedWithNamesAndTypes")
	if err != nil {
		return nil, err
	}
	return parseTSV(out)
}

// readOnly opens the read-only connection on first use, once however
// many goroutines ask at a time.
func (c *ChDB) readOnly() (*chdbSession, error) {
	c.roMu.Lock()
	defer c.roMu.Unlock()
	if c.ro == nil {
		c.s.mu.Lock() // nothing runs on the loading connection while chDB opens the second
		ro, err := openChDB(c.s.dir, append([]string{"--readonly=1"}, c.limits.args()...)...)
		c.s.mu.Unlock()
		if err != nil {
			return nil, err
		}
		ro.mu = c.s.mu
		c.ro = ro
	}
	return c.ro, nil
}

// QueryWrite runs one statement that may write, on the loading connection.
func (c *ChDB) QueryWrite(ctx context.Context, sql string) (*Result, error) {
	if err := c.check(sql, true); err != nil {
		return nil, err
	}
	return c.read(ctx, sql)
}

// check refuses SQL of more than one statement and, unless write, a
// statement the parser knows to write. SQL that does not parse passes, for
// the engine to say where it fails.
func (c *ChDB) check(sql string, write bool) error {
	n, class, err := c.s.statements(sql)
	switch {
	case err != nil:
		return err
	case n > 1:
		return fmt.Errorf("%w (%d here)", ErrStatements, n)
	case !write && class != chdbReadOnly && class != chdbUnknown:
		return ErrWrites
	}
	return nil
}

// read runs SQL on the loading connection: the store's own queries.
func (c *ChDB) read(ctx context.Context, sql string) (*Result, error) {
	out, err := c.s.run(ctx, sql, "TabSeparatedWithNamesAndTypes")
	if err != nil {
		return nil, err
	}
	return parseTSV(out)
}

// parseTSV reads TabSeparatedWithNamesAndTypes output.
func parseTSV(out []byte) (*Result, error) {
	r := &Result{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	for n := 0; sc.Scan(); n++ {
		fields := strings.Split(sc.Text(), "\t")
		for i := range fields {
			fields[i] = unescapeTSV(fields[i])
		}
		switch n {
		case 0:
			r.Columns = fields
		case 1:
			r.Types = fields
		default:
			r.Rows = append(r.Rows, fields)
		}
	}
	return r, sc.Err()
}

func unescapeTSV(s string) string {
	if s == `\N` {
		return "NULL"
	}
	if !strings.ContainsRune(s, '\\') {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
