// What the widget and a store page put on `window`, for `tsc --checkJs`. The public API,
// `window.ShopChat`, is declared once, in the file stores download (/widget/v1/shopchat.d.ts).
/// <reference path="../shopchat.d.ts" />

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
  __shopchatLoaded?: number;
  __shopchatPanel?: ShopChatPanelModule;
  trustedTypes?: TrustedTypePolicyFactoryLike;
}
