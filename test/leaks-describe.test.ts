/** The bilingual explanations name the form of the address and why it matters. */
import { describe, expect, it } from 'vitest';
import { describeLeak } from '../src/leaks/describe.js';
import type { AddressVariant } from '../src/leaks/variants.js';

function both(encoding: string, variant?: AddressVariant): { en: string; fr: string } {
  const leak = { encoding, location: 'param:x', address: 'user@example.com' };
  return describeLeak(variant === undefined ? leak : { ...leak, variant });
}

describe('describeLeak', () => {
  it.each([
    ['plain', 'normalized', 'in clear text', 'en clair'],
    ['plain', 'gmail-normalized', 'Gmail-normalised', 'normalisée à la Gmail'],
    ['percent-encoded', 'normalized', 'URL-encoded (%40 stands for @)', "encodée pour l'URL"],
    ['double-percent-encoded', undefined, 'URL-encoded again', 'seconde fois'],
    ['base64', 'as-written', 'base64-encoded — an encoding, not a protection', 'un encodage, pas une protection'],
    ['sha256', 'normalized', 'lower-cased, then hashed with SHA-256 — a hash is still personal data', 'mise en minuscules, puis hachée avec SHA-256'],
    ['sha256-base64', 'gmail-normalized', 'hashed with SHA-256 (raw digest), then base64-encoded', 'empreinte brute'],
    ['md5(sha256)', 'normalized', 'hashed with SHA-256, then hashed with MD5', 'hachée avec SHA-256, puis hachée avec MD5'],
    ['base64(md5)', 'upper', 'upper-cased, then hashed with MD5, then base64-encoded', 'mise en majuscules'],
    ['sha1(base64)', undefined, 'base64-encoded, then hashed with SHA-1', 'encodée en base64, puis hachée avec SHA-1'],
    ['crc32-decimal', 'normalized', 'CRC-32 checksum', 'somme de contrôle CRC-32'],
    ['adler32', 'normalized', 'Adler-32 checksum', 'somme de contrôle Adler-32'],
    ['base64(zlib)', 'as-written', 'compressed with zlib, then base64-encoded — an encoding, not a protection', 'compressée avec zlib, puis encodée en base64'],
    ['base64(zlib(sha256))', undefined, 'hashed with SHA-256, then compressed with zlib, then base64-encoded', 'hachée avec SHA-256, puis compressée avec zlib'],
    ['base64(base64(sha512))', undefined, 'hashed with SHA-512, then base64-encoded, then base64-encoded', 'SHA-512'],
  ] as const)('%s (%s)', (encoding, variant, en, fr) => {
    const d = both(encoding, variant);
    expect(d.en).toContain(en);
    expect(d.fr).toContain(fr);
  });

  it('does not name a case for case-blind forms', () => {
    expect(both('percent-encoded', 'upper').en).not.toContain('upper-cased');
  });

  // Issue 11, class 10: a %40-encoded address is reported `plain` with the rounds beside it.
  it.each([
    [1, 'URL-encoded (%40 stands for @)', "encodée pour l'URL"],
    [2, 'URL-encoded again', 'seconde fois'],
  ] as const)('plain written with %i round(s) of percent-encoding', (rounds, en, fr) => {
    const d = describeLeak({ encoding: 'plain', location: 'param:e', address: 'user@example.com', variant: 'upper', percentEncoded: rounds });
    expect(d.en).toContain(en);
    expect(d.fr).toContain(fr);
    expect(d.en).not.toContain('upper-cased');
  });
  it('ignores the count on a non-plain encoding', () => {
    const d = describeLeak({ encoding: 'md5', location: 'param:m', address: 'user@example.com', percentEncoded: 1 });
    expect(d.en).not.toContain('URL-encoded');
  });

  it('names unknown encodings instead of failing', () => {
    expect(both('murmur3', 'normalized').en).toContain('encoded as murmur3');
    expect(both('murmur3').fr).toContain('encodée (murmur3)');
  });
});
