/**
 * Click tracking. A redirect pattern is one finding however many links use it; links the catalogue
 * does not know are judged as a group, because one opaque link proves little while a newsletter
 * whose every link goes through the same tokenised endpoint is a click tracker. A single link
 * counts on its own only with stronger evidence: a redirect endpoint carrying the destination URL,
 * a click word with a per-link token, or the recipient's address.
 */
import type { Resource } from '../html/types.js';
import type { Confidence, Leak, Signal } from '../types.js';
import type { ParsedUrl } from '../url/parse.js';
import { identifierShape } from './identifiers.js';
import { isPageLink, isRedirectWord } from './link-words.js';
import { identifierEvidence } from './signals.js';

/**
 * A link the catalogue did not classify.
 *
 * @example
 * const l: UnknownLink = { resource, url, thirdParty: false };
 */
export interface UnknownLink {
  readonly resource: Resource;
  readonly url: ParsedUrl;
  readonly thirdParty: boolean;
  /** The recipient's address found in the URL, in any encoding. */
  readonly leaks?: readonly Leak[];
}

/**
 * A group of links judged to be one click-redirect pattern.
 *
 * @example
 * const g: LinkGroup = { key: 't.shop.example/c', links: [], confidence: 'possible', signals: ['identifier-path'] };
 */
export interface LinkGroup {
  readonly key: string;
  readonly links: readonly UnknownLink[];
  readonly confidence: Confidence;
  readonly signals: readonly Signal[];
}

/**
 * The pattern a link belongs to: host plus first path segment (`/c/…`, `/d?…`, `/ls/click`).
 *
 * @example
 * linkPatternKey(parseUrl('https://t.shop.example/c/AbC123?x=1')!); // 't.shop.example/c'
 */
export function linkPatternKey(url: ParsedUrl): string {
  const first = url.segments[0] ?? '';
  return `${url.host}/${first.length <= 24 ? first : '*'}`;
}

/** Slug segments (`spring-sale-2026`, `about_us`) mean a content page, not a token. */
function hasSlug(url: ParsedUrl): boolean {
  return url.segments.some((s) => {
    if (isRedirectWord(s)) return false;
    const parts = s.split(/[-_]/);
    return parts.length >= 3 && parts.filter((p) => /^[a-z]{3,}$/i.test(p)).length >= 2;
  });
}

/** What a link's URL is made of, with redirect words set apart from content words. */
interface LinkShape {
  readonly idSegments: readonly number[];
  readonly idParams: readonly string[];
  /** A query value holds an http(s) URL: the destination. */
  readonly redirect: boolean;
  /** A segment names a redirect endpoint (`/c/`, `/click`, `redirect.php`). */
  readonly redirectWord: boolean;
  /** Segments that are neither a token nor a redirect word. */
  readonly content: readonly string[];
  /** Query parameters that read as words or campaign tags (`lang=english`, `utm_source`). */
  readonly contentParams: number;
  readonly page: boolean;
  readonly slug: boolean;
}

/** Click words that make a single tokenised link a redirect (narrower than the grouping words: `track` also names parcel tracking pages). */
const CLICK_WORDS: ReadonlySet<string> = new Set([
  'c', 'l', 'r', 'ls', 'ct', 'cl', 'ck', 'clk', 'lnk', 'rd', 'go', 'goto', 'out', 'away', 'jump',
  'click', 'clicks', 'clickthrough', 'linkclick', 'redirect', 'redir', 'redirection', 'outbound', 'trk',
]);

/**
 * First host labels that name a click-tracking host (`click.mail.shop.example`, `links.shop.example`).
 * Not `track` or `tracking`: parcel carriers name their tracking pages so.
 */
const CLICK_HOST_LABELS: ReadonlySet<string> = new Set([
  'click', 'clicks', 'clk', 'trk', 'links', 'link', 'lnk', 'redirect', 'redir', 'elink', 'email-links',
]);

function hostSaysClick(url: ParsedUrl): boolean {
  const dot = url.host.indexOf('.');
  return dot > 0 && CLICK_HOST_LABELS.has(url.host.slice(0, dot));
}

function stem(segment: string): string {
  const s = segment.toLowerCase();
  const dot = s.lastIndexOf('.');
  return dot > 0 ? s.slice(0, dot) : s;
}

function isContentParam(key: string, value: string): boolean {
  if (key.toLowerCase().startsWith('utm_')) return true;
  return /[a-z]{5,}/i.test(value) && identifierShape(value) === null;
}

/**
 * A destination URL written in base64 (`aHR0c…` is "http") or hex (`68747470…`): redirects that
 * keep their target out of sight still carry it.
 */
function isEncodedDestination(v: string): boolean {
  return (v.startsWith('aHR0c') && v.length >= 16) || (v.length >= 16 && /^68747470[0-9a-f]+$/i.test(v));
}

/** Numbers and short mixed codes (`136`, `4531494`, `5bcc576f50.html`): pieces of an id chain. */
function isIdPiece(segment: string): boolean {
  const s = stem(segment);
  return /^[0-9]+$/.test(s) || isShortToken(s);
}

/** A recipient or link id spread over three or more short numeric segments: `/c/136/1071579/…/52881/5bcc576f50.html`. */
const MIN_ID_CHAIN = 3;

function shapeOf(l: UnknownLink): LinkShape {
  const ids = identifierEvidence(l.url, []);
  const segs = l.url.segments;
  const words = segs.map((_, i) => i).filter((i) => !ids.segments.includes(i) && !isRedirectWord(segs[i] ?? ''));
  const chain = words.filter((i) => isIdPiece(segs[i] ?? ''));
  const idSegments = chain.length >= MIN_ID_CHAIN ? [...ids.segments, ...chain] : ids.segments;
  const plain = segs.filter((_, i) => !idSegments.includes(i));
  const content = plain.filter((s) => !isRedirectWord(s));
  let contentParams = 0;
  for (const [k, v] of l.url.query) if (!ids.params.includes(k) && isContentParam(k, v)) contentParams++;
  const encoded = l.url.query.some(([, v]) => isEncodedDestination(v)) || segs.some(isEncodedDestination);
  return {
    idSegments,
    idParams: ids.params,
    redirect: ids.redirect || encoded,
    redirectWord: content.length < plain.length,
    content,
    contentParams,
    page: isPageLink(l.url, l.resource.text),
    slug: hasSlug(l.url),
  };
}

/**
 * A redirect URL is little more than a token: `/c/<token>`, `/d?<token>`, `/r/<a>/<b>`. Links to
 * real pages with tracking parameters (`/comm/home?midToken=…`) carry tokens too, but their path
 * names a page: those are tracked links, reported as tracking parameters, not redirects.
 */
function tokenOnly(s: LinkShape): boolean {
  const wordy = s.content.filter((w) => w.length > 3).length;
  if (s.idSegments.length > 0) return s.content.length <= 2 && (wordy === 0 || (wordy === 1 && s.redirectWord));
  return s.idParams.length > 0 && s.content.length <= 1 && wordy === 0 && s.contentParams === 0;
}

function opaque(s: LinkShape): boolean {
  return !s.slug && !s.page && (s.redirect || tokenOnly(s));
}

/**
 * How sure one link alone makes us that it is a click redirect, or `null`: a redirect endpoint
 * with the destination in its query (`/r?url=https…`), a click word (in the path, or as the host's
 * first label: `links.shop.example`) with a per-link token (`/c/<token>`), or the recipient's
 * address in a redirect-shaped URL.
 */
function singleEvidence(l: UnknownLink, s: LinkShape): Confidence | null {
  if (s.slug || s.page) return null;
  const clickWord = l.url.segments.some((seg) => CLICK_WORDS.has(stem(seg))) || hostSaysClick(l.url);
  const wordy = s.content.filter((w) => w.length > 3).length;
  const redirectPath = wordy === 0 && s.content.length <= 2;
  if (s.redirect && redirectPath && (clickWord || s.content.length === 0)) return 'likely';
  const leaked = (l.leaks ?? []).length > 0;
  if (leaked && (clickWord || tokenOnly(s))) return clickWord ? 'likely' : 'possible';
  if (clickWord && tokenOnly(s)) return 'possible';
  return null;
}

function signalsOf(l: UnknownLink, s: LinkShape): Signal[] {
  const signals: Signal[] = [];
  if (s.idParams.length > 0) signals.push('identifier-param');
  if (s.idSegments.length > 0) signals.push('identifier-path');
  if (s.redirect) signals.push('redirect-param');
  if ((l.leaks ?? []).length > 0) signals.push('address-leak');
  if (l.thirdParty) signals.push('third-party');
  return signals;
}

/** Letters and digits mixed (`8Ffd9`, `a1b2c3`), or a run of digits: a short per-link token. */
function isShortToken(v: string): boolean {
  if (v.length < 5 || v.length > 4096 || !/^[A-Za-z0-9_~.=-]+$/.test(v)) return false;
  return /^[0-9]+$/.test(v) || (/[0-9]/.test(v) && /[A-Za-z]/.test(v));
}

/**
 * Judges a link to a dedicated tracking host (catalogued, no rule path matched). Every request to
 * such a host is tracking, so any link there is a click redirect, except the vendor's homepage and
 * the list's own pages (unsubscribe, preferences, web version), which carry tokens too but are
 * pages. A per-recipient token, a destination or the address makes it `likely`, a short token
 * (`?l=8Ffd9`, `/l/12345/…`) `possible`; a path of words alone (the vendor's app) is left out.
 *
 * @example
 * dedicatedHostLink(parseUrl('https://links.esp.example/els/v2/Q9vX2kLm8pR4tZ1a')!, 'Shop now', [], false); // 'likely'
 * dedicatedHostLink(parseUrl('https://links.esp.example/unsubscribe?u=Q9vX2kLm8pR4')!, 'Unsubscribe', [], false); // null
 */
export function dedicatedHostLink(
  url: ParsedUrl,
  text: string | null | undefined,
  knownParams: readonly string[],
  leaked: boolean,
): Confidence | null {
  if (url.segments.length === 0 && url.query.length === 0) return null;
  if (isPageLink(url, text)) return null;
  const ids = identifierEvidence(url, knownParams);
  if (leaked || ids.redirect || ids.params.length > 0 || ids.segments.length > 0) return 'likely';
  const values = [...url.segments, ...url.query.map(([k, v]) => (v.length > 0 ? v : k))];
  return values.some(isShortToken) ? 'possible' : null;
}

/** A group needs at least this many distinct tokenised links to count as a redirect pattern. */
const MIN_GROUP = 3;

const RANK: Record<Confidence, number> = { possible: 0, likely: 1, certain: 2 };

function judgeGroup(key: string, group: readonly UnknownLink[]): LinkGroup | null {
  const shapes = group.map(shapeOf);
  const signals = new Set<Signal>();
  group.forEach((l, i) => signalsOf(l, shapes[i] as LinkShape).forEach((s) => signals.add(s)));
  const distinct = new Set(group.map((l) => l.url.href)).size;
  const opaqueCount = shapes.filter(opaque).length;
  // The same URL repeated (a logo and a text link to one page) is not a per-link token scheme.
  if (distinct >= MIN_GROUP && opaqueCount / group.length >= 0.8) {
    const redirects = shapes.filter((s) => s.redirect).length;
    const confidence: Confidence = redirects / group.length >= 0.8 ? 'likely' : 'possible';
    return { key, links: group, confidence, signals: [...signals] };
  }
  let best: Confidence | null = null;
  const strong: UnknownLink[] = [];
  const kept = new Set<Signal>();
  for (const [i, l] of group.entries()) {
    const shape = shapes[i] as LinkShape;
    const c = singleEvidence(l, shape);
    if (c === null) continue;
    strong.push(l);
    signalsOf(l, shape).forEach((s) => kept.add(s));
    if (best === null || RANK[c] > RANK[best]) best = c;
  }
  if (best === null) return null;
  return { key, links: strong, confidence: best, signals: [...kept] };
}

/**
 * Groups unknown links by pattern and keeps the groups that look like click tracking: at least
 * three distinct links, at least 80 % of them opaque (a per-link token, or a destination in a
 * parameter); or else the links of a pattern that are redirects on their own evidence.
 *
 * @example
 * groupUnknownLinks(links).map((g) => g.key); // ['t.shop.example/c']
 */
export function groupUnknownLinks(links: readonly UnknownLink[]): LinkGroup[] {
  const groups = new Map<string, UnknownLink[]>();
  for (const l of links) {
    const key = linkPatternKey(l.url);
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [l]);
    else g.push(l);
  }
  const out: LinkGroup[] = [];
  for (const [key, group] of groups) {
    const judged = judgeGroup(key, group);
    if (judged !== null) out.push(judged);
  }
  return out;
}
