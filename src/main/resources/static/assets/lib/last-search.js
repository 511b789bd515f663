// The list of reports the user last searched for, so that "Search" in a page's breadcrumbs leads back to those
// results rather than to an empty form. Held in memory only: a reload, or another person signing in, starts over.

let last = null;

/** Remembers a search route that showed a list (`#/search?...`); anything else is ignored. */
export function rememberSearch(hash) {
  if (typeof hash === 'string' && hash.startsWith('#/search?')) last = hash;
}

/** Where "Search" in the breadcrumbs goes: the last list of results, else the search form. */
export function searchHref() {
  return last || '#/';
}
