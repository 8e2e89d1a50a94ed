/* Which pane shows (state in the store, pane-rules.js decides): the visitor details sheet,
 * Back (the header's ←, the sheet's ✕, Esc) and the browser's back button. Opening a
 * conversation from a phone's list and opening the sheet below 1240 px push a history entry
 * carrying the pane, so the browser's (or Android's) Back closes them instead of leaving
 * the console; the console's own Back then goes back in history too, keeping both in step. */
import { getState, setPane } from './store.js';
import { closeConversation } from './conversation.js';
import { conversationFromHash } from './shell.js';
import { afterHistoryMove, backFrom } from './pane-rules.js';

/** @typedef {import('./store.js').Pane} Pane */

/** The pane stored in the current history entry, if the console pushed it. @returns {Pane|null} */
function entryPane() {
  const st = history.state;
  return (st && st.pane) || null;
}

/** @param {Pane|'close'|null} to */
function go(to) {
  if (to === 'close' || to === 'list') closeConversation();
  else if (to) setPane(to);
}

/** The visitor details: the right-hand column from 1240 px, a sheet below. */
export function showDetails() {
  const s = getState();
  if (!s.thread || s.pane === 'details') return;
  setPane('details');
  if (s.layout !== 'desktop') history.pushState({ pane: 'details' }, '', location.href);
}

/** One step back; false when there is nowhere to go in this layout (Esc then does nothing). */
export function back() {
  const to = backFrom(getState());
  if (!to) return false;
  if (entryPane()) history.back(); // popstate below applies it
  else go(to);
  return true;
}

/** The browser's Back or Forward. */
export function onPopState() {
  go(afterHistoryMove(getState(), entryPane(), conversationFromHash()));
}
