/**
 * `--resume`: what an interrupted NDJSON output already holds. The file is only read here; the
 * caller cuts off a torn last record ({@link ResumeState.keep}) and appends to it afterwards.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Report } from '../types.js';

/**
 * What a previous output holds: the sources written (complete lines only), and where its complete
 * lines end when the last one is torn (an interrupted write).
 *
 * @example
 * const r: ResumeState = { done: new Set(['a.eml']), partialLastLine: false, keep: 812, tail: '' };
 */
export interface ResumeState {
  /** Sources of the complete reports, as written. Compare with {@link sourceKey}, not as text. */
  readonly done: Set<string>;
  readonly partialLastLine: boolean;
  /** Bytes of the file up to and with its last newline: what stays when a torn line is cut off. */
  readonly keep: number;
  /** The start (at most 64 characters) of the torn last line, `''` when there is none. */
  readonly tail: string;
}

const MBOX_SUFFIX = /#\d{1,15}@\d{1,20}$/;

/**
 * The identity of a report source, whatever its spelling: a file path resolved against the
 * current folder (`./d/x.mbox` and `d/x.mbox` are one file), with its `#index@offset` kept.
 * `stdin` stays as it is.
 *
 * @example
 * sourceKey('./d/x.mbox#0@0') === sourceKey('d/x.mbox#0@0'); // true
 */
export function sourceKey(source: string): string {
  if (source === 'stdin') return source;
  const suffix = MBOX_SUFFIX.exec(source)?.[0] ?? '';
  return `${resolve(source.slice(0, source.length - suffix.length))}${suffix}`;
}

/** Size of the file and the offset just past its last newline (0 when it has none). */
async function lastNewline(path: string): Promise<{ size: number; keep: number; tail: string }> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const block = Buffer.alloc(64 * 1024);
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - block.length);
      const { bytesRead } = await fh.read(block, 0, end - start, start);
      const nl = block.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (nl >= 0) return { size, keep: start + nl + 1, tail: await head(fh, start + nl + 1, size) };
      end = start;
    }
    return { size, keep: 0, tail: await head(fh, 0, size) };
  } finally {
    await fh.close();
  }
}

async function head(fh: Awaited<ReturnType<typeof open>>, from: number, size: number): Promise<string> {
  const b = Buffer.alloc(Math.min(64, size - from));
  if (b.length > 0) await fh.read(b, 0, b.length, from);
  return b.toString('utf8');
}

/**
 * Reads a previous NDJSON output line by line. A missing file is an empty state. Lines that are
 * not a report (the torn last one, garbage) count as not done. `onReport` sees every complete
 * report, so the summary can cover the whole archive.
 *
 * @example
 * const state = await readResume('out.ndjson', (r) => tally.add(r));
 * const isDone = resumedSources(state);
 */
export async function readResume(path: string, onReport: (r: Report) => void): Promise<ResumeState> {
  let end: { size: number; keep: number; tail: string };
  try {
    end = await lastNewline(path);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return { done: new Set(), partialLastLine: false, keep: 0, tail: '' };
    throw e;
  }
  const partialLastLine = end.keep < end.size;
  const done = new Set<string>();
  let rest = '';
  const take = (line: string): void => {
    if (line.trim() === '') return;
    try {
      const r = JSON.parse(line) as Report;
      if (typeof r.source === 'string' && Array.isArray(r.findings) && Array.isArray(r.errors)) {
        done.add(r.source);
        onReport(r);
      }
    } catch {
      // not a complete report line
    }
  };
  if (end.keep > 0) {
    for await (const chunk of createReadStream(path, { encoding: 'utf8', flags: 'r', end: end.keep - 1 })) {
      const lines = (rest + String(chunk)).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) take(line);
    }
  }
  return { done, partialLastLine, keep: end.keep, tail: partialLastLine ? end.tail : '' };
}

/**
 * Whether a source is among those of a resumed output, by {@link sourceKey}.
 *
 * @example
 * resumedSources(state)('./inbox.mbox#3@2048'); // true when 'inbox.mbox#3@2048' was written
 */
export function resumedSources(state: ResumeState): (source: string) => boolean {
  const keys = new Set([...state.done].map(sourceKey));
  return (source) => keys.has(sourceKey(source));
}

/**
 * Whether a torn last line is the start of a report line as `scan` writes them: only then may it
 * be cut off (a file that is not ours is never shortened).
 *
 * @example
 * isCutReport('{"source":"a.eml","mess'); // true
 */
export function isCutReport(tail: string): boolean {
  return tail.startsWith('{"source":');
}
