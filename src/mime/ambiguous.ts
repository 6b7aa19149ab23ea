/**
 * MIME a scanner and a mail client could read differently: the sanitiser refuses such messages
 * rather than leave a part it did not read as HTML for a client that will.
 */
import type { MessageChunk } from '@zone-eu/mailsplit';

type SplitNode = MessageChunk['node'];

/**
 * Why another reader could take a node's type or transfer encoding otherwise, or `null`: mailsplit
 * reads the first of two fields where some clients read the last, and RFC 2047 encoded words are
 * not allowed there, yet some clients decode them.
 *
 * @example
 * ambiguity(node); // '2 Content-Type fields'
 */
export function ambiguity(node: SplitNode): string | null {
  if (node.headers === false) return null;
  for (const name of ['Content-Type', 'Content-Transfer-Encoding']) {
    const values = node.headers.get(name);
    if (values.length > 1) return `${values.length} ${name} fields`;
    // In the media type or the encoding itself: a boundary may legally hold `=?`.
    const value = values[0] ?? '';
    if (value.slice(0, value.includes(';') ? value.indexOf(';') : value.length).includes('=?')) return `an encoded word in ${name}`;
  }
  return null;
}

