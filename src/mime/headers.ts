/**
 * Turns the top-level header block into {@link MailHeaders}. Works on already unfolded,
 * charset-repaired header values (see `HeaderSource`), so it is independent of the splitter.
 * Addresses are parsed by postal-mime's address parser (browser-safe, and what mailparser's
 * `parseAddressHeader` gave on every address header of the corpus, the samples and the fixtures);
 * encoded words are decoded by the backend's decoder, passed in.
 */
import { addressParser, type Address, type Mailbox } from 'postal-mime';
import type { MailHeaders } from './types.js';

/**
 * Every value of a header, unfolded, by lower-cased name. Encoded words are still encoded.
 *
 * @example
 * const src: HeaderSource = (name) => (name === 'subject' ? ['Hi'] : []);
 */
export type HeaderSource = (name: string) => readonly string[];

/** Headers of a message without any header at all. */
export const EMPTY_HEADERS: MailHeaders = {
  from: null,
  fromName: null,
  to: [],
  cc: [],
  deliveredTo: [],
  xOriginalTo: [],
  date: null,
  subject: null,
  messageId: null,
  returnPath: null,
  listUnsubscribe: [],
  dkimDomains: [],
  hintFields: [],
};

/**
 * Headers besides the named ones that may say which platform sent the message: every `X-` header
 * (`X-Mailer`, `X-SG-EID`, `X-Mailgun-Tag` …), `Feedback-ID` and `List-ID`.
 *
 * @example
 * isHintHeader('x-mailer'); // true
 * isHintHeader('received'); // false
 */
export function isHintHeader(name: string): boolean {
  return name.startsWith('x-') || name === 'feedback-id' || name === 'list-id';
}

/** Distinct platform-hint headers kept per message (by every backend); a flood of X- headers adds nothing. */
export const MAX_HINT_HEADERS = 64;

/** Longest hint value kept: identifying text is short, and a header can be 256 KB. */
const MAX_HINT_VALUE = 1024;

function flattenAddresses(list: readonly Address[], out: Mailbox[]): Mailbox[] {
  for (const entry of list) {
    if (entry.group !== undefined) flattenAddresses(entry.group, out);
    else out.push(entry);
  }
  return out;
}

/**
 * Parsed mailboxes of all values of one header, groups flattened, in order. Each value is parsed
 * on its own; punycode stays as written (the address is later compared with the bytes in URLs).
 */
function mailboxes(values: readonly string[]): Mailbox[] {
  const out: Mailbox[] = [];
  for (const value of values) {
    if (value !== '') flattenAddresses(addressParser(value, { flatten: true }), out);
  }
  return out;
}

/** Bare address in lower case, or null when the entry has none. */
function bareAddress(entry: Mailbox): string | null {
  const address = entry.address?.trim().toLowerCase() ?? '';
  return address === '' ? null : address;
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/**
 * All addresses of the given header values, lower-cased, deduplicated, groups flattened.
 *
 * @example
 * addressList(['Team: a@x.example, B <b@x.example>;']); // ['a@x.example', 'b@x.example']
 */
export function addressList(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of mailboxes(values)) {
    const address = bareAddress(entry);
    if (address !== null) out.push(address);
  }
  return unique(out);
}

function firstNonEmpty(values: readonly string[]): string | null {
  for (const value of values) {
    const trimmed = value.trim();
    if (trimmed !== '') return trimmed;
  }
  return null;
}

/**
 * ISO 8601 form of a Date header, the raw value when it does not parse, or null.
 *
 * @example
 * normalizeDate('Thu, 01 Jan 2026 10:00:00 +0000'); // '2026-01-01T10:00:00.000Z'
 */
export function normalizeDate(value: string | null): string | null {
  if (value === null) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

/**
 * URLs and `mailto:` targets of List-Unsubscribe values: the contents of each `<…>`, or the
 * comma-separated items when a sender forgot the brackets.
 *
 * @example
 * listUnsubscribeTargets(['<mailto:u@x.example>, <https://x.example/u>']);
 * // ['mailto:u@x.example', 'https://x.example/u']
 */
export function listUnsubscribeTargets(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    let start = value.indexOf('<');
    if (start < 0) {
      for (const item of value.split(',')) {
        const trimmed = item.trim();
        if (trimmed !== '') out.push(trimmed);
      }
      continue;
    }
    while (start >= 0) {
      const end = value.indexOf('>', start + 1);
      if (end < 0) break;
      // folding whitespace inside the brackets is not part of the URL
      const target = value.slice(start + 1, end).replace(/\s/g, '');
      if (target !== '') out.push(target);
      start = value.indexOf('<', end + 1);
    }
  }
  return unique(out);
}

/**
 * `d=` domains of DKIM-Signature values, lower-cased and deduplicated.
 *
 * @example
 * dkimDomains(['v=1; a=rsa-sha256; d=Shop.example; s=k1; b=…']); // ['shop.example']
 */
export function dkimDomains(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    for (const tag of value.split(';')) {
      const eq = tag.indexOf('=');
      if (eq < 0 || tag.slice(0, eq).trim().toLowerCase() !== 'd') continue;
      const domain = tag.slice(eq + 1).replace(/\s/g, '').toLowerCase();
      if (domain !== '') out.push(domain);
    }
  }
  return unique(out);
}

/**
 * Builds {@link MailHeaders} from a header source; `decodeWords` decodes encoded words (the
 * backend's decoder); `hintNames` are the platform-hint headers present (see {@link isHintHeader}),
 * read into `hintFields`.
 *
 * @example
 * const h = extractHeaders((n) => (n === 'from' ? ['Shop <News@Shop.example>'] : []), (v) => v);
 * h.from; // 'news@shop.example'
 */
export function extractHeaders(get: HeaderSource, decodeWords: (value: string) => string, hintNames: readonly string[] = []): MailHeaders {
  const hintFields: (readonly [string, string])[] = [];
  for (const name of hintNames) {
    for (const value of get(name)) hintFields.push([name, decodeWords(value).trim().slice(0, MAX_HINT_VALUE)]);
  }
  const fromEntry = mailboxes(get('from')).find((entry) => bareAddress(entry) !== null) ?? null;
  const fromName = fromEntry?.name.trim() ?? '';
  const subject = firstNonEmpty(get('subject'));
  const returnPath = addressList(get('return-path'));
  return {
    from: fromEntry === null ? null : bareAddress(fromEntry),
    fromName: fromName === '' ? null : fromName,
    to: addressList(get('to')),
    cc: addressList(get('cc')),
    deliveredTo: addressList(get('delivered-to')),
    xOriginalTo: addressList(get('x-original-to')),
    date: normalizeDate(firstNonEmpty(get('date'))),
    subject: subject === null ? null : decodeWords(subject),
    messageId: firstNonEmpty(get('message-id')),
    returnPath: returnPath[0] ?? null,
    listUnsubscribe: listUnsubscribeTargets(get('list-unsubscribe')),
    dkimDomains: dkimDomains(get('dkim-signature')),
    hintFields,
  };
}
