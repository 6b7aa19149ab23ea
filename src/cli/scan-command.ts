/**
 * `spypixel scan`: files, folders, globs, mbox, Maildir, gzip and stdin, scanned in parallel with
 * bounded memory, written in input order, resumable. Exit codes: 0 nothing found, 1 trackers
 * found (see `--fail-on`), 2 usage error or an input not read (see exit-code.ts). A path that
 * gives nothing to read is said on stderr, never written as a report.
 */
import { truncateSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GlobError } from '../batch/glob-pattern.js';
import { bump } from '../batch/counter.js';
import { collectBatchInputs, type InputEntry } from '../batch/inputs.js';
import { ProgressBar, showProgress } from '../batch/progress.js';
import { readUnits } from '../batch/read.js';
import { isCutReport, readResume, resumedSources } from '../batch/resume.js';
import { createScanner, scanInOrder } from '../batch/run.js';
import { parseOutline } from '../batch/outline-parse.js';
import { inShard } from '../batch/shard.js';
import { formatTally, Tally } from '../batch/summary.js';
import { summaryOf } from '../batch/summary-data.js';
import { TABLE_WORDS } from '../batch/table-text.js';
import { terminalLines, terminalSafe } from '../batch/terminal.js';
import type { Unit } from '../batch/unit.js';
import { writerFor } from '../batch/format.js';
import { useColor } from './color.js';
import { exitCodeOf } from './exit-code.js';
import { nonEmptyFile, openOutput, stdoutSink, type Sink } from './output.js';
import { scanSettings } from './scan-settings.js';
import { UsageError } from './usage.js';

export { UsageError } from './usage.js';
export { recipientList } from './scan-settings.js';

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

/**
 * Runs `spypixel scan` with its arguments; resolves to the exit code.
 *
 * @example
 * process.exitCode = await scanCommand(['archive.mbox', '--format', 'ndjson', '-o', 'out.ndjson']);
 */
export async function scanCommand(args: string[]): Promise<number> {
  const s = scanSettings(args);
  const color = s.format === 'table' && useColor(s.color, s.output === null && process.stdout.isTTY === true, process.env);
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
    job: { lang: s.lang, includeLinks: s.includeLinks, recipient: s.recipient, format: s.format, color },
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
    throw e instanceof GlobError ? new UsageError(e.message) : e;
  }
  // A path that gives nothing to read is no message: said on stderr, as grep and ripgrep do,
  // never written as a report that could read as "no tracker found".
  let inputErrors = 0;
  for (const i of inputs) {
    if (i.kind !== 'error') continue;
    inputErrors++;
    bump(tally.errorsByCode, i.error.code);
    process.stderr.write(`spypixel scan: ${terminalSafe(i.error.message)} (${i.error.code})\n`);
  }
  inputs = inputs.filter((i) => i.kind !== 'error');
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
    const halted = (): boolean => stopped || sink.failed() !== null || sink.readerClosed();
    const style = { lang: s.lang, color };
    for await (const d of scanInOrder(untilStopped(units, halted), scanner, s.format, Math.max(2, scanner.parallelism * 4), style)) {
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
  // The reader has what it wanted (`| head`): end quietly.
  if (sink.readerClosed()) return 0;
  // URL templates and identifiers in the summary come from the messages too
  const summary = `${terminalLines(formatTally(tally, s.lang))}${stopped ? `\n${TABLE_WORDS[s.lang].summary.interrupted}` : ''}\n`;
  if (s.format === 'table' && s.output === null) await sink.write(summary);
  else if (!s.quiet) process.stderr.write(summary);
  if (s.summaryJson !== null) writeFileSync(s.summaryJson, `${JSON.stringify(summaryOf(tally), null, 2)}\n`);
  // A shard may hold no message of a small archive; anywhere else, no message means nothing was read.
  const nothing = tally.messages === 0 && inputErrors === 0 && s.shard === null;
  if (nothing) process.stderr.write(`spypixel scan: no mail message found in ${s.paths.join(' ')}\n`);
  const failure = sink.failed();
  if (failure !== null) process.stderr.write(`spypixel scan: cannot write the output: ${failure}\n`);
  return exitCodeOf({
    interrupted: stopped,
    readerClosed: sink.readerClosed(),
    outputFailed: failure !== null,
    inputErrors,
    noMessage: nothing,
    errorsByCode: tally.errorsByCode,
    byConfidence: tally.byConfidence,
    failOn: s.failOn,
  });
}
