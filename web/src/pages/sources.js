// sources.js: how each source of `ties fetch` / `ties watch` is doing: last
// success and failure, fetches, failures, articles stored and the last error
// (GET /api/sources, the same rows as `ties sources`; docs/fetch.md).
import { getJson } from '../api.js';
import { fmtNumber, h } from '../dom.js';

// A source is failing when its latest outcome is a failure: it never
// succeeded, or it failed after its last success. Times are ISO 8601 UTC
// ("2026-12-08T03:00:00Z"), so they compare as strings.
export function isFailing(s) {
  return Boolean(s.last_failure) && (!s.last_success || s.last_failure > s.last_success);
}

// Failing sources first (they need someone's attention), then by name.
export function sortSources(items) {
  return [...items].sort((a, b) => (isFailing(b) - isFailing(a)) || a.name.localeCompare(b.name));
}

const when = (t) => (t ? h('time', { datetime: t }, t) : '–');

export async function render(root, { isCurrent }) {
  const page = await getJson('sources');
  if (!isCurrent()) return;
  const items = sortSources(page.items);
  root.append(h('h1', {}, 'Sources'));
  if (!items.length) {
    root.append(h('p', { class: 'summary', id: 'sources-empty' },
      'Nothing has been fetched into this database yet. ', h('code', {}, 'ties fetch URL'), ' or ',
      h('code', {}, 'ties watch --sources sources.toml'), ' fills this page (docs/fetch.md).'));
    return;
  }
  const total = (key) => items.reduce((sum, s) => sum + s[key], 0);
  const failing = items.filter(isFailing).length;
  root.append(h('p', { class: 'summary' },
    `${fmtNumber(items.length)} sources, ${failing ? `${fmtNumber(failing)} failing now, ` : ''}`
    + `${fmtNumber(total('fetches'))} fetches, ${fmtNumber(total('failures'))} failures, `
    + `${fmtNumber(total('articles'))} articles stored. Times are UTC.`),
  h('table', { class: 'data', id: 'sources' },
    h('thead', {}, h('tr', {}, ['Source', 'Last success', 'Last failure', 'Fetches', 'Failures', 'Articles', 'Last error']
      .map((t) => h('th', {}, t)))),
    h('tbody', {}, items.map((s) => h('tr', { class: isFailing(s) ? 'failing' : undefined, dataset: { source: s.name } },
      h('td', {}, s.name), h('td', { class: 'when' }, when(s.last_success)), h('td', { class: 'when' }, when(s.last_failure)),
      h('td', { class: 'num' }, fmtNumber(s.fetches)), h('td', { class: 'num' }, fmtNumber(s.failures)),
      h('td', { class: 'num' }, fmtNumber(s.articles)), h('td', { class: 'error-text' }, s.last_error))))));
}
