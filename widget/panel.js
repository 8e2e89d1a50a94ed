/*! shopchat widget panel v1 — loaded on demand by shopchat.js; not meant to be embedded directly.
 * Owns the visitor WebSocket and the chat panel drawn in the loader's shadow root.
 * Protocol: /api/v1/ws/visitor (hello -> welcome, message -> ack, error, presence, typing, read, event).
 */
(function (w, d) {
  'use strict';
  if (w.__shopchatPanel) return;

  var SVGNS = 'http://www.w3.org/2000/svg';
  var MAX_BODY = 2000;
  var PENDING_MAX = 50;
  var PENDING_TTL = 24 * 3600 * 1000;
  var HELLO_TIMEOUT = 15000;
  var TYPING_EVERY = 3000;
  var ICON_CLOSE = 'M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z';
  var ICON_SEND = 'M3.4 20.4 20.85 12.92a1 1 0 0 0 0-1.84L3.4 3.6a1 1 0 0 0-1.39.92L2 9.12c0 .5.37.93.87.99L17 12 2.87 13.88c-.5.07-.87.5-.87 1l.01 4.6a1 1 0 0 0 1.39.92z';
  var FONT = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif';
  var TEXT = { // kept together for the coming i18n work
    chat: 'Chat', chatWith: 'Chat with ', online: 'Online', offline: 'Offline', close: 'Close chat',
    input: 'Type your message…', send: 'Send message', sending: 'Sending…', failed: 'Not sent',
    retry: 'Retry', connecting: 'Connecting…', reconnecting: 'Reconnecting…',
    blocked: 'This site is not allowed to use this chat.',
    unavailable: 'Chat is unavailable right now. Please try again later.'
  };

  var CSS =
    '.panel{display:flex;flex-direction:column;position:absolute;bottom:72px;width:360px;height:520px;' +
    'max-width:calc(100vw - 24px);max-height:calc(100vh - 104px);margin:0;padding:0;overflow:hidden;' +
    'background:#fff;color:#111827;border:0;border-radius:16px;font:400 14px/1.4 ' + FONT + ';' +
    'text-align:left;box-shadow:0 12px 48px rgba(0,0,0,.22),0 0 0 1px rgba(0,0,0,.06);' +
    'animation:sc-in .16s ease-out}' +
    '@keyframes sc-in{from{opacity:0;transform:translateY(8px)}}' +
    '@keyframes sc-fade{from{opacity:0}to{opacity:1}}' +
    '@media (prefers-reduced-motion:reduce){.panel,.banner{animation:none}}' +
    '.hd{display:flex;align-items:center;gap:12px;flex:none;margin:0;padding:12px 10px 12px 16px;' +
    'background:var(--sc-brand);color:var(--sc-on-brand)}' +
    '.hd-text{display:flex;flex-direction:column;flex:1 1 auto;min-width:0;gap:2px}' +
    '.name{display:block;margin:0;font-size:16px;font-weight:600;line-height:1.3;white-space:nowrap;' +
    'overflow:hidden;text-overflow:ellipsis}' +
    '.status{display:flex;align-items:center;gap:6px;font-size:12px;line-height:16px}' +
    '.status-text{display:block}' +
    '.dot{display:block;flex:none;width:8px;height:8px;border-radius:50%;background:#9ca3af;' +
    'box-shadow:0 0 0 2px rgba(255,255,255,.7)}' +
    '.status[data-online="true"] .dot{background:#22c55e}' +
    '.x{display:flex;align-items:center;justify-content:center;flex:none;width:36px;height:36px;' +
    'margin:0;padding:0;border:0;border-radius:8px;background:transparent;color:inherit;cursor:pointer;font:inherit}' +
    '.x:hover{background:rgba(127,127,127,.22)}' +
    '.x:focus-visible,.send:focus-visible,.retry:focus-visible{outline:2px solid currentColor;outline-offset:1px}' +
    '.x svg,.send svg{display:block;width:20px;height:20px;fill:currentColor}' +
    '.banner{display:block;flex:none;margin:0;padding:6px 12px;background:#fef3c7;color:#92400e;' +
    'font-size:12px;line-height:16px;text-align:center;animation:sc-fade .2s}' +
    '.list{display:flex;flex-direction:column;flex:1 1 auto;min-height:0;margin:0;padding:16px 12px;' +
    'gap:10px;overflow-x:hidden;overflow-y:auto;overscroll-behavior:contain;background:#f9fafb}' +
    '.msgs{display:flex;flex-direction:column;gap:10px;margin:0;padding:0}' +
    '.msg{display:flex;flex-direction:column;align-items:flex-start;align-self:flex-start;max-width:80%;margin:0;padding:0}' +
    '.msg[data-author="visitor"]{align-self:flex-end;align-items:flex-end}' +
    '.msg[data-author="system"]{align-self:center;align-items:center;max-width:92%}' +
    '.bubble{display:block;margin:0;padding:8px 12px;border-radius:16px;background:#e5e7eb;color:#111827;' +
    'font-size:14px;line-height:1.4;white-space:pre-wrap;overflow-wrap:anywhere;text-align:left}' +
    '[data-author="agent"] .bubble{border-bottom-left-radius:4px}' +
    '[data-author="visitor"] .bubble{background:var(--sc-brand);color:var(--sc-on-brand);border-bottom-right-radius:4px}' +
    '[data-author="system"] .bubble{background:#fff;color:#374151;border:1px solid #e5e7eb;text-align:center;font-size:13px}' +
    '[data-state="sending"] .bubble{opacity:.65}' +
    '[data-state="failed"] .bubble{background:#fee2e2;color:#991b1b}' +
    '.bubble a{display:inline;color:inherit;text-decoration:underline;cursor:pointer}' +
    '.meta{display:flex;align-items:center;gap:6px;margin:3px 4px 0;padding:0;font-size:11px;line-height:14px;color:#6b7280}' +
    '.who,.time,.note{display:inline;margin:0;padding:0}' +
    '[data-state="failed"] .note{color:#b91c1c}' +
    '.retry{display:inline-block;margin:0;padding:0;border:0;background:none;color:#b91c1c;' +
    'font:inherit;font-weight:600;text-decoration:underline;cursor:pointer}' +
    '.notice{display:block;margin:8px 0 0;padding:14px;border:1px solid #fecaca;border-radius:12px;' +
    'background:#fff;color:#991b1b;text-align:center;font-size:14px;line-height:1.4}' +
    '.composer{display:flex;align-items:flex-end;gap:8px;flex:none;margin:0;padding:10px 12px;' +
    'border-top:1px solid #e5e7eb;background:#fff}' +
    '.input{display:block;flex:1 1 auto;min-width:0;width:auto;height:auto;max-height:120px;margin:0;padding:9px 12px;' +
    'border:1px solid #d1d5db;border-radius:12px;background:#fff;color:#111827;font:400 14px/20px ' + FONT + ';' +
    'resize:none;overflow-y:auto;outline:none;box-shadow:none}' +
    '.input::placeholder{color:#9ca3af;opacity:1}' +
    '.input:focus{border-color:var(--sc-brand);box-shadow:0 0 0 1px var(--sc-brand)}' +
    '.input:disabled{background:#f3f4f6}' +
    '.send{display:flex;align-items:center;justify-content:center;flex:none;width:40px;height:40px;margin:0;' +
    'padding:0;border:0;border-radius:50%;background:var(--sc-brand);color:var(--sc-on-brand);cursor:pointer;font:inherit}' +
    '.send:disabled{opacity:.4;cursor:default}' +
    '@media (max-width:479.98px){.panel{position:fixed;top:0;right:0;bottom:0;left:0;width:auto;height:auto;' +
    'max-width:none;max-height:none;border-radius:0;animation:none}.input{font-size:16px}}';

  function el(tag, cls, attrs) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }
  function icon(path) {
    var s = d.createElementNS(SVGNS, 'svg');
    s.setAttribute('viewBox', '0 0 24 24');
    s.setAttribute('aria-hidden', 'true');
    s.setAttribute('focusable', 'false');
    var p = d.createElementNS(SVGNS, 'path');
    p.setAttribute('d', path);
    s.appendChild(p);
    return s;
  }
  function uuid() {
    var c = w.crypto;
    if (c && c.randomUUID) { try { return c.randomUUID(); } catch (e) { /* insecure context */ } }
    var b = new Uint8Array(16);
    if (c && c.getRandomValues) c.getRandomValues(b);
    else for (var i = 0; i < 16; i++) b[i] = Math.random() * 256;
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
  }
  function toInt(v) { var n = parseInt(v, 10); return isNaN(n) ? 0 : n; }

  // Plain text with http(s) links turned into <a>; never parses HTML.
  var URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;
  function fillText(node, text) {
    text = String(text == null ? '' : text);
    var last = 0, m;
    URL_RE.lastIndex = 0;
    while ((m = URL_RE.exec(text))) {
      var raw = m[0].replace(/[.,;:!?)\]}'"]+$/, ''), href = null;
      try {
        var u = new URL(raw);
        if (u.protocol === 'http:' || u.protocol === 'https:') href = u.href;
      } catch (e) { /* not a URL */ }
      if (!href) continue;
      if (m.index > last) node.appendChild(d.createTextNode(text.slice(last, m.index)));
      var a = el('a', '', { target: '_blank', rel: 'noopener noreferrer' });
      a.href = href;
      a.textContent = raw;
      node.appendChild(a);
      last = m.index + raw.length;
      URL_RE.lastIndex = last;
    }
    if (last < text.length) node.appendChild(d.createTextNode(text.slice(last)));
  }

  function parseTime(iso) {
    var t = new Date(String(iso || '').replace(/(\.\d{3})\d+/, '$1'));
    return isNaN(t.getTime()) ? new Date() : t;
  }
  function fmtTime(t) {
    var s = t.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
    if (t.toDateString() !== new Date().toDateString()) {
      s = t.toLocaleDateString([], { month: 'short', day: 'numeric' }) + ' ' + s;
    }
    return s;
  }

  function create(ctx) {
    var root = ctx.root();
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = root.adoptedStyleSheets.concat([sheet]);

    // ------------------------------------------------------------ storage
    // Keys: shopchat:<shop>:visitor (token), :last_seq (highest seq the shopper has seen),
    // :pending (unacked outgoing messages). Nothing is written before the first open.
    var ls = null;
    try { ls = w.localStorage; } catch (e) { /* blocked */ }
    function lsGet(k) { try { return ls ? ls.getItem(ctx.key(k)) : null; } catch (e) { return null; } }
    function lsSet(k, v) {
      if (!mayWrite || !ls) return;
      try { if (v == null) ls.removeItem(ctx.key(k)); else ls.setItem(ctx.key(k), String(v)); } catch (e) { /* full */ }
    }
    function pendLoad() {
      try {
        var a = JSON.parse(lsGet('pending') || '[]');
        return Array.isArray(a) ? a.filter(function (p) {
          return p && typeof p.id === 'string' && typeof p.body === 'string' && p.id.length <= 64;
        }) : [];
      } catch (e) { return []; }
    }
    function pendStore(item) {
      var a = pendLoad().filter(function (p) { return p.id !== item.id; });
      a.push(item);
      lsSet('pending', JSON.stringify(a.slice(-PENDING_MAX)));
    }
    function pendUnstore(id) {
      var a = pendLoad(), b = a.filter(function (p) { return p.id !== id; });
      if (b.length !== a.length) lsSet('pending', b.length ? JSON.stringify(b) : null);
    }

    var token = lsGet('visitor');
    var mayWrite = !!token; // the shopper opened the chat on an earlier page
    var seenSeq = toInt(lsGet('last_seq'));

    // ------------------------------------------------------------ state
    var ws = null;
    var state = 'idle'; // idle | connecting | ready | waiting | blocked | dead
    var started = false; // connect() or open() was called
    var isOpen = false, everOpened = false;
    var attempt = 0, retryTimer = 0, helloTimer = 0, retried401 = false;
    var convId = null, lastSeq = null, sentLastSeq = null, hadWelcome = false, readSent = 0, lastTyping = 0;
    var bySeq = {}; // seq -> element
    var byCmid = {}; // client_msg_id -> element (own messages)
    var agentSeqs = []; // seqs of agent messages, for the unread count
    var pending = []; // [{id, body, at}] sent but not acked, in order

    // ------------------------------------------------------------ DOM
    var panel = el('div', 'panel', {
      'data-testid': 'panel', role: 'dialog', 'aria-modal': 'false', 'aria-label': TEXT.chat
    });
    panel.hidden = true;
    var hd = el('div', 'hd');
    var hdText = el('div', 'hd-text');
    var nameEl = el('div', 'name', { role: 'heading', 'aria-level': '2' });
    nameEl.textContent = TEXT.chat;
    var status = el('div', 'status', { 'data-testid': 'status', 'data-online': 'false' });
    var statusText = el('span', 'status-text');
    status.appendChild(el('span', 'dot', { 'aria-hidden': 'true' }));
    status.appendChild(statusText);
    status.hidden = true;
    hdText.appendChild(nameEl);
    hdText.appendChild(status);
    var closeBtn = el('button', 'x', { type: 'button', 'data-testid': 'close', 'aria-label': TEXT.close });
    closeBtn.appendChild(icon(ICON_CLOSE));
    hd.appendChild(hdText);
    hd.appendChild(closeBtn);

    var banner = el('div', 'banner', { 'data-testid': 'conn-banner', role: 'status' });
    banner.hidden = true;

    var list = el('div', 'list', { 'data-testid': 'message-list', role: 'log', 'aria-live': 'polite' });
    var greetEl = bubble('system', '', null);
    greetEl.setAttribute('data-greeting', 'true'); // not a stored message: no seq, no time
    var msgs = el('div', 'msgs');
    var notice = el('div', 'notice', { 'data-testid': 'notice', role: 'alert' });
    notice.hidden = true;
    list.appendChild(msgs);
    list.appendChild(notice);

    var composer = el('div', 'composer');
    var input = el('textarea', 'input', {
      'data-testid': 'input', rows: '1', maxlength: String(MAX_BODY),
      placeholder: TEXT.input, 'aria-label': TEXT.input
    });
    var sendBtn = el('button', 'send', { type: 'button', 'data-testid': 'send', 'aria-label': TEXT.send });
    sendBtn.appendChild(icon(ICON_SEND));
    sendBtn.disabled = true;
    composer.appendChild(input);
    composer.appendChild(sendBtn);

    panel.appendChild(hd);
    panel.appendChild(banner);
    panel.appendChild(list);
    panel.appendChild(composer);
    root.appendChild(panel);

    // ------------------------------------------------------------ rendering
    function bubble(author, body, created, agentName) {
      var m = el('div', 'msg', { 'data-testid': 'message', 'data-author': author });
      var b = el('div', 'bubble');
      fillText(b, body);
      var meta = el('div', 'meta');
      if (agentName) {
        var who = el('span', 'who');
        who.textContent = agentName;
        meta.appendChild(who);
      }
      if (created) meta.appendChild(timeEl(created));
      m.appendChild(b);
      m.appendChild(meta);
      return m;
    }
    function timeEl(created) {
      var t = parseTime(created), te = el('time', 'time', { datetime: t.toISOString() });
      te.textContent = fmtTime(t);
      return te;
    }
    function setState(m, st) {
      m.setAttribute('data-state', st);
      var meta = m.lastChild, note = meta.querySelector('.note'), retry = meta.querySelector('.retry');
      if (retry) meta.removeChild(retry);
      if (st === 'sent') { if (note) meta.removeChild(note); return; }
      if (!note) meta.appendChild(note = el('span', 'note'));
      note.textContent = st === 'failed' ? TEXT.failed : TEXT.sending;
      if (st === 'failed') {
        retry = el('button', 'retry', { type: 'button', 'data-testid': 'retry' });
        retry.textContent = TEXT.retry;
        retry.addEventListener('click', function () { resend(m.getAttribute('data-cmid')); });
        meta.appendChild(retry);
      }
    }
    // keep seq order; own unacked bubbles stay at the bottom
    function place(m, seq) {
      var ref = null;
      for (var c = msgs.firstElementChild; c; c = c.nextElementSibling) {
        if (c === m) continue;
        var s = c.getAttribute('data-seq');
        if (s === null || toInt(s) > seq) { ref = c; break; }
      }
      if (m.nextElementSibling !== ref || m.parentNode !== msgs) msgs.insertBefore(m, ref);
    }
    function nearBottom() { return list.scrollHeight - list.scrollTop - list.clientHeight < 80; }
    function toBottom() { list.scrollTop = list.scrollHeight; }

    function setOnline(on) {
      status.hidden = false;
      status.setAttribute('data-online', String(!!on));
      statusText.textContent = on ? TEXT.online : TEXT.offline;
    }
    // "Connecting…" only when it takes a while, so a quick (re)connect does not flash a bar
    var bannerTimer = 0;
    function showBanner() {
      var show = isOpen && (state === 'connecting' || state === 'waiting');
      if (!show) { clearTimeout(bannerTimer); bannerTimer = 0; banner.hidden = true; return; }
      if (!banner.hidden || bannerTimer) return;
      bannerTimer = setTimeout(function () {
        bannerTimer = 0;
        banner.textContent = hadWelcome ? TEXT.reconnecting : TEXT.connecting;
        banner.hidden = !(isOpen && (state === 'connecting' || state === 'waiting'));
      }, 1000);
    }
    function showNotice(text) {
      notice.textContent = text;
      notice.hidden = false;
      banner.hidden = true;
      input.disabled = true;
      sendBtn.disabled = true;
      status.hidden = true;
    }

    // ------------------------------------------------------------ messages
    // live=false for the history a page gets on its first welcome: no "message" events for those.
    function addMessage(m, live) {
      if (!m || m.internal || typeof m.seq !== 'number') return;
      if (lastSeq === null || m.seq > lastSeq) lastSeq = m.seq;
      if (bySeq[m.seq]) return;
      var stick = nearBottom();
      var cmid = m.client_msg_id, node = cmid && byCmid[cmid];
      if (node) {
        forget(cmid); // our own message: confirmed by ack, or found in a welcome after a reconnect
        node.lastChild.replaceChild(timeEl(m.created_at), node.querySelector('.time'));
        stick = true;
      } else {
        node = bubble(m.author, m.body, m.created_at, m.author === 'agent' && m.agent && m.agent.name);
        node.setAttribute('data-kind', m.kind || 'text');
        if (cmid) { node.setAttribute('data-cmid', cmid); byCmid[cmid] = node; }
      }
      if (m.author === 'visitor') setState(node, 'sent');
      node.setAttribute('data-seq', String(m.seq));
      bySeq[m.seq] = node;
      place(node, m.seq);
      if (m.author === 'agent') agentSeqs.push(m.seq);
      if (stick) toBottom();
      if (live) ctx.emit('message', m);
    }
    function forget(id) {
      pending = pending.filter(function (p) { return p.id !== id; });
      pendUnstore(id);
    }
    function clearHistory() {
      // a different conversation: drop everything except our own unsent bubbles
      Object.keys(bySeq).forEach(function (s) {
        var n = bySeq[s];
        if (n.parentNode) n.parentNode.removeChild(n);
        var c = n.getAttribute('data-cmid');
        if (c) delete byCmid[c];
      });
      bySeq = {}; agentSeqs = []; lastSeq = null; convId = null; readSent = 0; hadWelcome = false;
      seenSeq = 0;
      lsSet('last_seq', null);
      updateUnread();
    }

    function queue(item) {
      var m = byCmid[item.id];
      if (!m) {
        m = bubble('visitor', item.body, item.at);
        m.setAttribute('data-cmid', item.id);
        byCmid[item.id] = m;
        msgs.appendChild(m);
      }
      setState(m, 'sending');
      if (!pending.some(function (p) { return p.id === item.id; })) pending.push(item);
      pendStore(item);
      if (state === 'ready') frame({ type: 'message', client_msg_id: item.id, body: item.body });
    }
    function resend(id) {
      var m = byCmid[id];
      if (!m || m.getAttribute('data-state') !== 'failed') return;
      queue({ id: id, body: m.firstChild.textContent, at: new Date().toISOString() });
    }
    function submit() {
      var body = input.value.replace(/\r\n?/g, '\n').replace(/^\s+|\s+$/g, '').slice(0, MAX_BODY);
      if (!body || state === 'blocked' || state === 'dead') return;
      input.value = '';
      autosize();
      queue({ id: uuid(), body: body, at: new Date().toISOString() });
      toBottom();
    }

    function updateUnread() {
      ctx.setUnread(agentSeqs.filter(function (s) { return s > seenSeq; }).length);
    }
    function markRead() {
      if (isOpen && d.visibilityState === 'visible' && lastSeq !== null) {
        if (lastSeq > seenSeq) { seenSeq = lastSeq; lsSet('last_seq', seenSeq); }
        if (state === 'ready' && lastSeq > readSent) {
          readSent = lastSeq;
          frame({ type: 'read', seq: lastSeq });
        }
      }
      updateUnread();
    }

    // ------------------------------------------------------------ socket
    function frame(obj) {
      if (ws && ws.readyState === 1) { ws.send(JSON.stringify(obj)); return true; }
      return false;
    }
    function connectNow() {
      clearTimeout(retryTimer);
      if (ws) { var old = ws; ws = null; try { old.close(1000); } catch (e) { /* closed */ } }
      state = 'connecting';
      showBanner();
      var sock;
      try { sock = ws = new WebSocket(ctx.wsUrl); } catch (e) { ws = null; return later(); }
      sock.onopen = function () {
        if (sock !== ws) return;
        sentLastSeq = convId !== null ? lastSeq : null; // first hello on a page fetches the latest history
        frame({
          type: 'hello', visitor_token: token || null, last_seq: sentLastSeq,
          page_url: String(location.href).slice(0, 2000), locale: (navigator.language || '').slice(0, 35) || undefined
        });
      };
      sock.onmessage = function (e) {
        if (sock !== ws) return;
        var f;
        try { f = JSON.parse(e.data); } catch (err) { return; }
        if (f && typeof f === 'object') handle(f);
      };
      sock.onclose = function (e) { if (sock === ws) closed(e.code); };
      clearTimeout(helloTimer);
      helloTimer = setTimeout(function () { if (sock === ws && state !== 'ready') sock.close(); }, HELLO_TIMEOUT);
    }
    function later() {
      state = 'waiting';
      showBanner();
      var delay = Math.min(30000, 500 * Math.pow(2, Math.min(attempt++, 6)));
      delay = Math.min(30000, delay * (0.8 + Math.random() * 0.4)); // +-20% jitter
      clearTimeout(retryTimer);
      retryTimer = setTimeout(connectNow, delay);
    }
    function closed(code) {
      ws = null;
      clearTimeout(helloTimer);
      if (code === 4403) { state = 'blocked'; showNotice(TEXT.blocked); return; }
      if (code === 4404) { state = 'dead'; showNotice(TEXT.unavailable); return; } // unknown data-shop
      if (code === 4401) {
        if (token && !retried401) {
          // unknown visitor token (e.g. database reset): forget it and start fresh, once
          token = null;
          lsSet('visitor', null);
          clearHistory();
          if (!everOpened) { state = 'idle'; started = false; return; } // never create a visitor unasked
          retried401 = true;
          return connectNow();
        }
        state = 'dead';
        showNotice(TEXT.unavailable);
        return;
      }
      later();
    }
    function handle(f) {
      switch (f.type) {
        case 'welcome': return welcome(f);
        case 'ack': {
          var m = f.message;
          if (m && !m.client_msg_id) m.client_msg_id = f.client_msg_id;
          return addMessage(m, true);
        }
        case 'message':
          addMessage(f.message, true);
          return markRead();
        case 'error': {
          var n = f.client_msg_id && byCmid[f.client_msg_id];
          if (n && n.getAttribute('data-state') === 'sending') {
            forget(f.client_msg_id);
            setState(n, 'failed');
          } else if (w.console) {
            w.console.warn('[shopchat] ' + f.code + ': ' + f.message);
          }
          return;
        }
        case 'presence': return setOnline(f.online);
        case 'event': return ctx.emit('event', f.event);
        case 'read': // the shopper read the chat in another tab: clear this tab's badge too
          if (f.by === 'visitor' && toInt(f.seq) > seenSeq) { seenSeq = toInt(f.seq); updateUnread(); }
          return;
        // 'typing' and 'read' by agents: UI comes later
      }
    }
    function welcome(f) {
      clearTimeout(helloTimer);
      if (sentLastSeq !== null && f.conversation_id !== convId) {
        // we asked for "after seq N" of another conversation: reload from scratch
        clearHistory();
        return connectNow();
      }
      var first = !hadWelcome;
      state = 'ready';
      attempt = 0;
      retried401 = false;
      hadWelcome = true;
      convId = f.conversation_id;
      if (f.visitor_token && f.visitor_token !== token) { token = f.visitor_token; lsSet('visitor', token); }
      var shop = f.shop || {};
      nameEl.textContent = shop.name || TEXT.chat;
      panel.setAttribute('aria-label', TEXT.chatWith + (shop.name || ''));
      greetEl.firstChild.textContent = '';
      fillText(greetEl.firstChild, shop.greeting || '');
      if (shop.greeting) list.insertBefore(greetEl, msgs);
      else if (greetEl.parentNode) list.removeChild(greetEl);
      setOnline(shop.online);
      (f.messages || []).forEach(function (m) { addMessage(m, !first); });
      pending.forEach(function (p) { frame({ type: 'message', client_msg_id: p.id, body: p.body }); });
      showBanner();
      markRead();
      if (first) toBottom();
    }

    // ------------------------------------------------------------ events
    closeBtn.addEventListener('click', function () { ctx.close(); });
    panel.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { e.stopPropagation(); ctx.close(); }
    });
    function autosize() {
      input.rows = 1;
      for (var r = 1; r < 5 && input.scrollHeight > input.clientHeight; r++) input.rows = r + 1;
    }
    input.addEventListener('input', function () {
      sendBtn.disabled = !input.value.trim() || state === 'blocked' || state === 'dead';
      autosize();
      var now = Date.now();
      if (input.value && state === 'ready' && now - lastTyping > TYPING_EVERY) {
        lastTyping = now;
        frame({ type: 'typing' });
      }
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        submit();
        sendBtn.disabled = true;
      }
    });
    sendBtn.addEventListener('click', function () { submit(); sendBtn.disabled = true; input.focus(); });
    d.addEventListener('visibilitychange', markRead);
    w.addEventListener('online', function () { if (state === 'waiting') { attempt = 0; connectNow(); } });
    // leave the back/forward cache usable: drop the socket on pagehide, reconnect on pageshow
    w.addEventListener('pagehide', function (e) {
      if (e.persisted && ws) { var s = ws; ws = null; clearTimeout(helloTimer); s.close(1000); state = 'idle'; }
    });
    w.addEventListener('pageshow', function (e) { if (e.persisted && started && state === 'idle') connectNow(); });
    w.addEventListener('storage', function (e) {
      if (e.key === ctx.key('last_seq') && toInt(e.newValue) > seenSeq) { // read in another tab
        seenSeq = toInt(e.newValue);
        updateUnread();
      }
    });

    // restore messages a previous page could not get acked; they are resent after welcome
    var now = Date.now();
    pendLoad().forEach(function (p) {
      if (now - Date.parse(p.at) < PENDING_TTL || isNaN(Date.parse(p.at))) queue(p);
      else pendUnstore(p.id);
    });

    function start() {
      if (started) return;
      started = true;
      if (state === 'idle') connectNow();
    }

    return {
      // connect without showing anything (returning shopper, for the unread badge)
      connect: function () { if (token) start(); },
      open: function () {
        isOpen = everOpened = mayWrite = true;
        pending.forEach(pendStore); // pending restored before the first write was allowed
        panel.hidden = false;
        start();
        showBanner();
        markRead();
        toBottom();
        var coarse = w.matchMedia && w.matchMedia('(pointer: coarse)').matches;
        if (!input.disabled && !coarse) input.focus();
      },
      close: function () {
        var hadFocus = root.activeElement && panel.contains(root.activeElement);
        isOpen = false;
        panel.hidden = true;
        showBanner();
        if (hadFocus) { var l = ctx.launcher(); if (l) l.focus(); }
      }
    };
  }

  w.__shopchatPanel = { v: 1, create: create };
})(window, document);
