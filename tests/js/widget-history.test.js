/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PAGE_SIZE, fetchHistory, historyUrl, keepScrollPosition } from '../../widget/src/panel/history.js';

test('the history URL asks for the page before the oldest message shown', () => {
  assert.equal(
    historyUrl('https://chat.example', 'shp a', 7, 151),
    `https://chat.example/api/v1/conversations/7/messages?before_seq=151&limit=${PAGE_SIZE}&shop=shp%20a`,
  );
});

test('a page comes with the visitor token and says whether more exist', async () => {
  /** @type {RequestInit|undefined} */
  let asked;
  const get = /** @type {typeof fetch} */ (async (_url, init) => {
    asked = init;
    return new Response(JSON.stringify({ messages: [{ seq: 1 }], has_more: true }));
  });
  assert.deepEqual(await fetchHistory('u', 'tok', get), { messages: [{ seq: 1 }], hasMore: true });
  assert.deepEqual(asked && asked.headers, { Authorization: 'Visitor tok' });
});

test('an HTTP error rejects, so the button stays for another try', async () => {
  const get = /** @type {typeof fetch} */ (async () => new Response('{}', { status: 503 }));
  await assert.rejects(fetchHistory('u', 'tok', get), /503/);
});

test('rows added above keep the reader where they were', () => {
  const list = { scrollHeight: 1000, scrollTop: 30 };
  const restore = keepScrollPosition(list);
  list.scrollHeight = 1600; // a page of older messages went in above
  restore();
  assert.equal(list.scrollTop, 630);
});
