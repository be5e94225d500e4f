package load

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/shopspring/decimal"
)

// Server is a ClickHouse server reached over the native protocol (port
// 9000 by default). HTTP is not offered: the driver's HTTP client does not
// work with the 18.16 servers Debian ships (shared notes, clickhouse.md).
type Server struct {
	conn   driver.Conn
	db     string // the database written: "" for Database
	addrs  string // the addresses dialled, for errors
	limits Limits // of Query
}

// SetLimits bounds the queries of Query: the server stops one that runs
// longer or returns more rows.
func (s *Server) SetLimits(l Limits) { s.limits = l }

func (s *Server) database() string {
	if s.db == "" {
		return Database
	}
	return s.db
}

// OpenServer connects to a ClickHouse server named by dsn — "host:port",
// or "clickhouse://[user[:password]@]host:port" — and creates the schema.
func OpenServer(ctx context.Context, dsn string) (*Server, error) {
	addr, user, password, err := parseDSN(dsn)
	if err != nil {
		return nil, err
	}
	s, err := dial(ctx, []string{addr}, user, password)
	if err != nil {
		return nil, err
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := s.notClustered(pctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := setUp(pctx, s.read, s.exec, Schema(Database)); err != nil {
		s.Close()
		return nil, fmt.Errorf("load: schema on %s: %w", addr, err)
	}
	if err := writeDictionaries(pctx, s); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// notClustered refuses a node of a cluster store (OpenCluster), whose
// views one server's schema would replace with views it cannot run.
func (s *Server) notClustered(ctx context.Context) error {
	res, err := s.read(ctx, "SELECT engine FROM system.tables WHERE database = "+Quote(Database)+" AND name = 'documents'")
	if err != nil {
		return fmt.Errorf("load: %s: %w", s.addrs, err)
	}
	if len(res.Rows) == 1 && res.Rows[0][0] == "Distributed" {
		return fmt.Errorf("load: %s is a node of a cluster store (%s.documents is Distributed): open it with --cluster and the cluster's name", s.addrs, Database)
	}
	return nil
}

// dial connects to the first of addrs that answers, over the native
// protocol, and pings it; the error names the addresses tried.
func dial(ctx context.Context, addrs []string, user, password string) (*Server, error) {
	conn, err := clickhouse.Open(&clickhouse.Options{
		Addr:             addrs,
		Protocol:         clickhouse.Native,
		Auth:             clickhouse.Auth{Database: "default", Username: user, Password: password},
		DialTimeout:      5 * time.Second,
		ReadTimeout:      60 * time.Second,
		ConnOpenStrategy: clickhouse.ConnOpenInOrder,
	})
	where := strings.Join(addrs, ", ")
	if err != nil {
		return nil, fmt.Errorf("load: %s: %w", where, err)
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := conn.Ping(pctx); err != nil {
		conn.Close()
		return nil, fmt.Errorf("load: %s: %w", where, err)
	}
	return &Server{conn: conn, addrs: where}, nil
}

func parseDSN(dsn string) (addr, user, password string, err error) {
	user = "default"
	if !strings.Contains(dsn, "://") {
		return dsn, user, "", nil
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "", "", "", fmt.Errorf("load: clickhouse DSN: %w", err)
	}
	if u.Scheme != "clickhouse" && u.Scheme != "tcp" {
		return "", "", "", fmt.Errorf("load: clickhouse DSN %q: only the native protocol (clickhouse://host:9000) is supported", dsn)
	}
	if u.User != nil {
		user = u.User.Username()
		password, _ = u.User.Password()
	}
	addr = u.Host
	if u.Port() == "" {
		addr += ":9000"
	}
	return addr, user, password, nil
}

func (s *Server) Close() error { return s.conn.Close() }

func (s *Server) Ingested(ctx context.Context, id, extractor string) (Stored, error) {
	h, err := holdings(ctx, s.read, extractor, id)
	return h[id], err
}

func (s *Server) Holdings(ctx context.Context, extractor string) (map[string]Stored, error) {
	return holdings(ctx, s.read, extractor, "")
}

// Write sends each table's rows in one insert with an explicit column list
// (without it the driver silently stores nothing on 18.16), column by
// column (twice as fast as row-wise Append) in blocks of flushRows, and
// checks the counts after.
func (s *Server) Write(ctx context.Context, bs ...*Batch) error { return writeBatch(ctx, s, bs) }

// flushRows is the rows of one block sent within an insert.
const flushRows = 4096

func (s *Server) insert(ctx context.Context, p tableRows) error {
	batch, err := s.conn.PrepareBatch(ctx, fmt.Sprintf("INSERT INTO %s.%s (%s)", s.database(), p.table, strings.Join(p.columns, ", ")))
	if err != nil {
		return err
	}
	defer batch.Abort()
	// Blocks of flushRows: the driver's column buffers are then reused
	// rather than grown, which costs more than the encoding itself.
	for from := 0; from < p.n; from += flushRows {
		part := p.slice(from, min(from+flushRows, p.n))
		for j := range part.columns {
			if err := batch.Column(j).Append(part.values(j)); err != nil {
				return fmt.Errorf("column %s: %w", part.columns[j], err)
			}
		}
		if err := batch.Flush(); err != nil {
			return err
		}
	}
	return batch.Send()
}

func (s *Server) prune(ctx context.Context, table, id string, version uint64) error {
	return s.exec(ctx, pruneSQL(s.database(), table, id, version)) // 18.16 knows no mutations_sync: the server finishes it alone
}

func (s *Server) exec(ctx context.Context, sql string) error {
	if err := s.conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("load: %w", err)
	}
	return nil
}

// Query sends the statement with the setting readonly=1, which the server
// applies to it alone: a write, a DDL statement, a SET, a SETTINGS clause
// or a table function (file, url, remote) fails there. The server itself
// takes one statement a query and refuses more as a syntax error, which
// is told as ErrStatements.
func (s *Server) Query(ctx context.Context, sql string) (*Result, error) {
	// The limits are kept here, not sent as settings: with readonly=1 in
	// the same query a server may refuse to change any other setting.
	if s.limits.Time > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.limits.Time)
		defer cancel()
	}
	return s.readAtMost(clickhouse.Context(ctx, clickhouse.WithSettings(queryReadOnly)), sql, s.limits.Rows)
}

// queryReadOnly are Query's settings: read-only, and the filters of a
// query over a view pushed into the view's own query, as ClickHouse does
// by default since 2019. Without it, 18.16 applies the views' version
// filter to every row of a table before the query's own WHERE, which
// takes ten times as long as the same aggregation over the table.
var queryReadOnly = clickhouse.Settings{"readonly": 1, "enable_optimize_predicate_expression": 1}

// QueryWrite sends the statement with the connection's own settings. A
// statement that answers with rows is sent as a query, any other as an
// Exec: the driver reads no answer from an 18.16 server for an INSERT or
// a DDL statement sent as a query.
func (s *Server) QueryWrite(ctx context.Context, sql string) (*Result, error) {
	switch {
	case answers.MatchString(sql):
		return s.read(ctx, sql)
	case insertValues.MatchString(sql):
		return nil, errInsertValues
	}
	if err := s.conn.Exec(ctx, sql); err != nil {
		if multiStatements.MatchString(err.Error()) {
			return nil, ErrStatements
		}
		return nil, fmt.Errorf("load: %w", err)
	}
	return &Result{}, nil
}

// insertValues matches an INSERT with its rows inline, which the driver
// cannot send to an 18.16 server: the server waits for rows that never
// come.
var insertValues = regexp.MustCompile("(?is)^\\s*INSERT\\s+INTO\\s+[\\w.`\"]+\\s*(?:\\([^)]*\\))?\\s*VALUES\\b")

var errInsertValues = errors.New("load: INSERT … VALUES cannot be sent to this server; write INSERT INTO t (…) SELECT … instead")

// answers matches the statements that answer with rows.
var answers = regexp.MustCompile(`(?is)^[\s(]*(?:SELECT|WITH|SHOW|DESC|DESCRIBE|EXPLAIN|EXISTS|CHECK)\b`)

// multiStatements is the server's refusal of a second statement.
var multiStatements = regexp.MustCompile(`code: 62, message: Syntax error \(Multi-statements are not allowed\)`)

// read runs SQL and reads its rows as text.
func (s *Server) read(ctx context.Context, sql string) (*Result, error) {
	return s.readAtMost(ctx, sql, 0)
}

// readAtMost is read that stops after n rows and one more (the one that
// says there were more), or reads all when n is 0.
func (s *Server) readAtMost(ctx context.Context, sql string, n int) (*Result, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rows, err := s.conn.Query(ctx, sql)
	if err != nil {
		if multiStatements.MatchString(err.Error()) {
			return nil, ErrStatements
		}
		return nil, fmt.Errorf("load: %w", err)
	}
	r := &Result{Columns: rows.Columns()}
	defer func() {
		if n > 0 && len(r.Rows) > n {
			cancel() // the rows left are not wanted: the server stops, not Close reading them all
		}
		rows.Close()
	}()
	types := rows.ColumnTypes()
	for _, t := range types {
		r.Types = append(r.Types, t.DatabaseTypeName())
	}
	for rows.Next() && (n == 0 || len(r.Rows) <= n) {
		vals := make([]any, len(types))
		for i, t := range types {
			vals[i] = reflect.New(t.ScanType()).Interface()
		}
		if err := rows.Scan(vals...); err != nil {
			return nil, fmt.Errorf("load: %w", err)
		}
		row := make([]string, len(vals))
		for i, v := range vals {
			row[i] = text(reflect.ValueOf(v).Elem().Interface())
		}
		r.Rows = append(r.Rows, row)
	}
	return r, rows.Err()
}

// text formats a scanned value as chDB's TabSeparated output shows it.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return x
	case decimal.Decimal:
		return x.String()
	case *decimal.Decimal:
		if x == nil {
			return "NULL"
		}
		return x.String()
	case time.Time:
		return x.UTC().Format("2006-01-02 15:04:05")
	case []string:
		parts := make([]string, len(x))
		for i, s := range x {
			parts[i] = Quote(s)
		}
		return "[" + strings.Join(parts, ",") + "]"
	case fmt.Stringer:
		return x.String()
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer:
		if rv.IsNil() {
			return "NULL"
		}
		return text(rv.Elem().Interface())
	case reflect.Slice:
		parts := make([]string, rv.Len())
		for i := range parts {
			parts[i] = text(rv.Index(i).Interface())
		}
		return "[" + strings.Join(parts, ",") + "]"
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(rv.Float(), 'f', -1, 64)
	}
	return fmt.Sprint(v)
}
