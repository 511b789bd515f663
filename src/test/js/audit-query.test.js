import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from './assets.js';

const { auditFiltersOf, auditParams, auditTarget, exportFileName, EXPORTS, isDay, whenOf, whoText } = await load('lib/audit-query.js');

const UUID = '0192f7b4-8c1e-7a3d-9f00-5b2a1c3d4e5f';

describe('the Audit page: address and API query', () => {
  it('reads every filter from a deep link, empty when unset', () => {
    const filters = auditFiltersOf(new URLSearchParams('user_id=test-crm&outcome=denied&from=2026-03-01'));
    assert.deepEqual(filters, {
      user_id: 'test-crm', on_behalf_of: '', action: '', outcome: 'denied', lineage_id: '', from: '2026-03-01', to: '',
    });
  });

  it('asks the API for whole UTC days, the "to" day included', () => {
    const p = auditParams({ user_id: 'jane', action: 'download', outcome: '', lineage_id: UUID,
      from: '2026-03-01', to: '2026-03-31' });
    assert.equal(p.get('user_id'), 'jane');
    assert.equal(p.get('action'), 'download');
    assert.equal(p.get('lineage_id'), UUID);
    assert.equal(p.get('from'), '2026-03-01T00:00:00Z');
    assert.equal(p.get('to'), '2026-04-01T00:00:00Z');
    assert.equal(p.get('limit'), '50');
    assert.equal(p.has('outcome'), false);
  });

  it('finds what a person did through another system by on_behalf_of, in the page, export and deep link', () => {
    const filters = auditFiltersOf(new URLSearchParams('on_behalf_of=alice%40crm&action=pdf_view'));
    assert.equal(filters.on_behalf_of, 'alice@crm');
    assert.equal(auditParams(filters).get('on_behalf_of'), 'alice@crm');
    assert.equal(auditParams(filters, { page: false }).get('on_behalf_of'), 'alice@crm');
    assert.equal(auditParams({ user_id: 'crm' }).has('on_behalf_of'), false);
    assert.deepEqual(auditTarget({ user_id: 'crm', on_behalf_of: ' alice@crm ', action: 'pdf_view' }),
      { target: '#/audit?user_id=crm&on_behalf_of=alice%40crm&action=pdf_view' });
  });

  it('crosses a year end and a leap day', () => {
    assert.equal(auditParams({ to: '2026-12-31' }).get('to'), '2027-01-01T00:00:00Z');
    assert.equal(auditParams({ to: '2028-02-28' }).get('to'), '2028-02-29T00:00:00Z');
  });

  it('leaves the page size out of an export', () => {
    const p = auditParams({ from: '2026-03-01' }, { page: false });
    assert.equal(p.has('limit'), false);
    assert.equal(p.get('from'), '2026-03-01T00:00:00Z');
    assert.equal(EXPORTS.csv.accept, 'text/csv');
    assert.equal(EXPORTS.ndjson.accept, 'application/x-ndjson');
  });

  it('builds the deep link of a filled form, encoded, without empty filters', () => {
    assert.deepEqual(auditTarget({ user_id: ' jane doe ', action: 'pdf_view', outcome: 'ok', lineage_id: '',
      from: '2026-03-01', to: '' }), { target: '#/audit?user_id=jane+doe&action=pdf_view&outcome=ok&from=2026-03-01' });
    assert.deepEqual(auditTarget({}), { target: '#/audit' });
    assert.deepEqual(auditTarget({ lineage_id: UUID.toUpperCase() }), { target: '#/audit?lineage_id=' + UUID });
  });

  it('names the field to fix', () => {
    assert.equal(auditTarget({ lineage_id: 'nope' }).field, 'lineage_id');
    assert.equal(auditTarget({ action: 'Drop Table' }).field, 'action');
    assert.equal(auditTarget({ outcome: 'maybe' }).field, 'outcome');
    const dates = auditTarget({ from: '2026-03-02', to: '2026-03-01' });
    assert.equal(dates.field, 'from');
    assert.match(dates.error, /after/);
  });

  it('refuses a deep link date that is not a day, naming the field and keeping the value as given', () => {
    const filters = auditFiltersOf(new URLSearchParams('from=not-a-date&user_id=jane'));
    assert.equal(filters.from, 'not-a-date', 'kept as given, for the form to show');
    const refused = auditTarget(filters);
    assert.equal(refused.field, 'from');
    assert.equal(refused.target, undefined, 'nothing to search with the filter dropped');
    assert.match(refused.error, /"from" date "not-a-date" is not a date/);
    assert.match(refused.error, /yyyy-mm-dd/);
    assert.equal(auditTarget({ from: '2026-03-01', to: '2026-02-30' }).field, 'to');
    assert.equal(auditTarget({ to: '2026-3-1' }).field, 'to');
    assert.deepEqual(auditTarget({ from: '2028-02-29' }), { target: '#/audit?from=2028-02-29' });
  });

  it('knows a day when it sees one', () => {
    assert.equal(isDay('2026-03-01'), true);
    assert.equal(isDay('2028-02-29'), true);
    for (const text of ['not-a-date', '2026-02-29', '2026-13-01', '2026-3-1', '2026-03-01T00:00:00Z', '', ' 2026-03-01']) {
      assert.equal(isDay(text), false, text);
    }
  });

  it('names an export file after its period', () => {
    assert.equal(exportFileName({ from: '2026-03-01', to: '2026-03-31' }, 'csv'), 'audit-2026-03-01_to_2026-03-31.csv');
    assert.equal(exportFileName({}, 'ndjson'), 'audit.ndjson');
  });
});

describe('who an audit row names', () => {
  it('is the user, or the source system and the person it acted for', () => {
    assert.equal(whoText({ user_id: 'test-auditor' }), 'test-auditor');
    assert.equal(whoText({ user_id: 'crm', on_behalf_of: 'jane@crm.example' }), 'crm for jane@crm.example');
  });

  it('dates an access another system reported by when it happened, not when it was recorded here', () => {
    assert.deepEqual(whenOf({ accessed_at: '2026-11-27T00:49:31Z' }), { at: '2026-11-27T00:49:31Z', recorded: null });
    assert.deepEqual(whenOf({ accessed_at: '2026-11-27T00:49:31Z', occurred_at: '2026-10-01T09:00:00Z' }),
      { at: '2026-10-01T09:00:00Z', recorded: '2026-11-27T00:49:31Z' });
    assert.equal(whoText({}), '—');
  });
});
