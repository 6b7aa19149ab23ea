/**
 * End-to-end: spawns the built CLI on fixtures (mbox, Maildir, .gz, stdin, a corrupt message) and
 * checks outputs, exit codes, resume, and that no input file is modified.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const FIX = join('test', 'fixtures', 'batch');
const MBOX = join(FIX, 'archive.mbox');
let tmp = '';
let gz = '';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], input?: Buffer | string): Run {
  const r = spawnSync(process.execPath, ['dist/cli.js', 'scan', ...args], { input, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const lines = (s: string): Array<{ source: string; location?: unknown; errors: Array<{ code: string }>; findings: unknown[] }> =>
  s.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

function fingerprint(paths: string[]): Record<string, string> {
  return Object.fromEntries(paths.map((p) => [p, `${createHash('sha256').update(readFileSync(p)).digest('hex')} ${statSync(p).mtimeMs}`]));
}

let before: Record<string, string> = {};

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'spypixel-cli-'));
  gz = join(tmp, 'archive.mbox.gz');
  writeFileSync(gz, gzipSync(readFileSync(MBOX)));
  copyFileSync(join(FIX, 'single.eml'), join(tmp, 'renamed.bin'));
  writeFileSync(join(tmp, 'renamed.bin.gz'), gzipSync(readFileSync(join(FIX, 'single.eml'))));
  before = fingerprint([...files(FIX), gz, join(tmp, 'renamed.bin.gz')]);
});

afterAll(() => {
  expect(fingerprint(Object.keys(before))).toEqual(before);
});

describe('spypixel scan (batch)', () => {
  it('streams an mbox: three messages with index, offset and location, >From unquoted', () => {
    const r = cli([MBOX, '--format', 'ndjson']);
    expect(r.code).toBe(1);
    const out = lines(r.stdout);
    expect(out.map((x) => x.source)).toEqual([`${MBOX}#0@0`, `${MBOX}#1@624`, `${MBOX}#2@915`]);
    expect(out[1]?.location).toEqual({ file: MBOX, index: 1, offset: 624 });
    expect(out.map((x) => x.findings.length)).toEqual([1, 0, 1]);
    expect(r.stderr).toContain('3 messages scanned, 2 with trackers');
  });

  it('reads a Maildir, a gzip file (by name and by magic bytes) and stdin', () => {
    const r = cli([join(FIX, 'Maildir'), gz, join(tmp, 'renamed.bin.gz'), '-', '--format', 'ndjson', '--fail-on', 'none'], readFileSync(join(FIX, 'single.eml')));
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out.map((x) => x.source.replace(tmp, 'TMP'))).toEqual([
      join(FIX, 'Maildir', 'cur', '1704100000.M1P1.host,S=400'),
      join(FIX, 'Maildir', 'new', '1704200000.M2P2.host'),
      'TMP/archive.mbox.gz#0@0',
      'TMP/archive.mbox.gz#1@624',
      'TMP/archive.mbox.gz#2@915',
      'TMP/renamed.bin.gz',
      'stdin',
    ]);
    expect(out.map((x) => x.findings.length)).toEqual([1, 0, 1, 0, 1, 1, 1]);
  });

  it('gives a corrupt and a too-large message coded errors and goes on', () => {
    const r = cli([join(FIX, 'corrupt.eml'), MBOX, '--format', 'ndjson', '--max-message-bytes', '500', '-j', '2']);
    const out = lines(r.stdout);
    expect(out.map((x) => x.errors.map((e) => e.code))).toEqual([['mime-parse-failed', 'no-html-body'], ['limit-exceeded'], ['no-html-body'], []]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/errors \(.*limit-exceeded 1/);
  });

  it('writes the same reports in the same order with --jobs 1 and --jobs 2', () => {
    const one = cli([FIX, gz, '--format', 'ndjson', '-j', '1']);
    const two = cli([FIX, gz, '--format', 'ndjson', '-j', '2']);
    expect(two.stdout).toBe(one.stdout);
    expect(lines(one.stdout)).toHaveLength(10);
  });

  // Worker threads format their own reports and send the summary an outline: every format and the
  // summary must come out as when the main thread does it all.
  it.each(['table', 'json', 'csv'])('writes the same %s output and summary with --jobs 1 and --jobs 2', (format) => {
    const one = cli([FIX, gz, '--format', format, '-j', '1']);
    const two = cli([FIX, gz, '--format', format, '-j', '2']);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
    expect(two.code).toBe(one.code);
    expect(`${one.stdout}${one.stderr}`).toMatch(/10 messages scanned, 6 with trackers/);
  });

  it('writes csv with a header and one row per finding, and valid json', () => {
    const csv = cli([MBOX, '--format', 'csv']).stdout.split('\r\n');
    expect(csv[0]).toBe('source,date,sender_domain,kind,vendor,category,host,third_party,confidence,leaks,flags,measurement,url,subject,explanation');
    expect(csv.filter((l) => l !== '')).toHaveLength(3);
    expect(csv[1]).toContain(`${MBOX}#0@0,2024-01-01T09:00:00.000Z,shop.example,beacon,Google Analytics,analytics,www.google-analytics.com,true,certain`);
    const json = JSON.parse(cli([MBOX, '--format', 'json']).stdout) as unknown[];
    expect(json).toHaveLength(3);
    expect(JSON.parse(cli([join(tmp, 'nothing-*.eml'), '--format', 'json']).stdout)).toHaveLength(1);
  });

  it('resumes an interrupted run: drops the torn last record, appends the rest, skips what is written', () => {
    const out = join(tmp, 'run.ndjson');
    const full = cli([FIX, '--format', 'ndjson', '-o', out]);
    expect(full.stdout).toBe('');
    const complete = readFileSync(out, 'utf8');
    const all = lines(complete).map((x) => x.source);
    const kept = complete.slice(0, complete.indexOf('\n', complete.indexOf('\n') + 1) + 1);
    const cut = `${kept}${complete.slice(kept.length, kept.length + 40)}`;
    writeFileSync(out, cut);
    expect(cli([FIX, '--format', 'ndjson', '-o', out]).code).toBe(2);
    const r = cli([FIX, '--resume', out]);
    expect(r.code).toBe(1);
    const after = readFileSync(out, 'utf8');
    // the two complete records stay byte for byte; the torn one is gone, not left as a bad line
    expect(after.startsWith(kept)).toBe(true);
    expect(lines(after).map((x) => x.source)).toEqual(all);
    expect(r.stderr).toContain(`${all.length} messages scanned`);
    expect(r.stderr).toContain('2 messages taken from the resumed output');
  });

  it('resume matches sources by resolved path, however they are spelled', () => {
    const out = join(tmp, 'spelled.ndjson');
    const relative = join('test', 'fixtures', 'batch', 'archive.mbox');
    expect(cli([`./${relative}`, '--format', 'ndjson', '-o', out]).code).toBe(1);
    const first = readFileSync(out, 'utf8');
    const r = cli([relative, join(process.cwd(), relative), '--resume', out]);
    expect(r.code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe(first);
    expect(r.stderr).toContain('3 messages taken from the resumed output');
  });

  it('refuses to resume into a file whose last line is no cut report, and leaves it alone', () => {
    const out = join(tmp, 'not-ours.txt');
    writeFileSync(out, 'From someone\nSubject: a letter without a final newline');
    const r = cli([MBOX, '--resume', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/does not end with a cut report/);
    expect(readFileSync(out, 'utf8')).toBe('From someone\nSubject: a letter without a final newline');
  });

  it('exits 2 on usage and I/O errors', () => {
    expect(cli([MBOX, '--format', 'xml']).code).toBe(2);
    expect(cli([MBOX, '--jobs', '0']).code).toBe(2);
    expect(cli([]).code).toBe(2);
    expect(cli([MBOX, '--resume', join(tmp, 'r.ndjson'), '--format', 'csv']).code).toBe(2);
    const missing = cli([join(tmp, 'missing.eml'), '--format', 'ndjson']);
    expect(missing.code).toBe(2);
    expect(lines(missing.stdout)[0]?.errors[0]?.code).toBe('file-read-failed');
  });

  it('prints a table with the summary on stdout by default', () => {
    const r = cli([MBOX, '--fail-on', 'none']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${MBOX}#0@0`);
    expect(r.stdout).toContain('3 messages scanned, 2 with trackers');
    expect(r.stderr).toBe('');
  });
});
