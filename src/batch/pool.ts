/**
 * A pool of worker threads, one job per worker at a time. A worker that dies (uncaught error,
 * out of memory, exit) is replaced; its job resolves to the caller's crash result, so a batch run
 * never stops on one message.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Options of {@link WorkerPool}.
 *
 * @example
 * const o: PoolOptions<ScanJob, Report> = { url: new URL('./worker.js', import.meta.url), size: 2,
 *   workerData: {}, onCrash: (job, why) => errorReport(job.source, { code: 'internal-error', message: why }) };
 */
export interface PoolOptions<J, R> {
  readonly url: URL;
  readonly size: number;
  readonly workerData: unknown;
  /** The result of a job whose worker died. */
  readonly onCrash: (job: J, reason: string) => R;
  /** Buffers to move (not copy) to the worker with a job. */
  readonly transfer?: (job: J) => ArrayBuffer[];
  readonly resourceLimits?: ResourceLimits;
}

interface Task<J, R> {
  readonly job: J;
  readonly resolve: (r: R) => void;
}

interface Slot<J, R> {
  readonly worker: Worker;
  task: Task<J, R> | null;
  error: string | null;
}

/** After this many crashes in a row without a finished job the workers are deemed unusable. */
const MAX_CRASHES_IN_A_ROW = 5;

/**
 * Runs jobs on worker threads. `run` never rejects.
 *
 * @example
 * const pool = new WorkerPool(options);
 * const report = await pool.run(job);
 * await pool.close();
 */
export class WorkerPool<J, R> {
  private readonly opts: PoolOptions<J, R>;
  private readonly slots = new Set<Slot<J, R>>();
  private readonly queue: Array<Task<J, R>> = [];
  private crashesInARow = 0;
  private closing = false;
  /** How many workers were replaced after a crash. */
  crashes = 0;

  constructor(opts: PoolOptions<J, R>) {
    this.opts = opts;
    for (let i = 0; i < Math.max(1, opts.size); i++) this.spawn();
  }

  /** Queues a job; resolves with its result, or the crash result when its worker dies. */
  run(job: J): Promise<R> {
    return new Promise<R>((resolve) => {
      if (this.crashesInARow >= MAX_CRASHES_IN_A_ROW) {
        resolve(this.opts.onCrash(job, 'worker threads keep failing; message not scanned'));
        return;
      }
      this.queue.push({ job, resolve });
      this.pump();
    });
  }

  /** Stops every worker. Pending jobs are not run. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.slots].map((s) => s.worker.terminate()));
  }

  private spawn(): void {
    const worker = new Worker(this.opts.url, {
      workerData: this.opts.workerData,
      ...(this.opts.resourceLimits ? { resourceLimits: this.opts.resourceLimits } : {}),
    });
    const slot: Slot<J, R> = { worker, task: null, error: null };
    this.slots.add(slot);
    worker.on('message', (result: R) => {
      const task = slot.task;
      slot.task = null;
      this.crashesInARow = 0;
      task?.resolve(result);
      this.pump();
    });
    worker.on('error', (e: Error) => {
      slot.error = `${(e as { code?: string }).code ?? e.name}: ${e.message}`;
    });
    worker.on('exit', (code) => {
      this.slots.delete(slot);
      if (this.closing) return;
      this.crashes++;
      this.crashesInARow++;
      const reason = `worker thread died (${slot.error ?? `exit code ${code}`}); message not scanned`;
      slot.task?.resolve(this.opts.onCrash(slot.task.job, reason));
      if (this.crashesInARow >= MAX_CRASHES_IN_A_ROW) {
        for (const t of this.queue.splice(0)) t.resolve(this.opts.onCrash(t.job, reason));
        return;
      }
      this.spawn();
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.task !== null) continue;
      const task = this.queue.shift();
      if (task === undefined) return;
      slot.task = task;
      slot.worker.postMessage(task.job, this.opts.transfer?.(task.job) ?? []);
    }
  }
}
