// The report page's "Raw inputs" tab (auditors): the stored document decompressed by the server
// (GET /api/lineage/{lineage_id}/raw-inputs, an audited read that states a purpose) shown as a tree.
import { fmtBytes } from '../lib/format.js';
import { PURPOSE_HEADER, purposeHeaderValue } from '../lib/purpose.js';
import { hasRole, roleReason } from '../lib/session.js';
import { h } from '../ui/dom.js';
import { JsonTreeViewer } from '../ui/json-tree.js';
import { askPurpose } from '../ui/purpose-dialog.js';
import { errorNotice, loading, notice } from '../ui/widgets.js';

export function fillInputs(panel, summary, ctx) {
  if (hasRole(ctx.user, 'auditor') === false) {
    panel.replaceChildren(notice('info', 'The raw inputs are for auditors',
      roleReason(ctx.user, 'auditor', 'Reading the raw inputs', 'because they hold customer data')));
    return;
  }
  const open = h('button', { type: 'button', class: 'btn btn-primary', id: 'open-raw-inputs' },
    'Show the raw inputs (' + fmtBytes(summary.raw_inputs_size_bytes) + ')');
  open.addEventListener('click', () => show(panel, summary, ctx));
  panel.replaceChildren(h('p', { class: 'muted', text: 'The assessment and enrichment rows, the inputs and any'
    + ' truncation note, as captured. Reading them is audited with your purpose.' }), open);
}

async function show(panel, summary, ctx) {
  const purpose = await askPurpose('the raw inputs of report ' + summary.report_generation_id, { signal: ctx.signal });
  if (purpose == null || !ctx.isCurrent()) {
    panel.append(h('p', { class: 'muted', text: 'Not opened: no purpose was given.' }));
    return;
  }
  panel.replaceChildren(loading('Reading the raw inputs…'));
  let doc;
  try {
    doc = await ctx.api('/api/lineage/' + summary.lineage_id + '/raw-inputs',
      { headers: { [PURPOSE_HEADER]: purposeHeaderValue(purpose) } });
  } catch (e) {
    panel.replaceChildren(errorNotice(e, 'Raw inputs', () => show(panel, summary, ctx)));
    return;
  }
  if (!ctx.isCurrent()) return;
  const viewer = new JsonTreeViewer(doc);
  ctx.signal.addEventListener('abort', () => viewer.destroy());
  const truncation = doc && doc.truncation;
  panel.replaceChildren(...[
    truncation ? notice('info', 'This document was truncated',
      'Rows were dropped to fit the size cap; see $.truncation for what was dropped.') : null,
    viewer.root].filter(Boolean));
  viewer.mount();
}
