// Who is signed in and what they may do, from GET /api/me. The server decides every request; the panel only
// uses the roles to explain up front why a button is disabled. Pure functions, no DOM.

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
