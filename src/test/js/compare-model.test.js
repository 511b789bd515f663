import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from './assets.js';

const { changesLabel, groupChanges, historyRows, levelRows, sectionOf, sideBySide, valueText } =
  await load('lib/compare-model.js');

const summary = (over) => ({
  report_generation_id: 'r1', lead_id: 'l', pipeline_run_id: 'p1', template_version_id: 'tpl@1',
  pipeline_duration_seconds: 2, raw_inputs_size_bytes: 1024, truncated: false, pdf_sha256: null, ...over,
});

describe('compare-model', () => {
  it('sideBySide marks the fields that differ', () => {
    const rows = sideBySide(summary(), summary({ report_generation_id: 'r2', template_version_id: 'tpl@2' }));
    const byLabel = Object.fromEntries(rows.map((r) => [r.label, r]));
    assert.equal(byLabel['Template version'].differs, true);
    assert.equal(byLabel['Template version'].b, 'tpl@2');
    assert.equal(byLabel['Lead id'].differs, false);
    assert.equal(byLabel['PDF SHA-256'].a, '—');
    assert.equal(byLabel['Raw inputs size'].a, '1.0 KiB');
  });

  it('sectionOf: the top-level key of a path', () => {
    assert.equal(sectionOf('$.assessment_data[id=x].payload'), 'assessment_data');
    assert.equal(sectionOf('$["odd key"].x'), 'odd key');
    assert.equal(sectionOf('$'), '(document)');
  });

  it('groupChanges: by section, counted, values as short text', () => {
    const groups = groupChanges([
      { op: 'changed', path: '$.template_version_id', a: 'tpl@1', b: 'tpl@2' },
      { op: 'added', path: '$.assessment_data[id=a3]', b: { id: 'a3' } },
      { op: 'removed', path: '$.assessment_data[id=a1]', a: { id: 'a1' } },
      { op: 'changed', path: '$.assessment_data[id=a2].payload.score', a: 1, b: 2 },
    ]);
    assert.deepEqual(groups.map((g) => g.section), ['template_version_id', 'assessment_data']);
    assert.deepEqual(groups[1].counts, { added: 1, removed: 1, changed: 1 });
    assert.deepEqual(groups[1].rows[0], { op: 'added', label: 'added', path: '$.assessment_data[id=a3]', a: '',
      b: '{"id":"a3"}' });
    assert.equal(groups[1].rows[1].b, '');
    assert.equal(valueText('x'.repeat(10), 4), '"xxx…');
    assert.deepEqual(groupChanges(undefined), []);
  });

  it('changesLabel', () => {
    assert.equal(changesLabel({ identical: true }), 'The raw inputs are identical.');
    assert.equal(changesLabel({ change_count: 1, changes: [{}] }), '1 change');
    assert.equal(changesLabel({ change_count: 5000, changes: new Array(1000), changes_truncated: true }),
      '5000 changes (the first 1000 listed)');
    assert.equal(changesLabel(null), '');
  });

  it('levelRows: both logs side by side, severe levels first', () => {
    assert.deepEqual(levelRows({ a_levels: { INFO: 2, WARN: 1 }, b_levels: { INFO: 1, ERROR: 1, '(none)': 1 } }), [
      { level: 'ERROR', a: 0, b: 1 }, { level: 'WARN', a: 1, b: 0 }, { level: 'INFO', a: 2, b: 1 },
      { level: '(none)', a: 0, b: 1 },
    ]);
  });

  it('historyRows: template changes marked against the previous (older) report', () => {
    const rows = historyRows([
      { report_generation_id: 'r3', template_version_id: 'tpl@2' },
      { report_generation_id: 'r2', template_version_id: 'tpl@1' },
      { report_generation_id: 'r1', template_version_id: 'tpl@1' },
    ]);
    assert.deepEqual(rows.map((r) => [r.item.report_generation_id, r.previous && r.previous.report_generation_id,
      r.templateChanged]), [['r3', 'r2', true], ['r2', 'r1', false], ['r1', null, false]]);
  });

  it('historyRows: a report captured late sits where its pipeline run finished', () => {
    // newest capture first, as search answers: r-old ran a month before r-new but was reconciled after it
    const rows = historyRows([
      { report_generation_id: 'r-old', template_version_id: 'tpl@1', pipeline_finished_at: '2026-10-01T09:00:00Z' },
      { report_generation_id: 'r-new', template_version_id: 'tpl@2', pipeline_finished_at: '2026-11-01T09:00:00Z' },
      { report_generation_id: 'r-mid', template_version_id: 'tpl@1', pipeline_finished_at: '2026-10-15T09:00:00.5Z' },
    ]);
    assert.deepEqual(rows.map((r) => [r.item.report_generation_id, r.previous && r.previous.report_generation_id,
      r.templateChanged]), [['r-new', 'r-mid', true], ['r-mid', 'r-old', false], ['r-old', null, false]]);
  });
});
