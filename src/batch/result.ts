/**
 * What a scanned message becomes for the batch writer, made where the report is (in a worker
 * thread when there are several), so that only the report's bytes and a small outline cross threads.
 */
import type { Report } from '../types.js';
import { formatReport, type OutputFormat } from './format.js';
import { outlineOf, type ReportOutline } from './outline.js';
import { PLAIN, type TableStyle } from './table-text.js';
import type { BatchReport, Location } from './unit.js';

/**
 * A scanned message as the batch writer needs it: the report's text in the output format, as
 * UTF-8 bytes (moved, not copied, from a worker thread, and written as they are), and its outline
 * for the summary.
 *
 * @example
 * const r: JobResult = { bytes: utf8('{"source":"a.eml",…}\n'), outline };
 */
export interface JobResult {
  readonly bytes: Uint8Array;
  readonly outline: ReportOutline;
}

const encoder = new TextEncoder();

/**
 * The memory of `bytes` as a transfer list for `postMessage`, when the bytes own all of it;
 * otherwise nothing (the bytes are then copied, and the rest of their buffer is left alone).
 *
 * @example
 * worker.postMessage(job, ownedBuffer(job.bytes));
 */
export function ownedBuffer(bytes: Uint8Array): ArrayBuffer[] {
  const b = bytes.buffer;
  return b instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === b.byteLength ? [b] : [];
}

/**
 * The UTF-8 bytes of a text, in memory of their own (so they can be moved to another thread).
 *
 * @example
 * utf8('é').length; // 2
 */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * The report with its mbox location (an additional top-level field), when it has one.
 *
 * @example
 * withLocation(report, { file: 'inbox.mbox', index: 0, offset: 0 }).location?.index; // 0
 */
export function withLocation(report: Report, location: Location | null): BatchReport {
  return location === null ? report : { ...report, location };
}

/**
 * A report as written: its text in the run's format (UTF-8; a table in the style's language and
 * colours) and its outline.
 *
 * @example
 * resultOf(errorReport('a.eml', error), null, 'csv').outline.errors.length; // 1
 */
export function resultOf(report: Report, location: Location | null, format: OutputFormat, style: TableStyle = PLAIN): JobResult {
  return { bytes: utf8(formatReport(format, withLocation(report, location), style)), outline: outlineOf(report) };
}

