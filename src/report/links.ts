/**
 * Links that are not click redirects but still identify the reader when clicked: landing-page
 * tracking parameters (`mc_eid`, `_hsenc`, `mkt_tok`, `utm_*`…) and the address itself in the URL.
 */
import type { CatalogueIndex } from '../catalogue/types.js';
import type { Resource } from '../html/types.js';
import type { Leak, LinkNote, VendorRef } from '../types.js';
import type { ParsedUrl } from '../url/parse.js';

/**
 * One link as the scan saw it.
 *
 * @example
 * const l: SeenLink = { resource, url, thirdParty: false, leaks: [] };
 */
export interface SeenLink {
  readonly resource: Resource;
  readonly url: ParsedUrl;
  readonly thirdParty: boolean;
  readonly leaks: readonly Leak[];
}

// Campaign parameters are not vendor-specific: every analytics tool reads them.
const CAMPAIGN_PREFIXES = ['utm_'];

function trackingParams(url: ParsedUrl, catalogue: CatalogueIndex): Array<{ name: string; vendor: VendorRef | null }> {
  const out: Array<{ name: string; vendor: VendorRef | null }> = [];
  for (const [name] of url.query) {
    if (out.some((p) => p.name === name)) continue;
    const vendors = catalogue.trackingParamVendors(name);
    const v = vendors[0];
    if (v !== undefined) out.push({ name, vendor: { id: v.id, name: v.name, category: v.category } });
    else if (CAMPAIGN_PREFIXES.some((p) => name.toLowerCase().startsWith(p))) out.push({ name, vendor: null });
  }
  return out;
}

/**
 * Groups links carrying tracking parameters or the address by host and parameter names, so a
 * newsletter with fifty tagged links gives one note per scheme.
 *
 * @example
 * linkNotes([{ resource, url: parseUrl('https://shop.example/?mc_eid=1a2b3c4d5e')!, thirdParty: false, leaks: [] }], catalogue, 0);
 * // [{ host: 'shop.example', trackingParams: [{ name: 'mc_eid', vendor: { id: 'mailchimp', … } }], count: 1, … }]
 */
export function linkNotes(links: readonly SeenLink[], catalogue: CatalogueIndex, part: number): LinkNote[] {
  const notes = new Map<string, { note: LinkNote; urls: string[]; leaks: Leak[]; count: number }>();
  for (const l of links) {
    const params = trackingParams(l.url, catalogue);
    if (params.length === 0 && l.leaks.length === 0) continue;
    const key = `${l.url.host} ${params.map((p) => p.name).sort().join(',')} ${l.leaks.length > 0 ? 'leak' : ''}`;
    const existing = notes.get(key);
    if (existing !== undefined) {
      existing.count++;
      if (!existing.urls.includes(l.url.href)) existing.urls.push(l.url.href);
      for (const leak of l.leaks) {
        if (!existing.leaks.some((x) => x.encoding === leak.encoding && x.location === leak.location)) existing.leaks.push(leak);
      }
      continue;
    }
    const r = l.resource;
    notes.set(key, {
      note: {
        host: l.url.host, thirdParty: l.thirdParty, trackingParams: params, count: 1, urls: [], leaks: [],
        element: { tag: r.tag, attribute: r.attribute, line: r.line, col: r.col, part },
      },
      urls: [l.url.href],
      leaks: [...l.leaks],
      count: 1,
    });
  }
  return [...notes.values()].map(({ note, urls, leaks, count }) => ({ ...note, urls, leaks, count }));
}
