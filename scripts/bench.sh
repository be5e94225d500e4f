#!/usr/bin/env bash
# End-to-end speed over the shared corpus's PDFs: fiscaldocs extract --json
# (pdftotext -tsv + layout + facts + checks) next to pdftotext -layout alone
# on the same files in the same run, both using every core.
# usage: scripts/bench.sh BIN CORPUS_DIR
set -euo pipefail
bin=${1:?fiscaldocs binary}; dir=${2:?folder of PDFs}
if [ ! -d "$dir" ]; then echo "bench: $dir absent (the shared corpus sits beside the project); skipping"; exit 0; fi
files=$(find "$dir" -name '*.pdf' | sort)
n=$(echo "$files" | wc -l)
pages=0
for f in $files; do pages=$((pages + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/{print $2}'))); done
cores=$(nproc)
now() { date +%s.%N; }
rate() { awk -v p="$1" -v t="$2" 'BEGIN{printf "%.0f", p/t}'; }
# Warm the page cache and the binary once.
"$bin" extract --json $files >/dev/null 2>&1 || true
t0=$(now); echo "$files" | xargs -P "$cores" -I{} pdftotext -layout -enc UTF-8 {} /dev/null 2>/dev/null; t1=$(now)
ref=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')
t0=$(now); "$bin" extract --json $files >/dev/null 2>/dev/null || true; t1=$(now)
ours=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')
rss="?"
if [ -x /usr/bin/time ]; then
  tf=$(mktemp); /usr/bin/time -o "$tf" -f '%M' "$bin" extract --json $files >/dev/null 2>&1 || true; rss=$(tail -1 "$tf"); rm -f "$tf"
fi
printf 'corpus: %d PDFs, %d pages, %d cores\n' "$n" "$pages" "$cores"
printf 'pdftotext -layout:      %6.2f s  %5s pages/s\n' "$ref" "$(rate "$pages" "$ref")"
printf 'fiscaldocs extract --json: %6.2f s  %5s pages/s  %5.2f docs/s  (%.2f× pdftotext)  peak RSS %s KB\n' \
  "$ours" "$(rate "$pages" "$ours")" "$(awk -v n="$n" -v t="$ours" 'BEGIN{print n/t}')" "$(awk -v a="$ours" -v b="$ref" 'BEGIN{print a/b}')" "$rss"
# Scaling: the same files ten times over (copies, so every one is read):
# time should grow tenfold and peak RSS stay flat.
if [ -x /usr/bin/time ]; then
  big=$(mktemp -d); tf=$(mktemp)
  for k in $(seq 1 10); do mkdir -p "$big/$k"; cp $files "$big/$k/"; done
  /usr/bin/time -o "$tf" -f '%e %M' "$bin" extract --json $files >/dev/null 2>&1 || true
  read -r s1 r1 < "$tf"
  /usr/bin/time -o "$tf" -f '%e %M' "$bin" extract --json "$big" >/dev/null 2>&1 || true
  read -r s10 r10 < "$tf"
  printf 'scaling: 1x %.2f s %s KB, 10x %.2f s %s KB (time %.1fx, peak RSS %.2fx)\n' "$s1" "$r1" "$s10" "$r10" \
    "$(awk -v a="$s10" -v b="$s1" 'BEGIN{print a/b}')" "$(awk -v a="$r10" -v b="$r1" 'BEGIN{print a/b}')"
  rm -rf "$big" "$tf"
fi
# Ingest: the whole run into a ClickHouse server (when CLICKHOUSE_ADDR names
# one) and into embedded chDB, with the peak RSS of each; chDB runs inside
# the process, so its RSS includes the engine's.
if [ -x /usr/bin/time ]; then
  tf=$(mktemp)
  if [ -n "${CLICKHOUSE_ADDR:-}" ]; then
    /usr/bin/time -o "$tf" -f '%e %M' "$bin" ingest --workers 2 --clickhouse "$CLICKHOUSE_ADDR" $files >/dev/null 2>&1 || true
    read -r secs rss < "$tf"
    printf 'ingest into the server (2 workers): %6.2f s  peak RSS %s KB\n' "$secs" "$rss"
  fi
  d=$(mktemp -d)
  if /usr/bin/time -o "$tf" -f '%e %M' "$bin" ingest --workers 2 --data "$d" $files >/dev/null 2>&1; then :; fi
  read -r secs rss < "$tf"
  printf 'ingest into chDB (2 workers):       %6.2f s  peak RSS %s KB (chDB included)\n' "$secs" "$rss"
  rm -rf "$d" "$tf"
fi
