// Small pieces every view uses: notices (errors explained, never a blank page), copy buttons, the toast,
// times with their local equivalent on hover.
import { ApiError } from '../lib/api.js';
import { fmtTime, NONE } from '../lib/format.js';
import { MARKER_NOTE, visibleText } from '../lib/plain-text.js';
import { $, h, svg } from './dom.js';

let toastTimer = 0;

/** A short confirmation at the bottom of the page ("Copied report id"). */
export function toast(text) {
  const el = $('#toast');
  el.textContent = text;
  el.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('show'), 1800);
}

export async function copyText(text, what) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
    } else {
      const area = h('textarea', { class: 'offscreen', 'aria-hidden': 'true', readonly: true });
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    toast('Copied ' + what);
  } catch (e) {
    toast('Could not copy: select the text and press Ctrl+C');
  }
}

export function copyButton(text, what) {
  return h('button', {
    type: 'button',
    class: 'btn btn-icon copy',
    'aria-label': 'Copy ' + what,
    title: 'Copy ' + what,
    onclick: () => copyText(text, what),
  }, copyIcon());
}

function copyIcon() {
  const rect = (xy, cls) => svg('rect', { x: xy, y: xy, width: 9, height: 9, rx: 1.5, class: cls });
  return svg('svg', { viewBox: '0 0 16 16', width: 14, height: 14, 'aria-hidden': 'true', focusable: 'false' },
    rect(5, 'front'), rect(2, 'back'));
}

/**
 * h() attributes for an element showing a stored value (an id, a purpose, a user agent): its text with invisible
 * and control characters as ⟨U+…⟩ markers (lib/plain-text.js visibleText), its title (attrs.title, e.g. the
 * full value of a cut-off cell) likewise, and where a marker went in, the class has-invisible and a title saying
 * why the value looks odd. Only the text shown changes: copy buttons and links take the value itself.
 */
export function shownValue(value, attrs = {}) {
  const raw = value == null ? '' : String(value);
  const text = visibleText(raw);
  const title = attrs.title == null ? null : visibleText(attrs.title);
  if (text === raw) return { ...attrs, text, title };
  return { ...attrs, text, class: attrs.class ? attrs.class + ' has-invisible' : 'has-invisible',
    title: (title ? title + '\n' : '') + MARKER_NOTE };
}

/** A time element: UTC as text, the user's local time on hover. */
export function timeEl(iso) {
  if (!iso) return h('span', { class: 'muted', text: NONE });
  const d = new Date(iso);
  const local = Number.isNaN(d.getTime()) ? '' : 'Local: ' + d.toLocaleString();
  return h('time', { datetime: iso, title: local, text: fmtTime(iso) });
}

export function loading(text) {
  return h('p', { class: 'loading', text });
}

/** kind: 'error' (announced at once), 'info'. */
export function notice(kind, title, detail, ...extra) {
  return h('div', { class: 'notice ' + kind, role: kind === 'error' ? 'alert' : 'status' },
    h('strong', { text: title }), detail ? h('p', { text: detail }) : null, extra);
}

/**
 * A failure explained: the server's title and detail, what the user can do, the field errors of a 400, and
 * a "Try again" button (calling `retry`) when trying again can help.
 */
export function errorNotice(e, context, retry) {
  if (!(e instanceof ApiError)) {
    console.error(e);
    return notice('error', 'Something went wrong in the panel', String(e && e.message ? e.message : e)
      + '. Reload the page; if it keeps happening, report it with the link of this page.');
  }
  let hint = e.detail;
  if (e.status === 403) {
    hint = (e.detail ? e.detail + ' ' : '') + 'Your account does not have the role this needs.';
  } else if (e.status === 404) {
    hint = e.detail || 'Nothing with this id is on record.';
  } else if (e.status >= 500) {
    hint = (e.detail ? e.detail + ' ' : '') + 'Try again in a moment.';
  }
  // a 400's detail often is its one field error already ("b: must name another report than a"): say it once
  const restated = (x) => Boolean(e.detail) && e.detail.includes(x.field + ': ' + x.message);
  const fieldErrors = e.errors.length && !e.errors.every(restated)
    ? h('ul', null, e.errors.map((x) => h('li', null, h('code', { text: x.field }), ': ' + x.message)))
    : null;
  const again = retry && (e.status === 0 || e.status >= 500)
    ? h('button', { type: 'button', class: 'btn', onclick: () => retry() }, 'Try again')
    : null;
  return notice('error', (context ? context + ': ' : '') + e.title, hint, fieldErrors, again);
}

/** A link back to the start page, for notices that end a view. */
export function searchLink() {
  return h('p', null, h('a', { href: '#/' }, 'Go to search'));
}
