/**
 * A top-level header block larger than the splitter accepts would hide the whole message (the
 * splitter stops before the first body byte). Such a block is rebuilt from the fields the scanner
 * reads, within the bound, and the body follows unchanged, so it is scanned anyway. Applied by the
 * backend-independent walk (`parse.ts`) before any backend splits a message, so both backends see
 * the same bounded header; plain `Uint8Array`s only, for the browser build.
 */
import { isHintHeader } from './headers.js';

/**
 * Most bytes a message's header block may take, counted as mailsplit counts them (its
 * `maxHeadSize`); the Node backend's splitter stops at this bound in a part header.
 */
export const MAX_HEAD_SIZE = 256 * 1024;

/** What a header line costs against the bound: its bytes, at least this (as the splitter counts). */
const LINE_MIN_COST = 64;
/** Longer names are no field the scanner keeps; they are not decoded. */
const MAX_NAME_LENGTH = 100;

const LF = 0x0a;
const CR = 0x0d;

/**
 * Fields kept, in this order of preference: the structure first (without it the body cannot be
 * read), then what the report and the party and leak checks use.
 */
const KEEP: readonly string[] = [
  'content-type',
  'content-transfer-encoding',
  'mime-version',
  'content-disposition',
  'from',
  'subject',
  'date',
  'message-id',
  'delivered-to',
  'x-original-to',
  'return-path',
  'list-unsubscribe',
  'to',
  'cc',
  'dkim-signature',
];

/**
 * A header block that was rebuilt: the new input, the size of the original block and how many of
 * its fields were left out.
 *
 * @example
 * const c: CappedHead = { input: new TextEncoder().encode('Content-Type: text/html\r\n\r\n<p>'), size: 300_000, dropped: 1 };
 */
export interface CappedHead {
  readonly input: Uint8Array;
  readonly size: number;
  readonly dropped: number;
}

interface Field {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly cost: number;
}

/** The fields of the block `input[0, end)`, folded lines kept with their field. */
function fieldsOf(input: Uint8Array, end: number): Field[] {
  const fields: Array<{ name: string; start: number; stop: number; cost: number }> = [];
  for (let at = 0; at < end; ) {
    const nl = input.indexOf(LF, at);
    const stop = nl < 0 || nl >= end ? end : nl + 1;
    const cost = Math.max(stop - at, LINE_MIN_COST);
    const first = input[at];
    const last = fields[fields.length - 1];
    if ((first === 0x20 || first === 0x09) && last !== undefined) {
      last.stop = stop;
      last.cost += cost;
    } else {
      const colon = input.indexOf(0x3a, at);
      const name = colon < 0 || colon >= stop || colon - at > MAX_NAME_LENGTH ? '' : String.fromCharCode(...input.subarray(at, colon)).trim().toLowerCase();
      fields.push({ name, start: at, stop, cost });
    }
    at = stop;
  }
  return fields.map((f) => ({ name: f.name, bytes: input.subarray(f.start, f.stop), cost: f.cost }));
}

/** Where the top-level header block ends (the index of its empty line, or the input's end) and what it costs. */
function headerEnd(input: Uint8Array): { end: number; blank: number; cost: number } {
  let cost = 0;
  for (let at = 0; at < input.length; ) {
    const nl = input.indexOf(LF, at);
    const stop = nl < 0 ? input.length : nl + 1;
    const length = stop - at;
    const empty = nl >= 0 && (length === 1 || (length === 2 && input[at] === CR));
    if (empty) return { end: at, blank: length, cost };
    cost += Math.max(length, LINE_MIN_COST);
    at = stop;
  }
  return { end: input.length, blank: 0, cost };
}

/**
 * Rebuilds the top-level header block when it costs more than `max` bytes: the {@link KEEP}
 * fields, in their order of preference, then the platform hint headers, as many as fit in `max` (a
 * field that does not fit is left out), then the body unchanged. Returns `null` when the block fits.
 *
 * @example
 * const big = new TextEncoder().encode(`X-Junk: ${'a'.repeat(300_000)}\r\nContent-Type: text/html\r\n\r\n<p>hi</p>`);
 * new TextDecoder().decode(capHeaderBlock(big, MAX_HEAD_SIZE)?.input); // 'Content-Type: text/html\r\n\r\n<p>hi</p>'
 */
export function capHeaderBlock(input: Uint8Array, max: number): CappedHead | null {
  const { end, blank, cost } = headerEnd(input);
  if (cost <= max) return null;
  const fields = fieldsOf(input, end);
  const kept: Field[] = [];
  // room for the empty line and a line ending added to the last field
  let budget = max - LINE_MIN_COST * 2;
  const keep = (f: Field): void => {
    if (f.cost > budget) return;
    kept.push(f);
    budget -= f.cost;
  };
  for (const name of KEEP) for (const f of fields) if (f.name === name) keep(f);
  // then the headers that name the sending platform (X-Mailer, Feedback-ID …), in their order
  for (const f of fields) if (!KEEP.includes(f.name) && isHintHeader(f.name)) keep(f);
  const pieces: Uint8Array[] = [];
  for (const f of kept) {
    pieces.push(f.bytes);
    if (f.bytes[f.bytes.length - 1] !== LF) pieces.push(CRLF);
  }
  pieces.push(blank > 0 ? input.subarray(end) : CRLF);
  return { input: concat(pieces), size: end, dropped: fields.length - kept.length };
}

const CRLF = Uint8Array.of(CR, LF);

function concat(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
