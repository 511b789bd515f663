// #/ and #/search?q=&template=&from=&to= : find reports by any id the user has, or list them by filters.
// A report id or a lineage id opens the report; a lead id, a pipeline run id or a PDF SHA-256 lists matching
// reports.
import { fmtBytes, fmtDuration } from '../lib/format.js';
import { classify, describeInvalid, EXAMPLE_UUID } from '../lib/ids.js';
import { rememberSearch } from '../lib/last-search.js';
import { link } from '../lib/router.js';
import { filtersOf, hasFilters, searchParams, searchTarget, UUID_KINDS } from '../lib/search-query.js';
import { h } from '../ui/dom.js';
import { errorNotice, loading, notice, shownValue, timeEl } from '../ui/widgets.js';

export async function render(ctx) {
  const { route } = ctx;
  const run = route.pattern === '/search';
  const { form, q } = searchForm(route.query, ctx);
  const results = h('section', { id: 'results', class: 'results', 'aria-label': 'Search results' });
  ctx.show(h('h1', { text: 'Find a report' }), form, run ? null : intro(), results);
  if (!run) {
    q.focus();
    return;
  }
  const query = (route.query.get('q') || '').trim();
  const filters = filtersOf(route.query);
  const kind = classify(query);
  if (kind === 'invalid') {
    results.replaceChildren(notice('error', 'Not an id the panel understands', describeInvalid(query)));
    return;
  }
  results.replaceChildren(loading('Searching…'));
  if (kind === 'sha') {
    await showResults(ctx, results, { kind: 'PDF SHA-256', value: query, params: searchParams(filters,
      { pdf_sha256: query }) });
    return;
  }
  if (kind === 'empty') {
    await showResults(ctx, results, { params: searchParams(filters) });
    return;
  }
  await findUuid(ctx, results, query, filters);
}

/** A UUID is tried as a report id first, then as each of UUID_KINDS (lead id, pipeline run id, lineage id). */
async function findUuid(ctx, results, id, filters) {
  const { api } = ctx;
  try {
    const summary = await api('/api/lineage/' + encodeURIComponent(id));
    if (!ctx.isCurrent()) return;
    // the report view shows this summary instead of reading (and auditing) the record a second time
    ctx.navigate(link('/reports/:id', { id: summary.report_generation_id }),
      { replace: true, handoff: { summary, flash: 'Matched a report id.' } });
    return;
  } catch (e) {
    if (e.status !== 404) throw e;
  }
  for (const { kind, param, opens } of UUID_KINDS) {
    const params = searchParams(filters, { [param]: id });
    const page = await api('/api/lineage/search?' + params);
    if (!ctx.isCurrent()) return;
    if (page.items.length && opens) {
      // no handoff of the summary: the report page reads it, which counts and audits the access as a lookup
      ctx.navigate(link('/reports/:id', { id: page.items[0].report_generation_id }),
        { replace: true, handoff: { flash: 'Matched a lineage id: this report\'s record.' } });
      return;
    }
    if (page.items.length) {
      await showResults(ctx, results, { kind, value: id, params, firstPage: page });
      return;
    }
  }
  results.replaceChildren(notice('info', 'Nothing found for ' + id,
    'No report, lineage record, lead or pipeline run with this id is on record'
      + (hasFilters(filters) ? ' within the filters you set. Try clearing them.' : '.')
      + ' Lineage is captured when a report completes; a report finished in the last few minutes may not be'
      + ' here yet.'));
}

function intro() {
  return h('div', { class: 'intro' },
    h('p', { text: 'Find where a PDF report came from: its lead, pipeline run and template version, what the'
      + ' pipeline logged, and the raw inputs it read.' }),
    h('ul', { class: 'muted' },
      h('li', null, h('strong', { text: 'Report id' }), ' opens that report; so does its ',
        h('strong', { text: 'lineage id' }), ' (the record id in audit rows, OpenLineage events and logs).'),
      h('li', null, h('strong', { text: 'Lead id' }), ' or ', h('strong', { text: 'pipeline run id' }),
        ' lists every report made for it, newest first.'),
      h('li', null, h('strong', { text: 'PDF SHA-256' }), ' finds the report a PDF file came from'
        + ' (sha256sum report.pdf).')));
}

function searchForm(query, ctx) {
  const input = (attrs, value) => {
    const el = h('input', attrs);
    el.value = value || '';
    return el;
  };
  const q = input({
    id: 'q', name: 'q', type: 'search', spellcheck: 'false', autocomplete: 'off',
    placeholder: 'e.g. ' + EXAMPLE_UUID, 'aria-describedby': 'q-help q-error',
  }, query.get('q'));
  const template = input({ id: 'f-template', name: 'template', type: 'text', spellcheck: 'false',
    placeholder: 'any' }, query.get('template'));
  const from = input({ id: 'f-from', name: 'from', type: 'date' }, query.get('from'));
  const to = input({ id: 'f-to', name: 'to', type: 'date' }, query.get('to'));
  const error = h('p', { id: 'q-error', class: 'field-error', 'aria-live': 'assertive' });
  const field = (id, label, control) => h('div', { class: 'field' }, h('label', { for: id, text: label }), control);

  const form = h('form', { id: 'search-form', class: 'search-form', role: 'search', autocomplete: 'off' },
    h('div', { class: 'field grow' },
      h('label', { for: 'q', text: 'Report id, lineage id, lead id, pipeline run id or PDF SHA-256' }),
      q,
      h('p', { id: 'q-help', class: 'help',
        text: 'Paste any one id; the panel works out which kind it is. Press Enter to search.' }),
      error),
    h('div', { class: 'filters' },
      field('f-template', 'Template version', template),
      field('f-from', 'Captured from', from),
      field('f-to', 'to (inclusive, UTC)', to),
      h('div', { class: 'field' }, h('span', { class: 'label-spacer', 'aria-hidden': 'true' }),
        h('button', { type: 'submit', class: 'btn btn-primary', id: 'search-button' }, 'Search'))));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const checked = searchTarget({ q: q.value, template: template.value, from: from.value, to: to.value });
    if (checked.error) {
      error.textContent = checked.error;
      if (checked.field === 'q') {
        q.setAttribute('aria-invalid', 'true');
        q.focus();
      } else {
        from.focus();
      }
      return;
    }
    error.textContent = '';
    q.removeAttribute('aria-invalid');
    ctx.navigate(checked.target);
  });
  return { form, q };
}

/** A table of reports, newest first, with "Load more" following the API's cursor. */
async function showResults(ctx, container, { kind, value, params, firstPage }) {
  const { api } = ctx;
  const page = firstPage || await api('/api/lineage/search?' + params);
  if (!ctx.isCurrent()) return;
  rememberSearch('#/search?' + ctx.route.query);
  if (!page.items.length) {
    container.replaceChildren(notice('info', 'No reports found',
      kind ? 'No report has ' + kind + ' ' + value + ' with the filters set.'
        : 'No report matches these filters.'));
    return;
  }
  const state = { shown: 0, cursor: null };
  const tbody = h('tbody');
  const count = h('span', { class: 'muted' });
  const more = h('button', { type: 'button', class: 'btn', id: 'load-more' }, 'Load more');
  const add = (p) => {
    for (const item of p.items) tbody.append(resultRow(item));
    state.shown += p.items.length;
    state.cursor = p.next_cursor || null;
    count.textContent = state.shown + (state.cursor ? '+ reports (newest first)'
      : ' report' + (state.shown === 1 ? '' : 's'));
    more.hidden = !state.cursor;
  };
  add(page);
  more.addEventListener('click', async () => {
    more.disabled = true;
    more.textContent = 'Loading…';
    try {
      const next = new URLSearchParams(params);
      next.set('cursor', state.cursor);
      add(await api('/api/lineage/search?' + next));
    } catch (e) {
      container.append(errorNotice(e, 'Could not load more', ctx.retry));
    } finally {
      more.disabled = false;
      more.textContent = 'Load more';
    }
  });
  container.replaceChildren(
    h('div', { class: 'results-head' },
      h('p', { id: 'match-kind', class: 'match' },
        kind ? ['Matched ', h('strong', { text: kind }), ' ', h('code', { text: value })]
          : 'Reports matching the filters'),
      count),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'grid', id: 'results-table' },
        h('caption', { class: 'visually-hidden', text: 'Reports, newest first' }),
        h('thead', null, h('tr', null,
          ['Captured', 'Report id', 'Lead id', 'Pipeline run id', 'Template', 'Duration', 'Raw inputs', '']
            .map((t) => h('th', { scope: 'col', text: t })))),
        tbody)),
    h('div', { class: 'more' }, more));
}

function resultRow(item) {
  const id = item.report_generation_id;
  return h('tr', null,
    h('td', { class: 'nowrap' }, timeEl(item.created_at)),
    h('td', { class: 'mono' }, h('a', shownValue(id, { href: link('/reports/:id', { id }), class: 'report-link' }))),
    h('td', shownValue(item.lead_id, { class: 'mono id', title: item.lead_id })),
    h('td', shownValue(item.pipeline_run_id, { class: 'mono id', title: item.pipeline_run_id })),
    h('td', shownValue(item.template_version_id, { class: 'mono template' })),
    h('td', { class: 'num', text: fmtDuration(item.pipeline_duration_seconds) }),
    h('td', { class: 'num', text: fmtBytes(item.raw_inputs_size_bytes) }),
    h('td', null, item.truncated ? h('span', { class: 'badge badge-warn', text: 'truncated' }) : null,
      item.legal_hold ? h('span', { class: 'badge badge-hold', text: 'legal hold' }) : null));
}
