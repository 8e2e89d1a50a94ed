/* Sending from the composer: replies and notes over the socket with a client_msg_id (shown
 * at once as pending, confirmed by the ack, failed by an error frame or 20 s of silence,
 * retried with the same id), images uploaded first, typing frames at most every 2 s. */
import { uuid } from '../common/ids.js';
/** @typedef {import('../common/thread.js').Thread} Thread */
import { imageProblem } from '../common/uploads.js';
import { api } from './api.js';
import { later } from './session.js';
import { send, isReady } from './socket.js';
import { allThreads } from './conversation.js';
import { getState, threadChanged, setReplyError } from './store.js';

/** A pending send as the console keeps it: common/thread.js's Pending plus these fields.
 * @typedef {{client_msg_id: string, status: 'sending'|'failed', error?: string|null, body?: string,
 *   internal?: boolean, sentAt?: number, uploading?: boolean, uploadId?: string}} Send */

/** @param {Thread} model @param {Send} send */
function addSend(model, send) {
  model.addPending(send);
}

/** @param {Thread} model @param {string} id @param {Partial<Send>} patch */
function patchSend(model, id, patch) {
  model.updatePending(id, patch);
}

/** @param {Thread} model @returns {Send[]} */
function sendsOf(model) {
  return model.pending;
}

const PENDING_TIMEOUT_MS = 20000;
const TYPING_SEND_MS = 2000;
let lastTypingSent = 0;

/** @param {number} cid @param {Send} p */
function frameOf(cid, p) {
  /** @type {Record<string, any>} */
  const frame = { type: 'message', conversation_id: cid, client_msg_id: p.client_msg_id, body: p.body };
  if (p.internal) frame.internal = true;
  if (p.uploadId) frame.upload_id = p.uploadId;
  return frame;
}

/** @param {Thread} model @param {number} cid @param {Send} p one of model's pending sends */
function transmit(model, cid, p) {
  patchSend(model, p.client_msg_id, { status: 'sending', error: null, sentAt: Date.now() });
  send(frameOf(cid, p));
  later(expirePending, PENDING_TIMEOUT_MS + 100);
}

/** The text to send: leading blank lines and trailing space dropped. @param {string} text */
export function replyBody(text) {
  return text.replace(/^\s*\n/, '').replace(/\s+$/, '');
}

/** @param {string} body @returns {boolean} sent (the caller clears the box) */
export function sendReply(body) {
  const s = getState();
  const t = s.thread;
  if (!t || !body.trim()) return false;
  const max = s.limits.max_body_chars;
  if (body.length > max) {
    setReplyError(`Messages can be at most ${max} characters.`);
    return false;
  }
  setReplyError('');
  /** @type {Send} */
  const pending = { client_msg_id: uuid(), status: 'sending', body, internal: s.noteMode, sentAt: Date.now() };
  addSend(t.model, pending);
  lastTypingSent = 0;
  transmit(t.model, t.id, pending);
  threadChanged({ stick: true });
  return true;
}

/** @param {string} cmid */
export function retrySend(cmid) {
  const t = getState().thread;
  const p = t && /** @type {Send|undefined} */ (t.model.getPending(cmid));
  if (!t || !p) return;
  if (!p.uploadId && !p.body) t.model.removePending(cmid); // a failed upload: pick the file again
  else {
    setReplyError('');
    transmit(t.model, t.id, p);
  }
  threadChanged();
}

/** Check the image like the widget does (the server checks again), upload it, send it.
 * @param {File} file @param {string} caption the reply box's text */
export async function sendImage(file, caption) {
  const s = getState();
  const t = s.thread;
  if (!t) return;
  // The type as the widget checks it; the size against the server's limit (from /me).
  const problem = imageProblem({ type: file.type, size: 0 }) || (file.size > s.limits.max_upload_bytes ? 'size' : null);
  if (problem) {
    setReplyError(problem === 'type' ? 'Only PNG, JPEG, GIF or WebP images can be sent.'
      : `The image is larger than ${Math.round(s.limits.max_upload_bytes / 1024 / 1024)} MB.`);
    return;
  }
  setReplyError('');
  const cmid = uuid();
  addSend(t.model, { client_msg_id: cmid, status: 'sending', body: caption.slice(0, s.limits.max_body_chars),
    internal: s.noteMode, sentAt: Date.now(), uploading: true });
  threadChanged({ stick: true });
  try {
    const data = await api('POST', '/uploads', file);
    patchSend(t.model, cmid, { uploading: false, uploadId: data.upload.id });
    transmit(t.model, t.id, /** @type {Send} */ (t.model.getPending(cmid)));
  } catch (e) {
    const error = /** @type {Error} */ (e).message || 'The image could not be uploaded.';
    patchSend(t.model, cmid, { uploading: false, status: 'failed', error });
    setReplyError(error);
  }
  threadChanged({ stick: true });
}

/** Mark sends without an ack in time as failed (they can be retried safely). */
export function expirePending() {
  if (!isReady()) return;
  let changed = false;
  for (const [, model] of allThreads()) {
    for (const p of sendsOf(model)) {
      if (p.status === 'sending' && !p.uploading && Date.now() - (p.sentAt || 0) > PENDING_TIMEOUT_MS) {
        patchSend(model, p.client_msg_id, { status: 'failed', error: 'No confirmation from the server.' });
        changed = true;
      }
    }
  }
  if (changed) threadChanged();
}

/** After a (re)connect: send again what is still sending, with the same client_msg_id. */
export function resendPending() {
  for (const [cid, model] of allThreads()) {
    for (const p of sendsOf(model)) {
      if (p.status !== 'sending' || p.uploading) continue;
      patchSend(model, p.client_msg_id, { sentAt: Date.now() });
      send(frameOf(cid, p));
      later(expirePending, PENDING_TIMEOUT_MS + 100);
    }
  }
}

/** An error frame: fail the send it names, or, without a client_msg_id, the open thread's
 * sending ones when the conversation is gone. @param {Record<string, any>} f @returns {boolean} it concerned the open thread */
export function failPending(f) {
  const t = getState().thread;
  const msg = f.message || 'Something went wrong.';
  let mine = false;
  for (const [cid, model] of allThreads()) {
    for (const p of sendsOf(model)) {
      const named = f.client_msg_id && p.client_msg_id === f.client_msg_id;
      const gone = !f.client_msg_id && f.code === 'not_found' && t && t.id === cid && p.status === 'sending';
      if (!named && !gone) continue;
      patchSend(model, p.client_msg_id, { status: 'failed', error: msg });
      if (t && t.id === cid) mine = true;
    }
  }
  if (mine) threadChanged();
  return mine;
}

/** The agent types a reply (not a note, not a /shortcut): tell the shopper, at most every 2 s. @param {string} text */
export function typed(text) {
  const s = getState();
  if (!s.thread || s.noteMode || !text.trim() || text.startsWith('/') || Date.now() - lastTypingSent < TYPING_SEND_MS) return;
  if (send({ type: 'typing', conversation_id: s.thread.id })) lastTypingSent = Date.now();
}
