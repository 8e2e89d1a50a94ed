// Business hours from welcome.shop.hours ({open, now, changes_at}): open at the welcome, the
// server's clock and the coming week's openings and closings (epoch ms), each one flipping `open`.

/** @typedef {{open: boolean, changes: number[], skew: number}} Hours skew: server clock - ours */

/** Shops without hours: always open. @type {Readonly<Hours>} */
export const ALWAYS_OPEN = Object.freeze({ open: true, changes: [], skew: 0 });

/**
 * @param {{open?: boolean, now?: number, changes_at?: number[]}|null|undefined} hours
 * @param {number} [clientNow] our clock when the welcome arrived
 * @returns {Hours}
 */
export function readHours(hours, clientNow = Date.now()) {
  const h = hours || {};
  return {
    open: h.open !== false,
    changes: Array.isArray(h.changes_at) ? h.changes_at.filter((t) => typeof t === 'number') : [],
    skew: typeof h.now === 'number' ? h.now - clientNow : 0,
  };
}

/**
 * Open now by the business hours, and how long until that flips (-1: not this week).
 * @param {Hours} hours
 * @param {number} [clientNow]
 * @returns {{open: boolean, nextMs: number}}
 */
export function hoursAt(hours, clientNow = Date.now()) {
  const now = clientNow + hours.skew;
  let passed = 0;
  while (passed < hours.changes.length && hours.changes[passed] <= now) passed++;
  return {
    open: passed % 2 ? !hours.open : hours.open,
    nextMs: passed < hours.changes.length ? hours.changes[passed] - now : -1,
  };
}
