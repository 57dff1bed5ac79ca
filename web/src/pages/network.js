// network.js: which countries appear together (GET /api/network), drawn with
// cytoscape. Click an edge for the dyad page, a country for its neighbours.
import cytoscape from 'cytoscape';
import { apiUrl, getJson } from '../api.js';
import { countryLabel, countryName } from '../countries.js';
import { errorBox, field, fmtNumber, h, loading } from '../dom.js';

// cytoscape injects an inline <style> (blocked by our Content-Security-Policy)
// unless an element with this id exists; style.css carries its one rule.
function preventInlineStylesheet() {
  const id = '__________cytoscape_stylesheet';
  if (!document.getElementById(id)) document.head.append(h('meta', { id, name: 'cytoscape-style', content: 'app.css' }));
}

export async function render(root, { params, navigate, isCurrent }) {
  preventInlineStylesheet();
  const limit = h('input', { type: 'number', min: 1, max: 5000, value: params.limit || 150, size: 5 });
  const from = h('input', { type: 'date', value: params.from || '' });
  const to = h('input', { type: 'date', value: params.to || '' });
  const form = h('form', { class: 'filters', onsubmit: (ev) => {
    ev.preventDefault();
    navigate('network', [], { limit: limit.value, from: from.value, to: to.value });
  } }, field('Strongest links', limit), field('From', from), field('To', to), h('button', { type: 'submit' }, 'Draw'));
  const summary = h('div', { class: 'summary' }, loading());
  const graph = h('div', { class: 'graph', id: 'network-graph' });
  const info = h('div', { class: 'graph-info muted' }, 'Click a link to open its dyad page; click a country to see its partners.');
  root.append(h('h1', {}, 'Network of countries'), form, summary, graph, info);

  let cy = null;
  try {
    const query = { limit: params.limit || 150, from: params.from, to: params.to };
    const data = await getJson('network', query);
    if (!isCurrent()) return undefined;
    summary.replaceChildren(`${fmtNumber(data.nodes.length)} countries, ${fmtNumber(data.edges.length)} links`,
      data.complete ? '' : ` (the ${fmtNumber(data.edges.length)} strongest; raise the limit for more)`, ' · ',
      h('a', { href: apiUrl('network', { ...query, format: 'csv' }), download: 'ties-network.csv' }, 'Download CSV'));
    graph.dataset.nodes = String(data.nodes.length);
    graph.dataset.edges = String(data.edges.length);
    if (!data.edges.length) {
      graph.append(h('p', { class: 'muted' }, 'No two countries appear in the same article yet.'));
      return undefined;
    }
    const maxNode = Math.max(1, ...data.nodes.map((n) => n.weight));
    const maxEdge = Math.max(1, ...data.edges.map((e) => e.articles));
    const elements = [
      ...data.nodes.map((n) => ({ data: { id: n.country, label: countryName(n.country), weight: n.weight,
        size: 16 + 44 * Math.sqrt(n.weight / maxNode) } })),
      ...data.edges.map((e) => ({ data: { id: `${e.a}-${e.b}`, source: e.a, target: e.b, articles: e.articles,
        events: e.events, width: 1 + 9 * Math.sqrt(e.articles / maxEdge) } })),
    ];
    cy = cytoscape({
      container: graph,
      elements,
      minZoom: 0.2,
      maxZoom: 4,
      style: [
        { selector: 'node', style: { label: 'data(label)', width: 'data(size)', height: 'data(size)', 'background-color': '#1f4e79',
          color: '#222', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 3, 'text-outline-color': '#fff', 'text-outline-width': 2 } },
        { selector: 'edge', style: { width: 'data(width)', 'line-color': '#9ecae1', 'curve-style': 'straight', opacity: 0.8 } },
        { selector: '.faded', style: { opacity: 0.12 } },
        { selector: 'node.focus', style: { 'background-color': '#f2b134' } },
        { selector: 'edge.focus', style: { 'line-color': '#f2b134', opacity: 1 } },
      ],
      layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90 },
    });
    cy.on('tap', 'edge', (ev) => {
      const d = ev.target.data();
      navigate('dyad', [d.source, d.target], {});
    });
    cy.on('tap', 'node', (ev) => {
      const node = ev.target;
      cy.elements().removeClass('focus').addClass('faded');
      node.closedNeighborhood().removeClass('faded').addClass('focus');
      const partners = node.connectedEdges().map((e) => ({ other: e.source().id() === node.id() ? e.target().id() : e.source().id(),
        articles: e.data('articles') })).sort((x, y) => y.articles - x.articles);
      info.replaceChildren(h('strong', {}, countryLabel(node.id())), ` appears with ${partners.length} countries: `,
        partners.slice(0, 12).map((p, i) => [i ? ', ' : '', h('a', { href: `#/dyad/${node.id()}/${p.other}` }, countryName(p.other)), ` (${p.articles})`]));
    });
    cy.on('tap', (ev) => {
      if (ev.target === cy) cy.elements().removeClass('faded focus');
    });
  } catch (err) {
    summary.replaceChildren(errorBox(err));
  }
  return () => { if (cy) cy.destroy(); };
}
