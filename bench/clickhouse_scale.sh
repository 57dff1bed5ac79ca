#!/usr/bin/env bash
# bench/clickhouse_scale.sh: the scale run side by side, SQLite against the 2-shard ClickHouse cluster.
#
# One generated corpus (bench/gen_corpus.py, with a share of syndicated copies so that clustering has work)
# is ingested with the full default pipeline
#   1. into a fresh SQLite file (one process, `--threads` = the cores), and
#   2. into the 2-shard cluster of scripts/services by two workers at once (`--shard 0/2`, `--shard 1/2`,
#      each with half the cores, each writing to its own server), followed by the cluster-wide `ties dedup`.
# It prints a markdown table of wall time, MB/s, CPU and peak RSS, the database sizes, the cluster counts of
# both stores (from `stats --json`; they must agree) and the query latencies of docs/performance.md on both
# (build/bench/query_bench: monthly dyad series, with and without --dedup, quote search top 20, article by id).
#
#   bench/clickhouse_scale.sh                     # 1,000,000 articles (~1.3 GB): about half an hour here
#   bench/clickhouse_scale.sh --articles 100000
#   bench/clickhouse_scale.sh --quick             # 5,000 articles: checks the script itself
#   bench/clickhouse_scale.sh --queries-only      # the stats and query rows again on the stored databases
#                                                 # (for example once the machine is idle)
#
# TIES_BUILD_DIR (default build) picks the build (targets ties and query_bench); TIES_BENCH_DIR (default
# /tmp/ties-bench) holds the corpus and the SQLite file. Starts the servers when they do not answer (and
# stops them at the end); the ClickHouse database is `ties_scale`, dropped first.
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=1000000
SYNDICATED=0.2
QUERIES_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --articles) ARTICLES="$2"; shift 2 ;;
    --syndicated) SYNDICATED="$2"; shift 2 ;;
    --quick) ARTICLES=5000; shift ;;
    --queries-only) QUERIES_ONLY=1; shift ;;
    *) echo "usage: bench/clickhouse_scale.sh [--articles N] [--syndicated F] [--quick] [--queries-only]" >&2; exit 2 ;;
  esac
done
BUILD=${TIES_BUILD_DIR:-build}
TIES=$BUILD/ties
QB=$BUILD/bench/query_bench
for b in "$TIES" "$QB"; do
  [ -x "$b" ] || { echo "build first: cmake --build $BUILD --target ties query_bench" >&2; exit 1; }
done
export TIES_DATA_DIR=${TIES_DATA_DIR:-$(pwd)/data}
WORK=${TIES_BENCH_DIR:-/tmp/ties-bench}
mkdir -p "$WORK"
. bench/clickhouse_services.sh  # P0, P1; servers started (and stopped at exit) when down

corpus="$WORK/syndicated-$ARTICLES-$SYNDICATED.jsonl"
[ -s "$corpus" ] || python3 bench/gen_corpus.py --articles "$ARTICLES" --syndicated "$SYNDICATED" --out "$corpus"
text_mb=$(python3 -c 'import json,sys; print(round(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1])) / 1e6, 1))' "$corpus")
cores=$(nproc)
half=$(( cores > 1 ? cores / 2 : 1 ))
DB="$WORK/scale-$ARTICLES.db"
CH0="clickhouse://127.0.0.1:$P0/ties_scale?cluster=ties_cluster"
CH1="clickhouse://127.0.0.1:$P1/ties_scale?cluster=ties_cluster"
ch() { curl -s --fail-with-body "http://127.0.0.1:$1/" --data-binary "$2"; }

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
rss_mb() { awk '/Maximum resident set size/ {printf "%.0f", $6/1024}' "$1"; }
cpu_s() { awk '/User time/ {u=$4} /System time/ {s=$4} END {printf "%.1f", u + s}' "$1"; }
row() {  # label wall_s cpu_s rss_mb
  awk -v l="$1" -v s="$2" -v c="$3" -v r="$4" -v n="$ARTICLES" -v mb="$text_mb" \
    'BEGIN { printf "| %s | %.1f | %.2f | %.0f | %.1f | %.2f | %s |\n", l, s, mb / s, n / s, c, mb / c, r }'
}

echo "# SQLite vs 2-shard ClickHouse at scale, $(date -u +%Y-%m-%dT%H:%MZ), $cores cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo
echo "Corpus: $ARTICLES generated articles ($SYNDICATED of them syndicated copies), $text_mb MB of article text,"
echo "$(du -m "$corpus" | cut -f1) MB of JSONL. ClickHouse $(ch "$P0" 'SELECT version()'). Load average at start: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
if [ "$QUERIES_ONLY" = 0 ]; then
echo "| run | wall s | text MB/s (wall) | articles/s | CPU s | text MB per CPU-s | peak RSS MB |"
echo "|---|---|---|---|---|---|---|"

rm -f "$DB" "$DB-wal" "$DB-shm"
t0=$(now)
/usr/bin/time -v "$TIES" --db "$DB" ingest -q --threads "$cores" "$corpus" 2> "$WORK/scale-sqlite.err"
row "SQLite, 1 process x $cores threads" "$(since "$t0")" "$(cpu_s "$WORK/scale-sqlite.err")" "$(rss_mb "$WORK/scale-sqlite.err")"

ch "$P0" "DROP DATABASE IF EXISTS ties_scale" >/dev/null
ch "$P1" "DROP DATABASE IF EXISTS ties_scale" >/dev/null
t0=$(now)
/usr/bin/time -v "$TIES" --db "$CH0" ingest -q --threads "$half" --shard 0/2 "$corpus" 2> "$WORK/scale-ch0.err" &
w0=$!
/usr/bin/time -v "$TIES" --db "$CH1" ingest -q --threads "$half" --shard 1/2 "$corpus" 2> "$WORK/scale-ch1.err" &
w1=$!
wait "$w0" "$w1"
ingest_s=$(since "$t0")
t1=$(now)
/usr/bin/time -v "$TIES" dedup --db "$CH0" 2> "$WORK/scale-dedup.err" > "$WORK/scale-dedup.out"
dedup_s=$(since "$t1")
ch_cpu=$(awk -v a="$(cpu_s "$WORK/scale-ch0.err")" -v b="$(cpu_s "$WORK/scale-ch1.err")" 'BEGIN { print a + b }')
ch_rss=$(awk -v a="$(rss_mb "$WORK/scale-ch0.err")" -v b="$(rss_mb "$WORK/scale-ch1.err")" 'BEGIN { print (a > b ? a : b) }')
row "ClickHouse, 2 shards: 2 workers x $half threads" "$ingest_s" "$ch_cpu" "$ch_rss (each worker)"
total_s=$(awk -v a="$ingest_s" -v b="$dedup_s" 'BEGIN { print a + b }')
row "ClickHouse, 2 shards, then \`ties dedup\` ($dedup_s s)" "$total_s" \
  "$(awk -v a="$ch_cpu" -v b="$(cpu_s "$WORK/scale-dedup.err")" 'BEGIN { print a + b }')" \
  "$(rss_mb "$WORK/scale-dedup.err") (dedup)"
echo
echo "ClickHouse server CPU is not in these rows (the servers are separate processes). \`ties dedup\`:"
echo "$(grep -h 'clustered' "$WORK/scale-dedup.err" "$WORK/scale-dedup.out" | tail -n 1). Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
fi

sqlite_mb=$(du -cm "$DB"* | tail -1 | cut -f1)
ch_mb=0
for p in "$P0" "$P1"; do
  b=$(ch "$p" "SELECT sum(bytes_on_disk) FROM system.parts WHERE database = 'ties_scale' AND active")
  ch_mb=$(awk -v a="$ch_mb" -v b="$b" 'BEGIN { printf "%.0f", a + b / 1048576 }')
done
echo "Sizes: SQLite $sqlite_mb MB, ClickHouse $ch_mb MB of active parts on both shards (text MB $text_mb)."
echo

"$TIES" --db "$DB" stats --json > "$WORK/scale-stats-sqlite.json"
"$TIES" --db "$CH0" stats --json > "$WORK/scale-stats-ch.json"
python3 - "$WORK/scale-stats-sqlite.json" "$WORK/scale-stats-ch.json" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
def flat(d, p=""):
    for k, v in d.items():
        if isinstance(v, dict):
            yield from flat(v, p + k + ".")
        elif isinstance(v, (int, float)):
            yield p + k, v
fa, fb = dict(flat(a)), dict(flat(b))
keys = [k for k in fa if k in fb]
print("| stats --json field | SQLite | ClickHouse | difference |")
print("|---|---|---|---|")
for k in keys:
    d = fb[k] - fa[k]
    rel = f"{100 * d / fa[k]:+.3f}%" if fa[k] else ("0" if d == 0 else "n/a")
    print(f"| {k} | {fa[k]} | {fb[k]} | {d:+} ({rel}) |")
print()
print("stats --json identical:", "yes" if a == b else "no")
PY
echo

echo "Load average before the queries: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
for store in "SQLite:$DB" "ClickHouse:$CH0"; do
  echo "### queries on $(echo "$store" | cut -d: -f1) (warm cache; build/bench/query_bench)"
  echo '```'
  "$QB" --db "${store#*:}" --benchmark_min_time=0.5 2>/dev/null | grep -E "^BM_" || true
  echo '```'
  echo
done
