/**
 * The verdict on every URL of one HTML document: the shared core of scanning (which reports) and
 * sanitising (which removes). Pure given its context.
 */
import type { CatalogueMatch, VendorEntry } from '../catalogue/types.js';
import { classify, type Decision } from '../classify/classify.js';
import { contentFolders, linkTokens, namedByLinkToken, sharesContentFolder } from '../classify/folders.js';
import type { UnknownLink } from '../classify/links.js';
import type { Resource, WalkTruncation } from '../html/types.js';
import type { Leak } from '../types.js';
import { findAnyAddresses } from '../leaks/find-any.js';
import { isThirdParty } from '../url/party.js';
import { parseUrl, type ParsedUrl } from '../url/parse.js';
import { judgeUnknownLinks } from './link-verdicts.js';
import type { PartContext } from './part.js';
import { senderRuleMatch } from './sender.js';
import { attributeVendor, shapeVendor } from './vendor-naming.js';

/**
 * One URL of the document and what the scanner decided about it.
 *
 * @example
 * const v: Verdict = { resource, requested: url, url, match: null, thirdParty: true, leaks: [], decision: null, group: null };
 */
export interface Verdict {
  readonly resource: Resource;
  /** The URL as written, resolved and parsed. */
  readonly requested: ParsedUrl;
  /** The URL judged: the same, or the target of an image proxy. */
  readonly url: ParsedUrl;
  readonly match: CatalogueMatch | null;
  readonly thirdParty: boolean;
  readonly leaks: readonly Leak[];
  /** `null` when the URL is not a tracker. */
  readonly decision: Decision | null;
  /** For links judged as a group (no catalogue entry): the group key, else `null`. */
  readonly group: string | null;
  /** Present when the URL was longer than `maxUrlLength` and was judged on its prefix. */
  readonly truncated?: true;
  /**
   * For trackers without a catalogue match: the vendor attributed from the message (the platform
   * its headers name, or the sender's own `sender-own` entry). See `attributeVendor`. For a
   * shape-only match, who runs the host when that is not the rule's vendor (see `shapeVendor`).
   */
  readonly attributed?: VendorEntry;
}

/**
 * All verdicts of a document in document order, with its `<base href>` and CSS error count.
 *
 * @example
 * const { verdicts } = inspectPart(html, ctx);
 * verdicts.filter((v) => v.decision !== null).length; // number of tracker URLs
 */
export interface Inspection {
  readonly verdicts: readonly Verdict[];
  readonly baseHref: string | null;
  readonly cssErrors: number;
  /** URLs not judged because the message's `maxUrls` budget was spent. */
  readonly urlsSkipped: number;
  /** URLs longer than `maxUrlLength`, judged on their prefix. */
  readonly urlsCut: number;
  /** Walk limits reached (elements, CSS bytes); absent when none. */
  readonly truncated?: WalkTruncation;
}

/**
 * A DNS name has at most 253 characters: a longer host can never be resolved, so the URL loads
 * nothing. Such hosts are dropped before any lookup, which also keeps host matching (work per
 * label) bounded.
 */
const MAX_HOST_LENGTH = 253;

function fetchable(url: ParsedUrl | null): ParsedUrl | null {
  return url !== null && url.host.length <= MAX_HOST_LENGTH ? url : null;
}

function resolve(raw: string, base: string | null): ParsedUrl | null {
  const direct = fetchable(parseUrl(raw));
  if (direct !== null || base === null) return direct;
  try {
    return fetchable(parseUrl(new URL(raw, base).href));
  } catch {
    return null;
  }
}

/** Images fetched through a proxy or redirect (Gmail's image proxy) are judged by their target. */
function unwrapImage(url: ParsedUrl, match: CatalogueMatch | null, ctx: PartContext): [ParsedUrl, CatalogueMatch | null] {
  if (match === null || match.destination === null) return [url, match];
  const target = fetchable(parseUrl(match.destination));
  if (target === null) return [url, match];
  return [target, ctx.catalogue.match(target)];
}

/**
 * Address leaks in the URL, or else in the URL a wrapper carries: a mail gateway may rewrite the
 * address out of sight (`-40` or `*` for `@`) though the tracker behind it still receives it.
 */
function recipientLeaksOf(url: ParsedUrl, ctx: PartContext): readonly Leak[] {
  const leaks = ctx.findLeaks(url, ctx.needles);
  if (leaks.length > 0 || ctx.needles.addresses.length === 0) return leaks;
  const inner = ctx.catalogue.unwrap(url);
  if (inner === null) return leaks;
  return ctx.findLeaks(inner, ctx.needles).map((l) => ({ ...l, location: `destination>${l.location}` }));
}

/** The loaded resources (or the links) of a document with their URLs, for `contentFolders` and `linkTokens`. */
function imagesOf(resources: readonly Resource[], base: string | null, maxLength: number, links: boolean): { resource: Resource; url: ParsedUrl }[] {
  const out: { resource: Resource; url: ParsedUrl }[] = [];
  for (const resource of resources) {
    if ((resource.via === 'link-click') !== links || resource.url.length > maxLength) continue;
    const url = resolve(resource.url, base);
    if (url !== null) out.push({ resource, url });
  }
  return out;
}

/**
 * Any other address a query parameter holds (the recipient is not always known: forwarded mail,
 * HTML bodies, redacted headers). Addresses of the sender's own domains are the sender's
 * (`from=`, `reply=`), not a leak. These are reported, but do not make a URL a tracker: the
 * address may be someone else's (a friend's avatar, a shared contact).
 */
function otherLeaksOf(url: ParsedUrl, leaks: readonly Leak[], ctx: PartContext): readonly Leak[] {
  if (!url.href.includes('@') && !url.href.includes('%40') && !url.href.includes('%2540')) return leaks;
  const known = new Set(leaks.map((l) => l.address.toLowerCase()));
  for (const a of ctx.needles.addresses) known.add(a.toLowerCase());
  const skip = (address: string): boolean => {
    if (known.has(address)) return true;
    const domain = ctx.domainOf(address.slice(address.lastIndexOf('@') + 1));
    return domain !== null && ctx.senders.includes(domain);
  };
  const others = findAnyAddresses(url, skip);
  return others.length === 0 ? leaks : [...leaks, ...others];
}

/**
 * Walks the document and judges every URL, within the context's limits: at most what is left of
 * the message's URL budget (which this spends), each URL on at most `maxUrlLength` characters.
 * Unknown links are judged as groups after the walk.
 *
 * @example
 * inspectPart('<img src="https://t.example/o.gif?u=3f2b8c1e9d4a4b7e" width=1 height=1>', ctx).verdicts[0]?.decision?.kind;
 * // 'open-pixel'
 */
export function inspectPart(html: string, ctx: PartContext): Inspection {
  const walked = ctx.walk(html);
  const verdicts: Verdict[] = [];
  const unknownLinks: UnknownLink[] = [];
  const maxLength = ctx.limits.maxUrlLength;
  let urlsSkipped = 0;
  let urlsCut = 0;
  // Message context for the classifier, read from the URLs the budget lets this part judge.
  const judged = walked.resources.slice(0, Math.max(0, ctx.urlBudget.left));
  const folders = contentFolders(imagesOf(judged, walked.baseHref, maxLength, false));
  const tokens = linkTokens(imagesOf(judged, walked.baseHref, maxLength, true).map((l) => l.url), ctx.domainOf);
  for (const r of walked.resources) {
    if (r.via === 'link-click' && !ctx.includeLinks) continue;
    if (ctx.urlBudget.left <= 0) {
      urlsSkipped++;
      continue;
    }
    ctx.urlBudget.left--;
    const cut = r.url.length > maxLength;
    if (cut) urlsCut++;
    const requested = resolve(cut ? r.url.slice(0, maxLength) : r.url, walked.baseHref);
    if (requested === null) continue;
    const firstMatch = ctx.catalogue.match(requested);
    const [url, known] = r.via === 'link-click' ? [requested, firstMatch] : unwrapImage(requested, firstMatch, ctx);
    // The platform the headers name brings its own rules to its customers' branded hosts.
    const match = known ?? senderRuleMatch(ctx.sender, r, url);
    const thirdParty = isThirdParty(url.host, ctx.senders, ctx.domainOf);
    const recipientLeaks = recipientLeaksOf(url, ctx);
    const image = r.via !== 'link-click';
    const sharedFolder = image && sharesContentFolder(folders, url);
    const linkToken = image && namedByLinkToken(tokens, url, ctx.domainOf);
    const decision = classify({ resource: r, url, match, thirdParty, leaks: recipientLeaks, sharedFolder, linkToken });
    const leaks = otherLeaksOf(url, recipientLeaks, ctx);
    if (decision === null && r.via === 'link-click' && match === null) {
      // A security gateway's rewriting (Safe Links, URL Defense…) is not tracking: the link is
      // judged by the URL it carries, so a clean message full of gateway links stays clean.
      const carried = fetchable(ctx.catalogue.unwrap(url));
      const judged = carried ?? url;
      const party = carried === null ? thirdParty : isThirdParty(carried.host, ctx.senders, ctx.domainOf);
      // An address other than the known recipient's counts too (forwarded or redacted mail), but
      // not one a gateway's own wrapping carries (`data=…me%40corp.example…`).
      const addressed = carried === null && leaks.length > recipientLeaks.length;
      unknownLinks.push({ resource: r, url: judged, thirdParty: party, leaks: recipientLeaks, ...(addressed ? { otherAddress: true } : {}) });
    }
    const attributed =
      match === null
        ? attributeVendor(ctx.sender, decision, thirdParty, url.host, ctx.domainOf)
        : decision === null
          ? null
          : shapeVendor(ctx.sender, match, thirdParty, url.host, ctx.domainOf);
    const base: Verdict = { resource: r, requested, url, match, thirdParty, leaks, decision, group: null };
    const verdict = attributed === null ? base : { ...base, attributed };
    verdicts.push(cut ? { ...verdict, truncated: true } : verdict);
  }
  const final = judgeUnknownLinks(verdicts, unknownLinks, ctx);
  const inspection: Inspection = { verdicts: final, baseHref: walked.baseHref, cssErrors: walked.cssErrors, urlsSkipped, urlsCut };
  return walked.truncated === undefined ? inspection : { ...inspection, truncated: walked.truncated };
}
