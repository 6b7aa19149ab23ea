/**
 * Builds what every part of one message shares: sender domains, recipient needles and the stages.
 */
import type { CatalogueIndex } from '../catalogue/types.js';
import { walkHtml } from '../html/walk.js';
import type { ResolvedLimits } from '../limits.js';
import { buildNeedles, findLeaks } from '../leaks/index.js';
import type { Language, ScanError, ScanOptions } from '../types.js';
import { createDomainCache, senderDomains, type SenderHints } from '../url/party.js';
import type { HeaderLookup } from '../catalogue/sender.js';
import type { PartContext } from './part.js';
import { recipientLimitError, selectRecipients } from './recipients.js';
import { senderContext } from './sender.js';

// One cache for the process: registrable domains do not change between messages.
const sharedDomainCache = createDomainCache();

/**
 * Normalises the `recipient` option to a list of addresses.
 *
 * @example
 * recipientsOf({ recipient: 'Me@Mail.example' }); // ['Me@Mail.example']
 */
export function recipientsOf(options: ScanOptions): string[] {
  const r = options.recipient;
  if (r === undefined) return [];
  return (typeof r === 'string' ? [r] : [...r]).filter((a) => typeof a === 'string' && a.includes('@'));
}

/**
 * The per-message context for {@link scanPart}. `limits` must already be validated
 * (`validateLimits`); the URL budget it starts is shared by every part of the message. The
 * catalogue is `options.catalogue`, else the entry point's default (`defaultOf`): the bundled one
 * in Node, the lazily loaded one in the browser build; no catalogue data is imported here.
 * `headers` (when the message has any) name the platform that sent it, for attribution. At most
 * `maxRecipients` of the `recipients` are searched for, those in `preferred` (this copy's
 * recipient) first; `recipientError` says when some were left out.
 *
 * @example
 * const ctx = messageContext({ from: 'news@shop.example' }, ['me@mail.example'], {}, DEFAULT_LIMITS, defaultCatalogue);
 */
export function messageContext(
  hints: SenderHints,
  recipients: readonly string[],
  options: ScanOptions,
  limits: ResolvedLimits,
  defaultOf: () => CatalogueIndex,
  headers: HeaderLookup | null = null,
  preferred: readonly string[] = recipientsOf(options),
): PartContext & { readonly recipientError: ScanError | null } {
  const lang: Language = options.lang === 'fr' ? 'fr' : 'en';
  const walkLimits = { maxElements: limits.maxElements, maxCssBytes: limits.maxCssBytes };
  const catalogue = options.catalogue ?? defaultOf();
  const ownAddress = hints.from ?? options.sender ?? null;
  const ownHost = domainOfAddress(ownAddress);
  const selection = selectRecipients(recipients, preferred, limits.maxRecipients);
  return {
    recipientError: recipientLimitError(selection, limits.maxRecipients),
    limits,
    urlBudget: { left: limits.maxUrls },
    catalogue,
    sender: senderContext(catalogue, headers, ownHost === null ? null : sharedDomainCache(ownHost)),
    needles: buildNeedles(selection.addresses),
    senders: senderDomains({ ...hints, sender: options.sender ?? null }, sharedDomainCache),
    domainOf: sharedDomainCache,
    includeLinks: options.includeLinks !== false,
    lang,
    walk: (html) => walkHtml(html, walkLimits),
    findLeaks,
  };
}

/**
 * The domain part of an address (`news@mail.shop.example` → `mail.shop.example`).
 *
 * @example
 * domainOfAddress('a@b.example'); // 'b.example'
 */
export function domainOfAddress(address: string | null | undefined): string | null {
  if (address === null || address === undefined) return null;
  const at = address.lastIndexOf('@');
  if (at < 0) return address.includes('.') ? address.toLowerCase() : null;
  const d = address.slice(at + 1).trim().toLowerCase();
  return d.length > 0 ? d : null;
}
