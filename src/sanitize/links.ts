/**
 * Link rewriting: landing-page tracking parameters out of a URL, keeping the rest as written.
 */
import type { CatalogueIndex } from '../catalogue/types.js';

/**
 * Which parameters to strip.
 *
 * @example
 * const p: ParamPolicy = { vendor: true, campaign: true, allowVendors: new Set(['mailchimp']) };
 */
export interface ParamPolicy {
  /** Vendor landing-page parameters (`mc_eid`, `_hsenc`…) known to the catalogue. */
  readonly vendor: boolean;
  /** Campaign parameters (`utm_*`). */
  readonly campaign: boolean;
  /** Vendors whose parameters stay. */
  readonly allowVendors: ReadonlySet<string>;
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return raw;
  }
}

function isTracking(name: string, catalogue: CatalogueIndex, policy: ParamPolicy): boolean {
  if (policy.campaign && name.toLowerCase().startsWith('utm_')) return true;
  if (!policy.vendor) return false;
  const vendors = catalogue.trackingParamVendors(name);
  return vendors.length > 0 && !vendors.some((v) => policy.allowVendors.has(v.id));
}

/**
 * The URL without its tracking parameters, and the names removed. The other pairs, the path and
 * the fragment keep their spelling (no re-encoding). Relative URLs work too.
 *
 * @example
 * stripParams('https://shop.example/p?id=7&utm_source=news#top', catalogue, { vendor: true, campaign: true, allowVendors: new Set() });
 * // { url: 'https://shop.example/p?id=7#top', removed: ['utm_source'] }
 */
export function stripParams(url: string, catalogue: CatalogueIndex, policy: ParamPolicy): { url: string; removed: string[] } {
  const hash = url.indexOf('#');
  const beforeHash = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? '' : url.slice(hash);
  const q = beforeHash.indexOf('?');
  if (q === -1) return { url, removed: [] };
  const removed: string[] = [];
  const kept: string[] = [];
  for (const pair of beforeHash.slice(q + 1).split('&')) {
    const eq = pair.indexOf('=');
    const name = decodeName(eq === -1 ? pair : pair.slice(0, eq));
    if (pair !== '' && isTracking(name, catalogue, policy)) removed.push(name);
    else kept.push(pair);
  }
  if (removed.length === 0) return { url, removed };
  const query = kept.filter((p) => p !== '').join('&');
  return { url: `${beforeHash.slice(0, q)}${query === '' ? '' : `?${query}`}${fragment}`, removed };
}
