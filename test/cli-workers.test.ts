/**
 * Worker threads are covered by the no-network guard, and `--jobs N` really scans in them
 * (issue 12): a probe preloaded into the CLI records, from inside each worker thread, a socket
 * attempt and every result the thread posts back. A build without the worker file scans in one
 * thread and says so.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';

const FIX = join('test', 'fixtures', 'batch');
const PROBE = fileURLToPath(new URL('./fixtures/batch/worker-probe.mjs', import.meta.url));
const REFUSED = /network access attempted in a test/;
const scratch: string[] = [];

afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function probed(cli: string, args: string[]): { code: number | null; stdout: string; stderr: string; probe: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'spypixel-probe-'));
  scratch.push(dir);
  const file = join(dir, 'probe.txt');
  const env = { ...process.env, CI: 'true', SPYPIXEL_PROBE: file, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${JSON.stringify(PROBE)}` };
  const r = spawnSync(process.execPath, [cli, 'scan', ...args], { encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, probe: existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : [] };
}

function message(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

describe('worker threads under the no-network guard', () => {
  it('a worker thread started by a test cannot open a socket (file and eval workers)', async () => {
    const file = new Worker(new URL('./fixtures/batch/socket-worker.mjs', import.meta.url));
    const code = "const net = require('node:net'); const { parentPort } = require('node:worker_threads'); try { net.connect(9, '127.0.0.1'); parentPort.postMessage('connected'); } catch (e) { parentPort.postMessage(e.message); }";
    const evaluated = new Worker(code, { eval: true });
    const outcomes = await Promise.all([message(file), message(evaluated)]);
    await Promise.all([file.terminate(), evaluated.terminate()]);
    expect(outcomes).toEqual([expect.stringMatching(REFUSED), expect.stringMatching(REFUSED)]);
  });

  it('scan --jobs 2 scans in worker threads, and each of them refuses sockets', () => {
    const r = probed('dist/cli.js', [FIX, '--format', 'ndjson', '-j', '2', '-q']);
    expect(r.code).toBe(1);
    const threads = new Set(r.probe.map((l) => l.split(' ')[0]));
    expect(threads.size).toBe(2);
    expect(r.probe.filter((l) => l.includes('socket-'))).toEqual([...threads].map((t) => expect.stringMatching(new RegExp(`^${t} socket-refused network access attempted`))));
    // every report written came back from a worker
    const reports = r.stdout.split('\n').filter((l) => l !== '');
    expect(reports).toHaveLength(7);
    expect(r.probe.filter((l) => l.endsWith(' posted'))).toHaveLength(reports.length);
  });

  it('a build without its worker file scans in one thread, says so, and the probe sees no worker', () => {
    // inside node_modules, so the copy still finds the package's dependencies
    const dir = mkdtempSync(join('node_modules', '.spypixel-noworker-'));
    scratch.push(dir);
    cpSync('dist', dir, { recursive: true, filter: (p) => !p.endsWith('worker.js') && !p.endsWith('worker.js.map') });
    const r = probed(join(dir, 'cli.js'), [FIX, '--format', 'ndjson', '-j', '2', '-q']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/worker\.js is missing: scanning in one thread/);
    expect(r.probe).toEqual([]);
  });
});
