/**
 * The digests the leak search computes over each spelling of a recipient address: MD5 and SHA-1
 * (ad-tech and data brokers still send them), SHA-224/256/384/512 (SHA-256 of the lower-cased
 * address is the ad-tech matching key: Meta, Google, UID2, ID5). From @noble/hashes: audited,
 * synchronous, no Node built-in (the HTML path runs in browsers), and faster than the hand-written
 * versions this replaced on address-sized input (bench/libraries.ts as first committed; figures in
 * bench/README.md).
 *
 * @example
 * toHex(sha256(utf8('user@example.com')));
 * // 'b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514'
 */
export { md5, sha1 } from '@noble/hashes/legacy.js';
export { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
