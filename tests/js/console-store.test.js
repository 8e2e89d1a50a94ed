/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Thread } from '../../widget/src/common/thread.js';
import {
  addListed, bumpConversation, getState, markedRead, openThread, setPresence, signedIn, signedOut, subscribe,
  threadChanged, upsertConversation,
} from '../../backend/shopchat/console/js/store.js';

/** @param {number} id @param {Record<string, any>} [extra] */
const conv = (id, extra = {}) => ({ id, status: 'open', assignee: null, last_seq: 2, unread_agent: 1,
  last_message_at: '2026-11-29T10:00:00Z', visitor: { id: `v${id}`, online: false }, ...extra });

test('each update notifies subscribers and replaces the state object', () => {
  signedIn({ token: 't', agent: { id: 7, name: 'Dana' }, shop: null });
  let calls = 0;
  const stop = subscribe(() => { calls += 1; });
  const before = getState();
  addListed([conv(1)]);
  stop();
  addListed([conv(2)]);
  assert.equal(calls, 1);
  assert.notEqual(getState(), before);
  assert.equal(before.list.items.size, 0, 'earlier states are never mutated');
});

test('signing out starts from a clean state with the message for the form', () => {
  signedIn({ token: 't', agent: null, shop: null });
  addListed([conv(1)]);
  signedOut('Your session has ended.');
  const s = getState();
  assert.deepEqual([s.token, s.list.items.size, s.thread, s.loginMessage], [null, 0, null, 'Your session has ended.']);
});

test('the open thread follows its conversation, read state and presence', () => {
  signedIn({ token: 't', agent: { id: 7, name: 'Dana' }, shop: null });
  addListed([conv(1)]);
  openThread(1, new Thread(), getState().list.items.get(1) || null);
  assert.equal(getState().noteMode, false);
  upsertConversation(conv(1, { assignee: { id: 7, name: 'Dana' } }));
  assert.equal(getState().thread?.conv?.assignee.id, 7);
  markedRead(2);
  assert.deepEqual([getState().thread?.readSent, getState().list.items.get(1)?.unread_agent], [2, 0]);
  setPresence(1, true);
  assert.equal(getState().thread?.conv?.visitor.online, true);
  assert.equal(getState().list.items.get(1)?.visitor.online, true);
  bumpConversation({ conversation_id: 1, seq: 3, author: 'visitor', body: 'hi' }, true);
  assert.equal(getState().thread?.conv?.last_seq, 3);
  upsertConversation(conv(1, { status: 'closed' })); // out of the Open list, still the open thread
  assert.deepEqual([getState().list.items.has(1), getState().thread?.conv?.status], [false, 'closed']);
  const stick = getState().thread?.stick || 0;
  threadChanged({ stick: true });
  assert.equal(getState().thread?.stick, stick + 1);
});

test('presence of a conversation outside the list does not add it', () => {
  signedIn({ token: 't', agent: null, shop: null });
  setPresence(9, true);
  assert.equal(getState().list.items.size, 0);
});
