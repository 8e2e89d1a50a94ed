// The shop's keys in localStorage (shopchat:<shop>:<name>, docs/widget.md "Storage"): nothing is
// written before the shopper first opens the chat, and a blocked or full storage is no error.

export const PENDING_MAX = 50;
export const PENDING_TTL_MS = 24 * 3600 * 1000;

/**
 * A send kept until it is acked, so a new page can resend it.
 * @typedef {{id: string, body: string, at: string, upload_id?: string, image?: object}} StoredSend
 */

export class ShopStorage {
  /**
   * @param {Pick<Storage, 'getItem'|'setItem'|'removeItem'>|null} storage
   * @param {(name: string) => string} keyOf the loader's ctx.key
   */
  constructor(storage, keyOf) {
    this.storage = storage;
    this.keyOf = keyOf;
    // a stored visitor token means the shopper opened the chat on an earlier page
    this.writable = false;
    this.writable = this.get('visitor') != null;
  }

  /** @param {string} name */
  get(name) {
    try {
      return this.storage ? this.storage.getItem(this.keyOf(name)) : null;
    } catch {
      return null;
    }
  }

  /**
   * Store a value, or remove it with null; nothing until writes are allowed.
   * @param {string} name
   * @param {string|number|null} value
   */
  set(name, value) {
    if (!this.writable || !this.storage) return;
    try {
      if (value == null) this.storage.removeItem(this.keyOf(name));
      else this.storage.setItem(this.keyOf(name), String(value));
    } catch {
      // full or blocked: the chat works without it
    }
  }

  /** The shopper opened the chat: from now on the widget may remember things. */
  allowWrites() {
    this.writable = true;
  }

  /** ShopChat.reset(): nothing is written again until the next open. */
  stopWrites() {
    this.writable = false;
  }
}

/**
 * The stored unacked sends that are well formed.
 * @param {ShopStorage} store
 * @returns {StoredSend[]}
 */
export function readPending(store) {
  try {
    const list = JSON.parse(store.get('pending') || '[]');
    return Array.isArray(list)
      ? list.filter((p) => p && typeof p.id === 'string' && typeof p.body === 'string' && p.id.length <= 64)
      : [];
  } catch {
    return [];
  }
}

/**
 * Remember a send (replacing one with the same id), keeping the newest PENDING_MAX.
 * @param {ShopStorage} store
 * @param {StoredSend} item
 */
export function savePending(store, item) {
  const list = readPending(store).filter((p) => p.id !== item.id);
  list.push(item);
  store.set('pending', JSON.stringify(list.slice(-PENDING_MAX)));
}

/**
 * Forget a send (acked, or failed for good).
 * @param {ShopStorage} store
 * @param {string} id
 */
export function dropPending(store, id) {
  const list = readPending(store);
  const rest = list.filter((p) => p.id !== id);
  if (rest.length !== list.length) store.set('pending', rest.length ? JSON.stringify(rest) : null);
}

/**
 * The sends a previous page left unacked and younger than PENDING_TTL_MS (or of unknown age);
 * the older ones are forgotten.
 * @param {ShopStorage} store
 * @param {number} [now]
 * @returns {StoredSend[]}
 */
export function restorePending(store, now = Date.now()) {
  return readPending(store).filter((p) => {
    const at = Date.parse(p.at);
    if (Number.isNaN(at) || now - at < PENDING_TTL_MS) return true;
    dropPending(store, p.id);
    return false;
  });
}
