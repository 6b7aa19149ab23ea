/**
 * Options of the scan entry points, split from the report contract in `types.ts`.
 */
import type { CatalogueIndex } from './catalogue/types.js';
import type { ScanLimits } from './limits.js';

/**
 * Options shared by {@link scanHtml} and {@link scanEml}.
 *
 * @example
 * const opts: ScanOptions = { recipient: 'me@mail.example', sender: 'news@shop.example' };
 */
export interface ScanOptions {
  /** Recipient address(es) to search for in URLs. Added to the addresses found in the headers. */
  readonly recipient?: string | readonly string[];
  /** Sender address or domain; decides first/third party when the headers do not. */
  readonly sender?: string;
  /** Label put in `report.source`. */
  readonly source?: string;
  /** Report click redirects (default true). */
  readonly includeLinks?: boolean;
  /** Language of flag messages (default `en`). */
  readonly lang?: Language;
  /** A compiled catalogue to use instead of the bundled one (tests, custom vendor lists). */
  readonly catalogue?: CatalogueIndex;
  /**
   * Resource limits (bytes, MIME depth and parts, elements, URLs, CSS); see {@link ScanLimits}.
   * Each absent limit takes its `DEFAULT_LIMITS` value. Exceeding one adds a `limit-exceeded`
   * error to the report; an invalid value makes `scanHtml` throw and `scanEml` reject with a
   * `TypeError`.
   * @default DEFAULT_LIMITS
   */
  readonly limits?: ScanLimits;
}

/**
 * Languages of the human explanations.
 *
 * @example
 * const l: Language = 'fr';
 */
export type Language = 'en' | 'fr';
