// Types of the shopchat widget's JavaScript API, `window.ShopChat` (docs/widget.md,
// "JavaScript API"). Served at /widget/v1/shopchat.d.ts. In a TypeScript store, save it in the
// project and add `/// <reference path="./shopchat.d.ts" />` (or list it in tsconfig "files").

/** A message as the protocol sends it (docs/protocol.md). */
interface ShopChatMessage {
  id: number;
  conversation_id: number;
  /** 1, 2, 3… inside the conversation */
  seq: number;
  author: 'visitor' | 'agent';
  /** the agent who wrote it (id null for a message sent by the shop's systems) */
  agent: { id: number | null; name: string } | null;
  body: string;
  kind: 'text' | 'image';
  internal: boolean;
  /** ISO 8601 */
  created_at: string;
  client_msg_id: string | null;
  /** url is a path on the chat server */
  image: { url: string; width: number; height: number; content_type: string } | null;
}

/** The argument of each event's listener. */
interface ShopChatEventMap {
  /** the launcher is in the page; a listener added later is called at once (asynchronously) */
  ready: undefined;
  open: undefined;
  close: undefined;
  /** the unread badge's count */
  unread: number;
  /** a message added live: agent replies, the shopper's own once stored, other tabs' */
  message: ShopChatMessage;
  /** a push API event (POST /api/v1/push) */
  event: Record<string, unknown>;
}

type ShopChatEvent = keyof ShopChatEventMap;

/** identify(): `hash` = hex HMAC-SHA256(shop secret, id) makes a verified customer. */
interface ShopChatIdentity {
  id?: string;
  name?: string;
  email?: string;
  hash?: string;
}

type ShopChatPrice = string | number | null;

interface ShopChatProduct {
  name?: string;
  url?: string;
  price?: ShopChatPrice;
  currency?: string;
  image?: string;
  sku?: string;
}

/** setContext(): shown to agents as cards; null clears one. */
interface ShopChatContext {
  product?: ShopChatProduct | null;
  cart?: {
    items?: (ShopChatProduct & { qty?: number })[];
    total?: ShopChatPrice;
    currency?: string;
  } | null;
  order?: {
    id?: string;
    status?: string;
    total?: ShopChatPrice;
    currency?: string;
    url?: string;
    placed_at?: string;
  } | null;
}

interface ShopChatApi {
  /** `ShopChat('open')`: any method by name; before the script loads, the stub queues it */
  (method: string, ...args: unknown[]): unknown;
  /** loads the panel if needed; false when it could not be loaded */
  open(): Promise<boolean>;
  close(): void;
  toggle(): Promise<boolean> | void;
  /** returns a function that removes the listener */
  on<K extends ShopChatEvent>(event: K, listener: (data: ShopChatEventMap[K]) => void): () => void;
  off<K extends ShopChatEvent>(event: K, listener: (data: ShopChatEventMap[K]) => void): void;
  identify(who: ShopChatIdentity): void;
  setContext(context: ShopChatContext): void;
  /** forget this shopper on this browser (every tab): the next open is a new shopper */
  reset(): void;
  /** hide the launcher (open() still works) */
  hide(): void;
  /** show the launcher again */
  show(): void;
  isOpen(): boolean;
  /** the unread badge's count */
  unread(): number;
  readonly version: 1;
  /** the array stub's way of calling: `ShopChat.push(['open'])` */
  push(call: [string, ...unknown[]]): void;
  /** calls queued by the embed stub before the loader ran */
  q?: ArrayLike<unknown>[];
}

interface Window {
  ShopChat: ShopChatApi;
}

declare var ShopChat: ShopChatApi;
