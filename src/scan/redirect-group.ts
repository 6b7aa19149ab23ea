/**
 * The click-redirect groups of one HTML part, from which `part.ts` makes one finding each: how
 * links join a group, which pattern represents it, and how the patterns of one deployment that
 * the catalogue matched only in part end up in one finding (issue 11 class 7).
 */
import type { CatalogueMatch, VendorEntry } from '../catalogue/types.js';
import type { Resource } from '../html/types.js';
import type { Finding, Leak, Signal } from '../types.js';
import type { ParsedUrl } from '../url/parse.js';
import type { Verdict } from './inspect.js';

/**
 * Adds the leaks not yet listed.
 *
 * @example
 * mergeLeaks(group.leaks, verdict.leaks);
 */
export function mergeLeaks(into: Leak[], more: readonly Leak[]): void {
  for (const l of more) {
    if (!into.some((x) => x.encoding === l.encoding && x.location === l.location && x.address === l.address)) into.push(l);
  }
}

/**
 * The first link of one URL pattern inside a redirect group, and how many links use the pattern.
 *
 * @example
 * const use: PatternUse = { first: resource, url, destination: null, count: 1 };
 */
export interface PatternUse {
  first: Resource;
  url: ParsedUrl;
  destination: string | null;
  count: number;
}

/**
 * The links of one click-redirect finding while a part is scanned.
 *
 * @example
 * const g: RedirectGroup = { first, url, match: null, entry: null, patterns: new Map(), thirdParty: true, confidence: 'possible',
 *   signals: new Set(), urls: [url.href], count: 1, leaks: [], destination: null, truncated: false };
 */
export interface RedirectGroup {
  first: Resource;
  url: ParsedUrl;
  match: CatalogueMatch | null;
  /** The catalogue vendor, or the one attributed from the headers or the sender. */
  entry: VendorEntry | null;
  /** Links by URL pattern (host and first segment): the most used one represents the finding. */
  patterns: Map<string, PatternUse>;
  thirdParty: boolean;
  confidence: Finding['confidence'];
  signals: Set<Signal>;
  urls: string[];
  count: number;
  leaks: Leak[];
  destination: string | null;
  truncated: boolean;
}

/**
 * The pattern most links of a group use (the first one on a tie): a newsletter's first link is
 * often "view online" or the logo, while its article links show the click-tracking scheme.
 *
 * @example
 * representative(group)?.url.href;
 */
export function representative(g: RedirectGroup): PatternUse | null {
  let best: PatternUse | null = null;
  for (const use of g.patterns.values()) if (best === null || use.count > best.count) best = use;
  return best;
}

/**
 * The group key of a click redirect the catalogue did not match: one per host for the link
 * patterns the message attributes to one vendor (its header ESP or the sender itself: `/l/c/…`
 * action links and `/redirect/<name>` links of one host are one deployment), else one per pattern.
 *
 * @example
 * unknownRedirectKey(verdict); // 'vendor:sender-own-shop-example host:t.shop.example'
 */
export function unknownRedirectKey(v: Verdict): string {
  if (v.group === null) return `host:${v.url.host}`;
  return v.attributed === undefined ? `group:${v.group}` : `vendor:${v.attributed.id} host:${v.url.host}`;
}

const RANK: Record<Finding['confidence'], number> = { possible: 0, likely: 1, certain: 2 };

/**
 * Moves every uncatalogued group whose patterns a catalogued group of the part also uses into
 * that group: a vendor's redirect whose rule missed one variant of its links (`gp/r.html?…&T=X`
 * beside `gp/r.html?…&T=C`) is the same deployment, not a second tracker.
 *
 * @example
 * absorbUnknownGroups(redirects); // redirects now holds one group per deployment
 */
export function absorbUnknownGroups(groups: Map<string, RedirectGroup>): void {
  const known = [...groups.values()].filter((g) => g.match !== null);
  for (const [key, g] of groups) {
    if (g.match !== null) continue;
    const home = known.find((k) => [...g.patterns.keys()].every((p) => k.patterns.has(p)));
    if (home === undefined) continue;
    for (const [p, use] of g.patterns) {
      const at = home.patterns.get(p);
      if (at !== undefined) at.count += use.count;
    }
    home.count += g.count;
    for (const u of g.urls) if (!home.urls.includes(u)) home.urls.push(u);
    g.signals.forEach((s) => home.signals.add(s));
    mergeLeaks(home.leaks, g.leaks);
    if (RANK[g.confidence] > RANK[home.confidence]) home.confidence = g.confidence;
    if (g.truncated) home.truncated = true;
    groups.delete(key);
  }
}
