// #/compare/{a}/{b} : two reports side by side (GET /api/lineage/compare): the fields, the logs by level and
// where they first diverge, and for auditors the raw-input changes with their paths.
import { changesLabel, groupChanges, levelRows, sideBySide } from '../lib/compare-model.js';
import { shorten } from '../lib/format.js';
import { isUuid } from '../lib/ids.js';
import { searchHref } from '../lib/last-search.js';
import { link } from '../lib/router.js';
import { h } from '../ui/dom.js';
import { withPurpose } from '../ui/purpose-dialog.js';
import { copyButton, errorNotice, loading, notice, shownValue } from '../ui/widgets.js';

export async function render(ctx) {
  const { a, b } = ctx.route.params;
  const title = h('h1', { text: 'Compare reports' });
  for (const [name, id] of [['a', a], ['b', b]]) {
    if (!isUuid(id)) {
      ctx.show(title, notice('error', 'Report ' + name + ' "' + shorten(id) + '" is not a report id',
        'A comparison link names two report ids (UUIDs).'));
      return;
    }
  }
  ctx.show(title, loading('Comparing…'));
  const path = '/api/lineage/compare?a=' + encodeURIComponent(a) + '&b=' + encodeURIComponent(b);
  let c;
  try {
    c = await ctx.api(path, { exactNumbers: true });
  } catch (e) {
    if (!ctx.isCurrent()) return;
    ctx.show(title, errorNotice(e, 'Compare', ctx.retry));
    return;
  }
  if (!ctx.isCurrent()) return;
  ctx.show(
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' },
      h('a', { href: searchHref(), id: 'crumb-search' }, 'Search'), ' / ',
      h('a', { href: link('/lead/:id', { id: c.a.lead_id }) }, 'Lead history'), ' / ', h('span', { text: 'Compare' })),
    h('div', { class: 'report-head' }, title,
      h('div', { class: 'head-actions' },
        h('a', { class: 'btn', id: 'swap', href: link('/compare/:a/:b', { a: b, b: a }) }, 'Swap a and b'))),
    fieldsTable(c),
    logsSection(c.logs),
    inputsSection(c, ctx, path));
}

function reportLink(id) {
  return h('a', shownValue(id, { class: 'mono', href: link('/reports/:id', { id }) }));
}

function fieldsTable(c) {
  const rows = sideBySide(c.a, c.b);
  return h('section', { class: 'card compare-fields', 'aria-labelledby': 'cmp-fields' },
    h('h2', { id: 'cmp-fields', text: 'Side by side' }),
    h('table', { class: 'grid', id: 'compare-table' },
      h('thead', null, h('tr', null, h('th', { text: 'Field' }),
        h('th', null, 'a: ', reportLink(c.a.report_generation_id)),
        h('th', null, 'b: ', reportLink(c.b.report_generation_id)))),
      h('tbody', null, rows.map((r) => h('tr', { class: r.differs ? 'differs' : null, dataset: { field: r.label } },
        h('th', { scope: 'row', text: r.label }),
        h('td', shownValue(r.a, { class: 'mono' })),
        h('td', shownValue(r.b, { class: 'mono' })))))));
}

function logsSection(logs) {
  const divergence = logs.first_divergence;
  return h('section', { class: 'card', 'aria-labelledby': 'cmp-logs' },
    h('h2', { id: 'cmp-logs', text: 'Logs' }),
    h('table', { class: 'grid', id: 'compare-levels' },
      h('thead', null, h('tr', null, h('th', { text: 'Level' }), h('th', { text: 'a (' + logs.a_entries + ')' }),
        h('th', { text: 'b (' + logs.b_entries + ')' }))),
      h('tbody', null, levelRows(logs).map((r) => h('tr', { class: r.a !== r.b ? 'differs' : null },
        h('th', { scope: 'row', text: r.level }), h('td', { text: String(r.a) }), h('td', { text: String(r.b) }))))),
    h('p', { id: 'compare-divergence' }, divergence == null
      ? 'The logs agree entry by entry (timestamps aside).'
      : ['First difference at entry #' + (divergence.index + 1) + ':',
        h('pre', { class: 'json', text: 'a: ' + (divergence.a == null ? '(no entry)' : JSON.stringify(divergence.a))
          + '\nb: ' + (divergence.b == null ? '(no entry)' : JSON.stringify(divergence.b)) })]));
}

function inputsSection(c, ctx, path) {
  const head = h('h2', { id: 'cmp-inputs', text: 'Raw inputs' });
  if (!c.inputs) {
    const section = h('section', { class: 'card', 'aria-labelledby': 'cmp-inputs' }, head,
      h('p', { class: 'muted', id: 'compare-inputs-omitted', text: c.inputs_need_purpose
        ? 'The raw-input diff shows customer data: like a download, it needs a stated purpose.'
        : c.inputs_omitted || 'Not shown.' }));
    if (c.inputs_need_purpose) {
      section.append(h('button', { type: 'button', class: 'btn', id: 'compare-show-inputs',
        onclick: () => showInputs(section, ctx, path) }, 'Show the raw-input diff…'));
    }
    return section;
  }
  const groups = groupChanges(c.inputs.changes);
  return h('section', { class: 'card', 'aria-labelledby': 'cmp-inputs' }, head,
    h('p', { id: 'compare-changes-count', text: changesLabel(c.inputs) }),
    c.inputs.note ? notice('info', 'Truncated input', c.inputs.note) : null,
    groups.map((g) => h('details', { class: 'change-group', open: true },
      h('summary', null, h('strong', { text: g.section }), ' ',
        h('span', { class: 'muted', text: Object.entries(g.counts).filter(([, n]) => n).map(([op, n]) => n + ' ' + op)
          .join(', ') })),
      h('table', { class: 'grid changes' },
        h('thead', null, h('tr', null, h('th', { text: 'Change' }), h('th', { text: 'Path' }),
          h('th', { text: 'a' }), h('th', { text: 'b' }))),
        h('tbody', null, g.rows.map((r) => h('tr', { class: 'op-' + r.op },
          h('td', null, h('span', { class: 'badge op-' + r.op, text: r.label })),
          h('td', { class: 'mono path' }, r.path, ' ', copyButton(r.path, 'path')),
          h('td', { class: 'mono', text: r.a }),
          h('td', { class: 'mono', text: r.b }))))))));
}

// the diff shows customer data: asked for with a purpose, which the compare's audit rows keep
async function showInputs(section, ctx, path) {
  let answer;
  try {
    answer = await withPurpose('the raw-input diff of these two reports', { signal: ctx.signal },
      (headers) => ctx.api(path, { headers, exactNumbers: true }));
  } catch (e) {
    if (ctx.isCurrent()) section.replaceWith(errorNotice(e, 'Compare', ctx.retry));
    return;
  }
  if (answer != null && ctx.isCurrent()) section.replaceWith(inputsSection(answer.value, ctx, path));
}
