/**
 * Turns base64 runs found in a URL into text the leak search can read: plain base64/base64url
 * payloads, and zlib-compressed ones inflated within a cap.
 */
import { bytesToText, decodeBase64Into, hasPrintableRun } from './bytes.js';
import { inflateZlib, isZlibHeader } from './inflate.js';

/** Scratch space for decoded tokens, grown on demand; each use ends before any recursion. */
let scratch = new Uint8Array(1024);

/** Decodes `text[start, end)` (a lone trailing character dropped) into `scratch`; -1 if under `min` bytes. */
function decodeToScratch(text: string, start: number, end: number, min: number): number {
  const stop = (end - start) % 4 === 1 ? end - 1 : end;
  const size = Math.floor(((stop - start) * 3) / 4);
  if (size < min) return -1;
  if (scratch.length < size) scratch = new Uint8Array(Math.max(size, scratch.length * 2));
  return decodeBase64Into(text, start, stop, scratch);
}

/**
 * A tracking payload is a few hundred bytes of text with random ids, which zlib shrinks by 2–3×.
 * Output is capped in size and at 16× the token, so the inflated text of a whole message stays
 * linear in its size however a hostile token is built (deflate alone allows ~1000×).
 */
const MAX_INFLATED = 8_192;
const MAX_RATIO = 16;

/**
 * The text of a base64 run that holds zlib data (it starts with `e`: 0x78), else `null`.
 *
 * @example
 * inflatedText('eJxLBAAAYgBi', 0, 12); // 'a'
 */
export function inflatedText(text: string, start: number, end: number): string | null {
  if (text.charCodeAt(start) !== 0x65 || end - start < 12) return null;
  // Words such as "email" start runs too: read the two header bytes before decoding the whole run.
  if (decodeToScratch(text, start, start + 4, 3) < 2 || !isZlibHeader(scratch, 2)) return null;
  const length = decodeToScratch(text, start, end, 8);
  const out = length < 8 ? null : inflateZlib(scratch, length, Math.min(MAX_INFLATED, length * MAX_RATIO));
  return out === null ? null : bytesToText(out);
}

/**
 * Decodes `text[start, end)` (dropping a lone trailing character) and returns its text, or `null`
 * when the payload is under 4 bytes or cannot hold a needle. Decoding never lengthens text, and
 * every way a needle can hide in the payload (as is, percent-encoded, JSON-escaped, base64 again)
 * is spelled with printable ASCII, so a payload without a printable run as long as the shortest
 * needle is skipped before it is turned into text and searched.
 *
 * @example
 * decodedText('aGVsbG8gd29ybGQ', 0, 15, 5); // 'hello world'
 */
export function decodedText(text: string, start: number, end: number, shortest: number): string | null {
  const length = decodeToScratch(text, start, end, Math.max(4, shortest));
  if (length < 4) return null;
  if (shortest > 0 && !hasPrintableRun(scratch, length, shortest)) return null;
  return bytesToText(scratch.subarray(0, length));
}
