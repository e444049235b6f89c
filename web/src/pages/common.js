// Pieces several pages share: event and quote rows, paging, filter forms.
import {get} from '../api.js';
import {QUAD, fmt, h, link, path} from '../dom.js';

export function actorLinks(list) {
  const out = [];
  (list || []).forEach((actor, i) => {
    if (i) out.push(', ');
    out.push(link(path.actor(actor.id), actor.name || actor.id));
  });
  return out.length ? out : [h('span', {class: 'muted'}, '—')];
}

export function eventRow(event) {
  const quad = event.quad_class;
  return h('li', {class: `event quad-${quad ?? 0}${event.negated ? ' negated' : ''}`},
    h('div', {class: 'event-head'},
      h('span', {class: 'who'}, actorLinks(event.source)),
      h('span', {class: `badge quad-${quad ?? 0}`, title: QUAD[quad] || ''}, event.negated ? `not ${event.type}` : event.type),
      h('span', {class: 'who'}, actorLinks(event.target)),
    ),
    h('blockquote', {class: 'evidence'}, event.evidence_text),
    h('div', {class: 'meta'},
      event.day ? h('span', null, event.day) : null,
      event.location_name ? h('span', {class: 'place'}, `in ${event.location_name}${event.country ? ` (${event.country})` : ''}`) : null,
      event.attributed_to ? h('span', null, 'according to ', link(path.actor(event.attributed_to), event.attributed_to_name || event.attributed_to)) : null,
      link(path.document(event.document_id, `e${event.ordinal}`), event.title || event.document_id),
    ),
  );
}

export function quoteRow(quote) {
  return h('li', {class: 'quote'},
    h('blockquote', null, `“${quote.text}”`),
    h('div', {class: 'meta'},
      quote.speaker_id ? link(path.actor(quote.speaker_id), quote.speaker || quote.speaker_id)
        : h('span', {class: 'muted'}, quote.speaker_text ? `${quote.speaker_text} (unresolved)` : 'unattributed'),
      quote.cue_text ? h('span', {class: 'muted'}, quote.cue_text) : null,
      quote.date ? h('span', null, quote.date) : null,
      link(path.document(quote.document_id, `q${quote.ordinal}`), quote.title || quote.document_id),
    ),
  );
}

/** A list that loads page after page from an API list endpoint ("More" button). */
export function pagedList(endpoint, params, renderRow, {limit = 20, empty = 'Nothing found.', className = 'rows', list = null, wrap = null} = {}) {
  list = list || h('ul', {class: className});
  const more = h('button', {type: 'button', class: 'more', hidden: true}, 'More');
  const status = h('p', {class: 'muted'});
  let offset = 0;
  async function load() {
    more.disabled = true;
    try {
      const answer = await get(endpoint, {...params, limit, offset});
      answer.items.forEach((item) => list.append(renderRow(item)));
      if (!list.children.length) status.textContent = empty;
      offset = answer.next_offset ?? offset;
      more.hidden = answer.next_offset === null;
    } catch (error) {
      status.textContent = error.message;
      status.className = 'message error';
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', load);
  const ready = load();
  return {element: h('div', {class: 'paged'}, wrap ? wrap(list) : list, status, more), ready};
}

export const EVENT_TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE',
  'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];

/** The filter fields shared by the network and the map; `values` from the URL. */
export function filterFields(values, {extra = []} = {}) {
  const field = (label, input) => h('label', null, h('span', null, label), input);
  const typeSelect = h('select', {name: 'type'}, h('option', {value: ''}, 'all event types'),
    EVENT_TYPES.map((type) => h('option', {value: type, selected: values.get('type') === type}, type)));
  const quadSelect = h('select', {name: 'quad_class'},
    h('option', {value: ''}, 'cooperation and conflict'),
    [1, 2, 3, 4].map((q) => h('option', {value: String(q), selected: values.get('quad_class') === String(q)}, `${q}: ${QUAD[q]}`)));
  const datePattern = '\\d{4}(-\\d{2}(-\\d{2})?)?';
  return [
    field('From', h('input', {name: 'since', placeholder: 'YYYY-MM-DD', pattern: datePattern, size: 10, value: values.get('since') || ''})),
    field('To', h('input', {name: 'until', placeholder: 'YYYY-MM-DD', pattern: datePattern, size: 10, value: values.get('until') || ''})),
    field('Event type', typeSelect),
    field('Quad class', quadSelect),
    ...extra.map(([label, input]) => field(label, input)),
  ];
}

export function formValues(form) {
  const out = {};
  for (const [key, value] of new FormData(form).entries()) {
    if (String(value).trim() !== '') out[key] = String(value).trim();
  }
  return out;
}

export {fmt};
