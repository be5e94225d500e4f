package load

import (
	"strings"
	"testing"
)

func TestClusterSchema(t *testing.T) {
	for _, replicated := range []bool{false, true} {
		stmts := ClusterSchema("c1", replicated)
		all := strings.Join(stmts, ";\n")
		for _, table := range []string{"documents", "facts", "findings", "blocks"} {
			local := find(stmts, "CREATE TABLE IF NOT EXISTS "+LocalDatabase+"."+table+" (")
			dist := find(stmts, "CREATE TABLE IF NOT EXISTS "+Database+"."+table+" (")
			if local == "" || dist == "" {
				t.Fatalf("replicated=%v: %s: local %q, distributed %q", replicated, table, local, dist)
			}
			_, localCols := tableDefs(local)
			_, distCols := tableDefs(dist)
			_, schemaCols := tableDefs(find(schemaStatements(Database), "CREATE TABLE IF NOT EXISTS "+Database+"."+table+" ("))
			if strings.Join(localCols, ",") != strings.Join(schemaCols, ",") || strings.Join(distCols, ",") != strings.Join(schemaCols, ",") {
				t.Errorf("%s: columns local %v, distributed %v; want schema.sql's %v", table, localCols, distCols, schemaCols)
			}
			key := "doc_id"
			if table == "documents" {
				key = "id"
			}
			if want := "ENGINE = Distributed('c1', '" + LocalDatabase + "', '" + table + "', " + shardKeySQL(key) + ")"; !strings.HasSuffix(dist, want) {
				t.Errorf("%s: %q; want it to end %q", table, dist, want)
			}
			if got := strings.Contains(local, "ENGINE = Replicated"); got != replicated {
				t.Errorf("replicated=%v: %s", replicated, local)
			}
		}
		// The dictionaries are whole on every node, as schema.sql makes them.
		if f := find(stmts, "CREATE TABLE IF NOT EXISTS "+Database+".functions ("); !strings.Contains(f, "ENGINE = ReplacingMergeTree() ORDER BY (code)") {
			t.Errorf("functions: %q", f)
		}
		if strings.Contains(all, LocalDatabase+".functions") {
			t.Errorf("a dictionary is sharded")
		}
		if v := find(stmts, "CREATE VIEW IF NOT EXISTS "+Database+".v_facts "); !strings.Contains(v, "FROM "+Database+".facts") ||
			!strings.Contains(v, "IN (SELECT id, version FROM "+LocalDatabase+".documents FINAL)") {
			t.Errorf("v_facts: %q; want the Distributed facts filtered by each shard's own documents", v)
		}
	}
	want := "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/" + LocalDatabase + ".documents', '{replica}', version)"
	if d := find(ClusterSchema("c1", true), "CREATE TABLE IF NOT EXISTS "+LocalDatabase+".documents ("); !strings.Contains(d, want) {
		t.Errorf("documents: %q; want %q", d, want)
	}
}

func find(stmts []string, prefix string) string {
	for _, s := range stmts {
		if strings.HasPrefix(s, prefix) {
			return s
		}
	}
	return ""
}

func TestShardKey(t *testing.T) {
	for _, c := range []struct {
		id   string
		want uint64
	}{
		{"1ac93479a5f55ffe7667ee02e557e7150e3b651f1b31f555b37d4e66cd32a80b", 0x1ac93479a5f55ffe},
		{"ffffffffffffffff" + strings.Repeat("0", 48), 1<<64 - 1},
	} {
		if got, err := ShardKey(c.id); err != nil || got != c.want {
			t.Errorf("ShardKey(%q) = %x, %v; want %x", c.id, got, err, c.want)
		}
	}
	if _, err := ShardKey("x"); err == nil {
		t.Error("ShardKey(\"x\"): no error")
	}
}

func TestParseNodes(t *testing.T) {
	addrs, user, pw, err := parseNodes("clickhouse://u:p@h1:9000,h2")
	if err != nil || strings.Join(addrs, " ") != "h1:9000 h2:9000" || user != "u" || pw != "p" {
		t.Errorf("parseNodes = %v %q %q %v", addrs, user, pw, err)
	}
	if addrs, _, _, err := parseNodes("a:1, b:2"); err != nil || strings.Join(addrs, " ") != "a:1 b:2" {
		t.Errorf("parseNodes(a:1, b:2) = %v %v", addrs, err)
	}
}
