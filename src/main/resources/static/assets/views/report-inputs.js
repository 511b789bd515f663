// The report page's "Raw inputs" tab (auditors): the stored document decompressed by the server
// (GET /api/lineage/{lineage_id}/raw-inputs, an audited read that states a purpose) shown as a tree.
import { fmtBytes } from '../lib/format.js';
import { hasRole, roleReason } from '../lib/session.js';
import { h, replaceAll } from '../ui/dom.js';
import { JsonTreeViewer } from '../ui/json-tree.js';
import { withPurpose } from '../ui/purpose-dialog.js';
import { errorNotice, loading, notice } from '../ui/widgets.js';

/** `onRead` is called once the document arrived (the server counted the read). */
export function fillInputs(panel, summary, ctx, onRead = () => {}) {
  if (hasRole(ctx.user, 'auditor') === false) {
    panel.replaceChildren(notice('info', 'The raw inputs are for auditors',
      roleReason(ctx.user, 'auditor', 'Reading the raw inputs', 'because they hold customer data')));
    return;
  }
  offer(panel, summary, ctx, null, onRead);
}

/** The explanation and the button that opens the tree; `note` says why it is shown again (a cancel). */
function offer(panel, summary, ctx, note, onRead) {
  const open = h('button', { type: 'button', class: 'btn btn-primary', id: 'open-raw-inputs' },
    'Show the raw inputs (' + fmtBytes(summary.raw_inputs_size_bytes) + ')');
  open.addEventListener('click', () => show(panel, summary, ctx, onRead));
  replaceAll(panel, h('p', { class: 'muted', text: 'The assessment and enrichment rows, the inputs and any'
    + ' truncation note, as captured. Reading them is audited with your purpose.' }), open,
  note ? h('p', { class: 'muted', id: 'raw-inputs-note', text: note }) : null);
  return open;
}

async function show(panel, summary, ctx, onRead) {
  let answer;
  try {
    answer = await withPurpose('the raw inputs of report ' + summary.report_generation_id, { signal: ctx.signal },
      (headers) => {
        panel.replaceChildren(loading('Reading the raw inputs…'));
        return ctx.api('/api/lineage/' + summary.lineage_id + '/raw-inputs', { headers, exactNumbers: true });
      });
  } catch (e) {
    if (ctx.isCurrent()) panel.replaceChildren(errorNotice(e, 'Raw inputs', () => show(panel, summary, ctx, onRead)));
    return;
  }
  if (!ctx.isCurrent()) return;
  if (answer == null) {
    offer(panel, summary, ctx, 'Not opened: no purpose was given.', onRead).focus();
    return;
  }
  onRead();
  const doc = answer.value;
  const viewer = new JsonTreeViewer(doc);
  ctx.signal.addEventListener('abort', () => viewer.destroy());
  const truncation = doc && doc.truncation;
  panel.replaceChildren(...[
    truncation ? notice('info', 'This document was truncated',
      'Rows were dropped to fit the size cap; see $.truncation for what was dropped.') : null,
    viewer.root].filter(Boolean));
  viewer.mount();
}
