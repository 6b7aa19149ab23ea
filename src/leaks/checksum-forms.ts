/**
 * The forms checksums and short non-cryptographic hashes of an address take in URLs: hex (padded,
 * and unpadded when long enough not to match random hex), and decimal (unsigned, and the magnitude
 * of the signed value Java prints for 64-bit ones). The set follows the CITP email-tracking study's
 * leak detector (HashChecker.java): CRC-32, Adler-32 and MurmurHash 1, 2, 2-64, 3-32 and 3-128.
 */
import { adler32 } from './adler32.js';
import { crc32 } from './crc32.js';
import { murmur1, murmur2, murmur2x64, murmur3x64, murmur3x86 } from './murmur.js';

/**
 * One searchable form of a checksum.
 *
 * @example
 * const f: ChecksumForm = { encoding: 'crc32-decimal', value: '3421780262', match: 'decimal' };
 */
export interface ChecksumForm {
  readonly encoding: string;
  readonly value: string;
  readonly match: 'hex' | 'decimal';
}

function forms32(name: string, v: number, out: ChecksumForm[]): void {
  out.push({ encoding: name, value: v.toString(16).padStart(8, '0'), match: 'hex' });
  // Unpadded too (Java's toHexString), unless so short that random hex would match it.
  if (v >= 0x1000000) out.push({ encoding: name, value: v.toString(16), match: 'hex' });
  out.push({ encoding: `${name}-decimal`, value: String(v), match: 'decimal' });
}

const SIGN_BIT = 1n << 63n;

function forms64(name: string, v: bigint, out: ChecksumForm[]): void {
  out.push({ encoding: name, value: v.toString(16).padStart(16, '0'), match: 'hex' });
  if (v >= 1n << 56n && v < 1n << 60n) out.push({ encoding: name, value: v.toString(16), match: 'hex' });
  out.push({ encoding: `${name}-decimal`, value: v.toString(), match: 'decimal' });
  // Java prints a long signed: its digits follow a "-", which is not part of a digit run.
  if (v >= SIGN_BIT) out.push({ encoding: `${name}-decimal`, value: ((1n << 64n) - v).toString(), match: 'decimal' });
}

/**
 * Every checksum form of one spelling's bytes.
 *
 * @example
 * checksumForms(utf8('user@example.com')).find((f) => f.encoding === 'murmur3-32')?.value;
 */
export function checksumForms(bytes: Uint8Array): ChecksumForm[] {
  const out: ChecksumForm[] = [];
  forms32('crc32', crc32(bytes), out);
  forms32('adler32', adler32(bytes), out);
  forms32('murmur1', murmur1(bytes), out);
  forms32('murmur2', murmur2(bytes), out);
  forms64('murmur2-64', murmur2x64(bytes), out);
  forms32('murmur3-32', murmur3x86(bytes), out);
  for (const half of murmur3x64(bytes)) forms64('murmur3-128', half, out);
  return out;
}
