/* The console's view toolkit: htm bound to Preact's h (templates, not strings: every
 * interpolated value is a text node or a property, never parsed as HTML), and useStore(). */
import { h } from '../vendor/preact.module.js';
import { useEffect, useState } from '../vendor/hooks.module.js';
import htm from '../vendor/htm.module.js';
import { getState, subscribe } from './store.js';

export const html = htm.bind(h);

/** The store's state; the calling component re-renders whenever it changes. */
export function useStore() {
  const [, setVersion] = useState(0);
  useEffect(() => subscribe(() => setVersion((v) => v + 1)), []);
  return getState();
}
