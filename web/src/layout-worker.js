// ForceAtlas2 in a web worker, so the page stays responsive while the network settles.
// In: {nodes: [{id, x, y, size}], edges: [[source, target, weight]], iterations}
// Out: {type: 'positions', xs: Float32Array, ys: Float32Array, done, iteration} every few steps.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';

let running = false;

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
  const tick = () => {
    if (!running) return;
    forceAtlas2.assign(graph, {iterations: step, settings, getEdgeWeight: 'weight'});
    iteration += step;
    const xs = new Float32Array(ids.length);
    const ys = new Float32Array(ids.length);
    ids.forEach((id, i) => { const a = graph.getNodeAttributes(id); xs[i] = a.x; ys[i] = a.y; });
    const done = iteration >= total;
    self.postMessage({type: 'positions', xs, ys, iteration, done}, [xs.buffer, ys.buffer]);
    if (done) running = false;
    else setTimeout(tick, 0);
  };
  tick();
};
