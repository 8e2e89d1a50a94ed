/* The conversation list as data (no DOM): filters, order, how a conversation or a message
 * changes the list. Pure functions, unit-tested in tests/js/console-inbox.test.js. */
import { parseTime } from '../common/time.js';

/** @typedef {Record<string, any>} Conversation */

export const FILTERS = {
  open: { label: 'Open', query: 'status=open' },
  mine: { label: 'Mine', query: 'status=open&assignee=me' },
  unassigned: { label: 'Unassigned', query: 'status=open&assignee=none' },
  closed: { label: 'Closed', query: 'status=closed' },
  all: { label: 'All', query: 'status=all' },
};

export const LIST_PAGE = 30;

/** @param {string} filter */
export function filterOf(filter) {
  return Object.prototype.hasOwnProperty.call(FILTERS, filter) ? FILTERS[/** @type {keyof FILTERS} */ (filter)] : FILTERS.open;
}

/** Does a conversation belong in the filter's list? @param {Conversation} c @param {string} filter @param {number|null} agentId */
export function matchesFilter(c, filter, agentId) {
  if (filter === 'all') return true;
  if (filter === 'closed') return c.status === 'closed';
  if (c.status !== 'open') return false;
  if (filter === 'mine') return !!(c.assignee && agentId != null && c.assignee.id === agentId);
  if (filter === 'unassigned') return !c.assignee;
  return true;
}

/** The REST path of a list page. @param {{filter: string, search: string, cursor?: string|null}} q */
export function listPath(q) {
  const base = q.search
    ? `/conversations/search?q=${encodeURIComponent(q.search)}&limit=${LIST_PAGE}`
    : `/conversations?${filterOf(q.filter).query}&limit=${LIST_PAGE}`;
  return q.cursor ? `${base}&cursor=${encodeURIComponent(q.cursor)}` : base;
}

/** The search box's text as a search: two characters or more, else none. @param {string} text */
export function searchTerm(text) {
  const q = String(text || '').trim();
  return q.length >= 2 ? q : '';
}

/** Newest activity first, then the higher id. @param {Iterable<Conversation>} items */
export function sortConversations(items) {
  const at = (/** @type {Conversation} */ c) => parseTime(c.last_message_at) || 0;
  return [...items].sort((a, b) => (at(b) - at(a)) || (b.id - a.id));
}

/** @param {Iterable<Conversation>} items */
export function unreadTotal(items) {
  let n = 0;
  for (const c of items) n += c.unread_agent || 0;
  return n;
}

/**
 * The list after a conversation arrived. Listed ones (from a page) always go in; live ones
 * go in or out by the filter; while searching, live ones only refresh rows already found.
 * @param {Map<number, Conversation>} items
 * @param {Conversation} c
 * @param {{listed: boolean, filter: string, search: string, agentId: number|null}} ctx
 * @returns {Map<number, Conversation>} a new map when anything changed
 */
export function upsertInto(items, c, ctx) {
  if (!c || c.id == null) return items;
  const next = new Map(items);
  if (ctx.search && !ctx.listed) {
    const old = items.get(c.id);
    if (!old) return items;
    next.set(c.id, { ...c, match: c.match || old.match });
  } else if (ctx.listed || matchesFilter(c, ctx.filter, ctx.agentId)) {
    next.set(c.id, c);
  } else if (items.has(c.id)) {
    next.delete(c.id);
  } else {
    return items;
  }
  return next;
}

/**
 * The list after a message (not a note) its row may not show yet: newer preview, time and,
 * for a shopper's message the agent is not viewing, one more unread.
 * @param {Map<number, Conversation>} items
 * @param {Record<string, any>} m
 * @param {boolean} viewing the agent sees that conversation now
 */
export function bumpWith(items, m, viewing) {
  const c = items.get(m.conversation_id);
  if (!c || m.internal || (m.seq || 0) <= (c.last_seq || 0)) return items;
  const unread = m.author === 'visitor' && !viewing ? (c.unread_agent || 0) + 1 : c.unread_agent;
  const next = new Map(items);
  next.set(c.id, {
    ...c, last_seq: m.seq, last_message_at: m.created_at, unread_agent: unread,
    last_message: { seq: m.seq, author: m.author, body: m.body, kind: m.kind, created_at: m.created_at },
  });
  return next;
}

/** The same conversation with its unread count cleared. @param {Map<number, Conversation>} items @param {number} id */
export function markReadIn(items, id) {
  const c = items.get(id);
  if (!c || !c.unread_agent) return items;
  return new Map(items).set(id, { ...c, unread_agent: 0 });
}
