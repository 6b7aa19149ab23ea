/**
 * The MIME adapter: raw message in, {@link ParsedMail} out, over a {@link MimeBackend} (the MIME
 * library: mailsplit in Node, postal-mime in the browser build). The libraries are used in this
 * folder and nowhere else, and none of their shapes leave it. No Node built-in here: the walk,
 * the limits and the errors are the same whichever backend splits the message.
 */
import type { ScanError } from '../types.js';
import type { MimeBackend } from './backend.js';
import { capHeaderBlock, MAX_HEAD_SIZE } from './head-cap.js';
import { EMPTY_HEADERS, extractHeaders } from './headers.js';
import { headerBlockEnd, type LeafLayout, type MessageLayout } from './layout.js';
import type { KeptLeaf } from './split.js';
import type { HtmlPart, MailHeaders, ParsedMail } from './types.js';

/**
 * Limits of {@link parseMailWith} (and `parseMail`).
 *
 * @example
 * const opts: MimeOptions = { maxHtmlParts: 10, maxDepth: 3 };
 */
export interface MimeOptions {
  /**
   * Most text/html parts returned, embedded ones included; more give a `limit-exceeded` error.
   * An integer from 1 to 1000.
   * @default 50
   */
  readonly maxHtmlParts?: number;
  /**
   * How deep attached message/rfc822 parts are opened (0: not at all). An integer from 0 to 100.
   * @default 10
   */
  readonly maxDepth?: number;
  /**
   * Most MIME parts looked at, over the message and every attached message (multipart
   * containers count); later parts are skipped with a `limit-exceeded` error. 1 to 100000.
   * @default 1000
   */
  readonly maxParts?: number;
}

/** Defaults of {@link MimeOptions}. */
export const MIME_DEFAULTS = { maxHtmlParts: 50, maxDepth: 10, maxParts: 1000 } as const;

interface Limits {
  readonly maxHtmlParts: number;
  readonly maxDepth: number;
  readonly maxParts: number;
}

function validLimit(
  value: unknown,
  name: keyof Limits,
  min: number,
  max: number,
  errors: ScanError[],
): number {
  if (value === undefined) return MIME_DEFAULTS[name];
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  errors.push({
    code: 'invalid-input',
    message: `Option ${name} must be an integer from ${min} to ${max}; using ${MIME_DEFAULTS[name]}.`,
  });
  return MIME_DEFAULTS[name];
}

function resolveLimits(opts: unknown, errors: ScanError[]): Limits {
  const given: Partial<Record<keyof Limits, unknown>> =
    typeof opts === 'object' && opts !== null ? (opts as Partial<Record<keyof Limits, unknown>>) : {};
  if (opts !== undefined && (typeof opts !== 'object' || opts === null)) {
    errors.push({ code: 'invalid-input', message: 'Options must be an object; using defaults.' });
  }
  return {
    maxHtmlParts: validLimit(given.maxHtmlParts, 'maxHtmlParts', 1, 1000, errors),
    maxDepth: validLimit(given.maxDepth, 'maxDepth', 0, 100, errors),
    maxParts: validLimit(given.maxParts, 'maxParts', 1, 100_000, errors),
  };
}

/** Mutable state shared by one message and the messages attached to it. */
interface Walk {
  readonly backend: MimeBackend;
  readonly limits: Limits;
  readonly parts: HtmlPart[];
  readonly errors: ScanError[];
  dropped: number;
  /** MIME nodes seen so far, over all messages of the walk. */
  nodes: number;
}

/** What the walk learnt of a leaf besides where it lies. */
type LeafRead = Pick<LeafLayout, 'part' | 'inexact' | 'message'>;

/** Where a leaf lies in `input` and how it was read, or `null` when the backend gave no offsets. */
function leafLayout(input: Uint8Array, leaf: KeptLeaf, path: string, read: LeafRead): LeafLayout | null {
  if (leaf.bytes === null) return null;
  const { headerStart, bodyStart, bodyEnd } = leaf.bytes;
  const headerEnd = headerBlockEnd(input, headerStart, bodyStart);
  const { kind, charset, encoding, attachment } = leaf;
  return { kind, path, headerStart, headerEnd, bodyStart, bodyEnd, charset, encoding, attachment, ...read };
}

/**
 * Splits one message (top level or attached) and appends its html parts; attached messages are
 * walked recursively. Returns the message's headers when it has any, and where its parts lie
 * (`null` from a backend that gives no byte offsets).
 */
async function walkMessage(raw: Uint8Array, prefix: string, depth: number, walk: Walk): Promise<{ headers: MailHeaders | null; layout: MessageLayout | null }> {
  const budget = walk.limits.maxHtmlParts - walk.parts.length;
  // an oversized header block would hide the body (mailsplit stops in it): keep the fields read
  const capped = capHeaderBlock(raw, MAX_HEAD_SIZE);
  if (capped !== null) {
    walk.errors.push({
      code: 'limit-exceeded',
      message: `${prefix === '' ? 'The' : `Attached message ${prefix}: the`} header block is ${capped.size} bytes, more than the ${MAX_HEAD_SIZE} a MIME header may take; ${capped.dropped} header field(s) the scanner does not read were left out and the body was scanned.`,
    });
  }
  const input = capped?.input ?? raw;
  const split = await walk.backend.split(input, Math.max(budget, 0), Math.max(walk.limits.maxParts - walk.nodes, 1));
  walk.errors.push(...split.errors);
  walk.dropped += split.droppedHtml;
  walk.nodes += split.nodes;
  const embedded = prefix !== '';
  const leaves: LeafLayout[] = [];
  let placed = split.layout !== null;
  const place = (leaf: KeptLeaf, path: string, read: LeafRead): void => {
    const at = leafLayout(input, leaf, path, read);
    if (at === null) placed = false;
    else leaves.push(at);
  };
  for (const leaf of split.leaves) {
    const path = embedded ? `${prefix}.${leaf.path}` : leaf.path;
    const body = walk.backend.decodeTransfer(concatBytes(leaf.chunks), leaf.encoding);
    if (body.error !== null) walk.errors.push({ ...body.error, message: `Part ${path}: ${body.error.message}` });
    if (leaf.kind === 'rfc822') {
      let message: MessageLayout | null = null;
      // an attached message's parts share the budget: once it is spent, no more are opened
      if (walk.nodes >= walk.limits.maxParts) walk.nodes++;
      else if (depth < walk.limits.maxDepth) message = (await walkMessage(body.value, path, depth + 1, walk)).layout;
      else walk.errors.push({ code: 'limit-exceeded', message: `Attached message ${path} is nested too deep; not opened.` });
      place(leaf, path, { part: null, inexact: body.error !== null, message });
      continue;
    }
    if (walk.parts.length >= walk.limits.maxHtmlParts) {
      walk.dropped++;
      place(leaf, path, { part: null, inexact: body.error !== null, message: null });
      continue;
    }
    const text = walk.backend.decodeCharset(body.value, leaf.charset);
    if (text.error !== null) walk.errors.push({ ...text.error, message: `Part ${path}: ${text.error.message}` });
    place(leaf, path, { part: walk.parts.length, inexact: body.error !== null || text.error !== null, message: null });
    const part: HtmlPart = { html: text.value, charset: leaf.charset, path, embedded };
    walk.parts.push(leaf.attachment ? { ...part, attachment: true } : part);
  }
  // offsets into a rebuilt header block are not offsets into the message: never edit by them
  const layout = split.layout !== null && placed ? { bytes: input, leaves, ...split.layout, ...(capped === null ? {} : { exact: false }) } : null;
  if (split.headers === null) return { headers: null, layout };
  if (!embedded && split.headerCount === 0) {
    walk.errors.push({ code: 'mime-parse-failed', message: 'No header lines found; the input does not look like a mail message.' });
  }
  return { headers: extractHeaders(split.headers, walk.backend.decodeWords, split.hintNames), layout };
}

/** One array of the chunks' bytes (the only chunk itself when there is one). */
function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** A short message for an unknown thrown value. */
function describe(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  return text.slice(0, 200);
}

/**
 * A parsed message and where its parts lie: `null` when the input could not be split at all, or
 * when the backend gives no byte offsets (postal-mime).
 *
 * @example
 * const { mail, layout } = await parseMailLayoutWith(NODE_BACKEND, raw);
 */
export interface MailWithLayout {
  readonly mail: ParsedMail;
  readonly layout: MessageLayout | null;
}

/**
 * Parses a raw message (RFC 5322 / MIME) into headers and every text/html part, each decoded
 * separately, `cid:` links untouched. Never rejects: problems are `errors` entries. A string is
 * taken as UTF-8 text of the message.
 *
 * @example
 * const mail = await parseMailWith(NODE_BACKEND, 'From: a@shop.example\r\nContent-Type: text/html\r\n\r\n<p>hi</p>');
 * mail.htmlParts[0]?.html; // '<p>hi</p>'
 */
export async function parseMailWith(backend: MimeBackend, raw: string | Uint8Array, opts?: MimeOptions): Promise<ParsedMail> {
  return (await parseMailLayoutWith(backend, raw, opts)).mail;
}

/**
 * {@link parseMailWith}, plus where each part it read lies in the bytes: what the sanitiser edits,
 * so that it edits exactly what the scanner read. The layout is `null` with a backend that gives
 * no byte offsets (the browser's postal-mime one): `sanitizeEml` is Node-only.
 *
 * @example
 * const { mail, layout } = await parseMailLayoutWith(NODE_BACKEND, raw);
 * layout?.leaves[0]?.bodyStart;
 */
export async function parseMailLayoutWith(backend: MimeBackend, raw: string | Uint8Array, opts?: MimeOptions): Promise<MailWithLayout> {
  const errors: ScanError[] = [];
  const parts: HtmlPart[] = [];
  try {
    const limits = resolveLimits(opts, errors);
    if (typeof raw !== 'string' && !(raw instanceof Uint8Array)) {
      errors.push({ code: 'invalid-input', message: 'Input must be a string or a Uint8Array.' });
      return { mail: { headers: EMPTY_HEADERS, htmlParts: [], errors }, layout: null };
    }
    const input = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
    if (input.length === 0) {
      errors.push({ code: 'invalid-input', message: 'Input is empty.' });
      return { mail: { headers: EMPTY_HEADERS, htmlParts: [], errors }, layout: null };
    }
    const walk: Walk = { backend, limits, parts, errors, dropped: 0, nodes: 0 };
    const top = await walkMessage(input, '', 0, walk);
    if (walk.nodes > limits.maxParts) {
      errors.push({
        code: 'limit-exceeded',
        message: `The message has more than maxParts (${limits.maxParts}) MIME parts; the later ones were skipped.`,
      });
    }
    if (walk.dropped > 0) {
      errors.push({
        code: 'limit-exceeded',
        message: `${walk.dropped} text/html part(s) beyond maxHtmlParts (${limits.maxHtmlParts}) were skipped.`,
      });
    }
    if (walk.parts.length === 0 && walk.dropped === 0) {
      errors.push({ code: 'no-html-body', message: 'The message has no text/html part.' });
    }
    return { mail: { headers: top.headers ?? EMPTY_HEADERS, htmlParts: walk.parts, errors }, layout: top.layout };
  } catch (cause) {
    errors.push({ code: 'mime-parse-failed', message: `MIME parsing failed: ${describe(cause)}` });
    return { mail: { headers: EMPTY_HEADERS, htmlParts: parts, errors }, layout: null };
  }
}
