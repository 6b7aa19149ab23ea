/**
 * The README's "For researchers" recipes, run as written: every SQL block through DuckDB
 * (`@duckdb/node-api`) and the pandas block through Debian's python3 with python3-pandas, on a scan
 * of the samples and on a generated archive, with 'scan.ndjson' replaced by the file's path. Their
 * results must equal what the scan's own summary says.
 *
 * pandas: skipped with a notice when /usr/bin/python3 cannot import it (.ci/run installs it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../src/batch/summary-data.js';
import { syntheticNdjson } from './helpers/synthetic-ndjson.js';

const README = readFileSync('README.md', 'utf8');
const section = README.slice(README.indexOf('## For researchers'), README.indexOf('\n## ', README.indexOf('## For researchers') + 1));

function blocks(lang: string): string[] {
  const out: string[] = [];
  const fence = `\`\`\`${lang}\n`;
  for (let at = section.indexOf(fence); at >= 0; at = section.indexOf(fence, at + 1)) {
    out.push(section.slice(at + fence.length, section.indexOf('```', at + fence.length)));
  }
  return out;
}

const PYTHON = '/usr/bin/python3';
const hasPandas = spawnSync(PYTHON, ['-c', 'import pandas'], { encoding: 'utf8' }).status === 0;
if (!hasPandas) console.warn(`[readme-recipes] pandas recipe SKIPPED: ${PYTHON} cannot import pandas (apt-get install python3-pandas; CI does)`);

interface Scan {
  readonly name: string;
  readonly path: string;
  readonly summary: Summary;
  readonly reports: ReadonlyArray<{ source: string; findings: Array<{ vendor: { name: string } | null; leaks: Array<{ encoding: string }> }> }>;
}

const scans: Scan[] = [];

beforeAll(() => {
  const tmp = mkdtempSync(join(tmpdir(), 'spypixel-recipes-'));
  const samples = join(tmp, 'samples.ndjson');
  const run = (args: string[]): void => {
    const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
  };
  run(['scan', 'samples', '--format', 'ndjson', '-o', samples, '--summary-json', `${samples}.summary.json`, '-q', '--fail-on', 'none']);
  const generated = join(tmp, 'generated.ndjson');
  writeFileSync(generated, syntheticNdjson(2000));
  run(['report', generated, '-o', join(tmp, 'generated.html'), '--summary-json', `${generated}.summary.json`, '-q']);
  for (const [name, path] of [['samples', samples], ['generated', generated]] as const) {
    const text = readFileSync(path, 'utf8');
    scans.push({
      name,
      path,
      summary: JSON.parse(readFileSync(`${path}.summary.json`, 'utf8')) as Summary,
      reports: text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Scan['reports'][number]),
    });
  }
}, 120_000);

const sql = blocks('sql');
const sqlFor = (comment: string): string => {
  const q = sql.find((b) => b.startsWith(`-- ${comment}`));
  if (q === undefined) throw new Error(`README has no SQL block starting "-- ${comment}"`);
  return q;
};

async function duck(query: string, path: string): Promise<Array<Record<string, unknown>>> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const r = await c.runAndReadAll(query.replaceAll("'scan.ndjson'", `'${path}'`));
    return r.getRowObjectsJson() as Array<Record<string, unknown>>;
  } finally {
    c.closeSync();
  }
}

describe('README recipes: DuckDB', () => {
  it('has four SQL blocks', () => expect(sql).toHaveLength(4));

  describe.each(['samples', 'generated'])('on the %s scan', (name) => {
    const scan = (): Scan => scans.find((s) => s.name === name) as Scan;

    it('messages and share with trackers, per sender', async () => {
      const rows = await duck(sqlFor('messages and share with trackers, per sender'), scan().path);
      const want = scan().summary.senders.map((s) => ({ sender: s.domain === '(no sender)' ? null : s.domain, messages: s.messages, tracked: s.withTrackers }));
      const got = rows.map((r) => ({ sender: r.sender, messages: Number(r.messages), tracked: Number(r.tracked) }));
      const key = (x: { sender: unknown }): string => String(x.sender);
      expect([...got].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...want].sort((a, b) => key(a).localeCompare(key(b))));
    });

    it('vendors by the number of messages they appear in', async () => {
      const rows = await duck(sqlFor('vendors by the number of messages'), scan().path);
      const got = new Map(rows.map((r) => [r.vendor ?? '(unknown vendor)', [Number(r.messages), Number(r.findings)]]));
      const want = new Map<string, number[]>();
      for (const v of scan().summary.vendors) {
        const w = want.get(v.name) ?? [0, 0];
        want.set(v.name, [(w[0] ?? 0) + v.messages, (w[1] ?? 0) + v.findings]);
      }
      expect(got).toEqual(want);
    });

    it('where the recipient address goes', async () => {
      const rows = await duck(sqlFor('where the recipient address goes'), scan().path);
      const want = new Map<string, number>();
      for (const r of scan().reports) for (const f of r.findings) for (const l of f.leaks) want.set(`${l.encoding} ${f.vendor?.name ?? null}`, (want.get(`${l.encoding} ${f.vendor?.name ?? null}`) ?? 0) + 1);
      expect(new Map(rows.map((r) => [`${String(r.encoding)} ${r.vendor === null ? null : String(r.vendor)}`, Number(r.leaks)]))).toEqual(want);
      expect(want.size).toBeGreaterThan(0);
    });

    it('messages with trackers by month', async () => {
      const rows = await duck(sqlFor('messages with trackers by month'), scan().path);
      expect(rows.map((r) => ({ month: r.month, messages: Number(r.messages), withTrackers: Number(r.tracked) }))).toEqual(scan().summary.months);
    });
  });
});

describe.skipIf(!hasPandas)('README recipes: pandas', () => {
  const code = blocks('python')[0] ?? '';
  it.each(['samples', 'generated'])('on the %s scan, gives the summary’s per-sender and per-vendor figures', (name) => {
    const scan = scans.find((s) => s.name === name) as Scan;
    const check = `
import json
print("RESULT " + json.dumps({
    "senders": {str(k): [int(r.messages), int(r.tracked)] for k, r in per_sender.iterrows()},
    "vendors": {str(k): [int(r.messages), int(r.findings)] for k, r in vendors.iterrows()},
}))
`;
    const r = spawnSync(PYTHON, ['-c', code.replaceAll('"scan.ndjson"', JSON.stringify(scan.path)) + check], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT ')) ?? '';
    const got = JSON.parse(line.slice('RESULT '.length)) as { senders: Record<string, number[]>; vendors: Record<string, number[]> };
    expect(got.senders).toEqual(Object.fromEntries(scan.summary.senders.map((s) => [s.domain === '(no sender)' ? 'nan' : s.domain, [s.messages, s.withTrackers]])));
    const vendors: Record<string, number[]> = {};
    for (const v of scan.summary.vendors) if (v.id !== '') vendors[v.name] = [v.messages, v.findings];
    expect(got.vendors).toEqual(vendors);
  });
});
