/**
 * The outline of a report: what the run's aggregates read of it. Worker threads send this beside
 * the formatted report (the report itself goes out as bytes), and `spypixel report` makes it from
 * each NDJSON line, so a scan's summary and the HTML report are computed by the same code.
 */
import type { Confidence, FindingKind, Report } from '../types.js';
import type { IdentifierSample } from '../analysis/identifiers.js';

/**
 * What the aggregates read of a finding.
 *
 * @example
 * const f: FindingOutline = { kind: 'open-pixel', confidence: 'certain', url: 'https://t.example/o.gif', host: 't.example',
 *   thirdParty: true, measurement: 'individual', vendor: null, leaks: [], flags: [] };
 */
export interface FindingOutline {
  readonly kind: FindingKind;
  readonly confidence: Confidence;
  readonly url: string;
  readonly host: string;
  readonly thirdParty: boolean;
  readonly measurement: 'individual' | 'aggregate';
  readonly vendor: { readonly id: string; readonly name: string; readonly category: string } | null;
  /** Encodings and locations of the recipient address in the URL. */
  readonly leaks: readonly { readonly encoding: string; readonly location: string }[];
  /** Flag codes. */
  readonly flags: readonly string[];
}

/**
 * What the aggregates read of a report (a {@link Report} is one once {@link outlineOf} copied it).
 *
 * @example
 * const o: ReportOutline = outlineOf(report);
 */
export interface ReportOutline extends IdentifierSample {
  readonly source: string;
  readonly message: { readonly senderDomain: string | null; readonly subject: string | null; readonly date: string | null };
  readonly findings: readonly FindingOutline[];
  /** Encodings of the address found in ordinary links (not trackers), with the link's host. */
  readonly linkLeaks: readonly { readonly encoding: string; readonly host: string }[];
  readonly errors: readonly { readonly code: string }[];
}

/**
 * The outline of a report: the fields the aggregates read, copied.
 *
 * @example
 * outlineOf(report).findings[0]?.vendor?.name; // 'Google Analytics'
 */
export function outlineOf(r: Report): ReportOutline {
  return {
    source: r.source,
    message: { senderDomain: r.message.senderDomain, subject: r.message.subject, date: r.message.date },
    findings: r.findings.map((f) => ({
      kind: f.kind,
      confidence: f.confidence,
      url: f.url,
      host: f.host,
      thirdParty: f.thirdParty,
      measurement: f.measurement,
      vendor: f.vendor === null ? null : { id: f.vendor.id, name: f.vendor.name, category: f.vendor.category },
      leaks: f.leaks.map((l) => ({ encoding: l.encoding, location: l.location })),
      flags: f.flags.map((x) => x.code),
    })),
    linkLeaks: (r.links ?? []).flatMap((l) => l.leaks.map((x) => ({ encoding: x.encoding, host: l.host }))),
    errors: r.errors.map((e) => ({ code: e.code })),
  };
}
