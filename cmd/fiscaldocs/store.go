package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/fiscaldocs/fiscaldocs/load"
)

// storeFlags are the flags that name a store: the embedded chDB directory
// (the default) or a ClickHouse server.
type storeFlags struct {
	data       *string
	clickhouse *string
}

func addStoreFlags(fs *flag.FlagSet) storeFlags {
	return storeFlags{
		data:       fs.String("data", "fiscaldocs-data", "the embedded store (chDB) in `DIR`"),
		clickhouse: fs.String("clickhouse", "", "a ClickHouse server instead, over the native protocol: `DSN` is host:9000 or clickhouse://user:password@host:9000"),
	}
}

// open opens the store, creating the embedded one if it is not there yet.
func (f storeFlags) open(ctx context.Context) (load.Store, error) {
	if *f.clickhouse != "" {
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
