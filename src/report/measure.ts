/**
 * Individual or aggregate measurement. France's data-protection authority (CNIL, 2025 draft
 * recommendation on tracking pixels in email) requires consent for pixels that measure opens per
 * person, not for counting opens in aggregate. A URL measures individually when it can tell
 * recipients apart: an identifier parameter, an opaque token, an encoded address or a merge tag.
 */
import { identifierShape } from '../classify/identifiers.js';
import type { Leak } from '../types.js';
import type { ParsedUrl } from '../url/parse.js';

/**
 * Whether a tracker measures each recipient or only counts.
 *
 * @example
 * const m: Measurement = 'individual';
 */
export type Measurement = 'individual' | 'aggregate';

function globMatch(pattern: string, name: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

/**
 * Decides individual or aggregate measurement for one URL.
 *
 * @example
 * measurementOf(parseUrl('https://piwik.shop.example/piwik.php?idsite=1&rec=1')!, [], []); // 'aggregate'
 * measurementOf(parseUrl('https://t.example/o?u=3f2b8c1e9d4a4b7e8f00')!, [], []);          // 'individual'
 */
export function measurementOf(url: ParsedUrl, identifierParams: readonly string[], leaks: readonly Leak[]): Measurement {
  if (leaks.length > 0) return 'individual';
  for (const [k, v] of url.query) {
    if (v.length > 0 && identifierParams.some((p) => globMatch(p, k))) return 'individual';
    if (identifierShape(v.length === 0 ? k : v) !== null) return 'individual';
  }
  for (const s of url.segments) if (identifierShape(s) !== null) return 'individual';
  return 'aggregate';
}
