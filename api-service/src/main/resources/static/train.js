// Training from the browser: the form (the API's defaults filled in) and the live view of a train job.
import { $, FINISHED, api, element, rounded } from './common.js';
import { drawLossChart, lossLabel } from './chart.js';

const NUMBERS = ['widthScale', 'batchSize', 'iterations', 'checkpointEvery', 'learningRate'];

let chartedJob = null;
let chartedState = null;
let wantedState = null;
let charting = false;

/** Offers the architectures the API knows, each with its engines, the default engine chosen. */
export async function offerArchitectures() {
  const architectures = await api('GET', '/api/v1/architectures');
  const select = $('train-architecture');
  const chosen = select.value;
  select.replaceChildren(...architectures.map((architecture) => element('option', { value: architecture.name,
    title: architecture.description }, architecture.name)));
  select.value = architectures.some((architecture) => architecture.name === chosen) ? chosen : architectures[0]?.name ?? '';
  const offerEngines = () => {
    const architecture = architectures.find((candidate) => candidate.name === select.value);
    $('train-engine').replaceChildren(...(architecture?.engines ?? []).map((engine) => element('option', { value: engine }, engine)));
    $('train-engine').value = architecture?.defaultEngine ?? '';
    $('train-resolution').replaceChildren(...(architecture?.resolutions ?? []).map((side) =>
      element('option', { value: String(side) }, `${side} px`)));
    if (architecture) $('train-learningRate').value = architecture.defaultLearningRate.toExponential();
  };
  select.onchange = offerEngines;
  offerEngines();
}

/** Offers the face sets as A and B, keeping what was chosen. */
export function offerFaceSets(faceSets) {
  ['train-faceset-a', 'train-faceset-b'].forEach((id, index) => {
    const select = $(id);
    const chosen = select.value;
    select.replaceChildren(element('option', { value: '', disabled: true }, `choose face set ${index ? 'B' : 'A'}`),
      ...faceSets.map((faceSet) => element('option', { value: faceSet.id }, faceSet.name)));
    select.value = faceSets.some((faceSet) => faceSet.id === chosen) ? chosen : '';
  });
}

/** Submits the train job the form describes; answers the job. */
export function submit() {
  const parameters = { architecture: $('train-architecture').value, engine: $('train-engine').value,
    faceSetA: $('train-faceset-a').value, faceSetB: $('train-faceset-b').value, resolution: Number($('train-resolution').value) };
  NUMBERS.forEach((name) => { parameters[name] = Number($(`train-${name}`).value); });
  return api('POST', '/api/v1/jobs', { kind: 'train', parameters });
}

/** The train part of the live job view: where training stands and how the loss moves. */
export function render(job) {
  const view = $('job-train');
  view.hidden = job.kind !== 'train';
  if (view.hidden) return;
  const metrics = job.metrics ?? {};
  const target = job.parameters?.iterations ?? 20000;
  const parts = [metrics.iteration != null ? `iteration ${metrics.iteration} of ${target}` : 'not started yet'];
  if (metrics.egsPerSecond != null) parts.push(`${rounded(metrics.egsPerSecond, 2)} EGs/s`);
  Object.entries(metrics.losses ?? {}).forEach(([name, value]) => parts.push(`${lossLabel(name)} ${rounded(value, 4)}`));
  $('job-train-stats').textContent = parts.join(' · ');
  if (chartedJob !== job.id) {
    chartedJob = job.id;
    chartedState = null;
    drawLossChart($('loss-chart'), []);
  }
  wantedState = `${metrics.iteration ?? ''}/${FINISHED.has(job.state)}`;
  refreshChart(job.id);
}

// The model row (id = the train job's) and its losses appear with the first checkpoint; until then
// the chart says so and the next update of the job tries again.
async function refreshChart(jobId) {
  if (charting) return;
  charting = true;
  try {
    while (chartedJob === jobId && chartedState !== wantedState) {
      const state = wantedState;
      const points = await api('GET', `/api/v1/models/${jobId}/losses?points=300`);
      if (chartedJob !== jobId) break;
      drawLossChart($('loss-chart'), points);
      chartedState = state;
    }
  } catch {
    // no model yet
  } finally {
    charting = false;
  }
}
