// Legal hold: the reason an admin gives for placing one (PUT /api/lineage/{id}/hold, body {"reason": ...}).
// No DOM: checked here, asked for by views/report-hold.js.
import { plainTextProblem } from './plain-text.js';

export const HOLD_REASON_MIN = 3;
export const HOLD_REASON_MAX = 500;

/** Why the server would refuse this reason, or '' (mirrors hold.LegalHolds on the server). */
export function holdReasonProblem(text) {
  const reason = text == null ? '' : String(text);
  const length = [...reason].length;
  if (reason.trim() === '') return 'Say why the record is held: a case or ticket reference.';
  if (length < HOLD_REASON_MIN) return 'At least ' + HOLD_REASON_MIN + ' characters, please.';
  if (length > HOLD_REASON_MAX) return 'At most ' + HOLD_REASON_MAX + ' characters (this has ' + length + ').';
  return plainTextProblem(reason);
}

/** The API path of a record's hold. */
export function holdPath(lineageId) {
  return '/api/lineage/' + encodeURIComponent(lineageId) + '/hold';
}
