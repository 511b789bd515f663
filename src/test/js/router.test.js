import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from './assets.js';

const { compile, link, parseHash, RouteTable, Router } = await load('lib/router.js');

describe('parseHash', () => {
  it('splits path and query, and treats no hash as the start page', () => {
    const { path, query } = parseHash('#/reports/abc?tab=audit&x=1');
    assert.equal(path, '/reports/abc');
    assert.equal(query.get('tab'), 'audit');
    assert.equal(query.get('x'), '1');
    assert.equal(parseHash('').path, '/');
    assert.equal(parseHash('#').path, '/');
    assert.equal(parseHash('#?q=1').path, '/');
    assert.equal(parseHash(undefined).path, '/');
  });

  it('keeps a "?" inside the query instead of cutting there', () => {
    assert.equal(parseHash('#/search?q=a?b').query.get('q'), 'a?b');
  });
});

describe('compile and RouteTable', () => {
  const table = new RouteTable()
    .add('search', '/', 'S')
    .add('search', '/search', 'S')
    .add('report', '/reports/:id', 'R')
    .add('compare', '/compare/:a/:b', 'C');
  const match = (hash) => table.match(parseHash(hash));

  it('matches the start page only on "/"', () => {
    assert.equal(match('#/').name, 'search');
    assert.equal(match('').name, 'search');
    assert.equal(match('#/search?q=1').pattern, '/search');
    assert.equal(match('#/searchx'), null);
  });

  it('decodes parameters and allows a trailing slash', () => {
    const r = match('#/reports/a%20b/?tab=audit');
    assert.equal(r.name, 'report');
    assert.deepEqual(r.params, { id: 'a b' });
    assert.equal(r.query.get('tab'), 'audit');
    assert.equal(r.load, 'R');
    assert.deepEqual(match('#/compare/1/2').params, { a: '1', b: '2' });
  });

  it('does not match extra or missing segments', () => {
    assert.equal(match('#/reports/'), null);
    assert.equal(match('#/reports/1/2'), null);
    assert.equal(match('#/compare/1'), null);
  });

  it('keeps a malformed escape as typed instead of failing', () => {
    assert.deepEqual(match('#/reports/100%').params, { id: '100%' });
  });

  it('treats pattern text literally', () => {
    assert.ok(compile('/a.b').regex.test('/a.b'));
    assert.ok(!compile('/a.b').regex.test('/axb'));
    assert.deepEqual(compile('/x/:y/:z').keys, ['y', 'z']);
  });
});

describe('link', () => {
  it('encodes parameters and leaves out empty query values', () => {
    assert.equal(link('/reports/:id', { id: 'a/b c' }), '#/reports/a%2Fb%20c');
    assert.equal(link('/reports/:id', { id: '1' }, { tab: 'audit', x: null, y: '' }), '#/reports/1?tab=audit');
    assert.equal(link('/search', {}, { q: 'a&b' }), '#/search?q=a%26b');
  });

  it('round-trips through the route table', () => {
    const table = new RouteTable().add('report', '/reports/:id', null);
    const id = 'odd id/with?chars';
    assert.equal(table.match(parseHash(link('/reports/:id', { id }))).params.id, id);
  });

  it('refuses a missing parameter', () => {
    assert.throws(() => link('/compare/:a/:b', { a: '1' }), /needs b/);
  });
});

/** A router over a fake location; views are plain objects. */
function harness(views = {}) {
  const location = { hash: '' };
  const shown = [];
  const errors = [];
  const names = [];
  const router = new Router({
    currentHash: () => location.hash,
    go: (hash) => {
      location.hash = hash;
    },
    show: (...nodes) => shown.push(nodes),
    onView: (name) => names.push(name),
    onError: (e) => errors.push(e),
    services: { api: 'the api' },
  });
  for (const [name, [pattern, view, options]] of Object.entries(views)) {
    router.add(name, pattern, async () => view, options);
  }
  router.otherwise('unknown', async () => ({ render: (ctx) => ctx.show('not found ' + ctx.route.path) }));
  const visit = (hash) => {
    location.hash = hash;
    return router.render();
  };
  return { router, location, shown, errors, names, visit };
}

describe('Router', () => {
  it('renders the matching view with the services, the route and a live signal', async () => {
    let seen;
    const t = harness({ report: ['/reports/:id', { render: (ctx) => { seen = ctx; ctx.show('report ' + ctx.route.params.id); } }] });
    await t.visit('#/reports/42');
    assert.equal(seen.api, 'the api');
    assert.equal(seen.route.name, 'report');
    assert.ok(seen.isCurrent());
    assert.deepEqual(t.shown, [['report 42']]);
    assert.deepEqual(t.names, ['report']);
  });

  it('falls back to the not-found view', async () => {
    const t = harness({});
    await t.visit('#/nowhere');
    assert.deepEqual(t.shown, [['not found /nowhere']]);
    assert.deepEqual(t.names, ['unknown']);
  });

  it('aborts the previous view on navigation and ignores what it shows late', async () => {
    let release;
    const slow = { render: async (ctx) => {
      await new Promise((r) => { release = r; });
      ctx.show('late');
      return ctx;
    } };
    const t = harness({ slow: ['/slow', slow], fast: ['/fast', { render: (ctx) => ctx.show('fast') }] });
    const first = t.visit('#/slow');
    await new Promise((r) => setImmediate(r));
    await t.visit('#/fast');
    release();
    await first;
    assert.deepEqual(t.shown, [['fast']]);
  });

  it('hands data to the next view of that address only, once', async () => {
    const handoffs = [];
    const view = { render: (ctx) => handoffs.push(ctx.handoff) };
    const t = harness({ report: ['/reports/:id', view], search: ['/search', { render: () => {} }] });
    await t.visit('#/search');
    t.router.navigate('#/reports/1', { handoff: { summary: 'S' } });
    await t.router.render(); // the hashchange
    await t.router.render(); // again: nothing left to hand over
    assert.deepEqual(handoffs, [{ summary: 'S' }, undefined]);

    t.router.navigate('#/reports/2', { handoff: 'for 2' });
    t.location.hash = '#/reports/3'; // the user went elsewhere first
    await t.router.render();
    assert.deepEqual(handoffs.at(-1), undefined);
  });

  it('renders again when navigating to the current address', async () => {
    let renders = 0;
    const t = harness({ search: ['/search', { render: () => { renders++; } }] });
    await t.visit('#/search?q=1');
    await t.router.navigate('#/search?q=1');
    assert.equal(renders, 2);
    assert.equal(t.location.hash, '#/search?q=1');
  });

  it('runs the opened page\'s head start before any render, and hands its result over', async () => {
    const calls = [];
    const headStart = (route, services) => {
      calls.push([route.params.id, services.api]);
      return { early: true };
    };
    let handed;
    const t = harness({ report: ['/reports/:id', { render: (ctx) => { handed = ctx.handoff; } }, { headStart }] });
    t.location.hash = '#/reports/7';
    t.router.start();
    assert.deepEqual(calls, [['7', 'the api']]);
    await t.router.render();
    assert.deepEqual(handed, { early: true });
  });

  it('reports a failing view and lets it try again', async () => {
    let attempts = 0;
    const t = harness({ flaky: ['/flaky', { render: (ctx) => {
      attempts++;
      if (attempts === 1) throw new Error('boom');
      ctx.show('ok');
    } }] });
    await t.visit('#/flaky');
    assert.equal(t.errors.length, 1);
    assert.equal(t.errors[0].message, 'boom');
    await t.router.render();
    assert.deepEqual(t.shown, [['ok']]);
  });

  it('loads a view module once, but again after a failed load', async () => {
    let loads = 0;
    const location = { hash: '#/x' };
    const errors = [];
    const router = new Router({ currentHash: () => location.hash, go: () => {}, show: () => {},
      onError: (e) => errors.push(e) });
    router.add('x', '/x', async () => {
      loads++;
      if (loads === 1) throw new Error('offline');
      return { render: () => {} };
    });
    await router.render();
    await router.render();
    await router.render();
    assert.equal(loads, 2);
    assert.equal(errors.length, 1);
  });
});
