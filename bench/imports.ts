/**
 * Import cost of the library and of its MIME layer: each target is imported in a fresh Node
 * process (module loading is what a CLI start or a serverless cold start pays), the targets taking
 * turns, in rounds; medians of the wall time of the `import()` and the RSS growth it causes.
 * `tsx bench/imports.ts [--rounds N] [--dist DIR] [--before DIR]`: DIR is a built dist/ (default:
 * dist); `--before` adds an older build (e.g. the parent commit's) for before/after figures.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** One import measured. */
export interface ImportTiming {
  readonly label: string;
  readonly ms: number;
  readonly rssMB: number;
}

const PROBE = `
const rss0 = process.memoryUsage().rss;
const t0 = performance.now();
for (const s of process.argv.slice(1)) await import(s);
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, rssMB: (process.memoryUsage().rss - rss0) / 1048576 }));
`;

function once(specifiers: readonly string[]): { ms: number; rssMB: number } {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', PROBE, ...specifiers], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`import of ${specifiers.join(', ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { ms: number; rssMB: number };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/**
 * Medians over `rounds` of each target (label → module specifiers or file URLs, imported in one
 * process), interleaved.
 *
 * @example
 * measureImports({ mailparser: ['mailparser'] }, 5);
 */
export function measureImports(targets: Readonly<Record<string, readonly string[]>>, rounds: number): ImportTiming[] {
  const samples = new Map<string, { ms: number[]; rss: number[] }>();
  for (let r = 0; r < rounds; r++) {
    const order = Object.entries(targets);
    // rotate so that no target always runs first (the disk cache warms up over a round)
    for (let i = 0; i < order.length; i++) {
      const [label, spec] = order[(i + r) % order.length] as [string, readonly string[]];
      const t = once(spec);
      const s = samples.get(label) ?? { ms: [], rss: [] };
      s.ms.push(t.ms);
      s.rss.push(t.rssMB);
      samples.set(label, s);
    }
  }
  return Object.keys(targets).map((label) => {
    const s = samples.get(label) ?? { ms: [], rss: [] };
    return { label, ms: median(s.ms), rssMB: median(s.rss) };
  });
}

function fileSpec(path: string): string {
  return pathToFileURL(resolve(path)).href;
}

/** The targets of `npm run bench`: the MIME libraries alone, and the built library. */
export function defaultTargets(dist: string, before?: string): Record<string, readonly string[]> {
  const targets: Record<string, readonly string[]> = {
    'mailparser (whole)': ['mailparser'],
    'postal-mime': ['postal-mime'],
    'mailsplit + libmime + iconv-lite': ['@zone-eu/mailsplit', 'libmime', 'iconv-lite'],
    [`library (${dist}/index.js)`]: [fileSpec(`${dist}/index.js`)],
  };
  if (before !== undefined) targets[`library before (${before}/index.js)`] = [fileSpec(`${before}/index.js`)];
  return targets;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '7' }, dist: { type: 'string', default: 'dist' }, before: { type: 'string' } } });
  for (const t of measureImports(defaultTargets(values.dist, values.before), Number(values.rounds))) {
    console.log(`${t.label.padEnd(48)} ${t.ms.toFixed(0).padStart(5)} ms  +${t.rssMB.toFixed(1)} MB RSS`);
  }
}
