/**
 * `spypixel sanitize`: output to a file or stdout, atomic --in-place, input untouched otherwise.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sanitizeCommand } from '../src/cli/sanitize-command.js';
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
