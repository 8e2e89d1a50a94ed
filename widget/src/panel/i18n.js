// The panel's words: English built in, other locales merged in when their JSON arrives (same
// keys, widget/res/<locale>.json). Labels bound to nodes are rewritten when the words change.
import { dayKind } from '../common/time.js';

export const EN = Object.freeze({
  chat: 'Chat', chatWith: 'Chat with {name}', online: 'Online', offline: 'Offline', close: 'Close chat',
  input: 'Type your message…', send: 'Send message', sending: 'Sending…', failed: 'Not sent',
  retry: 'Retry', connecting: 'Connecting…', reconnecting: 'Reconnecting…',
  blocked: 'This site is not allowed to use this chat.',
  unavailable: 'Chat is unavailable right now. Please try again later.',
  loadMore: 'Load earlier messages', typing: '{name} is typing…', seen: 'Seen', emoji: 'Emoji',
  attach: 'Send an image', image: 'Image', imageTooBig: 'The image is larger than 5 MB.',
  imageType: 'Send a PNG, JPEG, GIF or WebP image.', uploadFailed: 'The image could not be sent.',
  offlineTitle: "We're away right now",
  offlineDefault: "Leave your email and message and we'll reply as soon as we're back.",
  offlineEmail: 'Your email', offlineSaved: "Thanks! We'll reply to {email}.", today: 'Today',
  offlineNoMail: "Leave a message and we'll answer right here in this chat as soon as we're back.",
  offlineSavedHere: "Thanks! We have {email} and will answer right here in this chat.",
  yesterday: 'Yesterday', closeImage: 'Close image', agent: 'Agent', dropHere: 'Drop the image to send it',
});

/** @typedef {{setAttribute(name: string, value: string): void, textContent: string|null}} Labelled */

export class Strings {
  /** @param {string} [locale] a BCP 47 tag for dates, e.g. 'zh-CN' */
  constructor(locale) {
    this.locale = locale || 'en';
    /** @type {Record<string, string>} */
    this.text = { ...EN };
    /** @type {[Labelled, string, string][]} node, 'text' or an attribute, key */
    this.bound = [];
    /** @type {(() => void)[]} */
    this.listeners = [];
  }

  /**
   * The text of a key with `{name}` placeholders filled in; the key itself when unknown.
   * @param {string} key
   * @param {Record<string, string>} [vars]
   */
  t(key, vars) {
    let s = String(this.text[key] || key);
    for (const [name, value] of Object.entries(vars || {})) s = s.replace(`{${name}}`, value);
    return s;
  }

  /**
   * Keep a node's text (attr 'text') or attribute in this language, now and after merge().
   * @param {Labelled} node
   * @param {string} attr
   * @param {string} key
   */
  bind(node, attr, key) {
    this.bound.push([node, attr, key]);
    this.apply(node, attr, key);
  }

  /** @param {Labelled} node @param {string} attr @param {string} key */
  apply(node, attr, key) {
    if (attr === 'text') node.textContent = this.t(key);
    else node.setAttribute(attr, this.t(key));
  }

  /** @param {() => void} fn called after merge() */
  onChange(fn) {
    this.listeners.push(fn);
  }

  /**
   * Take another language's strings (string values only), relabel, tell the listeners.
   * @param {unknown} more
   */
  merge(more) {
    if (!more || typeof more !== 'object') return;
    for (const [key, value] of Object.entries(more)) if (typeof value === 'string') this.text[key] = value;
    for (const [node, attr, key] of this.bound) this.apply(node, attr, key);
    for (const fn of this.listeners) fn();
  }

  /**
   * A message's time: "14:05", or "Mar 3 14:05" when not today (the browser's own format).
   * @param {number} ms
   * @param {number} [now]
   */
  time(ms, now = Date.now()) {
    const at = new Date(ms);
    let s = at.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
    if (dayKind(ms, now) !== 'today') s = `${at.toLocaleDateString([], { month: 'short', day: 'numeric' })} ${s}`;
    return s;
  }

  /**
   * A day separator's label: Today, Yesterday or the date in this locale.
   * @param {number} day epoch ms of a local midnight
   * @param {number} [now]
   */
  day(day, now = Date.now()) {
    const kind = dayKind(day, now);
    if (kind !== 'other') return this.t(kind);
    return new Date(day).toLocaleDateString(this.locale, { month: 'short', day: 'numeric', year: 'numeric' });
  }
}

/**
 * Fetch a locale's strings (a CORS request the server allows for the shop's origins).
 * @param {string} url
 * @param {typeof fetch} [get]
 * @returns {Promise<Record<string, unknown>>} {} when they cannot be had: English stays
 */
export async function fetchStrings(url, get = globalThis.fetch) {
  try {
    const response = await get(url, { credentials: 'omit' });
    return response.ok ? await response.json() : {};
  } catch {
    return {};
  }
}
