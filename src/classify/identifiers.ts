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
const OPAQUE_CHARS = /^[A-Za-z0-9_.~-]+$/;

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

/**
 * Switches between letters and digits, and between lower and upper case. Machine tokens mix
 * classes all along (`p9unqonzo5iqumomk5uq`, `dXNlckBleGFt`); words and names switch once or
 * twice (`Summer2026Collection`, `banner01`). Entropy does not separate them: long words score as
 * high as tokens.
 */
function transitions(v: string): { digit: number; casing: number } {
  let digit = 0;
  let casing = 0;
  let prev = 0; // 1 lower, 2 upper, 3 digit, 0 other
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    const cls = c >= 97 && c <= 122 ? 1 : c >= 65 && c <= 90 ? 2 : c >= 48 && c <= 57 ? 3 : 0;
    if (prev !== 0 && cls !== 0 && cls !== prev) {
      if (cls === 3 || prev === 3) digit++;
      else casing++;
    }
    prev = cls;
  }
  return { digit, casing };
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
  if (looksLikeWords(stem)) return null;
  const t = transitions(stem);
  if (stem.length >= 16 && B64.test(stem) && ((t.casing >= 2 && t.digit + t.casing >= 6) || (stem.endsWith('=') && t.casing >= 1))) {
    return 'base64';
  }
  // Values with separators of paths or text (`/`, `+`, spaces) are paths or phrases, not tokens.
  if (stem.length >= 12 && OPAQUE_CHARS.test(stem) && (t.digit >= 3 || (t.casing >= 4 && t.digit >= 1))) return 'opaque';
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

/**
 * The identifier inside a file name made of parts joined by `_` or `~`, where a part carries
 * characters a whole-segment token may not (`2YPS0za1DdmZkArzVWMSmA==_b286167_tr0_t0.png`: a
 * padded base64 id beside broadcast and variant numbers). `null` when no part is one.
 *
 * @example
 * compoundTokenShape('2YPS0za1DdmZkArzVWMSmA==_b286167_tr0_t0.png'); // 'base64'
 * compoundTokenShape('summer_sale_banner.png');                      // null
 * compoundTokenShape('logo_dark_3f2b8c1e9d4a4b7e.png');               // null
 */
export function compoundTokenShape(segment: string): IdentifierShape | null {
  if (segment.length > 4096) return null;
  const dot = segment.lastIndexOf('.');
  const stem = dot > 0 && segment.length - dot <= 5 ? segment.slice(0, dot) : segment;
  const parts = stem.split(/[_~]/);
  // `logo_dark_3f2b8c1e…`: a named file with a version, not a token with parts.
  if (parts.length < 2 || looksLikeWords(stem)) return null;
  for (const p of parts) {
    const shape = identifierShape(p);
    if (shape !== null && shape !== 'merge-tag') return shape;
  }
  return null;
}
