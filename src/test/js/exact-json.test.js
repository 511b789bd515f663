import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from './assets.js';

const { exactNumbersSupported, isExactNumber, losesDigits, normalNumber, parseExact } =
  await load('lib/exact-json.js');
const { flatten, leafText, search } = await load('lib/json-tree.js');
const { valueText } = await load('lib/compare-model.js');

describe('exact-json', () => {
  it('normalNumber: one form for one number, whatever its spelling', () => {
    assert.equal(normalNumber('300.000'), normalNumber('300'));
    assert.equal(normalNumber('1.5e2'), normalNumber('150'));
    assert.equal(normalNumber('0.00'), '0');
    assert.equal(normalNumber('-0.0'), '0');
    assert.equal(normalNumber('1.2345678901234567e+19'), '12345678901234567e3');
  });

  it('losesDigits: only where the double is another number than the text', () => {
    assert.equal(losesDigits('300.000', 300), false);
    assert.equal(losesDigits('2.43', 2.43), false);
    assert.equal(losesDigits('1e21', 1e21), false);
    assert.equal(losesDigits('12345678901234567890', 12345678901234567890), true);
    assert.equal(losesDigits('9007199254740993', 9007199254740993), true);
    assert.equal(losesDigits('3.141592653589793238462643383279', Math.PI), true);
    assert.equal(losesDigits('1e400', Infinity), true);
  });

  // run.sh turns on Node 20's source text access (Chromium and Node 22+ have it by default)
  it('parseExact keeps what a double cannot hold, shown and searched as sent', () => {
    assert.ok(exactNumbersSupported, 'JSON.parse source text access: run the tests through run.sh');
    const text = '{"big":12345678901234567890,"huge":1e400,"ok":300.000,"n":[9007199254740993]}';
    const doc = parseExact(text);
    assert.ok(isExactNumber(doc.big));
    assert.ok(isExactNumber(doc.huge));
    assert.equal(doc.ok, 300);
    assert.equal(JSON.stringify(doc), '{"big":12345678901234567890,"huge":1e400,"ok":300,"n":[9007199254740993]}');
    const rows = flatten(doc, new Set(['$', '$.n']));
    const big = rows.find((r) => r.path === '$.big');
    assert.equal(big.type, 'number');
    assert.equal(leafText(big.value), '12345678901234567890');
    assert.equal(rows.find((r) => r.path === '$.n[0]').type, 'number');
    assert.deepEqual(search(doc, '9007199254740993').matches, ['$.n[0]']);
    assert.equal(valueText(doc.huge), '1e400');
  });

  it('parseExact of a document whose numbers a double holds is JSON.parse', () => {
    assert.deepEqual(parseExact('{"a":[1,2.5,"x"]}'), { a: [1, 2.5, 'x'] });
  });
});
