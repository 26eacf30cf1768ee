// Animating a photo from the browser: the form (a photo, a driving video, the warp or a trained
// motion model) and the animate part of the live job view, with the quality report in plain words.
import { $, api, element, rounded } from './common.js';
import { drivingReport, uploadOptions } from './driving.js';

const WARP = 'warp';

let faceSetNames = new Map();

/** Offers every photo, every video as a driver, and the warp or a trained motion model. */
export async function offerChoices(faceSets) {
  faceSetNames = new Map(faceSets.map((faceSet) => [faceSet.id, faceSet.name]));
  const [listed, catalog, details] = await Promise.all([api('GET', '/api/v1/models'), api('GET', '/api/v1/architectures'),
    Promise.all(faceSets.map((faceSet) => api('GET', `/api/v1/face-sets/${faceSet.id}`)))]);
  const animating = new Set(catalog.filter((architecture) => architecture.usedBy.includes('animate')).map((architecture) => architecture.name));
  const ready = listed.filter((model) => model.links.checkpoint && animating.has(model.architecture));
  refill($('animate-method'), null, [element('option', { value: WARP }, 'warp the photo over its landmarks (no training)'),
    ...ready.map((model) => element('option', { value: model.id },
      `motion model of ${nameOf(model.faceSets?.Videos)} · ${model.architecture} on ${model.engine} · iteration ${model.iteration} · ${model.id.slice(0, 8)}`))]);
  refill($('animate-photo'), 'choose the photo', uploadOptions(details, (media) => media.kind === 'IMAGE'));
  refill($('animate-driving'), 'choose the driving video', uploadOptions(details, (media) => media.kind === 'VIDEO'));
}

function refill(select, prompt, options) {
  const chosen = select.value;
  select.replaceChildren(...(prompt ? [element('option', { value: '', disabled: true }, prompt)] : []), ...options);
  const kept = [...select.querySelectorAll('option')].some((option) => option.value === chosen && chosen);
  select.value = kept ? chosen : prompt ? '' : WARP;
}

function nameOf(faceSetId) {
  return faceSetId ? faceSetNames.get(faceSetId) ?? faceSetId.slice(0, 8) : 'someone';
}

/** Submits the animate job the form describes; answers the job. */
export function submit() {
  const method = $('animate-method').value;
  const face = $('animate-faceIndex').value;
  const parameters = {
    photoMediaId: $('animate-photo').value,
    drivingMediaId: $('animate-driving').value,
    ...(method === WARP ? { method: WARP } : { method: 'model', modelId: method }),
    ...(face === '' ? {} : { faceIndex: Number(face) }),
    neutralFrame: Number($('animate-neutralFrame').value),
    sound: $('animate-sound').value,
    crf: Number($('animate-crf').value),
    watermark: $('animate-watermark').checked,
  };
  return api('POST', '/api/v1/jobs', { kind: 'animate', parameters });
}

/** The animate part of the live job view: frames and their rate, then the quality report. */
export function render(job) {
  const view = $('job-animate');
  view.hidden = job.kind !== 'animate';
  if (view.hidden) return;
  const metrics = job.metrics ?? {};
  $('job-animate-stats').textContent = metrics.framesDone != null
    ? `${metrics.framesDone} frames done · ${rounded(metrics.framesPerSecond ?? 0, 2)} frames/s` : '';
  const report = metrics.framesDriven != null ? drivingReport(metrics, {
    missing: 'in the others the driver\'s face was missing, and the photo was left as it was',
    cure: metrics.method === WARP ? 'choose a photo that faces the camera, or a driver who moves less' : 'train the motion model longer',
  }) : [];
  $('animate-report').hidden = report.length === 0;
  $('animate-report-lines').replaceChildren(...report.map((line) => element('li', {}, line)));
}
