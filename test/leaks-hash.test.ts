/**
 * The digests (as the leak search gets them) and the pure-TS byte helpers must agree with
 * node:crypto / Buffer / zlib on any input:
 * random strings (full Unicode, so multi-byte UTF-8) and random bytes around block boundaries.
 */
import { createHash } from 'node:crypto';
import { crc32 as zlibCrc32, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToText, fromBase64, percentDecode, toBase64, toHex, utf8 } from '../src/leaks/bytes.js';
import { adler32 } from '../src/leaks/adler32.js';
import { crc32 } from '../src/leaks/crc32.js';
import { md5, sha1, sha224, sha256, sha384, sha512 } from '../src/leaks/digests.js';

const RUNS = { seed: 42, numRuns: 300 };

const HASHES = [
  ['md5', md5],
  ['sha1', sha1],
  ['sha224', sha224],
  ['sha256', sha256],
  ['sha384', sha384],
  ['sha512', sha512],
] as const;

const text = fc.string({ unit: 'binary', maxLength: 300 });
/** Lengths up to 300 bytes cross the 55/56/64 (SHA-256) and 111/112/128 (SHA-512) padding edges. */
const bytes = fc.uint8Array({ maxLength: 300 });

function nodeHex(algorithm: string, input: Uint8Array | string): string {
  return createHash(algorithm).update(input).digest('hex');
}

describe.each(HASHES)('%s', (name, digest) => {
  it('matches node:crypto on random Unicode strings (UTF-8)', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(toHex(digest(utf8(s)))).toBe(nodeHex(name, s));
      }),
      RUNS,
    );
  });

  it('matches node:crypto on random bytes', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        expect(toHex(digest(b))).toBe(nodeHex(name, b));
      }),
      RUNS,
    );
  });

  it.each([0, 1, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 1000])(
    'matches node:crypto at length %i',
    (len) => {
      const b = Uint8Array.from({ length: len }, (_, i) => (i * 31 + 7) & 0xff);
      expect(toHex(digest(b))).toBe(nodeHex(name, b));
    },
  );
});

describe('published vectors', () => {
  it.each([
    ['sha384', 'abc', 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7'],
    ['sha512', 'abc', 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f'],
    ['sha224', 'abc', '23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7'],
    ['md5', '', 'd41d8cd98f00b204e9800998ecf8427e'],
  ] as const)('%s(%j)', (name, input, hex) => {
    const fn = HASHES.find(([n]) => n === name)?.[1];
    expect(fn && toHex(fn(utf8(input)))).toBe(hex);
  });

  it('CRC-32 check value of "123456789" is cbf43926', () => {
    expect(crc32(utf8('123456789')).toString(16)).toBe('cbf43926');
  });
});

describe('crc32', () => {
  it('matches zlib.crc32 on random bytes', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        expect(crc32(b)).toBe(zlibCrc32(b));
      }),
      RUNS,
    );
  });
});

describe('adler32', () => {
  // A zlib stream ends with the Adler-32 of its data, big-endian: an independent reference.
  const zlibAdler = (b: Uint8Array): number => {
    const z = deflateSync(b, { level: 0 });
    return z.readUInt32BE(z.length - 4);
  };

  it('check values', () => {
    expect(adler32(utf8('Wikipedia')).toString(16)).toBe('11e60398');
    expect(adler32(new Uint8Array(0))).toBe(1);
  });

  it('matches the trailer of a zlib stream on random bytes, and past the 5552-byte block', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        expect(adler32(b)).toBe(zlibAdler(b));
      }),
      RUNS,
    );
    const long = new Uint8Array(20_000).fill(0xff);
    expect(adler32(long)).toBe(zlibAdler(long));
  });
});

describe('byte helpers', () => {
  it('utf8 matches Buffer and bytesToText inverts it', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(Buffer.from(utf8(s)).equals(Buffer.from(s, 'utf8'))).toBe(true);
        expect(bytesToText(utf8(s))).toBe(s);
      }),
      RUNS,
    );
  });

  it('toBase64 matches Buffer in both alphabets, padded or not', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const buf = Buffer.from(b);
        expect(toBase64(b)).toBe(buf.toString('base64'));
        expect(toBase64(b, { url: true, pad: false })).toBe(buf.toString('base64url'));
        expect(toBase64(b, { pad: false })).toBe(buf.toString('base64').replace(/=+$/, ''));
        expect(toHex(b)).toBe(buf.toString('hex'));
      }),
      RUNS,
    );
  });

  it('fromBase64 inverts toBase64 in every form', () => {
    fc.assert(
      fc.property(bytes, fc.boolean(), fc.boolean(), (b, url, pad) => {
        expect(fromBase64(toBase64(b, { url, pad }))).toEqual(b);
      }),
      RUNS,
    );
  });

  it.each(['a*bc', 'abcde', 'ab cd'])('fromBase64 rejects %j', (s) => {
    expect(fromBase64(s)).toBeNull();
  });

  it('percentDecode matches decodeURIComponent on valid input', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(percentDecode(encodeURIComponent(s))).toBe(s);
      }),
      RUNS,
    );
  });

  it.each([
    ['a%40b', 'a@b'],
    ['100%', '100%'],
    ['%zz%41', '%zzA'],
    ['%E2%82%AC', '€'],
    ['%FF', '\uFFFD'],
    ['a+b', 'a+b'],
  ])('percentDecode(%j) is %j and never throws', (input, out) => {
    expect(percentDecode(input)).toBe(out);
  });
});
