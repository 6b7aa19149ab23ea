/**
 * Who is behind trackers the catalogue cannot name: the platform the headers say sent the message
 * (its rules apply on any host, its branded first-party hosts are its own), or else the sender
 * itself for first-party tracking (category `sender-own`, named after its registrable domain), or
 * else the owner of the tracker host's domain (category `host-owner`).
 */
import { domainOwners, type DomainOwners } from '../catalogue/owners.js';
import { identifySender, matchSenderRules, type HeaderLookup, type SenderPlatform } from '../catalogue/sender.js';
import type { CatalogueIndex, CatalogueMatch } from '../catalogue/types.js';
import { sizeClass } from '../classify/signals.js';
import type { Resource } from '../html/types.js';
import type { MailHeaders } from '../mime/types.js';
import type { VendorCategory } from '../types.js';
import { parseUrl, type ParsedUrl } from '../url/parse.js';

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
  /** The catalogue vendor owning a registrable domain (see `domainOwners`); none when absent. */
  readonly owners?: DomainOwners;
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
  const owners = domainOwners(catalogue.entries);
  if (headers === null) return { platform: null, ownDomain, owners };
  return { platform: identifySender(catalogue.entries, headers) ?? unsubscribePlatform(catalogue, headers), ownDomain, owners };
}

/**
 * Platforms that run a list for their customers: its unsubscribe page names them, and their
 * name goes over the relay that delivers for them.
 *
 * @example
 * LIST_CATEGORIES.has('esp'); // true
 */
export const LIST_CATEGORIES: ReadonlySet<VendorCategory> = new Set<VendorCategory>(['esp', 'sales-tracker']);

/**
 * The platform whose own host serves the message's List-Unsubscribe URL (`<id>.list-manage.com`,
 * `<x>.mjt.lu`), when no header fact names one: the list is run there. Only catalogue matches on
 * the vendor's hosts count (a rule on its hosts or a dedicated host), not shapes on the sender's
 * host; a vendor known as a delivery relay (all of its header facts `relay`) stays a relay.
 *
 * @example
 * unsubscribePlatform(catalogue, (n) => (n === 'list-unsubscribe' ? ['https://x4k2.mjt.lu/unsub2?m=1'] : []))?.entry.id;
 * // 'mailjet'
 */
export function unsubscribePlatform(catalogue: CatalogueIndex, headers: HeaderLookup): SenderPlatform | null {
  for (const target of headers('list-unsubscribe')) {
    const url = parseUrl(target);
    if (url === null) continue;
    const m = catalogue.matchDirect(url);
    if (m === null || m.level === 'shape' || !LIST_CATEGORIES.has(m.entry.category)) continue;
    const facts = m.entry.senderHeaders ?? [];
    return { entry: m.entry, relay: facts.length > 0 && facts.every((f) => f.relay === true), facts: 1 };
  }
  return null;
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
