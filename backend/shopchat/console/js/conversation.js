/* The open conversation: opening it (messages, the conversation itself, the visitor panel),
 * loading earlier messages, catching up after a reconnect, read receipts, the typing
 * indicator, assign / close / reopen. Its requests use an AbortController per open
 * conversation: opening another one drops the previous one's late answers. */
import { Thread } from '../common/thread.js';
import { api } from './api.js';
import { childController, later, onEverySessionEnd } from './session.js';
import { send, isReady } from './socket.js';
import { toast, setHash, focusReply, showView } from './shell.js';
import {
  getState, openThread, closeThread, patchThread, threadChanged, markedRead, setPanel, setPane, upsertConversation,
} from './store.js';
import { pushesEntry } from './pane-rules.js';

export const MSG_PAGE = 50;
const TYPING_SHOW_MS = 3000;

/** Each conversation's model: its pending sends outlive switching to another conversation. */
const threads = new Map();
/** @type {AbortController|null} */
let current = null;

onEverySessionEnd(() => {
  threads.clear();
  current = null;
});

/** @param {number} id @returns {Thread} */
export function threadFor(id) {
  let model = threads.get(id);
  if (!model) threads.set(id, (model = new Thread()));
  return model;
}

/** Every model with pending sends (to resend after a reconnect, to time out). */
export function allThreads() {
  return [...threads.entries()];
}

/** Drop the open conversation's requests and messages; its messages reload when it opens
 * again, only its pending sends outlive it. */
function dropCurrent() {
  const t = getState().thread;
  if (current) current.abort();
  current = null;
  if (!t) return;
  t.model.clear();
  if (!t.model.pending.length) threads.delete(t.id);
}

/**
 * @param {unknown} value
 * @param {{keepFocus?: boolean, fromUrl?: boolean}} [opts] fromUrl: the URL asked for it (a
 *   reload, the browser's Back or Forward), so no history entry is added
 */
export async function openConversation(value, opts = {}) {
  const id = Number(value);
  const s = getState();
  // a phone reads first: focusing the reply box there would raise the keyboard over it
  const focus = !opts.keepFocus && s.layout !== 'phone';
  if (s.thread && s.thread.id === id) {
    if (s.view !== 'inbox') showView('inbox');
    if (s.pane !== 'thread') setPane('thread');
    if (focus) focusReply();
    return;
  }
  const push = pushesEntry(s, !!opts.fromUrl);
  dropCurrent();
  current = childController();
  const signal = current.signal;
  const model = threadFor(id);
  model.clear();
  const listed = s.list.items.get(id) || null;
  openThread(id, model, listed);
  setHash(`#/conversations/${id}`, { push });
  if (focus) setTimeout(focusReply);
  loadPanel(id, signal);
  if (!listed) {
    api('GET', `/conversations/${id}`, undefined, signal)
      .then((data) => { if (data.conversation) upsertConversation(data.conversation); })
      .catch(() => { /* the messages call reports what went wrong */ });
  }
  try {
    const data = await api('GET', `/conversations/${id}/messages?limit=${MSG_PAGE}`, undefined, signal);
    for (const m of data.messages || []) model.add(m);
    patchThread({ loading: false, hasMore: !!data.has_more });
  } catch (e) {
    const err = /** @type {import('./api.js').ApiError} */ (e);
    patchThread({ loading: false, error: err.status === 404 ? 'This conversation does not exist.' : err.message });
  }
  threadChanged({ stick: true });
  markRead();
}

/** Back to the list with no conversation open (a phone's Back). */
export function closeConversation() {
  if (!getState().thread) return;
  dropCurrent();
  closeThread();
  setHash('');
}

export async function loadEarlier() {
  const t = getState().thread;
  const before = t ? t.model.oldestSeq : null;
  if (!t || !current || t.loadingEarlier || before == null) return;
  patchThread({ loadingEarlier: true });
  try {
    const data = await api('GET', `/conversations/${t.id}/messages?before_seq=${before}&limit=${MSG_PAGE}`, undefined, current.signal);
    for (const m of data.messages || []) t.model.add(m);
    patchThread({ loadingEarlier: false, hasMore: !!data.has_more });
    threadChanged({ anchor: true });
  } catch (e) {
    patchThread({ loadingEarlier: false });
    toast(/** @type {Error} */ (e).message);
  }
}

/** After a reconnect: fetch what the open conversation missed, page by page. */
export async function catchUp() {
  const t = getState().thread;
  if (!t || t.loading || !current) return;
  const signal = current.signal;
  try {
    for (let page = 0; page < 20; page++) {
      const after = t.model.newestSeq;
      const q = after ? `after_seq=${after}&limit=100` : `limit=${MSG_PAGE}`;
      const data = await api('GET', `/conversations/${t.id}/messages?${q}`, undefined, signal);
      for (const m of data.messages || []) t.model.add(m);
      if (!after) patchThread({ hasMore: !!data.has_more });
      if (!after || !data.has_more || !(data.messages || []).length) break;
    }
  } catch (e) {
    return; // the next reconnect tries again
  }
  threadChanged();
  markRead();
}

/** Send `read` up to the newest message of the open conversation, once per seq. */
export function markRead() {
  const t = getState().thread;
  if (!t || t.loading || document.visibilityState === 'hidden' || !isReady()) return;
  const last = t.model.newestSeq;
  if (!last || last <= t.readSent) return;
  if (send({ type: 'read', conversation_id: t.id, seq: last })) markedRead(last);
}

/** @param {number} id @param {AbortSignal} signal */
async function loadPanel(id, signal) {
  try {
    setPanel({ id, data: await api('GET', `/conversations/${id}/visitor`, undefined, signal), error: null });
  } catch (e) {
    setPanel({ id, data: null, error: /** @type {Error} */ (e).message });
  }
}

/** The shopper's page or context changed: reload the panel (once for a burst). @param {number} id */
let panelTimer = 0;
export function refreshPanelSoon(/** @type {number} */ id) {
  const t = getState().thread;
  if (!t || t.id !== id || !current) return;
  const signal = current.signal;
  clearTimeout(panelTimer);
  panelTimer = Number(later(() => loadPanel(id, signal), 150));
}

let typingTimer = 0;
export function showTyping() {
  patchThread({ typing: true });
  clearTimeout(typingTimer);
  typingTimer = Number(later(hideTyping, TYPING_SHOW_MS));
}

export function hideTyping() {
  clearTimeout(typingTimer);
  const t = getState().thread;
  if (t && t.typing) patchThread({ typing: false });
}

/** @param {number|null} agentId null: unassign */
export async function assignTo(agentId) {
  const t = getState().thread;
  if (!t) return;
  try {
    const data = await api('POST', `/conversations/${t.id}/assign`, { agent_id: agentId });
    if (data.conversation) upsertConversation(data.conversation);
  } catch (e) {
    toast(/** @type {Error} */ (e).message);
    threadChanged(); // the select shows the assignee again
  }
}

/** @param {'close'|'reopen'} action */
export async function setStatus(action) {
  const t = getState().thread;
  const c = t && t.conv;
  if (!t || (c && c.status === (action === 'close' ? 'closed' : 'open'))) return;
  try {
    const data = await api('POST', `/conversations/${t.id}/${action}`);
    if (data.conversation) upsertConversation(data.conversation);
  } catch (e) {
    toast(/** @type {Error} */ (e).message);
  }
}
