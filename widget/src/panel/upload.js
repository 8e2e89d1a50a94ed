// Sending an image's bytes: POST /api/v1/uploads?shop=… with the visitor's token; the upload's
// id then goes in a message frame (outbox.js). The limits are checked before (common/uploads.js).

/**
 * @typedef {{id: string, url: string, width?: number, height?: number}} Upload
 */

/**
 * @param {{base: string, shop: string, token: string, file: Blob}} what
 * @param {typeof fetch} [get]
 * @returns {Promise<Upload>} rejects with the server's message (or the HTTP status)
 */
export async function uploadImage({ base, shop, token, file }, get = globalThis.fetch) {
  const response = await get(`${base}/api/v1/uploads?shop=${encodeURIComponent(shop)}`, {
    method: 'POST', body: file, credentials: 'omit',
    headers: { Authorization: `Visitor ${token}`, 'Content-Type': file.type },
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error ? answer.error.message : String(response.status));
  return answer.upload;
}
