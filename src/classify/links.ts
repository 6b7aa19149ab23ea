/**
 * Click tracking. A redirect pattern is one finding however many links use it; links the catalogue
 * does not know are judged as a group, because one opaque link proves little while a newsletter
 * whose every link goes through the same tokenised endpoint is a click tracker.
 */
import type { Resource } from '../html/types.js';
import type { Confidence, Signal } from '../types.js';
import type { ParsedUrl } from '../url/parse.js';
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

/** The pattern a link belongs to: host plus first path segment (`/c/…`, `/d?…`, `/ls/click`). */
export function linkPatternKey(url: ParsedUrl): string {
  const first = url.segments[0] ?? '';
  return `${url.host}/${first.length <= 24 ? first : '*'}`;
}

/** Slug segments (`spring-sale-2026`, `about_us`) mean a content page, not a token. */
function hasSlug(url: ParsedUrl): boolean {
  return url.segments.some((s) => {
    const parts = s.split(/[-_]/);
    return parts.length >= 3 && parts.filter((p) => /^[a-z]{3,}$/i.test(p)).length >= 2;
  });
}

/**
 * A redirect URL is little more than a token: `/c/<token>`, `/d?<token>`, `/r/<a>/<b>`. Links to
 * real pages with tracking parameters (`/comm/home?midToken=…`) carry tokens too, but their path
 * names a page: those are tracked links, reported as tracking parameters, not redirects.
 */
function tokenOnly(url: ParsedUrl, idSegments: readonly number[], idParams: readonly string[]): boolean {
  const plain = url.segments.filter((_, i) => !idSegments.includes(i));
  const wordy = plain.filter((s) => s.length > 3);
  if (idSegments.length > 0) return wordy.length <= 1 && plain.length <= 2;
  return idParams.length > 0 && url.segments.length <= 1 && wordy.length === 0 && idParams.length === url.query.length;
}

function linkEvidence(l: UnknownLink): { opaque: boolean; redirect: boolean; signals: Signal[] } {
  const ids = identifierEvidence(l.url, []);
  const signals: Signal[] = [];
  if (ids.params.length > 0) signals.push('identifier-param');
  if (ids.segments.length > 0) signals.push('identifier-path');
  if (ids.redirect) signals.push('redirect-param');
  if (l.thirdParty) signals.push('third-party');
  const opaque = !hasSlug(l.url) && (ids.redirect || tokenOnly(l.url, ids.segments, ids.params));
  return { opaque, redirect: ids.redirect, signals };
}

/** A group needs at least this many tokenised links to count as a redirect pattern. */
const MIN_GROUP = 3;

/**
 * Groups unknown links by pattern and keeps the groups that look like click tracking: at least
 * three links, at least 80 % of them opaque (a per-link token, or a destination in a parameter).
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
    if (group.length < MIN_GROUP) continue;
    let opaque = 0;
    let redirect = 0;
    const signals = new Set<Signal>();
    const distinct = new Set<string>();
    for (const l of group) {
      const ev = linkEvidence(l);
      if (ev.opaque) opaque++;
      if (ev.redirect) redirect++;
      ev.signals.forEach((s) => signals.add(s));
      distinct.add(l.url.href);
    }
    // The same URL repeated (a logo and a text link to one page) is not a per-link token scheme.
    if (distinct.size < MIN_GROUP || opaque / group.length < 0.8) continue;
    const confidence: Confidence = redirect / group.length >= 0.8 ? 'likely' : 'possible';
    out.push({ key, links: group, confidence, signals: [...signals] });
  }
  return out;
}
