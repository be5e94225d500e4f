package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/load"
)

// storeFlags are the flags that name a store: the embedded chDB directory
// (the default), a ClickHouse server, or a cluster of them.
type storeFlags struct {
	data       *string
	clickhouse *string
	cluster    *string
}

func addStoreFlags(fs *flag.FlagSet) storeFlags {
	return storeFlags{
		data:       fs.String("data", "fiscaldocs-data", "the embedded store (chDB) in `DIR`"),
		clickhouse: fs.String("clickhouse", "", "a ClickHouse server instead, over the native protocol: `DSN` is host:9000 or clickhouse://user:password@host:9000 (with --cluster, nodes host1:9000,host2:9000, tried in order)"),
		cluster:    fs.String("cluster", "", "the ClickHouse cluster `NAME` (in the servers' remote_servers) the --clickhouse nodes belong to: the documents are sharded over it (docs/scale.md)"),
	}
}

// open opens the store, creating the embedded one if it is not there yet.
func (f storeFlags) open(ctx context.Context) (load.Store, error) {
	switch {
	case *f.cluster != "" && *f.clickhouse == "":
		return nil, fmt.Errorf("--cluster %s: name a node of it with --clickhouse host:9000", *f.cluster)
	case *f.cluster != "":
		return load.OpenCluster(ctx, *f.clickhouse, *f.cluster)
	case strings.Contains(*f.clickhouse, ","):
		return nil, fmt.Errorf("--clickhouse %s names several nodes: name their cluster with --cluster NAME", *f.clickhouse)
	case *f.clickhouse != "":
		return load.OpenServer(ctx, *f.clickhouse)
	}
	return load.OpenChDB(ctx, *f.data)
}

// openExisting opens the store for reading: an embedded store that is not
// there is an error, not a new empty store.
func (f storeFlags) openExisting(ctx context.Context) (load.Store, error) {
	if *f.clickhouse == "" && !load.HasChDB(*f.data) {
		return nil, fmt.Errorf("no store at %q; run ingest first (or name one with --data or --clickhouse)", *f.data)
	}
	return f.open(ctx)
}
