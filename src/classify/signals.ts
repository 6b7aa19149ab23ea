/**
 * Evidence about one resource, independent of any catalogue: its size, visibility, how CSS loads
 * it, and whether its URL carries identifiers.
 */
import type { Resource } from '../html/types.js';
import type { Signal } from '../types.js';
import type { ParsedUrl } from '../url/parse.js';
import { isTrackingCompound } from './dynamic.js';
import { identifierShape, looksLikeUrl } from './identifiers.js';
import { isFileTokenKey } from './image-query.js';

/**
 * Size evidence: `1x1`, `zero`, `tiny` (both known and ≤ 3 px, or one known dimension ≤ 1 px and
 * the other unknown), `none` (nothing known), `sized` (a real content size).
 *
 * @example
 * sizeClass({ width: 1, height: 1 }); // '1x1'
 */
export type SizeClass = '1x1' | 'zero' | 'tiny' | 'none' | 'sized';

/**
 * Classifies the rendered size of a resource.
 *
 * @example
 * sizeClass({ width: 600, height: 1 }); // 'sized' (a divider line, not a pixel)
 * sizeClass({ width: null, height: 1 }); // 'tiny'
 */
export function sizeClass(r: { readonly width: number | null; readonly height: number | null }): SizeClass {
  const { width: w, height: h } = r;
  if (w === null && h === null) return 'none';
  if (w !== null && h !== null) {
    if (w === 0 || h === 0) return w <= 3 && h <= 3 ? 'zero' : 'sized';
    if (w <= 1 && h <= 1) return '1x1';
    if (w <= 3 && h <= 3) return 'tiny';
    return 'sized';
  }
  const known = (w ?? h) as number;
  return known <= 1 ? 'tiny' : 'sized';
}

const TRACKING_WORDS = new Set([
  'open',
  'opens',
  'opened',
  'track',
  'tracking',
  'tracker',
  'trk',
  'trck',
  'pixel',
  'beacon',
  'o.gif',
  'open.gif',
  'open.png',
  'o.png',
  't.gif',
  'p.gif',
  'pixel.gif',
  'pixel.png',
  'trace',
  'imp',
  'impression',
  'collect',
  'log',
  'stat',
  'stats',
  'view',
  'read',
  'receipt',
  'wf',
]);

/**
 * Words content paths use as often as counters do (`/view/<asset>`, `/read/<article>`,
 * `/stats/chart.png`): evidence beside a tiny size or a hidden image, too weak alone for an
 * image shown at an unknown size.
 */
const WEAK_WORDS: ReadonlySet<string> = new Set(['view', 'read', 'log', 'stat', 'stats', 'collect', 'trace']);

/**
 * How strongly the path says "open tracking": `strong` for words only counters use (`/open`,
 * `/track`, `/pixel`, `o.gif`, compounds like `ReadReceipt`), `weak` for words content paths share
 * (`/view`, `/read`, `/stats`), `null` for none.
 *
 * @example
 * trackingPathStrength(parseUrl('https://x.example/track/open')!); // 'strong'
 * trackingPathStrength(parseUrl('https://dam.example/view/3f2b8c1e')!); // 'weak'
 */
export function trackingPathStrength(url: ParsedUrl): 'strong' | 'weak' | null {
  let weak = false;
  for (const seg of url.segments) {
    const s = seg.toLowerCase();
    const dot = s.lastIndexOf('.');
    const word = TRACKING_WORDS.has(s) ? s : dot > 0 && TRACKING_WORDS.has(s.slice(0, dot)) ? s.slice(0, dot) : null;
    if (word !== null) {
      if (!WEAK_WORDS.has(word)) return 'strong';
      weak = true;
    } else if (isTrackingCompound(seg)) return 'strong';
  }
  return weak ? 'weak' : null;
}

/**
 * Whether the path has words open-tracking endpoints use (`/open`, `/track`, `/pixel`, `o.gif`),
 * alone or joined into a compound (`ReadReceipt`, `openlog`, `TrackOpen`, `MarkRead`).
 *
 * @example
 * hasTrackingPath(parseUrl('https://x.example/track/open')!); // true
 * hasTrackingPath(parseUrl('https://x.example/api/ReadReceipt')!); // true
 */
export function hasTrackingPath(url: ParsedUrl): boolean {
  return trackingPathStrength(url) !== null;
}

const SPACER_WORDS = ['spacer', 'transparent', 'blank', 'clear', 'shim', 'space', 'trans', 'dot', 'empty', 'pix', '1x1', 'px', 'spc', 'gmail_fix'];

/**
 * A file name that says "layout spacer" (`spacer.gif`, `transparent.png`, `blank.gif`, `1x1.gif`).
 *
 * @example
 * isSpacerName(parseUrl('https://cdn.example/img/spacer.gif')!); // true
 */
export function isSpacerName(url: ParsedUrl): boolean {
  const last = (url.segments[url.segments.length - 1] ?? '').toLowerCase();
  const dot = last.lastIndexOf('.');
  const stem = dot > 0 ? last.slice(0, dot) : last;
  return SPACER_WORDS.some((w) => stem === w || stem.startsWith(w) || stem.endsWith(w));
}

/** Query keys that version a static file (`spacer.gif?v=1613600000`, Shopify's CDN): not per recipient. */
const VERSION_KEYS: ReadonlySet<string> = new Set(['v', 'ver', 'version', 'rev']);

/** `utm_*` campaign tags: the same for every recipient of a send, so they count nothing per person. */
function isCampaignKey(k: string): boolean {
  return k.toLowerCase().startsWith('utm_');
}

/**
 * Whether the query carries something a static file never needs: a value of three or more
 * characters under a key that is not a file version (`?v=2`, `?ver=1613600000`), a signature
 * (`?hash=…`, see `isFileTokenKey`) or a `utm_*` campaign tag.
 *
 * @example
 * hasCountingQuery(parseUrl('https://shop.example/spacer.gif?c=12345')!); // true
 * hasCountingQuery(parseUrl('https://cdn.example/spacer.gif?v=1613600000')!); // false
 */
export function hasCountingQuery(url: ParsedUrl): boolean {
  return url.query.some(
    ([k, v]) =>
      !VERSION_KEYS.has(k.toLowerCase()) &&
      !isCampaignKey(k) &&
      !isFileTokenKey(k, url) &&
      (v.length >= 3 || (v.length === 0 && k.length >= 3)),
  );
}

/**
 * Identifier evidence in a URL: names of query parameters whose values look per-recipient, and
 * indices of such path segments. Parameters listed by the catalogue count whatever their value.
 *
 * @example
 * identifierEvidence(parseUrl('https://x.example/o/3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f.gif?c=12')!, []);
 * // { params: [], segments: [1], redirect: false }
 */
export function identifierEvidence(
  url: ParsedUrl,
  knownParams: readonly string[],
): { params: string[]; segments: number[]; redirect: boolean } {
  const params: string[] = [];
  let redirect = false;
  for (const [k, v] of url.query) {
    if (looksLikeUrl(v)) {
      redirect = true;
      continue;
    }
    // A bare token as the whole query (`/d?a1B2c3…`) is a key without value.
    const token = v.length === 0 ? k : v;
    if ((knownParams.includes(k) && v.length > 0) || identifierShape(token) !== null) {
      if (!params.includes(k)) params.push(k);
    }
  }
  const segments: number[] = [];
  url.segments.forEach((s, i) => {
    if (identifierShape(s) !== null) segments.push(i);
  });
  return { params, segments, redirect };
}

/**
 * The signals that describe how a resource is loaded and shown.
 *
 * @example
 * presentationSignals({ ...resource, width: 1, height: 1, hidden: null, via: 'element', media: null });
 * // ['size-1x1']
 */
export function presentationSignals(r: Resource): Signal[] {
  const out: Signal[] = [];
  const size = sizeClass(r);
  if (size === '1x1') out.push('size-1x1');
  else if (size === 'zero') out.push('size-zero');
  else if (size === 'tiny') out.push('size-tiny');
  else if (size === 'none' && r.via === 'element') out.push('no-size');
  if (r.hidden !== null) out.push(r.hidden.ancestor ? 'hidden-ancestor' : 'hidden-element');
  if (r.via === 'inline-style' || r.via === 'style-block' || r.via === 'font-face') out.push('css-url');
  if (r.via === 'style-import') out.push('css-import');
  if (r.media !== null) out.push(mediaSignal(r.media));
  return out;
}

/**
 * Which kind of `@media` condition loads a CSS URL: print and dark-mode rules are how testing and
 * analytics vendors learn that a message was printed or read in dark mode.
 *
 * @example
 * mediaSignal('(prefers-color-scheme: dark)'); // 'css-media-dark'
 */
export function mediaSignal(media: string): Signal {
  const m = media.toLowerCase();
  if (m.includes('print')) return 'css-media-print';
  if (m.includes('prefers-color-scheme')) return 'css-media-dark';
  return 'css-media-other';
}
