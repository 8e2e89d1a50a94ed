/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { EN, Strings, fetchStrings } from '../../widget/src/panel/i18n.js';

/** A stand-in for an element: what bind() writes. */
function fakeNode() {
  return {
    textContent: /** @type {string|null} */ (null),
    /** @type {Record<string, string>} */
    attrs: {},
    /** @param {string} name @param {string} value */
    setAttribute(name, value) {
      this.attrs[name] = value;
    },
  };
}

test('t fills placeholders and falls back to the key', () => {
  const strings = new Strings();
  assert.equal(strings.t('typing', { name: 'Kim' }), 'Kim is typing…');
  assert.equal(strings.t('no-such-key'), 'no-such-key');
});

test('merge takes only strings, relabels bound nodes and tells listeners', () => {
  const strings = new Strings('zh-CN');
  const text = fakeNode();
  const attr = fakeNode();
  strings.bind(text, 'text', 'loadMore');
  strings.bind(attr, 'aria-label', 'close');
  assert.equal(text.textContent, EN.loadMore);
  let told = 0;
  strings.onChange(() => told++);
  strings.merge({ loadMore: '加载更早的消息', close: '关闭聊天', evil: { toString: 'x' } });
  assert.equal(text.textContent, '加载更早的消息');
  assert.equal(attr.attrs['aria-label'], '关闭聊天');
  assert.equal(strings.t('evil'), 'evil');
  assert.equal(told, 1);
  strings.merge(null);
  assert.equal(told, 1);
});

test('day labels say Today and Yesterday, else the date', () => {
  const strings = new Strings('en');
  const now = new Date(2026, 10, 29, 9).getTime();
  assert.equal(strings.day(new Date(2026, 10, 29).getTime(), now), 'Today');
  assert.equal(strings.day(new Date(2026, 10, 28).getTime(), now), 'Yesterday');
  assert.match(strings.day(new Date(2026, 10, 2).getTime(), now), /2026/);
});

test('a message time carries its date only when it is not today', () => {
  const strings = new Strings('en');
  const now = new Date(2026, 10, 29, 18).getTime();
  const today = strings.time(new Date(2026, 10, 29, 9, 5).getTime(), now);
  const earlier = strings.time(new Date(2026, 10, 2, 9, 5).getTime(), now);
  assert.ok(earlier.endsWith(today) && earlier.length > today.length);
});

test('fetchStrings answers {} when the strings cannot be had', async () => {
  const ok = /** @type {typeof fetch} */ (async () => new Response('{"send":"发送"}'));
  const missing = /** @type {typeof fetch} */ (async () => new Response('', { status: 404 }));
  const down = /** @type {typeof fetch} */ (async () => { throw new TypeError('offline'); });
  assert.deepEqual(await fetchStrings('u', ok), { send: '发送' });
  assert.deepEqual(await fetchStrings('u', missing), {});
  assert.deepEqual(await fetchStrings('u', down), {});
});
