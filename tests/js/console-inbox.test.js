/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { bumpWith, listPath, markReadIn, matchesFilter, searchTerm, sortConversations, unreadTotal, upsertInto }
  from '../../backend/shopchat/console/js/inbox.js';

const ME = 7;
/** @param {number} id @param {Record<string, any>} [extra] */
const conv = (id, extra = {}) => ({ id, status: 'open', assignee: null, last_seq: 1, unread_agent: 0,
  last_message_at: `2026-11-29T10:0${id}:00Z`, visitor: { id: `v${id}`, online: false }, ...extra });
const ctx = (/** @type {Record<string, any>} */ extra = {}) => ({ listed: false, filter: 'open', search: '', agentId: ME, ...extra });

test('filters: mine is open and assigned to me, unassigned has nobody, closed and all', () => {
  const mine = conv(1, { assignee: { id: ME } });
  const theirs = conv(2, { assignee: { id: 8 } });
  const closed = conv(3, { status: 'closed' });
  assert.deepEqual([mine, theirs, closed].map((c) => matchesFilter(c, 'mine', ME)), [true, false, false]);
  assert.deepEqual([mine, theirs, closed, conv(4)].map((c) => matchesFilter(c, 'unassigned', ME)), [false, false, false, true]);
  assert.deepEqual([mine, closed].map((c) => matchesFilter(c, 'closed', ME)), [false, true]);
  assert.deepEqual([mine, closed].map((c) => matchesFilter(c, 'all', ME)), [true, true]);
  assert.deepEqual([mine, closed].map((c) => matchesFilter(c, 'open', ME)), [true, false]);
});

test('list paths: filter query, search, cursor encoded; unknown filter reads as open', () => {
  assert.equal(listPath({ filter: 'mine', search: '' }), '/conversations?status=open&assignee=me&limit=30');
  assert.equal(listPath({ filter: 'nope', search: '' }), '/conversations?status=open&limit=30');
  assert.equal(listPath({ filter: 'open', search: 'a&b', cursor: 'x/y' }),
    '/conversations/search?q=a%26b&limit=30&cursor=x%2Fy');
});

test('a search needs two characters after trimming', () => {
  assert.deepEqual(['', ' a ', ' ab '].map(searchTerm), ['', '', 'ab']);
});

test('newest activity first, ties by the higher id', () => {
  const same = '2026-11-29T10:00:00Z';
  const sorted = sortConversations([conv(1), conv(3), conv(2, { last_message_at: same }), conv(5, { last_message_at: same })]);
  assert.deepEqual(sorted.map((c) => c.id), [3, 1, 5, 2]);
});

test('a live conversation moves in or out of the filter; listed ones always go in', () => {
  let items = new Map();
  items = upsertInto(items, conv(1, { assignee: { id: 8 } }), ctx({ filter: 'unassigned' }));
  assert.equal(items.size, 0);
  items = upsertInto(items, conv(1, { assignee: { id: 8 } }), ctx({ filter: 'unassigned', listed: true }));
  assert.equal(items.size, 1);
  const before = items;
  items = upsertInto(items, conv(1, { assignee: { id: 8 } }), ctx({ filter: 'unassigned' }));
  assert.equal(items.size, 0);
  assert.equal(before.size, 1, 'the old map is left as it was');
});

test('while searching live frames refresh found rows, keep their match, and add none', () => {
  const found = new Map([[1, conv(1, { match: { body: 'zebra' } })]]);
  const next = upsertInto(found, conv(1, { unread_agent: 2 }), ctx({ search: 'zebra' }));
  assert.deepEqual([next.get(1)?.unread_agent, next.get(1)?.match], [2, { body: 'zebra' }]);
  assert.equal(upsertInto(found, conv(2), ctx({ search: 'zebra' })), found);
});

test('a message bumps its row: preview, time, unread unless viewed; notes and old seqs do not', () => {
  const items = new Map([[1, conv(1, { last_seq: 3 })]]);
  const m = { conversation_id: 1, seq: 4, author: 'visitor', body: 'hi', created_at: '2026-11-29T11:00:00Z' };
  assert.equal(bumpWith(items, m, false).get(1)?.unread_agent, 1);
  assert.equal(bumpWith(items, m, true).get(1)?.unread_agent, 0);
  assert.equal(bumpWith(items, m, false).get(1)?.last_message.body, 'hi');
  assert.equal(bumpWith(items, { ...m, internal: true }, false), items);
  assert.equal(bumpWith(items, { ...m, seq: 3 }, false), items);
  assert.equal(bumpWith(items, { ...m, author: 'agent' }, false).get(1)?.unread_agent, 0);
});

test('unread total and mark read', () => {
  const items = new Map([[1, conv(1, { unread_agent: 2 })], [2, conv(2, { unread_agent: 3 })]]);
  assert.equal(unreadTotal(items.values()), 5);
  assert.equal(markReadIn(items, 1).get(1)?.unread_agent, 0);
  assert.equal(markReadIn(items, 9), items);
});
