// Asks why the user needs customer data before a download (or any read of raw inputs): a small modal dialog
// with one field. A purpose the server accepted is remembered for the browser tab, so a second download offers
// it again; one it refused is asked for again with the server's reason (withPurpose).
import { PURPOSE_HEADER, purposeHeaderValue, purposeProblem, purposeRefusal } from '../lib/purpose.js';
import { h } from './dom.js';

const REMEMBERED = 'lineage.accessPurpose';

/**
 * Reads customer data with a stated purpose: asks for it, calls `request(headers)` (the X-Access-Purpose header
 * to send), and when the server refuses the purpose (a 400 naming the header) asks again, showing the server's
 * reason, instead of ending the view with an error. Resolves to { value } (what `request` resolved to), or null
 * when the user cancels or the view goes away; any other failure of `request` rejects as it came.
 */
export async function withPurpose(what, { signal } = {}, request) {
  let refused = null;
  for (;;) {
    const purpose = await askPurpose(what, { signal, refused });
    if (purpose == null) return null;
    try {
      const value = await request({ [PURPOSE_HEADER]: purposeHeaderValue(purpose) });
      sessionStorage.setItem(REMEMBERED, purpose);
      return { value };
    } catch (e) {
      const reason = purposeRefusal(e);
      if (!reason) throw e;
      refused = { purpose, reason };
    }
  }
}

/**
 * Resolves to the stated purpose, or null when the user cancels or the view that asked goes away.
 * @param what what is about to be read, e.g. "the raw inputs of report 0190…"
 * @param signal the asking view's ctx.signal: navigating away closes and removes the dialog (answering null), so
 *   a dialog left open never reads for a view that is gone
 * @param refused { purpose, reason }: the purpose the server refused and why, shown in the field to correct
 */
export function askPurpose(what, { signal, refused = null } = {}) {
  return new Promise((resolve) => {
    if (signal && signal.aborted) {
      resolve(null);
      return;
    }
    // one dialog at a time: one still open (it would be modal, but scripts can navigate) answers null
    const open = document.getElementById('purpose-dialog');
    if (open) open.dispatchEvent(new Event('cancel'));
    const input = h('input', {
      id: 'purpose-input', name: 'purpose', type: 'text', required: true, autocomplete: 'off',
      spellcheck: 'false', 'aria-describedby': 'purpose-hint purpose-error',
      placeholder: 'e.g. SUP-4821 customer disputes the score',
    });
    input.value = refused ? refused.purpose : sessionStorage.getItem(REMEMBERED) || '';
    const error = h('p', { id: 'purpose-error', class: 'field-error', role: 'alert' });
    if (refused) {
      error.textContent = 'Not accepted: ' + refused.reason;
      input.setAttribute('aria-invalid', 'true');
    }
    const cancel = h('button', { type: 'button', class: 'btn', id: 'purpose-cancel' }, 'Cancel');
    const form = h('form', { method: 'dialog', class: 'purpose-form', novalidate: true },
      h('h2', { id: 'purpose-title', text: 'Why do you need this data?' }),
      h('p', { class: 'muted', text: 'You are about to read ' + what + ', which is customer data.' }),
      h('div', { class: 'field' },
        h('label', { for: 'purpose-input', text: 'Purpose of access' }),
        input,
        h('p', { id: 'purpose-hint', class: 'hint',
          text: 'A ticket reference or a short reason. It is stored in the audit trail with your name.' }),
        error),
      h('div', { class: 'actions' },
        cancel,
        h('button', { type: 'submit', class: 'btn btn-primary', id: 'purpose-continue' }, 'Continue')));
    const dialog = h('dialog', { id: 'purpose-dialog', class: 'dialog', 'aria-labelledby': 'purpose-title' }, form);
    let answered = false;
    const finish = (value) => {
      if (answered) return;
      answered = true;
      if (signal) signal.removeEventListener('abort', gone);
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    const gone = () => finish(null);
    if (signal) signal.addEventListener('abort', gone);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const problem = purposeProblem(input.value.trim());
      if (problem) {
        error.textContent = problem;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      finish(input.value.trim());
    });
    cancel.addEventListener('click', () => finish(null));
    dialog.addEventListener('cancel', () => finish(null));
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
    input.select();
  });
}
