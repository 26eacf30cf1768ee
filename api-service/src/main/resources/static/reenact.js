// Reenacting from the browser: the form (a reenactment model, a driving video, the target's photo or
// video) and the reenact part of the live job view, with the quality report in plain words.
import { $, api, element, rounded } from './common.js';
import { drivingReport, uploadOptions } from './driving.js';

let faceSetNames = new Map();

/** Offers the trained models reenact takes, every video as a driver and every upload as a target. */
export async function offerChoices(faceSets) {
  faceSetNames = new Map(faceSets.map((faceSet) => [faceSet.id, faceSet.name]));
  const [listed, catalog, details] = await Promise.all([api('GET', '/api/v1/models'), api('GET', '/api/v1/architectures'),
    Promise.all(faceSets.map((faceSet) => api('GET', `/api/v1/face-sets/${faceSet.id}`)))]);
  const reenacting = new Set(catalog.filter((architecture) => architecture.usedBy.includes('reenact')).map((architecture) => architecture.name));
  const ready = listed.filter((model) => model.links.checkpoint && reenacting.has(model.architecture));
  refill($('reenact-model'), 'choose a reenactment model', ready.map((model) => element('option', { value: model.id },
    `${nameOf(model.faceSets?.Target)} · ${model.architecture} on ${model.engine} · iteration ${model.iteration} · ${model.id.slice(0, 8)}`)));
  const uploads = (filter) => uploadOptions(details, filter);
  refill($('reenact-driving'), 'choose the driving video', uploads((media) => media.kind === 'VIDEO'));
  refill($('reenact-target'), 'choose the target photo or video', uploads(() => true));
}

function refill(select, prompt, options) {
  const chosen = select.value;
  select.replaceChildren(element('option', { value: '', disabled: true }, prompt), ...options);
  select.value = [...select.querySelectorAll('option')].some((option) => option.value === chosen && chosen) ? chosen : '';
}

function nameOf(faceSetId) {
  return faceSetId ? faceSetNames.get(faceSetId) ?? faceSetId.slice(0, 8) : 'someone';
}

/** Submits the reenact job the form describes; answers the job. */
export function submit() {
  const parameters = {
    modelId: $('reenact-model').value,
    drivingMediaId: $('reenact-driving').value,
    targetMediaId: $('reenact-target').value,
    neutralFrame: Number($('reenact-neutralFrame').value),
    sound: $('reenact-sound').value,
    colourMatch: $('reenact-colour').value,
    blend: $('reenact-blend').value,
    crf: Number($('reenact-crf').value),
    watermark: $('reenact-watermark').checked,
  };
  return api('POST', '/api/v1/jobs', { kind: 'reenact', parameters });
}

/** The reenact part of the live job view: frames and their rate, then the quality report. */
export function render(job) {
  const view = $('job-reenact');
  view.hidden = job.kind !== 'reenact';
  if (view.hidden) return;
  const metrics = job.metrics ?? {};
  $('job-reenact-stats').textContent = metrics.framesDone != null
    ? `${metrics.framesDone} frames done · ${rounded(metrics.framesPerSecond ?? 0, 2)} frames/s` : '';
  const report = metrics.framesDriven != null ? qualityReport(metrics) : [];
  $('reenact-report').hidden = report.length === 0;
  $('reenact-report-lines').replaceChildren(...report.map((line) => element('li', {}, line)));
}

function qualityReport(metrics) {
  return drivingReport(metrics, { missing: 'in the others the driver\'s face or the target\'s was missing, and the target was left as it was',
    cure: 'train longer or on more frames' });
}
