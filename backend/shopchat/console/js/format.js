/* Formatting for display: times, previews, money, and which URLs may become links or images.
 * Pure (the clock and the page origin are parameters); tests/js/console-format.test.js. */
import { parseTime, startOfDay, dayKind } from '../common/time.js';

export const PREVIEW_LEN = 90;

/** @param {unknown} text @param {number} n */
export function truncate(text, n) {
  const s = String(text || '').replace(/\s+/g, ' ').trim();
  return s.length > n ? s.slice(0, n - 1).trimEnd() + '…' : s;
}

/** "now", "5m", "3h", "Yesterday", "Mon", "Nov 3". @param {string|null|undefined} iso @param {number} [now] */
export function relTime(iso, now = Date.now()) {
  const t = parseTime(iso);
  if (t == null) return '';
  const s = (now - t) / 1000;
  if (s < 45) return 'now';
  if (s < 3600) return `${Math.max(1, Math.round(s / 60))}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  const days = Math.round((startOfDay(now) - startOfDay(t)) / 86400000);
  if (days <= 1) return 'Yesterday';
  if (days < 7) return new Date(t).toLocaleDateString(undefined, { weekday: 'short' });
  const sameYear = new Date(t).getFullYear() === new Date(now).getFullYear();
  return new Date(t).toLocaleDateString(undefined, sameYear
    ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' });
}

/** @param {string|null|undefined} iso */
export function clockTime(iso) {
  const t = parseTime(iso);
  return t == null ? '' : new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** @param {string|null|undefined} iso */
export function fullTime(iso) {
  const t = parseTime(iso);
  return t == null ? '' : new Date(t).toLocaleString();
}

/** A day separator's label. @param {number} day epoch ms @param {number} [now] */
export function dayLabel(day, now = Date.now()) {
  const kind = dayKind(day, now);
  if (kind === 'today') return 'Today';
  if (kind === 'yesterday') return 'Yesterday';
  return new Date(day).toLocaleDateString(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
}

/** The list item's last line. @param {Record<string, any>} c @param {boolean} searching */
export function previewText(c, searching) {
  const m = c.last_message;
  if (searching && c.match) return `${c.match.internal ? 'Note: ' : '… '}${truncate(c.match.body, PREVIEW_LEN)}`;
  if (!m) return 'No messages yet';
  const body = m.kind === 'image' || m.image ? '📷 Image' : truncate(m.body, PREVIEW_LEN);
  if (m.internal) return `Note: ${body}`;
  if (m.author === 'agent') return `Agent: ${body}`;
  return body;
}

/** An http(s) URL to link to, or null. @param {unknown} value */
export function safeHttpUrl(value) {
  try {
    const u = new URL(String(value));
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch (e) {
    return null;
  }
}

/** An image URL the console's CSP allows (same origin, data:image, blob:), or null.
 * @param {unknown} value @param {string} base the page's URL */
export function imageUrl(value, base) {
  if (typeof value !== 'string' || !value) return null;
  if (/^(data:image\/|blob:)/.test(value)) return value;
  try {
    const u = new URL(value, base);
    return u.origin === new URL(base).origin ? u.href : null;
  } catch (e) {
    return null;
  }
}

/** "14:05 (Europe/Oslo)" now in the shopper's zone, or null. @param {unknown} tz @param {number} [now] */
export function localTime(tz, now = Date.now()) {
  if (!tz) return null;
  try {
    return `${new Date(now).toLocaleTimeString(undefined, { timeZone: String(tz), hour: '2-digit', minute: '2-digit' })} (${tz})`;
  } catch (e) {
    return null;
  }
}

/** @param {unknown} amount @param {unknown} [currency] */
export function money(amount, currency) {
  if (amount == null || amount === '') return null;
  const n = Number(amount);
  if (Number.isNaN(n)) return String(amount);
  try {
    return currency ? n.toLocaleString(undefined, { style: 'currency', currency: String(currency) }) : n.toLocaleString();
  } catch (e) {
    return `${n} ${currency || ''}`.trim();
  }
}
