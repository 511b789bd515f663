// #/reports/{report_id}[?tab=audit] : one report's lineage (the deep link people share), its downloads, and
// two tabs: the pipeline's logs (views/report-logs.js) and who read the record (views/report-audit.js).
import { accessCountPath, coalesced, countsOf } from '../lib/access-count.js';
import { fmtBytes, fmtDuration, fmtInt, fmtRatio, shorten } from '../lib/format.js';
import { EXAMPLE_UUID, isUuid } from '../lib/ids.js';
import { searchHref } from '../lib/last-search.js';
import { link } from '../lib/router.js';
import { hasRole, roleReason } from '../lib/session.js';
import { h } from '../ui/dom.js';
import { tabSet } from '../ui/tabs.js';
import { copyButton, copyText, loading, notice, searchLink, shownValue, timeEl } from '../ui/widgets.js';
import { fillAudit } from './report-audit.js';
import { holdBadge, holdSection } from './report-hold.js';
import { compareWith } from './report-compare.js';
import { downloadButton } from './report-download.js';
import { requestSummary, tabOf } from './report-data.js';
import { fillInputs } from './report-inputs.js';
import { fillLogs } from './report-logs.js';

/** ctx.handoff: { summaryRequest, logsRequest } from headStart, or { summary, flash } from the search page. */
export async function render(ctx) {
  const id = ctx.route.params.id;
  if (!isUuid(id)) {
    ctx.show(h('h1', { text: 'Report' }),
      notice('error', '"' + shorten(id) + '" is not a report id',
        'Report ids are UUIDs like ' + EXAMPLE_UUID + '. Check the link you followed.', searchLink()));
    return;
  }
  const handed = ctx.handoff || {};
  const state = { summary: handed.summary, logsRequest: handed.logsRequest, flash: handed.flash };
  if (!state.summary) {
    ctx.show(h('h1', { text: 'Report ' + id }), loading('Loading report…'));
    try {
      state.summary = await (handed.summaryRequest || requestSummary(ctx.api, id));
    } catch (e) {
      if (!ctx.isCurrent()) return;
      if (e.status === 404) {
        ctx.show(h('h1', { text: 'Report ' + id }), notFound(id));
        return;
      }
      throw e;
    }
  }
  if (!ctx.isCurrent()) return;
  const summary = state.summary;

  const heading = h('h1', { tabindex: '-1', class: 'report-title' },
    'Report ', h('span', shownValue(summary.report_generation_id, { class: 'mono', id: 'report-id' })));
  const badges = h('div', { class: 'badges' },
    summary.truncated
      ? h('span', { class: 'badge badge-warn', id: 'truncated-badge',
        title: 'The raw inputs were larger than the cap; lower-priority parts were dropped',
        text: 'raw inputs truncated' })
      : null,
    summary.capture_source
      ? h('span', shownValue('captured via ' + summary.capture_source, { class: 'badge', id: 'capture-source' }))
      : null,
    holdBadge(summary.legal_hold === true));
  const onHoldChange = (held) => {
    const old = badges.querySelector('#hold-badge');
    if (old) old.remove();
    if (held) badges.append(holdBadge(true));
  };

  const cards = detailCards(summary);
  const counted = accessRefresh(summary, cards, ctx);
  const initialTab = tabOf(ctx.route);
  ctx.show(
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' },
      h('a', { href: searchHref(), id: 'crumb-search' }, 'Search'), ' / ', h('span', { text: 'Report' })),
    state.flash ? notice('info', state.flash, null) : null,
    h('div', { class: 'report-head' },
      h('div', null, heading, badges),
      h('div', { class: 'head-actions' }, copyButton(summary.report_generation_id, 'report id'),
        h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => copyText(window.location.href, 'link') },
          'Copy link'))),
    cards,
    downloads(summary, ctx, counted),
    holdSection(summary, ctx, onHoldChange),
    compareWith(summary, ctx),
    tabSet({
      label: 'Report sections',
      tabs: [
        // the logs read when the page opens follows the summary at once, and is left out (docs/PANEL.md)
        { key: 'logs', label: 'Logs', fill: (panel) => fillLogs(panel, summary, ctx, state.logsRequest,
          initialTab === 'logs' ? null : counted) },
        { key: 'audit', label: 'Access history', fill: (panel) => fillAudit(panel, summary, ctx) },
        { key: 'inputs', label: 'Raw inputs', fill: (panel) => fillInputs(panel, summary, ctx, counted) },
      ],
      initial: initialTab,
      // the address follows the tab without a navigation, so a copied link opens the same tab
      onSelect: (key) => history.replaceState(null, '',
        link('/reports/:id', { id: summary.report_generation_id }, { tab: key === 'logs' ? null : key })),
    }));
  heading.focus({ preventScroll: true });
}

/**
 * What the page calls after each of its reads that the server counted as an access: the record's "Accesses"
 * and "Last access" are read again (lib/access-count.js), one read at a time, never on a timer.
 */
function accessRefresh(summary, cards, ctx) {
  return coalesced(async () => {
    let counts = null;
    try {
      counts = countsOf(await ctx.api(accessCountPath(summary.lineage_id)), summary.lineage_id);
    } catch (ignored) {
      // the read the user asked for succeeded; the count shown stays the last one read
    }
    if (!counts || !ctx.isCurrent()) return;
    Object.assign(summary, counts);
    const count = cards.querySelector('#access-count .value');
    count.textContent = fmtInt(counts.access_count);
    count.title = count.textContent;
    cards.querySelector('#last-access .value').replaceChildren(timeEl(counts.last_accessed_at));
  });
}

function notFound(id) {
  return notice('error', 'No lineage for report ' + id,
    'There is no lineage record for this report id. It may be a lineage, lead or run id instead, the report may'
      + ' still be in progress, or its lineage was purged by retention.',
    h('p', null, h('a', { href: link('/search', {}, { q: id }) }, 'Search for this id as any kind')));
}

/** A label and its value (text, or an element such as a time); the copy button copies the value as stored. */
function field(label, value, opts = {}) {
  const shown = typeof value === 'string' && value !== ''
    ? h('span', shownValue(value, { class: 'value', title: value }))
    : h('span', { class: 'value', text: value == null || value === '' ? '—' : null }, value == null ? null : value);
  return [
    h('dt', { text: label }),
    h('dd', { class: opts.mono ? 'mono' : null, id: opts.id }, shown,
      opts.copy && value ? copyButton(String(value), label.toLowerCase()) : null),
  ];
}

function card(id, title, ...fields) {
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id, text: title }), h('dl', null, fields));
}

function detailCards(s) {
  return h('div', { class: 'cards' },
    card('card-triplet', 'Triplet',
      field('Lead id', s.lead_id, { mono: true, copy: true, id: 'lead-id' }),
      field('Pipeline run id', s.pipeline_run_id, { mono: true, copy: true, id: 'run-id' }),
      field('Template version', s.template_version_id, { mono: true, copy: true, id: 'template-id' })),
    card('card-timing', 'Pipeline run',
      field('Started', timeEl(s.pipeline_started_at)),
      field('Finished', timeEl(s.pipeline_finished_at)),
      field('Duration', fmtDuration(s.pipeline_duration_seconds), { id: 'duration' })),
    card('card-inputs', 'Raw inputs',
      field('Size', fmtBytes(s.raw_inputs_size_bytes) + (s.raw_inputs_size_bytes != null
        ? ' (' + fmtInt(s.raw_inputs_size_bytes) + ' bytes)' : ''), { id: 'raw-size' }),
      field('Compressed', fmtBytes(s.raw_inputs_compressed_bytes), { id: 'raw-compressed' }),
      field('Ratio', fmtRatio(s.compression_ratio), { id: 'ratio' }),
      field('SHA-256', s.raw_inputs_sha256, { mono: true, copy: true })),
    card('card-record', 'Record',
      field('PDF SHA-256', s.pdf_sha256, { mono: true, copy: true, id: 'pdf-sha' }),
      field('Captured', timeEl(s.created_at)),
      field('Accesses', fmtInt(s.access_count), { id: 'access-count' }),
      field('Last access', timeEl(s.last_accessed_at), { id: 'last-access' }),
      field('Lineage id', s.lineage_id, { mono: true, copy: true })));
}

function downloads(s, ctx, counted) {
  const allowed = hasRole(ctx.user, 'auditor');
  const status = h('div', { id: 'download-status', class: 'download-status', 'aria-live': 'polite' });
  const reportId = s.report_generation_id;
  const links = s.links || {};
  return h('section', { class: 'actions', 'aria-label': 'Downloads' },
    downloadButton(ctx, { id: 'download-raw', label: 'Download raw inputs (.json.gz)', allowed, status,
      href: links.download || '/api/lineage/' + s.lineage_id + '/download',
      what: 'the raw inputs of report ' + reportId, onDownloaded: counted,
      fallbackName: 'lineage-' + reportId + '-raw-inputs.json.gz' }),
    downloadButton(ctx, { id: 'download-bundle', label: 'Download bundle (.zip)', allowed, status,
      href: links.bundle || '/api/lineage/' + s.lineage_id + '/bundle',
      what: 'the bundle (raw inputs, logs, summary) of report ' + reportId, onDownloaded: counted,
      fallbackName: 'lineage-' + reportId + '.zip' }),
    allowed === false
      ? h('p', { id: 'download-reason', class: 'reason', text: roleReason(ctx.user, 'auditor', 'Downloading raw inputs',
        'because they hold customer data and every download is a compliance event') })
      : null,
    status);
}
