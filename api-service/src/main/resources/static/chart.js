// The loss chart: two lines over iterations as inline SVG, small enough to need no library.
const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 400;
const HEIGHT = 170;
const PAD = { left: 48, right: 10, top: 10, bottom: 24 };

function svg(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Draws points ({iteration, lossA, lossB}) into the given <svg>; data-points says how many it holds. */
export function drawLossChart(chart, points) {
  chart.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  chart.dataset.points = String(points.length);
  if (points.length === 0) {
    chart.replaceChildren(svg('text', { x: WIDTH / 2, y: HEIGHT / 2, 'text-anchor': 'middle', class: 'axis' },
      'The first loss point comes with the first checkpoint.'));
    return;
  }
  const losses = points.flatMap((point) => [point.lossA, point.lossB]);
  // From zero, so that the chart shows how far the loss has come down, not just its wiggles.
  const low = Math.min(0, ...losses);
  const high = Math.max(...losses);
  const span = high - low || Math.abs(high) || 1;
  const first = points[0].iteration;
  const last = points[points.length - 1].iteration;
  const x = (iteration) => PAD.left + (last === first ? 0.5 : (iteration - first) / (last - first)) * (WIDTH - PAD.left - PAD.right);
  const y = (loss) => PAD.top + (1 - (loss - low) / span) * (HEIGHT - PAD.top - PAD.bottom);
  const line = (key, className) => {
    const coordinates = points.map((point) => `${x(point.iteration).toFixed(1)},${y(point[key]).toFixed(1)}`);
    const end = points[points.length - 1];
    return [svg('polyline', { points: coordinates.join(' '), class: className }),
      svg('circle', { cx: x(end.iteration).toFixed(1), cy: y(end[key]).toFixed(1), r: 2.5, class: className })];
  };
  const bottom = HEIGHT - PAD.bottom;
  chart.replaceChildren(
    svg('line', { x1: PAD.left, y1: bottom, x2: WIDTH - PAD.right, y2: bottom, class: 'axis-line' }),
    svg('line', { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: bottom, class: 'axis-line' }),
    svg('text', { x: PAD.left - 4, y: PAD.top + 8, 'text-anchor': 'end', class: 'axis' }, high.toPrecision(3)),
    svg('text', { x: PAD.left - 4, y: bottom, 'text-anchor': 'end', class: 'axis' }, low.toPrecision(3)),
    svg('text', { x: PAD.left, y: HEIGHT - 6, class: 'axis' }, `iteration ${first}`),
    svg('text', { x: WIDTH - PAD.right, y: HEIGHT - 6, 'text-anchor': 'end', class: 'axis' }, String(last)),
    svg('text', { x: WIDTH - PAD.right, y: PAD.top + 8, 'text-anchor': 'end', class: 'loss-a' }, 'loss A'),
    svg('text', { x: WIDTH - PAD.right, y: PAD.top + 22, 'text-anchor': 'end', class: 'loss-b' }, 'loss B'),
    ...line('lossA', 'loss-a'),
    ...line('lossB', 'loss-b'));
}
