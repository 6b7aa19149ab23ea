/**
 * Output formats of `spypixel scan`. Pure: reports in, text out.
 */
import type { Report } from '../types.js';

/**
 * Output formats.
 *
 * @example
 * const f: OutputFormat = 'ndjson';
 */
export type OutputFormat = 'table' | 'json' | 'ndjson';

function pad(s: string, n: number): string {
  return s.length >= n ? `${s.slice(0, n - 1)}…` : s.padEnd(n);
}

/**
 * One message as a readable block: headers, then one row per finding.
 *
 * @example
 * formatTable(report); // 'samples/01.eml\n  from … \n  open-pixel  certain  Google Analytics …'
 */
export function formatTable(r: Report): string {
  const lines: string[] = [r.source];
  const m = r.message;
  const head = [m.from !== null ? `from ${m.from}` : null, m.subject !== null ? `“${m.subject}”` : null].filter((x) => x !== null);
  if (head.length > 0) lines.push(`  ${head.join(' · ')}`);
  if (r.findings.length === 0) lines.push('  no tracker found');
  else {
    lines.push(`  ${pad('KIND', 15)} ${pad('CONFIDENCE', 10)} ${pad('VENDOR', 26)} ${pad('HOST', 34)} WHAT IT SENDS`);
    for (const f of r.findings) {
      const notes = [
        ...f.flags.map((x) => x.code),
        ...f.leaks.map((l) => `address as ${l.encoding} in ${l.location}`),
        ...(f.count !== undefined && f.count > 1 ? [`${f.count} links`] : []),
      ];
      lines.push(
        `  ${pad(f.kind, 15)} ${pad(f.confidence, 10)} ${pad(f.vendor?.name ?? '(unknown)', 26)} ${pad(f.host, 34)} ${notes.join('; ')}`,
      );
    }
  }
  for (const e of r.errors) lines.push(`  error ${e.code}: ${e.message}`);
  return lines.join('\n');
}

/**
 * The closing summary of a table run.
 *
 * @example
 * formatSummary([report]); // '1 message scanned, 1 with trackers, 3 findings (…); 0 errors'
 */
export function formatSummary(reports: readonly Report[]): string {
  const withTrackers = reports.filter((r) => r.findings.length > 0).length;
  const byKind = new Map<string, number>();
  const byVendor = new Map<string, number>();
  let errors = 0;
  for (const r of reports) {
    errors += r.errors.length;
    for (const f of r.findings) {
      byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
      const v = f.vendor?.name ?? '(unknown vendor)';
      byVendor.set(v, (byVendor.get(v) ?? 0) + 1);
    }
  }
  const total = [...byKind.values()].reduce((a, b) => a + b, 0);
  const kinds = [...byKind].map(([k, n]) => `${n} ${k}`).join(', ');
  const vendors = [...byVendor].sort((a, b) => b[1] - a[1]).map(([v, n]) => `${v} ${n}`).join(', ');
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  return [
    `${plural(reports.length, 'message')} scanned, ${withTrackers} with trackers, ${plural(total, 'finding')}${kinds ? ` (${kinds})` : ''}; ${plural(errors, 'error')}`,
    ...(vendors ? [`by vendor: ${vendors}`] : []),
  ].join('\n');
}

/**
 * Serialises reports in the chosen machine format: `json` is one array, `ndjson` one report per line.
 *
 * @example
 * formatMachine([report], 'ndjson'); // '{"source":…}\n'
 */
export function formatMachine(reports: readonly Report[], format: 'json' | 'ndjson'): string {
  if (format === 'json') return `${JSON.stringify(reports, null, 2)}\n`;
  return reports.map((r) => `${JSON.stringify(r)}\n`).join('');
}
