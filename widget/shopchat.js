/* shopchat loader v1. Docs: docs/widget.md. Embed:
 *   <script src="https://CHAT_HOST/widget/v1/shopchat.js" data-shop="SHOP_KEY" async></script>
 * Calls made before it loads are queued by this stub and replayed (array stubs work too):
 *   window.ShopChat=window.ShopChat||function(){(ShopChat.q=ShopChat.q||[]).push(arguments)};
 *   ShopChat('on', 'unread', function (n) {}); ShopChat('open');
 * Draws only the launcher; panel.js loads on first open (or at load for a returning shopper).
 */
(function (w, d) {
  'use strict';
  var TAG = 'shopchat-widget';
  // logical name -> content-hashed file name, written in by the server as it serves this file
  var MANIFEST = /*@manifest*/{};
  var SELF = '/widget/v1/shopchat.js';
  var SVGNS = 'http://www.w3.org/2000/svg';
  var ICON_CHAT = 'M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2zM6 9h12v2H6V9zm8 5H6v-2h8v2zm4-6H6V6h12v2z';
  var ICON_DOWN = 'M7.41 8.59 12 13.17l4.59-4.58L18 10l-6 6-6-6 1.41-1.41z';

  function warn(m) { if (w.console) w.console.warn('[shopchat] ' + m); }

  var ce = w.customElements;
  if (w.__shopchatLoaded || (ce && ce.get(TAG))) return; // idempotent: one widget per page
  w.__shopchatLoaded = 1;
  try { if (ce) ce.define(TAG, class extends HTMLElement {}); } catch (e) { /* already taken */ }

  var script = /** @type {HTMLScriptElement|null} */ (d.currentScript ||
    d.querySelector('script[src*="' + SELF + '"]'));
  if (!script || !script.src) return warn('no <script> tag');
  var attr = function (n) { return script.getAttribute('data-' + n); };
  var shop = attr('shop') || '';
  if (!/^[\w.-]{1,64}$/.test(shop)) return warn('invalid data-shop');
  if (typeof CSSStyleSheet !== 'function' || !('adoptedStyleSheets' in Document.prototype)) {
    return warn('unsupported browser');
  }

  // Backend base = the script URL minus "/widget/v1/shopchat.js" (origin, plus any path prefix).
  var src = new URL(script.src, d.baseURI);
  var base = src.origin + src.pathname.slice(0, Math.max(0, src.pathname.lastIndexOf(SELF)));
  var wsUrl = base.replace(/^http/, 'ws') + '/api/v1/ws/visitor?shop=' + encodeURIComponent(shop);
  // versioned resources: /widget/v1/r/<name>.<hash>.<ext>?shop=KEY (CORS for the shop's origins)
  function res(name) {
    var file = MANIFEST[name] ? 'r/' + MANIFEST[name] : name === 'panel.js' ? name : 'r/' + name;
    return base + '/widget/v1/' + file + '?shop=' + encodeURIComponent(shop);
  }
  var panelUrl = res('panel.js');
  var lang = (attr('locale') || navigator.language || 'en').toLowerCase();
  var locale = lang.indexOf('zh') === 0 ? 'zh-CN' : 'en';
  var L = locale === 'zh-CN' ? ['打开聊天', '关闭聊天'] : ['Open chat', 'Close chat'];

  function num(v, def, min, max) {
    var n = parseInt(v, 10);
    return isNaN(n) ? def : Math.min(max, Math.max(min, n));
  }
  function hex(c) {
    c = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(c || '') ? c : '';
    return c.length === 4 ? '#' + c[1] + c[1] + c[2] + c[2] + c[3] + c[3] : c;
  }
  // dark or white text on the brand colour (YIQ brightness)
  function onColor(c) {
    var rgb = [1, 3, 5].map(function (i) { return parseInt(c.substr(i, 2), 16); });
    return rgb[0] * 0.299 + rgb[1] * 0.587 + rgb[2] * 0.114 > 160 ? '#111827' : '#fff';
  }
  // data-color wins; else the shop's colour from the console, remembered after a first chat
  var fixedColor = hex(attr('color'));
  var color = fixedColor || hex(lsGet('color')) || '#2563eb';
  // data-position wins; else the shop's side from the console, remembered after a first chat
  function sideOf(p) { return p === 'left' || p === 'right' ? p : ''; }
  var fixedSide = sideOf(attr('position'));
  var side = fixedSide || sideOf(lsGet('position')) || 'right';
  var ox = num(attr('offset-x'), 20, 0, 2000);
  var oy = num(attr('offset-y'), 20, 0, 2000);
  var z = num(attr('z-index'), 2147483000, 0, 2147483647);

  function key(name) { return 'shopchat:' + shop + ':' + name; }
  function lsGet(k) { try { return w.localStorage.getItem(key(k)); } catch (e) { return null; } }

  var listeners = {};
  function emit(type, data) {
    (listeners[type] || []).slice().forEach(function (fn) {
      try { fn(data); } catch (e) { setTimeout(function () { throw e; }); }
    });
  }
  var isOpen = false, unread = 0, panel = null, panelP = null, host, root, launcher, icon, badge;
  var hidden = false, ready = false; // hide()/show(); the launcher is in the page
  var hostSheet; // the rules that depend on the side, rebuilt when the welcome moves us

  function loadPanel() {
    if (panelP) return panelP;
    panelP = new Promise(function (resolve, reject) {
      var done = function () {
        var mod = w.__shopchatPanel;
        if (!mod || mod.v !== 1) return reject(new Error('panel.js did not register'));
        resolve(panel = mod.create(ctx));
      };
      if (w.__shopchatPanel) return done();
      var s = d.createElement('script'), url = panelUrl;
      try { // pages enforcing Trusted Types need a policy for the script URL
        if (w.trustedTypes && w.trustedTypes.createPolicy) {
          url = w.trustedTypes.createPolicy('shopchat', {
            createScriptURL: function (u) { return u === panelUrl ? u : ''; }
          }).createScriptURL(panelUrl);
        }
      } catch (e) { /* no policy allowed: plain string */ }
      s.src = url;
      s.async = true;
      s.onload = done;
      s.onerror = function () { reject(new Error('could not load ' + panelUrl)); };
      d.head.appendChild(s);
    }).catch(function (e) { panelP = null; warn(e.message); throw e; });
    return panelP;
  }

  function render() {
    launcher.setAttribute('aria-expanded', String(isOpen));
    launcher.setAttribute('aria-label', L[isOpen ? 1 : 0]);
    icon.setAttribute('d', isOpen ? ICON_DOWN : ICON_CHAT);
    badge.textContent = unread > 99 ? '99+' : String(unread);
    badge.hidden = !unread;
    launcher.hidden = hidden;
  }

  // reset(): this browser forgets the shopper (a store's logout); every tab of the shop in it
  // too, told through a BroadcastChannel. Nothing is revoked on the server, no visitor is made.
  var SHOPPER_KEYS = ['visitor', 'last_seq', 'pending'];
  function forget() {
    ctx.identity = ctx.context = null;
    SHOPPER_KEYS.forEach(function (k) { try { w.localStorage.removeItem(key(k)); } catch (e) { /* blocked */ } });
    api.close();
    if (panel) panel.reset();
    ctx.setUnread(0);
  }
  var tabs = w.BroadcastChannel ? new BroadcastChannel('shopchat:' + shop) : null;
  if (tabs) tabs.onmessage = function (e) { if (e.data === 'reset') forget(); };
  function setHidden(h) { hidden = h; if (launcher) render(); }

  // handed to panel.js; it owns the socket and the panel DOM
  var ctx = {
    v: 1, shop: shop, base: base, wsUrl: wsUrl, res: res, locale: locale,
    greeting: attr('greeting'), identity: null, context: null,
    key: key, emit: emit,
    root: function () { return root; },
    launcher: function () { return launcher; },
    setUnread: function (n) {
      n = Math.max(0, n | 0);
      if (n === unread) return;
      unread = n; render(); emit('unread', n);
    },
    close: function () { api.close(); },
    // the shop's side from the welcome (ignored when the page set data-position): the
    // launcher and panel move over; true when it changed, so panel.js remembers it
    position: function (p) {
      p = sideOf(p);
      if (!p || fixedSide || p === side) return false;
      side = p;
      hostSheet.replaceSync(hostCss());
      return true;
    },
    // the shop's brand colour from the welcome (ignored when the page set data-color)
    brand: function (c) {
      c = hex(c);
      if (!c || fixedColor || c === color) return false;
      color = c;
      var extra = sheet(':host{--sc-brand:' + c + '!important;--sc-on-brand:' + onColor(c) + '!important}');
      root.adoptedStyleSheets = [root.adoptedStyleSheets[0], extra].concat(root.adoptedStyleSheets.slice(root.__brand ? 2 : 1));
      root.__brand = 1;
      return true;
    }
  };

  var api = {
    open: function () {
      if (isOpen) return Promise.resolve(true);
      return readyP.then(function () {
        launcher.setAttribute('aria-busy', 'true');
        return loadPanel();
      }).then(function (p) {
        launcher.removeAttribute('aria-busy');
        if (isOpen) return true;
        isOpen = true; p.open(); render(); emit('open');
        return true;
      }, function () { launcher.removeAttribute('aria-busy'); return false; });
    },
    close: function () {
      if (!isOpen) return;
      isOpen = false;
      if (panel) panel.close();
      render(); emit('close');
    },
    toggle: function () { return isOpen ? api.close() : api.open(); },
    on: function (type, fn) {
      if (typeof fn !== 'function') return function () {};
      (listeners[type] = listeners[type] || []).push(fn);
      if (type === 'ready' && ready) setTimeout(function () { if (listeners.ready.indexOf(fn) >= 0) fn(); });
      return function () { api.off(type, fn); };
    },
    off: function (type, fn) {
      listeners[type] = (listeners[type] || []).filter(function (f) { return f !== fn; });
    },
    // identify({id, name, email, hash}) and setContext({product, cart, order}): kept and sent
    // on every (re)connection; a verified hash links this browser to the customer's thread
    identify: function (who) {
      if (!who || typeof who !== 'object') return;
      ctx.identity = who;
      if (panel) panel.identify();
    },
    setContext: function (c) {
      if (!c || typeof c !== 'object') return;
      ctx.context = c;
      if (panel) panel.setContext();
    },
    reset: function () {
      forget();
      if (tabs) tabs.postMessage('reset');
    },
    hide: function () { setHidden(true); },
    show: function () { setHidden(false); },
    isOpen: function () { return isOpen; },
    unread: function () { return unread; },
    version: 1
  };
  // ShopChat('open') style calls keep working after load, as do array-stub pushes.
  function call(args) {
    var m = args && args[0];
    if (typeof api[m] === 'function') return api[m].apply(null, [].slice.call(args, 1));
    warn('unknown ShopChat call: ' + m);
  }
  var stub = w.ShopChat;
  var queue = stub ? (Array.isArray(stub) ? stub : stub.q) || [] : [];
  var ShopChat = function () { return call(arguments); };
  Object.keys(api).forEach(function (k) { ShopChat[k] = api[k]; });
  ShopChat.push = function (args) { call(args); };
  w.ShopChat = /** @type {ShopChatApi} */ (/** @type {unknown} */ (ShopChat));

  var readyP = new Promise(function (resolve) {
    if (d.body) resolve();
    else d.addEventListener('DOMContentLoaded', function () { resolve(); });
  });

  function mk(tag, attrs, ns) {
    var e = ns ? d.createElementNS(ns, tag) : d.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }
  function sheet(css) { var s = new CSSStyleSheet(); s.replaceSync(css); return s; }
  var FONT = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif';

  function hostCss() {
    var other = side === 'left' ? 'right' : 'left';
    // all:initial also resets top/visibility/opacity/transform etc. that a page may force on us
    return ':host{all:initial!important;position:fixed!important;' + side + ':' + ox + 'px!important;' +
      'bottom:' + oy + 'px!important;z-index:' + z + '!important;display:block!important;' +
      'font:400 14px/1.4 ' + FONT + '!important;color:#111827!important;' +
      '--sc-brand:' + color + ';--sc-on-brand:' + onColor(color) + '}' +
      '*,*::before,*::after{box-sizing:border-box}[hidden]{display:none!important}' +
      '.launcher{display:flex;align-items:center;justify-content:center;position:relative;' +
      'width:56px;height:56px;margin:0;padding:0;border:0;border-radius:50%;cursor:pointer;' +
      'background:var(--sc-brand);color:var(--sc-on-brand);font:inherit;line-height:1;' +
      'box-shadow:0 4px 14px rgba(0,0,0,.25);transition:transform .15s ease}' +
      '.launcher:hover{transform:scale(1.06)}' +
      '.launcher:focus-visible{outline:3px solid var(--sc-brand);outline-offset:3px}' +
      '.launcher svg{display:block;width:28px;height:28px;fill:currentColor}' +
      '.badge{display:block;position:absolute;top:-4px;' + other + ':-4px;min-width:20px;' +
      'height:20px;padding:0 6px;border-radius:10px;background:#dc2626;color:#fff;' +
      'font-size:12px;font-weight:600;line-height:20px;text-align:center;box-shadow:0 0 0 2px #fff}' +
      '.panel{' + side + ':0;' + other + ':auto}';
  }

  readyP.then(function () {
    host = d.createElement(TAG);
    root = host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [hostSheet = sheet(hostCss())];
    launcher = mk('button', { type: 'button', class: 'launcher', 'data-testid': 'launcher', 'aria-haspopup': 'dialog' });
    var svg = mk('svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true' }, SVGNS);
    svg.appendChild(icon = mk('path', {}, SVGNS));
    badge = mk('span', { class: 'badge', 'data-testid': 'unread-badge' });
    launcher.appendChild(svg);
    launcher.appendChild(badge);
    launcher.addEventListener('click', function () { api.toggle(); });
    root.appendChild(launcher);
    render();
    d.body.appendChild(host);
    ready = true;
    emit('ready');

    // A returning shopper (token stored by an earlier open) connects right away so that
    // agent replies raise the unread badge; first-time visitors load nothing more.
    if (lsGet('visitor')) {
      loadPanel().then(function (p) { p.connect(); }, function () {});
    }
  });

  queue.forEach(call);
})(window, document);
