/* shopchat agent console.
 *
 * Plain, dependency-free JavaScript served under a strict CSP: no inline
 * scripts or styles, no eval, and everything that comes from shoppers is put
 * on the page with textContent / createElement only (never innerHTML).
 *
 * Layout of this file (later features slot into the matching section):
 *   1. constants & state        5. conversation list (sidebar)
 *   2. small DOM/format helpers 6. conversation view (messages, composer)
 *   3. REST client              7. realtime socket + frame handlers
 *   4. login / shell screens    8. boot
 */
(() => {
  'use strict';

  // ---------------------------------------------------------------- 1. state
  const API = '/api/v1';
  const TOKEN_KEY = 'shopchat.console.token';
  const PROFILE_KEY = 'shopchat.console.profile';
  const OPEN_KEY = 'shopchat.console.open'; // last open conversation object, for reloads
  const LIST_PAGE = 30;
  const MSG_PAGE = 50;
  const MAX_BODY = 2000;
  const PREVIEW_LEN = 90;
  const TYPING_SHOW_MS = 3000;
  const TYPING_SEND_MS = 2000;
  const PENDING_TIMEOUT_MS = 20000;
  const GROUP_GAP_MS = 5 * 60 * 1000;
  const SEARCH_DEBOUNCE_MS = 250;
  const UPLOAD_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
  const UPLOAD_MAX_BYTES = 5 * 1024 * 1024; // the same limits as the widget and the server
  const FILTERS = {
    open: { label: 'Open', q: 'status=open' },
    mine: { label: 'Mine', q: 'status=open&assignee=me' },
    unassigned: { label: 'Unassigned', q: 'status=open&assignee=none' },
    closed: { label: 'Closed', q: 'status=closed' },
    all: { label: 'All', q: 'status=all' },
  };
  const EMOJI = ['😀', '😊', '😉', '😍', '🙏', '👍', '👋', '🎉', '❤️', '✅', '📦', '🚚',
    '💳', '🔁', '⏳', '🤔', '😅', '😢', '🙌', '👌', '✨', '🔥', '💡', '📷'];

  const state = {
    epoch: 0, // bumped on login/logout: async results from an older epoch are dropped
    token: null,
    agent: null, // {id, name, role}
    shop: null, // {name, key}
    filter: 'open', // open | mine | unassigned | closed | all
    search: '', // the search box's text; a non-empty search replaces the filter's list
    prefs: { sound: true, title: true, desktop: true },
    canned: [], // [{id, shortcut, body}]
    team: [], // the shop's agents [{id, name, role, is_active}]
    noteMode: false,
    panel: null, // {id, data} for the visitor side panel
    view: 'inbox', // inbox | settings
    settingsTab: 'shop',
    titleFlash: 0,
    convs: new Map(), // id -> conversation object, only those matching the filter
    cursor: null,
    listLoading: false,
    listLoaded: false,
    listError: null,
    listGen: 0,
    openId: null,
    thread: null, // see openConversation()
    pending: new Map(), // client_msg_id -> {cid, body, status, error, sentAt}
    unnamed: new Map(), // conversation id -> notify(conversation), see notifyWhenKnown()
    lastTypingSent: 0,
    typingTimer: null,
    ws: null,
    ready: false, // socket welcomed
    welcomedOnce: false,
    retries: 0,
    reconnectTimer: null,
    reconnectAt: 0,
    tickTimer: null,
  };
  const ui = {}; // references into the currently mounted screen

  // -------------------------------------------------------------- 2. helpers
  /** createElement with attributes; children may be nodes or strings (text nodes). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v == null || v === false) continue;
        if (k === 'class') node.className = v;
        else if (k === 'text') node.textContent = v;
        else if (k === 'testid') node.setAttribute('data-testid', v);
        else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
        else if (v === true) node.setAttribute(k, '');
        else node.setAttribute(k, String(v));
      }
    }
    for (const c of children) if (c != null && c !== false) node.append(c);
    return node;
  }

  function mount(node) {
    document.getElementById('app').replaceChildren(node);
  }

  function uuid() {
    if (window.crypto && typeof crypto.randomUUID === 'function') {
      try { return crypto.randomUUID(); } catch (e) { /* insecure context */ }
    }
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /** FNV-1a, 32 bit: a stable number for a string. */
  function hash(str) {
    let h = 0x811c9dc5;
    for (let i = 0; i < str.length; i++) {
      h ^= str.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  const ADJECTIVES = ['Agile', 'Amber', 'Azure', 'Bold', 'Brave', 'Breezy', 'Bright', 'Brisk',
    'Calm', 'Candid', 'Cheerful', 'Clever', 'Cosmic', 'Crisp', 'Curious', 'Daring', 'Dapper',
    'Eager', 'Fancy', 'Fearless', 'Festive', 'Fluffy', 'Friendly', 'Gentle', 'Gleeful', 'Golden',
    'Graceful', 'Happy', 'Hearty', 'Honest', 'Jolly', 'Jovial', 'Kind', 'Lively', 'Lucky', 'Merry',
    'Mellow', 'Misty', 'Modest', 'Nimble', 'Noble', 'Plucky', 'Polite', 'Proud', 'Quick', 'Quiet',
    'Radiant', 'Rapid', 'Rosy', 'Rustic', 'Sage', 'Silver', 'Snowy', 'Sunny', 'Swift', 'Tidy',
    'Tranquil', 'Upbeat', 'Velvet', 'Vivid', 'Warm', 'Witty', 'Zesty', 'Cozy'];
  const ANIMALS = ['Alpaca', 'Badger', 'Beaver', 'Bison', 'Bobcat', 'Cheetah', 'Condor', 'Crane',
    'Dingo', 'Dolphin', 'Eagle', 'Egret', 'Falcon', 'Ferret', 'Finch', 'Fox', 'Gazelle', 'Gecko',
    'Heron', 'Hedgehog', 'Ibex', 'Ibis', 'Jackal', 'Jaguar', 'Kestrel', 'Kiwi', 'Koala', 'Lemur',
    'Llama', 'Lynx', 'Magpie', 'Marmot', 'Meerkat', 'Mink', 'Moose', 'Narwhal', 'Newt', 'Ocelot',
    'Orca', 'Otter', 'Owl', 'Panda', 'Pelican', 'Penguin', 'Puffin', 'Quail', 'Quokka', 'Rabbit',
    'Raccoon', 'Raven', 'Robin', 'Salmon', 'Seal', 'Sparrow', 'Stork', 'Tapir', 'Toucan', 'Turtle',
    'Walrus', 'Weasel', 'Wombat', 'Wren', 'Yak', 'Zebra'];

  /** Deterministic "Calm Otter" style name for an anonymous visitor id. */
  function friendlyName(visitorId) {
    const h = hash(String(visitorId || ''));
    return `${ADJECTIVES[h % ADJECTIVES.length]} ${ANIMALS[(h >>> 16) % ANIMALS.length]}`;
  }

  function visitorName(visitor) {
    const name = visitor && typeof visitor.name === 'string' ? visitor.name.trim() : '';
    return name || friendlyName(visitor && visitor.id);
  }

  function initials(name) {
    const parts = String(name).trim().split(/\s+/).filter(Boolean);
    const s = parts.length > 1 ? parts[0][0] + parts[1][0] : (parts[0] || '?').slice(0, 2);
    return s.toUpperCase();
  }

  function avatar(visitor, extraClass) {
    const name = visitorName(visitor);
    const tone = (hash(String((visitor && visitor.id) || name)) >>> 8) % 8;
    const dot = el('span', {
      class: 'presence' + (visitor && visitor.online ? ' is-online' : ''),
      testid: 'online-dot',
      'data-online': visitor && visitor.online ? 'true' : 'false',
      title: visitor && visitor.online ? 'Online' : 'Offline',
    });
    return el('span', { class: `avatar tone-${tone} ${extraClass || ''}`, 'aria-hidden': 'true' },
      el('span', { class: 'avatar-initials', text: initials(name) }), dot);
  }

  function truncate(text, n) {
    const s = String(text || '').replace(/\s+/g, ' ').trim();
    return s.length > n ? s.slice(0, n - 1).trimEnd() + '…' : s;
  }

  /** Parse the backend's ISO timestamps (which may carry microseconds). */
  function parseTime(iso) {
    if (!iso) return null;
    const t = Date.parse(String(iso).replace(/(\.\d{3})\d+/, '$1'));
    return Number.isNaN(t) ? null : t;
  }

  function startOfDay(t) {
    const d = new Date(t);
    d.setHours(0, 0, 0, 0);
    return d.getTime();
  }

  function relTime(iso) {
    const t = parseTime(iso);
    if (t == null) return '';
    const s = (Date.now() - t) / 1000;
    if (s < 45) return 'now';
    if (s < 3600) return `${Math.max(1, Math.round(s / 60))}m`;
    if (s < 86400) return `${Math.floor(s / 3600)}h`;
    const days = Math.round((startOfDay(Date.now()) - startOfDay(t)) / 86400000);
    if (days <= 1) return 'Yesterday';
    if (days < 7) return new Date(t).toLocaleDateString(undefined, { weekday: 'short' });
    const sameYear = new Date(t).getFullYear() === new Date().getFullYear();
    return new Date(t).toLocaleDateString(undefined, sameYear
      ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' });
  }

  function clockTime(iso) {
    const t = parseTime(iso);
    return t == null ? '' : new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  }

  function fullTime(iso) {
    const t = parseTime(iso);
    return t == null ? '' : new Date(t).toLocaleString();
  }

  function dayLabel(t) {
    const days = Math.round((startOfDay(Date.now()) - startOfDay(t)) / 86400000);
    if (days === 0) return 'Today';
    if (days === 1) return 'Yesterday';
    return new Date(t).toLocaleDateString(undefined,
      { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
  }

  function docVisible() {
    return document.visibilityState !== 'hidden';
  }

  function toast(message) {
    if (!ui.toasts) return;
    const item = el('div', { class: 'toast', role: 'status', testid: 'toast', text: message });
    ui.toasts.append(item);
    setTimeout(() => item.remove(), 6000);
  }

  // ----------------------------------------------------------- 3. REST client
  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (state.token) headers.Authorization = `Bearer ${state.token}`;
    let res;
    try {
      res = await fetch(API + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (e) {
      throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection and try again.');
    }
    let data = null;
    try { data = await res.json(); } catch (e) { /* empty or not JSON */ }
    if (!res.ok) {
      const err = (data && data.error) || {};
      const message = err.message || `Request failed (HTTP ${res.status}).`;
      if (res.status === 401 && path !== '/agent/login' && state.token) sessionExpired();
      throw new ApiError(res.status, err.code || `http_${res.status}`, message);
    }
    return data || {};
  }

  // ------------------------------------------------- 4. session & main screens
  function saveSession() {
    try {
      sessionStorage.setItem(TOKEN_KEY, state.token);
      sessionStorage.setItem(PROFILE_KEY, JSON.stringify({ agent: state.agent, shop: state.shop }));
    } catch (e) { /* storage disabled: the session just won't survive a reload */ }
  }

  /** Remember the open conversation: there is no GET for a single conversation, and after a
   * reload it may not be on the first page of the list. */
  function rememberOpen(c) {
    try { sessionStorage.setItem(OPEN_KEY, JSON.stringify(c)); } catch (e) { /* ignore */ }
  }

  function rememberedOpen(id) {
    try {
      const c = JSON.parse(sessionStorage.getItem(OPEN_KEY) || 'null');
      return c && c.id === id ? c : null;
    } catch (e) {
      return null;
    }
  }

  function clearSession() {
    try {
      sessionStorage.removeItem(TOKEN_KEY);
      sessionStorage.removeItem(PROFILE_KEY);
      sessionStorage.removeItem(OPEN_KEY);
    } catch (e) { /* ignore */ }
    state.token = null;
    state.agent = null;
    state.shop = null;
  }

  /** Stop everything that belongs to a logged-in screen. */
  function teardown() {
    state.epoch++;
    if (state.ws) {
      const ws = state.ws;
      state.ws = null;
      try { ws.close(1000, 'logout'); } catch (e) { /* ignore */ }
    }
    clearTimeout(state.reconnectTimer);
    clearTimeout(state.typingTimer);
    clearInterval(state.tickTimer);
    Object.assign(state, {
      ready: false, welcomedOnce: false, retries: 0, convs: new Map(), cursor: null,
      listLoading: false, listLoaded: false, listError: null, openId: null, thread: null,
      pending: new Map(), unnamed: new Map(), lastTypingSent: 0, search: '', panel: null, noteMode: false,
      view: 'inbox', canned: [], team: [],
    });
    for (const k of Object.keys(ui)) delete ui[k];
  }

  function sessionExpired() {
    clearSession();
    showLogin('Your session has ended. Please sign in again.');
  }

  async function logout() {
    if (ui.logout) ui.logout.disabled = true;
    try { await api('POST', '/agent/logout'); } catch (e) { /* we log out locally regardless */ }
    clearSession();
    if (history.replaceState) history.replaceState(null, '', location.pathname + location.search);
    showLogin();
  }

  function showLogin(message) {
    teardown();
    document.title = 'Sign in — shopchat';
    const error = el('p', { class: 'login-error', testid: 'login-error', role: 'alert' });
    const setError = (msg) => { error.textContent = msg || ''; error.hidden = !msg; };
    setError(message);
    const email = el('input', {
      id: 'login-email', type: 'email', name: 'email', autocomplete: 'username', required: true,
      testid: 'login-email', spellcheck: 'false',
    });
    const password = el('input', {
      id: 'login-password', type: 'password', name: 'password', autocomplete: 'current-password',
      required: true, testid: 'login-password',
    });
    const submit = el('button', { type: 'submit', class: 'btn btn-primary btn-block', testid: 'login-submit', text: 'Sign in' });
    const form = el('form', { class: 'login-card', testid: 'login-form', novalidate: false },
      el('div', { class: 'login-brand' }, el('span', { class: 'logo-mark', 'aria-hidden': 'true' }), 'shopchat'),
      el('h1', { class: 'login-title', text: 'Sign in to the agent console' }),
      el('label', { class: 'field-label', for: 'login-email', text: 'Email' }), email,
      el('label', { class: 'field-label', for: 'login-password', text: 'Password' }), password,
      error, submit);

    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      setError('');
      submit.disabled = true;
      submit.textContent = 'Signing in…';
      const ep = state.epoch;
      try {
        const data = await api('POST', '/agent/login', { email: email.value.trim(), password: password.value });
        if (ep !== state.epoch) return;
        if (!data.token) throw new ApiError(500, 'bad_response', 'The server sent an unexpected answer.');
        state.token = data.token;
        state.agent = data.agent || null;
        state.shop = data.shop || null;
        saveSession();
        showInbox();
      } catch (e) {
        if (ep !== state.epoch) return;
        setError(e.message || 'Sign in failed.');
        submit.disabled = false;
        submit.textContent = 'Sign in';
        password.select();
      }
    });

    mount(el('main', { class: 'login-screen' }, form));
    email.focus();
  }

  function showInbox() {
    teardown();
    const shopName = el('span', { class: 'shop-name', testid: 'shop-name' });
    const agentName = el('span', { class: 'agent-name', testid: 'agent-name' });
    const conn = el('span', { class: 'conn', testid: 'connection-status', role: 'status' });
    const logoutBtn = el('button', { type: 'button', class: 'btn btn-ghost', testid: 'logout', text: 'Log out', onclick: logout });
    const navInbox = el('button', { type: 'button', class: 'nav-btn is-active', testid: 'nav-inbox', text: 'Inbox', onclick: () => showView('inbox') });
    const navSettings = el('button', { type: 'button', class: 'nav-btn', testid: 'nav-settings', text: 'Settings', onclick: () => showView('settings') });
    const helpBtn = el('button', { type: 'button', class: 'btn btn-ghost btn-icon', testid: 'help-button', title: 'Keyboard shortcuts (?)', 'aria-label': 'Keyboard shortcuts', text: '?', onclick: toggleHelp });

    const filter = el('select', { class: 'filter', testid: 'conversation-filter', 'aria-label': 'Show conversations' },
      ...Object.entries(FILTERS).map(([value, f]) => el('option', { value, text: f.label })));
    filter.value = state.filter;
    filter.addEventListener('change', () => {
      state.filter = filter.value;
      loadList(true);
    });
    const search = el('input', {
      type: 'search', class: 'search', testid: 'search', placeholder: 'Search messages, names, e-mails',
      'aria-label': 'Search conversations', maxlength: 100, spellcheck: 'false',
    });
    let searchTimer = null;
    search.addEventListener('input', () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => setSearch(search.value), SEARCH_DEBOUNCE_MS);
    });
    search.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') {
        search.value = '';
        setSearch('');
        search.blur();
      } else if (ev.key === 'Enter') {
        clearTimeout(searchTimer);
        setSearch(search.value);
      }
    });

    const list = el('ul', { class: 'conv-list', testid: 'conversation-list', 'aria-label': 'Conversations' });
    const listStatus = el('div', { class: 'list-status', testid: 'conversation-list-status' });
    const listScroll = el('div', { class: 'list-scroll' }, list, listStatus);
    listScroll.addEventListener('scroll', () => maybeLoadMore(), { passive: true });

    const pane = el('main', { class: 'thread-pane', testid: 'conversation-view' });
    const details = el('aside', { class: 'details', testid: 'visitor-panel', 'aria-label': 'Visitor details' });
    const toasts = el('div', { class: 'toasts', 'aria-live': 'polite' });

    const workspace = el('div', { class: 'workspace' },
      el('aside', { class: 'sidebar' },
        el('div', { class: 'sidebar-head' }, el('h2', { class: 'sidebar-title', text: 'Inbox' }), filter),
        el('div', { class: 'sidebar-search' }, search),
        listScroll),
      pane,
      details);
    const settingsPage = el('div', { class: 'settings-page', testid: 'settings-page' });
    settingsPage.hidden = true;
    const shell = el('div', { class: 'shell' },
      el('header', { class: 'topbar' },
        el('div', { class: 'brand' }, el('span', { class: 'logo-mark', 'aria-hidden': 'true' }), shopName,
          el('nav', { class: 'nav', 'aria-label': 'Sections' }, navInbox, navSettings)),
        el('div', { class: 'topbar-right' }, conn,
          el('span', { class: 'me' }, el('span', { class: 'me-label', text: 'Signed in as' }), agentName),
          helpBtn, logoutBtn)),
      workspace,
      settingsPage,
      toasts);

    Object.assign(ui, { shopName, agentName, conn, logout: logoutBtn, workspace, filter, search, list, listStatus, listScroll, pane, details, toasts, settingsPage, navInbox, navSettings });
    mount(shell);
    renderHeader();
    renderEmptyPane();
    renderDetails();
    setConn('connecting');

    state.tickTimer = setInterval(tick, 30000);
    const wanted = conversationFromHash();
    loadList(true).then(() => { if (wanted && !state.openId) openConversation(wanted); });
    loadAccount();
    connect();
    if (location.hash === '#/settings') showView('settings');
  }

  function setSearch(text) {
    const q = String(text || '').trim();
    const next = q.length >= 2 ? q : '';
    if (next === state.search) return;
    state.search = next;
    if (ui.filter) ui.filter.disabled = !!next;
    loadList(true);
  }

  /** What the console needs once per login: preferences, canned replies, the team. */
  async function loadAccount() {
    const ep = state.epoch;
    const [me, canned, team] = await Promise.all([
      api('GET', '/me').catch(() => null),
      api('GET', '/canned').catch(() => null),
      api('GET', '/agents').catch(() => null),
    ]);
    if (ep !== state.epoch) return;
    if (me) {
      state.prefs = Object.assign({}, state.prefs, me.preferences || {});
      if (me.agent) state.agent = Object.assign({}, state.agent, { id: me.agent.id, name: me.agent.name, role: me.agent.role, email: me.agent.email });
      saveSession();
      renderHeader();
    }
    if (canned) {
      state.canned = canned.canned_replies || [];
      updateSuggestions(); // a "/" typed before the list arrived
    }
    if (team) state.team = team.agents || [];
    if (state.thread) renderThreadHead();
  }

  function renderHeader() {
    if (!ui.shopName) return;
    ui.shopName.textContent = (state.shop && state.shop.name) || 'shopchat';
    ui.agentName.textContent = (state.agent && state.agent.name) || '…';
    updateTitle();
  }

  function updateTitle() {
    let unread = 0;
    for (const c of state.convs.values()) unread += c.unread_agent || 0;
    const shop = (state.shop && state.shop.name) || 'shopchat';
    const count = state.prefs.title && unread ? `(${unread}) ` : '';
    document.title = `${count}${shop} — shopchat console`;
  }

  function setConn(kind, delay) {
    if (!ui.conn) return;
    ui.conn.className = `conn conn-${kind}`;
    ui.conn.setAttribute('data-state', kind);
    if (kind === 'online') ui.conn.textContent = 'Connected';
    else if (kind === 'connecting') ui.conn.textContent = 'Connecting…';
    else ui.conn.textContent = `Offline — retrying in ${Math.max(1, Math.round((delay || 0) / 1000))}s`;
  }

  function conversationFromHash() {
    const m = /^#\/conversations\/(\d+)$/.exec(location.hash);
    return m ? Number(m[1]) : null;
  }

  /** Runs every 30 s: refresh relative times, expire stuck pending messages. */
  function tick() {
    renderList();
    checkPending();
  }

  /** Mark messages that got no ack in time as failed (they can be retried safely). */
  function checkPending() {
    let changed = false;
    for (const p of state.pending.values()) {
      if (p.status === 'sending' && state.ready && Date.now() - p.sentAt > PENDING_TIMEOUT_MS) {
        p.status = 'failed';
        p.error = 'No confirmation from the server.';
        changed = true;
      }
    }
    if (changed) renderMessages();
  }

  // ----------------------------------------------------- 5. conversation list
  function matchesFilter(c) {
    const f = state.filter;
    if (f === 'all') return true;
    if (f === 'closed') return c.status === 'closed';
    if (c.status !== 'open') return false;
    if (f === 'mine') return !!(c.assignee && state.agent && c.assignee.id === state.agent.id);
    if (f === 'unassigned') return !c.assignee;
    return true;
  }

  function listQuery() {
    if (state.search) return `/conversations/search?q=${encodeURIComponent(state.search)}&limit=${LIST_PAGE}`;
    return `/conversations?${(FILTERS[state.filter] || FILTERS.open).q}&limit=${LIST_PAGE}`;
  }

  function sortKey(c) {
    return parseTime(c.last_message_at) || 0;
  }

  function sortedConversations() {
    return [...state.convs.values()].sort((a, b) => (sortKey(b) - sortKey(a)) || (b.id - a.id));
  }

  async function loadList(reset) {
    if (reset) {
      state.listGen++;
      state.convs = new Map();
      state.cursor = null;
      state.listLoaded = false;
      state.listLoading = false;
    }
    if (state.listLoading || (state.listLoaded && !state.cursor)) return;
    const gen = state.listGen;
    const ep = state.epoch;
    state.listLoading = true;
    state.listError = null;
    renderList();
    let q = listQuery();
    if (state.cursor) q += `&cursor=${encodeURIComponent(state.cursor)}`;
    try {
      const data = await api('GET', q);
      if (gen !== state.listGen || ep !== state.epoch) return;
      for (const c of data.conversations || []) storeConversation(c, true);
      state.cursor = data.next_cursor || null;
      state.listLoaded = true;
    } catch (e) {
      if (gen !== state.listGen || ep !== state.epoch) return;
      state.listError = e.message;
    } finally {
      if (gen === state.listGen && ep === state.epoch) state.listLoading = false;
    }
    if (gen !== state.listGen || ep !== state.epoch) return;
    renderList();
    // Keep loading while the list does not fill its column yet.
    requestAnimationFrame(() => maybeLoadMore());
  }

  /** After a reconnect: merge the first page without losing the scrolled-in pages. */
  async function refreshList() {
    const gen = state.listGen;
    const ep = state.epoch;
    try {
      const data = await api('GET', listQuery());
      if (gen !== state.listGen || ep !== state.epoch) return;
      for (const c of data.conversations || []) storeConversation(c, true);
      if (!state.listLoaded) {
        state.cursor = data.next_cursor || null;
        state.listLoaded = true;
        state.listError = null;
      }
      renderList();
    } catch (e) { /* the next reconnect or scroll will try again */ }
  }

  function maybeLoadMore() {
    const s = ui.listScroll;
    if (!s || !state.cursor || state.listLoading || state.listError) return;
    if (s.scrollTop + s.clientHeight >= s.scrollHeight - 60) loadList(false);
  }

  /** Put a conversation object into the list state (no rendering). */
  function storeConversation(c, listed) {
    if (!c || c.id == null) return;
    const t = state.thread;
    if (t && t.id === c.id) {
      // We already told the server we've read up to readSent.
      if (docVisible() && t.readSent >= (c.last_seq || 0)) c.unread_agent = 0;
      t.conv = c;
      rememberOpen(c);
    }
    if (state.search && !listed) {
      // Search results are a snapshot: live frames refresh the rows found, add none.
      const old = state.convs.get(c.id);
      if (old) state.convs.set(c.id, Object.assign(c, { match: c.match || old.match }));
      return;
    }
    if (listed || matchesFilter(c)) state.convs.set(c.id, c);
    else state.convs.delete(c.id);
  }

  function upsertConversation(c) {
    if (state.thread && state.thread.id === c.id) {
      const sig = JSON.stringify([c.context || null, c.visitor || null]);
      if (state.thread.sig !== undefined && sig !== state.thread.sig) refreshPanelSoon(c.id);
      state.thread.sig = sig;
    }
    storeConversation(c);
    renderList();
    if (state.thread && state.thread.id === c.id) {
      renderThreadHead();
      renderDetails();
      renderMessages();
    }
  }

  function previewText(c) {
    const m = c.last_message;
    if (!m) return 'No messages yet';
    if (state.search && c.match) return `${c.match.internal ? 'Note: ' : '… '}${truncate(c.match.body, PREVIEW_LEN)}`;
    let body = m.kind === 'image' || m.image ? '📷 Image' : truncate(m.body, PREVIEW_LEN);
    if (m.internal) body = `Note: ${body}`;
    else if (m.author === 'agent') body = `Agent: ${body}`;
    else if (m.author === 'system' || m.kind === 'event') body = `· ${body}`;
    return body;
  }

  function conversationItem(c) {
    const active = c.id === state.openId;
    const unread = c.unread_agent || 0;
    const name = visitorName(c.visitor);
    const cls = ['conv-item'];
    if (active) cls.push('is-active');
    if (unread) cls.push('is-unread');
    if (c.status === 'closed') cls.push('is-closed');
    const time = el('time', { class: 'conv-time', datetime: c.last_message_at || '', title: fullTime(c.last_message_at), text: relTime(c.last_message_at) });
    const btn = el('button', {
      type: 'button',
      class: cls.join(' '),
      testid: 'conversation-item',
      'data-conversation-id': c.id,
      'data-unread': unread,
      'data-status': c.status,
      'data-online': c.visitor && c.visitor.online ? 'true' : 'false',
      'aria-current': active ? 'true' : null,
      onclick: () => openConversation(c.id),
    },
    avatar(c.visitor),
    el('span', { class: 'conv-main' },
      el('span', { class: 'conv-row' },
        el('span', { class: 'conv-name', testid: 'conversation-name', title: c.visitor && c.visitor.id ? `${name} (${c.visitor.id})` : name, text: name }), time),
      el('span', { class: 'conv-row' },
        el('span', { class: 'conv-preview', testid: 'conversation-preview', text: previewText(c) }),
        c.assignee ? el('span', { class: 'tag tag-assignee', testid: 'conversation-assignee', title: `Assigned to ${c.assignee.name}`, text: state.agent && c.assignee.id === state.agent.id ? 'Me' : c.assignee.name }) : null,
        c.status === 'closed' ? el('span', { class: 'tag tag-closed', testid: 'closed-marker', text: 'Closed' }) : null,
        unread ? el('span', { class: 'badge', testid: 'unread-badge', 'aria-label': `${unread} unread`, text: unread > 99 ? '99+' : String(unread) }) : null)));
    return el('li', { class: 'conv-li' }, btn);
  }

  function renderList() {
    if (!ui.list) return;
    const focused = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest('[data-testid="conversation-item"]') : null;
    const focusedId = focused ? focused.getAttribute('data-conversation-id') : null;
    const frag = document.createDocumentFragment();
    for (const c of sortedConversations()) frag.append(conversationItem(c));
    ui.list.replaceChildren(frag);
    if (focusedId) {
      const again = ui.list.querySelector(`[data-conversation-id="${CSS.escape(focusedId)}"]`);
      if (again) again.focus({ preventScroll: true });
    }

    const st = ui.listStatus;
    st.replaceChildren();
    st.className = 'list-status';
    if (state.listError) {
      st.append(el('p', { class: 'muted', text: state.listError }),
        el('button', { type: 'button', class: 'btn btn-small', text: 'Retry', onclick: () => { state.listError = null; loadList(!state.listLoaded); } }));
    } else if (state.listLoading) {
      st.append(el('p', { class: 'muted', text: 'Loading…' }));
    } else if (state.listLoaded && state.convs.size === 0) {
      st.className = 'list-status list-empty';
      const label = (FILTERS[state.filter] || FILTERS.open).label.toLowerCase();
      if (state.search) {
        st.append(el('p', { class: 'empty-title', testid: 'empty-list', text: `Nothing matches “${state.search}”` }),
          el('p', { class: 'muted', text: 'Search looks in messages, names and e-mails.' }));
      } else {
        st.append(el('p', { class: 'empty-title', testid: 'empty-list', text: state.filter === 'all' ? 'No conversations yet' : `No ${label} conversations` }),
          el('p', { class: 'muted', text: state.filter === 'all' ? 'New chats from your shop will show up here.' : 'Try another filter.' }));
      }
    }
    updateTitle();
  }

  // ---------------------------------------------------- 6. conversation view
  function renderEmptyPane() {
    if (!ui.pane) return;
    ui.pane.replaceChildren(el('div', { class: 'pane-empty', testid: 'no-conversation' },
      el('div', { class: 'pane-empty-art', 'aria-hidden': 'true' }),
      el('p', { class: 'empty-title', text: 'Select a conversation' }),
      el('p', { class: 'muted', text: 'Pick a chat from the list to read and reply.' })));
  }

  function threadConv() {
    const t = state.thread;
    if (!t) return null;
    return t.conv || state.convs.get(t.id) || null;
  }

  async function openConversation(id, opts) {
    id = Number(id);
    if (state.view !== 'inbox') showView('inbox');
    if (state.thread && state.thread.id === id) {
      if (ui.input && !(opts && opts.keepFocus)) ui.input.focus();
      return;
    }
    clearTimeout(state.typingTimer);
    state.openId = id;
    state.lastTypingSent = 0;
    const t = {
      id,
      conv: state.convs.get(id) || rememberedOpen(id),
      msgs: new Map(), // seq -> message
      hasMore: false,
      loading: true,
      loadingEarlier: false,
      error: null,
      readSent: 0, // highest seq we sent a read frame for
      visitorRead: 0, // highest seq the visitor has read (from read frames)
    };
    state.thread = t;
    if (t.conv) rememberOpen(t.conv);
    if (history.replaceState) history.replaceState(null, '', `#/conversations/${id}`);
    state.panel = null;
    renderList();
    buildThread(opts && opts.keepFocus);
    renderDetails();
    loadPanel(id);

    const ep = state.epoch;
    try {
      const data = await api('GET', `/conversations/${id}/messages?limit=${MSG_PAGE}`);
      if (ep !== state.epoch || state.thread !== t) return;
      addMessages(data.messages);
      t.hasMore = !!data.has_more;
    } catch (e) {
      if (ep !== state.epoch || state.thread !== t) return;
      t.error = e.status === 404 ? 'This conversation does not exist.' : e.message;
    }
    t.loading = false;
    renderMessages({ stick: true });
    markRead();
  }

  function addMessages(list) {
    const t = state.thread;
    if (!t || !Array.isArray(list)) return;
    for (const m of list) {
      if (m && m.seq != null && (m.conversation_id == null || m.conversation_id === t.id)) t.msgs.set(m.seq, m);
    }
  }

  function maxSeq() {
    let max = 0;
    if (state.thread) for (const s of state.thread.msgs.keys()) if (s > max) max = s;
    return max;
  }

  function minSeq() {
    let min = Infinity;
    if (state.thread) for (const s of state.thread.msgs.keys()) if (s < min) min = s;
    return min === Infinity ? null : min;
  }

  async function loadEarlier() {
    const t = state.thread;
    const before = minSeq();
    if (!t || t.loadingEarlier || before == null) return;
    t.loadingEarlier = true;
    renderMessages({ keep: true });
    const ep = state.epoch;
    try {
      const data = await api('GET', `/conversations/${t.id}/messages?before_seq=${before}&limit=${MSG_PAGE}`);
      if (ep !== state.epoch || state.thread !== t) return;
      addMessages(data.messages);
      t.hasMore = !!data.has_more;
    } catch (e) {
      if (ep !== state.epoch || state.thread !== t) return;
      toast(e.message);
    }
    t.loadingEarlier = false;
    renderMessages({ keep: true });
  }

  /** After a reconnect: fetch what we missed in the open conversation. */
  async function catchUp() {
    const t = state.thread;
    if (!t || t.loading) return;
    const ep = state.epoch;
    try {
      for (let page = 0; page < 20; page++) {
        const after = maxSeq();
        const q = after ? `after_seq=${after}&limit=100` : `limit=${MSG_PAGE}`;
        const data = await api('GET', `/conversations/${t.id}/messages?${q}`);
        if (ep !== state.epoch || state.thread !== t) return;
        addMessages(data.messages);
        if (!after) t.hasMore = !!data.has_more;
        if (!after || !data.has_more || !(data.messages || []).length) break;
      }
    } catch (e) {
      return;
    }
    renderMessages();
    markRead();
  }

  function buildThread(keepFocus) {
    const scroll = el('div', { class: 'thread-scroll', testid: 'message-list' });
    const earlier = el('button', { type: 'button', class: 'btn btn-small', testid: 'load-earlier', text: 'Load earlier', onclick: loadEarlier });
    const earlierWrap = el('div', { class: 'load-earlier' }, earlier);
    const msgs = el('div', { class: 'msgs', role: 'log', 'aria-label': 'Messages' });
    scroll.append(earlierWrap, msgs);

    const typing = el('div', { class: 'typing', testid: 'typing-indicator', 'aria-live': 'polite' },
      el('span', { class: 'typing-dots', 'aria-hidden': 'true' }, el('i'), el('i'), el('i')),
      el('span', { text: 'Visitor is typing…' }));
    typing.hidden = true;

    const input = el('textarea', {
      class: 'reply-input', testid: 'reply-input', maxlength: MAX_BODY, rows: 2, 'aria-label': 'Reply',
      'aria-autocomplete': 'list',
    });
    const send = el('button', { type: 'submit', class: 'btn btn-primary', testid: 'reply-send', text: 'Send' });
    const replyError = el('p', { class: 'reply-error', testid: 'reply-error', role: 'alert' });
    replyError.hidden = true;
    const counter = el('span', { class: 'counter', 'aria-hidden': 'true' });
    const noteToggle = el('button', {
      type: 'button', class: 'btn btn-small btn-note', testid: 'note-toggle', 'aria-pressed': 'false',
      title: 'Internal note: only agents see it (N)', text: '🔒 Note',
      onclick: () => { setNoteMode(!state.noteMode); input.focus(); },
    });
    const emoji = emojiPicker();
    const emojiBtn = el('button', {
      type: 'button', class: 'btn btn-small btn-ghost', testid: 'emoji-button', 'aria-label': 'Insert emoji', text: '😊',
      onclick: () => { emoji.hidden = !emoji.hidden; },
    });
    const attachInput = el('input', { type: 'file', class: 'visually-hidden', testid: 'attach-input', accept: UPLOAD_TYPES.join(','), tabindex: '-1' });
    attachInput.addEventListener('change', () => {
      const file = attachInput.files && attachInput.files[0];
      attachInput.value = '';
      if (file) sendImage(file);
    });
    const attachBtn = el('button', {
      type: 'button', class: 'btn btn-small btn-ghost', testid: 'attach-button', 'aria-label': 'Attach an image', title: 'Attach an image (PNG, JPEG, GIF, WebP; up to 5 MB)', text: '📎',
      onclick: () => attachInput.click(),
    });
    const suggest = el('ul', { class: 'suggest', testid: 'canned-suggestions', role: 'listbox', 'aria-label': 'Canned replies' });
    suggest.hidden = true;
    const composerBox = el('div', { class: 'composer-box' }, suggest, emoji, input,
      el('div', { class: 'composer-actions' }, noteToggle, emojiBtn, attachBtn, attachInput, el('span', { class: 'spacer' }), counter, send));
    const composer = el('form', { class: 'composer', testid: 'composer' }, replyError, composerBox);

    composer.addEventListener('submit', (ev) => { ev.preventDefault(); sendReply(); });
    input.addEventListener('keydown', (ev) => {
      if (ev.isComposing) return;
      if (suggestionKey(ev)) {
        ev.preventDefault();
        ev.stopPropagation(); // Esc closes the list only, it does not leave the reply box
        return;
      }
      if (ev.key === 'Enter' && !ev.shiftKey && !ev.altKey && !ev.ctrlKey && !ev.metaKey) {
        ev.preventDefault();
        sendReply();
      }
    });
    input.addEventListener('input', () => { onComposerInput(); updateSuggestions(); });
    input.addEventListener('click', updateSuggestions);
    // Hide on blur after a click on an option had time to land; not if the reply box has
    // focus again by then (a quick click elsewhere and back hid a list typed since).
    input.addEventListener('blur', () => { setTimeout(() => { if (ui.suggest && document.activeElement !== ui.input) ui.suggest.hidden = true; }, 150); });

    const head = el('header', { class: 'thread-head' });
    const thread = el('section', { class: 'thread', testid: 'conversation', 'data-conversation-id': state.thread.id },
      head, scroll, typing, composer);
    Object.assign(ui, { head, scroll, earlier, earlierWrap, msgs, typing, input, send, replyError, counter, noteToggle, composerBox, suggest, emoji });
    ui.pane.replaceChildren(thread);
    setNoteMode(false);
    renderThreadHead();
    renderMessages({ stick: true });
    if (!keepFocus) input.focus();
  }

  function renderThreadHead() {
    const t = state.thread;
    if (!t || !ui.head) return;
    const c = threadConv();
    const visitor = c ? c.visitor : null;
    const name = c ? visitorName(visitor) : `Conversation #${t.id}`;
    const status = c ? c.status : null;
    const sub = [];
    if (visitor) sub.push(visitor.online ? 'Online' : 'Offline');
    if (visitor && visitor.email) sub.push(visitor.email);
    if (c && c.assignee) sub.push(`Assigned to ${c.assignee.name}`);

    const actions = el('div', { class: 'thread-actions' });
    if (c) actions.append(assignControl(c));
    if (status === 'open') {
      actions.append(el('button', { type: 'button', class: 'btn', testid: 'close-conversation', text: 'Close', title: 'Mark this conversation as resolved', onclick: (ev) => setStatus('close', ev.currentTarget) }));
    } else if (status === 'closed') {
      actions.append(el('button', { type: 'button', class: 'btn', testid: 'reopen-conversation', text: 'Reopen', onclick: (ev) => setStatus('reopen', ev.currentTarget) }));
    }
    ui.head.replaceChildren(
      visitor ? avatar(visitor, 'avatar-lg') : el('span', { class: 'avatar avatar-lg tone-0', 'aria-hidden': 'true' }),
      el('div', { class: 'thread-title' },
        el('h2', { class: 'thread-name', testid: 'conversation-title' }, name,
          status === 'closed' ? el('span', { class: 'tag tag-closed', testid: 'conversation-status', text: 'Closed' })
            : status === 'open' ? el('span', { class: 'tag tag-open', testid: 'conversation-status', text: 'Open' }) : null),
        el('p', { class: 'thread-sub', text: sub.join(' · ') })),
      actions);
  }

  function renderDetails() {
    if (!ui.details) return;
    const c = threadConv();
    if (!c) {
      ui.details.replaceChildren();
      ui.details.hidden = true;
      ui.workspace.classList.remove('has-details');
      return;
    }
    ui.details.hidden = false;
    ui.workspace.classList.add('has-details');
    const panel = state.panel && state.panel.id === c.id ? state.panel : null;
    const v = Object.assign({}, (panel && panel.data && panel.data.visitor) || {}, c.visitor || {});
    const pv = v;
    const row = (label, value, testid, node) => el('div', { class: 'detail-row' },
      el('dt', { text: label }),
      node || el('dd', { testid, text: value == null || value === '' ? '—' : String(value) }));
    const link = (value, testid) => {
      const url = safeHttpUrl(value);
      return el('dd', { testid }, url ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', title: url, text: truncate(url.replace(/^https?:\/\//, ''), 60) })
        : (value ? String(value) : '—'));
    };
    const name = el('p', { class: 'details-name', testid: 'visitor-name', text: visitorName(v) });
    if (pv.verified) name.append(el('span', { class: 'verified', testid: 'visitor-verified', title: 'Identity verified by the shop', text: '✓ Verified' }));
    const page = pv.page_title || pv.page_url
      ? el('div', { class: 'page-now', testid: 'visitor-page' },
        el('p', { class: 'detail-label', text: v.online ? 'Looking at' : 'Last page' }),
        pv.page_title ? el('p', { class: 'page-title', testid: 'visitor-page-title', text: String(pv.page_title) }) : null,
        link(pv.page_url, 'visitor-page-url'))
      : null;

    const hasCtx = (o) => o && typeof o === 'object' && Object.keys(o).length > 0;
    const ctx = hasCtx(c.context) ? c.context : (panel && panel.data && panel.data.context) || {};
    const cards = ['product', 'cart', 'order'].map((k) => contextCard(k, ctx[k])).filter(Boolean);
    const earlier = (panel && panel.data && panel.data.conversations) || [];
    const browser = [pv.browser, pv.os].filter(Boolean).join(' on ');

    // replaceChildren would print a null argument as the text "null": drop absent parts
    ui.details.replaceChildren(...[
      el('div', { class: 'details-card' },
        avatar(v, 'avatar-xl'),
        name,
        el('p', { class: 'muted details-sub', text: v.online ? 'Online now' : 'Offline' })),
      page,
      cards.length ? el('div', { class: 'ctx-cards', testid: 'context-cards' }, ...cards) : null,
      el('dl', { class: 'detail-list', testid: 'visitor-details' },
        row('Email', v.email, 'visitor-email'),
        row('Referrer', null, null, link(pv.referrer, 'visitor-referrer')),
        row('Browser', browser, 'visitor-browser'),
        row('Locale', pv.locale, 'visitor-locale'),
        row('Local time', localTime(pv.timezone), 'visitor-local-time'),
        row('First seen', pv.first_seen ? fullTime(pv.first_seen) : null, 'visitor-first-seen'),
        row('Visits', pv.visits, 'visitor-visits'),
        row('Visitor ID', v.id, 'visitor-id'),
        row('Conversation', `#${c.id}`),
        row('Status', c.status === 'closed' ? 'Closed' : 'Open'),
        row('Assignee', c.assignee ? c.assignee.name : 'Unassigned')),
      panel && panel.error ? el('p', { class: 'muted', text: panel.error }) : null,
      el('div', { class: 'earlier', testid: 'earlier-conversations' },
        el('p', { class: 'detail-label', text: 'Earlier conversations' }),
        earlier.length ? el('ul', { class: 'earlier-list' }, ...earlier.map((e) => el('li', null,
          el('button', { type: 'button', class: 'earlier-item', testid: 'earlier-conversation', 'data-conversation-id': e.id, onclick: () => openConversation(e.id) },
            el('span', { class: 'earlier-top' }, el('span', { text: `#${e.id}` }), el('span', { class: 'muted', text: relTime(e.last_message_at) })),
            el('span', { class: 'earlier-body', text: e.last_message ? truncate(e.last_message.body, 70) : '' })))))
          : el('p', { class: 'muted small', text: panel ? 'None' : 'Loading…' }))].filter(Boolean));
  }

  async function setStatus(action, button) {
    const t = state.thread;
    if (!t) return;
    const c = threadConv();
    if (c && ((action === 'close' && c.status === 'closed') || (action === 'reopen' && c.status === 'open'))) return;
    if (button) button.disabled = true;
    const ep = state.epoch;
    try {
      const data = await api('POST', `/conversations/${t.id}/${action}`);
      if (ep !== state.epoch) return;
      if (data.conversation) upsertConversation(data.conversation);
    } catch (e) {
      if (ep !== state.epoch) return;
      toast(e.message);
      if (button) button.disabled = false;
    }
  }

  function authorName(m) {
    if (m.author === 'agent') return (m.agent && m.agent.name) || 'Agent';
    if (m.author === 'visitor') {
      const c = threadConv();
      const name = c && c.visitor && typeof c.visitor.name === 'string' ? c.visitor.name.trim() : '';
      return name || 'Visitor';
    }
    return 'System';
  }

  function imageUrl(value) {
    // Only our own uploads (same origin) or data:/blob: URLs pass the console's CSP.
    if (typeof value !== 'string' || !value) return null;
    if (/^(data:image\/|blob:)/.test(value)) return value;
    try {
      const u = new URL(value, location.href);
      return u.origin === location.origin ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function messageBody(m) {
    const img = m.image && typeof m.image === 'object' ? m.image : null;
    if (img) {
      const full = imageUrl(img.url);
      const thumb = imageUrl(img.thumbnail_url || img.thumb_url || img.url);
      const caption = m.body && m.body !== img.url ? el('p', { class: 'msg-body', text: String(m.body) }) : null;
      if (thumb) {
        const pic = el('img', { class: 'msg-image', testid: 'message-image', src: thumb, alt: img.name || 'Image', loading: 'lazy',
          width: img.width ? Math.min(240, img.width) : null });
        return el('div', { class: 'msg-media' }, full ? el('a', { href: full, target: '_blank', rel: 'noopener noreferrer' }, pic) : pic, caption);
      }
    }
    if (m.kind === 'image') {
      const url = String(m.body || '');
      if (/^https?:\/\//i.test(url)) {
        return el('a', { class: 'msg-link', href: url, target: '_blank', rel: 'noopener noreferrer nofollow', text: '📷 Image' });
      }
    }
    return el('p', { class: 'msg-body', text: m.body == null ? '' : String(m.body) });
  }

  /** Does message m continue prev's group (same author, kind of message, within a few minutes)? */
  function continuesGroup(prev, m) {
    if (!prev || !m || prev.author !== m.author || !!prev.internal !== !!m.internal) return false;
    if (m.author !== 'agent' && m.author !== 'visitor') return false;
    if (prev.kind === 'event' || m.kind === 'event') return false;
    if (m.author === 'agent' && (prev.agent && prev.agent.id) !== (m.agent && m.agent.id)) return false;
    const a = parseTime(prev.created_at);
    const b = parseTime(m.created_at);
    return a != null && b != null && startOfDay(a) === startOfDay(b) && b - a < GROUP_GAP_MS;
  }

  function messageNode(m, cont, lastInGroup, seenSeq) {
    const author = m.author === 'agent' || m.author === 'visitor' ? m.author : 'system';
    const time = el('time', { class: 'msg-time', datetime: m.created_at || '', title: fullTime(m.created_at), text: clockTime(m.created_at) });
    if (author === 'system' || m.kind === 'event') {
      return el('div', { class: 'msg msg-system', testid: 'message', 'data-author': author, 'data-seq': m.seq },
        el('span', { class: 'system-text', text: m.body == null ? '' : String(m.body) }), time);
    }
    const cls = ['msg', `msg-${author}`];
    if (m.internal) cls.push('msg-note');
    if (cont) cls.push('msg-cont');
    const seen = author === 'agent' && seenSeq && m.seq === seenSeq;
    const delivery = author === 'agent' && !m.internal ? (seenSeq && m.seq <= seenSeq ? 'seen' : 'sent') : null;
    // Inside a group only the last bubble shows its time; the others keep it as a tooltip.
    const foot = lastInGroup || seen ? el('div', { class: 'msg-foot' }, time) : null;
    if (seen) foot.append(el('span', { class: 'msg-seen', testid: 'message-seen', text: ' · Seen' }));
    else if (foot && delivery === 'sent') foot.append(el('span', { class: 'msg-sent', text: ' · Sent' }));
    return el('div', { class: cls.join(' '), testid: 'message', 'data-author': author, 'data-seq': m.seq, 'data-internal': m.internal ? 'true' : null, 'data-state': delivery },
      cont ? null : el('div', { class: 'msg-meta' },
        el('span', { class: 'msg-author', testid: 'message-author', text: authorName(m) }),
        m.internal ? el('span', { class: 'tag tag-note', text: 'Internal note' }) : null),
      el('div', { class: 'bubble', title: fullTime(m.created_at) }, messageBody(m)),
      foot);
  }

  function pendingNode(cmid, p, prev) {
    const failed = p.status === 'failed';
    const cont = prev && prev.author === 'agent' && prev.agent && state.agent && prev.agent.id === state.agent.id;
    const foot = el('div', { class: 'msg-foot' });
    if (failed) {
      foot.append(el('span', { class: 'msg-failed', text: `Not sent: ${p.error || 'error'} ` }),
        el('button', { type: 'button', class: 'link-btn', testid: 'retry-send', text: 'Retry', onclick: () => retrySend(cmid) }));
    } else {
      foot.append(el('span', { class: 'msg-sending', text: 'Sending…' }));
    }
    return el('div', {
      class: `msg msg-agent msg-pending${p.internal ? ' msg-note' : ''}${failed ? ' msg-error' : ''}${cont ? ' msg-cont' : ''}`,
      testid: 'message', 'data-author': 'agent', 'data-pending': failed ? 'failed' : 'true', 'data-client-msg-id': cmid,
    },
    cont ? null : el('div', { class: 'msg-meta' }, el('span', { class: 'msg-author', text: (state.agent && state.agent.name) || 'You' })),
    el('div', { class: 'bubble' }, el('p', { class: 'msg-body', text: p.uploadId || p.uploading || (!p.body && p.status === 'failed') ? `📷 ${p.uploading ? 'Uploading image…' : 'Image'}${p.body ? ` — ${p.body}` : ''}` : p.body })),
    foot);
  }

  function daySeparator(t) {
    return el('div', { class: 'day-sep', testid: 'day-separator', role: 'separator' }, el('span', { text: dayLabel(t) }));
  }

  /** Re-render the message log. opts.stick: scroll to the end; opts.keep: keep the view anchored (load earlier). */
  function renderMessages(opts) {
    const t = state.thread;
    if (!t || !ui.msgs) return;
    opts = opts || {};
    const sc = ui.scroll;
    const nearBottom = sc.scrollHeight - sc.scrollTop - sc.clientHeight < 120;
    const fromBottom = sc.scrollHeight - sc.scrollTop;

    const list = [...t.msgs.values()].sort((a, b) => a.seq - b.seq);
    const c = threadConv();
    let visitorRead = t.visitorRead;
    if (c && c.unread_visitor === 0 && c.last_seq) visitorRead = Math.max(visitorRead, c.last_seq);
    let seenSeq = 0;
    for (const m of list) if (m.author === 'agent' && !m.internal && m.seq <= visitorRead) seenSeq = m.seq;

    const frag = document.createDocumentFragment();
    let lastDay = null;
    let prev = null;
    list.forEach((m, i) => {
      const ts = parseTime(m.created_at);
      const day = ts == null ? lastDay : startOfDay(ts);
      if (day !== lastDay && ts != null) {
        frag.append(daySeparator(ts));
        lastDay = day;
        prev = null;
      }
      const lastInGroup = !continuesGroup(m, list[i + 1]);
      frag.append(messageNode(m, continuesGroup(prev, m), lastInGroup, seenSeq));
      prev = m;
    });
    let firstPending = true;
    for (const [cmid, p] of state.pending) {
      if (p.cid !== t.id) continue;
      if (firstPending && lastDay !== startOfDay(Date.now())) {
        frag.append(daySeparator(Date.now()));
        prev = null;
      }
      firstPending = false;
      frag.append(pendingNode(cmid, p, prev));
      prev = { author: 'agent', agent: state.agent };
    }
    if (t.loading) {
      frag.append(el('p', { class: 'thread-note muted', text: 'Loading messages…' }));
    } else if (t.error) {
      frag.append(el('p', { class: 'thread-note error-text', role: 'alert', text: t.error }));
    } else if (!list.length && firstPending) {
      frag.append(el('p', { class: 'thread-note muted', testid: 'no-messages', text: 'No messages yet.' }));
    }
    ui.msgs.replaceChildren(frag);

    ui.earlierWrap.hidden = !(t.hasMore && list.length);
    ui.earlier.disabled = t.loadingEarlier;
    ui.earlier.textContent = t.loadingEarlier ? 'Loading…' : 'Load earlier';

    if (opts.keep) sc.scrollTop = sc.scrollHeight - fromBottom;
    else if (opts.stick || nearBottom) sc.scrollTop = sc.scrollHeight;
  }

  function showReplyError(msg) {
    if (!ui.replyError) return;
    ui.replyError.textContent = msg || '';
    ui.replyError.hidden = !msg;
  }

  function onComposerInput() {
    const input = ui.input;
    const len = input.value.length;
    input.rows = Math.min(8, Math.max(2, input.value.split('\n').length));
    ui.counter.textContent = len > MAX_BODY - 200 ? `${len}/${MAX_BODY}` : '';
    if (input.value.trim() && !state.noteMode && !input.value.startsWith('/') && Date.now() - state.lastTypingSent >= TYPING_SEND_MS && state.thread) {
      if (sendFrame({ type: 'typing', conversation_id: state.thread.id })) state.lastTypingSent = Date.now();
    }
  }

  function sendReply() {
    const t = state.thread;
    if (!t || !ui.input) return;
    const body = ui.input.value.replace(/^\s*\n/, '').replace(/\s+$/, '');
    if (!body.trim()) return;
    if (body.length > MAX_BODY) {
      showReplyError(`Messages can be at most ${MAX_BODY} characters.`);
      return;
    }
    showReplyError('');
    const cmid = uuid();
    const internal = state.noteMode;
    state.pending.set(cmid, { cid: t.id, body, internal, status: 'sending', error: null, sentAt: Date.now() });
    ui.input.value = '';
    onComposerInput();
    if (ui.suggest) ui.suggest.hidden = true;
    state.lastTypingSent = 0;
    sendFrame(messageFrame(cmid, state.pending.get(cmid)));
    setTimeout(checkPending, PENDING_TIMEOUT_MS + 100);
    renderMessages({ stick: true });
    ui.input.focus();
  }

  function retrySend(cmid) {
    const p = state.pending.get(cmid);
    if (!p) return;
    if (!p.uploadId && !p.body) {
      state.pending.delete(cmid); // a failed upload: pick the file again
      renderMessages();
      return;
    }
    p.status = 'sending';
    p.error = null;
    p.sentAt = Date.now();
    showReplyError('');
    sendFrame(messageFrame(cmid, p));
    setTimeout(checkPending, PENDING_TIMEOUT_MS + 100);
    renderMessages();
  }

  function messageFrame(cmid, p) {
    const frame = { type: 'message', conversation_id: p.cid, client_msg_id: cmid, body: p.body };
    if (p.internal) frame.internal = true;
    if (p.uploadId) frame.upload_id = p.uploadId;
    return frame;
  }

  /** Upload an image (checked here like the widget does; the server checks again), then send it. */
  async function sendImage(file) {
    const t = state.thread;
    if (!t) return;
    if (!UPLOAD_TYPES.includes(file.type)) {
      showReplyError('Only PNG, JPEG, GIF or WebP images can be sent.');
      return;
    }
    if (file.size > UPLOAD_MAX_BYTES) {
      showReplyError('The image is larger than 5 MB.');
      return;
    }
    showReplyError('');
    const cmid = uuid();
    const caption = ui.input ? ui.input.value.trim().slice(0, MAX_BODY) : '';
    if (ui.input) {
      ui.input.value = '';
      onComposerInput();
    }
    const p = { cid: t.id, body: caption, internal: state.noteMode, status: 'sending', error: null, sentAt: Date.now(), uploading: true };
    state.pending.set(cmid, p);
    renderMessages({ stick: true });
    const ep = state.epoch;
    let res;
    let data = null;
    try {
      res = await fetch(`${API}/uploads`, {
        method: 'POST', body: file, credentials: 'same-origin', cache: 'no-store',
        headers: { Authorization: `Bearer ${state.token}`, 'Content-Type': file.type, Accept: 'application/json' },
      });
      try { data = await res.json(); } catch (e) { /* not JSON */ }
    } catch (e) {
      res = null;
    }
    if (ep !== state.epoch) return;
    p.uploading = false;
    if (!res || !res.ok || !data || !data.upload) {
      p.status = 'failed';
      p.error = (data && data.error && data.error.message) || 'The image could not be uploaded.';
      showReplyError(p.error);
      renderMessages();
      return;
    }
    p.uploadId = data.upload.id;
    p.sentAt = Date.now();
    sendFrame(messageFrame(cmid, p));
    setTimeout(checkPending, PENDING_TIMEOUT_MS + 100);
    renderMessages({ stick: true });
  }

  /** Send read up to the newest message of the open conversation, once per seq. */
  function markRead() {
    const t = state.thread;
    if (!t || t.loading || !docVisible() || !state.ready) return;
    const last = maxSeq();
    if (!last || last <= t.readSent) return;
    if (!sendFrame({ type: 'read', conversation_id: t.id, seq: last })) return;
    t.readSent = last;
    const c = state.convs.get(t.id);
    if (c && c.unread_agent) {
      c.unread_agent = 0;
      renderList();
    }
  }

  function showTyping() {
    if (!ui.typing) return;
    ui.typing.hidden = false;
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(hideTyping, TYPING_SHOW_MS);
  }

  function hideTyping() {
    clearTimeout(state.typingTimer);
    if (ui.typing) ui.typing.hidden = true;
  }

  /** A message we did not author (or our own ack): update the list item locally. */
  function bumpConversation(m) {
    const c = state.convs.get(m.conversation_id) || (state.thread && state.thread.id === m.conversation_id ? state.thread.conv : null);
    if (!c || m.internal) return;
    if ((m.seq || 0) <= (c.last_seq || 0)) return; // the conversation frame already covered it
    c.last_seq = m.seq;
    c.last_message_at = m.created_at;
    c.last_message = { seq: m.seq, author: m.author, body: m.body, kind: m.kind, created_at: m.created_at };
    const viewing = state.thread && state.thread.id === m.conversation_id && docVisible();
    if (m.author === 'visitor' && !viewing) c.unread_agent = (c.unread_agent || 0) + 1;
    renderList();
  }

  // ------------------------------------------- 6b. notifications & shortcuts
  let audioCtx = null;

  /** A short two-tone chime made with WebAudio: no sound file to load. */
  function chime() {
    try {
      const Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return;
      audioCtx = audioCtx || new Ctx();
      if (audioCtx.state === 'suspended') audioCtx.resume();
      const now = audioCtx.currentTime;
      [[880, 0], [1320, 0.12]].forEach(([freq, at]) => {
        const osc = audioCtx.createOscillator();
        const gain = audioCtx.createGain();
        osc.type = 'sine';
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, now + at);
        gain.gain.exponentialRampToValueAtTime(0.18, now + at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + at + 0.25);
        osc.connect(gain).connect(audioCtx.destination);
        osc.start(now + at);
        osc.stop(now + at + 0.3);
      });
      state.lastChime = Date.now();
    } catch (e) { /* no audio: the title and list still show it */ }
  }

  /** A shopper's message: notify unless the agent is looking at that very conversation. */
  function notifyMessage(m, isNewConversation, conv) {
    if (!m || m.author !== 'visitor' || m.internal) return;
    const viewing = state.view === 'inbox' && docVisible() && state.thread && state.thread.id === m.conversation_id;
    if (viewing) return;
    state.notified = (state.notified || 0) + 1;
    document.documentElement.setAttribute('data-notified', String(state.notified));
    if (state.prefs.sound) chime();
    if (state.prefs.desktop && 'Notification' in window && Notification.permission === 'granted') {
      const who = conv ? visitorName(conv.visitor) : 'A shopper';
      try {
        const n = new Notification(isNewConversation ? `New conversation — ${who}` : who,
          { body: truncate(m.body || '📷 Image', 140), tag: `shopchat-${m.conversation_id}` });
        n.onclick = () => {
          window.focus();
          showView('inbox');
          openConversation(m.conversation_id);
          n.close();
        };
      } catch (e) { /* some browsers only allow notifications from a service worker */ }
    }
  }

  /**
   * A message of a conversation this console has no row for (a new one, or outside the
   * filter) comes just before its `conversation` frame: wait for that frame so that the
   * notification can name the shopper; notify unnamed if it does not come.
   */
  function notifyWhenKnown(m, isNewConversation) {
    const id = m.conversation_id;
    if (state.unnamed.has(id)) return; // one notification for the burst (same tag anyway)
    const timer = setTimeout(() => { // after a logout the map is a new one: nothing to do
      const waiting = state.unnamed.get(id);
      if (waiting) waiting(null);
    }, 2000);
    state.unnamed.set(id, (conv) => {
      clearTimeout(timer);
      state.unnamed.delete(id);
      notifyMessage(m, isNewConversation, conv);
    });
  }

  function toggleHelp(force) {
    const open = typeof force === 'boolean' ? force : !ui.help;
    if (!open) {
      if (ui.help) ui.help.remove();
      ui.help = null;
      return;
    }
    if (ui.help) return;
    const rows = [
      ['J  or  Alt+↓', 'Next conversation'],
      ['K  or  Alt+↑', 'Previous conversation'],
      ['R', 'Focus the reply box'],
      ['N', 'Toggle internal note'],
      ['/', 'Search conversations'],
      ['Alt+C', 'Close the open conversation (Alt+O reopens)'],
      ['Alt+A', 'Assign the open conversation to me'],
      ['Enter', 'Send the reply'],
      ['Shift+Enter', 'New line in the reply'],
      ['/shortcut in the reply', 'Insert a canned reply (↑ ↓ to choose, Enter or Tab)'],
      ['Esc', 'Leave the reply box, close this help'],
      ['?', 'Show or hide this help'],
    ];
    const close = el('button', { type: 'button', class: 'btn btn-small', testid: 'help-close', text: 'Close', onclick: () => toggleHelp(false) });
    const dialog = el('div', { class: 'help-dialog', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Keyboard shortcuts' },
      el('div', { class: 'help-head' }, el('h2', { text: 'Keyboard shortcuts' }), close),
      el('table', { class: 'help-table' }, el('tbody', null,
        ...rows.map(([k, v]) => el('tr', null, el('th', null, el('kbd', { text: k })), el('td', { text: v }))))));
    const overlay = el('div', { class: 'overlay', testid: 'help-overlay' }, dialog);
    overlay.addEventListener('click', (ev) => { if (ev.target === overlay) toggleHelp(false); });
    document.body.append(overlay);
    ui.help = overlay;
    close.focus();
  }

  function typingInField(target) {
    if (!target || !target.closest) return false;
    return !!target.closest('input, textarea, select, [contenteditable="true"]');
  }

  function moveSelection(step) {
    const items = sortedConversations();
    if (!items.length) return;
    let i = items.findIndex((c) => c.id === state.openId);
    i = i < 0 ? (step > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, i + step));
    openConversation(items[i].id, { keepFocus: true });
    const node = ui.list && ui.list.querySelector(`[data-conversation-id="${items[i].id}"]`);
    if (node) node.scrollIntoView({ block: 'nearest' });
  }

  function onGlobalKey(ev) {
    if (!state.token || !ui.list) return;
    if (ev.key === 'Escape') {
      if (ui.help) { toggleHelp(false); ev.preventDefault(); return; }
      if (ui.emoji && !ui.emoji.hidden) { ui.emoji.hidden = true; return; }
      if (document.activeElement === ui.input && !(ui.suggest && !ui.suggest.hidden)) ui.input.blur();
      return;
    }
    if (ev.altKey && !ev.ctrlKey && !ev.metaKey) {
      const k = ev.key.toLowerCase();
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        ev.preventDefault();
        moveSelection(ev.key === 'ArrowDown' ? 1 : -1);
      } else if (ev.code === 'KeyC' || k === 'c') {
        ev.preventDefault();
        if (state.thread) setStatus('close');
      } else if (ev.code === 'KeyO' || k === 'o') {
        ev.preventDefault();
        if (state.thread) setStatus('reopen');
      } else if (ev.code === 'KeyA' || k === 'a') {
        ev.preventDefault();
        if (state.thread && state.agent) assignTo(state.agent.id);
      }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || typingInField(ev.target)) return;
    if (state.view !== 'inbox' && ev.key !== '?') return;
    switch (ev.key) {
      case 'j': moveSelection(1); break;
      case 'k': moveSelection(-1); break;
      case 'r': if (ui.input) ui.input.focus(); break;
      case 'n': if (state.thread) setNoteMode(!state.noteMode); break;
      case '/': if (ui.search) ui.search.focus(); break;
      case '?': toggleHelp(); break;
      default: return;
    }
    ev.preventDefault();
  }

  function showView(view) {
    if (!ui.workspace) return;
    state.view = view === 'settings' ? 'settings' : 'inbox';
    const settings = state.view === 'settings';
    ui.workspace.hidden = settings;
    ui.settingsPage.hidden = !settings;
    ui.navInbox.classList.toggle('is-active', !settings);
    ui.navSettings.classList.toggle('is-active', settings);
    ui.navInbox.setAttribute('aria-current', settings ? 'false' : 'page');
    ui.navSettings.setAttribute('aria-current', settings ? 'page' : 'false');
    if (settings) {
      if (history.replaceState) history.replaceState(null, '', '#/settings');
      renderSettings();
    } else {
      if (history.replaceState) history.replaceState(null, '', state.openId ? `#/conversations/${state.openId}` : location.pathname);
      markRead();
    }
  }

  // ------------------------------------------------------ 6c. visitor panel
  async function loadPanel(id) {
    const ep = state.epoch;
    try {
      const data = await api('GET', `/conversations/${id}/visitor`);
      if (ep !== state.epoch || !state.thread || state.thread.id !== id) return;
      state.panel = { id, data };
    } catch (e) {
      if (ep !== state.epoch) return;
      state.panel = { id, data: null, error: e.message };
    }
    renderDetails();
  }

  let panelTimer = null;
  function refreshPanelSoon(id) {
    if (!state.thread || state.thread.id !== id) return;
    clearTimeout(panelTimer);
    panelTimer = setTimeout(() => loadPanel(id), 150);
  }

  function safeHttpUrl(value) {
    try {
      const u = new URL(String(value));
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function localTime(tz) {
    if (!tz) return null;
    try {
      return new Date().toLocaleTimeString(undefined, { timeZone: tz, hour: '2-digit', minute: '2-digit' }) + ` (${tz})`;
    } catch (e) {
      return null;
    }
  }

  function money(amount, currency) {
    if (amount == null || amount === '') return null;
    const n = Number(amount);
    if (Number.isNaN(n)) return String(amount);
    try {
      return currency ? n.toLocaleString(undefined, { style: 'currency', currency: String(currency) }) : n.toLocaleString();
    } catch (e) {
      return `${n} ${currency || ''}`.trim();
    }
  }

  const CARD_SKIP = new Set(['name', 'title', 'items', 'url', 'image', 'image_url', 'currency', 'price', 'total', 'id', 'number']);

  function contextCard(kind, data) {
    if (!data || typeof data !== 'object') return null;
    const titles = { product: 'Product', cart: 'Cart', order: 'Order' };
    const head = data.name || data.title || (data.number != null ? `#${data.number}` : data.id != null ? `#${data.id}` : '');
    const rows = [];
    const price = money(data.price != null ? data.price : data.total, data.currency);
    if (price) rows.push([data.price != null ? 'Price' : 'Total', price]);
    for (const [k, v] of Object.entries(data)) {
      if (CARD_SKIP.has(k) || v == null || typeof v === 'object') continue;
      rows.push([k.replace(/_/g, ' '), String(v)]);
      if (rows.length >= 6) break;
    }
    const items = Array.isArray(data.items) ? data.items.slice(0, 8) : [];
    const url = safeHttpUrl(data.url);
    return el('section', { class: `ctx-card ctx-${kind}`, testid: 'context-card', 'data-kind': kind },
      el('p', { class: 'ctx-kind', text: titles[kind] || kind }),
      head ? (url ? el('a', { class: 'ctx-title', href: url, target: '_blank', rel: 'noopener noreferrer', text: String(head) })
        : el('p', { class: 'ctx-title', text: String(head) })) : null,
      items.length ? el('ul', { class: 'ctx-items' }, ...items.map((it) => el('li', null,
        el('span', { class: 'ctx-qty', text: `${it.quantity || it.qty || 1}×` }),
        el('span', { class: 'ctx-item-name', text: String(it.name || it.title || it.sku || 'Item') }),
        el('span', { class: 'ctx-item-price', text: money(it.price, it.currency || data.currency) || '' })))) : null,
      rows.length ? el('dl', { class: 'ctx-rows' }, ...rows.map(([k, v]) => el('div', null, el('dt', { text: k }), el('dd', { text: v })))) : null);
  }

  // ---------------------------------------------------------- 6d. composer
  function setNoteMode(on) {
    state.noteMode = !!on;
    if (!ui.noteToggle) return;
    ui.noteToggle.setAttribute('aria-pressed', state.noteMode ? 'true' : 'false');
    ui.noteToggle.classList.toggle('is-on', state.noteMode);
    ui.composerBox.classList.toggle('is-note', state.noteMode);
    ui.input.placeholder = state.noteMode ? 'Internal note — only your team sees it' : 'Write a reply…  (Enter to send, Shift+Enter for a new line, / for canned replies)';
    ui.send.textContent = state.noteMode ? 'Add note' : 'Send';
  }

  function insertAtCaret(text) {
    const input = ui.input;
    const start = input.selectionStart;
    const end = input.selectionEnd;
    input.setRangeText(text, start, end, 'end');
    input.focus();
    onComposerInput();
  }

  /** The "/word" right before the caret, if any. */
  function slashToken() {
    const input = ui.input;
    if (!input) return null;
    const before = input.value.slice(0, input.selectionStart);
    const m = /(^|\s)\/([a-z0-9_-]*)$/i.exec(before);
    return m ? { prefix: m[2].toLowerCase(), start: before.length - m[2].length - 1 } : null;
  }

  function updateSuggestions() {
    if (!ui.suggest) return;
    const token = slashToken();
    const matches = token ? state.canned.filter((c) => c.shortcut.startsWith(token.prefix)).slice(0, 8) : [];
    if (!matches.length) {
      ui.suggest.hidden = true;
      ui.suggest.replaceChildren();
      state.suggestIndex = 0;
      return;
    }
    state.suggestIndex = Math.min(state.suggestIndex || 0, matches.length - 1);
    ui.suggest.replaceChildren(...matches.map((c, i) => el('li', {
      class: `suggest-item${i === state.suggestIndex ? ' is-active' : ''}`, testid: 'canned-option', role: 'option',
      'data-shortcut': c.shortcut, 'aria-selected': i === state.suggestIndex ? 'true' : 'false',
      onmousedown: (ev) => { ev.preventDefault(); applyCanned(c); },
    }, el('span', { class: 'suggest-key', text: `/${c.shortcut}` }), el('span', { class: 'suggest-body', text: truncate(c.body, 80) }))));
    ui.suggest.hidden = false;
    ui.suggest.matches = matches;
  }

  function applyCanned(c) {
    const token = slashToken();
    const input = ui.input;
    if (!token || !input) return;
    input.setRangeText(c.body, token.start, input.selectionStart, 'end');
    ui.suggest.hidden = true;
    input.focus();
    onComposerInput();
  }

  /** Keys for the canned-reply list; true when the key was used. */
  function suggestionKey(ev) {
    if (!ui.suggest || ui.suggest.hidden || !ui.suggest.matches) return false;
    const n = ui.suggest.matches.length;
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      state.suggestIndex = (state.suggestIndex + (ev.key === 'ArrowDown' ? 1 : n - 1)) % n;
      updateSuggestions();
      return true;
    }
    if ((ev.key === 'Enter' && !ev.shiftKey) || ev.key === 'Tab') {
      applyCanned(ui.suggest.matches[state.suggestIndex] || ui.suggest.matches[0]);
      return true;
    }
    if (ev.key === 'Escape') {
      ui.suggest.hidden = true;
      return true;
    }
    return false;
  }

  function emojiPicker() {
    const grid = el('div', { class: 'emoji-picker', testid: 'emoji-picker', role: 'menu' },
      ...EMOJI.map((e) => el('button', { type: 'button', class: 'emoji', role: 'menuitem', text: e, 'aria-label': e,
        onclick: () => { insertAtCaret(e); grid.hidden = true; } })));
    grid.hidden = true;
    return grid;
  }

  async function assignTo(agentId) {
    const t = state.thread;
    if (!t) return;
    const ep = state.epoch;
    try {
      const data = await api('POST', `/conversations/${t.id}/assign`, { agent_id: agentId == null ? null : Number(agentId) });
      if (ep !== state.epoch) return;
      if (data.conversation) upsertConversation(data.conversation);
    } catch (e) {
      if (ep !== state.epoch) return;
      toast(e.message);
      renderThreadHead();
    }
  }

  function assignControl(c) {
    const me = state.agent && state.agent.id;
    const current = c && c.assignee ? c.assignee.id : null;
    const select = el('select', { class: 'assign', testid: 'assign', 'aria-label': 'Assignee', title: 'Assign (Alt+A: to me)' },
      el('option', { value: '', text: 'Unassigned' }),
      el('option', { value: 'me', text: `Me${state.agent && state.agent.name ? ` (${state.agent.name})` : ''}` }));
    const seen = new Set([me]);
    for (const a of state.team) {
      if (!a.is_active || seen.has(a.id)) continue;
      seen.add(a.id);
      select.append(el('option', { value: String(a.id), text: a.name }));
    }
    if (current != null && !seen.has(current)) select.append(el('option', { value: String(current), text: c.assignee.name }));
    select.value = current == null ? '' : current === me ? 'me' : String(current);
    select.addEventListener('change', () => {
      const v = select.value;
      assignTo(v === '' ? null : v === 'me' ? me : Number(v));
    });
    return select;
  }

  // ------------------------------------------------------- 6e. settings page
  const DAY_NAMES = [['mon', 'Monday'], ['tue', 'Tuesday'], ['wed', 'Wednesday'], ['thu', 'Thursday'],
    ['fri', 'Friday'], ['sat', 'Saturday'], ['sun', 'Sunday']];

  function isOwner() {
    return !!(state.agent && state.agent.role === 'owner');
  }

  function field(label, control, hint) {
    const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
    control.id = id;
    return el('div', { class: 'field' }, el('label', { class: 'field-label', for: id, text: label }), control,
      hint ? el('p', { class: 'field-hint muted', text: hint }) : null);
  }

  function statusLine(testid) {
    const p = el('p', { class: 'form-status', testid, role: 'status' });
    p.set = (msg, bad) => { p.textContent = msg || ''; p.classList.toggle('error-text', !!bad); };
    return p;
  }

  function renderSettings() {
    const page = ui.settingsPage;
    if (!page) return;
    const tabs = [['account', 'My account']];
    if (isOwner()) tabs.push(['shop', 'Shop'], ['team', 'Team'], ['canned', 'Canned replies'], ['install', 'Install']);
    if (!tabs.some(([k]) => k === state.settingsTab)) state.settingsTab = tabs.length > 1 ? 'shop' : 'account';
    const body = el('div', { class: 'settings-body' });
    const nav = el('nav', { class: 'settings-nav', 'aria-label': 'Settings' },
      ...tabs.map(([k, label]) => el('button', {
        type: 'button', class: `settings-tab${k === state.settingsTab ? ' is-active' : ''}`, testid: 'settings-tab', 'data-tab': k,
        'aria-current': k === state.settingsTab ? 'page' : null, text: label,
        onclick: () => { state.settingsTab = k; renderSettings(); },
      })));
    page.replaceChildren(el('div', { class: 'settings-wrap' }, nav, body));
    const render = { account: accountSettings, shop: shopSettings, team: teamSettings, canned: cannedSettings, install: installSettings }[state.settingsTab];
    render(body);
  }

  function accountSettings(body) {
    const prefs = [['sound', 'Play a sound'], ['title', 'Show the unread count in the tab title'], ['desktop', 'Show a browser notification']];
    const prefStatus = statusLine('prefs-status');
    const boxes = prefs.map(([k, label]) => {
      const box = el('input', { type: 'checkbox', testid: `pref-${k}` });
      box.checked = !!state.prefs[k];
      box.addEventListener('change', async () => {
        const ep = state.epoch;
        try {
          const data = await api('PUT', '/me/preferences', { [k]: box.checked });
          if (ep !== state.epoch) return;
          state.prefs = Object.assign({}, state.prefs, data.preferences || {});
          prefStatus.set('Saved.');
          updateTitle();
        } catch (e) {
          box.checked = !box.checked;
          prefStatus.set(e.message, true);
        }
      });
      return el('label', { class: 'check' }, box, el('span', { text: label }));
    });
    let permission = null;
    if ('Notification' in window) {
      if (Notification.permission === 'default') {
        permission = el('button', { type: 'button', class: 'btn btn-small', testid: 'notifications-permission', text: 'Allow browser notifications',
          onclick: () => Notification.requestPermission().then(() => renderSettings()) });
      } else {
        permission = el('p', { class: 'muted small', text: Notification.permission === 'granted' ? 'Browser notifications are allowed.' : 'Browser notifications are blocked in this browser’s site settings.' });
      }
    }
    const current = el('input', { type: 'password', testid: 'password-current', autocomplete: 'current-password', required: true });
    const next = el('input', { type: 'password', testid: 'password-new', autocomplete: 'new-password', minlength: 8, required: true });
    const pwStatus = statusLine('password-status');
    const pwForm = el('form', { class: 'card form', testid: 'password-form' },
      el('h3', { text: 'Change password' }),
      el('p', { class: 'muted small', text: 'Your other signed-in browsers will be signed out.' }),
      field('Current password', current), field('New password (at least 8 characters)', next),
      el('div', { class: 'form-actions' }, el('button', { type: 'submit', class: 'btn btn-primary', testid: 'password-save', text: 'Change password' }), pwStatus));
    pwForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        const data = await api('POST', '/me/password', { current_password: current.value, new_password: next.value });
        current.value = '';
        next.value = '';
        pwStatus.set(`Password changed.${data.revoked_sessions ? ` ${data.revoked_sessions} other session(s) signed out.` : ''}`);
      } catch (e) {
        pwStatus.set(e.message, true);
      }
    });
    body.append(
      el('section', { class: 'card', testid: 'notification-settings' },
        el('h3', { text: 'Notifications' }),
        el('p', { class: 'muted small', text: 'For new conversations and messages while this tab is hidden or another conversation is open.' }),
        ...boxes, permission, prefStatus),
      pwForm);
  }

  async function shopSettings(body) {
    body.append(el('p', { class: 'muted', text: 'Loading…' }));
    let data;
    try {
      data = (await api('GET', '/shop/settings')).settings;
    } catch (e) {
      body.replaceChildren(el('p', { class: 'error-text', text: e.message }));
      return;
    }
    const name = el('input', { type: 'text', testid: 'settings-name', maxlength: 200, required: true, value: data.name });
    const greeting = el('textarea', { testid: 'settings-greeting', rows: 2, maxlength: 500 });
    greeting.value = data.greeting || '';
    const offline = el('textarea', { testid: 'settings-offline', rows: 2, maxlength: 1000 });
    offline.value = data.offline_message || '';
    const origins = el('textarea', { testid: 'settings-origins', rows: 3, spellcheck: 'false' });
    origins.value = (data.allowed_origins || []).join('\n');
    const color = el('input', { type: 'color', testid: 'settings-color', value: data.brand_color || '#2563eb' });
    const position = el('select', { testid: 'settings-position' }, el('option', { value: 'right', text: 'Bottom right' }), el('option', { value: 'left', text: 'Bottom left' }));
    position.value = data.widget_position || 'right';
    const hours = data.business_hours;
    const always = el('input', { type: 'checkbox', testid: 'hours-always' });
    always.checked = !hours;
    const tz = el('input', { type: 'text', testid: 'settings-timezone', placeholder: 'Europe/Oslo', value: (hours && hours.timezone) || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' });
    const dayRows = DAY_NAMES.map(([k, label]) => {
      const range = hours && hours.days && hours.days[k] && hours.days[k][0];
      const open = el('input', { type: 'checkbox', testid: `hours-${k}-open` });
      open.checked = hours ? !!range : !['sat', 'sun'].includes(k);
      const from = el('input', { type: 'time', testid: `hours-${k}-from`, value: range ? range[0] : '09:00', 'aria-label': `${label} opens` });
      const to = el('input', { type: 'time', testid: `hours-${k}-to`, value: range ? range[1] : '17:00', 'aria-label': `${label} closes` });
      return { k, open, from, to, node: el('div', { class: 'hours-row' }, el('label', { class: 'check' }, open, el('span', { text: label })), from, el('span', { class: 'muted', text: '–' }), to) };
    });
    const hoursBox = el('div', { class: 'hours', testid: 'business-hours' }, field('Time zone', tz), ...dayRows.map((r) => r.node),
      el('p', { class: 'muted small', text: 'A closing time at or before the opening time runs past midnight, e.g. 22:00 – 06:00.' }));
    const syncHours = () => { hoursBox.hidden = always.checked; };
    always.addEventListener('change', syncHours);
    syncHours();
    const status = statusLine('settings-status');
    const form = el('form', { class: 'card form', testid: 'settings-form' },
      el('h3', { text: 'Shop' }),
      field('Shop name', name),
      field('Greeting', greeting, 'Shown when a shopper opens the chat.'),
      field('Allowed origins', origins, 'One per line, e.g. https://shop.example or http://localhost:* — the widget only works on these sites.'),
      el('div', { class: 'field-row' }, field('Brand colour', color), field('Widget position', position)),
      el('h3', { text: 'Business hours' }),
      el('label', { class: 'check' }, always, el('span', { text: 'Always open' })),
      hoursBox,
      field('Offline message', offline, 'Shown outside business hours or when no agent is online.'),
      el('div', { class: 'form-actions' }, el('button', { type: 'submit', class: 'btn btn-primary', testid: 'settings-save', text: 'Save changes' }), status));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const days = {};
      for (const r of dayRows) days[r.k] = r.open.checked ? [[r.from.value, r.to.value]] : [];
      const payload = {
        name: name.value.trim(),
        greeting: greeting.value,
        offline_message: offline.value,
        allowed_origins: origins.value.split(/[\s,]+/).map((o) => o.trim()).filter(Boolean),
        brand_color: color.value,
        widget_position: position.value,
        business_hours: always.checked ? null : { timezone: tz.value.trim(), days },
      };
      status.set('Saving…');
      try {
        const saved = (await api('PUT', '/shop/settings', payload)).settings;
        origins.value = saved.allowed_origins.join('\n');
        state.shop = Object.assign({}, state.shop, { name: saved.name });
        saveSession();
        renderHeader();
        status.set('Saved.');
      } catch (e) {
        status.set(e.message, true);
      }
    });
    body.replaceChildren(form);
  }

  async function teamSettings(body) {
    const list = el('tbody');
    const status = statusLine('team-status');
    const load = async () => {
      try {
        state.team = (await api('GET', '/agents')).agents || [];
      } catch (e) {
        status.set(e.message, true);
        return;
      }
      list.replaceChildren(...state.team.map((a) => {
        const actions = el('div', { class: 'row-actions' });
        if (state.agent && a.id !== state.agent.id) {
          actions.append(a.is_active
            ? el('button', { type: 'button', class: 'btn btn-small', testid: 'agent-deactivate', text: 'Deactivate', onclick: () => act(`/agents/${a.id}/deactivate`, `${a.name} is deactivated and signed out.`) })
            : el('button', { type: 'button', class: 'btn btn-small', testid: 'agent-reactivate', text: 'Reactivate', onclick: () => act(`/agents/${a.id}/reactivate`, `${a.name} can sign in again.`) }));
        }
        const pw = el('input', { type: 'password', class: 'inline-input', testid: 'agent-new-password', placeholder: 'New password', autocomplete: 'new-password', minlength: 8 });
        actions.append(pw, el('button', { type: 'button', class: 'btn btn-small', testid: 'agent-reset-password', text: 'Set password',
          onclick: () => act(`/agents/${a.id}/password`, `New password set for ${a.name}; their sessions ended.`, { password: pw.value }) }));
        return el('tr', { testid: 'agent-row', 'data-agent-id': a.id, class: a.is_active ? '' : 'is-inactive' },
          el('td', null, el('strong', { text: a.name }), el('br'), el('span', { class: 'muted small', text: a.email })),
          el('td', { text: a.role === 'owner' ? 'Owner' : 'Agent' }),
          el('td', { text: a.is_active ? 'Active' : 'Deactivated' }),
          el('td', null, actions));
      }));
    };
    const act = async (path, done, payload) => {
      try {
        await api('POST', path, payload);
        status.set(done);
        await load();
      } catch (e) {
        status.set(e.message, true);
      }
    };
    const iname = el('input', { type: 'text', testid: 'invite-name', maxlength: 200 });
    const iemail = el('input', { type: 'email', testid: 'invite-email', required: true, autocomplete: 'off' });
    const ipass = el('input', { type: 'password', testid: 'invite-password', required: true, minlength: 8, autocomplete: 'new-password' });
    const irole = el('select', { testid: 'invite-role' }, el('option', { value: 'agent', text: 'Agent' }), el('option', { value: 'owner', text: 'Owner' }));
    const invite = el('form', { class: 'card form', testid: 'invite-form' },
      el('h3', { text: 'Add an agent' }),
      el('div', { class: 'field-row' }, field('Name', iname), field('Email', iemail)),
      el('div', { class: 'field-row' }, field('First password', ipass, 'Share it with them; they can change it under My account.'), field('Role', irole)),
      el('div', { class: 'form-actions' }, el('button', { type: 'submit', class: 'btn btn-primary', testid: 'invite-submit', text: 'Add agent' })));
    invite.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        await api('POST', '/agents', { name: iname.value.trim() || null, email: iemail.value.trim(), password: ipass.value, role: irole.value });
        status.set(`${iemail.value.trim()} can now sign in.`);
        invite.reset();
        await load();
      } catch (e) {
        status.set(e.message, true);
      }
    });
    body.append(el('section', { class: 'card' }, el('h3', { text: 'Team' }),
      el('table', { class: 'table', testid: 'agents-table' },
        el('thead', null, el('tr', null, el('th', { text: 'Agent' }), el('th', { text: 'Role' }), el('th', { text: 'Status' }), el('th', { text: '' }))),
        list), status), invite);
    await load();
  }

  async function cannedSettings(body) {
    const list = el('tbody');
    const status = statusLine('canned-status');
    let editing = null;
    const shortcut = el('input', { type: 'text', testid: 'canned-shortcut', maxlength: 50, placeholder: 'shipping', required: true, spellcheck: 'false' });
    const text = el('textarea', { testid: 'canned-body', rows: 3, maxlength: 2000, required: true });
    const save = el('button', { type: 'submit', class: 'btn btn-primary', testid: 'canned-save', text: 'Add reply' });
    const load = async () => {
      try {
        state.canned = (await api('GET', '/canned')).canned_replies || [];
      } catch (e) {
        status.set(e.message, true);
        return;
      }
      list.replaceChildren(...state.canned.map((c) => el('tr', { testid: 'canned-row', 'data-shortcut': c.shortcut },
        el('td', null, el('code', { text: `/${c.shortcut}` })),
        el('td', { class: 'canned-text', text: c.body }),
        el('td', null, el('div', { class: 'row-actions' },
          el('button', { type: 'button', class: 'btn btn-small', testid: 'canned-edit', text: 'Edit',
            onclick: () => { editing = c.id; shortcut.value = c.shortcut; text.value = c.body; save.textContent = 'Save reply'; shortcut.focus(); } }),
          el('button', { type: 'button', class: 'btn btn-small', testid: 'canned-delete', text: 'Delete',
            onclick: async () => {
              try { await api('DELETE', `/canned/${c.id}`); status.set(`/${c.shortcut} deleted.`); await load(); } catch (e) { status.set(e.message, true); }
            } }))))));
      if (!state.canned.length) list.append(el('tr', null, el('td', { colspan: 3, class: 'muted', text: 'No canned replies yet.' })));
    };
    const form = el('form', { class: 'card form', testid: 'canned-form' },
      el('h3', { text: 'Add or edit a canned reply' }),
      field('Shortcut', shortcut, 'Agents type /shortcut in the reply box to insert the text.'),
      field('Text', text),
      el('div', { class: 'form-actions' }, save, status));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const payload = { shortcut: shortcut.value, body: text.value };
      try {
        if (editing) await api('PUT', `/canned/${editing}`, payload);
        else await api('POST', '/canned', payload);
        status.set('Saved.');
        editing = null;
        form.reset();
        save.textContent = 'Add reply';
        await load();
      } catch (e) {
        status.set(e.message, true);
      }
    });
    body.append(el('section', { class: 'card' }, el('h3', { text: 'Canned replies' }),
      el('table', { class: 'table', testid: 'canned-table' },
        el('thead', null, el('tr', null, el('th', { text: 'Shortcut' }), el('th', { text: 'Text' }), el('th', { text: '' }))), list)), form);
    await load();
  }

  function copyButton(testid, getText) {
    const btn = el('button', { type: 'button', class: 'btn btn-small', testid, text: 'Copy' });
    btn.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(getText());
        btn.textContent = 'Copied';
      } catch (e) {
        btn.textContent = 'Select and copy';
      }
      setTimeout(() => { btn.textContent = 'Copy'; }, 2000);
    });
    return btn;
  }

  async function installSettings(body) {
    let data;
    try {
      data = await api('GET', '/shop/install');
    } catch (e) {
      body.append(el('p', { class: 'error-text', text: e.message }));
      return;
    }
    const langs = [['node', 'Node.js'], ['python', 'Python'], ['php', 'PHP'], ['browser', 'On the page']].filter(([k]) => data.identity[k]);
    let lang = 'node';
    const code = el('pre', { class: 'code', testid: 'install-identity' });
    const langBtns = langs.map(([k, label]) => el('button', { type: 'button', class: 'btn btn-small', testid: `install-lang-${k}`, text: label,
      onclick: () => { lang = k; showLang(); } }));
    const showLang = () => {
      code.textContent = data.identity[lang];
      code.setAttribute('data-lang', lang);
      langBtns.forEach((b, i) => b.classList.toggle('is-active', langs[i][0] === lang));
    };
    showLang();
    body.append(
      el('section', { class: 'card' },
        el('h3', { text: 'Add the chat to your store' }),
        el('p', { class: 'muted small', text: 'Paste this tag into every page of your store, just before </body>. Your shop key is public; it only works on the allowed origins.' }),
        el('div', { class: 'code-row' }, el('pre', { class: 'code', testid: 'install-script', text: data.script_tag }), copyButton('copy-script', () => data.script_tag)),
        el('p', { class: 'small' }, 'Shop key: ', el('code', { testid: 'install-shop-key', text: data.shop_key }))),
      el('section', { class: 'card' },
        el('h3', { text: 'Identity verification (recommended)' }),
        el('p', { class: 'muted small', text: 'When a customer is signed in to your store, compute this hash on your server with the shop secret (never in the browser) and pass it to the widget together with the customer id, name and email. Agents then see the customer as verified.' }),
        el('p', { class: 'small muted', text: data.identity.algorithm }),
        el('div', { class: 'lang-tabs' }, ...langBtns),
        el('div', { class: 'code-row' }, code, copyButton('copy-identity', () => data.identity[lang]))));
  }

  // ------------------------------------------------------------- 7. realtime
  function socketUrl() {
    return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${API}/ws/agent`;
  }

  function sendFrame(frame) {
    const ws = state.ws;
    if (!ws || !state.ready || ws.readyState !== WebSocket.OPEN) return false;
    try {
      ws.send(JSON.stringify(frame));
      return true;
    } catch (e) {
      return false;
    }
  }

  function connect() {
    clearTimeout(state.reconnectTimer);
    if (!state.token) return;
    let ws;
    try {
      ws = new WebSocket(socketUrl());
    } catch (e) {
      scheduleReconnect();
      return;
    }
    state.ws = ws;
    state.ready = false;
    setConn('connecting');
    ws.addEventListener('open', () => {
      if (state.ws !== ws) return;
      ws.send(JSON.stringify({ type: 'hello', token: state.token }));
    });
    ws.addEventListener('message', (ev) => {
      if (state.ws !== ws) return;
      let frame;
      try { frame = JSON.parse(ev.data); } catch (e) { return; }
      const handler = frame && Object.prototype.hasOwnProperty.call(frameHandlers, frame.type) ? frameHandlers[frame.type] : null;
      if (handler) {
        try { handler(frame); } catch (e) { console.warn('shopchat: failed to handle frame', frame.type, e); }
      } else if (frame && frame.conversation_id) {
        contextChanged(frame);
      }
    });
    ws.addEventListener('close', (ev) => {
      if (state.ws !== ws) return;
      state.ws = null;
      state.ready = false;
      hideTyping();
      if (ev.code === 4401) {
        sessionExpired();
        return;
      }
      scheduleReconnect(ev.code);
    });
  }

  function scheduleReconnect(code) {
    clearTimeout(state.reconnectTimer);
    const n = state.retries++;
    const cap = Math.min(30000, 1000 * 2 ** Math.min(n, 5));
    // Full jitter on the upper half of the window; a restarting server (1012) gets a quick first retry.
    let delay = cap / 2 + Math.random() * (cap / 2);
    if (code === 1012 && n === 0) delay = 300 + Math.random() * 700;
    state.reconnectAt = Date.now() + delay;
    setConn('offline', delay);
    state.reconnectTimer = setTimeout(connect, delay);
  }

  function contextChanged(f) {
    const id = f.conversation_id || (f.conversation && f.conversation.id);
    const c = id ? state.convs.get(id) : null;
    if (c && f.visitor && typeof f.visitor === 'object') {
      c.visitor = Object.assign({}, c.visitor, f.visitor);
      renderList();
    }
    if (id && state.thread && state.thread.id === id) refreshPanelSoon(id);
  }

  /** Frame type -> handler. Later features register more handlers here. */
  const frameHandlers = {
    welcome(f) {
      state.ready = true;
      state.retries = 0;
      if (f.agent) state.agent = Object.assign({}, state.agent, f.agent);
      if (f.shop) state.shop = Object.assign({}, state.shop, f.shop);
      saveSession();
      renderHeader();
      setConn('online');
      if (state.welcomedOnce) {
        refreshList();
        catchUp();
      }
      state.welcomedOnce = true;
      for (const [cmid, p] of state.pending) {
        if (p.status === 'sending') {
          p.sentAt = Date.now();
          sendFrame(messageFrame(cmid, p));
          setTimeout(checkPending, PENDING_TIMEOUT_MS + 100);
        }
      }
      markRead();
    },

    ack(f) {
      const m = f.message;
      state.pending.delete(f.client_msg_id);
      if (m && state.thread && state.thread.id === m.conversation_id) state.thread.msgs.set(m.seq, m);
      if (m) bumpConversation(m);
      if (state.thread) renderMessages({ stick: true });
    },

    message(f) {
      const m = f.message;
      if (!m) return;
      const open = state.thread && state.thread.id === m.conversation_id ? state.thread.conv : null;
      const conv = state.convs.get(m.conversation_id) || open;
      if (conv || m.author !== 'visitor' || m.internal) notifyMessage(m, false, conv);
      else notifyWhenKnown(m, true);
      const t = state.thread;
      if (t && t.id === m.conversation_id) {
        const isNew = !t.msgs.has(m.seq);
        t.msgs.set(m.seq, m);
        if (m.author === 'visitor') hideTyping();
        if (isNew) renderMessages();
        if (m.author === 'visitor') markRead();
      }
      bumpConversation(m);
    },

    conversation(f) {
      if (!f.conversation) return;
      upsertConversation(f.conversation);
      const waiting = state.unnamed.get(f.conversation.id);
      if (waiting) waiting(f.conversation);
    },

    typing(f) {
      if (f.author && f.author !== 'visitor') return;
      if (state.thread && state.thread.id === f.conversation_id) showTyping();
    },

    read(f) {
      const t = state.thread;
      if (f.by === 'visitor' && t && t.id === f.conversation_id && f.seq > t.visitorRead) {
        t.visitorRead = f.seq;
        renderMessages();
      }
    },

    shop(f) {
      if (f.shop) state.shop = Object.assign({}, state.shop, f.shop);
      saveSession();
      renderHeader();
    },

    /** Widget context frames (page changes, setContext, identify): refresh the side panel. */
    visitor(f) { contextChanged(f); },
    context(f) { contextChanged(f); },
    page(f) { contextChanged(f); },
    visitor_context(f) { contextChanged(f); },
    visitor_page(f) { contextChanged(f); },

    visitor_presence(f) {
      const online = !!f.online;
      const c = state.convs.get(f.conversation_id);
      if (c && c.visitor) c.visitor.online = online;
      const tc = state.thread && state.thread.id === f.conversation_id ? state.thread.conv : null;
      if (tc && tc !== c && tc.visitor) tc.visitor.online = online;
      renderList();
      if (tc || (state.thread && state.thread.id === f.conversation_id)) {
        renderThreadHead();
        renderDetails();
        refreshPanelSoon(f.conversation_id);
      }
    },

    error(f) {
      const msg = f.message || 'Something went wrong.';
      let failed = f.client_msg_id && state.pending.has(f.client_msg_id) ? [state.pending.get(f.client_msg_id)] : [];
      if (!f.client_msg_id && f.code === 'not_found' && state.thread) {
        // Some errors come without client_msg_id; a missing conversation fails all its pending messages.
        failed = [...state.pending.values()].filter((p) => p.cid === state.thread.id && p.status === 'sending');
      }
      for (const p of failed) {
        p.status = 'failed';
        p.error = msg;
      }
      if (failed.length) renderMessages();
      if (failed.some((p) => state.thread && p.cid === state.thread.id) || (f.client_msg_id && ui.replyError)) {
        showReplyError(msg);
      } else {
        toast(msg);
      }
    },
  };

  // ----------------------------------------------------------------- 8. boot
  document.addEventListener('visibilitychange', () => {
    if (docVisible()) markRead();
  });
  window.addEventListener('online', () => {
    if (state.token && !state.ws) {
      state.retries = 0;
      connect();
    }
  });
  document.addEventListener('keydown', onGlobalKey);
  document.addEventListener('click', (ev) => {
    if (ui.emoji && !ui.emoji.hidden && !ev.target.closest('.emoji-picker, [data-testid="emoji-button"]')) ui.emoji.hidden = true;
  });
  window.addEventListener('hashchange', () => {
    if (location.hash === '#/settings') {
      if (state.token && state.view !== 'settings') showView('settings');
      return;
    }
    const id = conversationFromHash();
    if (state.token && id && id !== state.openId) openConversation(id);
  });

  function boot() {
    let token = null;
    let profile = null;
    try {
      token = sessionStorage.getItem(TOKEN_KEY);
      profile = JSON.parse(sessionStorage.getItem(PROFILE_KEY) || 'null');
    } catch (e) { /* ignore */ }
    if (token) {
      state.token = token;
      state.agent = (profile && profile.agent) || null;
      state.shop = (profile && profile.shop) || null;
      showInbox();
    } else {
      showLogin();
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
