/*! shopchat widget panel v1 — loaded on demand by shopchat.js; not meant to be embedded directly.
 * Owns the visitor WebSocket and the chat panel drawn in the loader's shadow root.
 * Protocol: /api/v1/ws/visitor (hello -> welcome, message -> ack, error, presence, typing, read, event).
 */
(function (w, d) {
  'use strict';
  if (w.__shopchatPanel) return;

  var MAX_BODY = 2000;
  var PENDING_MAX = 50;
  var PENDING_TTL = 24 * 3600 * 1000;
  var HELLO_TIMEOUT = 15000;
  var TYPING_EVERY = 3000;
  var MAX_IMAGE = 5 * 1024 * 1024;
  var IMAGE_TYPES = /^image\/(png|jpeg|gif|webp)$/;
  // glyphs of the subset icon font (Bootstrap Icons, MIT), loaded with the FontFace API
  var ICON = {
    close: '\uf659', send: '\uf6b9', plus: '\uf64d', emoji: '\uf327', check: '\uf26e',
    seen: '\uf269', retry: '\uf116', mail: '\uf32f', image: '\uf42a', down: '\uf282',
    warn: '\uf333', clock: '\uf293'
  };
  var FONT = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif';
  // English built in; other locales come from /widget/v1/r/<locale>.<hash>.json (same keys)
  var TEXT = {
    chat: 'Chat', chatWith: 'Chat with {name}', online: 'Online', offline: 'Offline', close: 'Close chat',
    input: 'Type your message…', send: 'Send message', sending: 'Sending…', failed: 'Not sent',
    retry: 'Retry', connecting: 'Connecting…', reconnecting: 'Reconnecting…',
    blocked: 'This site is not allowed to use this chat.',
    unavailable: 'Chat is unavailable right now. Please try again later.',
    loadMore: 'Load earlier messages', typing: '{name} is typing…', seen: 'Seen', emoji: 'Emoji',
    attach: 'Send an image', image: 'Image', imageTooBig: 'The image is larger than 5 MB.',
    imageType: 'Send a PNG, JPEG, GIF or WebP image.', uploadFailed: 'The image could not be sent.',
    offlineTitle: "We're away right now",
    offlineDefault: "Leave your email and message and we'll reply as soon as we're back.",
    offlineEmail: 'Your email', offlineSaved: "Thanks! We'll reply to {email}.", today: 'Today',
    yesterday: 'Yesterday', closeImage: 'Close image', agent: 'Agent', dropHere: 'Drop the image to send it'
  };
  function t(k, vars) {
    var s = String(TEXT[k] || k);
    for (var v in vars || {}) s = s.replace('{' + v + '}', vars[v]);
    return s;
  }

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
    '.i{display:block;font:normal normal 400 20px/1 shopchat-icons;speak:never;text-transform:none;' +
    '-webkit-font-smoothing:antialiased}' +
    '.tool{display:flex;align-items:center;justify-content:center;flex:none;width:36px;height:40px;margin:0;' +
    'padding:0;border:0;border-radius:10px;background:transparent;color:#4b5563;cursor:pointer;font:inherit}' +
    '.tool:hover{background:#f3f4f6;color:#111827}.tool:disabled{opacity:.4;cursor:default}' +
    '.tool:focus-visible,.more:focus-visible,.thumb:focus-visible,.emo:focus-visible{outline:2px solid var(--sc-brand);outline-offset:1px}' +
    '.more{display:block;align-self:center;flex:none;margin:0 0 4px;padding:6px 14px;border:1px solid #d1d5db;' +
    'border-radius:999px;background:#fff;color:#374151;font:500 12px/16px ' + FONT + ';cursor:pointer}' +
    '.day{display:block;align-self:center;margin:6px 0 0;padding:2px 10px;border-radius:999px;background:#e5e7eb;' +
    'color:#374151;font-size:11px;line-height:16px}' +
    '.typing{display:block;flex:none;margin:0;padding:0 16px 6px;background:#f9fafb;color:#4b5563;' +
    'font-size:12px;line-height:16px;font-style:italic}' +
    '.seen{display:inline-flex;align-items:center;gap:2px;color:#2563eb}.seen .i{font-size:14px}' +
    '.thumb{display:block;margin:0;padding:0;border:0;border-radius:12px;background:#e5e7eb;cursor:zoom-in;overflow:hidden;line-height:0}' +
    '.thumb img{display:block;max-width:220px;max-height:220px;width:auto;height:auto;min-width:40px;min-height:40px;object-fit:cover}' +
    '.thumb.up{display:flex;align-items:center;justify-content:center;width:160px;height:110px;color:#6b7280;cursor:default}' +
    '.msg .bubble:empty{display:none}.msg .thumb+.bubble{margin-top:4px}' +
    '.offline{display:block;flex:none;margin:0;padding:12px;border:1px solid #e5e7eb;border-radius:12px;background:#fff;color:#374151}' +
    '.offline b{display:block;margin:0 0 4px;font-size:14px;font-weight:600;color:#111827}' +
    '.offline p{display:block;margin:0 0 8px;font-size:13px;line-height:1.4}' +
    '.email{display:block;width:100%;height:36px;margin:0;padding:6px 10px;border:1px solid #9ca3af;border-radius:8px;' +
    'background:#fff;color:#111827;font:400 14px/20px ' + FONT + ';outline:none}' +
    '.email:focus{border-color:var(--sc-brand);box-shadow:0 0 0 1px var(--sc-brand)}' +
    '.emoji{display:grid;grid-template-columns:repeat(8,1fr);gap:2px;flex:none;max-height:168px;margin:0;padding:8px;' +
    'overflow-y:auto;border-top:1px solid #e5e7eb;background:#fff}' +
    '.emo{display:block;margin:0;padding:4px 0;border:0;border-radius:6px;background:none;cursor:pointer;' +
    'font:22px/1.2 "Apple Color Emoji","Segoe UI Emoji","Noto Color Emoji",sans-serif;text-align:center}' +
    '.emo:hover{background:#f3f4f6}' +
    '.flash{display:block;flex:none;margin:0;padding:6px 12px;background:#fee2e2;color:#991b1b;font-size:12px;line-height:16px}' +
    '.lightbox{display:flex;flex-direction:column;align-items:center;justify-content:center;position:absolute;' +
    'top:0;right:0;bottom:0;left:0;margin:0;padding:48px 12px 12px;background:rgba(17,24,39,.92);z-index:2}' +
    '.lightbox img{display:block;max-width:100%;max-height:100%;object-fit:contain}' +
    '.lightbox .x{position:absolute;top:8px;right:8px;color:#fff}' +
    '.panel.drop{box-shadow:0 0 0 3px var(--sc-brand),0 12px 48px rgba(0,0,0,.22)}' +
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
  function ic(name) {
    var s = el('span', 'i', { 'aria-hidden': 'true' });
    s.textContent = ICON[name];
    return s;
  }
  var fontP = null;
  // @font-face inside a shadow root is ignored: register the icon font on the document.
  // Its load is a CORS request; the server allows the shop's origins (URL carries ?shop=).
  function loadFont(ctx) {
    if (fontP || typeof FontFace !== 'function') return fontP;
    var face = new FontFace('shopchat-icons',
      'url("' + ctx.res('icons.woff2') + '") format("woff2"),url("' + ctx.res('icons.woff') + '") format("woff")',
      { display: 'block' });
    d.fonts.add(face);
    fontP = face.load().catch(function (e) { if (w.console) w.console.warn('[shopchat] icon font: ' + e); });
    return fontP;
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
    var pending = []; // [{id, body, at, upload_id?}] sent but not acked, in order
    var oldest = null, hasMore = false, loading = false; // history paging
    var agentRead = 0, agentName = ''; // receipts and typing
    var shopInfo = null, shopOnline = false, leftEmail = '';
    // Online = an agent is connected and it is business hours. `hours` is the welcome's: open
    // then, the server times (epoch ms) at which that flips, and our clock's offset from it.
    var agentsOnline = false, hours = { open: true, changes: [], skew: 0 }, hoursTimer = 0;

    // ------------------------------------------------------------ texts
    var labels = [];
    function label(node, attr, key) { labels.push([node, attr, key]); setLabel(node, attr, key); }
    function setLabel(node, attr, key) {
      if (attr === 'text') node.textContent = t(key); else node.setAttribute(attr, t(key));
    }
    function relabel() {
      labels.forEach(function (x) { setLabel(x[0], x[1], x[2]); });
      if (shopInfo) showShop();
    }
    if (ctx.locale && ctx.locale !== 'en' && w.fetch) {
      w.fetch(ctx.res(ctx.locale + '.json'), { credentials: 'omit' }).then(function (r) {
        return r.ok ? r.json() : {};
      }).then(function (o) {
        for (var k in o) if (typeof o[k] === 'string') TEXT[k] = o[k];
        relabel();
      }, function () { /* English stays */ });
    }
    loadFont(ctx);

    // ------------------------------------------------------------ DOM
    var panel = el('div', 'panel', {
      'data-testid': 'panel', role: 'dialog', 'aria-modal': 'false', 'aria-label': t('chat')
    });
    panel.hidden = true;
    var hd = el('div', 'hd');
    var hdText = el('div', 'hd-text');
    var nameEl = el('div', 'name', { role: 'heading', 'aria-level': '2' });
    nameEl.textContent = t('chat');
    var status = el('div', 'status', { 'data-testid': 'status', 'data-online': 'false' });
    var statusText = el('span', 'status-text');
    status.appendChild(el('span', 'dot', { 'aria-hidden': 'true' }));
    status.appendChild(statusText);
    status.hidden = true;
    hdText.appendChild(nameEl);
    hdText.appendChild(status);
    var closeBtn = el('button', 'x', { type: 'button', 'data-testid': 'close' });
    label(closeBtn, 'aria-label', 'close');
    closeBtn.appendChild(ic('close'));
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
    var moreBtn = el('button', 'more', { type: 'button', 'data-testid': 'load-more' });
    label(moreBtn, 'text', 'loadMore');
    moreBtn.hidden = true;
    var offline = el('div', 'offline', { 'data-testid': 'offline-note' });
    var offTitle = el('b'), offText = el('p');
    label(offTitle, 'text', 'offlineTitle');
    var emailIn = el('input', 'email', { type: 'email', 'data-testid': 'offline-email', maxlength: '254', autocomplete: 'email' });
    label(emailIn, 'placeholder', 'offlineEmail');
    label(emailIn, 'aria-label', 'offlineEmail');
    offline.appendChild(offTitle);
    offline.appendChild(offText);
    offline.appendChild(emailIn);
    offline.hidden = true;
    list.appendChild(moreBtn);
    list.appendChild(offline);
    list.appendChild(msgs);
    list.appendChild(notice);
    var typingEl = el('div', 'typing', { 'data-testid': 'typing', 'aria-live': 'off' });
    typingEl.hidden = true;
    var flashEl = el('div', 'flash', { role: 'alert', 'data-testid': 'flash' });
    flashEl.hidden = true;
    var emojiBox = el('div', 'emoji', { 'data-testid': 'emoji-picker', role: 'group' });
    label(emojiBox, 'aria-label', 'emoji');
    emojiBox.hidden = true;
    var lightbox = el('div', 'lightbox', { 'data-testid': 'lightbox', role: 'dialog', 'aria-modal': 'true' });
    var lbClose = el('button', 'x', { type: 'button', 'data-testid': 'lightbox-close' });
    label(lbClose, 'aria-label', 'closeImage');
    lbClose.appendChild(ic('close'));
    var lbImg = el('img', '', { alt: '' });
    lightbox.appendChild(lbClose);
    lightbox.appendChild(lbImg);
    lightbox.hidden = true;

    var composer = el('div', 'composer');
    var input = el('textarea', 'input', { 'data-testid': 'input', rows: '1', maxlength: String(MAX_BODY) });
    label(input, 'placeholder', 'input');
    label(input, 'aria-label', 'input');
    var sendBtn = el('button', 'send', { type: 'button', 'data-testid': 'send' });
    label(sendBtn, 'aria-label', 'send');
    sendBtn.appendChild(ic('send'));
    sendBtn.disabled = true;
    var attachBtn = el('button', 'tool', { type: 'button', 'data-testid': 'attach-button' });
    label(attachBtn, 'aria-label', 'attach');
    attachBtn.appendChild(ic('plus'));
    var emojiBtn = el('button', 'tool', { type: 'button', 'data-testid': 'emoji-button', 'aria-expanded': 'false' });
    label(emojiBtn, 'aria-label', 'emoji');
    emojiBtn.appendChild(ic('emoji'));
    var fileIn = el('input', '', { type: 'file', accept: 'image/png,image/jpeg,image/gif,image/webp', 'data-testid': 'file-input', tabindex: '-1' });
    fileIn.hidden = true;
    composer.appendChild(attachBtn);
    composer.appendChild(emojiBtn);
    composer.appendChild(input);
    composer.appendChild(sendBtn);
    composer.appendChild(fileIn);

    panel.appendChild(hd);
    panel.appendChild(banner);
    panel.appendChild(list);
    panel.appendChild(typingEl);
    panel.appendChild(flashEl);
    panel.appendChild(emojiBox);
    panel.appendChild(composer);
    panel.appendChild(lightbox);
    root.appendChild(panel);

    // ------------------------------------------------------------ rendering
    function bubble(author, body, created, agentName, image) {
      var m = el('div', 'msg', { 'data-testid': 'message', 'data-author': author });
      if (created) m.setAttribute('data-ts', String(parseTime(created).getTime()));
      if (image !== undefined) m.appendChild(thumb(image));
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
    // an image: a button with the thumbnail that opens the full size; null while uploading
    function thumb(image) {
      var tb = el('button', 'thumb', { type: 'button', 'data-testid': 'image' });
      label(tb, 'aria-label', 'image');
      setThumb(tb, image);
      tb.addEventListener('click', function () { if (tb._full) openImage(tb._full); });
      return tb;
    }
    function setThumb(tb, image) {
      while (tb.firstChild) tb.removeChild(tb.firstChild);
      if (!image || !image.url) {
        tb.className = 'thumb up';
        tb.appendChild(ic('image'));
        return;
      }
      tb.className = 'thumb';
      var url = /^https?:/.test(image.url) ? image.url : ctx.base + image.url;
      var img = el('img', '', { src: url, alt: t('image'), loading: 'lazy' });
      if (image.width && image.height) { img.width = image.width; img.height = image.height; }
      tb._full = url;
      tb.appendChild(img);
    }
    function openImage(url) {
      lbImg.src = url;
      lightbox.hidden = false;
      lbClose.focus();
    }
    function closeImage() {
      if (lightbox.hidden) return false;
      lightbox.hidden = true;
      lbImg.removeAttribute('src');
      input.focus();
      return true;
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
      note.textContent = st === 'failed' ? t('failed') : t('sending');
      if (st === 'failed') {
        retry = el('button', 'retry', { type: 'button', 'data-testid': 'retry' });
        retry.textContent = t('retry');
        retry.addEventListener('click', function () { resend(m.getAttribute('data-cmid')); });
        meta.appendChild(retry);
      }
    }
    // keep seq order; own unacked bubbles stay at the bottom; day separators are redrawn
    // by days() afterwards, so they are no landmark here
    function place(m, seq) {
      var ref = null;
      for (var c = msgs.firstElementChild; c; c = c.nextElementSibling) {
        if (c === m || c.className === 'day') continue;
        var s = c.getAttribute('data-seq');
        if (s === null ? c.hasAttribute('data-cmid') : toInt(s) > seq) { ref = c; break; }
      }
      if (m.nextElementSibling !== ref || m.parentNode !== msgs) msgs.insertBefore(m, ref);
    }
    function nearBottom() { return list.scrollHeight - list.scrollTop - list.clientHeight < 80; }
    function toBottom() { list.scrollTop = list.scrollHeight; }

    // [open now by business hours, ms until the next flip or -1]
    function hoursNow() {
      var now = Date.now() + hours.skew, n = 0;
      while (n < hours.changes.length && hours.changes[n] <= now) n++;
      return [n % 2 ? !hours.open : hours.open, n < hours.changes.length ? hours.changes[n] - now : -1];
    }
    // re-run at each opening or closing, so the status flips without a reconnect
    function refreshOnline() {
      var h = hoursNow();
      clearTimeout(hoursTimer);
      hoursTimer = h[1] < 0 ? 0 : setTimeout(refreshOnline, h[1] + 50);
      setOnline(agentsOnline && h[0]);
    }
    function setOnline(on) {
      status.hidden = false;
      status.setAttribute('data-online', String(!!on));
      statusText.textContent = on ? t('online') : t('offline');
      shopOnline = !!on;
      showOffline();
    }
    // "Connecting…" only when it takes a while, so a quick (re)connect does not flash a bar
    var bannerTimer = 0;
    function showBanner() {
      var show = isOpen && (state === 'connecting' || state === 'waiting');
      if (!show) { clearTimeout(bannerTimer); bannerTimer = 0; banner.hidden = true; return; }
      if (!banner.hidden || bannerTimer) return;
      bannerTimer = setTimeout(function () {
        bannerTimer = 0;
        banner.textContent = hadWelcome ? t('reconnecting') : t('connecting');
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
    function addMessage(m, live, older) {
      if (!m || m.internal || typeof m.seq !== 'number') return;
      if (lastSeq === null || m.seq > lastSeq) lastSeq = m.seq;
      if (oldest === null || m.seq < oldest) oldest = m.seq;
      if (bySeq[m.seq]) return;
      var stick = !older && nearBottom();
      var cmid = m.client_msg_id, node = cmid && byCmid[cmid];
      if (node) {
        forget(cmid); // our own message: confirmed by ack, or found in a welcome after a reconnect
        node.lastChild.replaceChild(timeEl(m.created_at), node.querySelector('.time'));
        node.setAttribute('data-ts', String(parseTime(m.created_at).getTime()));
        if (m.image) setThumb(node.querySelector('.thumb'), m.image);
        stick = true;
      } else {
        if (m.author === 'agent' && m.agent) agentName = m.agent.name || agentName;
        node = bubble(m.author, m.body, m.created_at, m.author === 'agent' && m.agent && m.agent.name,
          m.image ? m.image : undefined);
        if (cmid) { node.setAttribute('data-cmid', cmid); byCmid[cmid] = node; }
      }
      node.setAttribute('data-kind', m.kind || 'text');
      if (m.author === 'visitor') setState(node, 'sent');
      if (m.author === 'agent' && live) showTyping(false);
      node.setAttribute('data-seq', String(m.seq));
      bySeq[m.seq] = node;
      place(node, m.seq);
      if (m.author === 'agent') agentSeqs.push(m.seq);
      if (!older) { days(); seen(); }
      if (stick) toBottom();
      if (live) ctx.emit('message', m);
    }
    // day separators between messages of different days
    function days() {
      var last = '', c = msgs.firstElementChild, next;
      for (; c; c = next) {
        next = c.nextElementSibling;
        if (c.className === 'day') { msgs.removeChild(c); continue; }
        var ts = toInt(c.getAttribute('data-ts'));
        if (!ts) continue;
        var day = new Date(ts).toDateString();
        if (day === last) continue;
        last = day;
        var sep = el('div', 'day', { role: 'separator' });
        var y = new Date(Date.now() - 864e5).toDateString();
        sep.textContent = day === new Date().toDateString() ? t('today') : day === y ? t('yesterday') :
          new Date(ts).toLocaleDateString(ctx.locale, { month: 'short', day: 'numeric', year: 'numeric' });
        msgs.insertBefore(sep, c);
      }
    }
    // "Seen" under the shopper's last message an agent has read
    function seen() {
      var mark = panel.querySelector('[data-testid="seen"]');
      var best = null;
      Object.keys(bySeq).forEach(function (k) {
        var n = bySeq[k];
        if (+k <= agentRead && n.getAttribute('data-author') === 'visitor' && (!best || +k > +best.getAttribute('data-seq'))) best = n;
        if (+k <= agentRead && n.getAttribute('data-author') === 'visitor') n.setAttribute('data-seen', 'true');
      });
      if (mark && (!best || mark.parentNode !== best.lastChild)) { mark.parentNode.removeChild(mark); mark = null; }
      if (best && !mark) {
        mark = el('span', 'seen', { 'data-testid': 'seen' });
        mark.appendChild(ic('seen'));
        mark.appendChild(d.createTextNode(t('seen')));
        best.lastChild.appendChild(mark);
      }
    }
    var typingTimer = 0;
    function showTyping(on) {
      clearTimeout(typingTimer);
      typingEl.hidden = !on;
      if (on) {
        typingEl.textContent = t('typing', { name: agentName || t('agent') });
        typingTimer = setTimeout(function () { typingEl.hidden = true; }, 6000);
      }
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
      seenSeq = 0; oldest = null; hasMore = false; agentRead = 0;
      moreBtn.hidden = true;
      days();
      lsSet('last_seq', null);
      updateUnread();
    }

    function msgFrame(item) {
      var f = { type: 'message', client_msg_id: item.id, body: item.body };
      if (item.upload_id) f.upload_id = item.upload_id;
      return f;
    }
    function queue(item) {
      var m = byCmid[item.id];
      if (!m) {
        m = bubble('visitor', item.body, item.at, null, item.upload_id ? item.image || null : undefined);
        m.setAttribute('data-cmid', item.id);
        byCmid[item.id] = m;
        msgs.appendChild(m);
      }
      m._item = item;
      setState(m, 'sending');
      if (!pending.some(function (p) { return p.id === item.id; })) pending.push(item);
      pendStore(item);
      if (state === 'ready') frame(msgFrame(item));
    }
    function resend(id) {
      var m = byCmid[id];
      if (!m || m.getAttribute('data-state') !== 'failed') return;
      if (m._file) return upload(m._file, m);
      var item = m._item || { id: id, body: m.querySelector('.bubble').textContent };
      item.at = new Date().toISOString();
      queue(item);
    }
    function beforeSend() {
      // offline note: the email the shopper left goes with the message (identify, unsigned)
      var email = emailIn.value.trim();
      if (!offline.hidden && email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email !== leftEmail) {
        leftEmail = email;
        identity();
        offText.textContent = t('offlineSaved', { email: email });
        emailIn.hidden = true;
      }
    }
    function submit() {
      var body = input.value.replace(/\r\n?/g, '\n').replace(/^\s+|\s+$/g, '').slice(0, MAX_BODY);
      if (!body || state === 'blocked' || state === 'dead') return;
      beforeSend();
      input.value = '';
      lastTyping = 0; // the next keystroke starts a new message: tell the agents at once
      autosize();
      queue({ id: uuid(), body: body, at: new Date().toISOString() });
      toBottom();
    }

    // ------------------------------------------------------------ images
    function flash(text) {
      flashEl.textContent = text;
      flashEl.hidden = false;
      clearTimeout(flashEl._t);
      flashEl._t = setTimeout(function () { flashEl.hidden = true; }, 5000);
    }
    function sendImage(file) {
      if (!file || state === 'blocked' || state === 'dead') return;
      if (!IMAGE_TYPES.test(file.type)) return flash(t('imageType'));
      if (file.size > MAX_IMAGE) return flash(t('imageTooBig'));
      beforeSend();
      var id = uuid();
      var m = bubble('visitor', '', new Date().toISOString(), null, null);
      m.setAttribute('data-cmid', id);
      m.setAttribute('data-kind', 'image');
      byCmid[id] = m;
      msgs.appendChild(m);
      m._file = file;
      toBottom();
      upload(file, m);
    }
    function upload(file, m) {
      setState(m, 'sending');
      var id = m.getAttribute('data-cmid');
      whenReady().then(function () {
        return w.fetch(ctx.base + '/api/v1/uploads?shop=' + encodeURIComponent(ctx.shop), {
          method: 'POST', body: file, credentials: 'omit',
          headers: { Authorization: 'Visitor ' + token, 'Content-Type': file.type }
        });
      }).then(function (r) {
        return r.json().then(function (j) { if (!r.ok) throw new Error(j.error ? j.error.message : r.status); return j; });
      }).then(function (j) {
        var up = j.upload;
        m._file = null;
        setThumb(m.querySelector('.thumb'), up);
        queue({ id: id, body: '', upload_id: up.id, image: up, at: new Date().toISOString() });
      }, function (e) {
        setState(m, 'failed');
        flash(t('uploadFailed') + (e && e.message ? ' ' + e.message : ''));
      });
    }
    var readyWaiters = [];
    function whenReady() {
      return new Promise(function (resolve) {
        if (state === 'ready' && token) resolve(); else readyWaiters.push(resolve);
      });
    }

    // ------------------------------------------------------------ history ("load more")
    function loadMore() {
      if (loading || !hasMore || convId === null || !token || oldest === null || !w.fetch) return;
      loading = true;
      moreBtn.disabled = true;
      var url = ctx.base + '/api/v1/conversations/' + convId + '/messages?before_seq=' + oldest +
        '&limit=50&shop=' + encodeURIComponent(ctx.shop);
      w.fetch(url, { headers: { Authorization: 'Visitor ' + token }, credentials: 'omit' }).then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      }).then(function (j) {
        var h = list.scrollHeight, top = list.scrollTop;
        (j.messages || []).forEach(function (m) { addMessage(m, false, true); });
        hasMore = !!j.has_more;
        days();
        seen();
        list.scrollTop = list.scrollHeight - h + top; // keep the shopper's place
      }).catch(function () { /* the button stays for another try */ }).then(function () {
        loading = false;
        moreBtn.disabled = false;
        moreBtn.hidden = !hasMore;
      });
    }

    // ------------------------------------------------------------ identity, context, offline
    function identity() {
      var who = ctx.identity || {}, f = { type: 'identify' }, any = false;
      ['id', 'name', 'email', 'hash'].forEach(function (k) {
        if (typeof who[k] === 'string' && who[k]) { f[k] = who[k]; any = true; }
      });
      if (leftEmail && !f.email) { f.email = leftEmail; any = true; }
      if (any && state === 'ready') frame(f);
    }
    function context() {
      if (state !== 'ready') return;
      var c = ctx.context || {}, out = {
        page_url: String(location.href).slice(0, 2000), page_title: String(d.title || '').slice(0, 500),
        referrer: String(d.referrer || '').slice(0, 2000)
      };
      try { out.timezone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { /* old browser */ }
      ['product', 'cart', 'order'].forEach(function (k) { if (k in c) out[k] = c[k]; });
      frame({ type: 'context', context: out });
    }
    function showOffline() {
      var show = hadWelcome && !shopOnline && state !== 'blocked' && state !== 'dead';
      offline.hidden = !show;
      if (show && !leftEmail) offText.textContent = (shopInfo && shopInfo.offline_message) || t('offlineDefault');
    }
    function showShop() {
      nameEl.textContent = shopInfo.name || t('chat');
      panel.setAttribute('aria-label', t('chatWith', { name: shopInfo.name || '' }));
      refreshOnline();
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
      if (code === 4403) { state = 'blocked'; showNotice(t('blocked')); return; }
      if (code === 4404) { state = 'dead'; showNotice(t('unavailable')); return; } // unknown data-shop
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
        showNotice(t('unavailable'));
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
        case 'presence': // agents came or went; business hours still apply
          agentsOnline = !!f.online;
          return refreshOnline();
        case 'typing':
          if (f.author === 'agent') showTyping(true);
          return;
        case 'identity':
          if (f.visitor_token) { token = f.visitor_token; lsSet('visitor', token); }
          if (f.reconnect) { clearHistory(); connectNow(); } // now the customer's own thread
          return;
        case 'event': return ctx.emit('event', f.event);
        case 'read': // the shopper read the chat in another tab: clear this tab's badge too
          if (f.by === 'visitor' && toInt(f.seq) > seenSeq) { seenSeq = toInt(f.seq); updateUnread(); }
          if (f.by === 'agent' && toInt(f.seq) > agentRead) { agentRead = toInt(f.seq); seen(); }
          return;
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
      var shop = shopInfo = f.shop || {};
      var greeting = ctx.greeting || shop.greeting || '';
      greetEl.firstChild.textContent = '';
      fillText(greetEl.firstChild, greeting);
      if (greeting) list.insertBefore(greetEl, offline);
      else if (greetEl.parentNode) list.removeChild(greetEl);
      agentsOnline = !!shop.agents_online;
      var h = shop.hours || {};
      hours = {
        open: h.open !== false, changes: h.changes_at || [],
        skew: typeof h.now === 'number' ? h.now - Date.now() : 0
      };
      if (ctx.brand && ctx.brand(shop.color)) lsSet('color', shop.color);
      if (ctx.position && ctx.position(shop.position)) lsSet('position', shop.position);
      showShop();
      (f.messages || []).forEach(function (m) { addMessage(m, !first, first); });
      if (toInt(f.agent_read_seq) > agentRead) agentRead = toInt(f.agent_read_seq);
      if (first) { hasMore = !!f.more; moreBtn.hidden = !hasMore; days(); }
      seen();
      identity();
      context();
      pending.forEach(function (p) { frame(msgFrame(p)); });
      readyWaiters.splice(0).forEach(function (r) { r(); });
      showBanner();
      markRead();
      if (first) toBottom();
    }

    // ------------------------------------------------------------ events
    closeBtn.addEventListener('click', function () { ctx.close(); });
    panel.addEventListener('keydown', function (e) {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      if (closeImage()) return;
      if (!emojiBox.hidden) { toggleEmoji(false); emojiBtn.focus(); return; }
      ctx.close();
    });
    lbClose.addEventListener('click', closeImage);
    lightbox.addEventListener('click', function (e) { if (e.target === lightbox) closeImage(); });
    moreBtn.addEventListener('click', loadMore);
    list.addEventListener('scroll', function () { if (list.scrollTop < 40 && hasMore) loadMore(); }, { passive: true });
    attachBtn.addEventListener('click', function () { fileIn.click(); });
    fileIn.addEventListener('change', function () {
      var f = fileIn.files && fileIn.files[0];
      fileIn.value = '';
      sendImage(f);
    });
    input.addEventListener('paste', function (e) {
      var items = e.clipboardData && e.clipboardData.files;
      if (items && items.length && /^image\//.test(items[0].type)) { e.preventDefault(); sendImage(items[0]); }
    });
    panel.addEventListener('dragover', function (e) {
      if (e.dataTransfer && [].indexOf.call(e.dataTransfer.types || [], 'Files') >= 0) {
        e.preventDefault();
        panel.classList.add('drop');
      }
    });
    panel.addEventListener('dragleave', function (e) { if (e.target === panel) panel.classList.remove('drop'); });
    panel.addEventListener('drop', function (e) {
      panel.classList.remove('drop');
      var f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
      if (f) { e.preventDefault(); sendImage(f); }
    });
    // emoji picker: its data (emoji.json) loads the first time it is opened
    var emojiP = null;
    function toggleEmoji(show) {
      emojiBox.hidden = !show;
      emojiBtn.setAttribute('aria-expanded', String(show));
      if (!show || emojiP) return;
      emojiP = w.fetch(ctx.res('emoji.json'), { credentials: 'omit' }).then(function (r) { return r.json(); }).then(function (j) {
        (j.groups || []).forEach(function (g) {
          (g.emoji || []).forEach(function (ch) {
            var b = el('button', 'emo', { type: 'button', 'data-testid': 'emoji', 'aria-label': ch });
            b.textContent = ch;
            emojiBox.appendChild(b);
          });
        });
        var first = emojiBox.querySelector('button');
        if (first && !emojiBox.hidden) first.focus();
      }, function () { emojiP = null; });
    }
    emojiBtn.addEventListener('click', function () { toggleEmoji(emojiBox.hidden); });
    emojiBox.addEventListener('click', function (e) {
      var b = e.target.closest && e.target.closest('.emo');
      if (!b) return;
      var v = input.value, a = input.selectionStart || v.length, z = input.selectionEnd || v.length;
      input.value = v.slice(0, a) + b.textContent + v.slice(z);
      input.selectionStart = input.selectionEnd = a + b.textContent.length;
      sendBtn.disabled = false;
      toggleEmoji(false);
      input.focus();
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
    // full screen below 480 px: follow the visual viewport so the on-screen keyboard does not
    // cover the composer (CSSOM writes are allowed under a strict style-src)
    var vv = w.visualViewport;
    function fitViewport() {
      var small = w.matchMedia && w.matchMedia('(max-width:479.98px)').matches;
      panel.style.height = small && vv ? vv.height + 'px' : '';
      panel.style.top = small && vv ? vv.offsetTop + 'px' : '';
      panel.style.bottom = small && vv ? 'auto' : '';
      if (small && isOpen && nearBottom()) toBottom();
    }
    if (vv) { vv.addEventListener('resize', fitViewport); vv.addEventListener('scroll', fitViewport); }
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
      identify: identity,
      setContext: context,
      // connect without showing anything (returning shopper, for the unread badge)
      connect: function () { if (token) start(); },
      open: function () {
        isOpen = everOpened = mayWrite = true;
        pending.forEach(pendStore); // pending restored before the first write was allowed
        panel.hidden = false;
        fitViewport();
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
