import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from './assets.js';

const { classify, describeInvalid, isUuid } = await load('lib/ids.js');
const { searchTarget, quickSearchTarget, searchParams, filtersOf, hasFilters } = await load('lib/search-query.js');

const UUID = '0192f7b4-8c1e-7a3d-9f00-5b2a1c3d4e5f';
const SHA = 'ab'.repeat(32);

describe('the search box: which kind of id', () => {
  it('tells a UUID from a PDF SHA-256, in either case', () => {
    assert.equal(classify(UUID), 'uuid');
    assert.equal(classify(UUID.toUpperCase()), 'uuid');
    assert.equal(classify(SHA), 'sha');
    assert.equal(classify(SHA.toUpperCase()), 'sha');
    assert.equal(classify(''), 'empty');
    assert.ok(isUuid(UUID));
  });

  it('refuses anything else', () => {
    for (const q of ['not-an-id', UUID.slice(0, -1), UUID.replace(/-/g, ''), SHA + 'a', SHA.slice(1),
      UUID + ' ', 'g'.repeat(64), UUID.replace('-', '')]) {
      assert.equal(classify(q), 'invalid', q);
    }
  });

  it('explains a hex string of the wrong length by counting its digits', () => {
    assert.match(describeInvalid(UUID.slice(0, -1)), /has 31 hex digits: a UUID has 32/);
    assert.match(describeInvalid(SHA.slice(1)), /has 63 hex digits/);
  });

  it('explains anything else as not an id, cutting long input', () => {
    assert.match(describeInvalid('not-an-id'), /^"not-an-id" is not a report id, lineage id, lead id or pipeline run id/);
    assert.match(describeInvalid('z'.repeat(100)), /^"z{45}…" is not a report id/);
  });
});

describe('the search form', () => {
  it('goes to #/search with the id lower-cased and the filters kept', () => {
    assert.deepEqual(searchTarget({ q: '  ' + UUID.toUpperCase() + ' ' }), { target: '#/search?q=' + UUID });
    assert.deepEqual(searchTarget({ q: '', template: ' tpl@v1 ', from: '2026-01-01', to: '2026-01-31' }),
      { target: '#/search?template=tpl%40v1&from=2026-01-01&to=2026-01-31' });
  });

  it('refuses what cannot be searched, saying which field is wrong', () => {
    assert.deepEqual(searchTarget({ q: 'nope' }), { error: describeInvalid('nope'), field: 'q' });
    assert.deepEqual(searchTarget({ q: '  ', template: ' ' }),
      { error: 'Enter an id, or pick a template version or dates to list reports.', field: 'q' });
    assert.deepEqual(searchTarget({ q: UUID, from: '2026-02-01', to: '2026-01-01' }),
      { error: 'The "from" date is after the "to" date.', field: 'from' });
  });

  it('the top bar\'s quick search passes anything on for the search page to explain', () => {
    assert.equal(quickSearchTarget(' ABC '), '#/search?q=abc');
    assert.equal(quickSearchTarget(''), '#/search?');
  });

  it('asks the API for whole UTC days and one page', () => {
    const p = searchParams(filtersOf(new URLSearchParams('template=tpl@v1&from=2026-01-01&to=2026-01-31')),
      { lead_id: UUID, pipeline_run_id: '' });
    assert.deepEqual(Object.fromEntries(p), {
      lead_id: UUID, template_version_id: 'tpl@v1', from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z',
      limit: '50',
    });
    // `to` is exclusive: the next midnight, so a record captured at 23:59:59.9995 on the last day is included
    assert.equal(searchParams(filtersOf(new URLSearchParams('to=2028-02-28'))).get('to'), '2028-02-29T00:00:00Z');
    assert.deepEqual(Object.fromEntries(searchParams(filtersOf(new URLSearchParams()))), { limit: '50' });
    assert.equal(hasFilters(filtersOf(new URLSearchParams('to=2026-01-01'))), true);
    assert.equal(hasFilters(filtersOf(new URLSearchParams('q=1'))), false);
  });
});
