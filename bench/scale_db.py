#!/usr/bin/env python3
"""Replicate a ties SQLite database K times, for query-latency benchmarks at scale.

Copies every row K times with shifted keys (articles.seq, quotes.qid, the `article`
column of the other tables) and suffixed ids ("gen-00000001~3"), then rebuilds both
FTS5 indexes. The query plans and index sizes are those of a store K times larger;
the data distribution (dates, countries, words) is the source's. Standard library only.

    bench/scale_db.py --src /tmp/ties-bench/generated.db --dst /tmp/ties-bench/scaled.db --copies 200
"""
import argparse
import os
import sys
import sqlite3
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", required=True)
    ap.add_argument("--dst", required=True)
    ap.add_argument("--copies", type=int, default=10)
    args = ap.parse_args()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(args.dst + suffix):
            os.remove(args.dst + suffix)
    db = sqlite3.connect(args.dst, isolation_level=None)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-262144")
    db.execute("ATTACH ? AS src", (args.src,))
    version = db.execute("SELECT value FROM src.meta WHERE key = 'schema_version'").fetchone()
    if version is None or version[0] != "1":
        # Schema 2 keeps article text zstd-compressed and feeds FTS5 through views
        # that call ties' own SQL functions (ties_text, ties_span), which Python's
        # sqlite3 does not have: the FTS5 rebuild below cannot run.
        sys.exit(f"scale_db.py: {args.src} has schema version {version[0] if version else '?'}; this script "
                 "handles schema 1 only. Measure 1M-article queries on a real ingest instead: "
                 "bench/run.sh --articles 1000000 --ingest-only")
    schema = db.execute("SELECT type, name, sql FROM src.sqlite_master WHERE sql IS NOT NULL AND instr(name, '_fts') = 0"
                        " ORDER BY type = 'index', rowid").fetchall()
    tables = [name for kind, name, _ in schema if kind == "table"]
    for kind, name, sql in schema:
        if kind == "table":
            db.execute(sql)
    max_seq = db.execute("SELECT max(seq) FROM src.articles").fetchone()[0] or 0
    max_qid = db.execute("SELECT coalesce(max(qid), 0) FROM src.quotes").fetchone()[0]
    start = time.time()
    db.execute("BEGIN")
    for k in range(args.copies):
        for table in tables:
            if table == "meta":
                if k == 0:
                    db.execute("INSERT INTO meta SELECT * FROM src.meta")
                continue
            cols = [r[1] for r in db.execute(f"PRAGMA src.table_info({table})")]
            exprs = []
            for c in cols:
                if (table == "articles" and c == "seq") or c == "article":
                    exprs.append(f"{c} + {k * max_seq}")
                elif table == "articles" and c == "id":
                    exprs.append(f"id || '~{k}'" if k else "id")
                elif table == "quotes" and c == "qid":
                    exprs.append(f"qid + {k * max_qid}")
                else:
                    exprs.append(c)
            db.execute(f"INSERT INTO {table}({', '.join(cols)}) SELECT {', '.join(exprs)} FROM src.{table}")
    db.execute("COMMIT")
    print(f"rows copied x{args.copies} in {time.time() - start:.0f}s", flush=True)
    for kind, name, sql in schema:
        if kind == "index":
            db.execute(sql)
    for kind, name, sql in db.execute("SELECT type, name, sql FROM src.sqlite_master WHERE name IN ('articles_fts', 'quotes_fts')").fetchall():
        db.execute(sql)
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    db.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")
    db.execute("DETACH src")
    db.execute("PRAGMA journal_mode=WAL")
    print(f"done in {time.time() - start:.0f}s: {db.execute('SELECT count(*) FROM articles').fetchone()[0]} articles,"
          f" {os.path.getsize(args.dst) / 1e6:.0f} MB", flush=True)


if __name__ == "__main__":
    main()
