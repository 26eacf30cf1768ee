// Training from the browser: the form (the API's defaults filled in) and the live view of a train job.
import { $, FINISHED, api, element, rounded } from './common.js';
import { drawLossChart, lossLabel } from './chart.js';

const NUMBERS = ['widthScale', 'batchSize', 'iterations', 'checkpointEvery', 'learningRate'];

let architectures = [];
let models = new Map();
let faceSetChoices = [];

// What the form says of each family: the API's catalog says which face sets (roles) it learns from.
const ABOUT = {
  reenactment: 'Teaches a network one person\'s face from drawings of its landmarks, so a reenact job can drive it with anyone\'s expressions. The face set needs extracted faces, ideally a few hundred frames of one video.',
  motion: 'Teaches a motion model, from videos of faces, to move one picture of a face as another face moves, so an animate job can make a photo speak. The face set needs extracted faces of videos (frames of one clip are paired); the more clips and people, the better it animates strangers.',
};
const SWAP_ABOUT = 'Teaches one network both faces: it learns to turn A into B and B into A. Both face sets need extracted faces.'
  + ' SAEHD also learns where the face is (its mask), and can start from a base pretrained on many people, so a pair learns sooner.';
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
    $('train-about').textContent = ABOUT[architecture?.family] ?? SWAP_ABOUT;
    offerRoles(rolesOf(architecture));
    offerOptions(architecture);
    offerPretraining();
    offerRefinement();
  };
  select.onchange = offerEngines;
  $('train-gan').onchange = offerRefinement;
  $('train-pretrain').onchange = offerPretraining;
  offerEngines();
}

/** A field per option of the architecture's own (SAEHD's design and widths), its default filled in. */
function offerOptions(architecture) {
  $('train-options').replaceChildren(...(architecture?.options ?? []).map((option) => {
    const field = option.choices.length
      ? element('select', { id: `train-option-${option.name}` }, ...option.choices.map((choice) => element('option', { value: choice }, choice)))
      : element('input', { id: `train-option-${option.name}`, type: 'number', min: String(option.min), max: String(option.max), step: '1',
        value: option.defaultValue == null ? '' : String(option.defaultValue), required: option.defaultValue != null,
        placeholder: option.defaultValue == null ? 'derived' : '' });
    field.dataset.option = option.name;
    return element('label', { title: option.description }, option.name, field);
  }));
}

/** Pretraining where the architecture can: every face set chosen, in place of one per role. */
function offerPretraining() {
  const fineTuning = architectures.find((candidate) => candidate.name === $('train-architecture').value)?.fineTuning;
  $('train-pretrain').disabled = !fineTuning;
  $('train-baseModel').disabled = !fineTuning;
  if (!fineTuning) {
    $('train-pretrain').checked = false;
    $('train-baseModel').value = '';
  }
  const pretraining = $('train-pretrain').checked;
  $('train-pretrain-faceSets-label').hidden = !pretraining;
  $('train-roles').hidden = pretraining;
  [...$('train-roles').querySelectorAll('select')].forEach((picker) => { picker.required = !pretraining; });
  if (pretraining && !fineTuning.engines.includes($('train-engine').value)) $('train-engine').value = fineTuning.engines[0];
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

/**
 * Offers the trained models to continue, and to start from; choosing one fills in how it was built
 * (and, to continue, what it learned from), as the API asks the same of both.
 */
export async function offerModels() {
  const listed = (await api('GET', '/api/v1/models')).filter((model) => model.links.checkpoint);
  models = new Map(listed.map((model) => [model.id, model]));
  const describe = (model) => `${model.architecture} on ${model.engine}${isPretrained(model) ? ' · pretrained' : ''}`
    + ` · iteration ${model.iteration} · ${model.id.slice(0, 8)}`;
  offerModelChoice($('train-continueFrom'), 'nothing: a new model', listed, describe, (model) => {
    $('train-baseModel').value = '';
    Object.entries(model.faceSets ?? {}).forEach(([role, id]) => { if ($(roleSelect(role))) $(roleSelect(role)).value = id; });
    if (Number($('train-iterations').value) <= model.iteration) $('train-iterations').value = String(model.iteration * 2);
  });
  // The catalog may still be on its way when the face sets first arrive.
  const catalog = architectures.length ? architectures : await api('GET', '/api/v1/architectures');
  const tunable = new Set(catalog.filter((architecture) => architecture.fineTuning).map((architecture) => architecture.name));
  offerModelChoice($('train-baseModel'), 'nothing: new weights', listed.filter((model) => tunable.has(model.architecture)), describe,
    () => { $('train-continueFrom').value = ''; });
}

function isPretrained(model) {
  return Object.keys(model.faceSets ?? {}).some((role) => role.startsWith('pretrain-'));
}

function offerModelChoice(select, none, listed, describe, fill) {
  const chosen = select.value;
  select.replaceChildren(element('option', { value: '' }, none), ...listed.map((model) =>
    element('option', { value: model.id }, describe(model))));
  select.value = listed.some((model) => model.id === chosen) ? chosen : '';
  select.onchange = () => {
    const model = models.get(select.value);
    if (!model) return;
    $('train-architecture').value = model.architecture;
    $('train-architecture').onchange();
    $('train-engine').value = model.engine;
    $('train-resolution').value = String(model.options?.resolution ?? '');
    $('train-widthScale').value = String(model.options?.widthScale ?? 1);
    Object.entries(model.options?.options ?? {}).forEach(([name, value]) => {
      if ($(`train-option-${name}`)) $(`train-option-${name}`).value = String(value);
    });
    fill(model);
  };
}

/** The face set roles of an architecture, from the train parameters that name them (faceSetA is role A). */
function rolesOf(architecture) {
  return (architecture?.faceSetParameters ?? ['faceSetA', 'faceSetB']).map((parameter) => parameter.slice('faceSet'.length));
}

function roleSelect(role) {
  return `train-faceset-${role.toLowerCase()}`;
}

/** A face set picker per role of the architecture (A and B for a swap, Target for reenactment), keeping what was chosen. */
function offerRoles(roles) {
  const shown = [...$('train-roles').querySelectorAll('select')].map((select) => select.id);
  if (shown.join() !== roles.map(roleSelect).join()) {
    $('train-roles').replaceChildren(...roles.map((role) => element('label', {}, `Face set ${role}`,
      element('select', { id: roleSelect(role), required: true }))));
  }
  fillRoles();
}

function fillRoles() {
  const pretrainPicker = $('train-pretrain-faceSets');
  const picked = new Set([...pretrainPicker.selectedOptions].map((option) => option.value));
  pretrainPicker.replaceChildren(...faceSetChoices.map((faceSet) => element('option', { value: faceSet.id }, faceSet.name)));
  [...pretrainPicker.options].forEach((option) => { option.selected = picked.has(option.value); });
  [...$('train-roles').querySelectorAll('select')].forEach((select) => {
    const chosen = select.value;
    select.replaceChildren(element('option', { value: '', disabled: true }, `choose ${select.id.slice('train-faceset-'.length)}`),
      ...faceSetChoices.map((faceSet) => element('option', { value: faceSet.id }, faceSet.name)));
    select.value = faceSetChoices.some((faceSet) => faceSet.id === chosen) ? chosen : '';
  });
}

/** Offers the face sets for every role, keeping what was chosen. */
export function offerFaceSets(faceSets) {
  faceSetChoices = faceSets;
  if (!$('train-roles').children.length) offerRoles(['A', 'B']);
  fillRoles();
}

/** Submits the train job the form describes; answers the job. */
export function submit() {
  const parameters = { architecture: $('train-architecture').value, engine: $('train-engine').value,
    resolution: Number($('train-resolution').value) };
  const architecture = architectures.find((candidate) => candidate.name === parameters.architecture);
  if ($('train-pretrain').checked) {
    parameters.pretrain = true;
    parameters.faceSets = [...$('train-pretrain-faceSets').selectedOptions].map((option) => option.value);
  } else {
    rolesOf(architecture).forEach((role) => { parameters[`faceSet${role}`] = $(roleSelect(role)).value; });
  }
  NUMBERS.forEach((name) => { parameters[name] = Number($(`train-${name}`).value); });
  const options = [...$('train-options').querySelectorAll('[data-option]')];
  if (options.length) {
    parameters.options = Object.fromEntries(options.filter((field) => field.value !== '').map((field) =>
      [field.dataset.option, field.type === 'number' ? Number(field.value) : field.value]));
  }
  if ($('train-continueFrom').value) parameters.continueFrom = $('train-continueFrom').value;
  if ($('train-baseModel').value) parameters.baseModel = $('train-baseModel').value;
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
  // A motion model has learned motion once held-out frames come out closer than their sources copied.
  if (metrics.validation?.heldOutL1 != null) {
    parts.push(`held-out L1 ${rounded(metrics.validation.heldOutL1, 4)} (copying the source ${rounded(metrics.validation.heldOutL1CopiedSource, 4)})`);
  }
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
