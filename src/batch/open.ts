/**
 * Opening one input as a stream of chunks: a small regular file in one read, a larger one as a
 * stream, a FIFO or device without blocking and within a timeout, stdin as it comes. What the
 * bytes are (gzip, mbox, message) is decided by the reader (read.ts).
 */
import { constants, createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import type { FormatHint, InputEntry } from './inputs.js';

/**
 * An opened input.
 *
 * @example
 * const o: Opened = openStdin(process.stdin); for await (const chunk of o.chunks) o.consumed();
 */
export interface Opened {
  readonly name: string;
  readonly hint: FormatHint | 'stdin';
  readonly chunks: AsyncIterable<Uint8Array>;
  /** Raw (compressed) bytes consumed so far, for progress. */
  readonly consumed: () => number;
  /** Releases the file when reading stops early. */
  readonly close: () => void;
}

/** Files up to this size are read in one call: a stream per 60 KB message costs more than its scan's I/O. */
const WHOLE_FILE_BYTES = 1 << 20;

type FileInput = Extract<InputEntry, { kind: 'file' }>;

/**
 * Opens an input file. Only a regular file's size can be trusted: a device reports 0 and never
 * ends (`/dev/zero`), so anything else is streamed and read within the message limit.
 *
 * @example
 * const o = openFile(entry, 10_000); // entry: a `file` InputEntry from collectBatchInputs
 */
export function openFile(input: FileInput, fifoTimeoutMs: number): Opened {
  const { path, fsPath, hint } = input;
  if (input.regular && input.size <= WHOLE_FILE_BYTES) {
    let n = 0;
    async function* whole(): AsyncGenerator<Uint8Array> {
      const bytes = await readFile(fsPath, { flag: 'r' });
      n = bytes.length;
      yield bytes;
    }
    return { name: path, hint, chunks: whole(), consumed: () => n, close: () => undefined };
  }
  if (!input.regular) return openFifoOrDevice(input, fifoTimeoutMs);
  const stream = createReadStream(fsPath, { flags: 'r', highWaterMark: 1 << 16 });
  return { name: path, hint, chunks: stream, consumed: () => stream.bytesRead, close: () => stream.destroy() };
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads a FIFO or device without blocking: a FIFO opened the usual way blocks until a writer
 * comes, for ever if none does. Opened non-blocking, a read gives EAGAIN while a writer is
 * connected but quiet, and 0 bytes both before any writer came and after the last one left; the
 * first case is waited out for at most `timeoutMs`.
 */
function openFifoOrDevice(input: FileInput, timeoutMs: number): Opened {
  let n = 0;
  let closed = false;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    const fh = await open(input.fsPath, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const started = Date.now();
      let writer = false;
      let wait = 1;
      while (!closed) {
        let got: number;
        const buf = Buffer.allocUnsafe(1 << 16);
        try {
          got = (await fh.read(buf, 0, buf.length, null)).bytesRead;
        } catch (e) {
          if ((e as { code?: string }).code !== 'EAGAIN') throw e;
          writer = true;
          await pause(wait);
          wait = Math.min(wait * 2, 20);
          continue;
        }
        if (got > 0) {
          writer = true;
          wait = 1;
          n += got;
          yield buf.subarray(0, got);
          continue;
        }
        if (writer) return;
        if (Date.now() - started >= timeoutMs) throw new Error(`no writer opened it within ${timeoutMs} ms`);
        await pause(20);
      }
    } finally {
      await fh.close();
    }
  }
  const gen = chunks();
  return {
    name: input.path,
    hint: input.hint,
    chunks: gen,
    consumed: () => n,
    close: () => {
      closed = true;
      // runs the generator's `finally` (closing the file) even when it is parked at a yield
      void gen.return(undefined).catch(() => undefined);
    },
  };
}

/**
 * Standard input, counting the bytes read for progress.
 *
 * @example
 * const o = openStdin(process.stdin);
 */
export function openStdin(stdin: AsyncIterable<Uint8Array>): Opened {
  let n = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const c of stdin) {
      n += c.length;
      yield c;
    }
  }
  return { name: 'stdin', hint: 'stdin', chunks: counted(), consumed: () => n, close: () => undefined };
}

