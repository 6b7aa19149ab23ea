/**
 * `npm run fuzz`: the fuzz properties on many cases. FUZZ_RUNS (default 100000) is the total,
 * split over the generators by weight; FUZZ_SEED (default: time-based, printed) replays a run.
 * Exits 1 on the first counterexample, with fast-check's seed and path to replay it.
 *
 *   FUZZ_RUNS=2000 FUZZ_SEED=7 npm run fuzz
 */
// fuzzing also proves the scanner never reaches for the network: any attempt throws
import '../setup/refuse-network.mjs';
import fc from 'fast-check';
import { htmlArb, mimeArb, mutatedSampleArb, urlArb } from './arbitraries.js';
import { checkEml, checkHtml, stats } from './properties.js';

const total = Number(process.env.FUZZ_RUNS ?? 100_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
if (!Number.isInteger(total) || total < 4) throw new TypeError('FUZZ_RUNS must be an integer ≥ 4');
if (!Number.isInteger(seed)) throw new TypeError('FUZZ_SEED must be an integer');

function fail(problems: readonly string[]): void {
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

// Weights follow the cost per case: URLs are cheap, whole messages are not.
const plan: { name: string; share: number; run: (numRuns: number) => Promise<void> }[] = [
  {
    name: 'urls',
    share: 0.55,
    run: (numRuns) =>
      fc.assert(
        fc.asyncProperty(urlArb, async (url) => {
          fail(checkHtml(`<img src="${url}" width=1 height=1><a href="${url}">x</a><p style="background:url('${url}')"></p>`, { recipient: 'me@mail.example' }));
        }),
        { seed, numRuns },
      ),
  },
  { name: 'html', share: 0.2, run: (numRuns) => fc.assert(fc.asyncProperty(htmlArb, async (html) => fail(checkHtml(html, { recipient: 'me@mail.example' }))), { seed, numRuns }) },
  { name: 'mime', share: 0.15, run: (numRuns) => fc.assert(fc.asyncProperty(mimeArb, async (raw) => fail(await checkEml(raw))), { seed, numRuns }) },
  {
    name: 'mutated samples',
    share: 0.1,
    run: (numRuns) =>
      fc.assert(
        fc.asyncProperty(mutatedSampleArb, async ({ name, bytes }) => fail(name.endsWith('.html') ? checkHtml(bytes.toString('utf8')) : await checkEml(bytes))),
        { seed, numRuns },
      ),
  },
];

process.stdout.write(`fuzz: ${total} cases, seed ${seed}\n`);
const started = performance.now();
let failed = false;
for (const p of plan) {
  const numRuns = Math.max(1, Math.round(total * p.share));
  const before = stats.cases;
  const t = performance.now();
  try {
    await p.run(numRuns);
    process.stdout.write(`  ${p.name}: ${stats.cases - before} scans ok in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  } catch (e) {
    failed = true;
    const cause = e instanceof Error && e.cause instanceof Error ? `\ncause: ${e.cause.message}` : '';
    process.stdout.write(`  ${p.name}: FAILED\n${e instanceof Error ? e.message : String(e)}${cause}\n`);
    break;
  }
}
const s = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(
  `fuzz: ${stats.cases} scans in ${s} s; slowest ${stats.slowestMs.toFixed(0)} ms (${stats.slowestBytes} bytes); ` +
    `${stats.findings} findings, ${stats.limitErrors} limit-exceeded errors\n`,
);
process.exitCode = failed ? 1 : 0;
