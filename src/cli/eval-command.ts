/**
 * `spypixel eval <dir>`: scans every labelled email of a folder, prints the scores and fails
 * (exit 1) when a figure is below its `--min-…` threshold.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseLabels } from '../eval/labels.js';
import { evalMetrics, gateFailures, type EvalThresholds } from '../eval/metrics.js';
import { scoreReports, type Score } from '../eval/score.js';
import { scanEml } from '../scan/eml.js';
import { scanHtml } from '../scan/html.js';
import type { Report } from '../types.js';
import { UsageError } from './scan-command.js';

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
  const click = s.byKind['click-redirect'];
  const m = evalMetrics(s);
  const fixed = (v: number | null): string => (v === null ? '  n/a' : v.toFixed(3));
  lines.push(`pixel+beacon recall: ${ratio(pf, pl)} (${pf}/${pl}), precision: ${fixed(m.pixelPrecision)}`);
  lines.push(`click-redirect recall: ${ratio(click.found, click.labels)} (${click.found}/${click.labels}), precision: ${ratio(click.matchedFindings, click.findings)} (${click.matchedFindings}/${click.findings})`);
  lines.push(`findings on clean emails: ${s.findingsOnClean} (${s.cleanEmails} clean emails)`);
  lines.push(`vendor named correctly: ${s.vendorAgrees}/${s.vendorLabels} (${ratio(s.vendorAgrees, s.vendorLabels)}) of found trackers with a labelled vendor`);
  lines.push(`address leaks found with the labelled encoding: ${s.leaksFound}/${s.leaksExpected} (${ratio(s.leaksFound, s.leaksExpected)}); leaks reported where none is labelled: ${s.leaksUnexpected}`);
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

const THRESHOLD_FLAGS: ReadonlyArray<readonly [string, keyof EvalThresholds]> = [
  ['min-recall', 'pixelRecall'],
  ['min-precision', 'pixelPrecision'],
  ['min-click-recall', 'clickRecall'],
  ['min-click-precision', 'clickPrecision'],
  ['min-vendor', 'vendor'],
  ['min-leaks', 'leaks'],
  ['max-clean-findings', 'maxCleanFindings'],
];

/**
 * Reads the gate options (`--min-recall 0.98` …) into thresholds; a value that is not a number
 * (or a ratio above 1) is a usage error, never a silently passing gate.
 *
 * @example
 * parseThresholds({ 'min-click-recall': '0.9' }); // { clickRecall: 0.9 }
 */
export function parseThresholds(values: Readonly<Record<string, unknown>>): EvalThresholds {
  const out: Record<string, number> = {};
  for (const [flag, key] of THRESHOLD_FLAGS) {
    const raw = values[flag];
    if (typeof raw !== 'string') continue;
    const n = raw.trim() === '' ? Number.NaN : Number(raw);
    const isCount = key === 'maxCleanFindings';
    if (!Number.isFinite(n) || n < 0 || (isCount ? !Number.isInteger(n) : n > 1)) {
      throw new UsageError(`--${flag} needs ${isCount ? 'a whole number' : 'a ratio from 0 to 1'}, got "${raw}"`);
    }
    out[key] = n;
  }
  return out as EvalThresholds;
}

/**
 * The `eval` command: returns the exit code (0 pass, 1 a gate failed).
 *
 * @example
 * await evalCommand(['../shared/corpus/real', '--min-click-recall', '0.98']); // 0
 */
export async function evalCommand(args: string[]): Promise<number> {
  const options: Record<string, { type: 'string' } | { type: 'boolean'; default: boolean }> = {
    verbose: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  };
  for (const [flag] of THRESHOLD_FLAGS) options[flag] = { type: 'string' };
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options });
  const dir = positionals[0];
  if (dir === undefined) throw new UsageError('eval needs a folder with labels.json');
  const thresholds = parseThresholds(values);
  const { score, problems } = await evaluateFolder(dir);
  for (const p of problems) process.stderr.write(`spypixel eval: ${p}\n`);
  const metrics = evalMetrics(score);
  process.stdout.write(
    values['json'] === true ? `${JSON.stringify({ ...score, metrics }, null, 2)}\n` : `${formatScore(score, values['verbose'] === true)}\n`,
  );
  const failures = gateFailures(metrics, thresholds);
  for (const f of failures) process.stderr.write(`spypixel eval: ${f}\n`);
  return failures.length > 0 ? 1 : 0;
}
