/**
 * One pass of needle matching over one string, without any decoding. Cost is linear in the text:
 * a handful of `includes` for the plain forms, then map look-ups on maximal hex, digit and base64
 * runs (exact, plus head and tail at each digest length, for hashes glued to other characters).
 */
import type { Needle, NeedleSet } from './needles.js';

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Base64 or base64url alphabet, without `=` (padding ends a run). */
function isBase64(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 43 ||
    c === 47 ||
    c === 45 ||
    c === 95
  );
}

/**
 * Maximal runs of characters accepted by `accept`, at least `min` long.
 *
 * @example
 * runs('ab-1234-x', (c) => c >= 48 && c <= 57, 2); // ['1234']
 */
export function runs(text: string, accept: (c: number) => boolean, min: number): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const ok = i < text.length && accept(text.charCodeAt(i));
    if (ok && start < 0) start = i;
    if (!ok && start >= 0) {
      if (i - start >= min) out.push(text.slice(start, i));
      start = -1;
    }
  }
  return out;
}

/**
 * Maximal runs of the base64/base64url alphabet (padding excluded), at least `min` long.
 *
 * @example
 * base64Runs('r=dXNlckBleGFtcGxlLmNvbQ==&x=1', 8); // ['dXNlckBleGFtcGxlLmNvbQ']
 */
export function base64Runs(text: string, min: number): string[] {
  return runs(text, isBase64, min);
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Whether `needle` occurs in `lower`, optionally not preceded by an address character nor followed
 * by more domain labels. */
function occurs(lower: string, needle: string, bounded: boolean): boolean {
  let at = lower.indexOf(needle);
  if (!bounded) return at >= 0;
  while (at >= 0) {
    const before = at > 0 ? lower.charCodeAt(at - 1) : 32;
    const end = at + needle.length;
    const after = end < lower.length ? lower.charCodeAt(end) : 32;
    const afterDot = after === 46 && end + 1 < lower.length && isAlnum(lower.charCodeAt(end + 1));
    if (!isAlnum(before) && before !== 46 && !isAlnum(after) && !afterDot) return true;
    at = lower.indexOf(needle, at + 1);
  }
  return false;
}

/** Exact run, then its head and tail at each known needle length shorter than the run. */
function lookupRun(
  run: string,
  map: ReadonlyMap<string, Needle>,
  lengths: readonly number[],
  hits: Set<Needle>,
): void {
  const exact = map.get(run);
  if (exact !== undefined) hits.add(exact);
  for (const len of lengths) {
    if (len >= run.length) break;
    const head = map.get(run.slice(0, len));
    if (head !== undefined) hits.add(head);
    const tail = map.get(run.slice(run.length - len));
    if (tail !== undefined) hits.add(tail);
  }
}

/** How many `-`/`_` anchors of one run are tried; long runs of separators hold no digest. */
const MAX_ANCHORS = 64;

/**
 * A digest between `-`/`_` separators is neither head nor tail of its base64url run, and may itself
 * contain `-`/`_`, so splitting would cut it: look it up right after and right before separators.
 */
function lookupAtSeparators(run: string, needles: NeedleSet, hits: Set<Needle>): void {
  let anchors = 0;
  for (let i = 1; i < run.length - 1 && anchors < MAX_ANCHORS; i++) {
    const c = run.charCodeAt(i);
    if (c !== 45 && c !== 95) continue;
    anchors++;
    for (const len of needles.base64Lengths) {
      const after = i + 1 + len <= run.length ? needles.base64.get(run.slice(i + 1, i + 1 + len)) : undefined;
      if (after !== undefined) hits.add(after);
      const before = i - len >= 0 ? needles.base64.get(run.slice(i - len, i)) : undefined;
      if (before !== undefined) hits.add(before);
    }
  }
}

/**
 * The needles that occur in `text` as written (no decoding). Hex forms match case-insensitively,
 * base64 forms case-sensitively. With `bounded`, a plain address must not be glued to a longer
 * address (`otheruser@example.com` does not leak `user@example.com`); inside decoded binary
 * payloads neighbours are arbitrary bytes, so the caller turns the check off there.
 *
 * @example
 * const set = buildNeedles(['user@example.com']);
 * scanText('m=B58996C504C5638798EB6B511E6F49AF', set).map((n) => n.encoding); // ['md5']
 */
export function scanText(text: string, needles: NeedleSet, bounded = true): Needle[] {
  const hits = new Set<Needle>();
  if (text.length === 0) return [];
  const lower = text.toLowerCase();
  for (const n of needles.texts) {
    if (n.match === 'text-exact-case' ? text.includes(n.value) : occurs(lower, n.value, bounded)) {
      hits.add(n);
    }
  }
  if (needles.hex.size > 0) {
    for (const run of runs(lower, isHex, 7)) lookupRun(run, needles.hex, needles.hexLengths, hits);
  }
  if (needles.decimal.size > 0) {
    for (const run of runs(text, isDigit, 1)) {
      const n = needles.decimal.get(run);
      if (n !== undefined) hits.add(n);
    }
  }
  if (needles.base64.size > 0) {
    for (const run of base64Runs(text, 16)) {
      lookupRun(run, needles.base64, needles.base64Lengths, hits);
      lookupAtSeparators(run, needles, hits);
    }
  }
  return [...hits];
}
