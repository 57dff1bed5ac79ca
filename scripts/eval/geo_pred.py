#!/usr/bin/env python3
"""Turns `ties extract --format jsonl` records into the toponym format of score_spans.py.

Reads records (one JSON object a line) and writes, per record,
    {"id": ..., "toponyms": [{"start", "end", "lat", "lon", "name", "type", "country"}]}
with code-point offsets as the record gives them. Python 3 standard library only.

Every entry of the record's "places" becomes a toponym (lat/lon null when the place has none).
With --demonyms (the default), NORP entity mentions with a country ("American", "Russian") are added
as toponyms too, placed at that country's point: the LGL and GeoWebNews corpora annotate such
adjectives as toponyms, while ties records them as NORP entities, not places. The country's point
comes from a country place of the same record, else from the compiled gazetteer (--gazetteer).

Usage:
  build-places/ties extract /work/shared/eval/dev/geo/lgl.jsonl --format jsonl > /tmp/geo_pred.jsonl
  python3 scripts/eval/geo_pred.py /tmp/geo_pred.jsonl --gazetteer build-places/data/gazetteer.tsv \\
      > /tmp/geo_scored.jsonl
  python3 /work/shared/eval/score_spans.py /work/shared/eval/dev/geo/lgl.jsonl /tmp/geo_scored.jsonl --max-km 161
"""
import argparse
import json
import sys


def load_country_points(path):
    points = {}
    if not path:
        return points
    try:
        with open(path, encoding='utf-8') as f:
            for line in f:
                if line.startswith('#'):
                    continue
                cols = line.rstrip('\n').split('\t')
                if len(cols) >= 8 and cols[0] == 'country' and cols[6] and cols[7]:
                    points[cols[3]] = (float(cols[6]), float(cols[7]))
    except OSError as e:
        sys.exit(f'geo_pred: cannot read gazetteer {path}: {e}')
    return points


def convert(record, country_points, demonyms):
    out = []
    taken = set()
    local_points = {}
    for p in record.get('places') or []:
        out.append({'start': p['start'], 'end': p['end'], 'lat': p.get('lat'), 'lon': p.get('lon'),
                    'name': p.get('name'), 'type': p.get('type'), 'country': p.get('country')})
        taken.add((p['start'], p['end']))
        if p.get('type') == 'country' and p.get('lat') is not None:
            local_points.setdefault(p.get('country'), (p['lat'], p['lon']))
    if demonyms:
        for e in record.get('entities') or []:
            if e.get('type') != 'NORP' or not e.get('country') or e.get('mention', 'name') != 'name':
                continue
            if (e['start'], e['end']) in taken:
                continue
            pt = local_points.get(e['country']) or country_points.get(e['country'])
            out.append({'start': e['start'], 'end': e['end'], 'lat': pt[0] if pt else None,
                        'lon': pt[1] if pt else None, 'name': e.get('canonical'), 'type': 'demonym',
                        'country': e['country']})
            taken.add((e['start'], e['end']))
    out.sort(key=lambda t: (t['start'], t['end']))
    return {'id': record.get('id'), 'toponyms': out}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('records', nargs='?', default='-', help='ties extract JSONL output (default: stdin)')
    ap.add_argument('--gazetteer', help='compiled gazetteer.tsv, for the points of demonyms\' countries')
    ap.add_argument('--no-demonyms', dest='demonyms', action='store_false',
                    help='do not add NORP mentions as toponyms')
    a = ap.parse_args()
    points = load_country_points(a.gazetteer)
    src = sys.stdin if a.records == '-' else open(a.records, encoding='utf-8')
    for n, line in enumerate(src, 1):
        line = line.strip()
        if not line:
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            sys.exit(f'geo_pred: line {n}: bad JSON: {e}')
        sys.stdout.write(json.dumps(convert(record, points, a.demonyms), ensure_ascii=False) + '\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
