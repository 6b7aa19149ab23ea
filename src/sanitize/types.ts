/**
 * The sanitiser's options and results: what a mail client passes in and gets back.
 */
import type { Finding, ScanError, ScanOptions } from '../types.js';

/**
 * What the sanitiser does with the trackers it removes.
 * - `remove`: delete them (pixels, CSS declarations, `@import`s) and rewrite tracked links.
 * - `annotate`: change nothing that loads, add `data-spypixel-*` attributes to the elements instead.
 * - `placeholder`: like `remove`, and every other remote `<img>` shows a transparent image of the
 *   same size whose original address is kept in `data-spypixel-src` for the client to reveal.
 *
 * @example
 * const m: SanitizeMode = 'placeholder';
 */
export type SanitizeMode = 'remove' | 'annotate' | 'placeholder';

/**
 * A per-finding decision from the client's callback; `undefined` keeps the default.
 *
 * @example
 * const decide: SanitizeDecider = (f) => (f.vendor?.id === 'mailchimp' ? 'keep' : undefined);
 */
export type SanitizeDecider = (finding: Finding) => 'remove' | 'keep' | undefined;

/**
 * Options of {@link sanitizeHtml} and `sanitizeEml`. Scan options (recipient, sender, catalogue…)
 * apply as for scanning.
 *
 * @example
 * const opts: SanitizeOptions = { mode: 'remove', policy: 'remove', allow: { vendors: ['mailchimp'] } };
 */
export interface SanitizeOptions extends ScanOptions {
  /** @default 'remove' */
  readonly mode?: SanitizeMode;
  /** What to do with findings of confidence `possible` (`certain` and `likely` are removed). @default 'keep' */
  readonly policy?: 'keep' | 'remove';
  /** Replace click redirects by their destination when it is recoverable. @default true */
  readonly unwrapLinks?: boolean;
  /** Strip vendor landing-page tracking parameters (`mc_eid`, `_hsenc`…) from links. @default true */
  readonly stripTrackingParams?: boolean;
  /** Strip campaign parameters (`utm_*`) from links. @default true */
  readonly stripCampaignParams?: boolean;
  /**
   * Trusted senders (addresses or domains: a message from them is left as it is) and vendors
   * (catalogue ids: their findings and parameters are kept).
   */
  readonly allow?: { readonly senders?: readonly string[]; readonly vendors?: readonly string[] };
  /** Called for each finding the scan makes; its answer overrides policy and allow-list. */
  readonly decide?: SanitizeDecider;
}

/**
 * What one edit did.
 * - `remove-element`: a hidden pixel element (or `<link>`/`<meta refresh>`) deleted.
 * - `remove-attribute`: a loading attribute (`srcset`, `background`, `poster`…) deleted.
 * - `blank-image`: a visible tracking image kept with a transparent `data:` source, so the layout
 *   holds (even a 1×1 image alone on a line gives that line its height).
 * - `remove-css`: a CSS declaration, `url()` or `@import` deleted from a `<style>` or `style` attribute.
 * - `unwrap-link`: a click redirect replaced by its destination.
 * - `strip-params`: tracking parameters removed from a link.
 * - `annotate`: `data-spypixel-*` attributes added.
 * - `placeholder`: a remote image swapped for a transparent one the client can reveal.
 *
 * @example
 * const a: ChangeAction = 'remove-element';
 */
export type ChangeAction =
  | 'remove-element'
  | 'remove-attribute'
  | 'blank-image'
  | 'remove-css'
  | 'unwrap-link'
  | 'strip-params'
  | 'annotate'
  | 'placeholder';

/**
 * One edit of the HTML. Offsets are those of the input HTML (`[start, end)` replaced by `after`).
 *
 * @example
 * const c: SanitizeChange = { action: 'remove-element', part: 0, start: 10, end: 60,
 *   before: '<img src="https://t.example/o.gif" width="1" height="1">', after: '', url: 'https://t.example/o.gif' };
 */
export interface SanitizeChange {
  readonly action: ChangeAction;
  /** Index of the HTML part in the message (0 for `sanitizeHtml`). */
  readonly part: number;
  readonly start: number;
  readonly end: number;
  readonly before: string;
  readonly after: string;
  /** The URL the edit is about. */
  readonly url: string;
}

/**
 * Result of {@link sanitizeHtml}.
 *
 * @example
 * const { html, removed } = sanitizeHtml(body);
 */
export interface SanitizeHtmlResult {
  readonly html: string;
  /** Findings neutralised (removed, unwrapped or, in `annotate` mode, marked). */
  readonly removed: readonly Finding[];
  /** Findings left in place (policy, allow-list, callback, or no recoverable destination). */
  readonly kept: readonly Finding[];
  readonly changes: readonly SanitizeChange[];
  readonly errors: readonly ScanError[];
}

/**
 * Result of `sanitizeEml`: the whole message, with each rendered HTML part sanitised.
 *
 * @example
 * const { eml } = await sanitizeEml(raw);
 */
export interface SanitizeEmlResult extends Omit<SanitizeHtmlResult, 'html'> {
  /** The message bytes; headers and non-HTML parts are the input's bytes. */
  readonly eml: Uint8Array;
}
