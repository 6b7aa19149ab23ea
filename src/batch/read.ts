/**
 * Inputs to units of work: each file, mbox message or stdin message becomes one {@link Unit},
 * read lazily so that only the messages in flight are in memory. Files are opened read-only;
 * gzip is recognised by its magic bytes whatever the name.
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ErrorCode } from '../types.js';
import type { FormatHint, InputEntry } from './inputs.js';
import { splitMbox } from './mbox.js';
import { openFile, openStdin, type Opened } from './open.js';
import type { Location, Unit } from './unit.js';

/**
 * Options of {@link readUnits}.
 *
 * @example
 * const o: ReadOptions = { maxMessageBytes: 25_000_000, isDone: () => false, stdin: process.stdin };
 */
export interface ReadOptions {
  readonly maxMessageBytes: number;
  /** Sources already scanned (resume): their units come out with `skip: true` and no bytes. */
  readonly isDone: (source: string) => boolean;
  readonly stdin: AsyncIterable<Uint8Array>;
  /** How long a FIFO may go without a writer before it is given up (default 10 s). */
  readonly fifoTimeoutMs?: number;
}

const FIFO_TIMEOUT_MS = 10_000;

const SNIFF = 1024;

/** Pulls chunks until `n` bytes are known; returns them and a stream that replays everything. */
async function peek(src: AsyncIterable<Uint8Array>, n: number): Promise<{ head: Buffer; all: AsyncIterable<Uint8Array> }> {
  const it = src[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  let have = 0;
  let ended = false;
  while (have < n) {
    const r = await it.next();
    if (r.done === true) {
      ended = true;
      break;
    }
    seen.push(r.value);
    have += r.value.length;
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    yield* seen;
    if (ended) return;
    for (let r = await it.next(); r.done !== true; r = await it.next()) yield r.value;
  }
  const first = seen[0];
  // One chunk (a whole small file) is looked at in place rather than copied.
  const head = seen.length === 1 && first !== undefined ? Buffer.from(first.buffer, first.byteOffset, first.byteLength) : Buffer.concat(seen);
  return { head, all: all() };
}

function gunzip(src: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const gz = createGunzip();
  const raw = Readable.from(src);
  raw.on('error', (e: Error) => gz.destroy(e));
  raw.pipe(gz);
  return gz;
}

const isGzip = (b: Buffer): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
const isFrom = (b: Buffer): boolean => b.subarray(0, 5).toString('latin1') === 'From ';

/** A first line of the form `Name:` (an RFC 5322 header field). */
function looksLikeHeader(b: Buffer): boolean {
  const line = b.subarray(0, 200).toString('latin1');
  const colon = line.indexOf(':');
  if (colon <= 0) return false;
  for (let i = 0; i < colon; i++) {
    const c = line.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

function looksLikeHtml(b: Buffer): boolean {
  return b.subarray(0, 200).toString('latin1').replace(/^\uFEFF?[\s\u00EF\u00BB\u00BF]*/, '').startsWith('<');
}

type Decided = 'eml' | 'html' | 'mbox' | 'skip';

function decide(hint: FormatHint | 'stdin', head: Buffer): Decided {
  if (hint === 'eml' || hint === 'html' || hint === 'mbox') return hint;
  if (isFrom(head)) return 'mbox';
  if (hint === 'stdin') return looksLikeHtml(head) ? 'html' : 'eml';
  if (hint === 'auto' || looksLikeHeader(head)) return 'eml';
  return 'skip';
}

/** Drops a leading mbox envelope line (`From …`) from a single message. */
function dropEnvelope(bytes: Uint8Array): Uint8Array {
  if (!isFrom(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(5, bytes.length)))) return bytes;
  const nl = bytes.indexOf(0x0a);
  return nl < 0 ? new Uint8Array(0) : bytes.subarray(nl + 1);
}

/** Reads a whole single message, stopping (without keeping bytes) once it passes the limit. */
async function readAll(src: AsyncIterable<Uint8Array>, max: number): Promise<Uint8Array | null> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const c of src) {
    size += c.length;
    if (size > max) return null;
    parts.push(c);
  }
  const only = parts[0];
  // A chunk that owns its whole memory (a file read at once) can be moved to a worker as it is.
  if (parts.length === 1 && only !== undefined && only.byteOffset === 0 && only.byteLength === only.buffer.byteLength) return only;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function errorUnit(source: string, code: ErrorCode, message: string, weight: number, location: Location | null = null): Unit {
  return { source, location, format: 'eml', bytes: null, error: { code, message }, weight, skip: false };
}

async function* unitsOf(input: Opened, opts: ReadOptions): AsyncGenerator<Unit> {
  const { name, hint } = input;
  let accounted = 0;
  const weigh = (): number => {
    const w = input.consumed() - accounted;
    accounted += w;
    return w;
  };
  let decided: Decided = 'skip';
  let index = 0;
  let offset = 0;
  try {
    let { head, all } = await peek(input.chunks, SNIFF);
    if (isGzip(head)) ({ head, all } = await peek(gunzip(all), SNIFF));
    decided = decide(hint, head);
    if (decided === 'skip') return;
    if (decided !== 'mbox' && opts.isDone(name)) {
      yield { source: name, location: null, format: decided, bytes: null, error: null, weight: weigh(), skip: true };
      return;
    }
    if (decided !== 'mbox') {
      const bytes = await readAll(all, opts.maxMessageBytes);
      if (bytes === null) {
        yield errorUnit(name, 'limit-exceeded', `Message larger than ${opts.maxMessageBytes} bytes; not scanned.`, weigh());
      } else {
        yield { source: name, location: null, format: decided, bytes: decided === 'eml' ? dropEnvelope(bytes) : bytes, error: null, weight: weigh(), skip: false };
      }
      return;
    }
    for await (const m of splitMbox(all, opts.maxMessageBytes)) {
      index = m.index + 1;
      offset = m.offset + m.size;
      const location: Location = { file: name, index: m.index, offset: m.offset };
      const source = `${name}#${m.index}@${m.offset}`;
      if (opts.isDone(source)) yield { source, location, format: 'eml', bytes: null, error: null, weight: weigh(), skip: true };
      else if (m.bytes === null) {
        yield errorUnit(source, 'limit-exceeded', `Message of ${m.size} bytes is larger than ${opts.maxMessageBytes}; not scanned.`, weigh(), location);
      } else yield { source, location, format: 'eml', bytes: m.bytes, error: null, weight: weigh(), skip: false };
    }
  } catch (e) {
    const where = decided === 'mbox' ? `${name}#${index}@${offset}` : name;
    yield errorUnit(where, 'file-read-failed', `Cannot read ${name}: ${(e as Error).message}`, weigh());
  } finally {
    input.close();
  }
}

/**
 * Turns inputs into units in input order. Never throws: unreadable inputs become error units.
 *
 * @example
 * for await (const u of readUnits(await collectBatchInputs(['inbox.mbox']), opts)) console.log(u.source);
 */
export async function* readUnits(inputs: readonly InputEntry[], opts: ReadOptions): AsyncGenerator<Unit> {
  for (const input of inputs) {
    if (input.kind === 'error') {
      yield errorUnit(input.path, input.error.code, input.error.message, 0);
    } else if (input.kind === 'stdin') {
      yield* unitsOf(openStdin(opts.stdin), opts);
    } else if (input.hint !== 'mbox' && input.hint !== 'auto' && input.hint !== 'sniff' && opts.isDone(input.path)) {
      yield { source: input.path, location: null, format: 'eml', bytes: null, error: null, weight: input.size, skip: true };
    } else if (input.hint === 'eml' && input.size > opts.maxMessageBytes && !input.path.toLowerCase().endsWith('.gz')) {
      yield errorUnit(input.path, 'limit-exceeded', `File of ${input.size} bytes is larger than ${opts.maxMessageBytes}; not scanned.`, input.size);
    } else {
      yield* unitsOf(openFile(input, opts.fifoTimeoutMs ?? FIFO_TIMEOUT_MS), opts);
    }
  }
}
