/* Notices about the device rather than the work: the browser is offline, or a new version of
 * the console took over this page (reload to use it). Empty (and no height) otherwise. */
import { html } from '../html.js';

/** @typedef {import('../store.js').State} State */

/** @param {{s: State}} props */
export function Notices({ s }) {
  const offline = s.token
    ? 'You are offline. The console reconnects when the network is back; replies wait until then.'
    : 'You are offline. Signing in needs the network.';
  return html`<div class="notices">
    ${s.offline ? html`<p class="notice notice-offline" data-testid="offline-notice" role="status">${offline}</p>` : null}
    ${s.updateReady ? html`<p class="notice" data-testid="update-notice" role="status">A new version of the console is ready.
      <button type="button" class="link-btn" onClick=${() => location.reload()}>Reload</button></p>` : null}
  </div>`;
}
