/**
 * The tracker catalogue: the shape of one vendor file in `trackers/` and of a match result.
 * The engine knows no vendor; everything vendor-specific is data of this shape.
 */
import type { FindingKind, FlagCode, VendorCategory, VendorRef } from '../types.js';
import type { ParsedUrl } from '../url/parse.js';

/**
 * A localised explanation. English is required, French is expected for every flag.
 *
 * @example
 * const t: LocalText = { en: 'The IP address is sent in full.', fr: "L'adresse IP est transmise en entier." };
 */
export interface LocalText {
  readonly en: string;
  readonly fr?: string;
}

/**
 * A condition on the query of a URL.
 * - `{ "absent": "aip" }`: the key is not present at all.
 * - `{ "notEquals": ["npa", "1"] }`: the key is absent or has another value.
 * - `{ "equals": ["t", "event"] }`: the key is present with that value.
 * - `{ "present": "uid" }`: the key is present.
 *
 * @example
 * const c: ParamCondition = { absent: 'aip' };
 */
export type ParamCondition =
  | { readonly absent: string }
  | { readonly present: string }
  | { readonly equals: readonly [string, string] }
  | { readonly notEquals: readonly [string, string] };

/**
 * A flag a rule raises when all of its conditions hold on the URL.
 *
 * @example
 * const f: FlagSpec = { code: 'ga-ip-not-anonymized', when: [{ absent: 'aip' }], message: { en: '…' } };
 */
export interface FlagSpec {
  readonly code: FlagCode;
  readonly when: readonly ParamCondition[];
  readonly message: LocalText;
}

/**
 * Where a click redirect keeps its destination.
 * - `param`: a query parameter holds the (percent-encoded or plain) URL.
 * - `param-base64`: a query parameter holds the URL in base64/base64url.
 * - `path-segment`: the n-th path segment (0-based; negative counts from the end) holds the URL,
 *   percent-encoded (`encoding: 'percent'`) or base64url (`encoding: 'base64'`).
 * - `fragment`: the URL follows `#` (Gmail image proxy).
 * - `param-dash-hex`: a query parameter holds the URL with `-XX` standing for `%XX` and `_` for
 *   `/` (a mail gateway's rewriting that keeps the value free of `%` and `/`).
 * - `param-host`: a query parameter holds only the destination's host (a mail gateway that keeps
 *   the rest of the URL on its server); the destination is read as that host's root, enough to
 *   judge the link but never a URL to send the reader to.
 * - `path-rest-starred`: the rest of the URL after the path prefix `prefix` is the destination, up
 *   to `__;`; each `*` in it stands for the next character of the base64url text that follows
 *   `__;` (up to `!`), and `**` plus a letter for a run of 2–65 of them (`A` = 2, `B` = 3, …).
 *
 * @example
 * const d: DestinationSpec = { type: 'param', name: 'url' };
 */
export type DestinationSpec =
  | { readonly type: 'param'; readonly name: string }
  | { readonly type: 'param-base64'; readonly name: string }
  | { readonly type: 'path-segment'; readonly index: number; readonly encoding: 'percent' | 'base64' }
  | { readonly type: 'fragment' }
  | { readonly type: 'param-dash-hex'; readonly name: string }
  | { readonly type: 'param-host'; readonly name: string }
  | { readonly type: 'path-rest-starred'; readonly prefix: string };

/**
 * One endpoint fact of a vendor.
 *
 * `path` is a pattern over the whole path, matched segment by segment without regexes: a segment
 * `*` matches exactly one segment, `**` (last only) matches any remaining segments, and `*` inside a
 * segment matches any characters within it (`*.gif`, `ho.gif`, `open.php`). A trailing `/` is
 * ignored. Path matching ignores ASCII case. `params` values are patterns where `*` matches any
 * characters; `"*"` alone means "present", `""` means "present with an empty value". A `params` key
 * containing `*` is a pattern over key names (`"o0*": ""` matches a bare `?o0abc` token query).
 *
 * @example
 * const r: RuleSpec = { id: 'open', kind: 'open-pixel', path: '/track/open.php', params: { u: '*' },
 *   source: 'https://…', examples: { hit: ['https://x.us1.list-manage.com/track/open.php?u=1&id=2&e=3'] } };
 */
export interface RuleSpec {
  readonly id: string;
  readonly kind: FindingKind;
  readonly path?: string;
  readonly params?: Readonly<Record<string, string>>;
  /** Hosts where this rule applies, besides the vendor's `hosts` (label-boundary suffixes). */
  readonly hosts?: readonly string[];
  /** Recognise this path/param shape on any host (customer-branded CNAMEs): confidence `likely`. */
  readonly anyHost?: boolean;
  /**
   * `anyHost` only: the first host label must match one of these (`click`, `url#`, `email`), the
   * naming convention the vendor asks customers to use for their CNAME. Adds specificity.
   */
  readonly firstLabels?: readonly string[];
  /**
   * The URL is a transport wrapper (mail-client image proxy, security link rewriter), not a
   * tracker: `match` looks through it to the wrapped URL (found via `destination`).
   */
  readonly wrapper?: boolean;
  /** Names of query parameters carrying a recipient identifier; `*` is a glob (`cd*`). */
  readonly identifierParams?: readonly string[];
  readonly destination?: DestinationSpec;
  readonly flags?: readonly FlagSpec[];
  /** Flag raised when the recipient address is found anywhere in a URL matched by this rule. */
  readonly leakFlag?: Omit<FlagSpec, 'when'>;
  /** Documentation URL or public example the rule comes from. */
  readonly source: string;
  readonly examples: { readonly hit: readonly string[]; readonly miss?: readonly string[] };
}

/**
 * One header fact naming the platform that sent a message. `header` is a lower-case header name;
 * exactly one test applies to its values (ASCII case ignored):
 * - `present`: the header exists (`x-mc-user`, `x-sg-eid`);
 * - `prefix` / `contains` / `suffix`: a value starts with, contains, ends with the text;
 * - `domain`: a domain named by the header is this host pattern or under it (label-boundary
 *   suffix, `#` = digits): the address domain of `message-id` / `return-path`, the `d=` of
 *   `dkim-signature`, URL hosts and `mailto:` domains of `list-unsubscribe`, and any `@domain` or
 *   URL host written in other headers (`list-id <…>`).
 *
 * `relay` marks a delivery service other platforms send through (SendGrid under Klaviyo, Amazon SES
 * under many): any platform identified by a fact without `relay` wins over it, and a relay alone
 * does not name the sender's own trackers. Examples are header values; the catalogue tests check
 * that hits hold and misses do not.
 *
 * @example
 * const f: SenderFact = { header: 'feedback-id', suffix: ':mc', source: 'https://…',
 *   examples: { hit: ['23225407:23225407.1113764:us3:mc'], miss: ['1:2:mcx'] } };
 */
export interface SenderFact {
  readonly header: string;
  readonly present?: true;
  readonly prefix?: string;
  readonly contains?: string;
  readonly suffix?: string;
  readonly domain?: string;
  readonly relay?: true;
  readonly source: string;
  readonly examples: { readonly hit: readonly string[]; readonly miss?: readonly string[] };
}

/**
 * One vendor file in `trackers/`.
 *
 * `hosts` are dedicated tracking hosts: every request to them is tracking. Hosts written in rules
 * only are shared hosts where only the rule's path is tracking. Host patterns are label-boundary
 * suffixes (`list-manage.com` matches `x.us3.list-manage.com`, never `evil-list-manage.com`); `#`
 * inside a label stands for a run of digits (`cmail#.com` matches `cmail19.com`). The first label
 * may be a `*` glob (`*-dot-yamm-track.appspot.com` matches `yj2-dot-yamm-track.appspot.com`, for
 * App Engine version hosts); it is indexed by the literal rest of the host.
 *
 * @example
 * const v: VendorEntry = { id: 'acme-mail', name: 'Acme Mail', company: 'Acme', category: 'esp',
 *   website: 'https://acme.example', hosts: ['t.acme.example'], rules: [], sources: ['https://acme.example/docs'] };
 */
export interface VendorEntry {
  readonly id: string;
  readonly name: string;
  readonly company: string;
  readonly category: VendorCategory;
  readonly website: string;
  /** ISO country of the company's seat, when known. */
  readonly country?: string;
  readonly hosts: readonly string[];
  readonly rules: readonly RuleSpec[];
  /** Query parameters carrying a recipient identifier on any of this vendor's URLs. */
  readonly identifierParams?: readonly string[];
  /** Landing-page parameters this vendor appends to links (`mc_eid`, `_hsenc`, …). */
  readonly trackingParams?: readonly string[];
  readonly notes?: string;
  /** Where the host facts come from. */
  readonly sources: readonly string[];
  /**
   * Header facts that name this vendor as the platform that sent a message (`X-Mailer`,
   * `Feedback-ID`, an `X-…-Id` header, the Message-ID, DKIM `d=`, Return-Path or List-Unsubscribe
   * domain). A message they identify gets this vendor's rules on any host and its unattributed
   * first-party trackers named after it.
   */
  readonly senderHeaders?: readonly SenderFact[];
}

/**
 * How a URL matched the catalogue.
 * - `endpoint`: a rule's path/params matched on one of its hosts.
 * - `host`: the host is a dedicated tracking host of the vendor, no rule path matched.
 * - `shape`: an `anyHost` rule's path/params matched on a host the catalogue does not know.
 *
 * @example
 * const l: MatchLevel = 'endpoint';
 */
export type MatchLevel = 'endpoint' | 'host' | 'shape';

/**
 * The result of looking a URL up in the compiled catalogue.
 *
 * @example
 * const m = matchUrl(index, parseUrl('https://www.google-analytics.com/collect?v=1&tid=UA-1-1')!);
 * // m?.vendor.id === 'google-analytics', m?.level === 'endpoint', m?.flags includes ga-ip-not-anonymized
 */
export interface CatalogueMatch {
  readonly vendor: VendorRef;
  readonly entry: VendorEntry;
  readonly level: MatchLevel;
  /** The kind the rule declares (`null` for a host-level match). */
  readonly kind: FindingKind | null;
  /** `<vendor id>/<rule id>` of the rule that matched, `null` for a host-level match. */
  readonly ruleId: string | null;
  /** Flags whose conditions hold on this URL. */
  readonly flags: readonly FlagSpec[];
  /** Flag to raise if the recipient address is found in this URL. */
  readonly leakFlag: Omit<FlagSpec, 'when'> | null;
  /** Vendor-level plus rule-level identifier parameters. */
  readonly identifierParams: readonly string[];
  /** The recovered destination URL of a click redirect, unwrapped recursively. */
  readonly destination: string | null;
}

/**
 * The compiled lookup structure. Opaque to callers: build it with `compileCatalogue`.
 */
export interface CatalogueIndex {
  readonly entries: readonly VendorEntry[];
  /** Looks a parsed URL up. Cost: one hash lookup per host label plus the rules of that vendor. */
  match(url: ParsedUrl): CatalogueMatch | null;
  /** Like `match`, but returns a wrapper rule's own match instead of looking through it. */
  matchDirect(url: ParsedUrl): CatalogueMatch | null;
  /**
   * The URL a chain of wrapper rules (image proxies, link rewriters of mail gateways) carries, or
   * `null` when `url` is not a wrapper or its destination cannot be read. Known or not, the
   * carried URL is what the click or the load finally reaches.
   */
  unwrap(url: ParsedUrl): ParsedUrl | null;
  /** Vendors whose `trackingParams` include this parameter name. */
  trackingParamVendors(name: string): readonly VendorRef[];
}
