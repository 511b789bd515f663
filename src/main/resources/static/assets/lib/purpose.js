// The purpose of an access to customer data (X-Access-Purpose): a ticket reference or a short reason that the
// server stores in the access's audit row. No DOM: checked and encoded here, asked for by ui/purpose-dialog.js.
import { plainTextProblem } from './plain-text.js';

export const PURPOSE_HEADER = 'X-Access-Purpose';
export const PURPOSE_MIN = 3;
export const PURPOSE_MAX = 200;

/** Why the server would refuse this purpose, or '' (mirrors caller.AccessPurpose on the server). */
export function purposeProblem(text) {
  const purpose = text == null ? '' : String(text);
  const length = [...purpose].length;
  if (purpose.trim() === '') return 'Say why you need this data: a ticket reference or a short reason.';
  if (length < PURPOSE_MIN) return 'At least ' + PURPOSE_MIN + ' characters, please.';
  if (length > PURPOSE_MAX) return 'At most ' + PURPOSE_MAX + ' characters (this has ' + length + ').';
  return plainTextProblem(purpose);
}

/**
 * The header value carrying `text`: plain when it is printable ASCII, otherwise an RFC 8187 extended value
 * (UTF-8'' and the percent-encoded UTF-8 bytes), which the server decodes (caller.AccessPurpose).
 */
export function purposeHeaderValue(text) {
  const purpose = text.trim();
  if (/^[\x20-\x7e]*$/.test(purpose)) return purpose;
  return "UTF-8''" + encodeURIComponent(purpose);
}

/**
 * The server's reason when `error` (an ApiError) refused the stated purpose — a 400 naming X-Access-Purpose —
 * or '' for any other failure.
 */
export function purposeRefusal(error) {
  if (!error || error.status !== 400) return '';
  const named = (error.errors || []).find((x) => String(x.field).toLowerCase() === PURPOSE_HEADER.toLowerCase());
  return named ? String(named.message || error.detail || 'refused') : '';
}
