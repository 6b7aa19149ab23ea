/**
 * Counting maps with a bound on their keys. The aggregates of a batch run are fed by messages and,
 * for `spypixel report`, by NDJSON lines that anyone may have written: a key set that grows with
 * the input (sender domains, flag codes, encodings) would let one file take all the memory. Past
 * the bound, new keys are counted under one overflow key; long keys are cut.
 */

/**
 * The longest key kept, in UTF-16 code units; longer ones are cut and end with `…`.
 *
 * @example
 * clip('x'.repeat(500)).length; // 200
 */
export const MAX_KEY = 200;

/**
 * A string cut to at most `max` code units, ending with `…` when it was cut.
 *
 * @example
 * clip('abcdef', 4); // 'abc…'
 */
export function clip(s: string, max = MAX_KEY): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/**
 * The key under which a bounded map records `key`: the key itself (cut to {@link MAX_KEY}) while
 * there is room or it is already known, `overflow` once `cap` keys are known.
 *
 * @example
 * boundedKey(new Map([['a', 1]]), 'b', 1, '(other)'); // '(other)'
 */
export function boundedKey<V>(m: ReadonlyMap<string, V>, key: string, cap: number, overflow: string): string {
  const k = clip(key);
  return m.has(k) || m.size < cap ? k : overflow;
}

/**
 * Adds `n` to a count, within the bound.
 *
 * @example
 * const m = new Map<string, number>(); bump(m, 'md5'); m.get('md5'); // 1
 */
export function bump(m: Map<string, number>, key: string, n = 1, cap = Number.POSITIVE_INFINITY, overflow = '(other)'): void {
  const k = boundedKey(m, key, cap, overflow);
  m.set(k, (m.get(k) ?? 0) + n);
}

/**
 * Entries sorted by count, largest first, then by key.
 *
 * @example
 * byCount(new Map([['a', 1], ['b', 2]])); // [['b', 2], ['a', 1]]
 */
export function byCount(m: ReadonlyMap<string, number>): Array<[string, number]> {
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * The vendor name under which findings that no catalogue vendor is named for are counted.
 *
 * @example
 * UNKNOWN_VENDOR; // '(unknown vendor)'
 */
export const UNKNOWN_VENDOR = '(unknown vendor)';
