/**
 * The properties every scan must have, whatever the input: no exception escapes, the report has
 * the contract's shape, the same input gives the same report, every reported URL comes from the
 * input, and the time spent is bounded. Each check returns the problems found (empty: all good).
 */
import { isDeepStrictEqual } from 'node:util';
import { domainToASCII, domainToUnicode } from 'node:url';
import { isIP } from 'node:net';
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import { parseMail } from '../../src/mime/node.js';
import { scanEml } from '../../src/scan/eml.js';
import { scanHtml } from '../../src/scan/html.js';
import type { Report, ScanOptions } from '../../src/types.js';
import { reportShapeProblems } from '../helpers/report-shape.js';

/** Gross blow-up only: CI machines are shared, so this is no benchmark. */
export function timeBudgetMs(inputBytes: number): number {
  return 2_000 + (2_000 * inputBytes) / 1_000_000;
}

/**
 * How the time property is measured. `cpu`: CPU time of this process, which a loaded machine does
 * not inflate; only meaningful where one scan runs at a time in the process (the `npm run fuzz`
 * shards). Under vitest, whose test files share one process, the property is not checked: wall
 * time on a shared machine is no evidence, and `npm run bench` measures speed.
 */
export const timing: { mode: 'cpu' | 'off' } = { mode: 'off' };

function clock(): number {
  if (timing.mode === 'off') return performance.now();
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Slowest case seen, for the run summary. */
export const stats = { cases: 0, slowestMs: 0, slowestBytes: 0, totalMs: 0, findings: 0, limitErrors: 0 };

function percentDecodeBytes(text: string): string[] {
  if (!text.includes('%')) return [];
  const latin1 = text.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return [latin1, Buffer.from(latin1, 'latin1').toString('utf8')];
}

/**
 * CSS escapes undone (`\\77` and `\\w` are both `w` in a CSS url()). A hex escape may be ended
 * by one whitespace, CRLF counting as one: so this runs before line breaks are dropped.
 */
function cssUnescape(text: string): string[] {
  if (!text.includes('\\')) return [];
  return [
    text
      .replace(/\\([0-9a-fA-F]{1,6})(?:\r\n|[ \t\n\r\f])?/g, (_m, h: string) => {
        const cp = parseInt(h, 16);
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
      })
      .replace(/\\(.)/g, '$1'),
  ];
}

function base64Runs(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/[A-Za-z0-9+/_-]{8,}/g) ?? []) {
    const bytes = Buffer.from(run, 'base64');
    out.push(bytes.toString('utf8'), bytes.toString('latin1'));
    // a token may start mid-group: try the other alignments too
    for (let skip = 1; skip < 4; skip++) out.push(Buffer.from(run.slice(skip), 'base64').toString('latin1'));
  }
  return out;
}

/** `**` plus one of these is a run of (its index + 2) replaced characters, 2 to 65. */
const RUN_CODES = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Proofpoint URL Defense v3 destinations (`/v3/__<url>__;<base64url>!…`): each `*` of the URL is
 * the next character of the decoded token, `**` plus a run code that many of them; a `*` left
 * when the token is used up stays. Written from the format's description for this checker.
 */
function urlDefenseV3(text: string): string[] {
  const out: string[] = [];
  for (let end = text.indexOf('__;'); end >= 0 && out.length < 100; end = text.indexOf('__;', end + 3)) {
    const start = text.lastIndexOf('/v3/__', end);
    if (start < 0) continue;
    const inner = text.slice(start + 6, end);
    const token = /^[A-Za-z0-9_-]*/.exec(text.slice(end + 3))?.[0] ?? '';
    const fill = Array.from(Buffer.from(token, 'base64url').toString('utf8'));
    let filled = '';
    let next = 0;
    for (let i = 0; i < inner.length; i++) {
      const c = inner[i] ?? '';
      if (c !== '*' || next >= fill.length) {
        filled += c;
        continue;
      }
      let run = 1;
      if (inner[i + 1] === '*' && i + 2 < inner.length) {
        run = Math.max(1, RUN_CODES.indexOf(inner[i + 2] ?? '') + 2);
        i += 2;
      }
      filled += fill.slice(next, next + run).join('');
      next += run;
    }
    out.push(filled);
  }
  return out;
}

type Node = DefaultTreeAdapterTypes.Node;

/** Attribute values, text and comments of a document, entities decoded by parse5. */
function htmlStrings(html: string): string[] {
  const out: string[] = [];
  // as the walker parses: <noscript> content is markup in a mail client, not raw text
  // loops, never spreads: a document may have more nodes than a call can take arguments
  const stack: Node[] = [parse(html, { scriptingEnabled: false })];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if ('attrs' in n) for (const a of n.attrs) out.push(a.value);
    if ('value' in n) out.push(n.value);
    if ('data' in n) {
      out.push(n.data);
      // conditional comments hold markup whose entities are decoded too
      for (const inner of htmlStrings(n.data).slice(0, 10_000)) out.push(inner);
    }
    if ('content' in n) stack.push(n.content);
    if ('childNodes' in n) for (const c of n.childNodes) stack.push(c);
  }
  return out;
}

/**
 * Everything a reported host may legitimately come from: the input text, entity-decoded,
 * without tabs and newlines, percent-decoded and base64-decoded (two rounds, for destinations
 * encoded inside redirect parameters), lower-cased.
 */
export function haystack(texts: readonly string[]): string {
  const add = (to: string[], items: readonly string[]): void => {
    for (const x of items) to.push(x);
  };
  let round: string[] = [];
  for (const t of texts) {
    round.push(t);
    add(round, htmlStrings(t));
  }
  const all = [...round];
  for (let i = 0; i < 2; i++) {
    const next: string[] = [];
    for (const t of round) {
      // the URL parser drops tabs and newlines, which CSS escapes (`\\d` is CR) can produce too;
      // escapes are undone first, since a line break may be what ends one
      const strip = (u: string): string => u.replace(/[\t\n\r]/g, '');
      const clean = strip(t);
      next.push(clean);
      add(next, cssUnescape(t).map(strip));
      add(next, percentDecodeBytes(clean));
      add(next, base64Runs(clean));
      if (clean.includes('__;')) add(next, urlDefenseV3(clean));
    }
    add(all, next);
    round = next.flatMap((t) => percentDecodeBytes(t));
    add(all, round);
  }
  return all.join('\n').toLowerCase();
}

function reportedUrls(r: Report): string[] {
  const urls: string[] = [];
  for (const f of r.findings) urls.push(f.url, ...(f.urls ?? []), ...(f.destination === undefined ? [] : [f.destination]));
  for (const l of r.links ?? []) urls.push(...l.urls);
  return urls;
}

/**
 * Every host-like token of the decoded input as the URL parser would write it: international
 * names are mapped (UTS 46: `ª` is `a`, fullwidth letters are ASCII) and punycoded, so a host
 * written with such characters, through a CSS escape or an entity, is recognised.
 */
function mappedHosts(text: string): Set<string> {
  const out = new Set<string>();
  for (const token of text.split(/[\s/?#@:'"()<>\\,;=&[\]{}|^`*+!$%~]+/)) {
    // ASCII tokens are already in the text as the parser writes them
    if (token === '' || !/[^\u0000-\u007f]/.test(token)) continue;
    const ascii = domainToASCII(token);
    if (ascii !== '') out.add(ascii.toLowerCase());
  }
  return out;
}

/**
 * Problems with hosts of reported URLs that appear nowhere in the (decoded) input. The plain
 * input is searched first; the decoded {@link haystack} is built only when that fails.
 */
export function provenanceProblems(r: Report, texts: readonly string[]): string[] {
  const problems: string[] = [];
  const plain = texts.join('\n').toLowerCase();
  let decoded: string | null = null;
  let mapped: Set<string> | null = null;
  const found = (needle: string): boolean =>
    plain.includes(needle) || (decoded ??= haystack(texts)).includes(needle) || (mapped ??= mappedHosts(decoded)).has(needle);
  for (const url of reportedUrls(r)) {
    let host: string;
    try {
      host = new URL(url).hostname.toLowerCase();
    } catch {
      // a cut URL (maxUrlLength) may no longer parse; its prefix still has to be in the input
      if (!found(url.slice(0, 200).toLowerCase())) problems.push(`reported URL not in input: ${url.slice(0, 120)}`);
      continue;
    }
    const bare = host.replace(/^\[|\]$/g, '');
    // the URL parser rewrites numeric hosts (0x7f.1 → 127.0.0.1, IPv6 compression)
    if (bare === '' || isIP(bare) !== 0) continue;
    const candidates = [bare, domainToUnicode(bare).toLowerCase(), bare.replace(/\.$/, '')];
    if (!candidates.some((c) => c !== '' && found(c))) problems.push(`host ${host} of ${url.slice(0, 120)} is not in the input`);
  }
  return problems;
}

function record(ms: number, bytes: number, r: Report): void {
  stats.cases++;
  stats.totalMs += ms;
  stats.findings += r.findings.length;
  stats.limitErrors += r.errors.filter((e) => e.code === 'limit-exceeded').length;
  if (ms > stats.slowestMs) {
    stats.slowestMs = ms;
    stats.slowestBytes = bytes;
  }
}

function checkPair(first: Report, second: Report, ms: number, bytes: number, texts: () => readonly string[]): string[] {
  const problems = reportShapeProblems(first);
  // the entry points catch what the stages throw and report it as internal-error: for the
  // properties that is an exception that escaped all the same
  for (const e of first.errors) if (e.code === 'internal-error') problems.push(`internal-error: ${e.message.slice(0, 300)}`);
  if (!isDeepStrictEqual(first, second)) problems.push('not deterministic: two scans of the same input differ');
  if (timing.mode === 'cpu' && ms > timeBudgetMs(bytes)) problems.push(`took ${ms.toFixed(0)} ms of CPU for ${bytes} bytes`);
  if (reportedUrls(first).length > 0) problems.push(...provenanceProblems(first, texts()));
  record(ms, bytes, first);
  return problems;
}

/**
 * Scans an HTML document twice and checks every property. Exceptions are caught and reported.
 *
 * @example
 * expect(checkHtml('<img src="https://t.example/o.gif">')).toEqual([]);
 */
export function checkHtml(html: string, options: ScanOptions = {}): string[] {
  try {
    const start = clock();
    const first = scanHtml(html, options);
    const ms = clock() - start;
    const second = scanHtml(html, options);
    return checkPair(first, second, ms, html.length, () => [html]);
  } catch (e) {
    return [`threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`];
  }
}

/**
 * Scans a raw message twice and checks every property. The haystack is the raw input plus its
 * HTML parts as the MIME layer decodes them.
 *
 * @example
 * expect(await checkEml(Buffer.from('Content-Type: text/html\r\n\r\n<p>hi</p>'))).toEqual([]);
 */
export async function checkEml(raw: Uint8Array | string, options: ScanOptions = {}): Promise<string[]> {
  try {
    const start = clock();
    const first = await scanEml(raw, options);
    const ms = clock() - start;
    const second = await scanEml(raw, options);
    const parts = first.findings.length + (first.links?.length ?? 0) > 0 ? (await parseMail(raw)).htmlParts.map((p) => p.html) : [];
    const text = typeof raw === 'string' ? [raw] : [Buffer.from(raw).toString('utf8'), Buffer.from(raw).toString('latin1')];
    const bytes = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.byteLength;
    return checkPair(first, second, ms, bytes, () => [...text, ...parts]);
  } catch (e) {
    return [`threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`];
  }
}
