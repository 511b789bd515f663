import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from './assets.js';

const { holdReasonProblem, holdPath, HOLD_REASON_MAX } = await load('lib/hold.js');

describe('legal hold reason', () => {
  it('accepts what the server accepts', () => {
    assert.equal(holdReasonProblem('LIT-1234'), '');
    assert.equal(holdReasonProblem('x'.repeat(HOLD_REASON_MAX)), '');
    assert.equal(holdReasonProblem('😀😀😀'), '', 'three characters, even if six UTF-16 units');
  });

  it('refuses what the server refuses, saying why', () => {
    assert.match(holdReasonProblem(''), /case or ticket/);
    assert.match(holdReasonProblem(null), /case or ticket/);
    assert.match(holdReasonProblem('   '), /case or ticket/);
    assert.match(holdReasonProblem('ab'), /At least 3/);
    assert.match(holdReasonProblem('x'.repeat(HOLD_REASON_MAX + 1)), /At most 500 .*501/);
    assert.match(holdReasonProblem('a\tb c'), /control characters/);
  });

  it('names the record in the path', () => {
    assert.equal(holdPath('0192-ab'), '/api/lineage/0192-ab/hold');
  });
});
