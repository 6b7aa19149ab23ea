/**
 * Adler-32 (RFC 1950), zlib's other checksum. The CITP email-tracking study's leak detector tests
 * it next to CRC-32, in decimal and in hex, so a report can say so when a tracker uses it.
 */

/** Largest prime below 2^16: the modulus of both Adler-32 sums. */
const MOD = 65521;
/** Bytes that can be summed before the 32-bit sums could overflow (zlib's NMAX). */
const BLOCK = 5552;

/**
 * Adler-32 of the given bytes as an unsigned 32-bit number.
 *
 * @example
 * adler32(utf8('Wikipedia')).toString(16); // '11e60398'
 */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let start = 0; start < bytes.length; start += BLOCK) {
    const end = Math.min(start + BLOCK, bytes.length);
    for (let i = start; i < end; i++) {
      a += bytes[i] ?? 0;
      b += a;
    }
    a %= MOD;
    b %= MOD;
  }
  return ((b << 16) | a) >>> 0;
}
