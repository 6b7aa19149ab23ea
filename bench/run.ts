/**
 * `npm run bench`: generates a corpus under .bench-data/ (≥2,000 newsletters and a ≥1 GB mbox) and
 * measures, in one run:
 * 1. in one process, interleaved, after warm-up: mailparser alone, mailparser + parse5 (the floor)
 *    and the library's `scanEml` over the same in-memory corpus → scan/floor ratio (medians);
 * 2. the CLI (`spypixel scan`, ndjson to /dev/null) with --jobs 1 and --jobs 2, and two --jobs 1
 *    processes at once on half the corpus each (the machine's ceiling for two threads), interleaved →
 *    messages/s, MB/s, the speed-up and the ceiling (medians);
 * 3. the CLI's peak RSS (VmHWM of the process, worker threads included) on the big mbox;
 * 4. then, each in its own process: the catalogue look-up, the two MIME backends (bench/adapters.ts),
 *    the leak search's inflate against fflate (bench/libraries.ts), the import cost (bench/imports.ts),
 *    the pathological inputs' growth with size and cost against benign input (bench/pathological.ts).
 * The library is built into .bench-data/dist (dist/ is left alone). Reports; asserts nothing.
 * Options: --messages N (2000), --mbox-gb X (1; 0 skips), --rounds N (3), --skip-build, --dist DIR
 * (measure an already built copy instead, e.g. an older commit's build, for before/after figures).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { newsletter } from './corpus.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '2000' },
    'mbox-gb': { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    'skip-build': { type: 'boolean', default: false },
    dist: { type: 'string' },
  },
});
const COUNT = Number(values.messages);
const MBOX_BYTES = Number(values['mbox-gb']) * 1e9;
const ROUNDS = Math.max(1, Number(values.rounds));
const DATA = '.bench-data';
const DIST = values.dist ?? join(DATA, 'dist');
const CORPUS = join(DATA, `corpus-${COUNT}`);

function log(s: string): void {
  process.stdout.write(`${s}\n`);
}

function corpus(): { bytes: number } {
  if (!existsSync(CORPUS) || readdirSync(CORPUS).length < COUNT) {
    mkdirSync(CORPUS, { recursive: true });
    for (let i = 0; i < COUNT; i++) writeFileSync(join(CORPUS, `${String(i).padStart(5, '0')}.eml`), newsletter(i));
  }
  return { bytes: readdirSync(CORPUS).reduce((a, f) => a + statSync(join(CORPUS, f)).size, 0) };
}

/** The corpus cut in two folders (hard links), for two independent processes at once. */
function halves(): [string, string] {
  const dirs: [string, string] = [`${CORPUS}-half0`, `${CORPUS}-half1`];
  const files = readdirSync(CORPUS).sort();
  dirs.forEach((dir, h) => {
    if (existsSync(dir) && readdirSync(dir).length > 0) return;
    mkdirSync(dir, { recursive: true });
    files.forEach((f, i) => {
      if (i % 2 === h) linkSync(join(CORPUS, f), join(dir, f));
    });
  });
  return dirs;
}

async function bigMbox(): Promise<string> {
  const path = join(DATA, `big-${values['mbox-gb']}gb.mbox`);
  if (existsSync(path) && statSync(path).size >= MBOX_BYTES) return path;
  const out = createWriteStream(path);
  let written = 0;
  for (let i = 0; written < MBOX_BYTES; i++) {
    const msg = readFileSync(join(CORPUS, `${String(i % COUNT).padStart(5, '0')}.eml`), 'latin1').replaceAll('\r\n', '\n');
    const chunk = `From news@shop.example Mon Jan  1 00:00:00 2024\n${msg.replace(/^From /gm, '>From ')}\n`;
    written += chunk.length;
    if (!out.write(chunk, 'latin1')) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return path;
}

interface CliRun {
  readonly ms: number;
  /** User + system CPU seconds of the process, all threads (last /proc sample before exit). */
  readonly cpuS: number;
  readonly peakMiB: number;
  readonly code: number | null;
}

const TICKS = 100; // USER_HZ on Linux

/**
 * Two `--jobs 1` processes at once, each on half the corpus: what the machine gives two
 * independent single-threaded scans, i.e. the most any `--jobs 2` could reach here. On a machine
 * whose `--jobs 1` already keeps more than one core busy (V8 collects garbage and compiles on
 * helper threads), this is well under 2.
 */
async function pair(dirs: readonly [string, string]): Promise<CliRun> {
  const started = performance.now();
  const runs = await Promise.all(dirs.map((d) => cli([d, '--jobs', '1'])));
  return {
    ms: performance.now() - started,
    cpuS: runs.reduce((a, r) => a + r.cpuS, 0),
    peakMiB: Math.max(...runs.map((r) => r.peakMiB)),
    code: runs.every((r) => r.code === 0) ? 0 : 1,
  };
}

/** Runs the built CLI; returns wall time, CPU time and peak RSS (VmHWM), polled from /proc. */
function cli(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(DIST, 'cli.js'), 'scan', ...args, '--format', 'ndjson', '-o', '/dev/null', '-q', '--fail-on', 'none'], { stdio: 'inherit' });
    let peakKb = 0;
    let ticks = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m?.[1] !== undefined) peakKb = Math.max(peakKb, Number(m[1]));
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks = Number(f[11]) + Number(f[12]);
      } catch {
        // exited
      }
    }, 50);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ ms: performance.now() - started, cpuS: ticks / TICKS, peakMiB: peakKb / 1024, code });
    });
  });
}

interface InProcess {
  readonly messages: number;
  readonly bytes: number;
  readonly median: Record<'mailparser' | 'floor' | 'scan', number>;
  readonly medianCpu: Record<'mailparser' | 'floor' | 'scan', number>;
}

function inProcess(): InProcess {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/inprocess.ts', CORPUS, '--src', DIST, '--rounds', String(ROUNDS)], { encoding: 'utf8', maxBuffer: 1e8 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as InProcess;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const fixed = (n: number, d = 2): string => n.toFixed(d);
const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
const verdict = (ok: boolean): string => (ok ? 'MET' : 'NOT MET');

async function main(): Promise<void> {
  const load0 = loadavg()[0] ?? 0;
  if (!values['skip-build'] && values.dist === undefined) {
    const b = spawnSync('npx', ['tsup', '--out-dir', DIST, '--silent'], { stdio: 'inherit' });
    if (b.status !== 0) throw new Error('build failed');
  }
  const { bytes } = corpus();
  const mb = bytes / 1e6;
  log(`build: ${DIST}; corpus: ${COUNT} messages, ${fixed(mb, 1)} MB (${fixed(bytes / COUNT / 1000, 1)} KB average) in ${CORPUS}; ${availableParallelism()} cores, load average ${fixed(load0)}`);

  const ip = inProcess();
  const split = halves();
  const j1: CliRun[] = [];
  const j2: CliRun[] = [];
  const both: CliRun[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate which goes first so that drift in machine load does not favour one.
    const runs = [
      async () => j1.push(await cli([CORPUS, '--jobs', '1'])),
      async () => j2.push(await cli([CORPUS, '--jobs', '2'])),
      async () => both.push(await pair(split)),
    ];
    for (let k = 0; k < runs.length; k++) await runs[(k + r) % runs.length]?.();
  }
  const j1ms = median(j1.map((r) => r.ms));
  const j2ms = median(j2.map((r) => r.ms));
  const bothMs = median(both.map((r) => r.ms));
  const big = MBOX_BYTES > 0 ? await (async () => {
    const path = await bigMbox();
    return { size: statSync(path).size, run: await cli([path, '--jobs', String(availableParallelism())]) };
  })() : null;

  const perMsg = (ms: number): string => fixed(ms / ip.messages, 2);
  log('');
  log(`In-process, one thread, ${ip.messages} messages in memory, median of ${ROUNDS} interleaved rounds after warm-up:`);
  log(row(['stage', 'wall s', 'CPU s', 'ms/message', 'messages/s', 'MB/s', '× floor (wall)', '× floor (CPU)']));
  log(row(['---', '---', '---', '---', '---', '---', '---', '---']));
  for (const [name, key] of [['mailparser alone', 'mailparser'], ['floor: mailparser + parse5', 'floor'], ['spypixel scanEml', 'scan']] as const) {
    const w = ip.median[key];
    const c = ip.medianCpu[key];
    log(row([name, fixed(w / 1000), fixed(c / 1000), perMsg(w), fixed(ip.messages / (w / 1000), 1), fixed(ip.bytes / 1e6 / (w / 1000), 1), fixed(w / ip.median.floor), fixed(c / ip.medianCpu.floor)]));
  }
  log('');
  log(`CLI (spypixel scan, ndjson to /dev/null, process start-up included), median of ${j1.length} runs each:`);
  log(row(['run', 'wall s', 'CPU s', 'messages/s', 'MB/s', 'peak RSS MiB']));
  log(row(['---', '---', '---', '---', '---', '---']));
  const pairName = 'two --jobs 1 processes at once, half each';
  for (const [name, runs, ms] of [['--jobs 1', j1, j1ms], ['--jobs 2', j2, j2ms], [pairName, both, bothMs]] as const) {
    log(row([name, fixed(ms / 1000), fixed(median(runs.map((r) => r.cpuS))), fixed(COUNT / (ms / 1000), 1), fixed(mb / (ms / 1000), 1), fixed(Math.max(...runs.map((r) => r.peakMiB)), 0)]));
  }
  if (big !== null) {
    log(row([`${fixed(big.size / 1e9)} GB mbox, --jobs ${availableParallelism()}`, fixed(big.run.ms / 1000, 1), fixed(big.run.cpuS, 1), '', fixed(big.size / 1e6 / (big.run.ms / 1000), 1), fixed(big.run.peakMiB, 0)]));
  }
  const ratio = ip.median.scan / ip.median.floor;
  const speedUp = j1ms / j2ms;
  const ceiling = j1ms / bothMs;
  const cores = median(j1.map((r) => r.cpuS)) / (j1ms / 1000);
  log('');
  log(`load average: ${fixed(load0)} at start, ${fixed(loadavg()[0] ?? 0)} at end (on a busy machine, CPU-time ratios are the steadier figure)`);
  log(`target: full scan ≤ 1.3× floor      → ${fixed(ratio)}× wall, ${fixed(ip.medianCpu.scan / ip.medianCpu.floor)}× CPU: ${verdict(ratio <= 1.3)}`);
  log(`target: --jobs 2 ≥ 1.8× --jobs 1    → ${fixed(speedUp)}×: ${verdict(speedUp >= 1.8)}`);
  log(`  this machine's ceiling: two independent --jobs 1 processes reach ${fixed(ceiling)}× (--jobs 1 alone keeps ${fixed(cores)} cores busy);`);
  log(`  --jobs 2 gets ${fixed((speedUp / ceiling) * 100, 0)}% of that ceiling`);
  if (big !== null) log(`target: peak RSS ≤ 256 MB on 1 GB mbox → ${fixed(big.run.peakMiB, 0)} MiB (${fixed((big.run.peakMiB * 1048576) / 1e6, 0)} MB): ${verdict(big.run.peakMiB * 1048576 <= 256e6)}`);
  // Catalogue lookup cost per URL, and whether it stays flat when the catalogue grows four times.
  const cat = spawnSync('npx', ['tsx', 'bench/catalogue.ts'], { encoding: 'utf8' });
  log('');
  log(cat.status === 0 ? cat.stdout.trimEnd() : `catalogue bench failed: ${cat.stderr}`);
  // The two MIME backends (Node's mailsplit, the browser build's postal-mime) on the same corpus,
  // the leak search's inflate against fflate, what importing the library costs, and the
  // pathological inputs' growth with size and cost against benign input (test/helpers/pathological.ts).
  for (const [what, args] of [
    ['MIME backends', ['tsx', 'bench/adapters.ts', CORPUS, '--rounds', String(ROUNDS)]],
    ['libraries', ['tsx', 'bench/libraries.ts']],
    ['imports', ['tsx', 'bench/imports.ts', '--dist', DIST]],
    ['pathological', ['tsx', 'bench/pathological.ts']],
  ] as const) {
    const r = spawnSync('npx', [...args], { encoding: 'utf8', maxBuffer: 1e8 });
    log('');
    log(r.status === 0 ? r.stdout.trimEnd() : `${what} bench failed: ${r.stderr}`);
  }
  const failed = [...j1, ...j2, ...both, ...(big !== null ? [big.run] : [])].filter((r) => r.code !== 0);
  if (failed.length > 0) log(`warning: ${failed.length} CLI run(s) exited with a non-zero code`);
}

await main();
