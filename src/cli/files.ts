/**
 * Which files a scan reads: files and folders given on the command line, walked recursively.
 */
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { ErrorCode } from '../types.js';

/**
 * Input formats the CLI knows.
 *
 * @example
 * const f: InputFormat = 'eml';
 */
export type InputFormat = 'eml' | 'html';

/**
 * One input to scan, or one that could not be listed.
 *
 * @example
 * const i: InputFile = { path: 'samples/01.eml', format: 'eml' };
 */
export type InputFile =
  | { readonly path: string; readonly format: InputFormat }
  | { readonly path: string; readonly error: { readonly code: ErrorCode; readonly message: string } };

const FORMATS: Readonly<Record<string, InputFormat>> = { '.eml': 'eml', '.html': 'html', '.htm': 'html', '.msg': 'eml' };

/**
 * The format a file name implies, or `null` when it is not a mail file we read.
 *
 * @example
 * formatOf('a/B.EML'); // 'eml'
 */
export function formatOf(path: string): InputFormat | null {
  return FORMATS[extname(path).toLowerCase()] ?? null;
}

async function walk(dir: string, out: InputFile[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    out.push({ path: dir, error: { code: 'file-read-failed', message: String(e) } });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile()) {
      const format = formatOf(p);
      if (format !== null) out.push({ path: p, format });
    }
  }
}

/**
 * Expands paths into input files in a stable order. A file given explicitly with an unknown
 * extension is read as `.eml`; inside folders only known extensions are taken.
 *
 * @example
 * await collectInputs(['samples']); // [{ path: 'samples/01-….eml', format: 'eml' }, …]
 */
export async function collectInputs(paths: readonly string[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const p of paths) {
    let s;
    try {
      s = await stat(p);
    } catch (e) {
      out.push({ path: p, error: { code: 'file-read-failed', message: `Cannot read ${p}: ${(e as Error).message}` } });
      continue;
    }
    if (s.isDirectory()) await walk(p, out);
    else out.push({ path: p, format: formatOf(p) ?? 'eml' });
  }
  return out;
}
