#!/usr/bin/env python3
"""Scores ties' HTML extraction on the trafilatura and htmldate evaluation sets.

Each line of the gold JSONL files carries a page ("html") and what a good
extractor returns for it. The pages are written to a temporary directory as
<hash of id>.html, `ties extract DIR --format jsonl --with-text` (or --cmd)
reads them, and its records are mapped back to the gold lines by file name.

Metrics (as trafilatura's own evaluation computes them):
  main text: a "with" snippet found in the text is a true positive, missed a
  false negative; a "without" snippet found is a false positive.
  precision = TP/(TP+FP), recall = TP/(TP+FN), F1; snippets and text are
  compared after collapsing whitespace.
  title: exact match after whitespace collapsing (case-sensitive), on pages with a gold title.
  date: the first 10 characters of `published` equal the gold date, on pages
  with a gold date; pages without a gold date count as correct when ties
  returns no date ("empty-date precision" is reported separately).
  author: case-insensitive exact match, on pages with a gold author.

Usage:
  python3 scripts/eval/extraction_eval.py [--ties build-input/ties] [--cmd 'CMD {dir}']
      [--gold ../shared/eval/dev/extraction/trafilatura_dev.jsonl ...] [--errors N]
Python standard library only.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SHARED = os.path.join(os.path.dirname(REPO), "shared", "eval", "dev", "extraction")


def norm(s):
    if isinstance(s, list):
        s = "; ".join(str(x) for x in s)
    return re.sub(r"\s+", " ", s or "").strip()


def file_stem(doc_id):
    return hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:20]


def run_extractor(rows, args):
    tmp = tempfile.mkdtemp(prefix="ties_extraction_eval_")
    try:
        for row in rows:
            with open(os.path.join(tmp, file_stem(row["id"]) + ".html"), "w", encoding="utf-8") as f:
                f.write(row["html"])
        if args.cmd:
            cmd = args.cmd.format(dir=tmp)
        else:
            cmd = f"{args.ties} extract {tmp} --format jsonl --with-text --stages segment --threads 1 -q"
        before = os.times()
        start = time.time()
        proc = subprocess.run(cmd, shell=True, capture_output=True, text=True)
        elapsed = time.time() - start
        after = os.times()
        cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        out = {}
        for line in proc.stdout.splitlines():
            line = line.strip()
            if not line.startswith("{"):
                continue
            rec = json.loads(line)
            out[os.path.basename(str(rec.get("id", ""))).replace(".html", "")] = rec
        if proc.returncode not in (0, 1) and not out:
            sys.stderr.write(proc.stderr[-2000:])
            raise SystemExit(f"extractor failed: {cmd}")
        return out, elapsed, cpu
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ties", default=os.path.join(REPO, "build-input", "ties"))
    ap.add_argument("--cmd", help="extraction command printing JSONL records; {dir} is the page directory")
    ap.add_argument("--gold", nargs="*", default=[os.path.join(SHARED, "trafilatura_dev.jsonl"),
                                                  os.path.join(SHARED, "htmldate_dev.jsonl")])
    ap.add_argument("--errors", type=int, default=0, help="print up to N misses per metric")
    args = ap.parse_args()

    for path in args.gold:
        if not os.path.exists(path):
            print(f"skip: {path} not found")
            continue
        rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
        out, elapsed, cpu = run_extractor(rows, args)
        tp = fn = fp = tn = 0
        title_ok = title_n = 0
        date_ok = date_n = 0
        nodate_ok = nodate_n = 0
        author_ok = author_n = 0
        missing = 0
        misses = {"text": [], "noise": [], "title": [], "date": [], "author": []}
        for row in rows:
            rec = out.get(file_stem(row["id"]))
            if rec is None:
                missing += 1
                rec = {}
            text = norm(rec.get("text", ""))
            for snip in row.get("expected_with") or []:
                if norm(snip) in text:
                    tp += 1
                else:
                    fn += 1
                    misses["text"].append((row["id"], snip))
            for snip in row.get("expected_without") or []:
                if norm(snip) in text:
                    fp += 1
                    misses["noise"].append((row["id"], snip))
                else:
                    tn += 1
            if row.get("expected_title"):
                title_n += 1
                if norm(rec.get("title", "")) == norm(row["expected_title"]):
                    title_ok += 1
                else:
                    misses["title"].append((row["id"], row["expected_title"], rec.get("title", "")))
            gold_date = (row.get("expected_date") or "")[:10]
            got_date = (rec.get("published") or "")[:10]
            if gold_date:
                date_n += 1
                if got_date == gold_date:
                    date_ok += 1
                else:
                    misses["date"].append((row["id"], gold_date, got_date, row.get("url", "")))
            elif "expected_date" in row:
                nodate_n += 1
                nodate_ok += got_date == ""
            if row.get("expected_author"):
                author_n += 1
                if norm(rec.get("author", "")).lower() == norm(row["expected_author"]).lower():
                    author_ok += 1
                else:
                    misses["author"].append((row["id"], row["expected_author"], rec.get("author", "")))

        name = os.path.basename(path)
        print(f"== {name}: {len(rows)} pages, {missing} without a record; "
              f"{cpu:.2f} s CPU = {len(rows) / max(cpu, 1e-9):.0f} pages per CPU-second "
              f"(wall {elapsed:.2f} s, includes process start-up)")
        if tp + fn:
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn)
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            print(f"main text: precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  "
                  f"(with found {tp}/{tp + fn}, without kept {fp}/{fp + tn})")
        if title_n:
            print(f"title accuracy: {title_ok / title_n:.3f} ({title_ok}/{title_n})")
        if date_n:
            print(f"date accuracy: {date_ok / date_n:.3f} ({date_ok}/{date_n})"
                  + (f"; no-date pages left empty {nodate_ok}/{nodate_n}" if nodate_n else ""))
        if author_n:
            print(f"author accuracy: {author_ok / author_n:.3f} ({author_ok}/{author_n})")
        if args.errors:
            for kind, items in misses.items():
                for item in items[: args.errors]:
                    print(f"  miss {kind}: {item}")


if __name__ == "__main__":
    main()
