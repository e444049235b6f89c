// Analyse a pasted text on the server (POST /api/analyze) and show what was found.
import {get, post} from '../api.js';
import {add, clear, h, message} from '../dom.js';
import {itemsFromAnalysis, legend, renderArticle} from '../article.js';

export async function renderAnalyze(view) {
  const info = await get('');
  const result = h('div', {class: 'analysis'});
  const form = h('form', {class: 'analyze-form'},
    h('label', {class: 'wide'}, h('span', null, 'Text'), h('textarea', {name: 'text', rows: 12, required: true, maxlength: 200000,
      placeholder: 'Paste an article here.'})),
    h('div', {class: 'filters'},
      h('label', null, h('span', null, 'Title'), h('input', {name: 'title', maxlength: 1000})),
      h('label', null, h('span', null, 'Date'), h('input', {name: 'date', placeholder: 'YYYY-MM-DD', pattern: '\\d{4}-\\d{2}-\\d{2}', size: 10})),
      info.token_required ? h('label', null, h('span', null, 'Token'), h('input', {name: 'token', type: 'password', autocomplete: 'off', required: true})) : null,
      h('button', {type: 'submit', disabled: !info.writes}, 'Analyze')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = {text: String(data.get('text') || '')};
    for (const key of ['title', 'date']) if (String(data.get(key) || '').trim()) body[key] = String(data.get(key)).trim();
    clear(result).append(h('p', {class: 'loading'}, 'Analysing… (the first text loads the language model)'));
    try {
      const analysis = await post('/analyze', body, data.get('token') ? String(data.get('token')) : null);
      const article = renderArticle(analysis.text, itemsFromAnalysis(analysis));
      clear(result).append(
        h('p', {class: 'meta'}, `${analysis.actors.length} actors, ${analysis.quotes.length} quotes, ${analysis.events.length} events`),
        legend(), article.element,
        h('details', null, h('summary', null, 'newsgraph/1 JSON'), h('pre', {class: 'json'}, JSON.stringify(analysis, null, 2))));
    } catch (error) {
      clear(result).append(message(error.message, 'error'));
    }
  });
  add(view, h('h1', null, 'Analyze a text'),
    info.writes ? null : message('Analysis is off on this server: it is bound beyond localhost without a token.', 'error'),
    h('p', {class: 'muted'}, 'The text is analysed and shown here; it is not stored.'),
    form, result);
}
