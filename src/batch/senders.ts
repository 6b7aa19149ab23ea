/**
 * Per-sender statistics of a batch run, with a bounded sample of each sender's messages for the
 * report's drill-down. Memory is bounded whatever the archive: at most {@link SENDER_LIMITS}
 * senders (later ones are counted together) and messages kept.
 */
import { bump, clip, UNKNOWN_VENDOR } from './counter.js';
import type { FindingOutline, ReportOutline } from './outline.js';

/**
 * How much the per-sender statistics keep.
 *
 * @example
 * SENDER_LIMITS.messagesPerSender; // 20
 */
export const SENDER_LIMITS = {
  /** Distinct sender domains; the rest are counted under {@link OTHER_SENDERS}. */
  senders: 20_000,
  /** Messages kept for the drill-down, per sender. */
  messagesPerSender: 20,
  /** Messages kept for the drill-down, in all. */
  messages: 20_000,
  /** Vendors and flag codes per sender. */
  keysPerSender: 200,
  /** Characters of a URL or subject kept in the drill-down. */
  text: 300,
} as const;

/**
 * The sender key of messages without a sender domain.
 *
 * @example
 * NO_SENDER; // '(no sender)'
 */
export const NO_SENDER = '(no sender)';

/**
 * The sender key that counts the senders past {@link SENDER_LIMITS}.senders.
 *
 * @example
 * OTHER_SENDERS; // '(other senders)'
 */
export const OTHER_SENDERS = '(other senders)';

/**
 * One finding as the drill-down shows it.
 *
 * @example
 * const f: FindingRow = { kind: 'open-pixel', confidence: 'certain', vendor: 'Mailchimp', host: 'x.list-manage.com',
 *   url: 'https://x.list-manage.com/track/open.php?u=1', thirdParty: true, measurement: 'individual', leaks: [], flags: [] };
 */
export interface FindingRow {
  readonly kind: string;
  readonly confidence: string;
  readonly vendor: string | null;
  readonly host: string;
  /** Cut to {@link SENDER_LIMITS}.text characters. */
  readonly url: string;
  readonly thirdParty: boolean;
  readonly measurement: string;
  /** `encoding@location` of each leak. */
  readonly leaks: readonly string[];
  readonly flags: readonly string[];
}

/**
 * One message as the drill-down shows it.
 *
 * @example
 * const m: MessageRow = { source: 'inbox.mbox#3@10240', date: '2026-01-05T08:00:00.000Z', subject: 'Sale', findings: [],
 *   linkLeaks: [], errors: [] };
 */
export interface MessageRow {
  readonly source: string;
  readonly date: string | null;
  readonly subject: string | null;
  readonly findings: readonly FindingRow[];
  /** `encoding@host` of the address found in ordinary links. */
  readonly linkLeaks: readonly string[];
  readonly errors: readonly string[];
}

/**
 * Running statistics of one sender domain.
 *
 * @example
 * const s = new SenderStats(); s.add(outline, true); s.messages; // 1
 */
export class SenderStats {
  messages = 0;
  withTrackers = 0;
  findings = 0;
  /** Findings that carry the recipient address, and ordinary links that do. */
  leaks = 0;
  thirdParty = 0;
  individual = 0;
  errors = 0;
  /** Messages in which each vendor appears (by name; unknown vendors under {@link UNKNOWN_VENDOR}). */
  readonly vendors = new Map<string, number>();
  /** Findings with each flag code. */
  readonly flags = new Map<string, number>();
  /** Messages kept for the drill-down, in input order. */
  readonly rows: MessageRow[] = [];
  /** Messages with findings or errors that were not kept. */
  rowsOmitted = 0;

  /** Counts one message; keeps it for the drill-down when `keep` and it has something to show. */
  add(r: ReportOutline, keep: boolean): boolean {
    const cap = SENDER_LIMITS.keysPerSender;
    this.messages++;
    if (r.findings.length > 0) this.withTrackers++;
    this.findings += r.findings.length;
    this.errors += r.errors.length;
    this.leaks += r.findings.filter((f) => f.leaks.length > 0).length + (r.linkLeaks.length > 0 ? 1 : 0);
    const vendorsHere = new Set<string>();
    for (const f of r.findings) {
      if (f.thirdParty) this.thirdParty++;
      if (f.measurement === 'individual') this.individual++;
      vendorsHere.add(f.vendor?.name ?? UNKNOWN_VENDOR);
      for (const code of new Set(f.flags)) bump(this.flags, code, 1, cap);
    }
    for (const v of vendorsHere) bump(this.vendors, v, 1, cap);
    const interesting = r.findings.length > 0 || r.errors.length > 0 || r.linkLeaks.length > 0;
    if (!interesting) return false;
    if (!keep || this.rows.length >= SENDER_LIMITS.messagesPerSender) {
      this.rowsOmitted++;
      return false;
    }
    this.rows.push(rowOf(r));
    return true;
  }
}

function findingRow(f: FindingOutline): FindingRow {
  return {
    kind: f.kind,
    confidence: f.confidence,
    vendor: f.vendor?.name ?? null,
    host: clip(f.host),
    url: clip(f.url, SENDER_LIMITS.text),
    thirdParty: f.thirdParty,
    measurement: f.measurement,
    leaks: f.leaks.slice(0, 20).map((l) => clip(`${l.encoding}@${l.location}`)),
    flags: f.flags.slice(0, 20).map((x) => clip(x)),
  };
}

/**
 * The drill-down row of a message (texts cut, at most 50 findings).
 *
 * @example
 * rowOf(outlineOf(report)).findings.length;
 */
export function rowOf(r: ReportOutline): MessageRow {
  return {
    source: clip(r.source, SENDER_LIMITS.text),
    date: r.message.date === null ? null : clip(r.message.date, 40),
    subject: r.message.subject === null ? null : clip(r.message.subject, SENDER_LIMITS.text),
    findings: r.findings.slice(0, 50).map(findingRow),
    linkLeaks: [...new Set(r.linkLeaks.map((l) => clip(`${l.encoding}@${l.host}`)))].slice(0, 20),
    errors: r.errors.slice(0, 20).map((e) => clip(e.code)),
  };
}
