/* The middle pane: "Select a conversation", or the open one: its header (assign, close,
 * reopen), its messages (load earlier, day separators, stick to the bottom unless scrolled
 * up), the typing indicator and the composer. Keyed by conversation id: opening another
 * one starts a fresh view. */
import { useEffect, useLayoutEffect, useRef } from '../../vendor/hooks.module.js';
import { html } from '../html.js';
import { visitorName } from '../names.js';
import { assignTo, loadEarlier, setStatus } from '../conversation.js';
import { back, showDetails } from '../panes.js';
import { Avatar } from './avatar.js';
import { DaySeparator, Message, Pending } from './message.js';
import { Composer } from './composer.js';

/** @typedef {import('../store.js').State} State */
/** @typedef {import('../store.js').ThreadState} ThreadState */

function Empty() {
  return html`<div class="pane-empty" data-testid="no-conversation">
    <div class="pane-empty-art" aria-hidden="true"></div>
    <p class="empty-title">Select a conversation</p>
    <p class="muted">Pick a chat from the list to read and reply.</p>
  </div>`;
}

/** @param {{c: Record<string, any>, s: State}} props */
function Assign({ c, s }) {
  const me = s.agent ? s.agent.id : null;
  const current = c.assignee ? c.assignee.id : null;
  const others = s.team.filter((a) => a.is_active && a.id !== me);
  if (current != null && current !== me && !others.some((a) => a.id === current)) others.push(c.assignee);
  /** @param {Event} ev */
  const change = (ev) => {
    const v = /** @type {HTMLSelectElement} */ (ev.currentTarget).value;
    assignTo(v === '' ? null : v === 'me' ? me : Number(v));
  };
  return html`<select class="assign" data-testid="assign" aria-label="Assignee" title="Assign (Alt+A: to me)"
      value=${current == null ? '' : current === me ? 'me' : String(current)} onChange=${change}>
    <option value="">Unassigned</option>
    <option value="me">${`Me${s.agent && s.agent.name ? ` (${s.agent.name})` : ''}`}</option>
    ${others.map((a) => html`<option key=${a.id} value=${String(a.id)}>${a.name}</option>`)}
  </select>`;
}

/** @param {{t: ThreadState, s: State}} props */
function Head({ t, s }) {
  const c = t.conv;
  const v = c ? c.visitor : null;
  const sub = [v ? (v.online ? 'Online' : 'Offline') : '', v && v.email, c && c.assignee ? `Assigned to ${c.assignee.name}` : '']
    .filter(Boolean).join(' · ');
  const status = c ? c.status : null;
  return html`<header class="thread-head">
    <button type="button" class="btn btn-ghost btn-icon thread-back" data-testid="back-button"
      aria-label="Back to the conversations" title="Back (Esc)" onClick=${back}>←</button>
    ${v ? html`<${Avatar} visitor=${v} size="avatar-lg" />` : html`<span class="avatar avatar-lg tone-0" aria-hidden="true"></span>`}
    <div class="thread-title">
      <h2 class="thread-name" data-testid="conversation-title">${c ? visitorName(v) : `Conversation #${t.id}`}
        ${status === 'closed' ? html`<span class="tag tag-closed" data-testid="conversation-status">Closed</span>`
          : status === 'open' ? html`<span class="tag tag-open" data-testid="conversation-status">Open</span>` : null}</h2>
      <p class="thread-sub">${sub}</p>
    </div>
    <button type="button" class="btn btn-ghost btn-icon thread-details-btn" data-testid="details-button"
      aria-label="Visitor details" title="Visitor details" onClick=${showDetails}>ⓘ</button>
    <div class="thread-actions">
      ${c ? html`<${Assign} c=${c} s=${s} />` : null}
      ${status === 'open' ? html`<button type="button" class="btn" data-testid="close-conversation"
          title="Mark this conversation as resolved" onClick=${() => setStatus('close')}>Close</button>` : null}
      ${status === 'closed' ? html`<button type="button" class="btn" data-testid="reopen-conversation"
          onClick=${() => setStatus('reopen')}>Reopen</button>` : null}
    </div>
  </header>`;
}

/** @param {{t: ThreadState, s: State}} props */
function Messages({ t, s }) {
  const scroller = useRef(/** @type {HTMLDivElement|null} */ (null));
  const at = useRef({ near: true, fromBottom: 0, stick: 0, anchor: 0 });
  const measure = () => {
    const sc = scroller.current;
    if (!sc) return;
    at.current.near = sc.scrollHeight - sc.scrollTop - sc.clientHeight < 120;
    at.current.fromBottom = sc.scrollHeight - sc.scrollTop;
  };
  useLayoutEffect(() => {
    const sc = scroller.current;
    if (!sc) return;
    const was = at.current;
    if (t.anchor !== was.anchor) sc.scrollTop = sc.scrollHeight - was.fromBottom; // load earlier keeps the view
    else if (t.stick !== was.stick || was.near) sc.scrollTop = sc.scrollHeight;
    was.stick = t.stick;
    was.anchor = t.anchor;
    measure();
  });
  useEffect(() => { // the list got shorter (a phone's keyboard opened): stay at the bottom if there
    const sc = scroller.current;
    if (!sc || typeof ResizeObserver === 'undefined') return undefined;
    const keep = new ResizeObserver(() => { if (at.current.near) sc.scrollTop = sc.scrollHeight; });
    keep.observe(sc);
    return () => keep.disconnect();
  }, []);
  const c = t.conv;
  const readUpTo = Math.max(t.visitorRead, c && c.unread_visitor === 0 && c.last_seq ? c.last_seq : 0);
  const me = s.agent ? s.agent.id : undefined;
  const rows = t.model.rows({ me: { author: 'agent', agentId: me }, readUpTo });
  const agentName = (s.agent && s.agent.name) || 'You';
  const any = t.model.size > 0;
  return html`<div class="thread-scroll" data-testid="message-list" ref=${scroller} onScroll=${measure}>
    <div class="load-earlier" hidden=${!(t.hasMore && any)}>
      <button type="button" class="btn btn-small" data-testid="load-earlier" disabled=${t.loadingEarlier}
        onClick=${loadEarlier}>${t.loadingEarlier ? 'Loading…' : 'Load earlier'}</button>
    </div>
    <div class="msgs" role="log" aria-label="Messages">
      ${rows.map((row) => row.type === 'day' ? html`<${DaySeparator} key=${row.key} day=${row.day} />`
        : row.type === 'message' ? html`<${Message} key=${row.key} row=${row} conv=${c} />`
          : html`<${Pending} key=${row.key} row=${row} agentName=${agentName} />`)}
      ${t.loading ? html`<p class="thread-note muted">Loading messages…</p>`
        : t.error ? html`<p class="thread-note error-text" role="alert">${t.error}</p>`
          : !rows.length ? html`<p class="thread-note muted" data-testid="no-messages">No messages yet.</p>` : null}
    </div>
  </div>`;
}

/** @param {{s: State}} props */
export function ThreadPane({ s }) {
  const t = s.thread;
  return html`<main class="thread-pane" data-testid="conversation-view">
    ${t ? html`<section key=${t.id} class="thread" data-testid="conversation" data-conversation-id=${t.id}>
      <${Head} t=${t} s=${s} />
      <${Messages} t=${t} s=${s} />
      <div class="typing" data-testid="typing-indicator" aria-live="polite" hidden=${!t.typing}>
        <span class="typing-dots" aria-hidden="true"><i></i><i></i><i></i></span><span>Visitor is typing…</span>
      </div>
      <${Composer} s=${s} />
    </section>` : html`<${Empty} />`}
  </main>`;
}
