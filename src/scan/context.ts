/**
 * Builds what every part of one message shares: sender domains, recipient needles and the stages.
 */
import type { CatalogueIndex } from '../catalogue/types.js';
import { walkHtml } from '../html/walk.js';
import type { ResolvedLimits } from '../limits.js';
import { buildNeedles, findLeaks } from '../leaks/index.js';
import type { Language, ScanOptions } from '../types.js';
import { createDomainCache, senderDomains, type SenderHints } from '../url/party.js';
import type { HeaderLookup } from '../catalogue/sender.js';
import type { HtmlPart, MailHeaders } from '../mime/types.js';
import type { PartContext } from './part.js';
import { headerLookup, senderContext } from './sender.js';

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
 * `headers` (when the message has any) name the platform that sent it, for attribution.
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
): PartContext {
  const lang: Language = options.lang === 'fr' ? 'fr' : 'en';
  const walkLimits = { maxElements: limits.maxElements, maxCssBytes: limits.maxCssBytes };
  const catalogue = options.catalogue ?? defaultOf();
  const ownAddress = hints.from ?? options.sender ?? null;
  const ownHost = domainOfAddress(ownAddress);
  return {
    limits,
    urlBudget: { left: limits.maxUrls },
    catalogue,
    sender: senderContext(catalogue, headers, ownHost === null ? null : sharedDomainCache(ownHost)),
    needles: buildNeedles(recipients),
    senders: senderDomains({ ...hints, sender: options.sender ?? null }, sharedDomainCache),
    domainOf: sharedDomainCache,
    includeLinks: options.includeLinks !== false,
    lang,
    walk: (html) => walkHtml(html, walkLimits),
    findLeaks,
  };
}

/**
 * The contexts of a parsed message's HTML parts: `top` for its own parts, and `of(part)` for any
 * part: the message's context, or for a part of an attached message/rfc822 (a forwarded mail, an
 * abuse report's copy of the reported one) that message's, since its headers decide first and
 * third party and name its sending platform. Every context spends the message's one URL budget.
 * `scanEml` and `sanitizeEml` both use it, so they find and name the same trackers.
 *
 * @example
 * const { top, of } = partContexts(mail.headers, options, limits, defaultCatalogue);
 * mail.htmlParts.map((p) => scanPart(p.html, 0, of(p)));
 */
export function partContexts(
  h: MailHeaders,
  options: ScanOptions,
  limits: ResolvedLimits,
  defaultOf: () => CatalogueIndex,
): { readonly top: PartContext; readonly of: (part: HtmlPart) => PartContext } {
  const given = recipientsOf(options);
  const contextOf = (m: MailHeaders, budget: { left: number } | null): PartContext => {
    const c = messageContext(
      { from: m.from, returnPath: m.returnPath, dkimDomains: m.dkimDomains, listUnsubscribe: m.listUnsubscribe },
      [...m.to, ...m.cc, ...m.deliveredTo, ...m.xOriginalTo, ...given],
      options,
      limits,
      defaultOf,
      headerLookup(m),
    );
    return budget === null ? c : { ...c, urlBudget: budget };
  };
  const top = contextOf(h, null);
  const embedded = new Map<MailHeaders, PartContext>();
  const of = (part: HtmlPart): PartContext => {
    if (part.headers === undefined) return top;
    let c = embedded.get(part.headers);
    if (c === undefined) {
      // The attached message's recipients are searched for too: the outer ones may be a forwarder.
      c = contextOf({ ...part.headers, to: [...part.headers.to, ...h.to, ...h.cc, ...h.deliveredTo, ...h.xOriginalTo] }, top.urlBudget);
      embedded.set(part.headers, c);
    }
    return c;
  };
  return { top, of };
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
