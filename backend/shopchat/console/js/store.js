/* The console's one store: its whole state, the only functions that change it, and
 * subscriptions. Views read getState() and re-render on change; nothing else keeps state.
 * A session's asynchronous work is dropped by the session's AbortController (session.js),
 * so no update here checks whether its caller is still current. */
/** @typedef {import('../common/thread.js').Thread} Thread */
import { upsertInto, bumpWith, markReadIn } from './inbox.js';

/**
 * @typedef {{id: number, name: string, role?: string, email?: string}} Agent
 * @typedef {{name: string, key?: string}} Shop
 * @typedef {'every_unanswered'|'new_conversations'|'off'} EmailPref which unread shopper messages mail me
 * @typedef {{sound: boolean, title: boolean, desktop: boolean, email?: EmailPref}} Prefs
 * @typedef {{max_body_chars: number, max_upload_bytes: number}} Limits
 * @typedef {Record<string, any>} Conversation
 * @typedef {{kind: 'online'|'connecting'|'offline', delay: number}} Connection
 * @typedef {{items: Map<number, Conversation>, cursor: string|null, loading: boolean, loaded: boolean, error: string|null}} ListState
 * @typedef {{id: number, conv: Conversation|null, model: Thread, hasMore: boolean, loading: boolean,
 *   loadingEarlier: boolean, error: string|null, readSent: number, visitorRead: number,
 *   typing: boolean, stick: number, anchor: number}} ThreadState
 * @typedef {{id: number, data: Record<string, any>|null, error: string|null}} PanelState
 * @typedef {{id: number, text: string}} Toast
 * @typedef {'list'|'thread'|'details'} Pane which pane a phone shows ('details': the sheet below 1240 px)
 * @typedef {'phone'|'tablet'|'desktop'} Layout below 720 px, 720–1239 px, 1240 px and up
 * @typedef {{
 *   layout: Layout, offline: boolean, updateReady: boolean
 * }} Device the browser's, kept across sign-ins
 * @typedef {Device & {
 *   token: string|null, agent: Agent|null, shop: Shop|null, loginMessage: string,
 *   prefs: Prefs, limits: Limits, canned: {id: number, shortcut: string, body: string}[],
 *   team: Record<string, any>[], connection: Connection, view: 'inbox'|'settings',
 *   settingsTab: string, filter: string, search: string, list: ListState,
 *   thread: ThreadState|null, panel: PanelState|null, noteMode: boolean, replyError: string,
 *   toasts: Toast[], help: boolean, pane: Pane
 * }} State
 */

/** Until /me answers: the server's defaults (docs/console.md). */
export const DEFAULT_LIMITS = { max_body_chars: 2000, max_upload_bytes: 5 * 1024 * 1024 };

/** @returns {ListState} */
function emptyList() {
  return { items: new Map(), cursor: null, loading: false, loaded: false, error: null };
}

/** @param {Device} device @returns {State} */
function initialState(device) {
  return {
    ...device,
    token: null, agent: null, shop: null, loginMessage: '',
    prefs: { sound: true, title: true, desktop: true }, limits: DEFAULT_LIMITS, canned: [], team: [],
    connection: { kind: 'connecting', delay: 0 }, view: 'inbox', settingsTab: 'shop',
    filter: 'open', search: '', list: emptyList(), thread: null, panel: null,
    noteMode: false, replyError: '', toasts: [], help: false, pane: 'list',
  };
}

let state = initialState({ layout: 'desktop', offline: false, updateReady: false });

/** What a new session keeps: the device's layout and network. @returns {Device} */
function device() {
  return { layout: state.layout, offline: state.offline, updateReady: state.updateReady };
}
/** @type {Set<() => void>} */
const listeners = new Set();

export function getState() {
  return state;
}

/** @param {() => void} listener @returns {() => void} */
export function subscribe(listener) {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}

/** @param {Partial<State>} patch */
function update(patch) {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

// ------------------------------------------------------------------ session
/** @param {{token: string, agent: Agent|null, shop: Shop|null}} who */
export function signedIn(who) {
  update({ ...initialState(device()), ...who });
}

/** @param {string} message shown on the sign-in form */
export function signedOut(message) {
  update({ ...initialState(device()), loginMessage: message });
}

/** @param {Partial<Agent>} agent */
export function setAgent(agent) {
  update({ agent: /** @type {Agent} */ ({ ...state.agent, ...agent }) });
}

/** @param {Partial<Shop>} shop */
export function setShop(shop) {
  update({ shop: /** @type {Shop} */ ({ ...state.shop, ...shop }) });
}

/** @param {Partial<Prefs>} prefs */
export function setPrefs(prefs) {
  update({ prefs: { ...state.prefs, ...prefs } });
}

/** @param {Partial<Limits>} limits */
export function setLimits(limits) {
  update({ limits: { ...state.limits, ...limits } });
}

/** @param {State['canned']} canned */
export function setCanned(canned) {
  update({ canned });
}

/** @param {State['team']} team */
export function setTeam(team) {
  update({ team });
}

// -------------------------------------------------------------------- shell
/** @param {Connection['kind']} kind @param {number} [delay] ms until the next try */
export function setConnection(kind, delay = 0) {
  update({ connection: { kind, delay } });
}

/** @param {'inbox'|'settings'} view */
export function setView(view) {
  update({ view });
}

/** @param {Layout} layout */
export function setLayout(layout) {
  if (layout !== state.layout) update({ layout });
}

/** @param {boolean} offline the browser says it has no network */
export function setOffline(offline) {
  if (offline !== state.offline) update({ offline });
}

/** A new version of the console took over this page (its service worker): offer a reload. */
export function setUpdateReady() {
  update({ updateReady: true });
}

/** @param {Pane} pane */
export function setPane(pane) {
  update({ pane });
}

/** @param {string} settingsTab */
export function setSettingsTab(settingsTab) {
  update({ settingsTab });
}

/** @param {boolean} help */
export function setHelp(help) {
  update({ help });
}

let toastIds = 0;
/** @param {string} text @returns {number} the toast's id, for removeToast */
export function addToast(text) {
  const id = ++toastIds;
  update({ toasts: [...state.toasts, { id, text }] });
  return id;
}

/** @param {number} id */
export function removeToast(id) {
  update({ toasts: state.toasts.filter((t) => t.id !== id) });
}

// --------------------------------------------------------------------- list
/** A new list: another filter or search, or the first load. @param {{filter?: string, search?: string}} [by] */
export function resetList(by = {}) {
  update({ ...by, list: { ...emptyList(), loading: true } });
}

/** @param {Partial<ListState>} patch */
export function patchList(patch) {
  update({ list: { ...state.list, ...patch } });
}

/** Conversations from a list or search page. @param {Conversation[]} page */
export function addListed(page) {
  let items = state.list.items;
  for (const c of page) items = upsertInto(items, c, { listed: true, ...listContext() });
  update({ list: { ...state.list, items }, thread: withConv(page) });
}

/** A conversation changed (a frame or an action's answer). @param {Conversation} c */
export function upsertConversation(c) {
  const items = upsertInto(state.list.items, c, { listed: false, ...listContext() });
  update({ list: { ...state.list, items }, thread: withConv([c]) });
}

/** A message we did not send (or our own ack): bump its row. @param {Record<string, any>} m @param {boolean} viewing */
export function bumpConversation(m, viewing) {
  const items = bumpWith(state.list.items, m, viewing);
  const t = state.thread;
  const conv = t && t.conv && t.id === m.conversation_id ? bumpWith(new Map([[t.id, t.conv]]), m, viewing).get(t.id) : null;
  if (items !== state.list.items || conv) update({ list: { ...state.list, items }, thread: conv && t ? { ...t, conv } : t });
}

/** @param {number} id @param {boolean} online */
export function setPresence(id, online) {
  /** @param {Conversation|null|undefined} c */
  const moved = (c) => (c && c.visitor ? { ...c, visitor: { ...c.visitor, online } } : c);
  const c = state.list.items.get(id);
  const items = c ? new Map(state.list.items).set(id, moved(c)) : state.list.items;
  const t = state.thread;
  update({ list: { ...state.list, items }, thread: t && t.id === id ? { ...t, conv: moved(t.conv) || null } : t });
}

function listContext() {
  return { filter: state.filter, search: state.search, agentId: state.agent ? state.agent.id : null };
}

/** The open thread with a fresher copy of its conversation, if the page carries one. @param {Conversation[]} page */
function withConv(page) {
  const t = state.thread;
  const c = t && page.find((x) => x && x.id === t.id);
  if (!t || !c) return t;
  // Read up to readSent already: the server's count may predate our read frame.
  const visible = !globalThis.document || document.visibilityState !== 'hidden';
  const unread = visible && t.readSent >= (c.last_seq || 0) ? 0 : c.unread_agent;
  return { ...t, conv: { ...c, unread_agent: unread } };
}

// ------------------------------------------------------------------- thread
/** @param {number} id @param {Thread} model @param {Conversation|null} conv */
export function openThread(id, model, conv) {
  update({
    view: 'inbox', panel: null, replyError: '', noteMode: false, pane: 'thread',
    thread: { id, conv, model, hasMore: false, loading: true, loadingEarlier: false, error: null,
      readSent: 0, visitorRead: 0, typing: false, stick: 1, anchor: 0 },
  });
}

/** No conversation open (a phone's Back to the list). */
export function closeThread() {
  update({ thread: null, panel: null, replyError: '', noteMode: false, pane: 'list' });
}

/** @param {Partial<ThreadState>} patch */
export function patchThread(patch) {
  if (state.thread) update({ thread: { ...state.thread, ...patch } });
}

/** The open thread's model changed (it is mutable): re-render. @param {{stick?: boolean, anchor?: boolean}} [how] */
export function threadChanged(how = {}) {
  const t = state.thread;
  if (!t) return;
  update({ thread: { ...t, stick: t.stick + (how.stick ? 1 : 0), anchor: t.anchor + (how.anchor ? 1 : 0) } });
}

/** @param {PanelState|null} panel */
export function setPanel(panel) {
  update({ panel });
}

/** @param {boolean} noteMode */
export function setNoteMode(noteMode) {
  update({ noteMode });
}

/** @param {string} replyError */
export function setReplyError(replyError) {
  update({ replyError });
}

/** We sent a read frame up to seq for the open thread. @param {number} seq */
export function markedRead(seq) {
  const t = state.thread;
  if (!t) return;
  const conv = t.conv && t.conv.unread_agent ? { ...t.conv, unread_agent: 0 } : t.conv;
  update({ thread: { ...t, readSent: seq, conv }, list: { ...state.list, items: markReadIn(state.list.items, t.id) } });
}
