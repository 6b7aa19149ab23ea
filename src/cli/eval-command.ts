/**
 * `spypixel eval <dir>`: scans every labelled email of a folder and prints the scores.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseLabels } from '../eval/labels.js';
import { scoreReports, type Score } from '../eval/score.js';
import { scanEml } from '../scan/eml.js';
import { scanHtml } from '../scan/html.js';
import type { Report } from '../types.js';

function ratio(n: number, d: number): string {
  return d === 0 ? '  n/a' : (n / d).toFixed(3);
}

/**
 * Renders a score as the table printed by `npm run eval`.
 *
 * @example
 * formatScore(score); // 'kind            labels found recall precision …'
 */
export function formatScore(s: Score, verbose: boolean): string {
  const lines = [`${s.emails} emails evaluated`, 'kind            labels  found  recall  kind-ok  findings  precision'];
  let pl = 0;
  let pf = 0;
  for (const [kind, k] of Object.entries(s.byKind)) {
    if (kind !== 'click-redirect') {
      pl += k.labels;
      pf += k.found;
    }
    lines.push(
      `${kind.padEnd(15)} ${String(k.labels).padStart(6)} ${String(k.found).padStart(6)}  ${ratio(k.found, k.labels)}  ${String(k.kindAgrees).padStart(7)}  ${String(k.findings).padStart(8)}  ${ratio(k.matchedFindings, k.findings)}`,
    );
  }
  lines.push(`pixel+beacon recall: ${ratio(pf, pl)} (${pf}/${pl})`);
  lines.push(`findings on clean emails: ${s.findingsOnClean} (${s.cleanEmails} clean emails)`);
  lines.push(`vendor named correctly: ${s.vendorAgrees}/${s.vendorLabels} (${ratio(s.vendorAgrees, s.vendorLabels)})`);
  lines.push(`address leaks found: ${s.leaksFound}/${s.leaksExpected}; leaks reported where none is labelled: ${s.leaksUnexpected}`);
  lines.push(`address leaks in ordinary links found: ${s.linkLeaksFound}/${s.linkLeaksExpected}`);
  if (verbose) lines.push('', ...s.details);
  return lines.join('\n');
}

/**
 * The pixel+beacon recall of a score (all non-click kinds together).
 *
 * @example
 * pixelRecall(score); // 0.93
 */
export function pixelRecall(s: Score): number {
  let l = 0;
  let f = 0;
  for (const [kind, k] of Object.entries(s.byKind)) {
    if (kind === 'click-redirect') continue;
    l += k.labels;
    f += k.found;
  }
  return l === 0 ? 1 : f / l;
}

/**
 * Runs the evaluation of a folder with a `labels.json`.
 *
 * @example
 * const { score } = await evaluateFolder('../shared/corpus/real');
 */
export async function evaluateFolder(dir: string): Promise<{ score: Score; problems: string[] }> {
  const doc: unknown = JSON.parse(await readFile(join(dir, 'labels.json'), 'utf8'));
  const { emails, problems } = parseLabels(doc);
  const reports: Report[] = [];
  for (const e of emails) {
    const options = { source: e.file, ...(e.recipient !== null ? { recipient: e.recipient } : {}) };
    let bytes: Buffer;
    try {
      bytes = await readFile(join(dir, e.file));
    } catch (err) {
      problems.push(`${e.file}: ${(err as Error).message}`);
      reports.push({ source: e.file, message: { from: null, senderDomain: null, to: [], subject: null, date: null, messageId: null }, findings: [], errors: [] });
      continue;
    }
    // An HTML body has no headers: the labelled sender domain stands in for From, as a webmail
    // integration would pass it.
    const sender = e.senderDomain ?? null;
    const htmlOptions = sender === null ? options : { ...options, sender };
    reports.push(e.format === 'html' ? scanHtml(bytes.toString('utf8'), htmlOptions) : await scanEml(bytes, options));
  }
  return { score: scoreReports(emails, reports), problems };
}
