// Training from the browser: the form (the API's defaults filled in) and the live view of a train job.
import { $, FINISHED, api, element, rounded } from './common.js';
import { drawLossChart, lossLabel } from './chart.js';

const NUMBERS = ['widthScale', 'batchSize', 'iterations', 'checkpointEvery', 'learningRate'];

let architectures = [];
let models = new Map();
let chartedJob = null;
let chartedState = null;
let wantedState = null;
let charting = false;

/** Offers the architectures the API knows, each with its engines, the default engine chosen. */
export async function offerArchitectures() {
  architectures = await api('GET', '/api/v1/architectures');
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
    offerRefinement();
  };
  select.onchange = offerEngines;
  $('train-gan').onchange = offerRefinement;
  offerEngines();
}

/** GAN refinement where the architecture has it, on an engine that runs it. */
function offerRefinement() {
  const refinement = architectures.find((candidate) => candidate.name === $('train-architecture').value)?.ganRefinement;
  $('train-gan').disabled = !refinement;
  if (!refinement) $('train-gan').checked = false;
  const refining = $('train-gan').checked;
  $('train-gan-fromIteration').disabled = !refining;
  $('train-gan-power').disabled = !refining;
  if (refining && !refinement.engines.includes($('train-engine').value)) $('train-engine').value = refinement.engines[0];
}

/** Offers the trained models to continue; choosing one fills in how it was built and what it learned from. */
export async function offerModels() {
  const listed = (await api('GET', '/api/v1/models')).filter((model) => model.links.checkpoint);
  models = new Map(listed.map((model) => [model.id, model]));
  const select = $('train-continueFrom');
  const chosen = select.value;
  select.replaceChildren(element('option', { value: '' }, 'nothing: a new model'), ...listed.map((model) =>
    element('option', { value: model.id }, `${model.architecture} on ${model.engine} · iteration ${model.iteration} · ${model.id.slice(0, 8)}`)));
  select.value = models.has(chosen) ? chosen : '';
  select.onchange = () => {
    const model = models.get(select.value);
    if (!model) return;
    $('train-architecture').value = model.architecture;
    $('train-architecture').onchange();
    $('train-engine').value = model.engine;
    $('train-resolution').value = String(model.options?.resolution ?? '');
    $('train-widthScale').value = String(model.options?.widthScale ?? 1);
    if (model.faceSets?.A) $('train-faceset-a').value = model.faceSets.A;
    if (model.faceSets?.B) $('train-faceset-b').value = model.faceSets.B;
    if (Number($('train-iterations').value) <= model.iteration) $('train-iterations').value = String(model.iteration * 2);
  };
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
  if ($('train-continueFrom').value) parameters.continueFrom = $('train-continueFrom').value;
  if ($('train-gan').checked) {
    parameters.gan = { power: Number($('train-gan-power').value) };
    if ($('train-gan-fromIteration').value !== '') parameters.gan.fromIteration = Number($('train-gan-fromIteration').value);
  }
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
