#!/usr/bin/env bash
# Runs a command with a private cluster (scripts/cluster.sh: 2 shards × 2
# replicas and ZooKeeper) on free loopback ports, FISCALDOCS_CLUSTER
# naming it as "DIR NAME ADDRS", and stops it afterwards.
# usage: scripts/with-cluster.sh COMMAND...
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
base=$(( 30000 + RANDOM % 20000 / 30 * 30 ))
for _ in $(seq 1 50); do
  ok=1; for p in $(seq "$base" $((base + 24))); do free "$p" || { ok=0; break; }; done
  [ $ok = 1 ] && break
  base=$((base + 30))
done
read -r dir name addrs < <("$here/cluster.sh" start "" "$base") || true
[ -n "${addrs:-}" ] || { echo "with-cluster.sh: the cluster did not start" >&2; exit 1; }
trap '"$here/cluster.sh" stop "$dir"' EXIT
export FISCALDOCS_CLUSTER="$dir $name $addrs"
"$@"
