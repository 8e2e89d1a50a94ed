/* One signed-in session: its token kept in sessionStorage, and an AbortController that ends
 * with it. Every request, timer and socket of a session hangs off sessionSignal(), so work
 * that finishes after a logout or an expiry is dropped here, once, not checked by callers. */
import { getState, signedIn, signedOut } from './store.js';

const TOKEN_KEY = 'shopchat.console.token';
const PROFILE_KEY = 'shopchat.console.profile';
export const EXPIRED = 'Your session has ended. Please sign in again.';

let controller = new AbortController();
/** @type {Set<() => void>} */
const endHooks = new Set();

/** Run fn whenever a session ends (module-level caches that belong to one session). @param {() => void} fn */
export function onEverySessionEnd(fn) {
  endHooks.add(fn);
}

function restart() {
  controller.abort();
  controller = new AbortController();
  for (const fn of endHooks) fn();
}

/** The current session's signal: aborted when it ends. */
export function sessionSignal() {
  return controller.signal;
}

/** @param {{token: string, agent: import('./store.js').Agent|null, shop: import('./store.js').Shop|null}} who */
export function beginSession(who) {
  restart();
  signedIn(who);
  saveProfile();
}

/** Drop the session: forget the token, stop its work, show the sign-in form. @param {string} [message] */
export function endSession(message = '') {
  restart();
  try {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(PROFILE_KEY);
  } catch (e) { /* storage disabled */ }
  signedOut(message);
}

/** Keep token and names for a reload of this tab (closing the tab signs out). */
export function saveProfile() {
  const { token, agent, shop } = getState();
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(PROFILE_KEY, JSON.stringify({ agent, shop }));
  } catch (e) { /* storage disabled: the session just won't survive a reload */ }
}

/** The session this tab had before a reload, if any. */
export function storedSession() {
  try {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const profile = JSON.parse(sessionStorage.getItem(PROFILE_KEY) || 'null') || {};
    return token ? { token, agent: profile.agent || null, shop: profile.shop || null } : null;
  } catch (e) {
    return null;
  }
}

/** setTimeout that the end of the session cancels. @param {() => void} fn @param {number} ms */
export function later(fn, ms) {
  const signal = controller.signal;
  const timer = setTimeout(fn, ms);
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return timer;
}

/** An AbortController that ends with the session, or earlier (e.g. one per open conversation). */
export function childController() {
  const child = new AbortController();
  const signal = controller.signal;
  if (signal.aborted) child.abort();
  else signal.addEventListener('abort', () => child.abort(), { once: true });
  return child;
}
