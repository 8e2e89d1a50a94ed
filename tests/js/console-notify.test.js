/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { notificationText, shouldNotify, tabTitle } from '../../backend/shopchat/console/js/notify-rules.js';

const m = { conversation_id: 5, author: 'visitor', body: 'Is it <b>itchy</b>?' };
const away = { view: 'inbox', visible: true, openId: 4 };

test('a shopper message notifies unless that conversation is on screen', () => {
  assert.equal(shouldNotify(m, away), true);
  assert.equal(shouldNotify(m, { ...away, openId: 5 }), false);
  assert.equal(shouldNotify(m, { ...away, openId: 5, visible: false }), true);
  assert.equal(shouldNotify(m, { ...away, openId: 5, view: 'settings' }), true);
});

test('agents replies and notes never notify', () => {
  assert.equal(shouldNotify({ ...m, author: 'agent' }, away), false);
  assert.equal(shouldNotify({ ...m, internal: true }, away), false);
});

test('the notification names the shopper, plain text, new conversations said so', () => {
  const conv = { visitor: { id: 'v1', name: 'Ada <b>Lovelace</b>' } };
  assert.deepEqual(notificationText(m, conv, false), { title: 'Ada <b>Lovelace</b>', body: 'Is it <b>itchy</b>?', tag: 'shopchat-5' });
  assert.equal(notificationText(m, conv, true).title, 'New conversation — Ada <b>Lovelace</b>');
  assert.equal(notificationText(m, null, true).title, 'New conversation — A shopper');
  assert.equal(notificationText({ ...m, body: '' }, conv, false).body, '📷 Image');
});

test('the tab title counts unread only when switched on', () => {
  assert.equal(tabTitle('Fjord & Fern', 3, true), '(3) Fjord & Fern — shopchat console');
  assert.equal(tabTitle('Fjord & Fern', 3, false), 'Fjord & Fern — shopchat console');
  assert.equal(tabTitle(null, 0, true), 'shopchat — shopchat console');
});
