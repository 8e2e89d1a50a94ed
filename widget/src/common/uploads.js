// What an image upload may be: the same limits the server enforces (services/uploads.py),
// checked first in the browser so a shopper or agent learns it before a byte is sent.

/** @type {readonly string[]} */
export const IMAGE_TYPES = Object.freeze(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/**
 * Why this file cannot be sent as an image, or null when it can.
 * @param {{type: string, size: number}} file
 * @returns {null|'type'|'size'}
 */
export function imageProblem(file) {
  if (!IMAGE_TYPES.includes(file.type)) return 'type';
  if (file.size > MAX_IMAGE_BYTES) return 'size';
  return null;
}
