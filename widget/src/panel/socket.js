// The visitor WebSocket's life: connect, the hello timeout, reconnects with backoff, the
// browser's `online` event and the back/forward cache. What the frames mean is chat.js's.

export const HELLO_TIMEOUT_MS = 15000;
export const MAX_DELAY_MS = 30000;

/**
 * The wait before reconnect attempt n (0-based): 0.5 s, 1 s, 2 s … capped at 30 s, ±20 % jitter.
 * @param {number} attempt
 * @param {() => number} [random]
 */
export function backoffDelay(attempt, random = Math.random) {
  const delay = Math.min(MAX_DELAY_MS, 500 * 2 ** Math.min(attempt, 6));
  return Math.min(MAX_DELAY_MS, delay * (0.8 + random() * 0.4));
}

/**
 * @typedef {object} SocketHandlers
 * @property {() => object} hello the first frame on every new socket
 * @property {(frame: Record<string, any>) => void} frame
 * @property {(code: number) => void} closed the socket closed (not by us); call retryLater(),
 *   connect() or stop()
 * @property {() => void} changed the state changed
 */

export class Socket {
  /**
   * @param {string} url
   * @param {SocketHandlers} on
   */
  constructor(url, on) {
    this.url = url;
    this.on = on;
    /** @type {WebSocket|null} */
    this.ws = null;
    /** @type {'idle'|'connecting'|'ready'|'waiting'} ready: welcomed */
    this.state = 'idle';
    this.wanted = false; // start() was called and stop() was not
    this.attempt = 0;
    this.retryTimer = 0;
    this.helloTimer = 0;
    addEventListener('online', () => {
      if (this.state === 'waiting') {
        this.attempt = 0;
        this.connect();
      }
    });
    // leave the back/forward cache usable: no open socket while the page is hidden in it
    addEventListener('pagehide', (e) => {
      if (e.persisted && this.ws) this.drop('idle');
    });
    addEventListener('pageshow', (e) => {
      if (e.persisted && this.wanted && this.state === 'idle') this.connect();
    });
  }

  get ready() {
    return this.state === 'ready';
  }

  /** Connect unless already on it. */
  start() {
    this.wanted = true;
    if (this.state === 'idle') this.connect();
  }

  /** Open a new socket now (closing any current one). */
  connect() {
    this.wanted = true;
    clearTimeout(this.retryTimer);
    this.drop('connecting');
    let ws;
    try {
      ws = this.ws = new WebSocket(this.url);
    } catch {
      this.ws = null;
      this.retryLater();
      return;
    }
    ws.onopen = () => {
      if (ws === this.ws) this.send(this.on.hello());
    };
    ws.onmessage = (e) => {
      if (ws !== this.ws) return;
      let frame;
      try {
        frame = JSON.parse(e.data);
      } catch {
        return;
      }
      if (frame && typeof frame === 'object') this.on.frame(frame);
    };
    ws.onclose = (e) => {
      if (ws !== this.ws) return;
      this.ws = null;
      clearTimeout(this.helloTimer);
      this.on.closed(e.code);
    };
    this.helloTimer = window.setTimeout(() => {
      if (ws === this.ws && this.state !== 'ready') ws.close();
    }, HELLO_TIMEOUT_MS);
  }

  /** The welcome arrived: the socket is ready and the backoff starts over. */
  welcomed() {
    clearTimeout(this.helloTimer);
    this.attempt = 0;
    this.setState('ready');
  }

  retryLater() {
    this.setState('waiting');
    clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(() => this.connect(), backoffDelay(this.attempt++));
  }

  /**
   * No more reconnects (blocked, unknown shop, or a returning shopper's token refused before
   * the chat was ever opened): idle until start() or connect().
   */
  stop() {
    this.wanted = false;
    clearTimeout(this.retryTimer);
    this.drop('idle');
  }

  /** @param {object} frame @returns {boolean} false when there is no open socket */
  send(frame) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** @param {'idle'|'connecting'} state */
  drop(state) {
    const old = this.ws;
    this.ws = null;
    clearTimeout(this.helloTimer);
    if (old) {
      try {
        old.close(1000);
      } catch {
        // already closed
      }
    }
    this.setState(state);
  }

  /** @param {'idle'|'connecting'|'ready'|'waiting'} state */
  setState(state) {
    if (state === this.state) return;
    this.state = state;
    this.on.changed();
  }
}
