/**
 * The sanitiser reads its rewritten message back before returning it: the same MIME tree (no
 * part added, lost or retyped), and each HTML part decoding to exactly the text it sanitised.
 */
import type { MessageLayout } from '../mime/layout.js';
import { parseMailLayout } from '../mime/node.js';
import type { MimeOptions } from '../mime/parse.js';
import type { HtmlPart } from '../mime/types.js';

function shapeProblem(a: MessageLayout, b: MessageLayout, where: string): string | null {
  if (a.types.join('\n') !== b.types.join('\n')) return `the MIME parts of ${where} changed`;
  if (a.leaves.length !== b.leaves.length) return `the parts read in ${where} changed`;
  for (const [i, x] of a.leaves.entries()) {
    const y = b.leaves[i];
    if (y === undefined || x.kind !== y.kind || x.path !== y.path || x.attachment !== y.attachment) return `part ${x.path} changed`;
    if (x.message !== null && y.message !== null) {
      const inner = shapeProblem(x.message, y.message, `attached message ${x.path}`);
      if (inner !== null) return inner;
    } else if (x.message !== y.message) return `attached message ${x.path} changed`;
  }
  return null;
}

/** Line breaks as the HTML parser reads them: CR LF and lone CR are LF. */
function lines(text: string): string {
  return text.replaceAll('\r\n', '\n').replaceAll('\r', '\n');
}

/**
 * Why the rewritten message `out` does not read back as the original with the sanitised texts
 * in it, or `null`. `texts` maps an HTML part's index to its sanitised text; the other parts
 * must read as before.
 *
 * @example
 * await mimeProblem(layout, mail.htmlParts, new Map([[0, '<p>clean</p>']]), out, {}); // null
 */
export async function mimeProblem(
  before: MessageLayout,
  parts: readonly HtmlPart[],
  texts: ReadonlyMap<number, string>,
  out: Uint8Array,
  limits: MimeOptions,
): Promise<string | null> {
  const { mail, layout } = await parseMailLayout(out, limits);
  if (layout === null) return 'the output could not be split into MIME parts';
  const shape = shapeProblem(before, layout, 'the message');
  if (shape !== null) return shape;
  if (mail.htmlParts.length !== parts.length) return 'the number of HTML parts changed';
  for (const [i, p] of parts.entries()) {
    const expected = texts.get(i) ?? p.html;
    if (lines(mail.htmlParts[i]?.html ?? '') !== lines(expected)) return `HTML part ${p.path} does not decode to the sanitised text`;
  }
  return null;
}
