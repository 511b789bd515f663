// #/audit?user_id=&on_behalf_of=&action=&outcome=&lineage_id=&from=&to= : the whole audit trail for auditors
// (GET /api/audit): who read what, filtered, newest first, each row linked to its record; the same filters export as CSV or NDJSON.
// Every search and export is itself on record.
import { filenameFromDisposition } from '../lib/api.js';
import {
  auditFiltersOf, auditParams, auditTarget, EXPORTS, exportFileName, isDay, KNOWN_ACTIONS, OUTCOMES, whoText,
} from '../lib/audit-query.js';
import { fmtBytes } from '../lib/format.js';
import { link } from '../lib/router.js';
import { hasRole, roleReason } from '../lib/session.js';
import { h } from '../ui/dom.js';
import { copyButton, errorNotice, loading, notice, shownValue } from '../ui/widgets.js';
import { whenCell } from './report-audit.js';

const COLUMNS = ['When', 'Who', 'Action', 'Outcome', 'Record', 'Purpose', 'IP address', 'Request id', 'Row id'];

export async function render(ctx) {
  const filters = auditFiltersOf(ctx.route.query);
  if (hasRole(ctx.user, 'auditor') === false) {
    ctx.show(h('h1', { text: 'Audit trail' }), notice('info', 'The audit trail is for auditors',
      roleReason(ctx.user, 'auditor', 'Searching who read what')));
    return;
  }
  // a deep link the form would have refused (#/audit?from=not-a-date): shown as given with what to fix, and not
  // searched, which would drop the filter or fail on it
  const checked = auditTarget(filters);
  const refused = checked.error ? checked : null;
  const results = h('section', { id: 'audit-results', class: 'results', 'aria-label': 'Audit rows' });
  const status = h('div', { id: 'export-status', 'aria-live': 'polite' });
  ctx.show(h('h1', { text: 'Audit trail' }),
    h('p', { class: 'muted', text: 'Who read which record, when, from where and why, newest first. Your searches'
      + ' and exports are on record too.' }),
    auditForm(filters, ctx, refused), exportBar(ctx, filters, status, refused), status, results);
  if (refused) {
    results.replaceChildren(notice('info', 'Not searched', 'Correct the field named above and search again.'));
    return;
  }
  results.replaceChildren(loading('Searching the audit trail…'));
  await showRows(ctx, results, auditParams(filters));
}

function auditForm(filters, ctx, refused) {
  const input = (name, attrs) => {
    const el = h('input', { id: 'a-' + name, name, spellcheck: 'false', autocomplete: 'off', ...attrs });
    el.value = filters[name];
    return el;
  };
  const controls = {
    user_id: input('user_id', { type: 'text', placeholder: 'any' }),
    on_behalf_of: input('on_behalf_of', { type: 'text', placeholder: 'anyone' }),
    action: input('action', { type: 'text', placeholder: 'any', list: 'a-actions' }),
    outcome: h('select', { id: 'a-outcome', name: 'outcome' },
      h('option', { value: '', text: 'any' }),
      OUTCOMES.map((o) => h('option', { value: o, text: o }))),
    lineage_id: input('lineage_id', { type: 'text', placeholder: 'any record (lineage_id)' }),
    // a date input would show a value that is not a day as empty: such a one is shown as text, as given
    from: input('from', dateField(filters.from)),
    to: input('to', dateField(filters.to)),
  };
  if (filters.outcome && !OUTCOMES.includes(filters.outcome)) {
    controls.outcome.append(h('option', { value: filters.outcome, text: filters.outcome }));
  }
  controls.outcome.value = filters.outcome;
  const error = h('p', { id: 'audit-error', class: 'field-error', 'aria-live': 'assertive' });
  if (refused) {
    error.textContent = refused.error;
    controls[refused.field].setAttribute('aria-invalid', 'true');
  }
  const field = (name, label) => h('div', { class: 'field' },
    h('label', { for: 'a-' + name, text: label }), controls[name]);
  const form = h('form', { id: 'audit-form', class: 'search-form', role: 'search', autocomplete: 'off' },
    h('datalist', { id: 'a-actions' }, KNOWN_ACTIONS.map((a) => h('option', { value: a }))),
    h('div', { class: 'filters' },
      field('user_id', 'Person or system'),
      field('on_behalf_of', 'On behalf of'),
      field('action', 'Action'),
      field('outcome', 'Outcome'),
      field('lineage_id', 'Record'),
      field('from', 'From'),
      field('to', 'to (inclusive, UTC)'),
      h('div', { class: 'field' }, h('span', { class: 'label-spacer', 'aria-hidden': 'true' }),
        h('button', { type: 'submit', class: 'btn btn-primary', id: 'audit-search' }, 'Search'))),
    error);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = {};
    for (const [name, control] of Object.entries(controls)) values[name] = control.value;
    const checked = auditTarget(values);
    for (const control of Object.values(controls)) control.removeAttribute('aria-invalid');
    if (checked.error) {
      error.textContent = checked.error;
      controls[checked.field].setAttribute('aria-invalid', 'true');
      controls[checked.field].focus();
      return;
    }
    error.textContent = '';
    ctx.navigate(checked.target);
  });
  return form;
}

function dateField(value) {
  return !value || isDay(value) ? { type: 'date' } : { type: 'text', placeholder: 'yyyy-mm-dd' };
}

function exportBar(ctx, filters, status, refused) {
  const buttons = Object.entries(EXPORTS).map(([format, { accept, label }]) => {
    const button = h('button', { type: 'button', class: 'btn', id: 'export-' + format }, 'Export ' + label);
    button.disabled = Boolean(refused);
    button.addEventListener('click', () => exportRows(ctx, { button, format, accept, filters, status }));
    return button;
  });
  return h('div', { class: 'export-bar' },
    h('span', { class: 'muted', text: 'Every row these filters select, as a file:' }), ...buttons);
}

async function exportRows(ctx, { button, format, accept, filters, status }) {
  const label = button.textContent;
  button.disabled = true;
  button.textContent = 'Exporting…';
  status.replaceChildren();
  try {
    const response = await ctx.api('/api/audit?' + auditParams(filters, { page: false }), { accept, raw: true });
    const blob = await response.blob();
    const name = filenameFromDisposition(response.headers.get('Content-Disposition'))
      || exportFileName(filters, format);
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: name, class: 'offscreen' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    status.replaceChildren(h('p', { class: 'ok', id: 'export-done',
      text: 'Exported ' + name + ' (' + fmtBytes(blob.size) + ').' }));
  } catch (e) {
    status.replaceChildren(errorNotice(e, 'Export failed', ctx.retry));
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

async function showRows(ctx, container, params) {
  let page;
  try {
    page = await ctx.api('/api/audit?' + params);
  } catch (e) {
    if (!ctx.isCurrent()) return;
    container.replaceChildren(e.status === 403
      ? notice('info', 'The audit trail is for auditors', roleReason(ctx.user, 'auditor', 'Searching who read what'))
      : errorNotice(e, 'Could not search the audit trail', ctx.retry));
    return;
  }
  if (!ctx.isCurrent()) return;
  if (!page.items.length) {
    container.replaceChildren(notice('info', 'No audit rows found', 'Nothing on record matches these filters.'));
    return;
  }
  const state = { shown: 0, cursor: null };
  const tbody = h('tbody');
  const count = h('span', { class: 'muted', id: 'audit-count' });
  const more = h('button', { type: 'button', class: 'btn', id: 'audit-more' }, 'Load more');
  const add = (p) => {
    for (const entry of p.items) tbody.append(row(entry));
    state.shown += p.items.length;
    state.cursor = p.next_cursor || null;
    count.textContent = state.shown + (state.cursor ? '+ rows (newest first)' : ' row' + (state.shown === 1 ? '' : 's'));
    more.hidden = !state.cursor;
  };
  add(page);
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      const next = new URLSearchParams(params);
      next.set('cursor', state.cursor);
      add(await ctx.api('/api/audit?' + next));
    } catch (e) {
      container.append(errorNotice(e, 'Could not load more', ctx.retry));
    } finally {
      more.disabled = false;
    }
  });
  container.replaceChildren(
    h('div', { class: 'results-head' }, count),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'grid', id: 'audit-trail-table' },
        h('caption', { class: 'visually-hidden', text: 'Audit rows, newest first' }),
        h('thead', null, h('tr', null, COLUMNS.map((t) => h('th', { scope: 'col', text: t })))),
        tbody)),
    h('div', { class: 'more' }, more));
}

function row(entry) {
  return h('tr', null,
    h('td', { class: 'nowrap audit-when' }, whenCell(entry)),
    h('td', shownValue(whoText(entry), { class: 'audit-who' })),
    h('td', { class: 'mono', text: entry.action }),
    h('td', null, h('span', { class: 'badge outcome-' + (entry.outcome || 'unknown'), text: entry.outcome || '—' })),
    h('td', { class: 'mono' }, record(entry)),
    h('td', shownValue(entry.purpose || '—', { class: 'purpose' })),
    h('td', { class: 'mono', text: entry.ip_address || '—' }),
    h('td', shownValue(entry.request_id || '', { class: 'mono small' })),
    // the row's own id is what GET /api/audit/{audit_id}/proof takes
    h('td', { class: 'mono small audit-row-id' }, h('span', { text: entry.id }), ' ', copyButton(entry.id, 'audit row id')));
}

/** The record a row is about: a link to its report while it exists, its id otherwise, nothing for a search. */
function record(entry) {
  if (entry.report_generation_id) {
    const id = entry.report_generation_id;
    return h('a', shownValue(id, { href: link('/reports/:id', { id }), class: 'record-link',
      title: 'lineage_id ' + entry.lineage_id }));
  }
  if (entry.lineage_id) return h('span', shownValue(entry.lineage_id, { class: 'id', title: 'no longer on record' }));
  return '—';
}
