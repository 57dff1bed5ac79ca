#!/usr/bin/env python3
"""Convert `ties extract --format jsonl` records into the span format of score_spans.py (quotes).

Usage:
  quotes_pred.py RECORDS.jsonl > PRED.jsonl [--kind direct,mixed] [--no-polnear]

Each output line is {"id", "quotes": [{"quote_start", "quote_end", "speaker_start", "speaker_end",
"quote_type", "speaker", "cue"}]}, offsets in code points (as the records carry them).

By default the spans follow the PolNeAR annotation convention, which differs from ties' own:
  * direct-quote spans are widened to include their quotation marks (ties excludes them);
  * a quote split by its attribution ("A," she said. "B.") is one PolNeAR attribution spanning
    both parts: consecutive direct quotes of one speaker phrase, separated only by that
    attribution in the same paragraph, are merged into one span.
--no-polnear keeps ties' spans unchanged. --kind keeps only the listed kinds (for precision per kind).
Python standard library only.
"""
import argparse
import json
import sys

QUOTE_CHARS = set('"\'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2018\u2019\u201a\u201b\u300c\u300d\u300e\u300f')


def convert(rec, polnear, kinds):
    text = rec.get('text')
    out = []
    for q in rec.get('quotes', []):
        if kinds and q.get('kind') not in kinds:
            continue
        sp = q.get('speaker') or {}
        item = {
            'quote_start': q['start'], 'quote_end': q['end'], 'quote_type': q.get('kind'),
            'speaker': sp.get('name', ''), 'cue': (q.get('cue') or {}).get('verb', ''),
        }
        if 'start' in sp:
            item['speaker_start'], item['speaker_end'] = sp['start'], sp['end']
        out.append(item)
    if polnear and text is not None:
        for item in out:
            if item['quote_type'] != 'direct':
                continue
            s, e = item['quote_start'], item['quote_end']
            if s > 0 and text[s - 1] in QUOTE_CHARS:
                item['quote_start'] = s - 1
            if e < len(text) and text[e] in QUOTE_CHARS:
                item['quote_end'] = e + 1
        merged = []
        for item in out:
            prev = merged[-1] if merged else None
            if (prev is not None and prev['quote_type'] == 'direct' and item['quote_type'] == 'direct'
                    and prev.get('speaker_start') is not None
                    and prev.get('speaker_start') == item.get('speaker_start')
                    and prev['quote_end'] <= prev['speaker_start'] < item['quote_start']
                    and item['quote_start'] - prev['quote_end'] < 120
                    and '\n' not in text[prev['quote_end']:item['quote_start']]):
                prev['quote_end'] = item['quote_end']
                continue
            merged.append(item)
        out = merged
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('records', help='ties extract --format jsonl output (use --with-text or give --source)')
    ap.add_argument('--source', help='the input JSONL with "id" and "text" (when records lack text)')
    ap.add_argument('--kind', help='comma-separated kinds to keep: direct,indirect,mixed')
    ap.add_argument('--no-polnear', action='store_true', help="keep ties' span conventions")
    a = ap.parse_args()
    texts = {}
    if a.source:
        with open(a.source, encoding='utf-8') as f:
            for line in f:
                if line.strip():
                    d = json.loads(line)
                    texts[d['id']] = d.get('text')
    kinds = set(a.kind.split(',')) if a.kind else None
    with open(a.records, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            rec = json.loads(line)
            if 'text' not in rec and rec.get('id') in texts:
                rec['text'] = texts[rec['id']]
            json.dump({'id': rec.get('id'), 'quotes': convert(rec, not a.no_polnear, kinds)}, sys.stdout,
                      ensure_ascii=False)
            sys.stdout.write('\n')


if __name__ == '__main__':
    main()
