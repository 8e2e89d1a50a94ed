// The panel's entry: create(ctx) puts the parts together for the loader (widget/shopchat.js),
// which calls it once panel.js has loaded. Joined with its imports into the one served panel.js.
import { Chat } from './chat.js';
import { Composer } from './composer.js';
import { Strings, fetchStrings } from './i18n.js';
import { MessageList } from './messages.js';
import { ShopStorage } from './storage.js';
import { adoptStyles, loadIconFont } from './styles.js';
import { PanelView } from './view.js';

/**
 * What the loader hands over (widget/shopchat.js, `ctx`).
 * @typedef {object} Ctx
 * @property {number} v
 * @property {string} shop the shop key
 * @property {string} base the backend's URL
 * @property {string} wsUrl the visitor socket's URL
 * @property {string} locale 'en' or 'zh-CN'
 * @property {string|null} greeting the page's data-greeting
 * @property {Record<string, any>|null} identity from ShopChat.identify()
 * @property {Record<string, any>|null} context from ShopChat.setContext()
 * @property {(name: string) => string} res the URL of a versioned resource
 * @property {(name: string) => string} key a localStorage key of this shop
 * @property {(type: string, data?: unknown) => void} emit an API event
 * @property {() => ShadowRoot} root
 * @property {() => HTMLElement|null} launcher
 * @property {(n: number) => void} setUnread
 * @property {() => void} close
 * @property {(side: string) => boolean} position the shop's side; true when it moved
 * @property {(color: string) => boolean} brand the shop's colour; true when it changed
 */

/**
 * @param {Ctx} ctx
 * @returns {{identify(): void, setContext(): void, connect(): void, open(): void, close(): void,
 *   reset(): void}}
 */
export function create(ctx) {
  const root = ctx.root();
  adoptStyles(root);
  loadIconFont(ctx.res);
  let storage = null;
  try {
    storage = localStorage;
  } catch {
    // blocked: nothing is remembered
  }
  const store = new ShopStorage(storage, ctx.key);
  const strings = new Strings(ctx.locale);
  if (ctx.locale && ctx.locale !== 'en') {
    fetchStrings(ctx.res(`${ctx.locale}.json`)).then((more) => strings.merge(more));
  }
  // the parts call the chat back only after it exists (below)
  const view = new PanelView(root, strings, { close: () => ctx.close(), loadMore: () => chat.loadMore() });
  const composer = new Composer(strings, {
    send: (text) => chat.outbox.sendText(text),
    image: (file) => chat.outbox.sendImage(file),
    typing: () => chat.typing(),
    emoji: () => fetch(ctx.res('emoji.json'), { credentials: 'omit' }).then((r) => r.json()),
  });
  view.mount(composer.emojiBox, composer.bar);
  view.focusAfterImage = composer.input;
  composer.acceptDrops(view.panel);
  const list = new MessageList(view.messages, strings, {
    base: ctx.base,
    retry: (id) => chat.outbox.retry(id),
    openImage: (url) => view.openImage(url),
  });
  const chat = new Chat(ctx, { store, strings, view, list, disable: () => composer.disable() });

  view.panel.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    if (!view.closeImage() && !composer.closeEmoji()) ctx.close();
  });
  const viewport = window.visualViewport;
  if (viewport) {
    const fit = () => view.fitViewport(chat.isOpen);
    viewport.addEventListener('resize', fit);
    viewport.addEventListener('scroll', fit);
  }

  return {
    identify: () => chat.identify(),
    setContext: () => chat.sendContext(),
    connect: () => chat.connect(),
    open() {
      view.panel.hidden = false;
      view.fitViewport(true);
      chat.open();
      if (!composer.input.disabled && !matchMedia('(pointer: coarse)').matches) composer.input.focus();
    },
    close() {
      const hadFocus = root.activeElement && view.panel.contains(root.activeElement);
      chat.close();
      view.panel.hidden = true;
      const launcher = hadFocus && ctx.launcher();
      if (launcher) launcher.focus();
    },
    reset() {
      chat.forget();
      composer.clear();
    },
  };
}

const page = /** @type {Record<string, any>} */ (/** @type {unknown} */ (window));
if (!page.__shopchatPanel) page.__shopchatPanel = { v: 1, create };
