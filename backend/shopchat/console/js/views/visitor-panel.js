/* The right-hand panel (≥ 1240 px; below, a sheet the thread's ⓘ opens and ✕ or Back closes): who the shopper is, what they look at, the cards their
 * shop's setContext() sent, details, and their earlier conversations. Every field may be
 * missing ("—"). Data: the open conversation, completed by GET …/visitor (state.panel). */
import { html } from '../html.js';
import { fullTime, localTime, money, relTime, safeHttpUrl, truncate } from '../format.js';
import { visitorName } from '../names.js';
import { openConversation } from '../conversation.js';
import { back } from '../panes.js';
import { Avatar } from './avatar.js';

/** @typedef {import('../store.js').State} State */
const CARD_SKIP = new Set(['name', 'title', 'items', 'url', 'image', 'image_url', 'currency', 'price', 'total', 'id', 'number']);
const CARD_TITLES = { product: 'Product', cart: 'Cart', order: 'Order' };

/** @param {{value: unknown, testid?: string}} props */
function Link({ value, testid }) {
  const url = safeHttpUrl(value);
  return html`<dd data-testid=${testid}>${url
    ? html`<a href=${url} target="_blank" rel="noopener noreferrer" title=${url}>${truncate(url.replace(/^https?:\/\//, ''), 60)}</a>`
    : value ? String(value) : '—'}</dd>`;
}

/** @param {{label: string, value?: unknown, testid?: string, children?: any}} props */
function Row({ label, value, testid, children }) {
  return html`<div class="detail-row"><dt>${label}</dt>${children
    || html`<dd data-testid=${testid}>${value == null || value === '' ? '—' : String(value)}</dd>`}</div>`;
}

/** @param {{kind: 'product'|'cart'|'order', data: Record<string, any>}} props */
function ContextCard({ kind, data }) {
  const head = data.name || data.title || (data.number != null ? `#${data.number}` : data.id != null ? `#${data.id}` : '');
  const rows = [];
  const price = money(data.price != null ? data.price : data.total, data.currency);
  if (price) rows.push([data.price != null ? 'Price' : 'Total', price]);
  for (const [k, v] of Object.entries(data)) {
    if (rows.length >= 6) break;
    if (!CARD_SKIP.has(k) && v != null && typeof v !== 'object') rows.push([k.replace(/_/g, ' '), String(v)]);
  }
  const items = Array.isArray(data.items) ? data.items.slice(0, 8) : [];
  const url = safeHttpUrl(data.url);
  return html`<section class=${`ctx-card ctx-${kind}`} data-testid="context-card" data-kind=${kind}>
    <p class="ctx-kind">${CARD_TITLES[kind]}</p>
    ${!head ? null : url ? html`<a class="ctx-title" href=${url} target="_blank" rel="noopener noreferrer">${String(head)}</a>`
      : html`<p class="ctx-title">${String(head)}</p>`}
    ${items.length ? html`<ul class="ctx-items">${items.map((it, i) => html`<li key=${i}>
      <span class="ctx-qty">${`${it.quantity || it.qty || 1}×`}</span>
      <span class="ctx-item-name">${String(it.name || it.title || it.sku || 'Item')}</span>
      <span class="ctx-item-price">${money(it.price, it.currency || data.currency) || ''}</span></li>`)}</ul>` : null}
    ${rows.length ? html`<dl class="ctx-rows">${rows.map(([k, v]) => html`<div key=${k}><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>` : null}
  </section>`;
}

/** @param {{earlier: Record<string, any>[]|null}} props */
function Earlier({ earlier }) {
  return html`<div class="earlier" data-testid="earlier-conversations">
    <p class="detail-label">Earlier conversations</p>
    ${earlier && earlier.length ? html`<ul class="earlier-list">${earlier.map((e) => html`<li key=${e.id}>
      <button type="button" class="earlier-item" data-testid="earlier-conversation" data-conversation-id=${e.id}
          onClick=${() => openConversation(e.id)}>
        <span class="earlier-top"><span>#${e.id}</span><span class="muted">${relTime(e.last_message_at)}</span></span>
        <span class="earlier-body">${e.last_message ? truncate(e.last_message.body, 70) : ''}</span>
      </button></li>`)}</ul>`
      : html`<p class="muted small">${earlier ? 'None' : 'Loading…'}</p>`}
  </div>`;
}

/** @param {{s: State}} props */
export function VisitorPanel({ s }) {
  const c = s.thread && s.thread.conv;
  if (!c) return html`<aside class="details" data-testid="visitor-panel" aria-label="Visitor details" hidden></aside>`;
  const panel = s.panel && s.panel.id === c.id ? s.panel : null;
  const data = (panel && panel.data) || {};
  const v = { ...(data.visitor || {}), ...(c.visitor || {}) };
  const hasCtx = c.context && typeof c.context === 'object' && Object.keys(c.context).length > 0;
  const ctx = hasCtx ? c.context : data.context || {};
  const kinds = /** @type {('product'|'cart'|'order')[]} */ (['product', 'cart', 'order']).filter((k) => ctx[k] && typeof ctx[k] === 'object');
  return html`<aside class="details" data-testid="visitor-panel" aria-label="Visitor details">
    <div class="sheet-head"><p class="sheet-title">Visitor details</p>
      <button type="button" class="btn btn-ghost btn-icon" data-testid="details-close" aria-label="Close the visitor details"
        onClick=${back}>✕</button></div>
    <div class="details-card">
      <${Avatar} visitor=${v} size="avatar-xl" />
      <p class="details-name" data-testid="visitor-name">${visitorName(v)}${v.verified
        ? html`<span class="verified" data-testid="visitor-verified" title="Identity verified by the shop">✓ Verified</span>` : null}</p>
      <p class="muted details-sub">${v.online ? 'Online now' : 'Offline'}</p>
    </div>
    ${v.page_title || v.page_url ? html`<div class="page-now" data-testid="visitor-page">
      <p class="detail-label">${v.online ? 'Looking at' : 'Last page'}</p>
      ${v.page_title ? html`<p class="page-title" data-testid="visitor-page-title">${String(v.page_title)}</p>` : null}
      <${Link} value=${v.page_url} testid="visitor-page-url" />
    </div>` : null}
    ${kinds.length ? html`<div class="ctx-cards" data-testid="context-cards">
      ${kinds.map((k) => html`<${ContextCard} key=${k} kind=${k} data=${ctx[k]} />`)}</div>` : null}
    <dl class="detail-list" data-testid="visitor-details">
      <${Row} label="Email" value=${v.email} testid="visitor-email" />
      <${Row} label="Referrer"><${Link} value=${v.referrer} testid="visitor-referrer" /><//>
      <${Row} label="Browser" value=${[v.browser, v.os].filter(Boolean).join(' on ')} testid="visitor-browser" />
      <${Row} label="Locale" value=${v.locale} testid="visitor-locale" />
      <${Row} label="Local time" value=${localTime(v.timezone)} testid="visitor-local-time" />
      <${Row} label="First seen" value=${v.first_seen ? fullTime(v.first_seen) : null} testid="visitor-first-seen" />
      <${Row} label="Visits" value=${v.visits} testid="visitor-visits" />
      <${Row} label="Visitor ID" value=${v.id} testid="visitor-id" />
      <${Row} label="Conversation" value=${`#${c.id}`} />
      <${Row} label="Status" value=${c.status === 'closed' ? 'Closed' : 'Open'} />
      <${Row} label="Assignee" value=${c.assignee ? c.assignee.name : 'Unassigned'} />
    </dl>
    ${panel && panel.error ? html`<p class="muted">${panel.error}</p>` : null}
    <${Earlier} earlier=${panel ? data.conversations || [] : null} />
  </aside>`;
}
