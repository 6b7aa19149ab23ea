/**
 * Per-recipient identifiers learned from many messages. Copies of one campaign sent to different
 * people share a URL template; the parts of the URL that differ between the copies identify the
 * recipient, the parts that stay the same identify the campaign. This is how a researcher proves
 * that a pixel measures opens individually without guessing from the shape of a token.
 */
import type { Report } from '../types.js';
import { parseUrl } from '../url/parse.js';

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

interface Sample {
  readonly parts: ReadonlyMap<string, string>;
  readonly source: string;
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

/**
 * Compares the findings of many reports. Messages are grouped by sender domain and subject (copies
 * of one campaign), findings by kind, vendor and URL template; templates seen in at least two
 * messages are returned with their per-recipient and campaign-level parts.
 *
 * @example
 * const copies = await Promise.all([u1, u2].map((raw) => scanEml(raw)));
 * analyseIdentifiers(copies)[0]?.perRecipient; // ['path:1', 'param:e']
 */
export function analyseIdentifiers(reports: readonly Report[]): TemplateIdentifiers[] {
  const groups = new Map<string, { head: Omit<TemplateIdentifiers, 'messages' | 'perRecipient' | 'campaignLevel'>; samples: Sample[] }>();
  for (const r of reports) {
    const seenHere = new Set<string>();
    for (const f of r.findings) {
      const t = templateOf(f.url);
      if (t === null) continue;
      const key = [r.message.senderDomain ?? '', r.message.subject ?? '', f.kind, f.vendor?.id ?? '', t.key].join('\u0000');
      if (seenHere.has(key)) continue; // one sample per message
      seenHere.add(key);
      let g = groups.get(key);
      if (g === undefined) {
        g = {
          head: { sender: r.message.senderDomain, subject: r.message.subject, kind: f.kind, vendor: f.vendor?.id ?? null, template: t.key },
          samples: [],
        };
        groups.set(key, g);
      }
      g.samples.push({ parts: t.parts, source: r.source });
    }
  }
  const out: TemplateIdentifiers[] = [];
  for (const { head, samples } of groups.values()) {
    if (samples.length < 2) continue;
    const first = samples[0];
    if (first === undefined) continue;
    const perRecipient: string[] = [];
    const campaignLevel: string[] = [];
    for (const [part, value] of first.parts) {
      const varies = samples.some((s) => s.parts.get(part) !== value);
      (varies ? perRecipient : campaignLevel).push(part);
    }
    const template = head.template.replace(/^([^/]*)\/\d+/, (_m, host: string) => {
      const segs = [...first.parts.keys()].filter((k) => k.startsWith('path:'));
      return `${host}/${segs.map((k) => (perRecipient.includes(k) ? '*' : first.parts.get(k) ?? '')).join('/')}`;
    });
    out.push({ ...head, template, messages: samples.length, perRecipient, campaignLevel });
  }
  return out;
}
