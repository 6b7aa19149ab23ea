/**
 * Rule-level matching: does one catalogue rule match a parsed URL, which flags hold, and the
 * `CatalogueMatch` built from it. The host lookup that picks the rules lives in `compile.ts`.
 */
import type { VendorRef } from '../types.js';
import type { ParsedUrl } from '../url/parse.js';
import { compilePath, globMatch, labelMatch, pathMatch, type PathPattern } from './pattern.js';
import type {
  CatalogueMatch,
  FlagSpec,
  MatchLevel,
  ParamCondition,
  RuleSpec,
  VendorEntry,
} from './types.js';

/** A rule ready for matching. */
export interface CompiledRule {
  readonly spec: RuleSpec;
  readonly ruleId: string;
  readonly path: PathPattern | null;
  readonly params: ReadonlyArray<readonly [string, string]>;
}

/**
 * Precompiles a rule's path pattern.
 *
 * @example
 * compileRule('acme', { id: 'open', kind: 'open-pixel', path: '/o.gif', source: 's', examples: { hit: [] } });
 */
export function compileRule(vendorId: string, spec: RuleSpec): CompiledRule {
  return {
    spec,
    ruleId: `${vendorId}/${spec.id}`,
    path: spec.path === undefined ? null : compilePath(spec.path),
    params: Object.entries(spec.params ?? {}),
  };
}

function paramHolds(url: ParsedUrl, key: string, value: string): boolean {
  const keyIsPattern = key.includes('*');
  for (const [k, v] of url.query) {
    const keyOk = keyIsPattern ? globMatch(key, k) : k === key;
    if (keyOk && (value === '*' || globMatch(value, v))) return true;
  }
  return false;
}

function firstLabelHolds(patterns: readonly string[], host: string): boolean {
  const dot = host.indexOf('.');
  const label = dot < 0 ? host : host.slice(0, dot);
  return patterns.some((p) => labelMatch(p, label));
}

/**
 * True when the rule's path and params hold on the URL. On an unknown host (`shape`), the
 * rule's first-label constraint must hold too; on the vendor's own hosts it does not apply. The
 * host itself is checked by the caller.
 *
 * @example
 * ruleMatches(compileRule('a', rule), parseUrl('https://t.example/o.gif?u=1')!, false);
 */
export function ruleMatches(rule: CompiledRule, url: ParsedUrl, shape: boolean): boolean {
  if (rule.path !== null && !pathMatch(rule.path, url.segments)) return false;
  for (const [k, v] of rule.params) if (!paramHolds(url, k, v)) return false;
  const labels = rule.spec.firstLabels;
  return !shape || labels === undefined || firstLabelHolds(labels, url.host);
}

function valuesOf(url: ParsedUrl, name: string): string[] {
  return url.query.filter(([k]) => k === name).map(([, v]) => v);
}

/**
 * Evaluates one flag condition on a URL's query.
 *
 * @example
 * conditionHolds({ absent: 'aip' }, parseUrl('https://x.example/?v=1')!); // true
 */
export function conditionHolds(c: ParamCondition, url: ParsedUrl): boolean {
  if ('absent' in c) return valuesOf(url, c.absent).length === 0;
  if ('present' in c) return valuesOf(url, c.present).length > 0;
  if ('equals' in c) return valuesOf(url, c.equals[0]).includes(c.equals[1]);
  const values = valuesOf(url, c.notEquals[0]);
  return !values.includes(c.notEquals[1]);
}

function holdingFlags(flags: readonly FlagSpec[] | undefined, url: ParsedUrl): FlagSpec[] {
  return (flags ?? []).filter((f) => f.when.every((c) => conditionHolds(c, url)));
}

function vendorRef(entry: VendorEntry): VendorRef {
  return { id: entry.id, name: entry.name, category: entry.category };
}

/**
 * Builds the match result for a vendor and (unless host-level) a rule.
 *
 * @example
 * buildMatch(entry, null, 'host', url, null);
 */
export function buildMatch(
  entry: VendorEntry,
  rule: CompiledRule | null,
  level: MatchLevel,
  url: ParsedUrl,
  destination: string | null,
): CatalogueMatch {
  const ids = [...(entry.identifierParams ?? []), ...(rule?.spec.identifierParams ?? [])];
  return {
    vendor: vendorRef(entry),
    entry,
    level,
    kind: rule === null ? null : rule.spec.kind,
    ruleId: rule === null ? null : rule.ruleId,
    flags: rule === null ? [] : holdingFlags(rule.spec.flags, url),
    leakFlag: rule?.spec.leakFlag ?? null,
    identifierParams: [...new Set(ids)],
    destination,
  };
}
