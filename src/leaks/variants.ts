/**
 * The spellings of one address that senders hash or encode: as written, lower-cased (the standard
 * normalisation of Meta, X, UID2…), Gmail-normalised (Google and UID2 drop dots and `+tags` for
 * gmail.com) and upper-cased (FullContact and WhatCounts hash that too).
 */

/**
 * Which spelling of the address was encoded.
 *
 * @example
 * const v: AddressVariant = 'gmail-normalized';
 */
export type AddressVariant = 'normalized' | 'as-written' | 'gmail-normalized' | 'upper';

/** One spelling of an address. */
export interface AddressSpelling {
  readonly variant: AddressVariant;
  readonly text: string;
}

const GMAIL_DOMAINS: ReadonlySet<string> = new Set(['gmail.com', 'googlemail.com']);

/**
 * True when the string is usable as an address to search for: one `@` with a non-empty local part
 * and domain, no whitespace. Deliberately loose: we search for what the caller gave us.
 *
 * @example
 * isSearchableAddress('me@mail.example'); // true
 * isSearchableAddress('not an address');  // false
 */
export function isSearchableAddress(address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return false;
  for (let i = 0; i < address.length; i++) {
    const c = address.charCodeAt(i);
    if (c <= 32 || c === 127) return false;
  }
  return true;
}

/**
 * Gmail normalisation (Google Customer Match, UID2): lower-case, and for gmail.com/googlemail.com
 * remove dots from the local part and drop everything from the first `+`. Returns `null` for other
 * domains.
 *
 * @example
 * gmailNormalize('Jane.Saoirse+news@gmail.com'); // 'janesaoirse@gmail.com'
 * gmailNormalize('jane.doe@example.com');        // null
 */
export function gmailNormalize(address: string): string | null {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at <= 0) return null;
  const domain = lower.slice(at + 1);
  if (!GMAIL_DOMAINS.has(domain)) return null;
  const plus = lower.indexOf('+');
  const local = (plus >= 0 && plus < at ? lower.slice(0, plus) : lower.slice(0, at)).replaceAll('.', '');
  return local.length > 0 ? `${local}@${domain}` : null;
}

/**
 * The distinct spellings of an address, most common normalisation first, so that when two
 * spellings coincide the report names the one a tracker most likely used. Empty for an address
 * that is not searchable.
 *
 * @example
 * addressSpellings('User@Example.com').map((s) => s.variant);
 * // ['normalized', 'as-written', 'upper']
 */
export function addressSpellings(address: string): AddressSpelling[] {
  const written = address.trim();
  if (!isSearchableAddress(written)) return [];
  const candidates: AddressSpelling[] = [
    { variant: 'normalized', text: written.toLowerCase() },
    { variant: 'as-written', text: written },
  ];
  const gmail = gmailNormalize(written);
  if (gmail !== null) candidates.push({ variant: 'gmail-normalized', text: gmail });
  candidates.push({ variant: 'upper', text: written.toUpperCase() });
  const seen = new Set<string>();
  return candidates.filter((c) => {
    if (seen.has(c.text)) return false;
    seen.add(c.text);
    return true;
  });
}
