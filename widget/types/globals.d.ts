// What the widget and a store page put on `window`, for `tsc --checkJs` (docs/widget.md has the API).
interface ShopChatCall {
  (...args: unknown[]): unknown;
  /** calls queued by the embed stub before the loader ran */
  q?: ArrayLike<unknown>[];
}

interface ShopChatPanelModule {
  v: number;
  create(ctx: unknown): unknown;
}

interface TrustedTypePolicyFactoryLike {
  createPolicy(
    name: string,
    rules: { createScriptURL(url: string): string },
  ): { createScriptURL(url: string): string };
}

interface Window {
  // the embed stub, an array stub, or the loaded API
  ShopChat?: ShopChatCall | ArrayLike<unknown>[] | Record<string, unknown>;
  __shopchatLoaded?: number;
  __shopchatPanel?: ShopChatPanelModule;
  trustedTypes?: TrustedTypePolicyFactoryLike;
}

declare var ShopChat: ShopChatCall;
