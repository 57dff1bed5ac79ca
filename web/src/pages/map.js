// map.js: an offline world map (world-atlas TopoJSON drawn with d3-geo into
// SVG) of the places mentioned in the articles matching a search, with the
// countries they mention shaded. No tiles, no network: the 110m world outline
// is bundled.
import { geoGraticule10, geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import world from 'world-atlas/countries-110m.json';
import { getJson } from '../api.js';
import { countryLabel, countryName, countrySelect, iso3FromNumeric } from '../countries.js';
import { errorBox, field, fmtNumber, h, loading, svg } from '../dom.js';
import { hashFor } from '../router.js';

let countriesGeo = null;
function countryFeatures() {
  if (!countriesGeo) countriesGeo = feature(world, world.objects.countries).features;
  return countriesGeo;
}

// Draws the world into `container`.
//   points: [{name, country, lat, lon, count}] -> circles sized by count
//   shading: Map(iso3 -> value) -> country fill by value
//   onCountry(iso3): click handler
//   zoom: fit the view to the points (with a margin) instead of the whole world
export function drawWorld(container, { points = [], shading = new Map(), height = 480, onCountry = null, zoom = false } = {}) {
  const width = 960;
  const extent = [[4, 4], [width - 4, height - 4]];
  const projection = geoNaturalEarth1().fitExtent(extent, { type: 'Sphere' });
  if (zoom && points.length) {
    // A box around the points, at least 30 degrees wide, so a single city keeps its surroundings.
    const lons = points.map((p) => p.lon);
    const lats = points.map((p) => p.lat);
    const pad = (lo, hi, min) => { const m = Math.max(0, (min - (hi - lo)) / 2) + 5; return [lo - m, hi + m]; };
    const [west, east] = pad(Math.min(...lons), Math.max(...lons), 30);
    const [south, north] = pad(Math.min(...lats), Math.max(...lats), 20);
    const box = { type: 'MultiPoint', coordinates: [[Math.max(-180, west), Math.max(-85, south)], [Math.min(180, east), Math.min(85, north)],
      [Math.max(-180, west), Math.min(85, north)], [Math.min(180, east), Math.max(-85, south)]] };
    projection.fitExtent(extent, box);
  }
  const path = geoPath(projection);
  const max = Math.max(1, ...shading.values());
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'world', role: 'img',
    'aria-label': 'World map of places mentioned' });
  root.append(svg('path', { d: path({ type: 'Sphere' }), class: 'sphere' }));
  root.append(svg('path', { d: path(geoGraticule10()), class: 'graticule' }));
  const land = svg('g', { class: 'countries' });
  for (const f of countryFeatures()) {
    const iso3 = iso3FromNumeric(f.id);
    const value = iso3 ? shading.get(iso3) : undefined;
    const attrs = { d: path(f), class: value ? 'country shaded' : 'country' };
    if (value) attrs['fill-opacity'] = (0.2 + 0.8 * Math.log1p(value) / Math.log1p(max)).toFixed(3);
    if (iso3) attrs['data-iso3'] = iso3;
    const el = svg('path', attrs,
      svg('title', {}, `${iso3 ? countryLabel(iso3) : f.properties.name}${value ? `: ${fmtNumber(value)} article${value === 1 ? '' : 's'}` : ''}`));
    if (onCountry && iso3) el.addEventListener('click', () => onCountry(iso3));
    land.append(el);
  }
  root.append(land);
  const maxCount = Math.max(1, ...points.map((p) => p.count));
  const dots = svg('g', { class: 'points' });
  for (const p of [...points].sort((a, b) => b.count - a.count)) {
    const xy = projection([p.lon, p.lat]);
    if (!xy || !Number.isFinite(xy[0])) continue;
    const r = 3 + 9 * Math.sqrt(p.count / maxCount);
    dots.append(svg('circle', { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: r.toFixed(1), class: 'point',
      'data-name': p.name },
    svg('title', {}, `${p.name}${p.country ? `, ${countryName(p.country)}` : ''}: ${fmtNumber(p.count)} mention${p.count === 1 ? '' : 's'}`)));
  }
  root.append(dots);
  container.append(root);
  return root;
}

// Fetches the records of `ids`, a few at a time.
async function fetchRecords(ids, isCurrent, onProgress) {
  const records = [];
  let next = 0;
  async function worker() {
    while (next < ids.length && isCurrent()) {
      const id = ids[next++];
      try {
        records.push(await getJson(`articles/${encodeURIComponent(id)}`));
      } catch (_) { /* a vanished article is skipped */ }
      onProgress(records.length);
    }
  }
  await Promise.all(Array.from({ length: 6 }, worker));
  return records;
}

const FILTERS = ['q', 'from', 'to', 'country', 'entity'];

export async function render(root, { params, navigate, isCurrent }) {
  const max = Math.min(Number(params.max) || 100, 500);
  const inputs = {
    q: h('input', { type: 'search', value: params.q || '', placeholder: 'all articles', size: 30 }),
    from: h('input', { type: 'date', value: params.from || '' }),
    to: h('input', { type: 'date', value: params.to || '' }),
    country: countrySelect(document, params.country || ''),
    entity: h('input', { type: 'text', value: params.entity || '', size: 16 }),
  };
  const form = h('form', { class: 'filters', onsubmit: (ev) => {
    ev.preventDefault();
    const next = {};
    for (const key of FILTERS) next[key] = inputs[key].value.trim();
    navigate('map', [], next);
  } }, field('Search', inputs.q), field('From', inputs.from), field('To', inputs.to),
  field('Country mentioned', inputs.country), field('Entity', inputs.entity), h('button', { type: 'submit' }, 'Map'));
  const status = h('div', { class: 'summary' }, loading());
  const mapBox = h('div', { class: 'map-box', id: 'world-map' });
  const table = h('div');
  root.append(h('h1', {}, 'Map of places mentioned'), form, status, mapBox, table);

  const filter = {};
  for (const key of FILTERS) if (params[key]) filter[key] = params[key];
  try {
    const ids = [];
    let cursor = '';
    let total = 0;
    do {
      const page = await getJson('articles', { ...filter, cursor, limit: Math.min(100, max - ids.length) });
      total = page.total;
      for (const a of page.items) ids.push(a.id);
      cursor = page.next_cursor || '';
    } while (cursor && ids.length < max && isCurrent());
    if (!isCurrent()) return;
    const records = await fetchRecords(ids, isCurrent, (n) => {
      status.textContent = `Reading ${n} of ${ids.length} articles…`;
    });
    if (!isCurrent()) return;
    const points = new Map();
    const shading = new Map();
    for (const r of records) {
      const seen = new Set();
      for (const p of r.places || []) {
        if (p.country) seen.add(p.country);
        // Countries are shown by shading, not as a dot at their centroid.
        if (p.lat === null || p.lat === undefined || p.type === 'country') continue;
        const key = `${p.name}|${p.country}`;
        const pt = points.get(key) || { name: p.name, country: p.country, lat: p.lat, lon: p.lon, count: 0, articles: new Set() };
        pt.count += 1;
        pt.articles.add(r.id);
        points.set(key, pt);
      }
      for (const e of r.entities || []) if (e.type === 'LOC' && e.country) seen.add(e.country);
      for (const c of seen) shading.set(c, (shading.get(c) || 0) + 1);
    }
    status.replaceChildren(`${fmtNumber(points.size)} places and ${fmtNumber(shading.size)} countries in ${fmtNumber(records.length)} article${records.length === 1 ? '' : 's'}`,
      total > records.length ? ` (the ${fmtNumber(records.length)} most recent or relevant of ${fmtNumber(total)}; narrow the search to map the rest)` : '',
      '. Click a country to search its articles.');
    drawWorld(mapBox, { points: [...points.values()], shading,
      onCountry: (iso3) => navigate('search', [], { ...filter, country: iso3 }) });
    mapBox.dataset.points = String(points.size);
    const rows = [...points.values()].sort((a, b) => b.count - a.count).slice(0, 200);
    table.append(h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, ['Place', 'Country', 'Mentions', 'Articles', 'Lat', 'Lon'].map((t) => h('th', {}, t)))),
      h('tbody', {}, rows.map((p) => h('tr', {},
        h('td', {}, p.name),
        h('td', {}, p.country ? h('a', { href: hashFor('search', [], { country: p.country }) }, countryLabel(p.country)) : ''),
        h('td', { class: 'num' }, fmtNumber(p.count)), h('td', { class: 'num' }, fmtNumber(p.articles.size)),
        h('td', { class: 'num' }, fmtNumber(p.lat, 2)), h('td', { class: 'num' }, fmtNumber(p.lon, 2)))))));
  } catch (err) {
    status.replaceChildren(errorBox(err));
  }
}
