/**
 * Compiles catalogue entries into a lookup index. Lookup cost: one hash lookup per host suffix
 * (plus one for its digit-collapsed form and one for a glob first label: `*-dot-x.appspot.com` is
 * keyed by `appspot.com`, then its first label is globbed), then only the rules of the vendors found there; rules
 * that apply on any host are indexed by a literal path segment, so no lookup scans all vendors.
 * Precedence: endpoint (a rule on a known host) > host (a dedicated vendor host) > shape (an
 * `anyHost` rule on an unknown host).
 */
import type { VendorRef } from '../types.js';
import { parseUrl, type ParsedUrl } from '../url/parse.js';
import { recoverDestination } from './destination.js';
import { buildMatch, compileRule, ruleMatches, type CompiledRule } from './match.js';
import {
  collapseDigits,
  globMatch,
  hostPatternMatch,
  hostSuffixes,
  isGlobHost,
  isLiteralSegment,
  splitFirstLabel,
} from './pattern.js';
import type { CatalogueIndex, CatalogueMatch, VendorEntry } from './types.js';

/** Nested redirects are unwrapped at most this deep (a loop of redirects must end). */
export const MAX_REDIRECT_DEPTH = 5;

interface HostRef {
  readonly vendor: number;
  readonly pattern: string;
  /** `null`: a dedicated vendor host, all rules apply. Otherwise the rules listing this host. */
  readonly rules: readonly number[] | null;
}

interface ShapeRef {
  readonly vendor: number;
  readonly rule: number;
}

interface Found {
  readonly vendor: number;
  readonly rule: CompiledRule | null;
  readonly level: 'endpoint' | 'host' | 'shape';
}

/**
 * The key an `anyHost` rule is indexed under: a literal first or last path segment, else (a rule
 * whose path is all wildcards, such as a query router on any page) a literal parameter name; `null`
 * when it has no literal anchor.
 *
 * @example
 * shapeKey('/ls/click');                              // 'first:ls'
 * shapeKey('/**', { mailpoet_router: '', endpoint: 'track' }); // 'param:mailpoet_router'
 */
export function shapeKey(path: string | undefined, params?: Readonly<Record<string, string>>): string | null {
  if (path !== undefined) {
    const segs = path.split('/').filter((s) => s.length > 0);
    const first = segs[0];
    if (first === undefined) return 'root';
    if (first !== '**' && isLiteralSegment(first)) return `first:${first.toLowerCase()}`;
    const last = segs[segs.length - 1];
    if (last !== undefined && last !== '**' && isLiteralSegment(last)) return `last:${last.toLowerCase()}`;
  }
  const key = Object.keys(params ?? {}).find((k) => !k.includes('*'));
  return key === undefined ? null : `param:${key}`;
}

/** Hosts whose catalogue look-ups are remembered; the cache starts again when full. */
const HOST_CACHE_SIZE = 4096;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * Builds the lookup index. Entries are expected to be valid (see `validateEntry`); an `anyHost`
 * rule without a literal path anchor is simply not indexed.
 *
 * @example
 * const index = compileCatalogue(VENDORS);
 * index.match(parseUrl('https://x.us3.list-manage.com/track/open.php?u=1&id=2&e=3')!)?.vendor.id; // 'mailchimp'
 */
export function compileCatalogue(entries: readonly VendorEntry[]): CatalogueIndex {
  const rules: CompiledRule[][] = entries.map((e) => e.rules.map((r) => compileRule(e.id, r)));
  const exact = new Map<string, HostRef[]>();
  const digits = new Map<string, HostRef[]>();
  const globs = new Map<string, HostRef[]>();
  const shapes = new Map<string, ShapeRef[]>();
  const trackingParams = new Map<string, VendorRef[]>();

  const addHost = (pattern: string, ref: HostRef): void => {
    const split = isGlobHost(pattern) ? splitFirstLabel(pattern) : null;
    if (split !== null) push(globs, split[1], ref);
    else if (pattern.includes('#')) push(digits, collapseDigits(pattern), ref);
    else push(exact, pattern, ref);
  };
  entries.forEach((entry, v) => {
    for (const host of entry.hosts) addHost(host, { vendor: v, pattern: host, rules: null });
    entry.rules.forEach((rule, r) => {
      for (const host of rule.hosts ?? []) addHost(host, { vendor: v, pattern: host, rules: [r] });
      const key = rule.anyHost === true ? shapeKey(rule.path, rule.params) : null;
      if (key !== null) push(shapes, key, { vendor: v, rule: r });
    });
    const ref: VendorRef = { id: entry.id, name: entry.name, category: entry.category };
    for (const p of entry.trackingParams ?? []) push(trackingParams, p, ref);
  });

  const paramShapes = [...shapes.keys()].some((k) => k.startsWith('param:'));

  function hostRefs(host: string): HostRef[] {
    const out: HostRef[] = [];
    for (const suffix of hostSuffixes(host)) {
      out.push(...(exact.get(suffix) ?? []));
      const split = globs.size > 0 ? splitFirstLabel(suffix) : null;
      if (split !== null) {
        for (const ref of globs.get(split[1]) ?? []) {
          const label = splitFirstLabel(ref.pattern)?.[0];
          if (label !== undefined && globMatch(label, split[0])) out.push(ref);
        }
      }
      const collapsed = collapseDigits(suffix);
      if (collapsed === suffix) continue;
      for (const ref of digits.get(collapsed) ?? []) {
        if (hostPatternMatch(ref.pattern, suffix)) out.push(ref);
      }
    }
    return out;
  }

  // The hosts of one message (and of one sender's messages) recur: a newsletter's 40 links share a
  // click-tracking host. Results depend on the host alone, and the catalogue never changes.
  const hostCache = new Map<string, readonly HostRef[]>();
  function cachedHostRefs(host: string): readonly HostRef[] {
    let refs = hostCache.get(host);
    if (refs === undefined) {
      refs = hostRefs(host);
      if (hostCache.size >= HOST_CACHE_SIZE) hostCache.clear();
      hostCache.set(host, refs);
    }
    return refs;
  }

  function find(url: ParsedUrl): Found | null {
    const refs = cachedHostRefs(url.host);
    for (const ref of refs) {
      const vendorRules = rules[ref.vendor] ?? [];
      const candidates = ref.rules === null ? vendorRules.keys() : ref.rules.values();
      for (const r of candidates) {
        const rule = vendorRules[r];
        if (rule !== undefined && ruleMatches(rule, url, false)) return { vendor: ref.vendor, rule, level: 'endpoint' };
      }
    }
    const dedicated = refs.find((ref) => ref.rules === null);
    if (dedicated !== undefined) return { vendor: dedicated.vendor, rule: null, level: 'host' };
    const first = url.segments[0];
    const last = url.segments[url.segments.length - 1];
    const keys =
      first === undefined || last === undefined
        ? ['root']
        : [`first:${first.toLowerCase()}`, `last:${last.toLowerCase()}`];
    // Query routers (`/?mailpoet_router&endpoint=track…`) are indexed by a parameter name.
    if (paramShapes) for (const [k] of url.query) if (!keys.includes(`param:${k}`)) keys.push(`param:${k}`);
    for (const key of keys) {
      for (const ref of shapes.get(key) ?? []) {
        const rule = rules[ref.vendor]?.[ref.rule];
        if (rule !== undefined && ruleMatches(rule, url, true)) return { vendor: ref.vendor, rule, level: 'shape' };
      }
    }
    return null;
  }

  function resolve(url: ParsedUrl, depth: number, lookThrough: boolean): CatalogueMatch | null {
    const found = find(url);
    if (found === null) return null;
    const entry = entries[found.vendor];
    if (entry === undefined) return null;
    const spec = found.rule?.spec.destination;
    const raw = spec === undefined ? null : recoverDestination(url, spec);
    const inner = raw === null ? null : parseUrl(raw);
    if (lookThrough && found.rule?.spec.wrapper === true) {
      return inner === null || depth >= MAX_REDIRECT_DEPTH ? null : resolve(inner, depth + 1, true);
    }
    let destination = inner?.href ?? null;
    if (inner !== null && depth < MAX_REDIRECT_DEPTH) {
      const nested = resolve(inner, depth + 1, false);
      if (nested?.destination != null) destination = nested.destination;
    }
    return buildMatch(entry, found.rule, found.level, url, destination);
  }

  function unwrap(url: ParsedUrl): ParsedUrl | null {
    let inner: ParsedUrl | null = null;
    for (let depth = 0; depth < MAX_REDIRECT_DEPTH; depth += 1) {
      const spec = find(inner ?? url)?.rule?.spec;
      if (spec?.wrapper !== true || spec.destination === undefined) break;
      const raw = recoverDestination(inner ?? url, spec.destination);
      const next = raw === null ? null : parseUrl(raw);
      if (next === null) break;
      inner = next;
    }
    return inner;
  }

  return {
    entries,
    unwrap,
    match: (url) => resolve(url, 0, true),
    matchDirect: (url) => resolve(url, 0, false),
    trackingParamVendors: (name) => trackingParams.get(name) ?? [],
  };
}
