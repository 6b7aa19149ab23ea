/**
 * Does a URL value look like a per-recipient identifier? Opaque tokens (UUIDs, long hex, base64,
 * high-entropy strings) and unreplaced merge tags are what open-tracking URLs carry; words, dates
 * and small numbers are what content URLs carry.
 */

/**
 * Why a value looks like an identifier.
 *
 * @example
 * const k: IdentifierShape = 'uuid';
 */
export type IdentifierShape = 'uuid' | 'hex' | 'base64' | 'opaque' | 'merge-tag' | 'long-number';

const HEX = /^[0-9a-f]+$/i;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const B64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const DIGITS = /^[0-9]+$/;

function isMergeTag(v: string): boolean {
  // Mailchimp *|X|*, Handlebars {{x}}, SFMC %%x%%, bracket tags [UNIQUE], $uid$ (Emarsys), ${x}.
  return (
    (v.includes('*|') && v.includes('|*')) ||
    (v.includes('{{') && v.includes('}}')) ||
    (v.startsWith('%%') && v.endsWith('%%') && v.length > 4) ||
    (v.startsWith('[') && v.endsWith(']') && v.length > 3 && v.toUpperCase() === v) ||
    (v.startsWith('${') && v.endsWith('}'))
  );
}

/** Shannon entropy in bits per character. */
function entropy(v: string): number {
  const counts = new Map<string, number>();
  for (const ch of v) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / v.length;
    h -= p * Math.log2(p);
  }
  return h;
}

function classCount(v: string): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
  }
  return lower + upper + digit;
}

/**
 * Classifies one value (a query value or a path segment). Returns `null` for values that look like
 * words, slugs, file names, dates, small numbers or short codes.
 *
 * @example
 * identifierShape('3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f'); // 'uuid'
 * identifierShape('newsletter-january');                  // null
 * identifierShape('*|UNIQID|*');                          // 'merge-tag'
 */
export function identifierShape(raw: string): IdentifierShape | null {
  const v = raw.trim();
  if (v.length === 0 || v.length > 4096) return null;
  if (isMergeTag(v)) return 'merge-tag';
  // File names (logo.png, ho.gif) are not identifiers, but the stem may be one.
  const dot = v.lastIndexOf('.');
  const stem = dot > 0 && v.length - dot <= 5 ? v.slice(0, dot) : v;
  if (UUID.test(stem)) return 'uuid';
  if (stem.length >= 16 && HEX.test(stem) && /[0-9]/.test(stem) && /[a-f]/i.test(stem)) return 'hex';
  if (DIGITS.test(stem)) return stem.length >= 12 ? 'long-number' : null;
  if (stem.length >= 20 && B64.test(stem) && classCount(stem) >= 2 && entropy(stem) >= 3.5) {
    return 'base64';
  }
  if (stem.length >= 16 && classCount(stem) >= 2 && entropy(stem) >= 3.6 && !looksLikeWords(stem)) {
    return 'opaque';
  }
  return null;
}

/** Slugs and sentences: mostly letters separated by `-`, `_` or spaces into word-sized pieces. */
function looksLikeWords(v: string): boolean {
  const parts = v.split(/[-_ .,+]/);
  if (parts.length < 2) return false;
  let wordy = 0;
  for (const p of parts) if (/^[a-zA-Z]{2,}$/.test(p)) wordy++;
  return wordy / parts.length >= 0.6;
}

/**
 * Whether a value contains an http(s) URL, plain or percent-encoded, i.e. a redirect destination.
 *
 * @example
 * looksLikeUrl('https%3A%2F%2Fshop.example%2F'); // true
 */
export function looksLikeUrl(v: string): boolean {
  const l = v.slice(0, 16).toLowerCase();
  return (
    l.startsWith('http://') ||
    l.startsWith('https://') ||
    l.startsWith('http%3a%2f%2f') ||
    l.startsWith('https%3a%2f%2f') ||
    l.startsWith('www.')
  );
}
