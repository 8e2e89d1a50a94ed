/* Canned replies in the reply box: the "/word" before the caret and the replies it matches.
 * Pure; tests/js/console-canned.test.js. */

/** The "/word" right before the caret (at the start or after a space), if any.
 * @param {string} text @param {number} caret @returns {{prefix: string, start: number}|null} */
export function slashToken(text, caret) {
  const before = text.slice(0, caret);
  const m = /(^|\s)\/([a-z0-9_-]*)$/i.exec(before);
  return m ? { prefix: m[2].toLowerCase(), start: before.length - m[2].length - 1 } : null;
}

/** At most 8 replies whose shortcut starts with the prefix.
 * @template {{shortcut: string}} T @param {T[]} canned @param {string} prefix @returns {T[]} */
export function cannedMatches(canned, prefix) {
  return canned.filter((c) => c.shortcut.startsWith(prefix)).slice(0, 8);
}

export const EMOJI = ['😀', '😊', '😉', '😍', '🙏', '👍', '👋', '🎉', '❤️', '✅', '📦', '🚚',
  '💳', '🔁', '⏳', '🤔', '😅', '😢', '🙌', '👌', '✨', '🔥', '💡', '📷'];
