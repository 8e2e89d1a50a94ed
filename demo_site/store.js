/* global ShopChat */
/* The demo store's own script: queues ShopChat calls before the widget loads (stub pattern,
 * docs/widget.md) and tells the agents what the shopper is looking at (setContext). A same-origin
 * file, so it also runs on the strict-CSP page. */
// (the stub is not yet the whole API: typed as it will be once the widget has loaded)
window.ShopChat = window.ShopChat || /** @type {ShopChatApi} */ (/** @type {unknown} */ (
  function () { (ShopChat.q = ShopChat.q || []).push(arguments); }));
(function () {
  var page = location.pathname;
  if (page.indexOf('/product') === 0) {
    ShopChat('setContext', {
      product: { name: 'Nordic wool throw', price: '89.00', currency: 'EUR', sku: 'NWT-130',
        url: location.origin + '/product.html', image: location.origin + '/favicon.svg' }
    });
  } else if (page.indexOf('/cart') === 0) {
    ShopChat('setContext', {
      cart: { items: [{ name: 'Nordic wool throw, 130 × 170', qty: 1, price: '89.00' }],
        total: '89.00', currency: 'EUR' }
    });
  }
})();
