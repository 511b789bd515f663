// The Audit page's address and its API queries (GET /api/audit). Pure functions, no DOM.
import { PAGE_SIZE } from './api.js';
import { nextDay } from './format.js';
import { isUuid } from './ids.js';

/** The filters the page and its address (#/audit?...) carry, in the API's own names. */
export const AUDIT_FILTERS = ['user_id', 'on_behalf_of', 'action', 'outcome', 'lineage_id', 'from', 'to'];

/** The outcomes an audit row can have (the API refuses any other). */
export const OUTCOMES = ['ok', 'denied', 'not_found', 'error'];

/** Actions worth offering in the form's suggestions; the field takes any audit action. */
export const KNOWN_ACTIONS = ['lookup', 'search', 'logs', 'download', 'bundle', 'audit_trail', 'stats', 'purge',
  'audit_search', 'audit_export', 'pdf_view', 'pdf_download', 'pdf_share', 'pdf_print', 'pdf_email'];

/** The export formats: the Accept header that asks for each, and its file extension. */
export const EXPORTS = {
  csv: { accept: 'text/csv', label: 'CSV' },
  ndjson: { accept: 'application/x-ndjson', label: 'NDJSON' },
};

/** The filters of a #/audit address: every one a string, '' when unset (dates as yyyy-mm-dd). */
export function auditFiltersOf(query) {
  const filters = {};
  for (const name of AUDIT_FILTERS) filters[name] = (query.get(name) || '').trim();
  return filters;
}

/**
 * GET /api/audit parameters for the filters: dates are whole days in UTC, `to` inclusive (the API's `to` is
 * exclusive, so the next day's midnight). `page` false leaves out the page size, for an export (which takes none).
 */
export function auditParams(filters, { page = true } = {}) {
  const p = new URLSearchParams();
  for (const name of AUDIT_FILTERS) {
    if (filters[name] && name !== 'from' && name !== 'to') p.set(name, filters[name]);
  }
  if (filters.from) p.set('from', filters.from + 'T00:00:00Z');
  if (filters.to) p.set('to', nextDay(filters.to) + 'T00:00:00Z');
  if (page) p.set('limit', String(PAGE_SIZE));
  return p;
}

/** A calendar day written yyyy-mm-dd that exists (not 2026-02-30), as a date field gives it. */
export function isDay(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(text + 'T00:00:00Z');
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}


/**
 * Checks the form, or the filters of a deep link: { target: '#/audit?...' } to go to, or { error, field } naming
 * the field to fix. An empty form is fine: the newest rows of the whole trail. A date field only ever gives
 * yyyy-mm-dd, but an address can say anything (#/audit?from=not-a-date).
 */
export function auditTarget(form) {
  const filters = {};
  for (const name of AUDIT_FILTERS) filters[name] = String(form[name] || '').trim();
  if (filters.lineage_id && !isUuid(filters.lineage_id)) {
    return { error: 'A record id (lineage_id) is a UUID, e.g. 0192f7b4-8c1e-7a3d-9f00-5b2a1c3d4e5f.',
      field: 'lineage_id' };
  }
  if (filters.action && !/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(filters.action)) {
    return { error: 'An action is one lower_snake_case word, e.g. download or pdf_view.', field: 'action' };
  }
  if (filters.outcome && !OUTCOMES.includes(filters.outcome)) {
    return { error: 'The outcome is one of ' + OUTCOMES.join(', ') + '.', field: 'outcome' };
  }
  for (const name of ['from', 'to']) {
    if (filters[name] && !isDay(filters[name])) {
      return { error: 'The "' + name + '" date "' + filters[name] + '" is not a date: write it as yyyy-mm-dd,'
        + ' e.g. 2026-03-01.', field: name };
    }
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    return { error: 'The "from" date is after the "to" date.', field: 'from' };
  }
  if (filters.lineage_id) filters.lineage_id = filters.lineage_id.toLowerCase();
  const next = new URLSearchParams();
  for (const name of AUDIT_FILTERS) if (filters[name]) next.set(name, filters[name]);
  const query = next.toString();
  return { target: '#/audit' + (query ? '?' + query : '') };
}

/** The file an export is saved as when the server names none: audit-<from>-<to>.<format>. */
export function exportFileName(filters, format) {
  const span = [filters.from, filters.to].filter(Boolean).join('_to_');
  return 'audit' + (span ? '-' + span : '') + '.' + format;
}

/**
 * Who an audit row says read the record: the user or client, and for an access another system recorded
 * (pdf_view from a CRM, say) the person that system acted for.
 */
export function whoText(entry) {
  const who = entry.user_id || '—';
  return entry.on_behalf_of ? who + ' for ' + entry.on_behalf_of : who;
}

/**
 * When an audit row's access happened: for an access another system recorded, the `occurred_at` it reported
 * (the row's `accessed_at` is when it was recorded here, possibly days later), else `accessed_at`.
 * { at, recorded } — `recorded` (the `accessed_at`) only for a row another system reported.
 */
export function whenOf(entry) {
  if (entry.occurred_at) return { at: entry.occurred_at, recorded: entry.accessed_at || null };
  return { at: entry.accessed_at, recorded: null };
}
