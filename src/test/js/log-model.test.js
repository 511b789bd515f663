import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from './assets.js';

const m = await load('lib/log-model.js');

describe('normalizeLogs', () => {
  it('reads the usual keys of structured entries', () => {
    const [a, b] = m.normalizeLogs([
      { ts: '2026-01-01T00:00:00Z', level: 'warn', msg: 'slow', step: 'x' },
      { '@timestamp': 5, severity: 'Error', message: { code: 7 } },
    ]);
    assert.deepEqual({ n: a.n, ts: a.ts, level: a.level, msg: a.msg, hay: a.hay },
      { n: 1, ts: '2026-01-01T00:00:00Z', level: 'WARN', msg: 'slow', hay: null });
    assert.deepEqual(a.raw, { ts: '2026-01-01T00:00:00Z', level: 'warn', msg: 'slow', step: 'x' });
    assert.deepEqual({ n: b.n, ts: b.ts, level: b.level, msg: b.msg }, { n: 2, ts: '5', level: 'ERROR', msg: '{"code":7}' });
  });

  it('accepts plain lines, a wrapping object, a single entry, and no logs', () => {
    assert.deepEqual(m.normalizeLogs(['one', 2]).map((e) => [e.msg, e.level, e.ts]), [['one', '', ''], ['2', '', '']]);
    assert.deepEqual(m.normalizeLogs({ entries: [{ msg: 'a' }, { msg: 'b' }] }).map((e) => e.msg), ['a', 'b']);
    assert.deepEqual(m.normalizeLogs({ lines: ['x'] }).map((e) => e.msg), ['x']);
    assert.deepEqual(m.normalizeLogs({ msg: 'alone' }).map((e) => e.msg), ['alone']);
    assert.deepEqual(m.normalizeLogs('just text').map((e) => e.msg), ['just text']);
    assert.deepEqual(m.normalizeLogs([]), []);
    assert.equal(m.normalizeLogs(null), null);
    assert.equal(m.normalizeLogs(undefined), null);
  });
});

describe('levels', () => {
  it('classes badges by severity', () => {
    assert.equal(m.levelClass('CRITICAL'), 'lv-error');
    assert.equal(m.levelClass('ERR'), 'lv-error');
    assert.equal(m.levelClass('WARNING'), 'lv-warn');
    assert.equal(m.levelClass('NOTICE'), 'lv-info');
    assert.equal(m.levelClass('TRACE'), 'lv-debug');
    assert.equal(m.levelClass('AUDIT'), 'lv-other');
    assert.equal(m.levelClass(''), 'lv-other');
  });

  it('counts levels, most severe first, unknown ones after in alphabetical order', () => {
    const entries = m.normalizeLogs(['INFO', 'ERROR', 'INFO', 'ZED', 'AUDIT', '', 'DEBUG'].map((level) => ({ level })));
    assert.deepEqual(m.levelCounts(entries), [
      { level: 'ERROR', count: 1 }, { level: 'INFO', count: 2 }, { level: 'DEBUG', count: 1 },
      { level: '', count: 1 }, { level: 'AUDIT', count: 1 }, { level: 'ZED', count: 1 },
    ]);
  });

  it('gives each level a safe element id', () => {
    assert.equal(m.levelBoxId('INFO'), 'lvl-INFO');
    assert.equal(m.levelBoxId(''), 'lvl-none');
    assert.equal(m.levelBoxId('W A/RN'), 'lvl-W_A_RN');
  });
});

describe('filterEntries', () => {
  const entries = () => m.normalizeLogs([
    { level: 'INFO', msg: 'started', lead: 'L-1' },
    { level: 'ERROR', msg: 'Cache MISS needle', lead: 'L-2' },
    { level: 'DEBUG', msg: 'details' },
    'plain NEEDLE line',
  ]);

  it('returns the same array when nothing is filtered', () => {
    const all = entries();
    assert.equal(m.filterEntries(all), all);
    assert.equal(m.filterEntries(all, { levels: null, text: '   ' }), all);
  });

  it('keeps the chosen levels', () => {
    assert.deepEqual(m.filterEntries(entries(), { levels: new Set(['ERROR', 'DEBUG']) }).map((e) => e.n), [2, 3]);
    assert.deepEqual(m.filterEntries(entries(), { levels: new Set() }), []);
  });

  it('searches the whole entry case-insensitively, and combines with levels', () => {
    assert.deepEqual(m.filterEntries(entries(), { text: ' needle ' }).map((e) => e.n), [2, 4]);
    assert.deepEqual(m.filterEntries(entries(), { text: 'l-1' }).map((e) => e.n), [1]);
    assert.deepEqual(m.filterEntries(entries(), { text: 'needle', levels: new Set(['']) }).map((e) => e.n), [4]);
  });

  it('builds each entry\'s search index once, on the first text search', () => {
    const all = entries();
    m.filterEntries(all, { levels: new Set(['INFO']) });
    assert.ok(all.every((e) => e.hay === null));
    m.filterEntries(all, { text: 'x' });
    assert.equal(all[1].hay, '{"level":"error","msg":"cache miss needle","lead":"l-2"}');
    all[1].hay = 'replaced';
    assert.deepEqual(m.filterEntries(all, { text: 'replaced' }).map((e) => e.n), [2]);
  });

  it('moves the selection with its entry, and drops it when the filter hides the entry', () => {
    const all = entries();
    const errors = m.filterEntries(all, { levels: new Set(['ERROR']) });
    assert.deepEqual(m.selectionAfterFilter(all[1], errors), { index: 0, hidden: null });
    const needles = m.filterEntries(all, { text: 'needle' });
    assert.deepEqual(m.selectionAfterFilter(all[3], needles), { index: 1, hidden: null });
    assert.deepEqual(m.selectionAfterFilter(all[0], needles), { index: -1, hidden: all[0] });
    assert.deepEqual(m.selectionAfterFilter(all[0], []), { index: -1, hidden: all[0] });
    assert.deepEqual(m.selectionAfterFilter(null, needles), { index: -1, hidden: null });
    assert.deepEqual(m.selectionAfterFilter(all[2], m.filterEntries(all)), { index: 2, hidden: null });
  });

  it('labels the count', () => {
    assert.equal(m.countLabel(20000, 20000), '20,000 entries');
    assert.equal(m.countLabel(80, 20000), 'Showing 80 of 20,000 entries');
  });
});

describe('the virtual window', () => {
  const R = 24;

  it('renders the rows on screen plus the overscan, clipped to the list', () => {
    assert.deepEqual(m.rowWindow({ scrollTop: 0, height: 480, rowHeight: R, count: 20000, overscan: 8 }),
      { first: 0, last: 28 });
    assert.deepEqual(m.rowWindow({ scrollTop: 2400, height: 480, rowHeight: R, count: 20000, overscan: 8 }),
      { first: 92, last: 128 });
    assert.deepEqual(m.rowWindow({ scrollTop: 10, height: 480, rowHeight: R, count: 5, overscan: 8 }),
      { first: 0, last: 5 });
    assert.deepEqual(m.rowWindow({ scrollTop: 24 * 19990, height: 480, rowHeight: R, count: 20000, overscan: 8 }),
      { first: 19982, last: 20000 });
  });

  it('never renders a negative number of rows after the list shrank under the scroll position', () => {
    const w = m.rowWindow({ scrollTop: 24000, height: 480, rowHeight: R, count: 3, overscan: 8 });
    assert.equal(w.last - w.first, 0);
  });

  it('scrolls as little as needed to reveal a row', () => {
    const view = { rowHeight: R, scrollTop: 240, height: 480 };
    assert.equal(m.scrollToReveal({ ...view, index: 15 }), 240); // already visible
    assert.equal(m.scrollToReveal({ ...view, index: 5 }), 120); // above: to its top
    assert.equal(m.scrollToReveal({ ...view, index: 40 }), 40 * R + R - 480); // below: to its bottom
    assert.equal(m.scrollToReveal({ ...view, index: 29 }), 240); // the last whole row on screen
    assert.equal(m.scrollToReveal({ ...view, index: 30 }), 264);
  });

  it('moves the selection with the keyboard, within the list', () => {
    const at = (key, current, count = 100) => m.keyTarget(key, { current, count, page: 19 });
    assert.equal(at('ArrowDown', -1), 0);
    assert.equal(at('ArrowDown', 99), 99);
    assert.equal(at('ArrowUp', -1), 0);
    assert.equal(at('ArrowUp', 5), 4);
    assert.equal(at('PageDown', 90), 99);
    assert.equal(at('PageUp', 10), 0);
    assert.equal(at('Home', 50), 0);
    assert.equal(at('End', 0), 99);
    assert.equal(at('End', -1, 0), -1); // nothing to select
    assert.equal(at('Enter', 3), null);
    assert.equal(at('toString', 3), null);
    assert.equal(m.pageRows(480, R), 19);
    assert.equal(m.pageRows(10, R), 1);
  });
});
