// The newsgraph web app: a small router over pages that each render into <main>.
import './app.css';
import {clear, h, message} from './dom.js';
import {renderActors, renderActor} from './pages/actors.js';
import {renderDocuments, renderDocument} from './pages/documents.js';
import {renderSearch} from './pages/search.js';
import {renderContested} from './pages/contested.js';
import {renderAnalyze} from './pages/analyze.js';

const lazy = {
  network: () => import('./pages/network.js').then((m) => m.renderNetwork),
  map: () => import('./pages/map.js').then((m) => m.renderMap),
};

const ROUTES = [
  [/^\/$/, lazy.network, 'Network'],
  [/^\/network$/, lazy.network, 'Network'],
  [/^\/map$/, lazy.map, 'Map'],
  [/^\/actors$/, () => renderActors, 'Actors'],
  [/^\/actors\/([^/]+)$/, () => renderActor, 'Actor'],
  [/^\/documents$/, () => renderDocuments, 'Articles'],
  [/^\/documents\/([^/]+)$/, () => renderDocument, 'Article'],
  [/^\/search$/, () => renderSearch, 'Search'],
  [/^\/contested$/, () => renderContested, 'Contested claims'],
  [/^\/analyze$/, () => renderAnalyze, 'Analyze a text'],
];

let cleanup = null;
let generation = 0;

export function navigate(to, {replace = false} = {}) {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  route();
}

async function route() {
  const main = document.getElementById('main');
  const current = ++generation;
  if (cleanup) {
    try { cleanup(); } catch (error) { console.error(error); }
    cleanup = null;
  }
  const {pathname, search} = window.location;
  const params = new URLSearchParams(search);
  for (const [pattern, load, title] of ROUTES) {
    const match = pathname.match(pattern);
    if (!match) continue;
    document.title = `${title} · newsgraph`;
    for (const a of document.querySelectorAll('header nav a')) {
      a.classList.toggle('active', pathname === a.getAttribute('href') || pathname.startsWith(`${a.getAttribute('href')}/`));
    }
    const view = h('div', {class: 'view'});
    const loading = h('p', {class: 'loading'}, 'Loading…');
    clear(main).append(view, loading);
    document.body.dataset.page = title.toLowerCase().replace(/\s+/g, '-');
    delete document.body.dataset.ready;
    try {
      const render = await load();
      const args = match.slice(1).map((part) => decodeURIComponent(part));
      const done = await render(view, args, params, {navigate, isCurrent: () => current === generation});
      if (current !== generation) { if (typeof done === 'function') done(); return; }
      loading.remove();
      if (typeof done === 'function') cleanup = done;
      document.body.dataset.ready = document.body.dataset.page;
    } catch (error) {
      if (current !== generation) return;
      console.error(error);
      clear(main).append(h('h1', null, title), message(error.message || String(error), 'error'));
      document.body.dataset.ready = 'error';
    }
    return;
  }
  clear(main).append(h('h1', null, 'Not found'), message(`No page at ${pathname}.`, 'error'));
}

document.addEventListener('click', (event) => {
  const a = event.target.closest && event.target.closest('a[data-internal]');
  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(a.getAttribute('href'));
});
window.addEventListener('popstate', route);

document.getElementById('quick-search').addEventListener('submit', (event) => {
  event.preventDefault();
  const q = new FormData(event.target).get('q');
  if (q && String(q).trim()) navigate(`/search?q=${encodeURIComponent(String(q).trim())}`);
});

route();
