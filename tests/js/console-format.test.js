/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { dayLabel, imageUrl, money, previewText, relTime, safeHttpUrl, truncate }
  from '../../backend/shopchat/console/js/format.js';
import { friendlyName, initials, visitorName } from '../../backend/shopchat/console/js/names.js';
import { cannedMatches, slashToken } from '../../backend/shopchat/console/js/canned.js';

const NOW = new Date(2026, 10, 29, 15, 0, 0).getTime(); // local time: days are local
const ago = (/** @type {number} */ s) => new Date(NOW - s * 1000).toISOString();

test('relative times: now, minutes, hours, yesterday', () => {
  assert.deepEqual([ago(10), ago(5 * 60), ago(3 * 3600), ago(30 * 3600)].map((t) => relTime(t, NOW)),
    ['now', '5m', '3h', 'Yesterday']);
  assert.equal(relTime(null, NOW), '');
  assert.equal(relTime('garbage', NOW), '');
});

test('day labels: Today, Yesterday, else a full date', () => {
  assert.equal(dayLabel(NOW, NOW), 'Today');
  assert.equal(dayLabel(NOW - 86400000, NOW), 'Yesterday');
  assert.match(dayLabel(NOW - 5 * 86400000, NOW), /2026/);
});

test('previews say who wrote the last message', () => {
  const c = (/** @type {Record<string, any>} */ m) => ({ last_message: { body: 'Hello   there', ...m } });
  assert.equal(previewText(c({ author: 'visitor' }), false), 'Hello there');
  assert.equal(previewText(c({ author: 'agent' }), false), 'Agent: Hello there');
  assert.equal(previewText(c({ author: 'agent', internal: true }), false), 'Note: Hello there');
  assert.equal(previewText(c({ author: 'visitor', kind: 'image' }), false), '📷 Image');
  assert.equal(previewText({}, false), 'No messages yet');
  assert.equal(previewText({ ...c({}), match: { body: 'zebra cushions' } }, true), '… zebra cushions');
  assert.equal(truncate('x'.repeat(100), 10), `${'x'.repeat(9)}…`);
});

test('links are http(s) only; images same-origin, data:image or blob: only', () => {
  assert.equal(safeHttpUrl('javascript:alert(1)'), null);
  assert.equal(safeHttpUrl('https://shop.example/p'), 'https://shop.example/p');
  const page = 'http://127.0.0.1:8000/console/';
  assert.equal(imageUrl('/api/v1/uploads/abc', page), 'http://127.0.0.1:8000/api/v1/uploads/abc');
  assert.equal(imageUrl('https://evil.example/x.png', page), null);
  assert.equal(imageUrl('data:image/png;base64,AAA', page), 'data:image/png;base64,AAA');
  assert.equal(imageUrl('data:text/html,<b>', page), null);
});

test('money with and without a currency; non-numbers pass through', () => {
  assert.match(String(money(24.5, 'EUR')), /24[.,]50/);
  assert.equal(money('<b>', 'EUR'), '<b>');
  assert.equal(money(null), null);
});

test('anonymous shoppers get a stable friendly name; initials', () => {
  assert.equal(friendlyName('v_abc'), friendlyName('v_abc'));
  assert.match(friendlyName('v_abc'), /^[A-Z][a-z]+ [A-Z][a-z]+$/);
  assert.equal(visitorName({ id: 'v1', name: '  Ada  ' }), 'Ada');
  assert.equal(visitorName({ id: 'v1', name: ' ' }), friendlyName('v1'));
  assert.deepEqual(['Ada Lovelace', 'ada', ''].map(initials), ['AL', 'AD', '?']);
});

test('canned replies: the /word before the caret, matched by prefix, eight at most', () => {
  assert.deepEqual(slashToken('Hi! /Sh', 7), { prefix: 'sh', start: 4 });
  assert.equal(slashToken('a/b', 3), null);
  assert.deepEqual(slashToken('/', 1), { prefix: '', start: 0 });
  const canned = Array.from({ length: 10 }, (_, i) => ({ shortcut: `s${i}` }));
  assert.equal(cannedMatches(canned, 's').length, 8);
  assert.deepEqual(cannedMatches(canned, 's3'), [{ shortcut: 's3' }]);
});
