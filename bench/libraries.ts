/**
 * `npx tsx bench/libraries.ts [--rounds N] [--json]`: the leak search's own hash and inflate code
 * against maintained packages, on the inputs it really gets: recipient addresses (20–40 bytes) for
 * the hashes, tracking tokens (a few hundred bytes of zlib) for the inflate. In one process, after
 * warm-up, the two sides take turns on blocks of inputs, in rounds; medians per side and their
 * ratio (> 1: the package is slower). Asserts nothing; says which to keep.
 */
import { deflateSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { md5 as nobleMd5, sha1 as nobleSha1 } from '@noble/hashes/legacy.js';
import { sha224 as nobleSha224, sha256 as nobleSha256, sha384 as nobleSha384, sha512 as nobleSha512 } from '@noble/hashes/sha2.js';
import { inflateSync } from 'fflate';
import { inflateZlib } from '../src/leaks/inflate.js';
import { md5 } from '../src/leaks/md5.js';
import { sha1 } from '../src/leaks/sha1.js';
import { sha224, sha256 } from '../src/leaks/sha256.js';
import { sha384, sha512 } from '../src/leaks/sha512.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '15' }, json: { type: 'boolean', default: false } } });
const ROUNDS = Math.max(1, Number(values.rounds));

type Fn = (b: Uint8Array) => unknown;

/** One comparison: our code, the package's, and the inputs. */
interface Pair {
  readonly name: string;
  readonly ours: Fn;
  readonly pkg: Fn;
  readonly pkgName: string;
  readonly inputs: readonly Uint8Array[];
}

const addresses = Array.from({ length: 2000 }, (_, i) => new TextEncoder().encode(`first.last+${i}@mail${i % 17}.example`));
const tokens = Array.from({ length: 500 }, (_, i) =>
  new Uint8Array(deflateSync(Buffer.from(`{"e":"user${i}@mail.example","c":"cmp-${i * 7919}","u":"https://shop.example/p/${i}?utm_source=n"}`.repeat(1 + (i % 4))))),
);

// the leak search caps inflated output at 8 KiB; fflate has no cap, so it inflates all of it
const PAIRS: readonly Pair[] = [
  { name: 'MD5', ours: md5, pkg: nobleMd5, pkgName: '@noble/hashes', inputs: addresses },
  { name: 'SHA-1', ours: sha1, pkg: nobleSha1, pkgName: '@noble/hashes', inputs: addresses },
  { name: 'SHA-224', ours: sha224, pkg: nobleSha224, pkgName: '@noble/hashes', inputs: addresses },
  { name: 'SHA-256', ours: sha256, pkg: nobleSha256, pkgName: '@noble/hashes', inputs: addresses },
  { name: 'SHA-384', ours: sha384, pkg: nobleSha384, pkgName: '@noble/hashes', inputs: addresses },
  { name: 'SHA-512', ours: sha512, pkg: nobleSha512, pkgName: '@noble/hashes', inputs: addresses },
  { name: 'inflate (zlib token)', ours: (t) => inflateZlib(t, t.length, 8192), pkg: (t) => inflateSync(t.subarray(2)), pkgName: 'fflate', inputs: tokens },
];

function time(fn: Fn, inputs: readonly Uint8Array[]): number {
  const t0 = performance.now();
  for (const x of inputs) fn(x);
  return performance.now() - t0;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/** Median µs per call of each side and the ratio package / ours. */
export interface LibraryTiming {
  readonly name: string;
  readonly pkgName: string;
  readonly oursUs: number;
  readonly pkgUs: number;
  readonly ratio: number;
}

function measure(p: Pair): LibraryTiming {
  for (let w = 0; w < 3; w++) {
    time(p.ours, p.inputs);
    time(p.pkg, p.inputs);
  }
  const ours: number[] = [];
  const pkg: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // alternate which side goes first: the second of a pair inherits the first one's GC debt
    if (r % 2 === 0) {
      ours.push(time(p.ours, p.inputs));
      pkg.push(time(p.pkg, p.inputs));
    } else {
      pkg.push(time(p.pkg, p.inputs));
      ours.push(time(p.ours, p.inputs));
    }
  }
  const perCall = (ms: number): number => (ms * 1000) / p.inputs.length;
  return { name: p.name, pkgName: p.pkgName, oursUs: perCall(median(ours)), pkgUs: perCall(median(pkg)), ratio: median(pkg) / median(ours) };
}

const results = PAIRS.map(measure);
if (values.json) {
  process.stdout.write(`${JSON.stringify(results)}\n`);
} else {
  console.log(`Leak-search code against maintained packages (µs per call, median of ${ROUNDS} interleaved rounds):`);
  console.log('| what | ours | package | package / ours |');
  console.log('| --- | --- | --- | --- |');
  for (const r of results) console.log(`| ${r.name} | ${r.oursUs.toFixed(2)} | ${r.pkgName} ${r.pkgUs.toFixed(2)} | ${r.ratio.toFixed(2)}× |`);
}
