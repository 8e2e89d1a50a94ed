/* The device around the console, kept in the store: its layout (phone, tablet or desktop by
 * width), whether the browser is offline, and the service worker (/console/sw.js) that makes
 * the console installable and open without a network. When a newly deployed version takes
 * over a page that was already controlled, the page offers a reload (its modules are the
 * old version's until then). */
import { setLayout, setOffline, setUpdateReady } from './store.js';
import { layoutFor } from './pane-rules.js';

function registerWorker() {
  const sw = navigator.serviceWorker;
  if (!sw || !window.isSecureContext) return; // http on another host than localhost
  const hadController = !!sw.controller;
  sw.addEventListener('controllerchange', () => { if (hadController) setUpdateReady(); });
  sw.register('/console/sw.js', { scope: '/console/' }).catch(() => { /* the console works without it */ });
}

export function watchDevice() {
  const measure = () => setLayout(layoutFor(window.innerWidth));
  measure();
  window.addEventListener('resize', measure);
  setOffline(!navigator.onLine);
  window.addEventListener('online', () => setOffline(false));
  window.addEventListener('offline', () => setOffline(true));
  // once the page's own files have loaded: the worker's first caching does not compete
  if (document.readyState === 'complete') registerWorker();
  else window.addEventListener('load', registerWorker, { once: true });
}
