// main.js: the dashboard's entry point: a hash router over the pages.
//
// Routes (all state is in the URL, so every view can be bookmarked):
//   #/search?q=&from=&to=&source=&country=&entity=&theme=
//   #/article/<id>
//   #/quotes?speaker=&country=&role=&q=&kind=
//   #/entities?type=&country=&name=
//   #/dyad/<A>/<B>?by=month
//   #/network?from=&to=&limit=
//   #/map?q=&country=...
//   #/stats
//   #/sources
import './style.css';
import { clear, errorBox, h } from './dom.js';
import { navigate, parseHash } from './router.js';
import * as search from './pages/search.js';
import * as article from './pages/article.js';
import * as quotes from './pages/quotes.js';
import * as entities from './pages/entities.js';
import * as dyad from './pages/dyad.js';
import * as network from './pages/network.js';
import * as map from './pages/map.js';
import * as stats from './pages/stats.js';
import * as sources from './pages/sources.js';

const pages = { search, article, quotes, entities, dyad, network, map, stats, sources };
let cleanup = null;
let generation = 0;

async function route() {
  const root = document.getElementById('app');
  const { page, segments, params } = parseHash(location.hash);
  const module = pages[page];
  if (cleanup) {
    try { cleanup(); } catch (_) { /* a page failing to clean up must not block the next */ }
    cleanup = null;
  }
  for (const link of document.querySelectorAll('#nav a')) {
    link.classList.toggle('active', link.dataset.page === page || (page === 'article' && link.dataset.page === 'search'));
  }
  clear(root);
  const mine = ++generation;
  if (!module) {
    root.append(h('h1', {}, 'Not found'), h('p', {}, 'No such page. ', h('a', { href: '#/search' }, 'Search articles')));
    return;
  }
  document.title = `ties · ${page}`;
  try {
    // `isCurrent` lets slow pages stop drawing after the user moved on.
    const result = await module.render(root, { segments, params, navigate, isCurrent: () => mine === generation });
    if (mine === generation) cleanup = typeof result === 'function' ? result : null;
    else if (typeof result === 'function') result();
  } catch (err) {
    if (mine === generation) root.append(errorBox(err));
    console.error(err);
  }
}

window.addEventListener('hashchange', route);
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', route);
else route();
