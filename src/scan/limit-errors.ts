/**
 * The `limit-exceeded` entries of one HTML part: one per limit reached, saying what was left out.
 */
import type { ResolvedLimits } from '../limits.js';
import type { Flag, ScanError } from '../types.js';
import type { Inspection } from './inspect.js';

/**
 * The flag put on a finding whose URL was longer than `maxUrlLength`.
 *
 * @example
 * urlTruncatedFlag(32768).code; // 'url-truncated'
 */
export function urlTruncatedFlag(maxUrlLength: number): Flag {
  return {
    code: 'url-truncated',
    message: `The URL is longer than ${maxUrlLength} characters (maxUrlLength); it was judged and is reported on its first ${maxUrlLength}.`,
  };
}

/**
 * Errors for the limits one part ran into. `htmlCut` is the length the HTML was cut to, or `null`.
 *
 * @example
 * partLimitErrors(0, inspection, DEFAULT_LIMITS, null); // [] when no limit was reached
 */
export function partLimitErrors(part: number, inspection: Inspection, limits: ResolvedLimits, htmlCut: number | null): ScanError[] {
  const errors: ScanError[] = [];
  const add = (message: string): void => {
    errors.push({ code: 'limit-exceeded', message });
  };
  if (htmlCut !== null) {
    add(`HTML part ${part} is larger than maxHtmlBytes (${limits.maxHtmlBytes} bytes); only its first ${htmlCut} characters, cut at a tag start, were scanned.`);
  }
  if (inspection.truncated?.elements === true) {
    add(`HTML part ${part} has more than maxElements (${limits.maxElements}) elements; the later ones were not examined.`);
  }
  const cssBlocks = inspection.truncated?.cssBlocks ?? 0;
  if (cssBlocks > 0) {
    add(`${cssBlocks} style block(s) in part ${part} went beyond maxCssBytes (${limits.maxCssBytes} bytes) and were cut or not parsed.`);
  }
  if (inspection.urlsSkipped > 0) {
    add(`${inspection.urlsSkipped} URL(s) in part ${part} beyond maxUrls (${limits.maxUrls} per message) were not judged.`);
  }
  if (inspection.urlsCut > 0) {
    add(`${inspection.urlsCut} URL(s) in part ${part} longer than maxUrlLength (${limits.maxUrlLength}) were judged on their first ${limits.maxUrlLength} characters.`);
  }
  return errors;
}
