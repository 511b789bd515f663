import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from './assets.js';

const { purposeProblem, purposeHeaderValue, purposeRefusal, PURPOSE_MAX } = await load('lib/purpose.js');
const { holdReasonProblem } = await load('lib/hold.js');
const { ApiError } = await load('lib/api.js');

describe('purpose of access', () => {
  it('accepts a ticket reference or a short reason', () => {
    assert.equal(purposeProblem('SUP-4821'), '');
    assert.equal(purposeProblem('abc'), '');
    assert.equal(purposeProblem('x'.repeat(PURPOSE_MAX)), '');
    assert.equal(purposeProblem('Kündigung prüfen ✓'), '');
  });

  it('refuses what the server would refuse, saying why', () => {
    assert.match(purposeProblem(''), /ticket reference/);
    assert.match(purposeProblem('   '), /ticket reference/);
    assert.match(purposeProblem('ab'), /At least 3/);
    assert.match(purposeProblem('x'.repeat(PURPOSE_MAX + 1)), /At most 200 .*201/);
    assert.match(purposeProblem('line one\nline two'), /control characters/);
    assert.equal(purposeProblem('😀😀😀'), '', 'three characters, even if six UTF-16 units');
    assert.equal(purposeProblem('😀'.repeat(PURPOSE_MAX)), '', '200 characters, 400 UTF-16 units');
  });

  it('refuses the characters caller.PlainText refuses, not only control characters', () => {
    assert.match(purposeProblem('abc\u202edef'), /invisible formatting character \(U\+202E\)/);
    assert.match(purposeProblem('SUP\u200b-1'), /U\+200B/, 'zero-width space');
    assert.match(purposeProblem('\ufeffSUP-1'), /U\+FEFF/);
    assert.match(purposeProblem('one\u2028two'), /separators/);
    assert.match(purposeProblem('one\u2029two'), /separators/);
    assert.match(purposeProblem('abc\ud83d'), /lone surrogate/, 'half an emoji: encodeURIComponent would throw');
    assert.match(purposeProblem('tab\there'), /control characters/);
    assert.match(purposeProblem('c1\u0085x'), /control characters/);
    assert.match(holdReasonProblem('LIT-1\u202e'), /U\+202E/, 'a hold reason follows the same rule');
  });

  it('tells a refused purpose from any other failure', () => {
    const refused = new ApiError(400, 'Invalid parameter', 'X-Access-Purpose: must not contain …',
      [{ field: 'X-Access-Purpose', message: 'must not contain invisible format characters (U+2066 at position 2)' }]);
    assert.equal(purposeRefusal(refused), 'must not contain invisible format characters (U+2066 at position 2)');
    assert.equal(purposeRefusal(new ApiError(400, 'Invalid parameter', 'a: bad', [{ field: 'a', message: 'bad' }])), '');
    assert.equal(purposeRefusal(new ApiError(403, 'Not allowed', 'no')), '');
    assert.equal(purposeRefusal(new Error('boom')), '');
  });

  it('sends ASCII as is and anything else as an RFC 8187 extended value the server decodes', () => {
    assert.equal(purposeHeaderValue('SUP-1 (refund)'), 'SUP-1 (refund)');
    const value = purposeHeaderValue('prüfen ✓');
    assert.equal(value, "UTF-8''pr%C3%BCfen%20%E2%9C%93");
    assert.ok([...value].every((c) => c.charCodeAt(0) > 0x20 && c.charCodeAt(0) < 0x7f));
    assert.equal(decodeURIComponent(value.slice("UTF-8''".length)), 'prüfen ✓');
    assert.equal(purposeHeaderValue('  padded  '), 'padded');
  });
});
