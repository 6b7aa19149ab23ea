/**
 * `spypixel scan`: files, folders, globs, mbox, Maildir, gzip and stdin, scanned in parallel with
 * bounded memory, written in input order, resumable. Exit codes: 0 nothing found, 1 trackers
 * found (see `--fail-on`), 2 usage or I/O error.
 */
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { collectBatchInputs, type InputEntry } from '../batch/inputs.js';
import { ProgressBar, showProgress } from '../batch/progress.js';
import { readUnits } from '../batch/read.js';
import { isCutReport, readResume, resumedSources } from '../batch/resume.js';
import { createScanner, scanInOrder } from '../batch/run.js';
import { parseOutline } from '../batch/outline-parse.js';
import { inShard, parseShard, type Shard } from '../batch/shard.js';
import { formatTally, Tally } from '../batch/summary.js';
import { summaryOf } from '../batch/summary-data.js';
import { terminalLines } from '../batch/terminal.js';
import type { Unit } from '../batch/unit.js';
import { DEFAULT_LIMITS, LIMIT_RANGES } from '../limits.js';
import type { Confidence, Language } from '../types.js';
import { OUTPUT_FORMATS, writerFor, type OutputFormat } from '../batch/format.js';
import { nonEmptyFile, openOutput, stdoutSink, type Sink } from './output.js';

/** Thrown for a bad command line; the caller prints it with the usage text and exits 2. */
export class UsageError extends Error {}

const RANK: Readonly<Record<Confidence, number>> = { possible: 1, likely: 2, certain: 3 };

const SIZE_UNITS: Readonly<Record<string, number>> = { '': 1, k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9 };

/** `25MB`, `512k`, `1000000` → bytes, or `null`. */
function parseSize(text: string): number | null {
  const t = text.trim().toLowerCase();
  let i = 0;
  while (i < t.length && ((t[i] ?? '') >= '0' && (t[i] ?? '') <= '9')) i++;
  const factor = SIZE_UNITS[t.slice(i)];
  const n = Number(t.slice(0, i));
  return i === 0 || factor === undefined || !Number.isSafeInteger(n * factor) || n <= 0 ? null : n * factor;
}

interface ScanSettings {
  readonly paths: string[];
  readonly format: OutputFormat;
  readonly output: string | null;
  readonly resume: string | null;
  readonly jobs: number;
  readonly quiet: boolean;
  readonly maxMessageBytes: number;
  readonly failOn: Confidence | 'none';
  readonly lang: Language;
  readonly includeLinks: boolean;
  readonly recipient: string[];
  readonly summaryJson: string | null;
  readonly shard: Shard | null;
}

function settings(args: string[]): ScanSettings {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      resume: { type: 'string' },
      jobs: { type: 'string', short: 'j' },
      quiet: { type: 'boolean', short: 'q', default: false },
      'max-message-bytes': { type: 'string', default: '25MB' },
      recipient: { type: 'string', multiple: true },
      lang: { type: 'string', default: 'en' },
      'no-links': { type: 'boolean', default: false },
      'fail-on': { type: 'string', default: 'possible' },
      'summary-json': { type: 'string' },
      shard: { type: 'string' },
    },
  });
  const resume = values.resume ?? null;
  const format = (values.format ?? (resume !== null ? 'ndjson' : 'table')) as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`unknown format "${format}"`);
  if (resume !== null && format !== 'ndjson') throw new UsageError('--resume works with --format ndjson only');
  if (resume !== null && values.output !== undefined && values.output !== resume) {
    throw new UsageError('--resume FILE appends to FILE; --output must be the same file or left out');
  }
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(`--jobs must be an integer from 1 to 256`);
  const maxMessageBytes = parseSize(values['max-message-bytes']);
  if (maxMessageBytes === null) throw new UsageError(`bad --max-message-bytes "${values['max-message-bytes']}"`);
  if (values.lang !== 'en' && values.lang !== 'fr') throw new UsageError(`unknown language "${values.lang}"`);
  const failOn = values['fail-on'];
  if (failOn !== 'none' && !(failOn in RANK)) throw new UsageError(`unknown --fail-on "${failOn}"`);
  if (positionals.length === 0) throw new UsageError('scan needs at least one file, folder, glob or -');
  const shard = values.shard === undefined ? null : parseShard(values.shard);
  if (shard === null && values.shard !== undefined) throw new UsageError(`bad --shard "${values.shard}": give k/n with 1 ≤ k ≤ n, e.g. 2/8`);
  const summaryJson = values['summary-json'] ?? null;
  if (summaryJson !== null && (summaryJson === (resume ?? values.output) || positionals.includes(summaryJson))) {
    throw new UsageError('--summary-json must name a file of its own, not the output or an input');
  }
  const recipient = recipientList(values.recipient ?? []);
  const most = LIMIT_RANGES.maxRecipients[1] - DEFAULT_LIMITS.maxRecipients;
  if (recipient.length > most) throw new UsageError(`--recipient gives ${recipient.length} addresses; at most ${most} can be searched for`);
  return {
    paths: positionals,
    format,
    output: resume ?? values.output ?? null,
    resume,
    jobs,
    quiet: values.quiet,
    maxMessageBytes,
    failOn: failOn as Confidence | 'none',
    lang: values.lang,
    includeLinks: !values['no-links'],
    recipient,
    summaryJson,
    shard,
  };
}

/**
 * `--recipient` values: addresses, or `@FILE` for a list of addresses (one per line, `#` comments),
 * so a batch over many mailboxes can search every owner's address.
 *
 * @example
 * recipientList(['me@mail.example', '@recipients.txt']); // ['me@mail.example', …lines of the file]
 */
export function recipientList(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (!v.startsWith('@')) {
      out.push(v);
      continue;
    }
    let text: string;
    try {
      text = readFileSync(v.slice(1), 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read the recipient list ${v.slice(1)}: ${(e as Error).message}`);
    }
    for (const line of text.split(/\r?\n/)) {
      const hash = line.indexOf('#');
      const a = (hash < 0 ? line : line.slice(0, hash)).trim();
      if (a.includes('@')) out.push(a);
    }
  }
  return out;
}

function totals(inputs: readonly InputEntry[]): { bytes: number; messages: number | null } {
  let bytes = 0;
  let single = true;
  for (const i of inputs) {
    if (i.kind === 'file') bytes += i.size;
    if (i.kind === 'stdin' || (i.kind === 'file' && i.hint !== 'eml' && i.hint !== 'html')) single = false;
  }
  return { bytes, messages: single ? inputs.length : null };
}

/** Stops pulling new units once interrupted; units in flight still finish and are written. */
async function* untilStopped(units: AsyncIterable<Unit>, stopped: () => boolean): AsyncGenerator<Unit> {
  for await (const u of units) {
    if (stopped()) return;
    yield u;
  }
}

function exitCode(t: Tally, s: ScanSettings, outputFailed: boolean): number {
  if (outputFailed || (t.errorsByCode.get('file-read-failed') ?? 0) > 0) return 2;
  if (s.failOn === 'none') return 0;
  const threshold = RANK[s.failOn];
  return (Object.keys(RANK) as Confidence[]).some((c) => RANK[c] >= threshold && (t.byConfidence.get(c) ?? 0) > 0) ? 1 : 0;
}

/**
 * Runs `spypixel scan` with its arguments; resolves to the exit code.
 *
 * @example
 * process.exitCode = await scanCommand(['archive.mbox', '--format', 'ndjson', '-o', 'out.ndjson']);
 */
export async function scanCommand(args: string[]): Promise<number> {
  const s = settings(args);
  const tally = new Tally();
  let isDone = (_source: string): boolean => false;
  if (s.resume !== null) {
    const state = await readResume(s.resume, (r) => {
      const parsed = parseOutline(r);
      if (parsed.ok) tally.add(parsed.outline);
    });
    if (state.partialLastLine) {
      if (!isCutReport(state.tail)) throw new UsageError(`${s.resume} does not end with a cut report line; it is left as it is`);
      // the torn record of an interrupted write goes; its message is scanned again below
      truncateSync(s.resume, state.keep);
    }
    isDone = resumedSources(state);
    tally.resumed = tally.messages;
  } else if (s.output !== null && nonEmptyFile(s.output)) {
    throw new UsageError(`${s.output} exists and is not empty: continue it with --resume ${s.output}, or remove it`);
  }
  // Started first, so that the workers load the scanner while the inputs are listed.
  const workerUrl = new URL('./worker.js', import.meta.url);
  const scanner = createScanner({
    jobs: s.jobs,
    job: { lang: s.lang, includeLinks: s.includeLinks, recipient: s.recipient, format: s.format },
    workerUrl,
  });
  // a broken install must not pass for a parallel run
  if (s.jobs > 1 && scanner.parallelism === 1) process.stderr.write(`spypixel: ${fileURLToPath(workerUrl)} is missing: scanning in one thread\n`);
  let inputs: InputEntry[];
  let sink: Sink;
  try {
    inputs = await collectBatchInputs(s.paths);
    sink = s.output !== null ? openOutput(s.output) : stdoutSink();
  } catch (e) {
    await scanner.close();
    throw e;
  }
  const total = totals(inputs);
  const writer = writerFor(s.format);
  const bar = showProgress(process.stderr.isTTY, process.env, s.quiet) ? new ProgressBar(process.stderr) : null;
  let stopped = false;
  const onSigint = (): void => {
    if (stopped) process.exit(130);
    stopped = true;
  };
  process.on('SIGINT', onSigint);
  const started = Date.now();
  let messages = 0;
  let bytes = 0;
  try {
    await sink.write(writer.begin());
    const units = inShard(readUnits(inputs, { maxMessageBytes: s.maxMessageBytes, isDone, stdin: process.stdin }), s.shard);
    const halted = (): boolean => stopped || sink.failed() !== null;
    for await (const d of scanInOrder(untilStopped(units, halted), scanner, s.format, Math.max(2, scanner.parallelism * 4))) {
      bytes += d.weight;
      if (d.result !== null) {
        messages++;
        tally.add(d.result.outline);
        // A report printed on the same terminal as the bar would land after it on its line.
        if (bar !== null && s.output === null && process.stdout.isTTY) bar.done();
        const before = writer.before();
        if (before !== '') await sink.write(before);
        await sink.write(d.result.bytes);
      }
      // A shard scans an unknown share of the messages: no message total, the bytes still tell progress.
      const state = { messages, totalMessages: s.shard === null ? total.messages : null, bytes, totalBytes: total.bytes, findings: tally.findings, elapsedMs: Date.now() - started };
      bar?.update(state);
    }
    bar?.done();
    await sink.write(writer.end());
  } finally {
    process.off('SIGINT', onSigint);
    await scanner.close();
    await sink.close();
  }
  // URL templates and identifiers in the summary come from the messages too
  const summary = `${terminalLines(formatTally(tally))}${stopped ? '\ninterrupted: continue with --resume' : ''}\n`;
  if (s.format === 'table' && s.output === null) await sink.write(summary);
  else if (!s.quiet) process.stderr.write(summary);
  if (s.summaryJson !== null) writeFileSync(s.summaryJson, `${JSON.stringify(summaryOf(tally), null, 2)}\n`);
  const failure = sink.failed();
  if (failure !== null) process.stderr.write(`spypixel: cannot write the output: ${failure}\n`);
  return stopped ? 130 : exitCode(tally, s, failure !== null);
}
