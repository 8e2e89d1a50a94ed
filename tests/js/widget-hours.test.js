/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ALWAYS_OPEN, hoursAt, readHours } from '../../widget/src/panel/hours.js';

const H = 3600 * 1000;

test('shops without hours are always open', () => {
  assert.deepEqual(hoursAt(readHours(undefined, 0), 0), { open: true, nextMs: -1 });
  assert.deepEqual(hoursAt(ALWAYS_OPEN, 123), { open: true, nextMs: -1 });
});

test('each change that has passed flips open, and the next one is timed', () => {
  const serverNow = 10 * H;
  const hours = readHours({ open: false, now: serverNow, changes_at: [11 * H, 19 * H] }, serverNow);
  assert.deepEqual(hoursAt(hours, 10 * H), { open: false, nextMs: H });
  assert.deepEqual(hoursAt(hours, 11 * H), { open: true, nextMs: 8 * H });
  assert.deepEqual(hoursAt(hours, 20 * H), { open: false, nextMs: -1 });
});

test("the server's clock counts, not ours", () => {
  // our clock is 2 h behind the server's
  const hours = readHours({ open: true, now: 12 * H, changes_at: [13 * H] }, 10 * H);
  assert.equal(hours.skew, 2 * H);
  assert.deepEqual(hoursAt(hours, 10.5 * H), { open: true, nextMs: 0.5 * H });
  assert.deepEqual(hoursAt(hours, 11 * H), { open: false, nextMs: -1 });
});

test('junk in changes_at is ignored', () => {
  const hours = readHours({ open: true, changes_at: /** @type {any} */ (['soon', 5]) }, 0);
  assert.deepEqual(hours.changes, [5]);
});
