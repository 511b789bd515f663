// The report's "Access history" tab: every read of this record (the audit trail), newest first, for auditors.
import { PAGE_SIZE } from '../lib/api.js';
import { whenOf, whoText } from '../lib/audit-query.js';
import { hasRole, roleReason } from '../lib/session.js';
import { h } from '../ui/dom.js';
import { errorNotice, loading, notice, shownValue, timeEl } from '../ui/widgets.js';

const COLUMNS = ['When', 'User', 'Action', 'Outcome', 'Purpose', 'IP address', 'User agent', 'Request id', 'Details'];

function forAuditors(ctx, what) {
  return notice('info', 'Access history is for auditors', roleReason(ctx.user, 'auditor', what));
}

export async function fillAudit(panel, summary, ctx) {
  if (hasRole(ctx.user, 'auditor') === false) {
    panel.replaceChildren(forAuditors(ctx, 'The access history (who read this record, when and from where)'));
    return;
  }
  panel.replaceChildren(loading('Loading access history…'));
  const base = (summary.links && summary.links.audit) || '/api/lineage/' + summary.lineage_id + '/audit';
  const state = { cursor: null };
  const tbody = h('tbody');
  const more = h('button', { type: 'button', class: 'btn', id: 'audit-more' }, 'Load more');
  const loadPage = async () => {
    const p = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (state.cursor) p.set('cursor', state.cursor);
    const page = await ctx.api(base + '?' + p);
    for (const a of page.items) tbody.append(auditRow(a));
    state.cursor = page.next_cursor || null;
    more.hidden = !state.cursor;
    return page;
  };
  try {
    const first = await loadPage();
    if (!ctx.isCurrent()) return;
    if (!first.items.length) {
      panel.replaceChildren(notice('info', 'No reads recorded yet', 'Nobody has read this record so far.'));
      return;
    }
  } catch (e) {
    if (!ctx.isCurrent()) return;
    panel.replaceChildren(e.status === 403
      ? forAuditors(ctx, 'The access history')
      : errorNotice(e, 'Could not load the access history', ctx.retry));
    return;
  }
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      await loadPage();
    } catch (e) {
      panel.append(errorNotice(e, 'Could not load more', ctx.retry));
    } finally {
      more.disabled = false;
    }
  });
  panel.replaceChildren(
    h('div', { class: 'table-wrap' },
      h('table', { class: 'grid', id: 'audit-table' },
        h('caption', { class: 'visually-hidden', text: 'Access history, newest first' }),
        h('thead', null, h('tr', null, COLUMNS.map((t) => h('th', { scope: 'col', text: t })))),
        tbody)),
    h('div', { class: 'more' }, more));
}

function auditRow(a) {
  const details = a.details ? JSON.stringify(a.details) : '';
  return h('tr', null,
    h('td', { class: 'nowrap audit-when' }, whenCell(a)),
    h('td', shownValue(whoText(a), { class: 'audit-who' })),
    h('td', { class: 'mono', text: a.action }),
    h('td', null, h('span', { class: 'badge outcome-' + (a.outcome || 'unknown'), text: a.outcome || '—' })),
    h('td', shownValue(a.purpose || '—', { class: 'purpose' })),
    h('td', { class: 'mono', text: a.ip_address || '—' }),
    h('td', shownValue(a.user_agent || '—', { class: 'ua', title: a.user_agent || '' })),
    h('td', shownValue(a.request_id || '', { class: 'mono small' })),
    h('td', shownValue(details, { class: 'mono small details', title: details })));
}

/** When the access happened, and for one another system reported, when it was recorded here. */
export function whenCell(entry) {
  const { at, recorded } = whenOf(entry);
  if (!recorded) return timeEl(at);
  return [timeEl(at), h('br'), h('span', { class: 'muted small recorded' }, 'recorded ', timeEl(recorded))];
}
