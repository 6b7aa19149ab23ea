/**
 * `--shard k/n`: a deterministic partition of a run's messages, so that n machines can each scan
 * one part of a very large archive and their NDJSON outputs be concatenated. A message belongs to
 * shard `1 + (key mod n)`, where its key is a hash of its own bytes: the same on every machine
 * whatever path the archive is mounted at, the order the files are listed in, or how many workers
 * run. Inputs that could not be read (no bytes) are keyed by their source label instead, which
 * every machine given the same paths computes alike; either way each message is in exactly one
 * shard, so the shards are disjoint and together cover the run.
 */
import { createHash } from 'node:crypto';
import type { Unit } from './unit.js';

/**
 * One shard of a partition: `index` from 1 to `count`, as in `--shard 2/8`.
 *
 * @example
 * const s: Shard = { index: 2, count: 8 };
 */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * The largest number of shards: far more machines than anyone runs, small enough that the 48-bit
 * key spreads evenly over the shards.
 *
 * @example
 * MAX_SHARDS; // 1000000
 */
export const MAX_SHARDS = 1_000_000;

/**
 * Parses `k/n` (1 ≤ k ≤ n ≤ {@link MAX_SHARDS}, decimal integers), or returns `null`.
 *
 * @example
 * parseShard('3/10'); // { index: 3, count: 10 }
 * parseShard('0/10'); // null
 */
export function parseShard(text: string): Shard | null {
  const m = /^([0-9]{1,7})\/([0-9]{1,7})$/.exec(text.trim());
  if (m === null) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return index >= 1 && count >= 1 && index <= count && count <= MAX_SHARDS ? { index, count } : null;
}

/**
 * The shard (1 to `count`) a message belongs to: SHA-256 of its bytes, or of its source label when
 * it has no bytes, read as a 48-bit integer modulo `count`.
 *
 * @example
 * shardOf(unit, 4); // 3
 */
export function shardOf(unit: Pick<Unit, 'bytes' | 'source'>, count: number): number {
  const h = createHash('sha256');
  if (unit.bytes !== null) h.update(unit.bytes);
  else h.update(`source:${unit.source}`, 'utf8');
  return 1 + (h.digest().readUIntBE(0, 6) % count);
}

/**
 * The units of one shard; the others come out skipped (they write nothing and carry only their
 * progress weight). Units already skipped on resume pass through as they are.
 *
 * @example
 * for await (const u of inShard(readUnits(inputs, opts), { index: 1, count: 4 })) scan(u);
 */
export async function* inShard(units: AsyncIterable<Unit>, shard: Shard | null): AsyncGenerator<Unit> {
  for await (const u of units) {
    if (shard === null || u.skip || shardOf(u, shard.count) === shard.index) yield u;
    else yield { ...u, skip: true, bytes: null };
  }
}
