// Search across articles, quotes and actors.
import {get} from '../api.js';
import {add, fmt, h, link, path, snippet} from '../dom.js';

export async function renderSearch(view, _args, params, {navigate}) {
  const q = params.get('q') || '';
  const form = h('form', {class: 'filters search-form', role: 'search'},
    h('input', {name: 'q', type: 'search', value: q, maxlength: 300, placeholder: 'words, "a phrase", a OR b, -word', 'aria-label': 'Search'}),
    h('button', {type: 'submit'}, 'Search'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = String(new FormData(form).get('q') || '').trim();
    if (value) navigate(`/search?q=${encodeURIComponent(value)}`);
  });
  add(view, h('h1', null, 'Search'), form);
  if (!q.trim()) {
    add(view, h('p', {class: 'muted'}, 'Words must all match; "quoted phrases", OR between alternatives and -word to exclude. English words are stemmed: "attacks" finds "attacked".'));
    return;
  }
  const found = await get('/search', {q, limit: 20});
  const section = (title, rows) => h('section', {class: 'panel', dataset: {results: title.toLowerCase()}}, h('h2', null, `${title} (${rows.length})`),
    rows.length ? h('ul', {class: 'rows'}, rows) : h('p', {class: 'muted'}, 'Nothing found.'));
  add(view, 
    section('Actors', found.actors.map((a) => h('li', null, h('span', {class: `dot type-${a.type}`}), link(path.actor(a.id), a.name),
      h('span', {class: 'meta'}, ` ${a.type}${a.country ? ` · ${a.country}` : ''} · ${fmt(a.mentions)} mentions`)))),
    section('Quotes', found.quotes.map((hit) => h('li', {class: 'quote-hit'},
      h('blockquote', null, snippet(hit.snippet)),
      h('div', {class: 'meta'},
        hit.speaker_id ? link(path.actor(hit.speaker_id), hit.speaker || hit.speaker_id) : h('span', {class: 'muted'}, 'unattributed'),
        hit.date ? h('span', null, hit.date) : null,
        link(path.document(hit.document_id, `q${hit.ordinal}`), hit.title || hit.document_id))))),
    section('Articles', found.documents.map((hit) => h('li', null,
      link(path.document(hit.document_id), hit.title || hit.document_id),
      h('span', {class: 'meta'}, ` ${[hit.date, hit.source].filter(Boolean).join(' · ')}`),
      h('div', null, snippet(hit.snippet))))),
  );
}
