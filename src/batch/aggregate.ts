/**
 * The aggregates of a batch run, tallied as reports stream by (no report is kept): the one place
 * where a scan's summary (text and `--summary-json`) and `spypixel report` compute their figures.
 * Every map is bounded (see `counter.ts`), so memory stays flat however large the archive.
 */
import { IdentifierAnalyser } from '../analysis/identifiers.js';
import { boundedKey, bump, UNKNOWN_VENDOR } from './counter.js';
import type { ReportOutline } from './outline.js';
import { NO_SENDER, OTHER_SENDERS, SENDER_LIMITS, SenderStats } from './senders.js';

/** Distinct keys kept for open sets written by the scanner (encodings, flag and error codes, vendors). */
const KEYS = 1000;

/**
 * Messages and messages with trackers in one period.
 *
 * @example
 * const p: Period = { messages: 10, withTrackers: 7 };
 */
export interface Period {
  messages: number;
  withTrackers: number;
}

/**
 * Findings and messages of one vendor.
 *
 * @example
 * const v: VendorCount = { name: 'Mailchimp', category: 'esp', messages: 3, findings: 4 };
 */
export interface VendorCount {
  readonly name: string;
  readonly category: string | null;
  messages: number;
  findings: number;
}

/** `YYYY-MM` of an ISO date, or `null` when it does not start like one. */
function monthOf(date: string | null): string | null {
  if (date === null) return null;
  const m = /^(\d{4})-(0[1-9]|1[0-2])/.exec(date);
  return m === null ? null : `${m[1]}-${m[2]}`;
}

/**
 * Running aggregates of a batch run.
 *
 * @example
 * const t = new Tally(); t.add(outlineOf(report)); formatTally(t); summaryOf(t);
 */
export class Tally {
  messages = 0;
  withTrackers = 0;
  findings = 0;
  /** Reports read back from a resumed output (already counted in the figures above). */
  resumed = 0;
  readonly byKind = new Map<string, number>();
  readonly byConfidence = new Map<string, number>();
  /** Findings by vendor name (`(unknown vendor)` when the catalogue names none). */
  readonly byVendor = new Map<string, number>();
  readonly errorsByCode = new Map<string, number>();
  /** Messages and messages with trackers by `YYYY-MM` of their Date header. */
  readonly byMonth = new Map<string, Period>();
  /** Messages without a readable Date header. */
  readonly undated: Period = { messages: 0, withTrackers: 0 };
  /** By vendor id (`''` for findings no catalogue vendor is named for). */
  readonly vendors = new Map<string, VendorCount>();
  /** Messages with a finding of each vendor category (`''` when no vendor is named). */
  readonly categoryMessages = new Map<string, number>();
  /** Findings by `category|thirdParty|measurement|kind` (category `''` when unknown). */
  readonly cube = new Map<string, number>();
  /** Findings that carry the address, by encoding, then by vendor name. */
  readonly leaks = new Map<string, Map<string, number>>();
  /** Address occurrences in ordinary links, by encoding. */
  readonly linkLeaks = new Map<string, number>();
  /** Messages in which the address was found in a tracker or a link. */
  messagesWithLeaks = 0;
  /** Findings by flag code. */
  readonly flags = new Map<string, number>();
  readonly senders = new Map<string, SenderStats>();
  /** Messages kept for the drill-down, over all senders. */
  rowsKept = 0;
  /** Per-recipient identifiers learned by comparing copies of the same campaign. */
  readonly identifiers = new IdentifierAnalyser();

  /** Counts one report. */
  add(r: ReportOutline): void {
    this.messages++;
    const tracked = r.findings.length > 0;
    if (tracked) this.withTrackers++;
    this.findings += r.findings.length;
    const month = monthOf(r.message.date);
    const period = month === null ? this.undated : this.byMonth.get(month) ?? { messages: 0, withTrackers: 0 };
    if (month !== null) this.byMonth.set(month, period);
    period.messages++;
    if (tracked) period.withTrackers++;
    const vendorsHere = new Set<string>();
    for (const f of r.findings) {
      bump(this.byKind, f.kind);
      bump(this.byConfidence, f.confidence);
      bump(this.byVendor, f.vendor?.name ?? UNKNOWN_VENDOR, 1, KEYS);
      const id = boundedKey(this.vendors, f.vendor?.id ?? '', KEYS, '(other)');
      const v = this.vendors.get(id) ?? { name: f.vendor?.name ?? UNKNOWN_VENDOR, category: f.vendor?.category ?? null, messages: 0, findings: 0 };
      this.vendors.set(id, v);
      v.findings++;
      if (!vendorsHere.has(id)) v.messages++;
      vendorsHere.add(id);
      bump(this.cube, `${f.vendor?.category ?? ''}|${f.thirdParty}|${f.measurement}|${f.kind}`, 1, KEYS);
      for (const encoding of new Set(f.leaks.map((l) => l.encoding))) {
        const k = boundedKey(this.leaks, encoding, KEYS, '(other)');
        const byVendor = this.leaks.get(k) ?? new Map<string, number>();
        this.leaks.set(k, byVendor);
        bump(byVendor, f.vendor?.name ?? UNKNOWN_VENDOR, 1, KEYS);
      }
      for (const code of new Set(f.flags)) bump(this.flags, code, 1, KEYS);
    }
    for (const c of new Set(r.findings.map((f) => f.vendor?.category ?? ''))) bump(this.categoryMessages, c, 1, KEYS);
    for (const l of r.linkLeaks) bump(this.linkLeaks, l.encoding, 1, KEYS);
    if (r.linkLeaks.length > 0 || r.findings.some((f) => f.leaks.length > 0)) this.messagesWithLeaks++;
    for (const e of r.errors) bump(this.errorsByCode, e.code, 1, KEYS);
    if (this.senderOf(r.message.senderDomain).add(r, this.rowsKept < SENDER_LIMITS.messages)) this.rowsKept++;
    this.identifiers.add(r);
  }

  private senderOf(domain: string | null): SenderStats {
    const key = boundedKey(this.senders, domain ?? NO_SENDER, SENDER_LIMITS.senders, OTHER_SENDERS);
    const s = this.senders.get(key) ?? new SenderStats();
    this.senders.set(key, s);
    return s;
  }
}
