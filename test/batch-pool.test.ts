import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../src/batch/pool.js';
import { scanInOrder, type Scanner } from '../src/batch/run.js';
import type { Unit } from '../src/batch/unit.js';

interface Job {
  id: number;
  delay?: number;
  crash?: 'throw' | 'exit';
}
interface Out {
  id: number;
  threadEcho?: boolean;
  crashed?: string;
}

const url = new URL('./fixtures/batch/echo-worker.mjs', import.meta.url);
const pool = (size: number): WorkerPool<Job, Out> => new WorkerPool<Job, Out>({ url, size, workerData: null, onCrash: (job, why) => ({ id: job.id, crashed: why }) });

function unit(i: number): Unit {
  return { source: `m${i}`, location: null, format: 'eml', bytes: new Uint8Array([i]), error: null, weight: 1, skip: false };
}

async function* units(n: number): AsyncGenerator<Unit> {
  for (let i = 0; i < n; i++) yield unit(i);
}

describe('WorkerPool', () => {
  it('replaces a worker that throws or exits and goes on', async () => {
    const p = pool(2);
    const out = await Promise.all([
      p.run({ id: 1 }),
      p.run({ id: 2, crash: 'throw' }),
      p.run({ id: 3, crash: 'exit' }),
      p.run({ id: 4 }),
      p.run({ id: 5, delay: 5 }),
    ]);
    await p.close();
    expect(out.map((o) => o.id)).toEqual([1, 2, 3, 4, 5]);
    expect(out[1]?.crashed).toContain('boom');
    expect(out[2]?.crashed).toContain('exit code 3');
    expect(out.filter((o) => o.threadEcho === true).map((o) => o.id)).toEqual([1, 4, 5]);
    expect(p.crashes).toBe(2);
  });
});

const scanner = (scan: Scanner['scan']): Scanner => ({ scan, close: async () => undefined, parallelism: 1 });

describe('scanInOrder', () => {
  it('writes results in input order whatever the finishing order, with jobs > 1 (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 6 }), async (delays, window) => {
        let inFlight = 0;
        let maxInFlight = 0;
        const scan = async (job: { source: string }): Promise<never> => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          const i = Number(job.source.slice(1));
          await new Promise((r) => setTimeout(r, delays[i] ?? 0));
          inFlight--;
          return { bytes: new TextEncoder().encode(job.source), outline: { message: { senderDomain: null, subject: null }, findings: [], errors: [] } } as never;
        };
        const seen: string[] = [];
        for await (const d of scanInOrder(units(delays.length), scanner(scan), 'ndjson', window)) seen.push(new TextDecoder().decode(d.result?.bytes));
        expect(seen).toEqual(delays.map((_, i) => `m${i}`));
        expect(maxInFlight).toBeLessThanOrEqual(window);
      }),
      { seed: 42, numRuns: 40 },
    );
  });

  it('keeps order on real worker threads', async () => {
    const p = pool(3);
    const delays = [30, 0, 10, 0, 25, 5, 0, 15];
    const done = await Promise.all(delays.map((delay, id) => p.run({ id, delay })));
    await p.close();
    expect(done.map((d) => d.id)).toEqual(delays.map((_, i) => i));
  });

  it('passes skipped and failed units through without scanning', async () => {
    async function* mixed(): AsyncGenerator<Unit> {
      yield { ...unit(0), skip: true, bytes: null };
      yield { ...unit(1), bytes: null, error: { code: 'limit-exceeded', message: 'too big' } };
    }
    const scan = (): Promise<never> => Promise.reject(new Error('must not scan'));
    const out = [];
    for await (const d of scanInOrder(mixed(), scanner(scan), 'ndjson', 4)) out.push(d);
    expect(out[0]?.result).toBeNull();
    expect(out[1]?.result?.outline.errors[0]?.code).toBe('limit-exceeded');
    expect(JSON.parse(new TextDecoder().decode(out[1]?.result?.bytes))).toMatchObject({ source: 'm1', errors: [{ code: 'limit-exceeded', message: 'too big' }] });
  });
});
