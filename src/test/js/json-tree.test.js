import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from './assets.js';

const { allContainerPaths, ancestorsOf, childPath, flatten, leafText, search, steps, summaryOf } =
  await load('lib/json-tree.js');

const doc = {
  schema_version: 1,
  assessment_data: [{ id: 'a1', payload: { score: 61 } }, { id: 'a2', payload: { score: 70, 'odd key': 'x' } }],
  inputs: {},
  truncation: null,
};

describe('json-tree', () => {
  it('paths: plain keys, indexes and odd keys quoted', () => {
    assert.equal(childPath('$', 'inputs', false), '$.inputs');
    assert.equal(childPath('$.a', 3, true), '$.a[3]');
    assert.equal(childPath('$', 'odd key', false), '$["odd key"]');
    assert.deepEqual(steps('$.a[3]["odd \\"key"].b'), ['a', 3, 'odd "key', 'b']);
  });

  it('flatten: only the root when nothing is expanded, children of expanded containers in order', () => {
    assert.deepEqual(flatten(doc, new Set()).map((r) => r.path), ['$']);
    const rows = flatten(doc, new Set(['$', '$.assessment_data', '$.assessment_data[1]']));
    assert.deepEqual(rows.map((r) => r.path), [
      '$', '$.schema_version', '$.assessment_data', '$.assessment_data[0]', '$.assessment_data[1]',
      '$.assessment_data[1].id', '$.assessment_data[1].payload', '$.inputs', '$.truncation',
    ]);
    const second = rows.find((r) => r.path === '$.assessment_data[1]');
    assert.equal(second.depth, 2);
    assert.equal(second.open, true);
    assert.equal(second.size, 2);
    assert.equal(rows.find((r) => r.path === '$.truncation').type, 'null');
    assert.equal(rows.find((r) => r.path === '$.schema_version').value, 1);
  });

  it('expand all reaches every node; a big document flattens to all its rows', () => {
    const all = allContainerPaths(doc);
    assert.ok(all.has('$.assessment_data[1].payload'));
    const rows = flatten(doc, all);
    assert.equal(rows.at(-1).path, '$.truncation');
    assert.equal(rows.length, 14);
    const big = { rows: Array.from({ length: 50000 }, (_, i) => ({ id: 'r' + i, v: i })) };
    const bigRows = flatten(big, allContainerPaths(big));
    assert.equal(bigRows.length, 1 + 1 + 50000 * 3);
    assert.equal(bigRows.at(-1).path, '$.rows[49999].v');
  });

  it('search: keys and leaf values, case-insensitive, in document order, capped', () => {
    assert.deepEqual(search(doc, 'SCORE').matches, ['$.assessment_data[0].payload.score',
      '$.assessment_data[1].payload.score']);
    assert.deepEqual(search(doc, 'a2').matches, ['$.assessment_data[1].id']);
    assert.deepEqual(search(doc, '70').matches, ['$.assessment_data[1].payload.score']);
    assert.deepEqual(search(doc, '  ').matches, []);
    const capped = search(doc, 'a', 2);
    assert.equal(capped.matches.length, 2);
    assert.equal(capped.more, true);
  });

  it('ancestorsOf: what to expand to show a node', () => {
    assert.deepEqual(ancestorsOf('$.assessment_data[1].payload["odd key"]', doc),
      ['$', '$.assessment_data', '$.assessment_data[1]', '$.assessment_data[1].payload']);
    assert.deepEqual(ancestorsOf('$', doc), []);
  });

  it('summaries and leaves', () => {
    assert.equal(summaryOf([1]), '[1 item]');
    assert.equal(summaryOf({ a: 1, b: 2 }), '{2 keys}');
    assert.equal(leafText('x'), '"x"');
    assert.equal(leafText('y'.repeat(10), 5), '"yyyy…');
  });
});
