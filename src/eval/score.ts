/**
 * Scores reports against labels: recall and precision per kind, findings on clean emails, vendor
 * agreement and address leaks. Pure, so the same scoring serves the CLI and the tests.
 */
import { getDomainWithoutSuffix } from 'tldts';
import type { Finding, FindingKind, Report } from '../types.js';
import type { EmailLabel, TrackerLabel } from './labels.js';

/**
 * Counts for one kind of label.
 *
 * @example
 * const k: KindScore = { labels: 10, found: 9, kindAgrees: 8, findings: 9, matchedFindings: 9 };
 */
export interface KindScore {
  labels: number;
  found: number;
  kindAgrees: number;
  findings: number;
  matchedFindings: number;
}

/**
 * The evaluation result.
 *
 * @example
 * const s = scoreReports(labels, reports); s.byKind['open-pixel'].found;
 */
export interface Score {
  readonly emails: number;
  readonly byKind: Record<FindingKind, KindScore>;
  readonly cleanEmails: number;
  readonly findingsOnClean: number;
  readonly vendorLabels: number;
  readonly vendorAgrees: number;
  readonly leaksExpected: number;
  readonly leaksFound: number;
  readonly leaksUnexpected: number;
  /** Address leaks in ordinary links: labelled, and found in `report.links`. */
  readonly linkLeaksExpected: number;
  readonly linkLeaksFound: number;
  /** Human-readable misses and false positives, one line each. */
  readonly details: readonly string[];
}

const PIXELISH: ReadonlySet<FindingKind> = new Set(['open-pixel', 'beacon', 'css-beacon']);

function urlsOf(f: Finding): string[] {
  return [f.url, ...(f.urls ?? [])].map((u) => u.toLowerCase());
}

const ASIDE_WORDS = ['domain', 'party', 'based', 'copied'];

/**
 * Replaces each `(…)` aside that holds one of {@link ASIDE_WORDS} with a space, scanning once
 * (a regex for it backtracked quadratically on unclosed parentheses).
 */
function dropAsides(s: string): string {
  let out = '';
  let from = 0;
  for (let open = s.indexOf('('); open >= 0; ) {
    const close = s.indexOf(')', open + 1);
    if (close < 0) break;
    // a later `(` before `close` would only see a suffix of this text: no word there either
    const inner = s.slice(open + 1, close);
    if (ASIDE_WORDS.some((w) => inner.includes(w))) {
      out += `${s.slice(from, open)} `;
      from = close + 1;
    }
    open = s.indexOf('(', close + 1);
  }
  return out + s.slice(from);
}

function names(s: string): string[] {
  return dropAsides(s.toLowerCase())
    .split(/[()/,]/)
    .map((x) => x.replace(/[^a-z0-9]/g, ''))
    .filter((x) => x.length >= 3);
}

/**
 * Whether our vendor name and a label's vendor name denote the same vendor (`Sendinblue/Brevo` ~
 * `Brevo (Sendinblue)`, `ConvertKit (Kit)` ~ `Kit`).
 *
 * @example
 * sameVendor('Sendinblue/Brevo', 'Brevo'); // true
 */
export function sameVendor(label: string, ours: string): boolean {
  const a = names(label);
  const b = names(ours);
  if (a.some((x) => b.some((y) => x === y || (x.length >= 4 && y.includes(x)) || (y.length >= 4 && x.includes(y))))) return true;
  // A sender's own tracker is labelled with its registrable domain (`zalando.de`) and reported
  // under the sender's domain or brand (`zalando.com`, `Zalando`): the name before the public
  // suffix decides.
  const stem = domainStem(label) ?? domainStem(ours);
  if (stem === null) return false;
  const other = domainStem(label) === null ? label : ours;
  const otherStem = domainStem(other) ?? names(other).join('');
  return otherStem === stem;
}

/** `zalando` for `zalando.de` or `news.zalando.co.uk`; `null` when the text is not a domain name. */
function domainStem(s: string): string | null {
  const t = s.trim().toLowerCase();
  if (!t.includes('.') || t.includes(' ') || t.includes('/')) return null;
  const stem = getDomainWithoutSuffix(t, { allowPrivateDomains: true });
  return stem === null || stem === '' ? null : stem.replace(/[^a-z0-9]/g, '');
}

function leakMatches(expected: string, f: Finding): boolean {
  const enc = f.leaks.map((l) => l.encoding);
  if (expected === 'plain') return enc.some((e) => e === 'plain' || e.endsWith('percent-encoded'));
  if (expected === 'base64') return enc.some((e) => e.startsWith('base64'));
  return enc.some((e) => e.startsWith(expected));
}

function emptyKinds(): Record<FindingKind, KindScore> {
  const k = (): KindScore => ({ labels: 0, found: 0, kindAgrees: 0, findings: 0, matchedFindings: 0 });
  return { 'open-pixel': k(), beacon: k(), 'css-beacon': k(), 'click-redirect': k() };
}

/**
 * A label copied from the HTML may keep a default port (`host:443/path`) that URL parsing, and so
 * every finding, drops: compare without it.
 */
function labelNeedle(url: string): string {
  const l = url.toLowerCase();
  const slash = l.indexOf('/');
  const host = slash < 0 ? l : l.slice(0, slash);
  const port = host.endsWith(':443') ? 4 : host.endsWith(':80') ? 3 : 0;
  return port === 0 ? l : host.slice(0, host.length - port) + l.slice(host.length);
}

/**
 * A link label is copied from the HTML, which may write non-ASCII characters (`name=Schüle`) and
 * a query right after the host (`host.example?e=`) where the parsed URL of a report has
 * `Sch%C3%BCle` and `host.example/?e=`: both sides are compared decoded, with the root slash.
 */
function linkNeedle(url: string): string {
  const l = decodedOrSame(url.toLowerCase());
  const q = l.indexOf('?');
  const slash = l.indexOf('/');
  return q > 0 && (slash < 0 || slash > q) ? `${l.slice(0, q)}/${l.slice(q)}` : l;
}

function comparableUrl(url: string): string {
  return decodedOrSame(url.toLowerCase());
}

function decodedOrSame(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

function pick(label: TrackerLabel, findings: readonly Finding[], used: Set<Finding>): Finding | null {
  const needle = labelNeedle(label.url);
  const fits = (f: Finding): boolean => urlsOf(f).some((u) => u.includes(needle));
  const wantPixel = PIXELISH.has(label.kind);
  const preferred = findings.find((f) => !used.has(f) && fits(f) && PIXELISH.has(f.kind) === wantPixel);
  return preferred ?? findings.find((f) => fits(f) && PIXELISH.has(f.kind) === wantPixel) ?? null;
}

/**
 * Scores one report per labelled email (same order).
 *
 * @example
 * const score = scoreReports(emails, reports);
 */
export function scoreReports(emails: readonly EmailLabel[], reports: readonly Report[]): Score {
  const byKind = emptyKinds();
  const details: string[] = [];
  let cleanEmails = 0;
  let findingsOnClean = 0;
  let vendorLabels = 0;
  let vendorAgrees = 0;
  let leaksExpected = 0;
  let leaksFound = 0;
  let leaksUnexpected = 0;
  let linkLeaksExpected = 0;
  let linkLeaksFound = 0;
  emails.forEach((email, i) => {
    const findings = reports[i]?.findings ?? [];
    for (const o of email.otherLeaks) {
      linkLeaksExpected++;
      const needle = linkNeedle(o.url);
      const hit = (reports[i]?.links ?? []).some(
        (n) => n.leaks.length > 0 && n.urls.some((u) => comparableUrl(u).includes(needle)),
      );
      if (hit) linkLeaksFound++;
      else details.push(`link  ${email.file}: ${o.leaksEmail} leak not reported in ${o.url}`);
    }
    const used = new Set<Finding>();
    const optionalUsed = new Set<Finding>();
    // Specific pixel labels first: click labels often share their prefix.
    const ordered = [...email.trackers].sort((a, b) => Number(PIXELISH.has(b.kind)) - Number(PIXELISH.has(a.kind)));
    for (const label of ordered) {
      if (label.optional) {
        // Borderline: every finding it covers is neither rewarded nor penalised.
        const needle = labelNeedle(label.url);
        for (const f of findings) if (urlsOf(f).some((u) => u.includes(needle))) optionalUsed.add(f);
        continue;
      }
      const f = pick(label, findings, used);
      const score = byKind[label.kind];
      score.labels++;
      if (label.leaksEmail !== null) leaksExpected++;
      if (f === null) {
        details.push(`miss  ${email.file}: ${label.kind} ${label.url}`);
        continue;
      }
      used.add(f);
      score.found++;
      if (f.kind === label.kind) score.kindAgrees++;
      if (label.vendor !== null) {
        vendorLabels++;
        if (f.vendor !== null && sameVendor(label.vendor, f.vendor.name)) vendorAgrees++;
        else details.push(`vendor ${email.file}: labelled ${label.vendor}, reported ${f.vendor?.name ?? 'none'}`);
      }
      if (label.leaksEmail !== null) {
        if (leakMatches(label.leaksEmail, f)) leaksFound++;
        else details.push(`leak  ${email.file}: ${label.leaksEmail} not found in ${label.url}`);
      } else if (f.leaks.length > 0) {
        leaksUnexpected++;
        details.push(`leak? ${email.file}: reported ${f.leaks.map((l) => l.encoding).join(',')} in ${label.url}`);
      }
    }
    const clean = email.trackers.every((t) => t.optional);
    if (clean) cleanEmails++;
    for (const f of findings) {
      byKind[f.kind].findings++;
      if (used.has(f)) byKind[f.kind].matchedFindings++;
      else if (optionalUsed.has(f)) byKind[f.kind].findings--;
      else {
        if (clean) findingsOnClean++;
        details.push(`extra ${email.file}: ${f.kind} ${f.confidence} ${f.url.slice(0, 120)}`);
      }
      if (f.leaks.length > 0 && !used.has(f) && !optionalUsed.has(f)) leaksUnexpected++;
    }
  });
  return {
    emails: emails.length, byKind, cleanEmails, findingsOnClean, vendorLabels, vendorAgrees,
    leaksExpected, leaksFound, leaksUnexpected, linkLeaksExpected, linkLeaksFound, details,
  };
}
