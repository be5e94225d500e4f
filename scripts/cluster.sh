#!/usr/bin/env bash
# A private, throw-away ClickHouse cluster for the cluster tests and the
# scale benchmark, all on 127.0.0.1: 2 shards × 2 replicas of Debian's
# clickhouse-server (18.16) and one ZooKeeper (Debian's zookeeper), each in
# its own folder under DIR, on ports from BASE up, so that it never meets a
# system server or another test's.
#
# usage: scripts/cluster.sh start [DIR] [BASE]   prints "DIR CLUSTER ADDRS"
#        scripts/cluster.sh stop DIR             stops everything and removes DIR
#        scripts/cluster.sh kill DIR NODE        kill -9 one node (1-4: s1r1 s1r2 s2r1 s2r2)
#        scripts/cluster.sh halt DIR NODE        stops one node, keeping its data
#        scripts/cluster.sh resume DIR NODE      starts a stopped or killed node again
#
# Ports: ZooKeeper BASE; node n: native BASE+n, HTTP BASE+10+n,
# interserver BASE+20+n. ADDRS lists the nodes' native ports, comma
# separated, in the order shard 1 replica 1, shard 1 replica 2, shard 2 … .
# The cluster is named fiscaldocs_test in every node's remote_servers.
# Memory stays modest: 128 MB caches, 2 GB a query, ZooKeeper's heap 256 MB.
set -euo pipefail
cluster=fiscaldocs_test
nodes=4

port() { # port KIND N
  case $1 in tcp) echo $((base + $2));; http) echo $((base + 10 + $2));; inter) echo $((base + 20 + $2));; esac
}

wait_ready() { # wait_ready N: up to 30 s
  for _ in $(seq 1 300); do
    clickhouse-client --host 127.0.0.1 --port "$(port tcp "$1")" -q "SELECT 1" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "cluster.sh: node $1 (port $(port tcp "$1")) did not become ready; its log:" >&2
  tail -30 "$dir/node$1/log/server.err.log" >&2 || true
  return 1
}

start_node() { # start_node N
  /usr/sbin/clickhouse-server --config-file="$dir/node$1/config.xml" --pid-file="$dir/node$1/server.pid" --daemon
  wait_ready "$1"
}

stop_pid() { # stop_pid FILE: TERM, then KILL after 15 s
  [ -f "$1" ] || return 0
  local pid; pid=$(cat "$1")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$1"
}

write_zookeeper() {
  mkdir -p "$dir/zk/data"
  cat > "$dir/zk/zoo.cfg" <<CFG
tickTime=2000
dataDir=$dir/zk/data
clientPort=$base
clientPortAddress=127.0.0.1
maxClientCnxns=100
admin.enableServer=false
4lw.commands.whitelist=ruok
CFG
  cat > "$dir/zk/log4j.properties" <<CFG
log4j.rootLogger=WARN, FILE
log4j.appender.FILE=org.apache.log4j.FileAppender
log4j.appender.FILE.File=$dir/zk/zookeeper.log
log4j.appender.FILE.layout=org.apache.log4j.PatternLayout
log4j.appender.FILE.layout.ConversionPattern=%d %p %c: %m%n
CFG
}

start_zookeeper() {
  # ZooKeeperServerMain: one standalone server; its own class path, with
  # the folder holding log4j.properties first.
  nohup java -Xmx256m -Dzookeeper.jmx.log4j.disable=true -cp "$dir/zk:/usr/share/java/zookeeper.jar" \
    org.apache.zookeeper.server.ZooKeeperServerMain "$dir/zk/zoo.cfg" >"$dir/zk/stdout.log" 2>&1 &
  echo $! > "$dir/zk/server.pid"
  for _ in $(seq 1 300); do
    [ "$( (exec 3<>"/dev/tcp/127.0.0.1/$base" && printf ruok >&3 && timeout 1 cat <&3) 2>/dev/null)" = imok ] && return 0
    sleep 0.1
  done
  echo "cluster.sh: ZooKeeper (port $base) did not become ready:" >&2
  tail -30 "$dir/zk/stdout.log" "$dir/zk/zookeeper.log" >&2 || true
  return 1
}

write_node() { # write_node N SHARD REPLICA
  local n=$1 d="$dir/node$1"
  mkdir -p "$d/data/tmp" "$d/data/user_files" "$d/log"
  local replicas="" s r m
  for s in 1 2; do
    replicas="$replicas<shard><internal_replication>true</internal_replication>"
    for r in 1 2; do
      m=$(( (s - 1) * 2 + r ))
      replicas="$replicas<replica><host>127.0.0.1</host><port>$(port tcp $m)</port></replica>"
    done
    replicas="$replicas</shard>"
  done
  cat > "$d/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$d/log/server.log</log><errorlog>$d/log/server.err.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <tcp_port>$(port tcp "$n")</tcp_port>
  <http_port>$(port http "$n")</http_port>
  <interserver_http_port>$(port inter "$n")</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>$d/data/</path>
  <tmp_path>$d/data/tmp/</tmp_path>
  <user_files_path>$d/data/user_files/</user_files_path>
  <users_config>$d/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>134217728</mark_cache_size>
  <uncompressed_cache_size>134217728</uncompressed_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <mlock_executable>false</mlock_executable>
  <remote_servers><$cluster>$replicas</$cluster></remote_servers>
  <zookeeper><node><host>127.0.0.1</host><port>$base</port></node><session_timeout_ms>30000</session_timeout_ms></zookeeper>
  <macros><shard>$2</shard><replica>r$3</replica></macros>
  <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>
</yandex>
XML
  cat > "$d/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage><load_balancing>in_order</load_balancing><connect_timeout_with_failover_ms>200</connect_timeout_with_failover_ms></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
}

node() { # node N: checks a node number
  case ${1:-} in 1|2|3|4) ;; *) echo "cluster.sh: NODE is 1-4 (s1r1 s1r2 s2r1 s2r2)" >&2; exit 2;; esac
}

stop_all() {
  for n in $(seq 1 $nodes); do stop_pid "$dir/node$n/server.pid"; done
  stop_pid "$dir/zk/server.pid"
}

cmd=${1:?start|stop|kill|halt|resume}
case "$cmd" in
start)
  dir=${2:-}; [ -n "$dir" ] || dir=$(mktemp -d /tmp/chcluster.XXXXXX)
  base=${3:-29300}
  mkdir -p "$dir"; echo "$base" > "$dir/base"
  trap 'stop_all; exit 1' ERR
  for p in $base $(for n in $(seq 1 $nodes); do port tcp "$n"; port http "$n"; port inter "$n"; done); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "cluster.sh: port $p is taken; give another BASE" >&2; exit 1; fi
  done
  write_zookeeper
  start_zookeeper
  addrs=""
  for n in $(seq 1 $nodes); do
    write_node "$n" $(( (n + 1) / 2 )) $(( (n + 1) % 2 + 1 ))
    start_node "$n"
    addrs="$addrs${addrs:+,}127.0.0.1:$(port tcp "$n")"
  done
  echo "$dir $cluster $addrs" ;;
stop)
  dir=${2:?DIR}
  stop_all
  rm -rf "$dir" ;;
kill)
  dir=${2:?DIR}; node "${3:-}"
  kill -KILL "$(cat "$dir/node$3/server.pid")"
  rm -f "$dir/node$3/server.pid" ;;
halt)
  dir=${2:?DIR}; node "${3:-}"
  stop_pid "$dir/node$3/server.pid" ;;
resume)
  dir=${2:?DIR}; node "${3:-}"; base=$(cat "$dir/base")
  start_node "$3" ;;
*)
  echo "usage: scripts/cluster.sh start [DIR] [BASE] | stop DIR | kill|halt|resume DIR NODE" >&2; exit 2 ;;
esac
