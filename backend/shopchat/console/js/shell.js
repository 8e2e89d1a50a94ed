/* Shell-level actions shared by the views and the keyboard: which section shows (and the URL
 * hash that remembers it), short-lived toasts, focusing the reply or search box. */
import { getState, setView, addToast, removeToast } from './store.js';

/**
 * @param {string} hash '#/settings', '#/conversations/12' or ''
 * @param {{push?: boolean}} [how] push: a new history entry, for a phone's conversation
 *   (panes.js); otherwise the current entry's URL changes and it keeps its state
 */
export function setHash(hash, how = {}) {
  const url = hash || location.pathname + location.search;
  if (how.push) history.pushState({ pane: 'thread' }, '', url);
  else history.replaceState(history.state, '', url);
}

/** The conversation id in the URL hash, if any. */
export function conversationFromHash() {
  const m = /^#\/conversations\/(\d+)$/.exec(location.hash);
  return m ? Number(m[1]) : null;
}

/** @param {'inbox'|'settings'} view */
export function showView(view) {
  setView(view);
  const t = getState().thread;
  setHash(view === 'settings' ? '#/settings' : t ? `#/conversations/${t.id}` : '');
}

/** A notice at the bottom right for 6 s (e.g. a failed Close). @param {string} text */
export function toast(text) {
  const id = addToast(text);
  setTimeout(() => removeToast(id), 6000);
}

/** @param {string} testid */
function focusTestId(testid) {
  const node = document.querySelector(`[data-testid="${testid}"]`);
  if (node instanceof HTMLElement) node.focus();
}

export function focusReply() {
  focusTestId('reply-input');
}

export function focusSearch() {
  focusTestId('search');
}
