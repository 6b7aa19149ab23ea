/**
 * Whether an image URL names a dynamic endpoint rather than a static file: the evidence that tells
 * a tiny tracking image from a layout spacer when it carries no opaque token. Open counters spread
 * their identifier over short numbers (`/o/1234/56789/1234567`, `?id=1234-5678-901`), hide their
 * tracking word inside a compound (`ReadReceipt`, `openlog`, `TrackOpen`), or are scripts
 * (`/count`, `/mark.php`) where a spacer is a file (`spacer.gif`).
 */
import type { ParsedUrl } from '../url/parse.js';

/** Extensions of files a server hands out as they are: images that need no program to answer. */
const STATIC_IMAGE_EXTENSIONS: ReadonlySet<string> = new Set([
  'gif', 'png', 'jpg', 'jpeg', 'jpe', 'webp', 'svg', 'bmp', 'ico', 'avif', 'tif', 'tiff', 'apng',
]);

/**
 * Whether the last path segment is a static image file (`spacer.gif`, `logo.PNG`); `false` for
 * paths without one (`/`, `/o/123`, `/mark.php`, `/img.aspx`).
 *
 * @example
 * isStaticImageFile(parseUrl('https://shop.example/img/spacer.gif')!); // true
 * isStaticImageFile(parseUrl('https://shop.example/n/count?c=12')!);   // false
 */
export function isStaticImageFile(url: ParsedUrl): boolean {
  const last = url.segments[url.segments.length - 1];
  if (last === undefined) return false;
  const dot = last.lastIndexOf('.');
  if (dot <= 0) return false;
  return STATIC_IMAGE_EXTENSIONS.has(last.slice(dot + 1).toLowerCase());
}

/** Extensions of server programs: what they answer is computed per request. */
const SCRIPT_EXTENSIONS: ReadonlySet<string> = new Set([
  'php', 'aspx', 'asp', 'ashx', 'axd', 'jsp', 'cgi', 'pl', 'dll', 'cfm', 'do', 'action',
]);

/**
 * Whether the last path segment names a server program (`open.php`, `10374608.109906.aspx`).
 *
 * @example
 * isScriptEndpoint(parseUrl('https://news.example/images/10374608.109906.aspx')!); // true
 * isScriptEndpoint(parseUrl('https://news.example/images/logo.png')!);             // false
 */
export function isScriptEndpoint(url: ParsedUrl): boolean {
  const last = url.segments[url.segments.length - 1];
  if (last === undefined) return false;
  const dot = last.lastIndexOf('.');
  return dot > 0 && SCRIPT_EXTENSIONS.has(last.slice(dot + 1).toLowerCase());
}

/** Digits that, spread over parts, make an identifier: more than a date (`2024/01/15`). */
const MIN_SPREAD_DIGITS = 9;
const PUNCTUATION = new Set(['-', '_', '.', ':', ',', '|', '~', '!', '*']);

/** Digit groups of a value made of digits joined by punctuation only (`1234-5678_90`), else null. */
function digitGroups(value: string): { groups: number; digits: number } | null {
  let groups = 0;
  let digits = 0;
  let inGroup = false;
  for (const c of value) {
    if (c >= '0' && c <= '9') {
      digits++;
      if (!inGroup) groups++;
      inGroup = true;
    } else if (PUNCTUATION.has(c)) inGroup = false;
    else return null;
  }
  return { groups, digits };
}

/**
 * Whether numbers joined by punctuation, or consecutive all-digit path segments, add up to an
 * identifier (at least {@link MIN_SPREAD_DIGITS} digits over two or more groups). A file name's
 * extension is ignored (`/o/12/3456789.gif`).
 *
 * @example
 * hasSpreadNumericId(parseUrl('https://t.example/o/1234/56789/1234567')!); // true
 * hasSpreadNumericId(parseUrl('https://t.example/p?id=12345-6789-01')!);   // true
 * hasSpreadNumericId(parseUrl('https://cdn.example/2024/01/15/photo.jpg')!); // false
 */
export function hasSpreadNumericId(url: ParsedUrl): boolean {
  let runDigits = 0;
  let runGroups = 0;
  for (const raw of url.segments) {
    const dot = raw.lastIndexOf('.');
    const seg = dot > 0 && raw.length - dot <= 5 && !/^\d+$/.test(raw.slice(dot + 1)) ? raw.slice(0, dot) : raw;
    const g = digitGroups(seg);
    if (g === null || g.groups === 0) {
      runDigits = 0;
      runGroups = 0;
      continue;
    }
    if (g.groups >= 2 && g.digits >= MIN_SPREAD_DIGITS) return true;
    runDigits += g.digits;
    runGroups += g.groups;
    if (runGroups >= 2 && runDigits >= MIN_SPREAD_DIGITS) return true;
  }
  for (const [, v] of url.query) {
    const g = digitGroups(v);
    if (g !== null && g.groups >= 2 && g.digits >= MIN_SPREAD_DIGITS) return true;
  }
  return false;
}

/** Words of open-tracking compounds; at least one from {@link CORE_WORDS} must be present. */
const COMPOUND_WORDS: ReadonlySet<string> = new Set([
  'track', 'tracking', 'trk', 'open', 'opened', 'opens', 'opening', 'read', 'receipt', 'pixel', 'beacon', 'mark',
  'log', 'url', 'mail', 'email', 'image', 'img', 'view', 'count', 'counter', 'hit', 'stat', 'stats',
  'imp', 'event', 'msg', 'message', 'gif', 'png',
]);
const CORE_WORDS: ReadonlySet<string> = new Set(['track', 'tracking', 'trk', 'open', 'opened', 'opens', 'read', 'receipt', 'pixel', 'beacon']);
/** Longest entry of {@link COMPOUND_WORDS}: bounds the segmentation work per position. */
const LONGEST_WORD = 8;
/** Compounds are short; longer segments are names or tokens and are not segmented. */
const MAX_COMPOUND = 40;

/** Words split at case changes and separators (`ReadReceipt` → `read`, `receipt`). */
function camelWords(segment: string): string[] {
  const words: string[] = [];
  let cur = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charAt(i);
    const upper = c >= 'A' && c <= 'Z';
    const letter = upper || (c >= 'a' && c <= 'z');
    if (!letter) {
      if (cur !== '') words.push(cur);
      cur = '';
      if (c >= '0' && c <= '9') return []; // digits mix names and codes: not a compound of words
      continue;
    }
    const prev = segment.charAt(i - 1);
    if (upper && cur !== '' && prev >= 'a' && prev <= 'z') {
      words.push(cur);
      cur = '';
    }
    cur += c.toLowerCase();
  }
  if (cur !== '') words.push(cur);
  return words;
}

/** Splits a lower-case run into {@link COMPOUND_WORDS} entirely, or returns null (dynamic programming, O(n·8)). */
function segmentWords(run: string): string[] | null {
  const best: (string[] | null)[] = [[]];
  for (let end = 1; end <= run.length; end++) {
    best[end] = null;
    for (let len = 1; len <= LONGEST_WORD && len <= end; len++) {
      const head = best[end - len];
      const word = run.slice(end - len, end);
      if (head != null && COMPOUND_WORDS.has(word)) {
        best[end] = [...head, word];
        break;
      }
    }
  }
  return best[run.length] ?? null;
}

/**
 * Whether a path segment is a compound of two or more tracking words with a core one among them
 * (`ReadReceipt`, `openlog`, `TrackOpen`, `MarkRead`, `trackurl`, `email_open.gif`). Words that
 * merely end or start like one (`catalog`, `logo`, `readme`, `openinghours`) are not.
 *
 * @example
 * isTrackingCompound('ReadReceipt'); // true
 * isTrackingCompound('catalog.png'); // false
 */
export function isTrackingCompound(segment: string): boolean {
  if (segment.length > MAX_COMPOUND) return false;
  const dot = segment.lastIndexOf('.');
  const stem = dot > 0 ? segment.slice(0, dot) : segment;
  const words: string[] = [];
  for (const w of camelWords(stem)) {
    const split = segmentWords(w);
    if (split === null) return false;
    words.push(...split);
  }
  return words.length >= 2 && words.some((w) => CORE_WORDS.has(w));
}
