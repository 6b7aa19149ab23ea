/**
 * Which platform sent a message, read from its headers with the catalogue's `senderHeaders`
 * facts. Pure: headers come in as a lookup function, so the MIME layer and the catalogue stay
 * apart.
 */
import { parseUrl } from '../url/parse.js';
import { hostPatternMatch, hostSuffixes } from './pattern.js';
import type { SenderFact, VendorEntry } from './types.js';

/**
 * Every value of a header by lower-case name (`message-id`, `x-mailer`, `dkim-signature` …).
 *
 * @example
 * const get: HeaderLookup = (name) => (name === 'x-mailer' ? ['Inxmail EE 4.8'] : []);
 */
export type HeaderLookup = (name: string) => readonly string[];

/**
 * The platform a message was sent with. `relay` is true when only delivery-service facts matched
 * (see {@link SenderFact.relay}).
 *
 * @example
 * const s: SenderPlatform = { entry, relay: false, facts: 2 };
 */
export interface SenderPlatform {
  readonly entry: VendorEntry;
  readonly relay: boolean;
  /** How many of the vendor's facts hold. */
  readonly facts: number;
}

/** Longest header value looked at: identifying text sits at the start or in a short value. */
const MAX_VALUE = 2048;

function lower(s: string): string {
  return (s.length > MAX_VALUE ? s.slice(0, MAX_VALUE) : s).toLowerCase();
}

function addressDomain(value: string): string | null {
  const v = value.trim();
  const at = v.lastIndexOf('@');
  if (at < 0) return null;
  let end = v.length;
  for (const stop of ['>', ' ', ';', ',']) {
    const i = v.indexOf(stop, at);
    if (i >= 0 && i < end) end = i;
  }
  const d = v.slice(at + 1, end).trim().toLowerCase();
  return d.includes('.') ? d : null;
}

/** Every `@domain` and `scheme://host` written in a text, lower-cased. */
function writtenDomains(text: string): string[] {
  const out: string[] = [];
  const t = lower(text);
  const isHostChar = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '-' || c === '.';
  const readHost = (from: number): string => {
    let end = from;
    while (end < t.length && isHostChar(t.charAt(end))) end++;
    while (end > from && t.charAt(end - 1) === '.') end--;
    return t.slice(from, end);
  };
  for (let i = t.indexOf('@'); i >= 0; i = t.indexOf('@', i + 1)) {
    const host = readHost(i + 1);
    if (host.includes('.')) out.push(host);
  }
  for (let i = t.indexOf('://'); i >= 0; i = t.indexOf('://', i + 3)) {
    const host = readHost(i + 3);
    if (host.includes('.')) out.push(host);
  }
  // a bare domain (List-ID's `<x.list-id.mcsv.net>`) is inside angle brackets
  for (let i = t.indexOf('<'); i >= 0; i = t.indexOf('<', i + 1)) {
    const host = readHost(i + 1);
    if (host.includes('.') && t.charAt(i + 1 + host.length) === '>') out.push(host);
  }
  return out;
}

/**
 * The domains a header value names: the address domain of `message-id` and `return-path`, the
 * value itself for `dkim-signature` (the lookup gives `d=` domains), URL hosts and `mailto:`
 * domains for `list-unsubscribe`, every written `@domain` or URL host otherwise.
 *
 * @example
 * headerDomains('message-id', '<a.b@mail5.suw111.mcdlv.net>'); // ['mail5.suw111.mcdlv.net']
 */
export function headerDomains(header: string, value: string): string[] {
  if (header === 'dkim-signature') return [lower(value).trim()];
  if (header === 'message-id' || header === 'return-path') {
    const d = addressDomain(value);
    return d === null ? [] : [d];
  }
  if (header === 'list-unsubscribe') {
    const url = parseUrl(value);
    if (url !== null) return [url.host];
    const d = addressDomain(value.split('?')[0] ?? '');
    return d === null ? [] : [d];
  }
  return writtenDomains(value);
}

function domainMatches(pattern: string, domain: string): boolean {
  for (const suffix of hostSuffixes(domain)) if (hostPatternMatch(pattern, suffix)) return true;
  return false;
}

/**
 * Whether a fact holds on one header value.
 *
 * @example
 * factHoldsOn({ header: 'x-mailer', prefix: 'Inxmail ', source: 's', examples: { hit: [] } }, 'Inxmail EE 4.8'); // true
 */
export function factHoldsOn(fact: SenderFact, value: string): boolean {
  if (fact.present === true) return true;
  const v = lower(value).trim();
  if (fact.prefix !== undefined) return v.startsWith(fact.prefix.toLowerCase());
  if (fact.contains !== undefined) return v.includes(fact.contains.toLowerCase());
  if (fact.suffix !== undefined) return v.endsWith(fact.suffix.toLowerCase());
  if (fact.domain !== undefined) {
    const pattern = fact.domain;
    return headerDomains(fact.header, value).some((d) => domainMatches(pattern, d));
  }
  return false;
}

function factHolds(fact: SenderFact, get: HeaderLookup): boolean {
  return get(fact.header).some((v) => factHoldsOn(fact, v));
}

/**
 * The vendor whose header facts name the sending platform, or `null`. A vendor with a matching
 * fact that is not `relay` beats relays; among equals, more matching facts win, then catalogue
 * order. Cost: one pass over the facts of the vendors that have any.
 *
 * @example
 * identifySender(VENDORS, (n) => (n === 'feedback-id' ? ['1:2:us3:mc'] : []))?.entry.id; // 'mailchimp'
 */
export function identifySender(entries: readonly VendorEntry[], get: HeaderLookup): SenderPlatform | null {
  let best: SenderPlatform | null = null;
  for (const entry of entries) {
    const facts = entry.senderHeaders;
    if (facts === undefined || facts.length === 0) continue;
    let strong = 0;
    let relay = 0;
    for (const f of facts) {
      if (!factHolds(f, get)) continue;
      if (f.relay === true) relay++;
      else strong++;
    }
    if (strong + relay === 0) continue;
    const candidate: SenderPlatform = { entry, relay: strong === 0, facts: strong + relay };
    if (best === null || better(candidate, best)) best = candidate;
  }
  return best;
}

function better(a: SenderPlatform, b: SenderPlatform): boolean {
  if (a.relay !== b.relay) return !a.relay;
  return a.facts > b.facts;
}
