// The panel's frame and everything in it but the messages and the composer: header and status,
// the connection banner, notices, the greeting, "load more", the offline note, the typing line,
// the flash line and the image lightbox. Ids for tests are the data-testids of docs/widget.md.
import { el, icon, fillText } from './dom.js';
import { createBubble } from './messages.js';

/** @typedef {import('./i18n.js').Strings} Strings */

/** A line that shows a text for a while (the typing line, the flash line). */
class TimedLine {
  /** @param {HTMLElement} node */
  constructor(node) {
    this.node = node;
    this.node.hidden = true;
    this.timer = 0;
  }

  /** @param {string|null} text null hides it @param {number} ms */
  show(text, ms) {
    clearTimeout(this.timer);
    this.node.hidden = text == null;
    if (text == null) return;
    this.node.textContent = text;
    this.timer = window.setTimeout(() => {
      this.node.hidden = true;
    }, ms);
  }
}

export class PanelView {
  /**
   * @param {ShadowRoot} root
   * @param {Strings} strings
   * @param {{close: () => void, loadMore: () => void}} on
   */
  constructor(root, strings, on) {
    this.strings = strings;
    const label = strings.bind.bind(strings);
    const panel = (this.panel = el('div', 'panel', {
      'data-testid': 'panel', role: 'dialog', 'aria-modal': 'false', 'aria-label': strings.t('chat'),
    }));
    panel.hidden = true;

    const hd = panel.appendChild(el('div', 'hd'));
    const hdText = hd.appendChild(el('div', 'hd-text'));
    this.name = hdText.appendChild(el('div', 'name', { role: 'heading', 'aria-level': '2' }));
    this.name.textContent = strings.t('chat');
    this.status = hdText.appendChild(el('div', 'status', { 'data-testid': 'status', 'data-online': 'false' }));
    this.status.appendChild(el('span', 'dot', { 'aria-hidden': 'true' }));
    this.statusText = this.status.appendChild(el('span', 'status-text'));
    this.status.hidden = true;
    const close = hd.appendChild(el('button', 'x', { type: 'button', 'data-testid': 'close' }));
    label(close, 'aria-label', 'close');
    close.appendChild(icon('close'));
    close.addEventListener('click', on.close);

    this.banner = panel.appendChild(el('div', 'banner', { 'data-testid': 'conn-banner', role: 'status' }));
    this.banner.hidden = true;
    this.bannerTimer = 0;

    const list = (this.list = panel.appendChild(
      el('div', 'list', { 'data-testid': 'message-list', role: 'log', 'aria-live': 'polite' }),
    ));
    this.more = list.appendChild(el('button', 'more', { type: 'button', 'data-testid': 'load-more' }));
    label(this.more, 'text', 'loadMore');
    this.more.hidden = true;
    this.more.addEventListener('click', on.loadMore);
    list.addEventListener('scroll', () => {
      if (list.scrollTop < 40 && !this.more.hidden) on.loadMore();
    }, { passive: true });
    this.greeting = createBubble('system'); // not a stored message: no seq, no time
    this.greeting.node.setAttribute('data-greeting', 'true');
    this.offline = list.appendChild(el('div', 'offline', { 'data-testid': 'offline-note' }));
    label(this.offline.appendChild(el('b')), 'text', 'offlineTitle');
    this.offlineText = this.offline.appendChild(el('p'));
    this.email = this.offline.appendChild(el('input', 'email', {
      type: 'email', 'data-testid': 'offline-email', maxlength: '254', autocomplete: 'email',
    }));
    label(this.email, 'placeholder', 'offlineEmail');
    label(this.email, 'aria-label', 'offlineEmail');
    this.offline.hidden = true;
    this.emailSaved = false;
    this.mailOn = true; // welcome shop.email: the server can mail the answer
    this.messages = list.appendChild(el('div', 'msgs'));
    this.notice = list.appendChild(el('div', 'notice', { 'data-testid': 'notice', role: 'alert' }));
    this.notice.hidden = true;

    this.typing = new TimedLine(panel.appendChild(el('div', 'typing', { 'data-testid': 'typing', 'aria-live': 'off' })));
    this.flashLine = new TimedLine(panel.appendChild(el('div', 'flash', { role: 'alert', 'data-testid': 'flash' })));

    this.lightbox = panel.appendChild(el('div', 'lightbox', {
      'data-testid': 'lightbox', role: 'dialog', 'aria-modal': 'true',
    }));
    this.lightboxClose = this.lightbox.appendChild(el('button', 'x', { type: 'button', 'data-testid': 'lightbox-close' }));
    label(this.lightboxClose, 'aria-label', 'closeImage');
    this.lightboxClose.appendChild(icon('close'));
    this.lightboxImage = this.lightbox.appendChild(el('img', '', { alt: '' }));
    this.lightbox.hidden = true;
    this.lightboxClose.addEventListener('click', () => this.closeImage());
    this.lightbox.addEventListener('click', (e) => {
      if (e.target === this.lightbox) this.closeImage();
    });
    /** @type {HTMLElement|null} where focus goes when the lightbox closes */
    this.focusAfterImage = null;
    root.appendChild(panel);
  }

  /** Put the composer's parts in, above the lightbox. @param {HTMLElement[]} nodes */
  mount(...nodes) {
    for (const node of nodes) this.panel.insertBefore(node, this.lightbox);
  }

  /** @param {string} name the shop's name */
  setShopName(name) {
    this.name.textContent = name || this.strings.t('chat');
    this.panel.setAttribute('aria-label', this.strings.t('chatWith', { name: name || '' }));
  }

  /** @param {boolean} online */
  setStatus(online) {
    this.status.hidden = false;
    this.status.setAttribute('data-online', String(online));
    this.statusText.textContent = this.strings.t(online ? 'online' : 'offline');
  }

  /**
   * "Connecting…" only when it takes more than a second, so a quick (re)connect shows no bar.
   * @param {() => boolean} still whether it is still connecting (asked again after the second)
   * @param {boolean} reconnecting
   */
  showBanner(still, reconnecting) {
    if (!still()) {
      clearTimeout(this.bannerTimer);
      this.bannerTimer = 0;
      this.banner.hidden = true;
      return;
    }
    if (!this.banner.hidden || this.bannerTimer) return;
    this.bannerTimer = window.setTimeout(() => {
      this.bannerTimer = 0;
      this.banner.textContent = this.strings.t(reconnecting ? 'reconnecting' : 'connecting');
      this.banner.hidden = !still();
    }, 1000);
  }

  /** The chat cannot be used here (blocked origin, unknown shop). @param {string} text */
  showNotice(text) {
    this.notice.textContent = text;
    this.notice.hidden = false;
    clearTimeout(this.bannerTimer);
    this.banner.hidden = true;
    this.status.hidden = true;
  }

  /** The shop's greeting as the first bubble; none when empty. @param {string} text */
  setGreeting(text) {
    fillText(this.greeting.bubble, text);
    if (text) this.list.insertBefore(this.greeting.node, this.offline);
    else this.greeting.node.remove();
  }

  /** @param {boolean} show @param {boolean} [busy] */
  showMore(show, busy = false) {
    this.more.hidden = !show;
    this.more.disabled = busy;
  }

  /**
   * The offline note with the shop's message, until the shopper left an email. Without
   * email on the server (welcome shop.email false) the address is still asked for (the agents
   * see it) but the note promises only an answer in this chat.
   * @param {boolean} show
   * @param {string} message
   * @param {boolean} [email]
   */
  showOffline(show, message, email = true) {
    this.offline.hidden = !show;
    this.mailOn = email;
    this.email.hidden = this.emailSaved;
    const fallback = this.strings.t(email ? 'offlineDefault' : 'offlineNoMail');
    if (show && !this.emailSaved) this.offlineText.textContent = message || fallback;
  }

  /** The email typed into the visible offline note, '' when none. */
  offlineEmail() {
    return this.offline.hidden || this.emailSaved ? '' : this.email.value.trim();
  }

  /** @param {string} email */
  offlineSaved(email) {
    this.emailSaved = true;
    this.offlineText.textContent = this.strings.t(this.mailOn ? 'offlineSaved' : 'offlineSavedHere', { email });
    this.email.hidden = true;
  }

  /** ShopChat.reset(): the offline note asks for an email again (the last one is gone). */
  forgetEmail() {
    this.emailSaved = false;
    this.email.value = '';
    this.email.hidden = false;
  }

  /** "Kim is typing…" for 6 s; null hides it. @param {string|null} name */
  showTyping(name) {
    const t = this.strings.t.bind(this.strings);
    this.typing.show(name == null ? null : t('typing', { name: name || t('agent') }), 6000);
  }

  /** A refused image, for 5 s. @param {string} text */
  flash(text) {
    this.flashLine.show(text, 5000);
  }

  /** @param {string} url */
  openImage(url) {
    this.lightboxImage.src = url;
    this.lightbox.hidden = false;
    this.lightboxClose.focus();
  }

  /** @returns {boolean} false when it was not open */
  closeImage() {
    if (this.lightbox.hidden) return false;
    this.lightbox.hidden = true;
    this.lightboxImage.removeAttribute('src');
    if (this.focusAfterImage) this.focusAfterImage.focus();
    return true;
  }

  nearBottom() {
    const list = this.list;
    return list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  }

  toBottom() {
    this.list.scrollTop = this.list.scrollHeight;
  }

  /**
   * Full screen below 480 px: follow the visual viewport so the on-screen keyboard does not
   * cover the composer (CSSOM writes are allowed under a strict style-src).
   * @param {boolean} open
   */
  fitViewport(open) {
    const vv = window.visualViewport;
    const small = !!vv && matchMedia('(max-width:479.98px)').matches;
    const style = this.panel.style;
    style.height = small ? `${vv.height}px` : '';
    style.top = small ? `${vv.offsetTop}px` : '';
    style.bottom = small ? 'auto' : '';
    if (small && open && this.nearBottom()) this.toBottom();
  }
}
