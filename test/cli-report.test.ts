/**
 * End-to-end through the built CLI: `spypixel report` on a scan of the samples, bad NDJSON lines,
 * `--summary-json` computed once for scan and report alike, and `--shard k/n` partitioning a run
 * into disjoint shards whose concatenation is the whole run.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd?: string): Run {
  const r = spawnSync(process.execPath, [join(process.cwd(), 'dist/cli.js'), ...args], { encoding: 'utf8', cwd, env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const FIX = join('test', 'fixtures', 'batch');
let tmp = '';
let scan = '';

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'spypixel-report-'));
  scan = join(tmp, 'samples.ndjson');
  expect(cli(['scan', 'samples', '--format', 'ndjson', '-o', scan, '--summary-json', join(tmp, 'scan-summary.json'), '-q', '--fail-on', 'none']).code).toBe(0);
});

describe('spypixel report', () => {
  it('writes one HTML page from a scan of the samples, and the same aggregates as the scan', () => {
    const out = join(tmp, 'report.html');
    const r = cli(['report', scan, '-o', out, '--summary-json', join(tmp, 'report-summary.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/report\.html: 15 messages, 0 lines skipped, \d+ KB in \d+\.\d s/);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('operateur.example');
    expect(html).toContain('ga-ip-not-anonymized');
    // One aggregation for both: the summary of the scan equals the summary of its NDJSON.
    expect(JSON.parse(readFileSync(join(tmp, 'report-summary.json'), 'utf8'))).toEqual(JSON.parse(readFileSync(join(tmp, 'scan-summary.json'), 'utf8')));
  });

  it('reads gzip and stdin, and translates with --lang fr', () => {
    const gz = join(tmp, 'samples.ndjson.gz');
    writeFileSync(gz, gzipSync(readFileSync(scan)));
    const r = cli(['report', gz, '--lang', 'fr', '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('<html lang="fr">');
    expect(r.stdout).toContain('Analyse de 15 messages');
    const viaStdin = spawnSync(process.execPath, ['dist/cli.js', 'report', '-', '-q'], { input: readFileSync(scan), encoding: 'utf8' });
    expect(viaStdin.stdout).toContain('Scan of 15 messages');
  });

  it('skips bad lines with a coded message, still writes the report, and exits 2', () => {
    const bad = join(tmp, 'bad.ndjson');
    const lines = readFileSync(scan, 'utf8').split('\n');
    writeFileSync(bad, [lines[0], '{"source": "cut', '{"source":"x.eml"}', '42', lines[1], ''].join('\n'));
    const out = join(tmp, 'bad.html');
    const r = cli(['report', bad, join(tmp, 'missing.ndjson'), '-o', out, '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l !== '')).toEqual([
      expect.stringMatching(/^spypixel report: .*bad\.ndjson:2: invalid-json: /),
      `spypixel report: ${bad}:3: not-a-report: message is not an object`,
      `spypixel report: ${bad}:4: not-a-report: the line is not a JSON object`,
      expect.stringMatching(/^spypixel report: .*missing\.ndjson: file-read-failed: Cannot read /),
    ]);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Scan of 2 messages');
    expect(html).toContain('4 lines could not be read as reports');
  });

  it('exits 2 when the inputs hold no report at all, and says so', () => {
    const empty = join(tmp, 'empty.ndjson');
    writeFileSync(empty, '');
    const r = cli(['report', empty, '-o', join(tmp, 'empty.html'), '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('spypixel report: no report was read from the inputs\n');
    expect(readFileSync(join(tmp, 'empty.html'), 'utf8')).toContain('Scan of 0 messages');
  });

  it.each<[string, string[]]>([
    ['no input', ['report']],
    ['an unknown language', ['report', 'x.ndjson', '--lang', 'de']],
    ['an output that is an input', ['report', 'x.ndjson', '-o', 'x.ndjson']],
  ])('exits 2 on %s', (_name, args) => {
    const r = cli(args, tmp);
    expect(r.code).toBe(2);
    // one line and the hint, as for every usage error
    expect(r.stderr).toMatch(/^spypixel report: [^\n]+\nTry 'spypixel report --help'\.\n$/);
  });
});

describe('spypixel scan --shard k/n', () => {
  const parts = (text: string): string[] => text.split('\n').filter((l) => l !== '');
  const sources = (text: string): string[] => parts(text).map((l) => (JSON.parse(l) as { source: string }).source);

  const inputs = ['samples', FIX];
  let whole = '';
  beforeAll(() => {
    whole = cli(['scan', ...inputs, '--format', 'ndjson', '--fail-on', 'none', '-q', '-j', '1']).stdout;
  });

  it.each([2, 3])('splits a run into %i disjoint shards whose concatenation is the whole run', (n) => {
    const shards = Array.from({ length: n }, (_, k) => cli(['scan', ...inputs, '--format', 'ndjson', '--fail-on', 'none', '-q', '-j', '2', '--shard', `${k + 1}/${n}`]).stdout);
    const all = shards.flatMap(sources);
    expect(new Set(all).size).toBe(all.length);
    expect(shards.every((s) => parts(s).length > 0)).toBe(true);
    // Concatenation gives the whole run's lines (in shard order rather than input order).
    expect(shards.flatMap(parts).sort()).toEqual(parts(whole).sort());
  });

  it('puts a message in the same shard whatever path the archive has', () => {
    const copy = join(tmp, 'elsewhere', 'mail');
    cpSync('samples', copy, { recursive: true });
    const here = sources(cli(['scan', 'samples', '--format', 'ndjson', '--fail-on', 'none', '-q', '--shard', '1/2']).stdout);
    const there = sources(cli(['scan', copy, '--format', 'ndjson', '--fail-on', 'none', '-q', '--shard', '1/2']).stdout);
    const base = (s: string): string => s.slice(s.lastIndexOf('/') + 1);
    expect(there.map(base)).toEqual(here.map(base));
  });

  it.each(['0/2', '3/2', 'x', '1/0'])('exits 2 on --shard %s', (v) => {
    const r = cli(['scan', 'samples', '--shard', v]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad --shard');
  });
});
