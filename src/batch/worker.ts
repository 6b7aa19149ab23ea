/**
 * Worker-thread entry (built as dist/worker.js): receives {@link ScanJob}s one at a time and posts
 * back their formatted reports (UTF-8 bytes) and outlines. A crash here is handled by the pool,
 * which replaces the worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ownedBuffer } from './result.js';
import { runJob, type JobOptions } from './scan-job.js';
import type { ScanJob } from './unit.js';

const port = parentPort;
const options = workerData as JobOptions;
if (port !== null) {
  port.on('message', (job: ScanJob) => {
    // The report's bytes are moved to the main thread, which writes them without decoding.
    void runJob(job, options).then((result) => port.postMessage(result, ownedBuffer(result.bytes)));
  });
}
