// Times as the server sends them (ISO 8601 strings) turned into numbers the views can compare.

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Epoch milliseconds of an ISO 8601 time, or null when it is missing or not a time.
 * @param {string|null|undefined} iso
 * @returns {number|null}
 */
export function parseTime(iso) {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Local midnight of the day that ms falls on.
 * @param {number} ms
 * @returns {number}
 */
export function startOfDay(ms) {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/**
 * Which label a day separator needs; callers put it in their own language.
 * @param {number} ms
 * @param {number} [now]
 * @returns {'today'|'yesterday'|'other'}
 */
export function dayKind(ms, now = Date.now()) {
  const day = startOfDay(ms);
  const today = startOfDay(now);
  if (day === today) return 'today';
  // noon of today minus a day: right across daylight-saving changes
  return day === startOfDay(today + DAY_MS / 2 - DAY_MS) ? 'yesterday' : 'other';
}
