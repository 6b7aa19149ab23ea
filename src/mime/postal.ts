/**
 * The browser MIME backend: postal-mime (no dependency, no Node built-in) splits the message.
 * postal-mime's public result joins every text/html part into one string, but the scanner needs
 * each part on its own (its path, its charset, whether it is an attachment), as the Node backend
 * gives them; so this adapter reads postal-mime's MIME tree (`parser.root`), which its public types
 * do not declare. Every field read is checked at run time: a postal-mime release that changed the
 * tree gives a `mime-parse-failed` error, not a wrong result (and the version is pinned).
 * Attached messages are left unparsed (`maxRfc822NestingDepth: 0`) and split by a recursive run,
 * as with the Node backend.
 */
import PostalMime, { decodeWords } from 'postal-mime';
import type { ScanError } from '../types.js';
import type { MimeBackend } from './backend.js';
import { BROWSER_CHARSETS, decodeCharsetWith, type Decoded } from './charset.js';
import { isHintHeader, MAX_HINT_HEADERS, type HeaderSource } from './headers.js';
import type { KeptLeaf, SplitResult } from './split.js';

/** The part of a postal-mime tree node this adapter reads. */
interface PostalNode {
  readonly contentType: { readonly parsed: { readonly value: string; readonly params: Readonly<Record<string, string>> }; readonly multipart: string | false };
  readonly contentTransferEncoding: { readonly encoding: string };
  readonly contentDisposition: { readonly parsed: { readonly value: string } };
  readonly content: ArrayBuffer | Uint8Array | null;
  readonly childNodes: readonly unknown[];
  readonly headers: readonly { readonly key: string; readonly value: string }[];
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/** Checks the fields of one node (its children are checked when visited). */
function isPostalNode(x: unknown): x is PostalNode {
  if (!isRecord(x)) return false;
  const { contentType: ct, contentTransferEncoding: cte, contentDisposition: cd, content, childNodes, headers } = x;
  return (
    isRecord(ct) &&
    isRecord(ct.parsed) &&
    typeof ct.parsed.value === 'string' &&
    isRecord(ct.parsed.params) &&
    (ct.multipart === false || typeof ct.multipart === 'string') &&
    isRecord(cte) &&
    typeof cte.encoding === 'string' &&
    isRecord(cd) &&
    isRecord(cd.parsed) &&
    typeof cd.parsed.value === 'string' &&
    (content === null || content === undefined || content instanceof ArrayBuffer || content instanceof Uint8Array) &&
    Array.isArray(childNodes) &&
    Array.isArray(headers) &&
    headers.every((h) => isRecord(h) && typeof h.key === 'string' && typeof h.value === 'string')
  );
}

/** Headers the scanner reads (as in the Node backend). */
const WANTED_HEADERS: ReadonlySet<string> = new Set([
  'from', 'to', 'cc', 'delivered-to', 'x-original-to', 'date', 'subject', 'message-id', 'return-path', 'list-unsubscribe', 'dkim-signature',
]);
const MAX_STRUCTURE_ERRORS = 5;
/** Transfer encodings postal-mime decodes; the others pass through as they are. */
const DECODED_BY_POSTAL: ReadonlySet<string> = new Set(['base64', 'quoted-printable']);

/** A raw header line as text: UTF-8 when it is valid UTF-8, else Latin-1 (as the Node backend reads it). */
function headerText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let text = '';
    // in slices: spreading a long line into one call would overflow the argument stack
    for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
    return text;
  }
}

/**
 * The wanted top-level headers, and the platform-hint ones (see `isHintHeader`), read from the
 * input bytes: postal-mime decodes raw 8-bit header bytes as UTF-8 only, which turns a Latin-1
 * Subject into U+FFFD, where the Node backend keeps it. Unfolded as the Node backend does (a line
 * break and the blanks after it become one space), values trimmed.
 */
function headerSource(input: Uint8Array): { source: HeaderSource; count: number; hintNames: string[] } {
  const byName = new Map<string, string[]>();
  const hintNames: string[] = [];
  let count = 0;
  let current: string[] | null = null;
  const flush = (): void => {
    if (current === null) return;
    const line = current.join(' ');
    current = null;
    const colon = line.indexOf(':');
    const key = line.slice(0, Math.max(colon, 0)).trim().toLowerCase();
    if (colon < 0 || key === '') return;
    count++;
    if (!WANTED_HEADERS.has(key)) {
      if (!isHintHeader(key) || (!byName.has(key) && hintNames.length >= MAX_HINT_HEADERS)) return;
      if (!byName.has(key)) hintNames.push(key);
    }
    const list = byName.get(key) ?? [];
    list.push(line.slice(colon + 1).trim());
    byName.set(key, list);
  };
  for (let start = 0; start < input.length; ) {
    const lf = input.indexOf(0x0a, start);
    const end = lf < 0 ? input.length : lf;
    const line = input.subarray(start, end > start && input[end - 1] === 0x0d ? end - 1 : end);
    start = end + 1;
    if (line.length === 0) break;
    let blanks = 0;
    while (line[blanks] === 0x20 || line[blanks] === 0x09) blanks++;
    if (blanks > 0 && current !== null) current.push(headerText(line.subarray(blanks)));
    else {
      flush();
      current = [headerText(line)];
    }
  }
  flush();
  return { source: (name) => byName.get(name) ?? [], count, hintNames };
}

function bytesOf(content: ArrayBuffer | Uint8Array | null): Uint8Array {
  if (content === null) return new Uint8Array(0);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

/**
 * The boundaries whose closing line (`--boundary--`, trailing blanks allowed) occurs in the input:
 * postal-mime does not say whether it saw one. One pass over the lines, whatever the number of
 * multiparts (searching the input once per boundary would be quadratic on hostile mail).
 */
function closedBoundaries(input: Uint8Array): Set<string> {
  const closed = new Set<string>();
  for (let start = 0; start < input.length; ) {
    const lf = input.indexOf(0x0a, start);
    let end = lf < 0 ? input.length : lf;
    const next = end + 1;
    while (end > start && (input[end - 1] === 0x0d || input[end - 1] === 0x20 || input[end - 1] === 0x09)) end--;
    if (end - start > 4 && input[start] === 0x2d && input[start + 1] === 0x2d && input[end - 1] === 0x2d && input[end - 2] === 0x2d) {
      closed.add(new TextDecoder().decode(input.subarray(start + 2, end - 2)));
    }
    start = next;
  }
  return closed;
}

interface Collect {
  readonly input: Uint8Array;
  /** Computed on the first multipart with a boundary. */
  closed: Set<string> | null;
  readonly maxHtml: number;
  readonly maxNodes: number;
  readonly leaves: KeptLeaf[];
  readonly broken: ScanError[];
  nodes: number;
  html: number;
  droppedHtml: number;
}

function visit(node: PostalNode, path: string, isRoot: boolean, c: Collect): void {
  if (++c.nodes > c.maxNodes) {
    countRest(node, c);
    return;
  }
  const type = node.contentType.parsed.value;
  if (node.contentType.multipart !== false) {
    const where = isRoot ? `The top-level ${type}` : `${type} part ${path}`;
    const boundary = node.contentType.parsed.params.boundary;
    if (node.childNodes.length === 0) c.broken.push({ code: 'mime-parse-failed', message: `${where} has no parts: boundary missing or never used.` });
    else if (boundary !== undefined && !(c.closed ??= closedBoundaries(c.input)).has(boundary)) c.broken.push({ code: 'mime-parse-failed', message: `${where} is never closed: the message may be truncated.` });
    node.childNodes.forEach((child, i) => {
      if (!isPostalNode(child)) throw new Error('unexpected postal-mime tree node');
      visit(child, path === '' ? String(i + 1) : `${path}.${i + 1}`, false, c);
    });
    return;
  }
  const isHtml = type === 'text/html';
  if (!isHtml && type !== 'message/rfc822') return;
  if (isHtml && ++c.html > c.maxHtml) {
    c.droppedHtml++;
    return;
  }
  const encoding = node.contentTransferEncoding.encoding;
  const charset = node.contentType.parsed.params.charset?.trim().toLowerCase() ?? '';
  c.leaves.push({
    kind: isHtml ? 'html' : 'rfc822',
    path: path === '' ? '1' : path,
    charset: charset === '' ? null : charset,
    encoding: DECODED_BY_POSTAL.has(encoding) ? '' : encoding,
    attachment: node.contentDisposition.parsed.value === 'attachment',
    chunks: [bytesOf(node.content)],
    // postal-mime says nothing of where a part lies in the input: no layout, no sanitizeEml
    bytes: null,
  });
}

/** Nodes past the budget are only counted, as the Node backend does. */
function countRest(node: PostalNode, c: Collect): void {
  for (const child of node.childNodes) {
    c.nodes++;
    if (isPostalNode(child)) countRest(child, c);
  }
}

function describe(cause: unknown): string {
  return (cause instanceof Error ? cause.message : String(cause)).slice(0, 200);
}

/**
 * Splits one message with postal-mime into the same {@link SplitResult} as the Node backend,
 * except for the byte layout (`layout` and each leaf's `bytes` are `null`: postal-mime does not
 * say where a part lies in the input). Bodies come transfer-decoded (postal-mime decodes base64
 * and quoted-printable itself), so those leaves carry the encoding `''`. Never rejects.
 *
 * @example
 * const r = await postalSplit(new TextEncoder().encode('Content-Type: text/html\r\n\r\n<p>hi</p>'), 50, 1000);
 * r.leaves[0]?.kind; // 'html'
 */
export async function postalSplit(input: Uint8Array, maxHtml: number, maxNodes: number): Promise<SplitResult> {
  const parser = new PostalMime({ maxRfc822NestingDepth: 0, attachmentEncoding: 'arraybuffer' });
  const empty: SplitResult = { headers: null, headerCount: 0, hintNames: [], leaves: [], droppedHtml: 0, nodes: 0, layout: null, errors: [] };
  try {
    await parser.parse(input);
    const root: unknown = (parser as unknown as { root?: unknown }).root;
    if (!isPostalNode(root)) throw new Error('unexpected postal-mime tree (has the version changed?)');
    const c: Collect = { input, closed: null, maxHtml, maxNodes, leaves: [], broken: [], nodes: 0, html: 0, droppedHtml: 0 };
    visit(root, '', true, c);
    const head = headerSource(input);
    const broken = c.nodes > maxNodes ? [] : c.broken.slice(0, MAX_STRUCTURE_ERRORS);
    return { headers: head.source, headerCount: head.count, hintNames: head.hintNames, leaves: c.leaves, droppedHtml: c.droppedHtml, nodes: c.nodes, layout: null, errors: broken };
  } catch (cause) {
    return { ...empty, errors: [{ code: 'mime-parse-failed', message: `MIME split stopped early: ${describe(cause)}` }] };
  }
}

const IDENTITY_ENCODINGS: ReadonlySet<string> = new Set(['', '7bit', '8bit', 'binary']);

/** Bodies are already decoded; an unknown encoding is reported as the Node backend reports it. */
function passTransfer(body: Uint8Array, encoding: string): Decoded<Uint8Array> {
  const name = encoding.trim().toLowerCase();
  if (IDENTITY_ENCODINGS.has(name)) return { value: body, error: null };
  return { value: body, error: { code: 'mime-decode-failed', message: `Unknown Content-Transfer-Encoding "${name.slice(0, 40)}"; body kept as is.` } };
}

/**
 * The postal-mime backend: postal-mime's splitter and encoded-word decoder, the platform's
 * `TextDecoder` for charsets. The browser build's only MIME backend.
 *
 * @example
 * const mail = await parseMailWith(POSTAL_BACKEND, raw);
 */
export const POSTAL_BACKEND: MimeBackend = {
  split: postalSplit,
  decodeTransfer: passTransfer,
  decodeCharset: (bytes, charset) => decodeCharsetWith(BROWSER_CHARSETS, bytes, charset),
  decodeWords,
};
