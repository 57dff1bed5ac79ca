#!/usr/bin/env bash
# bench/run.sh: the end-to-end benchmark. Prints a markdown table of MB/s and
# articles/s (per stage and in total) for extract-only and for ingest into
# SQLite, peak RSS and database size, on (a) real news prose (PolNeAR train
# texts from ../shared/eval, repeated; skipped when absent) and (b) a
# deterministic generated corpus; runs compromise (npm) on the same text in the
# same run when Node.js is present, and prints the ratio; then query latency.
#
#   bench/run.sh                       # 100k generated articles (~120 MB)
#   bench/run.sh --articles 1000000    # the 1M-article scale run (~1.2 GB)
#   bench/run.sh --quick               # small smoke run
#   bench/run.sh --articles 1000000 --ingest-only   # scale run: ingest + queries only
#
# TIES_BUILD_DIR (default build) picks the build; TIES_BENCH_DIR (default
# /tmp/ties-bench) holds corpora and databases. Besides wall-clock MB/s the
# table gives CPU MB/s (input text MB per CPU-second, user+sys): on a shared,
# loaded machine wall time measures the other tenants, CPU time measures ties.
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=100000
POLNEAR_MB=60
QUICK=0
INGEST_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --articles) ARTICLES="$2"; shift 2 ;;
    --polnear-mb) POLNEAR_MB="$2"; shift 2 ;;
    --quick) QUICK=1; ARTICLES=5000; POLNEAR_MB=5; shift ;;
    --ingest-only) INGEST_ONLY=1; shift ;;
    *) echo "usage: bench/run.sh [--articles N] [--polnear-mb MB] [--quick] [--ingest-only]" >&2; exit 2 ;;
  esac
done
BUILD=${TIES_BUILD_DIR:-build}
TIES=$BUILD/ties
[ -x "$TIES" ] || { echo "build first: cmake --build $BUILD --target ties query_bench" >&2; exit 1; }
WORK=${TIES_BENCH_DIR:-/tmp/ties-bench}
mkdir -p "$WORK"

echo "# ties benchmark $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

corpora=()
if [ "$INGEST_ONLY" = 1 ]; then
  :
elif [ -f ../shared/eval/train/quotes/polnear_train.jsonl ]; then
  python3 - "$WORK/polnear.jsonl" "$POLNEAR_MB" <<'PY'
import json, sys
out, mb = sys.argv[1], float(sys.argv[2])
texts = [json.loads(l)["text"] for l in open("../shared/eval/train/quotes/polnear_train.jsonl", encoding="utf-8")]
size, rep = 0, 0
with open(out, "w", encoding="utf-8") as f:
    while size < mb * 1e6:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": f"p{rep}-{i}", "text": t, "date": "2016-10-01"}) + "\n")
            size += len(t.encode("utf-8"))
        rep += 1
PY
  corpora+=("polnear:$WORK/polnear.jsonl")
else
  echo "(../shared/eval absent: the real-prose corpus is skipped)"
fi
if [ ! -f "$WORK/generated-$ARTICLES.jsonl" ]; then
  python3 bench/gen_corpus.py --articles "$ARTICLES" --out "$WORK/generated-$ARTICLES.jsonl"
fi
corpora+=("generated:$WORK/generated-$ARTICLES.jsonl")

rss_mb() { awk '/Maximum resident set size/ {printf "%.0f", $6/1024}' "$1"; }
cpu_s() { awk '/User time/ {u=$4} /System time/ {s=$4} END {printf "%.1f", u + s}' "$1"; }
# One table row from a `ties --profile` stderr captured under /usr/bin/time -v.
row() {  # row LABEL ERRFILE DBCOL
  local line mb cpu
  line=$(grep '^wall' "$2" || true)  # a failed run leaves an empty row, not a dead script
  mb=$(echo "$line" | awk '{print $5}' | tr -d '(')
  cpu=$(cpu_s "$2")
  echo "| $1 | $(echo "$line" | awk '{print $2}') | $(echo "$line" | awk '{print $3}') | $(echo "$line" | awk '{print $4}') | $cpu | $(awk -v m="$mb" -v c="$cpu" 'BEGIN {printf "%.1f", (c > 0 ? m / c : 0)}') | $(rss_mb "$2") | $3 |"
}

for entry in "${corpora[@]}"; do
  name=${entry%%:*}; file=${entry#*:}
  input_mb=$(du -m "$file" | cut -f1)
  echo "## $name corpus: $file ($input_mb MB of JSONL)"
  echo
  if [ "$INGEST_ONLY" = 0 ]; then
    echo "### extract, 1 thread: per stage (CPU time of each stage)"
    echo '```'
    /usr/bin/time -v "$TIES" extract --threads 1 --profile "$file" > /dev/null 2> "$WORK/extract1.err" || true
    grep -E '^(stage|[a-z]+ +[0-9])' "$WORK/extract1.err" | grep -v -E '^(wall|total)' || true
    grep -E '^(total|wall)' "$WORK/extract1.err" || true
    echo '```'
    echo
  fi
  echo "### extract and ingest, whole pipeline (text MB; CPU = user+sys of the process)"
  echo
  echo "| run | wall s | MB/s (wall) | articles/s (wall) | CPU s | MB per CPU-s | peak RSS MB | DB size / input |"
  echo "|---|---|---|---|---|---|---|---|"
  if [ "$INGEST_ONLY" = 0 ]; then
    row "extract, 1 thread" "$WORK/extract1.err" "–"
    /usr/bin/time -v "$TIES" extract --threads 2 --profile "$file" > /dev/null 2> "$WORK/x.err" || true
    row "extract, 2 threads" "$WORK/x.err" "–"
  fi
  rm -f "$WORK/$name.db" "$WORK/$name.db-wal" "$WORK/$name.db-shm"
  /usr/bin/time -v "$TIES" --db "$WORK/$name.db" ingest --threads 2 --quiet --profile "$file" 2> "$WORK/i.err" || true
  db_mb=$(du -cm "$WORK/$name.db"* | tail -1 | cut -f1)
  row "ingest into SQLite (FTS5), 2 threads" "$WORK/i.err" "$(awk -v d="$db_mb" -v i="$input_mb" 'BEGIN {printf "%.2f", d / i}')"
  echo
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  if [ "$INGEST_ONLY" = 0 ] && command -v node >/dev/null 2>&1 && { [ "$QUICK" = 0 ] || [ -d bench/node/node_modules ]; }; then
    if [ ! -d bench/node/node_modules ]; then npm install --prefix bench/node --no-audit --no-fund --loglevel=error >/dev/null; fi
    peer=$(/usr/bin/time -v node bench/node/compromise_bench.mjs "$file" 3 2> "$WORK/node.err")
    peer_mbs=$(echo "$peer" | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["mb_per_s"], 3))')
    peer_mb=$(echo "$peer" | python3 -c 'import json,sys; print(json.load(sys.stdin)["mb"])')
    # CPU rate of the whole node process (startup and JSON reading included: a slight handicap for it).
    peer_cpu=$(awk -v m="$peer_mb" -v c="$(cpu_s "$WORK/node.err")" 'BEGIN {printf "%.3f", (c > 0 ? m / c : 0)}')
    ours=$(grep '^total' "$WORK/extract1.err" | awk '{print $3}')
    echo "compromise (people, places, organizations, quotations) on the first 3 MB of the same text:"
    echo "$peer_mbs MB/s of wall time, $peer_cpu MB per CPU-second of the node process;"
    echo "ties, all stages, per thread (CPU time of the stages): $ours MB/s, i.e. $(awk -v a="$ours" -v b="$peer_cpu" 'BEGIN {printf "%.0f", (b > 0 ? a / b : 0)}')x compromise (CPU to CPU)."
    echo
  fi
  if [ -x "$BUILD/bench/query_bench" ]; then
    echo "### queries on the $name database (warm cache)"
    echo '```'
    "$BUILD/bench/query_bench" --db "$WORK/$name.db" --benchmark_min_time=0.5 2>/dev/null | grep -E "^BM_" || true
    echo '```'
    echo
  fi
done
