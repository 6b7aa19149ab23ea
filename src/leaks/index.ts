/**
 * Recipient-address leak detection: precompute the encoded forms of the recipient addresses once,
 * then search each URL. Browser-safe (no `node:crypto`, no `Buffer`).
 *
 * @example
 * import { buildNeedles, findLeaks, describeLeak } from './leaks/index.js';
 * const needles = buildNeedles(['me@mail.example']);
 * const leaks = findLeaks(parseUrl('https://t.example/o?e=me%40mail.example')!, needles);
 * describeLeak(leaks[0]!).en;
 */
export { buildNeedles, HASHES, type Needle, type NeedleMatch, type NeedleSet } from './needles.js';
export {
  findLeaks,
  findLeaksInString,
  type AddressLeak,
  type FindLeaksOptions,
} from './find.js';
export { describeLeak, type LeakDescription } from './describe.js';
export {
  addressSpellings,
  gmailNormalize,
  isSearchableAddress,
  type AddressSpelling,
  type AddressVariant,
} from './variants.js';
