// The visitor's conversation: the protocol's frames (welcome, ack, message, error, presence,
// typing, identity, event, read) applied to an in-memory thread, which the message list draws.
// Also the online status (agents and business hours), read receipts, unread count and history.
import { Thread } from '../common/thread.js';
import { readHours, hoursAt, ALWAYS_OPEN } from './hours.js';
import { historyUrl, fetchHistory, keepScrollPosition } from './history.js';
import { Outbox } from './outbox.js';
import { identifyFrame, contextFrame, pageFacts } from './profile.js';
import { Socket } from './socket.js';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const VISITOR = Object.freeze({ author: /** @type {'visitor'} */ ('visitor') });

/**
 * @typedef {import('./main.js').Ctx} Ctx
 * @typedef {import('./storage.js').ShopStorage} ShopStorage
 * @typedef {import('./i18n.js').Strings} Strings
 * @typedef {import('./view.js').PanelView} PanelView
 * @typedef {import('./messages.js').MessageList} MessageList
 * @typedef {import('../common/thread.js').Message} Message
 * @typedef {Record<string, any>} Frame
 */

/** @param {unknown} v */
function toInt(v) {
  const n = parseInt(String(v), 10);
  return Number.isNaN(n) ? 0 : n;
}

export class Chat {
  /**
   * @param {Ctx} ctx
   * @param {{store: ShopStorage, strings: Strings, view: PanelView, list: MessageList,
   *   disable: () => void}} parts disable: no more sending (the composer)
   */
  constructor(ctx, { store, strings, view, list, disable }) {
    this.ctx = ctx;
    this.store = store;
    this.strings = strings;
    this.view = view;
    this.list = list;
    this.disable = disable;
    this.thread = new Thread();
    this.outbox = new Outbox(this);
    this.socket = new Socket(ctx.wsUrl, {
      hello: () => this.hello(),
      frame: (f) => this.handle(f),
      closed: (code) => this.closed(code),
      changed: () => this.showBanner(),
    });
    this.token = store.get('visitor');
    this.seenSeq = toInt(store.get('last_seq')); // highest seq seen with the panel open
    /** @type {''|'blocked'|'dead'} */
    this.stopped = '';
    this.isOpen = false;
    this.everOpened = false;
    this.hadWelcome = false;
    this.retried401 = false;
    /** @type {number|null} */
    this.conversationId = null;
    /** @type {number|null} */
    this.sentLastSeq = null;
    this.readSent = 0;
    this.agentRead = 0; // the agents' read receipt: "Seen"
    this.agentName = '';
    this.hasMore = false;
    this.loading = false;
    /** @type {Frame} */
    this.shop = {};
    this.agentsOnline = false;
    this.online = false;
    /** @type {import('./hours.js').Hours} */
    this.hours = ALWAYS_OPEN;
    this.hoursTimer = 0;
    this.leftEmail = '';
    /** @type {(() => void)[]} */
    this.readyWaiters = [];
    strings.onChange(() => {
      if (this.hadWelcome) this.showShop();
      this.list.redraw();
    });
    addEventListener('storage', (e) => {
      if (e.key === ctx.key('last_seq') && toInt(e.newValue) > this.seenSeq) {
        this.seenSeq = toInt(e.newValue); // read in another tab
        this.updateUnread();
      }
    });
    document.addEventListener('visibilitychange', () => this.markRead());
    this.outbox.restore();
    this.show();
  }

  // ------------------------------------------------------------ drawing
  /**
   * Redraw the message list from the thread and keep the scroll where the reader expects it.
   * @param {'live'|'bottom'|'older'} [how] live: follow new rows when near the bottom;
   *   older: rows were added above, keep the place
   */
  show(how = 'live') {
    const stick = how === 'bottom' || (how === 'live' && this.view.nearBottom());
    const restore = how === 'older' ? keepScrollPosition(this.view.list) : null;
    this.list.update(this.thread.rows({ me: VISITOR, readUpTo: this.agentRead }));
    if (restore) restore();
    else if (stick) this.view.toBottom();
  }

  showBanner() {
    const connecting = () => this.isOpen && !this.stopped &&
      (this.socket.state === 'connecting' || this.socket.state === 'waiting');
    this.view.showBanner(connecting, this.hadWelcome);
  }

  showShop() {
    this.view.setShopName(this.shop.name || '');
    this.refreshOnline();
  }

  /** Online = an agent is connected and it is business hours; re-run at each opening or closing. */
  refreshOnline() {
    const now = hoursAt(this.hours);
    clearTimeout(this.hoursTimer);
    this.hoursTimer = now.nextMs < 0 ? 0 : window.setTimeout(() => this.refreshOnline(), now.nextMs + 50);
    this.online = this.agentsOnline && now.open;
    this.view.setStatus(this.online);
    this.showOffline();
  }

  showOffline() {
    const show = this.hadWelcome && !this.online && !this.stopped;
    this.view.showOffline(show, this.shop.offline_message, this.shop.email !== false);
  }

  /** @param {'blocked'|'dead'} why @param {string} key the notice's text */
  stop(why, key) {
    this.stopped = why;
    this.socket.stop();
    this.view.showNotice(this.strings.t(key));
    this.disable();
    this.showOffline();
  }

  // ------------------------------------------------------------ messages
  /**
   * Add messages to the thread (deduplicated by seq and client_msg_id) and redraw.
   * @param {Message[]} messages
   * @param {'live'|'first'|'older'} how live: events for new ones; first: a page's first
   *   history; older: history above
   */
  receive(messages, how) {
    let own = false;
    for (const m of messages) {
      if (!m || m.internal || typeof m.seq !== 'number') continue;
      own = this.outbox.confirmed(m.client_msg_id) || own;
      if (!this.thread.add(m)) continue;
      if (m.author === 'agent' && m.agent && m.agent.name) this.agentName = m.agent.name;
      if (how !== 'live') continue;
      if (m.author === 'agent') this.view.showTyping(null);
      this.ctx.emit('message', m);
    }
    this.show(how === 'older' ? 'older' : own ? 'bottom' : how === 'first' ? 'bottom' : 'live');
    this.updateUnread();
  }

  /** A new conversation (token refused, or the customer's own thread): our sends stay. */
  clearHistory() {
    this.thread.clear();
    this.conversationId = null;
    this.readSent = 0;
    this.hadWelcome = false;
    this.seenSeq = 0;
    this.hasMore = false;
    this.agentRead = 0;
    this.view.showMore(false);
    this.store.set('last_seq', null);
    this.show();
    this.updateUnread();
  }

  updateUnread() {
    const unread = this.thread.messages.filter((m) => m.author === 'agent' && m.seq > this.seenSeq);
    this.ctx.setUnread(unread.length);
  }

  /** With the panel open and the tab visible, everything shown is read. */
  markRead() {
    const last = this.thread.newestSeq;
    if (this.isOpen && document.visibilityState === 'visible' && last !== null) {
      if (last > this.seenSeq) {
        this.seenSeq = last;
        this.store.set('last_seq', last);
      }
      if (this.socket.ready && last > this.readSent) {
        this.readSent = last;
        this.socket.send({ type: 'read', seq: last });
      }
    }
    this.updateUnread();
  }

  async loadMore() {
    const oldest = this.thread.oldestSeq;
    if (this.loading || !this.hasMore || this.conversationId === null || !this.token || oldest === null) return;
    this.loading = true;
    this.view.showMore(true, true);
    try {
      const url = historyUrl(this.ctx.base, this.ctx.shop, this.conversationId, oldest);
      const page = await fetchHistory(url, this.token);
      this.receive(page.messages, 'older');
      this.hasMore = page.hasMore;
    } catch {
      // the button stays for another try
    }
    this.loading = false;
    this.view.showMore(this.hasMore);
  }

  // ------------------------------------------------------------ identity, context, typing
  identify() {
    const frame = identifyFrame(this.ctx.identity, this.leftEmail);
    if (frame && this.socket.ready) this.socket.send(frame);
  }

  sendContext() {
    if (this.socket.ready) this.socket.send(contextFrame(this.ctx.context, pageFacts()));
  }

  /** The offline note's email goes with the next message (identify, unsigned). */
  takeOfflineEmail() {
    const email = this.view.offlineEmail();
    if (!email || !EMAIL_RE.test(email) || email === this.leftEmail) return;
    this.leftEmail = email;
    this.identify();
    this.view.offlineSaved(email);
  }

  typing() {
    return this.socket.ready && this.socket.send({ type: 'typing' });
  }

  /** @returns {Promise<void>} resolves once welcomed with a token (uploads need it) */
  whenReady() {
    return new Promise((resolve) => {
      if (this.socket.ready && this.token) resolve();
      else this.readyWaiters.push(resolve);
    });
  }

  // ------------------------------------------------------------ the socket
  hello() {
    // a page's first hello asks for the latest history; a reconnect only for what it missed
    this.sentLastSeq = this.conversationId !== null ? this.thread.newestSeq : null;
    return {
      type: 'hello', visitor_token: this.token || null, last_seq: this.sentLastSeq,
      page_url: String(location.href).slice(0, 2000),
      locale: (navigator.language || '').slice(0, 35) || undefined,
    };
  }

  /** @param {number} code */
  closed(code) {
    if (code === 4403) return this.stop('blocked', 'blocked');
    if (code === 4404) return this.stop('dead', 'unavailable'); // unknown data-shop
    if (code !== 4401) return this.socket.retryLater();
    if (!this.token || this.retried401) return this.stop('dead', 'unavailable');
    // unknown visitor token (e.g. a database reset): forget it and start fresh, once
    this.setToken(null);
    this.clearHistory();
    if (!this.everOpened) return this.socket.stop(); // never create a visitor unasked
    this.retried401 = true;
    return this.socket.connect();
  }

  /** @param {string|null} token */
  setToken(token) {
    this.token = token;
    this.store.set('visitor', token);
  }

  /** @param {Frame} f */
  handle(f) {
    switch (f.type) {
      case 'welcome':
        return this.welcome(f);
      case 'ack':
        if (f.message && !f.message.client_msg_id) f.message.client_msg_id = f.client_msg_id;
        return this.receive([f.message], 'live');
      case 'message':
        this.receive([f.message], 'live');
        return this.markRead();
      case 'error':
        if (!this.outbox.failed(f.client_msg_id)) console.warn(`[shopchat] ${f.code}: ${f.message}`);
        return undefined;
      case 'presence': // agents came or went; business hours still apply
        this.agentsOnline = !!f.online;
        return this.refreshOnline();
      case 'typing':
        if (f.author === 'agent') this.view.showTyping(this.agentName);
        return undefined;
      case 'identity':
        if (f.visitor_token) this.setToken(f.visitor_token);
        if (f.reconnect) {
          this.clearHistory(); // now the customer's own thread
          this.socket.connect();
        }
        return undefined;
      case 'event':
        return this.ctx.emit('event', f.event);
      case 'read':
        if (f.by === 'visitor' && toInt(f.seq) > this.seenSeq) { // read in another tab
          this.seenSeq = toInt(f.seq);
          this.updateUnread();
        }
        if (f.by === 'agent' && toInt(f.seq) > this.agentRead) {
          this.agentRead = toInt(f.seq);
          this.show();
        }
        return undefined;
      default:
        return undefined;
    }
  }

  /** @param {Frame} f */
  welcome(f) {
    if (this.sentLastSeq !== null && f.conversation_id !== this.conversationId) {
      // we asked for "after seq N" of another conversation: start over
      this.clearHistory();
      return this.socket.connect();
    }
    const first = !this.hadWelcome;
    this.socket.welcomed();
    this.retried401 = false;
    this.hadWelcome = true;
    this.conversationId = f.conversation_id;
    if (f.visitor_token && f.visitor_token !== this.token) this.setToken(f.visitor_token);
    const shop = (this.shop = f.shop || {});
    this.view.setGreeting(this.ctx.greeting || shop.greeting || '');
    this.agentsOnline = !!shop.agents_online;
    this.hours = readHours(shop.hours);
    if (this.ctx.brand && this.ctx.brand(shop.color)) this.store.set('color', shop.color);
    if (this.ctx.position && this.ctx.position(shop.position)) this.store.set('position', shop.position);
    this.showShop();
    if (toInt(f.agent_read_seq) > this.agentRead) this.agentRead = toInt(f.agent_read_seq);
    this.receive(f.messages || [], first ? 'first' : 'live');
    if (first) {
      this.hasMore = !!f.more;
      this.view.showMore(this.hasMore);
    }
    this.identify();
    this.sendContext();
    this.outbox.resendAll();
    for (const resolve of this.readyWaiters.splice(0)) resolve();
    this.showBanner();
    this.markRead();
    return undefined;
  }

  // ------------------------------------------------------------ the loader's calls
  /** Connect without showing anything (returning shopper, for the unread badge). */
  connect() {
    if (this.token) this.socket.start();
  }

  open() {
    this.isOpen = this.everOpened = true;
    if (!this.token) this.token = this.store.get('visitor'); // another tab's, e.g. after reset()
    this.store.allowWrites();
    this.outbox.persist(); // sends restored before writing was allowed
    if (!this.stopped) this.socket.start();
    this.showBanner();
    this.markRead();
    this.view.toBottom();
  }

  close() {
    this.isOpen = false;
    this.showBanner();
  }

  /** ShopChat.reset() (the loader cleared the storage): the next open is a new shopper. */
  forget() {
    this.socket.stop();
    this.store.stopWrites();
    for (const p of this.outbox.all()) this.thread.removePending(p.client_msg_id);
    this.token = null;
    this.everOpened = this.retried401 = false;
    this.leftEmail = '';
    this.view.showTyping(null);
    this.view.forgetEmail();
    this.clearHistory();
    this.showBanner();
  }
}
