/**
 * What a batch run reads: command-line paths (files, folders, globs, `-`) expanded into a stable,
 * sorted list of inputs. Folders are walked recursively; a Maildir (a folder with `cur` and `new`)
 * contributes every file of cur/new/tmp, whatever its name. Symlinks are followed, each folder
 * is walked once (so a link back up cannot loop), and whatever cannot be read (a dangling link, a
 * folder that cannot be listed, a FIFO or device met in a folder) becomes an error entry: nothing
 * is skipped in silence except names that are no mail (`notes.txt`) and hidden Maildir files.
 */
import type { Dirent, Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { ScanError } from '../types.js';
import { childPath, textPath, type FsPath } from './fs-path.js';
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
 * const i: InputEntry = { kind: 'file', path: 'inbox.mbox', fsPath: 'inbox.mbox', hint: 'mbox', size: 1024, regular: true };
 */
export type InputEntry =
  | {
      readonly kind: 'file';
      /** The path as reports show it (see {@link FsPath}). */
      readonly path: string;
      /** The path as the file system takes it: bytes when a name is not UTF-8. */
      readonly fsPath: string | Buffer;
      readonly hint: FormatHint;
      /** Size in bytes; meaningless (0) for a device or FIFO. */
      readonly size: number;
      /** A regular file, whose size can be trusted; devices and FIFOs are streamed. */
      readonly regular: boolean;
    }
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

/**
 * The file-system calls a walk makes, so tests can make a folder unreadable even as root.
 *
 * @example
 * const fs: WalkFs = { readdir: (p) => readdir(p, { withFileTypes: true, encoding: 'buffer' }), stat: (p) => stat(p) };
 */
export interface WalkFs {
  readonly readdir: (path: string | Buffer) => Promise<Array<Dirent<Buffer>>>;
  readonly stat: (path: string | Buffer) => Promise<Stats>;
}

const NODE_FS: WalkFs = {
  readdir: (path) => readdir(path, { withFileTypes: true, encoding: 'buffer' }),
  stat: (path) => stat(path),
};

/** One walk: the file system, the entries so far, and the folders walked (by device and inode). */
interface Walk {
  readonly fs: WalkFs;
  readonly out: InputEntry[];
  readonly folders: Set<string>;
}

const identity = (s: Stats): string => `${s.dev}:${s.ino}`;

function fail(path: string, code: 'file-read-failed' | 'file-unsupported', message: string): InputEntry {
  return { kind: 'error', path, error: { code, message } };
}

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function entries(dir: FsPath, fs: WalkFs): Promise<Array<{ name: Buffer; path: FsPath; file: boolean }>> {
  const list = await fs.readdir(dir.fs);
  return list
    .map((e) => ({ name: e.name, path: childPath(dir, e.name), file: e.isFile() }))
    .sort((a, b) => Buffer.compare(a.name, b.name));
}

/**
 * Whether a folder is a Maildir: it has `cur` and `new` subfolders.
 *
 * @example
 * await isMaildir('Mail/INBOX'); // true
 */
export async function isMaildir(dir: string | Buffer, fs: WalkFs = NODE_FS): Promise<boolean> {
  const sub = (name: string): string | Buffer => (typeof dir === 'string' ? `${dir}/${name}` : Buffer.concat([dir, Buffer.from(`/${name}`)]));
  try {
    const [cur, fresh] = await Promise.all([fs.stat(sub('cur')), fs.stat(sub('new'))]);
    return cur.isDirectory() && fresh.isDirectory();
  } catch {
    return false;
  }
}

/** A file met while walking (symlinks already followed by `stat`): regular files only are read. */
function walkedFile(path: FsPath, s: Stats, hint: FormatHint, walk: Walk): void {
  if (s.isFile()) walk.out.push({ kind: 'file', path: path.display, fsPath: path.fs, hint, size: s.size, regular: true });
  else walk.out.push(fail(path.display, 'file-unsupported', `${path.display} is not a regular file (a FIFO, socket or device); not read while walking a folder.`));
}

async function walk(dir: FsPath, w: Walk): Promise<void> {
  let list;
  try {
    list = await entries(dir, w.fs);
  } catch (e) {
    w.out.push(fail(dir.display, 'file-read-failed', `Cannot list ${dir.display}: ${reason(e)}`));
    return;
  }
  const maildir = await isMaildir(dir.fs, w.fs);
  for (const { name, path, file } of list) {
    // a plain file whose name is no mail needs no stat
    if (file && hintOf(path.display) === null) continue;
    let s: Stats;
    try {
      s = await w.fs.stat(path.fs);
    } catch (e) {
      // a dangling symlink, or an entry gone since the listing
      w.out.push(fail(path.display, 'file-read-failed', `Cannot read ${path.display}: ${reason(e)}`));
      continue;
    }
    const text = name.toString('latin1');
    if (s.isDirectory()) {
      if (w.folders.has(identity(s))) continue;
      w.folders.add(identity(s));
      if (maildir && (text === 'cur' || text === 'new' || text === 'tmp')) await maildirFolder(path, w);
      else await walk(path, w);
      continue;
    }
    const hint = hintOf(path.display);
    if (hint !== null) walkedFile(path, s, hint, w);
  }
}

/** Every file of a Maildir's cur/new/tmp is a message, whatever its name (hidden files excepted). */
async function maildirFolder(dir: FsPath, w: Walk): Promise<void> {
  let list;
  try {
    list = await entries(dir, w.fs);
  } catch (e) {
    w.out.push(fail(dir.display, 'file-read-failed', `Cannot list ${dir.display}: ${reason(e)}`));
    return;
  }
  for (const { name, path } of list) {
    if (name[0] === 0x2e) continue;
    try {
      const s = await w.fs.stat(path.fs);
      if (!s.isDirectory()) walkedFile(path, s, 'eml', w);
    } catch (e) {
      w.out.push(fail(path.display, 'file-read-failed', `Cannot read ${path.display}: ${reason(e)}`));
    }
  }
}

async function walkRoot(path: string, s: Stats, w: Walk): Promise<void> {
  if (w.folders.has(identity(s))) return;
  w.folders.add(identity(s));
  await walk(textPath(path), w);
}

async function expandOne(arg: string, w: Walk): Promise<void> {
  if (arg === '-') {
    w.out.push({ kind: 'stdin' });
    return;
  }
  let s;
  try {
    s = await w.fs.stat(arg);
  } catch (e) {
    if (hasGlob(arg)) {
      const matches = await expandGlob(arg);
      if (matches.length === 0) w.out.push(fail(arg, 'file-read-failed', `No file matches ${arg}`));
      for (const m of matches) await expandMatch(m, w);
      return;
    }
    w.out.push(fail(arg, 'file-read-failed', `Cannot read ${arg}: ${reason(e)}`));
    return;
  }
  if (s.isDirectory()) await walkRoot(arg, s, w);
  // named on the command line, a FIFO or device is read too (`scan <(zcat a.gz)`), as a stream
  else w.out.push({ kind: 'file', path: arg, fsPath: arg, hint: explicitHint(arg), size: s.isFile() ? s.size : 0, regular: s.isFile() });
}

/** A file named on the command line is always read; its extension only refines how. */
function explicitHint(path: string): FormatHint {
  const hint = hintOf(path);
  return hint === null || hint === 'sniff' ? 'auto' : hint;
}

/** A glob match is treated like a file met while walking a folder: unknown kinds are skipped. */
async function expandMatch(path: string, w: Walk): Promise<void> {
  let s: Stats;
  try {
    s = await w.fs.stat(path);
  } catch (e) {
    w.out.push(fail(path, 'file-read-failed', `Cannot read ${path}: ${reason(e)}`));
    return;
  }
  if (s.isDirectory()) await walkRoot(path, s, w);
  else {
    const hint = hintOf(path);
    if (hint !== null) walkedFile(textPath(path), s, hint, w);
  }
}

/**
 * Expands command-line arguments into inputs, in argument order, each folder sorted by name (byte
 * order). A file given twice (directly and through a folder or glob) is read once; a folder
 * reached twice (through a symlink) is walked once, under the first path met. `fs` replaces file
 * system calls (tests).
 *
 * @example
 * await collectBatchInputs(['inbox.mbox', 'Maildir', 'old/**\/*.eml.gz', '-']);
 */
export async function collectBatchInputs(args: readonly string[], fs: Partial<WalkFs> = {}): Promise<InputEntry[]> {
  const w: Walk = { fs: { ...NODE_FS, ...fs }, out: [], folders: new Set() };
  for (const a of args) await expandOne(a, w);
  const seen = new Set<string>();
  return w.out.filter((e) => {
    if (e.kind !== 'file') return true;
    if (seen.has(e.path)) return false;
    seen.add(e.path);
    return true;
  });
}
