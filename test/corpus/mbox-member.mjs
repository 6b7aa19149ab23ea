// Takes one message out of an mbox file (optionally gzip-compressed), byte for byte, so that a
// manifest entry can point at a message stored inside a mailbox export instead of a lone .eml.
// Plain Node ESM, no dependencies; shared by restore.mjs and the manifest test.
import { gunzipSync } from 'node:zlib';

// A From_ line starts the file or follows a line break; body lines that begin with "From " are
// quoted as ">From " by every mbox writer, so this split does not cut a message in two.
const FROM_LINE = /(^|\n)From [^\n]*\n/g;

/**
 * Returns the bytes of message `index` (0-based) of an mbox: everything after its From_ line up to
 * the next From_ line, or null when the mailbox has no such message.
 *
 * @example
 * mboxMember(Buffer.from('From a\nSubject: x\n\nbody\n'), { index: 0, gzip: false }); // <Buffer 'Subject: x\n\nbody\n'>
 */
export function mboxMember(bytes, { index, gzip }) {
  const raw = gzip ? gunzipSync(bytes) : bytes;
  // latin1 maps every byte to one code unit, so slicing the string slices the bytes.
  const text = raw.toString('latin1');
  const starts = [];
  for (const m of text.matchAll(FROM_LINE)) starts.push({ line: m.index + m[1].length, body: m.index + m[0].length });
  const here = starts[index];
  if (!Number.isInteger(index) || index < 0 || here === undefined) return null;
  const end = index + 1 < starts.length ? starts[index + 1].line : text.length;
  return Buffer.from(text.slice(here.body, end), 'latin1');
}

/** Whether a repository path names an mbox file this module can read (`.mbox`, `.mbox.gz`). */
export function isMboxPath(path) {
  return /\.mbox(\.gz)?$/i.test(path);
}
