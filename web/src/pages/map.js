// Events on a world map: country outlines from Natural Earth (world-atlas, bundled, no tile
// server), drawn as SVG with d3-geo; one circle per place, sized by events, coloured by the
// share of conflict. Filters as on the network; a click lists the events at that place.
import {geoNaturalEarth1, geoPath} from 'd3-geo';
import {feature, mesh} from 'topojson-client';
import world from 'world-atlas/countries-50m.json';
import {get} from '../api.js';
import {add, COOPERATION_COLOR, CONFLICT_COLOR, clear, fmt, h, message, s} from '../dom.js';
import {eventRow, filterFields, formValues, pagedList} from './common.js';

const WIDTH = 960;
const HEIGHT = 520;
const countries = feature(world, world.objects.countries);
const borders = mesh(world, world.objects.countries, (a, b) => a !== b);

function colour(place) {
  const total = place.cooperation + place.conflict;
  if (!total) return '#7f8c8d';
  return place.conflict >= place.cooperation ? CONFLICT_COLOR : COOPERATION_COLOR;
}

export async function renderMap(view, _args, params, {navigate, isCurrent}) {
  const form = h('form', {class: 'filters'},
    filterFields(params, {extra: [
      ['Actor', h('input', {name: 'actor', maxlength: 200, value: params.get('actor') || '', placeholder: 'id or name'})],
      ['Country', h('input', {name: 'country', size: 4, maxlength: 3, pattern: '[A-Za-z]{2,3}', placeholder: 'AFG', value: params.get('country') || ''})],
    ]}),
    h('button', {type: 'submit'}, 'Show'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(`/map?${new URLSearchParams(formValues(form))}`);
  });
  const filters = {since: params.get('since'), until: params.get('until'), type: params.get('type'), quad_class: params.get('quad_class'),
    actor: params.get('actor'), country: params.get('country')};
  const status = h('p', {class: 'status'});
  const details = h('section', {class: 'place-events'});
  const svg = s('svg', {viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'world', role: 'img', 'aria-label': 'events on a world map'});
  add(view, h('h1', null, 'Where events happened'), form, status, h('div', {class: 'map-frame'}, svg,
    h('div', {class: 'map-buttons'},
      h('button', {type: 'button', title: 'zoom in', onclick: () => zoomBy(1.6)}, '+'),
      h('button', {type: 'button', title: 'zoom out', onclick: () => zoomBy(1 / 1.6)}, '−'),
      h('button', {type: 'button', title: 'whole view', onclick: () => setView(home)}, '⟲'))),
    h('p', {class: 'legend'}, h('span', {class: 'swatch coop'}), ' mostly cooperation  ', h('span', {class: 'swatch conflict'}), ' mostly conflict; circle area: events'),
    details);

  const places = await get('/places', filters);
  if (!isCurrent()) return undefined;

  const projection = geoNaturalEarth1();
  if (places.length) {
    const lons = places.map((p) => p.lon);
    const lats = places.map((p) => p.lat);
    const pad = 6;
    const [w, e] = [Math.max(-180, Math.min(...lons) - pad), Math.min(180, Math.max(...lons) + pad)];
    const [so, no] = [Math.max(-85, Math.min(...lats) - pad), Math.min(85, Math.max(...lats) + pad)];
    projection.fitExtent([[20, 20], [WIDTH - 20, HEIGHT - 20]], {type: 'MultiPoint', coordinates: [[w, so], [e, no], [w, no], [e, so]]});
  } else {
    projection.fitExtent([[10, 10], [WIDTH - 10, HEIGHT - 10]], {type: 'Sphere'});
  }
  const draw = geoPath(projection);
  const land = s('g', {class: 'countries'});
  for (const country of countries.features) {
    land.append(s('path', {d: draw(country) || '', class: 'country'}, s('title', {text: country.properties?.name || ''})));
  }
  const dots = s('g', {class: 'places'});
  svg.append(s('path', {d: draw({type: 'Sphere'}), class: 'sphere'}), land, s('path', {d: draw(borders), class: 'borders'}), dots);

  const maxEvents = Math.max(1, ...places.map((p) => p.events));
  const circles = [];
  let selected = null;
  for (const place of places) {
    const point = projection([place.lon, place.lat]);
    if (!point) continue;
    const radius = 3 + 17 * Math.sqrt(place.events / maxEvents);
    const circle = s('circle', {cx: point[0], cy: point[1], r: radius, fill: colour(place), class: 'place', tabindex: 0,
      dataset: {name: place.name || '', events: String(place.events)}},
    s('title', {text: `${place.name || 'unnamed place'}${place.admin1 ? `, ${place.admin1}` : ''}${place.country ? ` (${place.country})` : ''}: ${place.events} events, ${place.cooperation} cooperation, ${place.conflict} conflict`}));
    circle.addEventListener('click', () => showPlace(place, circle));
    circle.addEventListener('keydown', (event) => { if (event.key === 'Enter') showPlace(place, circle); });
    circles.push([circle, radius]);
    dots.append(circle);
  }
  status.textContent = places.length ? `${fmt(places.reduce((n, p) => n + p.events, 0))} located events at ${fmt(places.length)} places.`
    : 'No located events match these filters.';

  function showPlace(place, circle) {
    if (selected) selected.classList.remove('selected');
    selected = circle;
    circle.classList.add('selected');
    const d = 0.0001;
    const bbox = [place.lon - d, place.lat - d, place.lon + d, place.lat + d].map((v) => v.toFixed(5)).join(',');
    const list = pagedList('/events', {...filters, bbox}, eventRow, {limit: 20, empty: 'No events.'});
    clear(details).append(h('h2', null, `${place.name || 'Unnamed place'}${place.country ? ` (${place.country})` : ''}: ${fmt(place.events)} events`), list.element);
  }

  // Zoom and pan by moving the viewBox; circles keep their size on screen.
  let current = {x: 0, y: 0, w: WIDTH, h: HEIGHT};
  const home = {...current};
  function setView(next) {
    current = next;
    svg.setAttribute('viewBox', `${next.x} ${next.y} ${next.w} ${next.h}`);
    const k = WIDTH / next.w;
    for (const [circle, radius] of circles) circle.setAttribute('r', String(radius / Math.sqrt(k)));
    svg.style.setProperty('--stroke-scale', String(1 / k));
  }
  function zoomBy(factor, cx = current.x + current.w / 2, cy = current.y + current.h / 2) {
    const w = Math.min(WIDTH, Math.max(WIDTH / 40, current.w / factor));
    const hgt = w * HEIGHT / WIDTH;
    setView({x: cx - (cx - current.x) * (w / current.w), y: cy - (cy - current.y) * (hgt / current.h), w, h: hgt});
  }
  function toSvg(event) {
    const box = svg.getBoundingClientRect();
    return [current.x + (event.clientX - box.left) / box.width * current.w, current.y + (event.clientY - box.top) / box.height * current.h];
  }
  svg.addEventListener('wheel', (event) => {
    event.preventDefault();
    const [x, y] = toSvg(event);
    zoomBy(event.deltaY < 0 ? 1.25 : 0.8, x, y);
  }, {passive: false});
  let drag = null;
  svg.addEventListener('pointerdown', (event) => {
    if (event.target.classList.contains('place')) return;
    drag = {x: event.clientX, y: event.clientY, view: {...current}};
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const box = svg.getBoundingClientRect();
    setView({...drag.view, x: drag.view.x - (event.clientX - drag.x) / box.width * drag.view.w,
      y: drag.view.y - (event.clientY - drag.y) / box.height * drag.view.h});
  });
  svg.addEventListener('pointerup', () => { drag = null; });
  view.dataset.places = String(circles.length);
  window.newsgraphMap = {places: circles.length};
  return () => { delete window.newsgraphMap; };
}

export {message};
