// An article's text with every extracted item highlighted at its evidence span.
//
// Items: {key, kind: 'mention'|'quote'|'event'|'speaker'|'cue', start, end, ...}. The text
// is cut at every item boundary; each piece is a text node inside a <span> that lists the
// items covering it (data-items), so any item can be found again, scrolled to and flashed.
import {QUAD, clear, h, link, path} from './dom.js';

/** Items from a stored document (GET /api/documents/{id}). */
export function itemsFromDocument(doc) {
  const names = Object.fromEntries((doc.actors || []).map((a) => [a.actor_id, a]));
  const items = [];
  for (const m of doc.mentions || []) {
    items.push({key: `m${m.ordinal}`, kind: 'mention', start: m.start_char, end: m.end_char, text: m.text,
      actorId: m.actor_id, actorName: names[m.actor_id]?.name || m.actor_id, actorType: names[m.actor_id]?.type, how: m.kind});
  }
  for (const q of doc.quotes || []) {
    items.push({key: `q${q.ordinal}`, kind: 'quote', start: q.start_char, end: q.end_char, text: q.text,
      speakerId: q.speaker_id, speakerName: q.speaker || q.speaker_text});
    if (q.speaker_start != null) items.push({key: `q${q.ordinal}s`, kind: 'speaker', start: q.speaker_start, end: q.speaker_end, of: `q${q.ordinal}`});
    if (q.cue_start != null) items.push({key: `q${q.ordinal}c`, kind: 'cue', start: q.cue_start, end: q.cue_end, of: `q${q.ordinal}`});
  }
  for (const e of doc.events || []) {
    items.push({key: `e${e.ordinal}`, kind: 'event', start: e.evidence_start, end: e.evidence_end, text: e.evidence_text,
      event: e});
  }
  return items;
}

/** Items from a newsgraph/1 analysis (POST /api/analyze). */
export function itemsFromAnalysis(analysis) {
  const actors = Object.fromEntries((analysis.actors || []).map((a) => [a.id, a]));
  const items = [];
  let n = 0;
  for (const actor of analysis.actors || []) {
    for (const m of actor.mentions || []) {
      items.push({key: `m${n++}`, kind: 'mention', start: m.start, end: m.end, text: m.text, actorId: actor.id,
        actorName: actor.name, actorType: actor.type, how: m.kind, local: true});
    }
  }
  (analysis.quotes || []).forEach((q, i) => {
    items.push({key: `q${i}`, kind: 'quote', start: q.start, end: q.end, text: q.text, speakerId: q.speaker,
      speakerName: actors[q.speaker]?.name || q.speaker_mention?.text, local: true});
    if (q.speaker_mention) items.push({key: `q${i}s`, kind: 'speaker', start: q.speaker_mention.start, end: q.speaker_mention.end, of: `q${i}`});
    if (q.cue) items.push({key: `q${i}c`, kind: 'cue', start: q.cue.start, end: q.cue.end, of: `q${i}`});
  });
  (analysis.events || []).forEach((e, i) => {
    const side = (ids) => (ids || []).map((id) => ({id, name: actors[id]?.name || id}));
    items.push({key: `e${i}`, kind: 'event', start: e.evidence.start, end: e.evidence.end, text: e.evidence.text,
      event: {...e, ordinal: i, source: side(e.source), target: side(e.target), evidence_text: e.evidence.text,
        attributed_to_name: actors[e.attributed_to]?.name, location_name: e.location?.name}, local: true});
  });
  return items;
}

const KIND_ORDER = {event: 0, quote: 1, speaker: 2, cue: 3, mention: 4};

/** The article text with highlights, and a panel listing every item. Returns {element, show(key)}. */
export function renderArticle(text, items, {localActors = false} = {}) {
  const valid = items.filter((it) => Number.isInteger(it.start) && Number.isInteger(it.end) && it.start >= 0 && it.end <= text.length && it.start < it.end);
  const cuts = new Set([0, text.length]);
  for (const it of valid) { cuts.add(it.start); cuts.add(it.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const byKey = new Map(valid.map((it) => [it.key, it]));
  const pieces = new Map(valid.map((it) => [it.key, []]));
  const body = h('div', {class: 'article-text'});
  // Items sorted by start, to find the ones covering each piece quickly.
  const sorted = [...valid].sort((a, b) => a.start - b.start || b.end - a.end);
  let active = [];
  let next = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i];
    const to = points[i + 1];
    while (next < sorted.length && sorted[next].start <= from) active.push(sorted[next++]);
    active = active.filter((it) => it.end > from);
    const covering = active.filter((it) => it.start <= from && it.end >= to);
    const piece = text.slice(from, to);
    if (!covering.length) { body.append(document.createTextNode(piece)); continue; }
    covering.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
    const classes = [...new Set(covering.map((it) => `hl-${it.kind}`))];
    const mention = covering.find((it) => it.kind === 'mention');
    if (mention) classes.push(`type-${mention.actorType || 'other'}`);
    const props = {class: classes.join(' '), 'data-items': covering.map((it) => it.key).join(' '),
      title: covering.map(describe).join('\n')};
    let el;
    if (mention && !mention.local) el = h('a', {...props, href: path.actor(mention.actorId), 'data-internal': true}, piece);
    else el = h('span', props, piece);
    el.addEventListener('mouseenter', () => focus(covering[0].kind === 'speaker' || covering[0].kind === 'cue' ? covering[0].of : covering[0].key, false));
    body.append(el);
    for (const it of covering) pieces.get(it.key).push(el);
  }

  function describe(it) {
    if (it.kind === 'mention') return `${it.actorName} (${it.actorType || 'actor'}; ${it.how || 'mention'})`;
    if (it.kind === 'quote') return `quote by ${it.speakerName || 'an unknown speaker'}`;
    if (it.kind === 'speaker') return 'speaker of the quote';
    if (it.kind === 'cue') return 'reporting verb';
    const e = it.event;
    const names = (side) => side.map((a) => a.name).join(', ') || '—';
    return `event: ${names(e.source)} ${e.negated ? 'NOT ' : ''}${e.type} ${names(e.target)}`;
  }

  function focus(key, scroll = true) {
    for (const el of body.querySelectorAll('.focused')) el.classList.remove('focused');
    for (const el of panel.querySelectorAll('.focused')) el.classList.remove('focused');
    const els = pieces.get(key) || [];
    els.forEach((el) => el.classList.add('focused'));
    const entry = panel.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (entry) entry.classList.add('focused');
    if (scroll && els.length) els[0].scrollIntoView({block: 'center', behavior: 'instant'});
  }

  const panel = h('aside', {class: 'items-panel'});
  const entry = (it, ...content) => h('li', {'data-key': it.key, class: `item item-${it.kind}`},
    h('button', {type: 'button', class: 'locate', title: 'show in the text', onclick: () => focus(it.key)}, `${it.start}–${it.end}`),
    ...content);
  const quotes = valid.filter((it) => it.kind === 'quote');
  const events = valid.filter((it) => it.kind === 'event');
  const actors = new Map();
  for (const it of valid.filter((x) => x.kind === 'mention')) {
    if (!actors.has(it.actorId)) actors.set(it.actorId, {name: it.actorName, type: it.actorType, local: it.local, mentions: []});
    actors.get(it.actorId).mentions.push(it);
  }
  panel.append(
    h('h2', null, `Actors (${actors.size})`),
    h('ul', {class: 'items'}, [...actors.entries()].map(([id, a]) => h('li', {class: 'item item-actor'},
      h('span', {class: `dot type-${a.type || 'other'}`}),
      a.local ? h('strong', null, a.name) : link(path.actor(id), a.name),
      h('span', {class: 'muted'}, ` ${a.type || ''} · `),
      a.mentions.map((m, i) => h('button', {type: 'button', class: 'locate', title: `“${m.text}” (${m.how})`, onclick: () => focus(m.key)}, `${i + 1}`)),
    ))),
    h('h2', null, `Quotes (${quotes.length})`),
    h('ul', {class: 'items'}, quotes.map((it) => entry(it,
      h('q', null, it.text), ' — ',
      it.speakerId && !it.local ? link(path.actor(it.speakerId), it.speakerName || it.speakerId) : h('span', {class: 'muted'}, it.speakerName || 'unattributed')))),
    h('h2', null, `Events (${events.length})`),
    h('ul', {class: 'items'}, events.map((it) => {
      const e = it.event;
      const who = (side) => side.length ? side.map((a, i) => [i ? ', ' : '', it.local ? a.name : link(path.actor(a.id), a.name)]) : '—';
      return entry(it,
        h('span', {class: `badge quad-${e.quad_class ?? 0}`, title: QUAD[e.quad_class] || ''}, e.negated ? `not ${e.type}` : e.type), ' ',
        who(e.source), ' → ', who(e.target),
        e.attributed_to ? h('span', {class: 'muted'}, ` (according to ${e.attributed_to_name || e.attributed_to})`) : null,
        e.location_name ? h('span', {class: 'muted'}, ` in ${e.location_name}`) : null,
        e.date ? h('span', {class: 'muted'}, ` on ${e.date}`) : null);
    })),
  );
  const element = h('div', {class: 'article'}, body, panel);
  return {element, show: (key) => { if (byKey.has(key)) focus(key); }, body, panel};
}

export function legend() {
  return h('p', {class: 'legend'},
    h('span', {class: 'hl-mention'}, 'actor'), ' ', h('span', {class: 'hl-quote'}, 'quote'), ' ',
    h('span', {class: 'hl-speaker'}, 'speaker'), ' ', h('span', {class: 'hl-cue'}, 'cue'), ' ',
    h('span', {class: 'hl-event'}, 'event evidence'));
}

export {clear};
