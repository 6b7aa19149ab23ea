/**
 * Output formats of `spypixel scan`. Pure: reports in, text out; each format is written one
 * report at a time so that nothing is kept in memory. A report's text is made where the report is
 * (a worker thread formats its own reports, in parallel); the writer only frames the texts.
 */
import { csvHeader, csvRecords } from './csv.js';
import { terminalSafe as t } from './terminal.js';
import type { BatchReport } from './unit.js';
import type { Report } from '../types.js';

/**
 * Output formats.
 *
 * @example
 * const f: OutputFormat = 'ndjson';
 */
export type OutputFormat = 'table' | 'json' | 'ndjson' | 'csv';

/**
 * The output formats, for validation.
 *
 * @example
 * OUTPUT_FORMATS.includes('csv'); // true
 */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'ndjson', 'csv'];

function pad(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n);
}

/** URLs longer than this are cut in the table (JSON, NDJSON and CSV keep them whole). */
const TABLE_URL_CHARS = 300;

function clipUrl(url: string): string {
  return url.length > TABLE_URL_CHARS ? `${url.slice(0, TABLE_URL_CHARS - 1)}…` : url;
}

/**
 * One message as a readable block: headers, then one row per finding followed by its URL (cut
 * after 300 characters). It is meant for a terminal, so every text that comes from the message is
 * shown with control characters escaped.
 *
 * @example
 * formatTable(report); // 'samples/01.eml\n  from … \n  open-pixel  certain  Google Analytics …'
 */
export function formatTable(r: Report): string {
  const lines: string[] = [t(r.source)];
  const m = r.message;
  const head = [m.from !== null ? `from ${t(m.from)}` : null, m.subject !== null ? `“${t(m.subject)}”` : null].filter((x) => x !== null);
  if (head.length > 0) lines.push(`  ${head.join(' · ')}`);
  if (r.findings.length === 0) lines.push('  no tracker found');
  else {
    lines.push(`  ${pad('KIND', 15)} ${pad('CONFIDENCE', 10)} ${pad('VENDOR', 26)} ${pad('HOST', 34)} WHAT IT SENDS`);
    for (const f of r.findings) {
      const notes = [
        f.measurement === 'individual' ? 'tracks you individually' : 'counts opens in aggregate',
        ...f.flags.filter((x) => !x.code.startsWith('recipient-address')).map((x) => t(x.code)),
        ...f.leaks.map((l) => `address as ${t(l.encoding)} in ${t(l.location)}`),
        ...(f.count !== undefined && f.count > 1 ? [f.kind === 'click-redirect' ? `${f.count} links` : `loaded ${f.count}×`] : []),
      ];
      lines.push(
        `  ${pad(f.kind, 15)} ${pad(f.confidence, 10)} ${pad(t(f.vendor?.name ?? '(unknown)'), 26)} ${pad(t(f.host), 34)} ${notes.join('; ')}`,
      );
      lines.push(`    ${t(clipUrl(f.url))}`);
    }
  }
  for (const e of r.errors) lines.push(`  error ${e.code}: ${t(e.message)}`);
  return lines.join('\n');
}

/**
 * The text of one report in a format, without what frames the reports (the JSON array's
 * brackets and commas, the CSV header): see {@link writerFor}.
 *
 * @example
 * formatReport('ndjson', report); // '{"source":…}\n'
 */
export function formatReport(format: OutputFormat, r: BatchReport): string {
  switch (format) {
    case 'table':
      return `${formatTable(r)}\n\n`;
    case 'ndjson':
      return `${JSON.stringify(r)}\n`;
    case 'csv':
      return csvRecords(r).join('');
    case 'json':
      return JSON.stringify(r, null, 2);
  }
}

/**
 * What frames one format's reports: text before the first report, before each report (the JSON
 * array's commas), and after the last. The reports themselves are {@link formatReport}'s texts.
 *
 * @example
 * const w = writerFor('json'); w.begin() + w.before() + formatReport('json', r) + w.end(); // '[\n{…}\n]\n'
 */
export interface ReportWriter {
  begin(): string;
  before(): string;
  end(): string;
}

/**
 * The writer of a format. `json` is one array (valid even when empty), `ndjson` one report per
 * line, `csv` one row per finding under a header.
 *
 * @example
 * writerFor('csv').begin(); // 'source,date,…\r\n'
 */
export function writerFor(format: OutputFormat): ReportWriter {
  let first = true;
  switch (format) {
    case 'table':
    case 'ndjson':
      return { begin: () => '', before: () => '', end: () => '' };
    case 'csv':
      return { begin: csvHeader, before: () => '', end: () => '' };
    case 'json':
      return {
        begin: () => '[',
        before: () => {
          const sep = first ? '\n' : ',\n';
          first = false;
          return sep;
        },
        end: () => '\n]\n',
      };
  }
}
