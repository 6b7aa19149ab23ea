/**
 * Paths as the batch reader needs them: the form the file system takes (bytes, when a name is not
 * UTF-8: Linux file names are bytes) and the form reports show (always text).
 */
import { join } from 'node:path';

/**
 * A path in both forms.
 *
 * @example
 * const p: FsPath = { display: 'mail/caf\\xe9.eml', fs: Buffer.from([0x6d, 0x61]) };
 */
export interface FsPath {
  /** Text for reports: the path itself when it is UTF-8, else its bytes ≥ 0x80 as `\xNN`. */
  readonly display: string;
  /** What `fs` calls are given. */
  readonly fs: string | Buffer;
}

const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * A file name's bytes as text: decoded when they are UTF-8, else with every byte ≥ 0x80 written
 * `\xNN`, so the name stays readable and tells the odd bytes apart.
 *
 * @example
 * displayName(Buffer.from([0x63, 0x61, 0x66, 0xe9])); // 'caf\\xe9'
 */
export function displayName(bytes: Buffer): string {
  const text = utf8OrNull(bytes);
  if (text !== null) return text;
  let out = '';
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  return out;
}

function utf8OrNull(bytes: Buffer): string | null {
  try {
    return strict.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * A path given as text (on the command line).
 *
 * @example
 * textPath('inbox.mbox'); // { display: 'inbox.mbox', fs: 'inbox.mbox' }
 */
export function textPath(path: string): FsPath {
  return { display: path, fs: path };
}

/**
 * The path of `name` (raw bytes, as `readdir` gives them) inside `dir`. Stays text while every
 * part is UTF-8; becomes bytes from the first name that is not.
 *
 * @example
 * childPath(textPath('mail'), Buffer.from('a.eml')); // { display: 'mail/a.eml', fs: 'mail/a.eml' }
 */
export function childPath(dir: FsPath, name: Buffer): FsPath {
  const text = utf8OrNull(name);
  const display = join(dir.display, text ?? displayName(name));
  if (text !== null && typeof dir.fs === 'string') return { display, fs: join(dir.fs, text) };
  const base = typeof dir.fs === 'string' ? Buffer.from(dir.fs, 'utf8') : dir.fs;
  const sep = base.length > 0 && base[base.length - 1] !== 0x2f ? Buffer.from('/') : Buffer.alloc(0);
  return { display, fs: Buffer.concat([base, sep, name]) };
}
