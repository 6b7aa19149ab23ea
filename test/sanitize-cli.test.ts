/**
 * `spypixel sanitize`: output to a file or stdout, atomic --in-place keeping mode and owner,
 * input untouched otherwise, and every failure a one-line coded message with exit code 2.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, existsSync, linkSync, lstatSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sanitizeCommand } from '../src/cli/sanitize-command.js';
import { replaceInPlace } from '../src/cli/sanitize-output.js';
import { scanEml } from '../src/scan/eml.js';

let dir = '';
const fingerprint = (p: string): string => `${createHash('sha256').update(readFileSync(p)).digest('hex')} ${statSync(p).mtimeMs}`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'spypixel-sanitize-'));
  copyFileSync(join('samples', '01-bouygues-like-bill.eml'), join(dir, 'in.eml'));
  copyFileSync(join('samples', '13-bare-html-ga4-meta.html'), join(dir, 'in.html'));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

describe('spypixel sanitize', () => {
  it.each(['in.eml', 'in.html'])('writes %s to -o and leaves the input alone', async (name) => {
    const input = join(dir, name);
    const before = fingerprint(input);
    const out = join(dir, `out-${name}`);
    expect(await sanitizeCommand([input, '-o', out])).toBe(0);
    expect(fingerprint(input)).toBe(before);
    expect(readFileSync(out).equals(readFileSync(input))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes to stdout without -o', async () => {
    const chunks: Buffer[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(((c: Uint8Array, cb?: (e?: Error | null) => void) => {
      chunks.push(Buffer.from(c));
      cb?.(null);
      return true;
    }) as typeof process.stdout.write);
    const input = join(dir, 'in.eml');
    const before = fingerprint(input);
    expect(await sanitizeCommand([input, '-q'])).toBe(0);
    expect(fingerprint(input)).toBe(before);
    const report = await scanEml(Buffer.concat(chunks));
    expect(report.findings.filter((f) => f.confidence !== 'possible')).toEqual([]);
  });

  it('replaces the input only with --in-place, through a renamed temporary file', async () => {
    const input = join(dir, 'in.eml');
    expect(await sanitizeCommand([input, '--in-place'])).toBe(0);
    expect((await scanEml(readFileSync(input))).findings.filter((f) => f.confidence !== 'possible')).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['in.eml', 'in.html']);
    const again = fingerprint(input);
    expect(await sanitizeCommand([input, '--in-place'])).toBe(0);
    expect(fingerprint(input)).toBe(again);
  });

  it.each([
    [['--mode', 'x', 'in.eml']],
    [['in.eml', '-o', 'in.eml']],
    [['in.eml', '--in-place', '-o', 'x.eml']],
    [[]],
    [['missing.eml', '-o', 'x.eml']],
    [['--bogus', 'in.eml']],
  ])('refuses %j with exit code 2', async (args) => {
    const before = fingerprint(join(dir, 'in.eml'));
    expect(await sanitizeCommand(args.map((a) => (a.endsWith('.eml') ? join(dir, a) : a)))).toBe(2);
    expect(fingerprint(join(dir, 'in.eml'))).toBe(before);
    expect(existsSync(join(dir, 'x.eml'))).toBe(false);
  });

  it('keeps non-UTF-8 HTML bytes outside the edits', async () => {
    const input = join(dir, 'latin.html');
    const body = Buffer.concat([Buffer.from('<p>caf'), Buffer.from([0xe9]), Buffer.from('</p><img src="https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cid=42" width=1 height=1>')]);
    writeFileSync(input, body);
    expect(await sanitizeCommand([input, '-o', join(dir, 'o.html')])).toBe(0);
    expect(readFileSync(join(dir, 'o.html'))).toEqual(Buffer.concat([Buffer.from('<p>caf'), Buffer.from([0xe9]), Buffer.from('</p><img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" width=1 height=1>')]));
  });
});

const stderrOf = (): string => (process.stderr.write as unknown as { mock: { calls: unknown[][] } }).mock.calls.map((c) => String(c[0])).join('');
const GA = 'https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cid=42';

describe('spypixel sanitize --in-place keeps what the file was', () => {
  it.each([0o600, 0o640, 0o644])('mode %o and owner', async (mode) => {
    const input = join(dir, 'in.eml');
    chmodSync(input, mode);
    const before = statSync(input);
    expect(await sanitizeCommand([input, '--in-place', '-q'])).toBe(0);
    const after = statSync(input);
    expect(after.ino).not.toBe(before.ino);
    expect(after.mode & 0o7777).toBe(mode);
    expect([after.uid, after.gid]).toEqual([before.uid, before.gid]);
  });

  it('flushes the file and its folder to disk', async () => {
    const handle = await open(join(dir, 'in.html'), 'r');
    const proto = Object.getPrototypeOf(handle) as { sync: () => Promise<void> };
    await handle.close();
    const sync = vi.spyOn(proto, 'sync');
    expect(await sanitizeCommand([join(dir, 'in.eml'), '--in-place', '-q'])).toBe(0);
    expect(sync).toHaveBeenCalledTimes(2);
  });

  it('refuses a symbolic link, and leaves link and target alone', async () => {
    const link = join(dir, 'link.eml');
    symlinkSync('in.eml', link);
    const before = fingerprint(join(dir, 'in.eml'));
    expect(await sanitizeCommand([link, '--in-place'])).toBe(2);
    expect(stderrOf()).toMatch(/unsafe-target: .*symbolic link/);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('in.eml');
    expect(fingerprint(join(dir, 'in.eml'))).toBe(before);
  });

  it('refuses a file with another hard link', async () => {
    linkSync(join(dir, 'in.eml'), join(dir, 'other.eml'));
    const before = fingerprint(join(dir, 'in.eml'));
    expect(await sanitizeCommand([join(dir, 'in.eml'), '--in-place'])).toBe(2);
    expect(stderrOf()).toMatch(/unsafe-target: .*hard link/);
    expect(fingerprint(join(dir, 'in.eml'))).toBe(before);
  });

  it('never leaves a temporary file more readable than the target, and cleans up when the write fails', async () => {
    const input = join(dir, 'in.eml');
    chmodSync(input, 0o600);
    const before = fingerprint(input);
    const modes: number[] = [];
    const failing = replaceInPlace(input, Buffer.from('x'), {
      afterCreate: (temp) => void modes.push(statSync(temp).mode & 0o777),
      beforeRename: (temp) => {
        modes.push(statSync(temp).mode & 0o777);
        throw new Error('killed');
      },
    });
    await expect(failing).rejects.toMatchObject({ code: 'write-failed' });
    expect(modes).toEqual([0o600, 0o600]);
    expect(readdirSync(dir).sort()).toEqual(['in.eml', 'in.html']);
    expect(fingerprint(input)).toBe(before);
  });

  it('a signal during the write removes the temporary file', () => {
    const script = join(dir, 'killed.mts');
    writeFileSync(script, `import { replaceInPlace } from ${JSON.stringify(resolve('src/cli/sanitize-output.ts'))};
await replaceInPlace(${JSON.stringify(join(dir, 'in.eml'))}, Buffer.from('x'), { beforeRename: () => { process.kill(process.pid, 'SIGTERM'); return new Promise(() => setInterval(() => undefined, 1000)); } });`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
    expect(r.signal).toBe('SIGTERM');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('spypixel sanitize -o', () => {
  it('gives a new file the input file\'s permissions', async () => {
    chmodSync(join(dir, 'in.eml'), 0o600);
    expect(await sanitizeCommand([join(dir, 'in.eml'), '-o', join(dir, 'out.eml'), '-q'])).toBe(0);
    expect(statSync(join(dir, 'out.eml')).mode & 0o777).toBe(0o600);
  });

  it('refuses to write through a symbolic link', async () => {
    writeFileSync(join(dir, 'target.eml'), 'keep');
    symlinkSync('target.eml', join(dir, 'out.eml'));
    expect(await sanitizeCommand([join(dir, 'in.eml'), '-o', join(dir, 'out.eml')])).toBe(2);
    expect(readFileSync(join(dir, 'target.eml'), 'utf8')).toBe('keep');
    expect(lstatSync(join(dir, 'out.eml')).isSymbolicLink()).toBe(true);
  });
});

describe('spypixel sanitize failures: one coded line, exit 2, nothing written', () => {
  const cli = (args: string[], stdout: 'pipe' | number, input?: Buffer) => spawnSync(process.execPath, ['dist/cli.js', 'sanitize', ...args], { stdio: [input === undefined ? 'ignore' : 'pipe', stdout, 'pipe'], input, encoding: 'buffer' });
  const oneLine = (stderr: Buffer | string): string => {
    const text = stderr.toString();
    expect(text).not.toMatch(/\n\s+at /);
    expect(text.trim().split('\n')).toHaveLength(1);
    return text;
  };

  it('a refused message', async () => {
    const parts = Array.from({ length: 51 }, (_, i) => `--b\r\nContent-Type: text/html\r\n\r\n<p>${i}</p><img src="${GA}" width=1 height=1>\r\n`).join('');
    writeFileSync(join(dir, 'many.eml'), `From: a@shop.example\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n${parts}--b--\r\n`);
    const r = cli([join(dir, 'many.eml'), '-o', join(dir, 'x.eml')], 'pipe');
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/^spypixel sanitize: sanitize-refused: .*Nothing was written/);
    expect(existsSync(join(dir, 'x.eml'))).toBe(false);
  });

  it('standard output on a full disk (/dev/full)', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = cli([join(dir, 'in.eml')], full);
      expect(r.status).toBe(2);
      expect(oneLine(r.stderr)).toMatch(/write-failed: cannot write to standard output: no space left/);
    } finally {
      closeSync(full);
    }
  });

  it('-o /dev/full', () => {
    const r = cli([join(dir, 'in.eml'), '-o', '/dev/full'], 'pipe');
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/write-failed: cannot write \/dev\/full: no space left/);
  });

  it('a closed pipe', async () => {
    const child = spawn(process.execPath, ['dist/cli.js', 'sanitize', join(dir, 'in.eml')], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const status = await new Promise<number | null>((ok) => child.on('close', (code) => ok(code)));
    expect(status).toBe(2);
    expect(oneLine(stderr)).toMatch(/write-failed: cannot write to standard output: the reader closed the pipe/);
  });

  it('an input that is not a regular file', () => {
    const r = cli(['/dev/zero'], 'pipe');
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/read-failed: \/dev\/zero is not a regular file/);
  });

  it('reads standard input with -', () => {
    const r = cli(['-', '-q'], 'pipe', readFileSync(join(dir, 'in.eml')));
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(r.stdout.equals(readFileSync(join(dir, 'in.eml')))).toBe(false);
  });
});
