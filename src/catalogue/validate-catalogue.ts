/**
 * Cross-entry checks of the whole catalogue: unique ids, no host claimed twice, and every rule's
 * examples behave (hits match that vendor and rule with the declared kind, misses do not).
 */
import { parseUrl } from '../url/parse.js';
import { compileCatalogue } from './compile.js';
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
  return [...crossEntryProblems(entries), ...entries.flatMap((e) => exampleProblems(index, e))];
}
