/**
 * CSV output: one row per finding, RFC 4180 quoting, and cells that a spreadsheet would run as a
 * formula (`=`, `+`, `-`, `@`, tab, CR) prefixed with `'`. Columns are only ever appended, so a
 * script that reads a column by position keeps working.
 */
import type { Report } from '../types.js';

/**
 * The CSV columns, in order.
 *
 * @example
 * CSV_COLUMNS[0]; // 'source'
 */
export const CSV_COLUMNS = [
  'source',
  'date',
  'sender_domain',
  'kind',
  'vendor',
  'category',
  'host',
  'third_party',
  'confidence',
  'leaks',
  'flags',
  'measurement',
  // Added later, at the end, so that the columns before keep their positions.
  'url',
  'subject',
  'explanation',
] as const;

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * One cell, neutralised against formula injection and quoted when it needs to be.
 *
 * @example
 * csvCell('a,"b"'); // '"a,""b"""'
 * csvCell('=HYPERLINK(1)'); // "'=HYPERLINK(1)"
 */
export function csvCell(value: string): string {
  const safe = value.length > 0 && FORMULA_START.has(value.charAt(0)) ? `'${value}` : value;
  const quote = safe.includes(',') || safe.includes('"') || safe.includes('\n') || safe.includes('\r');
  return quote ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * One CSV record (CRLF-terminated, as RFC 4180 says).
 *
 * @example
 * csvRow(['a', 'b']); // 'a,b\r\n'
 */
export function csvRow(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * The header record.
 *
 * @example
 * csvHeader(); // 'source,date,sender_domain,…\r\n'
 */
export function csvHeader(): string {
  return csvRow(CSV_COLUMNS);
}

/**
 * The records of one report, one per finding (none for a message without findings).
 *
 * @example
 * csvRecords(report).join('');
 */
export function csvRecords(r: Report): string[] {
  return r.findings.map((f) =>
    csvRow([
      r.source,
      r.message.date ?? '',
      r.message.senderDomain ?? '',
      f.kind,
      f.vendor?.name ?? '',
      f.vendor?.category ?? '',
      f.host,
      f.thirdParty ? 'true' : 'false',
      f.confidence,
      f.leaks.map((l) => `${l.encoding}@${l.location}`).join(';'),
      f.flags.map((x) => x.code).join(';'),
      f.measurement,
      f.url,
      r.message.subject ?? '',
      f.explanation,
    ]),
  );
}
