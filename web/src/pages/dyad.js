// dyad.js: two countries over time: articles and events by quad class, mean
// Goldstein and tone (GET /api/dyads/{A}/{B}/series).
import { apiUrl, getJson } from '../api.js';
import { Chart, COLORS } from '../charts.js';
import { countryLabel, countryName, countrySelect } from '../countries.js';
import { errorBox, field, fmtNumber, h, loading } from '../dom.js';
import { hashFor } from '../router.js';

export async function render(root, { segments, params, navigate, isCurrent }) {
  const a = (segments[0] || 'KAZ').toUpperCase();
  const b = (segments[1] || 'CHN').toUpperCase();
  const by = ['day', 'week', 'month', 'year'].includes(params.by) ? params.by : 'month';
  const selA = countrySelect(document, a, null);
  const selB = countrySelect(document, b, null);
  selA.id = 'dyad-a';
  selB.id = 'dyad-b';
  const selBy = h('select', { id: 'dyad-by' }, ['day', 'week', 'month', 'year'].map((v) => h('option', { value: v, selected: v === by }, v)));
  const from = h('input', { type: 'date', value: params.from || '' });
  const to = h('input', { type: 'date', value: params.to || '' });
  const dedup = h('input', { type: 'checkbox', checked: params.dedup === 'true' });
  const query = { by, from: params.from, to: params.to, dedup: params.dedup === 'true' ? 'true' : undefined };
  const form = h('form', { class: 'filters', onsubmit: (ev) => {
    ev.preventDefault();
    navigate('dyad', [selA.value, selB.value], { by: selBy.value, from: from.value, to: to.value, dedup: dedup.checked ? 'true' : '' });
  } }, field('Country A', selA), field('Country B', selB), field('By', selBy), field('From', from), field('To', to),
  h('label', { class: 'field check' }, dedup, h('span', {}, 'Count syndicated copies once')),
  h('button', { type: 'submit' }, 'Show'));

  const summary = h('div', { class: 'summary' }, loading());
  const countsCanvas = h('canvas', { id: 'dyad-counts', 'aria-label': 'Articles and events per period' });
  const scoreCanvas = h('canvas', { id: 'dyad-scores', 'aria-label': 'Mean Goldstein and tone per period' });
  const table = h('div', { class: 'table-wrap' });
  root.append(h('h1', {}, `${countryName(a)} – ${countryName(b)}`), form, summary,
    h('div', { class: 'chart-grid' },
      h('section', { class: 'panel' }, h('h2', {}, 'Articles and events'), h('div', { class: 'chart' }, countsCanvas)),
      h('section', { class: 'panel' }, h('h2', {}, 'Goldstein scale and tone'), h('div', { class: 'chart' }, scoreCanvas))),
    table);

  const charts = [];
  try {
    const data = await getJson(`dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/series`, query);
    if (!isCurrent()) return undefined;
    const series = data.series;
    const labels = series.map((p) => p.period);
    const totalArticles = series.reduce((s, p) => s + p.articles, 0);
    const totalEvents = series.reduce((s, p) => s + p.events, 0);
    summary.replaceChildren(
      `${fmtNumber(totalArticles)} articles and ${fmtNumber(totalEvents)} events between ${countryLabel(a)} and ${countryLabel(b)} in ${series.length} ${by}${series.length === 1 ? '' : 's'} · `,
      h('a', { href: hashFor('search', [], { country: a, q: countryName(b) }) }, 'articles'), ' · ',
      h('a', { href: apiUrl(`dyads/${a}/${b}/series`, { ...query, format: 'csv' }), download: `ties-dyad-${a}-${b}.csv` }, 'Download CSV'));
    countsCanvas.dataset.points = String(series.length);
    countsCanvas.dataset.articles = String(totalArticles);
    scoreCanvas.dataset.points = String(series.length);
    if (!series.length) {
      summary.append(h('p', { class: 'muted' }, 'No articles mention both countries in this range.'));
      return undefined;
    }
    charts.push(new Chart(countsCanvas, {
      data: {
        labels,
        datasets: [
          { type: 'line', label: 'articles', data: series.map((p) => p.articles), borderColor: COLORS.articles,
            backgroundColor: COLORS.articles, yAxisID: 'y', tension: 0.2 },
          { type: 'bar', label: 'verbal cooperation', data: series.map((p) => p.verbal_coop), backgroundColor: COLORS.verbal_coop, stack: 'ev' },
          { type: 'bar', label: 'material cooperation', data: series.map((p) => p.material_coop), backgroundColor: COLORS.material_coop, stack: 'ev' },
          { type: 'bar', label: 'verbal conflict', data: series.map((p) => p.verbal_conflict), backgroundColor: COLORS.verbal_conflict, stack: 'ev' },
          { type: 'bar', label: 'material conflict', data: series.map((p) => p.material_conflict), backgroundColor: COLORS.material_conflict, stack: 'ev' },
        ],
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: 'count' } } } },
    }));
    charts.push(new Chart(scoreCanvas, {
      type: 'line',
      data: {
        labels,
        datasets: [
          { label: 'mean Goldstein (−10…+10)', data: series.map((p) => (p.events ? p.mean_goldstein : null)), borderColor: COLORS.goldstein,
            backgroundColor: COLORS.goldstein, spanGaps: true, tension: 0.2 },
          { label: 'mean tone', data: series.map((p) => p.mean_tone), borderColor: COLORS.tone, backgroundColor: COLORS.tone, tension: 0.2 },
        ],
      },
      options: { scales: { y: { suggestedMin: -5, suggestedMax: 5 } } },
    }));
    table.append(h('table', { class: 'data', id: 'dyad-table' },
      h('thead', {}, h('tr', {}, ['Period', 'Articles', 'Events', 'Verbal coop.', 'Material coop.', 'Verbal confl.',
        'Material confl.', 'Goldstein', 'Tone'].map((t) => h('th', {}, t)))),
      h('tbody', {}, series.map((p) => h('tr', {},
        h('td', {}, p.period), h('td', { class: 'num' }, fmtNumber(p.articles)), h('td', { class: 'num' }, fmtNumber(p.events)),
        h('td', { class: 'num' }, fmtNumber(p.verbal_coop)), h('td', { class: 'num' }, fmtNumber(p.material_coop)),
        h('td', { class: 'num' }, fmtNumber(p.verbal_conflict)), h('td', { class: 'num' }, fmtNumber(p.material_conflict)),
        h('td', { class: 'num' }, p.events ? fmtNumber(p.mean_goldstein, 2) : '–'), h('td', { class: 'num' }, fmtNumber(p.mean_tone, 2)))))));
  } catch (err) {
    summary.replaceChildren(errorBox(err));
  }
  return () => charts.forEach((c) => c.destroy());
}
