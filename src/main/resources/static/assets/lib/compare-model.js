// GET /api/lineage/compare's answer as what the compare page shows: the side-by-side fields (which differ),
// the input changes grouped by section with their values as short text, the logs' level counts side by side.
import { fmtBytes, fmtDuration } from './format.js';

/** [{ label, a, b, differs }] for the summary fields shown side by side. */
export function sideBySide(a, b) {
  const fields = [
    ['Report id', (s) => s.report_generation_id],
    ['Lead id', (s) => s.lead_id],
    ['Pipeline run id', (s) => s.pipeline_run_id],
    ['Template version', (s) => s.template_version_id],
    ['Pipeline started', (s) => s.pipeline_started_at],
    ['Pipeline finished', (s) => s.pipeline_finished_at],
    ['Duration', (s) => fmtDuration(s.pipeline_duration_seconds)],
    ['Raw inputs size', (s) => fmtBytes(s.raw_inputs_size_bytes)],
    ['Compressed', (s) => fmtBytes(s.raw_inputs_compressed_bytes)],
    ['Raw inputs SHA-256', (s) => s.raw_inputs_sha256],
    ['PDF SHA-256', (s) => s.pdf_sha256],
    ['Truncated', (s) => (s.truncated ? 'yes' : 'no')],
    ['Captured', (s) => s.created_at],
  ];
  return fields.map(([label, get]) => {
    const x = get(a) ?? '—';
    const y = get(b) ?? '—';
    return { label, a: String(x), b: String(y), differs: x !== y };
  });
}

/** The top-level section of a change's path: "$.assessment_data[id=…].payload" → "assessment_data". */
export function sectionOf(path) {
  const m = /^\$(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[("(?:[^"\\]|\\.)*")\])/.exec(path);
  if (!m) return '(document)';
  return m[1] !== undefined ? m[1] : JSON.parse(m[2]);
}

/** A value as one short line. */
export function valueText(value, max = 200) {
  if (value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > max ? text.slice(0, max) + '…' : text;
}

const OP_LABEL = { added: 'added', removed: 'removed', changed: 'changed' };

/**
 * The input changes grouped by section, sections in order of first appearance:
 * [{ section, counts: { added, removed, changed }, rows: [{ op, label, path, a, b }] }].
 */
export function groupChanges(changes) {
  const groups = new Map();
  for (const c of changes || []) {
    const section = sectionOf(c.path);
    if (!groups.has(section)) groups.set(section, { section, counts: { added: 0, removed: 0, changed: 0 }, rows: [] });
    const g = groups.get(section);
    g.counts[c.op] = (g.counts[c.op] || 0) + 1;
    g.rows.push({ op: c.op, label: OP_LABEL[c.op] || c.op, path: c.path,
      a: c.op === 'added' ? '' : valueText(c.a), b: c.op === 'removed' ? '' : valueText(c.b) });
  }
  return [...groups.values()];
}

/** "3 changes (1 added, 2 changed)", or a note when the list was cut. */
export function changesLabel(inputs) {
  if (!inputs) return '';
  if (inputs.identical) return 'The raw inputs are identical.';
  const listed = (inputs.changes || []).length;
  const total = inputs.change_count;
  const base = total + (total === 1 ? ' change' : ' changes');
  return inputs.changes_truncated ? base + ' (the first ' + listed + ' listed)' : base;
}

/** [{ level, a, b }] of both logs' level counts, levels in a stable order. */
export function levelRows(logs) {
  const order = ['ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE'];
  const levels = new Set([...Object.keys(logs.a_levels || {}), ...Object.keys(logs.b_levels || {})]);
  return [...levels]
    .sort((x, y) => (order.indexOf(x) + 1 || 99) - (order.indexOf(y) + 1 || 99) || x.localeCompare(y))
    .map((level) => ({ level, a: (logs.a_levels || {})[level] || 0, b: (logs.b_levels || {})[level] || 0 }));
}

/**
 * The lead history's rows, newest pipeline run first, with where the template changed and the previous report.
 * `items` are search results (newest capture first); a report captured late (by the reconciler, after an outage)
 * is placed by when its pipeline finished, not by when it was captured, so "template changed" and "compare with
 * previous" follow the runs as they happened. Items without a finish time keep their order.
 */
export function historyRows(items) {
  const finished = (item) => Date.parse(item.pipeline_finished_at);
  const newestFirst = items.map((item, index) => ({ item, index })).sort((x, y) => {
    const a = finished(x.item);
    const b = finished(y.item);
    return (Number.isFinite(a) && Number.isFinite(b) && a !== b ? b - a : 0) || x.index - y.index;
  }).map((x) => x.item);
  const oldestFirst = newestFirst.reverse();
  const rows = oldestFirst.map((item, i) => {
    const previous = i > 0 ? oldestFirst[i - 1] : null;
    return { item, previous, templateChanged: previous != null && previous.template_version_id !== item.template_version_id };
  });
  return rows.reverse();
}
