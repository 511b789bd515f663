// Download buttons for a report's raw inputs and bundle. Every download is an audited read of customer data on
// the server: the user states a purpose first (ui/purpose-dialog.js), which the audit row keeps. The button
// only explains up front (disabled, with a reason) when the user's roles cannot allow it.
import { filenameFromDisposition } from '../lib/api.js';
import { fmtBytes } from '../lib/format.js';
import { h } from '../ui/dom.js';
import { withPurpose } from '../ui/purpose-dialog.js';
import { errorNotice } from '../ui/widgets.js';

/**
 * @param allowed true, false, or null (roles unknown: let the server decide)
 * @param status the element that reports the outcome of any download
 * @param onDownloaded called after a file was received (the server counted the read)
 */
export function downloadButton(ctx, { id, label, href, fallbackName, allowed, status, what, onDownloaded }) {
  const button = h('button', {
    type: 'button', id, class: 'btn' + (allowed === false ? '' : ' btn-primary'),
    disabled: allowed === false,
    'aria-describedby': allowed === false ? 'download-reason' : null,
  }, label);
  button.addEventListener('click', () => download(ctx, button, href, fallbackName, status, what, onDownloaded));
  return button;
}

async function download(ctx, button, href, fallbackName, status, what, onDownloaded = () => {}) {
  const label = button.textContent;
  status.replaceChildren();
  // the body is read while the button is busy, so a second click cannot start a second download meanwhile
  const fetchFile = async (headers) => {
    button.disabled = true;
    button.textContent = 'Preparing…';
    try {
      const response = await ctx.api(href, {
        accept: 'application/gzip, application/zip, */*',
        headers,
        raw: true,
      });
      return { blob: await response.blob(), disposition: response.headers.get('Content-Disposition') };
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  };
  try {
    const answer = await withPurpose(what || 'the raw inputs of this report', { signal: ctx.signal }, fetchFile);
    if (!ctx.isCurrent()) return;
    if (answer == null) {
      status.replaceChildren(h('p', { class: 'muted', text: 'Download cancelled: no purpose was given.' }));
      return;
    }
    const { blob, disposition } = answer.value;
    const name = filenameFromDisposition(disposition) || fallbackName;
    saveBlob(blob, name);
    status.replaceChildren(h('p', { class: 'ok', text: 'Downloaded ' + name + ' (' + fmtBytes(blob.size) + ').' }));
    onDownloaded();
  } catch (e) {
    if (ctx.isCurrent()) status.replaceChildren(errorNotice(e, 'Download failed', ctx.retry));
  } finally {
    // a disabled button loses the focus: give it back, so a keyboard user stays where they were
    if (ctx.isCurrent() && (document.activeElement === document.body || document.activeElement == null)) button.focus();
  }
}

function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, class: 'offscreen' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
