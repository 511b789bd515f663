import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from './assets.js';

const { accessCountPath, coalesced, countsOf } = await load('lib/access-count.js');

const LINEAGE = '0192f7b4-8c1e-7a3d-9f00-5b2a1c3d4e5f';

describe('the report page\'s access count', () => {
  it('is read with a search by lineage id, one record at most (a search is not counted as an access)', () => {
    const [path, query] = accessCountPath(LINEAGE).split('?');
    assert.equal(path, '/api/lineage/search');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(query)), { lineage_id: LINEAGE, limit: '1' });
  });

  it('takes the count and last access of that record only', () => {
    const item = { lineage_id: LINEAGE, access_count: 7, last_accessed_at: '2026-11-27T16:00:00Z', lead_id: 'x' };
    assert.deepEqual(countsOf({ items: [item] }, LINEAGE), { access_count: 7, last_accessed_at: item.last_accessed_at });
    assert.equal(countsOf({ items: [{ ...item, lineage_id: 'other' }] }, LINEAGE), null);
    assert.equal(countsOf({ items: [] }, LINEAGE), null, 'a purged record: the count shown stays');
    assert.equal(countsOf(null, LINEAGE), null);
  });
});

describe('coalesced', () => {
  const deferred = () => {
    let resolve;
    const promise = new Promise((r) => {
      resolve = r;
    });
    return { promise, resolve };
  };

  it('runs one at a time, and once more after a run when asked during it, however often', async () => {
    const gates = [];
    let runs = 0;
    const refresh = coalesced(() => {
      runs++;
      const gate = deferred();
      gates.push(gate);
      return gate.promise;
    });
    const first = refresh();
    refresh();
    refresh();
    assert.equal(runs, 1, 'no second read while one is in flight');
    gates[0].resolve();
    await new Promise((r) => setTimeout(r, 0));
    assert.equal(runs, 2, 'the calls during the first run asked for one more, not two');
    gates[1].resolve();
    await first;
    assert.equal(runs, 2);
    const later = refresh();
    assert.equal(runs, 3, 'a call after the runs ended starts a new one');
    gates[2].resolve();
    await later;
  });

  it('is free again after a run that failed', async () => {
    let runs = 0;
    const refresh = coalesced(async () => {
      runs++;
      if (runs === 1) throw new Error('down');
    });
    await assert.rejects(refresh(), /down/);
    await refresh();
    assert.equal(runs, 2);
  });
});
