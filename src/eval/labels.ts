/**
 * The label format of an evaluation folder (`labels.json`), read defensively: a malformed entry is
 * skipped with a message, never a crash.
 */
import type { FindingKind } from '../types.js';

/**
 * One labelled tracker.
 *
 * @example
 * const t: TrackerLabel = { url: 'list-manage.com/track/open.php', kind: 'open-pixel', vendor: 'Mailchimp', leaksEmail: null, optional: false };
 */
export interface TrackerLabel {
  readonly url: string;
  readonly kind: FindingKind;
  readonly vendor: string | null;
  readonly leaksEmail: string | null;
  readonly optional: boolean;
}

/**
 * One labelled email.
 *
 * @example
 * const e: EmailLabel = { file: '001.eml', format: 'eml', recipient: 'me@mail.example', trackers: [], otherLeaks: [] };
 */
export interface EmailLabel {
  readonly file: string;
  readonly format: 'eml' | 'html';
  readonly recipient: string | null;
  /** The sender's domain as labelled; given to `scanHtml` as `sender` for HTML bodies without headers. */
  readonly senderDomain?: string | null;
  readonly trackers: readonly TrackerLabel[];
  /** Address leaks in ordinary links (not trackers): URL substring and encoding. */
  readonly otherLeaks: ReadonlyArray<{ readonly url: string; readonly leaksEmail: string }>;
}

const KINDS: readonly FindingKind[] = ['open-pixel', 'beacon', 'css-beacon', 'click-redirect'];

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

/**
 * Reads the `emails` array of a labels document.
 *
 * @example
 * parseLabels(JSON.parse(text)); // { emails: [...], problems: [] }
 */
export function parseLabels(doc: unknown): { emails: EmailLabel[]; problems: string[] } {
  const problems: string[] = [];
  const emails: EmailLabel[] = [];
  const list = (doc as { emails?: unknown } | null)?.emails;
  if (!Array.isArray(list)) return { emails, problems: ['labels.json has no "emails" array'] };
  for (const raw of list as unknown[]) {
    const e = raw as Record<string, unknown>;
    const file = str(e['file']);
    if (file === null) {
      problems.push('an email entry has no "file"');
      continue;
    }
    const trackers: TrackerLabel[] = [];
    for (const t of Array.isArray(e['trackers']) ? (e['trackers'] as unknown[]) : []) {
      const tr = t as Record<string, unknown>;
      const url = str(tr['url']);
      const kind = KINDS.find((k) => k === tr['kind']);
      if (url === null || kind === undefined) {
        problems.push(`${file}: tracker label without url or known kind`);
        continue;
      }
      trackers.push({ url, kind, vendor: str(tr['vendor']), leaksEmail: str(tr['leaksEmail']), optional: tr['optional'] === true });
    }
    const otherLeaks: Array<{ url: string; leaksEmail: string }> = [];
    for (const o of Array.isArray(e['otherLeaks']) ? (e['otherLeaks'] as unknown[]) : []) {
      const ol = o as Record<string, unknown>;
      const url = str(ol['url']);
      const enc = str(ol['leaksEmail']);
      if (url !== null && enc !== null) otherLeaks.push({ url, leaksEmail: enc });
    }
    emails.push({
      otherLeaks,
      file,
      format: e['format'] === 'html' || file.toLowerCase().endsWith('.html') ? 'html' : 'eml',
      recipient: str(e['recipient']) ?? str(e['leakCheckAddress']),
      senderDomain: str(e['senderDomain']),
      trackers,
    });
  }
  return { emails, problems };
}
