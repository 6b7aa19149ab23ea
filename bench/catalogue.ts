/**
 * `npx tsx bench/catalogue.ts [--urls N] [--rounds R] [--json]`: the per-URL cost of classifying
 * one parsed URL with the compiled catalogue (`index.match`), over a mix of tracker and ordinary
 * URLs, for the bundled catalogue (×1) and for a catalogue four times as large (×4: the real
 * vendors plus three renamed synthetic copies of each, with their own hosts and path literals).
 * The lookup is a hash per host label plus the rules of the vendors found there, so ×4 should cost
 * about the same as ×1. URLs are parsed once up front: only `match` is timed. Asserts nothing.
 */
import { parseArgs } from 'node:util';
import { compileCatalogue } from '../src/catalogue/compile.js';
import { VENDORS } from '../src/catalogue/data.generated.js';
import type { CatalogueIndex, RuleSpec, VendorEntry } from '../src/catalogue/types.js';
import { parseUrl, type ParsedUrl } from '../src/url/parse.js';

const { values } = parseArgs({
  options: {
    urls: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '15' },
    json: { type: 'boolean', default: false },
  },
});
const URL_COUNT = Number(values.urls);
const ROUNDS = Number(values.rounds);

/** `list-manage.com` → `list-manage-c2.com`: a distinct host with the same label structure. */
function renameHost(host: string, k: number): string {
  const labels = host.split('.');
  const i = Math.max(labels.length - 2, 0);
  labels[i] = `${labels[i] ?? ''}-c${k}`;
  return labels.join('.');
}

/** Renames every literal path segment, so a copy's anyHost rules do not share the real ones' keys. */
function renamePath(path: string | undefined, k: number): string | undefined {
  if (path === undefined) return undefined;
  return path
    .split('/')
    .map((seg) => (seg.length === 0 || seg === '*' || seg === '**' ? seg : `${seg}-c${k}`))
    .join('/');
}

function copyRule(rule: RuleSpec, k: number): RuleSpec {
  const path = renamePath(rule.path, k);
  const { path: _drop, hosts, ...rest } = rule;
  return {
    ...rest,
    ...(path === undefined ? {} : { path }),
    ...(hosts === undefined ? {} : { hosts: hosts.map((h) => renameHost(h, k)) }),
  };
}

function syntheticCopy(entry: VendorEntry, k: number): VendorEntry {
  return {
    ...entry,
    id: `${entry.id}-c${k}`,
    hosts: entry.hosts.map((h) => renameHost(h, k)),
    rules: entry.rules.map((r) => copyRule(r, k)),
  };
}

/** Tracker URLs (every hit and miss example) plus ordinary content URLs, repeated to `count`. */
function urlMix(count: number): { urls: ParsedUrl[]; trackerShare: number } {
  const examples = VENDORS.flatMap((e) => e.rules.flatMap((r) => [...r.examples.hit, ...(r.examples.miss ?? [])]));
  const hostOnly = VENDORS.flatMap((e) => e.hosts.filter((h) => !h.includes('#') && !h.includes('*')).map((h) => `https://x.${h}/p/abc.gif`));
  const ordinary: string[] = [];
  for (let i = 0; i < 400; i += 1) {
    ordinary.push(
      `https://www.shop${i}.example/products/${i}/hero.jpg?w=600&h=300`,
      `https://cdn.brand${i % 37}.example/img/newsletter/2024/${i}/banner.png`,
      `https://news.publisher${i % 11}.example/articles/${i}-title-of-the-story?utm_source=newsletter&utm_medium=email`,
      `https://images.example.com/${i}/spacer.gif`,
    );
  }
  const pool = [...examples, ...hostOnly, ...ordinary];
  const urls: ParsedUrl[] = [];
  for (let i = 0; urls.length < count; i += 1) {
    const u = parseUrl(pool[i % pool.length] ?? '');
    if (u !== null) urls.push(u);
  }
  const trackerShare = (examples.length + hostOnly.length) / pool.length;
  return { urls, trackerShare };
}

interface Measured {
  readonly vendors: number;
  readonly compileMs: number;
  readonly nsPerUrl: number;
  readonly matched: number;
}

function measure(entries: readonly VendorEntry[], urls: readonly ParsedUrl[]): Measured {
  const t0 = performance.now();
  const index: CatalogueIndex = compileCatalogue(entries);
  const compileMs = performance.now() - t0;
  let matched = 0;
  for (const u of urls) if (index.match(u) !== null) matched += 1; // warm-up, and the hit count
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    const start = process.hrtime.bigint();
    for (const u of urls) index.match(u);
    samples.push(Number(process.hrtime.bigint() - start) / urls.length);
  }
  samples.sort((a, b) => a - b);
  return { vendors: entries.length, compileMs, nsPerUrl: samples[Math.floor(samples.length / 2)] ?? 0, matched };
}

const { urls, trackerShare } = urlMix(URL_COUNT);
const x4 = [...VENDORS, ...[2, 3, 4].flatMap((k) => VENDORS.map((e) => syntheticCopy(e, k)))];
// Interleave the two runs so CPU frequency drift does not favour one of them.
const one = measure(VENDORS, urls);
const four = measure(x4, urls);
const oneAgain = measure(VENDORS, urls);
const base = Math.min(one.nsPerUrl, oneAgain.nsPerUrl);
const result = {
  urls: urls.length,
  trackerShare: Number(trackerShare.toFixed(2)),
  rounds: ROUNDS,
  x1: { ...one, nsPerUrl: Math.round(base), compileMs: Number(one.compileMs.toFixed(1)) },
  x4: { ...four, nsPerUrl: Math.round(four.nsPerUrl), compileMs: Number(four.compileMs.toFixed(1)) },
  ratio: Number((four.nsPerUrl / base).toFixed(2)),
};

if (values.json) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const line = (name: string, m: Measured, ns: number): string =>
    `${name}  ${String(m.vendors).padStart(5)} vendors  compile ${m.compileMs.toFixed(1).padStart(6)} ms  ` +
    `match ${String(Math.round(ns)).padStart(5)} ns/URL  (${m.matched}/${urls.length} matched)`;
  process.stdout.write(
    [
      `catalogue.match over ${urls.length} parsed URLs (${Math.round(trackerShare * 100)}% tracker-shaped), median of ${ROUNDS} rounds`,
      line('x1', one, base),
      line('x4', four, four.nsPerUrl),
      `x4 / x1 per-URL cost: ${result.ratio}`,
      '',
    ].join('\n'),
  );
}
