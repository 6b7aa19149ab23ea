/**
 * Email addresses written in a URL's query, whoever they belong to. A parameter that carries an
 * address hands it to the server in clear even when the scan was not told the recipient (a
 * forwarded message, an HTML body, a redacted To): the address found is reported as leaked.
 */
import type { ParsedUrl } from '../url/parse.js';
import { percentDecode } from './bytes.js';
import type { AddressLeak } from './find.js';
import { rawQuery } from './url-parts.js';

const PERCENT_ROUNDS = 3;
/** Longest local part and domain RFC 5321 allows; longer runs are not addresses. */
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

function isLocalChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) ||
    c === 0x2e || c === 0x5f || c === 0x2b || c === 0x2d
  );
}

function isDomainChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}

/** `a-z`, two or more: a top-level label, which is never all digits (`1.2.3.4` is no domain). */
function isTopLabel(label: string): boolean {
  if (label.length < 2) return false;
  for (const ch of label) if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) return false;
  return true;
}

function validDomain(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (labels.some((l) => l.length === 0 || l.length > 63 || l.startsWith('-') || l.endsWith('-'))) return false;
  return isTopLabel(labels[labels.length - 1] ?? '');
}

/**
 * Every address written in a text, lower-cased, in order, without repeats. Linear: each `@` looks
 * at most 64 characters back and 253 ahead.
 *
 * @example
 * addressesIn('to=Me@Mail.example&from=x'); // ['me@mail.example']
 */
export function addressesIn(text: string): string[] {
  const out: string[] = [];
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL && isLocalChar(text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && end - at <= MAX_DOMAIN && isDomainChar(text.charCodeAt(end))) end++;
    let local = text.slice(start, at);
    while (local.startsWith('.')) local = local.slice(1);
    let domain = text.slice(at + 1, end);
    while (domain.endsWith('.') || domain.endsWith('-')) domain = domain.slice(0, -1);
    if (local.length === 0 || local.endsWith('.') || local.includes('..') || !validDomain(domain)) continue;
    const address = `${local}@${domain}`.toLowerCase();
    if (!out.includes(address)) out.push(address);
  }
  return out;
}

/**
 * Addresses in the query values of a URL (percent-encoding peeled up to three times), as `plain`
 * leaks with the encoding rounds beside them. `skip` drops addresses that are no leak (the
 * sender's own, ones already reported).
 *
 * @example
 * findAnyAddresses(parseUrl('https://t.example/o?e=me%40mail.example')!, () => false);
 * // [{ encoding: 'plain', location: 'param:e', address: 'me@mail.example', variant: 'as-written', percentEncoded: 1 }]
 */
export function findAnyAddresses(url: ParsedUrl, skip: (address: string) => boolean): AddressLeak[] {
  const out: AddressLeak[] = [];
  const seen = new Set<string>();
  rawQuery(url.href).forEach(([name, value], k) => {
    if (!value.includes('@') && !value.includes('%')) return;
    const location = `param:${url.query[k]?.[0] ?? percentDecode(name)}`;
    let layer = value;
    for (let round = 0; round <= PERCENT_ROUNDS; round++) {
      if (layer.includes('@')) {
        for (const address of addressesIn(layer)) {
          if (seen.has(address) || skip(address)) continue;
          seen.add(address);
          const leak: AddressLeak = { encoding: 'plain', location, address, variant: 'as-written' };
          out.push(round > 0 ? { ...leak, percentEncoded: round } : leak);
        }
      }
      const next = percentDecode(layer);
      if (next === layer) break;
      layer = next;
    }
  });
  return out;
}
