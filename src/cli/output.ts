/**
 * Where `scan` writes: stdout (waiting for drain, so a slow reader throttles the run) or a file
 * opened for appending, written one whole record at a time, so an interrupted run leaves only
 * complete lines (but perhaps a cut last one, which `--resume` handles).
 */
import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';
import { isClosedPipe } from './pipe.js';

/**
 * A text destination; it takes text, or text already encoded as UTF-8.
 *
 * @example
 * const sink = openOutput('out.ndjson'); await sink.write('{}\n'); await sink.close();
 */
export interface Sink {
  write(text: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
  /** Set when the destination failed (disk full …). */
  readonly failed: () => string | null;
  /** The reader closed the pipe (`| head`): nothing more is wanted, and that is no failure. */
  readonly readerClosed: () => boolean;
}

/**
 * Opens a file for appending. It is never truncated: existing lines stay as they are.
 *
 * @example
 * const sink = openOutput('scan.ndjson');
 */
export function openOutput(path: string): Sink {
  const fd = openSync(path, 'a');
  let failure: string | null = null;
  return {
    async write(text) {
      if (failure !== null) return;
      try {
        const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
        let at = 0;
        while (at < buf.length) at += writeSync(fd, buf, at, buf.length - at);
      } catch (e) {
        failure = (e as Error).message;
      }
    },
    async close() {
      closeSync(fd);
    },
    failed: () => failure,
    readerClosed: () => false,
  };
}

/**
 * Whether a path is an existing regular file with content (a fresh run must not add to it).
 *
 * @example
 * nonEmptyFile('scan.ndjson'); // true after a run
 */
export function nonEmptyFile(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const s = fstatSync(fd);
      return s.isFile() && s.size > 0;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/**
 * Standard output as a {@link Sink}.
 *
 * @example
 * const sink = stdoutSink();
 */
export function stdoutSink(): Sink {
  let failure: string | null = null;
  let closed = false;
  process.stdout.on('error', (e: Error) => {
    if (isClosedPipe(e)) closed = true;
    else if (!closed) failure ??= e.message;
  });
  return {
    async write(text) {
      if (failure !== null || closed) return;
      if (!process.stdout.write(text)) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            process.stdout.off('drain', done);
            process.stdout.off('error', done);
            resolve();
          };
          process.stdout.on('drain', done);
          process.stdout.on('error', done);
        });
      }
    },
    async close() {
      // stdout stays open; the process flushes it on exit.
    },
    failed: () => failure,
    readerClosed: () => closed,
  };
}
