/**
 * `npm run fuzz`: the fuzz properties on many cases, deterministic by default (the same cases on
 * every machine and every run): 100,000 cases from seed 1, split over 2 processes (one per core of
 * the reference machine), each with its own seed derived from the run's. The seed is printed.
 *
 *   npm run fuzz                                  # 100,000 cases, seed 1, 2 processes
 *   npm run fuzz -- --runs 2000 --seed 7          # or FUZZ_RUNS=2000 FUZZ_SEED=7 npm run fuzz
 *   npm run fuzz -- --seed random                 # a new seed each run (printed, to replay)
 *   npm run fuzz -- --jobs 1                      # or FUZZ_JOBS; the split changes the cases
 *
 * Exits 1 on the first counterexample, with the command that replays its share of the run.
 * `--shard k/n` (used by the run itself) runs share k of n in this process and ends with a
 * `RESULT {…}` line.
 */
// fuzzing also proves the scanner never reaches for the network: any attempt throws
import '../setup/refuse-network.mjs';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { htmlArb, mimeArb, mutatedSampleArb, urlArb } from './arbitraries.js';
import { checkEml, checkHtml, stats, timing } from './properties.js';

const { values } = parseArgs({
  options: { runs: { type: 'string' }, seed: { type: 'string' }, jobs: { type: 'string' }, shard: { type: 'string' } },
});

function integer(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new TypeError(`${name} must be an integer ≥ ${min}, got ${JSON.stringify(text)}`);
  return n;
}

const DEFAULT_SEED = 1;
const total = integer('--runs / FUZZ_RUNS', values.runs ?? process.env.FUZZ_RUNS ?? '100000', 4);
const seedText = values.seed ?? process.env.FUZZ_SEED ?? String(DEFAULT_SEED);
const seed = seedText === 'random' ? Math.floor(Math.random() * 2_147_483_647) : integer('--seed / FUZZ_SEED', seedText, 0);
const jobs = integer('--jobs / FUZZ_JOBS', values.jobs ?? process.env.FUZZ_JOBS ?? '2', 1);

/** The seed of share `k`: share 0 has the run's own seed, so `--jobs 1` replays it alone. */
const shardSeed = (k: number): number => (seed + k * 1_000_003) % 2_147_483_647;

function fail(problems: readonly string[]): void {
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

/** Generators and their share of the cases; weights follow the cost per case. */
const PLAN: { name: string; share: number; run: (numRuns: number, seed: number) => Promise<void> }[] = [
  {
    name: 'urls',
    share: 0.55,
    run: (numRuns, s) =>
      fc.assert(
        fc.asyncProperty(urlArb, async (url) => {
          fail(checkHtml(`<img src="${url}" width=1 height=1><a href="${url}">x</a><p style="background:url('${url}')"></p>`, { recipient: 'me@mail.example' }));
        }),
        { seed: s, numRuns },
      ),
  },
  { name: 'html', share: 0.2, run: (numRuns, s) => fc.assert(fc.asyncProperty(htmlArb, async (html) => fail(checkHtml(html, { recipient: 'me@mail.example' }))), { seed: s, numRuns }) },
  { name: 'mime', share: 0.15, run: (numRuns, s) => fc.assert(fc.asyncProperty(mimeArb, async (raw) => fail(await checkEml(raw))), { seed: s, numRuns }) },
  {
    name: 'mutated samples',
    share: 0.1,
    run: (numRuns, s) =>
      fc.assert(
        fc.asyncProperty(mutatedSampleArb, async ({ name, bytes }) => fail(name.endsWith('.html') ? checkHtml(bytes.toString('utf8')) : await checkEml(bytes))),
        { seed: s, numRuns },
      ),
  },
];

/** Cases of one generator in share `k` of `n`: the generator's total, split as evenly as can be. */
function casesOf(share: number, k: number, n: number): number {
  const all = Math.max(n, Math.round(total * share));
  return Math.floor(all / n) + (k < all % n ? 1 : 0);
}

interface ShardResult {
  readonly cases: number;
  readonly slowestMs: number;
  readonly slowestBytes: number;
  readonly findings: number;
  readonly limitErrors: number;
  readonly cpuMs: number;
  readonly failed: boolean;
}

/** Runs share `k` of `n` here; prints one line per generator and the RESULT line. */
async function runShard(k: number, n: number): Promise<void> {
  // one scan at a time in this process: its CPU time is the scan's, however loaded the machine
  timing.mode = 'cpu';
  const s = shardSeed(k);
  let failed = false;
  for (const p of PLAN) {
    const numRuns = casesOf(p.share, k, n);
    const before = stats.cases;
    const t = performance.now();
    try {
      await p.run(numRuns, s);
      process.stdout.write(`  ${p.name}: ${stats.cases - before} scans ok in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    } catch (e) {
      failed = true;
      const cause = e instanceof Error && e.cause instanceof Error ? `\ncause: ${e.cause.message}` : '';
      process.stdout.write(`  ${p.name}: FAILED\n${e instanceof Error ? e.message : String(e)}${cause}\n`);
      process.stdout.write(`  replay this share: npm run fuzz -- --shard ${k}/${n} --seed ${seed} --runs ${total}\n`);
      break;
    }
  }
  const cpu = process.cpuUsage();
  const result: ShardResult = { ...stats, cpuMs: (cpu.user + cpu.system) / 1000, failed };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exitCode = failed ? 1 : 0;
}

/** Runs every share in its own process, relaying their lines, and sums their results. */
async function runAll(): Promise<void> {
  process.stdout.write(`fuzz: ${total} cases, seed ${seed}, ${jobs} process(es)\n`);
  const started = performance.now();
  const script = fileURLToPath(import.meta.url);
  const results = await Promise.all(
    Array.from({ length: jobs }, (_, k) =>
      new Promise<ShardResult | null>((resolve) => {
        const child = spawn(process.execPath, [...process.execArgv, script, '--shard', `${k}/${jobs}`, '--seed', String(seed), '--runs', String(total)], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let result: ShardResult | null = null;
        createInterface({ input: child.stdout }).on('line', (line) => {
          if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7)) as ShardResult;
          else process.stdout.write(`[${k}] ${line}\n`);
        });
        child.on('close', () => resolve(result));
      }),
    ),
  );
  const done = results.filter((r): r is ShardResult => r !== null);
  const sum = (f: (r: ShardResult) => number): number => done.reduce((a, r) => a + f(r), 0);
  const slowest = done.reduce<ShardResult | null>((a, r) => (a === null || r.slowestMs > a.slowestMs ? r : a), null);
  const failed = done.length < jobs || done.some((r) => r.failed);
  process.stdout.write(
    `fuzz: ${sum((r) => r.cases)} scans in ${((performance.now() - started) / 1000).toFixed(1)} s (CPU ${(sum((r) => r.cpuMs) / 1000).toFixed(0)} s); ` +
      `slowest ${(slowest?.slowestMs ?? 0).toFixed(0)} ms of CPU (${slowest?.slowestBytes ?? 0} bytes); ` +
      `${sum((r) => r.findings)} findings, ${sum((r) => r.limitErrors)} limit-exceeded errors${failed ? '; FAILED' : ''}\n`,
  );
  process.exitCode = failed ? 1 : 0;
}

if (values.shard !== undefined) {
  const [k, n] = values.shard.split('/').map(Number);
  if (k === undefined || n === undefined || !Number.isInteger(k) || !Number.isInteger(n) || k < 0 || k >= n) throw new TypeError('--shard must be k/n with 0 ≤ k < n');
  await runShard(k, n);
} else {
  await runAll();
}
