/**
 * What a batch run reads: command-line paths (files, folders, globs, `-`) expanded into a stable,
 * sorted list of inputs. Folders are walked recursively; a Maildir (a folder with `cur` and `new`)
 * contributes every file of cur/new/tmp, whatever its name.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { ScanError } from '../types.js';
import { expandGlob, hasGlob } from './glob.js';

/**
 * How an input file is read. `auto`: an mbox when it starts with `From `, one message otherwise.
 * `sniff`: like `auto`, but skipped when the content looks like neither (unknown files in folders).
 *
 * @example
 * const h: FormatHint = 'mbox';
 */
export type FormatHint = 'eml' | 'html' | 'mbox' | 'auto' | 'sniff';

/**
 * One input of a batch run.
 *
 * @example
 * const i: InputEntry = { kind: 'file', path: 'inbox.mbox', hint: 'mbox', size: 1024 };
 */
export type InputEntry =
  | { readonly kind: 'file'; readonly path: string; readonly hint: FormatHint; readonly size: number }
  | { readonly kind: 'stdin' }
  | { readonly kind: 'error'; readonly path: string; readonly error: ScanError };

const BY_EXTENSION: Readonly<Record<string, FormatHint>> = {
  '.eml': 'eml',
  '.msg': 'eml',
  '.html': 'html',
  '.htm': 'html',
  '.mbox': 'mbox',
  '.mbx': 'mbox',
};

/**
 * The hint a file name gives (a `.gz` suffix is looked through), or `null` for an extension that is
 * not mail. Names without an extension are `sniff`.
 *
 * @example
 * hintOf('inbox.mbox.gz'); // 'mbox'
 */
export function hintOf(path: string): FormatHint | null {
  let name = basename(path).toLowerCase();
  if (name.endsWith('.gz')) name = name.slice(0, -3);
  const ext = extname(name);
  if (ext === '') return 'sniff';
  return BY_EXTENSION[ext] ?? null;
}

async function entries(dir: string): Promise<Array<{ name: string; dir: boolean; file: boolean }>> {
  const list = await readdir(dir, { withFileTypes: true });
  return list
    .map((e) => ({ name: e.name, dir: e.isDirectory(), file: e.isFile() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Whether a folder is a Maildir: it has `cur` and `new` subfolders.
 *
 * @example
 * await isMaildir('Mail/INBOX'); // true
 */
export async function isMaildir(dir: string): Promise<boolean> {
  try {
    const [cur, fresh] = await Promise.all([stat(join(dir, 'cur')), stat(join(dir, 'new'))]);
    return cur.isDirectory() && fresh.isDirectory();
  } catch {
    return false;
  }
}

async function fileEntry(path: string, hint: FormatHint, out: InputEntry[]): Promise<void> {
  try {
    const s = await stat(path);
    out.push({ kind: 'file', path, hint, size: s.size });
  } catch (e) {
    out.push({ kind: 'error', path, error: { code: 'file-read-failed', message: `Cannot read ${path}: ${(e as Error).message}` } });
  }
}

async function walk(dir: string, out: InputEntry[]): Promise<void> {
  let list;
  try {
    list = await entries(dir);
  } catch (e) {
    out.push({ kind: 'error', path: dir, error: { code: 'file-read-failed', message: `Cannot list ${dir}: ${(e as Error).message}` } });
    return;
  }
  const maildir = await isMaildir(dir);
  for (const e of list) {
    const p = join(dir, e.name);
    if (maildir && e.dir && (e.name === 'cur' || e.name === 'new' || e.name === 'tmp')) {
      for (const m of await entries(p).catch(() => [])) {
        if (m.file && !m.name.startsWith('.')) await fileEntry(join(p, m.name), 'eml', out);
      }
    } else if (e.dir) await walk(p, out);
    else if (e.file) {
      const hint = hintOf(p);
      if (hint !== null) await fileEntry(p, hint, out);
    }
  }
}

async function expandOne(arg: string, out: InputEntry[]): Promise<void> {
  if (arg === '-') {
    out.push({ kind: 'stdin' });
    return;
  }
  let s;
  try {
    s = await stat(arg);
  } catch (e) {
    if (hasGlob(arg)) {
      const matches = await expandGlob(arg);
      if (matches.length === 0) {
        out.push({ kind: 'error', path: arg, error: { code: 'file-read-failed', message: `No file matches ${arg}` } });
      }
      for (const m of matches) await expandMatch(m, out);
      return;
    }
    out.push({ kind: 'error', path: arg, error: { code: 'file-read-failed', message: `Cannot read ${arg}: ${(e as Error).message}` } });
    return;
  }
  if (s.isDirectory()) await walk(arg, out);
  else out.push({ kind: 'file', path: arg, hint: explicitHint(arg), size: s.size });
}

/** A file named on the command line is always read; its extension only refines how. */
function explicitHint(path: string): FormatHint {
  const hint = hintOf(path);
  return hint === null || hint === 'sniff' ? 'auto' : hint;
}

/** A glob match is treated like a file met while walking a folder: unknown kinds are skipped. */
async function expandMatch(path: string, out: InputEntry[]): Promise<void> {
  const s = await stat(path);
  if (s.isDirectory()) await walk(path, out);
  else {
    const hint = hintOf(path);
    if (hint !== null) out.push({ kind: 'file', path, hint, size: s.size });
  }
}

/**
 * Expands command-line arguments into inputs, in argument order, each folder sorted by name.
 * A file given twice (directly and through a folder or glob) is read once.
 *
 * @example
 * await collectBatchInputs(['inbox.mbox', 'Maildir', 'old/**\/*.eml.gz', '-']);
 */
export async function collectBatchInputs(args: readonly string[]): Promise<InputEntry[]> {
  const out: InputEntry[] = [];
  for (const a of args) await expandOne(a, out);
  const seen = new Set<string>();
  return out.filter((e) => {
    if (e.kind !== 'file') return true;
    if (seen.has(e.path)) return false;
    seen.add(e.path);
    return true;
  });
}
