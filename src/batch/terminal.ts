/**
 * Text from a message (Subject, file names, charset names in error messages, URL parts) shown on
 * a terminal must not drive it: an escape sequence could retitle the window, hide lines, or
 * rewrite what is already on screen, and bidirectional overrides can make text read backwards.
 * Such characters are shown as visible `\uXXXX` escapes. Machine formats (JSON, NDJSON, CSV) keep
 * the exact data.
 */

/** C0 controls, DEL, C1 controls, and the Unicode bidirectional embeddings, overrides and isolates. */
function isUnsafe(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x200e || c === 0x200f || c === 0x061c;
}

/**
 * One line of text with every control and bidi character written as `\uXXXX` (newlines and tabs
 * included: the caller lays out the lines).
 *
 * @example
 * terminalSafe('Sale\u001b]0;owned\u0007'); // 'Sale\\u001b]0;owned\\u0007'
 */
export function terminalSafe(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isUnsafe(c)) continue;
    out += `${text.slice(from, i)}\\u${c.toString(16).padStart(4, '0')}`;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * Several lines made safe one by one; the line breaks between them stay.
 *
 * @example
 * terminalLines('a\nb\u001b[2J'); // 'a\nb\\u001b[2J'
 */
export function terminalLines(text: string): string {
  return text.split('\n').map(terminalSafe).join('\n');
}
