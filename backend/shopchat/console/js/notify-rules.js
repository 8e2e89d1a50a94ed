/* What the console announces, as data: whether a message notifies, the notification's text,
 * the tab title. Pure; tests/js/console-notify.test.js. */
import { truncate } from './format.js';
import { visitorName } from './names.js';

/**
 * A shopper's message notifies unless the agent is looking at that very conversation
 * (inbox shown, tab visible, that conversation open). Agents' replies and notes never do.
 * @param {Record<string, any>} m
 * @param {{view: string, visible: boolean, openId: number|null}} screen
 */
export function shouldNotify(m, screen) {
  if (!m || m.author !== 'visitor' || m.internal) return false;
  return !(screen.view === 'inbox' && screen.visible && screen.openId === m.conversation_id);
}

/**
 * The desktop notification (plain text: the browser shows it, nothing is parsed).
 * @param {Record<string, any>} m
 * @param {Record<string, any>|null} conv null when the shopper is not known yet
 * @param {boolean} isNew the console had no row for that conversation
 */
export function notificationText(m, conv, isNew) {
  const who = conv ? visitorName(conv.visitor) : 'A shopper';
  return {
    title: isNew ? `New conversation — ${who}` : who,
    body: truncate(m.body || '📷 Image', 140),
    tag: `shopchat-${m.conversation_id}`,
  };
}

/** @param {string|null|undefined} shopName @param {number} unread @param {boolean} showCount */
export function tabTitle(shopName, unread, showCount) {
  const count = showCount && unread ? `(${unread}) ` : '';
  return `${count}${shopName || 'shopchat'} — shopchat console`;
}
