/* The console's entry module (index.html loads only this): mount the app, resume a session
 * kept in this tab, and listen to the page (keys, visibility, network, URL hash). */
import { render } from '../vendor/preact.module.js';
import { html } from './html.js';
import { App } from './views/app.js';
import { resume } from './account.js';
import { onGlobalKey } from './keys.js';
import { markRead, openConversation } from './conversation.js';
import { reconnectNow } from './socket.js';
import { conversationFromHash, showView } from './shell.js';
import { onNotificationClick } from './notify.js';
import { getState } from './store.js';
import { watchDevice } from './device.js';
import { onPopState } from './panes.js';

onNotificationClick((id) => openConversation(id));
document.addEventListener('keydown', onGlobalKey);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'hidden') markRead();
});
window.addEventListener('online', reconnectNow);
window.addEventListener('popstate', onPopState);
window.addEventListener('hashchange', () => {
  const s = getState();
  if (!s.token) return;
  if (location.hash === '#/settings') {
    if (s.view !== 'settings') showView('settings');
    return;
  }
  const id = conversationFromHash();
  if (id && (!s.thread || id !== s.thread.id)) openConversation(id, { fromUrl: true });
});

watchDevice();
const root = /** @type {HTMLElement} */ (document.getElementById('app'));
root.replaceChildren();
render(html`<${App} />`, root);
resume();
