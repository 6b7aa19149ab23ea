/**
 * `npx tsx bench/libraries.ts [--rounds N] [--json]`: the leak search's own code against maintained
 * packages, on the inputs it really gets: tracking tokens (a few hundred bytes of zlib) for the
 * inflate. In one process, after warm-up, the two sides take turns on the inputs, in rounds;
 * medians per side and their ratio (> 1: the package is slower). Asserts nothing.
 *
 * As first committed, this also compared the hand-written MD5, SHA-1 and SHA-2 with @noble/hashes on
 * 20–40 byte addresses; @noble/hashes took 0.39–0.87× their time (MD5 once 1.14×, within the
 * noise), so the leak search now uses it (src/leaks/digests.ts) and its figures are printed alone.
 */
import { deflateSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { inflateSync } from 'fflate';
import { md5, sha1, sha224, sha256, sha384, sha512 } from '../src/leaks/digests.js';
import { inflateZlib } from '../src/leaks/inflate.js';

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

/** One function timed alone. */
interface Single {
  readonly name: string;
  readonly fn: Fn;
  readonly inputs: readonly Uint8Array[];
}

const addresses = Array.from({ length: 2000 }, (_, i) => new TextEncoder().encode(`first.last+${i}@mail${i % 17}.example`));
const tokens = Array.from({ length: 500 }, (_, i) =>
  new Uint8Array(deflateSync(Buffer.from(`{"e":"user${i}@mail.example","c":"cmp-${i * 7919}","u":"https://shop.example/p/${i}?utm_source=n"}`.repeat(1 + (i % 4))))),
);

// the leak search caps inflated output at 8 KiB; fflate has no cap, so it inflates all of it
const PAIRS: readonly Pair[] = [
  { name: 'inflate (zlib token)', ours: (t) => inflateZlib(t, t.length, 8192), pkg: (t) => inflateSync(t.subarray(2)), pkgName: 'fflate', inputs: tokens },
];

const SINGLES: readonly Single[] = [
  { name: 'MD5', fn: md5, inputs: addresses },
  { name: 'SHA-1', fn: sha1, inputs: addresses },
  { name: 'SHA-224', fn: sha224, inputs: addresses },
  { name: 'SHA-256', fn: sha256, inputs: addresses },
  { name: 'SHA-384', fn: sha384, inputs: addresses },
  { name: 'SHA-512', fn: sha512, inputs: addresses },
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

function measureAlone(s: Single): { name: string; us: number } {
  for (let w = 0; w < 3; w++) time(s.fn, s.inputs);
  const runs = Array.from({ length: ROUNDS }, () => time(s.fn, s.inputs));
  return { name: s.name, us: (median(runs) * 1000) / s.inputs.length };
}

const results = PAIRS.map(measure);
const digests = SINGLES.map(measureAlone);
if (values.json) {
  process.stdout.write(`${JSON.stringify({ results, digests })}\n`);
} else {
  console.log(`Leak-search code against maintained packages (µs per call, median of ${ROUNDS} interleaved rounds):`);
  console.log('| what | ours | package | package / ours |');
  console.log('| --- | --- | --- | --- |');
  for (const r of results) console.log(`| ${r.name} | ${r.oursUs.toFixed(2)} | ${r.pkgName} ${r.pkgUs.toFixed(2)} | ${r.ratio.toFixed(2)}× |`);
  console.log(`Digests of an address (@noble/hashes), µs per call: ${digests.map((d) => `${d.name} ${d.us.toFixed(2)}`).join(', ')}`);
}
