// ui/ and views/ code that needs a DOM, on the small fake of fake-dom.js: the purpose dialog's lifetime and
// the "Find by PDF" result (no stray "null" text), stored ids with invisible characters shown as markers.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { load } from './assets.js';
import { installFakeDom } from './fake-dom.js';

let document = installFakeDom();
const { replaceAll, h } = await load('ui/dom.js');
const { askPurpose, withPurpose } = await load('ui/purpose-dialog.js');
const { ApiError } = await load('lib/api.js');
const { errorNotice } = await load('ui/widgets.js');
const { lookUp } = await load('views/find-pdf.js');
const searchView = await load('views/search.js');
const templatesView = await load('views/templates.js');

const dialogs = () => document.querySelectorAll('dialog');
const textNodes = (el) => [...el.descendants()].filter((n) => n.nodeType === 3).map((n) => n.textContent);

beforeEach(() => {
  document = installFakeDom();
});

describe('replaceAll', () => {
  it('skips null and false as h() does, where replaceChildren writes "null"', () => {
    const el = h('div');
    replaceAll(el, h('p', { text: 'one' }), null, false, 'two');
    assert.deepEqual(textNodes(el), ['one', 'two']);
    el.replaceChildren(null);
    assert.deepEqual(textNodes(el), ['null'], 'the fake behaves like the DOM');
  });
});

describe('purpose dialog', () => {
  it('resolves null and leaves the document when the view that asked goes away', async () => {
    const view = new AbortController();
    const answer = askPurpose('the raw inputs of report R2', { signal: view.signal });
    assert.equal(dialogs().length, 1);
    assert.ok(dialogs()[0].open);
    view.abort(); // a hash navigation
    assert.equal(await answer, null);
    assert.equal(dialogs().length, 0, 'no stale dialog wired to the previous view');
  });

  it('is not opened for a view already gone', async () => {
    const view = new AbortController();
    view.abort();
    assert.equal(await askPurpose('x', { signal: view.signal }), null);
    assert.equal(dialogs().length, 0);
  });

  it('a second dialog replaces one still open: one id in the document, the first answered null', async () => {
    const first = askPurpose('the raw inputs of report R2');
    const second = askPurpose('the raw-input diff of these two reports');
    assert.equal(await first, null);
    assert.equal(dialogs().length, 1);
    const input = document.getElementById('purpose-input');
    input.value = 'SUP-9 why';
    const form = dialogs()[0].childNodes[0];
    form.dispatchEvent(new Event('submit'));
    assert.equal(await second, 'SUP-9 why');
    assert.equal(dialogs().length, 0);
  });

  it('a stated purpose still answers, and a later navigation does nothing more', async () => {
    const view = new AbortController();
    const answer = askPurpose('x', { signal: view.signal });
    document.getElementById('purpose-input').value = 'SUP-1 check';
    dialogs()[0].childNodes[0].dispatchEvent(new Event('submit'));
    assert.equal(await answer, 'SUP-1 check');
    view.abort();
    assert.equal(dialogs().length, 0);
  });
});

describe('errorNotice', () => {
  const items = (el) => [...el.descendants()].filter((n) => n.tagName === 'LI');

  it('says a 400 once when its detail already is its one field error', () => {
    const e = new ApiError(400, 'Invalid parameter', 'b: must name another report than a',
      [{ field: 'b', message: 'must name another report than a' }]);
    const el = errorNotice(e, 'Compare');
    assert.equal(items(el).length, 0);
    assert.equal(textNodes(el).filter((t) => t.includes('must name another report')).length, 1);
  });

  it('lists field errors the detail does not already say', () => {
    const e = new ApiError(400, 'Invalid parameters', '2 parameters are invalid',
      [{ field: 'a', message: 'must be a UUID' }, { field: 'b', message: 'must be a UUID' }]);
    assert.equal(items(errorNotice(e, 'Compare')).length, 2);
  });
});

describe('reading with a purpose', () => {
  const state = (text) => {
    document.getElementById('purpose-input').value = text;
    dialogs()[0].childNodes[0].dispatchEvent(new Event('submit'));
  };
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('asks again with the server\'s reason when the server refuses the purpose, and remembers only an accepted one',
    async () => {
      const sent = [];
      const request = async (headers) => {
        sent.push(headers['X-Access-Purpose']);
        if (sent.length === 1) {
          throw new ApiError(400, 'Invalid parameter', 'X-Access-Purpose: …',
            [{ field: 'X-Access-Purpose', message: 'must not contain invisible format characters (U+2066 at position 4)' }]);
        }
        return { doc: true };
      };
      const answer = withPurpose('the raw inputs of report R2', {}, request);
      state('SUP-7 first try');
      await tick();
      assert.equal(dialogs().length, 1, 'asked again instead of failing');
      assert.equal(document.getElementById('purpose-input').value, 'SUP-7 first try', 'the refused text to correct');
      assert.match(document.getElementById('purpose-error').textContent, /Not accepted: .*U\+2066/);
      assert.equal(sessionStorage.getItem('lineage.accessPurpose'), null, 'a refused purpose is not offered again');
      state('SUP-7 second try');
      assert.deepEqual(await answer, { value: { doc: true } });
      assert.deepEqual(sent, ['SUP-7 first try', 'SUP-7 second try']);
      assert.equal(sessionStorage.getItem('lineage.accessPurpose'), 'SUP-7 second try');
    });

  it('passes any other failure on, and answers null when the user cancels', async () => {
    const failing = withPurpose('x', {}, async () => {
      throw new ApiError(503, 'Unavailable', 'later');
    });
    state('SUP-8 check');
    await assert.rejects(failing, (e) => e.status === 503);
    const cancelled = withPurpose('x', {}, async () => assert.fail('nothing is sent without a purpose'));
    dialogs()[0].dispatchEvent(new Event('cancel'));
    assert.equal(await cancelled, null);
  });
});

describe('find by PDF', () => {
  const file = { name: 'report.pdf' };
  const ctx = (api) => ({ api, isCurrent: () => true, navigate: () => assert.fail('one match navigates') });
  const item = (id) => ({ report_generation_id: id, created_at: '2026-01-01T00:00:00Z' });

  for (const [what, api] of [
    ['several reports', async () => ({ items: [item('r1'), item('r2')] })],
    ['no report', async () => ({ items: [] })],
    ['a failed lookup', async () => {
      throw Object.assign(new Error('down'), { status: 503 });
    }],
  ]) {
    it('shows ' + what + ' for a real PDF without a stray "null"', async () => {
      const status = h('div');
      await lookUp(ctx(api), file, { sha256: 'ab'.repeat(32), pdf: true }, status);
      assert.ok(textNodes(status).length > 0);
      assert.ok(!textNodes(status).includes('null'), textNodes(status).join('|'));
    });
  }

  it('still says when the file is not a PDF', async () => {
    const status = h('div');
    await lookUp(ctx(async () => ({ items: [] })), { name: 'notes.txt' }, { sha256: 'cd'.repeat(32), pdf: false },
      status);
    assert.ok(textNodes(status).some((t) => t.includes('notes.txt is not a PDF')), textNodes(status).join('|'));
  });
});

describe('the search page with a lineage id', () => {
  const lineage = '0192f7b4-8c1e-7a3d-9f00-5b2a1c3d4e5f';
  const report = '5d1f7a2c-9e8b-4c3d-a1f0-6b2e9c8d7a11';

  it('tries it as a report, lead and run id, then opens the report of the record it names', async () => {
    const asked = [];
    const navigations = [];
    const main = h('main');
    const api = async (path) => {
      asked.push(path);
      if (path === '/api/lineage/' + lineage) throw Object.assign(new Error('no report'), { status: 404 });
      const query = new URLSearchParams(path.split('?')[1]);
      return { items: query.get('lineage_id') === lineage ? [{ lineage_id: lineage, report_generation_id: report }]
        : [] };
    };
    await searchView.render({ route: { pattern: '/search', query: new URLSearchParams({ q: lineage }) }, api,
      show: (...nodes) => replaceAll(main, ...nodes), isCurrent: () => true, retry: () => {},
      navigate: (target, options) => navigations.push({ target, options }) });
    assert.deepEqual(asked.map((p) => p.split('?')[0] + ' ' + [...new URLSearchParams(p.split('?')[1] || '').keys()]
      .filter((k) => k !== 'limit').join()), [
      '/api/lineage/' + lineage + ' ', '/api/lineage/search lead_id', '/api/lineage/search pipeline_run_id',
      '/api/lineage/search lineage_id']);
    assert.equal(navigations.length, 1);
    assert.equal(navigations[0].target, '#/reports/' + report);
    assert.equal(navigations[0].options.replace, true);
    assert.equal(navigations[0].options.handoff.summary, undefined,
      'the report page reads the summary itself: a lookup, counted and audited as one');
    assert.match(navigations[0].options.handoff.flash, /lineage id/);
  });

  it('says nothing was found when no record has it either', async () => {
    const main = h('main');
    const api = async (path) => {
      if (!path.includes('?')) throw Object.assign(new Error('no report'), { status: 404 });
      return { items: [] };
    };
    await searchView.render({ route: { pattern: '/search', query: new URLSearchParams({ q: lineage }) }, api,
      show: (...nodes) => replaceAll(main, ...nodes), isCurrent: () => true, retry: () => {},
      navigate: () => assert.fail('nothing to open') });
    assert.match(main.textContent, /Nothing found for/);
    assert.match(main.textContent, /lineage record/);
  });
});

describe('stored ids with invisible characters', () => {
  const spoofed = 'v1\u202egnp.exe'; // reads "v1exe.png" where the override is not shown
  const shown = 'v1⟨U+202E⟩gnp.exe';
  const byClass = (root, cls) => [...root.descendants()].filter((n) => (n.className || '').split(' ').includes(cls));
  const viewCtx = (route, api) => {
    const main = h('main');
    document.body.append(main);
    return { main, ctx: { route, api, show: (...nodes) => replaceAll(main, ...nodes), isCurrent: () => true,
      navigate: () => assert.fail('no navigation'), retry: () => {} } };
  };

  it('a search row shows the marker, with a title saying why; ordinary ids are left alone', async () => {
    const lead = '0b6f1c8e-3f55-4d0e-9a51-2b8c4a1e7d10';
    const item = { report_generation_id: '5d1f7a2c-9e8b-4c3d-a1f0-6b2e9c8d7a11', lead_id: lead,
      pipeline_run_id: 'run\u200b-7', template_version_id: spoofed, created_at: '2026-01-01T00:00:00Z' };
    const { main, ctx } = viewCtx({ pattern: '/search', query: new URLSearchParams({ q: lead }) }, async (path) => {
      if (path.startsWith('/api/lineage/search?')) return { items: [item] };
      throw Object.assign(new Error('not a report id'), { status: 404 });
    });
    await searchView.render(ctx);
    const [template] = byClass(main, 'template');
    assert.equal(template.textContent, shown);
    assert.ok(template.className.includes('has-invisible'));
    assert.match(template.getAttribute('title'), /invisible characters, shown as ⟨U\+…⟩/);
    const [leadCell, runCell] = byClass(main, 'id');
    assert.equal(leadCell.textContent, lead);
    assert.equal(leadCell.getAttribute('title'), lead, 'an ordinary id keeps its plain title');
    assert.ok(!leadCell.className.includes('has-invisible'));
    assert.equal(runCell.textContent, 'run⟨U+200B⟩-7');
    assert.equal(runCell.getAttribute('title').split('\n')[0], 'run⟨U+200B⟩-7', 'the hover text is not spoofed either');
  });

  it('a template link shows the marker but searches for the stored value', async () => {
    const { main, ctx } = viewCtx({ pattern: '/templates', query: new URLSearchParams() }, async () => ({
      templates: [{ template_version_id: spoofed, report_count: 3 }] }));
    await templatesView.render(ctx);
    const [a] = byClass(main, 'template-link');
    assert.equal(a.textContent, shown);
    const query = new URLSearchParams(a.getAttribute('href').split('?')[1]);
    assert.equal(query.get('template'), spoofed);
  });
});
