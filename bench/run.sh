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
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=100000
POLNEAR_MB=60
QUICK=0
while [ $# -gt 0 ]; do
  case "$1" in
    --articles) ARTICLES="$2"; shift 2 ;;
    --polnear-mb) POLNEAR_MB="$2"; shift 2 ;;
    --quick) QUICK=1; ARTICLES=5000; POLNEAR_MB=5; shift ;;
    *) echo "usage: bench/run.sh [--articles N] [--polnear-mb MB] [--quick]" >&2; exit 2 ;;
  esac
done
TIES=build/ties
[ -x "$TIES" ] || { echo "build first: cmake --build --preset default" >&2; exit 1; }
WORK=${TIES_BENCH_DIR:-/tmp/ties-bench}
mkdir -p "$WORK"

echo "# ties benchmark $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo

corpora=()
if [ -f ../shared/eval/train/quotes/polnear_train.jsonl ]; then
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

for entry in "${corpora[@]}"; do
  name=${entry%%:*}; file=${entry#*:}
  input_mb=$(du -m "$file" | cut -f1)
  echo "## $name corpus: $file ($input_mb MB of JSONL)"
  echo
  echo "### extract, 1 thread: per stage (CPU time of each stage)"
  echo '```'
  /usr/bin/time -v "$TIES" extract --threads 1 --profile "$file" > /dev/null 2> "$WORK/extract1.err" || true
  grep -v -E "^\s|Command|Elapsed|Maximum|Exit|Page|Swaps|File|Socket|Signals|Average|Voluntary|Involuntary|Percent|User time|System time|Minor|Major" "$WORK/extract1.err" || true
  echo '```'
  echo "peak RSS: $(rss_mb "$WORK/extract1.err") MB"
  echo
  echo "### extract and ingest, whole pipeline"
  echo
  echo "| run | wall s | MB/s | articles/s | peak RSS MB | DB size / input |"
  echo "|---|---|---|---|---|---|"
  for threads in 1 2; do
    /usr/bin/time -v "$TIES" extract --threads "$threads" --profile "$file" > /dev/null 2> "$WORK/x.err" || true
    line=$(grep '^wall' "$WORK/x.err")
    echo "| extract, $threads thread(s) | $(echo "$line" | awk '{print $2}') | $(echo "$line" | awk '{print $3}') | $(echo "$line" | awk '{print $4}') | $(rss_mb "$WORK/x.err") | – |"
  done
  rm -f "$WORK/$name.db" "$WORK/$name.db-wal" "$WORK/$name.db-shm"
  /usr/bin/time -v "$TIES" --db "$WORK/$name.db" ingest --threads 2 --quiet --profile "$file" 2> "$WORK/i.err" || true
  line=$(grep '^wall' "$WORK/i.err")
  db_mb=$(du -cm "$WORK/$name.db"* | tail -1 | cut -f1)
  echo "| ingest into SQLite (FTS5), 2 threads | $(echo "$line" | awk '{print $2}') | $(echo "$line" | awk '{print $3}') | $(echo "$line" | awk '{print $4}') | $(rss_mb "$WORK/i.err") | $(awk -v d="$db_mb" -v i="$input_mb" 'BEGIN {printf "%.2f", d / i}') |"
  echo
  if command -v node >/dev/null 2>&1 && [ "$QUICK" = 0 ] || [ -d bench/node/node_modules ]; then
    if [ ! -d bench/node/node_modules ]; then npm install --prefix bench/node --no-audit --no-fund --loglevel=error >/dev/null; fi
    peer=$(node bench/node/compromise_bench.mjs "$file" 3)
    peer_mbs=$(echo "$peer" | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["mb_per_s"], 3))')
    ours=$(grep '^total' "$WORK/extract1.err" | awk '{print $3}')
    echo "compromise (people, places, organizations, quotations) on the first 3 MB of the same text: $peer_mbs MB/s;"
    echo "ties, all stages, per thread: $ours MB/s, i.e. $(awk -v a="$ours" -v b="$peer_mbs" 'BEGIN {printf "%.0f", a / b}')x compromise."
    echo
  fi
  if [ -x build/bench/query_bench ]; then
    echo "### queries on the $name database (warm cache)"
    echo '```'
    build/bench/query_bench --db "$WORK/$name.db" --benchmark_min_time=0.5 2>/dev/null | grep -E "^BM_" || true
    echo '```'
    echo
  fi
done
