// What every part of the console shares: the JSON API with its problems, and a little DOM help.
// Sign-in puts the API key in an HttpOnly cookie; every request sends the console header, which
// the API requires of cookie-authenticated writes.
export const $ = (id) => document.getElementById(id);
export const CONSOLE_HEADER = { 'X-Doppel-Console': '1' };
export const FINISHED = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

export async function api(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { ...CONSOLE_HEADER } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401) {
    show('signin');
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response.status === 204 ? null : response.json();
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return { title: 'Request failed', detail: `The server answered ${response.status}.` };
  }
}

export function showProblem(problem) {
  const banner = $('error-banner');
  banner.textContent = `${problem.title}: ${problem.detail}`;
  banner.hidden = false;
}

export function clearProblem() {
  $('error-banner').hidden = true;
}

export function guarded(action) {
  return async (event) => {
    event?.preventDefault?.();
    clearProblem();
    try {
      await action(event);
    } catch (problem) {
      showProblem(problem.title ? problem : { title: 'Something went wrong', detail: String(problem) });
    }
  };
}

export function show(view) {
  $('signin').hidden = view !== 'signin';
  $('console').hidden = view !== 'console';
  $('signout').hidden = view !== 'console';
}

export function element(tag, properties = {}, ...children) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

/** A number as people read it: at most `digits` decimals, no trailing zeros. */
export function rounded(value, digits = 3) {
  return String(+Number(value).toFixed(digits));
}
