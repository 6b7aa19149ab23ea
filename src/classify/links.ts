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
import { identifierShape, looksLikeUrl } from './identifiers.js';
import { isIdPiece, isNumberChain, isShortToken, opaque, opaqueByToken, shapeOf, tokenOnly, type LinkShape } from './link-shape.js';
import { isPageLink } from './link-words.js';
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
  /** A parameter holds some other mail address (the recipient is not always known). */
  readonly otherAddress?: true;
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
 * The pattern a link belongs to: host plus first path segment (`/c/…`, `/d?…`, `/ls/click`), or
 * the host alone when the first segment is itself a token.
 *
 * @example
 * linkPatternKey(parseUrl('https://t.shop.example/c/AbC123?x=1')!); // 't.shop.example/c'
 */
export function linkPatternKey(url: ParsedUrl): string {
  const first = url.segments[0] ?? '';
  // A token as the first segment (`/AbC123xYz/…`) differs per link: the pattern is the host.
  // `key=value` segments (`/SIG=15lpt5jdu/…`) are path parameters, not tokens.
  const token =
    first.length > 24 || identifierShape(first) !== null || isNumberChain(first) || (isIdPiece(first) && /^[A-Za-z0-9]+$/.test(first));
  return `${url.host}/${token ? '*' : first}`;
}

/**
 * How sure one link alone makes us that it is a click redirect, or `null`: a redirect endpoint
 * with the destination under a destination parameter or a click word (`/in?link=https…`,
 * `/r?x=https…`), a click word (in the path, or as the host's
 * first label: `links.shop.example`) with a per-link token (`/c/<token>`), a click endpoint as
 * the first segment with a token parameter (`/redirect/<name>?refUid=<token>`), or the
 * recipient's address in a redirect-shaped URL.
 */
function singleEvidence(l: UnknownLink, s: LinkShape): Confidence | null {
  if (s.page) return null;
  // `/clk/<job-slug>?clk=<token>`: the slug names the link, the endpoint before it counts the click.
  if (s.endpointFirst && s.idParams.length > 0) return 'possible';
  if (s.slug) return null;
  const { clickWord } = s;
  const wordy = s.content.filter((w) => w.length > 3).length;
  const redirectPath = wordy === 0 && s.content.length <= 2;
  if (s.redirect && redirectPath && (clickWord || s.namedDestination)) return 'likely';
  const leaked = (l.leaks ?? []).length > 0;
  if (leaked && (clickWord || tokenOnly(s))) return clickWord ? 'likely' : 'possible';
  if (clickWord && tokenOnly(s)) return 'possible';
  // Some address beside a per-link token path (`/<token>/refer255353.asp?e=<address>`): the
  // recipient's, as far as anyone can tell when the message does not name it.
  if (l.otherAddress === true && s.idSegments.length > 0 && tokenOnly(s)) return 'possible';
  
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
  // A bare URL as the whole query (`/clk;1;2;f?http://…`) is a destination too.
  const bareUrl = url.query.some(([k, v]) => v.length === 0 && looksLikeUrl(k));
  if (leaked || ids.redirect || bareUrl || ids.params.length > 0 || ids.segments.length > 0) return 'likely';
  // Ad servers pack ids into one segment with `;` or `,` (`/clk;118693193;13533154;f`).
  const values = [...url.segments.flatMap((seg) => seg.split(/[;,]/)), ...url.query.map(([k, v]) => (v.length > 0 ? v : k))];
  return values.some(isShortToken) ? 'possible' : null;
}

/** A group needs at least this many distinct tokenised links to count as a redirect pattern. */
const MIN_GROUP = 3;

const RANK: Record<Confidence, number> = { possible: 0, likely: 1, certain: 2 };

/**
 * The registrable domain of a host (`shop.example` for `news.shop.example`), or `null`.
 *
 * @example
 * const domainOf: DomainOf = (host) => host.split('.').slice(-2).join('.');
 */
export type DomainOf = (host: string) => string | null;

/**
 * Whether a link goes to the sender's own website (first party, its bare domain or `www.` host):
 * short codes there (`/go.asp?art=2191442`) are the site's article and product numbers, unless
 * every link also carries one shared id (`/redirection.php?A=3071&D=1675269`).
 */
function ownSite(l: UnknownLink, domainOf: DomainOf | undefined): boolean {
  const host = l.url.host;
  return !l.thirdParty && (host.startsWith('www.') || domainOf?.(host) === host);
}

/**
 * A parameter every link of a group carries with the same code (`D=1675269` beside a per-link
 * `A=3071`, `A=3072`…): one id for the whole message, the recipient's or the mailing's.
 */
function sharedIdParam(group: readonly UnknownLink[]): boolean {
  const [first, ...others] = group;
  if (first === undefined || others.length === 0) return false;
  return first.url.query.some(([k, v]) => isIdPiece(v) && others.every((l) => l.url.query.some(([k2, v2]) => k2 === k && v2 === v)));
}

function judgeGroup(key: string, group: readonly UnknownLink[], domainOf: DomainOf | undefined): LinkGroup | null {
  const shapes = group.map(shapeOf);
  const signals = new Set<Signal>();
  group.forEach((l, i) => signalsOf(l, shapes[i] as LinkShape).forEach((s) => signals.add(s)));
  const distinct = new Set(group.map((l) => l.url.href)).size;
  const shared = sharedIdParam(group);
  const opaqueCount = group.filter((l, i) => {
    const s = shapes[i] as LinkShape;
    return ownSite(l, domainOf) && !shared ? opaqueByToken(s) : opaque(s);
  }).length;
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
 * parameter; on the sender's own site, given `domainOf`, short codes under a click word are not
 * enough); or else the links of a pattern that are redirects on their own evidence.
 *
 * @example
 * groupUnknownLinks(links).map((g) => g.key); // ['t.shop.example/c']
 */
export function groupUnknownLinks(links: readonly UnknownLink[], domainOf?: DomainOf): LinkGroup[] {
  const groups = new Map<string, UnknownLink[]>();
  for (const l of links) {
    const key = linkPatternKey(l.url);
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [l]);
    else g.push(l);
  }
  const out: LinkGroup[] = [];
  for (const [key, group] of groups) {
    const judged = judgeGroup(key, group, domainOf);
    if (judged !== null) out.push(judged);
  }
  return out;
}
