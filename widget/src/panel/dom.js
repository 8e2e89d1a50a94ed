// Creating the panel's elements: tags with classes and attributes, icon glyphs, and message text
// with its links. Text always goes in through text nodes; nothing here parses HTML.

/** Glyphs of the subset icon font (Bootstrap Icons, MIT) that styles.js registers. */
export const ICON = Object.freeze({
  close: '\uf659', send: '\uf6b9', plus: '\uf64d', emoji: '\uf327', check: '\uf26e',
  seen: '\uf269', retry: '\uf116', mail: '\uf32f', image: '\uf42a', down: '\uf282',
  warn: '\uf333', clock: '\uf293',
});

/**
 * A new element.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [cls]
 * @param {Record<string, string>} [attrs]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, cls, attrs) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
  return node;
}

/**
 * An icon: one glyph of the icon font, hidden from screen readers.
 * @param {keyof typeof ICON} name
 */
export function icon(name) {
  const span = el('span', 'i', { 'aria-hidden': 'true' });
  span.textContent = ICON[name];
  return span;
}

/** Empty a node. @param {Node} node */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

const URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;

/**
 * Pieces of plain text: strings, and http(s) links as {href, text}. Trailing punctuation
 * stays out of a link; anything `new URL` refuses stays text.
 * @param {string|null|undefined} value
 * @returns {(string|{href: string, text: string})[]}
 */
export function linkify(value) {
  const text = String(value == null ? '' : value);
  /** @type {(string|{href: string, text: string})[]} */
  const parts = [];
  let last = 0;
  for (const found of text.matchAll(URL_RE)) {
    const raw = found[0].replace(/[.,;:!?)\]}'"]+$/, '');
    let href = null;
    try {
      const url = new URL(raw);
      if (url.protocol === 'http:' || url.protocol === 'https:') href = url.href;
    } catch {
      // not a URL after all
    }
    if (!href || found.index < last) continue;
    if (found.index > last) parts.push(text.slice(last, found.index));
    parts.push({ href, text: raw });
    last = found.index + raw.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/**
 * Put text into a node, links as `<a target="_blank" rel="noopener noreferrer">`.
 * @param {HTMLElement} node
 * @param {string|null|undefined} text
 */
export function fillText(node, text) {
  clear(node);
  for (const part of linkify(text)) {
    if (typeof part === 'string') {
      node.appendChild(document.createTextNode(part));
    } else {
      const a = el('a', '', { target: '_blank', rel: 'noopener noreferrer' });
      a.href = part.href;
      a.textContent = part.text;
      node.appendChild(a);
    }
  }
}
