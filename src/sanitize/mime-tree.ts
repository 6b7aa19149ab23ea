/**
 * Byte ranges of a message's MIME entities, so a body can be replaced while every other byte
 * (headers, boundaries, other parts) is copied through. Works on a latin1 view of the bytes,
 * where string offsets are byte offsets.
 */
import libmime from 'libmime';

/**
 * One leaf entity (not multipart) with where its header block and body lie.
 *
 * @example
 * const l: MimeLeaf = { path: '1', headerStart: 0, headerEnd: 40, bodyStart: 42, bodyEnd: 90,
 *   type: 'text/html', charset: 'utf-8', encoding: 'quoted-printable', attachment: false };
 */
export interface MimeLeaf {
  readonly path: string;
  readonly headerStart: number;
  /** End of the header block, its last line break included, blank line excluded. */
  readonly headerEnd: number;
  readonly bodyStart: number;
  readonly bodyEnd: number;
  /** Lower-case media type; `text/plain` when absent. */
  readonly type: string;
  readonly charset: string | null;
  /** Lower-case Content-Transfer-Encoding; `7bit` when absent. */
  readonly encoding: string;
  readonly attachment: boolean;
}

/** How deep multiparts are opened; past it, bodies are left alone. */
const MAX_DEPTH = 50;
const MAX_LEAVES = 10_000;

function headerBlock(s: string, start: number, end: number): { headerEnd: number; bodyStart: number } {
  if (s.startsWith('\r\n', start)) return { headerEnd: start, bodyStart: start + 2 };
  if (s[start] === '\n') return { headerEnd: start, bodyStart: start + 1 };
  let i = s.indexOf('\n', start);
  while (i !== -1 && i < end) {
    if (s[i + 1] === '\n') return { headerEnd: i + 1, bodyStart: i + 2 };
    if (s[i + 1] === '\r' && s[i + 2] === '\n') return { headerEnd: i + 1, bodyStart: i + 3 };
    i = s.indexOf('\n', i + 1);
  }
  return { headerEnd: end, bodyStart: end };
}

/**
 * Header fields of a block, unfolded, names lower-cased, in order.
 *
 * @example
 * headerFields('Content-Type: text/html;\r\n charset=utf-8\r\n'); // [['content-type', 'text/html; charset=utf-8']]
 */
export function headerFields(block: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const line of block.split('\n')) {
    const l = line.endsWith('\r') ? line.slice(0, -1) : line;
    const last = out[out.length - 1];
    if ((l.startsWith(' ') || l.startsWith('\t')) && last !== undefined) {
      last[1] += ` ${l.trim()}`;
      continue;
    }
    const colon = l.indexOf(':');
    if (colon > 0) out.push([l.slice(0, colon).trim().toLowerCase(), l.slice(colon + 1).trim()]);
  }
  return out;
}

function field(fields: ReadonlyArray<[string, string]>, name: string): string | null {
  for (const [k, v] of fields) if (k === name) return v;
  return null;
}

interface Walk {
  readonly s: string;
  readonly leaves: MimeLeaf[];
}

function parseEntity(w: Walk, start: number, end: number, path: string, depth: number): void {
  if (w.leaves.length >= MAX_LEAVES) return;
  const { headerEnd, bodyStart } = headerBlock(w.s, start, end);
  const fields = headerFields(w.s.slice(start, headerEnd));
  const ct = libmime.parseHeaderValue(field(fields, 'content-type') ?? 'text/plain');
  const type = (ct.value || 'text/plain').toLowerCase();
  const params = ct.params as Record<string, string | undefined>;
  const boundary = params.boundary;
  if (type.startsWith('multipart/') && typeof boundary === 'string' && boundary !== '' && depth < MAX_DEPTH) {
    const bodies = splitMultipart(w.s, bodyStart, end, boundary);
    bodies.forEach(([s, e], i) => parseEntity(w, s, e, path === '' ? `${i + 1}` : `${path}.${i + 1}`, depth + 1));
    return;
  }
  const disposition = libmime.parseHeaderValue(field(fields, 'content-disposition') ?? '').value.toLowerCase();
  w.leaves.push({
    path: path === '' ? '1' : path,
    headerStart: start,
    headerEnd,
    bodyStart,
    bodyEnd: Math.max(bodyStart, end),
    type,
    charset: typeof params.charset === 'string' && params.charset.trim() !== '' ? params.charset.trim().toLowerCase() : null,
    encoding: (field(fields, 'content-transfer-encoding') ?? '7bit').trim().toLowerCase(),
    attachment: disposition === 'attachment',
  });
}

/** The `[start, end)` of each child between `--boundary` lines; the line break before a delimiter belongs to it. */
function splitMultipart(s: string, start: number, end: number, boundary: string): Array<[number, number]> {
  const delimiter = `--${boundary}`;
  const parts: Array<[number, number]> = [];
  let childStart = -1;
  let i = start;
  while (i < end) {
    const nl = s.indexOf('\n', i);
    const lineEnd = nl === -1 || nl >= end ? end : nl;
    if (s.startsWith(delimiter, i)) {
      const rest = s.slice(i + delimiter.length, lineEnd).trimEnd();
      if (rest === '' || rest === '--') {
        if (childStart !== -1) {
          let e = i;
          if (s[e - 1] === '\n') e--;
          if (s[e - 1] === '\r') e--;
          parts.push([childStart, Math.max(childStart, e)]);
        }
        if (rest === '--') return parts;
        childStart = lineEnd + 1;
      }
    }
    i = lineEnd + 1;
  }
  // An unclosed multipart: the last child runs to the end.
  if (childStart !== -1 && childStart <= end) parts.push([childStart, end]);
  return parts;
}

/**
 * The leaves of a message, in document order, with IMAP-style paths (`1`, `1.2` …).
 *
 * @example
 * mimeLeaves(Buffer.from('Content-Type: text/html\r\n\r\n<p>hi</p>').toString('latin1'))[0]?.bodyStart; // 25
 */
export function mimeLeaves(latin1: string): MimeLeaf[] {
  const w: Walk = { s: latin1, leaves: [] };
  parseEntity(w, 0, latin1.length, '', 0);
  return w.leaves;
}
