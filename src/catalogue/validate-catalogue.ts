/**
 * Cross-entry checks of the whole catalogue: unique ids, no host claimed twice, and every rule's
 * examples behave (hits match that vendor and rule with the declared kind, misses do not).
 */
import { parseUrl } from '../url/parse.js';
import { compileCatalogue } from './compile.js';
import { hostPatternMatch, hostSuffixes } from './pattern.js';
import type { CatalogueIndex, VendorEntry } from './types.js';

/**
 * Checks that ids are unique and that no host pattern belongs to two vendors (as a dedicated host,
 * or as a rule host of one vendor and a host of another).
 *
 * @example
 * crossEntryProblems(VENDORS); // []
 */
export function crossEntryProblems(entries: readonly VendorEntry[]): string[] {
  const out: string[] = [];
  const ids = new Set<string>();
  const owner = new Map<string, string>();
  for (const e of entries) {
    if (ids.has(e.id)) out.push(`${e.id}: duplicate vendor id`);
    ids.add(e.id);
    for (const h of e.hosts) {
      const prev = owner.get(h);
      if (prev !== undefined && prev !== e.id) out.push(`${e.id}: host "${h}" already belongs to ${prev}`);
      else if (prev === e.id) out.push(`${e.id}: host "${h}" listed twice`);
      owner.set(h, e.id);
    }
  }
  for (const e of entries) {
    for (const r of e.rules) {
      for (const h of r.hosts ?? []) {
        const prev = owner.get(h);
        if (prev !== undefined && prev !== e.id) out.push(`${e.id}/${r.id}: rule host "${h}" is a host of ${prev}`);
      }
    }
  }
  return out;
}

/** The host of a vendor's public website, without a leading `www.`; `null` when unreadable. */
function websiteHost(entry: VendorEntry): string | null {
  const host = parseUrl(entry.website)?.host ?? null;
  return host === null ? null : host.startsWith('www.') ? host.slice(4) : host;
}

/**
 * Checks that no vendor's public website is a dedicated tracking host (of that vendor or another).
 * A dedicated host makes every link to it a click redirect, so `mailchimp.com` or `sendgrid.com`
 * there would turn pricing pages and blog links into trackers. A vendor whose website also serves
 * tracking paths (a link shortener, `mailtrack.io/trace/…`) lists it in the rule's `hosts`.
 *
 * @example
 * websiteHostProblems([{ ...entry, website: 'https://acme.example/', hosts: ['acme.example'] }]);
 * // ['acme: website host "acme.example" is listed as a dedicated tracking host of acme']
 */
export function websiteHostProblems(entries: readonly VendorEntry[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const site = websiteHost(e);
    if (site === null) continue;
    const suffixes = hostSuffixes(site);
    for (const other of entries) {
      for (const h of other.hosts) {
        if (suffixes.some((s) => hostPatternMatch(h, s))) {
          out.push(`${e.id}: website host "${site}" is listed as a dedicated tracking host of ${other.id}`);
        }
      }
    }
  }
  return out;
}

/**
 * Checks one vendor's rule examples against a compiled index (the whole catalogue, so that a hit
 * stolen by another vendor is reported too).
 *
 * @example
 * exampleProblems(compileCatalogue(VENDORS), entry); // []
 */
export function exampleProblems(index: CatalogueIndex, entry: VendorEntry): string[] {
  const out: string[] = [];
  for (const rule of entry.rules) {
    const ruleId = `${entry.id}/${rule.id}`;
    for (const hit of rule.examples.hit) {
      const url = parseUrl(hit);
      const m = url === null ? null : index.matchDirect(url);
      if (m?.ruleId !== ruleId) out.push(`${ruleId}: hit ${hit} matched ${m?.ruleId ?? m?.vendor.id ?? 'nothing'}`);
      else if (m.kind !== rule.kind) out.push(`${ruleId}: hit ${hit} has kind ${String(m.kind)}`);
    }
    for (const miss of rule.examples.miss ?? []) {
      const url = parseUrl(miss);
      const m = url === null ? null : index.matchDirect(url);
      if (m?.ruleId === ruleId) out.push(`${ruleId}: miss ${miss} matched the rule`);
    }
  }
  return out;
}

/**
 * All cross-entry and example problems of a catalogue.
 *
 * @example
 * catalogueProblems(VENDORS); // []
 */
export function catalogueProblems(entries: readonly VendorEntry[]): string[] {
  const index = compileCatalogue(entries);
  return [...crossEntryProblems(entries), ...websiteHostProblems(entries), ...entries.flatMap((e) => exampleProblems(index, e))];
}
