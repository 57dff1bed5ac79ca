// quotes.js: the quote explorer: who said what, filtered by speaker, the
// speaker's country and role, kind and text.
import { csvUrl, getJson } from '../api.js';
import { countryLabel, countrySelect } from '../countries.js';
import { errorBox, field, fmtNumber, h, loading } from '../dom.js';
import { hashFor } from '../router.js';

const FILTERS = ['speaker', 'country', 'role', 'q', 'kind', 'from', 'to'];

export async function render(root, { params, navigate, isCurrent }) {
  const inputs = {
    speaker: h('input', { type: 'search', value: params.speaker || '', placeholder: 'e.g. Balayeva', size: 18 }),
    country: countrySelect(document, params.country || '', 'Any country'),
    role: h('input', { type: 'text', value: params.role || '', placeholder: 'e.g. minister', size: 12 }),
    q: h('input', { type: 'search', value: params.q || '', placeholder: 'words in the quote', size: 20 }),
    kind: h('select', {}, ['', 'direct', 'indirect', 'mixed'].map((k) => h('option', { value: k, selected: k === (params.kind || '') }, k || 'any'))),
    from: h('input', { type: 'date', value: params.from || '' }),
    to: h('input', { type: 'date', value: params.to || '' }),
  };
  const form = h('form', { class: 'filters', onsubmit: (ev) => {
    ev.preventDefault();
    const next = {};
    for (const key of FILTERS) next[key] = inputs[key].value.trim();
    navigate('quotes', [], next);
  } }, field('Speaker', inputs.speaker), field("Speaker's country", inputs.country), field('Role', inputs.role),
  field('Text', inputs.q), field('Kind', inputs.kind), field('From', inputs.from), field('To', inputs.to),
  h('button', { type: 'submit' }, 'Find quotes'));
  const filter = {};
  for (const key of FILTERS) if (params[key]) filter[key] = params[key];
  const summary = h('div', { class: 'summary' });
  const list = h('ol', { class: 'quote-list wide', id: 'quotes' });
  const more = h('button', { type: 'button', class: 'more', hidden: true }, 'Load more');
  const status = h('div');
  root.append(h('h1', {}, 'Quotes'), form, summary, list, more, status);

  let cursor = '';
  let shown = 0;
  async function load() {
    more.disabled = true;
    status.replaceChildren(loading());
    try {
      const page = await getJson('quotes', { ...filter, cursor, limit: 50 });
      if (!isCurrent()) return;
      status.replaceChildren();
      for (const q of page.items) {
        list.append(h('li', { class: `quote-item quote-${q.kind}` },
          h('div', { class: 'quote-speaker' },
            q.speaker ? h('a', { href: hashFor('quotes', [], { ...filter, speaker: q.speaker }) }, q.speaker) : 'unknown speaker',
            q.speaker_role ? h('span', { class: 'muted' }, `, ${q.speaker_role}`) : null,
            q.speaker_country ? h('a', { class: 'badge', title: countryLabel(q.speaker_country),
              href: hashFor('quotes', [], { ...filter, country: q.speaker_country }) }, q.speaker_country) : null,
            h('span', { class: 'badge kind' }, q.kind),
            q.cue ? h('span', { class: 'muted' }, ` · ${q.cue}`) : null),
          h('blockquote', {}, q.text),
          h('div', { class: 'hit-meta' }, h('a', { href: hashFor('article', [q.article_id]) }, q.published || q.article_id),
            q.url ? [' · ', h('a', { href: q.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'source')] : null)));
      }
      shown += page.items.length;
      cursor = page.next_cursor || '';
      more.hidden = !cursor;
      more.disabled = false;
      summary.replaceChildren(`${fmtNumber(shown)} quote${shown === 1 ? '' : 's'} shown${cursor ? ' (more available)' : ''} · `,
        h('a', { href: csvUrl('quotes', filter), download: 'ties-quotes.csv' }, 'Download CSV'));
      if (shown === 0) list.append(h('li', { class: 'empty' }, 'No quotes match.'));
    } catch (err) {
      status.replaceChildren(errorBox(err));
      more.disabled = false;
    }
  }
  more.addEventListener('click', load);
  await load();
}
