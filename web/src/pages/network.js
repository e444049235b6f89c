// The actor network, drawn with WebGL (sigma.js) and laid out by ForceAtlas2 in a worker.
import Graph from 'graphology';
import Sigma from 'sigma';
import {get} from '../api.js';
import {add, COOPERATION_COLOR, CONFLICT_COLOR, OTHER_COLOR, TYPE_COLORS, clear, fmt, h, link, message, path} from '../dom.js';
import {filterFields, formValues} from './common.js';

const DEFAULT_TOP = 500;

function mix(a, b, t) {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
  return pa.map((x, i) => Math.round(x + (pb[i] - x) * t));
}

function edgeColor(edge) {
  const total = edge.cooperation + edge.conflict;
  const conflictShare = total ? edge.conflict / total : 0.5;
  const [r, g, b] = mix(COOPERATION_COLOR, CONFLICT_COLOR, conflictShare);
  return `rgba(${r},${g},${b},0.8)`;
}

/** Start positions: a sunflower spiral by rank, so the most mentioned actors start in the middle. */
function spiral(i) {
  const angle = i * 2.399963229728653;
  const radius = Math.sqrt(i + 0.5) * 10;
  return {x: radius * Math.cos(angle), y: radius * Math.sin(angle)};
}

export async function renderNetwork(view, _args, params, {navigate, isCurrent}) {
  const started = performance.now();
  const values = params;
  const top = Math.min(10000, Math.max(1, parseInt(values.get('top') || DEFAULT_TOP, 10) || DEFAULT_TOP));
  const form = h('form', {class: 'filters stacked'},
    filterFields(values, {extra: [
      ['Actors of country', h('input', {name: 'actor_country', size: 4, maxlength: 3, pattern: '[A-Za-z]{2,3}', placeholder: 'PAK', value: values.get('actor_country') || ''})],
      ['Events in country', h('input', {name: 'event_country', size: 4, maxlength: 3, pattern: '[A-Za-z]{2,3}', placeholder: 'AFG', value: values.get('event_country') || ''})],
      ['Top actors', h('input', {name: 'top', type: 'number', min: 1, max: 10000, value: String(top)})],
      ['Min. events per link', h('input', {name: 'min_weight', type: 'number', min: 1, max: 100000, value: values.get('min_weight') || '1'})],
    ]}),
    h('button', {type: 'submit'}, 'Draw'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(`/network?${new URLSearchParams(formValues(form))}`);
  });
  const status = h('p', {class: 'status'}, 'Loading the network…');
  const info = h('div', {class: 'node-info'}, h('p', {class: 'muted'}, 'Hover over an actor to see it; click to open it.'));
  const layoutButton = h('button', {type: 'button', disabled: true}, 'Stop layout');
  const legend = h('div', {class: 'legend'},
    Object.entries(TYPE_COLORS).map(([type, color]) => h('span', {class: 'legend-item'}, h('span', {class: 'dot', style: null, dataset: {color}}), type)),
    h('div', null, h('span', {class: 'swatch coop'}), ' cooperation  ', h('span', {class: 'swatch conflict'}), ' conflict'));
  for (const dot of legend.querySelectorAll('.dot')) dot.style.background = dot.dataset.color;
  const container = h('div', {class: 'network-canvas', id: 'network-canvas'});
  view.classList.add('network-view');
  add(view, h('aside', {class: 'sidebar'}, h('h1', null, 'Actor network'), form, status, layoutButton, legend, info), container);

  const query = {since: values.get('since'), until: values.get('until'), type: values.get('type'), quad_class: values.get('quad_class'),
    actor_country: values.get('actor_country'), event_country: values.get('event_country'), min_weight: values.get('min_weight'), top};
  const data = await get('/network', query);
  const fetched = performance.now();
  if (!isCurrent()) return undefined;
  if (!data.nodes.length) {
    status.replaceWith(message('No actors with events match these filters.', 'info'));
    return undefined;
  }

  const graph = new Graph({type: 'undirected', multi: false});
  const maxMentions = Math.max(1, ...data.nodes.map((n) => n.mentions));
  const maxWeight = Math.max(1, ...data.edges.map((e) => e.weight));
  data.nodes.forEach((node, i) => {
    graph.addNode(node.id, {
      ...spiral(i),
      size: 2.5 + 16 * Math.sqrt(node.mentions / maxMentions),
      label: node.name,
      color: TYPE_COLORS[node.type] || OTHER_COLOR,
      actorType: node.type, country: node.country, mentions: node.mentions, weight: node.weight,
      zIndex: 1,
    });
  });
  for (const edge of data.edges) {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target) || graph.hasEdge(edge.source, edge.target)) continue;
    graph.addEdge(edge.source, edge.target, {
      size: 0.4 + 5 * Math.log1p(edge.weight) / Math.log1p(maxWeight),
      color: edgeColor(edge), weight: edge.weight, cooperation: edge.cooperation, conflict: edge.conflict,
    });
  }

  // The layout: ForceAtlas2 in a worker. Nothing is drawn before it has settled (the nodes
  // have nearly stopped moving): a first frame from the start positions is a hairball.
  const timings = {fetch: fetched - started, settled: null, settledIteration: null, settleMovement: null,
    firstRender: null, layoutDone: null, nodes: graph.order, edges: graph.size};
  const ids = graph.nodes();
  const place = ({xs, ys}) => ids.forEach((id, i) => graph.mergeNodeAttributes(id, {x: xs[i], y: ys[i]}));
  const worker = new Worker('/static/layout-worker.js');
  let later = null; // what to do with the positions that come after the first settled ones
  const settled = new Promise((resolve) => {
    worker.onmessage = (event) => {
      const update = event.data;
      if (update.type === 'progress') {
        status.textContent = `Laying out ${fmt(graph.order)} actors… (step ${fmt(update.iteration)})`;
      } else if (later) {
        later(update);
      } else {
        resolve(update);
      }
    };
    worker.onerror = (error) => {
      console.error('layout worker', error);
      view.dataset.layout = 'failed';
      resolve(null); // draw the start positions rather than nothing
    };
  });
  view.dataset.layout = 'settling';
  status.textContent = `Laying out ${fmt(graph.order)} actors…`;
  worker.postMessage({
    type: 'start',
    iterations: graph.order > 2000 ? 150 : 300,
    nodes: ids.map((id) => ({id, ...graph.getNodeAttributes(id)})).map(({id, x, y, size}) => ({id, x, y, size})),
    edges: graph.mapEdges((_e, attrs, source, target) => [source, target, attrs.weight]),
  });
  const first = await settled;
  if (!isCurrent()) {
    worker.terminate();
    return undefined;
  }
  if (first) {
    place(first);
    timings.settled = performance.now() - started;
    timings.settledIteration = first.iteration;
    timings.settleMovement = first.movement;
    view.dataset.layout = 'settled';
  }

  let hovered = null;
  let neighbours = new Set();
  const renderer = new Sigma(graph, container, {
    labelRenderedSizeThreshold: 7,
    labelDensity: 0.6,
    zIndex: true,
    minCameraRatio: 0.02,
    maxCameraRatio: 4,
    hideEdgesOnMove: graph.size > 20000,
    nodeReducer: (node, attrs) => {
      if (!hovered) return attrs;
      if (node === hovered) return {...attrs, highlighted: true, zIndex: 3};
      if (neighbours.has(node)) return {...attrs, zIndex: 2, forceLabel: true};
      return {...attrs, color: '#d8dde3', label: '', zIndex: 0};
    },
    edgeReducer: (edge, attrs) => {
      if (!hovered) return attrs;
      const [a, b] = graph.extremities(edge);
      return a === hovered || b === hovered ? {...attrs, zIndex: 1} : {...attrs, hidden: true};
    },
  });

  renderer.once('afterRender', () => {
    timings.firstRender = performance.now() - started;
    view.dataset.state = 'rendered';
  });

  renderer.on('enterNode', ({node}) => {
    hovered = node;
    neighbours = new Set(graph.neighbors(node));
    const a = graph.getNodeAttributes(node);
    clear(info).append(
      h('h2', null, link(path.actor(node), a.label)),
      h('p', {class: 'meta'}, [a.actorType, a.country, `${fmt(a.mentions)} mentions`, `${fmt(a.weight)} events here`, `${neighbours.size} partners`].filter(Boolean).join(' · ')));
    container.style.cursor = 'pointer';
    renderer.refresh({skipIndexation: true});
  });
  renderer.on('leaveNode', () => {
    hovered = null;
    neighbours = new Set();
    container.style.cursor = '';
    renderer.refresh({skipIndexation: true});
  });
  renderer.on('clickNode', ({node}) => navigate(path.actor(node)));

  // The refinement after the first frame: positions flow back and sigma redraws.
  let running = Boolean(first) && !first.done;
  const finish = () => {
    timings.layoutDone = performance.now() - started;
    view.dataset.layout = 'done';
    layoutButton.textContent = 'Layout done';
    layoutButton.disabled = true;
    worker.terminate();
  };
  const stop = () => {
    running = false;
    worker.postMessage({type: 'stop'});
    layoutButton.textContent = 'Layout stopped';
    layoutButton.disabled = true;
  };
  later = (update) => {
    place(update);
    if (update.done || !running) finish();
    else layoutButton.textContent = `Stop layout (${update.iteration})`;
  };
  if (running) {
    layoutButton.disabled = false;
    layoutButton.addEventListener('click', stop);
  } else if (first) {
    finish();
  }

  status.textContent = `${fmt(graph.order)} actors, ${fmt(graph.size)} links${data.truncated ? ` (the top ${fmt(top)} by mentions)` : ''}.`;

  // Find an actor in the drawing: its name (any case) centres the camera on it.
  const names = new Map(graph.mapNodes((node, attrs) => [attrs.label.toLowerCase(), node]));
  const list = h('datalist', {id: 'network-actors'}, graph.mapNodes((_node, attrs) => h('option', {value: attrs.label})));
  const finder = h('form', {class: 'finder'},
    h('input', {name: 'find', list: 'network-actors', placeholder: 'find an actor in the network', maxlength: 200, 'aria-label': 'find an actor'}),
    list);
  finder.addEventListener('submit', (event) => {
    event.preventDefault();
    const wanted = String(new FormData(finder).get('find') || '').trim().toLowerCase();
    const node = names.get(wanted) || [...names.entries()].find(([name]) => name.includes(wanted))?.[1];
    if (!wanted || !node) return;
    const display = renderer.getNodeDisplayData(node);
    renderer.getCamera().animate({x: display.x, y: display.y, ratio: 0.25}, {duration: 400});
    renderer.emit('enterNode', {node});
  });
  status.after(finder);

  // A handle for tests and the benchmark: where a node is on the page.
  window.newsgraphNetwork = {
    graph, renderer, timings,
    nodePosition(id) {
      const display = renderer.getNodeDisplayData(id);
      if (!display) return null;
      const point = renderer.framedGraphToViewport(display);
      const box = container.getBoundingClientRect();
      return {x: box.left + point.x, y: box.top + point.y, size: display.size};
    },
  };
  return () => {
    stop();
    worker.terminate();
    renderer.kill();
    if (window.newsgraphNetwork && window.newsgraphNetwork.graph === graph) delete window.newsgraphNetwork;
  };
}
