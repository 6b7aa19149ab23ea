/**
 * Reads `spypixel scan` NDJSON outputs line by line (gzip too, recognised by its magic bytes), in
 * bounded memory: one line at a time, and a line longer than the bound is skipped without being
 * kept. A line that is not a report gets a coded problem and reading goes on.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parseOutline } from '../batch/outline-parse.js';
import type { ReportOutline } from '../batch/outline.js';
import type { InputProblem } from './render.js';

/**
 * Codes of the problems met while reading NDJSON.
 *
 * @example
 * const c: ReportInputCode = 'invalid-json';
 */
export type ReportInputCode = 'file-read-failed' | 'invalid-json' | 'not-a-report' | 'line-too-long';

/**
 * One thing read: a report's outline, or a line or file that could not be read.
 *
 * @example
 * for await (const item of readReports('scan.ndjson')) if (item.kind === 'outline') tally.add(item.outline);
 */
export type ReadItem = { readonly kind: 'outline'; readonly outline: ReportOutline } | { readonly kind: 'problem'; readonly problem: InputProblem & { readonly code: ReportInputCode } };

/**
 * The longest line read (64 MiB): a report for a message at the scanner's default limits is far
 * smaller; a longer line is skipped as `line-too-long`.
 *
 * @example
 * MAX_LINE_BYTES; // 67108864
 */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

async function* gunzipIfNeeded(src: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const it = src[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done === true) return;
  const head = first.value;
  async function* rest(): AsyncGenerator<Uint8Array> {
    yield head;
    for (let r = await it.next(); r.done !== true; r = await it.next()) yield r.value;
  }
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    const gz = createGunzip();
    const raw = Readable.from(rest());
    raw.on('error', (e: Error) => gz.destroy(e));
    yield* raw.pipe(gz) as AsyncIterable<Uint8Array>;
  } else yield* rest();
}

const decoder = new TextDecoder('utf-8');

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const only = parts[0];
  if (parts.length === 1 && only !== undefined) return only;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The lines of a byte stream, each with its 1-based number; `null` for a line longer than `max`
 * (whose bytes are not kept). A last line without a newline counts.
 *
 * @example
 * for await (const [n, line] of linesOf(stream, MAX_LINE_BYTES)) console.log(n, line);
 */
export async function* linesOf(src: AsyncIterable<Uint8Array>, max: number): AsyncGenerator<[number, string | null]> {
  let parts: Uint8Array[] = [];
  let size = 0;
  let overlong = false;
  let n = 0;
  for await (const chunk of src) {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, from);
      const piece = chunk.subarray(from, nl < 0 ? chunk.length : nl);
      if (!overlong) {
        if (size + piece.length > max) {
          overlong = true;
          parts = [];
        } else if (piece.length > 0) parts.push(piece);
        size += piece.length;
      }
      if (nl < 0) break;
      n++;
      yield [n, overlong ? null : decoder.decode(concat(parts, size))];
      parts = [];
      size = 0;
      overlong = false;
      from = nl + 1;
    }
  }
  if (size > 0 || overlong) yield [n + 1, overlong ? null : decoder.decode(concat(parts, size))];
}

/**
 * The reports of one NDJSON file (`-` for standard input), with a problem for each line that is
 * not one and for a file that cannot be read. Never throws.
 *
 * @example
 * for await (const item of readReports('scan.ndjson.gz', process.stdin)) …
 */
export async function* readReports(path: string, stdin: AsyncIterable<Uint8Array> = process.stdin, max = MAX_LINE_BYTES): AsyncGenerator<ReadItem> {
  const problem = (line: number, code: ReportInputCode, message: string): ReadItem => ({ kind: 'problem', problem: { file: path, line, code, message } });
  let lastLine = 0;
  try {
    const bytes = path === '-' ? stdin : createReadStream(path, { flags: 'r', highWaterMark: 1 << 16 });
    for await (const [n, line] of linesOf(gunzipIfNeeded(bytes), max)) {
      lastLine = n;
      if (line === null) {
        yield problem(n, 'line-too-long', `Line longer than ${max} bytes; skipped.`);
        continue;
      }
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        const hint = n === 1 && line.trim() === '[' ? ' (this looks like --format json: scan with --format ndjson)' : '';
        yield problem(n, 'invalid-json', `${(e as Error).message}${hint}`);
        continue;
      }
      const parsed = parseOutline(value);
      yield parsed.ok ? { kind: 'outline', outline: parsed.outline } : problem(n, 'not-a-report', parsed.reason);
    }
  } catch (e) {
    yield problem(lastLine === 0 ? 0 : lastLine + 1, 'file-read-failed', `Cannot read ${path}: ${(e as Error).message}`);
  }
}
