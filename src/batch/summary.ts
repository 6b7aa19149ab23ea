/**
 * The end-of-run summary text of `spypixel scan`, from the run's aggregates (see `aggregate.ts`),
 * in the table's language (error codes stay codes).
 */
import type { FindingKind, Language } from '../types.js';
import { Tally } from './aggregate.js';
import { byCount, UNKNOWN_VENDOR } from './counter.js';
import { TABLE_WORDS } from './table-text.js';

export { Tally } from './aggregate.js';
export { outlineOf, type FindingOutline, type ReportOutline } from './outline.js';

function list(m: ReadonlyMap<string, number>, name: (k: string) => string = (k) => k): string {
  return byCount(m).map(([k, n]) => `${name(k)} ${n}`).join(', ');
}

/**
 * The summary text: messages, with trackers, findings by kind, by vendor, errors by code.
 *
 * @example
 * formatTally(t); // '3 messages scanned, 1 with trackers, 2 findings (open-pixel 2); 0 errors'
 * formatTally(t, 'fr'); // '3 messages analysés, 1 avec traqueurs, 2 détections (pixel d’ouverture 2); 0 erreur'
 */
export function formatTally(t: Tally, lang: Language = 'en'): string {
  const w = TABLE_WORDS[lang];
  const s = w.summary;
  const kindName = (k: string): string => (Object.hasOwn(w.kinds, k) ? w.kinds[k as FindingKind] : k);
  const errors = [...t.errorsByCode.values()].reduce((a, b) => a + b, 0);
  const kinds = list(t.byKind, kindName);
  const findings = `${w.count(t.findings, ...s.finding)}${kinds ? ` (${kinds})` : ''}`;
  const lines = [
    `${s.scanned(w.count(t.messages, ...s.message), t.withTrackers, findings)}; ${w.count(errors, ...s.error)}${errors > 0 ? ` (${list(t.errorsByCode)})` : ''}`,
  ];
  if (t.byVendor.size > 0) lines.push(`${s.byVendor}${list(t.byVendor, (k) => (k === UNKNOWN_VENDOR ? s.unknownVendor : k))}`);
  if (t.resumed > 0) lines.push(s.resumed(w.count(t.resumed, 'message', 'messages')));
  const templates = t.identifiers.result().filter((x) => x.perRecipient.length > 0);
  if (templates.length > 0) {
    lines.push(s.identifiers);
    for (const x of templates.slice(0, 20)) {
      lines.push(`  ${s.template(x.vendor ?? kindName(x.kind), x.template, x.messages, x.perRecipient.join(', '))}`);
    }
    if (templates.length > 20) lines.push(`  ${s.moreTemplates(templates.length - 20)}`);
  }
  return lines.join('\n');
}
