// The shopper's sends until the server has them: text and images as pending entries of the
// thread, kept in localStorage for the next page, sent when the socket is ready, resent after
// every welcome with the same client_msg_id, marked failed on an error frame (Retry).
import { uuid } from '../common/ids.js';
import { imageProblem } from '../common/uploads.js';
import { savePending, dropPending, restorePending } from './storage.js';
import { uploadImage } from './upload.js';

/**
 * A pending send as the thread keeps it (common/thread.js Pending plus our fields).
 * @typedef {import('../common/thread.js').Pending & {kind: 'text'|'image', at: string,
 *   upload_id?: string, image?: import('./upload.js').Upload|null, file?: File|null}} Send
 * @typedef {import('./chat.js').Chat} Chat
 */

/** The message frame of a send. @param {Send} p */
export function messageFrame(p) {
  /** @type {Record<string, string>} */
  const frame = { type: 'message', client_msg_id: p.client_msg_id, body: p.body || '' };
  if (p.upload_id) frame.upload_id = p.upload_id;
  return frame;
}

/** An image still uploading has no message to send yet. @param {Send} p */
function sendable(p) {
  return p.status === 'sending' && (p.kind !== 'image' || !!p.upload_id);
}

export class Outbox {
  /** @param {Chat} chat */
  constructor(chat) {
    this.chat = chat;
  }

  /** @param {string} id @returns {Send|undefined} */
  get(id) {
    return /** @type {Send|undefined} */ (this.chat.thread.getPending(id));
  }

  /** @returns {Send[]} */
  all() {
    return /** @type {Send[]} */ (this.chat.thread.pending);
  }

  /** Sends a previous page left unacked: shown as sending, resent after the welcome. */
  restore() {
    for (const p of restorePending(this.chat.store)) {
      this.chat.thread.addPending(/** @type {Send} */ ({
        client_msg_id: p.id, status: 'sending', kind: p.upload_id ? 'image' : 'text',
        body: p.body, at: p.at, upload_id: p.upload_id, image: p.image,
      }));
    }
  }

  /** Write them all down (the first open allows writing). */
  persist() {
    for (const p of this.all()) if (sendable(p)) this.remember(p);
  }

  /** @param {Send} p */
  remember(p) {
    const item = { id: p.client_msg_id, body: p.body || '', at: p.at };
    if (p.upload_id) Object.assign(item, { upload_id: p.upload_id, image: p.image });
    savePending(this.chat.store, item);
  }

  /**
   * A message from the composer; false when this chat cannot send (blocked, unavailable).
   * @param {string} body
   */
  sendText(body) {
    const chat = this.chat;
    if (!body || chat.stopped) return false;
    chat.takeOfflineEmail();
    const id = uuid();
    chat.thread.addPending(/** @type {Send} */ ({
      client_msg_id: id, status: 'sending', kind: 'text', body, at: new Date().toISOString(),
    }));
    this.send(id);
    chat.show('bottom');
    return true;
  }

  /** @param {File} file */
  sendImage(file) {
    const chat = this.chat;
    if (chat.stopped) return;
    const problem = imageProblem(file);
    if (problem) {
      chat.view.flash(chat.strings.t(problem === 'type' ? 'imageType' : 'imageTooBig'));
      return;
    }
    chat.takeOfflineEmail();
    const id = uuid();
    chat.thread.addPending(/** @type {Send} */ ({
      client_msg_id: id, status: 'sending', kind: 'image', body: '', at: new Date().toISOString(),
      file, image: null,
    }));
    chat.show('bottom');
    this.upload(id);
  }

  /** Upload the image's bytes once connected, then send its message. @param {string} id */
  async upload(id) {
    const chat = this.chat;
    chat.thread.updatePending(id, { status: 'sending' });
    chat.show();
    try {
      await chat.whenReady();
      const p = this.get(id);
      if (!p || !p.file) return;
      const image = await uploadImage({ base: chat.ctx.base, shop: chat.ctx.shop, token: chat.token, file: p.file });
      chat.thread.updatePending(id, /** @type {Partial<Send>} */ ({ file: null, upload_id: image.id, image }));
      this.send(id);
    } catch (e) {
      chat.thread.updatePending(id, { status: 'failed' });
      chat.view.flash(chat.strings.t('uploadFailed') + (e && e.message ? ` ${e.message}` : ''));
    }
    chat.show();
  }

  /** Mark as sending, remember, and send if the socket is ready. @param {string} id */
  send(id) {
    this.chat.thread.updatePending(id, { status: 'sending' });
    const p = this.get(id);
    if (!p) return;
    this.remember(p);
    if (this.chat.socket.ready) this.chat.socket.send(messageFrame(p));
  }

  /** Every unacked message again, with its own client_msg_id (after a welcome). */
  resendAll() {
    for (const p of this.all()) if (sendable(p)) this.chat.socket.send(messageFrame(p));
  }

  /** The Retry button: upload again, or send again. @param {string} id */
  retry(id) {
    const p = this.get(id);
    if (!p || p.status !== 'failed') return;
    if (p.file) {
      this.upload(id);
      return;
    }
    this.chat.thread.updatePending(id, /** @type {Partial<Send>} */ ({ at: new Date().toISOString() }));
    this.send(id);
    this.chat.show();
  }

  /**
   * An error frame for a send: it failed (Retry shows) and leaves storage.
   * @param {string} id
   * @returns {boolean} false when no such send was waiting
   */
  failed(id) {
    const p = id ? this.get(id) : undefined;
    if (!p || p.status !== 'sending') return false;
    this.chat.thread.updatePending(id, { status: 'failed' });
    dropPending(this.chat.store, id);
    this.chat.show();
    return true;
  }

  /**
   * A message carrying one of our client_msg_ids arrived (ack, or a welcome after a reconnect):
   * forget the stored copy. True when it was one of ours still pending.
   * @param {string|null|undefined} id
   */
  confirmed(id) {
    if (!id || !this.get(id)) return false;
    dropPending(this.chat.store, id);
    return true;
  }
}
