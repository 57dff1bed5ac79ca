// dom.js: building DOM safely. Every string from the API goes in as a text
// node or an attribute value; nothing here (or anywhere in the dashboard)
// parses HTML, so no markup stored in an article can ever run.

// h('a', {href: '#/x', class: 'y', onclick: fn}, 'text', child, [more]) -> Element.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'dataset') {
      for (const [k, v] of Object.entries(value)) el.dataset[k] = String(v);
    } else if (key === 'href') {
      el.setAttribute('href', safeHref(value));
    } else if (key === 'value') {
      el.value = value;
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

// SVG elements (the map).
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

// Only in-app links, http(s) and mailto survive; "javascript:" and friends
// from stored URLs become inert.
export function safeHref(url) {
  const s = String(url ?? '');
  if (s.startsWith('#') || s.startsWith('api/') || s.startsWith('/')) return s;
  try {
    const parsed = new URL(s, location.href);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.protocol === 'mailto:') return parsed.href;
  } catch (_) { /* fall through */ }
  return '#';
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function fmtNumber(n, digits = 0) {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return Number(n).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

// A labelled form field.
export function field(label, input) {
  return h('label', { class: 'field' }, h('span', {}, label), input);
}

export function errorBox(err) {
  return h('div', { class: 'error', role: 'alert' }, String(err && err.message ? err.message : err));
}

export function loading(text = 'Loading…') {
  return h('div', { class: 'loading' }, text);
}
