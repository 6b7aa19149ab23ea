/**
 * The end-of-run summary text of `spypixel scan`, from the run's aggregates (see `aggregate.ts`).
 */
import { Tally } from './aggregate.js';
import { byCount } from './counter.js';

export { Tally } from './aggregate.js';
export { outlineOf, type FindingOutline, type ReportOutline } from './outline.js';

const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;

function list(m: ReadonlyMap<string, number>): string {
  return byCount(m).map(([k, n]) => `${k} ${n}`).join(', ');
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
