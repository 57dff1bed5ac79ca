// router.js: hash URLs <-> page, path segments and parameters.

// "#/dyad/KAZ/CHN?by=week" -> { page: 'dyad', segments: ['KAZ','CHN'], params: {by:'week'} }
export function parseHash(hash) {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const query = q < 0 ? '' : raw.slice(q + 1);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = Object.fromEntries(new URLSearchParams(query));
  return { page: parts[0] || 'search', segments: parts.slice(1), params };
}

export function hashFor(page, segments = [], params = {}) {
  const path = [page, ...segments.map(encodeURIComponent)].join('/');
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') query.set(k, v);
  const qs = query.toString();
  return `#/${path}${qs ? `?${qs}` : ''}`;
}

export function navigate(page, segments = [], params = {}) {
  const target = hashFor(page, segments, params);
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = target;
}

