/// <reference types="node" />
// The panel's other pure helpers: links in text, the reconnect backoff, message text and frames.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MAX_BODY, messageText } from '../../widget/src/panel/composer.js';
import { linkify } from '../../widget/src/panel/dom.js';
import { messageFrame } from '../../widget/src/panel/outbox.js';
import { MAX_DELAY_MS, backoffDelay } from '../../widget/src/panel/socket.js';

test('http(s) URLs become links without their trailing punctuation', () => {
  assert.deepEqual(linkify('See https://shop.example/a?b=1. Thanks'), [
    'See ', { href: 'https://shop.example/a?b=1', text: 'https://shop.example/a?b=1' }, '. Thanks',
  ]);
  assert.deepEqual(linkify('javascript:alert(1) <b>x</b>'), ['javascript:alert(1) <b>x</b>']);
  assert.deepEqual(linkify(null), []);
});

test('reconnects back off from 0.5 s to 30 s with ±20 % jitter', () => {
  const low = () => 0;
  const high = () => 0.999999;
  assert.equal(backoffDelay(0, low), 400);
  assert.ok(Math.abs(backoffDelay(0, high) - 600) < 0.01);
  assert.equal(backoffDelay(2, low), 1600);
  assert.equal(backoffDelay(50, high), MAX_DELAY_MS);
});

test('sent text is trimmed, newline-normalised and cut at the limit', () => {
  assert.equal(messageText('  hi\r\nthere\r  '), 'hi\nthere');
  assert.equal(messageText('x'.repeat(MAX_BODY + 9)).length, MAX_BODY);
});

test('a message frame carries the upload only for images', () => {
  const base = { client_msg_id: 'c1', status: /** @type {const} */ ('sending'), at: 'now' };
  assert.deepEqual(messageFrame({ ...base, kind: 'text', body: 'hi' }), {
    type: 'message', client_msg_id: 'c1', body: 'hi',
  });
  assert.deepEqual(messageFrame({ ...base, kind: 'image', body: '', upload_id: 'u1' }), {
    type: 'message', client_msg_id: 'c1', body: '', upload_id: 'u1',
  });
});
