/**
 * Per-recipient identifiers learned from many messages. Copies of one campaign sent to different
 * people share a URL template; the parts of the URL that differ between the copies identify the
 * recipient, the parts that stay the same identify the campaign. This is how a researcher proves
 * that a pixel measures opens individually without guessing from the shape of a token.
 */
import type { Report } from '../types.js';
import { parseUrl } from '../url/parse.js';

/**
 * What the comparison reads of a report (a {@link Report} is one), so that a batch run can send
 * just this between threads.
 *
 * @example
 * const s: IdentifierSample = { message: { senderDomain: 'shop.example', subject: 'Sale' },
 *   findings: [{ kind: 'open-pixel', url: 'https://t.example/o.gif?u=1', vendor: null }] };
 */
export interface IdentifierSample {
  readonly message: { readonly senderDomain: string | null; readonly subject: string | null };
  readonly findings: readonly { readonly kind: string; readonly url: string; readonly vendor: { readonly id: string } | null }[];
}

/**
 * What the comparison found for one tracker URL template.
 *
 * @example
 * const t: TemplateIdentifiers = { sender: 'shop.example', subject: 'Sale', kind: 'open-pixel', vendor: 'mailchimp',
 *   template: 'x.list-manage.com/track/open.php?e&id&u', messages: 2, perRecipient: ['param:e'],
 *   campaignLevel: ['param:id', 'param:u'] };
 */
export interface TemplateIdentifiers {
  readonly sender: string | null;
  readonly subject: string | null;
  readonly kind: string;
  readonly vendor: string | null;
  /** Host, path with varying segments as `*`, and the sorted parameter names. */
  readonly template: string;
  /** How many messages carry this template. */
  readonly messages: number;
  /** URL parts whose values differ between messages (`param:<name>` or `path:<index>`). */
  readonly perRecipient: readonly string[];
  /** URL parts that have the same value in every message. */
  readonly campaignLevel: readonly string[];
}

function templateOf(href: string): { key: string; parts: Map<string, string> } | null {
  const u = parseUrl(href);
  if (u === null) return null;
  const parts = new Map<string, string>();
  u.segments.forEach((s, i) => parts.set(`path:${i}`, s));
  for (const [k, v] of u.query) if (!parts.has(`param:${k}`)) parts.set(`param:${k}`, v);
  const names = [...new Set(u.query.map(([k]) => k))].sort().join('&');
  // Segment count and parameter names make the template; values are what we compare.
  return { key: `${u.host}/${u.segments.length}${names.length > 0 ? `?${names}` : ''}`, parts };
}

interface Group {
  readonly head: Omit<TemplateIdentifiers, 'messages' | 'perRecipient' | 'campaignLevel' | 'template'> & { readonly key: string };
  readonly first: ReadonlyMap<string, string>;
  readonly varying: Set<string>;
  messages: number;
}

/**
 * Learns per-recipient identifiers incrementally, in memory bounded by the number of distinct
 * templates (not messages): each template keeps its first sample and the set of parts seen to vary.
 * Batch scans of large archives feed it one report at a time.
 *
 * @example
 * const a = new IdentifierAnalyser();
 * for await (const report of reports) a.add(report);
 * a.result();
 */
export class IdentifierAnalyser {
  private readonly groups = new Map<string, Group>();

  /** Adds the findings of one message. */
  add(r: IdentifierSample): void {
    const seenHere = new Set<string>();
    for (const f of r.findings) {
      const t = templateOf(f.url);
      if (t === null) continue;
      const key = [r.message.senderDomain ?? '', r.message.subject ?? '', f.kind, f.vendor?.id ?? '', t.key].join('\u0000');
      if (seenHere.has(key)) continue; // one sample per message
      seenHere.add(key);
      const g = this.groups.get(key);
      if (g === undefined) {
        this.groups.set(key, {
          head: { sender: r.message.senderDomain, subject: r.message.subject, kind: f.kind, vendor: f.vendor?.id ?? null, key: t.key },
          first: t.parts,
          varying: new Set(),
          messages: 1,
        });
        continue;
      }
      g.messages++;
      for (const [part, value] of g.first) if (t.parts.get(part) !== value) g.varying.add(part);
    }
  }

  /** Templates seen in at least two messages, with their per-recipient and campaign-level parts. */
  result(): TemplateIdentifiers[] {
    const out: TemplateIdentifiers[] = [];
    for (const g of this.groups.values()) {
      if (g.messages < 2) continue;
      const perRecipient = [...g.first.keys()].filter((p) => g.varying.has(p));
      const campaignLevel = [...g.first.keys()].filter((p) => !g.varying.has(p));
      const host = g.head.key.slice(0, g.head.key.indexOf('/'));
      const query = g.head.key.includes('?') ? g.head.key.slice(g.head.key.indexOf('?')) : '';
      const path = [...g.first.keys()]
        .filter((k) => k.startsWith('path:'))
        .map((k) => (g.varying.has(k) ? '*' : g.first.get(k) ?? ''))
        .join('/');
      const { key: _key, ...head } = g.head;
      out.push({ ...head, template: `${host}/${path}${query}`, messages: g.messages, perRecipient, campaignLevel });
    }
    return out;
  }
}

/**
 * Compares the findings of many reports. Messages are grouped by sender domain and subject (copies
 * of one campaign), findings by kind, vendor and URL template; templates seen in at least two
 * messages are returned with their per-recipient and campaign-level parts.
 *
 * @example
 * const copies = await Promise.all([u1, u2].map((raw) => scanEml(raw)));
 * analyseIdentifiers(copies)[0]?.perRecipient; // ['path:1', 'param:e']
 */
export function analyseIdentifiers(reports: Iterable<IdentifierSample>): TemplateIdentifiers[] {
  const a = new IdentifierAnalyser();
  for (const r of reports) a.add(r);
  return a.result();
}
