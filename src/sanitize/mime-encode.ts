/**
 * Re-encoding a sanitised HTML body for its MIME part: the original charset when it can hold the
 * text (else UTF-8), the original transfer encoding when it can carry the bytes (else
 * quoted-printable), and the header edits that go with a change.
 */
import iconv from 'iconv-lite';
import libmime from 'libmime';
import { decodeCharset } from '../mime/decode.js';

/**
 * An encoded body and what the part's headers must now say.
 *
 * @example
 * const b: EncodedBody = { bytes: Buffer.from('<p>hi</p>'), charset: null, encoding: null };
 */
export interface EncodedBody {
  readonly bytes: Buffer;
  /** The charset to declare when it changed, else `null`. */
  readonly charset: string | null;
  /** The transfer encoding to declare when it changed, else `null`. */
  readonly encoding: string | null;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Bytes in `charset` when they decode back to exactly `text`, else `null`. */
function inCharset(text: string, charset: string): Buffer | null {
  const label = libmime.normalizeCharset(charset).toLowerCase();
  for (const name of [label, charset]) {
    if (!iconv.encodingExists(name)) continue;
    try {
      const bytes = iconv.encode(text, name);
      if (decodeCharset(bytes, charset).value === text) return bytes;
    } catch {
      // try the next name
    }
  }
  return null;
}

function charsetBytes(text: string, charset: string | null): { bytes: Buffer; charset: string | null } {
  if (charset === null) return isAscii(text) ? { bytes: Buffer.from(text, 'latin1'), charset: null } : { bytes: Buffer.from(text, 'utf8'), charset: 'utf-8' };
  const bytes = inCharset(text, charset);
  return bytes !== null ? { bytes, charset: null } : { bytes: Buffer.from(text, 'utf8'), charset: 'utf-8' };
}

function longestLine(bytes: Buffer): number {
  let longest = 0;
  let start = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) {
    longest = Math.max(longest, i - start);
    start = i + 1;
  }
  return Math.max(longest, bytes.length - start);
}

/** Whether a line (after LF, CR or at the start) begins with `--`, as a boundary line does. */
function hasDashLine(bytes: Buffer): boolean {
  for (let i = bytes.indexOf('--'); i !== -1; i = bytes.indexOf('--', i + 1)) {
    if (i === 0 || bytes[i - 1] === 0x0a || bytes[i - 1] === 0x0d) return true;
  }
  return false;
}

function hex(b: number): string {
  return `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * Quoted-printable (RFC 2045): lines of at most 76 characters, the text's line breaks written as
 * `eol`, trailing spaces encoded, and a `-` that would begin a line written `=2D`, so that no line
 * of the body can be read as a multipart boundary (`--boundary`), wherever the soft breaks fall.
 *
 * @example
 * encodeQuotedPrintable(Buffer.from('a=b é\n--x', 'utf8'), '\r\n'); // 'a=3Db =C3=A9\r\n=2D-x'
 */
export function encodeQuotedPrintable(bytes: Buffer, eol: string): string {
  const out: string[] = [];
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    const last = end === -1;
    if (last) end = bytes.length;
    let lineEnd = end;
    if (lineEnd > start && bytes[lineEnd - 1] === 0x0d) lineEnd--;
    let line = '';
    for (let i = start; i < lineEnd; i++) {
      const b = bytes[i] ?? 0;
      const atEnd = i === lineEnd - 1;
      let token = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !atEnd) ? String.fromCharCode(b) : hex(b);
      if (line.length + token.length > 75) {
        out.push(`${line}=${eol}`);
        line = '';
      }
      // An encoded line never starts with `-`: a soft break must not make a `--boundary` line.
      if (line === '' && b === 0x2d) token = hex(b);
      line += token;
    }
    out.push(line);
    if (last) break;
    out.push(eol);
    start = end + 1;
  }
  return out.join('');
}

function base64Lines(bytes: Buffer, eol: string): string {
  const b64 = bytes.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join(eol);
}

/**
 * Encodes sanitised text for a part declared with `charset` and `encoding`.
 *
 * @example
 * encodeBody('<p>é</p>', 'iso-8859-1', 'quoted-printable', '\r\n').bytes.toString(); // '<p>=E9</p>'
 */
export function encodeBody(text: string, charset: string | null, encoding: string, eol: string): EncodedBody {
  const c = charsetBytes(text, charset);
  const enc = encoding.trim().toLowerCase();
  if (enc === 'base64') return { bytes: Buffer.from(base64Lines(c.bytes, eol), 'latin1'), charset: c.charset, encoding: null };
  if (enc === 'quoted-printable') return { bytes: Buffer.from(encodeQuotedPrintable(c.bytes, eol), 'latin1'), charset: c.charset, encoding: null };
  // An edit can leave `--boundary` alone on a line (`<img …>--b` with the img removed): a body
  // with a line starting with `--` is not written as it is.
  const eightBitOk = (enc === 'binary' || ((enc === '8bit' || enc === '7bit') && longestLine(c.bytes) <= 998)) && !hasDashLine(c.bytes);
  const sevenBitOk = eightBitOk && (enc !== '7bit' || c.bytes.every((b) => b < 0x80));
  if (sevenBitOk) return { bytes: c.bytes, charset: c.charset, encoding: null };
  return { bytes: Buffer.from(encodeQuotedPrintable(c.bytes, eol), 'latin1'), charset: c.charset, encoding: 'quoted-printable' };
}

/** `[start, end)` of a header field (folded lines included) in a block, or null. */
function fieldRange(block: string, name: string): [number, number] | null {
  let lineStart = 0;
  while (lineStart < block.length) {
    const nl = block.indexOf('\n', lineStart);
    const next = nl === -1 ? block.length : nl + 1;
    if (block.slice(lineStart, lineStart + name.length + 1).toLowerCase() === `${name}:`) {
      let end = next;
      while (end < block.length && (block[end] === ' ' || block[end] === '\t')) {
        const n = block.indexOf('\n', end);
        end = n === -1 ? block.length : n + 1;
      }
      return [lineStart, end];
    }
    lineStart = next;
  }
  return null;
}

/** A Content-Type field without its `charset*…=` parameters (split at `;` outside quotes). */
function withoutExtendedCharset(field: string): string {
  if (!field.toLowerCase().includes('charset*')) return field;
  const segments: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i <= field.length; i++) {
    const c = field[i];
    if (c === '"') quoted = !quoted;
    if (i === field.length || (c === ';' && !quoted)) {
      segments.push(field.slice(start, i));
      start = i + 1;
    }
  }
  const kept = segments.filter((seg, i) => i === 0 || !seg.trim().toLowerCase().startsWith('charset*'));
  const joined = kept.join(';');
  // Keep the field's line break, which the last segment may have carried away.
  const eol = field.endsWith('\r\n') ? '\r\n' : field.endsWith('\n') ? '\n' : '';
  return joined.endsWith(eol) ? joined : `${joined.trimEnd()}${eol}`;
}

/**
 * A header block with the charset and transfer encoding a re-encoded body needs. Other fields
 * and the rest of Content-Type stay as written.
 *
 * @example
 * updateHeaders('Content-Type: text/html; charset=us-ascii\r\n', 'utf-8', null, '\r\n');
 * // 'Content-Type: text/html; charset=utf-8\r\n'
 */
export function updateHeaders(block: string, charset: string | null, encoding: string | null, eol: string): string {
  let out = block === '' || block.endsWith('\n') ? block : block + eol;
  if (charset !== null) {
    const r = fieldRange(out, 'content-type');
    if (r === null) out += `Content-Type: text/html; charset=${charset}${eol}`;
    else {
      // RFC 2231 forms (charset*=, charset*0=) would stand beside the new charset= and some
      // readers prefer them: they go.
      const fieldText = withoutExtendedCharset(out.slice(r[0], r[1]));
      const at = fieldText.toLowerCase().indexOf('charset=');
      let replaced: string;
      if (at !== -1) {
        const v = at + 'charset='.length;
        let e = v;
        if (fieldText[v] === '"') e = fieldText.indexOf('"', v + 1) + 1 || fieldText.length;
        else while (e < fieldText.length && !';\r\n \t'.includes(fieldText[e] ?? ';')) e++;
        replaced = `${fieldText.slice(0, v)}${charset}${fieldText.slice(e)}`;
      } else {
        const body = fieldText.trimEnd();
        replaced = `${body}; charset=${charset}${fieldText.slice(body.length)}`;
      }
      out = out.slice(0, r[0]) + replaced + out.slice(r[1]);
    }
  }
  if (encoding !== null) {
    const r = fieldRange(out, 'content-transfer-encoding');
    const line = `Content-Transfer-Encoding: ${encoding}${eol}`;
    out = r === null ? out + line : out.slice(0, r[0]) + line + out.slice(r[1]);
  }
  return out;
}
