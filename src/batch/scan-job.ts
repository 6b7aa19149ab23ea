/**
 * Scans one job: the same function runs in worker threads and in-process (`--jobs 1`).
 */
import { decodeHtmlBytes } from '../cli/decode.js';
import { scanEml } from '../scan/eml.js';
import { scanHtml } from '../scan/html.js';
import { DEFAULT_LIMITS, LIMIT_RANGES } from '../limits.js';
import type { Language, Report, ScanOptions } from '../types.js';
import type { OutputFormat } from './format.js';
import { resultOf, type JobResult } from './result.js';
import { errorReport, type ScanJob } from './unit.js';

/**
 * Scan options shared by every job of a run (sent once to each worker).
 *
 * @example
 * const o: JobOptions = { lang: 'en', includeLinks: true, recipient: ['me@mail.example'], format: 'ndjson' };
 */
export interface JobOptions {
  readonly lang: Language;
  readonly includeLinks: boolean;
  readonly recipient?: readonly string[];
  /** The output format the report is written in. */
  readonly format: OutputFormat;
}

/**
 * The `maxRecipients` of a run given `n` addresses with `--recipient`: the default budget for the
 * message's own addresses on top of them, within the limit's range.
 *
 * @example
 * recipientBudget(3); // 203
 */
export function recipientBudget(n: number): number {
  return Math.min(LIMIT_RANGES.maxRecipients[1], DEFAULT_LIMITS.maxRecipients + n);
}

/**
 * Scans one message. Never rejects: a scanner failure becomes an `internal-error` entry.
 *
 * @example
 * const report = await scanJob({ source: 'a.eml', format: 'eml', bytes, location: null }, options);
 */
export async function scanJob(job: ScanJob, opts: JobOptions): Promise<Report> {
  const given = opts.recipient ?? [];
  const options: ScanOptions = {
    source: job.source,
    lang: opts.lang,
    includeLinks: opts.includeLinks,
    // the addresses asked for on the command line never use up the budget of the message's own
    ...(given.length > 0 ? { recipient: given, limits: { maxRecipients: recipientBudget(given.length) } } : {}),
  };
  try {
    return job.format === 'html' ? scanHtml(decodeHtmlBytes(job.bytes), options) : await scanEml(job.bytes, options);
  } catch (e) {
    return errorReport(job.source, { code: 'internal-error', message: `Scanner failure: ${String(e)}` });
  }
}

/**
 * Scans one message and formats its report.
 *
 * @example
 * const { text } = await runJob(job, { lang: 'en', includeLinks: true, format: 'ndjson' });
 */
export async function runJob(job: ScanJob, opts: JobOptions): Promise<JobResult> {
  return resultOf(await scanJob(job, opts), job.location, opts.format);
}
