// #/lead/{lead_id} : a lead's reports over time (GET /api/lineage/search?lead_id=), newest pipeline run first
// (lib/compare-model.js historyRows), with a mark where the template version changed and "compare with previous".
import { historyRows } from '../lib/compare-model.js';
import { fmtTime, shorten } from '../lib/format.js';
import { isUuid } from '../lib/ids.js';
import { searchHref } from '../lib/last-search.js';
import { visibleText } from '../lib/plain-text.js';
import { link } from '../lib/router.js';
import { h } from '../ui/dom.js';
import { errorNotice, loading, notice, shownValue } from '../ui/widgets.js';

const MAX_PAGES = 20; // 4,000 reports: a lead never has that many; the page says so if it does

export async function render(ctx) {
  const id = ctx.route.params.id;
  const title = h('h1', null, 'Lead ', h('span', { class: 'mono', id: 'lead-title', text: id }));
  if (!isUuid(id)) {
    ctx.show(h('h1', { text: 'Lead history' }), notice('error', '"' + shorten(id) + '" is not a lead id',
      'Lead ids are UUIDs.'));
    return;
  }
  ctx.show(title, loading('Loading the lead\'s reports…'));
  const items = [];
  let cursor = null;
  let more = false;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const p = new URLSearchParams({ lead_id: id, limit: '200' });
      if (cursor) p.set('cursor', cursor);
      const result = await ctx.api('/api/lineage/search?' + p);
      items.push(...result.items);
      cursor = result.next_cursor;
      if (!cursor) break;
      more = page === MAX_PAGES - 1;
    }
  } catch (e) {
    if (!ctx.isCurrent()) return;
    ctx.show(title, errorNotice(e, 'Lead history', ctx.retry));
    return;
  }
  if (!ctx.isCurrent()) return;
  if (!items.length) {
    ctx.show(title, notice('info', 'No reports for this lead', 'No lineage record names this lead id.'));
    return;
  }
  const rows = historyRows(items);
  const templates = new Set(items.map((i) => i.template_version_id)).size;
  ctx.show(
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: searchHref(), id: 'crumb-search' }, 'Search'), ' / ',
      h('span', { text: 'Lead history' })),
    title,
    h('p', { id: 'lead-summary', class: 'muted',
      text: items.length + (items.length === 1 ? ' report' : ' reports') + ', ' + templates
        + (templates === 1 ? ' template version' : ' template versions') + ', newest pipeline run first.' }),
    more ? notice('info', 'Only the newest ' + items.length + ' reports are shown', null) : null,
    h('table', { class: 'grid', id: 'lead-history' },
      h('thead', null, h('tr', null, h('th', { text: 'Pipeline finished' }), h('th', { text: 'Captured' }),
        h('th', { text: 'Report' }), h('th', { text: 'Template version' }), h('th', { text: '' }))),
      h('tbody', null, rows.map((r) => h('tr', { class: r.templateChanged ? 'template-changed' : null },
        h('td', { text: fmtTime(r.item.pipeline_finished_at) }),
        h('td', { class: 'muted', text: fmtTime(r.item.created_at) }),
        h('td', null, h('a', shownValue(r.item.report_generation_id, { class: 'mono report-link',
          href: link('/reports/:id', { id: r.item.report_generation_id }) }))),
        h('td', null, h('span', shownValue(r.item.template_version_id, { class: 'mono' })),
          r.templateChanged ? h('span', { class: 'badge badge-warn template-mark',
            title: 'Was ' + visibleText(r.previous.template_version_id), text: 'template changed' }) : null),
        h('td', null, r.previous ? h('a', { class: 'btn btn-quiet compare-previous',
          href: link('/compare/:a/:b', { a: r.previous.report_generation_id, b: r.item.report_generation_id }) },
        'Compare with previous') : null))))));
}
