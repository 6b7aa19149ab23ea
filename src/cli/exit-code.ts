/**
 * The exit code of `spypixel scan`, decided once from what the run saw. As with grep and ripgrep,
 * an input that could not be read wins over findings: a run that skipped something must never
 * look like "nothing found".
 */
import { UNSCANNED_CODES } from '../batch/unscanned.js';
import type { Confidence, ErrorCode } from '../types.js';

const RANK: Readonly<Record<Confidence, number>> = { possible: 1, likely: 2, certain: 3 };

/**
 * What the exit code depends on.
 *
 * @example
 * const o: RunOutcome = { interrupted: false, readerClosed: false, outputFailed: false, inputErrors: 0,
 *   noMessage: false, errorsByCode: new Map(), byConfidence: new Map([['certain', 1]]), failOn: 'possible' };
 */
export interface RunOutcome {
  /** Stopped by Ctrl-C. */
  readonly interrupted: boolean;
  /** Standard output was closed by its reader (`| head`): not a failure. */
  readonly readerClosed: boolean;
  /** The output could not be written (disk full, …). */
  readonly outputFailed: boolean;
  /** Command-line paths that gave nothing to read (missing, no glob match, unreadable folder). */
  readonly inputErrors: number;
  /** No message at all in the inputs (resumed ones count; a shard may rightly have none). */
  readonly noMessage: boolean;
  readonly errorsByCode: ReadonlyMap<string, number>;
  readonly byConfidence: ReadonlyMap<string, number>;
  readonly failOn: Confidence | 'none';
}

/**
 * The exit code: 130 interrupted; 0 when the reader closed the pipe; 2 when the output failed,
 * an input was not read or not scanned in full, or there was no message at all; 1 when a finding
 * is at or above `failOn`; 0 otherwise.
 *
 * @example
 * exitCodeOf({ ...outcome, errorsByCode: new Map([['invalid-input', 1]]) }); // 2 (an empty file)
 */
export function exitCodeOf(o: RunOutcome): number {
  if (o.interrupted) return 130;
  if (o.readerClosed) return 0;
  if (o.outputFailed || o.inputErrors > 0 || o.noMessage) return 2;
  for (const [code, n] of o.errorsByCode) if (n > 0 && UNSCANNED_CODES.has(code as ErrorCode)) return 2;
  if (o.failOn === 'none') return 0;
  const threshold = RANK[o.failOn];
  return (Object.keys(RANK) as Confidence[]).some((c) => RANK[c] >= threshold && (o.byConfidence.get(c) ?? 0) > 0) ? 1 : 0;
}
