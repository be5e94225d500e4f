package load

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
)

// A cluster store spreads the documents over the shards of a ClickHouse
// cluster (a cluster named in the servers' remote_servers). Every node
// holds, in LocalDatabase, its shard's part of the tables that have a
// document id (documents, facts, findings, blocks): ReplicatedMergeTree
// kinds when the node has ZooKeeper and the {shard} and {replica} macros,
// so that a shard's replicas copy each other, the plain kinds otherwise.
// In Database every node holds a Distributed table over each of them, the
// dictionaries whole, and the views, so that the SQL written for one
// store answers through any node. All of it is made from schema.sql
// (ClusterSchema); nothing is written twice.
//
// A document's rows all live on one shard, the one its id names
// (ShardKey), so the views' version filter reads each shard's own
// documents: no GLOBAL IN is needed, and 18.16 runs them as they are.

// LocalDatabase is the database of a cluster node's own shard of the
// tables.
const LocalDatabase = "fiscaldocs_shard"

// ShardKey is the number a document's rows are sharded by: the first 16
// hex digits of its id (the SHA-256 of its bytes) as an unsigned integer,
// which the Distributed tables compute as shardKeySQL.
func ShardKey(id string) (uint64, error) {
	if !hexID.MatchString(id) {
		return 0, fmt.Errorf("load: bad document id %q", id)
	}
	return strconv.ParseUint(id[:16], 16, 64)
}

// shardKeySQL is ShardKey in SQL, over column col.
func shardKeySQL(col string) string {
	return fmt.Sprintf("reinterpretAsUInt64(reverse(unhex(substring(%s, 1, 16))))", col)
}

var (
	clusterName = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)
	// engine is the ENGINE clause of a table of schema.sql.
	engine = regexp.MustCompile(`ENGINE = (\w*)MergeTree\(([^)]*)\)`)
)

// ClusterSchema returns a cluster node's DDL, made from schema.sql: the
// local tables (Replicated… when replicated), the Distributed tables over
// them in Database, the dictionaries whole, and the views. The views'
// version filter reads the local documents table: a document's rows and
// its documents row are on one shard.
func ClusterSchema(cluster string, replicated bool) []string {
	out := []string{"CREATE DATABASE IF NOT EXISTS " + LocalDatabase}
	for _, s := range Schema(Database) {
		name, defs := tableDefs(s)
		switch {
		case name != "" && shardedBy(defs) != "":
			table := strings.TrimPrefix(name, Database+".")
			local := strings.Replace(s, " "+name+" (", " "+LocalDatabase+"."+table+" (", 1)
			if replicated {
				local = replicatedEngine(local, table)
			}
			end := strings.Index(s, "\n)") + len("\n)")
			dist := s[:end] + fmt.Sprintf(" ENGINE = Distributed(%s, %s, %s, %s)",
				Quote(cluster), Quote(LocalDatabase), Quote(table), shardKeySQL(shardedBy(defs)))
			out = append(out, local, dist)
		case strings.HasPrefix(s, "CREATE VIEW "):
			view, in, ok := strings.Cut(s, " IN (SELECT ")
			if ok {
				in = strings.ReplaceAll(in, " FROM "+Database+".", " FROM "+LocalDatabase+".")
				s = view + " IN (SELECT " + in
			}
			out = append(out, s)
		default:
			out = append(out, s)
		}
	}
	return out
}

// shardedBy is the column a table is sharded by: its first, when that is
// a document id ("id" of documents, "doc_id" of the rest); "" for a table
// held whole on every node.
func shardedBy(defs []string) string {
	if len(defs) == 0 {
		return ""
	}
	switch f := strings.Fields(defs[0]); f[0] {
	case "id", "doc_id":
		return f[0]
	}
	return ""
}

// replicatedEngine turns a local table's MergeTree kind into its
// Replicated kind, its path in ZooKeeper named by the {shard} macro and
// the table, its replica by the {replica} macro.
func replicatedEngine(stmt, table string) string {
	return engine.ReplaceAllStringFunc(stmt, func(m string) string {
		g := engine.FindStringSubmatch(m)
		args := fmt.Sprintf("'/clickhouse/tables/{shard}/%s.%s', '{replica}'", LocalDatabase, table)
		if g[2] != "" {
			args += ", " + g[2]
		}
		return fmt.Sprintf("ENGINE = Replicated%sMergeTree(%s)", g[1], args)
	})
}

// Cluster is a cluster store. Queries go through the first of the nodes
// given that answers; each document's rows are written to a replica of its
// shard, the same way the Distributed tables would send them, and checked
// there. A Cluster is safe for use by one goroutine at a time, like the
// other stores, but Query may be called from many.
type Cluster struct {
	name           string
	user, password string
	entry          *Server
	shards         []*shard
	slots          []int // the shard (index in shards) of each key % len(slots)
}

// shard is one shard of the cluster and the replica written to.
type shard struct {
	num      int
	replicas []string // host:port, in remote_servers' order
	w        *Server  // the replica written to; nil until the first write and after a failed one
	addr     string   // w's address
}

// OpenCluster connects to cluster name through the first node of dsn
// ("host1:9000,host2:9000", or clickhouse://user:password@host1:9000,…)
// that answers, reads the cluster's shards and replicas from it, and
// creates the schema on every node that answers. A node down is passed
// over: it has its tables from before, and replication brings it the rows.
func OpenCluster(ctx context.Context, dsn, name string) (*Cluster, error) {
	if !clusterName.MatchString(name) {
		return nil, fmt.Errorf("load: cluster name %q: want letters, digits, _ . -", name)
	}
	addrs, user, password, err := parseNodes(dsn)
	if err != nil {
		return nil, err
	}
	entry, err := dial(ctx, addrs, user, password)
	if err != nil {
		return nil, err
	}
	c := &Cluster{name: name, user: user, password: password, entry: entry}
	if err := c.readTopology(ctx); err != nil {
		entry.Close()
		return nil, err
	}
	if err := c.setUpNodes(ctx); err != nil {
		entry.Close()
		return nil, err
	}
	return c, nil
}

// parseNodes reads a DSN naming one or more nodes.
func parseNodes(dsn string) (addrs []string, user, password string, err error) {
	hosts, prefix := dsn, ""
	if scheme, rest, ok := strings.Cut(dsn, "://"); ok {
		hosts = rest
		if at := strings.LastIndex(hosts, "@"); at >= 0 {
			prefix, hosts = hosts[:at+1], hosts[at+1:]
		}
		prefix = scheme + "://" + prefix
	}
	for _, h := range strings.Split(hosts, ",") {
		if h = strings.TrimSpace(h); h == "" {
			continue
		}
		addr, u, p, err := parseDSN(prefix + h)
		if err != nil {
			return nil, "", "", err
		}
		addrs, user, password = append(addrs, addr), u, p
	}
	if len(addrs) == 0 {
		return nil, "", "", fmt.Errorf("load: clickhouse DSN %q names no node", dsn)
	}
	return addrs, user, password, nil
}

// readTopology reads the cluster's shards, replicas and weights from
// system.clusters and lays out the slots as Distributed does: each shard
// takes as many consecutive slots as its weight.
func (c *Cluster) readTopology(ctx context.Context) error {
	res, err := c.entry.read(ctx, "SELECT shard_num, shard_weight, host_address, port FROM system.clusters WHERE cluster = "+
		Quote(c.name)+" ORDER BY shard_num, replica_num")
	if err != nil {
		return fmt.Errorf("load: cluster %s: %w", c.name, err)
	}
	if len(res.Rows) == 0 {
		return fmt.Errorf("load: cluster %q is not in the remote_servers of the server at %s", c.name, c.entry.addrs)
	}
	for _, r := range res.Rows {
		num, err1 := strconv.Atoi(r[0])
		weight, err2 := strconv.Atoi(r[1])
		if err1 != nil || err2 != nil {
			return fmt.Errorf("load: cluster %s: system.clusters row %q", c.name, r)
		}
		if len(c.shards) == 0 || c.shards[len(c.shards)-1].num != num {
			c.shards = append(c.shards, &shard{num: num})
			for range weight {
				c.slots = append(c.slots, len(c.shards)-1)
			}
		}
		sh := c.shards[len(c.shards)-1]
		sh.replicas = append(sh.replicas, r[2]+":"+r[3])
	}
	if len(c.slots) == 0 {
		return fmt.Errorf("load: cluster %s: every shard has weight 0", c.name)
	}
	return nil
}

// setUpNodes creates the schema and the dictionaries on every node that
// answers; it fails only when none does.
func (c *Cluster) setUpNodes(ctx context.Context) error {
	var up int
	var last error
	for _, sh := range c.shards {
		for _, addr := range sh.replicas {
			err := c.setUpNode(ctx, addr)
			if err == nil {
				up++
				continue
			}
			if !unreachable(err) {
				return err
			}
			last = err
		}
	}
	if up == 0 {
		return fmt.Errorf("load: cluster %s: no node answers: %w", c.name, last)
	}
	return nil
}

// setUpNode creates one node's schema: replicated when it has ZooKeeper
// and the macros that name its shard and replica.
func (c *Cluster) setUpNode(ctx context.Context, addr string) error {
	n, err := dial(ctx, []string{addr}, c.user, c.password)
	if err != nil {
		return err
	}
	defer n.Close()
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	replicated, err := hasZooKeeper(ctx, n)
	if err != nil {
		return fmt.Errorf("load: node %s: %w", addr, err)
	}
	exec := func(ctx context.Context, stmt string) error {
		err := n.exec(ctx, stmt)
		if strings.HasPrefix(stmt, "ALTER TABLE ") && isCode(err, codeDuplicateColumn) {
			return nil // a replica that took the column from its twin through ZooKeeper
		}
		return err
	}
	if err := setUp(ctx, n.read, exec, ClusterSchema(c.name, replicated)); err != nil {
		return fmt.Errorf("load: schema on node %s: %w", addr, err)
	}
	if err := writeDictionaries(ctx, n); err != nil {
		return fmt.Errorf("load: node %s: %w", addr, err)
	}
	return nil
}

// hasZooKeeper reports whether a node's tables can be replicated: it has
// ZooKeeper, and the {shard} and {replica} macros.
func hasZooKeeper(ctx context.Context, n *Server) (bool, error) {
	if _, err := n.read(ctx, "SELECT count() FROM system.zookeeper WHERE path = '/'"); err != nil {
		return false, nil // no ZooKeeper in its config: MergeTree
	}
	res, err := n.read(ctx, "SELECT macro FROM system.macros WHERE macro IN ('shard', 'replica')")
	if err != nil {
		return false, err
	}
	if len(res.Rows) != 2 {
		return false, errors.New("it has ZooKeeper but not both the {shard} and {replica} macros its replicated tables need")
	}
	return true, nil
}

// Server error codes the cluster store tells apart.
const (
	codeDuplicateColumn = 15
	codeNetwork         = 210
	codeAllTriesFailed  = 279
)

func isCode(err error, code int32) bool {
	var ex *clickhouse.Exception
	return errors.As(err, &ex) && ex.Code == code
}

// unreachable reports whether err is a failure to reach a node or to hear
// it out, rather than the node's answer or a count found short.
func unreachable(err error) bool {
	var ex *clickhouse.Exception
	return err != nil && !errors.As(err, &ex) && !errors.Is(err, ErrCount) &&
		!errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
}

// shardOf is the index in c.shards of the shard document id belongs to.
func (c *Cluster) shardOf(id string) (int, error) {
	k, err := ShardKey(id)
	if err != nil {
		return 0, err
	}
	return c.slots[k%uint64(len(c.slots))], nil
}

// Write writes each document's rows to its shard, shard by shard, as the
// other stores do (tables in order, the documents rows last, each
// document's counts checked on the replica written to). A document's
// shard is the one that holds it already, else the one its id names: so
// a shard added to the cluster takes new documents, and a document read
// again stays with its older load. A replica that cannot be reached is
// left for the shard's next one, once per write; the error of a write
// that fails names the shard and replica.
func (c *Cluster) Write(ctx context.Context, bs ...*Batch) error {
	bs = latest(bs)
	if len(bs) == 0 {
		return nil
	}
	in, err := idList(bs)
	if err != nil {
		return err
	}
	held, err := c.holders(ctx, in)
	if err != nil {
		return err
	}
	per := make([][]*Batch, len(c.shards))
	for _, b := range bs {
		i, ok := held[b.Document.ID]
		if !ok {
			if i, err = c.shardOf(b.Document.ID); err != nil {
				return err
			}
		}
		per[i] = append(per[i], b)
	}
	for i, group := range per {
		if len(group) > 0 {
			err := c.shards[i].do(ctx, c, func(w *Server) error { return writeBatch(ctx, w, group) })
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// holders finds the shard (index in c.shards) of each document listed in
// "in" that a shard holds already.
func (c *Cluster) holders(ctx context.Context, in string) (map[string]int, error) {
	out := map[string]int{}
	for i, sh := range c.shards {
		err := sh.do(ctx, c, func(w *Server) error {
			res, err := w.read(ctx, fmt.Sprintf("SELECT DISTINCT id FROM %s.documents WHERE id IN (%s)", LocalDatabase, in))
			if err != nil {
				return err
			}
			for _, r := range res.Rows {
				if _, ok := out[r[0]]; !ok {
					out[r[0]] = i
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// do runs fn on the replica the shard wrote to last, or the first that
// answers; when that one cannot be reached, once more on the next that
// answers. Its error names the shard and replica.
func (sh *shard) do(ctx context.Context, c *Cluster, fn func(*Server) error) error {
	var err error
	for try := 0; try < 2; try++ {
		if sh.w == nil {
			if err = sh.pick(ctx, c); err != nil {
				return err
			}
		}
		if err = fn(sh.w); err == nil {
			return nil
		}
		failed := sh.addr
		sh.w.Close()
		sh.w, sh.addr = nil, ""
		err = fmt.Errorf("load: shard %d of cluster %s, replica %s: %w", sh.num, c.name, failed, err)
		if !unreachable(err) || ctx.Err() != nil {
			return err
		}
	}
	return err
}

// pick connects to the shard's first replica that answers.
func (sh *shard) pick(ctx context.Context, c *Cluster) error {
	var errs []string
	for _, addr := range sh.replicas {
		s, err := dial(ctx, []string{addr}, c.user, c.password)
		if err == nil {
			s.db = LocalDatabase
			sh.w, sh.addr = s, addr
			return nil
		}
		errs = append(errs, oneLine(err))
	}
	return fmt.Errorf("load: shard %d of cluster %s: no replica answers (%s)", sh.num, c.name, strings.Join(errs, "; "))
}

// explain names the shard of the node an error of a distributed query
// names, when the shard cannot be reached, in one line.
func (c *Cluster) explain(err error) error {
	var ex *clickhouse.Exception
	if !errors.As(err, &ex) || (ex.Code != codeAllTriesFailed && ex.Code != codeNetwork) {
		return err
	}
	for _, sh := range c.shards {
		for _, addr := range sh.replicas {
			if strings.Contains(ex.Message, addr) {
				first, _, _ := strings.Cut(ex.Message, "\n")
				return fmt.Errorf("load: shard %d of cluster %s (%s) cannot be reached, so its rows cannot be read "+
					"(a server profile's skip_unavailable_shards = 1 answers from the other shards instead; docs/scale.md): server error %d: %s",
					sh.num, c.name, strings.Join(sh.replicas, ", "), ex.Code, strings.TrimSuffix(strings.TrimSpace(first), " Log:"))
			}
		}
	}
	return err
}

// oneLine is an error's first line.
func oneLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return strings.TrimSpace(s)
}

func (c *Cluster) Ingested(ctx context.Context, id, extractor string) (Stored, error) {
	h, err := holdings(ctx, c.entry.read, extractor, id)
	return h[id], c.explain(err)
}

func (c *Cluster) Holdings(ctx context.Context, extractor string) (map[string]Stored, error) {
	h, err := holdings(ctx, c.entry.read, extractor, "")
	return h, c.explain(err)
}

// SetLimits bounds the queries of Query, as Server.SetLimits does.
func (c *Cluster) SetLimits(l Limits) { c.entry.SetLimits(l) }

// Query runs one statement read-only through the entry node.
func (c *Cluster) Query(ctx context.Context, sql string) (*Result, error) {
	r, err := c.entry.Query(ctx, sql)
	return r, c.explain(err)
}

// QueryWrite runs one statement that may write through the entry node: an
// INSERT into a Distributed table is sharded by the server.
func (c *Cluster) QueryWrite(ctx context.Context, sql string) (*Result, error) {
	r, err := c.entry.QueryWrite(ctx, sql)
	return r, c.explain(err)
}

func (c *Cluster) Close() error {
	for _, sh := range c.shards {
		if sh.w != nil {
			sh.w.Close()
		}
	}
	return c.entry.Close()
}
