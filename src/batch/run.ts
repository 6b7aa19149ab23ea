/**
 * The batch engine: units in, reports out in input order, with a bounded number of messages in
 * flight (read, queued or being scanned) so memory stays flat whatever the archive size.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OutputFormat } from './format.js';
import { WorkerPool } from './pool.js';
import { ownedBuffer, resultOf, type JobResult } from './result.js';
import type { JobOptions } from './scan-job.js';
import { PLAIN, tableStyle, type TableStyle } from './table-text.js';
import { errorReport, type ScanJob, type Unit } from './unit.js';

/**
 * One finished unit: its formatted report and outline (or `null` for a unit skipped on resume)
 * and its progress weight.
 *
 * @example
 * const d: Done = { result: null, weight: 1024 };
 */
export interface Done {
  readonly result: JobResult | null;
  readonly weight: number;
}

/**
 * Something that scans jobs: in-process or on worker threads.
 *
 * @example
 * const s = createScanner({ jobs: 1, job: { lang: 'en', includeLinks: true, format: 'ndjson' }, workerUrl: null });
 */
export interface Scanner {
  readonly scan: (job: ScanJob) => Promise<JobResult>;
  readonly close: () => Promise<void>;
  /** How many messages could be scanned at once. */
  readonly parallelism: number;
}

/**
 * Options of {@link createScanner}.
 *
 * @example
 * const o: ScannerOptions = { jobs: 2, job: { lang: 'en', includeLinks: true, format: 'ndjson' },
 *   workerUrl: new URL('./worker.js', import.meta.url) };
 */
export interface ScannerOptions {
  readonly jobs: number;
  readonly job: JobOptions;
  /** The built worker file; `null` (or a missing file) scans in-process. */
  readonly workerUrl: URL | null;
}

/**
 * Heap limits of each scanning worker. The young generation decides both speed and resident
 * memory: one message's parse tree and findings must fit in a semi-space (a third of it) or they
 * are copied and promoted mid-scan. Measured with `npm run bench` on 2,000 newsletters: 24 MB
 * makes --jobs 2 take 45 % longer than 28 or 32 MB, and more than 32 MB buys nothing but memory;
 * with 32 MB two workers and the main thread stay near 250 MB on a 1 GB mbox. The old generation
 * cap stops one hostile message from taking the machine: default limits (5 MB of HTML, 20,000
 * URLs) fit in it; a message that does not gets an `internal-error` report from the pool and the
 * run goes on.
 *
 * @example
 * new Worker(url, { resourceLimits: WORKER_LIMITS });
 */
export const WORKER_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 } as const;

/**
 * A scanner for `jobs` parallel messages: worker threads when `jobs > 1` and the worker file
 * exists, the calling thread otherwise.
 *
 * @example
 * const scanner = createScanner(options);
 * const report = await scanner.scan({ source: 'a.eml', format: 'eml', bytes });
 * await scanner.close();
 */
export function createScanner(opts: ScannerOptions): Scanner {
  const url = opts.workerUrl;
  if (opts.jobs <= 1 || url === null || !existsSync(fileURLToPath(url))) {
    // Loaded here, not with this module: with worker threads the main thread never needs it.
    const loading = import('./scan-job.js');
    const scan = async (job: ScanJob): Promise<JobResult> => (await loading).runJob(job, opts.job);
    return { scan, close: async () => undefined, parallelism: 1 };
  }
  const pool = new WorkerPool<ScanJob, JobResult>({
    url,
    size: opts.jobs,
    workerData: opts.job,
    onCrash: (job, reason) => resultOf(errorReport(job.source, { code: 'internal-error', message: reason }), job.location, opts.job.format, tableStyle(opts.job)),
    transfer: (job) => ownedBuffer(job.bytes),
    resourceLimits: WORKER_LIMITS,
  });
  return { scan: (job) => pool.run(job), close: () => pool.close(), parallelism: opts.jobs };
}

function start(unit: Unit, scanner: Scanner, format: OutputFormat, style: TableStyle): Promise<Done> {
  if (unit.skip) return Promise.resolve({ result: null, weight: unit.weight });
  if (unit.error !== null || unit.bytes === null) {
    const error = unit.error ?? { code: 'internal-error' as const, message: 'No bytes to scan.' };
    return Promise.resolve({ result: resultOf(errorReport(unit.source, error), unit.location, format, style), weight: unit.weight });
  }
  return scanner.scan({ source: unit.source, format: unit.format, bytes: unit.bytes, location: unit.location }).then((result) => ({
    result,
    weight: unit.weight,
  }));
}

/**
 * Scans units with at most `window` of them in flight and yields the results in input order.
 * The reorder buffer is the in-flight window itself, so it is bounded too.
 *
 * @example
 * for await (const done of scanInOrder(units, scanner, 'ndjson', 8)) if (done.result) write(done.result.bytes);
 */
export async function* scanInOrder(
  units: AsyncIterable<Unit>,
  scanner: Scanner,
  format: OutputFormat,
  window: number,
  style: TableStyle = PLAIN,
): AsyncGenerator<Done> {
  const it = units[Symbol.asyncIterator]();
  const inFlight: Array<Promise<Done>> = [];
  let exhausted = false;
  for (;;) {
    while (!exhausted && inFlight.length < Math.max(1, window)) {
      const next = await it.next();
      if (next.done === true) exhausted = true;
      else inFlight.push(start(next.value, scanner, format, style));
    }
    const head = inFlight.shift();
    if (head === undefined) return;
    yield await head;
  }
}
