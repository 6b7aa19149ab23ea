import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandGlob, matchSegment } from '../src/batch/glob.js';
import { collectBatchInputs, hintOf, isMaildir } from '../src/batch/inputs.js';
import { readUnits } from '../src/batch/read.js';
import type { Unit } from '../src/batch/unit.js';

let root = '';
const EML = 'From: a@shop.example\nSubject: x\nContent-Type: text/html\n\n<p>hi</p>\n';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'spypixel-inputs-'));
  const files: Record<string, string> = {
    'a.eml': EML,
    'b.html': '<p>b</p>',
    'notes.txt': 'not mail',
    'sub/c.eml': EML,
    'sub/deep/d.eml': EML,
    'sub/.hidden/e.eml': EML,
    'Inbox': `From x@y Mon Jan  1 00:00:00 2024\n${EML}\nFrom z@y Mon Jan  1 00:00:00 2024\n${EML}`,
    'Inbox.msf': 'index data',
    'Maildir/cur/1700000000.M1P2.host:2,S': EML,
    'Maildir/new/1700000001.M1P3.host': EML,
    'Maildir/tmp/1700000002.M1P4.host': EML,
  };
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  writeFileSync(join(root, 'z.eml.gz'), gzipSync(EML));
  writeFileSync(join(root, 'sub', 'renamed.eml'), gzipSync(EML));
});

describe('matchSegment', () => {
  const cases: Array<[string, string, boolean]> = [
    ['*.eml', 'a.eml', true],
    ['*.eml', 'a.html', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['*a*b', 'xaxxb', true],
    ['*a*b', 'xaxxbc', false],
    ['*', '.hidden', false],
    ['.*', '.hidden', true],
    ['**', 'x', true],
    ['', '', true],
  ];
  it.each(cases)('%s ~ %s → %s', (p, n, want) => expect(matchSegment(p, n)).toBe(want));
});

describe('expandGlob', () => {
  it('expands * and ** and skips hidden folders', async () => {
    const rel = (ps: string[]): string[] => ps.map((p) => p.slice(root.length + 1));
    expect(rel(await expandGlob(`${root}/*.eml`))).toEqual(['a.eml']);
    expect(rel(await expandGlob(`${root}/**/*.eml`))).toEqual(['a.eml', 'sub/c.eml', 'sub/deep/d.eml', 'sub/renamed.eml']);
    expect(rel(await expandGlob(`${root}/s?b/*/?.eml`))).toEqual(['sub/deep/d.eml']);
    expect(await expandGlob(`${root}/nothing/*.eml`)).toEqual([]);
  });
});

describe('inputs', () => {
  it('reads hints from names, looking through .gz', () => {
    expect([hintOf('a.EML'), hintOf('x.mbox.gz'), hintOf('Inbox'), hintOf('i.msf'), hintOf('p.htm')]).toEqual(['eml', 'mbox', 'sniff', null, 'html']);
  });

  it('detects a Maildir', async () => {
    expect(await isMaildir(join(root, 'Maildir'))).toBe(true);
    expect(await isMaildir(join(root, 'sub'))).toBe(false);
  });

  it('walks folders in name order, takes every Maildir file, skips non-mail extensions', async () => {
    const inputs = await collectBatchInputs([root, join(root, 'a.eml')]);
    const rel = inputs.map((i) => (i.kind === 'file' ? `${i.path.slice(root.length + 1)}:${i.hint}` : i.kind));
    expect(rel).toEqual([
      'Inbox:sniff',
      'Maildir/cur/1700000000.M1P2.host:2,S:eml',
      'Maildir/new/1700000001.M1P3.host:eml',
      'Maildir/tmp/1700000002.M1P4.host:eml',
      'a.eml:eml',
      'b.html:html',
      'sub/.hidden/e.eml:eml',
      'sub/c.eml:eml',
      'sub/deep/d.eml:eml',
      'sub/renamed.eml:eml',
      'z.eml.gz:eml',
    ]);
  });

  it('reports a missing path and a glob without match as errors', async () => {
    const inputs = await collectBatchInputs([join(root, 'missing.eml'), `${root}/*.nothing`, '-']);
    expect(inputs.map((i) => (i.kind === 'error' ? i.error.code : i.kind))).toEqual(['file-read-failed', 'file-read-failed', 'stdin']);
  });
});

describe('readUnits', () => {
  async function read(paths: string[], max = 1_000_000, stdin: Uint8Array[] = []): Promise<Unit[]> {
    async function* input(): AsyncGenerator<Uint8Array> {
      yield* stdin;
    }
    const out: Unit[] = [];
    for await (const u of readUnits(await collectBatchInputs(paths), { maxMessageBytes: max, isDone: (s) => s.endsWith('#1@102'), stdin: input() })) out.push(u);
    return out;
  }

  it('splits an extensionless mbox, gunzips by magic bytes, and marks resumed messages', async () => {
    const units = await read([join(root, 'Inbox'), join(root, 'sub/renamed.eml'), join(root, 'z.eml.gz')]);
    expect(units.map((u) => [u.source.slice(root.length + 1), u.skip, u.location?.index ?? null])).toEqual([
      ['Inbox#0@0', false, 0],
      ['Inbox#1@102', true, 1],
      ['sub/renamed.eml', false, null],
      ['z.eml.gz', false, null],
    ]);
    expect(Buffer.from(units[2]?.bytes ?? []).toString()).toBe(EML);
    expect(units.reduce((a, u) => a + u.weight, 0)).toBeGreaterThan(0);
  });

  it('gives a too-large message a limit-exceeded unit', async () => {
    const units = await read([join(root, 'a.eml')], 10);
    expect(units[0]?.error?.code).toBe('limit-exceeded');
  });

  it('reads stdin: html by its first character, gzip by magic bytes', async () => {
    const html = await read(['-'], 1000, [Buffer.from('  <img src=x>')]);
    expect([html[0]?.source, html[0]?.format]).toEqual(['stdin', 'html']);
    const gz = gzipSync(EML);
    const eml = await read(['-'], 1000, [gz.subarray(0, 1), gz.subarray(1)]);
    expect([eml[0]?.format, Buffer.from(eml[0]?.bytes ?? []).toString()]).toEqual(['eml', EML]);
  });
});
