import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from './assets.js';

const { visibleText, plainTextProblem } = await load('lib/plain-text.js');

describe('visibleText', () => {
  it('shows a bidirectional override as a marker instead of letting it reverse the rest', () => {
    assert.equal(visibleText('v1\u202egnp.exe'), 'v1⟨U+202E⟩gnp.exe');
    assert.equal(visibleText('a\u2066b\u2069'), 'a⟨U+2066⟩b⟨U+2069⟩', 'isolates');
  });

  it('shows zero-width characters and the byte order mark', () => {
    assert.equal(visibleText('tpl\u200b-1'), 'tpl⟨U+200B⟩-1');
    assert.equal(visibleText('\u200c\u200d\u200e\u200f'), '⟨U+200C⟩⟨U+200D⟩⟨U+200E⟩⟨U+200F⟩');
    assert.equal(visibleText('x\u2060\u2064'), 'x⟨U+2060⟩⟨U+2064⟩');
    assert.equal(visibleText('\ufeffv2'), '⟨U+FEFF⟩v2');
    assert.equal(visibleText('soft\u00adhyphen'), 'soft⟨U+00AD⟩hyphen', 'any other format character (Cf)');
  });

  it('shows control characters, separators and lone surrogates', () => {
    assert.equal(visibleText('a\nb\tc\u0000'), 'a⟨U+000A⟩b⟨U+0009⟩c⟨U+0000⟩');
    assert.equal(visibleText('c1\u0085x\u007f'), 'c1⟨U+0085⟩x⟨U+007F⟩');
    assert.equal(visibleText('one\u2028two\u2029'), 'one⟨U+2028⟩two⟨U+2029⟩');
    assert.equal(visibleText('half\ud83d'), 'half⟨U+D83D⟩');
    assert.equal(visibleText('\ude00x'), '⟨U+DE00⟩x');
  });

  it('leaves ordinary text as it is, in any script and with emoji', () => {
    for (const text of ['', 'tpl-2026.03_v7', 'SUP-4821 checked', 'Ünïcødé 漢字 😀', 'שלום مرحبا', 'a b\u00a0c']) {
      assert.equal(visibleText(text), text);
    }
    assert.equal(visibleText(null), '');
    assert.equal(visibleText(undefined), '');
    assert.equal(visibleText(42), '42');
  });

  it('marks exactly what plainTextProblem refuses: one classification', () => {
    for (let cp = 0; cp <= 0x2ffff; cp++) {
      if (cp >= 0x3400 && cp < 0xfb00) continue; // letters only, to keep the test quick
      const ch = String.fromCodePoint(cp);
      assert.equal(visibleText(ch) !== ch, plainTextProblem(ch) !== '', 'U+' + cp.toString(16));
    }
  });
});
