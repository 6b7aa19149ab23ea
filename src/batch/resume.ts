/**
 * `--resume`: what an interrupted NDJSON output already holds. The file is only read here; the
 * caller appends to it afterwards.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Report } from '../types.js';

/**
 * What a previous output holds: the sources written (complete lines only) and whether the file
 * ends inside a line (then a newline must be appended before new lines).
 *
 * @example
 * const r: ResumeState = { done: new Set(['a.eml']), partialLastLine: false };
 */
export interface ResumeState {
  readonly done: Set<string>;
  readonly partialLastLine: boolean;
}

async function lastByte(path: string): Promise<number | null> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size === 0) return null;
    const b = Buffer.alloc(1);
    await fh.read(b, 0, 1, size - 1);
    return b[0] ?? null;
  } finally {
    await fh.close();
  }
}

/**
 * Reads a previous NDJSON output line by line. A missing file is an empty state. Lines that are
 * not a report (the partial last one, garbage) count as not done. `onReport` sees every complete
 * report, so the summary can cover the whole archive.
 *
 * @example
 * const state = await readResume('out.ndjson', (r) => tally.add(r));
 */
export async function readResume(path: string, onReport: (r: Report) => void): Promise<ResumeState> {
  let last: number | null;
  try {
    last = await lastByte(path);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return { done: new Set(), partialLastLine: false };
    throw e;
  }
  const partialLastLine = last !== null && last !== 0x0a;
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
  for await (const chunk of createReadStream(path, { encoding: 'utf8', flags: 'r' })) {
    const lines = (rest + String(chunk)).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) take(line);
  }
  // `rest` is the incomplete last line when the file does not end with a newline: not done.
  if (!partialLastLine) take(rest);
  return { done, partialLastLine };
}
