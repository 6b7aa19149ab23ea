/**
 * Bytes of a bare `.html` file to text: the `<meta charset>` (or http-equiv content type) of the
 * first kilobytes decides, UTF-8 otherwise.
 */

/**
 * Decodes an HTML file's bytes honouring its declared charset.
 *
 * @example
 * decodeHtmlBytes(new TextEncoder().encode('<meta charset="utf-8"><p>é')); // '<meta charset="utf-8"><p>é'
 */
export function decodeHtmlBytes(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096)).toLowerCase();
  const at = head.indexOf('charset=');
  let label = 'utf-8';
  if (at >= 0) {
    const m = /^charset=["']?([a-z0-9_:.-]{1,40})/.exec(head.slice(at));
    if (m?.[1] !== undefined) label = m[1];
  }
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
