#!/usr/bin/env bash
# Runs a command with a private ClickHouse server (Debian's clickhouse-server)
# on a free loopback port, CLICKHOUSE_ADDR naming it (CLICKHOUSE_DIR its
# folder), and stops the server
# afterwards. usage: scripts/with-clickhouse.sh COMMAND...
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
port=$(( 20000 + RANDOM % 20000 ))
while (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
read -r dir pid tcp http < <("$here/ch-test-server.sh" start "" "$port" "$((port + 1))")
trap '"$here/ch-test-server.sh" stop "$dir"' EXIT
export CLICKHOUSE_ADDR=127.0.0.1:$tcp CLICKHOUSE_DIR=$dir
"$@"
