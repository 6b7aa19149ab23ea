/**
 * Who is behind trackers the catalogue cannot name: the platform the headers say sent the message
 * (its rules apply on any host, its branded first-party hosts are its own), or else the sender
 * itself for first-party tracking (category `sender-own`, named after its registrable domain).
 */
import { getDomainWithoutSuffix } from '../url/domains.js';
import { identifySender, matchSenderRules, type HeaderLookup, type SenderPlatform } from '../catalogue/sender.js';
import type { CatalogueIndex, CatalogueMatch, VendorEntry } from '../catalogue/types.js';
import type { Decision } from '../classify/classify.js';
import { sizeClass } from '../classify/signals.js';
import type { Resource } from '../html/types.js';
import type { MailHeaders } from '../mime/types.js';
import type { ParsedUrl } from '../url/parse.js';

/**
 * What a message says about its sender, for attribution.
 *
 * @example
 * const s: SenderContext = { platform: null, ownDomain: 'shop.example' };
 */
export interface SenderContext {
  /** The platform the headers name (see `identifySender`), or `null`. */
  readonly platform: SenderPlatform | null;
  /** Registrable domain of the From address (or of the `sender` option), or `null`. */
  readonly ownDomain: string | null;
}

/** A message nothing is known about. */
export const NO_SENDER: SenderContext = { platform: null, ownDomain: null };

/**
 * The header lookup the catalogue's sender facts read, over parsed headers: `message-id`,
 * `return-path`, `dkim-signature` (its `d=` domains), `list-unsubscribe` (its targets) and the
 * platform-hint headers.
 *
 * @example
 * headerLookup(mail.headers)('x-mailer'); // ['Inxmail EE 4.8.47.804']
 */
export function headerLookup(h: MailHeaders): HeaderLookup {
  const fields = new Map<string, string[]>();
  for (const [name, value] of h.hintFields) {
    const list = fields.get(name);
    if (list === undefined) fields.set(name, [value]);
    else list.push(value);
  }
  return (name) => {
    switch (name) {
      case 'message-id':
        return h.messageId === null ? [] : [h.messageId];
      case 'return-path':
        return h.returnPath === null ? [] : [h.returnPath];
      case 'dkim-signature':
        return h.dkimDomains;
      case 'list-unsubscribe':
        return h.listUnsubscribe;
      default:
        return fields.get(name) ?? [];
    }
  };
}

/**
 * The sender context of a message.
 *
 * @example
 * senderContext(defaultCatalogue(), headerLookup(mail.headers), 'shop.example');
 */
export function senderContext(catalogue: CatalogueIndex, headers: HeaderLookup | null, ownDomain: string | null): SenderContext {
  return { platform: headers === null ? null : identifySender(catalogue.entries, headers), ownDomain };
}

/**
 * The sending platform's own rules applied to a URL the catalogue does not know. Images must not
 * have a content size: a platform's path shapes are specific, but its customers' content images
 * sit on the same branded hosts.
 *
 * @example
 * senderRuleMatch(ctx, resource, parseUrl('https://email.shop.example/o/eJx…')!);
 */
export function senderRuleMatch(sender: SenderContext, r: Resource, url: ParsedUrl): CatalogueMatch | null {
  if (sender.platform === null) return null;
  if (r.via !== 'link-click' && sizeClass(r) === 'sized') return null;
  return matchSenderRules(sender.platform.entry, url);
}

const ownEntries = new Map<string, VendorEntry>();
/** Sender-own entries kept for reuse; the map starts again when full. */
const MAX_OWN_ENTRIES = 4096;

/**
 * The `sender-own` vendor of a registrable domain (`zalando.de`): id `sender-own-zalando-de`.
 *
 * @example
 * ownVendor('zalando.de').name; // 'zalando.de'
 */
export function ownVendor(domain: string): VendorEntry {
  let entry = ownEntries.get(domain);
  if (entry === undefined) {
    entry = {
      id: `sender-own-${domain.replaceAll('.', '-')}`,
      name: domain,
      company: domain,
      category: 'sender-own',
      website: `https://${domain}`,
      hosts: [],
      rules: [],
      sources: ['message headers'],
    };
    if (ownEntries.size >= MAX_OWN_ENTRIES) ownEntries.clear();
    ownEntries.set(domain, entry);
  }
  return entry;
}

/** `zalando` for `zalando.de`: the brand a registrable domain names, or the domain itself. */
function brandOf(domain: string): string {
  return getDomainWithoutSuffix(domain, { allowPrivateDomains: true }) ?? domain;
}

/**
 * The vendor of a tracker the catalogue did not name: on a first-party host, the platform the
 * headers name (unless it is only a relay, which senders also use for their own tracking), else
 * the sender itself when the host is under the From domain or the same brand (`zalando.com` for
 * a `zalando.de` sender, even when no header names that domain). A host that is first party only
 * through Return-Path, DKIM or List-Unsubscribe belongs to an unknown sending platform, and other
 * third-party hosts stay unnamed.
 *
 * @example
 * attributeVendor(ctx, decision, false, 't.shop.example', domainOf)?.category; // 'sender-own'
 */
export function attributeVendor(
  sender: SenderContext,
  decision: Decision | null,
  thirdParty: boolean,
  host: string,
  domainOf: (host: string) => string | null,
): VendorEntry | null {
  if (decision === null) return null;
  const own = sender.ownDomain;
  const domain = domainOf(host);
  // The sender's brand under another public suffix (mailinglijst.eu for mailinglijst.nl) is the
  // sender's even where the headers do not say so; short names are too often shared.
  const sameBrand = own !== null && domain !== null && (domain === own || (brandOf(own).length >= MIN_BRAND && brandOf(domain) === brandOf(own)));
  if (thirdParty) return sameBrand && own !== null ? ownVendor(own) : null;
  if (sender.platform !== null && !sender.platform.relay) return sender.platform.entry;
  return sameBrand && own !== null ? ownVendor(own) : null;
}

/** Shortest brand name trusted across public suffixes (`ibm` is not enough; `otto` is). */
const MIN_BRAND = 4;
