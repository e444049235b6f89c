// The actor list (search and filters) and the actor page.
import {get} from '../api.js';
import {add, QUAD, TYPE_COLORS, fmt, h, link, path} from '../dom.js';
import {eventRow, formValues, pagedList, quoteRow} from './common.js';
import {timelineChart} from './timeline.js';

const TYPES = ['state', 'person', 'organization', 'armed_group', 'igo', 'location', 'group'];

export async function renderActors(view, _args, params, {navigate}) {
  const form = h('form', {class: 'filters'},
    h('label', null, h('span', null, 'Name'), h('input', {name: 'q', type: 'search', maxlength: 200, value: params.get('q') || '', placeholder: 'part of a name or alias'})),
    h('label', null, h('span', null, 'Type'), h('select', {name: 'type'}, h('option', {value: ''}, 'any'),
      TYPES.map((t) => h('option', {value: t, selected: params.get('type') === t}, t)))),
    h('label', null, h('span', null, 'Country'), h('input', {name: 'country', size: 4, maxlength: 3, pattern: '[A-Za-z]{2,3}', value: params.get('country') || '', placeholder: 'PAK'})),
    h('button', {type: 'submit'}, 'Show'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(`/actors?${new URLSearchParams(formValues(form))}`);
  });
  const tbody = h('tbody');
  const list = pagedList('/actors', {q: params.get('q'), type: params.get('type'), country: params.get('country')}, (actor) => h('tr', null,
    h('td', null, h('span', {class: `dot type-${actor.type}`}), link(path.actor(actor.id), actor.name)),
    h('td', null, actor.type), h('td', null, actor.country || ''), h('td', {class: 'num'}, fmt(actor.mentions)), h('td', {class: 'num'}, fmt(actor.documents)),
  ), {limit: 50, list: tbody, wrap: (rows) => h('table', {class: 'grid'},
    h('thead', null, h('tr', null, ['Actor', 'Type', 'Country', 'Mentions', 'Articles'].map((t) => h('th', null, t)))), rows)});
  add(view, h('h1', null, 'Actors'), form, list.element);
  await list.ready;
}

export async function renderActor(view, [id]) {
  const actor = await get(`/actors/${encodeURIComponent(id)}`, {limit: 20});
  const section = (title, ...content) => h('section', {class: 'panel'}, h('h2', null, title), ...content);
  const dated = (first, last) => (first ? (first === last ? first : `${first} – ${last}`) : 'undated');
  const events = (params, empty) => pagedList('/events', params, eventRow, {limit: 10, empty}).element;
  const quotes = (params, empty) => pagedList('/quotes', params, quoteRow, {limit: 10, empty}).element;
  add(view, 
    h('h1', {class: 'actor-name'}, h('span', {class: `dot big type-${actor.type}`, title: actor.type}), actor.name),
    h('p', {class: 'meta'}, [actor.type, actor.country, actor.sector, `${fmt(actor.mentions)} mentions in ${fmt(actor.documents)} articles`,
      actor.kb_id ? `knowledge base: ${actor.kb_id}` : null].filter(Boolean).join(' · ')),
    h('div', {class: 'columns'},
      section('Names over time', h('table', {class: 'grid'}, h('thead', null, h('tr', null, h('th', null, 'Name'), h('th', null, 'When'), h('th', null, 'Articles'))),
        h('tbody', null, actor.name_history.map((n) => h('tr', null, h('td', null, n.name), h('td', null, dated(n.first, n.last)), h('td', {class: 'num'}, fmt(n.documents)))))),
        actor.names.length > 1 ? h('p', {class: 'muted'}, `Also called: ${actor.names.filter((n) => n !== actor.name).join('; ')}`) : null),
      section('Roles over time', actor.roles.length ? rolesTable(actor.roles, dated) : h('p', {class: 'muted'}, 'No roles found.')),
    ),
    section('Cooperation and conflict over time', timelineChart(actor.timeline)),
    h('div', {class: 'columns'},
      section('What it said', quotes({speaker: actor.id, include_members: false}, 'No quotes.')),
      section('Who spoke of it', quotes({about: actor.id}, 'No quotes mention it.')),
    ),
    h('div', {class: 'columns'},
      section('What it did', events({source: actor.id, include_members: false}, 'No events with it as the source.')),
      section('What was done to it', events({target: actor.id}, 'No events with it as the target.')),
    ),
    actor.members && actor.members.length ? membersSection(actor, section) : null,
    section('Closest partners', actor.partners.length ? h('table', {class: 'grid'},
      h('thead', null, h('tr', null, h('th', null, 'Actor'), h('th', null, 'Events'), [1, 2, 3, 4].map((q) => h('th', {title: QUAD[q]}, `Q${q}`)))),
      h('tbody', null, actor.partners.map((p) => h('tr', null, h('td', null, link(path.actor(p.actor_id), p.name || p.actor_id)),
        h('td', {class: 'num'}, fmt(p.events)), [1, 2, 3, 4].map((q) => h('td', {class: 'num'}, fmt(p.by_quad_class[String(q)] || 0)))))))
      : h('p', {class: 'muted'}, 'No events with other actors.')),
  );
  return undefined;
}

/** What an organization's spokespeople and officials said and did, apart from its own words and acts. */
function membersSection(actor, section) {
  const list = (rows, render, empty) => (rows.length ? h('ul', {class: 'rows'}, rows.map(render)) : h('p', {class: 'muted'}, empty));
  return h('div', {class: 'members'},
    h('h2', null, 'Through its members'),
    h('p', {class: 'muted member-list'}, actor.members.map((m, i) => [i ? '; ' : '', link(path.actor(m.id), m.name), ` (${m.role})`])),
    h('div', {class: 'columns'},
      section('What its members said', list(actor.members_said, quoteRow, 'No quotes by its members.')),
      section('What its members did', list(actor.members_did, eventRow, 'No events by its members.'))));
}

/** Roles, most reported first; beyond the first ten, behind "all roles". */
function rolesTable(roles, dated) {
  const sorted = [...roles].sort((a, b) => b.documents - a.documents || String(a.first).localeCompare(String(b.first)));
  const table = (rows) => h('table', {class: 'grid'},
    h('thead', null, h('tr', null, h('th', null, 'Role'), h('th', null, 'When'), h('th', null, 'Articles'))),
    h('tbody', null, rows.map((r) => h('tr', null, h('td', null, r.role), h('td', null, dated(r.first, r.last)), h('td', {class: 'num'}, fmt(r.documents))))));
  if (sorted.length <= 10) return table(sorted);
  return h('div', null, table(sorted.slice(0, 10)),
    h('details', null, h('summary', null, `all ${sorted.length} roles`), table(sorted.slice(10))));
}

export {TYPE_COLORS};
