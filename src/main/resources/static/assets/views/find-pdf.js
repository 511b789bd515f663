// #/pdf : "which report is this PDF?" Drop a file (or pick one): its SHA-256 is computed here in the browser
// (lib/file-hash.js; the file never leaves the machine) and looked up with GET /api/lineage/search?pdf_sha256=.
// One match opens the report, several are listed, none is said plainly.
import { fmtBytes, fmtTime } from '../lib/format.js';
import { sha256File } from '../lib/file-hash.js';
import { link } from '../lib/router.js';
import { h, replaceAll } from '../ui/dom.js';
import { copyButton, errorNotice, notice } from '../ui/widgets.js';

export function render(ctx) {
  const input = h('input', { type: 'file', id: 'pdf-file', accept: 'application/pdf,.pdf', class: 'visually-hidden' });
  const zone = h('label', { class: 'drop-zone', id: 'pdf-drop', for: 'pdf-file', tabindex: '0' },
    h('strong', { text: 'Drop a PDF here' }), h('span', { class: 'muted', text: ' or click to pick a file' }),
    h('p', { class: 'muted', text: 'The file is hashed in this browser (SHA-256) and never uploaded.' }));
  const progress = h('progress', { id: 'pdf-progress', max: '100', value: '0', hidden: true });
  const status = h('div', { id: 'pdf-status', 'aria-live': 'polite' });
  let controller = null;
  ctx.signal.addEventListener('abort', () => controller && controller.abort());

  const start = async (file) => {
    if (!file) return;
    if (controller) controller.abort();
    controller = new AbortController();
    const mine = controller;
    progress.hidden = false;
    progress.value = 0;
    status.replaceChildren(h('p', { id: 'pdf-hashing', text: 'Hashing ' + file.name + ' (' + fmtBytes(file.size) + ')…' }));
    let result;
    try {
      result = await sha256File(file, {
        signal: mine.signal,
        onProgress: (read, size) => {
          progress.value = size ? Math.round((read / size) * 100) : 100;
        },
      });
    } catch (e) {
      if (e.name === 'AbortError') return;
      status.replaceChildren(notice('error', 'Could not hash the file', String(e.message || e)));
      return;
    }
    if (mine.signal.aborted || !ctx.isCurrent()) return;
    await lookUp(ctx, file, result, status);
  };

  input.addEventListener('change', () => {
    const file = input.files[0];
    input.value = ''; // so that picking the same file again (after editing it, say) is a change too
    start(file);
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    start(event.dataTransfer.files[0]);
  });
  zone.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      input.click();
    }
  });
  ctx.show(h('h1', { text: 'Find a report from its PDF' }), zone, input, progress, status);
}

/** Looks the hash up and says what was found in `status` (exported for the unit test). */
export async function lookUp(ctx, file, { sha256, pdf }, status) {
  const hash = h('p', null, 'SHA-256 ', h('code', { id: 'pdf-sha256', class: 'mono', text: sha256 }),
    copyButton(sha256, 'SHA-256'));
  const notPdf = pdf ? null : notice('info', file.name + ' is not a PDF',
    'It does not start like a PDF file; its hash was looked up anyway.');
  replaceAll(status, hash, notPdf, h('p', { class: 'muted', text: 'Looking it up…' }));
  let page;
  try {
    page = await ctx.api('/api/lineage/search?' + new URLSearchParams({ pdf_sha256: sha256, limit: '50' }));
  } catch (e) {
    replaceAll(status, hash, notPdf, errorNotice(e, 'Lookup', null));
    return;
  }
  if (!ctx.isCurrent()) return;
  const items = page.items || [];
  if (items.length === 1) {
    ctx.navigate(link('/reports/:id', { id: items[0].report_generation_id }),
      { handoff: { summary: items[0], flash: 'Found from the PDF ' + file.name + ' (SHA-256 ' + sha256 + ').' } });
    return;
  }
  if (items.length === 0) {
    replaceAll(status, hash, notPdf, h('div', { id: 'pdf-no-report' }, notice('info', 'No report has this PDF',
      'No lineage record was captured with this SHA-256. The PDF may come from another system, have been'
        + ' changed after it was generated, or its record was purged by retention.')));
    return;
  }
  replaceAll(status, hash, notPdf,
    h('p', { id: 'pdf-matches', text: items.length + (page.next_cursor ? '+' : '') + ' reports have this PDF:' }),
    h('ul', { class: 'plain' }, items.map((s) => h('li', null,
      h('a', { class: 'mono report-link', href: link('/reports/:id', { id: s.report_generation_id }),
        text: s.report_generation_id }), ' ', h('span', { class: 'muted', text: fmtTime(s.created_at) })))));
}
