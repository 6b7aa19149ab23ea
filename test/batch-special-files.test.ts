/**
 * Inputs that are not plain files in plain folders (issue 12, items 6 and 9): devices and FIFOs
 * are read as streams within --max-message-bytes (a FIFO nobody writes to times out), symlinks are
 * followed without looping, unreadable folders and undecodable names give a coded error or a
 * report, never silence.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectBatchInputs, type InputEntry, type WalkFs } from '../src/batch/inputs.js';
import { readUnits, type ReadOptions } from '../src/batch/read.js';
import type { Unit } from '../src/batch/unit.js';

const EML = 'From: a@shop.example\nSubject: x\nContent-Type: text/html\n\n<img src="https://t.example/o.gif?u=3f2b8c1e9d4a4b7e" width=1 height=1>\n';
let root = '';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'spypixel-special-'));
});

async function units(inputs: readonly InputEntry[], opts: Partial<ReadOptions> = {}): Promise<Unit[]> {
  async function* none(): AsyncGenerator<Uint8Array> {}
  const out: Unit[] = [];
  for await (const u of readUnits(inputs, { maxMessageBytes: 1_000_000, isDone: () => false, stdin: none(), ...opts })) out.push(u);
  return out;
}

const summary = (list: readonly InputEntry[], base: string): string[] =>
  list.map((i) => (i.kind === 'file' ? `${i.path.slice(base.length + 1)}` : i.kind === 'error' ? `${i.path.slice(base.length + 1)}!${i.error.code}` : i.kind));

describe('devices and FIFOs (item 6)', () => {
  it('/dev/zero named on the command line is streamed and stops at the limit', async () => {
    const inputs = await collectBatchInputs(['/dev/zero']);
    expect(inputs).toMatchObject([{ kind: 'file', path: '/dev/zero', regular: false }]);
    const out = await units(inputs, { maxMessageBytes: 2_000_000 });
    expect(out.map((u) => [u.source, u.error?.code])).toEqual([['/dev/zero', 'limit-exceeded']]);
  });

  it('the CLI scans /dev/zero into a limit-exceeded report instead of reading it whole', () => {
    const r = spawnSync(process.execPath, ['dist/cli.js', 'scan', '/dev/zero', '--format', 'ndjson', '--max-message-bytes', '1MB', '-j', '1'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(JSON.parse(r.stdout)).toMatchObject({ source: '/dev/zero', errors: [{ code: 'limit-exceeded' }] });
  });

  it('a FIFO named on the command line is read from its writer', async () => {
    const fifo = join(root, 'named.fifo');
    execFileSync('mkfifo', [fifo]);
    const inputs = await collectBatchInputs([fifo]);
    const [out] = await Promise.all([units(inputs), writeFile(fifo, EML)]);
    expect(out.map((u) => [u.source, u.error, Buffer.from(u.bytes ?? []).toString()])).toEqual([[fifo, null, EML]]);
  });

  it('a FIFO that nobody writes to times out with a coded error', async () => {
    const fifo = join(root, 'silent.fifo');
    execFileSync('mkfifo', [fifo]);
    const out = await units(await collectBatchInputs([fifo]), { fifoTimeoutMs: 200 });
    expect(out.map((u) => [u.source, u.error?.code])).toEqual([[fifo, 'file-read-failed']]);
    expect(out[0]?.error?.message).toMatch(/no writer/);
  });

  it('a FIFO met while walking a folder is reported, not opened', async () => {
    const dir = join(root, 'with-fifo');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.eml'), EML);
    execFileSync('mkfifo', [join(dir, 'pipe.eml')]);
    const inputs = await collectBatchInputs([dir]);
    expect(summary(inputs, dir)).toEqual(['a.eml', 'pipe.eml!file-unsupported']);
  });
});

describe('symlinks, unreadable folders, undecodable names (item 9)', () => {
  it('follows symlinks to messages and folders, each folder once, loops included', async () => {
    const dir = join(root, 'links');
    mkdirSync(join(dir, 'real'), { recursive: true });
    writeFileSync(join(dir, 'real', 'm.eml'), EML);
    writeFileSync(join(root, 'outside.eml'), EML);
    symlinkSync(join(root, 'outside.eml'), join(dir, 'link.eml'));
    symlinkSync(join(dir, 'real'), join(dir, 'alias'));
    symlinkSync(dir, join(dir, 'real', 'loop'));
    symlinkSync(join(root, 'nowhere.eml'), join(dir, 'dangling.eml'));
    const inputs = await collectBatchInputs([dir]);
    // `alias` is the folder `real` reached first; `real/loop` leads back to `links` itself
    expect(summary(inputs, dir)).toEqual(['alias/m.eml', 'dangling.eml!file-read-failed', 'link.eml']);
    const out = await units(inputs);
    expect(out.map((u) => u.error?.code ?? Buffer.from(u.bytes ?? []).toString() === EML)).toEqual([true, 'file-read-failed', true]);
  });

  it('an unreadable Maildir subfolder is a coded error, the readable ones are scanned', async () => {
    const dir = join(root, 'Maildir');
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, 'cur', '1.host:2,S'), EML);
    writeFileSync(join(dir, 'new', '2.host'), EML);
    // root reads any folder whatever its mode, so the refusal is injected
    const fs: Partial<WalkFs> = {
      readdir: async (path) => {
        if (String(path).endsWith('/new')) throw Object.assign(new Error(`EACCES: permission denied, scandir '${String(path)}'`), { code: 'EACCES' });
        return (await import('node:fs/promises')).readdir(path, { withFileTypes: true, encoding: 'buffer' });
      },
    };
    const inputs = await collectBatchInputs([dir], fs);
    expect(summary(inputs, dir)).toEqual(['cur/1.host:2,S', 'new!file-read-failed']);
  });

  it('a file name that is not UTF-8 is read, and shown with its odd bytes escaped', async () => {
    const dir = join(root, 'latin1');
    mkdirSync(dir);
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.from([0xe9]), Buffer.from('.eml')]), EML);
    const inputs = await collectBatchInputs([dir]);
    expect(summary(inputs, dir)).toEqual(['caf\\xe9.eml']);
    const out = await units(inputs);
    expect(out.map((u) => [u.source.slice(dir.length + 1), u.error, Buffer.from(u.bytes ?? []).toString()])).toEqual([['caf\\xe9.eml', null, EML]]);
  });
});
