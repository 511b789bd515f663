// The characters the server refuses in text a person types for the record — a stated purpose, a hold's reason —
// (caller.PlainText on the server): control characters, invisible format characters (a bidirectional override
// such as U+202E makes the stored text read differently from what it is), line and paragraph separators, and
// half of a surrogate pair. The same characters are shown as visible markers where the panel displays a stored
// value (visibleText): rows stored before the server refused them, or copied by the reconciler, may hold them,
// and support staff must read what is stored, not a spoofed reading. No DOM.

/** The code point as U+XXXX. */
function codePoint(ch) {
  return 'U+' + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Which kind of refused character `ch` (one code point) is: 'surrogate', 'control', 'format', 'separator', or
 * '' for an ordinary one. The one classification plainTextProblem and visibleText share.
 */
function refusedKind(ch) {
  const cp = ch.codePointAt(0);
  if (cp >= 0xd800 && cp <= 0xdfff) return 'surrogate';
  if (/\p{Cc}/u.test(ch)) return 'control';
  if (/\p{Cf}/u.test(ch)) return 'format';
  if (ch === '\u2028' || ch === '\u2029') return 'separator';
  return '';
}

/** Why the server would refuse this text for the characters in it, or ''. */
export function plainTextProblem(text) {
  for (const ch of String(text == null ? '' : text)) {
    switch (refusedKind(ch)) {
      case 'surrogate':
        return 'It holds half of a character (' + codePoint(ch) + ', a lone surrogate): type that character again.';
      case 'control':
        return 'Line breaks and other control characters cannot be stored.';
      case 'format':
        return 'It holds an invisible formatting character (' + codePoint(ch) + '), which cannot be stored: remove it'
          + ' (it often comes with pasted text).';
      case 'separator':
        return 'Line and paragraph separators cannot be stored.';
      default:
    }
  }
  return '';
}

/** What an element showing a value with markers says on hover (ui/widgets.js shownValue). */
export const MARKER_NOTE = 'Contains invisible characters, shown as ⟨U+…⟩';

/**
 * The text with every character plainTextProblem refuses replaced by a visible marker, ⟨U+202E⟩ (so
 * "v1\u202Egnp.exe" shows as "v1⟨U+202E⟩gnp.exe", not as "v1exe.png"); everything else, letters of any script
 * and emoji included, as it is. Only for display: a copy or a link keeps the value itself.
 */
export function visibleText(text) {
  const s = String(text == null ? '' : text);
  let out = '';
  for (const ch of s) out += refusedKind(ch) ? '⟨' + codePoint(ch) + '⟩' : ch;
  return out;
}
