// Building the DOM safely: every piece of data becomes a text node or an attribute value
// set through the DOM API; nothing is ever parsed as HTML (no innerHTML anywhere).

const SVG_NS = 'http://www.w3.org/2000/svg';

function setProps(el, props) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.setAttribute('class', value);
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on')) {
      if (typeof value !== 'function') throw new Error(`${key} must be a function`);
      el.addEventListener(key.slice(2), value);
    } else if (key === 'href') el.setAttribute('href', safeHref(value));
    else if (key === 'value' && 'value' in el) el.value = String(value);
    else if (key === 'checked' || key === 'selected' || key === 'disabled' || key === 'multiple') el[key] = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** An HTML element: h('a', {href: '/x', class: 'y'}, 'text', otherElement). */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  return append(el, children);
}

/** An SVG element. */
export function s(tag, props, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined) continue;
    if (key === 'text') el.textContent = String(value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, String(value));
  }
  return append(el, children);
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** Only same-site paths and http(s) URLs become link targets. */
export function safeHref(value) {
  const text = String(value);
  if (text.startsWith('/') && !text.startsWith('//') && !text.includes('\\')) return text;
  if (text.startsWith('#') || text.startsWith('?')) return text;
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch (error) { /* not a URL */ }
  return '#';
}

/** A link inside the app (navigates without reloading). */
export function link(path, ...children) {
  return h('a', {href: path, 'data-internal': true}, ...children);
}

/** A link to an article's original page, or its URL as plain text when it is not http(s). */
export function externalLink(url, label) {
  if (!url) return null;
  const href = safeHref(url);
  if (href === '#' || href.startsWith('/')) return h('span', {class: 'muted', title: 'not a web address'}, label || String(url));
  return h('a', {href, rel: 'noopener noreferrer nofollow', target: '_blank', class: 'external'}, label || String(url));
}

export const path = {
  actor: (id) => `/actors/${encodeURIComponent(id)}`,
  document: (id, item) => `/documents/${encodeURIComponent(id)}${item ? `?item=${encodeURIComponent(item)}` : ''}`,
};

/** A search snippet with the matches (between « and ») in <mark>. */
export function snippet(text) {
  const out = h('span', {class: 'snippet'});
  let rest = String(text || '');
  while (rest.includes('«')) {
    const [before, after] = [rest.slice(0, rest.indexOf('«')), rest.slice(rest.indexOf('«') + 1)];
    const end = after.includes('»') ? after.indexOf('»') : after.length;
    out.append(document.createTextNode(before), h('mark', null, after.slice(0, end)));
    rest = after.slice(end + 1);
  }
  out.append(document.createTextNode(rest));
  return out;
}

export function fmt(n) {
  return typeof n === 'number' ? n.toLocaleString('en-US') : String(n ?? '');
}

export const QUAD = {
  0: 'neutral', 1: 'verbal cooperation', 2: 'material cooperation', 3: 'verbal conflict', 4: 'material conflict',
};

export const TYPE_COLORS = {
  state: '#3b6fb6', person: '#e08a1e', organization: '#6b8e23', armed_group: '#c0392b', igo: '#8e44ad',
  location: '#7f8c8d', group: '#16a085',
};
export const OTHER_COLOR = '#95a5a6';
export const COOPERATION_COLOR = '#2e9e5b';
export const CONFLICT_COLOR = '#d2452f';

export function message(text, kind = 'info') {
  return h('p', {class: `message ${kind}`}, text);
}

/** Append children to an element, skipping null, undefined and false (unlike Element.append). */
export function add(el, ...children) {
  return append(el, children);
}
