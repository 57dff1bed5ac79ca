#!/usr/bin/env python3
"""Score ties quotes against PolNeAR-style gold: all numbers of docs/quality.md (quotes section).

Usage:
  quotes_eval.py GOLD.jsonl RECORDS.jsonl

RECORDS.jsonl is `ties extract GOLD.jsonl --format jsonl` output. Runs quotes_pred.py and
../shared/eval/score_spans.py for
  * all attributions (content spans, overlap and exact),
  * recall per gold quote_type (direct, mixed, indirect),
  * precision of ties' direct quotes (only ties' direct quotes, against every gold attribution),
  * speaker spans (score_spans.py --start speaker_start --end speaker_end) on gold direct quotes,
and computes speaker accuracy on direct quotes: of the gold direct quotes that a ties quote
overlaps, the share whose ties speaker span overlaps the gold speaker span.
Python standard library only.
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def score_script():
    for base in (os.path.join(HERE, '..', '..', '..', 'shared'), os.path.join(HERE, '..', '..', 'shared')):
        p = os.path.join(base, 'eval', 'score_spans.py')
        if os.path.exists(p):
            return p
    sys.exit('score_spans.py not found (../shared/eval is absent)')


def run(args):
    return subprocess.run([sys.executable] + args, check=True, capture_output=True, text=True).stdout


def overlap_line(out):
    for line in out.splitlines():
        if line.startswith('overlap') or line.startswith('exact'):
            yield line


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    gold, records = sys.argv[1], sys.argv[2]
    score = score_script()
    conv = os.path.join(HERE, 'quotes_pred.py')
    tmp = tempfile.mkdtemp(prefix='ties_quotes_')
    pred = os.path.join(tmp, 'pred.jsonl')
    pred_direct = os.path.join(tmp, 'pred_direct.jsonl')
    with open(pred, 'w') as f:
        f.write(run([conv, records, '--source', gold]))
    with open(pred_direct, 'w') as f:
        f.write(run([conv, records, '--source', gold, '--kind', 'direct']))

    def show(title, args):
        out = run([score] + args)
        counts = [l for l in out.splitlines() if l.startswith('gold spans')]
        print(f'## {title}  ({counts[0] if counts else ""})')
        for l in overlap_line(out):
            print('   ', l)

    show('all attributions: content', [gold, pred])
    for t in ('direct', 'mixed', 'indirect'):
        show(f'gold {t}: content (R is the number; P counts every prediction)', [gold, pred, '--gold-filter', f'quote_type={t}'])
    show('ties direct quotes vs all gold attributions (P is the number)', [gold, pred_direct])
    show('speakers, gold direct quotes (R is the number)',
         [gold, pred, '--start', 'speaker_start', '--end', 'speaker_end', '--gold-filter', 'quote_type=direct'])
    show('speakers, all attributions', [gold, pred, '--start', 'speaker_start', '--end', 'speaker_end'])

    # Speaker accuracy on matched direct quotes.
    golds = {}
    with open(gold, encoding='utf-8') as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                golds[d['id']] = d
    preds = {}
    with open(pred, encoding='utf-8') as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                preds[d['id']] = d
    matched = correct = 0
    for i, g in golds.items():
        ps = (preds.get(i) or {}).get('quotes', [])
        used = set()
        for q in g.get('quotes', []):
            if q.get('quote_type') != 'direct':
                continue
            best, best_ov = None, 0
            for j, p in enumerate(ps):
                if j in used:
                    continue
                ov = min(q['quote_end'], p['quote_end']) - max(q['quote_start'], p['quote_start'])
                if ov > best_ov:
                    best, best_ov = j, ov
            if best is None:
                continue
            used.add(best)
            matched += 1
            p = ps[best]
            if p.get('speaker_start') is not None and q.get('speaker_start') is not None:
                if min(q['speaker_end'], p['speaker_end']) > max(q['speaker_start'], p['speaker_start']):
                    correct += 1
    print(f'## speaker accuracy on matched gold direct quotes: {correct}/{matched} = '
          f'{(correct / matched if matched else 0):.4f}')


if __name__ == '__main__':
    main()
