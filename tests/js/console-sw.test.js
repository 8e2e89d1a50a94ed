/// <reference types="node" />
// The console's service worker (backend/shopchat/console/sw.js) is a classic script: it runs
// here in a vm context with a stand-in `self`, with the shell the server would write into it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import vm from 'node:vm';

const SOURCE = readFileSync(new URL('../../backend/shopchat/console/sw.js', import.meta.url), 'utf8');
const ORIGIN = 'https://chat.shop.example';
const FILES = ['/console/', '/console/console.css', '/console/js/main.js', '/console/icons/icon-192.png'];

/** A cache holding only the page. */
const caches = { open: async () => ({ match: async (/** @type {unknown} */ key) => (key === '/console/' ? new Response('the shell') : undefined) }) };

/** @param {{version?: string, files?: string[]}} [shell] */
function load(shell = { version: 'abc123', files: FILES }) {
  assert.ok(SOURCE.includes('/*@shell*/{}'), 'the mark the server replaces');
  /** @type {Record<string, Function>} */
  const listeners = {};
  const self = { location: { origin: ORIGIN }, addEventListener: (type, fn) => { listeners[type] = fn; } };
  const context = vm.createContext({ self, URL, caches, Request, Response, fetch });
  vm.runInContext(SOURCE.replace('/*@shell*/{}', JSON.stringify(shell)), context);
  return { sw: context, listeners };
}

/** @param {string} path @param {{method?: string, mode?: string, origin?: string}} [how] */
function request(path, how = {}) {
  return { method: how.method || 'GET', mode: how.mode || 'cors', url: (how.origin || ORIGIN) + path };
}

test('the cache is named after the shell version the server wrote in', () => {
  const { sw } = load();
  assert.equal(sw.cacheName('abc123'), 'shopchat-console-abc123');
  assert.equal(vm.runInContext('CURRENT', sw), 'shopchat-console-abc123');
  assert.equal(load({}).sw.cacheName(undefined), 'shopchat-console-dev');
});

test('opening the console is answered with the cached page, any query string included', () => {
  const { sw } = load();
  for (const path of ['/console/', '/console/index.html', '/console/?source=homescreen']) {
    assert.equal(sw.route(request(path, { mode: 'navigate' }), ORIGIN, FILES), 'page', path);
  }
  assert.equal(sw.route(request('/console/icons/icon-192.png', { mode: 'navigate' }), ORIGIN, FILES), 'pass');
});

test('shell files come from the cache; nothing else does', () => {
  const { sw } = load();
  /** @type {[{method: string, mode: string, url: string}, string][]} */
  const cases = [
    [request('/console/js/main.js'), 'shell'],
    [request('/console/console.css'), 'shell'],
    [request('/console/js/main.js?v=2'), 'pass'],
    [request('/console/js/unknown.js'), 'pass'],
    [request('/api/v1/me'), 'pass'],
    [request('/api/v1/conversations?status=open&limit=30'), 'pass'],
    [request('/api/v1/agent/login', { method: 'POST' }), 'pass'],
    [request('/console/js/main.js', { method: 'HEAD' }), 'pass'],
    [request('/console/js/main.js', { origin: 'https://cdn.example' }), 'pass'],
    [request('/widget/v1/shopchat.js'), 'pass'],
    [request('/consoles/x.js'), 'pass'],
    [request('/api/v1/ws/agent', { mode: 'navigate' }), 'pass'],
  ];
  for (const [req, expected] of cases) assert.equal(sw.route(req, ORIGIN, FILES), expected, `${req.method} ${req.url}`);
});

test('activating deletes this console\'s older caches only', () => {
  const { sw } = load();
  const keys = ['shopchat-console-old1', 'shopchat-console-abc123', 'other-app', 'shopchat-console-dev'];
  assert.deepEqual(sw.staleCaches(keys, 'shopchat-console-abc123'), ['shopchat-console-old1', 'shopchat-console-dev']);
});

test('the fetch handler never answers for the API, and opens the console from the cache', async () => {
  const { listeners } = load();
  /** @type {Promise<Response>[]} */
  const answers = [];
  const ev = (/** @type {string} */ path, mode = 'cors') => ({
    request: request(path, { mode }),
    respondWith: (/** @type {Promise<Response>} */ r) => { answers.push(r); },
  });
  listeners.fetch(ev('/api/v1/conversations'));
  listeners.fetch(ev('/api/v1/ws/agent'));
  assert.equal(answers.length, 0);
  listeners.fetch(ev('/console/?from=homescreen', 'navigate'));
  assert.equal(answers.length, 1);
  assert.equal(await (await answers[0]).text(), 'the shell');
});
