/* The left column: filter, search, the conversation list (keyed by id: a live update moves
 * or patches one row), its loading / empty / error line, and infinite scrolling. */
import { useEffect, useRef } from '../../vendor/hooks.module.js';
import { html } from '../html.js';
import { FILTERS, filterOf, sortConversations } from '../inbox.js';
import { loadMore, retryList, setFilter, setSearch } from '../list-actions.js';
import { openConversation } from '../conversation.js';
import { fullTime, previewText, relTime } from '../format.js';
import { visitorName } from '../names.js';
import { Avatar } from './avatar.js';

/** @typedef {import('../store.js').State} State */
const SEARCH_DEBOUNCE_MS = 250;

/** @param {{c: Record<string, any>, active: boolean, me: number|null, searching: boolean}} props */
function Item({ c, active, me, searching }) {
  const unread = c.unread_agent || 0;
  const name = visitorName(c.visitor);
  const cls = `conv-item${active ? ' is-active' : ''}${unread ? ' is-unread' : ''}${c.status === 'closed' ? ' is-closed' : ''}`;
  const a = c.assignee;
  return html`<li class="conv-li"><button type="button" class=${cls} data-testid="conversation-item"
      data-conversation-id=${c.id} data-unread=${unread} data-status=${c.status}
      data-online=${c.visitor && c.visitor.online ? 'true' : 'false'} aria-current=${active ? 'true' : undefined}
      onClick=${() => openConversation(c.id)}>
    <${Avatar} visitor=${c.visitor} />
    <span class="conv-main">
      <span class="conv-row">
        <span class="conv-name" data-testid="conversation-name" title=${c.visitor && c.visitor.id ? `${name} (${c.visitor.id})` : name}>${name}</span>
        <time class="conv-time" datetime=${c.last_message_at || ''} title=${fullTime(c.last_message_at)}>${relTime(c.last_message_at)}</time>
      </span>
      <span class="conv-row">
        <span class="conv-preview" data-testid="conversation-preview">${previewText(c, searching)}</span>
        ${a ? html`<span class="tag tag-assignee" data-testid="conversation-assignee" title=${`Assigned to ${a.name}`}>${a.id === me ? 'Me' : a.name}</span>` : null}
        ${c.status === 'closed' ? html`<span class="tag tag-closed" data-testid="closed-marker">Closed</span>` : null}
        ${unread ? html`<span class="badge" data-testid="unread-badge" aria-label=${`${unread} unread`}>${unread > 99 ? '99+' : String(unread)}</span>` : null}
      </span>
    </span>
  </button></li>`;
}

/** @param {{s: State}} props */
function ListStatus({ s }) {
  const { list } = s;
  if (list.error) {
    return html`<div class="list-status" data-testid="conversation-list-status">
      <p class="muted">${list.error}</p><button type="button" class="btn btn-small" onClick=${retryList}>Retry</button></div>`;
  }
  if (list.loading) return html`<div class="list-status" data-testid="conversation-list-status"><p class="muted">Loading…</p></div>`;
  if (!list.loaded || list.items.size) return html`<div class="list-status" data-testid="conversation-list-status"></div>`;
  const all = s.filter === 'all';
  const [title, hint] = s.search
    ? [`Nothing matches “${s.search}”`, 'Search looks in messages, names and e-mails.']
    : [all ? 'No conversations yet' : `No ${filterOf(s.filter).label.toLowerCase()} conversations`,
      all ? 'New chats from your shop will show up here.' : 'Try another filter.'];
  return html`<div class="list-status list-empty" data-testid="conversation-list-status">
    <p class="empty-title" data-testid="empty-list">${title}</p><p class="muted">${hint}</p></div>`;
}

function SearchBox() {
  const timer = useRef(0);
  /** @param {Event} ev */
  const input = (ev) => {
    const value = /** @type {HTMLInputElement} */ (ev.currentTarget).value;
    clearTimeout(timer.current);
    timer.current = Number(setTimeout(() => setSearch(value), SEARCH_DEBOUNCE_MS));
  };
  /** @param {KeyboardEvent} ev */
  const key = (ev) => {
    const box = /** @type {HTMLInputElement} */ (ev.currentTarget);
    if (ev.key === 'Escape') {
      box.value = '';
      setSearch('');
      box.blur();
    } else if (ev.key === 'Enter') {
      clearTimeout(timer.current);
      setSearch(box.value);
    }
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  return html`<input type="search" class="search" data-testid="search" placeholder="Search messages, names, e-mails"
    aria-label="Search conversations" maxlength="100" spellcheck="false"
    onInput=${input} onKeyDown=${key} />`;
}

/** Load the next page when the list is scrolled near its end, or does not fill its column. @param {HTMLElement|null} node */
function nearEnd(node) {
  if (node && node.scrollTop + node.clientHeight >= node.scrollHeight - 60) loadMore();
}

/** @param {{s: State}} props */
export function Sidebar({ s }) {
  const scroller = useRef(/** @type {HTMLDivElement|null} */ (null));
  const items = sortConversations(s.list.items.values());
  const openId = s.thread ? s.thread.id : null;
  const me = s.agent ? s.agent.id : null;
  useEffect(() => {
    const frame = requestAnimationFrame(() => nearEnd(scroller.current));
    return () => cancelAnimationFrame(frame);
  }, [s.list.items.size, s.list.cursor, s.list.loading]);
  return html`<aside class="sidebar">
    <div class="sidebar-head"><h2 class="sidebar-title">Inbox</h2>
      <select class="filter" data-testid="conversation-filter" aria-label="Show conversations" value=${s.filter}
        disabled=${!!s.search} onChange=${(/** @type {Event} */ ev) => setFilter(/** @type {HTMLSelectElement} */ (ev.currentTarget).value)}>
        ${Object.entries(FILTERS).map(([value, f]) => html`<option key=${value} value=${value}>${f.label}</option>`)}
      </select>
    </div>
    <div class="sidebar-search"><${SearchBox} /></div>
    <div class="list-scroll" ref=${scroller} onScroll=${() => nearEnd(scroller.current)}>
      <ul class="conv-list" data-testid="conversation-list" aria-label="Conversations">
        ${items.map((c) => html`<${Item} key=${c.id} c=${c} active=${c.id === openId} me=${me} searching=${!!s.search} />`)}
      </ul>
      <${ListStatus} s=${s} />
    </div>
  </aside>`;
}
