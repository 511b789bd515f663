import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from './assets.js';

const { fmtBytes, fmtDuration, fmtInt, fmtRatio, fmtTime, shorten } = await load('lib/format.js');

describe('format', () => {
  it('fmtTime: UTC, milliseconds only when there are some, anything unparsable as given', () => {
    assert.equal(fmtTime('2026-11-25T10:04:05Z'), '2026-11-25 10:04:05 UTC');
    assert.equal(fmtTime('2026-11-25T10:04:05.120Z'), '2026-11-25 10:04:05.120 UTC');
    assert.equal(fmtTime('2026-11-25T12:04:05+02:00'), '2026-11-25 10:04:05 UTC');
    assert.equal(fmtTime('yesterday-ish'), 'yesterday-ish');
    assert.equal(fmtTime(null), '—');
    assert.equal(fmtTime(''), '—');
  });

  it('fmtBytes: binary units, one decimal below 100', () => {
    assert.equal(fmtBytes(0), '0 B');
    assert.equal(fmtBytes(1023), '1023 B');
    assert.equal(fmtBytes(1024), '1.0 KiB');
    assert.equal(fmtBytes(1536), '1.5 KiB');
    assert.equal(fmtBytes(150 * 1024), '150 KiB');
    assert.equal(fmtBytes(5 * 1024 * 1024), '5.0 MiB');
    assert.equal(fmtBytes(3 * 1024 ** 4), '3072 GiB');
    assert.equal(fmtBytes(null), '—');
  });

  it('fmtDuration: seconds, minutes, hours', () => {
    assert.equal(fmtDuration(1.25), '1.25 s');
    assert.equal(fmtDuration(0.0004), '0 s');
    assert.equal(fmtDuration(98), '1 min 38 s');
    assert.equal(fmtDuration('75'), '1 min 15 s');
    assert.equal(fmtDuration(7500), '2 h 5 min');
    assert.equal(fmtDuration(undefined), '—');
  });

  it('fmtRatio and fmtInt', () => {
    assert.equal(fmtRatio(6.24), '6.2×');
    assert.equal(fmtRatio(null), '—');
    assert.equal(fmtInt(20000), '20,000');
    assert.equal(fmtInt('1234567'), '1,234,567');
    assert.equal(fmtInt(null), '—');
  });

  it('shorten: at most 48 characters', () => {
    assert.equal(shorten('abc'), 'abc');
    assert.equal(shorten('x'.repeat(48)), 'x'.repeat(48));
    assert.equal(shorten('x'.repeat(49)), 'x'.repeat(45) + '…');
  });
});
