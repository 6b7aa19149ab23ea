/**
 * Which catalogue vendor owns a registrable domain: the vendor whose website is there, or whose
 * own hosts carry its brand (`cts.indeed.com` is Indeed's as `subscriptions.indeed.com` is). A
 * tracker the rules do not know but that sits on such a domain is still that vendor's: every
 * request to the host reaches it. Customer hosts written into a vendor's rules
 * (`e.newsletters.cnn.com` for an ESP) do not carry the vendor's brand and so own nothing, and a
 * domain two vendors claim (`google.com`) is nobody's here.
 */
import { getDomain, getDomainWithoutSuffix } from '../url/domains.js';
import type { VendorEntry } from './types.js';

/**
 * The owner of a registrable domain, or `null`. With `ownBrand` (the domain is the sender's own
 * brand), also the owner of the same brand under another public suffix (`amazon.de` for
 * `amazon.com`; a look-alike domain of another sender, `paypal.info`, is not the brand's), and
 * of a domain several vendors claim, the sender's own mail entry among them (`google.com` in
 * Google's own mail, not Google Analytics).
 */
export type DomainOwners = (domain: string, ownBrand?: boolean) => VendorEntry | null;

/**
 * Shortest brand name trusted to tie a host to a vendor or a sender across public suffixes
 * (`ebay`, `otto`; not `fb`, `x` or `ibm`).
 *
 * @example
 * brandOf('ebay.co.uk').length >= MIN_BRAND; // true
 */
export const MIN_BRAND = 4;

function squeeze(s: string): string {
  let out = '';
  for (const c of s.toLowerCase()) if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  return out;
}

/**
 * The brand a domain names: its registrable domain without the public suffix, squeezed to
 * letters and digits; empty when the host has no registrable domain (an IP address).
 *
 * @example
 * brandOf('news.amazon.co.uk'); // 'amazon'
 */
export function brandOf(domain: string): string {
  return squeeze(getDomainWithoutSuffix(domain, { allowPrivateDomains: true }) ?? '');
}

function hostOfWebsite(website: string): string | null {
  const start = website.indexOf('://');
  if (start < 0) return null;
  const rest = website.slice(start + 3);
  const end = rest.search(/[/?#:]/);
  const host = (end < 0 ? rest : rest.slice(0, end)).toLowerCase();
  return host.length > 0 ? host : null;
}

/** Literal hosts of an entry: its dedicated hosts and those of its rules that are not wrappers. */
function literalHosts(e: VendorEntry): string[] {
  const out = [...e.hosts];
  for (const r of e.rules) if (r.wrapper !== true) out.push(...(r.hosts ?? []));
  return out.filter((h) => !h.includes('*') && !h.includes('#'));
}

/** Whether the entry only unwraps other links (a security gateway): it owns no tracking. */
function onlyWraps(e: VendorEntry): boolean {
  return e.rules.length > 0 && e.rules.every((r) => r.wrapper === true);
}

/**
 * The registrable domains one entry owns: `hosts` where its own hosts carry its brand, `site` for
 * its website's domain (weaker: a product page of a larger company, `aws.amazon.com`).
 */
function ownedDomains(e: VendorEntry): { hosts: Set<string>; site: string | null } {
  const hosts = new Set<string>();
  const brand = squeeze(`${e.id} ${e.name} ${e.company}`);
  for (const h of literalHosts(e)) {
    const d = getDomain(h, { allowPrivateDomains: true });
    const stem = brandOf(h);
    if (d !== null && stem.length >= MIN_BRAND && brand.includes(stem)) hosts.add(d);
  }
  const site = hostOfWebsite(e.website);
  return { hosts, site: site === null ? null : getDomain(site, { allowPrivateDomains: true }) };
}

/** Records a claim: a second, different claimant makes the domain nobody's (`null`). */
function claim(map: Map<string, VendorEntry | null>, domain: string, e: VendorEntry): void {
  const prev = map.get(domain);
  map.set(domain, prev === undefined || prev === e ? e : null);
}

const cache = new WeakMap<readonly VendorEntry[], DomainOwners>();

/**
 * The owner lookup of a catalogue's entries (built once per entries array).
 *
 * @example
 * domainOwners(defaultCatalogue().entries)('indeed.com')?.name; // 'Indeed mail'
 * domainOwners(defaultCatalogue().entries)('ebay.de', true)?.name; // 'eBay mail' (ebay.com's brand)
 * domainOwners(defaultCatalogue().entries)('google.com');       // null: several Google entries claim it
 */
export function domainOwners(entries: readonly VendorEntry[]): DomainOwners {
  const known = cache.get(entries);
  if (known !== undefined) return known;
  const byHost = new Map<string, VendorEntry | null>();
  const bySite = new Map<string, VendorEntry | null>();
  const senderOwn = new Map<string, VendorEntry | null>();
  for (const e of entries) {
    if (onlyWraps(e)) continue;
    const owned = ownedDomains(e);
    for (const d of owned.hosts) {
      claim(byHost, d, e);
      if (e.category === 'sender-own') claim(senderOwn, d, e);
    }
    if (owned.site !== null) claim(bySite, owned.site, e);
  }
  // The same brand under another public suffix (`amazon.de`, `ebay.co.uk`) is the same vendor's.
  const byBrand = new Map<string, VendorEntry | null>();
  for (const [d, e] of byHost) {
    const stem = brandOf(d);
    if (e !== null && stem.length >= MIN_BRAND) claim(byBrand, stem, e);
    else if (e === null) byBrand.set(stem, null);
  }
  // A brand on the vendor's own hosts outranks a website: `amazon.com` is Amazon's own mail's,
  // not the SES product page's.
  const lookup: DomainOwners = (domain, ownBrand = false) => {
    const d = domain.toLowerCase();
    const host = byHost.get(d);
    if (host === null && ownBrand) return senderOwn.get(d) ?? null;
    if (host !== undefined) return host;
    const site = bySite.get(d);
    if (site !== undefined || !ownBrand) return site ?? null;
    return byBrand.get(brandOf(d)) ?? null;
  };
  cache.set(entries, lookup);
  return lookup;
}
