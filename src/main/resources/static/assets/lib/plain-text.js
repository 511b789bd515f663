// The characters the server refuses in text a person types for the record — a stated purpose, a hold's reason —
// (caller.PlainText on the server): control characters, invisible format characters (a bidirectional override
// such as U+202E makes the stored text read differently from what it is), line and paragraph separators, and
// half of a surrogate pair. No DOM.

/** The code point as U+XXXX. */
function codePoint(ch) {
  return 'U+' + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0');
}

/** Why the server would refuse this text for the characters in it, or ''. */
export function plainTextProblem(text) {
  for (const ch of String(text == null ? '' : text)) {
    const cp = ch.codePointAt(0);
    if (cp >= 0xd800 && cp <= 0xdfff) {
      return 'It holds half of a character (' + codePoint(ch) + ', a lone surrogate): type that character again.';
    }
    if (/\p{Cc}/u.test(ch)) return 'Line breaks and other control characters cannot be stored.';
    if (/\p{Cf}/u.test(ch)) {
      return 'It holds an invisible formatting character (' + codePoint(ch) + '), which cannot be stored: remove it'
        + ' (it often comes with pasted text).';
    }
    if (ch === '\u2028' || ch === '\u2029') return 'Line and paragraph separators cannot be stored.';
  }
  return '';
}
