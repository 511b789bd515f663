// The deep link a signed-out user opened, kept across the trip to the sign-in page (sessionStorage, so it
// is per tab and gone when the tab closes). Shared by the panel and the sign-in page.
import { parseHash, RouteTable } from './router.js';

export const RETURN_KEY = 'lineage.returnHash';

/** Whether `hash` points somewhere worth returning to ("#/" and "#" are the start page). */
export function isDeepLink(hash) {
  return Boolean(hash) && hash.length > 2 && hash !== '#/';
}

export function rememberReturn(hash, storage) {
  if (isDeepLink(hash)) storage.setItem(RETURN_KEY, hash);
}

export function pendingReturn(storage) {
  return storage.getItem(RETURN_KEY);
}

export function forgetReturn(storage) {
  storage.removeItem(RETURN_KEY);
}

const reportLink = new RouteTable().add('report', '/reports/:id', null);

/** The sentence the sign-in page shows about where the user goes next, or null when there is nothing to say. */
export function returnNote(hash) {
  if (!hash) return null;
  const route = reportLink.match(parseHash(hash));
  return route ? 'After you sign in you will be taken to report ' + route.params.id + '.' : null;
}
