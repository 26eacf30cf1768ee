// The loss chart: a line per named loss over iterations as inline SVG, small enough to need no library.
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

const COLOURS = ['loss-0', 'loss-1', 'loss-2', 'loss-3', 'loss-4', 'loss-5'];

/** Draws points ({iteration, losses: {name: value}}) into the given <svg>; data-points says how many it holds. */
export function drawLossChart(chart, points) {
  chart.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  chart.dataset.points = String(points.length);
  if (points.length === 0) {
    chart.replaceChildren(svg('text', { x: WIDTH / 2, y: HEIGHT / 2, 'text-anchor': 'middle', class: 'axis' },
      'The first loss point comes with the first checkpoint.'));
    return;
  }
  const names = [...new Set(points.flatMap((point) => Object.keys(point.losses ?? {})))];
  const losses = points.flatMap((point) => names.map((name) => point.losses[name]).filter((value) => value != null));
  // From zero, so that the chart shows how far the loss has come down, not just its wiggles.
  const low = Math.min(0, ...losses);
  const high = Math.max(...losses);
  const span = high - low || Math.abs(high) || 1;
  const first = points[0].iteration;
  const last = points[points.length - 1].iteration;
  const x = (iteration) => PAD.left + (last === first ? 0.5 : (iteration - first) / (last - first)) * (WIDTH - PAD.left - PAD.right);
  const y = (loss) => PAD.top + (1 - (loss - low) / span) * (HEIGHT - PAD.top - PAD.bottom);
  const line = (name, className) => {
    const measured = points.filter((point) => point.losses?.[name] != null);
    const coordinates = measured.map((point) => `${x(point.iteration).toFixed(1)},${y(point.losses[name]).toFixed(1)}`);
    const end = measured[measured.length - 1];
    return [svg('polyline', { points: coordinates.join(' '), class: className }),
      svg('circle', { cx: x(end.iteration).toFixed(1), cy: y(end.losses[name]).toFixed(1), r: 2.5, class: className })];
  };
  const colour = (index) => COLOURS[index % COLOURS.length];
  const bottom = HEIGHT - PAD.bottom;
  chart.replaceChildren(
    svg('line', { x1: PAD.left, y1: bottom, x2: WIDTH - PAD.right, y2: bottom, class: 'axis-line' }),
    svg('line', { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: bottom, class: 'axis-line' }),
    svg('text', { x: PAD.left - 4, y: PAD.top + 8, 'text-anchor': 'end', class: 'axis' }, high.toPrecision(3)),
    svg('text', { x: PAD.left - 4, y: bottom, 'text-anchor': 'end', class: 'axis' }, low.toPrecision(3)),
    svg('text', { x: PAD.left, y: HEIGHT - 6, class: 'axis' }, `iteration ${first}`),
    svg('text', { x: WIDTH - PAD.right, y: HEIGHT - 6, 'text-anchor': 'end', class: 'axis' }, String(last)),
    ...names.map((name, index) => svg('text', { x: WIDTH - PAD.right, y: PAD.top + 8 + 14 * index, 'text-anchor': 'end',
      class: `legend ${colour(index)}` }, lossLabel(name))),
    ...names.flatMap((name, index) => line(name, colour(index))));
}

/** reconstructionA reads "reconstruction A", featureMatching "feature matching". */
export function lossLabel(name) {
  return name.replace(/([a-z])([A-Z])(?=[a-z])/g, (_, last, next) => `${last} ${next.toLowerCase()}`).replace(/([a-z])([A-Z])/g, '$1 $2');
}
