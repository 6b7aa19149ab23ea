/**
 * First or third party: is a host controlled by the sender of the message?
 */
import { getDomain } from './domains.js';

/**
 * Registrable-domain lookup with a per-instance cache: the same few hosts recur hundreds of times
 * in one newsletter and across an archive, and the public-suffix walk is the costly part.
 *
 * @example
 * const d = createDomainCache();
 * d('a.b.example.co.uk'); // 'example.co.uk'
 */
export function createDomainCache(max = 50_000): (host: string) => string | null {
  const cache = new Map<string, string | null>();
  return (host: string) => {
    const hit = cache.get(host);
    if (hit !== undefined) return hit;
    // Private suffixes (e.g. appspot.com, github.io) matter: a.appspot.com and b.appspot.com
    // belong to different owners.
    const domain = getDomain(host, { allowPrivateDomains: true }) ?? (host.length > 0 ? host : null);
    if (cache.size >= max) cache.clear();
    cache.set(host, domain);
    return domain;
  };
}

/** The sender-controlled names a message gives. */
export interface SenderHints {
  readonly from?: string | null;
  readonly returnPath?: string | null;
  readonly dkimDomains?: readonly string[];
  readonly listUnsubscribe?: readonly string[];
  /** Explicit sender address or domain given by the caller. */
  readonly sender?: string | null;
}

function hostOf(value: string): string | null {
  const v = value.trim().toLowerCase();
  if (v.length === 0) return null;
  if (v.startsWith('mailto:')) return hostOf(v.slice(7).split('?')[0] ?? '');
  const at = v.lastIndexOf('@');
  if (at >= 0) {
    // cut at the first `>` or space with a one-character search: `/[>\s].*$/` was quadratic on
    // long values with a line terminator near the end
    const rest = v.slice(at + 1);
    const cut = rest.search(/[>\s]/);
    return (cut < 0 ? rest : rest.slice(0, cut)) || null;
  }
  if (v.startsWith('http://') || v.startsWith('https://')) {
    try {
      return new URL(v).hostname || null;
    } catch {
      return null;
    }
  }
  return v;
}

/**
 * The registrable domains the sender controls: From, Return-Path, DKIM `d=`, List-Unsubscribe hosts
 * and an explicit sender. The From domain comes first (it is the `senderDomain` of the report).
 *
 * @example
 * senderDomains({ from: 'news@mail.shop.example', dkimDomains: ['esp.example'] }, createDomainCache());
 * // ['shop.example', 'esp.example']
 */
export function senderDomains(hints: SenderHints, domainOf: (host: string) => string | null): string[] {
  const out: string[] = [];
  const add = (value: string | null | undefined): void => {
    if (value === null || value === undefined) return;
    const host = hostOf(value);
    if (host === null) return;
    const d = domainOf(host);
    if (d !== null && !out.includes(d)) out.push(d);
  };
  add(hints.sender);
  add(hints.from);
  add(hints.returnPath);
  for (const d of hints.dkimDomains ?? []) add(d);
  for (const u of hints.listUnsubscribe ?? []) add(u);
  return out;
}

/**
 * A host is third party when its registrable domain is not one of the sender's. With no sender
 * information at all, every host counts as third party: nothing shows the sender controls it.
 *
 * @example
 * isThirdParty('t.shop.example', ['shop.example'], createDomainCache()); // false
 */
export function isThirdParty(
  host: string,
  senders: readonly string[],
  domainOf: (host: string) => string | null,
): boolean {
  if (senders.length === 0) return true;
  const d = domainOf(host);
  return d === null || !senders.includes(d);
}
