/**
 * Where `spypixel sanitize` writes, done so that private mail stays private and a failed or
 * killed run leaves nothing behind: standard output with its errors caught (a closed pipe, a
 * full disk), or a file replaced atomically through a temporary file that is created readable by
 * the owner only, given the kept mode and owner, flushed to disk with its folder, then renamed.
 * Symbolic links are refused, never followed or replaced.
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync, type Stats } from 'node:fs';
import { lstat, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Why writing failed: `write-failed` (the system refused the write: closed pipe, full disk,
 * permissions) or `unsafe-target` (a symbolic link, a file with other hard links, or not a
 * regular file where one is needed: the command refuses rather than guess).
 *
 * @example
 * const c: OutputErrorCode = 'write-failed';
 */
export type OutputErrorCode = 'write-failed' | 'unsafe-target';

/**
 * A failed write, with its code.
 *
 * @example
 * throw new OutputError('unsafe-target', 'in.eml is a symbolic link');
 */
export class OutputError extends Error {
  readonly code: OutputErrorCode;

  constructor(code: OutputErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

function describe(e: unknown): string {
  const err = e as { code?: unknown; message?: unknown };
  if (err.code === 'EPIPE') return 'the reader closed the pipe (EPIPE)';
  if (err.code === 'ENOSPC') return 'no space left on the device (ENOSPC)';
  return typeof err.message === 'string' ? err.message : String(e);
}

/**
 * Writes to standard output; rejects with a `write-failed` {@link OutputError} when the pipe is
 * closed or the device full, instead of letting the stream's error event end the process.
 *
 * @example
 * await writeStdout(Buffer.from('<p>hi</p>'));
 */
export function writeStdout(bytes: Uint8Array, out: NodeJS.WriteStream = process.stdout): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed = false;
    const onError = (e: unknown): void => {
      failed = true;
      reject(new OutputError('write-failed', `cannot write to standard output: ${describe(e)}`));
    };
    // Kept for the life of the process: a broken stream may report again when it is closed.
    out.on('error', () => undefined);
    out.once('error', onError);
    try {
      out.write(bytes, (e) => {
        out.off('error', onError);
        if (e !== null && e !== undefined) onError(e);
        else if (!failed) resolve();
      });
    } catch (e) {
      onError(e);
    }
  });
}

/** What a replaced file keeps: its permission bits and, when known, its owner. */
interface Keep {
  readonly mode: number | null;
  readonly owner: { readonly uid: number; readonly gid: number } | null;
}

/**
 * Calls made while a file is replaced, for tests: `afterCreate` sees the new, empty temporary
 * file, `beforeRename` the finished one.
 *
 * @example
 * const hooks: WriteHooks = { beforeRename: (temp) => console.log(fs.statSync(temp).mode) };
 */
export interface WriteHooks {
  readonly afterCreate?: (temp: string) => void | Promise<void>;
  readonly beforeRename?: (temp: string) => void | Promise<void>;
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

async function replaceAtomically(target: string, bytes: Uint8Array, keep: Keep, hooks: WriteHooks): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  // Interrupted by a signal: the temporary file goes, then the signal takes its usual course.
  const onSignal = (signal: NodeJS.Signals): void => {
    try {
      unlinkSync(temp);
    } catch {
      // not created yet, or already renamed
    }
    for (const s of SIGNALS) process.off(s, onSignal);
    process.kill(process.pid, signal);
  };
  for (const s of SIGNALS) process.once(s, onSignal);
  try {
    // Owner-only until the content is complete: a killed run cannot leave a readable copy.
    const handle = await open(temp, 'wx', keep.mode === null ? 0o666 : 0o600);
    try {
      await hooks.afterCreate?.(temp);
      await handle.writeFile(bytes);
      if (keep.mode !== null) await handle.chmod(keep.mode);
      if (keep.owner !== null && process.platform !== 'win32') await handle.chown(keep.owner.uid, keep.owner.gid);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await hooks.beforeRename?.(temp);
    await rename(temp, target);
    // The rename itself is durable only once the folder is flushed.
    const dir = await open(dirname(target), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch (e) {
    await rm(temp, { force: true });
    throw e instanceof OutputError ? e : new OutputError('write-failed', `cannot write ${target}: ${describe(e)}`);
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
  }
}

async function lstatOrNull(path: string): Promise<Stats | null> {
  try {
    return await lstat(path);
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ENOENT') return null;
    throw new OutputError('write-failed', `cannot write ${path}: ${describe(e)}`);
  }
}

function keepOf(s: Stats): Keep {
  return { mode: s.mode & 0o7777, owner: { uid: s.uid, gid: s.gid } };
}

/**
 * Replaces `path` (a regular file with no other hard link; symbolic links are refused) by
 * `bytes`, keeping its mode and owner, atomically.
 *
 * @example
 * await replaceInPlace('in.eml', cleaned); // a 0600 file stays 0600
 */
export async function replaceInPlace(path: string, bytes: Uint8Array, hooks: WriteHooks = {}): Promise<void> {
  const s = await lstatOrNull(path);
  if (s === null) throw new OutputError('write-failed', `cannot write ${path}: it no longer exists`);
  if (s.isSymbolicLink()) throw new OutputError('unsafe-target', `${path} is a symbolic link: --in-place does not follow or replace links; give the file it points to`);
  if (!s.isFile()) throw new OutputError('unsafe-target', `${path} is not a regular file`);
  // A rename would leave the other names with the original, trackers and all.
  if (s.nlink > 1) throw new OutputError('unsafe-target', `${path} has ${s.nlink - 1} other hard link(s), which --in-place would leave unsanitised`);
  await replaceAtomically(path, bytes, keepOf(s), hooks);
}

/**
 * Writes `bytes` to `path` for `-o`: an existing regular file is replaced atomically keeping its
 * mode and owner, a new file gets `mode` (the input file's, so a private message's copy stays
 * private), a device or pipe (`/dev/stdout`) is written directly; symbolic links are refused.
 *
 * @example
 * await writeOutput('clean.eml', cleaned, 0o600);
 */
export async function writeOutput(path: string, bytes: Uint8Array, mode: number | null, hooks: WriteHooks = {}): Promise<void> {
  const s = await lstatOrNull(path);
  if (s?.isSymbolicLink() === true) throw new OutputError('unsafe-target', `${path} is a symbolic link: -o does not follow or replace links`);
  if (s !== null && !s.isFile()) {
    if (s.isDirectory()) throw new OutputError('unsafe-target', `${path} is a folder`);
    const handle = await open(path, 'w').catch((e: unknown) => {
      throw new OutputError('write-failed', `cannot write ${path}: ${describe(e)}`);
    });
    try {
      await handle.writeFile(bytes);
    } catch (e) {
      throw new OutputError('write-failed', `cannot write ${path}: ${describe(e)}`);
    } finally {
      await handle.close().catch(() => undefined);
    }
    return;
  }
  await replaceAtomically(path, bytes, s === null ? { mode, owner: null } : keepOf(s), hooks);
}

/**
 * The permission bits of a regular input file, for its sanitised copy; `null` for anything else.
 *
 * @example
 * await inputMode('in.eml'); // 0o600
 */
export async function inputMode(path: string): Promise<number | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.mode & 0o777 : null;
  } catch {
    return null;
  }
}
