// The client of the Lineage HTTP API. Every failure becomes an ApiError carrying the server's
// application/problem+json document (title, detail, field errors, request id), or a status of its own when
// there is none: 0 for "not reachable", 401 for "session ended". No DOM: fetch and the session-ended hook
// are passed in, so the error handling is unit tested with a fake fetch.
import { parseExact } from './exact-json.js';

/** How many items one page of a list (search results, an audit trail) asks for. */
export const PAGE_SIZE = 50;

export class ApiError extends Error {
  constructor(status, title, detail, errors, problem) {
    super(detail || title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors || [];
    this.requestId = (problem && problem.request_id) || null;
    this.type = (problem && problem.type) || null;
  }
}

/** The title shown when a response carries no problem document (a proxy's error page, say). */
export function defaultTitle(status) {
  if (status === 403) return 'Not allowed';
  if (status === 404) return 'Not found';
  if (status === 400) return 'The request was not accepted';
  if (status >= 500) return 'The Lineage service had a problem';
  return 'Request failed (HTTP ' + status + ')';
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Where Spring Security looks for the CSRF token of a request that changes something. */
export const CSRF_HEADER = 'X-XSRF-TOKEN';

/**
 * Returns `api(path, options)`, which resolves to the parsed JSON body (null when empty), or to the Response
 * itself with `raw: true` (downloads). Options: method (GET), accept, json (a value sent as the JSON body),
 * body (sent as is: FormData, Blob, ...), headers, exactNumbers (numbers a double cannot hold kept as sent:
 * lib/exact-json.js; for documents shown as data, never for values the panel computes with).
 *
 * A sign-in redirect or a 401 means the session ended: `onSessionEnded` is called (the panel goes to the
 * sign-in page) and the call fails with status 401. Requests that change something carry the CSRF token.
 */
export function createApi({ fetch: fetchFn, csrfToken = () => '', onSessionEnded = () => {} } = {}) {
  const send = fetchFn || ((...args) => globalThis.fetch(...args));
  return async function api(path, options = {}) {
    const { method = 'GET', accept = 'application/json', json, body, headers, raw = false, exactNumbers = false } =
      options;
    const init = {
      method,
      credentials: 'same-origin',
      headers: { Accept: accept, ...headers },
      redirect: 'manual',
    };
    if (json !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(json);
    } else if (body !== undefined) {
      init.body = body;
    }
    if (!SAFE_METHODS.has(method.toUpperCase())) {
      const token = csrfToken();
      if (token) init.headers[CSRF_HEADER] = token;
    }
    let response;
    try {
      response = await send(path, init);
    } catch (e) {
      throw new ApiError(0, 'The Lineage service could not be reached',
        'Check your network connection or VPN, then try again.');
    }
    if (response.type === 'opaqueredirect' || response.status === 401) {
      onSessionEnded();
      throw new ApiError(401, 'Your session has ended', 'Taking you to the sign-in page…');
    }
    if (!response.ok) {
      let problem = {};
      try {
        problem = (await response.json()) || {};
      } catch (ignored) {
        // not problem+json (a proxy's error page, say): fall back to the status line
      }
      throw new ApiError(response.status, problem.title || defaultTitle(response.status),
        problem.detail || '', problem.errors, problem);
    }
    if (raw) return response;
    const text = await response.text();
    if (text === '') return null;
    return exactNumbers ? parseExact(text) : JSON.parse(text);
  };
}

/** The file name in a Content-Disposition header (RFC 6266: filename* wins over filename), or null. */
export function filenameFromDisposition(disposition) {
  if (!disposition) return null;
  const star = disposition.match(/filename\*=(?:UTF-8'')?([^;]+)/i);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch (ignored) {
      // fall through to the plain filename
    }
  }
  const plain = disposition.match(/filename="?([^";]+)"?/i);
  return plain ? plain[1] : null;
}
