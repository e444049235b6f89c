// A small SVG bar chart: cooperation above the axis, conflict below, one pair per period.
import {COOPERATION_COLOR, CONFLICT_COLOR, h, s} from '../dom.js';

export function timelineChart(periods) {
  if (!periods || !periods.length) return h('p', {class: 'muted'}, 'No events with other actors.');
  const undated = periods.filter((p) => !p.period);
  if (undated.length === periods.length) {
    const sum = (key) => undated.reduce((total, p) => total + p[key], 0);
    return h('p', {class: 'muted no-dates'},
      `No dates: none of its ${sum('cooperation') + sum('conflict')} events with other actors is dated `
      + `(${sum('cooperation')} cooperation, ${sum('conflict')} conflict), so there is no timeline to draw.`);
  }
  const width = 760;
  const height = 220;
  const pad = {left: 36, right: 8, top: 12, bottom: 34};
  const max = Math.max(1, ...periods.map((p) => Math.max(p.cooperation, p.conflict)));
  const mid = pad.top + (height - pad.top - pad.bottom) / 2;
  const half = (height - pad.top - pad.bottom) / 2;
  const step = (width - pad.left - pad.right) / periods.length;
  const bar = Math.max(1, Math.min(28, step * 0.7));
  const svg = s('svg', {viewBox: `0 0 ${width} ${height}`, class: 'timeline', role: 'img',
    'aria-label': 'cooperation and conflict events per period'});
  svg.append(s('line', {x1: pad.left, x2: width - pad.right, y1: mid, y2: mid, class: 'axis'}));
  // one scale both ways: the same count up (cooperation) and down (conflict)
  svg.append(s('text', {x: 4, y: pad.top + 10, class: 'tick', text: `↑${max}`}));
  svg.append(s('text', {x: 4, y: height - pad.bottom, class: 'tick', text: `↓${max}`}));
  const labelEvery = Math.ceil(periods.length / 12);
  periods.forEach((p, i) => {
    const x = pad.left + i * step + (step - bar) / 2;
    const up = (p.cooperation / max) * half;
    const down = (p.conflict / max) * half;
    const g = s('g', {class: 'period', dataset: {period: p.period}},
      s('title', {text: `${p.period || 'undated'}: ${p.cooperation} cooperation, ${p.conflict} conflict`}),
      s('rect', {x, y: mid - up, width: bar, height: Math.max(up, 0), fill: COOPERATION_COLOR, class: 'coop'}),
      s('rect', {x, y: mid, width: bar, height: Math.max(down, 0), fill: CONFLICT_COLOR, class: 'conflict'}));
    svg.append(g);
    if (i % labelEvery === 0 || !p.period) svg.append(s('text', {x: x + bar / 2, y: height - 12, class: 'tick', 'text-anchor': 'middle', text: p.period || 'undated'}));
  });
  return h('figure', {class: 'chart'}, svg,
    h('figcaption', null, h('span', {class: 'swatch coop'}), ' cooperation (quad classes 1–2)  ', h('span', {class: 'swatch conflict'}), ' conflict (3–4)'));
}
