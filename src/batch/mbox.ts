/**
 * A streaming mbox splitter: byte chunks in, one message at a time out, so an archive of any size
 * is read with flat memory. A message starts at a `From ` line that opens the file or follows a
 * blank line; that envelope line is dropped, and mboxo/mboxrd quoting (`>From `, `>>From ` …) loses
 * one `>`. Works on bytes, never decodes: each message keeps its own charset.
 */

/**
 * One message cut out of an mbox. `bytes` is `null` when the message is larger than the limit
 * (its bytes are dropped as they stream by; `size` still says how big it was).
 *
 * @example
 * const m: MboxMessage = { index: 0, offset: 0, size: 120, bytes: new Uint8Array(120) };
 */
export interface MboxMessage {
  /** 0-based position of the message in the mbox. */
  readonly index: number;
  /** Byte offset of the message's `From ` line in the (decompressed) mbox. */
  readonly offset: number;
  /** Size in bytes after the envelope line is dropped and quoting undone. */
  readonly size: number;
  readonly bytes: Uint8Array | null;
}

const LF = 0x0a;
const CR = 0x0d;
const GT = 0x3e;
const FROM = [0x46, 0x72, 0x6f, 0x6d, 0x20]; // "From "

/** What the start of a line can be decided to be. */
type LineStart = 'from' | 'quoted-from' | 'plain' | 'undecided';

/** Classifies a line from its first bytes `buf[start..end)`. */
function classify(buf: Uint8Array, start: number, end: number): LineStart {
  // A lone CR may be the first half of a blank CRLF line, which decides whether `From ` splits.
  if (start + 1 === end && buf[start] === CR) return 'undecided';
  let i = start;
  while (i < end && buf[i] === GT) i++;
  const quoted = i > start;
  for (let k = 0; k < FROM.length; k++) {
    if (i + k >= end) return 'undecided';
    if (buf[i + k] !== FROM[k]) return 'plain';
  }
  return quoted ? 'quoted-from' : 'from';
}

/**
 * Incremental splitter. Feed chunks with {@link MboxSplitter.push}, then call
 * {@link MboxSplitter.end}; each returns the messages completed so far. Chunk boundaries may fall
 * anywhere, including inside `\nFrom `.
 *
 * @example
 * const s = new MboxSplitter(25_000_000);
 * const msgs = [...s.push(new TextEncoder().encode('From a\nSubject: x\n\nhi\n')), ...s.end()];
 * msgs.length; // 1
 */
export class MboxSplitter {
  private readonly maxBytes: number;
  private parts: Uint8Array[] = [];
  private size = 0;
  private tooLarge = false;
  private started = false;
  private index = 0;
  private offset = 0;
  /** Absolute offset of `carry[0]`. */
  private position = 0;
  /** Bytes of an undecided line start, kept until the line can be classified. */
  private carry: Uint8Array = new Uint8Array(0);
  private midLine = false;
  private inEnvelope = false;
  private prevBlank = true;
  /** Line-ending length of the last line when it was blank (trimmed off at a message's end). */
  private blankLen = 0;
  private readonly out: MboxMessage[] = [];

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  /** Feeds one chunk; returns the messages it completed. */
  push(chunk: Uint8Array): MboxMessage[] {
    const buf = this.carry.length === 0 ? chunk : concat(this.carry, chunk);
    const base = this.position;
    this.carry = new Uint8Array(0);
    let pos = 0;
    let runStart = 0;
    while (pos < buf.length) {
      if (!this.midLine) {
        const kind = classify(buf, pos, buf.length);
        if (kind === 'undecided') {
          this.commit(buf, runStart, pos);
          this.carry = buf.slice(pos);
          this.position = base + pos;
          return this.drain();
        }
        if (kind === 'from' && this.prevBlank) {
          this.commit(buf, runStart, pos);
          this.finish(base + pos, this.blankLen);
          this.inEnvelope = true;
        } else if (kind === 'quoted-from') {
          this.commit(buf, runStart, pos);
          runStart = pos + 1; // drop one '>'
        }
      }
      const nl = buf.indexOf(LF, pos);
      const lineEnd = nl < 0 ? buf.length : nl + 1;
      if (nl >= 0) {
        const len = nl - pos;
        const blank = !this.midLine && (len === 0 || (len === 1 && buf[pos] === CR));
        this.prevBlank = blank && !this.inEnvelope;
        this.blankLen = this.prevBlank ? len + 1 : 0;
        this.midLine = false;
        if (this.inEnvelope) {
          this.inEnvelope = false;
          runStart = lineEnd;
        }
      } else {
        this.midLine = true;
        if (this.inEnvelope) runStart = lineEnd;
      }
      pos = lineEnd;
    }
    this.commit(buf, runStart, buf.length);
    this.position = base + buf.length;
    return this.drain();
  }

  /** Ends the input; returns the last message. */
  end(): MboxMessage[] {
    const trim = this.carry.length === 0 && !this.midLine ? this.blankLen : 0;
    const at = this.position + this.carry.length;
    if (this.carry.length > 0) {
      this.commit(this.carry, 0, this.carry.length);
      this.carry = new Uint8Array(0);
    }
    this.finish(at, trim);
    this.position = at;
    return this.drain();
  }

  private drain(): MboxMessage[] {
    return this.out.splice(0, this.out.length);
  }

  private commit(buf: Uint8Array, from: number, to: number): void {
    if (to <= from || this.inEnvelope) return;
    this.size += to - from;
    if (this.size > this.maxBytes) {
      this.tooLarge = true;
      this.parts = [];
    }
    // A view, not a copy: the message is copied once, whole, when it ends (chunks are never reused).
    if (!this.tooLarge) this.parts.push(buf.subarray(from, to));
  }

  /**
   * Closes the current message (if any) where the next one starts, at absolute offset `at`; `trim`
   * bytes (the blank line that separates messages) are cut off its end.
   */
  private finish(at: number, trim: number): void {
    const hadEnvelope = this.started;
    if (hadEnvelope || !isBlank(this.parts)) {
      const keep = Math.max(0, this.size - trim);
      this.out.push({
        index: this.index,
        offset: this.offset,
        size: keep,
        bytes: this.tooLarge ? null : joinParts(this.parts, keep),
      });
      this.index++;
    }
    this.started = true;
    this.offset = at;
    this.parts = [];
    this.size = 0;
    this.tooLarge = false;
  }
}

function isBlank(parts: readonly Uint8Array[]): boolean {
  for (const p of parts) {
    for (const b of p) if (b !== LF && b !== CR && b !== 0x20 && b !== 0x09) return false;
  }
  return true;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function joinParts(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    if (at >= length) break;
    const n = Math.min(p.length, length - at);
    out.set(n === p.length ? p : p.subarray(0, n), at);
    at += n;
  }
  return out;
}

/**
 * Splits an mbox byte stream into messages, lazily: at most one message (plus one chunk) is held
 * in memory at a time.
 *
 * @example
 * for await (const m of splitMbox(fs.createReadStream('archive.mbox'), 25_000_000)) console.log(m.index, m.offset);
 */
export async function* splitMbox(chunks: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<MboxMessage> {
  const splitter = new MboxSplitter(maxBytes);
  for await (const chunk of chunks) yield* splitter.push(chunk);
  yield* splitter.end();
}
