// search.js: full-text search with filters, cursor paging and CSV download.
import { csvUrl, getJson } from '../api.js';
import { countryLabel, countrySelect } from '../countries.js';
import { errorBox, field, fmtNumber, h, loading } from '../dom.js';
import { hashFor } from '../router.js';

const FILTERS = ['q', 'from', 'to', 'source', 'country', 'entity', 'theme'];

// "…[Kazakhstan] and [China]…" (FTS5 snippet markers) -> text and <mark> nodes.
export function snippetNodes(snippet) {
  const nodes = [];
  const re = /\[([^\[\]]*)\]/g;
  let last = 0;
  let m;
  while ((m = re.exec(snippet)) !== null) {
    if (m.index > last) nodes.push(snippet.slice(last, m.index));
    nodes.push(h('mark', {}, m[1]));
    last = re.lastIndex;
  }
  if (last < snippet.length) nodes.push(snippet.slice(last));
  return nodes;
}

export function articleRow(a) {
  return h('li', { class: 'hit', dataset: { id: a.id } },
    h('a', { class: 'hit-title', href: hashFor('article', [a.id]) }, a.title || a.id),
    h('div', { class: 'hit-meta' }, [a.published, a.source].filter(Boolean).join(' · '),
      a.url ? [' · ', h('a', { href: a.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'source')] : null),
    a.snippet ? h('p', { class: 'snippet' }, snippetNodes(a.snippet)) : null);
}

export async function render(root, { params, navigate, isCurrent }) {
  const inputs = {
    q: h('input', { type: 'search', name: 'q', value: params.q || '', placeholder: 'e.g. tourism AND China, "visa exemption"', size: 40 }),
    from: h('input', { type: 'date', name: 'from', value: params.from || '' }),
    to: h('input', { type: 'date', name: 'to', value: params.to || '' }),
    source: h('input', { type: 'text', name: 'source', value: params.source || '', placeholder: 'any', size: 10, list: 'source-options' }),
    country: countrySelect(document, params.country || ''),
    entity: h('input', { type: 'text', name: 'entity', value: params.entity || '', placeholder: 'e.g. Aida Balayeva', size: 16 }),
    theme: h('input', { type: 'text', name: 'theme', value: params.theme || '', placeholder: 'any', size: 10, list: 'theme-options' }),
  };
  inputs.country.name = 'country';
  const form = h('form', { class: 'filters', id: 'search-form',
    onsubmit: (ev) => {
      ev.preventDefault();
      const next = {};
      for (const key of FILTERS) next[key] = inputs[key].value.trim();
      navigate('search', [], next);
    } },
    field('Search', inputs.q), field('From', inputs.from), field('To', inputs.to), field('Source', inputs.source),
    field('Country mentioned', inputs.country), field('Entity', inputs.entity), field('Theme', inputs.theme),
    h('button', { type: 'submit' }, 'Search'));

  // Suggestions for the source and theme fields (best effort).
  const sourceOptions = h('datalist', { id: 'source-options' });
  const themeOptions = h('datalist', { id: 'theme-options' });
  form.append(sourceOptions, themeOptions);
  Promise.all([getJson('stats'), getJson('themes')]).then(([stats, themes]) => {
    for (const s of stats.top_sources) sourceOptions.append(h('option', { value: s.name }));
    for (const t of themes.items) themeOptions.append(h('option', { value: t.name }));
  }).catch(() => {});

  const filter = {};
  for (const key of FILTERS) if (params[key]) filter[key] = params[key];
  const summary = h('div', { class: 'summary' });
  const list = h('ol', { class: 'hits', id: 'results' });
  const more = h('button', { type: 'button', class: 'more', hidden: true }, 'Load more');
  const status = h('div');
  root.append(h('h1', {}, 'Articles'), form, summary, list, more, status);

  let cursor = '';
  let shown = 0;
  async function load() {
    more.disabled = true;
    status.replaceChildren(loading());
    try {
      const page = await getJson('articles', { ...filter, cursor, limit: 25 });
      if (!isCurrent()) return;
      status.replaceChildren();
      for (const a of page.items) list.append(articleRow(a));
      shown += page.items.length;
      cursor = page.next_cursor || '';
      more.hidden = !cursor;
      more.disabled = false;
      const what = [params.q ? `“${params.q}”` : null, params.country ? countryLabel(params.country) : null,
        params.entity || null].filter(Boolean).join(', ');
      summary.replaceChildren(`${fmtNumber(page.total)} article${page.total === 1 ? '' : 's'}${what ? ` for ${what}` : ''}`,
        ` (showing ${fmtNumber(shown)}) · `,
        h('a', { href: csvUrl('articles', filter), download: 'ties-articles.csv' }, 'Download CSV'));
      if (page.total === 0) list.append(h('li', { class: 'empty' }, 'No articles match.'));
    } catch (err) {
      status.replaceChildren(errorBox(err));
      more.disabled = false;
    }
  }
  more.addEventListener('click', load);
  await load();
}
