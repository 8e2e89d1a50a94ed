// Earlier messages, a page at a time: GET /api/v1/conversations/<id>/messages?before_seq=…
// with the visitor's token (docs/widget.md "history").

export const PAGE_SIZE = 50;

/**
 * @param {string} base the backend's URL
 * @param {string} shop
 * @param {number} conversationId
 * @param {number} beforeSeq the oldest seq shown
 */
export function historyUrl(base, shop, conversationId, beforeSeq) {
  return `${base}/api/v1/conversations/${conversationId}/messages?before_seq=${beforeSeq}` +
    `&limit=${PAGE_SIZE}&shop=${encodeURIComponent(shop)}`;
}

/**
 * One page of history; throws on an HTTP error (the caller keeps its button for a retry).
 * @param {string} url
 * @param {string} token the visitor token
 * @param {typeof fetch} [get]
 * @returns {Promise<{messages: import('../common/thread.js').Message[], hasMore: boolean}>}
 */
export async function fetchHistory(url, token, get = globalThis.fetch) {
  const response = await get(url, { headers: { Authorization: `Visitor ${token}` }, credentials: 'omit' });
  if (!response.ok) throw new Error(String(response.status));
  const page = await response.json();
  return { messages: Array.isArray(page.messages) ? page.messages : [], hasMore: !!page.has_more };
}

/**
 * Keep the reader's place while rows are added above it: call before, run the result after.
 * @param {{scrollHeight: number, scrollTop: number}} list
 */
export function keepScrollPosition(list) {
  const height = list.scrollHeight;
  const top = list.scrollTop;
  return () => {
    list.scrollTop = list.scrollHeight - height + top;
  };
}
