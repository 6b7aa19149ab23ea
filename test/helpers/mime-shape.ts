/**
 * Test oracle: the MIME tree of a message as mailsplit sees it on its own (attached messages
 * opened when they are not transfer-encoded), one line per node: depth, content type, and the
 * text/html bodies' sizes left out so only the structure is compared.
 */
import mailsplit from '@zone-eu/mailsplit';
import type { SplitterChunk } from '@zone-eu/mailsplit';

/**
 * One line per MIME node, `depth type`, in document order.
 *
 * @example
 * await mimeShape(Buffer.from('Content-Type: text/html\r\n\r\n<p>x</p>')); // ['0 text/html']
 */
export function mimeShape(raw: Uint8Array): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const out: string[] = [];
    const splitter = new mailsplit.Splitter({ ignoreEmbedded: false });
    splitter.on('data', (chunk: SplitterChunk) => {
      if (chunk.type !== 'node') return;
      const depth = chunk.partNr === false ? 0 : chunk.partNr.length;
      out.push(`${depth} ${chunk.contentType === false ? 'text/plain' : chunk.contentType}`);
    });
    const stream = splitter as unknown as NodeJS.ReadWriteStream;
    stream.once('error', reject);
    stream.once('end', () => resolve(out));
    stream.end(Buffer.from(raw));
  });
}
