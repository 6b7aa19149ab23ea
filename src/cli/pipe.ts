/**
 * Standard output closed by its reader (`spypixel scan … | head -1`): the reader has all it
 * wanted, so the command ends quietly with exit 0, as `grep`, `rg` and `cat` do, instead of an
 * unhandled `EPIPE` error with a stack trace. Any other write error (a full disk) stays an error.
 */
import type { EventEmitter } from 'node:events';

/**
 * Whether an error (or the error it wraps, as `cause`) is a write to a pipe nobody reads.
 *
 * @example
 * isClosedPipe(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })); // true
 */
export function isClosedPipe(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x !== null && typeof x === 'object' && depth < 4; x = (x as { cause?: unknown }).cause, depth++) {
    if ((x as { code?: unknown }).code === 'EPIPE') return true;
  }
  return false;
}

/**
 * What became of an output stream.
 *
 * @example
 * const w = watchOutput(process.stdout); // … later: if (w.readerClosed()) return 0;
 */
export interface OutputWatch {
  /** The reader closed the pipe. */
  readonly readerClosed: () => boolean;
  /** Another write error, as text, or `null`. */
  readonly failure: () => string | null;
}

/**
 * Listens for a stream's errors for the life of the process, so that none of them ends it with a
 * stack trace; the command reads the outcome when it is done.
 *
 * @example
 * const stdout = watchOutput(process.stdout);
 */
export function watchOutput(stream: EventEmitter): OutputWatch {
  let closed = false;
  let failure: string | null = null;
  stream.on('error', (e: unknown) => {
    if (isClosedPipe(e)) closed = true;
    // After EPIPE the stream is destroyed and later writes report that too: only the first counts.
    else if (!closed && failure === null) failure = e instanceof Error ? e.message : String(e);
  });
  return { readerClosed: () => closed, failure: () => failure };
}
