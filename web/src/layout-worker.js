// ForceAtlas2 in a web worker, so the page stays responsive while the network settles.
// In: {nodes: [{id, x, y, size}], edges: [[source, target, weight]], iterations}
// Out: first {type: 'progress', iteration} while the layout settles (nothing worth drawing
// yet), then {type: 'positions', xs: Float32Array, ys: Float32Array, settled: true,
// movement, iteration, done} once the nodes have (nearly) stopped moving, then more
// 'positions' every few steps as the layout is refined, until done.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';

let running = false;

// Settled: in one step the nodes moved, on average, less than this share of the drawing's size.
const SETTLED = 0.004;

/** The mean distance the nodes moved, as a share of the drawing's diagonal. */
function meanMovement(xs, ys, nextXs, nextYs) {
  let total = 0;
  let minX = Infinity; let maxX = -Infinity; let minY = Infinity; let maxY = -Infinity;
  for (let i = 0; i < xs.length; i += 1) {
    total += Math.hypot(nextXs[i] - xs[i], nextYs[i] - ys[i]);
    minX = Math.min(minX, nextXs[i]); maxX = Math.max(maxX, nextXs[i]);
    minY = Math.min(minY, nextYs[i]); maxY = Math.max(maxY, nextYs[i]);
  }
  const size = Math.hypot(maxX - minX, maxY - minY) || 1;
  return xs.length ? total / xs.length / size : 0;
}

self.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'stop') { running = false; return; }
  if (message.type !== 'start') return;
  const graph = new Graph({type: 'undirected', multi: false, allowSelfLoops: false});
  for (const node of message.nodes) graph.addNode(node.id, {x: node.x, y: node.y, size: node.size});
  for (const [source, target, weight] of message.edges) {
    if (!graph.hasEdge(source, target)) graph.addEdge(source, target, {weight});
  }
  // Strong gravity keeps the many small components (two actors and one event) near the
  // main one instead of flinging them to the edges, where they would shrink everything else.
  const settings = {
    ...forceAtlas2.inferSettings(graph),
    barnesHutOptimize: graph.order > 500,
    adjustSizes: false,
    edgeWeightInfluence: 0.5,
    strongGravityMode: true,
    gravity: 1,
    scalingRatio: 4,
    slowDown: 1 + Math.log(Math.max(1, graph.order)) / 2,
  };
  const ids = message.nodes.map((node) => node.id);
  const total = message.iterations || 300;
  const step = graph.order > 5000 ? 2 : graph.order > 1000 ? 5 : 10;
  running = true;
  let iteration = 0;
  let settled = false;
  let xs = new Float32Array(ids.length);
  let ys = new Float32Array(ids.length);
  ids.forEach((id, i) => { const a = graph.getNodeAttributes(id); xs[i] = a.x; ys[i] = a.y; });
  const tick = () => {
    if (!running) return;
    forceAtlas2.assign(graph, {iterations: step, settings, getEdgeWeight: 'weight'});
    iteration += step;
    const nextXs = new Float32Array(ids.length);
    const nextYs = new Float32Array(ids.length);
    ids.forEach((id, i) => { const a = graph.getNodeAttributes(id); nextXs[i] = a.x; nextYs[i] = a.y; });
    const movement = meanMovement(xs, ys, nextXs, nextYs);
    xs = nextXs;
    ys = nextYs;
    const done = iteration >= total;
    if (!settled && movement > SETTLED && !done) {
      self.postMessage({type: 'progress', iteration, movement});
    } else {
      settled = true;
      const outXs = xs.slice();
      const outYs = ys.slice();
      self.postMessage({type: 'positions', xs: outXs, ys: outYs, iteration, done, settled, movement}, [outXs.buffer, outYs.buffer]);
    }
    if (done) running = false;
    else setTimeout(tick, 0);
  };
  tick();
};
