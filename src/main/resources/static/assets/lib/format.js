// Display formatting: pure functions, no DOM. Missing values show as an em dash.

export const NONE = '—';

/** "2026-11-25 10:04:05.123 UTC" (milliseconds only when there are some); anything unparsable as given. */
export function fmtTime(iso) {
  if (!iso) return NONE;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '') + ' UTC';
}

/** The day after a yyyy-mm-dd day (UTC): the exclusive end of a search that includes that whole day. */
export function nextDay(day) {
  const date = new Date(day + 'T00:00:00Z');
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Binary units: "512 B", "1.5 KiB", "120 MiB". */
export function fmtBytes(n) {
  if (n == null) return NONE;
  if (n < 1024) return n + ' B';
  const units = ['KiB', 'MiB', 'GiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return (v >= 100 ? v.toFixed(0) : v.toFixed(1)) + ' ' + units[i];
}

/** "1.25 s", "1 min 38 s", "2 h 5 min". */
export function fmtDuration(seconds) {
  if (seconds == null) return NONE;
  const s = Number(seconds);
  if (s < 60) return Math.round(s * 1000) / 1000 + ' s';
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  if (m < 60) return m + ' min ' + rest + ' s';
  return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
}

/** A compression ratio: "6.2×". */
export function fmtRatio(r) {
  if (r == null) return NONE;
  return Number(r).toFixed(1) + '×';
}

/** "20,000" whatever the browser's locale, so counts read the same in every screenshot and test. */
export function fmtInt(n) {
  return n == null ? NONE : Number(n).toLocaleString('en-US');
}

/** Cuts long user input for messages: at most 48 characters. */
export function shorten(s) {
  return s.length > 48 ? s.slice(0, 45) + '…' : s;
}
