/**
 * The aggregates of a batch run as data: what `spypixel scan --summary-json FILE` writes and what
 * `spypixel report` draws. Made from a {@link Tally} in one pass over its bounded maps; field names
 * are a public contract like the report's (only ever added to).
 */
import type { TemplateIdentifiers } from '../analysis/identifiers.js';
import type { Tally } from './aggregate.js';
import { byCount } from './counter.js';
import { SENDER_LIMITS, type MessageRow } from './senders.js';

/**
 * One sender domain's line of the per-sender table, with its drill-down.
 *
 * @example
 * summaryOf(tally).senders[0]?.domain; // 'shop.example'
 */
export interface SenderSummary {
  readonly domain: string;
  readonly messages: number;
  readonly withTrackers: number;
  /** `withTrackers / messages`, from 0 to 1. */
  readonly trackedShare: number;
  readonly findings: number;
  /** Findings, and messages' ordinary links, that carry the recipient address. */
  readonly leaks: number;
  readonly thirdParty: number;
  readonly individual: number;
  readonly errors: number;
  /** Vendors by the number of this sender's messages they appear in. */
  readonly vendors: ReadonlyArray<{ readonly name: string; readonly messages: number }>;
  readonly flags: ReadonlyArray<{ readonly code: string; readonly findings: number }>;
  /** Messages with findings or errors, in input order (at most `limits.messagesPerSender`). */
  readonly shown: readonly MessageRow[];
  /** Messages with findings or errors not kept in `shown`. */
  readonly notShown: number;
}

/**
 * The aggregates of a run.
 *
 * @example
 * const s: Summary = summaryOf(tally); s.totals.withTrackers;
 */
export interface Summary {
  readonly format: 'spypixel-summary';
  readonly version: 1;
  readonly totals: {
    readonly messages: number;
    readonly withTrackers: number;
    readonly findings: number;
    readonly messagesWithLeaks: number;
    readonly errors: number;
    readonly senders: number;
    /** Reports taken from a resumed output (included in the figures). */
    readonly resumed: number;
  };
  readonly kinds: ReadonlyArray<{ readonly kind: string; readonly findings: number }>;
  readonly confidence: ReadonlyArray<{ readonly confidence: string; readonly findings: number }>;
  /** By month of the Date header, oldest first; months without messages are left out. */
  readonly months: ReadonlyArray<{ readonly month: string; readonly messages: number; readonly withTrackers: number }>;
  readonly undated: { readonly messages: number; readonly withTrackers: number };
  /** By the number of messages they appear in (`id` is `''` for findings no catalogue vendor is named for). */
  readonly vendors: ReadonlyArray<{ readonly id: string; readonly name: string; readonly category: string | null; readonly messages: number; readonly findings: number }>;
  /** `category` is `null` for findings no catalogue vendor is named for. */
  readonly categories: ReadonlyArray<{
    readonly category: string | null;
    readonly messages: number;
    readonly findings: number;
    readonly firstParty: number;
    readonly thirdParty: number;
    readonly individual: number;
    readonly aggregate: number;
  }>;
  readonly leaks: {
    readonly messages: number;
    /** Findings that carry the address in each encoding, by vendor. */
    readonly byEncoding: ReadonlyArray<{ readonly encoding: string; readonly findings: number; readonly vendors: ReadonlyArray<{ readonly vendor: string; readonly findings: number }> }>;
    /** Addresses found in ordinary links, by encoding. */
    readonly inLinks: ReadonlyArray<{ readonly encoding: string; readonly links: number }>;
  };
  readonly flags: ReadonlyArray<{ readonly code: string; readonly findings: number }>;
  /** Error entries by code. */
  readonly errors: ReadonlyArray<{ readonly code: string; readonly count: number }>;
  /** By number of messages, largest first. */
  readonly senders: readonly SenderSummary[];
  /** URL templates seen in several copies of one campaign whose parts differ between them. */
  readonly identifiers: readonly TemplateIdentifiers[];
  /** The bounds the aggregates were kept within, and what they left out. */
  readonly limits: {
    readonly senders: number;
    readonly messagesPerSender: number;
    readonly messagesShown: number;
    readonly identifierTemplates: number;
    /** Templates with per-recipient parts that were left out past `identifierTemplates`. */
    readonly identifierTemplatesNotShown: number;
  };
}

/** Per-recipient templates kept in the summary. */
const MAX_TEMPLATES = 200;

function sum(m: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const v of m.values()) n += v;
  return n;
}

function categories(t: Tally): Summary['categories'] {
  const rows = new Map<string, { findings: number; firstParty: number; thirdParty: number; individual: number; aggregate: number }>();
  for (const [key, n] of t.cube) {
    const [category = '', third, measurement] = key.split('|');
    const row = rows.get(category) ?? { findings: 0, firstParty: 0, thirdParty: 0, individual: 0, aggregate: 0 };
    rows.set(category, row);
    row.findings += n;
    if (third === 'true') row.thirdParty += n;
    else row.firstParty += n;
    if (measurement === 'individual') row.individual += n;
    else row.aggregate += n;
  }
  return byCount(t.categoryMessages).map(([category, messages]) => ({
    category: category === '' ? null : category,
    messages,
    ...(rows.get(category) ?? { findings: 0, firstParty: 0, thirdParty: 0, individual: 0, aggregate: 0 }),
  }));
}

/**
 * The aggregates of a tally as data (sorted, largest first, ties by name).
 *
 * @example
 * JSON.stringify(summaryOf(tally)); // what --summary-json writes
 */
export function summaryOf(t: Tally): Summary {
  const templates = t.identifiers.result().filter((x) => x.perRecipient.length > 0);
  const senders = [...t.senders]
    .sort((a, b) => b[1].messages - a[1].messages || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([domain, s]): SenderSummary => ({
      domain,
      messages: s.messages,
      withTrackers: s.withTrackers,
      trackedShare: s.messages === 0 ? 0 : s.withTrackers / s.messages,
      findings: s.findings,
      leaks: s.leaks,
      thirdParty: s.thirdParty,
      individual: s.individual,
      errors: s.errors,
      vendors: byCount(s.vendors).map(([name, messages]) => ({ name, messages })),
      flags: byCount(s.flags).map(([code, findings]) => ({ code, findings })),
      shown: s.rows,
      notShown: s.rowsOmitted,
    }));
  return {
    format: 'spypixel-summary',
    version: 1,
    totals: {
      messages: t.messages,
      withTrackers: t.withTrackers,
      findings: t.findings,
      messagesWithLeaks: t.messagesWithLeaks,
      errors: sum(t.errorsByCode),
      senders: t.senders.size,
      resumed: t.resumed,
    },
    kinds: byCount(t.byKind).map(([kind, findings]) => ({ kind, findings })),
    confidence: byCount(t.byConfidence).map(([confidence, findings]) => ({ confidence, findings })),
    months: [...t.byMonth].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([month, p]) => ({ month, messages: p.messages, withTrackers: p.withTrackers })),
    undated: { messages: t.undated.messages, withTrackers: t.undated.withTrackers },
    vendors: [...t.vendors]
      .map(([id, v]) => ({ id, name: v.name, category: v.category, messages: v.messages, findings: v.findings }))
      .sort((a, b) => b.messages - a.messages || b.findings - a.findings || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    categories: categories(t),
    leaks: {
      messages: t.messagesWithLeaks,
      byEncoding: [...t.leaks]
        .map(([encoding, m]) => ({ encoding, findings: sum(m), vendors: byCount(m).map(([vendor, findings]) => ({ vendor, findings })) }))
        .sort((a, b) => b.findings - a.findings || (a.encoding < b.encoding ? -1 : 1)),
      inLinks: byCount(t.linkLeaks).map(([encoding, links]) => ({ encoding, links })),
    },
    flags: byCount(t.flags).map(([code, findings]) => ({ code, findings })),
    errors: byCount(t.errorsByCode).map(([code, count]) => ({ code, count })),
    senders,
    identifiers: templates.sort((a, b) => b.messages - a.messages).slice(0, MAX_TEMPLATES),
    limits: {
      senders: SENDER_LIMITS.senders,
      messagesPerSender: SENDER_LIMITS.messagesPerSender,
      messagesShown: SENDER_LIMITS.messages,
      identifierTemplates: MAX_TEMPLATES,
      identifierTemplatesNotShown: Math.max(0, templates.length - MAX_TEMPLATES),
    },
  };
}
