// A tenant's API keys, for admins: the card stays hidden for keys without the admin scope.
import { $, api, element, guarded } from './common.js';

const SCOPES = ['read', 'submit', 'admin'];

/** Lists the tenant's keys; a key that may not administer sees no card at all. */
export async function load() {
  let keys;
  try {
    keys = await api('GET', '/api/v1/keys');
  } catch (problem) {
    $('keys').hidden = true;
    return;
  }
  $('keys').hidden = false;
  $('key-list').replaceChildren(...keys.map((key) => {
    const state = key.revokedAt ? `revoked ${new Date(key.revokedAt).toLocaleString()}`
      : `last used ${key.lastUsedAt ? new Date(key.lastUsedAt).toLocaleString() : 'never'}`;
    const item = element('li', { className: key.revokedAt ? 'revoked' : '' },
      element('span', {}, `${key.name} · ${key.scopes.join(', ')}`), element('span', { className: 'muted' }, state));
    if (!key.revokedAt) {
      const revoke = element('button', { className: 'danger', title: 'The key stops working at once' }, 'Revoke');
      revoke.addEventListener('click', guarded(async () => {
        if (!window.confirm(`Revoke key "${key.name}"? Everything using it stops working at once.`)) return;
        await act(() => api('DELETE', `/api/v1/keys/${key.id}`));
      }));
      const rotate = element('button', { title: 'A new secret; the old one stops working at once' }, 'Rotate');
      rotate.addEventListener('click', guarded(async () => {
        await act(async () => showSecret(await api('POST', `/api/v1/keys/${key.id}/rotation`, {})));
      }));
      item.append(rotate, revoke);
    }
    return item;
  }));
}

/** Creates the key the form describes and shows its secret, once. */
export async function create() {
  const scopes = SCOPES.filter((scope) => $(`key-scope-${scope}`).checked);
  showSecret(await api('POST', '/api/v1/keys', { name: $('key-name').value, scopes }));
  $('key-form').reset();
  await load();
}

async function act(change) {
  try {
    await change();
  } finally {
    await load();
  }
}

function showSecret(created) {
  $('key-secret').hidden = false;
  $('key-secret').textContent = `Key "${created.key.name}": ${created.secret} (shown only now; copy it somewhere safe)`;
}
