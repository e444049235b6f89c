// The article list and the article page (text with every item highlighted).
import {get} from '../api.js';
import {add, externalLink, fmt, h, link, path} from '../dom.js';
import {itemsFromDocument, legend, renderArticle} from '../article.js';
import {pagedList} from './common.js';

export async function renderDocuments(view, _args, params) {
  const stats = await get('');
  const list = pagedList('/documents', {since: params.get('since'), until: params.get('until')}, (doc) => h('li', {class: 'document-row'},
    link(path.document(doc.id), doc.title || doc.id),
    h('span', {class: 'meta'}, [doc.date, doc.source, doc.status !== 'analysed' ? doc.status : null, `${fmt(doc.chars)} chars`].filter(Boolean).join(' · ')),
  ), {limit: 50});
  add(view, h('h1', null, `Articles (${fmt(stats.stats.documents)})`), list.element);
  await list.ready;
}

export async function renderDocument(view, [id], params) {
  const doc = await get(`/documents/${encodeURIComponent(id)}`);
  const article = renderArticle(doc.text, itemsFromDocument(doc));
  add(view, 
    h('h1', {class: 'doc-title'}, doc.title || doc.id),
    h('p', {class: 'meta'},
      [doc.date || 'undated', doc.source, doc.status].filter(Boolean).join(' · '), ' ',
      externalLink(doc.url, 'original'),
      doc.duplicate_of ? [' · duplicate of ', link(path.document(doc.duplicate_of), doc.duplicate_of)] : null),
    legend(),
    doc.status !== 'analysed' ? h('p', {class: 'message info'}, `This article was not analysed (${doc.status}${doc.error ? `: ${doc.error}` : ''}).`) : null,
    article.element,
    doc.contested.length ? h('section', null, h('h2', null, 'Contradictions in this article'),
      h('ul', null, doc.contested.map((c) => h('li', null, c.reason, ' ',
        h('button', {type: 'button', class: 'locate', onclick: () => article.show(`e${c.event_a}`)}, `event ${c.event_a}`), ' ',
        h('button', {type: 'button', class: 'locate', onclick: () => article.show(`e${c.event_b}`)}, `event ${c.event_b}`))))) : null,
  );
  const item = params.get('item');
  if (item) requestAnimationFrame(() => requestAnimationFrame(() => article.show(item)));
}
