/* The agent WebSocket: hello with the token, frames to the handler table, reconnect with
 * exponential backoff and jitter (a restarting server, 1012, gets a quick first retry), and
 * 4401 ends the session. One socket per session: the session's end closes it. */
import { getState, setConnection } from './store.js';
import { endSession, later, sessionSignal, EXPIRED } from './session.js';

/** @typedef {(frame: Record<string, any>) => void} FrameHandler */

/** @type {WebSocket|null} */
let ws = null;
let ready = false;
let retries = 0;
/** @type {ReturnType<typeof setTimeout>|null} */
let timer = null;
/** @type {Record<string, FrameHandler>} */
let handlers = {};
let onClosed = () => {};

/** Connect for the current session.
 * @param {Record<string, FrameHandler>} table frame type -> handler
 * @param {() => void} closed called whenever the socket closes */
export function connect(table, closed) {
  handlers = table;
  onClosed = closed;
  retries = 0;
  const signal = sessionSignal();
  signal.addEventListener('abort', () => {
    const old = ws;
    ws = null;
    ready = false;
    if (timer) clearTimeout(timer);
    if (old) try { old.close(1000, 'logout'); } catch (e) { /* already closed */ }
  }, { once: true });
  open();
}

function open() {
  const token = getState().token;
  if (!token) return;
  let socket;
  try {
    socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/ws/agent`);
  } catch (e) {
    retry();
    return;
  }
  ws = socket;
  ready = false;
  setConnection('connecting');
  socket.addEventListener('open', () => {
    if (ws === socket) socket.send(JSON.stringify({ type: 'hello', token }));
  });
  socket.addEventListener('message', (ev) => {
    if (ws !== socket) return;
    let frame;
    try { frame = JSON.parse(ev.data); } catch (e) { return; }
    const handler = frame && Object.prototype.hasOwnProperty.call(handlers, frame.type) ? handlers[frame.type] : null;
    if (!handler) return; // a frame type this console does not know: ignored
    if (frame.type === 'welcome') {
      ready = true;
      retries = 0;
    }
    try { handler(frame); } catch (e) { console.warn('shopchat: failed to handle frame', frame.type, e); }
  });
  socket.addEventListener('close', (ev) => {
    if (ws !== socket) return;
    ws = null;
    ready = false;
    onClosed();
    if (ev.code === 4401) endSession(EXPIRED);
    else retry(ev.code);
  });
}

/** @param {number} [code] the close code */
function retry(code) {
  const n = retries++;
  const cap = Math.min(30000, 1000 * 2 ** Math.min(n, 5));
  // Full jitter on the upper half of the window; a restarting server gets a quick first retry.
  let delay = cap / 2 + Math.random() * (cap / 2);
  if (code === 1012 && n === 0) delay = 300 + Math.random() * 700;
  setConnection('offline', delay);
  timer = later(open, delay);
}

/** The browser is back online: try now instead of waiting for the backoff. */
export function reconnectNow() {
  if (!getState().token || ws) return;
  if (timer) clearTimeout(timer);
  retries = 0;
  open();
}

/** Send a frame once the server welcomed us. @param {Record<string, any>} frame @returns {boolean} sent */
export function send(frame) {
  if (!ws || !ready || ws.readyState !== WebSocket.OPEN) return false;
  try {
    ws.send(JSON.stringify(frame));
    return true;
  } catch (e) {
    return false;
  }
}

export function isReady() {
  return ready;
}
