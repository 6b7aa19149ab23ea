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

interface Template {
  /** Host, segment count and sorted parameter names: what copies of one campaign share. */
  readonly key: string;
  /** `path:<i>` for each segment, then `param:<name>` in name order; `values` in the same order. */
  readonly names: readonly string[];
  readonly values: readonly string[];
}

function templateOf(href: string): Template | null {
  const u = parseUrl(href);
  if (u === null) return null;
  const first = new Map<string, string>();
  for (const [k, v] of u.query) if (!first.has(k)) first.set(k, v);
  const params = [...first.keys()].sort();
  return {
    key: `${u.host}/${u.segments.length}${params.length > 0 ? `?${params.join('&')}` : ''}`,
    names: [...u.segments.map((_, i) => `path:${i}`), ...params.map((k) => `param:${k}`)],
    values: [...u.segments, ...params.map((k) => first.get(k) ?? '')],
  };
}

/**
 * A 53-bit hash (two 32-bit FNV-1a style lanes). Groups and the values of their first message
 * are kept as hashes only: a large archive has about one template per message, and the strings
 * would make the summary's memory grow with the archive. A collision (odds about 1 in 10^10 for
 * a million templates) would merge two templates or hide one varying part.
 */
function hash53(s: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 13;
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

interface Sample {
  readonly head: Omit<TemplateIdentifiers, 'messages' | 'perRecipient' | 'campaignLevel' | 'template'>;
  readonly template: Template;
}

interface Group {
  /** Value hashes of the first message, in {@link Template.names} order. */
  readonly first: readonly number[];
  /** Which parts differed from the first message in a later one (made with the second message). */
  varying: boolean[] | null;
  /** The second message's template, kept once the group is worth reporting. */
  sample: Sample | null;
  messages: number;
}

/**
 * Templates remembered at most. Past it, templates seen in one message only are forgotten, oldest
 * first, so that the memory of a batch run stays bounded however large the archive.
 */
const MAX_GROUPS = 100_000;

/**
 * Learns per-recipient identifiers incrementally, in bounded memory: a template seen once costs a
 * few hashes; the first {@link MAX_GROUPS} templates are remembered, then single-message ones make
 * room, oldest first. Batch scans of large archives feed it one report at a time.
 *
 * @example
 * const a = new IdentifierAnalyser();
 * for await (const report of reports) a.add(report);
 * a.result();
 */
export class IdentifierAnalyser {
  private readonly groups = new Map<number, Group>();

  /** Adds the findings of one message. */
  add(r: IdentifierSample): void {
    const seenHere = new Set<number>();
    for (const f of r.findings) {
      const t = templateOf(f.url);
      if (t === null) continue;
      const id = hash53([r.message.senderDomain ?? '', r.message.subject ?? '', f.kind, f.vendor?.id ?? '', t.key].join('\u0000'));
      if (seenHere.has(id)) continue; // one sample per message
      seenHere.add(id);
      const hashes = t.values.map(hash53);
      const g = this.groups.get(id);
      if (g === undefined) {
        this.remember(id, { first: hashes, varying: null, sample: null, messages: 1 });
        continue;
      }
      g.messages++;
      g.sample ??= { head: { sender: r.message.senderDomain, subject: r.message.subject, kind: f.kind, vendor: f.vendor?.id ?? null }, template: t };
      const varying = (g.varying ??= g.first.map(() => false));
      hashes.forEach((h, i) => {
        if (h !== g.first[i]) varying[i] = true;
      });
    }
  }

  private remember(id: number, g: Group): void {
    if (this.groups.size >= MAX_GROUPS) {
      // Maps iterate in insertion order: the oldest single-message templates go first.
      let drop = Math.ceil(MAX_GROUPS / 10);
      for (const [k, old] of this.groups) {
        if (drop === 0) break;
        if (old.messages > 1) continue;
        this.groups.delete(k);
        drop--;
      }
    }
    this.groups.set(id, g);
  }

  /** Templates seen in at least two messages, with their per-recipient and campaign-level parts. */
  result(): TemplateIdentifiers[] {
    const out: TemplateIdentifiers[] = [];
    for (const g of this.groups.values()) {
      if (g.sample === null || g.messages < 2) continue;
      const { head, template: t } = g.sample;
      const varies = (i: number): boolean => g.varying?.[i] === true;
      const host = t.key.slice(0, t.key.indexOf('/'));
      const query = t.key.includes('?') ? t.key.slice(t.key.indexOf('?')) : '';
      // A part that never varied has the same value in every message: the sample's.
      const path = t.names
        .map((n, i) => (n.startsWith('path:') ? (varies(i) ? '*' : t.values[i] ?? '') : null))
        .filter((x) => x !== null)
        .join('/');
      out.push({
        ...head,
        template: `${host}/${path}${query}`,
        messages: g.messages,
        perRecipient: t.names.filter((_, i) => varies(i)),
        campaignLevel: t.names.filter((_, i) => !varies(i)),
      });
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
