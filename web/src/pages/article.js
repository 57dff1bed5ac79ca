// article.js: one article with its entities, places, quotes, dates and event
// triggers highlighted in the text (in the manner of displaCy), plus side
// panels. The text is rendered as text nodes only; spans become <mark>
// elements built with createElement, so stored markup never becomes markup.
import { getJson } from '../api.js';
import { countryLabel } from '../countries.js';
import { clear, fmtNumber, h } from '../dom.js';
import { hashFor } from '../router.js';
import { drawWorld } from './map.js';

const ENTITY_LABEL = { PERSON: 'person', ORG: 'organisation', LOC: 'location', NORP: 'nationality' };
const ENTITY_GROUP = { PERSON: 'People', ORG: 'Organisations', LOC: 'Locations', NORP: 'Nationalities' };

// Outer-first order for annotations that share a span.
const PRIORITY = { quote: 0, dateline: 1, speaker: 2, entity: 3, place: 4, date: 5, trigger: 6, cue: 7 };

// Code point offsets (the record's unit) -> UTF-16 indices (JavaScript's).
export function codePointIndex(text) {
  const map = [];
  let unit = 0;
  for (const ch of text) {
    map.push(unit);
    unit += ch.length;
  }
  map.push(unit);
  return (cp) => map[Math.max(0, Math.min(cp, map.length - 1))];
}

// Nests annotations into a tree (sorted by start, longer first); an annotation
// that crosses its parent's end is clipped to it.
export function nestAnnotations(length, annotations) {
  const sorted = annotations
    .filter((a) => a.end > a.start && a.start >= 0 && a.end <= length)
    .sort((x, y) => x.start - y.start || y.end - x.end || PRIORITY[x.kind] - PRIORITY[y.kind]);
  const root = { start: 0, end: length, children: [] };
  const stack = [root];
  for (const ann of sorted) {
    while (stack.length > 1 && ann.start >= stack[stack.length - 1].end) stack.pop();
    const parent = stack[stack.length - 1];
    const node = { ...ann, end: Math.min(ann.end, parent.end), children: [] };
    parent.children.push(node);
    stack.push(node);
  }
  return root;
}

function renderNode(text, node, makeElement) {
  const el = node.kind ? makeElement(node) : document.createDocumentFragment();
  let pos = node.start;
  for (const child of node.children) {
    if (child.start > pos) el.append(document.createTextNode(text.slice(pos, child.start)));
    el.append(renderNode(text, child, makeElement));
    pos = child.end;
  }
  if (node.end > pos) el.append(document.createTextNode(text.slice(pos, node.end)));
  return el;
}

function speakerLabel(s) {
  if (!s) return 'unknown speaker';
  const extra = [s.role, s.country ? countryLabel(s.country) : ''].filter(Boolean).join(', ');
  return `${s.name || 'unknown speaker'}${extra ? ` (${extra})` : ''}`;
}

// The record's spans as flat annotations in UTF-16 offsets.
export function collectAnnotations(record) {
  const at = codePointIndex(record.text || '');
  const anns = [];
  const span = (s) => ({ start: at(s.start), end: at(s.end) });
  (record.quotes || []).forEach((q, i) => {
    anns.push({ ...span(q), kind: 'quote', quote: i,
      cls: `quote quote-${q.kind}`, title: `Quote (${q.kind}) — ${speakerLabel(q.speaker)}`,
      data: { speaker: q.speaker?.name || '', quote: i } });
    if (q.speaker && q.speaker.end > q.speaker.start) {
      anns.push({ ...span(q.speaker), kind: 'speaker', cls: 'speaker', title: `Speaker: ${speakerLabel(q.speaker)}`,
        data: { speaker: q.speaker.name || '', quote: i } });
    }
    if (q.cue && q.cue.end > q.cue.start) {
      anns.push({ ...span(q.cue), kind: 'cue', cls: 'cue', title: `Cue: ${q.cue.verb}` });
    }
  });
  if (record.dateline && record.dateline.end > record.dateline.start) {
    const d = record.dateline;
    anns.push({ ...span(d), kind: 'dateline', cls: 'dateline',
      title: `Dateline: ${[d.place, d.country, d.date, d.agency].filter(Boolean).join(' · ')}` });
  }
  for (const e of record.entities || []) {
    const extra = [ENTITY_LABEL[e.type] || e.type, e.country ? countryLabel(e.country) : '', e.role || '', e.org_kind || '',
      e.mention !== 'name' ? e.mention : ''].filter(Boolean).join(' · ');
    anns.push({ ...span(e), kind: 'entity', cls: `ent ent-${e.type} mention-${e.mention}`,
      title: `${e.canonical} — ${extra}`, data: { canonical: e.canonical, type: e.type, entity: e.entity } });
  }
  for (const p of record.places || []) {
    const coords = p.lat !== null && p.lat !== undefined ? ` (${p.lat.toFixed(2)}, ${p.lon.toFixed(2)})` : '';
    anns.push({ ...span(p), kind: 'place', cls: 'place',
      title: `Place: ${p.name} — ${p.type}${p.country ? `, ${countryLabel(p.country)}` : ''}${coords}`,
      data: { place: p.name } });
  }
  for (const d of record.dates || []) {
    anns.push({ ...span(d), kind: 'date', cls: 'date', title: `Date: ${d.value}` });
  }
  for (const ev of record.events || []) {
    if (!ev.trigger || ev.trigger.end <= ev.trigger.start) continue;
    anns.push({ ...span(ev.trigger), kind: 'trigger', cls: 'trigger',
      title: `Event ${ev.source} → ${ev.target}: CAMEO ${ev.code}, Goldstein ${ev.goldstein}${ev.negated ? ' (negated)' : ''}` });
  }
  return anns;
}

function makeMark(node) {
  const el = document.createElement('mark');
  el.className = node.cls;
  el.title = node.title;
  for (const [k, v] of Object.entries(node.data || {})) el.dataset[k] = String(v);
  return el;
}

const LAYERS = [
  ['ent-PERSON', 'People'], ['ent-ORG', 'Organisations'], ['ent-LOC', 'Locations'], ['ent-NORP', 'Nationalities'],
  ['place', 'Places'], ['quote', 'Quotes'], ['speaker', 'Speakers'], ['date', 'Dates'], ['trigger', 'Events'],
];

function legend(textEl) {
  return h('div', { class: 'legend', id: 'legend' }, LAYERS.map(([cls, label]) => {
    const box = h('input', { type: 'checkbox', checked: true,
      onchange: () => textEl.classList.toggle(`hide-${cls}`, !box.checked) });
    return h('label', { class: `chip chip-${cls}` }, box, label);
  }));
}

function flash(el) {
  el.scrollIntoView({ behavior: 'smooth', block: 'center' });
  el.classList.add('flash');
  setTimeout(() => el.classList.remove('flash'), 1500);
}

function panel(title, ...children) {
  return h('section', { class: 'panel' }, h('h2', {}, title), ...children);
}

function quotePanel(record, textEl) {
  const quotes = record.quotes || [];
  if (!quotes.length) return panel('Quotes', h('p', { class: 'muted' }, 'No quotes found.'));
  return panel(`Quotes (${quotes.length})`, h('ol', { class: 'quote-list', id: 'quote-list' }, quotes.map((q, i) =>
    h('li', { class: `quote-item quote-${q.kind}`,
      onclick: () => { const m = textEl.querySelector(`mark.quote[data-quote="${i}"]`); if (m) flash(m); } },
      h('div', { class: 'quote-speaker' },
        q.speaker?.name ? h('a', { href: hashFor('quotes', [], { speaker: q.speaker.name }) }, q.speaker.name) : 'unknown speaker',
        q.speaker?.role ? h('span', { class: 'muted' }, `, ${q.speaker.role}`) : null,
        q.speaker?.country ? h('span', { class: 'badge' }, q.speaker.country) : null,
        h('span', { class: 'badge kind' }, q.kind),
        q.cue?.verb ? h('span', { class: 'muted' }, ` · ${q.cue.verb}`) : null),
      h('blockquote', {}, q.text)))));
}

function entityPanel(record) {
  const groups = new Map();
  for (const e of record.entities || []) {
    const key = `${e.type}\u0000${e.canonical}`;
    const g = groups.get(key) || { type: e.type, canonical: e.canonical, country: e.country, role: e.role, count: 0 };
    g.count += 1;
    if (!g.role && e.role) g.role = e.role;
    groups.set(key, g);
  }
  const byType = {};
  for (const g of groups.values()) (byType[g.type] ||= []).push(g);
  const sections = Object.entries(byType).map(([type, list]) => h('div', { class: 'ent-group' },
    h('h3', {}, ENTITY_GROUP[type] || type),
    h('ul', {}, list.sort((a, b) => b.count - a.count).map((g) => h('li', {},
      h('a', { class: `chip chip-ent-${type}`, href: hashFor('search', [], { entity: g.canonical }) }, g.canonical),
      g.role ? h('span', { class: 'muted' }, ` ${g.role}`) : null,
      g.country ? h('span', { class: 'badge' }, g.country) : null,
      h('span', { class: 'count' }, `×${g.count}`))))));
  return panel('Entities', sections.length ? sections : h('p', { class: 'muted' }, 'No entities found.'));
}

function eventPanel(record) {
  const events = record.events || [];
  if (!events.length) return null;
  return panel(`Events (${events.length})`, h('table', { class: 'data' },
    h('thead', {}, h('tr', {}, ['Source', 'Target', 'CAMEO', 'Goldstein', 'Trigger'].map((t) => h('th', {}, t)))),
    h('tbody', {}, events.map((ev) => h('tr', {},
      h('td', {}, ev.source), h('td', {}, ev.target), h('td', {}, ev.code + (ev.negated ? ' (neg.)' : '')),
      h('td', { class: 'num' }, fmtNumber(ev.goldstein, 1)), h('td', {}, ev.trigger?.text || ''))))));
}

function placesPanel(record) {
  const places = record.places || [];
  if (!places.length) return null;
  const points = new Map();
  for (const p of places) {
    if (p.lat === null || p.lat === undefined || p.type === 'country') continue;
    const key = `${p.name}|${p.country}`;
    const pt = points.get(key) || { name: p.name, country: p.country, lat: p.lat, lon: p.lon, count: 0 };
    pt.count += 1;
    points.set(key, pt);
  }
  const mapBox = h('div', { class: 'mini-map' });
  const shading = new Map(places.filter((p) => p.country).map((p) => [p.country, 1]));
  drawWorld(mapBox, { points: [...points.values()], shading, height: 300, zoom: true });
  return panel(`Places (${places.length})`, mapBox, h('ul', { class: 'inline-list' },
    [...new Map(places.map((p) => [`${p.name}|${p.country}`, p])).values()].map((p) =>
      h('li', { class: 'chip chip-place', title: `${p.type}${p.country ? `, ${countryLabel(p.country)}` : ''}` }, p.name))));
}

function tonePanel(record) {
  const t = record.tone;
  const themes = record.themes || [];
  return panel('Tone and themes',
    t ? h('dl', { class: 'kv' },
      h('dt', {}, 'Tone'), h('dd', {}, fmtNumber(t.tone, 2)),
      h('dt', {}, 'Positive / negative'), h('dd', {}, `${fmtNumber(t.positive, 2)} / ${fmtNumber(t.negative, 2)}`),
      h('dt', {}, 'Words'), h('dd', {}, fmtNumber(t.word_count))) : null,
    themes.length ? h('ul', { class: 'inline-list' }, themes.map((th) =>
      h('li', {}, h('a', { class: 'chip', href: hashFor('search', [], { theme: th.name }) }, `${th.name} ×${th.count}`)))) : null);
}

export async function render(root, { segments, isCurrent }) {
  const id = segments.join('/');
  const record = await getJson(`articles/${encodeURIComponent(id)}`);
  if (!isCurrent()) return;
  const text = record.text || '';
  const textEl = h('div', { class: 'article-text', id: 'article-text', lang: record.language || 'en' });
  textEl.append(renderNode(text, nestAnnotations(text.length, collectAnnotations(record)), makeMark));
  // Hovering a quote or speaker lights up the other half of the pair.
  textEl.addEventListener('mouseover', (ev) => {
    const mark = ev.target.closest('mark[data-quote]');
    for (const m of textEl.querySelectorAll('mark.pair')) m.classList.remove('pair');
    if (mark) for (const m of textEl.querySelectorAll(`mark[data-quote="${mark.dataset.quote}"]`)) m.classList.add('pair');
  });

  const meta = [record.published, record.source, record.dateline?.place].filter(Boolean).join(' · ');
  clear(root);
  root.append(
    h('p', { class: 'crumbs' }, h('a', { href: '#/search' }, '← Search')),
    h('article', { class: 'article', dataset: { id: record.id } },
      h('h1', { id: 'article-title' }, record.title || record.id),
      h('div', { class: 'hit-meta' }, meta,
        record.url ? [' · ', h('a', { href: record.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'original')] : null,
        ' · ', h('a', { href: `api/articles/${encodeURIComponent(record.id)}`, target: '_blank' }, 'JSON')),
      h('div', { class: 'article-layout' },
        h('div', { class: 'article-main' }, legend(textEl), textEl),
        h('aside', { class: 'article-side' },
          quotePanel(record, textEl), entityPanel(record), placesPanel(record), eventPanel(record), tonePanel(record)))));
}
