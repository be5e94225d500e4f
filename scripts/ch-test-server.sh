#!/usr/bin/env bash
# A private, throw-away ClickHouse server (Debian's clickhouse-server
# 18.16) for the integration tests: its own directory, 127.0.0.1 only, the
# ports given.
# usage: scripts/ch-test-server.sh start [DIR] [TCP_PORT] [HTTP_PORT]   prints "DIR PID TCP HTTP"
#        scripts/ch-test-server.sh halt DIR    stops it, keeping its data (start DIR again resumes)
#        scripts/ch-test-server.sh stop DIR    stops it and removes DIR
set -euo pipefail
cmd=${1:?start|stop}
case "$cmd" in
start)
  dir=${2:-$(mktemp -d /tmp/chtest.XXXXXX)}
  tcp=${3:-19000}; http=${4:-18123}
  mkdir -p "$dir/data/tmp" "$dir/data/user_files" "$dir/log"
  cat > "$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$dir/log/server.log</log><errorlog>$dir/log/server.err.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <tcp_port>$tcp</tcp_port>
  <http_port>$http</http_port>
  <path>$dir/data/</path>
  <tmp_path>$dir/data/tmp/</tmp_path>
  <user_files_path>$dir/data/user_files/</user_files_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <mlock_executable>false</mlock_executable>
</yandex>
XML
  cat > "$dir/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage><load_balancing>random</load_balancing></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
  /usr/sbin/clickhouse-server --config-file="$dir/config.xml" --pid-file="$dir/server.pid" --daemon
  for _ in $(seq 1 300); do
    if clickhouse-client --host 127.0.0.1 --port "$tcp" -q "SELECT 1" >/dev/null 2>&1; then
      echo "$dir $(cat "$dir/server.pid") $tcp $http"; exit 0
    fi
    sleep 0.1
  done
  echo "clickhouse did not become ready; log:" >&2; tail -50 "$dir/log/server.err.log" >&2 || true; exit 1 ;;
stop|halt)
  dir=${2:?dir}
  if [ -f "$dir/server.pid" ]; then
    pid=$(cat "$dir/server.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" || true
    rm -f "$dir/server.pid"
  fi
  [ "$cmd" = stop ] && rm -rf "$dir"
  exit 0 ;;
esac
