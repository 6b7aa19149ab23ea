/**
 * The end-of-run summary, tallied as reports stream by (no report is kept).
 */
import type { Confidence, FindingKind, Report } from '../types.js';
import { IdentifierAnalyser, type IdentifierSample } from '../analysis/identifiers.js';

/**
 * What the summary reads of a finding.
 *
 * @example
 * const f: FindingOutline = { kind: 'open-pixel', confidence: 'certain', url: 'https://t.example/o.gif', vendor: null };
 */
export interface FindingOutline {
  readonly kind: FindingKind;
  readonly confidence: Confidence;
  readonly url: string;
  readonly vendor: { readonly id: string; readonly name: string } | null;
}

/**
 * What the summary reads of a report (a {@link Report} is one). Worker threads send this instead
 * of the whole report: the report itself goes out already formatted.
 *
 * @example
 * const o: ReportOutline = outlineOf(report);
 */
export interface ReportOutline extends IdentifierSample {
  readonly findings: readonly FindingOutline[];
  readonly errors: readonly { readonly code: string }[];
}

/**
 * The outline of a report: the fields {@link Tally} reads, copied.
 *
 * @example
 * outlineOf(report).findings[0]?.vendor?.name; // 'Google Analytics'
 */
export function outlineOf(r: Report): ReportOutline {
  return {
    message: { senderDomain: r.message.senderDomain, subject: r.message.subject },
    findings: r.findings.map((f) => ({
      kind: f.kind,
      confidence: f.confidence,
      url: f.url,
      vendor: f.vendor === null ? null : { id: f.vendor.id, name: f.vendor.name },
    })),
    errors: r.errors.map((e) => ({ code: e.code })),
  };
}

/**
 * Running counts of a batch run.
 *
 * @example
 * const t = new Tally(); t.add(report); formatTally(t);
 */
export class Tally {
  messages = 0;
  withTrackers = 0;
  findings = 0;
  /** Reports read back from a resumed output (already counted in the figures above). */
  resumed = 0;
  readonly byKind = new Map<string, number>();
  readonly byConfidence = new Map<string, number>();
  readonly byVendor = new Map<string, number>();
  readonly errorsByCode = new Map<string, number>();
  /** Per-recipient identifiers learned by comparing copies of the same campaign. */
  readonly identifiers = new IdentifierAnalyser();

  /** Counts one report. */
  add(r: ReportOutline): void {
    this.messages++;
    if (r.findings.length > 0) this.withTrackers++;
    this.findings += r.findings.length;
    for (const f of r.findings) {
      bump(this.byKind, f.kind);
      bump(this.byConfidence, f.confidence);
      bump(this.byVendor, f.vendor?.name ?? '(unknown vendor)');
    }
    for (const e of r.errors) bump(this.errorsByCode, e.code);
    this.identifiers.add(r);
  }
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;

function list(m: ReadonlyMap<string, number>): string {
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${k} ${n}`).join(', ');
}

/**
 * The summary text: messages, with trackers, findings by kind, by vendor, errors by code.
 *
 * @example
 * formatTally(t); // '3 messages scanned, 1 with trackers, 2 findings (2 open-pixel); 0 errors'
 */
export function formatTally(t: Tally): string {
  const errors = [...t.errorsByCode.values()].reduce((a, b) => a + b, 0);
  const kinds = list(t.byKind);
  const lines = [
    `${plural(t.messages, 'message')} scanned, ${t.withTrackers} with trackers, ${plural(t.findings, 'finding')}${kinds ? ` (${kinds})` : ''}; ${plural(errors, 'error')}${errors > 0 ? ` (${list(t.errorsByCode)})` : ''}`,
  ];
  if (t.byVendor.size > 0) lines.push(`by vendor: ${list(t.byVendor)}`);
  if (t.resumed > 0) lines.push(`${plural(t.resumed, 'message')} taken from the resumed output`);
  const templates = t.identifiers.result().filter((x) => x.perRecipient.length > 0);
  if (templates.length > 0) {
    lines.push(`per-recipient identifiers (parts that differ between copies of one campaign):`);
    for (const x of templates.slice(0, 20)) {
      lines.push(`  ${x.vendor ?? x.kind} ${x.template} in ${x.messages} messages: ${x.perRecipient.join(', ')}`);
    }
    if (templates.length > 20) lines.push(`  … and ${templates.length - 20} more templates`);
  }
  return lines.join('\n');
}
