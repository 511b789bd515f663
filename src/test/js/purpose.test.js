import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from './assets.js';

const { purposeProblem, purposeHeaderValue, PURPOSE_MAX } = await load('lib/purpose.js');

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
