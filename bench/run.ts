/**
 * `npm run bench`: generates a corpus under .bench-data/ (≥2,000 newsletters and a ≥1 GB mbox),
 * then measures in one run: the built CLI with --jobs 1 and --jobs 2, mailparser alone, mailparser
 * + parse5 (the floor), and the CLI's peak RSS on the big mbox. Reports ratios; asserts nothing.
 * Options: --messages N (default 2000), --mbox-gb X (default 1; 0 skips), --skip-build.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { newsletter } from './corpus.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '2000' },
    'mbox-gb': { type: 'string', default: '1' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const COUNT = Number(values.messages);
const MBOX_BYTES = Number(values['mbox-gb']) * 1e9;
const DATA = '.bench-data';
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

/** Runs the CLI; returns wall time and the child's peak RSS (VmHWM, polled from /proc). */
function cli(args: string[]): Promise<{ ms: number; peakMb: number; code: number | null }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['dist/cli.js', 'scan', ...args, '--format', 'ndjson', '-o', '/dev/null', '-q', '--fail-on', 'none'], { stdio: 'inherit' });
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m?.[1] !== undefined) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // exited
      }
    }, 50);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ ms: performance.now() - started, peakMb: peakKb / 1024, code });
    });
  });
}

function floor(mode: 'mailparser' | 'floor'): number {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/floor.ts', mode, CORPUS], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return (JSON.parse(r.stdout) as { ms: number }).ms;
}

const rate = (n: number, ms: number): string => (n / (ms / 1000)).toFixed(1);

async function main(): Promise<void> {
  if (!values['skip-build']) spawnSync('npx', ['tsup', '--silent'], { stdio: 'inherit' });
  const { bytes } = corpus();
  const mb = bytes / 1e6;
  log(`corpus: ${COUNT} messages, ${mb.toFixed(1)} MB (${(bytes / COUNT / 1000).toFixed(1)} KB average) in ${CORPUS}`);
  const parseOnly = floor('mailparser');
  const floorMs = floor('floor');
  const j1 = await cli([CORPUS, '--jobs', '1']);
  const j2 = await cli([CORPUS, '--jobs', '2']);
  log(`mailparser simpleParser alone : ${(parseOnly / 1000).toFixed(2)} s  ${rate(COUNT, parseOnly)} msg/s`);
  log(`mailparser + parse5 (floor)   : ${(floorMs / 1000).toFixed(2)} s  ${rate(COUNT, floorMs)} msg/s`);
  for (const [name, r] of [['--jobs 1', j1], ['--jobs 2', j2]] as const) {
    log(`spypixel scan ${name}         : ${(r.ms / 1000).toFixed(2)} s  ${rate(COUNT, r.ms)} msg/s  ${rate(mb, r.ms)} MB/s  peak RSS ${r.peakMb.toFixed(0)} MB`);
  }
  log(`full scan / floor (jobs 1)    : ${(j1.ms / floorMs).toFixed(2)}x   (target ≤ 1.3x; scan time includes process start-up)`);
  log(`jobs 2 speed-up over jobs 1   : ${(j1.ms / j2.ms).toFixed(2)}x   (target ≥ 1.8x; cores: ${(await import('node:os')).availableParallelism()})`);
  if (MBOX_BYTES > 0) {
    const path = await bigMbox();
    const size = statSync(path).size;
    const big = await cli([path, '--jobs', '2']);
    log(`big mbox ${(size / 1e9).toFixed(2)} GB --jobs 2  : ${(big.ms / 1000).toFixed(1)} s  ${rate(size / 1e6, big.ms)} MB/s  peak RSS ${big.peakMb.toFixed(0)} MB (target ≤ 256 MB)`);
  }
}

await main();
