package load

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"unsafe"

	"github.com/ebitengine/purego"
)

// The embedded store runs chDB (ClickHouse as a library, libchdb.so) in
// this process. The library is loaded on first use, not at start-up, so
// that a machine without it can still run everything else and gets a clear
// error when it asks for the embedded store.

// ErrNoChDB says libchdb.so could not be loaded.
var ErrNoChDB = errors.New("load: libchdb.so not found (run make chdb, or set CHDB_LIB_PATH)")

// ErrInUse says another process has the embedded store open: chDB locks
// its folder (its status file) for as long as a process has it open, and a
// second process cannot open it meanwhile.
var ErrInUse = errors.New("load: the embedded store is open in another process (an ingest, a crawl ingesting, a query); try again when it is done")

// chdbAPI is the part of libchdb's C API the store uses.
type chdbAPI struct {
	connect     func(argc int, argv []*byte) *chdbConnection
	closeConn   func(conn *chdbConnection)
	query       func(conn unsafe.Pointer, query string, format string) *chdbResult
	destroy     func(result *chdbResult)
	buffer      func(result *chdbResult) *byte
	length      func(result *chdbResult) uint
	resultError func(result *chdbResult) string
	classify    func(conn unsafe.Pointer, sql string, n uintptr, db *byte, dbLen uintptr, out *chdbAnalysis) int32
}

// chdbAnalysis is chDB's chdb_query_analysis_v1: what its own parser says
// of a text of SQL.
type chdbAnalysis struct {
	size       uint32 // of the struct, in bytes; set by the caller
	statements uint32 // executable statements; 0 for empty text or a parse failure
	flags      uint32
	class      uint32 // chdbReadOnly … chdbUnknown
}

// The classes chdb_classify_query_n gives a statement.
const (
	chdbReadOnly = 0 // changes nothing that outlives it
	chdbUnknown  = 4 // did not parse
)

type chdbConnection struct{ internal unsafe.Pointer }
type chdbResult struct{ internal unsafe.Pointer }

var (
	chdbOnce sync.Once
	chdbLib  *chdbAPI
	chdbErr  error
)

// chdbPath finds libchdb.so: $CHDB_LIB_PATH, then /usr/local/lib.
func chdbPath() string {
	if p := os.Getenv("CHDB_LIB_PATH"); p != "" {
		return p
	}
	return "/usr/local/lib/libchdb.so"
}

func loadChDB() (*chdbAPI, error) {
	chdbOnce.Do(func() {
		path := chdbPath()
		if _, err := os.Stat(path); err != nil {
			chdbErr = fmt.Errorf("%w: %v", ErrNoChDB, err)
			return
		}
		lib, err := purego.Dlopen(path, purego.RTLD_NOW|purego.RTLD_GLOBAL)
		if err != nil {
			chdbErr = fmt.Errorf("%w: %v", ErrNoChDB, err)
			return
		}
		api := &chdbAPI{}
		purego.RegisterLibFunc(&api.connect, lib, "chdb_connect")
		purego.RegisterLibFunc(&api.closeConn, lib, "chdb_close_conn")
		purego.RegisterLibFunc(&api.query, lib, "chdb_query")
		purego.RegisterLibFunc(&api.destroy, lib, "chdb_destroy_query_result")
		purego.RegisterLibFunc(&api.buffer, lib, "chdb_result_buffer")
		purego.RegisterLibFunc(&api.length, lib, "chdb_result_length")
		purego.RegisterLibFunc(&api.resultError, lib, "chdb_result_error")
		if _, err := purego.Dlsym(lib, "chdb_classify_query_n"); err != nil {
			chdbErr = fmt.Errorf("%w: %q lacks chdb_classify_query_n (chDB 26.7 or newer is needed; run make chdb)", ErrNoChDB, path)
			return
		}
		purego.RegisterLibFunc(&api.classify, lib, "chdb_classify_query_n")
		chdbLib = api
	})
	return chdbLib, chdbErr
}

// chdbSession is one connection to the process's chDB engine. The engine
// keeps one data folder per process; more connections to that folder may
// be open at once, each with its own settings. The connections of one
// store share one mutex: one statement runs at a time, as with one
// connection.
type chdbSession struct {
	mu   *sync.Mutex
	api  *chdbAPI
	conn *chdbConnection
	dir  string
}

// openChDB connects to the engine with its data in dir; settings (such as
// "--readonly=1") hold for every statement of the connection.
func openChDB(dir string, settings ...string) (*chdbSession, error) {
	api, err := loadChDB()
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	args := append([]string{"clickhouse", "--path=" + abs}, settings...)
	argv := make([]*byte, len(args))
	keep := make([][]byte, len(args))
	for i, a := range args {
		keep[i] = append([]byte(a), 0)
		argv[i] = &keep[i][0]
	}
	var conn *chdbConnection
	said := quietStderr(func() { conn = api.connect(len(argv), argv) })
	if conn == nil {
		if strings.Contains(said, "Cannot lock file") {
			return nil, fmt.Errorf("%w: %q", ErrInUse, abs)
		}
		return nil, fmt.Errorf("load: chDB could not open %q: %s", abs, firstLine(said))
	}
	return &chdbSession{mu: new(sync.Mutex), api: api, conn: conn, dir: abs}, nil
}

// run executes one statement and returns its output in format.
func (s *chdbSession) run(ctx context.Context, sql, format string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn == nil {
		return nil, errors.New("load: chDB session closed")
	}
	res := s.api.query(s.conn.internal, sql, format)
	if res == nil {
		return nil, nil
	}
	defer s.api.destroy(res)
	if msg := s.api.resultError(res); msg != "" {
		return nil, fmt.Errorf("load: chDB: %s", firstLine(msg))
	}
	n := int(s.api.length(res))
	if n == 0 {
		return nil, nil
	}
	buf := s.api.buffer(res)
	return append([]byte(nil), unsafe.Slice(buf, n)...), nil
}

// statements asks the engine's parser how many statements sql holds and
// of which class the most writing of them is.
func (s *chdbSession) statements(sql string) (n int, class uint32, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn == nil {
		return 0, 0, errors.New("load: chDB session closed")
	}
	a := chdbAnalysis{size: uint32(unsafe.Sizeof(chdbAnalysis{}))}
	if s.api.classify(s.conn.internal, sql, uintptr(len(sql)), nil, 0, &a) != 0 {
		return 0, 0, errors.New("load: chDB could not classify the query")
	}
	return int(a.statements), a.class, nil
}

func (s *chdbSession) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn != nil {
		s.api.closeConn(s.conn)
		s.conn = nil
	}
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// quietStderr runs f with file descriptor 2 pointed at a temporary file and
// returns what was written there. chDB's engine prints start-up warnings
// with stack traces straight to fd 2 (in a container without cgroup files,
// for one); they belong in an error, if anything fails, not on the user's
// terminal.
func quietStderr(f func()) string {
	tmp, err := os.CreateTemp("", "fiscaldocs-chdb-*.log")
	if err != nil {
		f()
		return ""
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	saved, err := syscall.Dup(2)
	if err != nil {
		f()
		return ""
	}
	defer syscall.Close(saved)
	if err := syscall.Dup3(int(tmp.Fd()), 2, 0); err != nil {
		f()
		return ""
	}
	f()
	syscall.Dup3(saved, 2, 0)
	out, _ := os.ReadFile(tmp.Name())
	return string(out)
}
