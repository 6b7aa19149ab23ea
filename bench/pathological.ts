/**
 * `npx tsx bench/pathological.ts [--rounds R]`: the CPU time of every pathological input of
 * test/helpers/pathological.ts (the test only checks that each gives a well-formed result). For
 * each function: the time at its size and at a quarter of it (linear work grows about 4×,
 * quadratic 16×), and the ratio to a benign input of the same size. For whole documents and
 * messages: milliseconds per MB. The fastest of R rounds is kept (slower ones measure other
 * load). Asserts nothing.
 */
import { parseArgs } from 'node:util';
import { defaultCatalogue } from '../src/catalogue/index.js';
import { scanEml } from '../src/scan/eml.js';
import { scanHtml } from '../src/scan/html.js';
import { PATHOLOGICAL_DOCUMENTS, PATHOLOGICAL_FUNCTIONS, PATHOLOGICAL_MESSAGES, PATHOLOGICAL_URLS } from '../test/helpers/pathological.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const ROUNDS = Math.max(1, Number(values.rounds));

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function best(run: () => unknown): Promise<number> {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < ROUNDS; i++) {
    const t = cpuMs();
    await run();
    min = Math.min(min, cpuMs() - t);
  }
  return min;
}

const f = (n: number): string => n.toFixed(n < 10 ? 2 : 0);
const log = (s: string): void => {
  process.stdout.write(`${s}\n`);
};

log(`Pathological inputs, CPU ms (fastest of ${ROUNDS}); growth = time(n) / time(n/4), ≈4 when linear:`);
log('| function | n | ms at n | growth | × benign |');
log('| --- | --- | --- | --- | --- |');
for (const c of PATHOLOGICAL_FUNCTIONS) {
  const full = await best(() => c.run(c.size));
  const quarter = await best(() => c.run(c.size / 4));
  const benign = await best(() => c.benign(c.size));
  log(`| ${c.name} | ${c.size} | ${f(full)} | ${f(full / Math.max(quarter, 0.01))} | ${f(full / Math.max(benign, 0.01))} |`);
}
const catalogue = defaultCatalogue();
log('');
log('| catalogue URL | n | ms at n | growth |');
log('| --- | --- | --- | --- |');
for (const c of PATHOLOGICAL_URLS) {
  const full = await best(() => {
    const url = c.url(c.size);
    return url === null ? null : catalogue.match(url);
  });
  const quarter = await best(() => {
    const url = c.url(c.size / 4);
    return url === null ? null : catalogue.match(url);
  });
  log(`| ${c.name} | ${c.size} | ${f(full)} | ${f(full / Math.max(quarter, 0.01))} |`);
}
log('');
log('| whole input | ms per MB | growth |');
log('| --- | --- | --- |');
for (const c of PATHOLOGICAL_DOCUMENTS) {
  const full = await best(() => scanHtml(c.html(c.size), { recipient: 'me@mail.example' }));
  const quarter = await best(() => scanHtml(c.html(c.size / 4), { recipient: 'me@mail.example' }));
  log(`| scanHtml: ${c.name} | ${f(full / (c.size / 1e6))} | ${f(full / Math.max(quarter, 0.01))} |`);
}
// css-tree keeps its parser's buffers at the largest input seen and clears them whole on each
// parse: the same document again, after a 1 MB stylesheet was parsed in this process.
const backgrounds = PATHOLOGICAL_DOCUMENTS.find((c) => c.name === 'repeated inline backgrounds');
if (backgrounds !== undefined) {
  scanHtml(`<style>${'.a{color:red}'.repeat(80_000)}</style>`);
  const after = await best(() => scanHtml(backgrounds.html(backgrounds.size), { recipient: 'me@mail.example' }));
  log(`| scanHtml: ${backgrounds.name}, after a 1 MB stylesheet | ${f(after / (backgrounds.size / 1e6))} | |`);
}
for (const c of PATHOLOGICAL_MESSAGES) {
  const full = await best(() => scanEml(c.raw(c.size)));
  const quarter = await best(() => scanEml(c.raw(c.size / 4)));
  log(`| scanEml: ${c.name} | ${f(full / (c.size / 1e6))} | ${f(full / Math.max(quarter, 0.01))} |`);
}
