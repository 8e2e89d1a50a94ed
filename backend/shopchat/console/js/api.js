/* The REST client: JSON in and out, the bearer token, errors as ApiError. A request whose
 * signal (the session's, or a narrower one) is aborted never settles: its caller's
 * continuation simply never runs, which is how results of a finished session are dropped. */
import { getState } from './store.js';
import { endSession, sessionSignal, EXPIRED } from './session.js';

const API = '/api/v1';

export class ApiError extends Error {
  /** @param {number} status @param {string} code @param {string} message */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** @returns {Promise<never>} */
function dropped() {
  return new Promise(() => {});
}

/**
 * @param {string} method
 * @param {string} path under /api/v1
 * @param {unknown} [body] sent as JSON; a Blob is sent raw (uploads)
 * @param {AbortSignal} [signal] defaults to the session's
 * @returns {Promise<Record<string, any>>}
 */
export async function api(method, path, body, signal = sessionSignal()) {
  const token = getState().token;
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  const raw = typeof Blob !== 'undefined' && body instanceof Blob;
  if (body !== undefined) headers['Content-Type'] = raw ? /** @type {Blob} */ (body).type : 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(API + path, {
      method, headers, signal, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : raw ? /** @type {Blob} */ (body) : JSON.stringify(body),
    });
  } catch (e) {
    if (signal.aborted) return dropped();
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection and try again.');
  }
  let data = null;
  try { data = await res.json(); } catch (e) { /* empty or not JSON */ }
  if (signal.aborted) return dropped();
  if (!res.ok) {
    const err = (data && data.error) || {};
    if (res.status === 401 && path !== '/agent/login' && token) {
      endSession(EXPIRED);
      return dropped();
    }
    throw new ApiError(res.status, err.code || `http_${res.status}`, err.message || `Request failed (HTTP ${res.status}).`);
  }
  return data || {};
}
