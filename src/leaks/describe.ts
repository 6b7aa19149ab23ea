/**
 * Human explanations of address leaks, in English and French. The encoding name is read as a chain
 * of steps applied to the address (`md5(sha256)` = SHA-256, then MD5), so composite names found by
 * the decoder need no extra table entries; a `plain` address written percent-encoded says so.
 */
import type { Leak } from '../types.js';
import type { AddressVariant } from './variants.js';

/**
 * An explanation in both report languages.
 *
 * @example
 * const d: LeakDescription = { en: 'Your address in clear text.', fr: 'Votre adresse en clair.' };
 */
export interface LeakDescription {
  readonly en: string;
  readonly fr: string;
}

type Step = { readonly en: string; readonly fr: string; readonly hash: boolean };

const HASH_NAMES: Readonly<Record<string, string>> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha224: 'SHA-224',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};

const MURMUR_NAMES: Readonly<Record<string, string>> = {
  murmur1: 'MurmurHash1',
  murmur2: 'MurmurHash2',
  'murmur2-64': 'MurmurHash2 (64-bit)',
  'murmur3-32': 'MurmurHash3 (32-bit)',
  'murmur3-128': 'MurmurHash3 (128-bit)',
};

const URL_STEP: Step = { en: 'URL-encoded (%40 stands for @)', fr: "encodée pour l'URL (%40 pour @)", hash: false };
const URL_AGAIN_STEP: Step = { en: 'URL-encoded again', fr: "encodée une seconde fois pour l'URL", hash: false };
const BASE64_STEP: Step = { en: 'base64-encoded', fr: 'encodée en base64', hash: false };

const VARIANT_STEPS: Readonly<Record<AddressVariant, Step | null>> = {
  'as-written': null,
  normalized: { en: 'lower-cased', fr: 'mise en minuscules', hash: false },
  'gmail-normalized': {
    en: 'Gmail-normalised (lower case, dots and +tag removed)',
    fr: 'normalisée à la Gmail (minuscules, sans points ni +étiquette)',
    hash: false,
  },
  upper: { en: 'upper-cased', fr: 'mise en majuscules', hash: false },
};

function hashStep(name: string, raw: boolean): Step | null {
  const label = HASH_NAMES[name];
  if (label === undefined) return null;
  return raw
    ? { en: `hashed with ${label} (raw digest)`, fr: `hachée avec ${label} (empreinte brute)`, hash: true }
    : { en: `hashed with ${label}`, fr: `hachée avec ${label}`, hash: true };
}

/** The steps an encoding name stands for, applied to the address in order. */
function stepsOf(encoding: string): Step[] {
  const open = encoding.indexOf('(');
  if (open > 0 && encoding.endsWith(')')) {
    const outer = stepsOf(encoding.slice(0, open));
    return [...stepsOf(encoding.slice(open + 1, -1)), ...outer];
  }
  switch (encoding) {
    case 'plain':
      return [];
    case 'percent-encoded':
      return [URL_STEP];
    case 'double-percent-encoded':
      return [URL_STEP, URL_AGAIN_STEP];
    case 'base64':
    case 'base64url':
      return [BASE64_STEP];
    case 'zlib':
      return [{ en: 'compressed with zlib', fr: 'compressée avec zlib', hash: false }];
    case 'hex':
      return [{ en: 'written in hexadecimal', fr: 'écrite en hexadécimal', hash: false }];
    case 'crc32':
    case 'crc32-decimal':
      return [{ en: 'reduced to a CRC-32 checksum', fr: 'réduite à une somme de contrôle CRC-32', hash: true }];
    case 'adler32':
    case 'adler32-decimal':
      return [{ en: 'reduced to an Adler-32 checksum', fr: 'réduite à une somme de contrôle Adler-32', hash: true }];
  }
  const murmur = MURMUR_NAMES[encoding.endsWith('-decimal') ? encoding.slice(0, -'-decimal'.length) : encoding];
  if (murmur !== undefined) return [{ en: `hashed with ${murmur}`, fr: `hachée avec ${murmur}`, hash: true }];
  const dash = encoding.indexOf('-base64');
  const hashed = hashStep(dash > 0 ? encoding.slice(0, dash) : encoding, dash > 0);
  if (hashed !== null) return dash > 0 ? [hashed, BASE64_STEP] : [hashed];
  return [{ en: `encoded as ${encoding}`, fr: `encodée (${encoding})`, hash: false }];
}

/**
 * A short explanation of what form of the address leaked and why it matters.
 *
 * @example
 * describeLeak({ encoding: 'sha256', location: 'param:em', address: 'me@mail.example',
 *   variant: 'normalized' } as Leak).en;
 * // 'Your address, lower-cased, then hashed with SHA-256 — a hash is still personal data: …'
 */
export function describeLeak(leak: Leak & { readonly variant?: AddressVariant }): LeakDescription {
  const rounds = leak.encoding === 'plain' ? (leak.percentEncoded ?? 0) : 0;
  const steps = rounds > 0 ? [URL_STEP, ...(rounds > 1 ? [URL_AGAIN_STEP] : [])] : stepsOf(leak.encoding);
  const hashed = steps.some((s) => s.hash);
  // Plain and URL-encoded forms match whatever the case, so only a Gmail spelling is worth naming.
  const caseBlind = steps.every((s) => s === URL_STEP || s === URL_AGAIN_STEP);
  const named = leak.variant === undefined || (caseBlind && leak.variant !== 'gmail-normalized');
  const variant = named ? null : VARIANT_STEPS[leak.variant];
  if (steps.length === 0) {
    const spelled = variant === null ? '' : { en: `, ${variant.en},`, fr: `, ${variant.fr},` };
    return {
      en: `Your address${spelled === '' ? '' : spelled.en} in clear text — anyone who receives this URL can read it.`,
      fr: `Votre adresse${spelled === '' ? '' : spelled.fr} en clair — quiconque reçoit cette URL peut la lire.`,
    };
  }
  const all = variant === null ? steps : [variant, ...steps];
  const en = all.map((s) => s.en).join(', then ');
  const fr = all.map((s) => s.fr).join(', puis ');
  const tail = hashed
    ? {
        en: ' — a hash is still personal data: the receiver can match it against lists of hashed addresses.',
        fr: " — une empreinte reste une donnée personnelle : le destinataire peut la rapprocher de listes d'adresses hachées.",
      }
    : {
        en: ' — an encoding, not a protection: anyone who receives this URL can decode it.',
        fr: " — un encodage, pas une protection : quiconque reçoit cette URL peut la décoder.",
      };
  return { en: `Your address, ${en}${tail.en}`, fr: `Votre adresse, ${fr}${tail.fr}` };
}
