import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from './assets.js';

const s = await load('lib/session.js');

/** sessionStorage's interface over a Map. */
function storage() {
  const map = new Map();
  return {
    map,
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => map.set(k, String(v)),
    removeItem: (k) => map.delete(k),
  };
}

describe('session: CSRF cookie', () => {
  it('reads one cookie out of a Cookie header, decoded', () => {
    const cookies = 'JSESSIONID=abc; XSRF-TOKEN=a%2Bb%3D; other=1';
    assert.equal(s.readCookie(cookies, s.CSRF_COOKIE), 'a+b=');
    assert.equal(s.readCookie(cookies, 'other'), '1');
    assert.equal(s.readCookie(cookies, 'TOKEN'), '');
    assert.equal(s.readCookie('', 'x'), '');
    assert.equal(s.readCookie(undefined, 'x'), '');
  });

  it('has no token outside a browser', () => {
    assert.equal(s.csrfToken(), '');
  });
});

describe('session: the user and their roles', () => {
  it('applies the role hierarchy', () => {
    assert.deepEqual([...s.effectiveRoles(['ROLE_admin'])].sort(), ['admin', 'auditor', 'ingest', 'viewer']);
    assert.deepEqual([...s.effectiveRoles(['Auditor'])].sort(), ['auditor', 'viewer']);
    assert.deepEqual([...s.effectiveRoles(['viewer'])], ['viewer']);
    assert.deepEqual([...s.effectiveRoles(null)], []);
  });

  it('says yes, no, or "unknown, let the server decide"', () => {
    const viewer = s.userFrom({ name: 'vic', roles: ['viewer'] });
    assert.equal(s.hasRole(viewer, 'viewer'), true);
    assert.equal(s.hasRole(viewer, 'auditor'), false);
    assert.equal(s.hasRole(s.UNKNOWN_USER, 'auditor'), null);
    assert.equal(s.hasRole(null, 'auditor'), null);
  });

  it('labels the user and explains a missing role', () => {
    const viewer = s.userFrom({ name: 'vic', roles: ['viewer', 'support'] });
    assert.equal(s.whoLabel(viewer), 'vic · viewer, support');
    assert.equal(s.whoLabel(s.userFrom({ name: 'x' })), 'x');
    assert.equal(s.whoLabel(s.UNKNOWN_USER), '');
    assert.equal(s.roleReason(viewer, 'auditor', 'Downloading raw inputs', 'because they hold customer data'),
      'Downloading raw inputs needs the auditor role, because they hold customer data. You are signed in as vic'
        + ' (viewer, support). Ask your compliance lead for auditor access, or ask an auditor to look for you.');
    assert.equal(s.roleReason(s.UNKNOWN_USER, 'auditor', 'This'),
      'This needs the auditor role. Ask your compliance lead for auditor access, or ask an auditor to look for you.');
  });
});

describe('session: the deep link kept across sign-in', () => {
  it('keeps only links that lead somewhere', () => {
    const store = storage();
    for (const hash of ['', '#', '#/']) s.rememberReturn(hash, store);
    assert.equal(s.pendingReturn(store), null);
    s.rememberReturn('#/reports/1?tab=audit', store);
    assert.equal(s.pendingReturn(store), '#/reports/1?tab=audit');
    s.forgetReturn(store);
    assert.equal(s.pendingReturn(store), null);
  });

  it('tells the user which report they will see after signing in', () => {
    assert.equal(s.returnNote('#/reports/0192f7b4?tab=audit'),
      'After you sign in you will be taken to report 0192f7b4.');
    assert.equal(s.returnNote('#/search?q=1'), null);
    assert.equal(s.returnNote(null), null);
  });
});
