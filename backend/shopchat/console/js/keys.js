/* Keyboard shortcuts (docs/console.md, "Keyboard"); the ? overlay lists them (views/help.js).
 * Keys inside the reply box (Enter, canned list) are the composer's. */
import { getState, setHelp, setNoteMode } from './store.js';
import { openConversation, setStatus, assignTo } from './conversation.js';
import { sortConversations } from './inbox.js';
import { focusReply, focusSearch } from './shell.js';
import { back } from './panes.js';

export const SHORTCUTS = [
  ['J  or  Alt+↓', 'Next conversation'],
  ['K  or  Alt+↑', 'Previous conversation'],
  ['R', 'Focus the reply box'],
  ['N', 'Toggle internal note'],
  ['/', 'Search conversations'],
  ['Alt+C', 'Close the open conversation (Alt+O reopens)'],
  ['Alt+A', 'Assign the open conversation to me'],
  ['Enter', 'Send the reply'],
  ['Shift+Enter', 'New line in the reply'],
  ['/shortcut in the reply', 'Insert a canned reply (↑ ↓ to choose, Enter or Tab)'],
  ['Esc', 'Leave the reply box, close this help or the details sheet'],
  ['?', 'Show or hide this help'],
];

/** Handlers for Esc that something open (the emoji picker) registers; true when used. */
const escapes = new Set();
/** @param {() => boolean} fn @returns {() => void} unregister */
export function onEscape(fn) {
  escapes.add(fn);
  return () => { escapes.delete(fn); };
}

/** @param {EventTarget|null} target */
function typingInField(target) {
  return target instanceof Element && !!target.closest('input, textarea, select, [contenteditable="true"]');
}

/** @param {number} step */
function moveSelection(step) {
  const s = getState();
  const items = sortConversations(s.list.items.values());
  if (!items.length) return;
  let i = items.findIndex((c) => s.thread && c.id === s.thread.id);
  i = i < 0 ? (step > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, i + step));
  openConversation(items[i].id, { keepFocus: true });
  const node = document.querySelector(`[data-testid="conversation-item"][data-conversation-id="${items[i].id}"]`);
  if (node) node.scrollIntoView({ block: 'nearest' });
}

/** @param {KeyboardEvent} ev */
function escape(ev) {
  const s = getState();
  if (s.help) {
    setHelp(false);
    ev.preventDefault();
    return;
  }
  for (const fn of escapes) if (fn()) return;
  // (Esc with the canned list open never gets here: the composer closes the list and stops it.)
  const active = document.activeElement;
  if (active instanceof HTMLElement && active.dataset.testid === 'reply-input') active.blur();
  else if (back()) ev.preventDefault(); // the details sheet, or a phone's conversation
}

/** @param {KeyboardEvent} ev */
function altKey(ev) {
  const s = getState();
  const k = ev.key.toLowerCase();
  if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') moveSelection(ev.key === 'ArrowDown' ? 1 : -1);
  else if (ev.code === 'KeyC' || k === 'c') setStatus('close');
  else if (ev.code === 'KeyO' || k === 'o') setStatus('reopen');
  else if (ev.code === 'KeyA' || k === 'a') { if (s.thread && s.agent) assignTo(s.agent.id); }
  else return;
  ev.preventDefault();
}

/** The document's keydown listener. @param {KeyboardEvent} ev */
export function onGlobalKey(ev) {
  const s = getState();
  if (!s.token) return;
  if (ev.key === 'Escape') {
    escape(ev);
    return;
  }
  if (ev.altKey && !ev.ctrlKey && !ev.metaKey) {
    altKey(ev);
    return;
  }
  if (ev.ctrlKey || ev.metaKey || typingInField(ev.target)) return;
  if (s.view !== 'inbox' && ev.key !== '?') return;
  switch (ev.key) {
    case 'j': moveSelection(1); break;
    case 'k': moveSelection(-1); break;
    case 'r': focusReply(); break;
    case 'n': if (s.thread) setNoteMode(!s.noteMode); break;
    case '/': focusSearch(); break;
    case '?': setHelp(!s.help); break;
    default: return;
  }
  ev.preventDefault();
}
