/**
 * What one link's URL is made of: tokens, redirect words, content words, a carried destination.
 * The grouping of unknown links (`links.ts`) judges links by these shapes.
 */
import type { ParsedUrl } from '../url/parse.js';
import { identifierShape, looksLikeUrl } from './identifiers.js';
import { isNeutralWord, isPageLink, isRedirectWord } from './link-words.js';
import type { UnknownLink } from './links.js';
import { identifierEvidence } from './signals.js';

/** Slug segments (`spring-sale-2026`, `about_us`) mean a content page, not a token. */
function hasSlug(segments: readonly string[]): boolean {
  return segments.some((s) => {
    if (isRedirectWord(s)) return false;
    const parts = s.split(/[-_]/);
    return parts.length >= 3 && parts.filter((p) => /^[a-z]{3,}$/i.test(p)).length >= 2;
  });
}

/** What a link's URL is made of, with redirect words set apart from content words. */
export interface LinkShape {
  readonly idSegments: readonly number[];
  readonly idParams: readonly string[];
  /** The destination is in the URL: a query value or the path holds an http(s) URL (plain, base64 or hex). */
  readonly redirect: boolean;
  /** A destination sits in a parameter named as one (`url`, `u`, `link`, `target`…), not in free text. */
  readonly namedDestination: boolean;
  /** A segment names a redirect endpoint (`/c/`, `/click`, `redirect.php`). */
  readonly redirectWord: boolean;
  /** Segments that are neither a token nor a redirect word. */
  readonly content: readonly string[];
  /** Query parameters that read as words or campaign tags (`lang=english`, `utm_source`). */
  readonly contentParams: number;
  readonly page: boolean;
  readonly slug: boolean;
  /** A click word in the path (`/c/`, `click.php`) or as the host's first label (`links.`). */
  readonly clickWord: boolean;
  /** A query value or path segment is a short code or number (`id=48213`, `/c/136/52881`). */
  readonly shortIds: boolean;
  /**
   * The path starts with a click endpoint and names the link after it at most once
   * (`/redirect/appstorelink?…`, `/clk/<job-slug>?clk=<token>`).
   */
  readonly endpointFirst: boolean;
}

/** Click words that make a single tokenised link a redirect (narrower than the grouping words: `track` also names parcel tracking pages). */
const CLICK_WORDS: ReadonlySet<string> = new Set([
  'c', 'l', 'r', 'ls', 'ct', 'cl', 'ck', 'clk', 'lnk', 'rd', 'go', 'goto', 'out', 'away', 'jump',
  'click', 'clicks', 'clickthrough', 'linkclick', 'redirect', 'redir', 'redirection', 'outbound', 'trk',
]);

/**
 * Click words that name a redirect endpoint as a path's first segment, with the link's name after
 * them. Multi-letter only: `/c/<slug>` and `/l/<slug>` are category and list pages of many sites.
 */
const ENDPOINT_DIRS: ReadonlySet<string> = new Set([
  'click', 'clicks', 'clk', 'clickthrough', 'linkclick', 'redirect', 'redir', 'redirection', 'outbound', 'trk',
]);

/**
 * First host labels that name a click-tracking host (`click.mail.shop.example`, `links.shop.example`).
 * Not `track` or `tracking`: parcel carriers name their tracking pages so.
 */
const CLICK_HOST_LABELS: ReadonlySet<string> = new Set([
  'click', 'clicks', 'clk', 'trk', 'links', 'link', 'lnk', 'redirect', 'redir', 'elink', 'email-links',
]);

/**
 * One-letter first labels ESPs give click hosts (`r.news.shop.example`, `l.shop.example`,
 * `t.e.shop.example`). Counted on subdomains only: as a whole domain (`t.me`, `t.co`) the letter
 * names a service, not a tracking CNAME.
 */
const SHORT_CLICK_LABELS: ReadonlySet<string> = new Set(['c', 'l', 'r', 't']);

function hostSaysClick(url: ParsedUrl): boolean {
  const dot = url.host.indexOf('.');
  if (dot <= 0) return false;
  const label = url.host.slice(0, dot);
  if (CLICK_HOST_LABELS.has(label)) return true;
  return SHORT_CLICK_LABELS.has(label) && url.host.split('.').length >= 3;
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
export function isIdPiece(segment: string): boolean {
  const s = stem(segment);
  return /^[0-9]+$/.test(s) || isShortToken(s);
}

/**
 * Numbers joined by punctuation into one segment, at least three of them and ten digits
 * (`705443.53897.0.43424`: mailing, recipient, link): an id chain like one spread over segments.
 * Dates (`2026-05-12`) and versions (`10.15.7`) are too short.
 */
export function isNumberChain(segment: string): boolean {
  if (segment.length > 64 || !/^[0-9.:_,-]+$/.test(segment)) return false;
  const parts = segment.split(/[-.:_,]/);
  return parts.length >= 3 && parts.every((p) => p.length > 0) && parts.join('').length >= 10;
}

/** A recipient or link id spread over three or more short numeric segments: `/c/136/1071579/…/52881/5bcc576f50.html`. */
const MIN_ID_CHAIN = 3;

/**
 * Parameter names redirects keep their destination under. Free-text parameters (`text` of a share
 * link) may start with a URL too, but following them goes nowhere but the sharing site.
 */
const DESTINATION_PARAMS: ReadonlySet<string> = new Set([
  'url', 'u', 'link', 'href', 'target', 'dest', 'destination', 'to', 'goto', 'go', 'redirect', 'redir',
  'redirect_url', 'redirecturl', 'redirect_uri', 'r', 'l', 'q', 'out', 'rurl', 'lnk', 'site', 'ref_url', 'landing',
]);

/**
 * Where the path turns into a URL (`/news/http://site.example/…`, `*http:`), or -1. A path that
 * is nothing but the link's own URL again (`https://site.example/https://site.example/page`, a
 * pasting slip) carries no destination: it leads to a missing page on the same site.
 */
function pathDestinationStart(url: ParsedUrl): number {
  const at = url.segments.findIndex((s) => {
    const l = s.toLowerCase();
    return l === 'http:' || l === 'https:' || l.endsWith('*http:') || l.endsWith('*https:') || l.includes('://');
  });
  return at === 0 && url.segments[1]?.toLowerCase() === url.host ? -1 : at;
}

/**
 * Reads a link's URL: which segments and parameters are tokens, which are redirect words or
 * content words, and whether the destination is carried.
 *
 * @example
 * shapeOf(link('https://t.shop.example/c/Q9vX2kLm8pR4tZ1a')).content; // []
 */
export function shapeOf(l: UnknownLink): LinkShape {
  const ids = identifierEvidence(l.url, []);
  // Segments after a destination written into the path belong to the destination, not to the link.
  const cut = pathDestinationStart(l.url);
  const segs = cut < 0 ? l.url.segments : l.url.segments.slice(0, cut);
  const words = segs.map((_, i) => i).filter((i) => !ids.segments.includes(i) && !isRedirectWord(segs[i] ?? ''));
  const chain = words.filter((i) => isIdPiece(segs[i] ?? ''));
  const chained = words.filter((i) => isNumberChain(segs[i] ?? ''));
  const idSegments = chain.length >= MIN_ID_CHAIN ? [...ids.segments, ...chain] : [...ids.segments, ...chained];
  const plain = segs.filter((_, i) => !idSegments.includes(i));
  const content = plain.filter((s) => !isNeutralWord(s));
  let contentParams = 0;
  for (const [k, v] of l.url.query) if (!ids.params.includes(k) && isContentParam(k, v)) contentParams++;
  const encoded = l.url.query.some(([, v]) => isEncodedDestination(v)) || segs.some(isEncodedDestination);
  const named = l.url.query.some(([k, v]) => DESTINATION_PARAMS.has(k.toLowerCase()) && (looksLikeUrl(v) || isEncodedDestination(v)));
  return {
    idSegments,
    idParams: ids.params,
    redirect: ids.redirect || encoded || cut >= 0,
    namedDestination: named || cut >= 0,
    redirectWord: plain.some(isRedirectWord),
    content,
    contentParams,
    page: isPageLink(l.url, l.resource.text),
    slug: hasSlug(segs),
    clickWord: segs.some((seg) => CLICK_WORDS.has(stem(seg))) || hostSaysClick(l.url),
    shortIds: content.some(isIdPiece) || l.url.query.some(([k, v]) => isIdPiece(v.length > 0 ? v : k)),
    endpointFirst: segs.length <= 2 && ENDPOINT_DIRS.has(stem(segs[0] ?? '')),
  };
}

/**
 * A redirect URL is little more than a token: `/c/<token>`, `/d?<token>`, `/r/<a>/<b>`. Links to
 * real pages with tracking parameters (`/comm/home?midToken=…`) carry tokens too, but their path
 * names a page: those are tracked links, reported as tracking parameters, not redirects.
 */
export function tokenOnly(s: LinkShape): boolean {
  // Short codes beside a token (`/Ctc/5D+113/d2v8tf04/<token>`) are more of the id, not words;
  // a file name (`/s/<token>/Report-2.pdf`) names a document, as a word does.
  const words = s.content.filter((w) => !isIdPiece(w) || isDocumentName(w));
  const wordy = words.filter((w) => w.length > 3).length;
  if (s.idSegments.length > 0) return words.length <= 2 && (wordy === 0 || (wordy === 1 && s.redirectWord));
  // Without a token segment, short codes in the path are the page's own ids (`/j/<meeting>?pwd=`).
  return s.idParams.length > 0 && s.content.length <= 1 && wordy === 0 && s.contentParams === 0;
}

/**
 * A click endpoint whose links differ only by short codes (`/click.php?id=48213&l=5`): too short
 * to be tokens one by one, but a group of distinct ones under a click word is a redirect scheme.
 */
function clickCoded(s: LinkShape): boolean {
  const wordy = s.content.filter((w) => w.length > 3 && !isIdPiece(w)).length;
  return s.clickWord && s.shortIds && wordy === 0 && s.content.length <= 2 && s.contentParams === 0;
}

/**
 * Whether one link of a group looks like a redirect: a token or a carried destination, and no
 * slug or list page.
 *
 * @example
 * opaque(shapeOf(link('https://t.shop.example/c/Q9vX2kLm8pR4tZ1a'))); // true
 */
export function opaque(s: LinkShape): boolean {
  return opaqueByToken(s) || (!s.slug && !s.page && clickCoded(s));
}

/**
 * Like `opaque`, without short codes under a click word: a token or a carried destination.
 *
 * @example
 * opaqueByToken(shapeOf(link('https://www.shop.example/go.asp?art=2191442'))); // false
 */
export function opaqueByToken(s: LinkShape): boolean {
  return !s.slug && !s.page && (s.redirect || tokenOnly(s));
}

/** Extensions of documents and media: a segment so named is a file to fetch, not a token. */
const DOCUMENT_EXTENSIONS: ReadonlySet<string> = new Set([
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'odp', 'rtf', 'txt', 'csv',
  'zip', 'gz', 'tgz', '7z', 'rar', 'jpg', 'jpeg', 'png', 'gif', 'webp', 'svg', 'mp3', 'mp4', 'mov', 'ics',
]);

/** `Report-2.pdf`, `photo_12.JPG`: a file name with a document or media extension. */
function isDocumentName(segment: string): boolean {
  const dot = segment.lastIndexOf('.');
  return dot > 0 && DOCUMENT_EXTENSIONS.has(segment.slice(dot + 1).toLowerCase());
}

/** Letters and digits mixed (`8Ffd9`, `a1b2c3`), or a run of digits: a short per-link token. */
export function isShortToken(v: string): boolean {
  if (v.length < 5 || v.length > 4096 || !/^[A-Za-z0-9_~.=+-]+$/.test(v)) return false;
  return /^[0-9]+$/.test(v) || (/[0-9]/.test(v) && /[A-Za-z]/.test(v));
}

