// The pipeline's JSON log as rows, and the arithmetic of the virtualised list (ui/log-viewer.js). Pure
// functions, no DOM: the viewer stays fast for 20,000 entries because everything here is a plain loop.
import { fmtInt } from './format.js';

const MSG_KEYS = ['msg', 'message', 'text', 'event'];
const TS_KEYS = ['ts', 'timestamp', 'time', '@timestamp', 'at'];
const LEVEL_KEYS = ['level', 'severity', 'lvl', 'levelname', 'log_level'];
const LIST_KEYS = ['entries', 'logs', 'events', 'records', 'lines'];
const LEVEL_ORDER = ['FATAL', 'CRITICAL', 'ERROR', 'WARN', 'WARNING', 'NOTICE', 'INFO', 'DEBUG', 'TRACE'];

function pick(obj, keys) {
  for (const k of keys) if (obj[k] != null) return obj[k];
  return null;
}

/**
 * Rows { n (1-based), raw (the entry as sent), ts, level (upper case), msg, hay (search index, built lazily) }
 * from whatever the pipeline sent: an array, or an object holding one under a usual key, of objects or plain
 * strings. null when no logs were sent.
 */
export function normalizeLogs(data) {
  if (data == null) return null;
  let list;
  if (Array.isArray(data)) list = data;
  else if (typeof data === 'object') {
    const key = LIST_KEYS.find((k) => Array.isArray(data[k]));
    list = key ? data[key] : [data];
  } else list = [data];
  const out = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const raw = list[i];
    let ts = null;
    let level = '';
    let msg;
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      ts = pick(raw, TS_KEYS);
      const l = pick(raw, LEVEL_KEYS);
      level = l == null ? '' : String(l).toUpperCase();
      const m = pick(raw, MSG_KEYS);
      msg = m == null ? '' : typeof m === 'string' ? m : JSON.stringify(m);
    } else {
      msg = typeof raw === 'string' ? raw : JSON.stringify(raw);
    }
    out[i] = { n: i + 1, raw, ts: ts == null ? '' : String(ts), level, msg, hay: null };
  }
  return out;
}

/** The CSS class of a level's badge. */
export function levelClass(level) {
  if (/^(ERROR|ERR|FATAL|CRITICAL|CRIT|SEVERE|ALERT|EMERG)/.test(level)) return 'lv-error';
  if (/^WARN/.test(level)) return 'lv-warn';
  if (/^(INFO|NOTICE)/.test(level)) return 'lv-info';
  if (/^(DEBUG|TRACE|FINE)/.test(level)) return 'lv-debug';
  return 'lv-other';
}

function rank(level) {
  const i = LEVEL_ORDER.indexOf(level);
  return i < 0 ? LEVEL_ORDER.length : i;
}

/** [{ level, count }], most severe first, unknown levels after the known ones in alphabetical order. */
export function levelCounts(entries) {
  const counts = new Map();
  for (const e of entries) counts.set(e.level, (counts.get(e.level) || 0) + 1);
  return [...counts.keys()]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((level) => ({ level, count: counts.get(level) }));
}

/** The element id of a level's checkbox: lvl-ERROR, lvl-none for entries without a level. */
export function levelBoxId(level) {
  return 'lvl-' + (level || 'none').replace(/[^A-Za-z0-9]/g, '_');
}

function haystack(e) {
  return (typeof e.raw === 'string' ? e.raw : JSON.stringify(e.raw)).toLowerCase();
}

/**
 * The entries to show: those whose level is in `levels` (null: every level) and whose whole JSON contains
 * `text`, case-insensitively. With no filter the same array comes back. Each entry's lower-cased JSON is
 * built on the first text search and kept, so later searches only scan strings.
 */
export function filterEntries(entries, { levels = null, text = '' } = {}) {
  const needle = text.trim().toLowerCase();
  if (!levels && !needle) return entries;
  const out = [];
  for (const e of entries) {
    if (levels && !levels.has(e.level)) continue;
    if (needle) {
      if (e.hay === null) e.hay = haystack(e);
      if (!e.hay.includes(needle)) continue;
    }
    out.push(e);
  }
  return out;
}

/**
 * Where the selection goes when the filter changes (`selected`: the selected entry or null, `visible`: the
 * entries now shown): { index } of the same entry among them, or index -1 and { hidden: the entry } when the
 * filter hides it, so that the viewer clears the detail it showed instead of describing a row not in the list.
 */
export function selectionAfterFilter(selected, visible) {
  if (!selected) return { index: -1, hidden: null };
  const index = visible.indexOf(selected);
  return { index, hidden: index < 0 ? selected : null };
}

/** "300 entries", or "Showing 1 of 300 entries" while a filter hides some. */
export function countLabel(shown, total) {
  return shown === total
    ? fmtInt(total) + ' entries'
    : 'Showing ' + fmtInt(shown) + ' of ' + fmtInt(total) + ' entries';
}

/**
 * The rows to put in the DOM for a list scrolled to `scrollTop` in a viewport `height` px tall: indexes
 * [first, last) of `count` rows of `rowHeight` px, plus `overscan` rows either side.
 */
export function rowWindow({ scrollTop, height, rowHeight, count, overscan }) {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}

/** The scrollTop that brings row `index` fully into view, moving as little as possible. */
export function scrollToReveal({ index, rowHeight, scrollTop, height }) {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + height) return top + rowHeight - height;
  return scrollTop;
}

/**
 * The row a navigation key moves the selection to (current -1: nothing selected), or null for other keys.
 * `page` is how many rows PageDown moves. May be -1 when there are no rows.
 */
export function keyTarget(key, { current, count, page }) {
  const moves = {
    ArrowDown: current + 1, ArrowUp: Math.max(0, current - 1), PageDown: current + page,
    PageUp: Math.max(0, current - page), Home: 0, End: count - 1,
  };
  return Object.hasOwn(moves, key) ? Math.min(count - 1, moves[key]) : null;
}

/** Rows one PageDown moves: a screenful less one, at least one. */
export function pageRows(height, rowHeight) {
  return Math.max(1, Math.floor(height / rowHeight) - 1);
}
