#!/usr/bin/env python3
"""ner_pred.py: turns `ties extract --format jsonl` output into score_spans.py predictions for NER.

Reads ties records (one JSON object a line, each with "id" and "entities": [{start, end, type,
mention, ...}], offsets in code points) and writes {"id": ..., "entities": [{start, end, type}]}.
Types are mapped to CoNLL-2003 labels: PERSON->PER, ORG->ORG, LOC->LOC; NORP is dropped (CoNLL
tags demonyms MISC, which the evaluation excludes). Only name mentions are kept: pronoun and
nominal mentions ("she", "the minister") are coreference, not named entities.
With --places, LOC spans from the record's "places" list are added too (the places stage's
cities and admin areas), so the combined entities+places output can be scored.

Usage:
  build-entities/ties extract ../shared/eval/dev/ner/conll2003_testa.jsonl --format jsonl > /tmp/ner_pred.jsonl
  python3 scripts/eval/ner_pred.py /tmp/ner_pred.jsonl > /tmp/ner_scored.jsonl [--places]
  python3 ../shared/eval/score_spans.py ../shared/eval/dev/ner/conll2003_testa.jsonl /tmp/ner_scored.jsonl \
      --label type --filter 'type!=MISC' --per-label
Standard library only.
"""
import argparse
import json
import sys

TYPE_MAP = {"PERSON": "PER", "ORG": "ORG", "LOC": "LOC"}


def convert(record, with_places):
    spans = {}
    for e in record.get("entities", []):
        label = TYPE_MAP.get(e.get("type"))
        if label is None or e.get("mention", "name") != "name":
            continue
        spans[(e["start"], e["end"])] = label
    if with_places:
        for p in record.get("places", []):
            if "start" in p and "end" in p and (p["start"], p["end"]) not in spans:
                # a place inside an entity span of another type stays that entity
                if not any(s <= p["start"] and p["end"] <= t for (s, t) in spans):
                    spans[(p["start"], p["end"])] = "LOC"
    return {"id": record.get("id"),
            "entities": [{"start": s, "end": t, "type": label} for (s, t), label in sorted(spans.items())]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("records", help="ties extract --format jsonl output ('-' for stdin)")
    ap.add_argument("--places", action="store_true", help="also score the places stage's toponyms as LOC")
    args = ap.parse_args()
    src = sys.stdin if args.records == "-" else open(args.records, encoding="utf-8")
    for line in src:
        line = line.strip()
        if not line:
            continue
        print(json.dumps(convert(json.loads(line), args.places), ensure_ascii=False))


if __name__ == "__main__":
    main()
