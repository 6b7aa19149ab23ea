/**
 * Scans one HTML document: walk → resolve and parse URLs → catalogue → classify → checks →
 * findings. Every dependency comes in through the context so tests can swap any stage.
 */
import type { CatalogueIndex, CatalogueMatch, VendorEntry } from '../catalogue/types.js';
import type { Resource, WalkResult } from '../html/types.js';
import type { NeedleSet } from '../leaks/index.js';
import { explainFinding } from '../report/explain.js';
import { catalogueFlag, leakFlag } from '../report/flags.js';
import { linkNotes, type SeenLink } from '../report/links.js';
import { measurementOf } from '../report/measure.js';
import type { Finding, Flag, Language, Leak, LinkNote, ScanError } from '../types.js';
import type { ParsedUrl } from '../url/parse.js';
import { linkPatternKey } from '../classify/links.js';
import { cutHtml, type ResolvedLimits } from '../limits.js';
import { inspectPart, type Inspection } from './inspect.js';
import { absorbUnknownGroups, mergeLeaks, representative, unknownRedirectKey, type RedirectGroup } from './redirect-group.js';
import { partLimitErrors, urlTruncatedFlag } from './limit-errors.js';
import type { SenderContext } from './sender.js';

/**
 * What scanning one part needs. Built once per message by the scan functions.
 *
 * @example
 * const ctx: PartContext = { catalogue: defaultCatalogue(), needles: buildNeedles([]), senders: [],
 *   domainOf: createDomainCache(), includeLinks: true, lang: 'en', walk: walkHtml, findLeaks,
 *   limits: DEFAULT_LIMITS, urlBudget: { left: DEFAULT_LIMITS.maxUrls }, sender: NO_SENDER };
 */
export interface PartContext {
  /** Validated limits of the scan. */
  readonly limits: ResolvedLimits;
  /** URLs the message may still have judged; spent by every part. */
  readonly urlBudget: { left: number };
  readonly catalogue: CatalogueIndex;
  readonly needles: NeedleSet;
  readonly senders: readonly string[];
  readonly domainOf: (host: string) => string | null;
  readonly includeLinks: boolean;
  readonly lang: Language;
  readonly walk: (html: string) => WalkResult;
  readonly findLeaks: (url: ParsedUrl, needles: NeedleSet) => Leak[];
  /** The platform the headers name and the sender's own domain, for attribution. */
  readonly sender: SenderContext;
}

function flagsFor(match: CatalogueMatch | null, leaks: readonly Leak[], host: string, thirdParty: boolean, lang: Language): Flag[] {
  const flags: Flag[] = [];
  for (const f of match?.flags ?? []) flags.push(catalogueFlag(f.code, f.message, lang));
  if (leaks.length > 0) {
    if (match?.leakFlag) flags.push(catalogueFlag(match.leakFlag.code, match.leakFlag.message, lang));
    const generic = leakFlag(leaks, host, thirdParty, lang);
    if (generic !== null) flags.push(generic);
  }
  return flags;
}

/** A finding judged on a cut URL says so, as its URL is not the whole one. */
function withCut(flags: Flag[], truncated: boolean, ctx: PartContext): Flag[] {
  if (truncated) flags.push(urlTruncatedFlag(ctx.limits.maxUrlLength));
  return flags;
}

function elementOf(r: Resource, part: number): Finding['element'] {
  return { tag: r.tag, attribute: r.attribute, line: r.line, col: r.col, part };
}

function vendorRef(entry: VendorEntry | null): Finding['vendor'] {
  return entry === null ? null : { id: entry.id, name: entry.name, category: entry.category };
}

/** The URL a gateway's rewriting carries, or the URL itself: where the click is tracked. */
function trackerUrl(url: ParsedUrl, ctx: PartContext): ParsedUrl {
  return ctx.catalogue.unwrap(url) ?? url;
}

/** Counts a link under its pattern, read on the tracker's URL (through a gateway's rewriting). */
function addPattern(g: RedirectGroup, r: Resource, url: ParsedUrl, destination: string | null, ctx: PartContext): void {
  const key = linkPatternKey(trackerUrl(url, ctx));
  const use = g.patterns.get(key);
  if (use === undefined) g.patterns.set(key, { first: r, url, destination, count: 1 });
  else use.count++;
}

/**
 * One finding per vendor's click tracking: on the vendor's own hosts whatever the variant
 * (list-manage.com, list-manage1.com); on customers' branded hosts one per site (looking through a
 * gateway's rewriting), as each site is its own deployment.
 */
function redirectKey(match: CatalogueMatch, url: ParsedUrl, ctx: PartContext): string {
  if (match.level !== 'shape') return `vendor:${match.vendor.id}`;
  const host = trackerUrl(url, ctx).host;
  return `vendor:${match.vendor.id} ${ctx.domainOf(host) ?? host}`;
}

const RANK: Record<Finding['confidence'], number> = { possible: 0, likely: 1, certain: 2 };

function redirectFinding(group: RedirectGroup, part: number, ctx: PartContext): Finding {
  const rep = representative(group);
  const g: RedirectGroup =
    rep === null ? group : { ...group, first: rep.first, url: rep.url, destination: rep.destination ?? group.destination };
  const signals = [...g.signals];
  const measurement = g.leaks.length > 0 || g.signals.has('identifier-param') || g.signals.has('identifier-path') ? 'individual' : 'aggregate';
  const explanation = explainFinding(
    { kind: 'click-redirect', host: g.url.host, thirdParty: g.thirdParty, vendor: g.entry, measurement, leaks: g.leaks, signals, count: g.count },
    ctx.lang,
  );
  return {
    kind: 'click-redirect',
    url: g.url.href,
    host: g.url.host,
    thirdParty: g.thirdParty,
    confidence: g.confidence,
    vendor: vendorRef(g.entry),
    signals,
    leaks: g.leaks,
    flags: withCut(flagsFor(g.match, g.leaks, g.url.host, g.thirdParty, ctx.lang), g.truncated, ctx),
    element: elementOf(g.first, part),
    measurement,
    explanation,
    ...(g.destination !== null ? { destination: g.destination } : {}),
    count: g.count,
    urls: g.urls,
  };
}

/**
 * Scans one decoded HTML document and returns its findings in document order (click redirects,
 * one per pattern, after the resources) and the notes on ordinary links. A caller that already
 * inspected the document (the sanitiser, which edits by the same verdicts) passes the inspection
 * of its first `maxHtmlBytes` instead of having it walked again.
 *
 * @example
 * scanPart('<img src="https://t.example/o.gif?u=3f2b8c1e9d4a4b7e" width=1 height=1>', 0, ctx).findings[0]?.kind;
 * // 'open-pixel'
 */
export function scanPart(
  html: string,
  part: number,
  ctx: PartContext,
  inspected?: Inspection,
): { findings: Finding[]; links: LinkNote[]; errors: ScanError[] } {
  const cut = cutHtml(html, ctx.limits.maxHtmlBytes);
  const inspection = inspected ?? inspectPart(cut ?? html, ctx);
  const errors = partLimitErrors(part, inspection, ctx.limits, cut === null ? null : cut.length);
  if (inspection.cssErrors > 0) {
    errors.push({ code: 'css-parse-failed', message: `${inspection.cssErrors} style block(s) in part ${part} could not be fully parsed.` });
  }
  const findings: Finding[] = [];
  const redirects = new Map<string, RedirectGroup>();
  const seen = new Map<string, number>();
  const plainLinks: SeenLink[] = [];
  for (const v of inspection.verdicts) {
    const { resource: r, url, match, thirdParty, leaks, decision } = v;
    // `attributed` names who runs a shape-matched host when that is not the rule's vendor
    const entry = v.attributed ?? match?.entry ?? null;
    if (decision === null) {
      if (r.via === 'link-click') plainLinks.push({ resource: r, url, thirdParty, leaks });
      continue;
    }
    if (decision.kind === 'click-redirect') {
      const key = match === null ? unknownRedirectKey(v) : redirectKey(match, url, ctx);
      const g = redirects.get(key);
      const destination = match?.destination ?? null;
      if (g === undefined) {
        const created: RedirectGroup = {
          first: r, url, match, entry, patterns: new Map(), thirdParty, confidence: decision.confidence, signals: new Set(decision.signals),
          urls: [url.href], count: 1, leaks: [...leaks], destination, truncated: v.truncated === true,
        };
        addPattern(created, r, url, destination, ctx);
        redirects.set(key, created);
      } else {
        addPattern(g, r, url, destination, ctx);
        if (RANK[decision.confidence] > RANK[g.confidence]) g.confidence = decision.confidence;
        g.count++;
        if (!g.urls.includes(url.href)) g.urls.push(url.href);
        decision.signals.forEach((s) => g.signals.add(s));
        mergeLeaks(g.leaks, leaks);
        if (leaks.length > 0) g.signals.add('address-leak');
        if (v.truncated === true) g.truncated = true;
      }
      continue;
    }
    // The same URL loaded by several elements is one request for the client (it is cached).
    const seenAt = seen.get(`${decision.kind} ${url.href}`);
    if (seenAt !== undefined) {
      const prev = findings[seenAt];
      if (prev !== undefined) findings[seenAt] = { ...prev, count: (prev.count ?? 1) + 1 };
      continue;
    }
    seen.set(`${decision.kind} ${url.href}`, findings.length);
    const measurement = measurementOf(url, match?.identifierParams ?? [], leaks);
    const explanation = explainFinding(
      { kind: decision.kind, host: url.host, thirdParty, vendor: entry, measurement, leaks, signals: decision.signals },
      ctx.lang,
    );
    findings.push({
      kind: decision.kind,
      url: url.href,
      host: url.host,
      thirdParty,
      confidence: decision.confidence,
      vendor: vendorRef(entry),
      signals: decision.signals,
      leaks,
      flags: withCut(flagsFor(match, leaks, url.host, thirdParty, ctx.lang), v.truncated === true, ctx),
      element: elementOf(r, part),
      measurement,
      explanation,
    });
  }
  absorbUnknownGroups(redirects);
  for (const g of redirects.values()) findings.push(redirectFinding(g, part, ctx));
  return { findings, links: linkNotes(plainLinks, ctx.catalogue, part), errors };
}
