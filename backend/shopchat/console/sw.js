/* The console's service worker (scope /console/). It keeps the console's shell — the files
 * index.html names — in a cache named after their version, so the installed app opens at
 * once, and without a network still shows the console (which then says it is offline)
 * instead of the browser's error page. It never answers for /api/, the socket, or anything
 * outside /console/: those go to the network as if it were not there.
 *
 * The server writes the shell's files and version over the mark below as it serves this
 * file (backend/shopchat/api/console_shell.py). Deploying a change to any shell file changes
 * this file's bytes, so the browser installs the new worker: it caches the new shell under
 * a new name, takes over at once, and deletes the older caches. A page still running the old
 * version keeps working (its modules are loaded) and offers a reload.
 *
 * A classic script with no imports (every browser that installs web apps runs those); its
 * pure parts (cacheName, route, staleCaches) are unit-tested in tests/js/console-sw.test.js. */

/** @type {{version?: string, files?: string[]}} */
const SHELL = /*@shell*/{};
const PREFIX = 'shopchat-console-';
const SCOPE = '/console/';
const PAGES = [SCOPE, `${SCOPE}index.html`];

/** @param {string|undefined} version @returns {string} */
function cacheName(version) {
  return PREFIX + (version || 'dev');
}

/**
 * What the worker does with a request: 'page' (opening the console: the cached index.html),
 * 'shell' (one of the shell's files: from the cache), or 'pass' (anything else, /api/ and
 * other origins included: the network, untouched).
 * @param {{method: string, url: string, mode: string}} request
 * @param {string} origin the worker's own
 * @param {string[]} files the shell's paths
 * @returns {'page'|'shell'|'pass'}
 */
function route(request, origin, files) {
  if (request.method !== 'GET') return 'pass';
  const url = new URL(request.url);
  if (url.origin !== origin || !url.pathname.startsWith(SCOPE)) return 'pass';
  if (request.mode === 'navigate') return PAGES.includes(url.pathname) ? 'page' : 'pass';
  return !url.search && files.includes(url.pathname) ? 'shell' : 'pass';
}

/** This console's caches other than the current one. @param {string[]} keys @param {string} current */
function staleCaches(keys, current) {
  return keys.filter((key) => key.startsWith(PREFIX) && key !== current);
}

/* ------------------------------------------------------------------- the worker */
/** @typedef {Event & {waitUntil(promise: Promise<unknown>): void}} ExtendableEvent */
/** @typedef {ExtendableEvent & {request: Request, respondWith(response: Promise<Response>): void}} FetchEvent */
const worker = /** @type {any} */ (self);
const CURRENT = cacheName(SHELL.version);
const FILES = SHELL.files || [];

/** Only if the shell's cache was lost and the network is down. */
function offlinePage() {
  const body = '<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
    + '<title>shopchat console — offline</title><h1>You are offline</h1>'
    + '<p>The shopchat console opens again once this device is back online.</p>';
  return new Response(body, {
    status: 503,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'" },
  });
}

/** @param {Request|string} key @returns {Promise<Response|undefined>} */
async function cached(key) {
  const cache = await caches.open(CURRENT);
  return cache.match(key, { ignoreVary: true });
}

/** @param {Request} request */
async function openPage(request) {
  const hit = await cached(SCOPE);
  if (hit) return hit;
  try {
    return await fetch(request);
  } catch (e) {
    return offlinePage();
  }
}

/** @param {Request} request */
async function shellFile(request) {
  return (await cached(request)) || fetch(request);
}

worker.addEventListener('install', (/** @type {ExtendableEvent} */ ev) => {
  ev.waitUntil(caches.open(CURRENT)
    .then((cache) => cache.addAll(FILES.map((path) => new Request(path, { cache: 'no-cache' }))))
    .then(() => worker.skipWaiting()));
});

worker.addEventListener('activate', (/** @type {ExtendableEvent} */ ev) => {
  ev.waitUntil(caches.keys()
    .then((keys) => Promise.all(staleCaches(keys, CURRENT).map((key) => caches.delete(key))))
    .then(() => worker.clients.claim()));
});

worker.addEventListener('fetch', (/** @type {FetchEvent} */ ev) => {
  const how = route(ev.request, worker.location.origin, FILES);
  if (how === 'page') ev.respondWith(openPage(ev.request));
  else if (how === 'shell') ev.respondWith(shellFile(ev.request));
});
