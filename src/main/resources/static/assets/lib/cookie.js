// Cookies the panel reads. Spring Security keeps the CSRF token in the XSRF-TOKEN cookie (readable by
// scripts on purpose) and expects it back in the X-XSRF-TOKEN header or the _csrf form field.

export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'X-XSRF-TOKEN';

/** The value of cookie `name` in a Cookie header string such as document.cookie; '' when absent. */
export function readCookie(cookies, name) {
  const prefix = name + '=';
  for (const part of String(cookies || '').split(';')) {
    const p = part.trim();
    if (p.startsWith(prefix)) return decodeURIComponent(p.slice(prefix.length));
  }
  return '';
}

/** The current CSRF token. Read it when sending: the server renews the cookie. */
export function csrfToken() {
  return readCookie(globalThis.document ? document.cookie : '', CSRF_COOKIE);
}
