/**
 * Sanitises one decoded HTML document: inspect every URL, decide per finding, plan edits by
 * offset, apply them. Shared by `sanitizeHtml` and `sanitizeEml`.
 */
import { cutHtml } from '../limits.js';
import type { PartContext } from '../scan/part.js';
import { scanPart } from '../scan/part.js';
import { inspectPart } from '../scan/inspect.js';
import type { Finding, ScanError } from '../types.js';
import { shouldRemove, type Rules } from './decide.js';
import { applyEdits } from './edits.js';
import { findingKey, leftovers, refusedHtml, unexamined } from './guard.js';
import type { ParamPolicy } from './links.js';
import { planEdits } from './plan-edits.js';
import type { SanitizeHtmlResult, SanitizeMode, SanitizeOptions } from './types.js';
import { markupProblem } from './verify.js';

/**
 * Everything one part needs besides its text.
 *
 * @example
 * const p: PartSettings = { ctx, rules, mode: 'remove', unwrap: true, params };
 */
export interface PartSettings {
  readonly ctx: PartContext;
  readonly rules: Rules;
  readonly mode: SanitizeMode;
  readonly unwrap: boolean;
  readonly params: ParamPolicy;
  /** Never delete an element: blank images, drop the loading attribute of the rest. @default false */
  readonly keepElements?: boolean;
}

/**
 * Resolves the mode and link options.
 *
 * @example
 * partSettings(ctx, rules, {}).mode; // 'remove'
 */
export function partSettings(ctx: PartContext, rules: Rules, options: SanitizeOptions): PartSettings {
  const mode: SanitizeMode = options.mode === 'annotate' || options.mode === 'placeholder' ? options.mode : 'remove';
  return {
    ctx, rules, mode, unwrap: options.unwrapLinks !== false,
    params: { vendor: options.stripTrackingParams !== false, campaign: options.stripCampaignParams !== false, allowVendors: rules.allowVendors },
  };
}

/**
 * Sanitises one HTML document. `part` is its index in the message. Fails closed: when a limit
 * kept the scan from examining all of it, when a finding to remove could not be edited out, or
 * when the edited document does not pass its checks (same element tree minus removed elements,
 * and a rescan finds no tracker the rules remove), the result is refused: empty HTML and a
 * `sanitize-refused` error.
 *
 * @example
 * sanitizePart('<img src="https://t.example/o.gif?u=3f2b8c1e9d4a" width=1 height=1><p>hi</p>', 0, settings).html;
 * // '<p>hi</p>'
 */
export function sanitizePart(html: string, part: number, s: PartSettings): SanitizeHtmlResult {
  const where = `HTML part ${part}`;
  // One inspection serves both the report and the edits, so they judge the very same URLs.
  const cut = cutHtml(html, s.ctx.limits.maxHtmlBytes);
  const inspection = inspectPart(cut ?? html, s.ctx);
  const scan = scanPart(html, part, s.ctx, inspection);
  const bound = unexamined(inspection, cut === null ? null : cut.length, s.ctx.limits);
  if (bound !== null) return refusedHtml(where, bound, scan.findings, scan.errors);
  const removeFinding = new Map<Finding, boolean>();
  for (const f of scan.findings) removeFinding.set(f, shouldRemove(f, s.rules));
  const attempt = (keepElements: boolean): SanitizeHtmlResult | string => {
    const errors: ScanError[] = [...scan.errors];
    const { edits, owner, already } = planEdits(html, inspection.verdicts, scan.findings, removeFinding, { ...s, keepElements }, errors);
    const { text, changes, applied } = applyEdits(html, edits, part);
    const done = new Set<Finding>(already);
    for (const e of applied) for (const f of owner.get(e) ?? []) done.add(f);
    // An edit swallowed by a removal around it (an attribute of a removed element) did its job too.
    for (const [e, fs] of owner) {
      if (applied.some((a) => a.start <= e.start && e.end <= a.end && a.after === '')) for (const f of fs) done.add(f);
    }
    const removed = scan.findings.filter((f) => done.has(f));
    const kept = scan.findings.filter((f) => !done.has(f));
    const undone = kept.find((f) => f.kind !== 'click-redirect' && removeFinding.get(f) === true);
    if (undone !== undefined) return `no edit could neutralise ${undone.url.slice(0, 80)}`;
    const problem = changes.length === 0 ? null : checkOutput(html, text, part, kept, s);
    return problem ?? { html: text, removed, kept, changes, errors };
  };
  // Removing an element can change how what follows it parses (an <img> inside <svg> closes it,
  // the first element of a <template> sets its mode): then every element stays, edited in place.
  const first = attempt(false);
  if (typeof first !== 'string') return first;
  const second = attempt(true);
  return typeof second !== 'string' ? second : refusedHtml(where, `${first}; and with every element kept, ${second}`, scan.findings, scan.errors);
}

/** Why the edited document cannot be returned, or null: new markup, or a tracker left or made. */
function checkOutput(before: string, after: string, part: number, kept: readonly Finding[], s: PartSettings): string | null {
  const markup = markupProblem(before, after, s.mode);
  if (markup !== null) return `its edits would change the markup (${markup})`;
  if (s.mode === 'annotate') return null;
  // The rescan gets a budget of its own: the message's was spent on the original.
  const ctx = { ...s.ctx, urlBudget: { left: s.ctx.limits.maxUrls } };
  const cut = cutHtml(after, ctx.limits.maxHtmlBytes);
  const inspection = inspectPart(cut ?? after, ctx);
  const bound = unexamined(inspection, cut === null ? null : cut.length, ctx.limits);
  if (bound !== null) return `the sanitised HTML could not be checked: ${bound}`;
  const left = leftovers(scanPart(after, part, ctx, inspection).findings, new Set(kept.map(findingKey)));
  return left[0] === undefined ? null : `a rescan still finds ${left[0].kind} ${left[0].url.slice(0, 80)}`;
}
