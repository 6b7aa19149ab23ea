/**
 * Validation of a vendor file's `senderHeaders` facts (see `SenderFact`): shape, exactly one test
 * per fact, a source, and examples that behave (hits hold, misses do not).
 */
import { factHoldsOn } from './sender-facts.js';
import type { SenderFact } from './types.js';

const FACT_KEYS = ['header', 'present', 'prefix', 'contains', 'suffix', 'domain', 'relay', 'source', 'examples'];
const TESTS = ['present', 'prefix', 'contains', 'suffix', 'domain'] as const;
/** Texts shorter than this match too much mail to name a platform (`:mc` is the shortest useful). */
const MIN_TEXT = 3;

type Rec = Readonly<Record<string, unknown>>;

/** A lower-case header name: letters, digits and single inner dashes (`x-sg-eid`, `feedback-id`). */
function isHeaderName(s: string): boolean {
  if (s.length === 0 || s.startsWith('-') || s.endsWith('-') || s.includes('--')) return false;
  for (const c of s) if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '-')) return false;
  return true;
}

function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isTextList(v: unknown): v is readonly string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim().length > 0);
}

function checkFact(fact: unknown, where: string, out: string[], hostProblem: (h: string) => string | null): void {
  if (!isRecord(fact)) {
    out.push(`${where}: must be an object`);
    return;
  }
  for (const k of Object.keys(fact)) if (!FACT_KEYS.includes(k)) out.push(`${where}: unknown field "${k}"`);
  const header = fact['header'];
  if (typeof header !== 'string' || !isHeaderName(header)) out.push(`${where}: header must be a lower-case header name`);
  const tests = TESTS.filter((t) => fact[t] !== undefined);
  if (tests.length !== 1) {
    out.push(`${where}: needs exactly one of ${TESTS.join(', ')}`);
    return;
  }
  const test = tests[0] ?? 'present';
  const value = fact[test];
  if (test === 'present') {
    if (value !== true) out.push(`${where}: present must be true`);
  } else if (typeof value !== 'string' || value.trim().length < MIN_TEXT) {
    out.push(`${where}: ${test} needs a text of ${MIN_TEXT}+ characters`);
  } else if (test === 'domain') {
    const p = hostProblem(value);
    if (p !== null) out.push(`${where}: ${p}`);
  }
  if (fact['relay'] !== undefined && fact['relay'] !== true) out.push(`${where}: relay must be true when present`);
  if (typeof fact['source'] !== 'string' || fact['source'].trim().length === 0) out.push(`${where}: needs a source`);
  const ex = fact['examples'];
  if (!isRecord(ex) || !isTextList(ex['hit']) || ex['hit'].length === 0) {
    out.push(`${where}: examples.hit must list at least one header value`);
    return;
  }
  if (ex['miss'] !== undefined && !isTextList(ex['miss'])) out.push(`${where}: examples.miss must be a list`);
  if (out.length > 0) return;
  const spec = fact as unknown as SenderFact;
  for (const hit of ex['hit']) if (!factHoldsOn(spec, hit)) out.push(`${where}: hit "${hit}" does not hold`);
  for (const miss of isTextList(ex['miss']) ? ex['miss'] : []) if (factHoldsOn(spec, miss)) out.push(`${where}: miss "${miss}" holds`);
}

/**
 * Problems of a vendor file's `senderHeaders` value (absent is fine). `hostProblem` checks
 * `domain` patterns with the catalogue's host rules.
 *
 * @example
 * senderHeaderProblems([{ header: 'x-mailer', prefix: 'Inxmail ', source: 's', examples: { hit: ['Inxmail EE 4'] } }], 'inxmail', hostProblem); // []
 */
export function senderHeaderProblems(value: unknown, where: string, hostProblem: (h: string) => string | null): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length === 0) return [`${where}: senderHeaders must be a non-empty list`];
  const out: string[] = [];
  value.forEach((f, i) => {
    const problems: string[] = [];
    checkFact(f, `${where} senderHeaders ${i}`, problems, hostProblem);
    out.push(...problems);
  });
  return out;
}
