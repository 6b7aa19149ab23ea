/**
 * The public report contract. The JSON shape of {@link Report} is stable: field names are fixed,
 * codes are kebab-case and only ever added to, never renamed.
 */

import type { ScanError } from './errors.js';

/**
 * What a finding is.
 * - `open-pixel`: an image whose purpose is to tell the sender the message was opened.
 * - `beacon`: an analytics, advertising or audience-measurement hit loaded by the message.
 * - `css-beacon`: a tracking URL loaded through CSS (print, dark mode, `@import`, backgrounds).
 * - `click-redirect`: a link that goes through a tracking redirect before its destination.
 *
 * @example
 * const kind: FindingKind = 'open-pixel';
 */
export type FindingKind = 'open-pixel' | 'beacon' | 'css-beacon' | 'click-redirect';

/**
 * How sure the scanner is: `certain` means the catalogue names the endpoint (host and path facts),
 * `likely` means strong heuristics or a vendor path shape on an unknown host, `possible` means weak
 * heuristics only.
 *
 * @example
 * const c: Confidence = 'likely';
 */
export type Confidence = 'certain' | 'likely' | 'possible';

/**
 * Vendor categories of the tracker catalogue.
 *
 * @example
 * const cat: VendorCategory = 'esp';
 */
export type VendorCategory =
  | 'esp'
  | 'analytics'
  | 'ad-tech'
  | 'social'
  | 'data-broker'
  | 'audience-measurement'
  | 'sales-tracker'
  | 'email-testing'
  | 'link-shortener'
  | 'sender-own'
  /** No catalogue entry, platform or sender brand: named after the tracker host's registrable domain. */
  | 'host-owner';

/**
 * The evidence codes that led to a finding. Stable kebab-case codes.
 *
 * @example
 * const s: Signal = 'size-1x1';
 */
export type Signal =
  | 'known-endpoint' // catalogue host and path/param facts matched
  | 'known-host' // catalogue host matched, no path fact
  | 'vendor-path-shape' // a vendor's path/param shape on a host the catalogue does not know
  | 'size-1x1'
  | 'size-zero'
  | 'size-tiny' // both dimensions known and at most 3 px, or one known dimension of 0/1 px
  | 'no-size' // no width/height anywhere
  | 'hidden-element'
  | 'hidden-ancestor'
  | 'css-url'
  | 'css-media-print'
  | 'css-media-dark'
  | 'css-media-other'
  | 'css-import'
  | 'identifier-param' // a query value looks like a per-recipient identifier
  | 'identifier-path' // a path segment looks like a per-recipient identifier
  | 'address-leak'
  | 'tracking-path' // path words such as /open, /track, /pixel
  | 'third-party'
  | 'redirect-param' // link carries an encoded destination URL
  | 'tracking-params' // link carries known landing-page tracking parameters
  // A sized image (banner, ad tag) served by an ad-tech, audience-measurement or data-broker host:
  // it is visible content, but loading it reports the open to an ad server. A sanitizer may keep
  // it (showing the ad) or remove it; the finding is a `likely` beacon either way.
  | 'visible-ad';

/**
 * How the recipient address was encoded where it was found.
 *
 * @example
 * const e: LeakEncoding = 'sha256';
 */
export type LeakEncoding = string;

/**
 * One place where the recipient address was found inside a URL.
 *
 * @example
 * const leak: Leak = { encoding: 'sha256', location: 'param:a.cid' };
 */
export interface Leak {
  /**
   * e.g. `plain` (also when percent-encoded, see `percentEncoded`), `base64`, `md5`, `sha256`,
   * `sha256-base64`, `md5(sha256)`, `base64(sha256)`, `base64(zlib)`.
   */
  readonly encoding: LeakEncoding;
  /**
   * Where it was found: `param:<name>`, `param-name:<index>`, `path:<index>`, `host`, `fragment`;
   * `/base64` when found inside a decoded base64 token (`path:3/base64`), `/zlib` inside a
   * zlib-compressed one; `param:<outer>>param:<inner>`
   * inside a URL nested in a parameter; `destination>…` inside the URL that a wrapper (a mail
   * gateway's link rewriting, an image proxy) carries in its own encoding.
   */
  readonly location: string;
  /** Which address matched (useful when several recipients are given). */
  readonly address: string;
  /** Which spelling of the address was encoded: trimmed and lower-cased, as written, Gmail-normalised, upper-cased. */
  readonly variant?: 'normalized' | 'as-written' | 'gmail-normalized' | 'upper';
  /**
   * For a `plain` address written percent-encoded in the URL (`me%40mail.example`): how many
   * rounds of encoding (2 for `%2540`). The server decodes them, so it receives the address in
   * clear; absent when the address is written as is.
   */
  readonly percentEncoded?: number;
}

/**
 * Stable codes of the checks run on a finding.
 *
 * @example
 * const f: FlagCode = 'ga-ip-not-anonymized';
 */
export type FlagCode = string;

/**
 * A check result attached to a finding, with a human explanation.
 *
 * @example
 * const flag: Flag = { code: 'ga-ip-not-anonymized', message: 'The aip parameter is absent…' };
 */
export interface Flag {
  readonly code: FlagCode;
  readonly message: string;
}

/**
 * The catalogue vendor a finding belongs to.
 *
 * @example
 * const v: VendorRef = { id: 'weborama', name: 'Weborama', category: 'ad-tech' };
 */
export interface VendorRef {
  readonly id: string;
  readonly name: string;
  readonly category: VendorCategory;
}

/**
 * Where in the HTML the URL was found. `line`/`col` are 1-based and point at the attribute (or the
 * `<style>` element for CSS URLs). `part` is the index of the HTML part within the message.
 *
 * @example
 * const el: ElementRef = { tag: 'img', attribute: 'src', line: 12, col: 5, part: 0 };
 */
export interface ElementRef {
  readonly tag: string;
  readonly attribute: string;
  readonly line: number;
  readonly col: number;
  readonly part: number;
}

/**
 * One tracker found in a message.
 *
 * @example
 * const f: Finding = {
 *   kind: 'open-pixel', url: 'https://x.example/o.gif?id=1', host: 'x.example', thirdParty: true,
 *   confidence: 'likely', vendor: null, signals: ['size-1x1'], leaks: [], flags: [],
 *   element: { tag: 'img', attribute: 'src', line: 1, col: 6, part: 0 },
 * };
 */
export interface Finding {
  readonly kind: FindingKind;
  /** The URL as the client would request it (entities decoded). */
  readonly url: string;
  readonly host: string;
  readonly thirdParty: boolean;
  readonly confidence: Confidence;
  readonly vendor: VendorRef | null;
  readonly signals: readonly Signal[];
  readonly leaks: readonly Leak[];
  readonly flags: readonly Flag[];
  readonly element: ElementRef;
  /** For click redirects: the destination URL when it is recoverable. */
  readonly destination?: string;
  /**
   * `individual` when the URL can tell recipients apart (identifier, token, encoded address), else
   * `aggregate`. Individual open measurement needs consent under the CNIL's 2025 draft recommendation.
   */
  readonly measurement: 'individual' | 'aggregate';
  /** What is sent, to whom and why it matters, in the language of `ScanOptions.lang`. */
  readonly explanation: string;
  /** How many links use this redirect pattern, or how many elements load this same URL. */
  readonly count?: number;
  /** For click redirects: every distinct link URL of the pattern, in document order. */
  readonly urls?: readonly string[];
}

/**
 * Links that are not click redirects but carry landing-page tracking parameters (vendor-specific
 * ones such as `mc_eid`, `_hsenc`, or campaign `utm_*` ones, with `vendor: null`) or the recipient
 * address. Grouped by host and parameter names.
 *
 * @example
 * const n: LinkNote = { host: 'shop.example', thirdParty: false, count: 12,
 *   trackingParams: [{ name: 'mc_eid', vendor: { id: 'mailchimp', name: 'Mailchimp', category: 'esp' } }],
 *   urls: ['https://shop.example/?mc_eid=1a2b3c4d5e'], leaks: [],
 *   element: { tag: 'a', attribute: 'href', line: 40, col: 12, part: 0 } };
 */
export interface LinkNote {
  readonly host: string;
  readonly thirdParty: boolean;
  readonly trackingParams: ReadonlyArray<{ readonly name: string; readonly vendor: VendorRef | null }>;
  readonly count: number;
  readonly urls: readonly string[];
  readonly leaks: readonly Leak[];
  readonly element: ElementRef;
}

export type { ErrorCode, ScanError } from './errors.js';

/**
 * Headers of the scanned message, as far as they are known.
 *
 * @example
 * const m: MessageInfo = { from: 'a@shop.example', senderDomain: 'shop.example', to: ['me@mail.example'],
 *   subject: 'Hi', date: '2026-01-01T00:00:00.000Z', messageId: '<1@shop.example>' };
 */
export interface MessageInfo {
  readonly from: string | null;
  readonly senderDomain: string | null;
  readonly to: readonly string[];
  readonly subject: string | null;
  readonly date: string | null;
  readonly messageId: string | null;
}

/**
 * The result of scanning one message.
 *
 * @example
 * const r: Report = { source: 'mail.eml', message: { from: null, senderDomain: null, to: [], subject: null,
 *   date: null, messageId: null }, findings: [], errors: [] };
 */
export interface Report {
  readonly source: string;
  readonly message: MessageInfo;
  readonly findings: readonly Finding[];
  readonly errors: readonly ScanError[];
  /** Ordinary links that carry tracking parameters or the address (see {@link LinkNote}). */
  readonly links?: readonly LinkNote[];
}

export type { Language, ScanOptions } from './options.js';
