/* Loading the conversation list: the first page of a filter or search, the next pages as the
 * agent scrolls, and a merge of the first page after a reconnect. A new filter or search
 * aborts the previous list's requests. */
import { api } from './api.js';
import { childController, onEverySessionEnd } from './session.js';
import { listPath, searchTerm } from './inbox.js';
import { getState, resetList, patchList, addListed } from './store.js';

/** @type {AbortController|null} */
let current = null;
onEverySessionEnd(() => { current = null; });

/** Load a list from its first page. @param {{filter?: string, search?: string}} [by] */
export function loadList(by = {}) {
  if (current) current.abort();
  current = childController();
  resetList(by);
  return loadPage(current.signal);
}

/** @param {AbortSignal} signal */
async function loadPage(signal) {
  const s = getState();
  try {
    const data = await api('GET', listPath({ filter: s.filter, search: s.search, cursor: s.list.cursor }), undefined, signal);
    addListed(data.conversations || []);
    patchList({ cursor: data.next_cursor || null, loaded: true, loading: false, error: null });
  } catch (e) {
    patchList({ loading: false, error: /** @type {Error} */ (e).message });
  }
}

/** The next page, when there is one and none is loading. */
export function loadMore() {
  const { list } = getState();
  if (!current || !list.cursor || list.loading || list.error) return;
  patchList({ loading: true });
  loadPage(current.signal);
}

/** Retry after an error: the first page again if none came, else the next one. */
export function retryList() {
  const { list } = getState();
  if (!list.loaded || !current) {
    loadList();
    return;
  }
  patchList({ error: null });
  loadMore();
}

/** After a reconnect: merge the first page without losing the pages scrolled in. */
export async function refreshList() {
  if (!current) return;
  const s = getState();
  try {
    const data = await api('GET', listPath({ filter: s.filter, search: s.search }), undefined, current.signal);
    addListed(data.conversations || []);
    if (!getState().list.loaded) patchList({ cursor: data.next_cursor || null, loaded: true, error: null });
  } catch (e) { /* the next reconnect or scroll tries again */ }
}

/** @param {string} filter */
export function setFilter(filter) {
  loadList({ filter });
}

/** The search box's text; fewer than 2 characters shows the filter's list again. @param {string} text */
export function setSearch(text) {
  const search = searchTerm(text);
  if (search !== getState().search) loadList({ search });
}
