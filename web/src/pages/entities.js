// entities.js: people, organisations, locations and nationalities, by how
// many articles mention them.
import { csvUrl, getJson } from '../api.js';
import { countryLabel, countrySelect } from '../countries.js';
import { errorBox, field, fmtNumber, h, loading } from '../dom.js';
import { hashFor } from '../router.js';

const FILTERS = ['type', 'country', 'name'];

export async function render(root, { params, navigate, isCurrent }) {
  const inputs = {
    type: h('select', {}, [['', 'any'], ['PERSON', 'people'], ['ORG', 'organisations'], ['LOC', 'locations'], ['NORP', 'nationalities']]
      .map(([v, label]) => h('option', { value: v, selected: v === (params.type || '') }, label))),
    country: countrySelect(document, params.country || ''),
    name: h('input', { type: 'search', value: params.name || '', size: 20 }),
  };
  const form = h('form', { class: 'filters', onsubmit: (ev) => {
    ev.preventDefault();
    const next = {};
    for (const key of FILTERS) next[key] = inputs[key].value.trim();
    navigate('entities', [], next);
  } }, field('Type', inputs.type), field('Country', inputs.country), field('Name contains', inputs.name),
  h('button', { type: 'submit' }, 'List'));
  const filter = {};
  for (const key of FILTERS) if (params[key]) filter[key] = params[key];
  const summary = h('div', { class: 'summary' });
  const body = h('tbody');
  const more = h('button', { type: 'button', class: 'more', hidden: true }, 'Load more');
  const status = h('div');
  root.append(h('h1', {}, 'Entities'), form, summary,
    h('table', { class: 'data', id: 'entities' },
      h('thead', {}, h('tr', {}, ['Name', 'Type', 'Country', 'Role', 'Articles', 'Mentions', ''].map((t) => h('th', {}, t)))), body),
    more, status);
  let cursor = '';
  let shown = 0;
  async function load() {
    more.disabled = true;
    status.replaceChildren(loading());
    try {
      const page = await getJson('entities', { ...filter, cursor, limit: 100 });
      if (!isCurrent()) return;
      status.replaceChildren();
      for (const e of page.items) {
        body.append(h('tr', {},
          h('td', {}, h('a', { href: hashFor('search', [], { entity: e.canonical }) }, e.canonical)),
          h('td', {}, e.type), h('td', { title: countryLabel(e.country) }, e.country), h('td', {}, e.role),
          h('td', { class: 'num' }, fmtNumber(e.articles)), h('td', { class: 'num' }, fmtNumber(e.mentions)),
          h('td', {}, e.type === 'PERSON' ? h('a', { href: hashFor('quotes', [], { speaker: e.canonical }) }, 'quotes') : '')));
      }
      shown += page.items.length;
      cursor = page.next_cursor || '';
      more.hidden = !cursor;
      more.disabled = false;
      summary.replaceChildren(`${fmtNumber(shown)} shown${cursor ? ' (more available)' : ''} · `,
        h('a', { href: csvUrl('entities', filter), download: 'ties-entities.csv' }, 'Download CSV'));
    } catch (err) {
      status.replaceChildren(errorBox(err));
      more.disabled = false;
    }
  }
  more.addEventListener('click', load);
  await load();
}
