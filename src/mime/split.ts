/**
 * Runs mailsplit's streaming splitter over one message and keeps only what the scanner needs: the
 * top-level headers, and the raw bodies of text/html and message/rfc822 leaves. Every other body
 * (images, PDFs …) passes by as views into the input and is never copied or decoded.
 */
import type { Transform } from 'node:stream';
import mailsplit from '@zone-eu/mailsplit';
import libmime from 'libmime';
import type { MessageChunk, SplitterChunk } from '@zone-eu/mailsplit';
import type { ScanError } from '../types.js';
import { ambiguity } from './ambiguous.js';
import { MAX_HEAD_SIZE } from './head-cap.js';
import { isHintHeader, MAX_HINT_HEADERS, type HeaderSource } from './headers.js';
import type { LeafBytes, SplitLayout } from './layout.js';

type SplitNode = MessageChunk['node'];

/** A leaf the parser keeps, in document order. */
export interface KeptLeaf {
  readonly kind: 'html' | 'rfc822';
  /** Part path relative to this message (`1`, `1.2` …). */
  readonly path: string;
  readonly charset: string | null;
  readonly encoding: string;
  readonly attachment: boolean;
  /** Raw (still transfer-encoded) body chunks. */
  readonly chunks: Uint8Array[];
  /**
   * Where the leaf lies in the split input, or `null` from a backend that cannot say (postal-mime):
   * then the split's `layout` is `null` too.
   */
  readonly bytes: LeafBytes | null;
}

/** What one splitter run yields. */
export interface SplitResult {
  /** Top-level headers; absent when the splitter produced no node at all. */
  readonly headers: HeaderSource | null;
  /** Number of header lines with a name in the top-level block. */
  readonly headerCount: number;
  /** Names of the top-level header lines that may name the sending platform (see `isHintHeader`). */
  readonly hintNames: readonly string[];
  readonly leaves: readonly KeptLeaf[];
  /** text/html leaves seen beyond the limit, not kept. */
  readonly droppedHtml: number;
  /** MIME nodes (multiparts and leaves) seen, those beyond `maxNodes` included. */
  readonly nodes: number;
  /**
   * The tree's shape and whether the leaves' byte offsets can be trusted for editing; `null` from
   * a backend that gives no offsets (the sanitiser then refuses, see `parseMailLayoutWith`).
   */
  readonly layout: SplitLayout | null;
  readonly errors: readonly ScanError[];
}

/** Most MIME nodes the splitter reads when the caller gives no budget (`maxParts` allows 100,000). */
const MAX_NODES = 100_000;
/** Broken multiparts reported per message; past a few, more entries tell nothing new. */
const MAX_STRUCTURE_ERRORS = 5;

/** IMAP-style path of a node; the body of a non-multipart message is part `1`. */
function pathOf(node: SplitNode): string {
  const numbers = (node.partNr === false ? [] : node.partNr).filter((nr) => typeof nr === 'number');
  return numbers.length === 0 ? '1' : numbers.join('.');
}

/** Headers the scanner reads; the others are never decoded. */
const WANTED_HEADERS: ReadonlySet<string> = new Set([
  'from',
  'to',
  'cc',
  'delivered-to',
  'x-original-to',
  'date',
  'subject',
  'message-id',
  'return-path',
  'list-unsubscribe',
  'dkim-signature',
]);

/** Raw 8-bit header bytes are read as UTF-8 unless they are not valid UTF-8 (then latin1). */
function repairEightBit(line: string): string {
  const utf8 = Buffer.from(line, 'latin1').toString('utf8');
  return utf8.includes('\uFFFD') ? line : utf8;
}

function headerSource(node: SplitNode): { source: HeaderSource; count: number; hintNames: string[] } {
  const byName = new Map<string, string[]>();
  const hintNames: string[] = [];
  const lines = node.headers === false ? [] : node.headers.getList();
  let count = 0;
  for (const { key, line } of lines) {
    if (key === '' || !line.includes(':')) continue;
    count++;
    if (!WANTED_HEADERS.has(key)) {
      if (!isHintHeader(key) || (!byName.has(key) && hintNames.length >= MAX_HINT_HEADERS)) continue;
      if (!byName.has(key)) hintNames.push(key);
    }
    const value = libmime.decodeHeader(repairEightBit(line)).value;
    const list = byName.get(key);
    if (list === undefined) byName.set(key, [value]);
    else list.push(value);
  }
  return { source: (name) => byName.get(name) ?? [], count, hintNames };
}

/**
 * Splits a message, keeping at most `maxHtml` text/html bodies and looking at the first
 * `maxNodes` MIME nodes only (later ones are counted, not kept). Never rejects: splitter failures
 * end the run early with what was collected plus a `mime-parse-failed` entry.
 *
 * @example
 * const r = await splitMessage(Buffer.from('Content-Type: text/html\r\n\r\n<p>hi</p>'), 50);
 * r.leaves[0]?.kind; // 'html'
 */
export function splitMessage(input: Buffer, maxHtml: number, maxNodes = MAX_NODES): Promise<SplitResult> {
  return new Promise((resolve) => {
    const leaves: KeptLeaf[] = [];
    const errors: ScanError[] = [];
    const kept = new Map<SplitNode, KeptLeaf>();
    const multiparts = new Set<SplitNode>();
    // closing delimiter (`--boundary--`) of each multipart not seen closed yet
    const unclosed = new Map<SplitNode, Buffer>();
    const parentsWithChildren = new Set<SplitNode>();
    let root: { source: HeaderSource; count: number; hintNames: string[] } | null = null;
    let htmlCount = 0;
    let droppedHtml = 0;
    let nodes = 0;
    const types: string[] = [];
    const ambiguous: string[] = [];
    /** Bytes of the input the splitter's chunks have covered so far. */
    let offset = 0;
    let chunkFailed = false;
    let settled = false;

    const finish = (stoppedEarly: boolean): void => {
      if (settled) return;
      settled = true;
      // after an early stop every open multipart looks unclosed; that says nothing new
      const broken: ScanError[] = [];
      for (const node of stoppedEarly || nodes > maxNodes ? [] : multiparts) {
        const type = `multipart/${String(node.multipart)}`;
        const where = node.root ? `The top-level ${type}` : `${type} part ${pathOf(node)}`;
        if (!parentsWithChildren.has(node)) {
          broken.push({ code: 'mime-parse-failed', message: `${where} has no parts: boundary missing or never used.` });
        } else if (unclosed.has(node)) {
          broken.push({ code: 'mime-parse-failed', message: `${where} is never closed: the message may be truncated.` });
        }
      }
      errors.push(...broken.slice(0, MAX_STRUCTURE_ERRORS));
      resolve({
        headers: root?.source ?? null,
        headerCount: root?.count ?? 0,
        hintNames: root?.hintNames ?? [],
        leaves,
        droppedHtml,
        nodes,
        layout: { types, ambiguous, exact: !stoppedEarly && !chunkFailed && offset === input.length },
        errors,
      });
    };

    const onNode = (node: SplitNode, headerStart: number, bodyStart: number): void => {
      if (node.root) root = headerSource(node);
      // beyond the budget a node is only counted: its body passes by like an image's
      if (++nodes > maxNodes) return;
      types.push(node.contentType === false ? 'text/plain' : node.contentType);
      const unclear = ambiguity(node);
      if (unclear !== null) ambiguous.push(`${pathOf(node)}: ${unclear}`);
      if (node.parentNode !== false) parentsWithChildren.add(node.parentNode);
      if (node.multipart !== false) {
        multiparts.add(node);
        if (node._boundary !== false) unclosed.set(node, Buffer.from(`--${node._boundary.toString('latin1')}--`, 'latin1'));
        return;
      }
      const contentType = node.contentType === false ? 'text/plain' : node.contentType;
      const isHtml = contentType === 'text/html';
      if (!isHtml && contentType !== 'message/rfc822') return;
      if (isHtml && ++htmlCount > maxHtml) {
        droppedHtml++;
        return;
      }
      const leaf: KeptLeaf = {
        kind: isHtml ? 'html' : 'rfc822',
        path: pathOf(node),
        charset: node.charset === false ? null : node.charset.trim().toLowerCase() || null,
        encoding: node.encoding === false ? '' : node.encoding,
        attachment: node.disposition === 'attachment',
        chunks: [],
        bytes: { headerStart, bodyStart, bodyEnd: bodyStart },
      };
      kept.set(node, leaf);
      leaves.push(leaf);
    };

    // structure chunks can group the closing lines of nested multiparts, so each is checked
    // against every multipart still open; there are only a handful
    const onStructure = (value: Buffer): void => {
      for (const [node, marker] of unclosed) {
        if (value.includes(marker)) unclosed.delete(node);
      }
    };

    const nodeBudget = Math.min(maxNodes, MAX_NODES);
    const splitter = new mailsplit.Splitter({
      // embedded messages are split by a recursive run instead, which also handles base64 ones
      ignoreEmbedded: true,
      maxHeadSize: MAX_HEAD_SIZE,
      // the splitter stops one node past the budget: later nodes would only be counted
      maxChildNodes: nodeBudget,
    });
    splitter.on('data', (chunk: SplitterChunk) => {
      try {
        if (chunk.type === 'node') {
          const start = offset;
          offset += chunk.getHeaders().length;
          onNode(chunk, start, offset);
          return;
        }
        offset += chunk.value.length;
        if (chunk.type === 'body') {
          const leaf = kept.get(chunk.node);
          if (leaf !== undefined) {
            leaf.chunks.push(chunk.value);
            if (leaf.bytes !== null) leaf.bytes.bodyEnd = offset;
          }
        } else if (unclosed.size > 0) onStructure(chunk.value);
      } catch (cause) {
        chunkFailed = true;
        errors.push({ code: 'mime-parse-failed', message: `MIME structure error: ${describe(cause)}` });
      }
    });
    // the splitter's typings only declare 'data'; it is a plain Transform for the other events
    const stream = splitter as unknown as Transform;
    stream.once('error', (cause: unknown) => {
      const error = stopError(cause, maxNodes <= MAX_NODES);
      if (error === 'nodes') nodes = Math.max(nodes, nodeBudget + 1);
      else errors.push(error);
      finish(true);
    });
    stream.once('end', () => finish(false));
    stream.end(input);
  });
}

/**
 * The entry for a splitter that stopped: its own bounds are limits like the others. `'nodes'`:
 * it stopped past the caller's node budget, which the caller reports (`maxParts`).
 */
function stopError(cause: unknown, callerBudget: boolean): ScanError | 'nodes' {
  const text = describe(cause);
  if ((cause as { code?: unknown } | null)?.code !== 'EMAXLEN') return { code: 'mime-parse-failed', message: `MIME split stopped early: ${text}` };
  if (text.includes('header')) {
    return { code: 'limit-exceeded', message: `A MIME part's header block is larger than ${MAX_HEAD_SIZE} bytes; the message was read up to it, the parts after it were skipped.` };
  }
  return callerBudget ? 'nodes' : { code: 'limit-exceeded', message: `The message has more than ${MAX_NODES} MIME parts; the later ones were skipped.` };
}

/** A short message for an unknown thrown value. */
export function describe(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  return text.slice(0, 200);
}
