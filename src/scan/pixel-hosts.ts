/**
 * Hosts a message reveals as tracking hosts by serving it an open pixel the catalogue does not
 * know: spam and small senders run one tracking script for opens and clicks (`/t?v=<token>` for
 * both, `/px<token>` beside `/<token>`, `/img/<recipient>.png` beside `/<link>/<recipient>`). A
 * tokenised link to such a host is a click redirect even alone, where the unknown-link grouping
 * would want three distinct links.
 */
import type { Decision } from '../classify/classify.js';
import { isIdPiece, opaque, shapeOf, type LinkShape } from '../classify/link-shape.js';
import { linkPatternKey, type UnknownLink } from '../classify/links.js';
import type { Resource } from '../html/types.js';
import type { Signal } from '../types.js';
import type { ParsedUrl } from '../url/parse.js';

/**
 * A verdict as far as this needs it.
 *
 * @example
 * const s: PixelSeen = { resource, url, known: false, decision };
 */
export interface PixelSeen {
  readonly resource: Resource;
  readonly url: ParsedUrl;
  /** The catalogue named the URL (its vendor's hosts and shapes are handled elsewhere). */
  readonly known: boolean;
  readonly decision: Decision | null;
}

/**
 * What the unknown open pixels of a message reveal about one host: their pattern keys (see
 * `linkPatternKey`) and their endpoint directories (the path without its last segment, when there
 * is one: `newsletter2/out` for `/newsletter2/out/htracking.php`, `sy` for `/sy/ev?…`).
 *
 * @example
 * const h: PixelHost = { keys: new Set(['spam.example/t']), dirs: new Set() };
 */
export interface PixelHost {
  readonly keys: Set<string>;
  readonly dirs: Set<string>;
}

function dirOf(url: ParsedUrl): string | null {
  return url.segments.length >= 2 ? url.segments.slice(0, -1).join('/').toLowerCase() : null;
}

/**
 * The pixel's endpoint directory when a word names it (`newsletter2/out`, `track.php/<campaign>/fast`);
 * a path of ids only (`/57336252/2474/o/`: recipient, mailing) is the recipient's, not a script's,
 * and its other links (`/…/u/?e=<address>`, the unsubscribe page) are judged by their own shape.
 */
function scriptDirOf(url: ParsedUrl): string | null {
  const dir = dirOf(url);
  return dir !== null && url.segments.slice(0, -1).some((seg) => !isIdPiece(seg)) ? dir : null;
}

/**
 * The unknown open pixels of a message, by host: only pixels judged `likely` or `certain`, so a
 * doubtful image never turns links into trackers.
 *
 * @example
 * pixelHosts([{ resource, url: parseUrl('https://spam.example/t?v=Q9vX2kLm8pR4tZ1a')!, known: false, decision }]);
 * // Map { 'spam.example' => { keys: Set { 'spam.example/t' }, dirs: Set {} } }
 */
export function pixelHosts(seen: readonly PixelSeen[]): Map<string, PixelHost> {
  const out = new Map<string, PixelHost>();
  for (const s of seen) {
    const d = s.decision;
    if (s.known || d === null || d.kind !== 'open-pixel' || d.confidence === 'possible' || s.resource.via === 'link-click') continue;
    const host = out.get(s.url.host) ?? { keys: new Set<string>(), dirs: new Set<string>() };
    host.keys.add(linkPatternKey(s.url));
    const dir = scriptDirOf(s.url);
    if (dir !== null) host.dirs.add(dir);
    out.set(s.url.host, host);
  }
  return out;
}

/** Script extensions: `txt2html.php` names an endpoint, it is no short code however it mixes letters and digits. */
const SCRIPT = /\.(?:php|aspx?|cfm|pl|cgi|dll|jsp|html?)$/i;

/** Every path segment a short code or token, no words in the query: `/2vjrjy/bgba1y`. */
function tokenPath(url: ParsedUrl, s: LinkShape): boolean {
  return url.segments.length > 0 && s.content.every((w) => isIdPiece(w) && !SCRIPT.test(w)) && s.contentParams === 0;
}

/**
 * A link to the pixel's own endpoint directory that carries a value (`/track.php/<campaign>/fast/4?email=…`
 * beside the pixel `/track.php/<campaign>/fast/icon.gif?email=…`, `/sy/ev?3&…&<token>` beside
 * `/sy/ev?3&…&-1&<token>`): one script counts the opens and the clicks.
 */
function pixelEndpoint(url: ParsedUrl, host: PixelHost): boolean {
  const dir = dirOf(url);
  if (dir === null || !host.dirs.has(dir)) return false;
  return url.query.some(([k, v]) => (v.length > 0 ? v : k).length > 0);
}

/**
 * Judges an unknown link on a host that served this message an unknown open pixel: a click
 * redirect when it is tokenised (an opaque token or carried destination: `likely`; a path of
 * short codes only: `possible`) or goes to the pixel's endpoint directory with a query (`likely`),
 * and is not a list page or a slug. On the sender's own site (its bare domain or `www.` host,
 * first party) a link must also have the pixel's pattern (`/t?…` beside `/t?…`) or endpoint,
 * since that site's ordinary pages carry ids too.
 *
 * @example
 * judgeOnPixelHost(link, keys, domainOf)?.kind; // 'click-redirect'
 */
export function judgeOnPixelHost(
  link: UnknownLink,
  pixels: PixelHost,
  domainOf: (host: string) => string | null,
): Decision | null {
  const s = shapeOf(link);
  if (s.page || s.slug) return null;
  const dense = opaque(s);
  const endpoint = pixelEndpoint(link.url, pixels);
  if (!dense && !endpoint && !tokenPath(link.url, s)) return null;
  const host = link.url.host;
  const site = host === domainOf(host) || host.startsWith('www.');
  if (site && !link.thirdParty && !endpoint && !pixels.keys.has(linkPatternKey(link.url))) return null;
  const signals: Signal[] = [];
  if (s.idParams.length > 0) signals.push('identifier-param');
  if (s.idSegments.length > 0 || !(dense || endpoint)) signals.push('identifier-path');
  if (s.redirect) signals.push('redirect-param');
  if ((link.leaks ?? []).length > 0) signals.push('address-leak');
  if (link.thirdParty) signals.push('third-party');
  return { kind: 'click-redirect', confidence: dense || endpoint ? 'likely' : 'possible', signals };
}
