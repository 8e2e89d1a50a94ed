/* One row of the thread: a day separator, a stored message, or a pending send. The rows come
 * from the Thread model (common/thread.js), which decides grouping, "Seen" and the days. */
import { html } from '../html.js';
import { clockTime, dayLabel, fullTime, imageUrl } from '../format.js';
import { givenName } from '../names.js';
import { retrySend } from '../sending.js';

/** @typedef {import('../../common/thread.js').Row} Row */

/** @param {{day: number}} props */
export function DaySeparator({ day }) {
  return html`<div class="day-sep" data-testid="day-separator" role="separator"><span>${dayLabel(day)}</span></div>`;
}

/** @param {Record<string, any>} m @param {Record<string, any>|null} conv */
function authorName(m, conv) {
  if (m.author === 'agent') return (m.agent && m.agent.name) || 'Agent';
  if (m.author === 'visitor') return givenName(conv && conv.visitor) || 'Visitor';
  return 'System';
}

/** @param {{m: Record<string, any>}} props */
function Body({ m }) {
  const img = m.image && typeof m.image === 'object' ? m.image : null;
  const full = img ? imageUrl(img.url, location.href) : null;
  const thumb = img ? imageUrl(img.thumbnail_url || img.thumb_url || img.url, location.href) : null;
  if (img && thumb) {
    const pic = html`<img class="msg-image" data-testid="message-image" src=${thumb} alt=${img.name || 'Image'}
      loading="lazy" width=${img.width ? Math.min(240, img.width) : undefined} />`;
    return html`<div class="msg-media">
      ${full ? html`<a href=${full} target="_blank" rel="noopener noreferrer">${pic}</a>` : pic}
      ${m.body && m.body !== img.url ? html`<p class="msg-body">${String(m.body)}</p>` : null}
    </div>`;
  }
  if (m.kind === 'image' && /^https?:\/\//i.test(String(m.body || ''))) {
    return html`<a class="msg-link" href=${String(m.body)} target="_blank" rel="noopener noreferrer nofollow">📷 Image</a>`;
  }
  return html`<p class="msg-body">${m.body == null ? '' : String(m.body)}</p>`;
}

/** @param {{row: Extract<Row, {type: 'message'}>, conv: Record<string, any>|null}} props */
export function Message({ row, conv }) {
  const m = /** @type {Record<string, any>} */ (row.message);
  const author = m.author === 'agent' ? 'agent' : 'visitor';
  const time = html`<time class="msg-time" datetime=${m.created_at || ''} title=${fullTime(m.created_at)}>${clockTime(m.created_at)}</time>`;
  const delivery = author === 'agent' && !m.internal ? (row.read ? 'seen' : 'sent') : undefined;
  const seen = author === 'agent' && row.seen;
  const cls = `msg msg-${author}${m.internal ? ' msg-note' : ''}${row.continues ? ' msg-cont' : ''}`;
  // Inside a group only the last bubble shows its time; the others keep it as a tooltip.
  const foot = row.lastInGroup || seen ? html`<div class="msg-foot">${time}${seen
    ? html`<span class="msg-seen" data-testid="message-seen"> · Seen</span>`
    : delivery === 'sent' ? html`<span class="msg-sent"> · Sent</span>` : null}</div>` : null;
  return html`<div class=${cls} data-testid="message" data-author=${author} data-seq=${m.seq}
      data-internal=${m.internal ? 'true' : undefined} data-state=${delivery}>
    ${row.continues ? null : html`<div class="msg-meta">
      <span class="msg-author" data-testid="message-author">${authorName(m, conv)}</span>
      ${m.internal ? html`<span class="tag tag-note">Internal note</span>` : null}</div>`}
    <div class="bubble" title=${fullTime(m.created_at)}><${Body} m=${m} /></div>
    ${foot}
  </div>`;
}

/** @param {{row: Extract<Row, {type: 'pending'}>, agentName: string}} props */
export function Pending({ row, agentName }) {
  const p = /** @type {Record<string, any>} */ (row.pending);
  const failed = p.status === 'failed';
  const image = p.uploadId || p.uploading || (!p.body && failed);
  const text = image ? `📷 ${p.uploading ? 'Uploading image…' : 'Image'}${p.body ? ` — ${p.body}` : ''}` : p.body;
  const cls = `msg msg-agent msg-pending${p.internal ? ' msg-note' : ''}${failed ? ' msg-error' : ''}${row.continues ? ' msg-cont' : ''}`;
  return html`<div class=${cls} data-testid="message" data-author="agent" data-pending=${failed ? 'failed' : 'true'}
      data-client-msg-id=${p.client_msg_id}>
    ${row.continues ? null : html`<div class="msg-meta"><span class="msg-author">${agentName || 'You'}</span></div>`}
    <div class="bubble"><p class="msg-body">${text}</p></div>
    <div class="msg-foot">${failed
      ? html`<span class="msg-failed">Not sent: ${p.error || 'error'} </span><button type="button" class="link-btn"
          data-testid="retry-send" onClick=${() => retrySend(p.client_msg_id)}>Retry</button>`
      : html`<span class="msg-sending">Sending…</span>`}</div>
  </div>`;
}
