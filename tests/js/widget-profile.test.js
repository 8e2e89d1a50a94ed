/// <reference types="node" />
// identify() and setContext() as the frames the panel sends after every welcome.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { contextFrame, identifyFrame } from '../../widget/src/panel/profile.js';

const FACTS = { page_url: 'https://shop.example/p/1', page_title: 'Boots', referrer: '' };

test('identify sends only the non-empty string fields', () => {
  assert.deepEqual(identifyFrame({ id: 'c1', name: '', email: 5, hash: 'ab', extra: 'x' }, ''), {
    type: 'identify', id: 'c1', hash: 'ab',
  });
});

test('the offline note email is used only when identify() gave none', () => {
  assert.deepEqual(identifyFrame(null, 'a@b.example'), { type: 'identify', email: 'a@b.example' });
  assert.equal(identifyFrame({ email: 'c@d.example' }, 'a@b.example')?.email, 'c@d.example');
});

test('nothing to identify (e.g. after ShopChat.reset()) is no frame', () => {
  assert.equal(identifyFrame(null, ''), null);
  assert.equal(identifyFrame({}, ''), null);
});

test('context carries the page and only product, cart and order of setContext()', () => {
  const frame = contextFrame({ product: { name: 'Boots' }, cart: null, secret: 1 }, FACTS);
  assert.deepEqual(frame, {
    type: 'context', context: { ...FACTS, product: { name: 'Boots' }, cart: null },
  });
  assert.deepEqual(contextFrame(null, FACTS), { type: 'context', context: FACTS });
});
