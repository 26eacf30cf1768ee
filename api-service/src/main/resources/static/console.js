// The Doppel web console: plain ES modules over the public JSON API, so it doubles as a reference
// for front ends. Training and conversion live in their own modules.
import { $, FINISHED, api, element, guarded, show, showProblem } from './common.js';
import * as train from './train.js';
import * as convert from './convert.js';
import * as animate from './animate.js';
import * as reenact from './reenact.js';
import * as keys from './keys.js';

let selectedFaceSet = null;
let watchedJob = null;
let renderedJob = null;
let nextCursor = null;

// --- face sets ---

async function loadFaceSets() {
  const faceSets = await api('GET', '/api/v1/face-sets');
  $('faceset-list').replaceChildren(...faceSets.map((faceSet) => {
    const item = element('li', { className: faceSet.id === selectedFaceSet ? 'selected' : '' },
      element('span', {}, faceSet.name), element('span', { className: 'muted' }, new Date(faceSet.createdAt).toLocaleString()));
    item.dataset.id = faceSet.id;
    item.addEventListener('click', guarded(() => selectFaceSet(faceSet.id)));
    return item;
  }));
  train.offerFaceSets(faceSets);
  await Promise.all([convert.offerChoices(faceSets), reenact.offerChoices(faceSets), animate.offerChoices(faceSets), train.offerModels()]);
}

async function selectFaceSet(id) {
  selectedFaceSet = id;
  const faceSet = await api('GET', `/api/v1/face-sets/${id}`);
  $('faceset-detail').hidden = false;
  $('faceset-title').textContent = faceSet.name;
  $('faceset-consent-line').textContent =
    `Consent attested by ${faceSet.consent.attestedBy} on ${new Date(faceSet.consent.attestedAt).toLocaleString()}`;
  $('media-list').replaceChildren(...faceSet.media.map((media) => element('li', {},
    element('span', {}, media.name ?? media.id),
    element('span', { className: 'muted' }, `${media.format} ${media.width}×${media.height}` +
      (media.durationMs ? ` · ${(media.durationMs / 1000).toFixed(1)} s` : '')))));
  $('extract-button').disabled = faceSet.media.length === 0;
  await Promise.all([loadFaceSets(), loadFaces()]);
}

/** Deleting a face set takes everything made from it; the console asks first, and says when it waits for jobs to stop. */
async function deleteSelectedFaceSet() {
  const name = $('faceset-title').textContent;
  if (!window.confirm(`Delete "${name}" with its uploads, faces, the models trained on it and every result made from them?`)) return;
  const pending = await api('DELETE', `/api/v1/face-sets/${selectedFaceSet}`);
  selectedFaceSet = null;
  $('faceset-detail').hidden = true;
  $('faceset-deleting').hidden = !pending;
  if (pending) {
    $('faceset-deleting').textContent = `"${name}" is hidden and will be gone once ${pending.waitingFor.length} cancelled job(s) have stopped.`;
  }
  await Promise.all([loadFaceSets(), loadJobs()]);
}

async function loadFaces() {
  if (!selectedFaceSet) return;
  const page = await api('GET', `/api/v1/face-sets/${selectedFaceSet}/faces?sort=${$('face-sort').value}&limit=200`);
  $('face-count').textContent = `(${page.total})`;
  $('face-grid').replaceChildren(...page.items.map((face) => {
    const scores = face.scores;
    const caption = `blur ${scores.blur.toFixed(0)} · ${scores.size.toFixed(0)} px · yaw ${scores.yaw.toFixed(0)}°` +
      (scores.identityDistance != null ? ` · id ${scores.identityDistance.toFixed(2)}` : '');
    const remove = element('button', { className: 'remove', title: 'Remove this face' }, 'Remove');
    remove.addEventListener('click', guarded(async () => {
      await api('DELETE', `/api/v1/face-sets/${selectedFaceSet}/faces/${face.id}`);
      await loadFaces();
    }));
    const reference = element('button', { title: 'This is the person of this face set' }, 'Reference');
    reference.addEventListener('click', guarded(async () => {
      await api('PUT', `/api/v1/face-sets/${selectedFaceSet}/reference`, { faceId: face.id });
      await loadFaces();
    }));
    const tile = element('div', { className: `face${face.reference ? ' reference' : ''}` },
      element('img', { src: face.crop, alt: `face ${face.id}`, loading: 'lazy' }), element('div', {}, caption),
      element('div', { className: 'actions' }, remove, reference));
    tile.dataset.id = face.id;
    return tile;
  }));
}

async function createFaceSet() {
  const faceSet = await api('POST', '/api/v1/face-sets', {
    name: $('faceset-name').value,
    consent: { attestedBy: $('faceset-attested-by').value, allPicturedPeopleConsented: $('faceset-consent').checked },
  });
  $('faceset-form').reset();
  await selectFaceSet(faceSet.id);
}

function upload(files) {
  const form = new FormData();
  [...files].forEach((file) => form.append('file', file));
  const bar = $('upload-progress');
  bar.hidden = false;
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/v1/face-sets/${selectedFaceSet}/media`);
    request.setRequestHeader('X-Doppel-Console', '1');
    request.upload.onprogress = (event) => { bar.value = event.lengthComputable ? event.loaded / event.total : 0; };
    request.onload = () => {
      bar.hidden = true;
      if (request.status >= 200 && request.status < 300) {
        resolve();
      } else {
        let problem;
        try { problem = JSON.parse(request.responseText); } catch { problem = { title: 'Upload failed', detail: `The server answered ${request.status}.` }; }
        reject(problem);
      }
    };
    request.onerror = () => { bar.hidden = true; reject({ title: 'Upload failed', detail: 'The connection broke.' }); };
    request.send(form);
  }).then(() => selectFaceSet(selectedFaceSet));
}

// --- jobs ---

async function loadJobs(append = false) {
  const query = new URLSearchParams({ limit: '20' });
  if ($('filter-kind').value) query.set('kind', $('filter-kind').value);
  if ($('filter-state').value) query.set('state', $('filter-state').value);
  if (append && nextCursor) query.set('cursor', nextCursor);
  const page = await api('GET', `/api/v1/jobs?${query}`);
  nextCursor = page.nextCursor;
  $('job-more').hidden = !nextCursor;
  const items = page.items.map((job) => {
    const item = element('li', { className: job.id === watchedJob ? 'selected' : '' },
      element('span', { className: `state ${job.state}` }, job.state),
      element('span', {}, job.kind),
      element('progress', { max: 1, value: job.progress }),
      element('span', { className: 'muted' }, new Date(job.createdAt).toLocaleTimeString()));
    item.dataset.id = job.id;
    item.addEventListener('click', guarded(() => watchJob(job)));
    return item;
  });
  if (append) $('job-list').append(...items); else $('job-list').replaceChildren(...items);
}

async function submitted(job) {
  await loadJobs();
  watchJob(job);
  $('job-detail').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

async function extract() {
  await submitted(await api('POST', '/api/v1/jobs', { kind: 'extract', parameters: { faceSetId: selectedFaceSet } }));
}

let stream = null;
let poller = null;

/** Shows the job as it is now, then as it changes: never the job shown before it. */
function watchJob(job) {
  const id = job.id;
  watchedJob = id;
  stream?.close();
  clearInterval(poller);
  $('job-detail').hidden = false;
  $('job-id').textContent = id.slice(0, 8);
  renderJob(job);
  stream = new EventSource(`/api/v1/jobs/${id}/events`);
  stream.addEventListener('job', (event) => renderJob(JSON.parse(event.data)));
  stream.onerror = () => {
    // Closed by the server at the end, or broken: polling carries on until the job has finished.
    stream.close();
    poller = setInterval(guarded(async () => renderJob(await api('GET', `/api/v1/jobs/${id}`))), 2000);
  };
}

function metricText(value) {
  if (typeof value === 'number') return String(+value.toFixed(3));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length ? entries.map(([key, count]) => `${key} ${count}`).join(', ') : 'none';
  }
  return String(value);
}

function renderJob(job) {
  if (job.id !== watchedJob) return;
  $('job-state').textContent = job.state;
  $('job-state').className = `state ${job.state}`;
  $('job-stage').textContent = job.stage ?? '';
  $('job-progress').value = job.progress;
  $('job-eta').textContent = job.etaSeconds != null ? `about ${job.etaSeconds} s left` : '';
  $('job-attempt').textContent = `attempt ${job.attempt} of ${job.maxAttempts}`;
  if (job.id !== renderedJob) {
    renderedJob = job.id;
    // Train, convert, reenact and animate jobs say what matters in their own views; their raw metrics stay a click away.
    $('job-metrics-details').open = !['train', 'convert', 'reenact', 'animate'].includes(job.kind);
  }
  $('job-metrics').replaceChildren(...Object.entries(job.metrics ?? {}).flatMap(([name, value]) =>
    [element('dt', {}, name), element('dd', {}, metricText(value))]));
  const error = $('job-error');
  error.hidden = !job.error;
  error.textContent = job.error ? `${job.error.title}: ${job.error.detail}` : '';
  train.render(job);
  convert.render(job);
  reenact.render(job);
  animate.render(job);
  const stamp = encodeURIComponent(job.updatedAt);
  const files = job.result?.files ?? [];
  // Previews show how a running job is doing; once there is a result picture, that shows it
  // (a swapped video's preview, its last swapped frame, stays).
  const pictured = files.some((file) => file.contentType.startsWith('image/'));
  $('job-previews').replaceChildren(...(pictured ? [] : job.previews ?? []).map((preview) =>
    element('img', { src: `${preview.download}?v=${stamp}`, alt: `preview ${preview.name}` })));
  $('job-result').replaceChildren(...files.map((file) => element('div', {},
    element('a', { href: file.download, target: '_blank', rel: 'noopener' }, `Download ${file.name}`),
    element('span', { className: 'muted' }, ` ${Math.ceil(file.bytes / 1024)} KB`),
    ...(file.contentType.startsWith('image/') ? [element('img', { src: file.download, alt: file.name })] : []),
    ...(file.contentType.startsWith('video/') ? [element('video', { src: file.download, controls: true, preload: 'metadata' })] : []))));
  $('job-cancel').hidden = !job.links.cancel;
  if (FINISHED.has(job.state)) {
    stream?.close();
    clearInterval(poller);
    loadJobs().catch(showProblem);
    if (job.kind === 'extract' && job.parameters.faceSetId === selectedFaceSet) loadFaces().catch(showProblem);
    if (job.kind === 'train') loadFaceSets().catch(showProblem);
  }
}

async function cancelWatched() {
  await api('POST', `/api/v1/jobs/${watchedJob}/cancel`);
  renderJob(await api('GET', `/api/v1/jobs/${watchedJob}`));
}

// --- wiring ---

/** The job kinds come from the API, so a new kind shows up in the filter without a change here. */
async function offerJobKinds() {
  const kinds = await api('GET', '/api/v1/job-kinds');
  const select = $('filter-kind');
  const chosen = select.value;
  select.replaceChildren(element('option', { value: '' }, 'all kinds'),
    ...kinds.map((kind) => element('option', { value: kind.kind, title: kind.description }, kind.kind)));
  select.value = kinds.some((kind) => kind.kind === chosen) ? chosen : '';
}

async function enterConsole() {
  show('console');
  await Promise.all([loadFaceSets(), loadJobs(), offerJobKinds(), train.offerArchitectures(), keys.load()]);
}

$('signin-form').addEventListener('submit', guarded(async () => {
  await api('POST', '/console/session', { apiKey: $('signin-key').value });
  $('signin-form').reset();
  await enterConsole();
}));
$('signout').addEventListener('click', guarded(async () => {
  await api('DELETE', '/console/session');
  show('signin');
}));
$('faceset-form').addEventListener('submit', guarded(createFaceSet));
$('upload-input').addEventListener('change', guarded(async (event) => {
  const files = [...event.target.files];
  event.target.value = ''; // so choosing the same file again uploads again
  await upload(files);
}));
const dropzone = $('dropzone');
dropzone.addEventListener('dragover', (event) => { event.preventDefault(); dropzone.classList.add('over'); });
dropzone.addEventListener('dragleave', () => dropzone.classList.remove('over'));
dropzone.addEventListener('drop', guarded(async (event) => {
  dropzone.classList.remove('over');
  await upload(event.dataTransfer.files);
}));
$('extract-button').addEventListener('click', guarded(extract));
$('faceset-delete').addEventListener('click', guarded(deleteSelectedFaceSet));
$('key-form').addEventListener('submit', guarded(keys.create));
$('train-form').addEventListener('submit', guarded(async () => submitted(await train.submit())));
$('convert-form').addEventListener('submit', guarded(async () => submitted(await convert.submit())));
$('reenact-form').addEventListener('submit', guarded(async () => submitted(await reenact.submit())));
$('animate-form').addEventListener('submit', guarded(async () => submitted(await animate.submit())));
$('face-sort').addEventListener('change', guarded(loadFaces));
$('job-cancel').addEventListener('click', guarded(cancelWatched));
$('job-more').addEventListener('click', guarded(() => loadJobs(true)));
$('filter-kind').addEventListener('change', guarded(() => loadJobs()));
$('filter-state').addEventListener('change', guarded(() => loadJobs()));
setInterval(() => { if (!$('console').hidden) loadJobs().catch(() => {}); }, 5000);

fetch('/api/v1/face-sets', { credentials: 'same-origin' })
  .then((response) => (response.ok ? enterConsole() : show('signin')))
  .catch(() => show('signin'));
