/**
 * Resource limits of a scan. Mail is hostile input: every stage that could be made to work in
 * proportion to an attacker's choice (bytes, nesting, parts, elements, URLs, CSS) has a named
 * bound here. Browser-safe: no Node built-ins.
 */

/**
 * Resource limits, all optional; each falls back to {@link DEFAULT_LIMITS}. Every value must be
 * an integer in the range given (see {@link LIMIT_RANGES}); anything else (0, negative, NaN,
 * Infinity, fractions, strings) is a programmer error and is rejected by {@link validateLimits}.
 * Exceeding a limit never fails the scan: the report gets a `limit-exceeded` error and holds
 * what was found within the limit.
 *
 * @example
 * const limits: ScanLimits = { maxMessageBytes: 10 * 1024 * 1024, maxUrls: 2_000 };
 */
export interface ScanLimits {
  /**
   * Bytes of a raw message read by `scanEml`. A larger message is scanned on its first
   * `maxMessageBytes` bytes (what lies beyond is not looked at). 1 to 2 GiB.
   * @default 52428800 (50 MiB)
   */
  readonly maxMessageBytes?: number;
  /**
   * UTF-8 bytes of one decoded HTML document. A longer one is cut at the last tag start (`<`)
   * before the limit and the rest is not scanned. 1 to 1 GiB.
   * @default 5242880 (5 MiB)
   */
  readonly maxHtmlBytes?: number;
  /**
   * How many levels of attached messages (message/rfc822 inside message/rfc822 …) are opened.
   * Deeper ones are not opened. 1 to 100.
   * @default 10
   */
  readonly maxMimeDepth?: number;
  /**
   * MIME parts looked at per message, attached messages included (multipart containers count).
   * Parts beyond are skipped. 1 to 100000.
   * @default 1000
   */
  readonly maxParts?: number;
  /**
   * HTML elements examined per HTML document. The input is cut before the tag that would exceed
   * it, so the parsed tree stays bounded too (unclosed formatting tags nest without end and cost
   * about 1.5 KB each in the tree); resources of later elements are not reported. The largest
   * newsletters have a few thousand elements. 1 to 10000000.
   * @default 50000
   */
  readonly maxElements?: number;
  /**
   * URLs judged per message (images, CSS, links, over all parts). Later URLs are not judged.
   * 1 to 10000000.
   * @default 20000
   */
  readonly maxUrls?: number;
  /**
   * Characters of one URL that are judged. A longer URL is judged, and reported, on its first
   * `maxUrlLength` characters; such findings carry a `url-truncated` flag. 1 to 2097152.
   * @default 32768
   */
  readonly maxUrlLength?: number;
  /**
   * UTF-8 bytes of `<style>` text parsed per HTML document, all blocks together. A block that
   * crosses the budget is parsed up to it; later blocks are not parsed. 1 to 1 GiB.
   * @default 1048576 (1 MiB)
   */
  readonly maxCssBytes?: number;
  /**
   * Distinct recipient addresses searched for in URLs (To, Cc, Delivered-To, X-Original-To and
   * the `recipient` option). Each costs about a hundred encodings and hashes, so a message to
   * thousands of addresses is searched for the first ones only; the `recipient` option,
   * Delivered-To and X-Original-To (this copy's recipient) come first. 1 to 10000.
   * @default 200
   */
  readonly maxRecipients?: number;
}

/**
 * The limits with every value present, as the scanner uses them.
 *
 * @example
 * const l: ResolvedLimits = { ...DEFAULT_LIMITS, maxUrls: 10 };
 */
export type ResolvedLimits = { readonly [K in keyof ScanLimits]-?: number };

/**
 * The default limits: generous for real mail (the largest newsletters are a few hundred KB of
 * HTML with a few thousand elements and URLs), small enough that a hostile message costs at most
 * seconds and tens of MB.
 *
 * @example
 * DEFAULT_LIMITS.maxHtmlBytes; // 5242880
 */
export const DEFAULT_LIMITS: ResolvedLimits = Object.freeze({
  maxMessageBytes: 50 * 1024 * 1024,
  maxHtmlBytes: 5 * 1024 * 1024,
  maxMimeDepth: 10,
  maxParts: 1000,
  maxElements: 50_000,
  maxUrls: 20_000,
  maxUrlLength: 32_768,
  maxCssBytes: 1024 * 1024,
  maxRecipients: 200,
});

const GIB = 1024 * 1024 * 1024;

/**
 * The allowed range `[min, max]` of each limit, integers only.
 *
 * @example
 * LIMIT_RANGES.maxMimeDepth; // [1, 100]
 */
export const LIMIT_RANGES: { readonly [K in keyof ScanLimits]-?: readonly [number, number] } = Object.freeze({
  maxMessageBytes: [1, 2 * GIB],
  maxHtmlBytes: [1, GIB],
  maxMimeDepth: [1, 100],
  maxParts: [1, 100_000],
  maxElements: [1, 10_000_000],
  maxUrls: [1, 10_000_000],
  maxUrlLength: [1, 2_097_152],
  maxCssBytes: [1, GIB],
  maxRecipients: [1, 10_000],
});

const NAMES = Object.keys(DEFAULT_LIMITS) as (keyof ScanLimits)[];

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return value === null ? 'null' : typeof value;
}

/**
 * Checks limit options and fills in the defaults. Invalid values are programmer errors, not bad
 * mail, so they throw (a silently ignored `0` or `NaN` would switch a protection off).
 *
 * @throws {TypeError} when `limits` is not an object, names an unknown limit, or a value is not an
 *   integer in its {@link LIMIT_RANGES} range; the message names the option and the range.
 * @example
 * validateLimits({ maxUrls: 500 }).maxUrls; // 500
 * validateLimits({ maxUrls: 0 }); // throws TypeError: limits.maxUrls must be an integer from 1 to 10000000, got 0
 */
export function validateLimits(limits?: ScanLimits | null): ResolvedLimits {
  if (limits === undefined || limits === null) return DEFAULT_LIMITS;
  if (typeof limits !== 'object' || Array.isArray(limits)) {
    throw new TypeError(`limits must be an object of limit options, got ${describeValue(limits)}`);
  }
  const given = limits as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(given)) {
    if (!(NAMES as string[]).includes(key)) {
      throw new TypeError(`limits.${key} is not a known limit; known limits: ${NAMES.join(', ')}`);
    }
  }
  const out: Record<string, number> = {};
  for (const name of NAMES) {
    const value = given[name];
    if (value === undefined) {
      out[name] = DEFAULT_LIMITS[name];
      continue;
    }
    const [min, max] = LIMIT_RANGES[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new TypeError(`limits.${name} must be an integer from ${min} to ${max}, got ${describeValue(value)}`);
    }
    out[name] = value;
  }
  return out as ResolvedLimits;
}

/**
 * The index in `text` at which its UTF-8 encoding reaches `maxBytes`: `text.length` when the whole
 * text fits. Never splits a surrogate pair. Linear, no allocation.
 *
 * @example
 * utf8Cut('héllo', 3); // 2 ('h' is 1 byte, 'é' 2)
 */
export function utf8Cut(text: string, maxBytes: number): number {
  // Each UTF-16 unit is at most 3 bytes, so short texts need no counting.
  if (text.length * 3 <= maxBytes) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isPair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : isPair ? 4 : 3;
    if (bytes + size > maxBytes) return i;
    bytes += size;
    if (isPair) i++;
  }
  return text.length;
}

/**
 * UTF-8 length in bytes of `text.slice(0, end)`, counted without encoding.
 *
 * @example
 * utf8Length('héllo'); // 6
 */
export function utf8Length(text: string, end = text.length): number {
  let bytes = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Cuts an HTML document to at most `maxBytes` UTF-8 bytes, at the last `<` before the cut so no
 * half tag (or half attribute URL) is scanned; when there is no `<` the cut is at the byte limit.
 * Returns `null` when the document fits.
 *
 * @example
 * cutHtml('<p>a</p><img src="https://t.example/o.gif">', 12); // '<p>a</p>'
 */
export function cutHtml(html: string, maxBytes: number): string | null {
  const end = utf8Cut(html, maxBytes);
  if (end >= html.length) return null;
  const lt = html.lastIndexOf('<', end);
  // lastIndexOf searches from `end` inclusive: the `<` at `end` itself starts the cut-off part
  return html.slice(0, lt > 0 ? lt : end);
}
