/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { Thread, continuesGroup } from '../../widget/src/common/thread.js';

const T0 = Date.parse('2026-11-29T10:00:00Z');
/** @param {number} minutes */
const at = (minutes) => new Date(T0 + minutes * 60_000).toISOString();
/**
 * @param {number} seq
 * @param {Partial<import('../../widget/src/common/thread.js').Message>} [extra]
 */
const msg = (seq, extra = {}) => ({ seq, author: 'visitor', kind: 'text', body: `m${seq}`, created_at: at(seq), ...extra });
const agentMe = /** @type {const} */ ({ author: 'agent', agentId: 7 });
const visitorMe = /** @type {const} */ ({ author: 'visitor' });

test('messages come out in seq order whatever order they arrived in', () => {
  const thread = new Thread();
  for (const seq of [3, 1, 2]) thread.add(msg(seq));
  assert.deepEqual(thread.messages.map((m) => m.seq), [1, 2, 3]);
  assert.equal(thread.oldestSeq, 1);
  assert.equal(thread.newestSeq, 3);
});

test('a seq already stored is not stored twice', () => {
  const thread = new Thread();
  assert.equal(thread.add(msg(1)), true);
  assert.equal(thread.add(msg(1, { body: 'again' })), false);
  assert.equal(thread.size, 1);
  assert.equal(thread.get(1)?.body, 'm1');
});

test('a message carrying a pending send\'s client_msg_id confirms that send', () => {
  const thread = new Thread();
  thread.addPending({ client_msg_id: 'a', status: 'sending', body: 'hi' });
  thread.addPending({ client_msg_id: 'b', status: 'sending', body: 'there' });
  thread.add(msg(5, { client_msg_id: 'a' }));
  assert.deepEqual(thread.pending.map((p) => p.client_msg_id), ['b']);
});

test('a duplicate of an already stored message still clears its pending send', () => {
  // after a reconnect the welcome carries a message whose ack was lost
  const thread = new Thread();
  thread.add(msg(5, { client_msg_id: 'a' }));
  thread.addPending({ client_msg_id: 'a', status: 'failed' });
  assert.equal(thread.add(msg(5, { client_msg_id: 'a' })), false);
  assert.equal(thread.pending.length, 0);
});

test('updatePending patches a pending send and keeps its id and place', () => {
  const thread = new Thread();
  thread.addPending({ client_msg_id: 'a', status: 'sending' });
  thread.addPending({ client_msg_id: 'b', status: 'sending' });
  thread.updatePending('a', { status: 'failed', error: 'offline' });
  assert.deepEqual(thread.pending[0], { client_msg_id: 'a', status: 'failed', error: 'offline' });
  thread.updatePending('missing', { status: 'failed' });
  assert.equal(thread.pending.length, 2);
});

test('clear forgets messages but keeps pending sends', () => {
  const thread = new Thread();
  thread.add(msg(1));
  thread.addPending({ client_msg_id: 'a', status: 'sending' });
  thread.clear();
  assert.equal(thread.size, 0);
  assert.equal(thread.newestSeq, null);
  assert.equal(thread.pending.length, 1);
});

test('rows put a day separator before the first message of each day', () => {
  const thread = new Thread();
  thread.add(msg(1, { created_at: '2026-11-27T10:00:00' }));
  thread.add(msg(2, { created_at: '2026-11-27T11:00:00' }));
  thread.add(msg(3, { created_at: '2026-11-28T09:00:00' }));
  const rows = thread.rows({ me: agentMe, now: Date.parse('2026-11-28T12:00:00') });
  assert.deepEqual(rows.map((r) => r.type), ['day', 'message', 'message', 'day', 'message']);
  assert.equal(rows[0].key, `d${Date.parse('2026-11-27T00:00:00')}`);
});

test('pending sends get today\'s separator when the last message was on another day', () => {
  const thread = new Thread();
  thread.add(msg(1, { created_at: '2026-11-27T10:00:00' }));
  thread.addPending({ client_msg_id: 'a', status: 'sending' });
  const rows = thread.rows({ me: visitorMe, now: Date.parse('2026-11-28T12:00:00') });
  assert.deepEqual(rows.map((r) => r.key), [
    `d${Date.parse('2026-11-27T00:00:00')}`, 'm1', `d${Date.parse('2026-11-28T00:00:00')}`, 'pa',
  ]);
});

test('bubbles of one author a few minutes apart form a group', () => {
  const thread = new Thread();
  thread.add(msg(1));
  thread.add(msg(2));
  thread.add(msg(3, { author: 'agent', agent: { id: 7 } }));
  thread.add(msg(20));
  const rows = /** @type {any[]} */ (thread.rows({ me: agentMe, now: T0 }).filter((r) => r.type === 'message'));
  assert.deepEqual(rows.map((r) => [r.message.seq, r.continues, r.lastInGroup]), [
    [1, false, false], [2, true, true], [3, false, true], [20, false, true],
  ]);
});

describe('continuesGroup', () => {
  const cases = [
    ['another author', msg(1), msg(2, { author: 'agent', agent: { id: 1 } }), false],
    ['another agent', msg(1, { author: 'agent', agent: { id: 1 } }), msg(2, { author: 'agent', agent: { id: 2 } }), false],
    ['the same agent', msg(1, { author: 'agent', agent: { id: 1 } }), msg(2, { author: 'agent', agent: { id: 1 } }), true],
    ['a note after a reply', msg(1, { author: 'agent', agent: { id: 1 } }), msg(2, { author: 'agent', agent: { id: 1 }, internal: true }), false],
    ['an unknown author', msg(1, { author: 'bot' }), msg(2, { author: 'bot' }), false],
    ['five minutes apart', msg(1), msg(6), false],
    ['no time', msg(1), msg(2, { created_at: undefined }), false],
  ];
  for (const [name, prev, next, expected] of cases) {
    test(`${name}: ${expected}`, () => assert.equal(continuesGroup(/** @type {any} */ (prev), /** @type {any} */ (next)), expected));
  }
});

test('read marks my messages up to the other side\'s read seq; seen marks the last of them', () => {
  const thread = new Thread();
  thread.add(msg(1));
  thread.add(msg(2, { author: 'agent', agent: { id: 7 } }));
  thread.add(msg(3));
  thread.add(msg(4));
  const rows = /** @type {any[]} */ (thread.rows({ me: visitorMe, readUpTo: 3, now: T0 }).filter((r) => r.type === 'message'));
  assert.deepEqual(rows.map((r) => [r.message.seq, r.read, r.seen]), [
    [1, true, false], [2, false, false], [3, true, true], [4, false, false],
  ]);
});

test('internal notes are never marked read for the console', () => {
  const thread = new Thread();
  thread.add(msg(1, { author: 'agent', agent: { id: 7 } }));
  thread.add(msg(2, { author: 'agent', agent: { id: 7 }, internal: true }));
  const rows = /** @type {any[]} */ (thread.rows({ me: agentMe, readUpTo: 9, now: T0 }).filter((r) => r.type === 'message'));
  assert.deepEqual(rows.map((r) => [r.read, r.seen]), [[true, true], [false, false]]);
});

test('a pending send continues my last message, and the next pending continues it', () => {
  const thread = new Thread();
  thread.add(msg(1, { author: 'agent', agent: { id: 7 } }));
  thread.addPending({ client_msg_id: 'a', status: 'sending' });
  thread.addPending({ client_msg_id: 'b', status: 'sending' });
  const other = new Thread();
  other.add(msg(1, { author: 'agent', agent: { id: 8 } }));
  other.addPending({ client_msg_id: 'a', status: 'sending' });
  const pend = (/** @type {Thread} */ t) => t.rows({ me: agentMe, now: T0 }).filter((r) => r.type === 'pending').map((r) => /** @type {any} */ (r).continues);
  assert.deepEqual(pend(thread), [true, true]);
  assert.deepEqual(pend(other), [false]);
});
