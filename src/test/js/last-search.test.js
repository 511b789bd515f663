import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from './assets.js';

const { rememberSearch, searchHref } = await load('lib/last-search.js');

describe('last-search', () => {
  it('leads "Search" back to the last list of results, and to the form before any', () => {
    assert.equal(searchHref(), '#/');
    rememberSearch('#/reports/0192f7b4-8c1e-7a3d-9f00-5b2a1c3d4e5f');
    assert.equal(searchHref(), '#/', 'a report page is no list of results');
    rememberSearch('#/search?template=tpl%403.2&from=2026-11-01');
    assert.equal(searchHref(), '#/search?template=tpl%403.2&from=2026-11-01');
    rememberSearch('#/');
    assert.equal(searchHref(), '#/search?template=tpl%403.2&from=2026-11-01', 'the empty form replaces nothing');
  });
});
