#!/usr/bin/env bash
# sqlite_extension_test.sh TIES_BINARY EXTENSION SAMPLES_DIR
# The loadable extension libties_sqlite.so (src/store/sqlite/sqlite_extension.cc)
# makes a ties database's text readable by other tools (docs/storage.md,
# "Reading a database with other tools"): ingest samples/text, then read an
# article's text and answer an FTS5 query from the sqlite3 shell and from
# Python's sqlite3 module; without the extension the view must fail.
set -euo pipefail
ties=$1
ext=${2%.so}   # .load takes the name without the suffix, as documented
samples=$3
id=xinhua-2024-11-12-kazakhstan-china-tourism-visa
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

command -v sqlite3 >/dev/null || fail "the sqlite3 shell is not installed (apt-get install sqlite3)"
"$ties" --db "$tmp/ties.db" ingest "$samples" >"$tmp/ingest.log" 2>&1 || { cat "$tmp/ingest.log"; fail "ingest"; }

text_sql="SELECT substr(t.text, 1, 80) FROM article_text t JOIN articles a ON a.seq = t.seq WHERE a.id = '$id'"
# snippet() reads the text through the FTS5 table's content view (a rowid-only
# MATCH would not need the extension).
fts_sql="SELECT a.id, snippet(articles_fts, 1, '[', ']', '...', 8) FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH 'visa'"
quote_sql="SELECT count(*) FROM quote_text WHERE length(text) > 0"

# Without the extension the view cannot be read: the test below means something.
if out=$(sqlite3 "$tmp/ties.db" "$text_sql" 2>&1); then
  fail "article_text was readable without the extension: $out"
fi
grep -q "no such function: ties_text" <<<"$out" || fail "unexpected error without the extension: $out"
echo "ok: without the extension: $out"
if out=$(sqlite3 "$tmp/ties.db" "$fts_sql" 2>&1); then
  fail "FTS5 snippets were readable without the extension: $out"
fi
echo "ok: without the extension, FTS5 snippet: $out"

# The sqlite3 shell with .load.
out=$(sqlite3 "$tmp/ties.db" -cmd ".load $ext" "$text_sql") || fail "sqlite3 shell: $out"
grep -q "Kazakhstan" <<<"$out" || fail "sqlite3 shell: article text: '$out'"
echo "ok: sqlite3 shell: article text: $out"
out=$(sqlite3 "$tmp/ties.db" -cmd ".load $ext" "$fts_sql") || fail "sqlite3 shell FTS5: $out"
grep -q "^$id|.*\[visa\]" <<<"$out" || fail "sqlite3 shell: FTS5 'visa' did not find $id: '$out'"
echo "ok: sqlite3 shell: FTS5 'visa':"; sed 's/^/  /' <<<"$out"
out=$(sqlite3 "$tmp/ties.db" -cmd ".load $ext" "$quote_sql") || fail "sqlite3 shell quote_text: $out"
[[ "$out" -gt 0 ]] || fail "sqlite3 shell: no quote text: '$out'"
echo "ok: sqlite3 shell: $out quote texts"

# Python's sqlite3 module: the first python3 whose sqlite3 can load extensions
# (pyenv and some other builds leave enable_load_extension out).
py=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null &&
     "$candidate" -c 'import sqlite3, sys; sys.exit(0 if hasattr(sqlite3.connect(":memory:"), "enable_load_extension") else 1)' 2>/dev/null; then
    py=$candidate
    break
  fi
done
if [[ -z "$py" ]]; then
  echo "skip: no python3 here has sqlite3 enable_load_extension (built without it); the Python check did not run"
  exit 0
fi
"$py" - "$tmp/ties.db" "$ext" "$id" "$text_sql" "$fts_sql" <<'PY'
import sqlite3, sys
db, ext, id_, text_sql, fts_sql = sys.argv[1:]
conn = sqlite3.connect(db)
try:
    conn.execute(text_sql).fetchall()
    sys.exit("FAIL: python: article_text readable without the extension")
except sqlite3.OperationalError as e:
    assert "ties_text" in str(e), e
conn.enable_load_extension(True)
conn.load_extension(ext)
conn.enable_load_extension(False)
(text,), = conn.execute(text_sql).fetchall()
assert "Kazakhstan" in text, text
rows = conn.execute(fts_sql).fetchall()
ids = [r[0] for r in rows]
assert id_ in ids and all("[visa]" in r[1] for r in rows), rows
print("ok: python (%s): article text: %s; FTS5 'visa': %s" % (sys.executable, text, " ".join(ids)))
PY
