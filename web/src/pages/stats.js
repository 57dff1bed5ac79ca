// stats.js: what is in the store: counts, date range, top sources, entities,
// countries and themes.
import { getJson } from '../api.js';
import { topChart } from '../charts.js';
import { countryLabel } from '../countries.js';
import { fmtNumber, h } from '../dom.js';
import { hashFor } from '../router.js';

export async function render(root, { isCurrent }) {
  const s = await getJson('stats');
  if (!isCurrent()) return undefined;
  const cards = ['articles', 'sources', 'entities', 'mentions', 'places', 'quotes', 'events', 'clusters'];
  const charts = [];
  const top = (title, rows, link, label = (r) => r.name) => {
    const canvas = h('canvas', { 'aria-label': title });
    const section = h('section', { class: 'panel' }, h('h2', {}, title),
      rows.length ? h('div', { class: 'chart small' }, canvas) : h('p', { class: 'muted' }, 'None yet.'),
      h('ol', { class: 'top-list' }, rows.map((r) => h('li', {}, h('a', { href: link(r) }, label(r)), ` ${fmtNumber(r.articles)}`))));
    if (rows.length) charts.push(() => topChart(canvas, rows.map((r) => ({ name: label(r), count: r.articles })), title));
    return section;
  };
  root.append(h('h1', {}, 'Statistics'),
    h('p', { class: 'summary' }, s.first_date ? `Articles published from ${s.first_date} to ${s.last_date}.` : 'The store is empty.'),
    h('div', { class: 'cards', id: 'stats-cards' }, cards.map((k) => h('div', { class: 'card', dataset: { metric: k } },
      h('div', { class: 'card-value' }, fmtNumber(s[k])), h('div', { class: 'card-label' }, k)))),
    h('div', { class: 'chart-grid' },
      top('Top sources', s.top_sources, (r) => hashFor('search', [], { source: r.name })),
      top('Top entities', s.top_entities, (r) => hashFor('search', [], { entity: r.name })),
      top('Top countries', s.top_countries, (r) => hashFor('search', [], { country: r.name }), (r) => countryLabel(r.name)),
      top('Top themes', s.top_themes, (r) => hashFor('search', [], { theme: r.name }))));
  const made = charts.map((make) => make());
  return () => made.forEach((c) => c.destroy());
}
