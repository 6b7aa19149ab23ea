/**
 * What the DOM walker reports: every remote resource a mail client would load, plus links.
 */

/**
 * Why an element is not visible.
 *
 * @example
 * const r: HiddenReason = 'display-none';
 */
export type HiddenReason =
  | 'display-none'
  | 'visibility-hidden'
  | 'opacity-zero'
  | 'zero-max-height'
  | 'zero-size-box'
  | 'mso-hide'
  | 'off-screen'
  | 'hidden-attribute';

/**
 * How the resource is loaded.
 * - `element`: an attribute of an element (`img src`, `srcset`, `background`, `poster`, `iframe src`…).
 * - `inline-style`: a `url()` in a `style` attribute.
 * - `style-block`: a `url()` in a rule of a `<style>` element.
 * - `style-import`: an `@import` in a `<style>` element.
 * - `font-face`: a `src` of an `@font-face` rule.
 * - `meta-refresh`: the URL of `<meta http-equiv=refresh>`.
 * - `link-click`: an `a`/`area` href: only loaded when the reader clicks.
 *
 * @example
 * const v: LoadVia = 'element';
 */
export type LoadVia =
  | 'element'
  | 'inline-style'
  | 'style-block'
  | 'style-import'
  | 'font-face'
  | 'meta-refresh'
  | 'link-click';

/**
 * A URL found in the HTML with the context needed to classify it.
 *
 * @example
 * const r: Resource = { url: 'https://t.example/o.gif', via: 'element', tag: 'img', attribute: 'src',
 *   line: 3, col: 10, startOffset: 40, endOffset: 70, width: 1, height: 1, hidden: null, media: null,
 *   selector: null };
 */
export interface Resource {
  /** The attribute or CSS value, trimmed, HTML entities decoded (parse5 does that). Not resolved. */
  readonly url: string;
  readonly via: LoadVia;
  /** Lower-case tag of the element holding the URL (`style` for `<style>` blocks). */
  readonly tag: string;
  /** Attribute name (`src`, `srcset`, `background`, `style`, `href`…); for `<style>` blocks the CSS property (`background-image`, `content`, `@import`, `src`). */
  readonly attribute: string;
  /** 1-based position of the attribute (or of the `<style>` element). */
  readonly line: number;
  readonly col: number;
  /** Offsets in the HTML string of the attribute (or of the whole `<style>` element). */
  readonly startOffset: number;
  readonly endOffset: number;
  /**
   * Offsets of the element holding the URL (the `<style>` element for sheet URLs): where its start
   * tag begins and ends, and where the element ends (end tag included when written). Absent when
   * the parser gave no location.
   */
  readonly elementStart?: number;
  readonly startTagEnd?: number;
  readonly elementEnd?: number;
  /** Rendered size in CSS px, from attributes, inline CSS and matching `<style>` rules, after min/max; `null` when unknown (auto, %, absent). */
  readonly width: number | null;
  readonly height: number | null;
  /** Hidden on the element itself or by an ancestor; `null` when visible. */
  readonly hidden: { readonly reason: HiddenReason; readonly ancestor: boolean } | null;
  /** For CSS URLs: the media query text of the enclosing `@media` rules (`print`, `(prefers-color-scheme: dark)`), joined with ` and `; `null` otherwise. */
  readonly media: string | null;
  /** For CSS URLs from `<style>`: the selector of the rule; `null` otherwise. */
  readonly selector: string | null;
  /** For `a`/`area`: the visible text of the link, trimmed and truncated to 200 chars; `null` otherwise. */
  readonly text?: string | null;
  /** Only for URLs inside an Outlook conditional comment (`<!--[if mso]>…<![endif]-->`): the condition, e.g. `mso`, `gte mso 9`. Such URLs load in Outlook for Windows only. */
  readonly conditional?: string;
}

/**
 * The walker's result for one HTML document.
 *
 * @example
 * const w: WalkResult = { resources: [], cssErrors: 0, baseHref: null };
 */
export interface WalkResult {
  /** In document order. Resources with `data:`, `cid:`, `about:`, `javascript:`, `mailto:` and `tel:` URLs are left out. */
  readonly resources: readonly Resource[];
  /** Number of `<style>` blocks or inline styles the CSS parser could not fully read. */
  readonly cssErrors: number;
  /** The `<base href>` if any: relative URLs are resolved by the caller against it. */
  readonly baseHref: string | null;
  /** Present only when a walk limit was reached (see `WalkOptions`). */
  readonly truncated?: WalkTruncation;
}

/**
 * Which walk limits were reached.
 *
 * @example
 * const t: WalkTruncation = { elements: true, cssBlocks: 0 };
 */
export interface WalkTruncation {
  /** The walk stopped after `maxElements` elements: later elements were not examined. */
  readonly elements: boolean;
  /** `<style>` blocks cut short or left unparsed because `maxCssBytes` was spent. */
  readonly cssBlocks: number;
}
