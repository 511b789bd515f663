// What kind of id the user typed into a search box. Pure functions, no DOM.
import { shorten } from './format.js';

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const SHA256_RE = /^[0-9a-f]{64}$/i;
export const EXAMPLE_UUID = '0192f7b4-8c1e-7a3d-9f00-5b2a1c3d4e5f';

export function isUuid(value) {
  return UUID_RE.test(value);
}

/**
 * 'empty', 'sha' (a PDF SHA-256), 'uuid' (a report, lineage, lead or pipeline run id: only the API can tell which)
 * or 'invalid'. Expects trimmed input.
 */
export function classify(q) {
  if (q === '') return 'empty';
  if (SHA256_RE.test(q)) return 'sha';
  if (UUID_RE.test(q)) return 'uuid';
  return 'invalid';
}

/** Why `value` is not an id, in words that help fix it (a digit too few is the usual mistake). */
export function describeInvalid(value) {
  const compact = value.replace(/[\s-]/g, '');
  if (/^[0-9a-f]+$/i.test(compact) && compact.length !== 32 && compact.length !== 64) {
    return '"' + shorten(value) + '" has ' + compact.length + ' hex digits: a UUID has 32 (with dashes, 36 characters)'
      + ' and a PDF SHA-256 has 64.';
  }
  return '"' + shorten(value) + '" is not a report id, lineage id, lead id or pipeline run id (UUIDs like'
    + ' ' + EXAMPLE_UUID + ') nor a PDF SHA-256 (64 hex digits).';
}
