/**
 * Failing closed: when the sanitiser cannot vouch for its output (a limit kept it from examining
 * everything, an edit could not be made, or its check of the output fails), it returns nothing
 * rather than markup that may still track, with a `sanitize-refused` error saying why.
 */
import type { ResolvedLimits } from '../limits.js';
import type { Inspection } from '../scan/inspect.js';
import type { Finding, ScanError } from '../types.js';
import type { SanitizeHtmlResult } from './types.js';

/**
 * Why the scan of a part did not examine all of it, or `null`. URLs longer than `maxUrlLength` are
 * judged (on their prefix) and removed whole, so that limit stops nothing.
 *
 * @example
 * unexamined(inspection, null, DEFAULT_LIMITS); // null when every limit held
 */
export function unexamined(inspection: Inspection, htmlCut: number | null, limits: ResolvedLimits): string | null {
  if (htmlCut !== null) return `the HTML is larger than maxHtmlBytes (${limits.maxHtmlBytes} bytes)`;
  if (inspection.truncated?.elements === true) return `the HTML has more than maxElements (${limits.maxElements}) elements`;
  if ((inspection.truncated?.cssBlocks ?? 0) > 0) return `its style sheets are larger than maxCssBytes (${limits.maxCssBytes} bytes)`;
  if (inspection.urlsSkipped > 0) return `it has more URLs than maxUrls (${limits.maxUrls} per message) allows`;
  return null;
}

/**
 * The error that goes with a refused result.
 *
 * @example
 * refusedError('part 0', 'the HTML has more than maxElements (50000) elements').code; // 'sanitize-refused'
 */
export function refusedError(where: string, reason: string): ScanError {
  return { code: 'sanitize-refused', message: `Nothing returned for ${where}: ${reason}, so trackers could remain.` };
}

/**
 * A refused result: no HTML at all, nothing reported as removed, the scan's findings as kept.
 *
 * @example
 * refusedHtml('part 0', 'the HTML has more than maxElements (50000) elements', [], []).html; // ''
 */
export function refusedHtml(where: string, reason: string, findings: readonly Finding[], errors: readonly ScanError[]): SanitizeHtmlResult {
  return { html: '', removed: [], kept: [...findings], changes: [], errors: [...errors, refusedError(where, reason)] };
}

/**
 * A finding's identity across two scans of the same document.
 *
 * @example
 * findingKey(finding); // 'open-pixel https://t.example/o.gif'
 */
export function findingKey(f: Finding): string {
  return `${f.kind} ${f.url}`;
}

/**
 * Loading findings of a rescan of the output that the sanitiser did not decide to keep: a tracker
 * left in place, or one the edits created. Click redirects are left out (they load nothing when
 * the message opens, and one without a recoverable destination stays by design).
 *
 * @example
 * leftovers(rescan.findings, new Set(['open-pixel https://cdn.example/kept.gif'])); // []
 */
export function leftovers(rescan: readonly Finding[], keptKeys: ReadonlySet<string>): Finding[] {
  return rescan.filter((f) => f.kind !== 'click-redirect' && !keptKeys.has(findingKey(f)));
}
