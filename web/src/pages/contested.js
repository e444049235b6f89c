// Contested claims: two reports that contradict each other, each with its source.
import {add, h, link, path} from '../dom.js';
import {eventRow, formValues, pagedList} from './common.js';

export async function renderContested(view, _args, params, {navigate}) {
  const form = h('form', {class: 'filters'},
    h('label', null, h('span', null, 'Actor'), h('input', {name: 'actor', maxlength: 200, value: params.get('actor') || ''})),
    h('label', null, h('span', null, 'From'), h('input', {name: 'since', size: 10, placeholder: 'YYYY-MM-DD', value: params.get('since') || ''})),
    h('label', null, h('span', null, 'To'), h('input', {name: 'until', size: 10, placeholder: 'YYYY-MM-DD', value: params.get('until') || ''})),
    h('label', null, h('span', null, 'Where'), h('select', {name: 'scope'},
      [['both', 'within and across articles'], ['within', 'within one article'], ['across', 'across articles']]
        .map(([value, label]) => h('option', {value, selected: params.get('scope') === value}, label)))),
    h('button', {type: 'submit'}, 'Show'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(`/contested?${new URLSearchParams(formValues(form))}`);
  });
  const list = pagedList('/contested', {actor: params.get('actor'), since: params.get('since'), until: params.get('until'), scope: params.get('scope')},
    (pair) => h('li', {class: 'contested'},
      h('p', {class: 'reason'}, h('span', {class: 'badge'}, pair.scope), ' ', pair.reason),
      h('div', {class: 'columns'},
        h('ul', {class: 'rows'}, eventRow(pair.a)),
        h('ul', {class: 'rows'}, eventRow(pair.b)))),
    {limit: 20, empty: 'No contested claims.'});
  add(view, h('h1', null, 'Contested claims'),
    h('p', {class: 'muted'}, 'Events that contradict each other: one report says it happened, another that it did not. Each side links to its article and evidence.'),
    form, list.element);
  await list.ready;
  return undefined;
}

export {link, path};
