/* Pure: the console's layout by width, which pane shows, and where Back goes
 * (docs/console.md, "Phone and installing"). Below 720 px a phone shows one pane at a time:
 * the list, the open conversation, or its visitor details as a sheet; below 1240 px the
 * details are a sheet over the conversation; from 1240 px up everything is side by side. */

/** @typedef {import('./store.js').Pane} Pane */
/** @typedef {import('./store.js').Layout} Layout */
/** @typedef {{pane: Pane, layout: Layout, view: string, thread: {id: number}|null}} PaneState */

export const PHONE_BELOW = 720;
export const DESKTOP_FROM = 1240;

/** @param {number} width the viewport's, in CSS pixels @returns {Layout} */
export function layoutFor(width) {
  return width < PHONE_BELOW ? 'phone' : width < DESKTOP_FROM ? 'tablet' : 'desktop';
}

/** The pane on screen: the list while no conversation is open; no sheet on a desktop. @param {PaneState} s @returns {Pane} */
export function shownPane(s) {
  if (!s.thread) return 'list';
  return s.pane === 'details' && s.layout === 'desktop' ? 'thread' : s.pane;
}

/** Where Back (the header's ←, the sheet's ✕, Esc) goes from here; null: nowhere in this layout. @param {PaneState} s @returns {Pane|null} */
export function backFrom(s) {
  if (s.view !== 'inbox') return null;
  const shown = shownPane(s);
  if (shown === 'details') return 'thread';
  return shown === 'thread' && s.layout === 'phone' ? 'list' : null;
}

/** Opening a conversation adds a browser history entry only from a phone's list (so the
 * browser's or Android's Back returns to the list), never when the URL itself opened it.
 * @param {PaneState} s @param {boolean} fromUrl */
export function pushesEntry(s, fromUrl) {
  return !fromUrl && s.layout === 'phone' && !s.thread;
}

/**
 * The browser's Back or Forward landed on an entry: what to show. `entry` is the pane the
 * console stored in that entry (null: an entry it did not push, i.e. the list or a link);
 * `hashId` the conversation its URL names. 'close' closes the conversation (back to the
 * list); null changes nothing (a URL naming another conversation opens it through the hash).
 * @param {PaneState} s @param {Pane|null} entry @param {number|null} hashId
 * @returns {Pane|'close'|null}
 */
export function afterHistoryMove(s, entry, hashId) {
  if (!s.thread) return null;
  if (entry === 'details' || entry === 'thread') return entry === s.pane ? null : entry;
  if (hashId == null && s.layout === 'phone') return 'close';
  return s.pane === 'details' ? 'thread' : null;
}
