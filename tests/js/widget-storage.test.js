/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  PENDING_MAX, PENDING_TTL_MS, ShopStorage, dropPending, readPending, restorePending, savePending,
} from '../../widget/src/panel/storage.js';

/** localStorage as a Map. */
function fakeStorage(entries = {}) {
  const map = new Map(Object.entries(entries));
  return {
    map,
    /** @param {string} k */
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    /** @param {string} k @param {string} v */
    setItem: (k, v) => void map.set(k, v),
    /** @param {string} k */
    removeItem: (k) => void map.delete(k),
  };
}
const key = (/** @type {string} */ name) => `shopchat:shp_1:${name}`;

test('nothing is written before the shopper first opens the chat', () => {
  const storage = fakeStorage();
  const store = new ShopStorage(storage, key);
  store.set('last_seq', 5);
  assert.equal(storage.map.size, 0);
  store.allowWrites();
  store.set('last_seq', 5);
  assert.equal(storage.getItem('shopchat:shp_1:last_seq'), '5');
  store.set('last_seq', null);
  assert.equal(storage.map.size, 0);
});

test('a stored visitor token means the chat was opened before: writes are allowed', () => {
  const store = new ShopStorage(fakeStorage({ 'shopchat:shp_1:visitor': 'tok' }), key);
  assert.equal(store.writable, true);
  assert.equal(store.get('visitor'), 'tok');
});

test('a storage that throws is no error', () => {
  const broken = {
    getItem() { throw new Error('SecurityError'); },
    setItem() { throw new Error('QuotaExceededError'); },
    removeItem() { throw new Error('SecurityError'); },
  };
  const store = new ShopStorage(broken, key);
  store.allowWrites();
  assert.equal(store.get('visitor'), null);
  store.set('visitor', 'x');
  assert.equal(new ShopStorage(null, key).get('visitor'), null);
});

test('pending sends are saved once per id, the newest PENDING_MAX kept', () => {
  const store = new ShopStorage(fakeStorage(), key);
  store.allowWrites();
  for (let i = 0; i < PENDING_MAX + 5; i++) savePending(store, { id: `c${i}`, body: `m${i}`, at: 'x' });
  savePending(store, { id: `c${PENDING_MAX + 4}`, body: 'again', at: 'x' });
  const kept = readPending(store);
  assert.equal(kept.length, PENDING_MAX);
  assert.equal(kept[0].id, 'c5');
  assert.deepEqual(kept.at(-1), { id: `c${PENDING_MAX + 4}`, body: 'again', at: 'x' });
  dropPending(store, 'c5');
  assert.equal(readPending(store)[0].id, 'c6');
});

test('malformed stored sends are ignored', () => {
  const bad = JSON.stringify([{ id: 1, body: 'x' }, { id: 'a'.repeat(65), body: '' }, null, { id: 'ok', body: '' }]);
  const store = new ShopStorage(fakeStorage({ 'shopchat:shp_1:pending': bad }), key);
  assert.deepEqual(readPending(store).map((p) => p.id), ['ok']);
  const notJson = new ShopStorage(fakeStorage({ 'shopchat:shp_1:pending': '{' }), key);
  assert.deepEqual(readPending(notJson), []);
});

test('restoring drops sends older than a day and keeps those of unknown age', () => {
  const now = Date.UTC(2026, 10, 29, 12);
  const old = new Date(now - PENDING_TTL_MS - 1).toISOString();
  const fresh = new Date(now - 1000).toISOString();
  const storage = fakeStorage({ 'shopchat:shp_1:visitor': 'tok' });
  const store = new ShopStorage(storage, key);
  for (const [id, at] of [['old', old], ['fresh', fresh], ['odd', 'not a time']]) {
    savePending(store, { id, body: id, at });
  }
  assert.deepEqual(restorePending(store, now).map((p) => p.id), ['fresh', 'odd']);
  assert.deepEqual(readPending(store).map((p) => p.id), ['fresh', 'odd']);
});

test('after ShopChat.reset() nothing is written until the next open', () => {
  const storage = fakeStorage({ [key('visitor')]: 'tok' });
  const store = new ShopStorage(storage, key);
  store.stopWrites();
  store.set('last_seq', 9);
  assert.equal(storage.map.has(key('last_seq')), false);
  store.allowWrites();
  store.set('last_seq', 9);
  assert.equal(storage.map.get(key('last_seq')), '9');
});
