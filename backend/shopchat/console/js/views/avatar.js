/* A shopper's avatar: initials on one of 8 tones, with the online dot. */
import { html } from '../html.js';
import { initials, tone, visitorName } from '../names.js';

/** @param {{visitor: Record<string, any>|null, size?: string}} props */
export function Avatar({ visitor, size = '' }) {
  const online = !!(visitor && visitor.online);
  return html`<span class=${`avatar tone-${tone(visitor)} ${size}`} aria-hidden="true">
    <span class="avatar-initials">${initials(visitorName(visitor))}</span>
    <span class=${`presence${online ? ' is-online' : ''}`} data-testid="online-dot"
      data-online=${online ? 'true' : 'false'} title=${online ? 'Online' : 'Offline'}></span>
  </span>`;
}
