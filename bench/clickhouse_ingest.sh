#!/usr/bin/env bash
# bench/clickhouse_ingest.sh: ingest rate into ClickHouse vs SQLite on this machine.
#
# Ingests one generated corpus (bench/gen_corpus.py) with `ties ingest` into
#   1. a fresh SQLite file,
#   2. one ClickHouse server (local tables),
#   3. the 2-shard cluster: two workers (`--shard 0/2`, `--shard 1/2`) at once,
#      each writing to its own server,
# first with the full default pipeline (extraction bound), then with the
# `segment` stage only (store bound: the cost of writing articles), and prints
# a markdown table of articles/s and MB/s. Needs the servers of scripts/services
# (started here when they do not answer; stopped again at the end).
#
#   bench/clickhouse_ingest.sh                 # 20000 articles (~25 MB)
#   bench/clickhouse_ingest.sh --articles 100000
#   bench/clickhouse_ingest.sh --repeat 3      # best of 3 runs per row (busy machines)
#   bench/clickhouse_ingest.sh --store-only    # only the store-bound (segment) rows
#   TIES=build-ch/ties bench/clickhouse_ingest.sh --quick
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=20000
REPEAT=1
SETS="default segment"
while [ $# -gt 0 ]; do
  case "$1" in
    --articles) ARTICLES="$2"; shift 2 ;;
    --repeat) REPEAT="$2"; shift 2 ;;
    --quick) ARTICLES=2000; shift ;;
    --store-only) SETS=segment; shift ;;
    *) echo "usage: bench/clickhouse_ingest.sh [--articles N] [--repeat N] [--store-only] [--quick]" >&2; exit 2 ;;
  esac
done
TIES=${TIES:-build/ties}
[ -x "$TIES" ] || { echo "build first (cmake --build --preset default), or set TIES=path/to/ties" >&2; exit 1; }
export TIES_DATA_DIR=${TIES_DATA_DIR:-$(pwd)/data}
WORK=${TIES_BENCH_DIR:-/tmp/ties-bench-ch}
mkdir -p "$WORK"

. bench/clickhouse_services.sh  # P0, P1; servers started (and stopped at exit) when down

corpus="$WORK/corpus-$ARTICLES.jsonl"
[ -s "$corpus" ] || python3 bench/gen_corpus.py --articles "$ARTICLES" --out "$corpus"
mb=$(awk -v b="$(stat -c %s "$corpus")" 'BEGIN { printf "%.1f", b / 1048576 }')
cores=$(nproc)
half=$(( cores > 1 ? cores / 2 : 1 ))

ch_sql() { curl -s --fail-with-body "http://127.0.0.1:$1/" --data-binary "$2" >/dev/null; }

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { print b - a }'; }
row() {  # label seconds
  awk -v l="$1" -v s="$2" -v n="$ARTICLES" -v mb="$mb" \
    'BEGIN { printf "| %s | %.1f | %.0f | %.2f |\n", l, s, n / s, mb / s }'
}

echo "# ClickHouse vs SQLite ingest, $(date -u +%Y-%m-%dT%H:%MZ), $cores cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1 /proc/loadavg), best of $REPEAT"
echo
echo "Corpus: $ARTICLES generated articles, $mb MB (bench/gen_corpus.py). ClickHouse $(curl -s "http://127.0.0.1:$P0/?query=SELECT%20version()")."
echo
for stages in $SETS; do
  stage_flag=()
  [ "$stages" = default ] || stage_flag=(--stages "$stages")
  echo "## Stages: $stages"
  echo
  echo "| store | seconds | articles/s | MB/s |"
  echo "|---|---|---|---|"
  best() { printf '%s\n' "$@" | sort -g | head -n 1; }
  times=()
  for _ in $(seq "$REPEAT"); do
    rm -f "$WORK/bench.db" "$WORK/bench.db-wal" "$WORK/bench.db-shm"
    t0=$(now)
    "$TIES" --db "$WORK/bench.db" ingest -q "${stage_flag[@]}" "$corpus"
    times+=("$(since "$t0")")
  done
  row "SQLite (1 process, $cores threads)" "$(best "${times[@]}")"

  times=()
  for _ in $(seq "$REPEAT"); do
    ch_sql "$P0" "DROP DATABASE IF EXISTS ties_bench"
    t0=$(now)
    "$TIES" --db "clickhouse://127.0.0.1:$P0/ties_bench" ingest -q "${stage_flag[@]}" "$corpus"
    times+=("$(since "$t0")")
  done
  row "ClickHouse, 1 server (1 process, $cores threads)" "$(best "${times[@]}")"

  times=()
  for _ in $(seq "$REPEAT"); do
    ch_sql "$P0" "DROP DATABASE IF EXISTS ties_bench2"
    ch_sql "$P1" "DROP DATABASE IF EXISTS ties_bench2"
    t0=$(now)
    "$TIES" --db "clickhouse://127.0.0.1:$P0/ties_bench2?cluster=ties_cluster" ingest -q --threads "$half" \
      --shard 0/2 "${stage_flag[@]}" "$corpus" &
    w0=$!
    "$TIES" --db "clickhouse://127.0.0.1:$P1/ties_bench2?cluster=ties_cluster" ingest -q --threads "$half" \
      --shard 1/2 "${stage_flag[@]}" "$corpus" &
    w1=$!
    wait "$w0" "$w1"
    times+=("$(since "$t0")")
  done
  row "ClickHouse, 2 shards (2 workers x $half threads)" "$(best "${times[@]}")"
  n=$(curl -s "http://127.0.0.1:$P0/?database=ties_bench2" --data-binary "SELECT count() FROM articles FINAL")
  [ "$n" = "$ARTICLES" ] || echo "WARNING: the cluster holds $n articles, expected $ARTICLES" >&2
  echo
  echo "Sizes: SQLite $(du -h "$WORK/bench.db" | cut -f1); ClickHouse $(curl -s "http://127.0.0.1:$P0/" --data-binary \
    "SELECT formatReadableSize(sum(bytes)) FROM system.parts WHERE database = 'ties_bench' AND active") (compressed parts)."
  echo
done
