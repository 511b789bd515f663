// JSON numbers as the server wrote them. JSON.parse turns every number into a double, so an integer above 2^53
// (an id, a phone number kept as a number), a decimal with more digits than a double holds, or 1e400 would be
// shown as another number (12345678901234567890 as 12345678901234567000, 1e400 as null) in a view that says
// "this is what the pipeline saw". parseExact keeps such a number as JSON.rawJSON(its source text): shown and
// serialised exactly, and a leaf like any number (isExactNumber). Numbers a double holds stay plain numbers.
// Needs JSON.parse source text access (Chromium 114+); elsewhere it is JSON.parse.

const NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** A number's text in one form for comparison: sign, significant digits, exponent ("1.50e2" → "15e1"). */
export function normalNumber(text) {
  const m = NUMBER.exec(text);
  if (!m) return text; // Infinity, NaN
  const fraction = m[3] || '';
  let digits = (m[2] + fraction).replace(/^0+/, '');
  let exponent = Number(m[4] || 0) - fraction.length;
  if (digits === '') return '0';
  while (digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    exponent++;
  }
  return m[1] + digits + 'e' + exponent;
}

/** Whether the double `value` parsed from `source` is another number than the text says. */
export function losesDigits(source, value) {
  return normalNumber(source) !== normalNumber(String(value));
}

function probe() {
  if (typeof JSON.rawJSON !== 'function' || typeof JSON.isRawJSON !== 'function') return false;
  let seen = false;
  JSON.parse('1', (key, value, context) => {
    seen = context !== undefined && context.source === '1';
    return value;
  });
  return seen;
}

export const exactNumbersSupported = probe();

export function isExactNumber(value) {
  return exactNumbersSupported && value !== null && typeof value === 'object' && JSON.isRawJSON(value);
}

// A number a double may not hold has 16 or more digits, or an exponent (a value after ':', '[' or ','; text inside
// strings rarely looks like that, and when it does only costs time); a document without one (most) is parsed
// without the reviver, which costs several times the parse on a 20 MB document.
const MAY_LOSE_DIGITS = /[:[,]\s*-?\d(?:[\d.]{15,}|[\d.]*[eE])/;

export function parseExact(text) {
  if (!exactNumbersSupported || !MAY_LOSE_DIGITS.test(text)) return JSON.parse(text);
  return JSON.parse(text, (key, value, context) => (typeof value === 'number' && losesDigits(context.source, value)
    ? JSON.rawJSON(context.source) : value));
}
