// Converting from the browser: the form (a trained model, an upload, the API's defaults filled in)
// and the convert part of the live job view, with the quality report in plain words.
import { $, api, element, rounded } from './common.js';

// dlib's scale, which face-api's recognition net shares: under about 0.6 is the same person.
const SAME_PERSON = 0.6;

let faceSetNames = new Map();
let models = new Map();

/** Offers every trained model with a checkpoint and every upload of the given face sets. */
export async function offerChoices(faceSets) {
  faceSetNames = new Map(faceSets.map((faceSet) => [faceSet.id, faceSet.name]));
  const [listed, catalog, details] = await Promise.all([api('GET', '/api/v1/models'), api('GET', '/api/v1/architectures'),
    Promise.all(faceSets.map((faceSet) => api('GET', `/api/v1/face-sets/${faceSet.id}`)))]);
  models = new Map(listed.map((model) => [model.id, model]));
  const converting = new Set(catalog.filter((architecture) => architecture.usedBy.includes('convert')).map((architecture) => architecture.name));
  // A pretrained base learned many people, not a pair: it converts nothing until a pair's model starts from it.
  const ready = listed.filter((model) => model.links.checkpoint && converting.has(model.architecture)
    && !Object.keys(model.faceSets ?? {}).some((role) => role.startsWith('pretrain-')));
  refill($('convert-model'), 'choose a trained model', ready.map((model) => element('option', { value: model.id },
    `${nameOf(model.faceSets?.A)} ↔ ${nameOf(model.faceSets?.B)} · ${model.architecture} on ${model.engine} · iteration ${model.iteration} · ${model.id.slice(0, 8)}`)));
  refill($('convert-media'), 'choose a photo or video', details.filter((faceSet) => faceSet.media.length).map((faceSet) =>
    element('optgroup', { label: faceSet.name }, ...faceSet.media.map((media) => element('option', { value: media.id },
      `${media.name ?? media.id} (${media.format} ${(media.kind ?? '').toLowerCase()}${media.durationMs ? `, ${(media.durationMs / 1000).toFixed(1)} s` : ''})`)))));
}

function refill(select, prompt, options) {
  const chosen = select.value;
  select.replaceChildren(element('option', { value: '', disabled: true }, prompt), ...options);
  select.value = [...select.options].some((option) => option.value === chosen && chosen) ? chosen : '';
}

function nameOf(faceSetId) {
  return faceSetNames.get(faceSetId) ?? faceSetId.slice(0, 8);
}

/** Submits the convert job the form describes; answers the job. */
export function submit() {
  const parameters = {
    modelId: $('convert-model').value,
    mediaId: $('convert-media').value,
    direction: $('convert-direction').value,
    colourMatch: $('convert-colour').value,
    blend: $('convert-blend').value,
    faces: $('convert-faces').value,
    crf: Number($('convert-crf').value),
    detectEvery: Number($('convert-detect-every').value),
    watermark: $('convert-watermark').checked,
  };
  if ($('convert-format').value) parameters.format = $('convert-format').value;
  if ($('convert-mask').value) parameters.mask = $('convert-mask').value;
  return api('POST', '/api/v1/jobs', { kind: 'convert', parameters });
}

/** The convert part of the live job view: frames and their rate, then the quality report. */
export function render(job) {
  const view = $('job-convert');
  view.hidden = job.kind !== 'convert';
  if (view.hidden) return;
  const metrics = job.metrics ?? {};
  $('job-convert-stats').textContent = metrics.framesDone != null
    ? `${metrics.framesDone} frames done · ${rounded(metrics.framesPerSecond ?? 0, 2)} frames/s` : '';
  const report = metrics.facesSwapped != null ? qualityReport(job, metrics) : [];
  $('quality-report').hidden = report.length === 0;
  $('quality-report-lines').replaceChildren(...report.map((line) => element('li', {}, line)));
}

function qualityReport(job, metrics) {
  const towardsB = (job.parameters?.direction ?? 'AtoB') === 'AtoB';
  const model = models.get(job.parameters?.modelId);
  const person = (letter, faceSetId) => (model ? `${letter} (${nameOf(faceSetId)})` : letter);
  const target = towardsB ? person('B', model?.faceSets?.B) : person('A', model?.faceSets?.A);
  const source = towardsB ? person('A', model?.faceSets?.A) : person('B', model?.faceSets?.B);
  const lines = [`Swapped ${metrics.facesSwapped} of ${metrics.facesFound} faces found` +
    (metrics.frames > 1 ? ` in ${metrics.frames} frames (${metrics.framesWithFaces} with faces).` : '.')];
  if (metrics.meanDistanceToTarget != null) {
    const distance = metrics.meanDistanceToTarget;
    const input = metrics.meanInputDistanceToTarget;
    const verdict = distance < SAME_PERSON ? `reads as ${target}`
      : distance < input ? `moved towards ${target}, not yet there: train longer` : `no nearer ${target} than the input: train longer`;
    lines.push(`Identity distance to ${target}: ${rounded(distance, 2)} (input was ${rounded(input, 2)}; ` +
      `under ${SAME_PERSON} reads as the same person): ${verdict}.`);
    lines.push(`${Math.round(metrics.closerToTargetFraction * 100)}% of the swapped faces came out nearer ${target} than they went in.`);
    lines.push(`Distance to the face it replaced, ${source}: ${rounded(metrics.meanDistanceToSource, 2)}; the higher, the less of ${source} is left.`);
    lines.push(`Landmark drift: ${rounded(metrics.meanLandmarkDrift, 3)} eye-distances; near 0 means pose and expression were kept.`);
    if (metrics.meanSharpness != null) {
      lines.push(`Sharpness (variance of the Laplacian on the face): ${rounded(metrics.meanSharpness, 1)} made, `
        + `${rounded(metrics.meanInputSharpness, 1)} in the face it replaced; a pixel loss alone learns blurred faces, GAN refinement sharpens them.`);
    }
  }
  return lines;
}
