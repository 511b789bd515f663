// The search page's address and its API queries. Pure functions, no DOM.
import { PAGE_SIZE } from './api.js';
import { nextDay } from './format.js';
import { classify, describeInvalid } from './ids.js';

/** The filters of a #/search address: { template, from, to } (dates as yyyy-mm-dd, '' when unset). */
export function filtersOf(query) {
  return {
    template: query.get('template') || '',
    from: query.get('from') || '',
    to: query.get('to') || '',
  };
}

export function hasFilters(filters) {
  return Boolean(filters.template || filters.from || filters.to);
}

/**
 * What a UUID that is no report id is tried as next, in this order: `param` is the search filter; a lead id and a
 * pipeline run id list their reports, a lineage id (the record's own id, which audit rows, OpenLineage events
 * and logs name) `opens` its one report. The lineage id comes last: lead and run ids are what people paste most,
 * and each try is an audited search.
 */
export const UUID_KINDS = [
  { kind: 'lead id', param: 'lead_id' },
  { kind: 'pipeline run id', param: 'pipeline_run_id' },
  { kind: 'lineage id', param: 'lineage_id', opens: true },
];

/** GET /api/lineage/search parameters: `by` names the id searched for ({ lead_id: ... }), dates whole days UTC. */
export function searchParams(filters, by = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(by)) if (v) p.set(k, v);
  if (filters.template) p.set('template_version_id', filters.template);
  if (filters.from) p.set('from', filters.from + 'T00:00:00Z');
  // the API's `to` is exclusive and created_at has microseconds: the next midnight, so that a record captured in
  // the day's last millisecond is not left out
  if (filters.to) p.set('to', nextDay(filters.to) + 'T00:00:00Z');
  p.set('limit', String(PAGE_SIZE));
  return p;
}

/**
 * Checks the search form: { target: '#/search?...' } to go to, or { error, field } to show beside `field`
 * ('q' or 'from'). Ids are lower-cased so one report has one address.
 */
export function searchTarget({ q = '', template = '', from = '', to = '' }) {
  const value = q.trim();
  const filters = { template: template.trim(), from, to };
  const kind = classify(value);
  if (kind === 'invalid') return { error: describeInvalid(value), field: 'q' };
  if (kind === 'empty' && !hasFilters(filters)) {
    return { error: 'Enter an id, or pick a template version or dates to list reports.', field: 'q' };
  }
  if (from && to && from > to) return { error: 'The "from" date is after the "to" date.', field: 'from' };
  const next = new URLSearchParams();
  if (value) next.set('q', value.toLowerCase());
  if (filters.template) next.set('template', filters.template);
  if (from) next.set('from', from);
  if (to) next.set('to', to);
  return { target: '#/search?' + next.toString() };
}

/** The quick search of the top bar: no checks, the search page explains what is wrong. */
export function quickSearchTarget(q) {
  const value = q.trim();
  return '#/search?' + new URLSearchParams(value ? { q: value.toLowerCase() } : {});
}
