// A file's SHA-256 in the browser, without the file leaving the machine. crypto.subtle.digest is not
// incremental, so the file is read in chunks into one buffer (progress reported, the page stays responsive
// between chunks) and digested once at the end; the digest itself runs off the main thread.

import { fmtBytes } from './format.js';

export const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * The largest file hashed here: the whole file is held in memory for the one digest, and Web Crypto refuses a
 * buffer of 2 GiB or more only after every byte was read (about 20 s for 3 GiB). A larger file is refused at once.
 */
export const MAX_HASH_BYTES = 1024 * 1024 * 1024;

/** [start, end) byte ranges of `chunk` bytes covering `size` bytes. */
export function chunkRanges(size, chunk = CHUNK_BYTES) {
  const ranges = [];
  for (let start = 0; start < size; start += chunk) ranges.push([start, Math.min(size, start + chunk)]);
  return ranges;
}

export function toHex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether the bytes start like a PDF ("%PDF-"). */
export function looksLikePdf(bytes) {
  const magic = [0x25, 0x50, 0x44, 0x46, 0x2d];
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/**
 * Resolves to { sha256 (hex), pdf (boolean) }. onProgress(readBytes, size) after every chunk; `signal` aborts
 * (rejects with an AbortError). `subtle` defaults to globalThis.crypto.subtle (absent outside secure contexts).
 */
export async function sha256File(file, { onProgress = () => {}, signal, chunk = CHUNK_BYTES, subtle } = {}) {
  const crypto = subtle || (globalThis.crypto && globalThis.crypto.subtle);
  if (!crypto) {
    throw new Error('This browser offers no Web Crypto here (the panel must be opened over https or on'
      + ' localhost to hash files)');
  }
  if (file.size > MAX_HASH_BYTES) {
    throw new RangeError('The file is ' + fmtBytes(file.size) + '; this page hashes files of up to '
      + fmtBytes(MAX_HASH_BYTES) + '. Compute its SHA-256 on your computer (sha256sum FILE, or certutil -hashfile'
      + ' FILE SHA256 on Windows) and paste it into the search box.');
  }
  const all = new Uint8Array(file.size);
  onProgress(0, file.size);
  for (const [start, end] of chunkRanges(file.size, chunk)) {
    if (signal && signal.aborted) throw new DOMException('Hashing cancelled', 'AbortError');
    all.set(new Uint8Array(await file.slice(start, end).arrayBuffer()), start);
    onProgress(end, file.size);
    await new Promise((resolve) => setTimeout(resolve, 0)); // let the page paint the progress
  }
  const digest = await crypto.digest('SHA-256', all);
  return { sha256: toHex(digest), pdf: looksLikePdf(all.subarray(0, 5)) };
}
