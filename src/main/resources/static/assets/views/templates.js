// #/templates : every template version with its report count and first/last capture (GET /api/templates),
// each linking to the search for its reports.
import { fmtInt, fmtTime } from '../lib/format.js';
import { link } from '../lib/router.js';
import { h } from '../ui/dom.js';
import { errorNotice, loading, notice, shownValue } from '../ui/widgets.js';

export async function render(ctx) {
  const title = h('h1', { text: 'Template versions' });
  ctx.show(title, loading('Loading template versions…'));
  let list;
  try {
    list = await ctx.api('/api/templates');
  } catch (e) {
    if (!ctx.isCurrent()) return;
    ctx.show(title, errorNotice(e, 'Templates', ctx.retry));
    return;
  }
  if (!ctx.isCurrent()) return;
  const templates = list.templates || [];
  ctx.show(title,
    templates.length === 0
      ? notice('info', 'No reports yet', 'No lineage record has been captured, so no template version is known.')
      : h('table', { class: 'grid', id: 'templates-table' },
        h('thead', null, h('tr', null, h('th', { text: 'Template version' }), h('th', { text: 'Reports' }),
          h('th', { text: 'First captured' }), h('th', { text: 'Last captured' }))),
        h('tbody', null, templates.map((t) => h('tr', null,
          // the link searches for the stored value; only its text shows the invisible characters
          h('td', null, h('a', shownValue(t.template_version_id, { class: 'mono template-link',
            href: link('/search', {}, { template: t.template_version_id }) }))),
          h('td', { class: 'num', text: fmtInt(t.report_count) }),
          h('td', { text: fmtTime(t.first_captured_at) }),
          h('td', { text: fmtTime(t.last_captured_at) }))))));
}
