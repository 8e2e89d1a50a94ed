/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { uuid } from '../../widget/src/common/ids.js';
import { dayKind, parseTime, startOfDay } from '../../widget/src/common/time.js';
import { MAX_IMAGE_BYTES, imageProblem } from '../../widget/src/common/uploads.js';

test('parseTime reads ISO times and answers null for anything else', () => {
  assert.equal(parseTime('2026-11-29T10:00:00Z'), Date.UTC(2026, 10, 29, 10));
  for (const bad of [null, undefined, '', 'yesterday']) assert.equal(parseTime(bad), null);
});

test('startOfDay is local midnight', () => {
  const ms = new Date(2026, 10, 29, 17, 45).getTime();
  assert.equal(startOfDay(ms), new Date(2026, 10, 29).getTime());
});

test('dayKind tells today, yesterday and other days apart', () => {
  const now = new Date(2026, 10, 29, 0, 30).getTime();
  assert.equal(dayKind(new Date(2026, 10, 29, 0, 1).getTime(), now), 'today');
  assert.equal(dayKind(new Date(2026, 10, 28, 23, 59).getTime(), now), 'yesterday');
  assert.equal(dayKind(new Date(2026, 10, 27, 12).getTime(), now), 'other');
});

test('dayKind knows yesterday across a daylight-saving change', () => {
  const now = new Date(2026, 2, 30, 0, 10).getTime(); // Europe's spring change is 29 March
  assert.equal(dayKind(new Date(2026, 2, 29, 1).getTime(), now), 'yesterday');
});

test('uuid is a version-4 UUID and differs each call', () => {
  const a = uuid();
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(a, uuid());
});

test('imageProblem names what is wrong with a file', () => {
  assert.equal(imageProblem({ type: 'image/png', size: 10 }), null);
  assert.equal(imageProblem({ type: 'image/png', size: MAX_IMAGE_BYTES }), null);
  assert.equal(imageProblem({ type: 'image/png', size: MAX_IMAGE_BYTES + 1 }), 'size');
  assert.equal(imageProblem({ type: 'image/svg+xml', size: 10 }), 'type');
  assert.equal(imageProblem({ type: 'application/pdf', size: MAX_IMAGE_BYTES + 1 }), 'type');
});
