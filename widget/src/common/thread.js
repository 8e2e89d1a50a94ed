// One conversation's messages and pending sends, in memory: what the widget's and the
// console's thread views draw from. The DOM is never read back; views render `rows()`.
import { parseTime, startOfDay } from './time.js';

/**
 * @typedef {object} Message
 * @property {number} seq
 * @property {'visitor'|'agent'|string} author
 * @property {'text'|'image'|string} [kind]
 * @property {string|null} [body]
 * @property {string} [created_at]
 * @property {string|null} [client_msg_id]
 * @property {boolean} [internal]
 * @property {{id: number, name?: string}|null} [agent]
 * @property {{url: string, width?: number, height?: number, content_type?: string}|null} [image]
 */

/**
 * A send not yet acknowledged; each view keeps its own extra fields on it (kept untouched).
 * @typedef {{client_msg_id: string, status: 'sending'|'failed', error?: string|null, body?: string,
 *   [key: string]: any}} Pending
 */

/**
 * @typedef {{author: 'agent'|'visitor', agentId?: number}} Viewer
 * @typedef {{type: 'day', key: string, day: number}} DayRow
 * @typedef {{type: 'message', key: string, message: Message, continues: boolean,
 *   lastInGroup: boolean, read: boolean, seen: boolean}} MessageRow
 * @typedef {{type: 'pending', key: string, pending: Pending, continues: boolean}} PendingRow
 * @typedef {DayRow|MessageRow|PendingRow} Row
 * @typedef {{me: Viewer, readUpTo?: number, groupGapMs?: number, now?: number}} RowOptions
 */

export const GROUP_GAP_MS = 5 * 60 * 1000;

/**
 * Does `next` continue `prev`'s group of bubbles?
 * @param {Message|null|undefined} prev
 * @param {Message|null|undefined} next
 * @param {number} [gapMs]
 */
export function continuesGroup(prev, next, gapMs = GROUP_GAP_MS) {
  if (!prev || !next || prev.author !== next.author || !!prev.internal !== !!next.internal) return false;
  if (next.author !== 'agent' && next.author !== 'visitor') return false;
  if (next.author === 'agent' && (prev.agent && prev.agent.id) !== (next.agent && next.agent.id)) {
    return false;
  }
  const a = parseTime(prev.created_at);
  const b = parseTime(next.created_at);
  return a != null && b != null && startOfDay(a) === startOfDay(b) && b - a < gapMs;
}

export class Thread {
  constructor() {
    /** @type {Map<number, Message>} */
    this._bySeq = new Map();
    /** @type {Message[]|null} sorted copy, rebuilt lazily after a change */
    this._sorted = [];
    /** @type {Map<string, Pending>} in send order (Map keeps insertion order) */
    this._pending = new Map();
  }

  /** @returns {Message[]} */
  get messages() {
    if (!this._sorted) this._sorted = [...this._bySeq.values()].sort((a, b) => a.seq - b.seq);
    return this._sorted;
  }

  /** @returns {Pending[]} */
  get pending() {
    return [...this._pending.values()];
  }

  get size() {
    return this._bySeq.size;
  }

  get oldestSeq() {
    const list = this.messages;
    return list.length ? list[0].seq : null;
  }

  get newestSeq() {
    const list = this.messages;
    return list.length ? list[list.length - 1].seq : null;
  }

  /** @param {number} seq */
  has(seq) {
    return this._bySeq.has(seq);
  }

  /** @param {number} seq */
  get(seq) {
    return this._bySeq.get(seq);
  }

  /**
   * Store a message; false when its seq is already here. A message carrying the
   * client_msg_id of a pending send confirms that send, which leaves the pending list.
   * @param {Message} message
   */
  add(message) {
    if (message.client_msg_id) this._pending.delete(message.client_msg_id);
    if (this._bySeq.has(message.seq)) return false;
    this._bySeq.set(message.seq, message);
    this._sorted = null;
    return true;
  }

  /** @param {Pending} pending */
  addPending(pending) {
    this._pending.set(pending.client_msg_id, pending);
  }

  /** @param {string} id */
  getPending(id) {
    return this._pending.get(id);
  }

  /**
   * @param {string} id
   * @param {Partial<Pending>} patch
   */
  updatePending(id, patch) {
    const old = this._pending.get(id);
    if (old) this._pending.set(id, { ...old, ...patch, client_msg_id: id });
  }

  /** @param {string} id */
  removePending(id) {
    return this._pending.delete(id);
  }

  /** Forget the messages (another conversation begins); pending sends stay. */
  clear() {
    this._bySeq.clear();
    this._sorted = [];
  }

  /**
   * What a view draws, in order: day separators, messages, then pending sends.
   * @param {RowOptions} options
   * @returns {Row[]}
   */
  rows({ me, readUpTo = 0, groupGapMs = GROUP_GAP_MS, now = Date.now() }) {
    const readable = (/** @type {Message} */ m) =>
      m.author === me.author && !m.internal && m.seq <= readUpTo;
    const list = this.messages;
    let lastSeen = -1;
    list.forEach((m, i) => {
      if (readable(m)) lastSeen = i;
    });
    /** @type {Row[]} */
    const rows = [];
    /** @type {number|null} */
    let lastDay = null;
    /** @type {Message|null} */
    let prev = null;
    list.forEach((m, i) => {
      const ts = parseTime(m.created_at);
      if (ts != null && startOfDay(ts) !== lastDay) {
        lastDay = startOfDay(ts);
        rows.push({ type: 'day', key: `d${lastDay}`, day: lastDay });
        prev = null;
      }
      const read = readable(m);
      rows.push({
        type: 'message',
        key: `m${m.seq}`,
        message: m,
        continues: continuesGroup(prev, m, groupGapMs),
        lastInGroup: !continuesGroup(m, list[i + 1], groupGapMs),
        read,
        seen: i === lastSeen,
      });
      prev = m;
    });
    let mine = prev != null && isMine(prev, me);
    for (const pending of this._pending.values()) {
      if (lastDay !== startOfDay(now)) {
        lastDay = startOfDay(now);
        rows.push({ type: 'day', key: `d${lastDay}`, day: lastDay });
        mine = false;
      }
      rows.push({ type: 'pending', key: `p${pending.client_msg_id}`, pending, continues: mine });
      mine = true;
    }
    return rows;
  }
}

/**
 * @param {Message} message
 * @param {Viewer} me
 */
function isMine(message, me) {
  if (message.author !== me.author) return false;
  return me.author !== 'agent' || (message.agent && message.agent.id) === me.agentId;
}
