/**
 * The MIME adapter: raw message in, {@link ParsedMail} out. mailparser's building blocks (the
 * mailsplit splitter, libmime, its address parser) are used here and nowhere else, and none of
 * their shapes leave this folder.
 */
import type { ScanError } from '../types.js';
import { decodeCharset, decodeTransfer } from './decode.js';
import { EMPTY_HEADERS, extractHeaders } from './headers.js';
import { headerBlockEnd, type LeafLayout, type MessageLayout } from './layout.js';
import { describe, splitMessage } from './split.js';
import type { HtmlPart, MailHeaders, ParsedMail } from './types.js';

/**
 * Limits of {@link parseMail}.
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
  readonly limits: Limits;
  readonly parts: HtmlPart[];
  readonly errors: ScanError[];
  dropped: number;
  /** MIME nodes seen so far, over all messages of the walk. */
  nodes: number;
}

/**
 * Splits one message (top level or attached) and appends its html parts; attached messages are
 * walked recursively. Returns the message's headers when it has any, and where its parts lie.
 */
async function walkMessage(input: Buffer, prefix: string, depth: number, walk: Walk): Promise<{ headers: MailHeaders | null; layout: MessageLayout }> {
  const budget = walk.limits.maxHtmlParts - walk.parts.length;
  const split = await splitMessage(input, Math.max(budget, 0), Math.max(walk.limits.maxParts - walk.nodes, 1));
  walk.errors.push(...split.errors);
  walk.dropped += split.droppedHtml;
  walk.nodes += split.nodes;
  const embedded = prefix !== '';
  const leaves: LeafLayout[] = [];
  for (const leaf of split.leaves) {
    const path = embedded ? `${prefix}.${leaf.path}` : leaf.path;
    const body = decodeTransfer(Buffer.concat(leaf.chunks), leaf.encoding);
    if (body.error !== null) walk.errors.push({ ...body.error, message: `Part ${path}: ${body.error.message}` });
    const { headerStart, bodyStart, bodyEnd } = leaf.bytes;
    const where = { path, headerStart, headerEnd: headerBlockEnd(input, headerStart, bodyStart), bodyStart, bodyEnd };
    const read = { charset: leaf.charset, encoding: leaf.encoding, attachment: leaf.attachment };
    if (leaf.kind === 'rfc822') {
      let message: MessageLayout | null = null;
      // an attached message's parts share the budget: once it is spent, no more are opened
      if (walk.nodes >= walk.limits.maxParts) walk.nodes++;
      else if (depth < walk.limits.maxDepth) message = (await walkMessage(body.value, path, depth + 1, walk)).layout;
      else walk.errors.push({ code: 'limit-exceeded', message: `Attached message ${path} is nested too deep; not opened.` });
      leaves.push({ kind: 'rfc822', ...where, ...read, part: null, inexact: body.error !== null, message });
      continue;
    }
    if (walk.parts.length >= walk.limits.maxHtmlParts) {
      walk.dropped++;
      leaves.push({ kind: 'html', ...where, ...read, part: null, inexact: body.error !== null, message: null });
      continue;
    }
    const text = decodeCharset(body.value, leaf.charset);
    if (text.error !== null) walk.errors.push({ ...text.error, message: `Part ${path}: ${text.error.message}` });
    leaves.push({ kind: 'html', ...where, ...read, part: walk.parts.length, inexact: body.error !== null || text.error !== null, message: null });
    const part: HtmlPart = { html: text.value, charset: leaf.charset, path, embedded };
    walk.parts.push(leaf.attachment ? { ...part, attachment: true } : part);
  }
  const layout: MessageLayout = { bytes: input, leaves, types: split.types, ambiguous: split.ambiguous, exact: split.exact };
  if (split.headers === null) return { headers: null, layout };
  if (!embedded && split.headerCount === 0) {
    walk.errors.push({ code: 'mime-parse-failed', message: 'No header lines found; the input does not look like a mail message.' });
  }
  return { headers: extractHeaders(split.headers, split.hintNames), layout };
}

function toBuffer(raw: string | Uint8Array): Buffer {
  if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
  return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
}

/**
 * A parsed message and where its parts lie (`null` when the input could not be split at all).
 *
 * @example
 * const { mail, layout } = await parseMailLayout(raw);
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
 * const mail = await parseMail('From: a@shop.example\r\nContent-Type: text/html\r\n\r\n<p>hi</p>');
 * mail.htmlParts[0]?.html; // '<p>hi</p>'
 */
export async function parseMail(raw: string | Uint8Array, opts?: MimeOptions): Promise<ParsedMail> {
  return (await parseMailLayout(raw, opts)).mail;
}

/**
 * {@link parseMail}, plus where each part it read lies in the bytes: what the sanitiser edits,
 * so that it edits exactly what the scanner read.
 *
 * @example
 * const { mail, layout } = await parseMailLayout(raw);
 * layout?.leaves[0]?.bodyStart;
 */
export async function parseMailLayout(raw: string | Uint8Array, opts?: MimeOptions): Promise<MailWithLayout> {
  const errors: ScanError[] = [];
  const parts: HtmlPart[] = [];
  try {
    const limits = resolveLimits(opts, errors);
    if (typeof raw !== 'string' && !(raw instanceof Uint8Array)) {
      errors.push({ code: 'invalid-input', message: 'Input must be a string or a Uint8Array.' });
      return { mail: { headers: EMPTY_HEADERS, htmlParts: [], errors }, layout: null };
    }
    const input = toBuffer(raw);
    if (input.length === 0) {
      errors.push({ code: 'invalid-input', message: 'Input is empty.' });
      return { mail: { headers: EMPTY_HEADERS, htmlParts: [], errors }, layout: null };
    }
    const walk: Walk = { limits, parts, errors, dropped: 0, nodes: 0 };
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
