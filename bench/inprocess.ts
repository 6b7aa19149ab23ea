/**
 * Benchmark child: loads a corpus folder into memory once, warms up, then times in interleaved
 * repetitions (same process, same bytes, the stages taking turns on slices of 50 messages):
 * mailparser alone, mailparser + parse5 with source locations (the floor), and the library
 * pipeline (`scanEml`). Prints per-round wall and CPU
 * milliseconds and their medians as JSON (CPU time is the steadier figure on a shared machine). Options: `--rounds N` (default 5), `--warmup N` messages (default 200),
 * `--only scan|floor|mailparser` (for profiling one stage), `--src DIR` (a built `index.js` to
 * import instead of the TypeScript sources).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { simpleParser } from 'mailparser';
import { parse } from 'parse5';

type ScanEml = (raw: Uint8Array, options?: { source?: string }) => Promise<{ findings: readonly unknown[] }>;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '200' },
    only: { type: 'string' },
    src: { type: 'string' },
  },
});
const dir = positionals[0];
if (dir === undefined) {
  process.stderr.write('usage: inprocess.ts <corpus dir> [--rounds N] [--warmup N] [--only stage] [--src dist]\n');
  process.exit(2);
}
const lib = (values.src !== undefined
  ? await import(pathToFileURL(join(resolve(values.src), 'index.js')).href)
  : await import('../src/index.js')) as { scanEml: ScanEml };
const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
const corpus = files.map((f) => new Uint8Array(readFileSync(join(dir, f))));

const PARSE_OPTIONS = { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true } as const;

async function mailparserOnce(bytes: Uint8Array): Promise<number> {
  const mail = await simpleParser(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), PARSE_OPTIONS);
  return typeof mail.html === 'string' ? mail.html.length : 0;
}

async function floorOnce(bytes: Uint8Array): Promise<number> {
  const mail = await simpleParser(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), PARSE_OPTIONS);
  return typeof mail.html === 'string' ? parse(mail.html, { sourceCodeLocationInfo: true }).childNodes.length : 0;
}

async function scanOnce(bytes: Uint8Array): Promise<number> {
  return (await lib.scanEml(bytes)).findings.length;
}

type Stage = 'mailparser' | 'floor' | 'scan';
const STAGES: Record<Stage, (b: Uint8Array) => Promise<number>> = { mailparser: mailparserOnce, floor: floorOnce, scan: scanOnce };
const only = values.only as Stage | undefined;
const order: Stage[] = only !== undefined ? [only] : ['mailparser', 'floor', 'scan'];

/** Process CPU time (user + system, all threads) in milliseconds. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function pass(stage: Stage, items: readonly Uint8Array[]): Promise<{ ms: number; cpu: number; check: number }> {
  const fn = STAGES[stage];
  const started = performance.now();
  const cpu0 = cpuMs();
  let check = 0;
  for (const b of items) check += await fn(b);
  return { ms: performance.now() - started, cpu: cpuMs() - cpu0, check };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const warm = corpus.slice(0, Math.min(corpus.length, Number(values.warmup)));
for (const stage of order) await pass(stage, warm);
const times: Record<Stage, number[]> = { mailparser: [], floor: [], scan: [] };
const cpu: Record<Stage, number[]> = { mailparser: [], floor: [], scan: [] };
const checks: Record<Stage, number> = { mailparser: 0, floor: 0, scan: 0 };
const rounds = Math.max(1, Number(values.rounds));
/**
 * Stages take turns on slices of the corpus rather than on the whole of it: on a shared machine
 * the speed drifts over minutes, and a 15-second pass per stage let that drift decide the ratio.
 */
const SLICE = 50;
for (let r = 0; r < rounds; r++) {
  const round: Record<Stage, { ms: number; cpu: number; check: number }> = {
    mailparser: { ms: 0, cpu: 0, check: 0 },
    floor: { ms: 0, cpu: 0, check: 0 },
    scan: { ms: 0, cpu: 0, check: 0 },
  };
  for (let at = 0, slice = 0; at < corpus.length; at += SLICE, slice++) {
    const items = corpus.slice(at, at + SLICE);
    // Rotate the order on each slice so that no stage always runs first (warm caches, GC debt).
    for (let k = 0; k < order.length; k++) {
      const stage = order[(k + slice + r) % order.length] ?? 'scan';
      const { ms, cpu: used, check } = await pass(stage, items);
      round[stage].ms += ms;
      round[stage].cpu += used;
      round[stage].check += check;
    }
  }
  for (const stage of order) {
    times[stage].push(round[stage].ms);
    cpu[stage].push(round[stage].cpu);
    checks[stage] = round[stage].check;
  }
}
const result = {
  messages: corpus.length,
  bytes: corpus.reduce((a, b) => a + b.byteLength, 0),
  rounds,
  times,
  cpu,
  median: { mailparser: median(times.mailparser), floor: median(times.floor), scan: median(times.scan) },
  medianCpu: { mailparser: median(cpu.mailparser), floor: median(cpu.floor), scan: median(cpu.scan) },
  checks,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
