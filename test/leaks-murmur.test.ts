/**
 * MurmurHash against reference values. The word vectors (seed 0x7f3a21ea) are those the
 * sangupta/murmur project computed with Austin Appleby's C++ code for its English word list
 * (src/test/resources/english/hash*.txt); `hello` and the quick brown fox are the values SMHasher's
 * implementations are commonly checked with.
 */
import { describe, expect, it } from 'vitest';
import { checksumForms } from '../src/leaks/checksum-forms.js';
import { murmur1, murmur2, murmur2x64, murmur3x64, murmur3x86 } from '../src/leaks/murmur.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const SEED = 0x7f3a21ea;
const WORDS = ['a', 'a-horizon', 'a-ok', 'aardvark', 'aardwolf', 'ab'];

describe('MurmurHash reference vectors', () => {
  it('MurmurHash1', () => {
    expect(WORDS.map((w) => murmur1(enc(w), SEED))).toEqual([547702741, 1693284658, 3579423520, 629076075, 2876664654, 1576126823]);
  });

  it('MurmurHash2, 32-bit', () => {
    expect(WORDS.map((w) => murmur2(enc(w), SEED))).toEqual([2557632236, 2493427391, 1336333290, 4090102695, 2220763616, 1414783740]);
  });

  it('MurmurHash64A', () => {
    expect(WORDS.map((w) => murmur2x64(enc(w), BigInt(SEED)))).toEqual([
      13682792076832651177n, 9430314497251336191n, 1769052750231027600n, 12543814930174043896n, 2524541943731512131n, 9822438937101037300n,
    ]);
  });

  it('MurmurHash3 x86 32-bit', () => {
    const words = [...WORDS, 'aba', 'abaca', 'abacist', 'aback', 'abactinal', 'abacus', 'abaddon', 'abaft', 'abalienate', 'abalienation', 'abalone'];
    expect(words.map((w) => murmur3x86(enc(w), SEED))).toEqual([
      479943832, 1667709009, 821871466, 3407736416, 3096332942, 3551383265, 3482684574, 2565507831, 3854066542, 2587107967, 2808392652,
      3446716934, 3502963659, 1987448620, 24285452, 2738203305, 4232420174,
    ]);
    expect(murmur3x86(enc('hello')).toString(16)).toBe('248bfa47');
    expect(murmur3x86(new Uint8Array(0))).toBe(0);
  });

  it('MurmurHash3 x64 128-bit (vectors list the low and high 32 bits of each half)', () => {
    const words32 = (w: string): number[] =>
      murmur3x64(enc(w), BigInt(SEED)).flatMap((h) => [Number(h & 0xffffffffn), Number(h >> 32n)]);
    expect(words32('a')).toEqual([1006608300, 836098293, 482587285, 456462792]);
    expect(words32('a-horizon')).toEqual([2120033854, 1038689408, 1711373819, 2698379523]);
    expect(words32('a-ok')).toEqual([1516456870, 1099860857, 3427584028, 3004514211]);
    // 43 bytes: two full 16-byte blocks and an 11-byte tail.
    const [h1, h2] = murmur3x64(enc('The quick brown fox jumps over the lazy dog'));
    expect([h1.toString(16), h2.toString(16)]).toEqual(['e34bbc7bbc071b6c', '7a433ca9c49a9347']);
  });
});

describe('checksumForms', () => {
  const forms = checksumForms(enc('user@example.com'));
  const values = (name: string): string[] => forms.filter((f) => f.encoding === name).map((f) => f.value);

  it('writes 32-bit values as padded hex and unsigned decimal', () => {
    const v = murmur3x86(enc('user@example.com'));
    expect(values('murmur3-32')).toContain(v.toString(16).padStart(8, '0'));
    expect(values('murmur3-32-decimal')).toEqual([String(v)]);
  });

  it('writes 64-bit values as padded hex, unsigned decimal and the digits of the signed value', () => {
    const address = enc('user@example.com');
    const hashes: Array<readonly [string, bigint]> = [['murmur2-64', murmur2x64(address)], ...murmur3x64(address).map((h) => ['murmur3-128', h] as const)];
    for (const [name, h] of hashes) {
      expect(values(name)).toContain(h.toString(16).padStart(16, '0'));
      expect(values(`${name}-decimal`)).toContain(h.toString());
      const signed = BigInt.asIntN(64, h);
      if (signed < 0n) expect(values(`${name}-decimal`)).toContain((-signed).toString());
    }
  });

  it('covers every checksum the CITP detector tests', () => {
    const names = new Set(forms.map((f) => f.encoding));
    for (const n of ['crc32', 'adler32', 'murmur1', 'murmur2', 'murmur2-64', 'murmur3-32', 'murmur3-128']) {
      expect(names).toContain(n);
      expect(names).toContain(`${n}-decimal`);
    }
  });
});
