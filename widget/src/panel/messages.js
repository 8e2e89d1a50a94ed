// The message list, drawn from the thread's rows (common/thread.js) with a keyed update: rows
// that are new are created, changed ones redrawn, gone ones removed, the rest left alone. Own
// sends keep their node from "sending" to "sent" (keyed by client_msg_id). No state on nodes.
import { parseTime } from '../common/time.js';
import { el, icon, clear, fillText } from './dom.js';

/**
 * @typedef {import('../common/thread.js').Row} Row
 * @typedef {import('./i18n.js').Strings} Strings
 * @typedef {{id: string, url: string, width?: number, height?: number}} Image
 * @typedef {{node: HTMLElement, sig: string, bubble?: HTMLElement, meta?: HTMLElement,
 *   body?: string, thumb?: HTMLButtonElement, full?: string}} Entry
 */

/**
 * A bubble's skeleton: `.msg[data-testid=message][data-author]` > `.bubble` + `.meta`.
 * @param {string} author
 */
export function createBubble(author) {
  const node = el('div', 'msg', { 'data-testid': 'message', 'data-author': author });
  const bubble = node.appendChild(el('div', 'bubble'));
  const meta = node.appendChild(el('div', 'meta'));
  return { node, bubble, meta };
}

/**
 * What a row shows; rows with the same signature need no redraw.
 * @param {Row} row
 * @param {string} label the day label (day rows)
 */
function signature(row, label) {
  if (row.type === 'day') return `d${label}`;
  if (row.type === 'message') return `m${row.message.seq}:${row.read}:${row.seen}`;
  const p = /** @type {Record<string, any>} */ (row.pending);
  return `p${p.status}:${p.at}:${(p.image && p.image.url) || ''}`;
}

export class MessageList {
  /**
   * @param {HTMLElement} box the element the rows go in
   * @param {Strings} strings
   * @param {{base: string, retry: (id: string) => void, openImage: (url: string) => void}} options
   */
  constructor(box, strings, options) {
    this.box = box;
    this.strings = strings;
    this.options = options;
    /** @type {Map<string, Entry>} */
    this.entries = new Map();
    /** @type {Row[]} */
    this.rows = [];
    this.generation = 0; // bumped to redraw every row (another language)
  }

  /** @param {Row[]} rows in display order */
  update(rows) {
    this.rows = rows;
    const now = Date.now();
    /** @type {Map<string, [Row, string]>} */
    const wanted = new Map();
    for (const row of rows) {
      const own = row.type === 'message' && row.message.client_msg_id;
      let key = own ? `p${own}` : row.key;
      if (wanted.has(key)) key = row.key;
      wanted.set(key, [row, row.type === 'day' ? this.strings.day(row.day, now) : '']);
    }
    for (const [key, entry] of this.entries) {
      if (!wanted.has(key)) {
        entry.node.remove();
        this.entries.delete(key);
      }
    }
    /** @type {ChildNode|null} */
    let ref = this.box.firstChild;
    for (const [key, [row, label]] of wanted) {
      const sig = `${this.generation}:${signature(row, label)}`;
      let entry = this.entries.get(key);
      if (!entry) {
        entry = row.type === 'day' ? { node: el('div', 'day', { role: 'separator' }), sig: '' } : this.create(row);
        this.entries.set(key, entry);
      }
      if (entry.sig !== sig) {
        entry.sig = sig;
        if (row.type === 'day') entry.node.textContent = label;
        else this.draw(entry, row);
      }
      if (entry.node === ref) ref = ref.nextSibling;
      else this.box.insertBefore(entry.node, ref);
    }
  }

  /** Draw every row again (the words changed). */
  redraw() {
    this.generation++;
    this.update(this.rows);
  }

  /** @param {Row} row @returns {Entry} */
  create(row) {
    const author = row.type === 'message' ? row.message.author : 'visitor';
    return { ...createBubble(author), sig: '' };
  }

  /**
   * Bring a message or pending bubble up to date.
   * @param {Entry} entry
   * @param {Row} row a message or pending row
   */
  draw(entry, row) {
    const { node, meta } = entry;
    const t = (/** @type {string} */ key) => this.strings.t(key);
    const m = row.type === 'message' ? /** @type {Record<string, any>} */ (row.message) : null;
    const p = row.type === 'pending' ? /** @type {Record<string, any>} */ (row.pending) : null;
    const item = m || p;
    const cmid = item.client_msg_id;
    const state = p ? p.status : m.author === 'visitor' ? 'sent' : null;
    node.setAttribute('data-author', m ? m.author : 'visitor');
    node.setAttribute('data-kind', (m ? m.kind : p.kind) || 'text');
    if (m) node.setAttribute('data-seq', String(m.seq));
    if (cmid) node.setAttribute('data-cmid', cmid);
    if (state) node.setAttribute('data-state', state);
    if (row.type === 'message' && row.read) node.setAttribute('data-seen', 'true');
    if ((m && m.image) || (p && p.kind === 'image')) this.drawThumb(entry, item.image);
    const body = String(item.body || '');
    if (entry.body !== body) fillText(entry.bubble, (entry.body = body));

    clear(meta);
    if (m && m.author === 'agent' && m.agent && m.agent.name) {
      meta.appendChild(el('span', 'who')).textContent = m.agent.name;
    }
    const at = parseTime(m ? m.created_at : p.at);
    if (at != null) {
      const time = meta.appendChild(el('time', 'time', { datetime: new Date(at).toISOString() }));
      time.textContent = this.strings.time(at);
    }
    if (p) {
      meta.appendChild(el('span', 'note')).textContent = t(p.status === 'failed' ? 'failed' : 'sending');
      if (p.status === 'failed') {
        const retry = meta.appendChild(el('button', 'retry', { type: 'button', 'data-testid': 'retry' }));
        retry.textContent = t('retry');
        retry.addEventListener('click', () => this.options.retry(cmid));
      }
    }
    if (row.type === 'message' && row.seen) {
      const seen = meta.appendChild(el('span', 'seen', { 'data-testid': 'seen' }));
      seen.appendChild(icon('seen'));
      seen.appendChild(document.createTextNode(t('seen')));
    }
  }

  /**
   * The image button above the text: an image icon while uploading, then the thumbnail that
   * opens the full size.
   * @param {Entry} entry
   * @param {Image|null|undefined} image
   */
  drawThumb(entry, image) {
    if (!entry.thumb) {
      const thumb = el('button', 'thumb', { type: 'button', 'data-testid': 'image' });
      thumb.addEventListener('click', () => {
        if (entry.full) this.options.openImage(entry.full);
      });
      entry.thumb = /** @type {HTMLButtonElement} */ (entry.node.insertBefore(thumb, entry.bubble));
    }
    const { thumb } = entry;
    const alt = this.strings.t('image');
    thumb.setAttribute('aria-label', alt);
    const url = image && image.url ? (/^https?:/.test(image.url) ? '' : this.options.base) + image.url : '';
    if (url === entry.full && thumb.firstChild) {
      const shown = thumb.querySelector('img');
      if (shown) shown.alt = alt;
      return;
    }
    entry.full = url;
    clear(thumb);
    thumb.className = url ? 'thumb' : 'thumb up';
    if (!url) {
      thumb.appendChild(icon('image'));
      return;
    }
    const img = thumb.appendChild(el('img', '', { src: url, alt, loading: 'lazy' }));
    if (image.width && image.height) {
      img.width = image.width;
      img.height = image.height;
    }
  }
}
