// What the store's page told us about the shopper (ShopChat.identify() and setContext()) and
// about itself, as the `identify` and `context` frames sent after every welcome.

const IDENTITY_KEYS = ['id', 'name', 'email', 'hash'];
const CONTEXT_KEYS = ['product', 'cart', 'order'];

/**
 * The identify frame, or null when there is nothing to say.
 * @param {Record<string, any>|null} who from ShopChat.identify()
 * @param {string} leftEmail typed into the offline note (used when identify() gave none)
 * @returns {Record<string, string>|null}
 */
export function identifyFrame(who, leftEmail) {
  /** @type {Record<string, string>} */
  const frame = { type: 'identify' };
  for (const key of IDENTITY_KEYS) {
    if (who && typeof who[key] === 'string' && who[key]) frame[key] = who[key];
  }
  if (leftEmail && !frame.email) frame.email = leftEmail;
  return Object.keys(frame).length > 1 ? frame : null;
}

/**
 * @typedef {{page_url: string, page_title: string, referrer: string, timezone?: string}} PageFacts
 */

/** @returns {PageFacts} this page, clipped to the protocol's limits */
export function pageFacts() {
  /** @type {PageFacts} */
  const facts = {
    page_url: String(location.href).slice(0, 2000),
    page_title: String(document.title || '').slice(0, 500),
    referrer: String(document.referrer || '').slice(0, 2000),
  };
  try {
    facts.timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    // an old browser
  }
  return facts;
}

/**
 * The context frame: the page's facts plus setContext()'s product, cart and order.
 * @param {Record<string, any>|null} extra from ShopChat.setContext()
 * @param {PageFacts} facts
 */
export function contextFrame(extra, facts) {
  /** @type {Record<string, any>} */
  const context = { ...facts };
  for (const key of CONTEXT_KEYS) if (extra && key in extra) context[key] = extra[key];
  return { type: 'context', context };
}
