#!/usr/bin/env python3
"""Score `ties extract` events against PLOVER gold standard records (python3 stdlib only).

Usage:
  build-events/ties extract ../shared/eval/dev/events/plover_gsr.jsonl --format jsonl > /tmp/ev_pred.jsonl
  python3 scripts/eval/events_score.py ../shared/eval/dev/events/plover_gsr.jsonl /tmp/ev_pred.jsonl [--show N]

Gold: one sentence per record, "expected": [{"source": [{"code", "sector"}], "target": [...],
"event": PLOVER type}]. Predictions: ties records with "events": [{"source", "target", "plover", ...}].

Per gold event, over the events predicted for the same sentence:
  event type   some predicted event has the gold PLOVER type
  actors       some predicted event has a matching source and target (country or IGO part of
               the code; a gold compound "SRC/TAR" list with no target also accepts a predicted
               pair inside the list; a gold event with no target accepts any predicted target)
  actors+sector the same, and where gold gives a sector the predicted sector equals it
  full triple  one predicted event matches actors and type together
Also: sentences with any prediction (coverage), predicted events per sentence, and precision of
predicted events (share of predicted events whose type and actors match the sentence's gold).
"""
import argparse
import json
import sys
from collections import Counter

# Legacy or non-ISO country codes in the gold -> ISO 3166 alpha-3 as ties writes them.
ALIASES = {'JAP': 'JPN', 'ITL': 'ITA', 'PAL': 'PSE', 'UK': 'GBR', 'GER': 'DEU', 'SPN': 'ESP', 'ROM': 'ROU',
           'YUG': 'SRB', 'ZAR': 'COD', 'BUR': 'MMR', 'KSV': 'XKX'}


def country(code):
    code = (code or '').upper()
    head = code[:3]
    return ALIASES.get(head, head)


def sector(code):
    return (code or '').upper()[3:6]


def actor_ok(pred_code, gold_actors, with_sector):
    for g in gold_actors:
        if country(pred_code) != country(g.get('code')):
            continue
        gs = (g.get('sector') or '').upper()[:3]
        if with_sector and gs and gs != '***' and sector(pred_code) != gs:
            continue
        return True
    return False


def pair_ok(ev, gold, with_sector):
    src, tgt = gold.get('source') or [], gold.get('target') or []
    if not src:
        return False
    if not actor_ok(ev.get('source', ''), src, with_sector):
        return False
    if tgt:
        return bool(ev.get('target')) and actor_ok(ev['target'], tgt, with_sector)
    return True  # gold has no target (or a compound source): any predicted target


def load(path):
    out = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line:
                d = json.loads(line)
                out[d['id']] = d
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('gold')
    ap.add_argument('pred')
    ap.add_argument('--show', type=int, default=0, help='print N misses for inspection')
    args = ap.parse_args()
    gold, pred = load(args.gold), load(args.pred)
    n = 0
    hits = Counter()
    per_type = Counter()
    per_type_hit = Counter()
    pred_events = 0
    pred_correct = 0
    covered = 0
    misses = []
    for doc_id, g in gold.items():
        events = (pred.get(doc_id) or {}).get('events') or []
        pred_events += len(events)
        covered += bool(events)
        for ge in g.get('expected', []):
            n += 1
            t = ge.get('event')
            per_type[t] += 1
            type_ok = any(e.get('plover') == t for e in events)
            act = any(pair_ok(e, ge, False) for e in events)
            act_sec = any(pair_ok(e, ge, True) for e in events)
            full = any(pair_ok(e, ge, False) and e.get('plover') == t for e in events)
            hits['type'] += type_ok
            hits['actors'] += act
            hits['actors+sector'] += act_sec
            hits['full'] += full
            per_type_hit[t] += full
            if not full and len(misses) < args.show:
                misses.append((g['text'], ge, events))
        for e in events:
            pred_correct += any(pair_ok(e, ge, False) and e.get('plover') == ge.get('event')
                                for ge in g.get('expected', []))
    if n == 0:
        sys.exit('no gold events')
    print(f'gold events: {n}   sentences with a predicted event: {covered}/{len(gold)} '
          f'({100 * covered / len(gold):.1f}%)   predicted events: {pred_events}')
    for k in ('type', 'actors', 'actors+sector', 'full'):
        print(f'  {k:14s} agreement: {hits[k]:4d}/{n} = {100 * hits[k] / n:5.1f}%')
    if pred_events:
        print(f'  precision of predicted events (type and actors match gold): '
              f'{pred_correct}/{pred_events} = {100 * pred_correct / pred_events:.1f}%')
    print('  full-triple agreement per PLOVER type:')
    for t, c in per_type.most_common():
        print(f'    {t:12s} {per_type_hit[t]:3d}/{c:3d}')
    for text, ge, events in misses:
        print('\nMISS', text)
        print('  gold', ge.get('event'), [a.get('code', '') + (a.get('sector') or '') for a in ge.get('source') or []],
              '->', [a.get('code', '') + (a.get('sector') or '') for a in ge.get('target') or []])
        for e in events:
            print('  pred', e.get('plover'), e.get('code'), e.get('source'), '->', e.get('target'),
                  '|', (e.get('trigger') or {}).get('text'))


if __name__ == '__main__':
    main()
