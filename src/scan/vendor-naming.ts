/**
 * Naming the vendor behind a tracker the catalogue matched only by shape or not at all: the
 * sender itself (`sender-own`), the owner of the host's domain (`host-owner`), a catalogue vendor
 * owning that domain, or the platform the headers name over the relay whose link format it keeps.
 */
import { brandOf, MIN_BRAND } from '../catalogue/owners.js';
import type { CatalogueMatch, VendorEntry } from '../catalogue/types.js';
import type { Decision } from '../classify/classify.js';
import { LIST_CATEGORIES, type SenderContext } from './sender.js';

/** Derived entries kept for reuse, per category; a map starts again when full. */
const MAX_DERIVED_ENTRIES = 4096;
const derived = { 'sender-own': new Map<string, VendorEntry>(), 'host-owner': new Map<string, VendorEntry>() };

/** The one entry of a domain in a derived category, so findings of one message share it. */
function derivedVendor(category: keyof typeof derived, domain: string, source: string): VendorEntry {
  const entries = derived[category];
  let entry = entries.get(domain);
  if (entry === undefined) {
    entry = {
      id: `${category}-${domain.replaceAll('.', '-')}`,
      name: domain,
      company: domain,
      category,
      website: `https://${domain}`,
      hosts: [],
      rules: [],
      sources: [source],
    };
    if (entries.size >= MAX_DERIVED_ENTRIES) entries.clear();
    entries.set(domain, entry);
  }
  return entry;
}

/**
 * The `sender-own` vendor of a registrable domain (`zalando.de`): id `sender-own-zalando-de`.
 *
 * @example
 * ownVendor('zalando.de').name; // 'zalando.de'
 */
export function ownVendor(domain: string): VendorEntry {
  return derivedVendor('sender-own', domain, 'message headers');
}

/**
 * The `host-owner` vendor of a registrable domain (`ryndoo.club`): whoever runs the tracker's
 * host when no catalogue entry, no sending platform and no sender brand names it. Every request to
 * the host reaches the owner of its domain, so that domain is the most precise name there is (and
 * the one labels give spam and forwarded mail, where the From is not the tracker's operator).
 *
 * @example
 * hostOwnerVendor('ryndoo.club'); // { id: 'host-owner-ryndoo-club', name: 'ryndoo.club', category: 'host-owner', … }
 */
export function hostOwnerVendor(domain: string): VendorEntry {
  return derivedVendor('host-owner', domain, 'tracker host');
}

/**
 * The vendor of a tracker the catalogue did not name: on a first-party host, the platform the
 * headers name (unless it is only a relay, which senders also use for their own tracking), else
 * the sender itself when the host is under the From domain or the same brand (`zalando.com` for
 * a `zalando.de` sender, even when no header names that domain), else the owner of the host's
 * registrable domain (`host-owner`): a third-party host, or one first party only through
 * Return-Path, DKIM or List-Unsubscribe (an unknown platform's own domain), is run by whoever
 * holds its domain. Where that domain is a catalogue vendor's (`cts.indeed.com`: Indeed's own
 * mail), the vendor is named instead of the bare domain. Hosts without a registrable domain (bare
 * IPs) stay unnamed.
 *
 * @example
 * attributeVendor(ctx, decision, false, 't.shop.example', domainOf)?.category; // 'sender-own'
 * attributeVendor(ctx, decision, true, 't.spam.example', domainOf)?.category;  // 'host-owner'
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
  const owner = domain === null ? null : (sender.owners?.(domain) ?? null);
  if (sameBrand && own !== null && (thirdParty || sender.platform === null || sender.platform.relay)) {
    return (domain === null ? null : (sender.owners?.(domain, true) ?? null)) ?? ownVendor(own);
  }
  if (!thirdParty && sender.platform !== null && !sender.platform.relay) return sender.platform.entry;
  return domain === null || isIpLiteral(domain) ? null : (owner ?? hostOwnerVendor(domain));
}

/**
 * Who runs a URL that matched another vendor's rule by its shape only (an `anyHost` rule, or the
 * sending platform's rules, off the vendor's own hosts), when that is not the rule's vendor: an
 * ESP whose own domain the host is under, unless it sent the message as a customer of the rule's
 * vendor (WebEngage's click host speaks SparkPost's grammar for WebEngage's customers; Nylas's
 * newsletter links on its own domain are Campaign Monitor's), or, on the sender's own hosts, the mail platform the headers name when the rule's
 * vendor is only the delivery relay underneath it (beehiiv newsletters go out through SendGrid
 * and keep its link format). `null` keeps the rule's vendor.
 *
 * @example
 * shapeVendor(ctx, sendgridShapeMatch, false, 'elink12.news.example', domainOf)?.id; // 'beehiiv' with x-beehiiv-* headers
 */
export function shapeVendor(
  sender: SenderContext,
  match: CatalogueMatch,
  thirdParty: boolean,
  host: string,
  domainOf: (host: string) => string | null,
): VendorEntry | null {
  if (match.level !== 'shape') return null;
  const domain = domainOf(host);
  const owner = domain === null ? null : (sender.owners?.(domain) ?? null);
  if (owner !== null) return owner !== match.entry && owner.category === 'esp' && domain !== sender.ownDomain ? owner : null;
  const p = sender.platform;
  // only the sender's own link domain: the relay's own domains (`email.m.ghost.io` at Mailgun) stay
  // the relay's even where a bounce address makes them first party
  if (thirdParty || domain !== sender.ownDomain || p === null || p.relay || p.entry === match.entry || !isRelay(match.entry)) return null;
  return LIST_CATEGORIES.has(p.entry.category) ? p.entry : null;
}

/**
 * A vendor known only as a delivery service (every header fact of it `relay`): platforms send
 * through it and keep its link formats. A platform with facts of its own (Pardot's shapes on
 * mail that SFMC's servers deliver) stays the rule's vendor.
 */
function isRelay(e: VendorEntry): boolean {
  const facts = e.senderHeaders ?? [];
  return facts.length > 0 && facts.every((f) => f.relay === true);
}

/** An IPv4 or IPv6 address names no one: its owner is a hosting network, not a domain holder. */
function isIpLiteral(host: string): boolean {
  return host.includes(':') || host.startsWith('[') || /^[0-9.]+$/.test(host);
}

