/**
 * The zlib decoder against node:zlib: every level and strategy round-trips, output is capped, cut
 * streams give a prefix, and arbitrary bytes never throw.
 */
import { constants, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inflateZlib, isZlibHeader } from '../src/leaks/inflate.js';
import { inflatedText } from '../src/leaks/tokens.js';

const inflate = (z: Uint8Array, max = 1 << 20) => inflateZlib(z, z.length, max);
const text = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString('latin1'));

/** Random bytes and low-entropy text: the second makes long back-references and dynamic blocks. */
const payload = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }),
  fc.array(fc.constantFrom(...'ab=&%@.\n'), { maxLength: 5000 }).map((a) => Uint8Array.from(Buffer.from(a.join(''), 'latin1'))),
);

describe('inflateZlib', () => {
  it('reads the documented example', () => {
    expect(text(inflateZlib(Uint8Array.of(0x78, 0x9c, 0x4b, 0x04, 0x00, 0x00, 0x62, 0x00, 0x62), 9, 64))).toBe('a');
  });

  it.each([
    ['stored', { level: 0 }],
    ['fastest', { level: 1 }],
    ['default', { level: 6 }],
    ['best', { level: 9 }],
    ['huffman only', { level: 6, strategy: constants.Z_HUFFMAN_ONLY }],
    ['fixed codes', { level: 6, strategy: constants.Z_FIXED }],
    ['run-length', { level: 6, strategy: constants.Z_RLE }],
  ])('round-trips %s streams', (_name, opts) => {
    fc.assert(
      fc.property(payload, (data) => {
        expect(inflate(deflateSync(data, opts))).toEqual(data);
      }),
      { seed: 11, numRuns: 150 },
    );
  });

  it('round-trips a stored stream of several blocks', () => {
    const data = Uint8Array.from({ length: 150_000 }, (_, i) => (i * 7919) % 251);
    expect(inflate(deflateSync(data, { level: 0 }))).toEqual(data);
  });

  it('stops at the output cap with the exact prefix', () => {
    const data = Buffer.from('r=someone%40mail.example&'.repeat(400), 'latin1');
    for (const level of [0, 6]) {
      expect(inflate(deflateSync(data, { level }), 100)).toEqual(Uint8Array.from(data.subarray(0, 100)));
    }
  });

  it('gives a prefix of the data for a stream cut anywhere', () => {
    const data = Buffer.from('h=a1b2c3&r=someone%40mail.example&i=20260101.1234@mg.example&'.repeat(20), 'latin1');
    const z = deflateSync(data);
    for (let cut = 2; cut < z.length; cut += 3) {
      const out = inflateZlib(z, cut, 1 << 16);
      if (out !== null) expect(Buffer.from(data.subarray(0, out.length)).equals(Buffer.from(out))).toBe(true);
    }
  });

  it('recognises zlib headers and nothing else', () => {
    expect(isZlibHeader(Uint8Array.of(0x78, 0x9c), 2)).toBe(true);
    expect(isZlibHeader(Uint8Array.of(0x78, 0x01), 2)).toBe(true);
    expect(isZlibHeader(Uint8Array.of(0x78, 0xda), 2)).toBe(true);
    expect(isZlibHeader(Uint8Array.of(0x78, 0x9d), 2)).toBe(false);
    expect(isZlibHeader(Uint8Array.of(0x1f, 0x8b), 2)).toBe(false);
    expect(isZlibHeader(Uint8Array.of(0x78), 1)).toBe(false);
    expect(inflate(Buffer.from('not zlib at all'))).toBeNull();
  });

  it('never throws and never exceeds the cap on arbitrary bytes after a valid header', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.integer({ min: 1, max: 5000 }), (tail, max) => {
        const z = Uint8Array.of(0x78, 0x9c, ...tail);
        const out = inflateZlib(z, z.length, max);
        return out === null || out.length <= max;
      }),
      { seed: 5, numRuns: 3000 },
    );
  });
});

describe('inflatedText (tokens in URLs)', () => {
  it('reads a base64url zlib token', () => {
    const token = Buffer.from(deflateSync('r=someone%40mail.example&i=1')).toString('base64url');
    expect(inflatedText(`x/${token}/y`, 2, 2 + token.length)).toBe('r=someone%40mail.example&i=1');
  });

  it('keeps a compression bomb linear: at most 16× the token and 8 KiB', () => {
    const compressed = deflateSync(Buffer.alloc(1 << 20), { level: 9 });
    const token = compressed.toString('base64url');
    const out = inflatedText(token, 0, token.length) ?? '';
    expect(out.length).toBeGreaterThan(0);
    expect(out.length).toBeLessThanOrEqual(Math.min(8192, compressed.length * 16));
  });

  it('ignores words and non-zlib runs that start with e', () => {
    for (const word of ['emailnewsletter2026', 'eJunkButNotZlibAtAll', 'eeeeeeeeeeeeeeee']) {
      expect(inflatedText(word, 0, word.length)).toBeNull();
    }
  });
});
