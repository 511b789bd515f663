import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from './assets.js';

const { MAX_HASH_BYTES, chunkRanges, looksLikePdf, sha256File, toHex } = await load('lib/file-hash.js');

describe('file-hash', () => {
  it('chunkRanges cover the file exactly', () => {
    assert.deepEqual(chunkRanges(10, 4), [[0, 4], [4, 8], [8, 10]]);
    assert.deepEqual(chunkRanges(0, 4), []);
    assert.deepEqual(chunkRanges(8, 4), [[0, 4], [4, 8]]);
  });

  it('known SHA-256 vectors, read in chunks, with progress', async () => {
    const seen = [];
    const abc = await sha256File(new Blob(['abc']), { chunk: 2, onProgress: (n, size) => seen.push([n, size]) });
    assert.equal(abc.sha256, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.deepEqual(seen, [[0, 3], [2, 3], [3, 3]]);
    assert.equal(abc.pdf, false);
    const empty = await sha256File(new Blob([]));
    assert.equal(empty.sha256, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const long = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';
    assert.equal((await sha256File(new Blob([long]), { chunk: 7 })).sha256,
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('refuses a file above the limit at once, naming the limit and another way', async () => {
    let read = false;
    const huge = { size: 3 * 1024 ** 3, slice: () => { read = true; return new Blob([]); } };
    await assert.rejects(sha256File(huge), (e) => e instanceof RangeError && /3\.0 GiB/.test(e.message)
      && /up to 1\.0 GiB/.test(e.message) && /sha256sum/.test(e.message));
    assert.equal(read, false);
    assert.equal(MAX_HASH_BYTES, 1024 ** 3);
  });

  it('recognises a PDF by its first bytes; cancels when aborted; says when there is no Web Crypto', async () => {
    assert.equal((await sha256File(new Blob(['%PDF-1.4\n%…']))).pdf, true);
    assert.equal(looksLikePdf(new Uint8Array([0x25, 0x50])), false);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(sha256File(new Blob(['x']), { signal: controller.signal }), { name: 'AbortError' });
    assert.equal(toHex(new Uint8Array([0, 255, 16]).buffer), '00ff10');
  });
});
