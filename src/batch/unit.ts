/**
 * The unit of work of a batch run and the report line it becomes.
 */
import type { Report, ScanError } from '../types.js';

/**
 * Where a message sits inside an mbox: its file, 0-based index and byte offset of its `From ` line.
 *
 * @example
 * const l: Location = { file: 'inbox.mbox', index: 2, offset: 10240 };
 */
export interface Location {
  readonly file: string;
  readonly index: number;
  readonly offset: number;
}

/**
 * One message to scan (or one input that failed before scanning: then `error` is set and `bytes`
 * is `null`). `weight` is the number of input-file bytes it accounts for, for progress.
 * `skip` marks a message already present in a resumed output.
 *
 * @example
 * const u: Unit = { source: 'a.eml', location: null, format: 'eml', bytes: new Uint8Array(0), error: null, weight: 0, skip: false };
 */
export interface Unit {
  readonly source: string;
  readonly location: Location | null;
  readonly format: 'eml' | 'html';
  readonly bytes: Uint8Array | null;
  readonly error: ScanError | null;
  readonly weight: number;
  readonly skip: boolean;
}

/**
 * The message sent to a scanning worker.
 *
 * @example
 * const j: ScanJob = { source: 'a.eml', format: 'eml', bytes: new Uint8Array(0), location: null };
 */
export interface ScanJob {
  readonly source: string;
  readonly format: 'eml' | 'html';
  readonly bytes: Uint8Array;
  /** Written into the report, which the worker formats. */
  readonly location: Location | null;
}

/**
 * A report as written by the batch CLI: the {@link Report} contract plus, for mbox messages,
 * `location` (an additional top-level field).
 *
 * @example
 * const r: BatchReport = { ...report, location: { file: 'inbox.mbox', index: 0, offset: 0 } };
 */
export type BatchReport = Report & { readonly location?: Location };

/**
 * A report with no message information, for inputs that failed before they could be scanned.
 *
 * @example
 * errorReport('a.eml', { code: 'file-read-failed', message: 'EACCES' });
 */
export function errorReport(source: string, error: ScanError): Report {
  return {
    source,
    message: { from: null, senderDomain: null, to: [], subject: null, date: null, messageId: null },
    findings: [],
    errors: [error],
  };
}
