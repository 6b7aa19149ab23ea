/**
 * Precomputes every encoded form of the recipient addresses ("needles") once per scan, indexed so
 * that searching a URL costs time linear in the URL, not in the number of encodings.
 */
import { compileMatcher, type Matcher } from './automaton.js';
import { toBase64, toHex, utf8 } from './bytes.js';
import { checksumForms } from './checksum-forms.js';
import { md5, sha1, sha224, sha256, sha384, sha512 } from './digests.js';
import { addressSpellings, type AddressVariant } from './variants.js';

/**
 * How a needle is searched for.
 * - `text`: substring of the lower-cased text (plain and percent-encoded forms).
 * - `text-exact-case`: substring of the text as written (base64 of the address).
 * - `hex`: a maximal run of hex digits, or its head or tail (hashes, checksums in hex).
 * - `decimal`: a maximal run of decimal digits (checksums in decimal).
 * - `base64`: a maximal run of base64/base64url characters, or its head or tail (digests).
 *
 * @example
 * const m: NeedleMatch = 'hex';
 */
export type NeedleMatch = 'text' | 'text-exact-case' | 'hex' | 'decimal' | 'base64';

/**
 * One encoded form of one spelling of one address.
 *
 * @example
 * const n: Needle = { address: 'user@example.com', variant: 'normalized', encoding: 'md5',
 *   value: 'b58996c504c5638798eb6b511e6f49af', match: 'hex' };
 */
export interface Needle {
  /** The address as the caller gave it (trimmed). */
  readonly address: string;
  readonly variant: AddressVariant;
  /** Stable encoding name, e.g. `sha256`, `sha256-base64`, `md5(sha256)`. */
  readonly encoding: string;
  /** Searchable form: lower-case for case-insensitive forms, base64 without `=` padding. */
  readonly value: string;
  readonly match: NeedleMatch;
}

/**
 * All needles of a scan, with the lookup indexes the finder uses.
 *
 * @example
 * const set: NeedleSet = buildNeedles(['user@example.com']);
 * set.hex.get('b58996c504c5638798eb6b511e6f49af')?.encoding; // 'md5'
 */
export interface NeedleSet {
  readonly addresses: readonly string[];
  readonly needles: readonly Needle[];
  /** `text` and `text-exact-case` needles: the forms searched as substrings. */
  readonly texts: readonly Needle[];
  /**
   * The `text` needles of {@link NeedleSet.texts} compiled into one matcher (pattern `i` is
   * `textIndex[i]` in `texts`), searched in the lower-cased text: one pass whatever the number
   * of addresses.
   */
  readonly lowerMatcher: Matcher;
  /** The `text-exact-case` needles compiled the same way, searched in the text as written. */
  readonly exactMatcher: Matcher;
  /** Index in `texts` of each pattern of `lowerMatcher`. */
  readonly lowerIndex: readonly number[];
  /** Index in `texts` of each pattern of `exactMatcher`. */
  readonly exactIndex: readonly number[];
  readonly hex: ReadonlyMap<string, Needle>;
  /** Distinct lengths of the hex needles of at least 32 digits, checked at run heads and tails. */
  readonly hexLengths: readonly number[];
  readonly decimal: ReadonlyMap<string, Needle>;
  readonly base64: ReadonlyMap<string, Needle>;
  readonly base64Lengths: readonly number[];
  /** Distinct lengths of the decimal needles (they match whole digit runs only). */
  readonly decimalLengths: readonly number[];
  /**
   * Length of the shortest needle when every needle is printable ASCII, else 0. Decoding never
   * lengthens text, so a decoded payload without a printable run this long holds no needle.
   */
  readonly shortest: number;
}

type Digest = (bytes: Uint8Array) => Uint8Array;

/**
 * The single-layer hashes, in report order.
 *
 * @example
 * HASHES.map(([name]) => name); // ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']
 */
export const HASHES: ReadonlyArray<readonly [string, Digest]> = [
  ['md5', md5],
  ['sha1', sha1],
  ['sha224', sha224],
  ['sha256', sha256],
  ['sha384', sha384],
  ['sha512', sha512],
];

/** Hashes used in two-layer combinations (the ones vendors chain in practice). */
const LAYER_HASHES: ReadonlyArray<readonly [string, Digest]> = [
  ['md5', md5],
  ['sha1', sha1],
  ['sha256', sha256],
];

/** encodeURIComponent on UTF-8 bytes (never throws on lone surrogates); `full` encodes every byte. */
function percentEncode(bytes: Uint8Array, full: boolean): string {
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    const keep = !full && b < 128 && /^[A-Za-z0-9\-_.!~*'()]$/.test(c);
    out += keep ? c : `%${b.toString(16).padStart(2, '0')}`;
  }
  return out;
}

type Draft = Omit<Needle, 'address' | 'variant'>;

function b64(bytes: Uint8Array, url: boolean): string {
  return toBase64(bytes, { url, pad: false });
}

/** Every encoding of one spelling. Names are stable: reports and tests rely on them. */
function encodingsOf(text: string): Draft[] {
  const bytes = utf8(text);
  const out: Draft[] = [
    { encoding: 'plain', value: text.toLowerCase(), match: 'text' },
    { encoding: 'percent-encoded', value: percentEncode(bytes, false).toLowerCase(), match: 'text' },
    { encoding: 'percent-encoded', value: percentEncode(bytes, true), match: 'text' },
    { encoding: 'base64', value: b64(bytes, false), match: 'text-exact-case' },
    { encoding: 'base64url', value: b64(bytes, true), match: 'text-exact-case' },
    { encoding: 'hex', value: toHex(bytes), match: 'hex' },
  ];
  const hexOf = new Map<string, string>();
  for (const [name, digest] of HASHES) {
    const raw = digest(bytes);
    const hex = toHex(raw);
    hexOf.set(name, hex);
    out.push({ encoding: name, value: hex, match: 'hex' });
    out.push({ encoding: `${name}-base64`, value: b64(raw, false), match: 'base64' });
    out.push({ encoding: `${name}-base64url`, value: b64(raw, true), match: 'base64' });
  }
  out.push(...checksumForms(bytes));
  const base64Text = utf8(toBase64(bytes));
  for (const [inner] of LAYER_HASHES) {
    const innerHex = utf8(hexOf.get(inner) ?? '');
    for (const [outer, digest] of LAYER_HASHES) {
      out.push({ encoding: `${outer}(${inner})`, value: toHex(digest(innerHex)), match: 'hex' });
    }
    out.push({ encoding: `base64(${inner})`, value: b64(innerHex, false), match: 'base64' });
    out.push({ encoding: `base64(${inner})`, value: b64(innerHex, true), match: 'base64' });
  }
  for (const [outer, digest] of LAYER_HASHES) {
    out.push({ encoding: `${outer}(base64)`, value: toHex(digest(base64Text)), match: 'hex' });
  }
  return out;
}

function lengthsOf(map: ReadonlyMap<string, Needle>, min: number): number[] {
  const lengths = new Set<number>();
  for (const key of map.keys()) if (key.length >= min) lengths.add(key.length);
  return [...lengths].sort((a, b) => a - b);
}

/**
 * Precomputes every encoding (plain, percent-encoded, base64/base64url, hex, MD5, SHA-1/224/256/
 * 384/512 as hex and as base64 of the raw digest, CRC-32, Adler-32, MurmurHash, hash-of-hash, base64 of a hex hash, hash
 * of base64) of every spelling of every address. Empty or invalid addresses are skipped; identical
 * needles are kept once (the first spelling wins, normalised before as-written).
 *
 * @example
 * const set = buildNeedles(['user@example.com']);
 * set.needles.find((n) => n.encoding === 'sha256-base64')?.value;
 * // 'tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ'
 */
export function buildNeedles(addresses: readonly string[]): NeedleSet {
  // Untyped callers exist (CLI flags, JSON options): anything but a string is skipped, not thrown on.
  const inputs: readonly unknown[] = Array.isArray(addresses) ? addresses : [];
  const strings = inputs.filter((a): a is string => typeof a === 'string');
  // A batch scans thousands of messages to the same recipient: hash their addresses once.
  const key = JSON.stringify(strings);
  const cached = memo.get(key);
  if (cached !== undefined) return cached;
  if (memo.size >= MEMO_SIZE) memo.clear();
  const built = build(strings);
  memo.set(key, built);
  return built;
}

/** Recent needle sets by their address list; sets are immutable, so sharing them is safe. */
const memo = new Map<string, NeedleSet>();
const MEMO_SIZE = 64;

/** Whether every character is printable ASCII (what the decoded-payload filter assumes). */
function printable(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

/** Length of the shortest needle, in one pass (a spread into `Math.min` overflows the stack). */
function shortestOf(needles: readonly Needle[]): number {
  let min = Number.POSITIVE_INFINITY;
  for (const n of needles) if (n.value.length < min) min = n.value.length;
  return Number.isFinite(min) ? min : 0;
}

function build(inputs: readonly string[]): NeedleSet {
  const needles: Needle[] = [];
  const seen = new Set<string>();
  const kept = new Set<string>();
  for (const input of inputs) {
    const spellings = addressSpellings(input);
    if (spellings.length === 0) continue;
    const address = input.trim();
    if (kept.has(address)) continue;
    kept.add(address);
    for (const { variant, text } of spellings) {
      for (const draft of encodingsOf(text)) {
        const key = `${draft.match}:${draft.value}`;
        if (draft.value.length === 0 || seen.has(key)) continue;
        seen.add(key);
        needles.push({ address, variant, ...draft });
      }
    }
  }
  const index = (match: NeedleMatch): Map<string, Needle> =>
    new Map(needles.filter((n) => n.match === match).map((n) => [n.value, n]));
  const hex = index('hex');
  const base64 = index('base64');
  const decimal = index('decimal');
  const allPrintable = needles.every((n) => printable(n.value));
  const texts = needles.filter((n) => n.match === 'text' || n.match === 'text-exact-case');
  const lowerIndex: number[] = [];
  const exactIndex: number[] = [];
  texts.forEach((n, i) => (n.match === 'text' ? lowerIndex : exactIndex).push(i));
  return {
    addresses: Object.freeze([...kept]),
    needles: Object.freeze(needles),
    texts: Object.freeze(texts),
    lowerMatcher: compileMatcher(lowerIndex.map((i) => texts[i]?.value ?? '')),
    exactMatcher: compileMatcher(exactIndex.map((i) => texts[i]?.value ?? '')),
    lowerIndex,
    exactIndex,
    hex,
    hexLengths: lengthsOf(hex, 32),
    decimal,
    base64,
    base64Lengths: lengthsOf(base64, 16),
    decimalLengths: lengthsOf(decimal, 0),
    shortest: allPrintable ? shortestOf(needles) : 0,
  };
}
