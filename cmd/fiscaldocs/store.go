package main

import (
	"context"
	"flag"

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
