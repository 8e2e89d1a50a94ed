/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { afterHistoryMove, backFrom, layoutFor, pushesEntry, shownPane } from '../../backend/shopchat/console/js/pane-rules.js';

/** @typedef {import('../../backend/shopchat/console/js/pane-rules.js').PaneState} PaneState */
/** @param {Partial<PaneState>} s @returns {PaneState} */
const at = (s) => ({ pane: 'thread', layout: 'phone', view: 'inbox', thread: { id: 12 }, ...s });

test('the layout follows the width: phone below 720 px, desktop from 1240 px', () => {
  assert.deepEqual([390, 719, 720, 1239, 1240, 1440].map(layoutFor), ['phone', 'phone', 'tablet', 'tablet', 'desktop', 'desktop']);
});

test('the list shows while nothing is open; a desktop has no sheet', () => {
  assert.equal(shownPane(at({ thread: null })), 'list');
  assert.equal(shownPane(at({ pane: 'details' })), 'details');
  assert.equal(shownPane(at({ pane: 'details', layout: 'tablet' })), 'details');
  assert.equal(shownPane(at({ pane: 'details', layout: 'desktop' })), 'thread');
});

test('Back goes details → conversation → list on a phone, closes the sheet on a tablet, and is nothing on a desktop', () => {
  assert.equal(backFrom(at({ pane: 'details' })), 'thread');
  assert.equal(backFrom(at({})), 'list');
  assert.equal(backFrom(at({ thread: null })), null);
  assert.equal(backFrom(at({ layout: 'tablet', pane: 'details' })), 'thread');
  assert.equal(backFrom(at({ layout: 'tablet' })), null);
  assert.equal(backFrom(at({ layout: 'desktop' })), null);
  assert.equal(backFrom(at({ view: 'settings' })), null);
});

test('only a phone opening from its list adds a history entry', () => {
  assert.equal(pushesEntry(at({ thread: null }), false), true);
  assert.equal(pushesEntry(at({ thread: null }), true), false, 'the URL opened it');
  assert.equal(pushesEntry(at({}), false), false, 'another one from the sheet replaces it');
  assert.equal(pushesEntry(at({ thread: null, layout: 'tablet' }), false), false);
});

test("the browser's Back and Forward land on the pane their entry holds", () => {
  assert.equal(afterHistoryMove(at({ pane: 'details' }), 'thread', 12), 'thread');
  assert.equal(afterHistoryMove(at({}), 'details', 12), 'details');
  assert.equal(afterHistoryMove(at({}), null, null), 'close', 'a phone back at its list');
  assert.equal(afterHistoryMove(at({ pane: 'details' }), null, 12), 'thread', 'the entry before the sheet');
  assert.equal(afterHistoryMove(at({ layout: 'tablet', pane: 'details' }), null, 12), 'thread');
  assert.equal(afterHistoryMove(at({ layout: 'desktop' }), null, null), null);
  assert.equal(afterHistoryMove(at({ thread: null }), 'thread', 12), null, 'the hash opens it');
});
