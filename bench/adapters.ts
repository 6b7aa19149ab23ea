/**
 * `npx tsx bench/adapters.ts <corpus dir> [--rounds N] [--json]`: the two MIME backends behind the
 * adapter boundary, in one process, over the same in-memory corpus, after warm-up, taking turns on
 * slices of 50 messages, in rounds: `parseMailWith` alone (the MIME layer) and the whole `scanEml`
 * with each. Medians of wall and CPU time, and postal-mime / mailsplit ratios. Asserts nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCatalogue } from '../src/catalogue/index.js';
import type { MimeBackend } from '../src/mime/backend.js';
import { NODE_BACKEND } from '../src/mime/node.js';
import { parseMailWith } from '../src/mime/parse.js';
import { POSTAL_BACKEND } from '../src/mime/postal.js';
import { scanEmlWith } from '../src/scan/eml-core.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string', default: '5' }, json: { type: 'boolean', default: false } } });
const dir = positionals[0] ?? 'samples';
const ROUNDS = Math.max(1, Number(values.rounds));
const corpus = readdirSync(dir)
  .filter((f) => f.endsWith('.eml'))
  .sort()
  .map((f) => new Uint8Array(readFileSync(join(dir, f))));

type Stage = 'parse mailsplit' | 'parse postal-mime' | 'scan mailsplit' | 'scan postal-mime';
const parseWith = (b: MimeBackend) => async (raw: Uint8Array) => (await parseMailWith(b, raw)).htmlParts.length;
const scanWith = (b: MimeBackend) => async (raw: Uint8Array) =>
  (await scanEmlWith({ parseMail: (r, o) => parseMailWith(b, r, o), defaultCatalogue }, raw)).findings.length;
const STAGES: Record<Stage, (raw: Uint8Array) => Promise<number>> = {
  'parse mailsplit': parseWith(NODE_BACKEND),
  'parse postal-mime': parseWith(POSTAL_BACKEND),
  'scan mailsplit': scanWith(NODE_BACKEND),
  'scan postal-mime': scanWith(POSTAL_BACKEND),
};
const ORDER = Object.keys(STAGES) as Stage[];

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

async function pass(stage: Stage, items: readonly Uint8Array[]): Promise<{ ms: number; cpu: number }> {
  const t0 = performance.now();
  const c0 = cpuMs();
  for (const raw of items) await STAGES[stage](raw);
  return { ms: performance.now() - t0, cpu: cpuMs() - c0 };
}

for (const stage of ORDER) await pass(stage, corpus.slice(0, 100));
const wall = Object.fromEntries(ORDER.map((s) => [s, [] as number[]])) as Record<Stage, number[]>;
const cpu = Object.fromEntries(ORDER.map((s) => [s, [] as number[]])) as Record<Stage, number[]>;
const SLICE = 50;
for (let r = 0; r < ROUNDS; r++) {
  const round = Object.fromEntries(ORDER.map((s) => [s, { ms: 0, cpu: 0 }])) as Record<Stage, { ms: number; cpu: number }>;
  for (let at = 0, slice = 0; at < corpus.length; at += SLICE, slice++) {
    const items = corpus.slice(at, at + SLICE);
    for (let k = 0; k < ORDER.length; k++) {
      const stage = ORDER[(k + slice + r) % ORDER.length] ?? 'scan mailsplit';
      const t = await pass(stage, items);
      round[stage].ms += t.ms;
      round[stage].cpu += t.cpu;
    }
  }
  for (const s of ORDER) {
    wall[s].push(round[s].ms);
    cpu[s].push(round[s].cpu);
  }
}
const med = Object.fromEntries(ORDER.map((s) => [s, { wall: median(wall[s]), cpu: median(cpu[s]) }])) as Record<Stage, { wall: number; cpu: number }>;
const ratio = (a: Stage, b: Stage): string => `${(med[a].wall / med[b].wall).toFixed(2)}× wall, ${(med[a].cpu / med[b].cpu).toFixed(2)}× CPU`;
if (values.json) {
  process.stdout.write(`${JSON.stringify({ messages: corpus.length, rounds: ROUNDS, median: med })}\n`);
} else {
  console.log(`MIME backends, in process, ${corpus.length} messages, median of ${ROUNDS} interleaved rounds (ms per message):`);
  console.log('| stage | wall | CPU |');
  console.log('| --- | --- | --- |');
  for (const s of ORDER) console.log(`| ${s} | ${(med[s].wall / corpus.length).toFixed(2)} | ${(med[s].cpu / corpus.length).toFixed(2)} |`);
  console.log(`postal-mime / mailsplit: parse ${ratio('parse postal-mime', 'parse mailsplit')}; scan ${ratio('scan postal-mime', 'scan mailsplit')}`);
}
