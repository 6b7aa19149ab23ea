/**
 * Scans one job: the same function runs in worker threads and in-process (`--jobs 1`).
 */
import { decodeHtmlBytes } from '../cli/decode.js';
import { scanEml } from '../scan/eml.js';
import { scanHtml } from '../scan/html.js';
import type { Language, Report, ScanOptions } from '../types.js';
import { errorReport, type ScanJob } from './unit.js';

/**
 * Scan options shared by every job of a run (sent once to each worker).
 *
 * @example
 * const o: JobOptions = { lang: 'en', includeLinks: true, recipient: ['me@mail.example'] };
 */
export interface JobOptions {
  readonly lang: Language;
  readonly includeLinks: boolean;
  readonly recipient?: readonly string[];
}

/**
 * Scans one message. Never rejects: a scanner failure becomes an `internal-error` entry.
 *
 * @example
 * const report = await scanJob({ source: 'a.eml', format: 'eml', bytes }, { lang: 'en', includeLinks: true });
 */
export async function scanJob(job: ScanJob, opts: JobOptions): Promise<Report> {
  const options: ScanOptions = {
    source: job.source,
    lang: opts.lang,
    includeLinks: opts.includeLinks,
    ...(opts.recipient !== undefined && opts.recipient.length > 0 ? { recipient: opts.recipient } : {}),
  };
  try {
    return job.format === 'html' ? scanHtml(decodeHtmlBytes(job.bytes), options) : await scanEml(job.bytes, options);
  } catch (e) {
    return errorReport(job.source, { code: 'internal-error', message: `Scanner failure: ${String(e)}` });
  }
}
