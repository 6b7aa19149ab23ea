/**
 * Worker-thread entry (built as dist/worker.js): receives {@link ScanJob}s one at a time and posts
 * back their reports. A crash here is handled by the pool, which replaces the worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scanJob, type JobOptions } from './scan-job.js';
import type { ScanJob } from './unit.js';

const port = parentPort;
const options = workerData as JobOptions;
if (port !== null) {
  port.on('message', (job: ScanJob) => {
    void scanJob(job, options).then((report) => port.postMessage(report));
  });
}
