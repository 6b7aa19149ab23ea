/**
 * `npm run bench:report`: how long `spypixel report` takes and how large its page is, for a
 * generated archive's scan (10,000 messages by default, `--messages N`), through the built CLI
 * (process start-up included), median of `--rounds` runs; CPU time and peak RSS when /usr/bin/time
 * is there.
 * `--screenshot FILE` also writes a PNG of the page's top in headless Chromium (the README's
 * picture). Reports; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { syntheticNdjson } from '../test/helpers/synthetic-ndjson.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '5' },
    screenshot: { type: 'string' },
    lang: { type: 'string', default: 'en' },
  },
});
const COUNT = Number(values.messages);
const DATA = '.bench-data';
mkdirSync(DATA, { recursive: true });
const ndjson = join(DATA, `report-${COUNT}.ndjson`);
const html = join(DATA, `report-${COUNT}.html`);
if (!existsSync(ndjson)) writeFileSync(ndjson, syntheticNdjson(COUNT));

const args = ['dist/cli.js', 'report', ndjson, '-o', html, '-q', '--lang', values.lang];
const times: number[] = [];
for (let i = 0; i < Math.max(1, Number(values.rounds)); i++) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  times.push(performance.now() - t0);
  if (r.status !== 0) throw new Error(r.stderr);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;
let rss = 'n/a';
let cpu = 'n/a';
if (existsSync('/usr/bin/time')) {
  // CPU seconds move less than wall time when the machine is shared with other work.
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, ...args], { encoding: 'utf8' });
  const [kb = 0, user = 0, sys = 0] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  rss = `${(kb / 1024).toFixed(0)} MiB`;
  cpu = `${(user + sys).toFixed(2)} s`;
}
const page = readFileSync(html);
const mb = (n: number): string => `${(n / 1e6).toFixed(2)} MB`;
process.stdout.write(
  [
    `spypixel report, ${COUNT} messages (NDJSON ${mb(statSync(ndjson).size)}), ${times.length} runs`,
    `  build time: ${(median / 1000).toFixed(2)} s median (${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s), process start included`,
    `  page: ${mb(page.length)}, ${mb(gzipSync(page).length)} gzipped`,
    `  CPU time (one more run): ${cpu}; peak RSS: ${rss}`,
    '',
  ].join('\n'),
);

if (values.screenshot !== undefined) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const context = await browser.newContext({ viewport: { width: 1100, height: 1500 }, deviceScaleFactor: 1 });
  await context.route('**/*', (route) => route.abort());
  const p = await context.newPage();
  await p.setContent(page.toString('utf8'), { waitUntil: 'load' });
  await p.screenshot({ path: values.screenshot });
  await browser.close();
  process.stdout.write(`  screenshot: ${values.screenshot}\n`);
}
