/**
 * Hand-written validation of one vendor file against the rules of `trackers/schema.json`. Pure:
 * returns a list of problems (empty when valid), never throws. Cross-entry checks are in
 * `validate-catalogue.ts`.
 */
import { parseUrl } from '../url/parse.js';
import { shapeKey } from './compile.js';
import { compilePath } from './pattern.js';
import { senderHeaderProblems } from './validate-sender.js';

export const CATEGORIES: readonly string[] = [
  'esp', 'analytics', 'ad-tech', 'social', 'data-broker', 'audience-measurement',
  'sales-tracker', 'email-testing', 'link-shortener', 'sender-own',
];
export const KINDS: readonly string[] = ['open-pixel', 'beacon', 'css-beacon', 'click-redirect'];
const ENTRY_KEYS = [
  'id', 'name', 'company', 'category', 'website', 'country', 'hosts', 'rules',
  'identifierParams', 'trackingParams', 'notes', 'sources', 'senderHeaders',
];
const RULE_KEYS = [
  'id', 'kind', 'path', 'params', 'hosts', 'anyHost', 'firstLabels', 'wrapper',
  'identifierParams', 'destination', 'flags', 'leakFlag', 'source', 'examples',
];
/** Minimum specificity score of an `anyHost` rule (see `anyHostScore`). */
export const MIN_ANY_HOST_SCORE = 3;

type Rec = Readonly<Record<string, unknown>>;

function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isText(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}
function isTextList(v: unknown): v is readonly string[] {
  return Array.isArray(v) && v.every(isText);
}
/** kebab-case: lower-case letters and digits separated by single dashes. */
export function isKebab(s: string): boolean {
  if (s.length === 0 || s.startsWith('-') || s.endsWith('-') || s.includes('--')) return false;
  for (const c of s) if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '-')) return false;
  return true;
}

/**
 * Checks a host pattern: lower-case labels of `a-z 0-9 - #`, at least two labels, `#` never next
 * to a digit or another `#` (so the digit-run wildcard is unambiguous). The first label alone may
 * be a `*` glob with three or more literal characters, before a literal rest of two or more labels.
 *
 * @example
 * hostProblem('cmail#.com'); // null
 * hostProblem('List-Manage.com'); // 'not lower-case …'
 * hostProblem('*-dot-yamm-track.appspot.com'); // null
 */
export function hostProblem(host: string): string | null {
  const labels = host.split('.');
  if (labels.length < 2) return `host "${host}" needs at least two labels`;
  const first = labels[0] ?? '';
  if (first.includes('*')) {
    // A glob first label is keyed by the rest of the host: the rest must be a literal host of at
    // least two labels, and the glob must keep a literal part (`*` alone would claim a whole zone).
    const rest = labels.slice(1);
    if (rest.length < 2 || rest.some((l) => l.includes('#') || l.includes('*'))) {
      return `host "${host}": a glob first label needs a literal rest of two or more labels`;
    }
    if (first.replaceAll('*', '').length < 3 || first.includes('**')) return `host "${host}": glob label needs 3+ literal characters`;
    for (const c of first) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '-' || c === '*')) return `host "${host}" is not lower-case a-z0-9-* only`;
    }
    labels.shift();
  }
  for (const label of labels) {
    if (label.length === 0 || label.startsWith('-') || label.endsWith('-')) return `host "${host}" has a bad label`;
    let prev = '';
    for (const c of label) {
      const digit = c >= '0' && c <= '9';
      if (!((c >= 'a' && c <= 'z') || digit || c === '-' || c === '#')) {
        return `host "${host}" is not lower-case a-z0-9-# only`;
      }
      if ((c === '#' && (prev === '#' || (prev >= '0' && prev <= '9'))) || (digit && prev === '#')) {
        return `host "${host}" has "#" next to a digit`;
      }
      prev = c;
    }
  }
  return null;
}

function segmentScore(seg: string): number {
  const literal = seg.replaceAll('*', '');
  if (literal.length === 0) return 0;
  // Coded names (`e2t`, `open.php`, `__utm.gif`) and long compounds (`link-tracker`, `linkClick`)
  // are rarer on ordinary sites than short plain words.
  if (literal === seg) return seg.length >= 9 || [...seg].some((c) => (c >= '0' && c <= '9') || c === '.' || c === '_') ? 2 : 1;
  return literal.length >= 3 ? 2 : 1;
}

/**
 * How specific an `anyHost` rule is: a literal path segment counts 1 (2 when it holds a digit, `.`
 * or `_`, or has nine or more characters), a partly literal one 1 (2 with three or more literal characters), a parameter that only
 * has to be present 1, a parameter with a value pattern 2, first-label constraints 2.
 *
 * @example
 * anyHostScore({ path: '/optiext/optiextension.dll', params: { ID: '*' } }); // 4
 */
export function anyHostScore(rule: Rec): number {
  let score = 0;
  if (typeof rule['path'] === 'string') {
    for (const seg of compilePath(rule['path']).segments) score += segmentScore(seg);
  }
  if (isRecord(rule['params'])) for (const v of Object.values(rule['params'])) score += v === '*' ? 1 : 2;
  if (Array.isArray(rule['firstLabels'])) score += 2;
  return score;
}

function checkText(obj: Rec, key: string, where: string, out: string[]): void {
  if (!isText(obj[key])) out.push(`${where}: "${key}" must be a non-empty string`);
}
function checkKeys(obj: Rec, allowed: readonly string[], where: string, out: string[]): void {
  for (const k of Object.keys(obj)) if (!allowed.includes(k)) out.push(`${where}: unknown field "${k}"`);
}
function checkLocalText(v: unknown, where: string, out: string[]): void {
  if (!isRecord(v) || !isText(v['en']) || !isText(v['fr'])) out.push(`${where}: message needs "en" and "fr"`);
  else checkKeys(v, ['en', 'fr'], where, out);
}

function conditionOk(c: unknown): boolean {
  if (!isRecord(c) || Object.keys(c).length !== 1) return false;
  if (isText(c['absent']) || isText(c['present'])) return true;
  const pair = c['equals'] ?? c['notEquals'];
  return Array.isArray(pair) && pair.length === 2 && isText(pair[0]) && typeof pair[1] === 'string';
}

function checkFlag(f: unknown, where: string, out: string[], withWhen: boolean): void {
  if (!isRecord(f)) {
    out.push(`${where}: must be an object`);
    return;
  }
  checkKeys(f, withWhen ? ['code', 'when', 'message'] : ['code', 'message'], where, out);
  if (!isText(f['code']) || !isKebab(f['code'])) out.push(`${where}: code must be kebab-case`);
  if (withWhen && !(Array.isArray(f['when']) && f['when'].every(conditionOk))) out.push(`${where}: bad "when"`);
  checkLocalText(f['message'], where, out);
}

function checkDestination(d: unknown, where: string, out: string[]): void {
  const ok =
    isRecord(d) &&
    (((d['type'] === 'param' || d['type'] === 'param-base64' || d['type'] === 'param-dash-hex' || d['type'] === 'param-host') &&
        isText(d['name'])) ||
      (d['type'] === 'path-rest-starred' && isText(d['prefix']) && d['prefix'].startsWith('/')) ||
      (d['type'] === 'path-segment' && Number.isInteger(d['index']) && (d['encoding'] === 'percent' || d['encoding'] === 'base64')) ||
      d['type'] === 'fragment');
  if (!ok) out.push(`${where}: bad destination`);
}

function checkPath(path: unknown, where: string, out: string[]): void {
  if (path === undefined) return;
  if (typeof path !== 'string' || !path.startsWith('/') || path.includes('?') || path.includes('#')) {
    out.push(`${where}: path must start with "/" and hold no query or fragment`);
    return;
  }
  const segs = path.split('/').filter((s) => s.length > 0);
  if (segs.slice(0, -1).includes('**')) out.push(`${where}: "**" only as the last segment`);
}

function checkRule(rule: unknown, where: string, out: string[]): void {
  if (!isRecord(rule)) {
    out.push(`${where}: must be an object`);
    return;
  }
  checkKeys(rule, RULE_KEYS, where, out);
  if (!isText(rule['id']) || !isKebab(rule['id'])) out.push(`${where}: id must be kebab-case`);
  if (!KINDS.includes(String(rule['kind']))) out.push(`${where}: unknown kind "${String(rule['kind'])}"`);
  checkPath(rule['path'], where, out);
  checkText(rule, 'source', where, out);
  const params = rule['params'];
  if (params !== undefined && !(isRecord(params) && Object.values(params).every((v) => typeof v === 'string'))) {
    out.push(`${where}: params must map names to strings`);
  }
  if (rule['path'] === undefined && params === undefined) out.push(`${where}: needs a path or params`);
  for (const key of ['hosts', 'firstLabels', 'identifierParams'] as const) {
    if (rule[key] !== undefined && !isTextList(rule[key])) out.push(`${where}: "${key}" must be a list of strings`);
  }
  for (const h of isTextList(rule['hosts']) ? rule['hosts'] : []) {
    const p = hostProblem(h);
    if (p !== null) out.push(`${where}: ${p}`);
  }
  if (rule['anyHost'] === true) {
    const literalParams = isRecord(params) ? (params as Readonly<Record<string, string>>) : undefined;
    if (shapeKey(typeof rule['path'] === 'string' ? rule['path'] : undefined, literalParams) === null) {
      out.push(`${where}: anyHost rule needs a literal first or last path segment, or a literal parameter name`);
    }
    if (anyHostScore(rule) < MIN_ANY_HOST_SCORE) out.push(`${where}: anyHost rule is not specific enough`);
  } else if (rule['firstLabels'] !== undefined) {
    out.push(`${where}: firstLabels only make sense on anyHost rules`);
  }
  if (rule['wrapper'] === true && rule['destination'] === undefined) out.push(`${where}: wrapper needs a destination`);
  // A host alone only tells what a gateway link leads to; it must never become a link target.
  if (isRecord(rule['destination']) && rule['destination']['type'] === 'param-host' && rule['wrapper'] !== true) {
    out.push(`${where}: a "param-host" destination is for wrappers only`);
  }
  if (rule['destination'] !== undefined) checkDestination(rule['destination'], where, out);
  const flags = rule['flags'];
  if (flags !== undefined) {
    if (!Array.isArray(flags)) out.push(`${where}: flags must be a list`);
    else flags.forEach((f, i) => checkFlag(f, `${where} flag ${i}`, out, true));
  }
  if (rule['leakFlag'] !== undefined) checkFlag(rule['leakFlag'], `${where} leakFlag`, out, false);
  const ex = rule['examples'];
  if (!isRecord(ex) || !isTextList(ex['hit']) || ex['hit'].length === 0) {
    out.push(`${where}: examples.hit must list at least one URL`);
    return;
  }
  if (ex['miss'] !== undefined && !isTextList(ex['miss'])) out.push(`${where}: examples.miss must be a list`);
  const all = [...ex['hit'], ...(isTextList(ex['miss']) ? ex['miss'] : [])];
  for (const u of all) if (parseUrl(u) === null) out.push(`${where}: example "${u}" is not an http(s) URL`);
}

/**
 * Validates one parsed vendor file. `fileId` is the file name without `.json`.
 *
 * @example
 * validateEntry(JSON.parse(text), 'mailchimp'); // [] when valid
 */
export function validateEntry(value: unknown, fileId?: string): string[] {
  const out: string[] = [];
  if (!isRecord(value)) return ['vendor file must hold an object'];
  const where = String(value['id'] ?? fileId ?? '?');
  checkKeys(value, ENTRY_KEYS, where, out);
  for (const key of ['id', 'name', 'company', 'website'] as const) checkText(value, key, where, out);
  if (isText(value['id']) && !isKebab(value['id'])) out.push(`${where}: id must be kebab-case`);
  if (fileId !== undefined && value['id'] !== fileId) out.push(`${where}: id must equal the file name "${fileId}"`);
  if (!CATEGORIES.includes(String(value['category']))) out.push(`${where}: unknown category`);
  if (isText(value['website']) && parseUrl(value['website']) === null) out.push(`${where}: website must be a URL`);
  const country = value['country'];
  if (country !== undefined && !(typeof country === 'string' && country.length === 2 && country === country.toUpperCase())) {
    out.push(`${where}: country must be an ISO 3166 alpha-2 code`);
  }
  if (!isTextList(value['sources']) || value['sources'].length === 0) out.push(`${where}: sources must list at least one`);
  for (const key of ['hosts', 'identifierParams', 'trackingParams'] as const) {
    if (value[key] !== undefined && !isTextList(value[key])) out.push(`${where}: "${key}" must be a list of strings`);
  }
  if (!Array.isArray(value['hosts'])) out.push(`${where}: hosts is required (may be empty)`);
  for (const h of isTextList(value['hosts']) ? value['hosts'] : []) {
    const p = hostProblem(h);
    if (p !== null) out.push(`${where}: ${p}`);
  }
  const rules = value['rules'];
  if (!Array.isArray(rules)) return [...out, `${where}: rules must be a list`];
  const ids = rules.map((r) => (isRecord(r) ? r['id'] : undefined));
  if (new Set(ids).size !== ids.length) out.push(`${where}: rule ids must be unique`);
  rules.forEach((r, i) => checkRule(r, `${where} rule ${String(ids[i] ?? i)}`, out));
  out.push(...senderHeaderProblems(value['senderHeaders'], where, hostProblem));
  if (rules.length === 0 && (value['hosts'] as unknown[] | undefined)?.length === 0 && value['senderHeaders'] === undefined) {
    out.push(`${where}: needs hosts, rules or senderHeaders`);
  }
  return out;
}
