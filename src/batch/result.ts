/**
 * What a scanned message becomes for the batch writer, made where the report is (in a worker
 * thread when there are several), so that only text and a small outline cross threads.
 */
import type { Report } from '../types.js';
import { formatReport, type OutputFormat } from './format.js';
import { outlineOf, type ReportOutline } from './summary.js';
import type { BatchReport, Location } from './unit.js';

/**
 * A scanned message as the batch writer needs it: the report's text in the output format, and
 * its outline for the summary. Both are small to send between threads, unlike the report.
 *
 * @example
 * const r: JobResult = { text: '{"source":"a.eml",…}\n', outline };
 */
export interface JobResult {
  readonly text: string;
  readonly outline: ReportOutline;
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
 * A report as written: its text in the run's format and its outline.
 *
 * @example
 * resultOf(errorReport('a.eml', error), null, 'csv').outline.errors.length; // 1
 */
export function resultOf(report: Report, location: Location | null, format: OutputFormat): JobResult {
  return { text: formatReport(format, withLocation(report, location)), outline: outlineOf(report) };
}

