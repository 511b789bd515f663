// The signed-in session as the browser sees it: the CSRF token, who is signed in and what they may do, and
// the deep link a signed-out user opened. Shared by the panel (app.js) and the sign-in page (login.js).
// No DOM beyond reading document.cookie; storage is passed in.
import { parseHash, RouteTable } from './router.js';

// ---- CSRF token. Spring Security keeps it in the XSRF-TOKEN cookie (readable by scripts on purpose) and
// expects it back in a header (lib/api.js sends it) or in the _csrf field of a form.

export const CSRF_COOKIE = 'XSRF-TOKEN';

/** The value of cookie `name` in a Cookie header string such as document.cookie; '' when absent. */
export function readCookie(cookies, name) {
  const prefix = name + '=';
  for (const part of String(cookies || '').split(';')) {
    const p = part.trim();
    if (p.startsWith(prefix)) return decodeURIComponent(p.slice(prefix.length));
  }
  return '';
}

/** The current CSRF token. Read it when sending: the server renews the cookie. */
export function csrfToken() {
  return readCookie(globalThis.document ? document.cookie : '', CSRF_COOKIE);
}

// ---- Who is signed in, from GET /api/me. The server decides every request; the panel only uses the roles
// to explain up front why a button is disabled.

/** Before /api/me answered, or when it could not be read: roles unknown, so let the server decide. */
export const UNKNOWN_USER = Object.freeze({ name: null, roles: null, declared: [] });

/** The roles a user has, with the server's hierarchy applied: admin > auditor > viewer, admin > ingest. */
export function effectiveRoles(roles) {
  const set = new Set((roles || []).map((r) => String(r).toLowerCase().replace(/^role_/, '')));
  if (set.has('admin')) ['auditor', 'viewer', 'ingest'].forEach((r) => set.add(r));
  if (set.has('auditor')) set.add('viewer');
  return set;
}

/** The signed-in user from the body of GET /api/me. */
export function userFrom(me) {
  return { name: me.name, roles: effectiveRoles(me.roles), declared: me.roles || [] };
}

/** true or false when the roles are known, null when they are not. */
export function hasRole(user, role) {
  if (!user || !user.roles) return null;
  return user.roles.has(role);
}

/** The top bar's "name · role, role". */
export function whoLabel(user) {
  if (!user.name) return '';
  return user.name + (user.declared.length ? ' · ' + user.declared.join(', ') : '');
}

/** Why something is not available to `user`, and whom to ask. */
export function roleReason(user, role, what, why) {
  const who = user && user.name ? 'You are signed in as ' + user.name
    + (user.declared.length ? ' (' + user.declared.join(', ') + ')' : '') + '. ' : '';
  return what + ' needs the ' + role + ' role' + (why ? ', ' + why : '') + '. ' + who
    + 'Ask your compliance lead for ' + role + ' access, or ask an ' + role + ' to look for you.';
}

// ---- The deep link a signed-out user opened, kept across the trip to the sign-in page (sessionStorage: per
// tab, gone when the tab closes).

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
