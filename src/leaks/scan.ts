/**
 * One pass of needle matching over one string, without any decoding. Cost is linear in the text
 * and allocation-light: a handful of `includes` for the plain forms, then map look-ups on maximal
 * hex, digit and base64 runs (exact, plus head and tail at each digest length, for hashes glued to
 * other characters), walked in place rather than collected into arrays.
 */
import type { Needle, NeedleSet } from './needles.js';

/** Character classes of the ASCII range, as bits. */
const HEX = 1;
const DIGIT = 2;
const BASE64 = 4;
const ALNUM = 8;

const CLASS: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (let c = 48; c <= 57; c++) t[c] = HEX | DIGIT | BASE64 | ALNUM;
  for (let c = 97; c <= 122; c++) t[c] = BASE64 | ALNUM | (c <= 102 ? HEX : 0);
  for (let c = 65; c <= 90; c++) t[c] = BASE64 | ALNUM;
  for (const c of [43, 47, 45, 95]) t[c] = BASE64;
  return t;
})();

function has(c: number, bit: number): boolean {
  return c < 128 && ((CLASS[c] ?? 0) & bit) !== 0;
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
  return runs(text, (c) => has(c, BASE64), min);
}

/** Whether `lower[start, end)` stands alone: not preceded by an address character nor followed by more domain labels. */
function bounded(lower: string, start: number, end: number): boolean {
  const before = start > 0 ? lower.charCodeAt(start - 1) : 32;
  const after = end < lower.length ? lower.charCodeAt(end) : 32;
  const afterDot = after === 46 && end + 1 < lower.length && has(lower.charCodeAt(end + 1), ALNUM);
  return !has(before, ALNUM) && before !== 46 && !has(after, ALNUM) && !afterDot;
}

/**
 * Indexes in `needles.texts` of the text forms found: one automaton pass over the lower-cased
 * text (`text` forms, each occurrence checked for bounds when `isBounded`) and one over the text
 * as written (`text-exact-case` forms), sorted so hits keep the order of `texts`.
 */
function textHits(text: string, lower: string, needles: NeedleSet, isBounded: boolean): number[] {
  const found = new Set<number>();
  needles.lowerMatcher.scan(lower, (p, end) => {
    const i = needles.lowerIndex[p] as number;
    if (found.has(i)) return;
    const length = (needles.texts[i] as Needle).value.length;
    if (!isBounded || bounded(lower, end - length, end)) found.add(i);
  });
  needles.exactMatcher.scan(text, (p) => {
    found.add(needles.exactIndex[p] as number);
  });
  return found.size === 0 ? [] : [...found].sort((a, b) => a - b);
}

/** Exact run `text[start, end)`, then its head and tail at each known needle length shorter than it. */
function lookupRun(
  text: string,
  start: number,
  end: number,
  map: ReadonlyMap<string, Needle>,
  lengths: readonly number[],
  hits: Set<Needle>,
): void {
  const size = end - start;
  const exact = map.get(text.slice(start, end));
  if (exact !== undefined) hits.add(exact);
  for (const len of lengths) {
    if (len >= size) break;
    const head = map.get(text.slice(start, start + len));
    if (head !== undefined) hits.add(head);
    const tail = map.get(text.slice(end - len, end));
    if (tail !== undefined) hits.add(tail);
  }
}

/** How many `-`/`_` anchors of one run are tried; long runs of separators hold no digest. */
const MAX_ANCHORS = 64;

/**
 * A digest between `-`/`_` separators is neither head nor tail of its base64url run, and may itself
 * contain `-`/`_`, so splitting would cut it: look it up right after and right before separators.
 */
function lookupAtSeparators(text: string, start: number, end: number, needles: NeedleSet, hits: Set<Needle>): void {
  let anchors = 0;
  for (let i = start + 1; i < end - 1 && anchors < MAX_ANCHORS; i++) {
    const c = text.charCodeAt(i);
    if (c !== 45 && c !== 95) continue;
    anchors++;
    for (const len of needles.base64Lengths) {
      const after = i + 1 + len <= end ? needles.base64.get(text.slice(i + 1, i + 1 + len)) : undefined;
      if (after !== undefined) hits.add(after);
      const before = i - len >= start ? needles.base64.get(text.slice(i - len, i)) : undefined;
      if (before !== undefined) hits.add(before);
    }
  }
}

/** Hex digit of either case: runs of these in the text are the hex runs of its lower-case form. */
const HEX_ANY_CASE = 16;
for (let c = 65; c <= 70; c++) CLASS[c] = (CLASS[c] ?? 0) | HEX_ANY_CASE;
for (let c = 48; c <= 57; c++) CLASS[c] = (CLASS[c] ?? 0) | HEX_ANY_CASE;
for (let c = 97; c <= 102; c++) CLASS[c] = (CLASS[c] ?? 0) | HEX_ANY_CASE;

function hexRun(lower: string, start: number, end: number, needles: NeedleSet, hits: Set<Needle>): void {
  if (end - start >= 7) lookupRun(lower, start, end, needles.hex, needles.hexLengths, hits);
}

function decimalRun(text: string, start: number, end: number, needles: NeedleSet, hits: Set<Needle>): void {
  // Decimal needles match whole runs only, so a run of another length needs no look-up.
  if (!needles.decimalLengths.includes(end - start)) return;
  const n = needles.decimal.get(text.slice(start, end));
  if (n !== undefined) hits.add(n);
}

/** Shorter base64 runs cannot hold the base64 form of an address. */
const MIN_BASE64_RUN = 16;

function base64Run(text: string, start: number, end: number, needles: NeedleSet, hits: Set<Needle>): void {
  if (end - start < MIN_BASE64_RUN) return;
  lookupRun(text, start, end, needles.base64, needles.base64Lengths, hits);
  lookupAtSeparators(text, start, end, needles, hits);
}

/**
 * Hex runs (looked up in `lower`), digit runs and base64 runs of `text` in one pass. Only valid
 * when `lower` has the length of `text`: lower-casing then only changes letter case, and no
 * character outside ASCII lower-cases to a hex digit.
 */
function scanRuns(text: string, lower: string, needles: NeedleSet, hits: Set<Needle>): void {
  const wantHex = needles.hex.size > 0;
  const wantDecimal = needles.decimal.size > 0;
  const wantBase64 = needles.base64.size > 0;
  // Hits keep the order of separate passes (hex, then decimal, then base64): reports rely on it.
  // Most texts have no run long enough to look up, so the sets are made on first use.
  let decimalHits: Set<Needle> | null = null;
  let base64Hits: Set<Needle> | null = null;
  let hex = -1;
  let digit = -1;
  let b64 = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    const k = c < 128 ? (CLASS[c] ?? 0) : 0;
    if ((k & HEX_ANY_CASE) !== 0) {
      if (hex < 0) hex = i;
    } else if (hex >= 0) {
      if (wantHex) hexRun(lower, hex, i, needles, hits);
      hex = -1;
    }
    if ((k & DIGIT) !== 0) {
      if (digit < 0) digit = i;
    } else if (digit >= 0) {
      if (wantDecimal && needles.decimalLengths.includes(i - digit)) decimalRun(text, digit, i, needles, (decimalHits ??= new Set()));
      digit = -1;
    }
    if ((k & BASE64) !== 0) {
      if (b64 < 0) b64 = i;
    } else if (b64 >= 0) {
      if (wantBase64 && i - b64 >= MIN_BASE64_RUN) base64Run(text, b64, i, needles, (base64Hits ??= new Set()));
      b64 = -1;
    }
  }
  if (decimalHits !== null) for (const n of decimalHits) hits.add(n);
  if (base64Hits !== null) for (const n of base64Hits) hits.add(n);
}

/** The same runs, one kind at a time (for text whose lower-case form has another length). */
function scanRunsApart(text: string, lower: string, needles: NeedleSet, hits: Set<Needle>): void {
  const each = (s: string, bit: number, visit: (start: number, end: number) => void): void => {
    let start = -1;
    for (let i = 0; i <= s.length; i++) {
      if (i < s.length && has(s.charCodeAt(i), bit)) {
        if (start < 0) start = i;
        continue;
      }
      if (start >= 0) visit(start, i);
      start = -1;
    }
  };
  if (needles.hex.size > 0) each(lower, HEX, (a, b) => hexRun(lower, a, b, needles, hits));
  if (needles.decimal.size > 0) each(text, DIGIT, (a, b) => decimalRun(text, a, b, needles, hits));
  if (needles.base64.size > 0) each(text, BASE64, (a, b) => base64Run(text, a, b, needles, hits));
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
  if (text.length === 0) return [];
  const hits = new Set<Needle>();
  const lower = text.toLowerCase();
  for (const i of textHits(text, lower, needles, bounded)) hits.add(needles.texts[i] as Needle);
  if (lower.length === text.length) scanRuns(text, lower, needles, hits);
  else scanRunsApart(text, lower, needles, hits);
  return hits.size === 0 ? [] : [...hits];
}
