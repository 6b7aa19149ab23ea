/**
 * Needles for `user@example.com`: the published vectors of vendors.md §4.4 first, then every other
 * encoding computed independently with node:crypto.
 */
import { createHash } from 'node:crypto';
import { crc32 as zlibCrc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildNeedles, type Needle } from '../src/leaks/needles.js';
import { addressSpellings, gmailNormalize, isSearchableAddress } from '../src/leaks/variants.js';

const ADDRESS = 'user@example.com';
const set = buildNeedles([ADDRESS]);

function valuesOf(encoding: string, variant = 'normalized'): string[] {
  return set.needles
    .filter((n: Needle) => n.encoding === encoding && n.variant === variant)
    .map((n) => n.value);
}

const unpad = (s: string): string => s.replace(/=+$/, '');
const hex = (alg: string, s: string | Buffer): string => createHash(alg).update(s).digest('hex');
const raw = (alg: string, s: string): Buffer => createHash(alg).update(s).digest();

describe('published vectors (vendors.md §4.4)', () => {
  it.each([
    ['md5', 'b58996c504c5638798eb6b511e6f49af'],
    ['sha1', '63a710569261a24b3766275b7000ce8d7b32e2f7'],
    ['sha224', 'e9b4c6464705db0de9f7c1d5ffb2d25f050c726f1a10e017d0a060d3'],
    ['sha256', 'b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514'],
    ['sha256-base64', unpad('tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ=')],
    ['sha256-base64url', 'tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf_F5HVRQ'],
    ['md5-base64', unpad('tYmWxQTFY4eY62tRHm9Jrw==')],
    ['base64', unpad('dXNlckBleGFtcGxlLmNvbQ==')],
    ['percent-encoded', 'user%40example.com'],
    ['plain', 'user@example.com'],
  ])('%s → %s', (encoding, value) => {
    expect(valuesOf(encoding)).toContain(value);
  });

  it('UID2 Gmail case: JANE.SAOIRSE@gmail.com → SHA-256 base64 of janesaoirse@gmail.com', () => {
    const gmail = buildNeedles(['JANE.SAOIRSE@gmail.com']).needles.filter(
      (n) => n.variant === 'gmail-normalized' && n.encoding === 'sha256-base64',
    );
    expect(gmail.map((n) => n.value)).toEqual([unpad('ku4mBX7Z3qJTXWyLFB1INzkyR2WZGW4ANSJUiW21iI8=')]);
  });
});

describe('every encoding of user@example.com, computed with node:crypto', () => {
  const b64 = (b: Buffer | string): string => unpad(Buffer.from(b).toString('base64'));
  const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');
  const crc = zlibCrc32(ADDRESS);
  const stream = deflateSync(ADDRESS);
  const adler = stream.readUInt32BE(stream.length - 4);
  const cases: Array<readonly [string, string]> = [
    ['percent-encoded', [...Buffer.from(ADDRESS)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')],
    ['hex', Buffer.from(ADDRESS).toString('hex')],
    ['crc32', crc.toString(16).padStart(8, '0')],
    ['crc32-decimal', String(crc)],
    ['adler32', adler.toString(16).padStart(8, '0')],
    ['adler32-decimal', String(adler)],
  ];
  for (const alg of ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']) {
    cases.push([alg, hex(alg, ADDRESS)]);
    cases.push([`${alg}-base64`, b64(raw(alg, ADDRESS))]);
    // Identical to the standard alphabet when the digest has no + or /, then kept once.
    if (b64url(raw(alg, ADDRESS)) !== b64(raw(alg, ADDRESS))) {
      cases.push([`${alg}-base64url`, b64url(raw(alg, ADDRESS))]);
    }
  }
  for (const inner of ['md5', 'sha1', 'sha256']) {
    for (const outer of ['md5', 'sha1', 'sha256']) {
      cases.push([`${outer}(${inner})`, hex(outer, hex(inner, ADDRESS))]);
    }
    cases.push([`base64(${inner})`, b64(hex(inner, ADDRESS))]);
    cases.push([`${inner}(base64)`, hex(inner, Buffer.from(ADDRESS).toString('base64'))]);
  }

  it.each(cases)('%s → %s', (encoding, value) => {
    expect(valuesOf(encoding)).toContain(value);
  });

  it('has at least 30 distinct encoding names', () => {
    expect(new Set(set.needles.map((n) => n.encoding)).size).toBeGreaterThanOrEqual(30);
  });

  it('upper-cased spelling is hashed too', () => {
    expect(valuesOf('sha256', 'upper')).toEqual([hex('sha256', ADDRESS.toUpperCase())]);
    expect(valuesOf('md5', 'upper')).toEqual([hex('md5', ADDRESS.toUpperCase())]);
  });

  it('indexes hex needles by exact value and length', () => {
    expect(set.hex.get(hex('sha512', ADDRESS))?.encoding).toBe('sha512');
    expect(set.hexLengths).toEqual(expect.arrayContaining([32, 40, 56, 64, 96, 128]));
    expect(set.decimal.get(String(crc))?.encoding).toBe('crc32-decimal');
    expect(set.base64.get(b64(raw('md5', ADDRESS)))?.encoding).toBe('md5-base64');
  });
});

describe('spellings, validation and deduplication', () => {
  it.each([
    ['Jane.Saoirse+news@gmail.com', 'janesaoirse@gmail.com'],
    ['j.doe@GoogleMail.com', 'jdoe@googlemail.com'],
    ['jane.doe@example.com', null],
    ['+only@gmail.com', null],
  ])('gmailNormalize(%j) = %j', (input, out) => {
    expect(gmailNormalize(input)).toBe(out);
  });

  it.each(['', '   ', 'no-at-sign', '@example.com', 'user@', 'a b@example.com'])(
    'skips invalid address %j',
    (bad) => {
      expect(isSearchableAddress(bad.trim())).toBe(false);
      expect(buildNeedles([bad]).needles).toEqual([]);
    },
  );

  it('keeps one needle per value: a lower-case address has no separate as-written needles', () => {
    expect(addressSpellings(ADDRESS).map((s) => s.variant)).toEqual(['normalized', 'upper']);
    const keys = set.needles.map((n) => `${n.match}:${n.value}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('a mixed-case address gets normalised, as-written and upper spellings', () => {
    const mixed = buildNeedles([' User@Example.com ']);
    expect(mixed.addresses).toEqual(['User@Example.com']);
    expect(new Set(mixed.needles.map((n) => n.variant))).toEqual(
      new Set(['normalized', 'as-written', 'upper']),
    );
    // Plain text matches case-insensitively, so only one plain needle exists.
    expect(mixed.needles.filter((n) => n.encoding === 'plain')).toHaveLength(1);
  });

  it('never throws on untyped input', () => {
    const untyped = [undefined, null, 42, { a: 1 }, ADDRESS] as unknown as string[];
    expect(buildNeedles(untyped).addresses).toEqual([ADDRESS]);
    expect(buildNeedles(null as unknown as string[]).needles).toEqual([]);
  });

  it('the same address given twice is searched once', () => {
    expect(buildNeedles([ADDRESS, ` ${ADDRESS}`]).addresses).toEqual([ADDRESS]);
  });
});
