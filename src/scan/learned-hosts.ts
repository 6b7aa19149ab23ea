/**
 * Hosts a message itself reveals as tracking hosts: a customer-branded CNAME (`www2.brand.example`,
 * `click.e.brand.example`) that serves an ESP's distinctive open pixel or click shape in this
 * message is that ESP's tracking host for the rest of the message, so its other links (Pardot's
 * `/e/<account>/…`, which has no shape of its own) are the same vendor's click redirects.
 */
import type { CatalogueMatch } from '../catalogue/types.js';
import type { Decision } from '../classify/classify.js';
import { dedicatedHostLink, type UnknownLink } from '../classify/links.js';
import type { Signal, VendorCategory } from '../types.js';
import type { ParsedUrl } from '../url/parse.js';

/** Vendors whose endpoints live on hosts given over to them; analytics and ad tags sit on any site. */
const LEARNING_CATEGORIES: ReadonlySet<VendorCategory> = new Set<VendorCategory>(['esp', 'sales-tracker']);

/**
 * A verdict as far as learning needs it.
 *
 * @example
 * const s: Seen = { url, match, tracker: true };
 */
export interface Seen {
  readonly url: ParsedUrl;
  readonly match: CatalogueMatch | null;
  /** The verdict found a tracker there. */
  readonly tracker: boolean;
}

/** The rule of a match has a path: query routers (`?mailpoet_router…`) run on the sender's main site. */
function pathRule(m: CatalogueMatch): boolean {
  return m.entry.rules.some((r) => `${m.entry.id}/${r.id}` === m.ruleId && r.path !== undefined);
}

/**
 * Branded tracking hosts of one message, with the match that revealed each: only `shape` matches
 * (on the vendor's own hosts the catalogue knows already) of ESP or sales-tracker path rules, and
 * never the bare registrable domain or its `www.` host, where the sender's site lives.
 *
 * @example
 * learnedHosts([{ url: parseUrl('https://www2.brand.example/r/1/1/2/open/1')!, match, tracker: true }], domainOf);
 * // Map { 'www2.brand.example' => match }
 */
export function learnedHosts(seen: readonly Seen[], domainOf: (host: string) => string | null): Map<string, CatalogueMatch> {
  const out = new Map<string, CatalogueMatch>();
  for (const s of seen) {
    const m = s.match;
    if (m === null || !s.tracker || m.level !== 'shape' || !LEARNING_CATEGORIES.has(m.vendor.category) || !pathRule(m)) continue;
    const host = s.url.host;
    if (host === domainOf(host) || host.startsWith('www.') || out.has(host)) continue;
    out.set(host, m);
  }
  return out;
}

/**
 * Judges an unknown link on a learned host like a link to a dedicated host of that vendor, and
 * gives the match (shape level, no rule) that names the vendor.
 *
 * @example
 * judgeOnLearnedHost(link, match)?.decision.kind; // 'click-redirect'
 */
export function judgeOnLearnedHost(link: UnknownLink, m: CatalogueMatch): { decision: Decision; match: CatalogueMatch } | null {
  const leaked = (link.leaks ?? []).length > 0;
  const confidence = dedicatedHostLink(link.url, link.resource.text, m.identifierParams, leaked);
  if (confidence === null) return null;
  // The vendor's shape was seen on this host, not on this link: a shape-level match without a rule.
  const signals: Signal[] = ['vendor-path-shape'];
  if (leaked) signals.push('address-leak');
  if (link.thirdParty) signals.push('third-party');
  const match: CatalogueMatch = { ...m, level: 'shape', kind: null, ruleId: null, flags: [], destination: null };
  return { decision: { kind: 'click-redirect', confidence, signals }, match };
}
